import RotaCore

/// The sites grid: one row per site (and Home), one column per half-day.
struct SitesGrid: Hashable {
  /// Over the filtered site rows (`PlannerState.rows.sites`).
  var cursor = ListCursor()
  /// Day index * 2 + half, over the days shown.
  var slot = 0
}

/// Where the sites grid's columns go.
struct SiteColumns: Hashable {
  let nameWidth: Int
  let halfWidth: Int
  func slotX(_ slotIndex: Int) -> Int { nameWidth + slotIndex * halfWidth }
}

/// What a point of the sites grid is: a row, a half-day, and whose initials it is on.
struct SiteHit: Hashable {
  let row: Int
  let slot: Int
  let person: Int?
}

/// How one cell of the sites grid reads: its text pieces, each with the worker it
/// names (if any), laid out once for drawing and hit-testing alike.
struct SiteCellLayout {
  enum Kind { case normal, closed, gap }
  var kind = Kind.normal
  /// Text, its column offset in the cell, the worker it names.
  var pieces: [(text: String, x: Int, worker: Int?, solitary: Bool)] = []
  var crowded = false
  var closedWithPeople = false
}

extension PlannerState {
  func siteColumns() -> SiteColumns {
    let slots = max(1, model.days.count * 2)
    let longest = model.longestSiteName
    // Half-day cells first (room for two people's initials, or one and "+N"), then the names.
    let halfWidth = max(4, min(8, (width - 18) / slots))
    let nameWidth = max(14, min(longest + 13, width - halfWidth * slots))
    return SiteColumns(nameWidth: nameWidth, halfWidth: halfWidth)
  }

  func hitSites(x: Int, y: Int, frame f: Frame) -> SiteHit? {
    guard f.body.contains(x: x, y: y) else { return nil }
    let row = sites.cursor.scroll + (y - f.body.y)
    guard rows.sites.indices.contains(row) else { return nil }
    let cols = siteColumns()
    for slotIndex in 0..<(model.days.count * 2) {
      let cx = cols.slotX(slotIndex)
      guard x >= cx && x < cx + cols.halfWidth - 1 else { continue }
      let day = model.days[slotIndex / 2]
      let half: Half = slotIndex % 2 == 0 ? .am : .pm
      let layout = siteCellLayout(site: rows.sites[row], day: day, half: half, width: cols.halfWidth - 1)
      let person = layout.pieces.first { p in
        p.worker != nil && x - cx >= p.x && x - cx < p.x + TextWidth.width(of: p.text)
      }?.worker
      return SiteHit(row: row, slot: slotIndex, person: person)
    }
    return nil
  }

  mutating func moveSitesCursor(_ d: Direction, frame f: Frame) {
    let count = rows.sites.count
    let page = max(1, f.body.height - 1)
    switch d {
    case .up: sites.cursor.move(by: -1, count: count)
    case .down: sites.cursor.move(by: 1, count: count)
    case .pageUp: sites.cursor.move(by: -page, count: count)
    case .pageDown: sites.cursor.move(by: page, count: count)
    case .first: sites.cursor.move(by: -count, count: count)
    case .last: sites.cursor.move(by: count, count: count)
    case .left: sites.slot = max(0, sites.slot - 1)
    case .right: sites.slot = min(model.days.count * 2 - 1, sites.slot + 1)
    }
    followSitesCursor(frame: f)
  }

  mutating func followSitesCursor(frame f: Frame) {
    sites.cursor.clamp(count: rows.sites.count)
    sites.slot = min(max(0, sites.slot), model.days.count * 2 - 1)
    sites.cursor.follow(line: sites.cursor.index, rows: f.body.height, total: rows.sites.count)
  }

  // MARK: Drawing

  func drawSitesGrid(_ c: inout Canvas, _ f: Frame) {
    let cols = siteColumns()
    c.fill(x: 0, y: f.header.y, width: width, height: 2, style: Style(.header))
    c.put(" Site  Rooms", x: 0, y: f.header.y, style: Style(.header, bold: true))
    for (i, d) in model.days.enumerated() {
      let x = cols.slotX(i * 2)
      drawDayHeading(&c, day: d, x: x, y: f.header.y, columns: 2 * cols.halfWidth)
      let past = isPast(model.date(d))
      c.putPadded(" AM", x: x, y: f.header.y + 1, columns: cols.halfWidth, style: Style(.header, faint: past))
      c.putPadded(
        " PM", x: x + cols.halfWidth, y: f.header.y + 1, columns: cols.halfWidth, style: Style(.header, faint: past))
    }
    let moving = self.moving
    for (offset, s) in rows.sites.enumerated().dropFirst(sites.cursor.scroll).prefix(f.body.height) {
      let y = f.body.y + offset - sites.cursor.scroll
      let isCursor = offset == sites.cursor.index && screen == .sites
      if s >= 0 {
        let site = model.rota.sites[s]
        c.put(" ", x: 0, y: y, style: Style(.normal))
        c.putPadded(site.code, x: 1, y: y, columns: 7, style: style(for: .site(site.code)))
        c.putPadded("\(site.rooms)", x: 8, y: y, columns: 3, style: Style(.normal), alignRight: true)
        c.putPadded(site.name, x: 12, y: y, columns: cols.nameWidth - 13, style: Style(.normal, bold: isCursor))
      } else {
        c.putPadded(" home", x: 0, y: y, columns: 12, style: Style(.home))
        c.putPadded(
          "Working from home", x: 12, y: y, columns: cols.nameWidth - 13, style: Style(.normal, bold: isCursor))
      }
      for (i, d) in model.days.enumerated() {
        for half in Half.allCases {
          let slotIndex = i * 2 + half.rawValue
          let x = cols.slotX(slotIndex)
          drawSiteCell(&c, site: s, day: d, half: half, x: x, y: y, width: cols.halfWidth - 1)
          if let target = moving?.target, case .place(let tp, let td, let th) = target, tp == place(ofSiteRow: s),
            td == model.date(d), th == half
          {
            c.restyle(x: x, y: y, width: cols.halfWidth - 1) {
              $0.role = .dragTarget
              $0.bold = true
              $0.site = -1
            }
            let refused = moving?.preview.map { $0.refusal != nil && $0.refusal != .putBack } ?? false
            c.put(refused ? Glyph.cannotDrop : Glyph.dropHere, x: x, y: y, style: Style(.dragTarget, bold: true))
          } else if isCursor && slotIndex == sites.slot && carry == nil {
            c.restyle(x: x, y: y, width: cols.halfWidth - 1) {
              $0.role = .selection
              $0.site = -1
              $0.reverse = true
            }
          }
        }
      }
    }
    if sites.cursor.scroll > 0 { c.put(Glyph.moreAbove, x: 0, y: f.body.y, style: Style(.dim)) }
    if sites.cursor.scroll + f.body.height < rows.sites.count {
      c.put(Glyph.moreBelow, x: 0, y: f.body.bottom - 1, style: Style(.dim))
    }
  }

  /// Lays out one cell: "closed" (or ╳) when the site is closed and empty; "▲gap"
  /// when it needs cover and has no one; else the initials of who is there, with
  /// ✖ first when it is over capacity or closed, and "+N" for those that do not fit.
  func siteCellLayout(site s: Int, day d: Int, half: Half, width w: Int) -> SiteCellLayout {
    let p = model.placements
    let slot = d * 2 + half.rawValue
    var layout = SiteCellLayout()
    let people = people(atSiteRow: s, day: d, half: half)
    let findings = s >= 0 ? model.findings(model.siteFindings[s * 14 + slot]) : []
    let open = s < 0 || p.isOpen(site: s, slot: slot)
    if !open && people.isEmpty {
      layout.kind = .closed
      layout.pieces = [(w >= 7 ? "closed" : Glyph.closed, 1, nil, false)]
      return layout
    }
    layout.crowded = findings.contains { $0.rule == .overCapacity }
    layout.closedWithPeople = !open
    if findings.contains(where: { $0.rule == .coverGap }) && people.isEmpty {
      layout.kind = .gap
      layout.pieces = [(Glyph.warning + "gap", 0, nil, false)]
      return layout
    }
    // The cell's first column is for its mark (✖ here, ▶ or ✗ while moving), so
    // initials line up down the column whatever is marked.
    if layout.crowded || layout.closedWithPeople { layout.pieces.append((Glyph.error, 0, nil, false)) }
    let start = 1
    // As many people's initials as fit, then "+N" for the rest: with a space
    // before it when there is room, without when there is not, so that a crowded
    // cell names at least one person wherever two initials and "+N" fit.
    let chips = people.map { model.initials[$0] + (p.isSolitary(worker: $0, slot: slot) ? Glyph.solitary : "") }
    let chipWidths = chips.map { TextWidth.width(of: $0) }
    func width(_ k: Int, spaced: Bool) -> Int {
      var used = start + chipWidths.prefix(k).reduce(0, +) + max(0, k - 1)
      if k < chips.count { used += TextWidth.width(of: "+\(chips.count - k)") + (k > 0 && spaced ? 1 : 0) }
      return used
    }
    var shown = 0
    var spaced = true
    for k in stride(from: chips.count, through: 0, by: -1) {
      if width(k, spaced: true) <= w {
        shown = k
        break
      }
      if k > 0 && width(k, spaced: false) <= w {
        shown = k
        spaced = false
        break
      }
    }
    var col = start
    for (i, chip) in chips.prefix(shown).enumerated() {
      if i > 0 { col += 1 }
      layout.pieces.append((chip, col, people[i], p.isSolitary(worker: people[i], slot: slot)))
      col += chipWidths[i]
    }
    if shown < chips.count {
      layout.pieces.append(("+\(chips.count - shown)", col + (shown > 0 && spaced ? 1 : 0), nil, false))
    }
    if people.isEmpty && s >= 0 { layout.pieces = [("·", 1, nil, false)] }
    return layout
  }

  func drawSiteCell(_ c: inout Canvas, site s: Int, day d: Int, half: Half, x: Int, y: Int, width w: Int) {
    let layout = siteCellLayout(site: s, day: d, half: half, width: w)
    let past = isPast(model.date(d))
    let slot = d * 2 + half.rawValue
    switch layout.kind {
    case .closed:
      c.putPadded(" " + layout.pieces[0].text, x: x, y: y, columns: w, style: Style(.closed, faint: past))
      return
    case .gap:
      c.putPadded(layout.pieces[0].text, x: x, y: y, columns: w, style: Style(.gap, bold: true, faint: past))
      return
    case .normal: break
    }
    let moving = self.moving
    let chip = s >= 0 ? style(for: .site(model.rota.sites[s].code)) : Style(.home)
    for piece in layout.pieces {
      var st: Style
      if piece.text == Glyph.error {
        st = Style(.error, bold: true)
      } else if piece.worker == nil {
        st = Style(.dim, bold: true)
      } else {
        st = chip
        if let worker = piece.worker, let m = moving, m.source.worker == model.rota.workers[worker].id,
          m.source.date == model.date(d), m.source.scope.halves.contains(half)
        {
          st.role = .dragSource
          st.underline = true
        }
        if let changed, let worker = piece.worker, changed.cells.contains(worker * 14 + slot) {
          st.role = .changed
          st.site = -1
        }
        if let plan, let worker = piece.worker, plan.cells.contains(worker * 14 + slot) {
          st.role = .preview
          st.underline = true
          st.bold = true
          st.site = -1
        }
      }
      st.faint = past
      c.put(piece.text, x: x + piece.x, y: y, style: st, limit: max(0, w - piece.x))
    }
  }

  func siteDetail() -> (title: String, lines: [DetailLine]) {
    let row = min(detailAt.siteRow, max(0, rows.sites.count - 1))
    let slotIndex = min(detailAt.siteSlot, model.days.count * 2 - 1)
    guard rows.sites.indices.contains(row), slotIndex >= 0 else { return ("", []) }
    let s = rows.sites[row]
    let d = model.days[slotIndex / 2]
    let half: Half = slotIndex % 2 == 0 ? .am : .pm
    let slot = d * 2 + half.rawValue
    let date = model.date(d)
    let when = "\(date.short) \(half.label)" + (date == today ? " (today)" : (isPast(date) ? " (past)" : ""))
    // Everyone who is there, whatever the filter hides in the grid.
    let people = model.people(site: s, slot: slot)
    let who =
      people.isEmpty
      ? "no one from the team"
      : people.map {
        "\(model.initials[$0]) \(model.rota.workers[$0].name)"
          + (model.placements.isSolitary(worker: $0, slot: slot) ? " (alone \(Glyph.solitary))" : "")
      }.joined(separator: ", ")
    var lines: [DetailLine] = []
    guard s >= 0 else {
      lines.append(DetailLine("\(when): \(people.isEmpty ? "no one at home" : who)", .normal))
      lines.append(
        DetailLine(
          "Working from home is solitary unless an event keeps them company (\(Glyph.solitary) marks a solitary session).",
          Style(.dim)))
      return ("Working from home", lines)
    }
    let site = model.rota.sites[s]
    let cover = site.cover.isEmpty ? "no cover needed" : "needs cover \(site.cover.tokens.joined(separator: ", "))"
    lines.append(
      DetailLine(
        "\(plural(site.rooms, "room")) · open \(site.open.tokens.joined(separator: ", ")) · \(cover)", Style(.dim)))
    let open = model.placements.isOpen(site: s, slot: slot)
    lines.append(DetailLine("\(when): \(open ? "open" : "closed") · \(who)", .normal))
    for f in model.findings(model.siteFindings[s * 14 + slot]) {
      lines.append(DetailLine("\(Glyph.severity(f.severity)) \(f.message)", Style(Glyph.severityRole(f.severity))))
    }
    return ("\(site.name) (\(site.code)) · \(site.kind.displayName)", lines)
  }
}
