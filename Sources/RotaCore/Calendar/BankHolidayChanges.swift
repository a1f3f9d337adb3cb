/// One-off changes to UK bank holidays, by royal proclamation under section 1(3)
/// of the Banking and Financial Dealings Act 1971.
///
/// Source: GOV.UK, "UK bank holidays" (https://www.gov.uk/bank-holidays and its
/// JSON feed https://www.gov.uk/bank-holidays.json), checked against the
/// proclamations published in The Gazette. The computed rules in `BankHolidays`
/// cover everything else.
///
/// When a new one-off day is proclaimed, add one line to `all`, with the
/// proclamation it comes from in a comment, and a test in `BankHolidayTests`
/// (docs/rules.md says how).
public struct BankHolidayChange: Sendable {
  public enum Kind: Sendable {
    /// A regular holiday moved to another date.
    case moved(from: LocalDate, to: LocalDate)
    /// An extra holiday.
    case added(on: LocalDate)
  }

  public let name: String
  public let kind: Kind
  public let regions: Set<BankHolidayRegion>

  /// The year whose holidays it changes: the year of the day it gives.
  public var year: Int {
    switch kind {
    case .moved(_, let to): return to.year
    case .added(let on): return on.year
    }
  }

  /// Every part of the UK.
  public static let uk: Set<BankHolidayRegion> = [.englandAndWales, .scotland, .northernIreland]

  /// An extra bank holiday on `year`-`month`-`day`.
  static func added(_ year: Int, _ month: Int, _ day: Int, _ name: String, in regions: Set<BankHolidayRegion> = uk)
    -> BankHolidayChange
  {
    BankHolidayChange(
      name: name, kind: .added(on: LocalDate(uncheckedYear: year, month: month, day: day)), regions: regions)
  }

  /// A regular bank holiday moved from `from` (month, day) to `to` (month, day) of `year`.
  static func moved(
    _ year: Int, from: (Int, Int), to: (Int, Int), _ name: String, in regions: Set<BankHolidayRegion> = uk
  ) -> BankHolidayChange {
    BankHolidayChange(
      name: name,
      kind: .moved(
        from: LocalDate(uncheckedYear: year, month: from.0, day: from.1),
        to: LocalDate(uncheckedYear: year, month: to.0, day: to.1)),
      regions: regions)
  }
}

public enum BankHolidayChanges {
  public static let source =
    "GOV.UK, UK bank holidays (https://www.gov.uk/bank-holidays), and The Gazette proclamations"

  // swift-format-ignore
  public static let all: [BankHolidayChange] = [
    .moved(2020, from: (5, 4), to: (5, 8), "Early May bank holiday (VE day)"),  // 75th anniversary of VE day
    .moved(2022, from: (5, 30), to: (6, 2), "Spring bank holiday"),  // for the Platinum Jubilee weekend
    .added(2022, 6, 3, "Platinum Jubilee bank holiday"),
    .added(2022, 9, 19, "Bank Holiday for the State Funeral of Queen Elizabeth II"),
    .added(2023, 5, 8, "Bank holiday for the coronation of King Charles III"),
    .added(2026, 6, 15, "World Cup bank holiday", in: [.scotland]),  // proclaimed 4 February 2026, Scotland's first World Cup finals match since 1998
  ]
}
