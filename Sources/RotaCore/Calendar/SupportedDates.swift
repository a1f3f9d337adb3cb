/// The weeks and dates rota works with: ISO weeks 2000-W01 to 2199-W52, that is
/// Monday 3 January 2000 to Sunday 29 December 2199.
///
/// Primary Care Networks began in 2019, so no rota reaches back to 2000, and two
/// centuries ahead is more than any plan needs. The range is far inside the years
/// a date can be written in (1 to 9999), so every calculation that looks back or
/// ahead from a supported week (streaks and supervision look back up to 52 weeks,
/// trends 8 more, a database window a year) still lands on a real date. Everything
/// that takes a date or a week from outside (the command line, `ROTA_TODAY`, a rota
/// file, the database, the planner's "go to week") checks it against this range
/// and says so, instead of computing with it.
public enum SupportedDates {
  /// The first supported week, 2000-W01.
  public static let firstWeek = ISOWeek(uncheckedYear: 2000, week: 1)
  /// The last supported week, 2199-W52.
  public static let lastWeek = ISOWeek(uncheckedYear: 2199, week: 52)
  /// Every supported week.
  public static let weeks: ClosedRange<ISOWeek> = firstWeek...lastWeek
  /// Every supported date: Monday of the first week to Sunday of the last.
  public static let dates: ClosedRange<LocalDate> = firstWeek.monday...lastWeek.sunday

  public static func contains(_ week: ISOWeek) -> Bool { weeks.contains(week) }
  public static func contains(_ date: LocalDate) -> Bool { dates.contains(date) }

  /// `2000-W01 to 2199-W52 (3 Jan 2000 to 29 Dec 2199)`: the range, for messages.
  public static var span: String {
    "\(firstWeek.iso) to \(lastWeek.iso) (\(dates.lowerBound.dayMonth) \(dates.lowerBound.year) to \(dates.upperBound.dayMonth) \(dates.upperBound.year))"
  }

  /// Why `week` cannot be used, or nil when it can: "2300-W01 is outside the weeks
  /// rota supports, 2000-W01 to 2199-W52 (…)".
  public static func problem(_ week: ISOWeek) -> String? {
    contains(week) ? nil : "\(week.iso) is outside the weeks rota supports, \(span)"
  }

  /// Why `date` cannot be used, or nil when it can.
  public static func problem(_ date: LocalDate) -> String? {
    contains(date) ? nil : "\(date.iso) is outside the dates rota supports, \(span)"
  }

  /// The supported week nearest to `week`: where the planner stops when asked to go further.
  public static func nearest(to week: ISOWeek) -> ISOWeek { min(max(week, firstWeek), lastWeek) }
}
