import RotaCore

/// One worker's last eight weeks, with the reasons for each week's level.
struct WorkerHistory: Hashable {
  let worker: String
  /// Each of the 8 weeks ending with the shown one, oldest first: its isolation row
  /// and the reasons for its level. Worked out when the screen opens or the rota
  /// changes, not while drawing.
  var weeks: [Week] = []
  var scroll = 0

  struct Week: Hashable {
    let week: ISOWeek
    let row: IsolationRow
    let reasons: [String]
  }
}

extension PlannerState {
  func historyLines() -> [PageLine] {
    guard let history, let w = model.workerIndex[history.worker] else { return [] }
    let person = model.rota.workers[w]
    var lines: [PageLine] = [
      PageLine(
        text: "\(person.name) · \(person.role.displayName): the last 8 weeks", style: Style(.roleHeader, bold: true)),
      PageLine(text: "", style: .normal),
    ]
    for entry in history.weeks {
      let (wk, row) = (entry.week, entry.row)
      let (level, role) = Glyph.level(row.level)
      let last = row.lastSupervision.map { "\($0.short) (\(IsolationBoard.ago($0, from: wk)))" } ?? "never"
      lines.append(
        PageLine(
          text:
            "\(wk.title) · \(row.level == .ok ? "ok" : level) · worked \(row.workedDays) days · alone \(row.solitaryDays) · streak \(row.longestStreak) · last supervision \(last)",
          style: Style(role, bold: row.level != .ok)))
      for r in entry.reasons {
        lines.append(PageLine(text: "\(Glyph.warning) \(r)", style: .normal, indent: 4))
      }
    }
    lines.append(PageLine(text: "", style: .normal))
    lines.append(
      PageLine(text: "S adds a supervision session for \(person.name) · Esc goes back to the board", style: Style(.dim))
    )
    return lines
  }

  /// Works the 8 weeks out again (on opening the screen, and after the week or the rota changed).
  mutating func refreshHistory() {
    guard let id = history?.worker else { return }
    var weeks: [WorkerHistory.Week] = []
    for back in (0..<8).reversed() {
      let wk = week.adding(weeks: -back)
      let report = model.analysis.report(for: wk)
      guard let row = report.isolation.first(where: { $0.worker == id }) else { continue }
      weeks.append(.init(week: wk, row: row, reasons: IsolationBoard.reasons(row, findings: report.findings)))
    }
    history?.weeks = weeks
  }

  func drawHistory(_ c: inout Canvas, _ f: Frame) {
    drawPage(&c, f, lines: wrapped(historyLines()), scroll: history?.scroll ?? 0)
  }
}
