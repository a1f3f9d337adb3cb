import Foundation
import RotaCore

/// The three main screens of the planner.
public enum PlannerView: String, Sendable, CaseIterable {
  case workers, sites, findings
  /// One worker's own week.
  case person
  /// The supervisor's isolation board.
  case board
  /// One worker's last eight weeks, with the reasons.
  case history
  /// The ARRS panel.
  case arrs

  public var title: String {
    switch self {
    case .workers: return "Workers"
    case .sites: return "Sites"
    case .findings: return "Findings"
    case .person: return "My week"
    case .board: return "Isolation board"
    case .history: return "Weeks"
    case .arrs: return "ARRS"
    }
  }
}

/// The coordinator's planner as pure code: it takes input events, makes edits
/// through a backend, and draws itself into a canvas. The terminal layer only
/// copies the canvas to the screen and turns keys and clicks into events, so
/// everything here is tested without a terminal.
public final class Planner {
  public let backend: RotaBackend
  public let today: LocalDate
  public private(set) var width: Int
  public private(set) var height: Int

  public private(set) var week: ISOWeek
  var model: WeekModel
  public internal(set) var view: PlannerView = .workers
  var scope: Scope = .day
  var filter = ""

  var workerRow = 0
  var workerDay = 0
  var workerScroll = 0
  var siteRow = 0
  var siteSlot = 0
  var siteScroll = 0
  var findingRow = 0
  var findingScroll = 0

  var personWorker: Int?
  var personScroll = 0
  var personSince: LocalDateTime?
  var personChanges: [String] = []
  var boardRole: Role?
  var boardRow = 0
  var boardScroll = 0
  var historyWorker: Int?
  var historyScroll = 0

  /// A pick-up made with the keyboard: the target is the cursor.
  var carry: MoveSource?
  var drag = DragController()
  var overlay: Overlay?
  var status: StatusLine = StatusLine("")
  public private(set) var wantsQuit = false
  /// The colour themes the planner can cycle through (T), and the one in use; the
  /// terminal layer applies it.
  public var themeNames: [String] = []
  public var themeName = "default"
  var lastCounter: Int
  var layout = Layout()
  var preview: Preview?
  /// The cell the detail pane describes. A cursor move leaves it behind; it
  /// catches up when the cursor rests (`settle`), so holding an arrow key down
  /// repaints two cells per step, not the whole pane.
  var detailAt = CursorPosition()

  struct CursorPosition: Equatable {
    var view = PlannerView.workers
    var boardRow = 0
    var workerRow = 0
    var workerDay = 0
    var siteRow = 0
    var siteSlot = 0
    var findingRow = 0
  }

  var cursorPosition: CursorPosition {
    CursorPosition(
      view: view, boardRow: boardRow, workerRow: workerRow, workerDay: workerDay, siteRow: siteRow,
      siteSlot: siteSlot, findingRow: findingRow)
  }

  /// Brings the detail pane up to the cursor. Returns true when it changed.
  @discardableResult
  public func settle() -> Bool {
    guard detailAt != cursorPosition else { return false }
    detailAt = cursorPosition
    return true
  }

  /// True while the detail pane still describes an earlier cursor position.
  public var isSettled: Bool { detailAt == cursorPosition }

  /// The smallest terminal the planner can use.
  public static let minimumWidth = 60
  public static let minimumHeight = 16

  public init(backend: RotaBackend, today: LocalDate, week: ISOWeek? = nil, width: Int, height: Int)
    throws(BackendError)
  {
    self.backend = backend
    self.today = today
    self.width = width
    self.height = height
    let w = week ?? today.isoWeek
    self.week = w
    model = WeekModel(rota: try backend.load(weeks: w...w), week: w)
    lastCounter = backend.changeCounter()
    if let d = model.days.firstIndex(of: today.weekday.rawValue), today.isoWeek == w { workerDay = d }
    detailAt = cursorPosition
    status = StatusLine(backend.readOnly ? "read-only: you can look at everything; nothing can be changed" : "")
  }

  // MARK: Geometry

  public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

  var workerRows: [Int] { model.rows(filter: filter).workers }
  var siteRows: [Int] { model.rows(filter: filter).sites }

  // MARK: Events

  /// Handles one event. Returns true when the screen needs drawing again.
  @discardableResult
  public func handle(_ event: InputEvent) -> Bool {
    switch event {
    case .resize(let w, let h):
      width = w
      height = h
      return true
    case .tick:
      return refreshIfChanged()
    case .mouse(let action, let x, let y):
      return mouse(action, x: x, y: y)
    case .key(let key):
      if isTooSmall {
        if key == .char("q") { wantsQuit = true }
        return true
      }
      if overlay != nil {
        defer { settle() }
        return overlayKey(key)
      }
      let handled = self.key(key)
      // Only a plain cursor move leaves the detail pane behind; anything else
      // (an edit, a new view, a pick-up) brings it up to date at once.
      if !Self.cursorKeys.contains(key) || carry != nil { settle() }
      return handled
    }
  }

  static let cursorKeys: Set<Key> = [
    .up, .down, .left, .right, .char("h"), .char("j"), .char("k"), .char("l"), .pageUp, .pageDown, .home, .end,
  ]

  func key(_ key: Key) -> Bool {
    if carry != nil, handleCarryKey(key) { return true }
    if let handled = peopleKey(key) { return handled }
    switch key {
    case .char("q"): wantsQuit = true
    case .char("?"), .function(1): overlay = .help(0)
    case .char("w"): switchView(.workers)
    case .char("b"): switchView(.board)
    case .char("a"): switchView(view == .arrs ? .workers : .arrs)
    case .char("p"):
      if view == .workers, let c = workerCursor {
        openPerson(c.worker)
      } else {
        overlay = .chooser(ChooserState(workers: workerRows, purpose: .person))
      }
    case .char("s"): switchView(view == .sites ? .workers : .sites)
    case .char("f"): switchView(view == .findings ? .workers : .findings)
    case .char("]"), .char(">"), .char("."): goTo(week.adding(weeks: 1))
    case .char("["), .char("<"), .char(","): goTo(week.adding(weeks: -1))
    case .char("t"): goTo(today.isoWeek)
    case .char("g"): overlay = .prompt(PromptState(purpose: .goToWeek))
    case .char("/"): overlay = .prompt(PromptState(purpose: .filter, text: filter))
    case .escape:
      if drag.isActive {
        drag.cancel()
        preview = nil
        say("move cancelled")
      } else if !filter.isEmpty {
        filter = ""
        clampCursors()
        say("filter cleared")
      }
    case .tab where [.workers, .sites].contains(view): scope = scope.next
    case .backTab: scope = Scope(rawValue: (scope.rawValue + 2) % 3)!
    case .char("r"), .control("l"): reload(keepingStatus: false)
    case .char("T"):
      guard !themeNames.isEmpty else { return true }
      themeName = themeNames[((themeNames.firstIndex(of: themeName) ?? -1) + 1) % themeNames.count]
      say("colour theme: \(themeName)")
    case .char("u"): undoOrRedo(undo: true)
    case .char("U"), .control("r"): undoOrRedo(undo: false)
    case .up, .char("k"): moveCursor(dx: 0, dy: -1)
    case .down, .char("j"): moveCursor(dx: 0, dy: 1)
    case .left, .char("h"): moveCursor(dx: -1, dy: 0)
    case .right, .char("l"): moveCursor(dx: 1, dy: 0)
    case .pageUp: moveCursor(dx: 0, dy: -max(1, layout.bodyRows - 1))
    case .pageDown: moveCursor(dx: 0, dy: max(1, layout.bodyRows - 1))
    case .home: moveCursor(dx: 0, dy: -100_000)
    case .end: moveCursor(dx: 0, dy: 100_000)
    case .char(" "), .char("m"): pickUp()
    case .enter:
      if view == .findings { jumpToFinding() } else { openPicker() }
    case .char("e"): openPicker()
    case .char("H"): setPlace(.home)
    case .char("O"): setPlace(.off)
    case .char("L"): openLeave()
    default: return false
    }
    return true
  }

  /// Keys while carrying a pick-up: arrows choose the target, Enter or Space
  /// drops, Esc cancels. Other keys work as usual.
  func handleCarryKey(_ key: Key) -> Bool {
    switch key {
    case .enter, .char(" "):
      dropCarry()
    case .escape:
      carry = nil
      preview = nil
      say("move cancelled")
    case .tab, .backTab:
      say("finish or cancel the move (Esc) before changing its scope")
    case .up, .down, .left, .right, .char("h"), .char("j"), .char("k"), .char("l"), .pageUp, .pageDown, .home, .end:
      return false
    case .char("s"), .char("w"), .char("f"), .char("]"), .char("["), .char(">"), .char("<"), .char("t"), .char("g"):
      say("finish the move (Enter) or cancel it (Esc) first")
    default:
      return false
    }
    return true
  }

  func say(_ text: String, _ kind: StatusLine.Kind = .info) { status = StatusLine(text, kind) }

  /// Shows a sentence on the status line (for the terminal layer: a theme problem).
  public func tell(_ text: String, error: Bool = false) { say(text, error ? .error : .info) }

  func switchView(_ v: PlannerView) {
    if drag.isActive { drag.cancel() }
    view = v
    preview = nil
  }

  // MARK: Cursor

  func clampCursors() {
    let rows = workerRows
    workerRow = rows.isEmpty ? 0 : min(max(0, workerRow), rows.count - 1)
    workerDay = min(max(0, workerDay), model.days.count - 1)
    let sites = siteRows
    siteRow = min(max(0, siteRow), sites.count - 1)
    siteSlot = min(max(0, siteSlot), model.days.count * 2 - 1)
    let count = findingLines.count
    findingRow = count == 0 ? 0 : min(max(0, findingRow), count - 1)
  }

  func moveCursor(dx: Int, dy: Int) {
    switch view {
    case .workers:
      workerRow += dy
      workerDay += dx
    case .sites:
      siteRow += dy
      siteSlot += dx
    case .findings:
      findingRow += dy
    default: break
    }
    clampCursors()
    updateCarryPreview()
  }

  /// The worker and day under the worker grid's cursor.
  var workerCursor: (worker: Int, day: Int)? {
    let rows = workerRows
    guard !rows.isEmpty else { return nil }
    return (rows[workerRow], model.days[workerDay])
  }

  /// The site (or -1 for Home), day and half under the site grid's cursor.
  var siteCursor: (site: Int, day: Int, half: Half) {
    (siteRows[siteRow], model.days[siteSlot / 2], Half(rawValue: siteSlot % 2)!)
  }

  // MARK: Moving

  var editingRefusal: String? {
    backend.readOnly ? "read-only: nothing can be changed here (opened with --read-only)" : nil
  }

  func pickUp() {
    if let refusal = editingRefusal { return say(refusal, .error) }
    switch view {
    case .workers:
      guard let c = workerCursor else { return say("no one to move") }
      carry = MoveSource(worker: c.worker, day: c.day, scope: scope, site: nil)
      say("moving \(describe(carry!)): choose where with the arrows, then Enter; Esc cancels")
    case .sites:
      let c = siteCursor
      let people = peopleAt(site: c.site, day: c.day, half: c.half)
      switch people.count {
      case 0: say("no one is at this place in this half-day to move")
      case 1: startSiteCarry(worker: people[0])
      default: overlay = .chooser(ChooserState(workers: people))
      }
    case .findings, .person, .board, .history, .arrs:
      say("go to the workers grid (w) or the sites grid (s) to move someone")
    }
  }

  func startSiteCarry(worker: Int) {
    let c = siteCursor
    let s: Scope = scope == .day ? .day : (c.half == .am ? .am : .pm)
    carry = MoveSource(worker: worker, day: c.day, scope: s, site: c.site)
    say("moving \(describe(carry!)): choose a site on the same day, then Enter; Esc cancels")
    updateCarryPreview()
  }

  func peopleAt(site: Int, day: Int, half: Half) -> [Int] {
    let all = model.people(site: site, slot: day * 2 + half.rawValue)
    guard !filter.isEmpty else { return all }
    let visible = Set(workerRows)
    return all.filter { visible.contains($0) }
  }

  var carryTarget: DropTarget? {
    guard carry != nil else { return nil }
    switch view {
    case .workers: return workerCursor.map { .worker(worker: $0.worker, day: $0.day) }
    case .sites:
      let c = siteCursor
      return .site(site: c.site, day: c.day, half: c.half)
    default: return nil
    }
  }

  func updateCarryPreview() {
    guard let source = carry, let target = carryTarget else { return }
    preview = Preview.compute(source, target, model: model)
  }

  func dropCarry() {
    guard let source = carry, let target = carryTarget else { return }
    carry = nil
    preview = nil
    perform(source, target)
  }

  /// Makes the edit for a drop, through the backend; a refusal reloads and says why.
  func perform(_ source: MoveSource, _ target: DropTarget) {
    switch MovePlanner.plan(source, target, model: model) {
    case .failure(let refusal):
      if let m = refusal.message { say("not moved: \(m)", .error) } else { say("put back where it was") }
    case .success(let planned):
      save(planned.edit, expecting: planned.expecting)
    }
  }

  func save(_ edit: Edit, expecting: [CellExpectation]) {
    if let refusal = editingRefusal { return say(refusal, .error) }
    do {
      let message = try backend.apply(edit, expecting: expecting)
      reload(keepingStatus: true)
      say(message, .good)
    } catch {
      reload(keepingStatus: true)
      switch error.kind {
      case .conflict:
        let detail = error.message.hasPrefix("refused: ") ? String(error.message.dropFirst(9)) : error.message
        say("not saved, reloaded: \(detail)", .error)
      case .invalid: say("not saved: \(error.message)", .error)
      case .unavailable: say("not saved: \(error.message)", .error)
      }
    }
  }

  func setPlace(_ place: Place) {
    if let refusal = editingRefusal { return say(refusal, .error) }
    guard let (worker, day, halves) = cellForEdit() else { return }
    let expecting = halves.map { h in
      CellExpectation(
        worker: model.rota.workers[worker].id, date: model.date(day), half: h,
        place: model.placements.planned(worker: worker, slot: day * 2 + h.rawValue))
    }
    let half: Half? = halves.count == 2 ? nil : halves[0]
    save(
      .move(worker: model.rota.workers[worker].id, date: model.date(day), half: half, to: place), expecting: expecting)
  }

  /// The worker, day and halves an edit key acts on, from the cursor and scope.
  func cellForEdit() -> (Int, Int, [Half])? {
    switch view {
    case .workers:
      guard let c = workerCursor else {
        say("no one to change")
        return nil
      }
      return (c.worker, c.day, scope.halves)
    case .sites:
      let c = siteCursor
      let people = peopleAt(site: c.site, day: c.day, half: c.half)
      guard people.count == 1 else {
        say(people.isEmpty ? "no one is here to change" : "several people are here: pick one up with Space instead")
        return nil
      }
      return (people[0], c.day, scope == .day ? [.am, .pm] : [c.half])
    default:
      say("go to the workers grid (w) or the sites grid (s) to change a cell")
      return nil
    }
  }

  func undoOrRedo(undo: Bool) {
    if let refusal = editingRefusal { return say(refusal, .error) }
    do {
      let message = undo ? try backend.undo() : try backend.redo()
      reload(keepingStatus: true)
      say(message, .good)
    } catch {
      reload(keepingStatus: true)
      say(error.message, error.kind == .invalid ? .info : .error)
    }
  }

  // MARK: Weeks and reloading

  func goTo(_ w: ISOWeek) {
    week = w
    reload(keepingStatus: false)
    if view == .person { refreshPersonChanges() }
    say(w == today.isoWeek ? "this week" : w.title)
  }

  /// Loads the week again, keeping the view, cursor, scope and filter.
  func reload(keepingStatus: Bool) {
    do {
      model = WeekModel(rota: try backend.load(weeks: week...week), week: week)
      lastCounter = backend.changeCounter()
    } catch {
      say("could not load the rota: \(error.message)", .error)
    }
    clampCursors()
    if carry != nil { updateCarryPreview() }
    if !keepingStatus { status = StatusLine("") }
  }

  /// Reloads when someone else has committed a change. A drag or pick-up whose
  /// source changed underneath is cancelled, with a message.
  func refreshIfChanged() -> Bool {
    let counter = backend.changeCounter()
    guard counter != lastCounter else { return false }
    let before = (carry ?? drag.source).map { sourceState($0) }
    reload(keepingStatus: true)
    if let source = carry ?? drag.source, sourceState(source) != before {
      carry = nil
      drag.cancel()
      preview = nil
      say(
        "move cancelled: someone else just changed \(model.rota.workers[source.worker].name)'s \(model.date(source.day).short)",
        .error)
    } else {
      say("updated: someone else saved a change", .info)
    }
    return true
  }

  func sourceState(_ s: MoveSource) -> [Place] {
    s.scope.halves.map { model.placements.planned(worker: s.worker, slot: s.day * 2 + $0.rawValue) }
  }

  // MARK: Words

  func describe(_ s: MoveSource) -> String {
    "\(model.rota.workers[s.worker].name), \(model.date(s.day).short) (\(s.scope.label))"
  }
}

/// The line under the grid that says what just happened.
struct StatusLine {
  enum Kind { case info, good, error }
  let text: String
  let kind: Kind
  init(_ text: String, _ kind: Kind = .info) {
    self.text = text
    self.kind = kind
  }
}

/// What a drop would do to the week's findings, shown while dragging.
struct Preview {
  let errors: Int
  let warnings: Int
  let added: [Finding]
  let cleared: [Finding]
  let refusal: String?
  let summary: String?

  static func compute(_ source: MoveSource, _ target: DropTarget, model: WeekModel) -> Preview {
    switch MovePlanner.plan(source, target, model: model) {
    case .failure(let r):
      return Preview(
        errors: model.errors, warnings: model.warnings, added: [], cleared: [], refusal: r.message ?? "", summary: nil)
    case .success(let planned):
      do {
        let plan = try EditPlanner(model.rota).plan(planned.edit)
        let after = model.rota.applying(plan.changes)
        let report = RotaAnalysis(after).report(for: model.week)
        func key(_ f: Finding) -> String { "\(f.rule.code)|\(f.message)" }
        let before = Set(model.report.findings.map(key))
        let now = Set(report.findings.map(key))
        return Preview(
          errors: report.count(.error), warnings: report.count(.warning),
          added: report.findings.filter { !before.contains(key($0)) },
          cleared: model.report.findings.filter { !now.contains(key($0)) }, refusal: nil, summary: plan.summary)
      } catch {
        return Preview(
          errors: model.errors, warnings: model.warnings, added: [], cleared: [], refusal: "\(error)", summary: nil)
      }
    }
  }
}
