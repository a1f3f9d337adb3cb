/// The demo PCN built into the binary (`seeds/demo-pcn.yaml`), so `rota` shows a
/// busy week from any directory with nothing set up.
public enum DemoPCN {
  /// The seed file's text, byte for byte.
  public static var yaml: String { String(decoding: PackageResources.demo_pcn_yaml, as: UTF8.self) }

  /// The demo as written, dated for its anchor week.
  public static func rota() -> Rota {
    do {
      return try RotaFileReader(file: "seeds/demo-pcn.yaml").read(yaml)
    } catch {
      // The seed is checked by the tests on every build; a broken one is a build defect.
      preconditionFailure("the built-in demo does not read: \(error)")
    }
  }

  /// The demo with its dated entries moved so that its anchor week is `week`.
  public static func rota(for week: ISOWeek) -> Rota { rota().moved(toWeek: week) }
}

extension Rota {
  /// The rota with every dated entry (leave, overrides, events, closures, and
  /// the dates of posts, sites in use and usual-week changes) moved by whole
  /// weeks so that the anchor week falls on `week`. Weekdays are kept, so a
  /// Thursday closure stays a Thursday closure. A rota with no anchor week is
  /// returned unchanged.
  public func moved(toWeek week: ISOWeek) -> Rota {
    guard let anchor = anchorWeek else { return self }
    let days = anchor.distance(to: week) * 7
    guard days != 0 else { return self }
    func move(_ d: LocalDate) -> LocalDate { d.adding(days: days) }
    func move(_ s: DatedSession) -> DatedSession { DatedSession(move(s.date), s.half) }
    var r = self
    r.anchorWeek = week
    r.sites = sites.map { site in
      var s = site
      s.closed = site.closed.map(move)
      s.start = site.start.map(move)
      s.end = site.end.map(move)
      return s
    }
    r.workers = workers.map { worker in
      var w = worker
      w.start = worker.start.map(move)
      w.end = worker.end.map(move)
      w.patternChanges = worker.patternChanges.map { PatternChange(from: move($0.from), pattern: $0.pattern) }
      return w
    }
    r.leave = leave.map { Leave(worker: $0.worker, from: move($0.from), to: move($0.to), kind: $0.kind) }
    r.overrides = overrides.map { Override(worker: $0.worker, date: move($0.date), half: $0.half, place: $0.place) }
    r.events = events.map { e in
      var m = e
      m.date = move(e.date)
      return m
    }
    return r
  }
}
