/// A calendar date with no time of day and no time zone, as the rota file stores it.
///
/// Held as a day number (days since 1970-01-01) so that date arithmetic, comparison
/// and hashing are integer operations: the analysis touches millions of sessions.
public struct LocalDate: Hashable, Comparable, Sendable {
  /// Days since 1970-01-01 in the proleptic Gregorian calendar.
  public let dayNumber: Int

  public init(dayNumber: Int) { self.dayNumber = dayNumber }

  /// A date from its parts, or nil when the parts name no real date (30 February).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...LocalDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.dayNumber = LocalDate.days(year: year, month: month, day: day)
  }

  /// A date from parts that are known to be valid, or from a computation that
  /// may reach past the years a date can be written in: never fails, so that no
  /// calculation at the ends of the calendar can stop rota. (What rota accepts is
  /// `SupportedDates`.)
  init(uncheckedYear year: Int, month: Int, day: Int) {
    self.dayNumber = LocalDate.days(year: year, month: month, day: day)
  }

  public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  // Howard Hinnant's days_from_civil and civil_from_days.
  static func days(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// The year, month and day of this date.
  public var components: (year: Int, month: Int, day: Int) {
    let z = dayNumber + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  public var year: Int { components.year }
  public var month: Int { components.month }
  public var day: Int { components.day }

  /// Monday is 0, Sunday is 6. 1970-01-01 was a Thursday.
  public var weekday: Weekday { Weekday(rawValue: ((dayNumber % 7) + 7 + 3) % 7)! }

  public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

  /// ISO 8601 text: `2026-11-26`.
  public var iso: String {
    let c = components
    return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
  }

  /// Parses exactly `YYYY-MM-DD`; nil for any other shape or an impossible date.
  public init?(iso text: Substring) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let y = digits(bytes[0..<4]), let m = digits(bytes[5..<7]), let d = digits(bytes[8..<10])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  public init?(iso text: String) { self.init(iso: Substring(text)) }

  /// The ISO week this date belongs to.
  public var isoWeek: ISOWeek {
    // The ISO year is the year of this week's Thursday.
    let thursday = adding(days: 3 - weekday.rawValue)
    let isoYear = thursday.year
    let jan1 = LocalDate(uncheckedYear: isoYear, month: 1, day: 1)
    let week = (thursday.dayNumber - jan1.dayNumber) / 7 + 1
    return ISOWeek(uncheckedYear: isoYear, week: week)
  }

  private static let monthAbbreviations = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// Short form for people: `Thu 26 Nov`.
  public var short: String {
    let c = components
    return "\(weekday.shortName) \(c.day) \(LocalDate.monthAbbreviations[c.month - 1])"
  }

  /// Short form without the weekday: `26 Nov`.
  public var dayMonth: String {
    let c = components
    return "\(c.day) \(LocalDate.monthAbbreviations[c.month - 1])"
  }

  /// Long form with the year: `Thu 26 Nov 2026`.
  public var shortWithYear: String { "\(short) \(year)" }
}

extension LocalDate: CustomStringConvertible {
  public var description: String { iso }
}

func pad(_ n: Int, _ width: Int) -> String {
  let s = String(n)
  return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
  var n = 0
  for b in bytes {
    guard b >= 48, b <= 57 else { return nil }
    n = n * 10 + Int(b - 48)
  }
  return n
}

/// A day of the week, Monday first as in ISO 8601 and the rota file.
public enum Weekday: Int, CaseIterable, Sendable, Comparable {
  case mon, tue, wed, thu, fri, sat, sun

  public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

  /// The rota file token: `mon`.
  public var token: String { ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue] }
  /// For people: `Mon`.
  public var shortName: String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue] }
  public var fullName: String {
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue]
  }

  public init?(token: Substring) {
    guard let i = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].firstIndex(of: String(token))
    else { return nil }
    self.init(rawValue: i)
  }

  public var isWeekend: Bool { self == .sat || self == .sun }
}

/// An ISO 8601 week: Monday to Sunday, numbered within its ISO year (which can have 53).
public struct ISOWeek: Hashable, Comparable, Sendable {
  public let year: Int
  public let week: Int

  init(uncheckedYear year: Int, week: Int) {
    self.year = year
    self.week = week
  }

  /// A week, or nil when the year has no such week (`2025-W53`).
  public init?(year: Int, week: Int) {
    guard (1...9999).contains(year), week >= 1, week <= ISOWeek.weeksIn(year: year) else {
      return nil
    }
    self.year = year
    self.week = week
  }

  /// 52 or 53: a year has 53 ISO weeks when 28 December falls in week 53.
  public static func weeksIn(year: Int) -> Int {
    let dec28 = LocalDate(uncheckedYear: year, month: 12, day: 28)
    return dec28.isoWeek.week
  }

  public static func < (a: ISOWeek, b: ISOWeek) -> Bool {
    (a.year, a.week) < (b.year, b.week)
  }

  /// The Monday that starts the week.
  public var monday: LocalDate {
    let jan4 = LocalDate(uncheckedYear: year, month: 1, day: 4)
    let week1Monday = jan4.adding(days: -jan4.weekday.rawValue)
    return week1Monday.adding(days: (week - 1) * 7)
  }

  public var sunday: LocalDate { monday.adding(days: 6) }

  /// The seven dates of the week, Monday first.
  public var days: [LocalDate] { (0..<7).map { monday.adding(days: $0) } }

  public func contains(_ date: LocalDate) -> Bool {
    date >= monday && date <= sunday
  }

  public func adding(weeks: Int) -> ISOWeek { monday.adding(days: 7 * weeks).isoWeek }

  /// A number that grows by one each week: Monday's day number divided by 7.
  /// Used as a dense key for weeks.
  public var ordinal: Int { monday.weekKey }

  /// Weeks from `self` to `other`; positive when `other` is later.
  public func distance(to other: ISOWeek) -> Int { other.ordinal - ordinal }

  /// `2026-W48`.
  public var iso: String { "\(pad(year, 4))-W\(pad(week, 2))" }

  /// Parses exactly `YYYY-Www`; nil for any other shape or a week the year lacks.
  public init?(iso text: Substring) {
    let bytes = Array(text.utf8)
    guard bytes.count == 8, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "W"),
      let y = digits(bytes[0..<4]), let w = digits(bytes[6..<8])
    else { return nil }
    self.init(year: y, week: w)
  }

  public init?(iso text: String) { self.init(iso: Substring(text)) }

  /// For people: `Week 48, 23–29 Nov 2026`.
  public var title: String {
    "Week \(week), \(monday.dayMonth) – \(sunday.dayMonth) \(sunday.year)"
  }
}

extension ISOWeek: CustomStringConvertible {
  public var description: String { iso }
}

extension LocalDate {
  /// A number shared by every day of one ISO week and one more for the next week.
  public var weekKey: Int {
    let n = dayNumber + 3
    return n >= 0 ? n / 7 : (n - 6) / 7
  }
}
