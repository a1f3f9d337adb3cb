import RotaCore

/// The workers grid: one row per worker, grouped by role, one column per day.
struct WorkersGrid: Hashable {
  /// Over the filtered workers (`PlannerState.rows.workers`).
  var cursor = ListCursor()
  /// Over the days shown (`WeekModel.days`).
  var day = 0
}

/// One line of the workers grid: a role's heading or a worker.
enum WorkerLine: Hashable {
  case role(Role, count: Int)
  /// A worker's index in the rota, and their row among the filtered workers.
  case worker(Int, row: Int)
}

/// Where the workers grid's columns go.
struct WorkerColumns: Hashable {
  let nameWidth: Int
  let dayWidth: Int
  let rightWidth: Int
  let compact: Bool
  func dayX(_ i: Int) -> Int { nameWidth + i * dayWidth }
}

/// What a point of the workers grid is.
struct WorkerHit: Hashable {
  let row: Int
  let dayIndex: Int
  let half: Half
}

extension PlannerState {
  // MARK: Layout

  /// The workers grid's lines for these rows: a heading before each role's workers.
  static func lines(_ rows: [Int], model: WeekModel) -> [WorkerLine] {
    var lines: [WorkerLine] = []
    lines.reserveCapacity(rows.count + 4)
    var counts: [Role: Int] = [:]
    for w in rows { counts[model.rota.workers[w].role, default: 0] += 1 }
    var lastRole: Role? = nil
    for (i, w) in rows.enumerated() {
      let role = model.rota.workers[w].role
      if role != lastRole {
        lines.append(.role(role, count: counts[role] ?? 0))
        lastRole = role
      }
      lines.append(.worker(w, row: i))
    }
    return lines
  }

  /// The line of the workers grid that holds row `row`: the row, plus a heading
  /// for each role up to and including its own (rows are grouped by role).
  func workerLine(ofRow row: Int, in lines: [WorkerLine]) -> Int? {
    guard rows.workers.indices.contains(row) else { return nil }
    // Each role's heading comes before its first row; count the headings up to this row.
    var line = row
    var lastRole: Role? = nil
    var headings = 0
    for w in rows.workers.prefix(row + 1) where model.rota.workers[w].role != lastRole {
      lastRole = model.rota.workers[w].role
      headings += 1
    }
    line += headings
    return lines.indices.contains(line) ? line : nil
  }

  func workerColumns() -> WorkerColumns {
    let days = model.days.count
    let compact = width < 100
    let rightWidth = compact ? 12 : 22
    var name = min(max(model.longestWorkerName + 3, 14), compact ? 20 : 26)
    var day = (width - name - rightWidth) / max(1, days)
    if day < 8 {
      name = max(10, width - rightWidth - days * 8)
      day = max(6, (width - name - rightWidth) / max(1, days))
    }
    day = min(day, 16)
    return WorkerColumns(nameWidth: name, dayWidth: day, rightWidth: rightWidth, compact: compact)
  }

  /// The cell under a point, with the half of it the point is on.
  func hitWorkers(x: Int, y: Int, frame f: Frame) -> WorkerHit? {
    guard f.body.contains(x: x, y: y) else { return nil }
    let cols = workerColumns()
    let lines = workerLines
    let index = workers.cursor.scroll + (y - f.body.y)
    guard lines.indices.contains(index), case .worker(_, let row) = lines[index] else { return nil }
    for i in model.days.indices {
      let cx = cols.dayX(i)
      let inner = cols.dayWidth - 1
      if x >= cx && x < cx + inner { return WorkerHit(row: row, dayIndex: i, half: x - cx < inner / 2 ? .am : .pm) }
    }
    return nil
  }

  // MARK: Cursor

  mutating func moveWorkersCursor(_ d: Direction, frame f: Frame) {
    let count = rows.workers.count
    let page = max(1, f.body.height - 1)
    switch d {
    case .up: workers.cursor.move(by: -1, count: count)
    case .down: workers.cursor.move(by: 1, count: count)
    case .pageUp: workers.cursor.move(by: -page, count: count)
    case .pageDown: workers.cursor.move(by: page, count: count)
    case .first: workers.cursor.move(by: -count, count: count)
    case .last: workers.cursor.move(by: count, count: count)
    case .left: workers.day = max(0, workers.day - 1)
    case .right: workers.day = min(model.days.count - 1, workers.day + 1)
    }
    followWorkersCursor(frame: f)
  }

  /// Keeps the cursor's row in view, with its role's heading when it moves up.
  mutating func followWorkersCursor(frame f: Frame) {
    workers.cursor.clamp(count: rows.workers.count)
    workers.day = min(max(0, workers.day), model.days.count - 1)
    let lines = workerLines
    let line = workerLine(ofRow: workers.cursor.index, in: lines) ?? 0
    workers.cursor.follow(line: line, rows: f.body.height, total: lines.count, above: 1)
  }

  // MARK: Drawing

  func drawWorkersGrid(_ c: inout Canvas, _ f: Frame) {
    let cols = workerColumns()
    let p = model.placements
    c.fill(x: 0, y: f.header.y, width: width, height: 1, style: Style(.header))
    c.put(" Name", x: 0, y: f.header.y, style: Style(.header, bold: true))
    for (i, d) in model.days.enumerated() {
      drawDayHeading(&c, day: d, x: cols.dayX(i), y: f.header.y, columns: cols.dayWidth)
    }
    let rightX = cols.dayX(model.days.count)
    if cols.compact {
      c.put(" Sess Alone", x: rightX, y: f.header.y, style: Style(.header, bold: true))
    } else {
      c.put("Sessions", x: rightX, y: f.header.y, style: Style(.header, bold: true))
      c.put("Alone", x: rightX + 9, y: f.header.y, style: Style(.header, bold: true))
      c.put("Level", x: rightX + 15, y: f.header.y, style: Style(.header, bold: true))
    }
    _ = p
    let lines = workerLines
    if rows.workers.isEmpty {
      c.putWhole(
        " No one matches \u{201C}\(filter)\u{201D}. Esc clears the filter.", x: 0,
        y: f.body.y + min(1, f.body.height - 1),
        style: Style(.dim))
    }
    for (offset, line) in lines.dropFirst(workers.cursor.scroll).prefix(f.body.height).enumerated() {
      let y = f.body.y + offset
      switch line {
      case .role(let role, let count):
        c.put(" \(role.pluralName) (\(count))", x: 0, y: y, style: Style(.roleHeader, bold: true))
      case .worker(let w, let row):
        drawWorkerLine(&c, worker: w, row: row, y: y, cols: cols)
      }
    }
    // More above or below: in the first column, which every heading and name leaves blank.
    if workers.cursor.scroll > 0 { c.put(Glyph.moreAbove, x: 0, y: f.body.y, style: Style(.dim)) }
    if workers.cursor.scroll + f.body.height < lines.count {
      c.put(Glyph.moreBelow, x: 0, y: f.body.bottom - 1, style: Style(.dim))
    }
  }

  /// A day's heading: "▼Thu 26" for today, faint for days already past, ✱ on a bank holiday.
  func drawDayHeading(_ c: inout Canvas, day d: Int, x: Int, y: Int, columns: Int) {
    let date = model.date(d)
    var label = "\(date.weekday.shortName) \(date.day)"
    if model.placements.holidayNames[d] != nil { label += Glyph.holiday }
    if date == today {
      c.putPadded(Glyph.today + label, x: x, y: y, columns: columns, style: Style(.today, bold: true, underline: true))
    } else {
      c.putPadded(" " + label, x: x, y: y, columns: columns, style: Style(isPast(date) ? .past : .header, bold: true))
    }
  }

  func style(for placement: EffectivePlacement) -> Style {
    switch placement {
    case .site(let code):
      guard let s = model.siteIndex[code] else { return Style(.normal) }
      let role: StyleRole
      switch model.rota.sites[s].kind {
      case .practice: role = .practice
      case .school: role = .school
      case .hospice: role = .hospice
      case .hospital: role = .hospital
      case .hub: role = .hub
      case .community: role = .community
      }
      return Style(role, site: s)
    case .home: return Style(.home)
    case .leave: return Style(.leave)
    case .holiday: return Style(.holiday)
    case .off, .notInPost: return Style(.off)
    }
  }

  func drawWorkerLine(_ c: inout Canvas, worker w: Int, row: Int, y: Int, cols: WorkerColumns) {
    let p = model.placements
    let person = model.rota.workers[w]
    let isCursorRow = row == workers.cursor.index && screen == .workers
    let moving = self.moving
    c.putPadded(" " + person.name, x: 0, y: y, columns: cols.nameWidth, style: Style(.normal))
    for (i, d) in model.days.enumerated() {
      let x = cols.dayX(i)
      let date = model.date(d)
      let past = isPast(date)
      let am = p.placement(worker: w, day: d, half: .am)
      let pm = p.placement(worker: w, day: d, half: .pm)
      let worst = model.worst(model.cellFindings(worker: w, day: d))
      let inner = cols.dayWidth - 2
      c.put(Glyph.severity(worst), x: x, y: y, style: Style(Glyph.severityRole(worst), bold: true))
      let soloAM = p.isSolitary(worker: w, slot: d * 2)
      let soloPM = p.isSolitary(worker: w, slot: d * 2 + 1)
      var amRange = (x + 1, inner)
      var pmRange = (x + 1, inner)
      if am == pm {
        // One place all day: one label, then a solitary mark for each half that is
        // alone: "RVS◦◦" both, "RVS◦" morning, "RVS ◦" afternoon.
        let marks =
          soloAM && soloPM
          ? Glyph.solitary + Glyph.solitary : (soloAM ? Glyph.solitary : (soloPM ? " " + Glyph.solitary : ""))
        var st = style(for: am)
        st.faint = past
        c.putPadded(fit(am, inner - TextWidth.width(of: marks)) + marks, x: x + 1, y: y, columns: inner, style: st)
        let half = inner / 2
        amRange = (x + 1, half)
        pmRange = (x + 1 + half, inner - half)
      } else {
        let left = (inner - 1) / 2
        let right = inner - 1 - left
        var sa = style(for: am)
        var sp = style(for: pm)
        sa.faint = past
        sp.faint = past
        c.putPadded(halfText(am, soloAM, left), x: x + 1, y: y, columns: left, style: sa)
        c.put(Glyph.split, x: x + 1 + left, y: y, style: Style(.dim))
        c.putPadded(halfText(pm, soloPM, right), x: x + 2 + left, y: y, columns: right, style: sp)
        amRange = (x + 1, left)
        pmRange = (x + 2 + left, right)
      }
      if let changed, changed.cells.contains(w * 14 + d * 2) || changed.cells.contains(w * 14 + d * 2 + 1) {
        c.restyle(x: x + 1, y: y, width: inner) {
          $0.role = .changed
          $0.site = -1
        }
      }
      // The plan's changes: marked by an underline as well as colour.
      if let plan {
        for h in [Half.am, .pm] where plan.cells.contains(w * 14 + d * 2 + h.rawValue) {
          let r = h == .am ? amRange : pmRange
          c.restyle(x: r.0, y: y, width: r.1) {
            $0.role = .preview
            $0.underline = true
            $0.bold = true
            $0.site = -1
          }
        }
      }
      // The move's source, its target, and the cursor.
      if let moving, moving.source.from == nil, moving.source.worker == person.id, moving.source.date == date {
        for h in moving.source.scope.halves {
          let r = moving.source.scope == .day ? (x + 1, inner) : (h == .am ? amRange : pmRange)
          c.restyle(x: r.0, y: y, width: r.1) {
            $0.role = .dragSource
            $0.underline = true
          }
        }
      }
      if let target = moving?.target, case .worker(let tw, let td) = target, tw == person.id, td == date {
        c.restyle(x: x, y: y, width: cols.dayWidth - 1) {
          $0.role = .dragTarget
          $0.bold = true
        }
        let refused = moving?.preview.map { $0.refusal != nil && $0.refusal != .putBack } ?? false
        c.put(refused ? Glyph.cannotDrop : Glyph.dropHere, x: x, y: y, style: Style(.dragTarget, bold: true))
      } else if isCursorRow && i == workers.day && carry == nil {
        let r =
          scope == .day ? (x, cols.dayWidth - 1) : (scope == .am ? (amRange.0, amRange.1) : (pmRange.0, pmRange.1))
        c.restyle(x: r.0, y: y, width: r.1) {
          $0.role = .selection
          $0.site = -1
          $0.reverse = true
        }
      }
    }
    // Sessions, solitary days and level.
    let rx = cols.dayX(model.days.count)
    guard let isolation = model.row(w) else {
      c.put("not in post", x: rx + 1, y: y, style: Style(.dim), limit: width - rx - 1)
      return
    }
    let contract = model.findings(model.rowFindings[w]).first { $0.rule == .overContract || $0.rule == .underContract }
    let sessions = "\(isolation.workedSessions)/\(person.sessions)"
    c.putPadded(sessions, x: rx, y: y, columns: 6, style: Style(.normal), alignRight: true)
    c.put(
      Glyph.severity(contract?.severity), x: rx + 6, y: y,
      style: Style(Glyph.severityRole(contract?.severity), bold: true))
    let aloneText = "\(isolation.solitaryDays)d"
    let (levelText, levelRole) = Glyph.level(isolation.level)
    if cols.compact {
      c.putPadded(
        aloneText, x: rx + 7, y: y, columns: 3, style: Style(isolation.solitaryDays > 0 ? .solitary : .dim),
        alignRight: true)
      let g = isolation.level == .ok ? " " : String(levelText.prefix(1))
      c.put(g, x: rx + 11, y: y, style: Style(levelRole, bold: true))
    } else {
      c.putPadded(
        aloneText, x: rx + 9, y: y, columns: 3, style: Style(isolation.solitaryDays > 0 ? .solitary : .dim),
        alignRight: true)
      c.put(levelText, x: rx + 15, y: y, style: Style(levelRole, bold: isolation.level != .ok), limit: width - rx - 15)
    }
  }

  /// A placement's word in `columns`, shortened where that helps ("hm", "lv").
  func fit(_ p: EffectivePlacement, _ columns: Int) -> String {
    let label = p.label
    if TextWidth.width(of: label) <= columns { return label }
    switch p {
    case .home: return "hm"
    case .leave: return "lv"
    default: return label
    }
  }

  /// One half of a split day: the word and, if it fits, the solitary mark.
  func halfText(_ p: EffectivePlacement, _ solitary: Bool, _ columns: Int) -> String {
    let word = fit(p, columns - (solitary ? 1 : 0))
    return solitary && TextWidth.width(of: word) < columns ? word + Glyph.solitary : fit(p, columns)
  }

  // MARK: Detail

  /// The cursor's cell in sentences: the person's week, where they are and with
  /// whom, their events, and every rule that fires on the cell or their week.
  func workerDetail() -> (title: String, lines: [DetailLine]) {
    let rowIndex = min(detailAt.workerRow, max(0, rows.workers.count - 1))
    guard rows.workers.indices.contains(rowIndex), model.days.indices.contains(detailAt.workerDay) else {
      return ("", [])
    }
    let w = rows.workers[rowIndex]
    let d = model.days[detailAt.workerDay]
    let person = model.rota.workers[w]
    let p = model.placements
    var lines: [DetailLine] = []
    let date = model.date(d)
    let am = p.placement(worker: w, day: d, half: .am)
    let pm = p.placement(worker: w, day: d, half: .pm)
    let when = date.short + (date == today ? " (today)" : (isPast(date) ? " (past)" : ""))
    if am == pm && company(worker: w, slot: d * 2) == company(worker: w, slot: d * 2 + 1) {
      lines.append(
        DetailLine(
          "\(when): \(placeWords(am, day: d))\(am.isWorked ? ", all day" : "")\(with(company(worker: w, slot: d * 2)))",
          Style(.normal)))
    } else {
      lines.append(
        DetailLine(
          "\(when) AM: \(placeWords(am, day: d))\(with(company(worker: w, slot: d * 2))); PM: \(placeWords(pm, day: d))\(with(company(worker: w, slot: d * 2 + 1)))",
          Style(.normal)))
    }
    if let plan {
      let planned = plan.changes(worker: person.id, date: date).map {
        DetailLine("Plan: \($0.sentence(in: model.rota))", Style(.preview, bold: true))
      }
      lines.insert(contentsOf: planned, at: 0)
    }
    for e in p.events(worker: w, day: d) {
      lines.append(DetailLine("Event: \(eventWords(e))", Style(.info)))
    }
    let cell = model.cellFindings(worker: w, day: d)
    for f in cell + model.findings(model.rowFindings[w]) {
      lines.append(DetailLine("\(Glyph.severity(f.severity)) \(f.message)", Style(Glyph.severityRole(f.severity))))
    }
    if cell.isEmpty && model.rowFindings[w] == nil { lines.append(DetailLine("No flags on this cell.", Style(.dim))) }
    if let row = model.row(w) {
      let last = row.lastSupervision.map { $0.shortWithYear } ?? "never"
      lines.append(
        DetailLine(
          "This week: \(row.workedSessions) of \(person.sessions) sessions · \(plural(row.solitaryDays, "solitary day")) · longest streak \(row.longestStreak) · last supervision \(last) · level \(row.level.rawValue)",
          Style(.dim)))
    }
    return ("\(person.name) · \(person.role.displayName)", lines)
  }

  private func with(_ company: String) -> String { company.isEmpty ? "" : " — " + company }

  func placeWords(_ p: EffectivePlacement, day: Int) -> String {
    switch p {
    case .site(let code):
      let site = model.rota.site(code)
      return site.map { "\($0.name) (\(code), \($0.kind.displayName))" } ?? code
    case .home: return "working from home"
    case .off: return "off"
    case .leave: return "on leave"
    case .holiday: return "bank holiday" + (model.placements.holidayNames[day].map { ": \($0)" } ?? "")
    case .notInPost: return "not in post"
    }
  }

  /// Who the worker is with, with the solitary mark after "alone".
  func company(worker w: Int, slot: Int) -> String {
    let words = model.placements.company(worker: w, slot: slot)
    return words == "alone" ? "alone \(Glyph.solitary)" : words
  }

  /// "Peer supervision (supervision), PM, online".
  func eventWords(_ e: Event) -> String {
    let venue = e.venue == .online ? "online" : "at " + (model.rota.site(e.venue.token)?.name ?? e.venue.token)
    return "\(e.title) (\(e.kind.rawValue))\(e.half.map { ", \($0.label)" } ?? ""), \(venue)"
  }
}

func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
