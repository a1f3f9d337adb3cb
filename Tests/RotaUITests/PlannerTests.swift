import RotaTestSupport
import Testing

@testable import RotaCore
@testable import RotaUI

let wednesday = LocalDate(iso: "2026-11-25")!

func planner(_ backend: InMemoryBackend, width: Int = 120, height: Int = 40) throws -> Planner {
  try Planner(backend: backend, today: wednesday, width: width, height: height)
}

func run(_ p: Planner, _ script: String) throws {
  for e in try KeyScript.parse(script) { p.handle(e) }
}

func placement(_ rota: Rota, _ worker: String, _ date: String, _ half: Half) -> EffectivePlacement {
  let a = RotaAnalysis(rota)
  let d = LocalDate(iso: date)!
  let w = rota.workers.firstIndex { $0.id == worker }!
  return a.placements(for: d.isoWeek).placement(worker: w, day: d.weekday.rawValue, half: half)
}

@Suite("The planner's behaviour")
struct PlannerTests {
  @Test("a mouse drag from one day to another of the same person swaps the days")
  func dragSwapsDays() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "<press 25 3> <drag 40 3> <drag 55 3> <release 55 3> y")
    #expect(placement(b.rota, "amira", "2026-11-23", .am) == .home)
    #expect(placement(b.rota, "amira", "2026-11-25", .pm) == .site("RVS"))
    #expect(b.log.count == 1)
  }

  @Test("a press and a release elsewhere, with no motion between, still drops")
  func dropWithoutMotion() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "<press 25 3> <release 55 3> y")
    #expect(placement(b.rota, "amira", "2026-11-23", .am) == .home)
  }

  @Test("a release off the grid, or Esc during a drag, cancels and changes nothing")
  func dragCancels() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "<press 25 3> <drag 40 3> <release 60 37>")
    #expect(b.log.isEmpty)
    try run(p, "<press 25 3> <drag 40 3> <Esc> <release 55 3>")
    #expect(b.log.isEmpty)
    #expect(b.rota == DemoPCN.rota())
  }

  @Test("keyboard: pick up, move to another person on the same day, drop: the two swap")
  func keyboardSwapPeople() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "<Home> h h <Space> j j <Enter> y")
    #expect(placement(b.rota, "amira", "2026-11-23", .pm) == .site("STJ"))
    #expect(placement(b.rota, "chidi", "2026-11-23", .am) == .site("RVS"))
  }

  @Test("keyboard: an AM-only move leaves the afternoon where it was")
  func halfMove() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "<Home> h h <Tab> m l l <Space> y")
    #expect(placement(b.rota, "amira", "2026-11-23", .am) == .home)
    #expect(placement(b.rota, "amira", "2026-11-23", .pm) == .site("RVS"))
    #expect(placement(b.rota, "amira", "2026-11-25", .am) == .site("RVS"))
    #expect(placement(b.rota, "amira", "2026-11-25", .pm) == .home)
  }

  @Test("sites grid: a worker dropped on another site the same day is moved there")
  func siteGridMove() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    // Chidi is alone at STJ (5th site row) on Monday; move him to HIL, the next row.
    try run(p, "s j j j j h h h h h h h h <Space> j <Enter> y")
    #expect(placement(b.rota, "chidi", "2026-11-23", .am) == .site("HIL"))
    #expect(placement(b.rota, "chidi", "2026-11-23", .pm) == .site("HIL"))
  }

  @Test("sites grid: a drop on another day is refused with a reason")
  func siteGridOtherDay() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "s j j j j h h h h h h h h <Space> l l <Enter>")
    #expect(b.log.isEmpty)
    #expect(p.state.status.text.contains("can't drop here: same day only"))
    #expect(p.state.carry != nil, "the move is kept, to be dropped somewhere else")
  }

  @Test("the picker sets a place by typing part of its name; H and O set home and off")
  func pickerAndKeys() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "e \"wellbeing\" <Enter>")
    #expect(placement(b.rota, "amira", "2026-11-25", .am) == .site("HUB"))
    try run(p, "l O")
    #expect(placement(b.rota, "amira", "2026-11-26", .pm) == .off)
    try run(p, "l <Tab> H")
    #expect(placement(b.rota, "amira", "2026-11-27", .am) == .home)
    #expect(placement(b.rota, "amira", "2026-11-27", .pm) == .site("MIL"))
  }

  @Test("undo and redo go through the backend")
  func undoRedo() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "<Home> h h H y")
    #expect(placement(b.rota, "amira", "2026-11-23", .am) == .home)
    try run(p, "u")
    #expect(b.rota.canonicalized() == DemoPCN.rota().canonicalized())
    try run(p, "U")
    #expect(placement(b.rota, "amira", "2026-11-23", .am) == .home)
  }

  @Test("an edit made from an out-of-date view is refused, the grid reloads, and the other change stands")
  func conflict() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    // Someone else moves Amira's Monday to OAK; this planner has not seen it yet.
    b.externalChange([
      .setOverride(worker: "amira", date: LocalDate(iso: "2026-11-23")!, half: .am, place: .site("OAK")),
      .setOverride(worker: "amira", date: LocalDate(iso: "2026-11-23")!, half: .pm, place: .site("OAK")),
    ])
    try run(p, "<Home> h h H y")
    #expect(placement(b.rota, "amira", "2026-11-23", .am) == .site("OAK"))
    #expect(
      p.state.status.text.hasPrefix("not saved, reloaded: amira Mon 23 Nov AM is now OAK"), "\(p.state.status.text)")
    #expect(p.state.model.placements.placement(worker: 0, day: 0, half: .am) == .site("OAK"))
  }

  @Test("a change by someone else appears on the next tick; cursor, view and filter stay")
  func liveUpdate() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "s j / \"o\" <Enter>")
    let (row, slot, filter) = (p.state.sites.cursor.index, p.state.sites.slot, p.state.filter)
    b.externalChange([
      .setOverride(worker: "chidi", date: LocalDate(iso: "2026-11-25")!, half: .am, place: .site("RVS"))
    ])
    #expect(p.handle(.tick).contains(.redraw))
    #expect(p.state.model.placements.placement(worker: 2, day: 2, half: .am) == .site("RVS"))
    #expect(
      p.state.screen == .sites && p.state.sites.cursor.index == row && p.state.sites.slot == slot
        && p.state.filter == filter)
    #expect(p.handle(.tick) == .nothing, "nothing changed since: no redraw")
  }

  @Test("a drag whose source changes underneath is cancelled with a message")
  func liveUpdateCancelsDrag() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "<press 25 3> <drag 40 3>")
    b.externalChange(
      [.setOverride(worker: "amira", date: LocalDate(iso: "2026-11-23")!, half: .am, place: .home)], who: "alice",
      summary: "Amira Khan, Mon 23 Nov: home (AM)")
    p.handle(.tick)
    #expect(!p.state.drag.isActive)
    // Who changed what stays in the message.
    #expect(
      p.state.status.text
        == "move cancelled, Amira Khan's Mon 23 Nov changed: alice changed: Amira Khan, Mon 23 Nov: home (AM)")
    try run(p, "<release 55 3>")
    #expect(b.log.isEmpty)
  }

  @Test("read-only: every edit key says why it does nothing")
  func readOnly() throws {
    let b = InMemoryBackend(DemoPCN.rota(), readOnly: true)
    let p = try planner(b)
    for keys in ["<Space>", "e", "H", "O", "L", "u", "U", "<press 25 3>"] {
      try run(p, keys)
      #expect(p.state.status.text.hasPrefix("read-only"), "\(keys): \(p.state.status.text)")
      #expect(p.state.overlay == nil)
    }
    #expect(b.rota == DemoPCN.rota())
  }

  @Test("findings list: Enter jumps to the finding's cell")
  func jump() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    // The list starts on the first finding; the second error is Siobhán's double booking on Fri 27 Nov
    // PM (the first is Ioana's training while she is on leave).
    try run(p, "f j <Enter>")
    #expect(p.state.screen == .workers)
    #expect(p.state.workerCursor?.worker == 1)
    #expect(p.state.workerCursor?.day == 4)
    // A cover gap is about a site: it opens the sites grid.
    let order = Severity.allCases.flatMap { s in p.state.model.report.findings.filter { $0.severity == s } }
    let gap = try #require(order.firstIndex { $0.rule == .coverGap })
    try run(p, "f <Home> " + String(repeating: "j ", count: gap) + "<Enter>")
    #expect(p.state.screen == .sites)
    #expect(p.state.model.rota.sites[p.state.siteCursor!.site].code == "STJ")
  }

  @Test("a change to a day already past asks first: n keeps the rota as it was, y saves")
  func pastDayAsks() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "<Home> h h H")
    guard case .confirm(let q) = p.state.overlay else {
      Issue.record("no question before changing Monday, a day already past")
      return
    }
    #expect(q.question.contains("Mon 23 Nov, a day already past"))
    try run(p, "n")
    #expect(b.log.isEmpty)
    #expect(p.state.overlay == nil)
    try run(p, "H y")
    #expect(b.log.count == 1)
    // Today and later are saved at once.
    try run(p, "l l O")
    #expect(b.log.count == 2)
    #expect(p.state.overlay == nil)
  }

  @Test("weeks: next, previous, this week and go to a week")
  func weeks() throws {
    let p = try planner(InMemoryBackend(DemoPCN.rota()))
    try run(p, "] ]")
    #expect(p.week.iso == "2026-W50")
    try run(p, "[")
    #expect(p.week.iso == "2026-W49")
    try run(p, "t")
    #expect(p.week.iso == "2026-W48")
    try run(p, "g \"2027-01-06\" <Enter>")
    #expect(p.week.iso == "2027-W01")
    try run(p, "g \"nonsense\" <Enter>")
    #expect(p.week.iso == "2027-W01")
  }

  @Test("the ends of the supported weeks: a week key there is refused and the week stays")
  func endsOfTheRange() throws {
    let p = try planner(InMemoryBackend(DemoPCN.rota()))
    try run(p, "g \"2199-W52\" <Enter> ]")
    #expect(p.week.iso == "2199-W52")
    #expect(p.state.status.text.contains("outside the weeks rota supports"))
    try run(p, "g \"2000-W01\" <Enter> [ ,")
    #expect(p.week.iso == "2000-W01")
    try run(p, "g \"9999-W52\" <Enter>")
    #expect(p.week.iso == "2000-W01")
    #expect(p.state.status.text.contains("9999-W52 is outside the weeks rota supports"))
    #expect(!p.render().text.isEmpty)
  }

  @Test("pasted text is never run as keys in the grids; in the place picker it is typed")
  func paste() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "l <paste:HOu>")
    #expect(b.log.isEmpty)
    #expect(p.state.status.text.contains("pasted text goes only into a box"))
    try run(p, "e <paste:oak> <Enter>")
    #expect(placement(b.rota, "amira", "2026-11-26", .am) == .site("OAK"))
  }

  @Test(
    "while carrying: a refused key says why on the status line, i reads the preview, Enter on a refused cell keeps the move"
  )
  func carryingManners() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "<Home> <Space> s")
    #expect(p.render().text.contains("finish the move first: Enter drops it, Esc cancels it"))
    try run(p, "i")
    guard case .page(let page) = p.state.overlay else {
      Issue.record("i does nothing while carrying")
      return
    }
    #expect(page.lines.contains { $0.text.hasPrefix("Moving Amira Khan") })
    try run(p, "<Esc> j l <Enter>")
    #expect(p.state.carry != nil, "a drop on a cell where it cannot go ended the move")
    #expect(p.render().text.contains("can't drop here"))
    #expect(b.log.isEmpty)
  }

  @Test("a swap of two days with the same place is no change, and does not ask about the past")
  func noChangeSwap() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    // Siobhán is at Brook Lane on Tue and Wed.
    try run(p, "<Home> j h <Space> l <Enter>")
    #expect(p.state.overlay == nil)
    #expect(p.state.status.text.hasPrefix("no change"))
    #expect(b.log.isEmpty)
  }

  @Test("the picker keeps the cell as it was when it opened: a change made meanwhile is not written over")
  func pickerExpectsWhatItShowed() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "l e \"mil\"")
    b.externalChange(
      [.setOverride(worker: "amira", date: LocalDate(iso: "2026-11-26")!, half: .am, place: .off)], who: "root",
      summary: "Amira Khan, Thu 26 Nov: off (AM)")
    p.handle(.tick)
    try run(p, "<Enter>")
    #expect(placement(b.rota, "amira", "2026-11-26", .am) == .off)
    #expect(p.state.status.text.hasPrefix("not saved"))
  }

  @Test("with the scope AM only, a drag from a whole-day cell moves its morning, wherever it was pressed")
  func dragTakesTheScope() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    // Amira's Thu (column 68) and Fri (83); press on the right half of Thursday.
    try run(p, "<Tab> <press 76 3> <drag 84 3> <release 84 3>")
    #expect(placement(b.rota, "amira", "2026-11-26", .am) == .site("MIL"))
    #expect(placement(b.rota, "amira", "2026-11-26", .pm) == .site("RVS"))
  }

  @Test("the sites grid's detail names everyone in the cell, whatever the filter hides")
  func siteDetailUnfiltered() throws {
    let text = try screen("/ \"sian\" <Enter> s h h h h")
    #expect(text.contains("AK Amira Khan, HA Hodan Abdi"), "\(text)")
  }

  @Test("No to the past-day question says nothing was saved")
  func pastDayNo() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "<Home> h h H n")
    #expect(p.state.status.text == "not saved: the rota is as it was")
    #expect(b.log.isEmpty)
  }

  @Test("a team larger than the screen scrolls with the cursor; the names stay in view")
  func scrolling() throws {
    var g = RotaGenerator(
      .init(workers: 60, sites: 12, weeks: 2, start: LocalDate(iso: "2026-11-23")!.isoWeek, seed: 3))
    let rota = g.rota()
    let p = try Planner(backend: InMemoryBackend(rota), today: wednesday, width: 80, height: 24)
    let rows = p.state.rows.workers
    let first = rota.workers[rows.first!].name
    let last = rota.workers[rows.last!].name
    #expect(p.render().text.contains(first))
    #expect(!p.render().text.contains(last))
    try run(p, "<End>")
    p.settle()
    let bottom = p.render().text
    #expect(bottom.contains(last))
    #expect(!bottom.contains(" \(first) "))
    // The signs of more above and below sit in the blank first column of the
    // grid's top and bottom lines, covering no heading or name. (The key bar's
    // "←↓↑→" is not one of them.)
    let top = 2
    let lastLine = top + p.state.frame.body.height - 1
    let below = bottom.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(below[top].hasPrefix("↑"), "no sign that there is more above: \(below[top])")
    #expect(!below[top].dropFirst().contains("↑"), "the sign covers text: \(below[top])")
    try run(p, "<PgUp> <PgUp> <PgUp> <PgUp> <PgUp>")
    let upper = p.render().text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(upper.joined(separator: "\n").contains(first))
    #expect(upper[lastLine].hasPrefix("↓"), "no sign that there is more below: \(upper[lastLine])")
    #expect(!upper[lastLine].dropFirst().contains("↓"), "the sign covers text: \(upper[lastLine])")
    #expect(!upper[top].hasPrefix("↑"), "a sign of more above at the top of the list")
  }

  @Test("resizing re-lays out everything, and below the minimum says how large it must be")
  func resize() throws {
    let p = try planner(InMemoryBackend(DemoPCN.rota()))
    try run(p, "? <resize 80 24>")
    #expect(p.render().text.contains("┌─ Keys"))
    try run(p, "<resize 59 24>")
    #expect(p.render().text.contains("at least 60 columns wide"))
    try run(p, "<resize 60 16>")
    #expect(!p.render().text.contains("at least"))
  }
}

@Suite("The planner's building blocks")
struct BuildingBlockTests {
  @Test("the drag state machine: press, motion, release; click; cancel")
  func dragController() {
    var d = DragController()
    let monday = LocalDate(iso: "2026-11-23")!
    let s = MoveSource(worker: "amira", date: monday, scope: .day, from: nil)
    let wednesday = DropTarget.worker("amira", monday.adding(days: 2))
    let thursday = DropTarget.worker("amira", monday.adding(days: 3))
    d.press(s, x: 1, y: 1)
    #expect(d.release(over: .worker("amira", monday), x: 1, y: 1) == .click(s))
    d.press(s, x: 1, y: 1)
    d.motion(over: wednesday, x: 5, y: 1)
    #expect(d.target == wednesday)
    #expect(d.release(over: thursday, x: 8, y: 1) == .drop(s, thursday))
    d.press(s, x: 1, y: 1)
    #expect(d.release(over: nil, x: 50, y: 50) == .cancelled)
    d.press(s, x: 1, y: 1)
    d.cancel()
    #expect(d.release(over: thursday, x: 8, y: 1) == DragController.Outcome.none)
  }

  @Test("SGR mouse reports decode to press, drag, release and wheel")
  func sgr() {
    #expect(SGRMouse.parse("0;25;4M") == .mouse(.press, x: 24, y: 3))
    #expect(SGRMouse.parse("32;40;4M") == .mouse(.drag, x: 39, y: 3))
    #expect(SGRMouse.parse("0;56;4m") == .mouse(.release, x: 55, y: 3))
    #expect(SGRMouse.parse("64;1;1M") == .mouse(.scrollUp, x: 0, y: 0))
    #expect(SGRMouse.parse("65;1;1M") == .mouse(.scrollDown, x: 0, y: 0))
    #expect(SGRMouse.parse("0;1M") == nil)
    #expect(SGRMouse.parse("35;5;5M") == nil)
  }

  @Test("the script language: keys, names, mouse, text and comments")
  func script() throws {
    let events = try KeyScript.parse("j <Space> <C-l> \"ab\" # comment\n<press 3 4> <resize 80 24> <F1> <lt>")
    #expect(
      events == [
        .key(.char("j")), .key(.char(" ")), .key(.control("l")), .key(.char("a")), .key(.char("b")),
        .mouse(.press, x: 3, y: 4), .resize(width: 80, height: 24), .key(.function(1)), .key(.char("<")),
      ])
    #expect(throws: KeyScript.Error.self) { try KeyScript.parse("<nonsense>") }
    #expect(throws: KeyScript.Error.self) { try KeyScript.parse("<Space") }
  }

  @Test("the canvas measures wide characters, keeps combining marks, and replaces control characters")
  func canvas() {
    var c = Canvas(width: 12, height: 1)
    let end = c.put("陳S\u{1B}[31mi", x: 0, y: 0, style: .normal)
    #expect(end == 9)
    #expect(c.line(0) == "陳S\u{FFFD}[31mi")
    #expect(c[1, 0].isContinuation)
    var d = Canvas(width: 6, height: 1)
    d.put("Sia\u{302}n", x: 0, y: 0, style: .normal)
    #expect(d.line(0) == "Sia\u{302}n")
    var e = Canvas(width: 4, height: 1)
    e.put("陳陳陳", x: 0, y: 0, style: .normal)
    #expect(e.line(0) == "陳陳")
    #expect(!c.text.unicodeScalars.contains { $0.value == 0x1B })
  }

  @Test("a name with an escape sequence reaches the screen cleaned")
  func hostileName() throws {
    var rota = DemoPCN.rota()
    rota.workers[0].name = "Amira \u{1B}]0;owned\u{7} Khan"
    let p = try Planner(backend: InMemoryBackend(rota), today: wednesday, width: 120, height: 40)
    let text = p.render().text
    #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    #expect(text.contains("Amira \u{FFFD}]0;owned\u{FFFD} Khan"))
  }
}
