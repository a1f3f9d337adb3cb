/// A worker's longest solitary streak in a week's window, as the supervisor
/// reads it: "at least 20 days" when it goes on before the window, and since
/// when, where the rota holds the day it began.
public struct StreakSummary: Hashable, Sendable {
  /// Counted inside the window, as `longest_streak` and the finding's `streak`.
  public let length: Int
  public let from: LocalDate
  public let to: LocalDate
  /// The run goes on before the window (`continues_before`).
  public let continuesBefore: Bool
  /// The run's first day before the window, when known.
  public let since: LocalDate?

  init(_ s: WeekRules.Streak, continuesBefore: Bool, since: LocalDate?) {
    length = s.length
    from = s.from
    to = s.to
    self.continuesBefore = continuesBefore
    self.since = since
  }

  /// "20 solitary working days in a row, Mon 2 Nov to Fri 27 Nov", "at least 20 …
  /// since Fri 2 Oct", or "at least 20 …, Mon 2 Nov to Fri 27 Nov and earlier".
  public var words: String {
    let days = length == 1 ? "1 solitary working day" : "\(length) solitary working days in a row"
    guard continuesBefore else { return "\(days), \(from.short)" + (from == to ? "" : " to \(to.short)") }
    if let since { return "at least \(days), since \(since.year == to.year ? since.short : since.shortWithYear)" }
    return "at least \(days), \(from.short) to \(to.short) and earlier"
  }

  /// For a narrow column: "20", "≥20".
  public var count: String { (continuesBefore ? "≥" : "") + "\(length)" }
}

/// A worker's supervision as of a week and today: the last session they were
/// present at that has happened, and the next one booked that has not (one
/// still to come is never the last supervision).
public struct SupervisionStatus: Hashable, Sendable {
  /// The latest supervision the worker was present at before today (on or
  /// before the week's Sunday, for a week already past).
  public let lastAttended: LocalDate?
  /// The first supervision the worker is booked into and will be present at,
  /// from today to the week's Sunday.
  public let nextBooked: LocalDate?
  let today: LocalDate

  /// "last Tue 3 Nov (3 weeks ago); booked for Fri 27 Nov", "none on record",
  /// "none on record; booked for today (Thu 26 Nov)".
  public var words: String {
    var out = lastAttended.map { "last \(label($0)) (\(Self.ago($0, today: today)))" } ?? "none on record"
    if let next = nextBooked { out += "; booked for " + (next == today ? "today (\(next.short))" : label(next)) }
    return out
  }

  /// For a narrow column: "3 Nov", "booked 27 Nov", "never".
  public var compact: String {
    if let last = lastAttended { return last.dayMonth + (nextBooked != nil ? ", booked" : "") }
    return nextBooked.map { "booked \($0.dayMonth)" } ?? "never"
  }

  func label(_ d: LocalDate) -> String { d.year == today.year ? d.short : d.shortWithYear }

  /// "today", "yesterday", "5 days ago", "3 weeks ago".
  static func ago(_ d: LocalDate, today: LocalDate) -> String {
    let days = today.dayNumber - d.dayNumber
    switch days {
    case ..<1: return "today"
    case 1: return "yesterday"
    case 2..<14: return "\(days) days ago"
    default: return "\(days / 7) weeks ago"
    }
  }
}

extension RotaAnalysis {
  /// `worker`'s supervision as the board and `rota check` say it for `week`,
  /// on `today`: presence as the rules define it (a session attended while on
  /// leave, on a bank holiday or out of post does not count).
  public func supervision(worker: String, week: ISOWeek, today: LocalDate) -> SupervisionStatus {
    guard let w = index.workerIndex(of: worker) else {
      return SupervisionStatus(lastAttended: nil, nextBooked: nil, today: today)
    }
    let sunday = week.sunday.dayNumber
    let days = index.supervisionDays[w]
    let last = days.last { $0 < today.dayNumber && $0 <= sunday }
    let next = days.first { $0 >= today.dayNumber && $0 <= sunday }
    return SupervisionStatus(
      lastAttended: last.map(LocalDate.init(dayNumber:)), nextBooked: next.map(LocalDate.init(dayNumber:)),
      today: today)
  }

  /// `worker`'s longest solitary streak in `week`'s window that includes a date
  /// of the week (`longest_streak`), with `continues_before` and since when;
  /// nil when they had no solitary day in the week.
  public func longestStreak(worker: String, week: ISOWeek) -> StreakSummary? {
    guard let w = index.workerIndex(of: worker) else { return nil }
    let window = (0..<rota.policy.lookbackWeeks).reversed().map { facts(week.adding(weeks: -$0)) }
    return WeekRules(
      index: index, facts: window.last!, window: window, earlierFacts: { [unowned self] in self.earlierFacts($0) }
    ).longestStreak(worker: w)
  }
}
