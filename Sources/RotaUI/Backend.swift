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
  /// Saves one edit, refusing it if the expected cells changed. Returns a line
  /// for the status bar.
  func apply(_ edit: Edit, expecting: [CellExpectation]) throws(BackendError) -> String
  func undo() throws(BackendError) -> String
  func redo() throws(BackendError) -> String
  /// A number that changes when anyone commits a change (for live updates).
  func changeCounter() -> Int
  /// When the worker last opened their own week (nil: never).
  func lastOpened(worker: String) -> LocalDateTime?
  /// What changed in a worker's week after `since`, in sentences.
  func changes(worker: String, week: ISOWeek, since: LocalDateTime) -> [String]
  /// Records that the worker has now seen their week (does nothing read-only).
  func markOpened(worker: String)
  /// Writes the worker's week as an iCalendar file; returns a sentence saying where.
  func exportWeek(worker: String, week: ISOWeek) throws(BackendError) -> String
}

/// A backend that keeps the rota in memory, for tests and the headless harness.
public final class InMemoryBackend: RotaBackend {
  public private(set) var rota: Rota
  public let readOnly: Bool
  public let who: String
  private var undone: [(EditPlan, String)] = []
  private var done: [(EditPlan, String)] = []
  private var counter = 0
  public private(set) var log: [String] = []

  public init(_ rota: Rota, readOnly: Bool = false, who: String = "tester") {
    self.rota = rota
    self.readOnly = readOnly
    self.who = who
  }

  public func load(weeks: ClosedRange<ISOWeek>) -> Rota { rota }

  public func apply(_ edit: Edit, expecting: [CellExpectation]) throws(BackendError) -> String {
    guard !readOnly else { throw BackendError(.unavailable, "read-only: nothing can be changed") }
    let plan: EditPlan
    do {
      plan = try EditPlanner(rota).plan(edit, expecting: expecting)
    } catch let e as EditError {
      switch e {
      case .conflict(let cell, let current):
        throw BackendError(.conflict, "\(cell.worker) \(cell.date.short) \(cell.half.label) is now \(current.token)")
      default: throw BackendError(.invalid, "\(e)")
      }
    } catch {
      throw BackendError(.invalid, "\(error)")
    }
    guard !plan.changes.isEmpty else { return "no change" }
    rota = rota.applying(plan.changes)
    done.append((plan, plan.summary))
    undone.removeAll()
    counter += 1
    log.append(plan.summary)
    return "saved: \(plan.summary)"
  }

  public func undo() throws(BackendError) -> String {
    guard let (plan, summary) = done.popLast() else { throw BackendError(.invalid, "nothing to undo") }
    rota = rota.applying(plan.inverse)
    undone.append((plan, summary))
    counter += 1
    return "undid: \(summary)"
  }

  public func redo() throws(BackendError) -> String {
    guard let (plan, summary) = undone.popLast() else { throw BackendError(.invalid, "nothing to redo") }
    rota = rota.applying(plan.changes)
    done.append((plan, summary))
    counter += 1
    return "redid: \(summary)"
  }

  public func changeCounter() -> Int { counter }

  /// Replaces the rota as if another program had changed it (for tests of live updates).
  public func externalChange(_ changes: [RotaChange]) {
    rota = rota.applying(changes)
    counter += 1
  }

  public var seen: [String: LocalDateTime] = [:]
  public var exported: [(String, ISOWeek)] = []

  public var changeSentences: [String] = []

  public func lastOpened(worker: String) -> LocalDateTime? { seen[worker] }

  public func changes(worker: String, week: ISOWeek, since: LocalDateTime) -> [String] { changeSentences }

  public func markOpened(worker: String) {
    guard !readOnly else { return }
    seen[worker] = LocalDateTime(iso: "2026-11-25T09:00")
  }

  public func exportWeek(worker: String, week: ISOWeek) throws(BackendError) -> String {
    exported.append((worker, week))
    return "wrote \(worker)'s \(week.iso) to rota-\(worker)-\(week.iso).ics"
  }
}
