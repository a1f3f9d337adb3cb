import RotaCore

/// The supervisor's isolation board: everyone by isolation level, with the 8-week trend.
struct BoardScreen: Hashable {
  /// One role at a time, or everyone.
  var role: Role?
  var cursor = ListCursor()
  /// Solitary days per week for the 8 weeks ending with the shown week, per worker
  /// id: worked out when the board opens or the week changes, not while drawing.
  var trend: [String: [Int]] = [:]
}

extension PlannerState {
  var boardLines: [IsolationBoard.Line] {
    let rows = model.report.isolation.filter { r in
      board.role == nil || model.rota.worker(r.worker)?.role == board.role
    }
    return IsolationBoard.lines(rows, rota: model.rota, week: week, trend: board.trend)
  }

  mutating func moveBoardCursor(_ d: Direction, frame f: Frame) {
    let count = boardLines.count
    let page = max(1, f.body.height - 1)
    switch d {
    case .up: board.cursor.move(by: -1, count: count)
    case .down: board.cursor.move(by: 1, count: count)
    case .pageUp: board.cursor.move(by: -page, count: count)
    case .pageDown: board.cursor.move(by: page, count: count)
    case .first: board.cursor.move(by: -count, count: count)
    case .last: board.cursor.move(by: count, count: count)
    case .left, .right: break
    }
    followBoardCursor(frame: f)
  }

  mutating func followBoardCursor(frame f: Frame) {
    let count = boardLines.count
    board.cursor.clamp(count: count)
    board.cursor.follow(line: board.cursor.index, rows: f.body.height, total: count)
  }

  /// Works the trend out again (on opening the board, and after the week or the rota changed).
  mutating func refreshTrend() {
    board.trend = IsolationBoard.trend(model.analysis, endingWith: week)
  }

  func hitBoard(x: Int, y: Int, frame f: Frame) -> Int? {
    guard f.body.contains(x: x, y: y) else { return nil }
    let row = board.cursor.scroll + (y - f.body.y)
    return boardLines.indices.contains(row) ? row : nil
  }

  /// The worker on the board's cursor row.
  var boardWorker: Int? {
    let lines = boardLines
    guard lines.indices.contains(board.cursor.index) else { return nil }
    return model.workerIndex[lines[board.cursor.index].row.worker]
  }

  func drawBoard(_ c: inout Canvas, _ f: Frame) {
    let lines = boardLines
    let compact = width < 110
    let narrow = width < 76
    let roleWidth = compact ? 0 : 28
    let levelWidth = narrow ? 8 : 11
    let workedWidth = narrow ? 0 : 7
    let supervisedWidth = compact ? 13 : 28
    let fixed = 1 + levelWidth + roleWidth + workedWidth + 6 + 7 + supervisedWidth + 9
    let nameWidth = max(8, min(26, (lines.map { TextWidth.width(of: $0.name) }.max() ?? 8) + 2, width - fixed))
    c.fill(x: 0, y: f.header.y, width: width, height: 1, style: Style(.header))
    var x = 1
    for (title, w) in [
      ("Level", levelWidth), ("Worker", nameWidth), ("Role", roleWidth), ("Worked", workedWidth), ("Alone", 6),
      ("Streak", 7), (compact ? "Supervised" : "Last supervision", supervisedWidth), ("8 weeks", 8),
    ] where w > 0 {
      c.put(title, x: x, y: f.header.y, style: Style(.header, bold: true), limit: w)
      x += w
    }
    if lines.isEmpty {
      c.putWhole(" No one in this role works this week.", x: 0, y: f.body.y, style: Style(.dim))
    }
    for (i, l) in lines.enumerated().dropFirst(board.cursor.scroll).prefix(f.body.height) {
      let y = f.body.y + i - board.cursor.scroll
      var x = 1
      let (level, role) = Glyph.level(l.row.level)
      c.putPadded(
        l.row.level == .ok ? "ok" : level, x: x, y: y, columns: levelWidth, style: Style(role, bold: l.row.level != .ok)
      )
      x += levelWidth
      c.putPadded(l.name, x: x, y: y, columns: nameWidth, style: Style(.normal))
      x += nameWidth
      if roleWidth > 0 {
        c.putPadded(l.role.displayName, x: x, y: y, columns: roleWidth, style: Style(.dim))
        x += roleWidth
      }
      if workedWidth > 0 {
        c.putPadded(l.worked, x: x, y: y, columns: workedWidth, style: Style(.normal))
        x += workedWidth
      }
      c.putPadded(
        l.alone, x: x, y: y, columns: 6,
        style: Style(l.row.solitaryDays > model.rota.policy.maxSolitaryDays ? .warning : .normal))
      x += 6
      c.putPadded(
        l.streak, x: x, y: y, columns: 7,
        style: Style(l.row.longestStreak > model.rota.policy.maxSolitaryStreak ? .warning : .normal))
      x += 7
      let last =
        compact ? (l.row.lastSupervision.map { IsolationBoard.ago($0, from: week) } ?? "never") : l.lastSupervision
      let supervised =
        l.row.lastSupervision.map { week.sunday.dayNumber - $0.dayNumber < 7 * model.rota.policy.supervisionWeeks }
        ?? false
      c.putPadded(last, x: x, y: y, columns: supervisedWidth, style: Style(supervised ? .normal : .warning))
      x += supervisedWidth
      c.put(IsolationBoard.sparkline(l.trend), x: x, y: y, style: Style(.solitary))
      if i == board.cursor.index {
        c.restyle(x: 0, y: y, width: width) {
          $0.role = .selection
          $0.reverse = true
        }
      }
    }
  }

  func boardDetail() -> (title: String, lines: [DetailLine]) {
    let lines = boardLines
    guard lines.indices.contains(detailAt.boardRow) else { return ("", []) }
    let s = lines[detailAt.boardRow]
    var detail: [DetailLine] = []
    let reasons = IsolationBoard.reasons(s.row, findings: model.report.findings)
    if reasons.isEmpty { detail.append(DetailLine("No signs of isolation this week.", Style(.levelOk))) }
    for r in reasons { detail.append(DetailLine("\(Glyph.warning) \(r)", Style(.warning))) }
    detail.append(DetailLine("Enter: their weeks, with the reasons · S: add a supervision session", Style(.dim)))
    return ("\(s.name) · \(s.role.displayName)", detail)
  }
}
