import RotaCore

/// Changing the rota through the backend: picking up and dropping, the edit
/// keys, undo and redo, asking before a day already past is changed, and
/// loading again when someone else saved a change.
extension Planner {
  // MARK: Moving

  func pickUp() {
    switch state.screen {
    case .workers:
      guard let c = state.workerCursor else { return say("no one to move: the filter hides everyone") }
      state.carry = Carry(
        source: MoveSource(
          worker: state.model.rota.workers[c.worker].id, date: state.model.date(c.day), scope: state.scope, from: nil))
      updateCarryPreview()
    case .sites:
      guard let c = state.siteCursor else { return }
      let people = state.people(atSiteRow: c.site, day: c.day, half: c.half)
      switch people.count {
      case 0: say("no one is at this place in this half-day to move")
      case 1: startSiteCarry(worker: people[0])
      default: state.overlay = .chooser(Chooser(workers: people, purpose: .pickUp))
      }
    default:
      say("go to the workers grid (w) or the sites grid (s) to move someone")
    }
  }

  /// Picks up a person from the sites grid's cursor cell: the half under the
  /// cursor, or the whole day when the scope is whole days.
  func startSiteCarry(worker: Int) {
    guard let c = state.siteCursor else { return }
    let scope: Scope = state.scope == .day ? .day : Scope(c.half)
    state.carry = Carry(
      source: MoveSource(
        worker: state.model.rota.workers[worker].id, date: state.model.date(c.day), scope: scope,
        from: state.place(ofSiteRow: c.site)))
    updateCarryPreview()
  }

  /// Works the preview out again when the cursor (the target) has moved.
  func updateCarryPreview() {
    guard var carry = state.carry, let target = state.carryTarget else { return }
    guard carry.preview?.target != target else { return }
    carry.preview = Preview.compute(carry.source, target, model: state.model)
    carry.notice = nil
    state.carry = carry
  }

  /// Drops where the cursor is; where the drop is not possible, says why and keeps
  /// the move, so another cell can be chosen.
  func dropCarry() {
    guard let carry = state.carry, let target = state.carryTarget else { return }
    if let refusal = carry.preview?.refusal, refusal != .putBack, carry.preview?.target == target {
      let why = "can't drop here: \(refusal.short ?? ""); choose another cell, or Esc"
      say(why, .error)
      state.carry?.notice = why
      return
    }
    state.carry = nil
    drop(carry.source, on: target)
  }

  func cancelMove(_ message: String) {
    state.carry = nil
    state.drag.cancel()
    state.dragPreview = nil
    say(message)
  }

  /// Makes the edit for a drop; a refusal says why.
  func drop(_ source: MoveSource, on target: DropTarget) {
    switch MovePlanner.plan(source, target, model: state.model) {
    case .failure(let refusal):
      if refusal == .putBack {
        say("put back where it was")
      } else {
        say("not moved: \(refusal.sentence ?? "")", .error)
      }
    case .success(let planned):
      save(planned.edit, expecting: planned.expecting)
    }
  }

  // MARK: Editing a cell

  /// The worker, day and halves an edit key acts on, from the cursor and the scope.
  func cellForEdit() -> (worker: Int, day: Int, scope: Scope)? {
    switch state.screen {
    case .workers:
      guard let c = state.workerCursor else {
        say("no one to change: the filter hides everyone")
        return nil
      }
      return (c.worker, c.day, state.scope)
    case .sites:
      guard let c = state.siteCursor else { return nil }
      let people = state.people(atSiteRow: c.site, day: c.day, half: c.half)
      guard people.count == 1 else {
        say(people.isEmpty ? "no one is here to change" : "several people are here: pick one up with Space instead")
        return nil
      }
      return (people[0], c.day, state.scope == .day ? .day : Scope(c.half))
    default:
      say("go to the workers grid (w) or the sites grid (s) to change a cell")
      return nil
    }
  }

  func expectations(worker w: Int, day: Int, scope: Scope) -> [CellExpectation] {
    scope.halves.map { h in
      CellExpectation(
        worker: state.model.rota.workers[w].id, date: state.model.date(day), half: h,
        place: state.model.placements.planned(worker: w, slot: day * 2 + h.rawValue))
    }
  }

  func setPlace(_ place: Place) {
    guard let (w, day, scope) = cellForEdit() else { return }
    save(
      .move(worker: state.model.rota.workers[w].id, date: state.model.date(day), half: scope.half, to: place),
      expecting: expectations(worker: w, day: day, scope: scope))
  }

  func openPicker() {
    guard let (w, day, scope) = cellForEdit() else { return }
    state.overlay = .picker(
      PlacePicker(
        worker: state.model.rota.workers[w].id, date: state.model.date(day), scope: scope,
        expecting: expectations(worker: w, day: day, scope: scope)))
  }

  func openLeave() {
    guard let (w, day, _) = cellForEdit() else { return }
    state.overlay = .leave(LeaveForm(worker: state.model.rota.workers[w].id, date: state.model.date(day)))
  }

  // MARK: Saving

  /// Saves an edit. One that changes a day already past waits for a yes first.
  func save(_ edit: Edit, expecting: [CellExpectation], confirmed: Bool = false) {
    if state.readOnly { return say(Self.readOnlyRefusal, .error) }
    let plan = try? EditPlanner(state.model.rota).plan(edit)
    if let plan, plan.changes.isEmpty { return say("no change: \(plan.summary)") }
    if !confirmed, let first = plan?.firstDate, state.isPast(first) {
      state.overlay = .confirm(
        Confirmation(
          question:
            "This changes \(first.short), a day already past (today is \(state.today.short)). Save it anyway?",
          pending: PendingEdit(edit: edit, expecting: expecting)))
      return
    }
    do {
      let message = try backend.apply(edit, expecting: expecting)
      reload(keepingStatus: true)
      say(message, .good)
    } catch {
      // Who saved the change this one ran into, before loading it.
      let others = backend.changes(after: lastChange)
      reload(keepingStatus: true)
      switch error.kind {
      case .conflict:
        let detail = error.message.hasPrefix("refused: ") ? String(error.message.dropFirst(9)) : error.message
        let who = others.last.map { "\($0.who) changed it first" } ?? "it changed first"
        say("not saved, reloaded: \(detail)", .error, short: "not saved: \(who); reloaded")
      case .invalid, .unavailable: say("not saved: \(error.message)", .error)
      }
    }
  }

  func undoOrRedo(undo: Bool) {
    do {
      let message = undo ? try backend.undo() : try backend.redo()
      reload(keepingStatus: true)
      say(message, .good)
    } catch {
      reload(keepingStatus: true)
      say(error.message, error.kind == .invalid ? .info : .error)
    }
  }

  // MARK: Loading

  /// Loads the week again, keeping the screen, cursors, scope and filter.
  func reload(keepingStatus: Bool) {
    do {
      state.model = WeekModel(rota: try backend.load(weeks: state.week...state.week), week: state.week)
      lastCounter = backend.changeCounter()
      lastChange = backend.latestChange()
    } catch {
      say("could not load the rota: \(error.message)", .error)
    }
    if state.screen == .board { state.refreshTrend() }
    if state.screen == .history { state.refreshHistory() }
    if var carry = state.carry {
      carry.preview = nil
      state.carry = carry
      updateCarryPreview()
    }
    if let s = state.drag.source, let t = state.drag.target {
      state.dragPreview = Preview.compute(s, t, model: state.model)
    }
    followCursor()
    if !keepingStatus { state.status = StatusMessage("") }
  }

  /// On each tick: let marks of others' changes fade, and load again when
  /// someone else has saved a change, saying who changed what and marking the
  /// cells that changed. A move whose source changed underneath is cancelled.
  func tick() -> Outcome {
    var outcome = Outcome.nothing
    if var changed = state.changed {
      changed.ticksLeft -= 1
      state.changed = changed.ticksLeft > 0 ? changed : nil
      if state.changed == nil { outcome = .redraw }
    }
    let counter = backend.changeCounter()
    guard counter != lastCounter else { return outcome }
    let before = state.model
    let since = lastChange
    let source = state.moving?.source
    let sourceBefore = source.map { sourcePlaces($0, in: before) }
    reload(keepingStatus: true)
    let cells = changedCells(from: before, to: state.model)
    if !cells.isEmpty { state.changed = ChangedCells(cells: cells, ticksLeft: Self.changedTicks) }
    let notes = backend.changes(after: since)
    for note in notes.dropLast() { say("\(note.who) changed: \(note.summary)") }
    let what =
      notes.last.map {
        notes.count == 1
          ? "\($0.who) changed: \($0.summary)"
          : "\(notes.count) changes by others, the last by \($0.who): \($0.summary)"
      } ?? "updated: someone else saved a change"
    if let source, sourcePlaces(source, in: state.model) != sourceBefore {
      let whose = state.model.workerIndex[source.worker].map { state.model.rota.workers[$0].name } ?? source.worker
      state.carry = nil
      state.drag.cancel()
      state.dragPreview = nil
      say(
        "move cancelled, \(whose)'s \(source.date.short) changed: \(what)", .error,
        short: "move cancelled: \(notes.last?.who ?? "someone else") changed \(whose)'s \(source.date.short)")
    } else {
      say(what)
    }
    return .redraw
  }

  /// The planned places of a move's source, to see whether someone changed it.
  func sourcePlaces(_ s: MoveSource, in model: WeekModel) -> [Place] {
    guard let w = model.workerIndex[s.worker], let day = model.day(of: s.date) else { return [] }
    return s.scope.halves.map { model.placements.planned(worker: w, slot: day * 2 + $0.rawValue) }
  }

  /// The worker cells (worker index in `to` * 14 + slot) whose place differs between two loads of a week.
  func changedCells(from: WeekModel, to: WeekModel) -> Set<Int> {
    guard from.week == to.week else { return [] }
    var out: Set<Int> = []
    for (w, worker) in to.rota.workers.enumerated() {
      guard let old = from.workerIndex[worker.id] else {
        for slot in 0..<14 { out.insert(w * 14 + slot) }
        continue
      }
      for slot in 0..<14
      where from.placements.placement(worker: old, slot: slot) != to.placements.placement(worker: w, slot: slot) {
        out.insert(w * 14 + slot)
      }
    }
    return out
  }
}
