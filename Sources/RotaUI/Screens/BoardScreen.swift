import RotaCore

/// The supervisor's isolation board: everyone by isolation level, with the 8-week trend.
struct BoardScreen: Hashable {
  /// One role at a time, or everyone.
  var role: Role?
  var cursor = ListCursor()
  /// Per worker id, the 8 weeks ending with the shown week, oldest first: how
  /// much of each week's worked days were alone, 0 (none) to 7 (every one), for
  /// a bar of 8 heights. Worked out when the board opens or the week changes,
  /// not while drawing.
  var trend: [String: [Int]] = [:]
  /// The same weeks as days alone of days worked, for the detail's sentence.
  var trendDays: [String: [(alone: Int, worked: Int)]] = [:]

  static func == (a: BoardScreen, b: BoardScreen) -> Bool {
    a.role == b.role && a.cursor == b.cursor && a.trend == b.trend
  }

  func hash(into h: inout Hasher) {
    h.combine(role)
    h.combine(cursor)
    h.combine(trend)
  }
}

extension PlannerState {
  var boardLines: [IsolationBoard.Line] {
    let rows = model.report.isolation.filter { r in
      board.role == nil || model.rota.worker(r.worker)?.role == board.role
    }
    return IsolationBoard.lines(rows, analysis: model.analysis, week: week, today: today, trend: board.trend)
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
    let days = IsolationBoard.rows(model.analysis, endingWith: week).mapValues { rows in
      rows.map { (alone: $0.solitaryDays, worked: $0.workedDays) }
    }
    board.trendDays = days
    // A full bar is a week whose every worked day was alone; an empty one, none (or no work).
    board.trend = days.mapValues { weeks in
      weeks.map { $0.worked == 0 ? 0 : Int((Double($0.alone) / Double($0.worked) * 7).rounded()) }
    }
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

  /// Level, name, role, days worked and alone, the longest solitary run ("≥20"
  /// when it goes on before the window), supervision (the last attended, and one
  /// booked that is still to come), and the 8 weeks, oldest first.
  func drawBoard(_ c: inout Canvas, _ f: Frame) {
    let lines = boardLines
    let narrow = width < 76
    let levelWidth = narrow ? 8 : 12
    let roleWidth = width < 110 ? 0 : 18
    let workedWidth = narrow ? 0 : 7
    let trendWidth = 12
    let nameWidth = max(8, min(24, (lines.map { TextWidth.width(of: $0.name) }.max() ?? 8) + 2))
    let fixed = 1 + levelWidth + nameWidth + roleWidth + workedWidth + 6 + 7 + trendWidth
    let supervisedWidth = max(10, width - fixed)
    c.fill(x: 0, y: f.header.y, width: width, height: 1, style: Style(.header))
    var x = 1
    for (title, w) in [
      ("Level", levelWidth), ("Worker", nameWidth), ("Role", roleWidth), ("Worked", workedWidth), ("Alone", 6),
      ("Run", 7), ("Supervision", supervisedWidth), ("8 weeks →now", trendWidth),
    ] where w > 0 {
      c.put(title, x: x, y: f.header.y, style: Style(.header, bold: true), limit: w)
      x += w
    }
    if lines.isEmpty {
      c.putWhole(" No one in this role works this week.", x: 0, y: f.body.y, style: Style(.dim))
    }
    let policy = model.rota.policy
    for (i, l) in lines.enumerated().dropFirst(board.cursor.scroll).prefix(f.body.height) {
      let y = f.body.y + i - board.cursor.scroll
      var x = 1
      let (level, role) = Glyph.level(l.row.level)
      // The words `rota check` uses ("■ overload", "▲ watch"), short on a narrow screen.
      let words = narrow ? (l.row.level == .ok ? "ok" : level) : IsolationBoard.levelLabel(l.row.level)
      c.putPadded(words, x: x, y: y, columns: levelWidth, style: Style(role, bold: l.row.level != .ok))
      x += levelWidth
      c.putPadded(l.name, x: x, y: y, columns: nameWidth, style: Style(.normal))
      x += nameWidth
      if roleWidth > 0 {
        c.putPadded(shortRole(l.role), x: x, y: y, columns: roleWidth, style: Style(.dim))
        x += roleWidth
      }
      if workedWidth > 0 {
        c.putPadded(l.worked, x: x, y: y, columns: workedWidth, style: Style(.normal))
        x += workedWidth
      }
      c.putPadded(
        l.alone, x: x, y: y, columns: 6, style: Style(l.row.solitaryDays > policy.maxSolitaryDays ? .warning : .normal))
      x += 6
      c.putPadded(
        l.streak, x: x, y: y, columns: 7,
        style: Style(l.row.longestStreak > policy.maxSolitaryStreak ? .warning : .normal))
      x += 7
      let supervised =
        l.supervision?.lastAttended.map { week.sunday.dayNumber - $0.dayNumber < 7 * policy.supervisionWeeks } ?? false
      c.putPadded(
        TextWrap.fit(supervisionForms(l), width: supervisedWidth - 1), x: x, y: y, columns: supervisedWidth,
        style: Style(supervised || l.supervision?.nextBooked != nil ? .normal : .warning))
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

  /// "this week", "1 week ago", "8 weeks ago", counted back from today.
  func weeksAgo(_ date: LocalDate) -> String {
    let weeks = (today.dayNumber - date.dayNumber) / 7
    return weeks == 0 ? "this week" : plural(weeks, "week") + " ago"
  }

  /// The supervision column, longest first: "1 Oct, 8 weeks ago; booked 27 Nov", "1 Oct; booked", "never".
  func supervisionForms(_ l: IsolationBoard.Line) -> [String] {
    guard let s = l.supervision else { return [l.lastSupervision] }
    let last = s.lastAttended.map { "\($0.dayMonth), \(weeksAgo($0))" } ?? "none on record"
    let booked = s.nextBooked.map { "; booked \($0 == today ? "today" : $0.dayMonth)" } ?? ""
    return [last + booked, s.compact]
  }

  func boardDetail() -> (title: String, lines: [DetailLine]) {
    let lines = boardLines
    guard lines.indices.contains(detailAt.boardRow) else { return ("", []) }
    let s = lines[detailAt.boardRow]
    var detail: [DetailLine] = []
    let reasons = IsolationBoard.reasons(s.row, findings: model.report.findings)
    if reasons.isEmpty { detail.append(DetailLine("No signs of isolation this week.", Style(.levelOk))) }
    for r in reasons { detail.append(DetailLine("\(Glyph.warning) \(r)", Style(.warning))) }
    if let supervision = s.supervision {
      detail.append(DetailLine("Supervision: \(supervision.words).", Style(.normal)))
    }
    if let days = board.trendDays[s.row.worker], !days.isEmpty {
      let weeks = days.map { "\($0.alone) of \($0.worked)" }.joined(separator: ", ")
      detail.append(DetailLine("Days alone of days worked, the last 8 weeks, oldest first: \(weeks).", Style(.dim)))
    }
    detail.append(DetailLine("Enter: their weeks, with the reasons · S: add a supervision session", Style(.dim)))
    return ("\(s.name) · \(s.role.displayName)", detail)
  }
}
