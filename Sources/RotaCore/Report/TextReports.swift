/// The plain-text forms of `rota week` and `rota check`: for a person at a
/// terminal, or a coordinator's cron mail. All rota text is sanitised.
public enum TextReports {
  static func clean(_ s: String) -> String { RotaText.sanitized(s) }

  /// A compact cell: one token for a whole day, `AM/PM` when the halves differ.
  static func cellText(_ am: EffectivePlacement, _ pm: EffectivePlacement) -> String {
    func t(_ p: EffectivePlacement) -> String {
      switch p {
      case .site(let c): return c
      case .home: return "home"
      case .off: return "-"
      case .leave: return "leave"
      case .holiday: return "hol"
      case .notInPost: return "n/p"
      }
    }
    return am == pm ? t(am) : "\(t(am))/\(t(pm))"
  }

  /// The team grid: one row per worker, grouped by role, a column per day.
  public static func weekGrid(_ p: WeekPlacements, workers: [Int]) -> String {
    let rota = p.rota
    var out = "\(clean(rota.pcn)) — \(p.week.title)\n\n"
    guard !workers.isEmpty else { return out + "No workers match.\n" }
    let days = (0..<7).filter { day in
      day < 5 || workers.contains { p.isWorked(worker: $0, slot: day * 2) || p.isWorked(worker: $0, slot: day * 2 + 1) }
    }
    var cells: [[String]] = []
    for w in workers {
      cells.append(
        days.map { cellText(p.placement(worker: w, day: $0, half: .am), p.placement(worker: w, day: $0, half: .pm)) })
    }
    let nameWidth = min(28, max(12, workers.map { TextWidth.width(of: clean(rota.workers[$0].name)) }.max()! + 2))
    let headers = days.map {
      "\(p.days[$0].weekday.shortName) \(p.days[$0].day)\(p.holidayNames[$0] != nil ? "*" : "")"
    }
    let widths = days.indices.map { i in max(headers[i].count, cells.map { $0[i].count }.max() ?? 0) + 2 }
    var line = "  " + TextWidth.pad("", to: nameWidth)
    for (i, h) in headers.enumerated() { line += TextWidth.pad(h, to: widths[i]) }
    out += line + "Sessions  Alone\n"
    for role in Role.allCases {
      let members = workers.enumerated().filter { rota.workers[$0.element].role == role }
      guard !members.isEmpty else { continue }
      out += "\(role.pluralName)\n"
      for (row, w) in members {
        var line = "  " + TextWidth.pad(clean(rota.workers[w].name), to: nameWidth)
        for (i, c) in cells[row].enumerated() { line += TextWidth.pad(c, to: widths[i]) }
        line += TextWidth.pad("\(p.workedSessions(worker: w))/\(rota.workers[w].sessions)", to: 10)
        let alone = p.solitaryDays(worker: w)
        line += alone == 0 ? "-" : "\(alone) day\(alone == 1 ? "" : "s")"
        out += line.trailingSpacesTrimmed + "\n"
      }
    }
    var used: [String] = []
    for w in workers {
      for slot in 0..<14 {
        if let c = p.placement(worker: w, slot: slot).siteCode, !used.contains(c) { used.append(c) }
      }
    }
    let legend = rota.sites.filter { used.contains($0.code) }.map { "\($0.code) \(clean($0.name))" }
    out += "\n"
    if !legend.isEmpty { out += wrap(legend.joined(separator: " · "), width: 100) }
    var key = "home: working from home · leave: on leave · hol: bank holiday · -: off"
    if workers.contains(where: { w in (0..<14).contains { p.placement(worker: w, slot: $0) == .notInPost } }) {
      key += " · n/p: not in post"
    }
    out += key + " · AM/PM when the day is split\n"
    for d in days { if let h = p.holidayNames[d] { out += "* \(p.days[d].short): \(h)\n" } }
    return out
  }

  static func wrap(_ text: String, width: Int) -> String {
    var out = ""
    var line = ""
    for part in text.components(separatedBy: " · ") {
      if !line.isEmpty && TextWidth.width(of: line) + 3 + TextWidth.width(of: part) > width {
        out += line + "\n"
        line = ""
      }
      line += line.isEmpty ? part : " · " + part
    }
    return line.isEmpty ? out : out + line + "\n"
  }

  static func describe(_ p: EffectivePlacement, rota: Rota, holiday: String?) -> String {
    switch p {
    case .site(let c):
      let site = rota.site(c)
      return site.map { "\(clean($0.name)) (\(c), \($0.kind.displayName))" } ?? c
    case .home: return "working from home"
    case .off: return "off"
    case .leave: return "on leave"
    case .holiday: return "bank holiday" + (holiday.map { ": \($0)" } ?? "")
    case .notInPost: return "not in post"
    }
  }

  /// One worker's week, day by day: where, with whom, and their events.
  public static func workerWeek(_ p: WeekPlacements, worker w: Int, report: WeekReport) -> String {
    let rota = p.rota
    let worker = rota.workers[w]
    // Rows of (date label, where, with whom); the "where" column is as wide as its longest entry.
    var rows: [(String, String, String)] = []
    func company(_ slot: Int) -> String { clean(p.company(worker: w, slot: slot)) }
    for d in 0..<7 {
      let am = p.placement(worker: w, day: d, half: .am)
      let pm = p.placement(worker: w, day: d, half: .pm)
      let events = p.events(worker: w, day: d)
      if d >= 5 && !am.isWorked && !pm.isWorked && events.isEmpty { continue }
      let label = p.days[d].short
      if am == pm && company(d * 2) == company(d * 2 + 1) {
        rows.append((label, describe(am, rota: rota, holiday: p.holidayNames[d]), company(d * 2)))
      } else {
        for half in Half.allCases {
          let place = half.label + " " + describe(half == .am ? am : pm, rota: rota, holiday: p.holidayNames[d])
          rows.append((half == .am ? label : "", place, company(d * 2 + half.rawValue)))
        }
      }
      for e in events {
        let when = e.half.map { $0.label + " " } ?? ""
        let venue: String
        switch e.venue {
        case .online: venue = "online"
        case .site(let c): venue = "at " + (rota.site(c).map { clean($0.name) } ?? c)
        }
        let lead = e.lead.map { ", led by \(clean($0))" } ?? ""
        rows.append(("", "\(when)\(clean(e.title)) (\(e.kind.rawValue), \(venue)\(lead))", ""))
      }
    }
    let placeWidth = (rows.filter { !$0.2.isEmpty }.map { TextWidth.width(of: $0.1) }.max() ?? 0) + 2
    var out = "\(clean(worker.name)) — \(worker.role.displayName) — \(p.week.title)\n\n"
    for (label, place, with) in rows {
      let line = TextWidth.pad(label, to: 12) + (with.isEmpty ? place : TextWidth.pad(place, to: placeWidth) + with)
      out += line.trailingSpacesTrimmed + "\n"
    }
    if let row = report.isolation(worker: w) {
      out += "\n\(row.workedSessions) of \(worker.sessions) contracted sessions worked"
      out += " · \(row.solitaryDays) solitary day\(row.solitaryDays == 1 ? "" : "s")"
      out += " · last supervision: \(row.lastSupervision?.shortWithYear ?? "none on record")"
      out += " · isolation: \(row.level.rawValue)\n"
    } else {
      out += "\nnot in post this week\n"
    }
    let mine = report.findings.filter { $0.worker == worker.id || ($0.workers ?? []).contains(worker.id) }
    if !mine.isEmpty {
      out += "\nFlags\n"
      for f in mine { out += "  \(severityMark(f.severity)) \(clean(f.message))\n" }
    }
    return out
  }

  static func severityMark(_ s: Severity) -> String {
    switch s {
    case .error: return "✗"
    case .warning: return "!"
    case .info: return "·"
    }
  }

  /// Findings grouped by severity, the isolation board of the last week, and a count line.
  public static func check(
    rota: Rota, weeks: [ISOWeek], findings: [Finding], isolation: [IsolationRow], trend: [String: [Int]] = [:]
  ) -> String {
    let span = weeks.count == 1 ? weeks[0].title : "\(weeks.first!.iso) to \(weeks.last!.iso) (\(weeks.count) weeks)"
    var out = "\(clean(rota.pcn)) — check of \(span)\n"
    let multi = weeks.count > 1
    for severity in Severity.allCases {
      let group = findings.filter { $0.severity == severity }
      guard !group.isEmpty else { continue }
      out += "\n\(severity.pluralTitle) (\(group.count))\n"
      for f in group {
        out += "  \(severityMark(severity)) \(multi ? "W\(pad(f.week.week, 2)) " : "")\(clean(f.message))\n"
      }
    }
    if findings.isEmpty { out += "\nNo findings: the plan breaks no rule.\n" }
    if let last = weeks.last {
      let rows = isolation.filter { $0.week == last }
      if !rows.isEmpty {
        out += "\n" + isolationBoard(rota: rota, week: last, rows: rows, trend: trend)
      }
    }
    let e = findings.filter { $0.severity == .error }.count
    let w = findings.filter { $0.severity == .warning }.count
    let i = findings.filter { $0.severity == .info }.count
    out += "\n\(plural(e, "error")), \(plural(w, "warning")), \(plural(i, "note")) in \(plural(weeks.count, "week"))\n"
    return out
  }

  /// Solitary days per week as a sparkline, 0 to 7 days.
  public static func sparkline(_ values: [Int]) -> String { IsolationBoard.sparkline(values) }

  /// The supervisor's board, the same rows and order as the planner's board.
  public static func isolationBoard(rota: Rota, week: ISOWeek, rows: [IsolationRow], trend: [String: [Int]])
    -> String
  {
    let lines = IsolationBoard.lines(rows, rota: rota, week: week, trend: trend)
    let nameWidth = min(26, max(8, lines.map { TextWidth.width(of: $0.name) }.max() ?? 0) + 2)
    var out = "Isolation, \(week.title)\n"
    out += "  " + TextWidth.pad("Level", to: 12) + TextWidth.pad("Worker", to: nameWidth)
    out += TextWidth.pad("Role", to: 28) + "Worked  Alone  Streak  " + TextWidth.pad("Last supervision", to: 28)
    out += trend.isEmpty ? "\n" : "Alone, 8 weeks\n"
    for l in lines {
      var line =
        "  " + TextWidth.pad(IsolationBoard.levelLabel(l.row.level), to: 12) + TextWidth.pad(l.name, to: nameWidth)
      line += TextWidth.pad(l.role.displayName, to: 28)
      line += TextWidth.pad(l.worked, to: 8) + TextWidth.pad(l.alone, to: 7) + TextWidth.pad(l.streak, to: 8)
      line += TextWidth.pad(l.lastSupervision, to: 28) + IsolationBoard.sparkline(l.trend)
      out += line.trailingSpacesTrimmed + "\n"
    }
    return out
  }
}

extension String {
  var trailingSpacesTrimmed: String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
