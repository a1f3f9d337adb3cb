import Foundation
import RotaTestSupport
import Testing

@testable import RotaCore
@testable import RotaUI

/// Runs the planner on a virtual screen over the demo PCN (this week being its
/// anchor week, 2026-W48, "today" Wednesday 25 November) and returns the screen.
func screen(_ script: String, width: Int = 120, height: Int = 40, readOnly: Bool = false, styles: Bool = false) throws
  -> String
{
  let canvas = try canvas(script, width: width, height: height, readOnly: readOnly)
  return styles ? canvas.styleText : canvas.text
}

/// The canvas the planner draws after a script, over the demo.
func canvas(_ script: String, width: Int = 120, height: Int = 40, readOnly: Bool = false) throws -> Canvas {
  let backend = InMemoryBackend(DemoPCN.rota(), readOnly: readOnly, who: "coordinator")
  let planner = try Planner(backend: backend, today: LocalDate(iso: "2026-11-25")!, width: width, height: height)
  planner.planLimit = testPlanLimit
  for event in try KeyScript.parse(script) { planner.handle(event) }
  planner.settle()
  return planner.render()
}

/// Compares a screen with `Golden/NAME.txt`. With ROTA_UPDATE_GOLDEN=1 it
/// rewrites the file instead, and still fails, so an update can never pass CI.
func expectGolden(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name).txt")
  if ProcessInfo.processInfo.environment["ROTA_UPDATE_GOLDEN"] == "1" {
    try? actual.write(to: url, atomically: true, encoding: .utf8)
    Issue.record("updated \(name).txt; run again without ROTA_UPDATE_GOLDEN", sourceLocation: sourceLocation)
    return
  }
  guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
    Issue.record("no golden screen \(name).txt; create it with ROTA_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
    return
  }
  if expected != actual {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
    Issue.record(
      "screen \(name) differs from the golden file at line \(line + 1):\n  expected: \(line < e.count ? String(e[line]) : "(end)")\n  actual:   \(line < a.count ? String(a[line]) : "(end)")",
      sourceLocation: sourceLocation)
  }
}

@Suite("Golden screens of the planner")
struct GoldenScreenTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let script: String
    var width = 120
    var height = 40
    var readOnly = false
    var styles = false
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "workers-120x40", script: ""),
    Case(name: "workers-80x24", script: "", width: 80, height: 24),
    Case(name: "workers-am-scope", script: "<Tab> j"),
    Case(name: "workers-cursor-on-overcapacity", script: "<Home> h h"),
    Case(name: "sites-120x40", script: "s"),
    Case(name: "sites-80x24", script: "s", width: 80, height: 24),
    Case(name: "findings-120x40", script: "f j j"),
    Case(name: "help-120x40", script: "?"),
    Case(name: "help-80x24-scrolled", script: "? <PgDn>", width: 80, height: 24),
    Case(name: "picker", script: "e \"hu\""),
    Case(name: "leave-dialog", script: "j L <BS> <BS> \"27\" <Tab>"),
    Case(name: "leave-warning", script: "j L <BS> <BS> \"27\" <Enter>"),
    Case(name: "after-booking-leave", script: "j L <BS> <BS> \"27\" <Enter> y"),
    Case(name: "go-to-week-prompt", script: "g \"2026-W49\""),
    Case(name: "filter", script: "/ \"oak\" <Enter>"),
    Case(name: "keyboard-carry-preview", script: "<Home> h h <Space> l l"),
    Case(name: "mouse-drag-preview", script: "<press 25 3> <drag 40 3> <drag 55 3>"),
    Case(name: "after-drag-swap", script: "<press 25 3> <drag 40 3> <drag 55 3> <release 55 3>"),
    Case(name: "after-keyboard-swap-people", script: "<Home> h h <Space> j j <Enter>"),
    Case(name: "site-chooser", script: "s <Home> <Space>"),
    Case(name: "next-week", script: "]"),
    Case(name: "bank-holiday-week", script: "g \"2026-W53\" <Enter>"),
    Case(name: "too-small", script: "", width: 50, height: 12),
    Case(name: "read-only-refusal", script: "<Space>", readOnly: true),
    Case(name: "undo-after-edit", script: "<Home> h h H u"),
    Case(name: "workers-styles", script: "", styles: true),
    Case(name: "keyboard-carry-preview-80x24", script: "<Home> h h <Space> l l", width: 80, height: 24),
    Case(name: "mouse-drag-preview-80x24", script: "<press 21 3> <drag 39 3>", width: 80, height: 24),
    Case(name: "drop-refused-80x24", script: "<Home> h h <Space> j l", width: 80, height: 24),
    Case(name: "sites-carry-80x24", script: "s j j j j h h h h h h h h <Space> j", width: 80, height: 24),
    Case(name: "findings-80x24", script: "f", width: 80, height: 24),
    Case(name: "past-day-question", script: "<Home> h h H"),
    Case(name: "past-day-question-80x24", script: "<Home> h h H", width: 80, height: 24),
    Case(name: "messages-80x24", script: "<Home> l H l H M", width: 80, height: 24),
    Case(name: "details-80x24", script: "<Home> h h i", width: 80, height: 24),
    Case(name: "workers-60x16", script: "", width: 60, height: 16),
    Case(name: "team-120x40", script: "W"),
    Case(name: "team-80x24", script: "W", width: 80, height: 24),
    Case(name: "team-sites-80x24", script: "W <Tab>", width: 80, height: 24),
    Case(name: "new-starter-form-80x24", script: "W n \"ruth\" <Tab> \"Ruth Adeyemi\"", width: 80, height: 24),
    Case(name: "form-error-80x24", script: "W n \"amira\" <Enter>", width: 80, height: 24),
    Case(name: "usual-week-editor", script: "W P \"oak\""),
    Case(name: "usual-week-editor-80x24", script: "W P \"oak\"", width: 80, height: 24),
    Case(name: "event-form-80x24", script: "<Home> j j l E \"Clinical supervision\" <Tab> s", width: 80, height: 24),
    Case(name: "leave-menu", script: "<Home> j j j l L"),
    Case(name: "sites-60x16", script: "s", width: 60, height: 16),
    Case(name: "suggestions-120x40", script: "f j F"),
    Case(name: "suggestions-80x24", script: "f j F", width: 80, height: 24),
    Case(name: "who-can-cover-80x24", script: "s F", width: 80, height: 24),
    Case(name: "plan-120x40", script: "A n"),
    Case(name: "plan-80x24", script: "A n", width: 80, height: 24),
  ]

  @Test("each view and mode matches its golden screen", arguments: cases)
  func golden(_ c: Case) throws {
    expectGolden(c.name, try screen(c.script, width: c.width, height: c.height, readOnly: c.readOnly, styles: c.styles))
  }

  @Test("no sentence meant to be read is cut: every golden screen's sentences fit or wrap", arguments: cases)
  func nothingCut(_ c: Case) throws {
    let drawn = try canvas(c.script, width: c.width, height: c.height, readOnly: c.readOnly)
    #expect(drawn.cutSentences.isEmpty, "\(c.name): cut: \(drawn.cutSentences)")
  }
}
