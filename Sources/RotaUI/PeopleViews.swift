import RotaCore

/// The link worker's week, the supervisor's board, a worker's weeks with the
/// reasons, and the ARRS panel: the screens made for each of the three people.
extension Planner {
  // MARK: Entering the screens

  /// Opens a worker's own week, noting what changed since they last opened it.
  public func openPerson(_ worker: Int) {
    personWorker = worker
    personScroll = 0
    let id = model.rota.workers[worker].id
    personSince = backend.lastOpened(worker: id)
    refreshPersonChanges()
    backend.markOpened(worker: id)
    switchView(.person)
  }

  /// Opens the week of the worker with this id (for `rota --worker ID`).
  public func openPerson(id: String) -> Bool {
    guard let w = model.workerIndex[id] else { return false }
    openPerson(w)
    return true
  }

  /// What changed in the shown week since the worker last looked (before this visit).
  func refreshPersonChanges() {
    guard let w = personWorker, let since = personSince else {
      personChanges = []
      return
    }
    personChanges = backend.changes(worker: model.rota.workers[w].id, week: week, since: since)
  }

  // MARK: Keys

  /// Keys in the person, board, history and ARRS screens. Returns nil when the key
  /// is not theirs (the common keys then apply).
  func peopleKey(_ key: Key) -> Bool? {
    switch view {
    case .person:
      if let first = Scrolling.text(key, from: personScroll) {
        personScroll = first
        return true
      }
      switch key {
      case .char("x"):
        guard let w = personWorker else { return true }
        do {
          say(try backend.exportWeek(worker: model.rota.workers[w].id, week: week), .good)
        } catch {
          say("not exported: \(error.message)", .error)
        }
      case .char("p"): overlay = .chooser(ChooserState(workers: workerRows, purpose: .person))
      default: return nil
      }
      return true
    case .board:
      let rows = boardLines
      switch key {
      case .up, .char("k"): boardRow = max(0, boardRow - 1)
      case .down, .char("j"): boardRow = min(max(0, rows.count - 1), boardRow + 1)
      case .pageUp: boardRow = max(0, boardRow - 10)
      case .pageDown: boardRow = min(max(0, rows.count - 1), boardRow + 10)
      case .home: boardRow = 0
      case .end: boardRow = max(0, rows.count - 1)
      case .char("r"):
        let roles: [Role?] = [nil] + Role.allCases
        boardRole = roles[((roles.firstIndex(of: boardRole) ?? 0) + 1) % roles.count]
        boardRow = 0
        say(boardRole.map { "showing \($0.pluralName)" } ?? "showing everyone")
      case .enter:
        guard boardRow < rows.count, let w = model.workerIndex[rows[boardRow].row.worker] else { return true }
        historyWorker = w
        historyScroll = 0
        switchView(.history)
      case .char("S"):
        guard boardRow < rows.count, let w = model.workerIndex[rows[boardRow].row.worker] else { return true }
        openSupervision(w)
      default: return nil
      }
      return true
    case .history:
      if let first = Scrolling.text(key, from: historyScroll) {
        historyScroll = first
        return true
      }
      switch key {
      case .escape, .backspace, .char("b"): switchView(.board)
      case .char("S"):
        if let w = historyWorker { openSupervision(w) }
      default: return nil
      }
      return true
    case .arrs:
      return nil
    default:
      return nil
    }
  }

  func openSupervision(_ worker: Int) {
    if let refusal = editingRefusal { return say(refusal, .error) }
    var day = today >= week.monday && today <= week.sunday ? today : week.monday
    while day.weekday.isWeekend { day = day.adding(days: 1) }
    overlay = .supervision(SupervisionState(worker: worker, date: day.iso))
  }

  // MARK: Board data

  var boardLines: [IsolationBoard.Line] {
    let rows = model.report.isolation.filter { r in
      boardRole == nil || model.rota.worker(r.worker)?.role == boardRole
    }
    return IsolationBoard.lines(rows, rota: model.rota, week: week, trend: model.trend)
  }

  // MARK: Drawing

  func drawPerson(_ c: inout Canvas) {
    guard let w = personWorker else { return }
    let person = model.rota.workers[w]
    let p = model.placements
    // Text, style, indent, and the indent of its continuation lines when it wraps.
    var lines: [(String, Style, Int, Int)] = []
    let narrow = width < 100
    if personSince == nil {
      lines.append(("First time here: this is your week as planned.", Style(.dim), 0, 2))
    } else if personChanges.isEmpty {
      lines.append(
        (
          "Nothing in this week has changed since you last looked (\(personSince!.label(currentYear: today.year))).",
          Style(.dim), 0, 2
        ))
    } else {
      lines.append(
        (
          "Changed since you last looked (\(personSince!.label(currentYear: today.year))):",
          Style(.warning, bold: true), 0, 2
        ))
      for s in personChanges.prefix(4) { lines.append(("• " + s, Style(.warning), 2, 4)) }
      if personChanges.count > 4 {
        lines.append(("and \(personChanges.count - 4) more: rota log --worker \(person.id)", Style(.dim), 2, 4))
      }
    }
    lines.append(("", Style(.normal), 0, 0))
    let labelWidth = 12
    for d in 0..<7 {
      let am = p.placement(worker: w, day: d, half: .am)
      let pm = p.placement(worker: w, day: d, half: .pm)
      let events = p.events(worker: w, day: d)
      if d >= 5 && !am.isWorked && !pm.isWorked && events.isEmpty { continue }
      let date = model.date(d)
      let label = date.short + (p.holidayNames[d] != nil ? Glyph.holiday : "")
      var first = true
      func add(_ text: String, _ style: Style, with: String) {
        let prefix = first ? label : ""
        first = false
        if narrow || with.isEmpty {
          lines.append((TextWidth.pad(prefix, to: labelWidth) + text, style, 0, labelWidth + 3))
          if !with.isEmpty { lines.append((with, Style(.dim), labelWidth + 2, labelWidth + 4)) }
        } else {
          lines.append(
            (TextWidth.pad(prefix, to: labelWidth) + TextWidth.pad(text, to: 52) + with, style, 0, labelWidth))
        }
      }
      if am == pm && company(worker: w, slot: d * 2) == company(worker: w, slot: d * 2 + 1) {
        add(
          personPlace(am, day: d) + (am.isWorked ? ", all day" : ""), style(for: am),
          with: company(worker: w, slot: d * 2))
      } else {
        add("AM " + personPlace(am, day: d), style(for: am), with: company(worker: w, slot: d * 2))
        add("PM " + personPlace(pm, day: d), style(for: pm), with: company(worker: w, slot: d * 2 + 1))
      }
      for e in events {
        let venue = e.venue == .online ? "online" : "at " + (model.rota.site(e.venue.token)?.name ?? e.venue.token)
        lines.append(
          (
            "\(e.half.map { $0.label + " " } ?? "")\(e.title) (\(e.kind.rawValue), \(venue))", Style(.info), labelWidth,
            labelWidth + 2
          ))
      }
    }
    let row = model.row(w)
    lines.append(("", Style(.normal), 0, 0))
    lines.append(
      (
        "\(row.workedSessions) of \(person.sessions) sessions · \(row.solitaryDays) solitary day\(row.solitaryDays == 1 ? "" : "s") · last supervision \(row.lastSupervision?.short ?? "never") · \(row.level.rawValue)",
        Style(.dim), 0, 2
      ))
    for f in model.report.findings where f.worker == person.id || (f.workers ?? []).contains(person.id) {
      lines.append(("\(Glyph.severity(f.severity)) \(f.message)", Style(Glyph.severityRole(f.severity)), 0, 2))
    }
    // Wrap long lines at the width, indenting continuations.
    var wrapped: [(String, Style, Int)] = []
    for (text, style, indent, continuation) in lines {
      var rest = text
      var ind = indent
      repeat {
        let room = max(10, width - 2 - ind)
        if TextWidth.width(of: rest) <= room {
          wrapped.append((rest, style, ind))
          rest = ""
        } else {
          var cut = ""
          var used = 0
          var lastSpace: String.Index? = nil
          var i = rest.startIndex
          while i < rest.endIndex {
            let w = TextWidth.width(of: rest[i])
            if used + w > room { break }
            if rest[i] == " " { lastSpace = i }
            cut.append(rest[i])
            used += w
            i = rest.index(after: i)
          }
          let end =
            (lastSpace.map { rest.distance(from: rest.startIndex, to: $0) > room / 2 } ?? false) ? lastSpace! : i
          wrapped.append((String(rest[..<end]), style, ind))
          rest = String(rest[end...]).drop(while: { $0 == " " }).description
          ind = continuation
        }
      } while !rest.isEmpty
    }
    let top = 1
    let bottom = statusY
    let rows = max(1, bottom - top)
    personScroll = min(personScroll, max(0, wrapped.count - rows))
    for (i, line) in wrapped.dropFirst(personScroll).prefix(rows).enumerated() {
      c.put(" " + String(repeating: " ", count: line.2) + line.0, x: 0, y: top + i, style: line.1, limit: width)
    }
    if personScroll + rows < wrapped.count { c.put("↓ more", x: width - 7, y: bottom - 1, style: Style(.dim)) }
  }

  func personPlace(_ p: EffectivePlacement, day: Int) -> String {
    switch p {
    case .site(let code):
      guard let site = model.rota.site(code) else { return code }
      return "\(site.name) (\(site.kind.displayName))"
    case .home: return "working from home"
    case .off: return "off"
    case .leave: return "on leave"
    case .holiday: return "bank holiday" + (model.placements.holidayNames[day].map { ": \($0)" } ?? "")
    }
  }

  func drawBoard(_ c: inout Canvas) {
    let lines = boardLines
    let compact = width < 110
    let nameWidth = min(26, max(10, (lines.map { TextWidth.width(of: $0.name) }.max() ?? 8) + 2))
    let roleWidth = compact ? 0 : 28
    c.fill(x: 0, y: 1, width: width, height: 1, style: Style(.header))
    var x = 1
    for (title, w) in [
      ("Level", 11), ("Worker", nameWidth), ("Role", roleWidth), ("Worked", 7), ("Alone", 6), ("Streak", 7),
      (compact ? "Supervised" : "Last supervision", compact ? 13 : 28), ("8 weeks", 8),
    ] where w > 0 {
      c.put(title, x: x, y: 1, style: Style(.header, bold: true), limit: w)
      x += w
    }
    let top = 2
    let rows = max(1, detailTop - top)
    layout.bodyRows = rows
    boardRow = min(boardRow, max(0, lines.count - 1))
    boardScroll = Scrolling.keep(boardRow, in: rows, from: boardScroll)
    for (i, l) in lines.enumerated().dropFirst(boardScroll).prefix(rows) {
      let y = top + i - boardScroll
      var x = 1
      let (level, role) = Glyph.level(l.row.level)
      c.putPadded(
        l.row.level == .ok ? "ok" : level, x: x, y: y, columns: 11, style: Style(role, bold: l.row.level != .ok))
      x += 11
      c.putPadded(l.name, x: x, y: y, columns: nameWidth, style: Style(.normal))
      x += nameWidth
      if roleWidth > 0 {
        c.putPadded(l.role.displayName, x: x, y: y, columns: roleWidth, style: Style(.dim))
        x += roleWidth
      }
      c.putPadded(l.worked, x: x, y: y, columns: 7, style: Style(.normal))
      x += 7
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
      c.putPadded(last, x: x, y: y, columns: compact ? 13 : 28, style: Style(supervised ? .normal : .warning))
      x += compact ? 13 : 28
      c.put(IsolationBoard.sparkline(l.trend), x: x, y: y, style: Style(.solitary))
      layout.cells.append((0, y, width, .finding(row: i)))
      if i == boardRow { c.restyle(x: 0, y: y, width: width) { $0.reverse = true } }
    }
    // Reasons for the selected worker, in the rules' own sentences.
    let selected =
      lines.indices.contains(min(detailAt.findingRow, lines.count - 1)) ? lines[min(boardRow, lines.count - 1)] : nil
    drawRule(&c, y: detailTop, title: selected.map { "\($0.name) · \($0.role.displayName)" } ?? "")
    var detail: [(String, Style)] = []
    if let s = selected {
      let reasons = IsolationBoard.reasons(s.row, findings: model.report.findings)
      if reasons.isEmpty { detail.append(("No signs of isolation this week.", Style(.levelOk))) }
      for r in reasons { detail.append(("\(Glyph.warning) \(r)", Style(.warning))) }
      detail.append(("Enter: their weeks, with the reasons · S: add a supervision session", Style(.dim)))
    }
    drawLines(&c, detail, top: detailTop + 1)
  }

  func drawHistory(_ c: inout Canvas) {
    guard let w = historyWorker else { return }
    let person = model.rota.workers[w]
    var lines: [(String, Style)] = [
      ("\(person.name) · \(person.role.displayName): the last 8 weeks", Style(.roleHeader, bold: true)), ("", .normal),
    ]
    for back in (0..<8).reversed() {
      let wk = week.adding(weeks: -back)
      let report = model.analysis.report(for: wk)
      guard let row = report.isolation.first(where: { $0.worker == person.id }) else { continue }
      let (level, role) = Glyph.level(row.level)
      let last = row.lastSupervision.map { "\($0.short) (\(IsolationBoard.ago($0, from: wk)))" } ?? "never"
      lines.append(
        (
          "\(wk.title) · \(row.level == .ok ? "ok" : level) · worked \(row.workedDays) days · alone \(row.solitaryDays) · streak \(row.longestStreak) · last supervision \(last)",
          Style(role, bold: row.level != .ok)
        ))
      for r in IsolationBoard.reasons(row, findings: report.findings) {
        lines.append(("    \(Glyph.warning) \(r)", Style(.normal)))
      }
    }
    lines.append(("", .normal))
    lines.append(("S adds a supervision session for \(person.name) · Esc goes back to the board", Style(.dim)))
    let top = 1
    let rows = max(1, statusY - top)
    historyScroll = min(historyScroll, max(0, lines.count - rows))
    for (i, line) in lines.dropFirst(historyScroll).prefix(rows).enumerated() {
      c.put(" " + line.0, x: 0, y: top + i, style: line.1, limit: width)
    }
  }

  func drawARRS(_ c: inout Canvas) {
    let table = ARRSTable.builtIn
    let wanted = ARRSTable.financialYear(of: week.monday)
    let (year, lines) = table.lines(for: model.rota, year: wanted)
    var y = 2
    c.put(
      " The team by role, from contracted sessions (10 sessions = 1 whole-time equivalent)", x: 0, y: y,
      style: Style(.roleHeader, bold: true), limit: width)
    y += 1
    let note =
      year == wanted
      ? "ARRS maximums for \(year)"
      : "ARRS maximums for \(year), the latest year in the table (this week is in \(wanted))"
    c.put(" " + note, x: 0, y: y, style: Style(.dim), limit: width)
    y += 2
    let columns = [
      ("Role", 30), ("People", 8), ("Sessions", 10), ("WTE", 7), ("Max per WTE", 13), ("Max for the team", 17),
    ]
    var x = 1
    c.fill(x: 0, y: y, width: width, height: 1, style: Style(.header))
    for (title, w) in columns {
      c.put(title, x: x, y: y, style: Style(.header, bold: true), limit: w)
      x += w
    }
    y += 1
    var totals = (people: 0, sessions: 0, max: 0)
    for l in lines {
      let values = [
        l.role.pluralName, "\(l.people)", "\(l.sessions)", ARRSTable.wte(l.wteTenths),
        l.maximumPerWTE.map(ARRSTable.pounds) ?? "not in table", l.maximum.map(ARRSTable.pounds) ?? "—",
      ]
      x = 1
      for (i, (value, w)) in zip(values, columns.map(\.1)).enumerated() {
        c.putPadded(value, x: x, y: y, columns: w - 1, style: Style(.normal), alignRight: i > 0)
        x += w
      }
      totals = (totals.people + l.people, totals.sessions + l.sessions, totals.max + (l.maximum ?? 0))
      y += 1
    }
    x = 1
    let total = [
      "PCN total", "\(totals.people)", "\(totals.sessions)", ARRSTable.wte(totals.sessions), "",
      ARRSTable.pounds(totals.max),
    ]
    for (i, (value, w)) in zip(total, columns.map(\.1)).enumerated() {
      c.putPadded(value, x: x, y: y, columns: w - 1, style: Style(.normal, bold: true), alignRight: i > 0)
      x += w
    }
    y += 2
    c.put(
      " The PCN could claim up to \(ARRSTable.pounds(totals.max)) a year for this team at \(year) maximums.", x: 0,
      y: y, style: Style(.normal), limit: width)
    y += 1
    c.put(" Source: \(table.source)", x: 0, y: y, style: Style(.dim), limit: width)
  }
}
