/// The set of UK bank holidays a rota follows (`policy.bank_holidays`).
public enum BankHolidayRegion: String, CaseIterable, Sendable {
  case englandAndWales = "england-and-wales"
  case scotland = "scotland"
  case northernIreland = "northern-ireland"
  case none = "none"

  public var displayName: String {
    switch self {
    case .englandAndWales: return "England and Wales"
    case .scotland: return "Scotland"
    case .northernIreland: return "Northern Ireland"
    case .none: return "no bank holidays"
    }
  }
}

/// One bank holiday: its date and the name GOV.UK gives it.
public struct BankHoliday: Hashable, Sendable {
  public let date: LocalDate
  public let name: String
}

/// Computes UK bank holidays for any year from the rules of the Banking and
/// Financial Dealings Act 1971 and the royal proclamations that apply them each
/// year, plus the one-off changes in `BankHolidayChanges`.
public enum BankHolidays {
  /// Every bank holiday of `year` in `region`, sorted by date.
  public static func holidays(in year: Int, region: BankHolidayRegion) -> [BankHoliday] {
    if region == .none { return [] }
    var days: [BankHoliday] = []
    func add(_ date: LocalDate, _ name: String) { days.append(BankHoliday(date: date, name: name)) }
    func date(_ m: Int, _ d: Int) -> LocalDate { LocalDate(uncheckedYear: year, month: m, day: d) }

    let easter = easterSunday(year)

    // New Year: the next weekday when 1 January is at a weekend. Scotland adds
    // 2 January, moved on past the weekend and past New Year's own substitute.
    let newYear = date(1, 1)
    let newYearObserved = nextWeekday(onOrAfter: newYear)
    add(newYearObserved, newYear == newYearObserved ? "New Year’s Day" : "New Year’s Day (substitute day)")
    if region == .scotland {
      let second = date(1, 2)
      var observed = nextWeekday(onOrAfter: second)
      if observed == newYearObserved { observed = nextWeekday(onOrAfter: observed.adding(days: 1)) }
      add(observed, observed == second ? "2nd January" : "2nd January (substitute day)")
    }
    if region == .northernIreland {
      let patrick = date(3, 17)
      let observed = nextWeekday(onOrAfter: patrick)
      add(observed, observed == patrick ? "St Patrick’s Day" : "St Patrick’s Day (substitute day)")
    }
    add(easter.adding(days: -2), "Good Friday")
    if region != .scotland { add(easter.adding(days: 1), "Easter Monday") }
    add(firstMonday(of: 5, year: year), "Early May bank holiday")
    add(lastMonday(of: 5, year: year), "Spring bank holiday")
    if region == .northernIreland {
      let boyne = date(7, 12)
      let observed = nextWeekday(onOrAfter: boyne)
      add(
        observed,
        observed == boyne
          ? "Battle of the Boyne (Orangemen’s Day)"
          : "Battle of the Boyne (Orangemen’s Day) (substitute day)")
    }
    if region == .scotland {
      add(firstMonday(of: 8, year: year), "Summer bank holiday")
    } else {
      add(lastMonday(of: 8, year: year), "Summer bank holiday")
    }
    if region == .scotland {
      let andrew = date(11, 30)
      let observed = nextWeekday(onOrAfter: andrew)
      add(observed, observed == andrew ? "St Andrew’s Day" : "St Andrew’s Day (substitute day)")
    }

    // Christmas and Boxing Day: a day that falls at a weekend moves to the next
    // weekday not already taken, so Christmas on a Saturday gives Monday 27 and
    // Tuesday 28, and Christmas on a Sunday gives Monday 26 (Boxing Day) and
    // Tuesday 27 (Christmas, substitute).
    let christmas = date(12, 25)
    let boxing = date(12, 26)
    if christmas.weekday == .sun {
      add(boxing, "Boxing Day")
      add(date(12, 27), "Christmas Day (substitute day)")
    } else {
      let c = nextWeekday(onOrAfter: christmas)
      add(c, c == christmas ? "Christmas Day" : "Christmas Day (substitute day)")
      let b = nextWeekday(onOrAfter: max(boxing, c.adding(days: 1)))
      add(b, b == boxing ? "Boxing Day" : "Boxing Day (substitute day)")
    }

    for change in BankHolidayChanges.all where change.year == year && change.regions.contains(region) {
      switch change.kind {
      case .moved(let from, let to):
        if let i = days.firstIndex(where: { $0.date == from }) {
          days[i] = BankHoliday(date: to, name: change.name)
        }
      case .added(let on):
        days.append(BankHoliday(date: on, name: change.name))
      }
    }
    return days.sorted { $0.date < $1.date }
  }

  /// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).
  public static func easterSunday(_ year: Int) -> LocalDate {
    let a = year % 19
    let b = year / 100
    let c = year % 100
    let d = b / 4
    let e = b % 4
    let f = (b + 8) / 25
    let g = (b - f + 1) / 3
    let h = (19 * a + b - d - g + 15) % 30
    let i = c / 4
    let k = c % 4
    let l = (32 + 2 * e + 2 * i - h - k) % 7
    let m = (a + 11 * h + 22 * l) / 451
    let month = (h + l - 7 * m + 114) / 31
    let day = (h + l - 7 * m + 114) % 31 + 1
    return LocalDate(uncheckedYear: year, month: month, day: day)
  }

  static func nextWeekday(onOrAfter date: LocalDate) -> LocalDate {
    switch date.weekday {
    case .sat: return date.adding(days: 2)
    case .sun: return date.adding(days: 1)
    default: return date
    }
  }

  static func firstMonday(of month: Int, year: Int) -> LocalDate {
    let first = LocalDate(uncheckedYear: year, month: month, day: 1)
    return first.adding(days: (7 - first.weekday.rawValue) % 7)
  }

  static func lastMonday(of month: Int, year: Int) -> LocalDate {
    let last = LocalDate(uncheckedYear: year, month: month, day: LocalDate.daysIn(month: month, year: year))
    return last.adding(days: -last.weekday.rawValue)
  }
}

/// A fast membership test for bank holidays over a span of years.
public struct BankHolidayCalendar: Sendable {
  public let region: BankHolidayRegion
  private var byDay: [Int: String] = [:]
  private var years: Set<Int> = []

  public init(region: BankHolidayRegion) { self.region = region }

  /// Computes the holidays of `year` once; later lookups in it are dictionary reads.
  public mutating func prepare(year: Int) {
    guard !years.contains(year) else { return }
    years.insert(year)
    for h in BankHolidays.holidays(in: year, region: region) { byDay[h.date.dayNumber] = h.name }
  }

  public mutating func prepare(years range: ClosedRange<Int>) {
    for y in range { prepare(year: y) }
  }

  /// The holiday's name on `date`, or nil. The year must have been prepared.
  public func name(on date: LocalDate) -> String? { byDay[date.dayNumber] }

  public func isHoliday(_ date: LocalDate) -> Bool { byDay[date.dayNumber] != nil }
}
