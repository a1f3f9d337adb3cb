import RotaCore

/// The team and the sites as lists, to add, change and end them: a new starter,
/// a leaver, a changed usual week, a new site, a site closing for good.
struct TeamScreen: Hashable {
  /// Showing the sites rather than the workers.
  var sites = false
  var workerCursor = ListCursor()
  var siteCursor = ListCursor()
}

extension PlannerState {
  var teamCount: Int { team.sites ? model.rota.sites.count : model.rota.workers.count }

  mutating func moveTeamCursor(_ d: Direction, frame f: Frame) {
    let count = teamCount
    let page = max(1, f.body.height - 1)
    var c = team.sites ? team.siteCursor : team.workerCursor
    switch d {
    case .up: c.move(by: -1, count: count)
    case .down: c.move(by: 1, count: count)
    case .pageUp: c.move(by: -page, count: count)
    case .pageDown: c.move(by: page, count: count)
    case .first: c.move(by: -count, count: count)
    case .last: c.move(by: count, count: count)
    case .left, .right: break
    }
    c.follow(line: c.index, rows: f.body.height, total: count)
    if team.sites { team.siteCursor = c } else { team.workerCursor = c }
  }

  mutating func followTeamCursor(frame f: Frame) {
    team.workerCursor.clamp(count: model.rota.workers.count)
    team.workerCursor.follow(line: team.workerCursor.index, rows: f.body.height, total: model.rota.workers.count)
    team.siteCursor.clamp(count: model.rota.sites.count)
    team.siteCursor.follow(line: team.siteCursor.index, rows: f.body.height, total: model.rota.sites.count)
  }

  /// The worker (index) or site (index) under the team screen's cursor.
  var teamWorker: Int? {
    guard !team.sites, model.rota.workers.indices.contains(team.workerCursor.index) else { return nil }
    return team.workerCursor.index
  }

  var teamSite: Int? {
    guard team.sites, model.rota.sites.indices.contains(team.siteCursor.index) else { return nil }
    return team.siteCursor.index
  }

  func hitTeam(x: Int, y: Int, frame f: Frame) -> Int? {
    guard f.body.contains(x: x, y: y) else { return nil }
    let c = team.sites ? team.siteCursor : team.workerCursor
    let row = c.scroll + (y - f.body.y)
    return (0..<teamCount).contains(row) ? row : nil
  }

  // MARK: Words

  /// "1 Apr 2024 to 31 Mar 2027", "from 1 Apr 2024", "to 31 Mar 2027", "always".
  func span(_ start: LocalDate?, _ end: LocalDate?) -> String {
    switch (start, end) {
    case (let s?, let e?): return "\(s.shortWithYear) to \(e.shortWithYear)"
    case (let s?, nil): return "from \(s.shortWithYear)"
    case (nil, let e?): return "to \(e.shortWithYear)"
    case (nil, nil): return "always"
    }
  }

  /// "Mon RVS, Tue OAK/home, Wed home": the days worked in a usual week.
  func usualWeekWords(_ p: WeeklyPattern) -> String {
    func word(_ place: Place) -> String {
      switch place {
      case .site(let code): return code
      case .home: return "home"
      case .off: return "off"
      }
    }
    let days = Weekday.allCases.compactMap { d -> String? in
      let (am, pm) = (p[d, .am], p[d, .pm])
      guard am.isWorked || pm.isWorked else { return nil }
      return "\(d.shortName) " + (am == pm ? word(am) : "\(word(am))/\(word(pm))")
    }
    return days.isEmpty ? "no days" : days.joined(separator: ", ")
  }

  func shortRole(_ r: Role) -> String {
    switch r {
    case .gpLinkWorker: return "GP link worker"
    case .familyLinkWorker: return "Family link"
    case .healthWellbeingCoach: return "Coach"
    case .careCoordinator: return "Care coordinator"
    }
  }

  // MARK: Drawing

  func drawTeam(_ c: inout Canvas, _ f: Frame) {
    c.fill(x: 0, y: f.header.y, width: width, height: 1, style: Style(.header))
    if team.sites {
      let columns = [
        ("Code", 7), ("Name", max(14, width - 7 - 12 - 6 - 26 - 2)), ("Kind", 12), ("Rooms", 6), ("In use", 26),
      ]
      drawTeamHeader(&c, f, columns)
      for (i, s) in model.rota.sites.enumerated().dropFirst(team.siteCursor.scroll).prefix(f.body.height) {
        let y = f.body.y + i - team.siteCursor.scroll
        var x = 1
        let values = ["\(s.code)", s.name, s.kind.displayName, "\(s.rooms)", span(s.start, s.end)]
        for (value, (_, w)) in zip(values, columns) {
          c.putPadded(value, x: x, y: y, columns: w - 1, style: Style(.normal))
          x += w
        }
        if i == team.siteCursor.index {
          c.restyle(x: 0, y: y, width: width) {
            $0.role = .selection
            $0.reverse = true
          }
        }
      }
    } else {
      let nameWidth = min(24, max(12, model.longestWorkerName + 2))
      let columns = [
        ("Name", nameWidth), ("Id", 12), ("Role", 17), ("Sess", 5), ("In post", 26),
        ("Usual week", max(10, width - nameWidth - 12 - 17 - 5 - 26 - 2)),
      ]
      drawTeamHeader(&c, f, columns)
      for (i, w) in model.rota.workers.enumerated().dropFirst(team.workerCursor.scroll).prefix(f.body.height) {
        let y = f.body.y + i - team.workerCursor.scroll
        var x = 1
        let values = [
          w.name, w.id, shortRole(w.role), "\(w.sessions)", span(w.start, w.end),
          usualWeekWords(w.pattern(on: max(today, w.start ?? today))),
        ]
        for (value, (_, cw)) in zip(values, columns) {
          c.putPadded(value, x: x, y: y, columns: cw - 1, style: Style(w.isInPost(on: today) ? .normal : .dim))
          x += cw
        }
        if i == team.workerCursor.index {
          c.restyle(x: 0, y: y, width: width) {
            $0.role = .selection
            $0.reverse = true
          }
        }
      }
    }
    let c0 = team.sites ? team.siteCursor : team.workerCursor
    if c0.scroll > 0 { c.put(Glyph.moreAbove, x: 0, y: f.body.y, style: Style(.dim)) }
    if c0.scroll + f.body.height < teamCount { c.put(Glyph.moreBelow, x: 0, y: f.body.bottom - 1, style: Style(.dim)) }
  }

  func drawTeamHeader(_ c: inout Canvas, _ f: Frame, _ columns: [(String, Int)]) {
    var x = 1
    for (title, w) in columns {
      c.put(title, x: x, y: f.header.y, style: Style(.header, bold: true), limit: w - 1)
      x += w
    }
  }

  func teamDetail() -> (title: String, lines: [DetailLine]) {
    if let s = teamSite.map({ model.rota.sites[$0] }) {
      var lines = [
        DetailLine(
          "\(s.kind.displayName) · \(plural(s.rooms, "room")) · in use \(span(s.start, s.end))", .normal),
        DetailLine("Open: \(s.open.tokens.joined(separator: ", "))", .normal),
        DetailLine(
          s.cover.isEmpty ? "Needs no cover." : "Needs cover: \(s.cover.tokens.joined(separator: ", "))", .normal),
      ]
      if !s.closed.isEmpty {
        lines.append(DetailLine("Closed on: \(s.closed.map(\.token).joined(separator: ", "))", Style(.dim)))
      }
      lines.append(DetailLine("Enter changes it · X closes it for good · n adds a site", Style(.dim)))
      return ("\(s.name) (\(s.code))", lines)
    }
    guard let w = teamWorker.map({ model.rota.workers[$0] }) else { return ("", []) }
    var lines = [
      DetailLine(
        "\(w.role.displayName) · \(plural(w.sessions, "session")) a week · in post \(span(w.start, w.end)) · id \(w.id)",
        .normal),
      DetailLine("Usual week: \(usualWeekWords(w.pattern))", .normal),
    ]
    for change in w.patternChanges {
      lines.append(DetailLine("From \(change.from.shortWithYear): \(usualWeekWords(change.pattern))", .normal))
    }
    lines.append(
      DetailLine(
        "Enter changes them · P sets a new usual week from a date · X: a leaver · n: a new starter", Style(.dim)))
    return ("\(w.name)", lines)
  }
}
