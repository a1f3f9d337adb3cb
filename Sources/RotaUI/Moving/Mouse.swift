import RotaCore

/// The mouse: presses select and start a drag, motion moves the drag's target,
/// a release drops, the wheel scrolls. What a point is comes from the same
/// layout the screen is drawn with, worked out from the state, never from a
/// frame drawn earlier.
extension Planner {
  func mouse(_ action: MouseAction, x: Int, y: Int) -> Outcome {
    if state.isTooSmall { return .nothing }
    if let overlay = state.overlay { return mouseOnOverlay(overlay, action) }
    let f = state.frame
    switch action {
    case .scrollUp, .scrollDown:
      let d: Direction = action == .scrollUp ? .up : .down
      for _ in 0..<3 { moveCursor(d) }
      return .redraw
    case .press: return press(x: x, y: y, frame: f)
    case .drag:
      guard state.drag.isActive else { return .nothing }
      let previous = state.drag.target
      state.drag.motion(over: target(x: x, y: y, frame: f), x: x, y: y)
      if let t = state.drag.target, t != previous, let s = state.drag.source {
        state.dragPreview = Preview.compute(s, t, model: state.model)
      }
      if state.drag.target == nil { state.dragPreview = nil }
      return .redraw
    case .release:
      guard state.drag.isActive else { return .nothing }
      let outcome = state.drag.release(over: target(x: x, y: y, frame: f), x: x, y: y)
      state.dragPreview = nil
      switch outcome {
      case .none, .click: break
      case .cancelled: say("move cancelled: dropped outside the grid")
      case .drop(let source, let target):
        select(x: x, y: y, frame: f)
        drop(source, on: target)
      }
      return .redraw
    }
  }

  /// A press on a page of text or the help closes it; the wheel scrolls it. Other
  /// boxes take only keys.
  func mouseOnOverlay(_ overlay: Overlay, _ action: MouseAction) -> Outcome {
    switch (overlay, action) {
    case (.help, .press), (.page, .press):
      state.overlay = nil
    case (.help(let scroll), .scrollUp), (.help(let scroll), .scrollDown):
      state.overlay = .help(
        scroll: Scrolling.text(
          from: scroll, by: action == .scrollUp ? -3 : 3, total: state.helpLines.count, rows: state.boxRoom))
    case (.page(var page), .scrollUp), (.page(var page), .scrollDown):
      page.scroll = Scrolling.text(
        from: page.scroll, by: action == .scrollUp ? -3 : 3, total: state.pageLineCount(page), rows: state.boxRoom)
      state.overlay = .page(page)
    default: return .nothing
    }
    return .redraw
  }

  func press(x: Int, y: Int, frame f: Frame) -> Outcome {
    guard select(x: x, y: y, frame: f) else { return .nothing }
    // While a keyboard pick-up is carried, a click chooses where it goes.
    if state.carry != nil {
      updateCarryPreview()
      return .redraw
    }
    guard let source = source(x: x, y: y, frame: f) else { return .redraw }
    if state.readOnly {
      say(Self.readOnlyRefusal, .error)
    } else {
      state.drag.press(source, x: x, y: y)
    }
    return .redraw
  }

  /// Moves the cursor to what is under the point. False when nothing is.
  @discardableResult
  func select(x: Int, y: Int, frame f: Frame) -> Bool {
    switch state.screen {
    case .workers:
      guard let hit = state.hitWorkers(x: x, y: y, frame: f) else { return false }
      state.workers.cursor.index = hit.row
      state.workers.day = hit.dayIndex
      state.followWorkersCursor(frame: f)
    case .sites:
      guard let hit = state.hitSites(x: x, y: y, frame: f) else { return false }
      state.sites.cursor.index = hit.row
      state.sites.slot = hit.slot
      state.followSitesCursor(frame: f)
    case .findings:
      guard let position = state.hitFindings(x: x, y: y, frame: f) else { return false }
      state.findings.cursor.index = position
      state.followFindingsCursor(frame: f)
    case .board:
      guard let row = state.hitBoard(x: x, y: y, frame: f) else { return false }
      state.board.cursor.index = row
      state.followBoardCursor(frame: f)
    case .team:
      guard let row = state.hitTeam(x: x, y: y, frame: f) else { return false }
      if state.team.sites { state.team.siteCursor.index = row } else { state.team.workerCursor.index = row }
      state.followTeamCursor(frame: f)
    case .myWeek, .history, .arrs:
      return false
    }
    return true
  }

  /// What a press picks up: in the workers grid the day (or the half the scope
  /// says), or only the half pressed on when the day is split; in the sites grid
  /// the person whose initials were pressed. The scope itself does not change.
  func source(x: Int, y: Int, frame f: Frame) -> MoveSource? {
    switch state.screen {
    case .workers:
      guard let hit = state.hitWorkers(x: x, y: y, frame: f), state.rows.workers.indices.contains(hit.row) else {
        return nil
      }
      let w = state.rows.workers[hit.row]
      let day = state.model.days[hit.dayIndex]
      let p = state.model.placements
      // A split day shows two halves: a press takes the half it is on, for this drag
      // only. Otherwise the drag takes what the title says (whole days, AM or PM only).
      let split = p.placement(worker: w, day: day, half: .am) != p.placement(worker: w, day: day, half: .pm)
      let scope: Scope = split ? Scope(hit.half) : state.scope
      return MoveSource(worker: state.model.rota.workers[w].id, date: state.model.date(day), scope: scope, from: nil)
    case .sites:
      guard let hit = state.hitSites(x: x, y: y, frame: f), let person = hit.person,
        state.rows.sites.indices.contains(hit.row)
      else { return nil }
      let day = state.model.days[hit.slot / 2]
      let half: Half = hit.slot % 2 == 0 ? .am : .pm
      return MoveSource(
        worker: state.model.rota.workers[person].id, date: state.model.date(day),
        scope: state.scope == .day ? .day : Scope(half), from: state.place(ofSiteRow: state.rows.sites[hit.row]))
    default:
      return nil
    }
  }

  func target(x: Int, y: Int, frame f: Frame) -> DropTarget? {
    switch state.screen {
    case .workers:
      guard let hit = state.hitWorkers(x: x, y: y, frame: f), state.rows.workers.indices.contains(hit.row) else {
        return nil
      }
      let w = state.rows.workers[hit.row]
      return .worker(state.model.rota.workers[w].id, state.model.date(state.model.days[hit.dayIndex]))
    case .sites:
      guard let hit = state.hitSites(x: x, y: y, frame: f), state.rows.sites.indices.contains(hit.row) else {
        return nil
      }
      return .place(
        state.place(ofSiteRow: state.rows.sites[hit.row]), state.model.date(state.model.days[hit.slot / 2]),
        hit.slot % 2 == 0 ? .am : .pm)
    default:
      return nil
    }
  }
}
