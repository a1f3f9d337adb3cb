import RotaCore

/// Why the planner's backend refused something, in words for the status line.
public struct BackendError: Error, Sendable {
  public enum Kind: Sendable {
    /// Someone else changed the rota first: reload and say who.
    case conflict
    /// The edit is not possible as asked.
    case invalid
    /// Read-only, locked, damaged: nothing can be saved now.
    case unavailable
  }

  public let kind: Kind
  public let message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }
}

/// Where the planner reads and saves the rota: the database for the real
/// program, memory for tests.
public protocol RotaBackend: AnyObject {
  /// True when nothing may be changed.
  var readOnly: Bool { get }
  /// Who edits are recorded as.
  var who: String { get }
  /// The rota with the dated entries that `weeks` need.
  func load(weeks: ClosedRange<ISOWeek>) throws(BackendError) -> Rota
  /// Saves one edit, refusing it if the expected cells, or the expected fields of
  /// workers and sites, changed. Returns a line for the status bar.
  func apply(_ edit: Edit, expecting: [CellExpectation], records: [RecordExpectation]) throws(BackendError) -> String
  func undo() throws(BackendError) -> String
  func redo() throws(BackendError) -> String
  /// A number that changes when anyone commits a change (for live updates).
  func changeCounter() -> Int
  /// The number of the change log's latest entry (0 when there is none).
  func latestChange() -> Int
  /// Who made the changes logged after entry `after`, and what, oldest first (for
  /// saying what a live update brought).
  func changes(after: Int) -> [ChangeNote]
  /// When the worker last opened their own week (nil: never).
  func lastOpened(worker: String) -> LocalDateTime?
  /// What changed in a worker's week after `since`, in sentences.
  func changes(worker: String, week: ISOWeek, since: LocalDateTime) -> [String]
  /// Records that the worker has now seen their week (does nothing read-only).
  func markOpened(worker: String)
  /// Writes the worker's week as an iCalendar file; returns a sentence saying where.
  func exportWeek(worker: String, week: ISOWeek) throws(BackendError) -> String
}

/// One change another person saved, as a live update reports it.
public struct ChangeNote: Hashable, Sendable {
  public let who: String
  public let summary: String
  /// The ids of the workers the change is about (a worker's own planner says
  /// only who changed a colleague's rota, never what: it may be their leave).
  public let workers: [String]

  public init(who: String, summary: String, workers: [String] = []) {
    self.who = who
    self.summary = summary
    self.workers = workers
  }
}
