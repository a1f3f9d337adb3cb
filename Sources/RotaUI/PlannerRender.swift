import RotaCore

extension Planner {
  /// Draws the whole screen into a canvas of the planner's size.
  public func render() -> Canvas {
    var c = Canvas(width: width, height: height)
    layout = Layout()
    if isTooSmall {
      drawTooSmall(&c)
      return c
    }
    drawTitle(&c)
    switch view {
    case .workers: drawWorkerGrid(&c)
    case .sites: drawSiteGrid(&c)
    case .findings: drawFindings(&c)
    case .person: drawPerson(&c)
    case .board: drawBoard(&c)
    case .history: drawHistory(&c)
    case .arrs: drawARRS(&c)
    }
    drawStatus(&c)
    drawFooter(&c)
    if let overlay { drawOverlay(overlay, &c) }
    return c
  }

  var detailHeight: Int { height >= 30 ? 6 : (height >= 20 ? 5 : 3) }
  var statusY: Int { height - 2 }
  var detailTop: Int { statusY - detailHeight }

  func drawTooSmall(_ c: inout Canvas) {
    let lines = [
      "rota needs a terminal at least \(Self.minimumWidth) columns wide",
      "and \(Self.minimumHeight) rows high; this one is \(width)×\(height).",
      "Make the window larger, or press q to quit.",
    ]
    for (i, line) in lines.enumerated() where i < height {
      c.put(line, x: 0, y: max(0, height / 2 - 1) + i - (height < 3 ? height / 2 : 0), style: Style(.warning))
    }
  }

  func drawTitle(_ c: inout Canvas) {
    c.fill(x: 0, y: 0, width: width, height: 1, style: Style(.title))
    var parts = [
      backend.readOnly ? "rota (READ-ONLY)" : "rota", model.rota.pcn,
      week.title + (week == today.isoWeek && width >= 100 ? " (this week)" : ""),
    ]
    parts.append(view.title)
    if view == .person, let w = personWorker { parts[1] = model.rota.workers[w].name }
    if view == .board, let role = boardRole { parts.append(role.pluralName) }
    if view == .workers || view == .sites { parts.append(scope == .day ? "whole days" : "\(scope.label) only") }
    if !filter.isEmpty { parts.append("filter \u{201C}\(filter)\u{201D}") }
    c.put(
      TextWidth.truncate(" " + parts.joined(separator: " │ "), to: width - 8), x: 0, y: 0,
      style: Style(.title, bold: true))
    c.put("? help", x: width - 7, y: 0, style: Style(.title))
  }

  // MARK: Worker grid

  struct WorkerColumns {
    let nameWidth: Int
    let dayWidth: Int
    let rightWidth: Int
    let compact: Bool
    func dayX(_ i: Int) -> Int { nameWidth + i * dayWidth }
  }

  func workerColumns() -> WorkerColumns {
    let days = model.days.count
    let compact = width < 100
    let rightWidth = compact ? 12 : 22
    let longest = model.rota.workers.map { TextWidth.width(of: RotaText.sanitized($0.name)) }.max() ?? 10
    var name = min(max(longest + 3, 14), compact ? 20 : 26)
    var day = (width - name - rightWidth) / max(1, days)
    if day < 8 {
      name = max(10, width - rightWidth - days * 8)
      day = max(6, (width - name - rightWidth) / max(1, days))
    }
    day = min(day, 16)
    return WorkerColumns(nameWidth: name, dayWidth: day, rightWidth: rightWidth, compact: compact)
  }

  func drawWorkerGrid(_ c: inout Canvas) {
    let cols = workerColumns()
    let p = model.placements
    // Header.
    c.fill(x: 0, y: 1, width: width, height: 1, style: Style(.header))
    c.put(" Name", x: 0, y: 1, style: Style(.header, bold: true))
    for (i, d) in model.days.enumerated() {
      let date = model.date(d)
      var label = "\(date.weekday.shortName) \(date.day)"
      if p.holidayNames[d] != nil { label += Glyph.holiday }
      let isToday = date == today
      c.putPadded(
        " " + label, x: cols.dayX(i), y: 1, columns: cols.dayWidth,
        style: Style(.header, bold: true, underline: isToday))
    }
    let rightX = cols.dayX(model.days.count)
    if cols.compact {
      c.put(" Sess Alone", x: rightX, y: 1, style: Style(.header, bold: true))
    } else {
      c.put("Sessions", x: rightX, y: 1, style: Style(.header, bold: true))
      c.put("Alone", x: rightX + 9, y: 1, style: Style(.header, bold: true))
      c.put("Level", x: rightX + 15, y: 1, style: Style(.header, bold: true))
    }

    // Body lines: a header per role, then its workers.
    let rows = workerRows
    var lines: [(role: Role?, worker: Int?, row: Int?)] = []
    var lastRole: Role? = nil
    for (i, w) in rows.enumerated() {
      let role = model.rota.workers[w].role
      if role != lastRole {
        lines.append((role, nil, nil))
        lastRole = role
      }
      lines.append((nil, w, i))
    }
    let top = 2
    let bodyRows = max(1, detailTop - top)
    layout.bodyRows = bodyRows
    if let cursorLine = lines.firstIndex(where: { $0.row == workerRow }) {
      workerScroll = Scrolling.keep(cursorLine, in: bodyRows, from: workerScroll, above: 1)
    }
    workerScroll = max(0, min(workerScroll, max(0, lines.count - bodyRows)))
    if rows.isEmpty {
      c.put(" No one matches \u{201C}\(filter)\u{201D}. Esc clears the filter.", x: 0, y: top + 1, style: Style(.dim))
    }
    for (offset, line) in lines.dropFirst(workerScroll).prefix(bodyRows).enumerated() {
      let y = top + offset
      if let role = line.role {
        let count = rows.filter { model.rota.workers[$0].role == role }.count
        c.put(" \(role.pluralName) (\(count))", x: 0, y: y, style: Style(.roleHeader, bold: true))
        continue
      }
      guard let w = line.worker, let row = line.row else { continue }
      drawWorkerLine(&c, worker: w, row: row, y: y, cols: cols)
    }
    // More above or below: in the first column, which every heading and name leaves blank.
    if workerScroll > 0 { c.put("↑", x: 0, y: top, style: Style(.dim)) }
    if workerScroll + bodyRows < lines.count {
      c.put("↓", x: 0, y: top + bodyRows - 1, style: Style(.dim))
    }
    drawWorkerDetail(&c)
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
    case .off: return Style(.off)
    }
  }

  func drawWorkerLine(_ c: inout Canvas, worker w: Int, row: Int, y: Int, cols: WorkerColumns) {
    let p = model.placements
    let person = model.rota.workers[w]
    let isCursorRow = row == workerRow && view == .workers
    c.putPadded(" " + person.name, x: 0, y: y, columns: cols.nameWidth, style: Style(.normal))
    for (i, d) in model.days.enumerated() {
      let x = cols.dayX(i)
      layout.cells.append((x, y, cols.dayWidth - 1, .workerCell(row: row, dayIndex: i, half: nil)))
      let am = p.placement(worker: w, day: d, half: .am)
      let pm = p.placement(worker: w, day: d, half: .pm)
      let amFindings = model.halfFindingList(worker: w, slot: d * 2)
      let pmFindings = model.halfFindingList(worker: w, slot: d * 2 + 1)
      let dayFindings = model.findings(model.dayFindings[w * 7 + d])
      let worst = model.worst(amFindings + pmFindings + dayFindings)
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
        c.putPadded(
          fit(am, inner - TextWidth.width(of: marks)) + marks, x: x + 1, y: y, columns: inner, style: style(for: am))
        let half = inner / 2
        amRange = (x + 1, half)
        pmRange = (x + 1 + half, inner - half)
      } else {
        let left = (inner - 1) / 2
        let right = inner - 1 - left
        c.putPadded(halfText(am, soloAM, left), x: x + 1, y: y, columns: left, style: style(for: am))
        c.put(Glyph.split, x: x + 1 + left, y: y, style: Style(.dim))
        c.putPadded(halfText(pm, soloPM, right), x: x + 2 + left, y: y, columns: right, style: style(for: pm))
        amRange = (x + 1, left)
        pmRange = (x + 2 + left, right)
      }
      // Cursor, drag source and drop target.
      let source = carry ?? drag.source
      if let source, source.site == nil, source.worker == w, source.day == d {
        for h in source.scope.halves {
          let r = h == .am ? amRange : pmRange
          c.restyle(x: h == .am || source.scope == .day ? r.0 : r.0, y: y, width: source.scope == .day ? inner : r.1) {
            $0.role = .dragSource
            $0.underline = true
          }
        }
      }
      let target = carry != nil ? carryTarget : drag.target
      if case .worker(let tw, let td) = target, tw == w, td == d {
        c.restyle(x: x, y: y, width: cols.dayWidth - 1) {
          $0.role = .dragTarget
          $0.bold = true
          $0.reverse = true
        }
        c.put(preview?.refusal == nil ? "▶" : "✗", x: x, y: y, style: Style(.dragTarget, bold: true, reverse: true))
      } else if isCursorRow && i == workerDay && carry == nil {
        let r =
          scope == .day ? (x, cols.dayWidth - 1) : (scope == .am ? (amRange.0, amRange.1) : (pmRange.0, pmRange.1))
        c.restyle(x: r.0, y: y, width: r.1) { $0.reverse = true }
      }
    }
    // Sessions, solitary days and level.
    let isolation = model.row(w)
    let rx = cols.dayX(model.days.count)
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
        alignRight: true
      )
      let g = isolation.level == .ok ? " " : String(levelText.prefix(1))
      c.put(g, x: rx + 11, y: y, style: Style(levelRole, bold: true))
    } else {
      c.putPadded(
        aloneText, x: rx + 9, y: y, columns: 3, style: Style(isolation.solitaryDays > 0 ? .solitary : .dim),
        alignRight: true
      )
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

  func placeWords(_ p: EffectivePlacement, day: Int) -> String {
    switch p {
    case .site(let code):
      let site = model.rota.site(code)
      return site.map { "\($0.name) (\(code), \($0.kind.displayName))" } ?? code
    case .home: return "working from home"
    case .off: return "off"
    case .leave: return "on leave"
    case .holiday: return "bank holiday" + (model.placements.holidayNames[day].map { ": \($0)" } ?? "")
    }
  }

  /// Who the worker is with, with the solitary mark after "alone".
  func company(worker w: Int, slot: Int) -> String {
    let words = model.placements.company(worker: w, slot: slot)
    return words == "alone" ? "alone \(Glyph.solitary)" : words
  }

  func drawRule(_ c: inout Canvas, y: Int, title: String) {
    c.put(String(repeating: Glyph.rule, count: width), x: 0, y: y, style: Style(.rule))
    c.put(" \(title) ", x: 2, y: y, style: Style(.rule, bold: true), limit: width - 4)
  }

  func drawLines(_ c: inout Canvas, _ lines: [(String, Style)], top: Int) {
    for (i, line) in lines.prefix(detailHeight - 1).enumerated() {
      c.put(" " + line.0, x: 0, y: top + i, style: line.1, limit: width)
    }
  }

  func drawWorkerDetail(_ c: inout Canvas) {
    let rows = workerRows
    let shown: (worker: Int, day: Int)? =
      rows.isEmpty
      ? nil : (rows[min(detailAt.workerRow, rows.count - 1)], model.days[min(detailAt.workerDay, model.days.count - 1)])
    guard let (w, d) = shown else {
      drawRule(&c, y: detailTop, title: "")
      return
    }
    let person = model.rota.workers[w]
    let row = model.row(w)
    let p = model.placements
    drawRule(&c, y: detailTop, title: "\(person.name) · \(person.role.displayName)")
    var lines: [(String, Style)] = []
    let last = row.lastSupervision.map { $0.shortWithYear } ?? "never"
    lines.append(
      (
        "\(row.workedSessions) of \(person.sessions) sessions · \(row.solitaryDays) solitary day\(row.solitaryDays == 1 ? "" : "s") · longest streak \(row.longestStreak) · last supervision \(last) · level \(row.level.rawValue)",
        Style(.dim)
      ))
    let date = model.date(d)
    let am = p.placement(worker: w, day: d, half: .am)
    let pm = p.placement(worker: w, day: d, half: .pm)
    if am == pm && company(worker: w, slot: d * 2) == company(worker: w, slot: d * 2 + 1) {
      lines.append(
        ("\(date.short): \(placeWords(am, day: d)), all day  \(company(worker: w, slot: d * 2))", Style(.normal)))
    } else {
      lines.append(
        (
          "\(date.short) AM: \(placeWords(am, day: d)) \(company(worker: w, slot: d * 2)) · PM: \(placeWords(pm, day: d)) \(company(worker: w, slot: d * 2 + 1))",
          Style(.normal)
        ))
    }
    let events = p.events(worker: w, day: d)
    if !events.isEmpty {
      lines.append(
        (
          "Events: "
            + events.map { e in
              "\(e.half.map { $0.label + " " } ?? "")\(e.title) (\(e.venue == .online ? "online" : "at \(model.rota.site(e.venue.token)?.name ?? e.venue.token)"))"
            }.joined(separator: "; "),
          Style(.normal)
        ))
    }
    let cell = model.cellFindings(worker: w, day: d)
    for f in cell + model.findings(model.rowFindings[w]) {
      lines.append(("\(Glyph.severity(f.severity)) \(f.message)", Style(Glyph.severityRole(f.severity))))
    }
    if cell.isEmpty && model.rowFindings[w] == nil { lines.append(("No flags on this cell.", Style(.dim))) }
    drawLines(&c, lines, top: detailTop + 1)
  }

  // MARK: Site grid

  func initials(_ w: Int) -> String {
    let words = model.rota.workers[w].name.split(whereSeparator: { $0 == " " || $0 == "-" })
    let first = words.first?.first.map(String.init) ?? "?"
    let last = words.count > 1 ? words.last!.first.map(String.init) ?? "" : ""
    return (first + last).uppercased()
  }

  func drawSiteGrid(_ c: inout Canvas) {
    let p = model.placements
    let rows = siteRows
    let longest = model.rota.sites.map { TextWidth.width(of: $0.name) }.max() ?? 10
    var nameWidth = min(max(longest + 8, 18), width < 100 ? 20 : 30)
    var halfWidth = (width - nameWidth) / max(1, model.days.count * 2)
    if halfWidth < 4 {
      nameWidth = max(10, width - model.days.count * 2 * 4)
      halfWidth = max(3, (width - nameWidth) / max(1, model.days.count * 2))
    }
    c.fill(x: 0, y: 1, width: width, height: 2, style: Style(.header))
    c.put(" Site", x: 0, y: 1, style: Style(.header, bold: true))
    c.put(" (rooms)", x: 0, y: 2, style: Style(.header))
    for (i, d) in model.days.enumerated() {
      let date = model.date(d)
      let x = nameWidth + i * 2 * halfWidth
      var label = "\(date.weekday.shortName) \(date.day)"
      if p.holidayNames[d] != nil { label += Glyph.holiday }
      c.putPadded(
        " " + label, x: x, y: 1, columns: 2 * halfWidth, style: Style(.header, bold: true, underline: date == today))
      c.putPadded(" AM", x: x, y: 2, columns: halfWidth, style: Style(.header))
      c.putPadded(" PM", x: x + halfWidth, y: 2, columns: halfWidth, style: Style(.header))
    }
    let top = 3
    let bodyRows = max(1, detailTop - top)
    layout.bodyRows = bodyRows
    siteScroll = Scrolling.keep(siteRow, in: bodyRows, from: siteScroll)
    for (offset, s) in rows.enumerated().dropFirst(siteScroll).prefix(bodyRows) {
      let y = top + offset - siteScroll
      let isCursor = offset == siteRow
      if s >= 0 {
        let site = model.rota.sites[s]
        c.put(" ", x: 0, y: y, style: Style(.normal))
        c.putPadded(site.code, x: 1, y: y, columns: 7, style: style(for: .site(site.code)))
        c.putPadded(
          "\(site.name) (\(site.rooms))", x: 8, y: y, columns: nameWidth - 9, style: Style(.normal, bold: isCursor))
      } else {
        c.putPadded(" home", x: 0, y: y, columns: 8, style: Style(.home))
        c.putPadded("Working from home", x: 8, y: y, columns: nameWidth - 9, style: Style(.normal, bold: isCursor))
      }
      for (i, d) in model.days.enumerated() {
        for half in Half.allCases {
          let slotIndex = i * 2 + half.rawValue
          let x = nameWidth + slotIndex * halfWidth
          let slot = d * 2 + half.rawValue
          layout.cells.append((x, y, halfWidth - 1, .siteCell(row: offset, slot: slotIndex, chip: nil)))
          drawSiteCell(&c, site: s, day: d, half: half, slot: slot, x: x, y: y, width: halfWidth - 1)
          if isCursor && slotIndex == siteSlot && carry == nil {
            c.restyle(x: x, y: y, width: halfWidth - 1) { $0.reverse = true }
          }
          let target = carry != nil ? carryTarget : drag.target
          if case .site(let ts, let td, let th) = target, ts == s, td == d, th == half {
            c.restyle(x: x, y: y, width: halfWidth - 1) {
              $0.role = .dragTarget
              $0.reverse = true
              $0.bold = true
            }
          }
        }
      }
    }
    drawSiteDetail(&c)
  }

  func drawSiteCell(_ c: inout Canvas, site s: Int, day d: Int, half: Half, slot: Int, x: Int, y: Int, width w: Int) {
    let p = model.placements
    let people = peopleAt(site: s, day: d, half: half)
    let findings = s >= 0 ? model.findings(model.siteFindings[s * 14 + slot]) : []
    let over = findings.contains { $0.rule == .overCapacity }
    let gap = findings.contains { $0.rule == .coverGap }
    if s >= 0 && !p.isOpen(site: s, slot: slot) && people.isEmpty {
      c.putPadded(w >= 6 ? "closed" : "╳", x: x, y: y, columns: w, style: Style(.closed))
      return
    }
    var col = x
    if over || (s >= 0 && !p.isOpen(site: s, slot: slot)) {
      col = c.put(Glyph.error, x: col, y: y, style: Style(.error, bold: true))
    } else if gap {
      c.putPadded(Glyph.warning + "gap", x: x, y: y, columns: w, style: Style(.gap, bold: true))
      return
    }
    var chips: [(x: Int, width: Int)] = []
    for (i, worker) in people.enumerated() {
      let text = initials(worker)
      let remaining = people.count - i
      // Keep room for "+N" when more people follow than can be shown.
      let more = remaining > 1 ? TextWidth.width(of: "+\(remaining - 1)") + 1 : 0
      if col + TextWidth.width(of: text) + more > x + w {
        c.put("+\(remaining)", x: col, y: y, style: Style(.dim, bold: true), limit: x + w - col)
        break
      }
      let moving =
        (carry ?? drag.source).map { $0.worker == worker && $0.day == d && $0.scope.halves.contains(half) } ?? false
      let st = s >= 0 ? style(for: .site(model.rota.sites[s].code)) : Style(.home)
      var chipStyle = st
      if moving {
        chipStyle.role = .dragSource
        chipStyle.underline = true
      }
      let start = col
      col = c.put(text, x: col, y: y, style: chipStyle)
      if p.isSolitary(worker: worker, slot: slot) { col = c.put(Glyph.solitary, x: col, y: y, style: chipStyle) }
      chips.append((start, col - start))
      col += 1
    }
    layout.chips[y * 10_000 + x] = chips
    if people.isEmpty && s >= 0 && !gap {
      c.put("·", x: x + 1, y: y, style: Style(.dim))
    }
  }

  func drawSiteDetail(_ c: inout Canvas) {
    let rows = siteRows
    let slotIndex = min(detailAt.siteSlot, model.days.count * 2 - 1)
    let (s, d, half) = (
      rows[min(detailAt.siteRow, rows.count - 1)], model.days[slotIndex / 2], Half(rawValue: slotIndex % 2)!
    )
    let slot = d * 2 + half.rawValue
    let date = model.date(d)
    var lines: [(String, Style)] = []
    if s >= 0 {
      let site = model.rota.sites[s]
      drawRule(&c, y: detailTop, title: "\(site.name) (\(site.code)) · \(site.kind.displayName)")
      let cover = site.cover.isEmpty ? "no cover needed" : "needs cover \(site.cover.tokens.joined(separator: ", "))"
      lines.append(
        (
          "\(site.rooms) room\(site.rooms == 1 ? "" : "s") · open \(site.open.tokens.joined(separator: ", ")) · \(cover)",
          Style(.dim)
        ))
      let people = peopleAt(site: s, day: d, half: half)
      let open = model.placements.isOpen(site: s, slot: slot)
      let who =
        people.isEmpty
        ? "no one from the team"
        : people.map { "\(initials($0)) \(model.rota.workers[$0].name)" }.joined(separator: ", ")
      lines.append(("\(date.short) \(half.label): \(open ? "open" : "CLOSED") · \(who)", Style(.normal)))
      for f in model.findings(model.siteFindings[s * 14 + slot]) {
        lines.append(("\(Glyph.severity(f.severity)) \(f.message)", Style(Glyph.severityRole(f.severity))))
      }
    } else {
      drawRule(&c, y: detailTop, title: "Working from home")
      let people = peopleAt(site: -1, day: d, half: half)
      lines.append(
        (
          "\(date.short) \(half.label): "
            + (people.isEmpty
              ? "no one at home"
              : people.map { "\(initials($0)) \(model.rota.workers[$0].name)" }.joined(separator: ", ")),
          Style(.normal)
        ))
      lines.append(
        (
          "Working from home is solitary unless an event keeps them company (\(Glyph.solitary) marks a solitary session).",
          Style(.dim)
        ))
    }
    drawLines(&c, lines, top: detailTop + 1)
  }

  // MARK: Findings list

  func drawFindings(_ c: inout Canvas) {
    let lines = findingLines
    let top = 1
    let bottom = detailTop
    let rows = max(1, bottom - top)
    layout.bodyRows = rows
    findingScroll = Scrolling.keep(findingRow, in: rows, from: findingScroll)
    if lines.isEmpty {
      c.put(" No findings this week: the plan breaks no rule.", x: 0, y: top + 1, style: Style(.levelOk))
    }
    for (i, line) in lines.enumerated().dropFirst(findingScroll).prefix(rows) {
      let y = top + i - findingScroll
      switch line {
      case .header(let severity, let count):
        c.put(" \(severity.pluralTitle) (\(count))", x: 0, y: y, style: Style(.roleHeader, bold: true))
      case .finding(let index):
        let f = model.report.findings[index]
        c.put("   \(Glyph.severity(f.severity)) ", x: 0, y: y, style: Style(Glyph.severityRole(f.severity), bold: true))
        c.put(f.message, x: 5, y: y, style: Style(.normal), limit: width - 6)
        layout.cells.append((0, y, width, .finding(row: i)))
      }
      if i == findingRow { c.restyle(x: 0, y: y, width: width) { $0.reverse = true } }
    }
    drawRule(&c, y: detailTop, title: "Finding")
    var detail: [(String, Style)] = []
    if detailAt.findingRow < lines.count, case .finding(let index) = lines[detailAt.findingRow] {
      let f = model.report.findings[index]
      detail.append(("\(f.rule.code) (\(f.severity.rawValue)): \(f.rule.summary)", Style(.dim)))
      detail.append(("Enter goes to the cell it is about.", Style(.dim)))
    }
    drawLines(&c, detail, top: detailTop + 1)
  }

  // MARK: Status and footer

  func drawStatus(_ c: inout Canvas) {
    let y = statusY
    c.fill(x: 0, y: y, width: width, height: 1, style: Style(.statusBar))
    var x = c.put(
      " \(Glyph.error) \(model.errors) error\(model.errors == 1 ? "" : "s") ", x: 0, y: y,
      style: Style(model.errors > 0 ? .statusError : .statusBar, bold: true))
    x = c.put(
      " \(Glyph.warning) \(model.warnings) warning\(model.warnings == 1 ? "" : "s") ", x: x, y: y,
      style: Style(model.warnings > 0 ? .statusWarning : .statusBar, bold: true))
    x = c.put(
      " ■ \(model.overload) at overload ", x: x, y: y, style: Style(model.overload > 0 ? .statusError : .statusBar))
    x = c.put("│ ", x: x, y: y, style: Style(.statusBar))
    if let preview, let source = carry ?? drag.source, carry != nil || drag.target != nil {
      let who = model.rota.workers[source.worker].name
      x = c.put(
        "moving \(who), \(model.date(source.day).short): ", x: x, y: y, style: Style(.statusBar), limit: width - x)
      if let refusal = preview.refusal {
        c.put(
          refusal.isEmpty ? "drop here: no change" : "can't drop here: \(refusal)", x: x, y: y,
          style: Style(.statusBar), limit: width - x)
      } else {
        var text =
          "drop here: \(Glyph.error) \(model.errors)→\(preview.errors)  \(Glyph.warning) \(model.warnings)→\(preview.warnings)"
        if let a = preview.added.first {
          text += "  + \(a.rule.code)" + (preview.added.count > 1 ? " (+\(preview.added.count - 1))" : "")
        }
        if let r = preview.cleared.first {
          text += "  − \(r.rule.code)" + (preview.cleared.count > 1 ? " (+\(preview.cleared.count - 1))" : "")
        }
        c.put(text, x: x, y: y, style: Style(.statusBar, bold: true), limit: width - x)
      }
    } else if !status.text.isEmpty {
      let role: StyleRole = status.kind == .error ? .statusError : (status.kind == .good ? .statusGood : .statusBar)
      c.put(status.text, x: x, y: y, style: Style(role), limit: width - x)
    }
  }

  var footerKeys: [(String, String)] {
    if overlay != nil { return [("Esc", "close")] }
    if carry != nil {
      return [("←↓↑→", "choose where"), ("Enter/Space", "drop"), ("Esc", "cancel")]
    }
    switch view {
    case .findings:
      return [
        ("↑↓", "move"), ("Enter", "go to cell"), ("f", "back"), ("s", "sites"), ("[ ]", "week"), ("?", "help"),
        ("q", "quit"),
      ]
    case .person:
      return [
        ("↑↓", "scroll"), ("[ ]", "week"), ("x", "export to calendar"), ("p", "someone else"), ("w", "team"),
        ("?", "help"), ("q", "quit"),
      ]
    case .board:
      return [
        ("↑↓", "move"), ("Enter", "their weeks"), ("S", "add supervision"), ("r", "role"), ("[ ]", "week"),
        ("w", "grid"), ("?", "help"), ("q", "quit"),
      ]
    case .history:
      return [("↑↓", "scroll"), ("S", "add supervision"), ("Esc", "board"), ("?", "help"), ("q", "quit")]
    case .arrs:
      return [("a", "back"), ("w", "workers"), ("b", "board"), ("?", "help"), ("q", "quit")]
    case .workers, .sites:
      var keys: [(String, String)] = [("←↓↑→", "move")]
      if !backend.readOnly { keys += [("Space", "pick up"), ("e", "place"), ("u", "undo")] }
      keys += [
        (view == .workers ? "s" : "w", view == .workers ? "sites" : "workers"), ("f", "findings"), ("[ ]", "week"),
      ]
      if !backend.readOnly { keys += [("Tab", "day/AM/PM"), ("H/O", "home/off"), ("L", "leave")] }
      keys += [("/", "filter"), ("?", "help"), ("q", "quit")]
      return keys
    }
  }

  /// Draws the keys that fit, always keeping the last two (help and quit): the
  /// ones in the middle give way first on a narrow screen.
  func drawFooter(_ c: inout Canvas) {
    let y = height - 1
    c.fill(x: 0, y: y, width: width, height: 1, style: Style(.footer))
    var keys = footerKeys
    func need(_ k: [(String, String)]) -> Int {
      k.reduce(1) { $0 + TextWidth.width(of: $1.0) + TextWidth.width(of: $1.1) + 3 }
    }
    while keys.count > 3 && need(keys) > width { keys.remove(at: keys.count - 3) }
    var x = 1
    for (key, what) in keys {
      x = c.put(key, x: x, y: y, style: Style(.footerKey, bold: true))
      x = c.put(" \(what)  ", x: x, y: y, style: Style(.footer))
    }
  }

  // MARK: Overlays

  func box(_ c: inout Canvas, title: String, lines: [(String, Style)], width boxWidth: Int) -> (x: Int, y: Int) {
    let w = min(width - 2, boxWidth)
    let h = min(height - 2, lines.count + 2)
    let x = max(0, (width - w) / 2)
    let y = max(1, (height - h) / 2)
    c.fill(x: x, y: y, width: w, height: h, style: Style(.overlay))
    c.put("┌" + String(repeating: "─", count: max(0, w - 2)) + "┐", x: x, y: y, style: Style(.overlayBorder))
    c.put(" \(title) ", x: x + 2, y: y, style: Style(.overlayTitle, bold: true), limit: w - 4)
    for i in 1..<max(1, h - 1) {
      c.put("│", x: x, y: y + i, style: Style(.overlayBorder))
      c.put("│", x: x + w - 1, y: y + i, style: Style(.overlayBorder))
    }
    c.put("└" + String(repeating: "─", count: max(0, w - 2)) + "┘", x: x, y: y + h - 1, style: Style(.overlayBorder))
    for (i, line) in lines.prefix(max(0, h - 2)).enumerated() {
      c.put(line.0, x: x + 2, y: y + 1 + i, style: line.1, limit: w - 4)
    }
    return (x, y)
  }

  static let helpSections: [(String, [(String, String)])] = [
    (
      "Move around",
      [
        ("←↓↑→ h j k l", "move the cursor"), ("PgUp PgDn Home End", "page, first, last"),
        ("[ ]  or  < >", "previous / next week"), ("t  g", "this week / go to a week"),
        ("w  s  f", "workers grid / sites grid / findings list"), ("/", "filter by name, role or site; Esc clears"),
      ]
    ),
    (
      "Move someone",
      [
        ("Space or m", "pick up; Space or Enter drops; Esc cancels"), ("Tab", "whole day, AM only or PM only"),
        ("(workers grid)", "same person: swap days · same day: swap people"),
        ("(sites grid)", "drop on another site, same day: move there"),
        ("mouse", "press, drag, release; off the grid cancels"),
      ]
    ),
    (
      "The three people's screens",
      [
        ("p", "a worker's own week (x there exports it to a calendar file)"),
        ("b", "the isolation board (r: role, Enter: their weeks)"),
        ("S (board, weeks)", "add a supervision session for the worker"), ("a", "the ARRS panel: the team by role"),
        ("T", "next colour theme"),
      ]
    ),
    (
      "Change a cell",
      [
        ("e or Enter", "choose a place (type to filter)"), ("H  O", "home / off"), ("L", "book leave from this day"),
        ("u  U or Ctrl-R", "undo / redo your last edit"),
      ]
    ),
    (
      "Other",
      [
        ("Enter (findings)", "go to the finding's cell"), ("r  Ctrl-L", "reload / redraw"),
        ("?  q", "this help / quit"),
      ]
    ),
  ]

  var helpLines: [(String, Style)] {
    var lines: [(String, Style)] = []
    for (title, keys) in Self.helpSections {
      lines.append((title, Style(.overlayTitle, bold: true)))
      for (k, what) in keys { lines.append((TextWidth.pad(k, to: 19) + what, Style(.overlay))) }
    }
    lines.append(
      (
        "Marks: \(Glyph.error) error \(Glyph.warning) warning \(Glyph.info) note \(Glyph.solitary) solitary \(Glyph.holiday) bank holiday │ split day",
        Style(.overlay)
      ))
    return lines
  }

  func drawOverlay(_ overlay: Overlay, _ c: inout Canvas) {
    switch overlay {
    case .help(let scroll):
      let all = helpLines
      let room = max(1, min(height - 2, all.count + 3) - 3)
      let start = min(scroll, max(0, all.count - room))
      var lines = Array(all.dropFirst(start).prefix(room))
      let more = start + room < all.count
      lines.append((more ? "↓ ↑ PgDn PgUp scroll · any other key closes" : "Any key closes this help.", Style(.dim)))
      _ = box(&c, title: "Keys", lines: lines, width: 80)

    case .picker(let state):
      let options = pickerOptions(state)
      let who = model.rota.workers[state.worker].name
      let scopeText = state.halves.count == 2 ? "whole day" : state.halves[0].label
      var lines: [(String, Style)] = [("> \(state.text)_", Style(.input, bold: true))]
      let visible = max(1, min(options.count, height - 8))
      let start = max(0, min(state.selected - visible + 1, options.count - visible))
      for (i, place) in options.enumerated().dropFirst(start).prefix(visible) {
        let text: String
        switch place {
        case .home: text = "home      working from home"
        case .off: text = "off       not working"
        case .site(let code):
          text =
            TextWidth.pad(code, to: 10) + (model.rota.site(code).map { "\($0.name) · \($0.kind.displayName)" } ?? "")
        }
        lines.append((text, Style(i == state.selected ? .overlaySelected : .overlay, reverse: i == state.selected)))
      }
      if options.isEmpty { lines.append(("no site matches", Style(.dim))) }
      _ = box(&c, title: "Put \(who), \(model.date(state.day).short) (\(scopeText)) at", lines: lines, width: 64)

    case .prompt(let state):
      let title =
        state.purpose == .filter ? "Filter by name, role or site" : "Go to week (2026-W49, next, last, a date)"
      var lines: [(String, Style)] = [("> \(state.text)_", Style(.input, bold: true))]
      if let e = state.error { lines.append((e, Style(.error))) }
      _ = box(&c, title: title, lines: lines, width: 56)

    case .leave(let state):
      let who = model.rota.workers[state.worker].name
      func field(_ i: Int, _ label: String, _ value: String) -> (String, Style) {
        (
          TextWidth.pad(label, to: 7) + "[" + value + (state.field == i ? "_" : "") + "]",
          Style(state.field == i ? .overlaySelected : .overlay, bold: state.field == i)
        )
      }
      var lines: [(String, Style)] = [
        field(0, "From", state.from), field(1, "To", state.to),
        (
          TextWidth.pad("Kind", to: 7) + "◂ \(state.kind.rawValue) ▸",
          Style(state.field == 2 ? .overlaySelected : .overlay, bold: state.field == 2)
        ),
        ("Tab: next field · ←→: kind · Enter: book · Esc: cancel", Style(.dim)),
      ]
      if let e = state.error { lines.append((e, Style(.error))) }
      _ = box(&c, title: "Book leave for \(who)", lines: lines, width: 60)

    case .chooser(let state):
      var lines: [(String, Style)] = []
      let visible = max(1, height - 6)
      let start = max(0, min(state.selected - visible + 1, state.workers.count - visible))
      for (i, w) in state.workers.enumerated().dropFirst(start).prefix(visible) {
        let number = state.workers.count <= 9 ? "\(i + 1)  " : ""
        lines.append(
          (
            "\(number)\(initials(w))  \(model.rota.workers[w].name)",
            Style(i == state.selected ? .overlaySelected : .overlay, reverse: i == state.selected)
          ))
      }
      _ = box(&c, title: state.purpose == .person ? "Whose week?" : "Pick up whom?", lines: lines, width: 44)

    case .supervision(let state):
      let who = model.rota.workers[state.worker].name
      func field(_ i: Int, _ label: String, _ value: String) -> (String, Style) {
        (
          TextWidth.pad(label, to: 9) + value + (state.field == i && i != 1 ? "_" : ""),
          Style(state.field == i ? .overlaySelected : .overlay, bold: state.field == i)
        )
      }
      var lines: [(String, Style)] = [
        field(0, "Date", state.date), field(1, "Session", "◂ \(state.half?.label ?? "whole day") ▸"),
        field(2, "Where", state.venue), field(3, "With", state.with.isEmpty ? "(worker ids, optional)" : state.with),
        ("Tab: next field · ←→: session · Enter: add · Esc: cancel", Style(.dim)),
      ]
      if let e = state.error { lines.append((e, Style(.error))) }
      _ = box(&c, title: "Supervision for \(who)", lines: lines, width: 60)
    }
  }
}
