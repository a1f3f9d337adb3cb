import Foundation
import RotaTestSupport
import Testing

@testable import RotaCore
@testable import RotaUI

/// The planner defects of issue 8 that can be shown in process, through the
/// planner's surface only (events in, the canvas out).
@Suite("Planner defects, in process")
struct PlannerDefectInProcessTests {
  @Test("PgDn moves a page whether or not a frame has been drawn")
  func pageDownWithoutAFrame() throws {
    var g = RotaGenerator(.init(workers: 60, sites: 12, weeks: 2, start: wednesday.isoWeek, seed: 3))
    let rota = g.rota()
    let scripted = try Planner(backend: InMemoryBackend(rota), today: wednesday, width: 120, height: 40)
    _ = scripted.handle(.key(.pageDown))
    scripted.settle()
    let drawnFirst = try Planner(backend: InMemoryBackend(rota), today: wednesday, width: 120, height: 40)
    _ = drawnFirst.render()
    _ = drawnFirst.handle(.key(.pageDown))
    drawnFirst.settle()
    #expect(scripted.render().text == drawnFirst.render().text)
  }

  @Test("the selection and preview styles are drawn: the cursor's cell, and a drag's target")
  func selectionAndPreviewDrawn() throws {
    // Style dumps write a reversed cell's letter in upper case.
    func uses(_ role: StyleRole, _ dump: String) -> Bool {
      dump.contains(role.letter) || dump.contains(role.letter.uppercased())
    }
    #expect(uses(.selection, try screen("", styles: true)), "the cursor is not drawn in the selection style")
    let dragging = try screen("<press 25 3> <drag 40 3> <drag 55 3>", styles: true)
    #expect(uses(.preview, dragging), "the drop preview is not drawn in the preview style")
  }

  @Test("the themes and the demo built into the binary are the files in Themes/ and seeds/, byte for byte")
  func builtInCopiesAreTheFiles() throws {
    let top = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    let themes = try FileManager.default.contentsOfDirectory(atPath: top.appendingPathComponent("Themes").path)
      .filter { $0.hasSuffix(".theme") }.sorted()
    #expect(!themes.isEmpty)
    let shipped = Dictionary(uniqueKeysWithValues: ThemeLibrary.shipped.map { ($0.name, $0.text) })
    for file in themes {
      let text = try String(contentsOf: top.appendingPathComponent("Themes/\(file)"), encoding: .utf8)
      #expect(shipped[String(file.dropLast(6))] == text, "Themes/\(file) is not the theme built into the binary")
    }
    #expect(shipped.count == themes.count, "a built-in theme has no file in Themes/")
    let demo = try String(contentsOf: top.appendingPathComponent("seeds/demo-pcn.yaml"), encoding: .utf8)
    #expect(DemoPCN.yaml == demo, "seeds/demo-pcn.yaml is not the demo built into the binary")
  }
}
