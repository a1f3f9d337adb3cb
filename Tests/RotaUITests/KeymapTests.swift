import Foundation
import RotaTestSupport
import Testing

@testable import RotaCore
@testable import RotaUI

@Suite("The keymap")
struct KeymapTests {
  @Test("no key is bound twice in one mode")
  func noDuplicates() {
    let twice = Keymap.duplicates.map { "\($0.0): \($0.1.label)" }
    #expect(twice.isEmpty, "bound twice: \(twice)")
  }

  @Test("the help lists every binding that has a sentence, from the keymap itself")
  func helpFromKeymap() throws {
    let p = try planner(InMemoryBackend(DemoPCN.rota()))
    let help = p.state.helpLines.map(\.0).joined(separator: "\n")
    for b in Keymap.bindings where b.help != nil {
      let first = b.help!.split(separator: " ").prefix(3).joined(separator: " ")
      #expect(help.contains(b.label), "the help does not name \(b.label)")
      #expect(help.contains(first), "the help does not say what \(b.label) does")
    }
  }

  @Test("every key the footer shows does what it says in that mode")
  func footerFromKeymap() {
    for mode in KeyMode.allCases {
      for (label, _) in Keymap.footer(mode, readOnly: false) {
        let bound = Keymap.bindings.contains { $0.modes.contains(mode) && Keymap.footerLabel($0) == label }
        #expect(bound, "\(mode): the footer shows \(label), which is not bound there")
      }
    }
  }

  @Test("read-only hides the editing keys from the footer and the help says they are not available")
  func readOnlyFooter() throws {
    let words = Keymap.footer(.workers, readOnly: true).map(\.1)
    #expect(!words.contains("pick up") && !words.contains("place") && !words.contains("undo"))
    let p = try planner(InMemoryBackend(DemoPCN.rota(), readOnly: true))
    #expect(p.state.helpLines.contains { $0.0.contains("not in a read-only view") })
  }

  @Test("the footer on screen is the keymap's, at 120 and at 80 columns, help and quit always kept")
  func footerOnScreen() throws {
    for width in [120, 80, 60] {
      let s = try screen("", width: width, height: 24).split(separator: "\n").map(String.init)
      let footer = s[s.count - 1]
      #expect(footer.contains("? help") && footer.contains("q quit"), "\(width): \(footer)")
      #expect(footer.count <= width)
    }
  }
}

@Suite("What the screen shows is true")
struct ScreenTruthTests {
  @Test(
    "the legend explains every mark on the screen",
    arguments: [
      ("", 120), ("", 80), ("s", 120), ("s", 80), ("f", 80), ("<Home> <Space> l", 80), ("s <Space> j", 80),
      ("g \"2026-W53\" <Enter>", 120), ("g \"2026-W53\" <Enter> s", 80),
    ])
  func legendIsTrue(script: String, width: Int) throws {
    let lines = try screen(script, width: width, height: 40).split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init)
    // The legend is the rows between the detail pane's text and the status line.
    let statusRow = lines.count - 3
    let legend = lines[(statusRow - 2)..<statusRow].joined(separator: "  ")
    let body = lines.prefix(statusRow - 2).filter { !$0.hasPrefix("──") }.joined(separator: "\n")
    let marks = [
      Glyph.error, Glyph.warning, Glyph.info, Glyph.solitary, Glyph.holiday, Glyph.closed, Glyph.today,
      Glyph.overload, Glyph.dropHere, Glyph.cannotDrop,
    ]
    for mark in marks where body.contains(mark) {
      #expect(legend.contains(mark), "\(script) at \(width): \(mark) is on the screen but not in the legend: \(legend)")
    }
  }

  @Test("initials tell every member of the team apart, even two people with the same initials or name")
  func initials() {
    let names = [
      "Chidi Nguyễn", "Chidi Nguyễn", "Chloe Ng", "Amira Khan", "Ahmed Khalil", "Ann Kerr", "Mei-Lin Chen", "Zoë",
    ]
    let initials = WeekModel.uniqueInitials(names)
    #expect(Set(initials).count == names.count, "\(initials)")
    #expect(initials[3] != initials[4])
    var g = RotaGenerator(.init(workers: 300, sites: 20, weeks: 1, start: wednesday.isoWeek, seed: 1))
    let team = g.rota().workers.map(\.name)
    #expect(Set(WeekModel.uniqueInitials(team)).count == team.count)
  }

  @Test("an over-full site cell names who is in it; the detail lists them all")
  func overFullNamed() throws {
    let text = try screen("s h h h h")
    let rvs = try #require(text.split(separator: "\n").first { $0.contains("Riverside Surgery") })
    #expect(rvs.contains("✖AK HA"), "\(rvs)")
    #expect(text.contains("AK Amira Khan, HA Hodan Abdi"))
  }

  @Test("today is marked in every grid and in a worker's week; past days ask before they change")
  func todayMarked() throws {
    #expect(try screen("").contains("▼Wed 25"))
    #expect(try screen("s").contains("▼Wed 25"))
    #expect(try screen("p").contains("▼Wed 25 Nov"))
  }

  @Test("the scope shows at every size, in every grid")
  func scopeShown() throws {
    for (w, h) in [(120, 40), (80, 24), (60, 16)] {
      for (keys, word) in [
        ("", "whole days"), ("<Tab>", "AM only"), ("<Tab> <Tab>", "PM only"), ("s <Tab>", "half days"),
      ] {
        let title = try screen(keys, width: w, height: h).split(separator: "\n")[0]
        #expect(title.contains(word), "\(w)×\(h) \(keys): \(title)")
      }
    }
  }

  @Test("the findings list starts on the first finding, with it in the detail pane")
  func findingsStart() throws {
    let text = try screen("f", width: 80, height: 24)
    #expect(text.contains("Finding 1 of 17"))
    let (p, _) = try plannerScreen("f")
    #expect(p.state.findings.cursor.index == 0)
  }

  @Test("drawing changes nothing: two renders are the same, and a render between keys changes what no key does")
  func drawingIsPure() throws {
    let keys = "<Home> <PgDn> s j <Space> l f j b j"
    let (a, _) = try plannerScreen(keys)
    let b = InMemoryBackend(DemoPCN.rota(), who: "supervisor")
    let p = try Planner(backend: b, today: wednesday, width: 120, height: 40)
    for e in try KeyScript.parse(keys) {
      _ = p.render()
      p.handle(e)
    }
    p.settle()
    #expect(a.render().text == p.render().text)
    #expect(p.render().text == p.render().text)
  }
}

@Suite("Live updates")
struct LiveUpdateTests {
  @Test("after someone else's change: who changed what, and the changed cells marked for a moment")
  func whoAndWhere() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    b.externalChange(
      [.setOverride(worker: "chidi", date: LocalDate(iso: "2026-11-26")!, half: .am, place: .site("RVS"))],
      who: "Sam (coordinator)", summary: "Chidi Okonkwo, Thu 26 Nov: Westdale → Riverside Surgery (AM)")
    #expect(p.handle(.tick).contains(.redraw))
    #expect(
      p.state.status.text == "Sam (coordinator) changed: Chidi Okonkwo, Thu 26 Nov: Westdale → Riverside Surgery (AM)")
    let chidi = try #require(p.state.model.workerIndex["chidi"])
    #expect(p.state.changed?.cells == [chidi * 14 + 3 * 2])
    let styles = p.render().styleText.split(separator: "\n")[5]
    #expect(styles.contains(StyleRole.changed.letter))
    for _ in 0..<Planner.changedTicks { p.handle(.tick) }
    #expect(p.state.changed == nil)
    #expect(!p.render().styleText.contains(StyleRole.changed.letter))
  }
}

@Suite("Theme contrast")
struct ContrastTests {
  /// Roles drawn only as marks (box lines, rules, the off dot): 3:1 is enough for them.
  static let markRoles: Set<StyleRole> = [.rule, .overlayBorder, .off]

  @Test("xterm's 256 colours and WCAG's contrast ratio, checked on known values")
  func arithmetic() {
    #expect(Colour.indexed(16).rgb! == (0, 0, 0))
    #expect(Colour.indexed(231).rgb! == (255, 255, 255))
    #expect(Colour.indexed(214).rgb! == (255, 175, 0))
    #expect(Colour.indexed(244).rgb! == (128, 128, 128))
    #expect(abs(Colour.contrast(.indexed(16), .indexed(231))! - 21) < 0.01)
    // The defect that started this: the default theme's 214 on a white terminal.
    #expect(abs(Colour.contrast(.indexed(214), .indexed(231))! - 1.8) < 0.05)
  }

  @Test(
    "every text role reaches 4.5:1 and every mark 3:1 against its background, in every theme with colour",
    arguments: ThemeLibrary.shipped.map(\.name))
  func contrast(theme name: String) throws {
    let theme = try ThemeFile.parse(
      try #require(ThemeLibrary.shipped.first { $0.name == name }).text, file: "\(name).theme")
    guard theme.usesColour else { return }
    let terminalBackground: Colour = theme.background == .dark ? .indexed(16) : .indexed(231)
    let terminalForeground: Colour = theme.background == .dark ? .indexed(231) : .indexed(16)
    var styles = StyleRole.allCases.map { Style($0) }
    // Site cells take each accent as their background.
    for i in theme.siteAccents.indices { styles.append(Style(.practice, site: i)) }
    for style in styles {
      let e = theme.resolve(style, colours: 256)
      if e.foreground == .terminalDefault && e.background == .terminalDefault { continue }
      let fg = e.foreground == .terminalDefault ? terminalForeground : e.foreground
      let bg = e.background == .terminalDefault ? terminalBackground : e.background
      let ratio = try #require(Colour.contrast(fg, bg))
      let needed = Self.markRoles.contains(style.role) ? 3.0 : 4.5
      #expect(
        ratio >= needed,
        "\(name): \(style.role) (\(fg) on \(bg)\(style.site >= 0 ? ", accent \(style.site)" : "")) is \(String(format: "%.2f", ratio)):1, under \(needed):1"
      )
    }
  }
}

@Suite("Choosing a theme")
struct ThemeChoiceTests {
  @Test("NO_COLOR means monochrome; a light background (COLORFGBG) means light; else default")
  func defaults() {
    #expect(ThemeLibrary.defaultName(environment: [:]) == "default")
    #expect(ThemeLibrary.defaultName(environment: ["NO_COLOR": "1"]) == "monochrome")
    #expect(ThemeLibrary.defaultName(environment: ["NO_COLOR": "1", "COLORFGBG": "0;15"]) == "monochrome")
    #expect(ThemeLibrary.defaultName(environment: ["COLORFGBG": "0;15"]) == "light")
    #expect(ThemeLibrary.defaultName(environment: ["COLORFGBG": "0;default;7"]) == "light")
    #expect(ThemeLibrary.defaultName(environment: ["COLORFGBG": "15;0"]) == "default")
    #expect(ThemeLibrary.defaultName(environment: ["COLORFGBG": "nonsense"]) == "default")
  }
}
