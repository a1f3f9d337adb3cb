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
    rows(analysis, endingWith: week, weeks: weeks).mapValues { $0.map(\.solitaryDays) }
  }

  /// Each worker's isolation rows for the `weeks` weeks ending with `week`, oldest first.
  public static func rows(_ analysis: RotaAnalysis, endingWith week: ISOWeek, weeks: Int = 8) -> [String:
    [IsolationRow]]
  {
    var out: [String: [IsolationRow]] = [:]
    for back in (0..<weeks).reversed() {
      for row in analysis.report(for: week.adding(weeks: -back)).isolation {
        out[row.worker, default: []].append(row)
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
    /// The last supervision attended and the next booked, as of today.
    public let supervision: SupervisionStatus?
    /// The longest streak, with `continues_before` and since when; nil with no streak.
    public let streakSummary: StreakSummary?
  }

  /// The board's rows for one week: sorted, with an 8-week trend when given,
  /// the supervision said as of `today` (a session still to come is booked, not
  /// the last) and each streak with whether it goes on before the window.
  public static func lines(
    _ rows: [IsolationRow], analysis: RotaAnalysis, week: ISOWeek, today: LocalDate, trend: [String: [Int]]
  ) -> [Line] {
    let rota = analysis.rota
    let people = Dictionary(uniqueKeysWithValues: rota.workers.map { ($0.id, $0) })
    let names = people.mapValues { RotaText.sanitized($0.name) }
    return sorted(rows, names: names).map { r in
      let supervision = analysis.supervision(worker: r.worker, week: week, today: today)
      let streak = r.longestStreak > 0 ? analysis.longestStreak(worker: r.worker, week: week) : nil
      return Line(
        row: r, name: names[r.worker] ?? r.worker, role: people[r.worker]?.role ?? .gpLinkWorker,
        worked: "\(r.workedDays)d", alone: "\(r.solitaryDays)d", streak: streak?.count ?? "0",
        lastSupervision: supervision.words, trend: trend[r.worker] ?? [], supervision: supervision,
        streakSummary: streak)
    }
  }

  /// "days alone per week, oldest first (of 7): 0 1 2 2 3 5 5 5", the trend in
  /// numbers for text that must survive any font.
  public static func trendWords(_ values: [Int]) -> String {
    "days alone per week, oldest first (of 7): " + values.map(String.init).joined(separator: " ")
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
