import RotaCore
import RotaUI

/// A backend that keeps the rota in memory, for the tests and the benchmarks (not
/// part of the product).
public final class InMemoryBackend: RotaBackend {
  public private(set) var rota: Rota
  public let readOnly: Bool
  public let who: String
  private var undone: [(EditPlan, String)] = []
  private var done: [(EditPlan, String)] = []
  private var counter = 0
  public private(set) var log: [String] = []
  /// Every change, with who made it, numbered from 1 like the change log.
  public private(set) var notes: [ChangeNote] = []

  public init(_ rota: Rota, readOnly: Bool = false, who: String = "tester") {
    self.rota = rota
    self.readOnly = readOnly
    self.who = who
  }

  public func load(weeks: ClosedRange<ISOWeek>) -> Rota { rota }

  public func apply(_ edit: Edit, expecting: [CellExpectation], records: [RecordExpectation] = []) throws(BackendError)
    -> String
  {
    guard !readOnly else { throw BackendError(.unavailable, "read-only: nothing can be changed") }
    let plan: EditPlan
    do {
      plan = try EditPlanner(rota).plan(edit, expecting: expecting, records: records)
    } catch let e as EditError {
      switch e {
      case .conflict(let cell, let current):
        throw BackendError(.conflict, "\(cell.worker) \(cell.date.short) \(cell.half.label) is now \(current.token)")
      case .recordConflict(let record, let current):
        throw BackendError(.conflict, "\(record.subject) \(record.field) is now \(current ?? "gone")")
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
    notes.append(ChangeNote(who: who, summary: plan.summary, workers: plan.workers))
    return "saved: \(plan.summary)"
  }

  public func undo() throws(BackendError) -> String {
    guard let (plan, summary) = done.popLast() else { throw BackendError(.invalid, "nothing to undo") }
    rota = rota.applying(plan.inverse)
    undone.append((plan, summary))
    counter += 1
    notes.append(ChangeNote(who: who, summary: "undid: \(summary)", workers: plan.workers))
    return "undid: \(summary)"
  }

  public func redo() throws(BackendError) -> String {
    guard let (plan, summary) = undone.popLast() else { throw BackendError(.invalid, "nothing to redo") }
    rota = rota.applying(plan.changes)
    done.append((plan, summary))
    counter += 1
    notes.append(ChangeNote(who: who, summary: "redid: \(summary)", workers: plan.workers))
    return "redid: \(summary)"
  }

  public func changeCounter() -> Int { counter }

  public func latestChange() -> Int { notes.count }

  public func changes(after: Int) -> [ChangeNote] { Array(notes.dropFirst(max(0, after))) }

  /// Replaces the rota as if another program had changed it (for tests of live updates).
  public func externalChange(
    _ changes: [RotaChange], who: String = "someone else", summary: String = "a change", workers: [String] = []
  ) {
    rota = rota.applying(changes)
    counter += 1
    notes.append(ChangeNote(who: who, summary: summary, workers: workers))
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
