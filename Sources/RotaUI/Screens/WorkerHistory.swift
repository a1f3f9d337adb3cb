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
    /// The longest solitary run, "≥20" when it goes on before the window.
    var run = ""
    /// The last supervision attended by then, and one booked still to come.
    var supervision: SupervisionStatus?
  }
}

extension PlannerState {
  /// A table of the 8 weeks, one row each, then the shown week's reasons in
  /// sentences (the same reasons week after week would only repeat).
  func historyLines() -> [PageLine] {
    guard let history, let w = model.workerIndex[history.worker] else { return [] }
    let person = model.rota.workers[w]
    var lines: [PageLine] = [
      PageLine(
        text: "\(person.name) · \(person.role.displayName): the last 8 weeks, oldest first",
        style: Style(.roleHeader, bold: true)),
      PageLine(text: "", style: .normal),
    ]
    let narrow = width < 90
    let weekWidth = narrow ? 5 : 21
    func row(_ cells: [(String, Int)]) -> String {
      cells.map { $0.1 > 0 ? TextWidth.pad($0.0, to: $0.1) : $0.0 }.joined()
    }
    lines.append(
      PageLine(
        text: row([
          ("Week", weekWidth + 1), ("Level", 9), ("Worked", 8), ("Alone", 7), ("Run", 6), ("Last supervision", 0),
        ]), style: Style(.header, bold: true), hang: 0))
    for entry in history.weeks {
      let (wk, r) = (entry.week, entry.row)
      let (level, role) = Glyph.level(r.level)
      let when = narrow ? "\(wk.week)" : "\(wk.week)  \(wk.monday.dayMonth) – \(wk.sunday.dayMonth)"
      let last = entry.supervision?.lastAttended.map { $0.short } ?? "none on record"
      lines.append(
        PageLine(
          text: row([
            (when, weekWidth + 1), (r.level == .ok ? "ok" : level, 9), ("\(r.workedDays)d", 8),
            ("\(r.solitaryDays)d", 7),
            (entry.run, 6), (last, 0),
          ]), style: Style(role, bold: r.level != .ok), hang: 0))
    }
    if let shown = history.weeks.last {
      lines.append(PageLine(text: "", style: .normal))
      lines.append(PageLine(text: "\(shown.week.title): why", style: Style(.roleHeader, bold: true)))
      if shown.reasons.isEmpty {
        lines.append(PageLine(text: "No signs of isolation this week.", style: Style(.levelOk), indent: 2))
      }
      for reason in shown.reasons {
        lines.append(PageLine(text: "\(Glyph.warning) \(reason)", style: .normal, indent: 2))
      }
      if let supervision = shown.supervision {
        lines.append(PageLine(text: "Supervision: \(supervision.words).", style: .normal, indent: 2))
      }
    }
    lines.append(PageLine(text: "", style: .normal))
    lines.append(
      PageLine(
        text:
          "[ ] another week's reasons · S adds a supervision session for \(person.name) · Esc goes back to the board",
        style: Style(.dim)))
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
      var entry = WorkerHistory.Week(
        week: wk, row: row, reasons: IsolationBoard.reasons(row, findings: report.findings))
      entry.run = row.longestStreak > 0 ? model.analysis.longestStreak(worker: id, week: wk)?.count ?? "0" : "0"
      entry.supervision = model.analysis.supervision(worker: id, week: wk, today: today)
      weeks.append(entry)
    }
    history?.weeks = weeks
  }

  func drawHistory(_ c: inout Canvas, _ f: Frame) {
    drawPage(&c, f, lines: wrapped(historyLines()), scroll: history?.scroll ?? 0)
  }
}
