import RotaCore
import RotaStore
import RotaUI

/// The planner's backend over the rota database: loads a week's window, saves
/// edits with their expectations, undoes and redoes from the change log.
final class StoreBackend: RotaBackend {
  let store: RotaStore
  let who: String
  var readOnly: Bool { store.readOnly }

  init(store: RotaStore, who: String) {
    self.store = store
    self.who = who
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
      let policy = try store.policy()
      let window = RotaStore.window(for: weeks, policy: policy)
      let start = min(window.lowerBound, weeks.lowerBound.adding(weeks: -7).monday)
      return try store.load(window: start...window.upperBound)
    } catch {
      throw translate(error)
    }
  }

  func apply(_ edit: Edit, expecting: [CellExpectation]) throws(BackendError) -> String {
    do {
      let result = try store.apply(edit, expecting: expecting, who: who, at: Clock.now())
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

  func recentChanges(worker: String, limit: Int) -> [String] {
    let year = Clock.now().date.year
    return ((try? store.log(worker: worker, limit: limit)) ?? []).reversed().map { $0.line(currentYear: year) }
  }
}
