import Foundation
import RotaCore
import RotaStore
import RotaUI

/// The planner's backend over the rota database: loads a week's window, saves
/// edits with their expectations, undoes and redoes from the change log.
final class StoreBackend: RotaBackend {
  let store: RotaStore
  let who: String
  /// The worker whose own entry point this is (`--worker ID`): only their mark moves.
  let ownWorker: String?
  var readOnly: Bool { store.readOnly }

  init(store: RotaStore, who: String, ownWorker: String? = nil) {
    self.store = store
    self.who = who
    self.ownWorker = ownWorker
  }

  func translate(_ error: StoreError) -> BackendError {
    switch error {
    case .conflict(let m): return BackendError(.conflict, m)
    case .invalidEdit(let m), .nothingToUndo(let m): return BackendError(.invalid, m)
    default: return BackendError(.unavailable, error.description)
    }
  }

  func load(weeks: ClosedRange<ISOWeek>) throws(BackendError) -> Rota {
    do {
      // Eight weeks back as well: the isolation board's trend reads them.
      return try store.loadAnalysed(weeks: weeks, reportingWeeksBefore: 7).0
    } catch {
      throw translate(error)
    }
  }

  func apply(_ edit: Edit, expecting: [CellExpectation], records: [RecordExpectation]) throws(BackendError) -> String {
    do {
      let result = try store.apply(edit, expecting: expecting, records: records, who: who, at: Clock.now())
      return result.entry.map { "saved: \($0.summary)" } ?? "no change"
    } catch {
      throw translate(error)
    }
  }

  func undo() throws(BackendError) -> String {
    do {
      return try store.undo(who: who, at: Clock.now()).entry?.summary ?? "undone"
    } catch {
      throw translate(error)
    }
  }

  func redo() throws(BackendError) -> String {
    do {
      return try store.redo(who: who, at: Clock.now()).entry?.summary ?? "redone"
    } catch {
      throw translate(error)
    }
  }

  func changeCounter() -> Int { (try? store.dataVersion()) ?? 0 }

  func latestChange() -> Int { (try? store.changeCount()) ?? 0 }

  func changes(after: Int) -> [ChangeNote] {
    guard let entries = try? store.log(after: Int64(after)) else { return [] }
    // In a worker's own planner, others' leave is "leave", never its kind.
    return entries.map {
      ChangeNote(
        who: $0.who, summary: ownWorker == nil ? $0.summary : ChangeNotice.withoutLeaveKinds($0.summary),
        workers: $0.workers)
    }
  }

  func lastOpened(worker: String) -> LocalDateTime? { (try? store.seenMark(worker: worker))??.at }

  /// The netted notice of what changed for the worker since their mark, this
  /// week and later, in sentences (`week` and `since` are the planner's; the
  /// store's mark is what counts).
  func changes(worker: String, week: ISOWeek, since: LocalDateTime) -> [String] {
    notice(worker: worker).sentences
  }

  /// What changed for the worker since they last looked (`RotaStore.notice`).
  func notice(worker: String) -> ChangeNotice {
    (try? store.notice(worker: worker, today: Clock.today()))
      ?? ChangeNotice.make(worker: worker, rota: Rota(pcn: ""), changes: [], since: nil, today: Clock.today())
  }

  /// Moves the worker's "last looked" mark, only when this planner was opened
  /// as that worker's own (`rota open --worker ID`) and can write: a
  /// coordinator's look at someone's week (`p`) leaves their notice for them.
  func markOpened(worker: String) {
    guard !readOnly, worker == ownWorker else { return }
    try? store.markSeen(worker: worker, at: Clock.now())
  }

  /// Writes `rota-ID-WEEK.ics` in the current folder, or the home folder when the
  /// current one cannot be written.
  func exportWeek(worker: String, week: ISOWeek) throws(BackendError) -> String {
    do {
      let rota = try store.load(window: RotaStore.window(for: week...week, policy: try store.policy()))
      guard let person = rota.worker(worker) else { throw BackendError(.invalid, "no worker has the id \(worker)") }
      let analysis = RotaAnalysis(rota)
      let sessions = analysis.workedSessions(from: week.monday, to: week.sunday, worker: worker)
      let events = analysis.calendarEvents(from: week.monday, to: week.sunday, worker: worker)
      let text = ICalendarExport.text(
        sessions, events: events, pcn: rota.pcn, calendarName: "\(person.name) — \(rota.pcn)", stamp: Clock.now(),
        sequence: try store.changeCount(), namesInSummary: false)
      let name = "rota-\(worker)-\(week.iso).ics"
      let here = FileManager.default.currentDirectoryPath
      let folder = access(here, W_OK) == 0 ? here : (ProcessInfo.processInfo.environment["HOME"] ?? here)
      let path = folder + "/" + name
      do {
        try writeFile(text, to: path)
      } catch {
        throw BackendError(.unavailable, "could not write \(path)")
      }
      let also = events.isEmpty ? "" : " and \(events.count) team event\(events.count == 1 ? "" : "s")"
      return "wrote \(sessions.count) sessions\(also) to \(path); open it with your calendar"
    } catch let error as StoreError {
      throw translate(error)
    } catch let error as BackendError {
      throw error
    } catch {
      throw BackendError(.unavailable, "\(error)")
    }
  }
}
