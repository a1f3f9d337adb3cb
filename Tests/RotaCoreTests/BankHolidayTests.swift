import Testing

@testable import RotaCore

/// Published dates from GOV.UK (https://www.gov.uk/bank-holidays), 2020 to 2027.
@Suite("UK bank holidays")
struct BankHolidayTests {
  static let englandAndWales: [Int: [String]] = [
    2020: ["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"],
    2021: ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2022: ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"],
    2023: ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"],
    2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
    2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
  ]

  static let scotland: [Int: [String]] = [
    2020: ["01-01", "01-02", "04-10", "05-08", "05-25", "08-03", "11-30", "12-25", "12-28"],
    2021: ["01-01", "01-04", "04-02", "05-03", "05-31", "08-02", "11-30", "12-27", "12-28"],
    2022: ["01-03", "01-04", "04-15", "05-02", "06-02", "06-03", "08-01", "09-19", "11-30", "12-26", "12-27"],
    2023: ["01-02", "01-03", "04-07", "05-01", "05-08", "05-29", "08-07", "11-30", "12-25", "12-26"],
    2024: ["01-01", "01-02", "03-29", "05-06", "05-27", "08-05", "12-02", "12-25", "12-26"],
    2025: ["01-01", "01-02", "04-18", "05-05", "05-26", "08-04", "12-01", "12-25", "12-26"],
    2026: ["01-01", "01-02", "04-03", "05-04", "05-25", "06-15", "08-03", "11-30", "12-25", "12-28"],
    2027: ["01-01", "01-04", "03-26", "05-03", "05-31", "08-02", "11-30", "12-27", "12-28"],
  ]

  static let northernIreland: [Int: [String]] = [
    2020: ["01-01", "03-17", "04-10", "04-13", "05-08", "05-25", "07-13", "08-31", "12-25", "12-28"],
    2021: ["01-01", "03-17", "04-02", "04-05", "05-03", "05-31", "07-12", "08-30", "12-27", "12-28"],
    2022: [
      "01-03", "03-17", "04-15", "04-18", "05-02", "06-02", "06-03", "07-12", "08-29", "09-19", "12-26", "12-27",
    ],
    2023: ["01-02", "03-17", "04-07", "04-10", "05-01", "05-08", "05-29", "07-12", "08-28", "12-25", "12-26"],
    2024: ["01-01", "03-18", "03-29", "04-01", "05-06", "05-27", "07-12", "08-26", "12-25", "12-26"],
    2025: ["01-01", "03-17", "04-18", "04-21", "05-05", "05-26", "07-14", "08-25", "12-25", "12-26"],
    2026: ["01-01", "03-17", "04-03", "04-06", "05-04", "05-25", "07-13", "08-31", "12-25", "12-28"],
    2027: ["01-01", "03-17", "03-26", "03-29", "05-03", "05-31", "07-12", "08-30", "12-27", "12-28"],
  ]

  func dates(_ year: Int, _ region: BankHolidayRegion) -> [String] {
    BankHolidays.holidays(in: year, region: region).map { String($0.date.iso.dropFirst(5)) }
  }

  @Test("England and Wales, 2020 to 2027", arguments: 2020...2027)
  func englandAndWales(_ year: Int) {
    #expect(dates(year, .englandAndWales) == Self.englandAndWales[year]!)
  }

  @Test("Scotland, 2020 to 2027", arguments: 2020...2027)
  func scotland(_ year: Int) {
    #expect(dates(year, .scotland) == Self.scotland[year]!)
  }

  @Test("Northern Ireland, 2020 to 2027", arguments: 2020...2027)
  func northernIreland(_ year: Int) {
    #expect(dates(year, .northernIreland) == Self.northernIreland[year]!)
  }

  @Test("none means no bank holidays")
  func none() {
    #expect(BankHolidays.holidays(in: 2026, region: .none).isEmpty)
  }

  @Test("Easter Sunday for known years")
  func easter() {
    let known = [
      2019: "2019-04-21", 2020: "2020-04-12", 2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05",
      2027: "2027-03-28", 2038: "2038-04-25",
    ]
    for (y, d) in known { #expect(BankHolidays.easterSunday(y) == date(d)) }
  }

  @Test("the one-off table names its source")
  func oneOffSource() {
    #expect(BankHolidayChanges.source.contains("gov.uk"))
    #expect(BankHolidayChanges.all.count == 6)
  }

  @Test("Monday 15 June 2026 is a bank holiday in Scotland only, by royal proclamation")
  func worldCup2026() throws {
    let day = date("2026-06-15")
    let scottish = try #require(BankHolidays.holidays(in: 2026, region: .scotland).first { $0.date == day })
    #expect(scottish.name == "World Cup bank holiday")
    for region in [BankHolidayRegion.englandAndWales, .northernIreland, .none] {
      #expect(!BankHolidays.holidays(in: 2026, region: region).contains { $0.date == day })
    }
    // A worker usually at a practice that Monday is on holiday, not at work.
    var rota = DemoPCN.rota()
    rota.policy.bankHolidays = .scotland
    let p = RotaAnalysis(rota).placements(for: day.isoWeek)
    let amira = try #require(rota.workers.firstIndex { $0.id == "amira" })
    #expect(p.placement(worker: amira, slot: 0) == .holiday)
  }

  @Test("names describe the day, substitutes included")
  func names() {
    let h = BankHolidays.holidays(in: 2026, region: .englandAndWales)
    #expect(h.last?.name == "Boxing Day (substitute day)")
    #expect(h.first { $0.date == date("2023-05-08") } == nil)
    let coronation = BankHolidays.holidays(in: 2023, region: .scotland).first { $0.date == date("2023-05-08") }
    #expect(coronation?.name.contains("coronation") == true)
  }
}
