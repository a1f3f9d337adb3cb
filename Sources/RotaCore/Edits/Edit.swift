/// One change a coordinator makes to the rota. The planner, `rota move` and
/// undo all go through these, so the change log, undo and live refresh see the
/// same thing.
public enum Edit: Hashable, Sendable, Codable {
  /// Put a worker somewhere for one half-day or a whole day (`half` nil).
  case move(worker: String, date: LocalDate, half: Half?, to: Place)
  /// Swap the same worker's places on two dates (one half, or both).
  case swapDays(worker: String, first: LocalDate, second: LocalDate, half: Half?)
  /// Swap two workers' places on one date (one half, or both).
  case swapWorkers(first: String, second: String, date: LocalDate, half: Half?)
  case bookLeave(Leave)
  case cancelLeave(Leave)
  case addEvent(Event)
  case removeEvent(Event)
  /// Give a worker a new usual week from `from` on; weeks before keep the old one.
  case changePattern(worker: String, from: LocalDate, pattern: WeeklyPattern)
}

extension Edit {
  /// Every date the edit names, which must all be dates rota supports.
  public var dates: [LocalDate] {
    switch self {
    case .move(_, let date, _, _), .swapWorkers(_, _, let date, _), .changePattern(_, let date, _): return [date]
    case .swapDays(_, let first, let second, _): return [first, second]
    case .bookLeave(let leave), .cancelLeave(let leave): return [leave.from.date, leave.to.date]
    case .addEvent(let event), .removeEvent(let event): return [event.date]
    }
  }
}

/// The smallest changes an edit is made of; the store turns each into SQL, and
/// `Rota.applying` into a new rota in memory.
public enum RotaChange: Hashable, Sendable, Codable {
  /// Sets (or, with nil, removes) the override for one half-day.
  case setOverride(worker: String, date: LocalDate, half: Half, place: Place?)
  case addLeave(Leave)
  case removeLeave(Leave)
  case addEvent(Event)
  case removeEvent(Event)
  case setPattern(worker: String, pattern: WeeklyPattern)
}

/// What an edit expects a half-day's planned place to be before it runs. An edit
/// made from an out-of-date view fails this check instead of writing over
/// someone else's change.
public struct CellExpectation: Hashable, Sendable, Codable {
  public let worker: String
  public let date: LocalDate
  public let half: Half
  public let place: Place

  public init(worker: String, date: LocalDate, half: Half, place: Place) {
    self.worker = worker
    self.date = date
    self.half = half
    self.place = place
  }
}

/// An edit worked out against the current rota: the changes to make, the
/// changes that undo them, and a sentence for the change log.
public struct EditPlan: Hashable, Sendable, Codable {
  public var changes: [RotaChange]
  public var inverse: [RotaChange]
  /// The planned places the cells have after the edit (what undo expects).
  public var after: [CellExpectation]
  /// The planned places the cells had before the edit (what redo expects).
  public var before: [CellExpectation]
  public var summary: String
  /// The workers and dates it touches, for the log's filters and for re-checking.
  public var workers: [String]
  public var firstDate: LocalDate
  public var lastDate: LocalDate
  /// True when the edit changes every date from `firstDate` on (a new usual week).
  public var openEnded: Bool

  public init(
    changes: [RotaChange], inverse: [RotaChange], after: [CellExpectation], before: [CellExpectation],
    summary: String, workers: [String], firstDate: LocalDate, lastDate: LocalDate, openEnded: Bool
  ) {
    self.changes = changes
    self.inverse = inverse
    self.after = after
    self.before = before
    self.summary = summary
    self.workers = workers
    self.firstDate = firstDate
    self.lastDate = lastDate
    self.openEnded = openEnded
  }
}

/// Why an edit cannot be made.
public enum EditError: Error, Equatable, Sendable {
  case unknownWorker(String)
  case unknownSite(String)
  /// The cell is not what the edit expected: someone changed it.
  case conflict(CellExpectation, current: Place)
  /// The leave or event to remove is not there any more.
  case missing(String)
  case invalid(String)
}
