import Foundation
import Testing

@testable import RotaCore

/// The rules of version 1.1 on both sides of their boundaries: posts, usual
/// weeks that change from a date, sites that open or close for good, presence
/// at events, and whether a solitary streak goes on before its window. The week
/// is 2026-W48 (Mon 23 to Sun 29 November 2026), with no bank holiday.
@Suite("Rules of version 1.1")
struct TeamChangeRuleTests {
  static let sites = """
    - code: RVS
      name: Riverside Surgery
      kind: practice
    - code: OAK
      name: Oakfield
      kind: practice
      rooms: 2
    """

  /// A worker at RVS every weekday, with extra YAML lines (post dates, pattern changes).
  static func worker(_ id: String, sessions: Int = 10, _ extra: String = "", pattern: String = "RVS") -> String {
    var w = "- id: \(id)\n  name: Worker \(id)\n  role: gp-link-worker\n  sessions: \(sessions)\n"
    w += extra
    w += "  pattern: {mon: \(pattern), tue: \(pattern), wed: \(pattern), thu: \(pattern), fri: \(pattern)}\n"
    return w
  }

  func placements(_ r: Rota, _ id: String, _ w: String = "2026-W48") -> [String] {
    let p = RotaAnalysis(r).placements(for: week(w))
    let i = r.workers.firstIndex { $0.id == id }!
    return (0..<14).map { p.placement(worker: i, slot: $0).token }
  }

  // MARK: A starter's first week

  @Test("a starter is not in post before their start: no findings, no under-contract, a row for the week")
  func starterFirstWeek() throws {
    let r = try rotaWith(sites: Self.sites, workers: Self.worker("new", "  start: 2026-11-25\n"))
    #expect(
      placements(r, "new").prefix(6) == ["not-in-post", "not-in-post", "not-in-post", "not-in-post", "RVS", "RVS"])
    let rep = report(r, "2026-W48")
    #expect(rep.findings(.notInPost).isEmpty)
    // 6 planned of 10, but not in post all week: under-contract stays quiet.
    #expect(rep.findings(.underContract).isEmpty)
    #expect(rep.isolation(for: "new")?.workedSessions == 6)
    // In post all seven days: under-contract is back.
    let fromMonday = try rotaWith(
      sites: Self.sites, workers: Self.worker("new", sessions: 10, "  start: 2026-11-23\n", pattern: "RVS"))
    let overrides = "- {worker: new, date: 2026-11-23, place: off}"
    let short = try rotaWith(
      sites: Self.sites, workers: Self.worker("new", "  start: 2026-11-23\n"), overrides: overrides)
    #expect(report(fromMonday, "2026-W48").findings(.underContract).isEmpty)
    #expect(report(short, "2026-W48").findings(.underContract).count == 1)
  }

  @Test("a starter from next week has no isolation row this week, and the report says so by id")
  func starterNextWeek() throws {
    let r = try rotaWith(
      sites: Self.sites, workers: Self.worker("new", "  start: 2026-11-30\n") + Self.worker("old"))
    let rep = report(r, "2026-W48")
    #expect(rep.isolation.map(\.worker) == ["old"])
    #expect(rep.isolation(for: "new") == nil)
    #expect(rep.isolation(for: "old")?.worker == "old")
    #expect(rep.isolation(worker: 1)?.worker == "old")
    #expect(report(r, "2026-W49").isolation.map(\.worker) == ["new", "old"])
  }

  // MARK: A leaver's last week

  @Test("a leaver: an override or an event after the last day fires not-in-post once per session; off does not")
  func leaverLastWeek() throws {
    let overrides = """
      - {worker: gone, date: 2026-11-26, session: am, place: OAK}
      - {worker: gone, date: 2026-11-26, session: pm, place: off}
      - {worker: gone, date: 2026-11-25, place: home}
      """
    let events = """
      - {title: Team meeting, kind: team, date: 2026-11-26, session: am, where: online, attendees: [gone, stay]}
      - {title: Training, kind: training, date: 2026-11-27, where: online, attendees: [gone]}
      """
    let r = try rotaWith(
      sites: Self.sites, workers: Self.worker("gone", "  end: 2026-11-25\n") + Self.worker("stay", pattern: "home"),
      overrides: overrides, events: events)
    #expect(placements(r, "gone").suffix(8) == Array(repeating: "not-in-post", count: 8))
    #expect(placements(r, "gone")[4] == "home")
    let f = report(r, "2026-W48").findings(.notInPost)
    // Thu AM (override and event, once), Fri AM and PM (the whole-day event); Thu PM's off is fine.
    #expect(f.map { "\($0.date!.iso)-\($0.session!.token)" } == ["2026-11-26-am", "2026-11-27-am", "2026-11-27-pm"])
    #expect(f[0].message.contains("placed at Oakfield and due at Team meeting"))
    #expect(f[0].message.contains("left after Wed 25 Nov 2026"))
    // The leaver is not present at the meeting, so it keeps no one company.
    let p = RotaAnalysis(r).placements(for: week("2026-W48"))
    #expect(p.isSolitary(worker: 1, slot: 6))
    // The last day itself is in post.
    let lastDay = try rotaWith(
      sites: Self.sites, workers: Self.worker("gone", "  end: 2026-11-26\n"),
      overrides: "- {worker: gone, date: 2026-11-26, place: OAK}")
    #expect(report(lastDay, "2026-W48").findings(.notInPost).isEmpty)
  }

  @Test("a leaver's history stays: their earlier weeks are checked as before")
  func leaverHistory() throws {
    let r = try rotaWith(sites: Self.sites, workers: Self.worker("gone", "  end: 2026-11-20\n"))
    #expect(report(r, "2026-W47").isolation(for: "gone")?.workedSessions == 10)
    #expect(report(r, "2026-W48").isolation(for: "gone") == nil)
    #expect(report(r, "2026-W48").findings.isEmpty)
  }

  // MARK: A usual week that changes mid-week

  @Test("a pattern change from Thursday: Monday to Wednesday keep the old week, Thursday on the new")
  func patternChangeMidWeek() throws {
    let change = "  pattern_changes:\n    - from: 2026-11-26\n      pattern: {mon: OAK, thu: home, fri: {am: OAK}}\n"
    let r = try rotaWith(sites: Self.sites, workers: Self.worker("a", change))
    #expect(
      placements(r, "a").prefix(10)
        == ["RVS", "RVS", "RVS", "RVS", "RVS", "RVS", "home", "home", "OAK", "off"])
    // The week after is all new; the week before all old.
    #expect(placements(r, "a", "2026-W49").prefix(4) == ["OAK", "OAK", "off", "off"])
    #expect(placements(r, "a", "2026-W47").prefix(4) == ["RVS", "RVS", "RVS", "RVS"])
    // Planned sessions count the pattern in force each day: 6 old + 3 new.
    #expect(report(r, "2026-W48").findings(.underContract).first?.sessions == 9)
    // A change on the Monday takes the whole week.
    let monday = try rotaWith(
      sites: Self.sites,
      workers: Self.worker("a", "  pattern_changes:\n    - from: 2026-11-23\n      pattern: {mon: home}\n"))
    #expect(placements(monday, "a").prefix(4) == ["home", "home", "off", "off"])
  }

  @Test("an override still beats the pattern in force")
  func overrideBeatsChangedPattern() throws {
    let change = "  pattern_changes:\n    - from: 2026-11-23\n      pattern: {mon: home}\n"
    let r = try rotaWith(
      sites: Self.sites, workers: Self.worker("a", change),
      overrides: "- {worker: a, date: 2026-11-23, session: pm, place: OAK}")
    #expect(placements(r, "a").prefix(2) == ["home", "OAK"])
  }

  // MARK: A site ending mid-week

  @Test("a site that ends on Wednesday is closed from Thursday: site-closed, and no cover-gap")
  func siteEndingMidWeek() throws {
    let sites = """
      - code: RVS
        name: Riverside Surgery
        kind: practice
        cover: [mon, tue, wed, thu, fri]
        end: 2026-11-25
      """
    let r = try rotaWith(sites: sites, workers: Self.worker("a", pattern: "RVS"))
    let rep = report(r, "2026-W48")
    let closed = rep.findings(.siteClosed)
    #expect(closed.map { $0.date!.iso }.sorted() == ["2026-11-26", "2026-11-26", "2026-11-27", "2026-11-27"])
    #expect(closed[0].message.contains("no longer in use (since Thu 26 Nov 2026)"))
    #expect(rep.findings(.coverGap).isEmpty)
    let nobody = try rotaWith(sites: sites, workers: Self.worker("a", pattern: "home"))
    #expect(report(nobody, "2026-W48").findings(.coverGap).map { $0.date!.iso }.allSatisfy { $0 <= "2026-11-25" })
    #expect(report(nobody, "2026-W48").findings(.coverGap).count == 6)
  }

  @Test("a site that starts on Thursday is closed before it")
  func siteStartingMidWeek() throws {
    let sites = "- code: RVS\n  name: Riverside Surgery\n  kind: practice\n  start: 2026-11-26\n"
    let closed = report(try rotaWith(sites: sites, workers: Self.worker("a")), "2026-W48").findings(.siteClosed)
    #expect(closed.count == 6)
    #expect(closed[0].message.contains("not in use yet (from Thu 26 Nov 2026)"))
  }

  // MARK: Presence at events

  static let pair = worker("a", pattern: "home") + worker("b", pattern: "home")

  @Test("away-at-event: on leave in the event's half fires once per session; the other half does not")
  func awayOnLeave() throws {
    let events = """
      - {title: Supervision, kind: supervision, date: 2026-11-24, where: online, attendees: [a, b]}
      - {title: Huddle, kind: team, date: 2026-11-24, session: am, where: online, attendees: [a, b]}
      """
    let r = try rotaWith(
      sites: Self.sites, workers: Self.pair, leave: "- {worker: a, from: 2026-11-24-am, kind: annual}",
      events: events)
    let rep = report(r, "2026-W48")
    let away = rep.findings(.awayAtEvent)
    #expect(away.count == 1)
    #expect(away.first?.session == .am && away.first?.worker == "a")
    #expect(away.first?.message == "Worker a is on leave on Tue 24 Nov AM but is due at Supervision, Huddle")
    // b is alone at both events in the morning, in company in the afternoon.
    let p = RotaAnalysis(r).placements(for: week("2026-W48"))
    #expect(p.isSolitary(worker: 1, slot: 2))
    #expect(!p.isSolitary(worker: 1, slot: 3))
    // A supervision counts for an attendee present in either half.
    #expect(rep.isolation(for: "a")?.lastSupervision == date("2026-11-24"))
  }

  @Test("an attendee who is off is present: no finding, and they keep the others company")
  func offIsPresent() throws {
    let events = "- {title: Huddle, kind: team, date: 2026-11-24, session: am, where: online, attendees: [a, b]}"
    let r = try rotaWith(
      sites: Self.sites, workers: Self.pair, overrides: "- {worker: a, date: 2026-11-24, place: off}",
      events: events)
    #expect(report(r, "2026-W48").findings(.awayAtEvent).isEmpty)
    #expect(!RotaAnalysis(r).placements(for: week("2026-W48")).isSolitary(worker: 1, slot: 2))
  }

  @Test("a supervision missed on leave is not the last supervision")
  func supervisionMissedOnLeave() throws {
    let events = """
      - {title: Supervision, kind: supervision, date: 2026-11-10, where: online, attendees: [a]}
      - {title: Supervision, kind: supervision, date: 2026-11-24, session: pm, where: online, attendees: [a]}
      """
    let r = try rotaWith(
      sites: Self.sites, workers: Self.pair, leave: "- {worker: a, from: 2026-11-24, kind: sick}", events: events)
    #expect(report(r, "2026-W48").isolation(for: "a")?.lastSupervision == date("2026-11-10"))
    // An override to a place during leave makes them present (and fires leave-clash).
    let clash = try rotaWith(
      sites: Self.sites, workers: Self.pair, leave: "- {worker: a, from: 2026-11-24, kind: sick}",
      overrides: "- {worker: a, date: 2026-11-24, session: pm, place: home}", events: events)
    #expect(report(clash, "2026-W48").isolation(for: "a")?.lastSupervision == date("2026-11-24"))
    #expect(report(clash, "2026-W48").findings(.awayAtEvent).isEmpty)
  }

  @Test("a bank holiday: an attendee on the holiday is away; an override on the holiday stands")
  func bankHoliday() throws {
    // Monday 28 December 2026 is the Boxing Day substitute in England and Wales.
    let events =
      "- {title: Supervision, kind: supervision, date: 2026-12-28, session: am, where: online, attendees: [a, b]}"
    let r = try rotaWith(sites: Self.sites, workers: Self.pair, events: events)
    let rep = report(r, "2026-W53")
    #expect(rep.findings(.awayAtEvent).map(\.worker) == ["a", "b"])
    #expect(rep.findings(.awayAtEvent).first?.message.contains("on a bank holiday") == true)
    #expect(rep.isolation(for: "a")?.lastSupervision == nil)
    let worked = try rotaWith(
      sites: Self.sites, workers: Self.pair, overrides: "- {worker: a, date: 2026-12-28, place: off}",
      events: events)
    #expect(report(worked, "2026-W53").findings(.awayAtEvent).map(\.worker) == ["b"])
    #expect(report(worked, "2026-W53").isolation(for: "a")?.lastSupervision == date("2026-12-28"))
  }

  // MARK: continues_before

  static let lookback = "  lookback_weeks: 1"

  @Test("continues_before: true when the latest worked day before the window was solitary")
  func continuesBefore() throws {
    let r = try rotaWith(policy: Self.lookback, sites: Self.sites, workers: Self.worker("a"))
    let f = report(r, "2026-W48").findings(.solitaryStreak)
    #expect(f.count == 1 && f[0].continuesBefore == true && f[0].streak == 5)
    #expect(
      f[0].message
        == "Worker a: at least 5 solitary working days in a row, Mon 23 Nov to Fri 27 Nov and earlier (limit 3)")
  }

  @Test("continues_before: false when the latest worked day before was in company; days off are skipped")
  func continuesBeforeCompany() throws {
    let workers = Self.worker("a") + Self.worker("b", pattern: "home")
    // Friday 20 November: b joins a at RVS.
    let withCompany = try rotaWith(
      policy: Self.lookback, sites: Self.sites, workers: workers,
      overrides: "- {worker: b, date: 2026-11-20, place: RVS}")
    #expect(
      report(withCompany, "2026-W48").findings(.solitaryStreak).first { $0.worker == "a" }?.continuesBefore == false)
    // The week before is leave: the look-back skips it to the Friday before, in company.
    let leave = "- {worker: a, from: 2026-11-16, to: 2026-11-22, kind: annual}"
    let skipped = try rotaWith(
      policy: Self.lookback, sites: Self.sites, workers: workers, leave: leave,
      overrides: "- {worker: b, date: 2026-11-13, place: RVS}")
    #expect(report(skipped, "2026-W48").findings(.solitaryStreak).first { $0.worker == "a" }?.continuesBefore == false)
    // Without the company on 13 November, the run goes on.
    let alone = try rotaWith(policy: Self.lookback, sites: Self.sites, workers: workers, leave: leave)
    #expect(report(alone, "2026-W48").findings(.solitaryStreak).first { $0.worker == "a" }?.continuesBefore == true)
  }

  @Test("continues_before: days before the post are not worked days; a streak after company is false")
  func continuesBeforePost() throws {
    let starter = try rotaWith(
      policy: Self.lookback, sites: Self.sites, workers: Self.worker("a", "  start: 2026-11-23\n"))
    #expect(report(starter, "2026-W48").findings(.solitaryStreak).first?.continuesBefore == false)
    // Company on Monday: the streak from Tuesday does not start the window.
    let r = try rotaWith(
      policy: Self.lookback, sites: Self.sites, workers: Self.worker("a") + Self.worker("b", pattern: "home"),
      overrides: "- {worker: b, date: 2026-11-23, place: RVS}")
    let f = report(r, "2026-W48").findings(.solitaryStreak).first { $0.worker == "a" }
    #expect(f?.streak == 4 && f?.continuesBefore == false)
  }

  @Test("continues_before looks back 364 days and no further")
  func continuesBeforeYear() throws {
    // Alone on one Monday 52 weeks before the window, then on leave until it.
    let leave = "- {worker: a, from: 2025-11-25, to: 2026-11-22, kind: other}"
    let r = try rotaWith(policy: Self.lookback, sites: Self.sites, workers: Self.worker("a"), leave: leave)
    #expect(report(r, "2026-W48").findings(.solitaryStreak).first?.continuesBefore == true)
    let longer = "- {worker: a, from: 2025-11-24, to: 2026-11-22, kind: other}"
    let r2 = try rotaWith(policy: Self.lookback, sites: Self.sites, workers: Self.worker("a"), leave: longer)
    #expect(report(r2, "2026-W48").findings(.solitaryStreak).first?.continuesBefore == false)
  }

  @Test("an analysis of a rota loaded from a date says when it needed to look further back")
  func historyNeeded() throws {
    var r = try rotaWith(policy: Self.lookback, sites: Self.sites, workers: Self.worker("a"))
    r.completeFrom = date("2026-11-23")
    let analysis = RotaAnalysis(r)
    _ = analysis.report(for: week("2026-W48"))
    #expect(analysis.historyNeeded == date("2026-11-16"))
    r.completeFrom = nil
    let full = RotaAnalysis(r)
    _ = full.report(for: week("2026-W48"))
    #expect(full.historyNeeded == nil)
  }

  // MARK: JSON

  @Test("the new findings carry exactly their fields in JSON; continues_before is a boolean")
  func jsonFields() throws {
    let events = """
      - {title: Huddle, kind: team, date: 2026-11-26, session: am, where: online, attendees: [gone, a]}
      - {title: Training, kind: training, date: 2026-11-24, session: am, where: online, attendees: [a]}
      """
    let r = try rotaWith(
      sites: Self.sites, workers: Self.worker("gone", "  end: 2026-11-25\n") + Self.worker("a", pattern: "home"),
      leave: "- {worker: a, from: 2026-11-24, kind: annual}", events: events)
    let rep = report(r, "2026-W48")
    let text = JSONReports.check(pcn: "P", weeks: [rep.week], findings: rep.findings, isolation: rep.isolation)
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    let findings = object["findings"] as! [[String: Any]]
    for code in ["not-in-post", "away-at-event"] {
      let list = findings.filter { $0["rule"] as? String == code }
      #expect(list.count == 1, "\(code)")
      for f in list {
        #expect(Set(f.keys) == ["rule", "severity", "week", "message", "worker", "date", "session"])
        #expect(f["severity"] as? String == "error")
      }
    }
    let streak = findings.first { $0["rule"] as? String == "solitary-streak" }!
    #expect(
      Set(streak.keys) == ["rule", "severity", "week", "message", "worker", "streak", "from", "to", "continues_before"])
    #expect(streak["continues_before"] as? Bool == true)
    #expect(text.contains("\"continues_before\": true"))
    // Rules in alphabetical order within a severity: away-at-event before not-in-post.
    let errors = findings.filter { $0["severity"] as? String == "error" }.map { $0["rule"] as! String }
    #expect(errors == errors.sorted())
  }
}
