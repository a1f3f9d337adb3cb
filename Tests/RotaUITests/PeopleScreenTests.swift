import Foundation
import RotaTestSupport
import Testing

@testable import RotaCore
@testable import RotaUI

func plannerScreen(
  _ script: String, width: Int = 120, height: Int = 40, readOnly: Bool = false,
  configure: (InMemoryBackend) -> Void = { _ in }
) throws -> (Planner, InMemoryBackend) {
  let backend = InMemoryBackend(DemoPCN.rota(), readOnly: readOnly, who: "supervisor")
  configure(backend)
  let planner = try Planner(backend: backend, today: LocalDate(iso: "2026-11-25")!, width: width, height: height)
  for event in try KeyScript.parse(script) { planner.handle(event) }
  planner.settle()
  return (planner, backend)
}

@Suite("Golden screens for the three people")
struct PeopleGoldenTests {
  @Test("my week at 120 and 60 columns, with what changed since last time")
  func myWeek() throws {
    let changed: (InMemoryBackend) -> Void = {
      $0.seen["amira"] = LocalDateTime(iso: "2026-11-24T09:00")
      $0.changeSentences = ["Thu moved from Riverside Surgery to Oakfield by coordinator on Tue 24 Nov 14:02"]
    }
    let (wide, _) = try plannerScreen("p", configure: changed)
    expectGolden("my-week-120", wide.render().text)
    let (narrow, _) = try plannerScreen("p", width: 60, height: 40, configure: changed)
    expectGolden("my-week-60", narrow.render().text)
    let (first, _) = try plannerScreen("j j p", width: 60, height: 30)
    expectGolden("my-week-60-first-time", first.render().text)
  }

  @Test("the isolation board, a worker's weeks, and the ARRS panel")
  func board() throws {
    expectGolden("isolation-board", try plannerScreen("b").0.render().text)
    expectGolden("isolation-board-80x24", try plannerScreen("b", width: 80, height: 24).0.render().text)
    expectGolden("isolation-board-coaches", try plannerScreen("b r r r").0.render().text)
    expectGolden("worker-weeks", try plannerScreen("b <Enter>").0.render().text)
    expectGolden("supervision-dialog", try plannerScreen("b S").0.render().text)
    expectGolden("arrs-panel", try plannerScreen("a").0.render().text)
  }

  @Test("each theme, monochrome included, as the colours and attributes each cell gets")
  func themes() throws {
    let library = ThemeLibrary(builtIn: ThemeLibrary.shipped, userFolder: nil)
    let (planner, _) = try plannerScreen("<Home> h h <Space> l")
    let canvas = planner.render()
    for name in library.names {
      let (theme, problem) = library.load(name)
      #expect(problem == nil, "\(name): \(problem ?? "")")
      expectGolden("theme-\(name)", canvas.resolvedText(theme, colours: 256))
    }
    expectGolden("theme-default-8-colours", canvas.resolvedText(library.load("default").theme, colours: 8))
  }
}

@Suite("The three people's screens")
struct PeopleScreenTests {
  @Test("only the worker's own planner moves their seen mark: not the coordinator's p, not read-only")
  func seen() throws {
    let (_, coordinator) = try plannerScreen("p")
    #expect(coordinator.seen.isEmpty, "the coordinator's p consumed Amira's news")
    let backend = InMemoryBackend(DemoPCN.rota())
    let planner = try Planner(backend: backend, today: LocalDate(iso: "2026-11-25")!, width: 120, height: 40)
    #expect(planner.openMyWeek(id: "hodan"))
    #expect(backend.seen.keys.sorted() == ["hodan"])
    let readOnly = InMemoryBackend(DemoPCN.rota(), readOnly: true)
    let looking = try Planner(backend: readOnly, today: LocalDate(iso: "2026-11-25")!, width: 120, height: 40)
    #expect(looking.openMyWeek(id: "hodan"))
    #expect(readOnly.seen.isEmpty)
  }

  /// A planner opened as `rota --worker ID`, after `script`.
  func workersPlanner(
    _ id: String, _ script: String = "", width: Int = 120, height: Int = 40,
    configure: (InMemoryBackend) -> Void = { _ in }
  ) throws -> (Planner, InMemoryBackend) {
    let backend = InMemoryBackend(DemoPCN.rota(), who: "coordinator")
    configure(backend)
    let planner = try Planner(backend: backend, today: LocalDate(iso: "2026-11-25")!, width: width, height: height)
    #expect(planner.openMyWeek(id: id))
    for event in try KeyScript.parse(script) { planner.handle(event) }
    planner.settle()
    return (planner, backend)
  }

  @Test("what changed takes at most a third of the screen, c shows every change, and the week stays in view")
  func noticeFits() throws {
    let many: (InMemoryBackend) -> Void = {
      $0.seen["amira"] = LocalDateTime(iso: "2026-11-24T09:00")
      $0.changeSentences = (1...12).map {
        "Change number \($0): now Oakfield Medical Centre, was Riverside Surgery, changed by the coordinator on Tue"
      }
    }
    let (planner, _) = try workersPlanner("amira", width: 60, height: 20, configure: many)
    let text = planner.render().text
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let noticeRows = lines.filter { $0.contains("•") || $0.contains("now Oakfield") || $0.contains("Change number") }
    #expect(noticeRows.count <= 20 / 3, "the notice took \(noticeRows.count) rows of 20:\n\(text)")
    #expect(text.contains("more changes: c shows them all"))
    #expect(text.contains("Mon 23 Nov"), "the week was pushed off the screen:\n\(text)")
    planner.handle(.key(.char("c")))
    #expect(planner.render().text.contains("Change number 2"))
    planner.handle(.key(.char("c")))
    #expect(!planner.render().text.contains("Change number 3"))
  }

  @Test("a worker's own planner: colleagues are away, never why; their status line counts their own flags")
  func workersView() throws {
    // Ioana is on sick leave in the demo week; Amira opens her own planner and looks at the grid.
    let (planner, backend) = try workersPlanner("amira", "w")
    let row = try #require(planner.state.rows.workers.firstIndex { planner.state.model.rota.workers[$0].id == "ioana" })
    planner.state.workers.cursor.index = row
    planner.state.workers.day = 1
    planner.handle(.key(.char("L")))
    let screen = planner.render().text
    #expect(screen.contains("Ioana Ștefănescu is away"), "\(screen)")
    #expect(!screen.contains("sick"), "a colleague's leave kind on a worker's screen:\n\(screen)")
    // The coordinator's planner says why.
    let (coordinator, _) = try plannerScreen("")
    coordinator.state.workers.cursor.index = row
    coordinator.state.workers.day = 1
    coordinator.handle(.key(.char("L")))
    #expect(coordinator.render().text.contains("is on sick leave"))
    // Another's change to a colleague's leave reaches Amira's status line without its kind.
    planner.handle(.key(.escape))
    backend.externalChange(
      [], who: "coordinator", summary: "Ioana Ștefănescu: sick leave booked, Mon 30 Nov", workers: ["ioana"])
    planner.handle(.tick)
    let after = planner.render().text
    #expect(after.contains("coordinator changed: the rota of Ioana Ștefănescu"), "\(after)")
    #expect(!after.contains("sick"))
    // Her status line counts her own flags, not the team's 8 errors.
    let (e, w, _) = planner.state.statusFindings
    let findings: [Finding] = planner.state.model.report.findings
    let mine: [Finding] = findings.filter { $0.worker == "amira" || ($0.workers ?? []).contains("amira") }
    let flagged: Int = mine.filter { $0.severity != .info }.count
    #expect(e + w == flagged)
    #expect(e < planner.state.model.errors)
    #expect(after.contains("yours:"))
  }

  @Test("x in my week exports the week to a calendar file and says where")
  func export() throws {
    let (p, b) = try plannerScreen("p x")
    #expect(b.exported.map(\.0) == ["amira"])
    #expect(b.exported.first?.1.iso == "2026-W48")
    #expect(p.state.status.text.contains("rota-amira-2026-W48.ics"))
  }

  @Test("the board is sorted by level then solitary days, and filters by role")
  func boardOrder() throws {
    let (p, _) = try plannerScreen("b")
    let lines = p.state.boardLines
    #expect(lines.first?.row.worker == "chidi")
    for (a, b) in zip(lines, lines.dropFirst()) {
      #expect((a.row.level.rank, a.row.solitaryDays) >= (b.row.level.rank, b.row.solitaryDays))
    }
    let (q, _) = try plannerScreen("b r r r")
    #expect(Set(q.state.boardLines.map(\.role)) == [.healthWellbeingCoach])
  }

  @Test("S on the board adds a supervision session, and the worker's level drops")
  func addSupervision() throws {
    // Title, kind, date, session, where, who comes: the sixth field lists Chidi already.
    let (p, b) = try plannerScreen("b S <Tab> <Tab> <Tab> <Tab> <Tab> \", amira\" <Enter>")
    let event = try #require(b.rota.events.last)
    #expect(event.kind == .supervision)
    #expect(event.attendees == ["chidi", "amira"])
    #expect(event.date == LocalDate(iso: "2026-11-25"))
    #expect(event.half == .pm)
    let row = p.state.model.report.isolation.first { $0.worker == "chidi" }
    #expect(row?.lastSupervision == LocalDate(iso: "2026-11-25"))
    #expect(!p.state.model.report.findings.contains { $0.rule == .noSupervision && $0.worker == "chidi" })
    let (q, c) = try plannerScreen("b S <Tab> <Tab> <Tab> <Tab> <Tab> \", nobody\" <Enter>")
    #expect(c.rota.events.count == DemoPCN.rota().events.count)
    if case .form(let form) = q.state.overlay {
      #expect(form.error == "No one on the rota is \u{201C}nobody\u{201D}.")
      #expect(form.fields[5].value == "chidi, nobody", "what was typed is kept")
    } else {
      Issue.record("the form closed on a bad name")
    }
  }

  @Test("the read-only view refuses supervision with a reason")
  func readOnlySupervision() throws {
    let (p, b) = try plannerScreen("b S", readOnly: true)
    #expect(p.state.overlay == nil)
    #expect(p.state.status.text.hasPrefix("read-only"))
    #expect(b.rota == DemoPCN.rota())
  }

  @Test("T cycles the themes")
  func cycle() throws {
    let (p, _) = try plannerScreen("")
    p.themeNames = ["default", "high-contrast", "colour-blind-safe", "monochrome"]
    try run(p, "T T")
    #expect(p.themeName == "colour-blind-safe")
    try run(p, "T T")
    #expect(p.themeName == "default")
  }
}

@Suite("Theme files")
struct ThemeFileTests {
  @Test("every shipped theme reads, and the default is the built-in theme")
  func shipped() throws {
    for (name, text) in ThemeLibrary.shipped {
      let t = try ThemeFile.parse(text, file: "\(name).theme")
      #expect(t.name == name)
    }
    #expect(Theme.builtIn.name == "default")
    #expect(!Theme.builtIn.entries.isEmpty)
    let disk = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../../Themes/default.theme")
    #expect(try String(contentsOf: disk, encoding: .utf8) == ThemeLibrary.shipped[0].text)
  }

  @Test("a broken theme names its file and line, and the default is used")
  func broken() throws {
    let cases: [(String, Int, String)] = [
      ("title = 231 on\n", 1, "expected a colour after 'on'"),
      ("# ok\ntitel = red\n", 2, "unknown role 'titel'"),
      ("error = purple\n", 1, "'purple' is not a colour or an attribute"),
      ("error = red blinking\n", 1, "'blinking' is not a colour or an attribute"),
      ("[16 colours]\n", 1, "unknown section [16 colours]"),
      ("colours = lots\n", 1, "colours is 'lots'"),
      ("site-accents = 1 2 300\n", 1, "'300' is not a colour"),
      ("just words\n", 1, "expected role = colour"),
    ]
    for (text, line, says) in cases {
      do {
        _ = try ThemeFile.parse(text, file: "bad.theme")
        Issue.record("read without error: \(text)")
      } catch {
        #expect(error.line == line && error.message.contains(says), "\(error)")
        #expect(error.description.hasPrefix("bad.theme:\(line): "))
      }
    }
    let library = ThemeLibrary(builtIn: ThemeLibrary.shipped + [("broken", "titel = red\n")], userFolder: nil)
    let (theme, problem) = library.load("broken")
    #expect(theme.name == "default")
    #expect(problem?.contains("Themes/broken.theme:1: unknown role 'titel'") == true)
    #expect(library.load("nonexistent").problem?.contains("there is no theme called nonexistent") == true)
  }

  @Test("user themes override and add; colours fall back to 8 and to none")
  func userThemes() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "name = default\ntitle = red\n".write(
      to: folder.appendingPathComponent("default.theme"), atomically: true, encoding: .utf8)
    try "name = mine\ntitle = 200 on 17\n".write(
      to: folder.appendingPathComponent("mine.theme"), atomically: true, encoding: .utf8)
    let library = ThemeLibrary(builtIn: ThemeLibrary.shipped, userFolder: folder.path)
    #expect(library.names.contains("mine"))
    #expect(library.load("default").theme.entries[.title] == ThemeEntry(.indexed(1)))
    let mine = library.load("mine").theme
    #expect(mine.resolve(Style(.title), colours: 256) == ThemeEntry(.indexed(200), .indexed(17)))
    // 200 (a magenta) is nearest magenta (5); 17 (a dark blue) is nearest black (0).
    #expect(mine.resolve(Style(.title), colours: 8) == ThemeEntry(.indexed(5), .indexed(0)))
    #expect(mine.resolve(Style(.title), colours: 0) == ThemeEntry())
  }

  @Test("monochrome: every meaning is a glyph or an attribute, never colour alone")
  func monochrome() throws {
    let theme = ThemeLibrary(builtIn: ThemeLibrary.shipped, userFolder: nil).load("monochrome").theme
    #expect(!theme.usesColour)
    for role in StyleRole.allCases {
      let e = theme.resolve(Style(role), colours: 256)
      #expect(e.foreground == .terminalDefault && e.background == .terminalDefault, "\(role) has a colour")
    }
    // What must stand out without colour: the cursor, a drag's target and source,
    // the status line, and the levels that ask for attention.
    for role in [StyleRole.selection, .dragTarget, .dragSource, .statusBar, .levelOverload, .gap] {
      #expect(!theme.resolve(Style(role), colours: 256).attributes.isEmpty, "\(role) would be invisible")
    }
    // The cursor is reverse video in every theme, so it shows on any cell.
    #expect(theme.resolve(Style(.practice, reverse: true), colours: 256).attributes.contains(.reverse))
  }
}

@Suite("The ARRS table")
struct ARRSTests {
  @Test("the built-in table names its year and source, with the 2020/21 maximums")
  func table() {
    let t = ARRSTable.builtIn
    #expect(t.source.contains("2020/21"))
    let (year, rows) = t.rows(for: "2020/21")
    #expect(year == "2020/21")
    #expect(rows.first { $0.covers.contains(.gpLinkWorker) }?.maximum == 35389)
    #expect(rows.first { $0.covers.contains(.familyLinkWorker) }?.maximum == 35389)
    #expect(rows.first { $0.covers.contains(.healthWellbeingCoach) }?.maximum == 35389)
    #expect(rows.first { $0.covers.contains(.careCoordinator) }?.maximum == 29135)
    #expect(t.rows(for: "2030/31").year == "2020/21")
  }

  @Test("whole-time equivalents come from contracted sessions, 10 to one")
  func wte() {
    let (_, lines) = ARRSTable.builtIn.lines(for: DemoPCN.rota(), year: "2026/27")
    let coaches = lines.first { $0.role == .healthWellbeingCoach }!
    #expect(coaches.people == 2 && coaches.sessions == 16)
    #expect(ARRSTable.wte(coaches.wteTenths) == "1.6")
    #expect(coaches.maximum == 35389 * 16 / 10)
    #expect(ARRSTable.pounds(1_234_567) == "£1,234,567")
    #expect(ARRSTable.financialYear(of: LocalDate(iso: "2027-03-31")!) == "2026/27")
    #expect(ARRSTable.financialYear(of: LocalDate(iso: "2027-04-01")!) == "2027/28")
  }
}

@Suite("The supervisor's board says what is true")
struct BoardTruthTests {
  func boardLine(_ planner: Planner, _ name: String) throws -> String {
    let text = planner.render().text
    return try #require(text.split(separator: "\n").first { $0.contains(name) }.map(String.init), "\(text)")
  }

  @Test(
    "a supervision still to come is booked, never the last; one missed on leave does not count; runs before the window read ≥"
  )
  func board() throws {
    // Siobhán's only supervision is Friday's, still to come on Wednesday.
    let (p, _) = try plannerScreen("b")
    let siobhan = try boardLine(p, "Siobhán O'Connor")
    #expect(siobhan.contains("none on record; booked 27 Nov"), "\(siobhan)")
    #expect(!siobhan.contains("this week"))
    // Chidi has been alone since 2 October, before the 4-week window.
    #expect(try boardLine(p, "Chidi Okonkwo").contains("≥20"))
    // A supervision for Ioana on her sick day: she was not there, so her last stays 12 Nov.
    let (q, _) = try plannerScreen("b") { backend in
      backend.externalChange([
        .addEvent(
          Event(
            title: "Supervision on a sick day", kind: .supervision, date: LocalDate(iso: "2026-11-24")!, half: .am,
            venue: .online, lead: nil, attendees: ["ioana"]))
      ])
    }
    let ioana = try boardLine(q, "Ioana Ștefănescu")
    #expect(ioana.contains("12 Nov"), "\(ioana)")
    #expect(!ioana.contains("24 Nov"))
  }
}
