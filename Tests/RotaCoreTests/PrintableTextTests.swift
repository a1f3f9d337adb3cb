import Testing

@testable import RotaCore

@Suite("What rota prints: the output sanitiser, names, and the supported dates")
struct PrintableTextTests {
  static let attack = "A\u{1B}]52;c;cm0=\u{07}B\u{9B}2JC\u{202E}D\u{0}E\u{7F}F\rG\u{2028}H\u{8D}"

  static func terminalControls(_ text: String) -> Bool {
    text.unicodeScalars.contains { RotaText.isForbidden($0) && $0 != "\n" && $0 != "\r" }
  }

  @Test("a stream keeps its lines, and loses every control character but the line break")
  func stream() {
    let out = PrintableText.stream("one\ntwo\r\nthree \(Self.attack)\n")
    #expect(!Self.terminalControls(out))
    #expect(
      out.hasPrefix("one\ntwo\r\nthree A\u{FFFD}]52;c;cm0=\u{FFFD}B\u{FFFD}2JC\u{FFFD}D\u{FFFD}E\u{FFFD}F\u{FFFD}G"))
    #expect(out.hasSuffix("H\u{FFFD}\n"))
    // Clean text comes back as it was, accents and all.
    let clean = "Siân Ștefănescu 陳美琳 👩🏽‍⚕️\r\nß\n"
    #expect(PrintableText.stream(clean) == clean)
    #expect(PrintableText.stream("a\r") == "a\u{FFFD}")
  }

  @Test("the byte scan finds every forbidden character the scalar rule does")
  func byteScanAgreesWithTheRule() {
    for value in Array(0...0x3000) + [0x2066, 0x2069, 0x206A, 0xFEFF] {
      guard let s = Unicode.Scalar(value), s != "\n", s != "\r" else { continue }
      let text = "x\(Character(s))y"
      #expect(PrintableText.needsCleaning(text) == RotaText.isForbidden(s), "U+\(String(value, radix: 16))")
    }
  }

  @Test("a message shows what it cannot print as code points, and cuts long lines in the middle")
  func message() {
    let out = PrintableText.message("bad \(Self.attack)\nsecond line")
    #expect(out.hasPrefix("bad A<U+001B>]52;c;cm0=<U+0007>B<U+009B>2JC<U+202E>D<U+0000>E<U+007F>F<U+000D>G"))
    #expect(out.hasSuffix("\nsecond line"))
    let long = PrintableText.message("start " + String(repeating: "x", count: 100_000) + " end")
    #expect(long.hasPrefix("start xxx") && long.hasSuffix("xxx end"))
    #expect(long.count < PrintableText.lineLimit + 60)
    #expect(long.contains("characters cut"))
  }

  @Test("a quoted value is cut to a readable length, with its length")
  func quoted() {
    #expect(PrintableText.quoted("RVS") == "'RVS'")
    #expect(PrintableText.quoted("\u{1B}[2J") == "'<U+001B>[2J'")
    let cut = PrintableText.quoted(String(repeating: "é", count: 5000))
    #expect(cut == "'" + String(repeating: "é", count: PrintableText.quoteLimit) + "…' (5000 characters)")
    // One letter under 200,000 combining marks is one character, but not a short one.
    let heavy = PrintableText.quoted("a" + String(repeating: "\u{301}", count: 200_000))
    #expect(heavy.unicodeScalars.count < 100)
  }

  @Test(
    "a name must show something, in characters of sensible size",
    arguments: [
      ("", "is empty"), ("   ", "shows nothing"), ("\u{3164}", "shows nothing"), ("\u{200B}\u{200B}", "shows nothing"),
      ("\u{3164} \u{115F}\u{FFA0}", "shows nothing"), ("\u{2800}", "shows nothing"),
      ("\u{301}\u{301}", "shows nothing"),
      ("a" + String(repeating: "\u{301}", count: 200_000), "made of 200001 code points"),
      ("Amira\u{1B}[2J", "control character U+001B"), ("Ami\u{FFFD}ra", "U+FFFD"),
      (String(repeating: "n", count: 61), "61 characters long"),
    ])
  func badNames(_ name: String, _ says: String) {
    let problem = RotaText.nameProblem(name, maxLength: 60)
    #expect(problem?.contains(says) == true, "\(String(describing: problem))")
  }

  @Test(
    "names in any language are names",
    arguments: [
      "Amira Khan", "Siân Pritchard", "Ioana Ștefănescu", "陳美琳", "Zeynep Yılmaz", "محمد", "Nguyễn Thị Ánh",
      "👩🏽‍⚕️ Dr Bee", "👨‍👩‍👧‍👦", "O'Connor-Smith", "ဦးမောင်", "زهرا‌ احمدی",
    ])
  func goodNames(_ name: String) {
    #expect(RotaText.nameProblem(name, maxLength: 60) == nil)
  }
}

@Suite("The supported range of dates")
struct SupportedDatesTests {
  @Test("the range is 2000-W01 to 2199-W52, and says so")
  func range() {
    #expect(SupportedDates.firstWeek.iso == "2000-W01")
    #expect(SupportedDates.lastWeek.iso == "2199-W52")
    #expect(SupportedDates.dates.lowerBound == date("2000-01-03"))
    #expect(SupportedDates.dates.upperBound == date("2199-12-29"))
    #expect(
      SupportedDates.problem(week("2200-W01"))?.contains("outside the weeks rota supports, 2000-W01 to 2199-W52")
        == true)
    #expect(SupportedDates.problem(date("1999-12-31")) != nil)
    #expect(SupportedDates.problem(date("2026-11-26")) == nil)
    #expect(SupportedDates.nearest(to: week("2300-W01")) == SupportedDates.lastWeek)
  }

  @Test("calendar arithmetic never fails, even far past the years a date can be written in")
  func arithmeticIsTotal() {
    for day in [
      date("0001-01-01"), date("9999-12-31"), LocalDate(dayNumber: -1_000_000), LocalDate(dayNumber: 5_000_000),
    ] {
      let w = day.isoWeek
      #expect(w.monday <= day && day <= w.sunday)
      #expect(w.adding(weeks: 1).adding(weeks: -1) == w)
      _ = ISOWeek.weeksIn(year: w.year)
      _ = BankHolidays.holidays(in: w.year, region: .scotland)
    }
    #expect(ISOWeek(year: 9999, week: 52)!.adding(weeks: 1).year == 10000)
  }

  @Test("every rule and export works at both ends of the range")
  func analysisAtTheEnds() {
    for (first, last) in [
      (SupportedDates.firstWeek, SupportedDates.firstWeek.adding(weeks: 8)),
      (SupportedDates.lastWeek.adding(weeks: -8), SupportedDates.lastWeek),
    ] {
      let rota = DemoPCN.rota(for: first)
      let analysis = RotaAnalysis(rota)
      for w in [first, last] {
        let report = analysis.report(for: w)
        #expect(report.isolation.count == rota.workers.count)
      }
      let sessions = analysis.workedSessions(from: first.monday, to: last.sunday)
      #expect(!sessions.isEmpty)
      _ = ICalendarExport.text(
        sessions, pcn: rota.pcn, calendarName: rota.pcn, stamp: LocalDateTime(date: last.sunday, hour: 23, minute: 59),
        sequence: 1, namesInSummary: true)
    }
  }
}

@Suite("The limits a rota keeps, wherever it comes from")
struct RotaLimitsTests {
  @Test("every rota the reader accepts keeps the limits")
  func readerAndLimitsAgree() throws {
    #expect(RotaLimits.problem(in: DemoPCN.rota()) == nil)
    var generator = RotaGenerator(.init(workers: 60, sites: 12, weeks: 8, start: week("2026-W40"), seed: 3))
    let generated = try rota(RotaFileWriter.write(generator.rota()))
    #expect(RotaLimits.problem(in: generated) == nil)
  }

  @Test("a value the reader would refuse is refused here too, naming its part")
  func refusals() {
    let demo = DemoPCN.rota()
    var cases: [(Rota, String)] = []
    var r = demo
    r.sites[0].rooms = Int.max
    cases.append((r, "rooms is \(Int.max)"))
    r = demo
    r.workers[1].sessions = 15
    cases.append((r, "sessions is 15"))
    r = demo
    r.workers[0].name = "Amira\u{1B}[2J"
    cases.append((r, "control character U+001B"))
    r = demo
    r.policy.lookbackWeeks = 0
    cases.append((r, "policy.lookback_weeks is 0"))
    r = demo
    r.overrides[0].place = .site("NOPE")
    cases.append((r, "'NOPE', which is no site's code"))
    r = demo
    r.leave[0].to = DatedSession(r.leave[0].from.date.adding(days: -3))
    cases.append((r, "it ends before it starts"))
    r = demo
    r.events[0].attendees.append(r.events[0].attendees[0])
    cases.append((r, "is listed twice"))
    r = demo
    r.events[0].date = date("9999-12-31")
    cases.append((r, "outside the dates rota supports"))
    r = demo
    r.sites[1].code = "rvs"
    cases.append((r, "a site code is 2 to 6 capital letters"))
    for (rota, says) in cases {
      let problem = RotaLimits.problem(in: rota)
      #expect(problem?.contains(says) == true, "\(String(describing: problem))")
    }
  }
}
