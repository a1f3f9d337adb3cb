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
      default: state.overlay = .chooser(state.peopleChooser(people, myWeek: false))
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

  /// Leave from the cursor's day: booked there; or, on a day already on leave, a
  /// choice between cancelling some of that leave (half days too) and booking more.
  func openLeave() {
    guard let (w, day, _) = cellForEdit() else { return }
    let id = state.model.rota.workers[w].id
    let date = state.model.date(day)
    let covering = state.model.rota.leave.filter { $0.worker == id && $0.from.date <= date && $0.to.date >= date }
    guard let leave = covering.first else {
      state.overlay = .form(state.leaveForm(book: true, worker: id, from: DatedSession(date), to: DatedSession(date)))
      return
    }
    let span = leave.from == leave.to ? leave.from.token : "\(leave.from.token) to \(leave.to.token)"
    let why = state.mayKnowWhy(id) ? "on \(leave.kind.displayName)" : "away"
    state.overlay = .chooser(
      Chooser(
        title: "\(state.model.rota.workers[w].name) is \(why) \(span)",
        entries: [
          ("Cancel all or part of it (half days too)", .cancelLeave(worker: id, from: leave.from, to: leave.to)),
          ("Book more leave", .bookLeave(worker: id, date: date)),
        ]))
  }

  /// The day's events for the cursor's worker: a new one, or one of theirs to change or remove.
  func openEvents() {
    guard let (w, day, _) = cellForEdit() else { return }
    let id = state.model.rota.workers[w].id
    let date = state.model.date(day)
    let theirs = state.model.rota.events.filter { $0.date == date && $0.attendees.contains(id) }
    guard !theirs.isEmpty else {
      state.overlay = .form(state.eventForm(editing: nil, date: date, attendees: [id]))
      return
    }
    var entries: [(label: String, choice: Chooser.Choice)] = [
      ("A new event on \(date.short)", .newEvent(date: date, worker: id))
    ]
    for e in theirs {
      let when = e.half.map { " (\($0.label))" } ?? ""
      entries.append(("Change \(e.title)\(when)", .editEvent(e)))
      entries.append(("Remove \(e.title)\(when)", .removeEvent(e)))
    }
    state.overlay = .chooser(
      Chooser(title: "\(state.model.rota.workers[w].name)'s events on \(date.short)", entries: entries))
  }

  /// Carries out what was chosen in a short list.
  func choose(_ choice: Chooser.Choice) {
    switch choice {
    case .pickUp(let worker): startSiteCarry(worker: worker)
    case .myWeek(let worker): openMyWeek(worker)
    case .newEvent(let date, let worker):
      state.overlay = .form(state.eventForm(editing: nil, date: date, attendees: [worker]))
    case .editEvent(let e): state.overlay = .form(state.eventForm(editing: e, date: e.date, attendees: e.attendees))
    case .removeEvent(let e): submit(PendingEdit(edit: .removeEvent(e), expecting: []))
    case .bookLeave(let worker, let date):
      state.overlay = .form(
        state.leaveForm(book: true, worker: worker, from: DatedSession(date), to: DatedSession(date)))
    case .cancelLeave(let worker, let from, let to):
      state.overlay = .form(state.leaveForm(book: false, worker: worker, from: from, to: to))
    }
  }

  /// Saves what a form asked for; first, if it would leave someone flagged (away
  /// at an event, double-booked, not in post, working during leave), says so and asks.
  func submit(_ pending: PendingEdit) {
    let warnings = warnings(for: pending.edit)
    guard !warnings.isEmpty else { return save(pending.edit, expecting: pending.expecting, records: pending.records) }
    // One question for both: what would be flagged, and a day already past.
    let past =
      pending.edit.dates.min().map { state.isPast($0) ? "It changes \($0.short), a day already past. " : "" } ?? ""
    state.overlay = .confirm(
      Confirmation(
        question: past + "Saving this will be flagged: " + warnings.joined(separator: "; ") + ". Save anyway?",
        pending: pending, title: "Before saving"))
  }

  /// The findings an edit would newly raise about the people it names, of the
  /// kinds a form should warn about, in the weeks it touches (loaded afresh).
  func warnings(for edit: Edit) -> [String] {
    let people: Set<String>
    switch edit {
    case .addEvent(let e), .editEvent(_, let e): people = Set(e.attendees)
    case .bookLeave(let l): people = [l.worker]
    default: return []
    }
    guard let first = edit.dates.min(), let last = edit.dates.max() else { return [] }
    let kinds: Set<Rule> = [.awayAtEvent, .doubleBooked, .notInPost, .leaveClash]
    var out: [String] = []
    var week = first.isoWeek
    var weeks = 0
    while week <= last.isoWeek && weeks < 8 {
      defer {
        week = week.adding(weeks: 1)
        weeks += 1
      }
      guard let rota = try? backend.load(weeks: week...week), let plan = try? EditPlanner(rota).plan(edit) else {
        continue
      }
      let before = Set(RotaAnalysis(rota).report(for: week).findings)
      for f in RotaAnalysis(rota.applying(plan.changes)).report(for: week).findings
      where kinds.contains(f.rule) && !before.contains(f) && people.contains(f.worker ?? "") {
        out.append(f.message)
      }
    }
    return out
  }

  // MARK: Saving

  /// Saves an edit. One that changes a day already past waits for a yes first.
  func save(_ edit: Edit, expecting: [CellExpectation], records: [RecordExpectation] = [], confirmed: Bool = false) {
    if state.readOnly { return say(Self.readOnlyRefusal, .error) }
    let plan = try? EditPlanner(state.model.rota).plan(edit)
    if let plan, plan.changes.isEmpty { return say("no change: \(plan.summary)") }
    // The dates the edit names (a day moved, leave, an event, a last day): not the
    // span a change to a worker's sessions reaches, which is every week.
    if !confirmed, let first = edit.dates.min(), state.isPast(first) {
      state.overlay = .confirm(
        Confirmation(
          question:
            "This changes \(first.short), a day already past (today is \(state.today.short)). Save it anyway?",
          pending: PendingEdit(edit: edit, expecting: expecting, records: records)))
      return
    }
    do {
      let message = try backend.apply(edit, expecting: expecting, records: records)
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
    // A plan was made on the week as it was; once the rota changes it is dropped, not applied blind.
    state.plan = nil
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
    let hadPlan = state.plan != nil
    reload(keepingStatus: true)
    let cells = changedCells(from: before, to: state.model)
    if !cells.isEmpty { state.changed = ChangedCells(cells: cells, ticksLeft: Self.changedTicks) }
    let notes = backend.changes(after: since)
    for note in notes.dropLast() { say("\(note.who) changed: \(state.visibleSummary(note))") }
    let what =
      notes.last.map {
        notes.count == 1
          ? "\($0.who) changed: \(state.visibleSummary($0))"
          : "\(notes.count) changes by others, the last by \($0.who): \(state.visibleSummary($0))"
      } ?? "updated: someone else saved a change"
    if let source, sourcePlaces(source, in: state.model) != sourceBefore {
      let whose = state.model.workerIndex[source.worker].map { state.model.rota.workers[$0].name } ?? source.worker
      state.carry = nil
      state.drag.cancel()
      state.dragPreview = nil
      say(
        "move cancelled, \(whose)'s \(source.date.short) changed: \(what)", .error,
        short: "move cancelled: \(notes.last?.who ?? "someone else") changed \(whose)'s \(source.date.short)")
    } else if hadPlan {
      say(
        "plan dropped: the rota changed (\(what)); A makes a new one", .error,
        short: "plan dropped: the rota changed; A makes a new one")
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
