/// One-off changes to UK bank holidays, by royal proclamation.
///
/// Source: GOV.UK, "UK bank holidays" (https://www.gov.uk/bank-holidays and its
/// JSON feed https://www.gov.uk/bank-holidays.json), checked against the
/// proclamations published in The Gazette. Add a row here when a new one-off day
/// is proclaimed; the computed rules in `BankHolidays` cover everything else.
public struct BankHolidayChange: Sendable {
  public enum Kind: Sendable {
    /// A regular holiday moved to another date.
    case moved(from: LocalDate, to: LocalDate)
    /// An extra holiday.
    case added(on: LocalDate)
  }

  public let year: Int
  public let name: String
  public let kind: Kind
  public let regions: Set<BankHolidayRegion>
}

public enum BankHolidayChanges {
  public static let source =
    "GOV.UK, UK bank holidays (https://www.gov.uk/bank-holidays), and The Gazette proclamations"

  private static let uk: Set<BankHolidayRegion> = [.englandAndWales, .scotland, .northernIreland]

  private static func d(_ y: Int, _ m: Int, _ day: Int) -> LocalDate {
    LocalDate(year: y, month: m, day: day)!
  }

  public static let all: [BankHolidayChange] = [
    BankHolidayChange(
      year: 2020, name: "Early May bank holiday (VE day)",
      kind: .moved(from: d(2020, 5, 4), to: d(2020, 5, 8)), regions: uk),
    BankHolidayChange(
      year: 2022, name: "Spring bank holiday",
      kind: .moved(from: d(2022, 5, 30), to: d(2022, 6, 2)), regions: uk),
    BankHolidayChange(
      year: 2022, name: "Platinum Jubilee bank holiday",
      kind: .added(on: d(2022, 6, 3)), regions: uk),
    BankHolidayChange(
      year: 2022, name: "Bank Holiday for the State Funeral of Queen Elizabeth II",
      kind: .added(on: d(2022, 9, 19)), regions: uk),
    BankHolidayChange(
      year: 2023, name: "Bank holiday for the coronation of King Charles III",
      kind: .added(on: d(2023, 5, 8)), regions: uk),
  ]
}
