import RotaCore

/// The coordinator's planner as pure code: events in, a canvas out. It routes
/// every key through the keymap to an action, carries the action out on its
/// state, and tells the terminal loop what to do next. The terminal layer only
/// copies the canvas to the screen and turns bytes into events, so everything
/// here is tested without a terminal.
public final class Planner {
  public let backend: RotaBackend
  var state: PlannerState
  /// The backend's change counter and latest log entry when the rota was last loaded.
  var lastCounter: Int
  var lastChange: Int

  /// The smallest terminal the planner can use.
  public static let minimumWidth = PlannerState.minimumWidth
  public static let minimumHeight = PlannerState.minimumHeight
  /// How many ticks (a quarter second each by default) cells changed by someone else stay marked.
  static let changedTicks = 12

  public init(backend: RotaBackend, today: LocalDate, week: ISOWeek? = nil, width: Int, height: Int)
    throws(BackendError)
  {
    self.backend = backend
    let w = week ?? today.isoWeek
    let model = WeekModel(rota: try backend.load(weeks: w...w), week: w)
    state = PlannerState(
      today: today, readOnly: backend.readOnly, week: w, model: model, width: width, height: height)
    lastCounter = backend.changeCounter()
    lastChange = backend.latestChange()
    if backend.readOnly { say("read-only: you can look at everything; nothing can be changed") }
    state.followWorkersCursor(frame: state.frame)
  }

  // MARK: The surface the terminal loop and the command line use

  /// How long the week's plan (A) may search, and its seed: the same rota, week,
  /// limit and seed give the same plan.
  public var planLimit = SearchLimit()

  public var week: ISOWeek { state.week }
  public var screen: ScreenID { state.screen }
  public var themeNames: [String] {
    get { state.themeNames }
    set { state.themeNames = newValue }
  }
  public var themeName: String {
    get { state.themeName }
    set { state.themeName = newValue }
  }

  /// True while the detail pane still describes an earlier cursor position.
  public var isSettled: Bool { state.isSettled }

  /// Brings the detail pane up to the cursor. Returns true when it changed.
  @discardableResult
  public func settle() -> Bool {
    guard !state.isSettled else { return false }
    state.detailAt = state.anchor
    return true
  }

  /// Shows a sentence on the status line (for the command line: the demo was made,
  /// a theme could not be read).
  public func tell(_ text: String, error: Bool = false) { say(text, error ? .error : .info) }

  /// Opens the planner as the worker with this id, on their own week (`rota
  /// --worker ID`): the one way their "last looked" mark moves, so that what
  /// changed is news to them until they themselves have seen it. False when no
  /// one has the id.
  @discardableResult
  public func openMyWeek(id: String) -> Bool {
    guard let w = state.model.workerIndex[id] else { return false }
    state.viewer = id
    openMyWeek(w)
    backend.markOpened(worker: id)
    return true
  }

  /// Opens one of the screens (`rota --view`).
  public func show(_ screen: ScreenID) { switchScreen(screen) }

  /// Draws the whole screen. Reads the state and changes none of it.
  public func render() -> Canvas {
    var c = Canvas(width: state.width, height: state.height)
    state.draw(&c)
    return c
  }

  // MARK: Events

  /// Handles one event and says what the loop must do next.
  @discardableResult
  public func handle(_ event: InputEvent) -> Outcome {
    switch event {
    case .resize(let w, let h):
      state.width = max(1, w)
      state.height = max(1, h)
      followCursor()
      return .redraw
    case .tick:
      return tick()
    case .paste(let text):
      // Pasted text goes only into a box that takes text; in the grids it would
      // otherwise run as keys (an "H" in it would set someone to home).
      guard state.mode.takesText else {
        say("pasted text goes only into a box that takes text (the place picker, /, g, a form)")
        return .redraw
      }
      for c in text where Key.char(c).typed != nil { _ = perform(.type, key: .char(c)) }
      return .redraw
    case .mouse(let action, let x, let y):
      let outcome = mouse(action, x: x, y: y)
      settle()
      return outcome
    case .key(let key):
      let mode = state.mode
      guard let action = Keymap.action(for: key, in: mode) else { return refuse(key, in: mode) }
      if state.readOnly, Keymap.binding(for: key, in: mode)?.edits == true {
        say(Self.readOnlyRefusal, .error)
        return .redraw
      }
      let outcome = perform(action, key: key)
      // Only a plain cursor move leaves the detail pane behind; anything else
      // (an edit, a new screen, a move being carried) brings it up to date at once.
      if case .cursor = action, mode == .screen(state.screen) {} else { settle() }
      return outcome
    }
  }

  static let readOnlyRefusal = "read-only: nothing can be changed here (opened with --read-only)"

  /// A key with no action in this mode. While a move is carried, a key that would
  /// act on a screen is refused with a reason rather than left to act on it.
  func refuse(_ key: Key, in mode: KeyMode) -> Outcome {
    switch mode {
    case .carrying where Keymap.action(for: key, in: .screen(state.screen)) != nil:
      let why = "finish the move first: Enter drops it, Esc cancels it"
      say(why, .error)
      state.carry?.notice = why
      return .redraw
    case .dragging where Keymap.action(for: key, in: .screen(state.screen)) != nil:
      say("release the mouse button to drop, or press Esc to cancel", .error)
      return .redraw
    default:
      return .nothing
    }
  }

  /// Carries out one action: the one place where keys take effect.
  func perform(_ action: Action, key: Key) -> Outcome {
    if state.overlay != nil { return performOverlay(action, key: key) }
    switch action {
    case .quit: return .quit
    case .help: state.overlay = .help(scroll: 0)
    case .messages:
      let lines = state.messages.reversed().map { DetailLine($0.text, Style($0.kind == .error ? .error : .overlay)) }
      state.overlay = .page(TextPage(title: "Recent messages, newest first", lines: Array(lines)))
    case .details:
      let (title, lines) = state.detailContent()
      state.overlay = .page(TextPage(title: title.isEmpty ? "Details" : title, lines: lines))
    case .repaint: return [.redraw, .repaint]
    case .nextTheme:
      guard !state.themeNames.isEmpty else { return .nothing }
      let names = state.themeNames
      state.themeName = names[((names.firstIndex(of: state.themeName) ?? -1) + 1) % names.count]
      say("colour theme: \(state.themeName)")
      return [.redraw, .themeChanged]
    case .show(let s, let toggle): switchScreen(toggle && state.screen == s ? .workers : s)
    case .previousWeek: step(weeks: -1)
    case .nextWeek: step(weeks: 1)
    case .thisWeek: goTo(state.today.isoWeek)
    case .goToWeek: state.overlay = .prompt(Prompt(.goToWeek))
    case .cursor(let d): moveCursor(d)
    case .filter: state.overlay = .prompt(Prompt(.filter, text: state.filter))
    case .clearFilter:
      guard !state.filter.isEmpty else { return .nothing }
      applyFilter("")
      say("filter cleared")
    case .nextScope:
      state.scope = state.scope.next
      say("edits and moves take \(state.scope.badge)")
    case .previousScope:
      state.scope = state.scope.previous
      say("edits and moves take \(state.scope.badge)")
    case .reload:
      reload(keepingStatus: false)
      say("loaded again")
    case .pickUp: pickUp()
    case .drop: dropCarry()
    case .cancelMove: cancelMove("move cancelled")
    case .choosePlace: openPicker()
    case .setHome: setPlace(.home)
    case .setOff: setPlace(.off)
    case .bookLeave: openLeave()
    case .undo: undoOrRedo(undo: true)
    case .redo: undoOrRedo(undo: false)
    case .goToCell: goToFindingCell()
    case .myWeek:
      if state.screen == .workers, let c = state.workerCursor {
        openMyWeek(c.worker)
      } else {
        state.overlay = .chooser(state.peopleChooser(state.rows.workers, myWeek: true))
      }
    case .exportCalendar: exportCalendar()
    case .suggest: openSuggestions()
    case .planWeek: openPlan()
    case .nextChange: stepPlan(by: 1)
    case .previousChange: stepPlan(by: -1)
    case .applyPlan: applyPlan()
    case .dropPlan: dropPlan("plan dropped: the week is as it was")
    case .allChanges:
      state.myWeek?.allChanges.toggle()
      state.myWeek?.scroll = 0
    case .nextRole:
      let roles: [Role?] = [nil] + Role.allCases
      state.board.role = roles[((roles.firstIndex(of: state.board.role) ?? 0) + 1) % roles.count]
      state.board.cursor = ListCursor()
      say(state.board.role.map { "showing \($0.pluralName)" } ?? "showing everyone")
    case .openHistory:
      guard let w = state.boardWorker else { return .nothing }
      state.history = WorkerHistory(worker: state.model.rota.workers[w].id)
      switchScreen(.history)
    case .addSupervision:
      let worker =
        state.screen == .history ? state.history.flatMap { state.model.workerIndex[$0.worker] } : state.boardWorker
      if let worker { openSupervision(worker) }
    case .back: switchScreen(state.screen == .history ? .board : .workers)
    case .events: openEvents()
    case .addNew:
      state.overlay = .form(state.team.sites ? state.siteForm(.addSite) : state.workerForm(.addWorker))
    case .change:
      if let s = state.teamSite {
        state.overlay = .form(state.siteForm(.editSite(state.model.rota.sites[s].code)))
      } else if let w = state.teamWorker {
        state.overlay = .form(state.workerForm(.editWorker(state.model.rota.workers[w].id)))
      }
    case .end:
      if let s = state.teamSite {
        state.overlay = .form(state.siteForm(.endSite(state.model.rota.sites[s].code)))
      } else if let w = state.teamWorker {
        state.overlay = .form(state.workerForm(.endWorker(state.model.rota.workers[w].id)))
      }
    case .usualWeek:
      guard let w = state.teamWorker else {
        say("choose a worker (Tab shows the workers) for a usual week")
        return .redraw
      }
      state.overlay = .usualWeek(state.usualWeekEditor(worker: w))
    case .switchList:
      state.team.sites.toggle()
    case .confirm, .cancel, .nextField, .previousField, .optionLeft, .optionRight, .deleteBackward, .type, .choose,
      .close:
      return .nothing
    }
    return .redraw
  }

  // MARK: Screens and weeks

  func switchScreen(_ s: ScreenID) {
    // What was said on one screen is not about the next (M keeps it).
    if s != state.screen { state.status = StatusMessage("") }
    state.screen = s
    if s == .board { state.refreshTrend() }
    if s == .history { state.refreshHistory() }
    followCursor()
  }

  func step(weeks: Int) { goTo(state.week.adding(weeks: weeks)) }

  /// Shows week `w`; a week outside the range rota supports is refused with the range.
  func goTo(_ w: ISOWeek) {
    if let problem = SupportedDates.problem(w) {
      return say(
        problem, .error, short: "rota plans weeks \(SupportedDates.firstWeek.iso) to \(SupportedDates.lastWeek.iso)")
    }
    state.week = w
    reload(keepingStatus: false)
    if let mine = state.myWeek {
      let changes = changeSentences(mine)
      state.myWeek?.changes = changes
    }
    say(w == state.today.isoWeek ? "this week" : w.title)
  }

  /// Keeps every list's cursor within its rows and in view.
  func followCursor() {
    let f = state.frame
    state.followWorkersCursor(frame: f)
    state.followSitesCursor(frame: f)
    state.followFindingsCursor(frame: f)
    state.followBoardCursor(frame: f)
    state.followTeamCursor(frame: f)
    // (Worked out first: an optional-chained assignment holds `state` while its right side runs.)
    if let scroll = state.myWeek?.scroll {
      let kept = pageScroll(scroll, by: 0)
      state.myWeek?.scroll = kept
    }
    if let scroll = state.history?.scroll {
      let kept = pageScroll(scroll, by: 0)
      state.history?.scroll = kept
    }
  }

  func moveCursor(_ d: Direction) {
    let f = state.frame
    switch state.screen {
    case .workers: state.moveWorkersCursor(d, frame: f)
    case .sites: state.moveSitesCursor(d, frame: f)
    case .findings: state.moveFindingsCursor(d, frame: f)
    case .board: state.moveBoardCursor(d, frame: f)
    case .team: state.moveTeamCursor(d, frame: f)
    case .myWeek:
      if let scroll = state.myWeek?.scroll {
        let next = pageScroll(scroll, by: pageDelta(d, f))
        state.myWeek?.scroll = next
      }
    case .history:
      if let scroll = state.history?.scroll {
        let next = pageScroll(scroll, by: pageDelta(d, f))
        state.history?.scroll = next
      }
    case .arrs: break
    }
    updateCarryPreview()
  }

  /// How far a key scrolls a page of text.
  func pageDelta(_ d: Direction, _ f: Frame) -> Int {
    switch d {
    case .up: return -1
    case .down: return 1
    case .pageUp: return -max(1, f.body.height - 1)
    case .pageDown: return max(1, f.body.height - 1)
    case .first: return -1_000_000
    case .last: return 1_000_000
    case .left, .right: return 0
    }
  }

  /// A text screen's first line after scrolling, kept within its text.
  func pageScroll(_ scroll: Int, by delta: Int) -> Int {
    let lines: Int
    switch state.screen {
    case .myWeek: lines = state.wrapped(state.myWeekLines()).count
    case .history: lines = state.wrapped(state.historyLines()).count
    default: return 0
    }
    return Scrolling.text(from: scroll, by: delta, total: lines, rows: state.frame.body.height)
  }

  func applyFilter(_ text: String) {
    state.filter = text
    state.workers.cursor = ListCursor()
    state.sites.cursor = ListCursor()
    followCursor()
  }

  func goToFindingCell() {
    guard let index = state.finding(atPosition: state.findings.cursor.index) else { return }
    let f = state.model.report.findings[index]
    let day = f.date.flatMap { state.model.day(of: $0) }
    if let id = f.worker, let w = state.model.workerIndex[id] {
      if !state.rows.workers.contains(w) { state.filter = "" }
      state.screen = .workers
      state.workers.cursor.index = state.rows.workers.firstIndex(of: w) ?? 0
      if let day, let d = state.model.days.firstIndex(of: day) { state.workers.day = d }
    } else if let code = f.site, let s = state.model.siteIndex[code] {
      state.filter = ""
      state.screen = .sites
      state.sites.cursor.index = state.rows.sites.firstIndex(of: s) ?? 0
      if let day, let d = state.model.days.firstIndex(of: day) { state.sites.slot = d * 2 + (f.session?.rawValue ?? 0) }
    }
    followCursor()
    say(f.message)
  }

  // MARK: The three people's screens

  func openMyWeek(_ worker: Int) {
    let id = state.model.rota.workers[worker].id
    var mine = MyWeek(worker: id, since: backend.lastOpened(worker: id))
    mine.changes = changeSentences(mine)
    state.myWeek = mine
    // No mark moves here: the coordinator's `p` reads the worker's news without consuming it.
    switchScreen(.myWeek)
  }

  func changeSentences(_ mine: MyWeek) -> [String] {
    guard let since = mine.since else { return [] }
    return backend.changes(worker: mine.worker, week: state.week, since: since).map { RotaText.sanitized($0) }
  }

  func exportCalendar() {
    guard let mine = state.myWeek else { return }
    do {
      say(try backend.exportWeek(worker: mine.worker, week: state.week), .good)
    } catch {
      say("not exported: \(error.message)", .error)
    }
  }

  /// The event form for a supervision session with the worker: the usual fix for isolation.
  func openSupervision(_ worker: Int) {
    var day = state.today >= state.week.monday && state.today <= state.week.sunday ? state.today : state.week.monday
    while day.weekday.isWeekend { day = day.adding(days: 1) }
    state.overlay = .form(
      state.eventForm(editing: nil, date: day, attendees: [state.model.rota.workers[worker].id], kind: .supervision))
  }

  // MARK: Overlays

  func performOverlay(_ action: Action, key: Key) -> Outcome {
    guard let overlay = state.overlay else { return .nothing }
    let effect: OverlayEffect
    switch overlay {
    case .help(let scroll):
      let total = state.helpLines.count
      switch action {
      case .cursor(let d):
        state.overlay = .help(scroll: Scrolling.text(from: scroll, by: textDelta(d), total: total, rows: state.boxRoom))
        effect = .stay
      default: effect = .close
      }
    case .page(var page):
      switch action {
      case .cursor(let d):
        page.scroll = Scrolling.text(
          from: page.scroll, by: textDelta(d), total: state.pageLineCount(page), rows: state.boxRoom)
        state.overlay = .page(page)
        effect = .stay
      default: effect = .close
      }
    case .picker(var picker):
      effect = state.performPicker(&picker, action, key: key)
      if effect == .stay { state.overlay = .picker(picker) }
    case .prompt(var prompt):
      effect = state.performPrompt(&prompt, action, key: key)
      state.overlay = .prompt(prompt)
    case .chooser(var chooser):
      effect = state.performChooser(&chooser, action)
      if effect == .stay { state.overlay = .chooser(chooser) }
    case .form(var form):
      effect = state.performForm(&form, action, key: key)
      if effect == .stay { state.overlay = .form(form) }
    case .usualWeek(var editor):
      effect = state.performUsualWeek(&editor, action, key: key)
      if effect == .stay { state.overlay = .usualWeek(editor) }
    case .confirm(let question):
      effect = state.performConfirmation(question, action)
      if effect == .close { say("not saved: the rota is as it was") }
    case .suggestions(var list):
      effect = state.performSuggestions(&list, action)
      if effect == .stay { state.overlay = .suggestions(list) }
    }
    return apply(effect)
  }

  func textDelta(_ d: Direction) -> Int {
    switch d {
    case .up: return -1
    case .down: return 1
    case .pageUp: return -max(1, state.boxRoom - 1)
    case .pageDown: return max(1, state.boxRoom - 1)
    case .first: return -1_000_000
    case .last: return 1_000_000
    case .left, .right: return 0
    }
  }

  /// Does what an overlay asked for.
  func apply(_ effect: OverlayEffect) -> Outcome {
    switch effect {
    case .stay: break
    case .close: state.overlay = nil
    case .save(let edit, let expecting):
      state.overlay = nil
      save(edit, expecting: expecting)
    case .goToWeek(let w):
      state.overlay = nil
      goTo(w)
    case .filter(let text, let done):
      applyFilter(text)
      if done {
        state.overlay = nil
        say(text.isEmpty ? "no filter" : "showing who matches \u{201C}\(text)\u{201D}; Esc clears it")
      }
    case .chose(let choice):
      state.overlay = nil
      choose(choice)
    case .submitted(let pending):
      state.overlay = nil
      submit(pending)
    case .confirmed(let pending):
      state.overlay = nil
      save(pending.edit, expecting: pending.expecting, records: pending.records, confirmed: true)
    }
    return .redraw
  }

  // MARK: Words

  func say(_ text: String, _ kind: StatusMessage.Kind = .info, short: String? = nil) {
    state.status = StatusMessage(text, kind, short: short)
    guard !text.isEmpty else { return }
    state.messages.append(state.status)
    if state.messages.count > 100 { state.messages.removeFirst(state.messages.count - 100) }
  }
}

extension PlannerState {
  /// Draws everything: title, the screen, the detail pane, the legend, the
  /// status line, the footer, then the overlay on top.
  func draw(_ c: inout Canvas) {
    if isTooSmall {
      drawTooSmall(&c)
      return
    }
    let f = frame
    drawTitle(&c, f)
    switch screen {
    case .workers: drawWorkersGrid(&c, f)
    case .sites: drawSitesGrid(&c, f)
    case .findings: drawFindings(&c, f)
    case .board: drawBoard(&c, f)
    case .myWeek: drawMyWeek(&c, f)
    case .history: drawHistory(&c, f)
    case .arrs: drawARRS(&c, f)
    case .team: drawTeam(&c, f)
    }
    drawDetailPane(&c, f)
    drawLegend(&c, f)
    drawStatus(&c, f)
    drawFooter(&c, f)
    drawOverlay(&c)
  }
}
