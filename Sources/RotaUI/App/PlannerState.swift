import RotaCore

/// Everything the planner shows, as one value: the week and its model, which
/// screen is up and each screen's own state, the overlay, the move being
/// carried, and the status. Handlers change it; drawing only reads it.
struct PlannerState {
  let today: LocalDate
  let readOnly: Bool
  var width: Int
  var height: Int

  var week: ISOWeek
  var model: WeekModel {
    didSet { rows = model.rows(filter: filter) }
  }
  /// The rows the grids show for the filter, worked out when the filter or the model changes.
  var rows: GridRows {
    didSet { workerLines = Self.lines(rows.workers, model: model) }
  }
  /// The workers grid's lines (role headings and workers), worked out with the rows.
  private(set) var workerLines: [WorkerLine]
  var filter = "" {
    didSet { rows = model.rows(filter: filter) }
  }

  /// The worker whose own planner this is (`rota --worker ID`), or nil for the
  /// coordinator's. A worker's planner counts only their own flags on the status
  /// line and shows colleagues as away, never why (leave kinds are health
  /// information: see docs/who-sees-what.md).
  var viewer: String?

  var screen: ScreenID = .workers
  var workers = WorkersGrid()
  var sites = SitesGrid()
  var findings = FindingsList()
  var myWeek: MyWeek?
  var board = BoardScreen()
  var history: WorkerHistory?
  var team = TeamScreen()
  var overlay: Overlay?

  /// Whole days, mornings or afternoons: what the grids' edits and pick-ups take.
  var scope: Scope = .day
  /// A move picked up with the keyboard; its target is the cursor.
  var carry: Carry?
  /// The week's plan, shown on the grids until it is applied or dropped.
  var plan: PlanDiff?
  /// A move the mouse is dragging.
  var drag = DragController()
  var dragPreview: Preview?

  var status = StatusMessage("")
  /// The last messages, newest last, to read in full (M).
  var messages: [StatusMessage] = []
  /// Cells another person changed, marked for a few ticks after a live update.
  var changed: ChangedCells?

  var themeNames: [String] = []
  var themeName = "default"
  /// Where the cursor was when the detail pane was last brought up to date. A
  /// plain cursor move leaves it behind; it catches up when the cursor rests, so
  /// holding an arrow key down repaints two cells per step, not the whole pane.
  var detailAt: DetailAnchor

  init(today: LocalDate, readOnly: Bool, week: ISOWeek, model: WeekModel, width: Int, height: Int) {
    self.today = today
    self.readOnly = readOnly
    self.week = week
    self.model = model
    self.width = width
    self.height = height
    rows = model.rows(filter: "")
    workerLines = Self.lines(rows.workers, model: model)
    detailAt = DetailAnchor()
    if week == today.isoWeek, let d = model.days.firstIndex(of: today.weekday.rawValue) {
      workers.day = d
      sites.slot = d * 2
    }
    detailAt = anchor
  }

  // MARK: Derived

  static let minimumWidth = 60
  static let minimumHeight = 16

  var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

  /// The bindings in force now.
  var mode: KeyMode {
    if isTooSmall { return .tooSmall }
    if let overlay { return overlay.mode }
    if drag.isActive { return .dragging }
    if carry != nil { return .carrying }
    if plan != nil { return .planning }
    return .screen(screen)
  }

  var isMoving: Bool { carry != nil || drag.isActive }

  /// The cursor as the detail pane follows it.
  var anchor: DetailAnchor {
    DetailAnchor(
      screen: screen, workerRow: workers.cursor.index, workerDay: workers.day, siteRow: sites.cursor.index,
      siteSlot: sites.slot, finding: findings.cursor.index, boardRow: board.cursor.index)
  }

  var isSettled: Bool { detailAt == anchor }

  /// The worker index and day under the workers grid's cursor, if there is anyone.
  var workerCursor: (worker: Int, day: Int)? {
    guard rows.workers.indices.contains(workers.cursor.index), model.days.indices.contains(workers.day) else {
      return nil
    }
    return (rows.workers[workers.cursor.index], model.days[workers.day])
  }

  /// The site row (-1 for home), day and half under the sites grid's cursor.
  var siteCursor: (site: Int, day: Int, half: Half)? {
    guard rows.sites.indices.contains(sites.cursor.index), (0..<model.days.count * 2).contains(sites.slot) else {
      return nil
    }
    return (rows.sites[sites.cursor.index], model.days[sites.slot / 2], sites.slot % 2 == 0 ? .am : .pm)
  }

  /// The place a site row stands for.
  func place(ofSiteRow s: Int) -> Place { s < 0 ? .home : .site(model.rota.sites[s].code) }

  /// Where a keyboard pick-up would land now: the cursor's cell.
  var carryTarget: DropTarget? {
    guard carry != nil else { return nil }
    switch screen {
    case .workers:
      return workerCursor.map { .worker(model.rota.workers[$0.worker].id, model.date($0.day)) }
    case .sites:
      return siteCursor.map { .place(place(ofSiteRow: $0.site), model.date($0.day), $0.half) }
    default: return nil
    }
  }

  /// The move in progress, keyboard or mouse, with its target and preview.
  var moving: (source: MoveSource, target: DropTarget?, preview: Preview?)? {
    if let carry { return (carry.source, carryTarget, carry.preview) }
    // A press is not yet a move: it becomes one when the pointer moves.
    if case .dragging(let s, let target) = drag.state { return (s, target, dragPreview) }
    return nil
  }

  /// The people at a place in a half-day who pass the filter, in rota order.
  func people(atSiteRow site: Int, day: Int, half: Half) -> [Int] {
    let all = model.people(site: site, slot: day * 2 + half.rawValue)
    guard !filter.isEmpty else { return all }
    let visible = Set(rows.workers)
    return all.filter { visible.contains($0) }
  }

  func isPast(_ date: LocalDate) -> Bool { date < today }
}

/// A keyboard pick-up and the preview for the cell the cursor is on.
struct Carry: Hashable {
  var source: MoveSource
  var preview: Preview?
  /// Why the last key did nothing, shown on the status line in place of the
  /// preview until the cursor moves.
  var notice: String?
}

/// The line under the screen that says what just happened.
struct StatusMessage: Hashable {
  enum Kind: Hashable { case info, good, error }
  let text: String
  let kind: Kind
  /// A shorter form for a narrow status line; the whole text stays in the messages (M).
  let short: String?
  init(_ text: String, _ kind: Kind = .info, short: String? = nil) {
    self.text = RotaText.sanitized(text)
    self.kind = kind
    self.short = short.map(RotaText.sanitized)
  }
}

/// Cells changed by someone else, shown marked until `ticksLeft` runs out.
struct ChangedCells: Hashable {
  /// Worker index * 14 + slot.
  var cells: Set<Int>
  var ticksLeft: Int
}

/// The cursor as far as the detail pane is concerned.
struct DetailAnchor: Hashable {
  var screen: ScreenID = .workers
  var workerRow = 0
  var workerDay = 0
  var siteRow = 0
  var siteSlot = 0
  var finding = 0
  var boardRow = 0
}

// MARK: Who sees what

extension PlannerState {
  /// Whether this planner may say why the worker is away: always in the
  /// coordinator's, and in a worker's own only about themselves.
  func mayKnowWhy(_ worker: String) -> Bool { viewer == nil || viewer == worker }

  /// A change's summary as this planner may show it: in a worker's own planner,
  /// a change to colleagues only says whose rota changed, since it may be their leave.
  func visibleSummary(_ note: ChangeNote) -> String {
    guard let viewer, !note.workers.isEmpty, !note.workers.contains(viewer) else { return note.summary }
    let names = note.workers.map { id in model.workerIndex[id].map { model.rota.workers[$0].name } ?? id }
    return "the rota of \(names.joined(separator: ", "))"
  }

  /// The flags the status line counts: the team's, or in a worker's own planner their own.
  var statusFindings: (errors: Int, warnings: Int, overload: Int) {
    guard let viewer else { return (model.errors, model.warnings, model.overload) }
    let mine = model.findings(about: viewer)
    let overload = model.report.isolation.contains { $0.worker == viewer && $0.level == .overload } ? 1 : 0
    return (
      mine.filter { $0.severity == .error }.count, mine.filter { $0.severity == .warning }.count, overload
    )
  }
}
