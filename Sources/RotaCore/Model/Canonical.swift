extension Rota {
  /// The same rota in canonical order: overrides resolved so that each worker,
  /// date and half has one entry (whole-day entries where both halves agree), and
  /// leave, overrides and events sorted by date, then worker id. The rota file
  /// writer and every comparison of rotas use this form.
  public func canonicalized() -> Rota {
    var copy = self
    copy.overrides = Rota.resolveOverrides(overrides)
    copy.leave = leave.sorted { a, b in
      (a.from, a.worker, a.to, a.kind.rawValue) < (b.from, b.worker, b.to, b.kind.rawValue)
    }
    copy.events = events.sorted(by: Rota.eventOrder)
    copy.sites = sites.map { site in
      var s = site
      s.closed = Array(Set(site.closed)).sorted()
      return s
    }
    copy.workers = workers.map { worker in
      var w = worker
      w.patternChanges.sort { $0.from < $1.from }
      return w
    }
    return copy
  }

  /// Applies "a later override for the same worker and session replaces an earlier
  /// one" and merges two halves with the same place into one whole-day entry.
  public static func resolveOverrides(_ list: [Override]) -> [Override] {
    struct Key: Hashable {
      let worker: String
      let date: LocalDate
    }
    var halves: [Key: [Place?]] = [:]
    for o in list {
      let key = Key(worker: o.worker, date: o.date)
      var pair = halves[key] ?? [nil, nil]
      for h in (o.half.map { [$0] } ?? [.am, .pm]) { pair[h.rawValue] = o.place }
      halves[key] = pair
    }
    var out: [Override] = []
    out.reserveCapacity(halves.count)
    for (key, pair) in halves {
      if let am = pair[0], let pm = pair[1], am == pm {
        out.append(Override(worker: key.worker, date: key.date, half: nil, place: am))
      } else {
        if let am = pair[0] { out.append(Override(worker: key.worker, date: key.date, half: .am, place: am)) }
        if let pm = pair[1] { out.append(Override(worker: key.worker, date: key.date, half: .pm, place: pm)) }
      }
    }
    return out.sorted { a, b in
      (a.date, a.worker, a.half?.rawValue ?? -1) < (b.date, b.worker, b.half?.rawValue ?? -1)
    }
  }

  /// Events by date, then worker id (an event's first attendee), then half
  /// (whole-day first), then title.
  static func eventOrder(_ a: Event, _ b: Event) -> Bool {
    let ka = (a.date, a.attendees.first ?? "", a.half?.rawValue ?? -1, a.title)
    let kb = (b.date, b.attendees.first ?? "", b.half?.rawValue ?? -1, b.title)
    if ka != kb { return ka < kb }
    return (a.kind.rawValue, a.venue.token, a.attendees.joined(separator: ","), a.lead ?? "")
      < (b.kind.rawValue, b.venue.token, b.attendees.joined(separator: ","), b.lead ?? "")
  }
}
