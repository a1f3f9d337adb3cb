/// What planning an edit needs to read. The store answers from inside its write
/// transaction; an in-memory rota answers from its arrays.
public protocol RotaReading {
  func worker(id: String) throws -> Worker?
  func site(code: String) throws -> Site?
  /// The override for one half-day, if any.
  func override(worker: String, date: LocalDate, half: Half) throws -> Place?
  /// Overrides of one worker between two dates, inclusive, one per half-day.
  func overrides(worker: String, from: LocalDate, to: LocalDate) throws -> [Override]
  func contains(_ leave: Leave) throws -> Bool
  func contains(_ event: Event) throws -> Bool
  /// A worker's leave entries, in the order they were booked.
  func leave(worker: String) throws -> [Leave]
}

extension RotaReading {
  /// A worker's or site's field as it is now (nil when absent).
  public func current(_ e: RecordExpectation) throws -> String? {
    switch e.subject {
    case .worker(let id): return RecordExpectation.value(e.field, of: try worker(id: id))
    case .site(let code): return RecordExpectation.value(e.field, of: try site(code: code))
    }
  }

  /// The planned place: the override, else the usual week in force on the date.
  public func planned(worker w: Worker, date: LocalDate, half: Half) throws -> Place {
    try override(worker: w.id, date: date, half: half) ?? w.pattern(on: date)[date.weekday, half]
  }
}

extension Rota: RotaReading {
  public func worker(id: String) -> Worker? { worker(id) }
  public func site(code: String) -> Site? { site(code) }

  public func override(worker: String, date: LocalDate, half: Half) -> Place? {
    // Later entries win, as in the rota file.
    overrides.last { $0.worker == worker && $0.date == date && ($0.half == nil || $0.half == half) }?.place
  }

  public func overrides(worker: String, from: LocalDate, to: LocalDate) -> [Override] {
    var out: [Override] = []
    var day = from
    while day <= to {
      for half in Half.allCases {
        if let p = override(worker: worker, date: day, half: half) {
          out.append(Override(worker: worker, date: day, half: half, place: p))
        }
      }
      day = day.adding(days: 1)
    }
    return out
  }

  public func contains(_ leave: Leave) -> Bool { self.leave.contains(leave) }
  public func leave(worker: String) -> [Leave] { leave.filter { $0.worker == worker } }
  public func contains(_ event: Event) -> Bool { events.contains(event) }

  /// The rota after `changes`, in memory (for previews and tests; the store
  /// applies the same changes in SQL).
  public func applying(_ changes: [RotaChange]) -> Rota {
    var r = self
    for change in changes {
      switch change {
      case .setOverride(let worker, let date, let half, let place):
        r.overrides = r.overrides.flatMap { o -> [Override] in
          guard o.worker == worker, o.date == date, o.half == nil || o.half == half else { return [o] }
          if o.half == nil {
            // Split a whole-day override so the other half keeps its place.
            return [Override(worker: worker, date: date, half: half == .am ? .pm : .am, place: o.place)]
          }
          return []
        }
        if let place { r.overrides.append(Override(worker: worker, date: date, half: half, place: place)) }
        // The day's overrides in the store's form (two halves with one place are one whole day).
        let day = r.overrides.filter { $0.worker == worker && $0.date == date }
        r.overrides.removeAll { $0.worker == worker && $0.date == date }
        r.overrides += Rota.resolveOverrides(day)
      case .addLeave(let l): r.leave.append(l)
      case .removeLeave(let l):
        if let i = r.leave.firstIndex(of: l) { r.leave.remove(at: i) }
      case .addEvent(let e): r.events.append(e)
      case .removeEvent(let e):
        if let i = r.events.firstIndex(of: e) { r.events.remove(at: i) }
      case .setPattern(let worker, let pattern):
        if let i = r.workers.firstIndex(where: { $0.id == worker }) { r.workers[i].pattern = pattern }
      case .setPatternChange(let worker, let from, let pattern):
        guard let i = r.workers.firstIndex(where: { $0.id == worker }) else { continue }
        r.workers[i].patternChanges.removeAll { $0.from == from }
        if let pattern {
          r.workers[i].patternChanges.append(PatternChange(from: from, pattern: pattern))
          r.workers[i].patternChanges.sort { $0.from < $1.from }
        }
      case .addWorker(let w): r.workers.append(w)
      case .removeWorker(let id): r.workers.removeAll { $0.id == id }
      case .updateWorker(let id, let change):
        if let i = r.workers.firstIndex(where: { $0.id == id }) { r.workers[i] = change.applied(to: r.workers[i]) }
      case .addSite(let s): r.sites.append(s)
      case .removeSite(let code): r.sites.removeAll { $0.code == code }
      case .updateSite(let code, let change):
        if let i = r.sites.firstIndex(where: { $0.code == code }) { r.sites[i] = change.applied(to: r.sites[i]) }
      }
    }
    return r
  }
}
