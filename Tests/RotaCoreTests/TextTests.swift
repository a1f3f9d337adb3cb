import Testing

@testable import RotaCore

@Suite("Text: widths, sanitising and plain-text reports")
struct TextTests {
  @Test(
    "display widths come from wcwidth",
    arguments: [
      ("Amira", 5), ("Siân", 4), ("陳美琳", 6), ("e\u{301}", 1), ("Ștefănescu", 10), ("", 0),
    ])
  func widths(_ text: String, _ width: Int) {
    #expect(TextWidth.width(of: text) == width)
  }

  @Test("padding and truncation count columns, not characters")
  func pad() {
    #expect(TextWidth.pad("陳美琳", to: 8) == "陳美琳  ")
    #expect(TextWidth.truncate("Riverside Surgery", to: 8) == "Riversi…")
    #expect(TextWidth.width(of: TextWidth.truncate("陳美琳陳美琳", to: 7)) <= 7)
  }

  @Test("control characters never survive sanitising")
  func sanitise() {
    let s = RotaText.sanitized("A\u{1B}[2JB\u{7}C\u{202E}D\u{9B}E")
    #expect(!s.unicodeScalars.contains { RotaText.isForbidden($0) })
    #expect(s.hasPrefix("A\u{FFFD}[2JB"))
  }

  @Test("the week grid groups by role and says where each worker is")
  func weekGrid() {
    let analysis = RotaAnalysis(DemoPCN.rota())
    let p = analysis.placements(for: week("2026-W48"))
    let text = TextReports.weekGrid(p, workers: Array(p.rota.workers.indices))
    #expect(text.contains("GP link workers\n"))
    #expect(text.contains("Care coordinators\n"))
    let amira = text.split(separator: "\n").first { $0.contains("Amira Khan") }
    #expect(amira?.contains("RVS") == true)
    #expect(text.contains("MIL/leave"))
  }

  @Test("a worker's week names the places, the colleagues and the events")
  func workerWeek() {
    let analysis = RotaAnalysis(DemoPCN.rota())
    let p = analysis.placements(for: week("2026-W48"))
    let w = p.rota.workers.firstIndex { $0.id == "hodan" }!
    let text = TextReports.workerWeek(p, worker: w, report: analysis.report(for: week("2026-W48")))
    #expect(text.hasPrefix("Hodan Abdi — Care coordinator — Week 48"))
    #expect(text.contains("Mon 23 Nov  Riverside Surgery (RVS, GP practice)"))
    #expect(text.contains("with Amira Khan"))
    #expect(text.contains("Personalised care training"))
    #expect(text.contains("last supervision: Thu 12 Nov 2026"))
  }
}

@Suite("The isolation board as text")
struct BoardTextTests {
  @Test("rota check's board lists workers in the board's order: level, then solitary days")
  func order() {
    let rota = DemoPCN.rota()
    let analysis = RotaAnalysis(rota)
    let report = analysis.report(for: week("2026-W48"))
    let trend = IsolationBoard.trend(analysis, endingWith: week("2026-W48"))
    let text = TextReports.isolationBoard(rota: rota, week: week("2026-W48"), rows: report.isolation, trend: trend)
    let names = IsolationBoard.lines(report.isolation, rota: rota, week: week("2026-W48"), trend: trend).map(\.name)
    let shown = text.split(separator: "\n").dropFirst(2).map { line in names.first { line.contains($0) } }
    #expect(shown == names.map { Optional($0) })
    #expect(names.first == "Chidi Okonkwo")
    #expect(text.contains("▆▆▆▆▆▆▆▆"))
  }
}
