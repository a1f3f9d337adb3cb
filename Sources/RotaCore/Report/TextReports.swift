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

  /// The team grid: one row per worker, grouped by role, a column per day, in
  /// lines of at most `width` columns: when the days do not fit beside the
  /// names, the grid comes in parts of as many days as fit, names repeated.
  public static func weekGrid(_ p: WeekPlacements, workers: [Int], width: Int = 100) -> String {
    let rota = p.rota
    var out = lines("\(clean(rota.pcn)) — \(p.week.title)", width: width) + "\n"
    guard !workers.isEmpty else { return out + "No workers match.\n" }
    let days = (0..<7).filter { day in
      day < 5 || workers.contains { p.isWorked(worker: $0, slot: day * 2) || p.isWorked(worker: $0, slot: day * 2 + 1) }
    }
    // Columns: each day, then sessions and days alone.
    var headers = days.map {
      "\(p.days[$0].weekday.shortName) \(p.days[$0].day)\(p.holidayNames[$0] != nil ? "*" : "")"
    }
    headers += ["Sessions", "Alone"]
    var cells: [[String]] = []
    for w in workers {
      var row = days.map {
        cellText(p.placement(worker: w, day: $0, half: .am), p.placement(worker: w, day: $0, half: .pm))
      }
      let alone = p.solitaryDays(worker: w)
      row.append("\(p.workedSessions(worker: w))/\(rota.workers[w].sessions)")
      row.append(alone == 0 ? "-" : "\(alone) day\(alone == 1 ? "" : "s")")
      cells.append(row)
    }
    let widths = headers.indices.map { i in
      max(TextWidth.width(of: headers[i]), cells.map { TextWidth.width(of: $0[i]) }.max() ?? 0) + 2
    }
    let longest = workers.map { TextWidth.width(of: clean(rota.workers[$0].name)) }.max()!
    let nameWidth = max(8, min(28, longest + 2, width / 3))
    // Parts of as many columns as fit beside the names (at least one each).
    var parts: [[Int]] = [[]]
    var used = 2 + nameWidth
    for i in headers.indices {
      if !parts[parts.count - 1].isEmpty && used + widths[i] > width + 2 {
        parts.append([])
        used = 2 + nameWidth
      }
      parts[parts.count - 1].append(i)
      used += widths[i]
    }
    for part in parts {
      out += "\n"
      var line = "  " + TextWidth.pad("", to: nameWidth)
      for i in part { line += TextWidth.pad(headers[i], to: widths[i]) }
      out += TextWidth.truncate(line.trailingSpacesTrimmed, to: width) + "\n"
      for role in Role.allCases {
        let members = workers.enumerated().filter { rota.workers[$0.element].role == role }
        guard !members.isEmpty else { continue }
        out += TextWidth.truncate(role.pluralName, to: width) + "\n"
        for (row, w) in members {
          var line = "  " + TextWidth.pad(clean(rota.workers[w].name), to: nameWidth - 1) + " "
          for i in part { line += TextWidth.pad(cells[row][i], to: widths[i]) }
          out += TextWidth.truncate(line.trailingSpacesTrimmed, to: width) + "\n"
        }
      }
    }
    var used2: [String] = []
    for w in workers {
      for slot in 0..<14 {
        if let c = p.placement(worker: w, slot: slot).siteCode, !used2.contains(c) { used2.append(c) }
      }
    }
    let legend = rota.sites.filter { used2.contains($0.code) }.map { "\($0.code) \(clean($0.name))" }
    out += "\n"
    if !legend.isEmpty { out += wrap(legend.joined(separator: " · "), width: width) }
    var key = "home: working from home · leave: on leave · hol: bank holiday · -: off"
    if workers.contains(where: { w in (0..<14).contains { p.placement(worker: w, slot: $0) == .notInPost } }) {
      key += " · n/p: not in post"
    }
    out += wrap(key + " · AM/PM: the day is split", width: width)
    for d in days {
      if let h = p.holidayNames[d] { out += lines("* \(p.days[d].short): \(h)", width: width, hang: 2) + "\n" }
    }
    return out
  }

  /// A `·`-separated list in lines of at most `width` columns, breaking between
  /// items where it can.
  static func wrap(_ text: String, width: Int) -> String {
    var out = ""
    var line = ""
    for part in text.components(separatedBy: " · ") {
      if !line.isEmpty && TextWidth.width(of: line) + 3 + TextWidth.width(of: part) > width {
        out += lines(line, width: width) + "\n"
        line = ""
      }
      line += line.isEmpty ? part : " · " + part
    }
    return line.isEmpty ? out : out + lines(line, width: width) + "\n"
  }

  /// `text` wrapped to `width` at spaces, continuation lines indented by `hang`.
  static func lines(_ text: String, width: Int, hang: Int = 0) -> String {
    TextWrap.lines(text, width: width, hang: hang).map(\.trailingSpacesTrimmed).joined(separator: "\n")
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

  /// One worker's week, day by day: where, with whom, and their events, in
  /// lines of at most `width` columns (who they are with goes under the place
  /// when the two do not fit side by side). What a worker reads: a colleague on
  /// leave is "away", never why.
  /// `supervision`, when given, is said as of today: the last session attended
  /// and the next booked (else the last on or before the week's Sunday).
  public static func workerWeek(
    _ p: WeekPlacements, worker w: Int, report: WeekReport, supervision: SupervisionStatus? = nil, width: Int = 100
  ) -> String {
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
        rows.append(("", eventWords(e, p: p, day: d, for: worker.id), ""))
      }
    }
    let labelWidth = 12
    let placeWidth = (rows.filter { !$0.2.isEmpty }.map { TextWidth.width(of: $0.1) }.max() ?? 0) + 2
    let withWidth = rows.map { TextWidth.width(of: $0.2) }.max() ?? 0
    let sideBySide = labelWidth + placeWidth + withWidth <= width
    var out = lines("\(clean(worker.name)) — \(worker.role.displayName) — \(p.week.title)", width: width) + "\n\n"
    for (label, place, with) in rows {
      if sideBySide && !with.isEmpty {
        out +=
          (TextWidth.pad(label, to: labelWidth) + TextWidth.pad(place, to: placeWidth) + with).trailingSpacesTrimmed
          + "\n"
        continue
      }
      out += lines(TextWidth.pad(label, to: labelWidth) + place, width: width, hang: labelWidth + 2) + "\n"
      if !with.isEmpty {
        out += lines(String(repeating: " ", count: labelWidth + 2) + with, width: width, hang: labelWidth + 4) + "\n"
      }
    }
    if let row = report.isolation(worker: w) {
      var summary = "\(row.workedSessions) of \(worker.sessions) contracted sessions worked"
      summary += " · \(row.solitaryDays) solitary day\(row.solitaryDays == 1 ? "" : "s")"
      summary +=
        supervision.map { " · supervision: \($0.words)" }
        ?? " · last supervision: \(row.lastSupervision?.shortWithYear ?? "none on record")"
      summary += " · isolation: \(row.level.rawValue)"
      out += "\n" + wrap(summary, width: width)
    } else {
      out += "\nnot in post this week\n"
    }
    let mine = report.findings.filter { $0.worker == worker.id || ($0.workers ?? []).contains(worker.id) }
    if !mine.isEmpty {
      out += "\nFlags\n"
      for f in mine { out += lines("  \(severityMark(f.severity)) \(clean(f.message))", width: width, hang: 4) + "\n" }
    }
    return out
  }

  /// An event as the worker reads it: when, what, where, who leads it and who
  /// else comes, a colleague who will not be there (leave, a bank holiday, out
  /// of post) shown as away, never why.
  static func eventWords(_ e: Event, p: WeekPlacements, day: Int, for worker: String) -> String {
    let rota = p.rota
    let when = e.half.map { $0.label + " " } ?? ""
    let venue: String
    switch e.venue {
    case .online: venue = "online"
    case .site(let c): venue = "at " + (rota.site(c).map { clean($0.name) } ?? c)
    }
    let lead = e.lead.map { ", led by \(clean($0))" } ?? ""
    let others = e.attendees.filter { $0 != worker }.compactMap { id -> String? in
      guard let i = rota.workers.firstIndex(where: { $0.id == id }) else { return nil }
      let away = (e.half.map { [$0] } ?? Half.allCases).allSatisfy { half in
        switch p.placement(worker: i, day: day, half: half) {
        case .leave, .holiday, .notInPost: return true
        default: return false
        }
      }
      return clean(rota.workers[i].name) + (away ? " (away)" : "")
    }
    let with = others.isEmpty ? "" : "; with \(others.joined(separator: ", "))"
    return "\(when)\(clean(e.title)) (\(e.kind.rawValue), \(venue)\(lead))\(with)"
  }

  /// The planner's marks, so the command line and the planner say the same.
  static func severityMark(_ s: Severity) -> String {
    switch s {
    case .error: return "✖"
    case .warning: return "▲"
    case .info: return "•"
    }
  }

  /// Findings grouped by severity, the isolation board of the last week, and a
  /// count line, in lines of at most `width` columns. Every value is said in
  /// words beside its name, so a proportional font or an email client's
  /// wrapping cannot change what it means.
  public static func check(
    rota: Rota, weeks: [ISOWeek], findings: [Finding], board: [IsolationBoard.Line], width: Int = 80
  ) -> String {
    let span = weeks.count == 1 ? weeks[0].title : "\(weeks.first!.iso) to \(weeks.last!.iso) (\(weeks.count) weeks)"
    var out = lines("\(clean(rota.pcn)) — check of \(span)", width: width) + "\n"
    let multi = weeks.count > 1
    for severity in Severity.allCases {
      let group = findings.filter { $0.severity == severity }
      guard !group.isEmpty else { continue }
      out += "\n\(severity.pluralTitle) (\(group.count))\n"
      for f in group {
        let text = "  \(severityMark(severity)) \(multi ? "W\(pad(f.week.week, 2)) " : "")\(clean(f.message))"
        out += lines(text, width: width, hang: 4) + "\n"
      }
    }
    if findings.isEmpty { out += "\nNo findings: the plan breaks no rule.\n" }
    if let last = weeks.last, !board.isEmpty {
      out += "\n" + isolationBoard(week: last, lines: board, width: width)
    }
    let e = findings.filter { $0.severity == .error }.count
    let w = findings.filter { $0.severity == .warning }.count
    let i = findings.filter { $0.severity == .info }.count
    out += "\n\(plural(e, "error")), \(plural(w, "warning")), \(plural(i, "note")) in \(plural(weeks.count, "week"))\n"
    return out
  }

  /// Solitary days per week as a sparkline, 0 to 7 days.
  public static func sparkline(_ values: [Int]) -> String { IsolationBoard.sparkline(values) }

  /// The supervisor's board, the same rows and order as the planner's board:
  /// one entry per worker, each value named ("alone", "streak", "supervision").
  public static func isolationBoard(week: ISOWeek, lines board: [IsolationBoard.Line], width: Int = 80) -> String {
    var out = lines("Isolation, \(week.title), most at risk first", width: width) + "\n"
    for l in board {
      out += lines(
        "  \(IsolationBoard.levelLabel(l.row.level)): \(l.name), \(l.role.displayName)", width: width, hang: 4)
      out += "\n"
      var facts = ["alone on \(l.row.solitaryDays) of \(l.row.workedDays) worked days this week"]
      if let s = l.streakSummary {
        facts.append("longest streak: \(s.words)")
      } else if l.row.longestStreak > 0 {
        facts.append("longest streak: \(l.row.longestStreak) days")
      }
      facts.append("supervision: " + l.lastSupervision)
      if !l.trend.isEmpty { facts.append(IsolationBoard.trendWords(l.trend)) }
      out += lines("    " + facts.joined(separator: "; "), width: width, hang: 4) + "\n"
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
