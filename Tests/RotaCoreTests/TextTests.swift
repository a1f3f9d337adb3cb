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
  @Test("rota check's board lists workers in the board's order: level, then solitary days; every value named")
  func order() {
    let rota = DemoPCN.rota()
    let analysis = RotaAnalysis(rota)
    let report = analysis.report(for: week("2026-W48"))
    let trend = IsolationBoard.trend(analysis, endingWith: week("2026-W48"))
    let lines = IsolationBoard.lines(
      report.isolation, analysis: analysis, week: week("2026-W48"), today: date("2026-11-25"), trend: trend)
    let text = TextReports.isolationBoard(week: week("2026-W48"), lines: lines, width: 80)
    let names = lines.map(\.name)
    let heads = text.split(separator: "\n").dropFirst(1).filter { !$0.hasPrefix("    ") }
    #expect(heads.map { line in names.first { line.contains($0) } } == names.map { Optional($0) })
    #expect(names.first == "Chidi Okonkwo")
    #expect(text.contains("  ■ overload: Chidi Okonkwo, GP link worker\n"))
    #expect(text.contains("days alone per week, oldest first (of 7): 5 5 5 5 5 5 5 5"))
    #expect(text.split(separator: "\n").allSatisfy { TextWidth.width(of: String($0)) <= 80 })
  }
}
