/// The supervisor's board: who is isolated, most at risk first. The planner's
/// board and `rota check`'s text board use the same order and trend.
public enum IsolationBoard {
  /// Level (overload first), then solitary days, then the longest streak, most
  /// first; then name.
  public static func sorted(_ rows: [IsolationRow], names: [String: String]) -> [IsolationRow] {
    rows.sorted { a, b in
      let ka = (a.level.rank, a.solitaryDays, a.longestStreak)
      let kb = (b.level.rank, b.solitaryDays, b.longestStreak)
      if ka != kb { return ka > kb }
      return (names[a.worker] ?? a.worker) < (names[b.worker] ?? b.worker)
    }
  }

  /// Solitary days in each of the 8 weeks ending with `week`, per worker id.
  public static func trend(_ analysis: RotaAnalysis, endingWith week: ISOWeek, weeks: Int = 8) -> [String: [Int]] {
    var out: [String: [Int]] = [:]
    for back in (0..<weeks).reversed() {
      for row in analysis.report(for: week.adding(weeks: -back)).isolation {
        out[row.worker, default: []].append(row.solitaryDays)
      }
    }
    return out
  }

  /// "3 weeks ago", "this week", "never".
  public static func ago(_ date: LocalDate?, from week: ISOWeek) -> String {
    guard let date else { return "never" }
    let weeks = (week.sunday.dayNumber - date.dayNumber) / 7
    switch weeks {
    case 0: return "this week"
    case 1: return "last week"
    default: return "\(weeks) weeks ago"
    }
  }

  /// The reasons for a worker's level in a week, as sentences.
  public static func reasons(_ row: IsolationRow, findings: [Finding]) -> [String] {
    let rules: Set<Rule> = [.solitaryOverload, .solitaryStreak, .noSupervision, .soleCover]
    var out = findings.filter { $0.worker == row.worker && rules.contains($0.rule) }.map(\.message)
    if row.level == .watch && out.isEmpty && row.workedSessions > 0 {
      out.append(
        "\(row.solitarySessions) of \(row.workedSessions) worked half-days were alone (half or more puts them on watch)"
      )
    }
    return out
  }
}

/// Sentences for a worker's own week: what changed since they last looked.
public enum ChangeSentences {
  /// "Thu moved from Riverside Surgery to Oakfield by coordinator on Tue 14:02", one
  /// per day (or half-day) the change touched in `week`; other kinds of change say
  /// what their log entry says.
  public static func describe(
    summary: String, who: String, at: LocalDateTime, plan: EditPlan?, worker: String, workerName: String,
    week: ISOWeek, rota: Rota, currentYear: Int
  ) -> [String] {
    let when = "by \(who) on \(at.label(currentYear: currentYear))"
    func name(_ p: Place) -> String {
      switch p {
      case .site(let code): return rota.site(code)?.name ?? code
      case .home: return "home"
      case .off: return "off"
      }
    }
    guard let plan, !plan.before.isEmpty else {
      let text = summary.hasPrefix("\(workerName): ") ? String(summary.dropFirst(workerName.count + 2)) : summary
      return ["\(text.prefix(1).uppercased())\(text.dropFirst()) \(when)"]
    }
    var out: [String] = []
    let mine = zip(plan.before, plan.after).filter { $0.0.worker == worker && week.contains($0.0.date) }
    let byDate = Dictionary(grouping: mine) { $0.0.date }
    for date in byDate.keys.sorted() {
      let cells = byDate[date]!.filter { $0.0.place != $0.1.place }
      guard !cells.isEmpty else { continue }
      let day = date.weekday.shortName
      if cells.count == 2, cells[0].0.place == cells[1].0.place, cells[0].1.place == cells[1].1.place {
        out.append("\(day) moved from \(name(cells[0].0.place)) to \(name(cells[0].1.place)) \(when)")
      } else {
        for (before, after) in cells {
          out.append("\(day) \(before.half.label) moved from \(name(before.place)) to \(name(after.place)) \(when)")
        }
      }
    }
    return out
  }
}

extension IsolationBoard {
  /// One row of the board, as text columns (styles are the screen's business).
  public struct Line: Sendable {
    public let row: IsolationRow
    public let name: String
    public let role: Role
    public let worked: String
    public let alone: String
    public let streak: String
    public let lastSupervision: String
    public let trend: [Int]
  }

  /// The board's rows for one week: sorted, with an 8-week trend when given.
  public static func lines(_ rows: [IsolationRow], rota: Rota, week: ISOWeek, trend: [String: [Int]]) -> [Line] {
    let people = Dictionary(uniqueKeysWithValues: rota.workers.map { ($0.id, $0) })
    let names = people.mapValues { RotaText.sanitized($0.name) }
    return sorted(rows, names: names).map { r in
      Line(
        row: r, name: names[r.worker] ?? r.worker, role: people[r.worker]?.role ?? .gpLinkWorker,
        worked: "\(r.workedDays)d", alone: "\(r.solitaryDays)d", streak: "\(r.longestStreak)",
        lastSupervision: r.lastSupervision.map { "\($0.dayMonth) \($0.year) (\(ago($0, from: week)))" } ?? "never",
        trend: trend[r.worker] ?? [])
    }
  }

  static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// Solitary days per week as a sparkline: one bar per week, 0 to 7 days.
  public static func sparkline(_ values: [Int]) -> String {
    String(values.map { sparks[min(7, max(0, $0))] })
  }

  public static func levelLabel(_ l: IsolationLevel) -> String {
    switch l {
    case .ok: return "ok"
    case .watch: return "▲ watch"
    case .overload: return "■ overload"
    }
  }
}
