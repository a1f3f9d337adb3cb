import Testing

@testable import RotaCore

/// Each rule on both sides of its boundary. The week is 2026-W48 (Mon 23 to Sun
/// 29 November 2026), which has no bank holiday in any UK nation.
@Suite("Rule boundaries")
struct RuleBoundaryTests {
  static let twoSites = """
    - code: RVS
      name: Riverside Surgery
      kind: practice
    - code: OAK
      name: Oakfield
      kind: practice
      rooms: 2
    """

  static func worker(_ id: String, sessions: Int = 10, _ pattern: String) -> String {
    "- id: \(id)\n  name: Worker \(id)\n  role: gp-link-worker\n  sessions: \(sessions)\n  pattern:\n" + pattern
  }

  static let alone = "    mon: RVS\n"

  // MARK: over-capacity

  @Test("over-capacity: rooms 2 with 2 placed does not fire; 3 placed does")
  func overCapacity() throws {
    let two = try rotaWith(
      sites: Self.twoSites, workers: Self.worker("a", "    mon: OAK\n") + "\n" + Self.worker("b", "    mon: OAK\n"))
    #expect(report(two, "2026-W48").findings(.overCapacity).isEmpty)
    let three = try rotaWith(
      sites: Self.twoSites,
      workers: ["a", "b", "c"].map { Self.worker($0, "    mon: {am: OAK}\n") }.joined(separator: "\n"))
    let f = report(three, "2026-W48").findings(.overCapacity)
    #expect(f.count == 1)
    #expect(f.first?.workers == ["a", "b", "c"])
    #expect(f.first?.session == .am)
  }

  @Test("over-capacity: a site with no rooms overflows with one worker")
  func zeroRooms() throws {
    let r = try rotaWith(
      sites: "- code: RVS\n  name: R\n  kind: practice\n  rooms: 0", workers: Self.worker("a", "    mon: {pm: RVS}\n"))
    #expect(report(r, "2026-W48").findings(.overCapacity).count == 1)
  }

  // MARK: over- and under-contract

  @Test("over-contract: sessions equal to the contract do not fire; one more does")
  func overContract() throws {
    let equal = try rotaWith(sites: Self.twoSites, workers: Self.worker("a", sessions: 2, "    mon: RVS\n"))
    #expect(report(equal, "2026-W48").findings(.overContract).isEmpty)
    let more = try rotaWith(
      sites: Self.twoSites, workers: Self.worker("a", sessions: 2, "    mon: RVS\n    tue: {am: home}\n"))
    let f = report(more, "2026-W48").findings(.overContract)
    #expect(f.count == 1 && f[0].sessions == 3 && f[0].contracted == 2)
  }

  @Test("under-contract: planned equal to the contract does not fire; one fewer does; leave does not count")
  func underContract() throws {
    let equal = try rotaWith(
      sites: Self.twoSites, workers: Self.worker("a", sessions: 4, "    mon: RVS\n    tue: home\n"),
      leave: "- worker: a\n  from: 2026-11-23\n  to: 2026-11-24\n  kind: annual")
    let r = report(equal, "2026-W48")
    #expect(r.findings(.underContract).isEmpty)
    #expect(r.row("a")?.workedSessions == 0)
    let fewer = try rotaWith(
      sites: Self.twoSites, workers: Self.worker("a", sessions: 4, "    mon: RVS\n    tue: {am: home}\n"))
    let f = report(fewer, "2026-W48").findings(.underContract)
    #expect(f.count == 1 && f[0].sessions == 3 && f[0].contracted == 4)
  }

  // MARK: solitary-overload

  static func soloDays(_ n: Int) -> String {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].prefix(n).map { "    \($0): home\n" }.joined()
  }

  @Test("solitary-overload: 2 solitary days (the limit) do not fire; 3 do")
  func solitaryOverload() throws {
    let two = try rotaWith(sites: Self.twoSites, workers: Self.worker("a", Self.soloDays(2)))
    #expect(report(two, "2026-W48").findings(.solitaryOverload).isEmpty)
    let three = try rotaWith(sites: Self.twoSites, workers: Self.worker("a", Self.soloDays(3)))
    let f = report(three, "2026-W48").findings(.solitaryOverload)
    #expect(f.count == 1 && f[0].solitaryDays == 3)
    #expect(report(three, "2026-W48").row("a")?.level == .overload)
  }

  @Test("solitary-overload follows policy.max_solitary_days")
  func solitaryOverloadPolicy() throws {
    let r = try rotaWith(
      policy: "  max_solitary_days: 0", sites: Self.twoSites, workers: Self.worker("a", Self.soloDays(1)))
    #expect(report(r, "2026-W48").findings(.solitaryOverload).count == 1)
  }

  // MARK: solitary-streak

  @Test("solitary-streak: a streak of 3 (the limit) does not fire; 4 does")
  func solitaryStreak() throws {
    // Mondays in company break the run each week, so the streak is exactly Tue to Thu or Tue to Fri.
    let company = "    mon: RVS\n"
    let three = try rotaWith(
      policy: "  max_solitary_days: 7", sites: Self.twoSites,
      workers: Self.worker("a", company + "    tue: home\n    wed: home\n    thu: home\n") + "\n"
        + Self.worker("b", company))
    #expect(report(three, "2026-W48").findings(.solitaryStreak).isEmpty)
    #expect(report(three, "2026-W48").row("a")?.longestStreak == 3)
    let four = try rotaWith(
      policy: "  max_solitary_days: 7", sites: Self.twoSites,
      workers: Self.worker("a", company + "    tue: home\n    wed: home\n    thu: home\n    fri: home\n") + "\n"
        + Self.worker("b", company))
    let f = report(four, "2026-W48").findings(.solitaryStreak)
    #expect(f.count == 1)
    #expect(f.first?.streak == 4)
    #expect(f.first?.from == date("2026-11-24"))
    #expect(f.first?.to == date("2026-11-27"))
  }

  @Test("solitary-streak: days off are skipped, neither counting nor breaking the run")
  func streakSkipsDaysOff() throws {
    // a works alone at home Mon, Tue, Thu and Fri, and with b at RVS on Wednesdays.
    // The weekend off between Fri 20 and Mon 23 Nov neither counts nor breaks the run,
    // so Thu 19, Fri 20, Mon 23 and Tue 24 Nov are 4 solitary days in a row.
    let r = try rotaWith(
      policy: "  max_solitary_days: 7", sites: Self.twoSites,
      workers: Self.worker("a", "    mon: home\n    tue: home\n    wed: RVS\n    thu: home\n    fri: home\n")
        + "\n" + Self.worker("b", "    wed: RVS\n"))
    let report = report(r, "2026-W48")
    let f = report.findings(.solitaryStreak)
    #expect(f.count == 1)
    #expect(f.first?.streak == 4)
    #expect(f.first?.from == date("2026-11-19"))
    #expect(f.first?.to == date("2026-11-24"))
    // Thu 26 and Fri 27 start a run that the window cuts at Sunday: 2, not reported.
    #expect(report.row("a")?.longestStreak == 4)
  }

  @Test("solitary-streak: the window is policy.lookback_weeks and never reaches past Sunday")
  func streakWindow() throws {
    // Alone Mon to Fri every week: with lookback 1 the streak is 5; with 2 it is 10.
    let one = try rotaWith(
      policy: "  max_solitary_days: 7\n  lookback_weeks: 1", sites: Self.twoSites,
      workers: Self.worker("a", Self.soloDays(5)))
    #expect(report(one, "2026-W48").findings(.solitaryStreak).first?.streak == 5)
    #expect(report(one, "2026-W48").findings(.solitaryStreak).first?.to == date("2026-11-27"))
    let two = try rotaWith(
      policy: "  max_solitary_days: 7\n  lookback_weeks: 2", sites: Self.twoSites,
      workers: Self.worker("a", Self.soloDays(5)))
    let f = report(two, "2026-W48").findings(.solitaryStreak)
    #expect(f.first?.streak == 10)
    #expect(f.first?.from == date("2026-11-16"))
  }

  // MARK: no-supervision

  static func supervision(_ d: String) -> String {
    "- title: Supervision\n  kind: supervision\n  date: \(d)\n  session: pm\n  where: online\n  attendees: [a, b]"
  }

  @Test("no-supervision: supervision in the oldest week of the window does not fire; a week earlier does")
  func noSupervision() throws {
    let workers = Self.worker("a", "    mon: RVS\n") + "\n" + Self.worker("b", "    mon: RVS\n")
    // The window for 2026-W48 with supervision_weeks 4 is W45 to W48: Mon 2 Nov onwards.
    let inside = try rotaWith(sites: Self.twoSites, workers: workers, events: Self.supervision("2026-11-02"))
    #expect(report(inside, "2026-W48").findings(.noSupervision).isEmpty)
    #expect(report(inside, "2026-W48").row("a")?.lastSupervision == date("2026-11-02"))
    let outside = try rotaWith(sites: Self.twoSites, workers: workers, events: Self.supervision("2026-11-01"))
    #expect(report(outside, "2026-W48").findings(.noSupervision).count == 2)
    #expect(report(outside, "2026-W48").row("a")?.lastSupervision == date("2026-11-01"))
  }

  @Test("no-supervision: a worker who did not work that week is not flagged")
  func noSupervisionNeedsWork() throws {
    let r = try rotaWith(sites: Self.twoSites, workers: Self.worker("a", sessions: 0, "    sat: off\n"))
    #expect(report(r, "2026-W48").findings(.noSupervision).isEmpty)
    #expect(report(r, "2026-W48").row("a")?.level == .ok)
  }

  @Test("last_supervision ignores supervision after the week's Sunday")
  func lastSupervisionNotFromTheFuture() throws {
    let r = try rotaWith(
      sites: Self.twoSites, workers: Self.worker("a", "    mon: RVS\n") + "\n" + Self.worker("b", "    mon: RVS\n"),
      events: Self.supervision("2026-11-30"))
    #expect(report(r, "2026-W48").row("a")?.lastSupervision == nil)
  }

  // MARK: sole-cover

  static let fourSites = """
    - code: AAA
      name: A Surgery
      kind: practice
    - code: BBB
      name: B Surgery
      kind: practice
    - code: CCC
      name: C Surgery
      kind: practice
    - code: DDD
      name: D Surgery
      kind: practice
    """

  @Test("sole-cover: the only worker at 2 sites does not fire (limit 3); at 3 sites it does")
  func soleCover() throws {
    let two = try rotaWith(
      sites: Self.fourSites,
      workers: Self.worker("a", "    mon: AAA\n    tue: BBB\n    wed: CCC\n") + "\n"
        + Self.worker("b", "    thu: CCC\n"))
    #expect(report(two, "2026-W48").findings(.soleCover).isEmpty)
    let three = try rotaWith(
      sites: Self.fourSites,
      workers: Self.worker("a", "    mon: AAA\n    tue: BBB\n    wed: CCC\n") + "\n"
        + Self.worker("b", "    thu: DDD\n"))
    let f = report(three, "2026-W48").findings(.soleCover)
    #expect(f.count == 1)
    #expect(f.first?.sites == ["AAA", "BBB", "CCC"])
    #expect(f.first?.worker == "a")
  }

  // MARK: cover-gap

  @Test("cover-gap: fires when no one is placed, not when one is, not when the site is closed")
  func coverGap() throws {
    let sites = """
      - code: RVS
        name: Riverside Surgery
        kind: practice
        open: [mon, tue, wed, thu]
        closed: [2026-11-24-am]
        cover: [mon-am, tue-am, fri-am]
      """
    let r = try rotaWith(sites: sites, workers: Self.worker("a", "    wed: RVS\n"))
    #expect(report(r, "2026-W48").findings(.coverGap).map { $0.date!.iso + $0.session!.token } == ["2026-11-23am"])
    let covered = try rotaWith(sites: sites, workers: Self.worker("a", "    mon: {am: RVS}\n"))
    #expect(report(covered, "2026-W48").findings(.coverGap).isEmpty)
  }

  // MARK: leave-clash and effective placement

  @Test("leave-clash: an override to work during leave fires; to off, or the usual week, does not")
  func leaveClash() throws {
    let leave = "- worker: a\n  from: 2026-11-23\n  to: 2026-11-24-am\n  kind: annual"
    let worker = Self.worker("a", "    mon: RVS\n    tue: RVS\n")
    let usual = report(try rotaWith(sites: Self.twoSites, workers: worker, leave: leave), "2026-W48")
    #expect(usual.findings(.leaveClash).isEmpty)
    let p = RotaAnalysis(try rotaWith(sites: Self.twoSites, workers: worker, leave: leave)).placements(
      for: week("2026-W48"))
    #expect(p.placement(worker: 0, day: 0, half: .am) == .leave)
    #expect(p.placement(worker: 0, day: 1, half: .am) == .leave)
    #expect(p.placement(worker: 0, day: 1, half: .pm) == .site("RVS"))
    let off = report(
      try rotaWith(
        sites: Self.twoSites, workers: worker, leave: leave,
        overrides: "- worker: a\n  date: 2026-11-23\n  place: off"), "2026-W48")
    #expect(off.findings(.leaveClash).isEmpty)
    let clash = try rotaWith(
      sites: Self.twoSites, workers: worker, leave: leave,
      overrides: "- worker: a\n  date: 2026-11-24\n  place: OAK")
    let f = report(clash, "2026-W48").findings(.leaveClash)
    #expect(f.map { $0.date!.iso + $0.session!.token } == ["2026-11-24am"])
    let q = RotaAnalysis(clash).placements(for: week("2026-W48"))
    #expect(q.placement(worker: 0, day: 1, half: .am) == .site("OAK"))
  }

  @Test("overlapping leave counts once, as a union")
  func overlappingLeave() throws {
    let r = try rotaWith(
      sites: Self.twoSites, workers: Self.worker("a", "    mon: RVS\n    tue: RVS\n"),
      leave:
        "- worker: a\n  from: 2026-11-23\n  to: 2026-11-24\n  kind: annual\n- worker: a\n  from: 2026-11-24\n  kind: sick",
      overrides: "- worker: a\n  date: 2026-11-24\n  session: pm\n  place: home")
    let f = report(r, "2026-W48").findings(.leaveClash)
    #expect(f.count == 1)
  }

  @Test("bank holidays: the usual week gives holiday; an override stands and can hit a closed site")
  func bankHoliday() throws {
    // Mon 31 Aug 2026 is the summer bank holiday in England and Wales, not in Scotland.
    let workers = Self.worker("a", "    mon: RVS\n    tue: RVS\n")
    let usual = RotaAnalysis(try rotaWith(sites: Self.twoSites, workers: workers)).placements(for: week("2026-W36"))
    #expect(usual.placement(worker: 0, day: 0, half: .am) == .holiday)
    #expect(usual.holidayNames[0] == "Summer bank holiday")
    let scottish = RotaAnalysis(
      try rotaWith(policy: "  bank_holidays: scotland", sites: Self.twoSites, workers: workers)
    ).placements(for: week("2026-W36"))
    #expect(scottish.placement(worker: 0, day: 0, half: .am) == .site("RVS"))
    let override = try rotaWith(
      sites: Self.twoSites, workers: workers, overrides: "- worker: a\n  date: 2026-08-31\n  session: am\n  place: RVS")
    let r = report(override, "2026-W36")
    #expect(
      RotaAnalysis(override).placements(for: week("2026-W36")).placement(worker: 0, day: 0, half: .am) == .site("RVS"))
    #expect(r.findings(.siteClosed).map(\.session) == [.am])
    #expect(r.findings(.siteClosed).first?.message.contains("bank holiday") == true)
  }

  // MARK: site-closed

  @Test("site-closed: open sessions do not fire; weekly closing, dated closures and holidays do")
  func siteClosed() throws {
    let sites = """
      - code: RVS
        name: Riverside Surgery
        kind: practice
        open: [mon, tue, wed-am, thu, fri]
        closed: [2026-11-26-pm]
      - code: HOS
        name: Hospice
        kind: hospice
        open: [mon, tue, wed, thu, fri, sat, sun]
        open_bank_holidays: true
      """
    let r = try rotaWith(
      sites: sites, workers: Self.worker("a", "    mon: RVS\n    wed: RVS\n    thu: RVS\n    sat: HOS\n"))
    let f = report(r, "2026-W48").findings(.siteClosed)
    #expect(f.map { $0.date!.iso + $0.session!.token } == ["2026-11-25pm", "2026-11-26pm"])
    #expect(f.allSatisfy { $0.site == "RVS" && $0.worker == "a" })
    let holiday = try rotaWith(
      sites: sites, workers: Self.worker("a", "    tue: RVS\n"),
      overrides: "- worker: a\n  date: 2026-12-28\n  place: HOS")
    #expect(report(holiday, "2026-W53").findings(.siteClosed).isEmpty)
  }

  // MARK: double-booked

  static func event(_ title: String, _ d: String, _ half: String, _ venue: String, _ who: String) -> String {
    "- title: \(title)\n  kind: team\n  date: \(d)\n  session: \(half)\n  where: \(venue)\n  attendees: [\(who)]"
  }

  @Test("double-booked: an event where you are is fine; elsewhere, at home, or two at once fire; online never clashes")
  func doubleBooked() throws {
    let workers =
      Self.worker("a", "    mon: RVS\n    tue: home\n    wed: OAK\n") + "\n" + Self.worker("b", "    fri: OAK\n")
    let events = [
      Self.event("Here", "2026-11-23", "am", "RVS", "a, b"),
      Self.event("Elsewhere", "2026-11-23", "pm", "OAK", "a"),
      Self.event("From home", "2026-11-24", "am", "RVS", "a"),
      Self.event("Online", "2026-11-24", "pm", "online", "a"),
      Self.event("One", "2026-11-25", "am", "online", "a"),
      Self.event("Two", "2026-11-25", "am", "online", "a"),
      Self.event("Not working", "2026-11-26", "am", "RVS", "a"),
    ].joined(separator: "\n")
    let r = try rotaWith(sites: Self.twoSites, workers: workers, events: events)
    let f = report(r, "2026-W48").findings(.doubleBooked)
    #expect(f.map { $0.date!.iso + $0.session!.token } == ["2026-11-23pm", "2026-11-24am", "2026-11-25am"])
  }

  @Test("company: an event with another attendee keeps you company, even online and at home")
  func eventCompany() throws {
    let r = try rotaWith(
      sites: Self.twoSites, workers: Self.worker("a", "    mon: home\n") + "\n" + Self.worker("b", "    fri: OAK\n"),
      events: Self.event("Call", "2026-11-23", "am", "online", "a, b"))
    let row = report(r, "2026-W48").row("a")
    #expect(row?.solitarySessions == 1)
    #expect(row?.solitaryDays == 0)
  }

  // MARK: split-day

  @Test("split-day: two sites fire; one site, or a site and home, do not")
  func splitDay() throws {
    let r = try rotaWith(
      sites: Self.twoSites,
      workers: Self.worker("a", "    mon: {am: RVS, pm: OAK}\n    tue: {am: RVS, pm: home}\n    wed: RVS\n"))
    let f = report(r, "2026-W48").findings(.splitDay)
    #expect(f.map { $0.date!.iso } == ["2026-11-23"])
    #expect(f.first?.severity == .info)
  }

  // MARK: isolation levels

  @Test("level watch when half or more of the worked sessions are solitary, not below half")
  func watchAtHalf() throws {
    let supervised = Self.supervision("2026-11-27")
    // a: Mon with b at RVS, Tue at home: 2 of 4 solitary, plus supervision Fri PM online with b.
    let half = try rotaWith(
      sites: Self.twoSites,
      workers: Self.worker("a", sessions: 5, "    mon: RVS\n    tue: home\n    fri: {pm: home}\n") + "\n"
        + Self.worker("b", sessions: 3, "    mon: RVS\n    fri: {pm: home}\n"),
      events: supervised)
    let row = try #require(report(half, "2026-W48").row("a"))
    #expect(row.workedSessions == 5 && row.solitarySessions == 2)
    #expect(row.level == .ok)
    let more = try rotaWith(
      sites: Self.twoSites,
      workers: Self.worker("a", sessions: 6, "    mon: RVS\n    tue: home\n    wed: {am: home}\n    fri: {pm: home}\n")
        + "\n" + Self.worker("b", sessions: 3, "    mon: RVS\n    fri: {pm: home}\n"),
      events: supervised)
    let row2 = try #require(report(more, "2026-W48").row("a"))
    #expect(row2.workedSessions == 6 && row2.solitarySessions == 3)
    #expect(row2.level == .watch)
  }
}
