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
  /// The latest changes to one worker's dates, newest first (for "what changed").
  func recentChanges(worker: String, limit: Int) -> [String]
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

  public func recentChanges(worker: String, limit: Int) -> [String] { [] }
}
