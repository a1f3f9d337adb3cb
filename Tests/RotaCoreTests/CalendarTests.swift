import Testing

@testable import RotaCore

@Suite("Dates and ISO weeks")
struct CalendarTests {
  @Test("2026 has 53 ISO weeks and 2025 has 52")
  func weeksInYear() {
    #expect(ISOWeek.weeksIn(year: 2026) == 53)
    #expect(ISOWeek.weeksIn(year: 2025) == 52)
    #expect(ISOWeek.weeksIn(year: 2020) == 53)
    #expect(ISOWeek.weeksIn(year: 2027) == 52)
    #expect(ISOWeek(year: 2026, week: 53) != nil)
    #expect(ISOWeek(year: 2025, week: 53) == nil)
    #expect(ISOWeek(iso: "2025-W53") == nil)
  }

  @Test("2026-W53 runs from Monday 28 December 2026 to Sunday 3 January 2027")
  func week53() {
    let w = week("2026-W53")
    #expect(w.monday == date("2026-12-28"))
    #expect(w.sunday == date("2027-01-03"))
    #expect(date("2027-01-03").isoWeek == w)
    #expect(date("2027-01-04").isoWeek == week("2027-W01"))
    #expect(w.adding(weeks: 1) == week("2027-W01"))
    #expect(week("2027-W01").adding(weeks: -1) == w)
  }

  @Test(
    "ISO weeks of dates at year ends",
    arguments: [
      ("2026-11-23", "2026-W48"), ("2026-11-29", "2026-W48"), ("2024-12-30", "2025-W01"),
      ("2021-01-03", "2020-W53"), ("2021-01-04", "2021-W01"), ("2008-12-29", "2009-W01"),
      ("2010-01-03", "2009-W53"),
    ])
  func isoWeekOfDate(_ d: String, _ w: String) {
    #expect(date(d).isoWeek.iso == w)
  }

  @Test("dates round-trip through day numbers, weekdays are right")
  func dayNumbers() {
    #expect(date("1970-01-01").dayNumber == 0)
    #expect(date("1970-01-01").weekday == .thu)
    #expect(date("2026-11-26").weekday == .thu)
    #expect(date("2024-02-29").adding(days: 1) == date("2024-03-01"))
    for n in stride(from: -719_000, to: 2_900_000, by: 997) {
      let d = LocalDate(dayNumber: n)
      let c = d.components
      #expect(LocalDate(year: c.year, month: c.month, day: c.day)?.dayNumber == n)
    }
  }

  @Test(
    "impossible dates and malformed text are refused",
    arguments: [
      "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-11-26", "2026-11-26T10", "2026/11/26", "",
    ])
  func impossible(_ s: String) {
    #expect(LocalDate(iso: s) == nil)
  }

  @Test("a week key is shared by Monday to Sunday and grows by one a week")
  func weekKeys() {
    let w = week("2026-W48")
    for d in w.days { #expect(d.weekKey == w.ordinal) }
    #expect(w.adding(weeks: 1).ordinal == w.ordinal + 1)
    let early = week("1969-W52")
    for d in early.days { #expect(d.weekKey == early.ordinal) }
  }

  @Test("labels for people")
  func labels() {
    #expect(date("2026-11-26").short == "Thu 26 Nov")
    #expect(Session(date("2026-11-23"), .am).label == "Mon 23 Nov AM")
    #expect(week("2026-W48").title == "Week 48, 23 Nov – 29 Nov 2026")
  }
}
