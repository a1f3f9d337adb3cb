import Foundation
import RotaTestSupport
import Testing

@testable import RotaCore
@testable import RotaStore

/// Edits of the team and the sites: each in one transaction, logged in words,
/// undone and redone exactly, and refused when made from an out-of-date view.
@Suite("Team edits in the database")
struct TeamEditTests {
  /// The rota file text of the whole rota, without its revision.
  func snapshot(_ store: RotaStore) throws -> String { RotaFileWriter.write(try store.load()) }

  /// Applies `edit`, then checks that undo gives back exactly the rota before and
  /// redo exactly the rota after. Returns the logged summary.
  @discardableResult
  func roundTrip(_ store: RotaStore, _ edit: Edit) throws -> String {
    let before = try snapshot(store)
    let applied = try store.apply(edit, who: "coordinator", at: now)
    let after = try snapshot(store)
    #expect(after != before)
    try store.undo(who: "coordinator", at: now)
    #expect(try snapshot(store) == before)
    try store.redo(who: "coordinator", at: now)
    #expect(try snapshot(store) == after)
    return applied.entry?.summary ?? ""
  }

  static var usual: WeeklyPattern {
    var p = WeeklyPattern()
    for day in [Weekday.mon, .tue, .wed] {
      p[day, .am] = .site("RVS")
      p[day, .pm] = .site("RVS")
    }
    p[.thu, .am] = .home
    return p
  }

  @Test(
    "a starter joins mid-week with a usual week; undo removes them, redo brings them back", arguments: Engine.allCases)
  func addWorker(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    let bea = Worker(
      id: "bea", name: "Bea Starter", role: .careCoordinator, sessions: 7, start: d("2026-11-25"),
      pattern: Self.usual)
    let summary = try roundTrip(store, .addWorker(bea))
    #expect(
      summary.hasPrefix("new worker Bea Starter (bea), Care coordinator, 7 sessions, in post from Wed 25 Nov 2026"))
    #expect(try store.load().workers.last == bea)
    let report = RotaAnalysis(try store.load()).report(for: w48)
    #expect(report.isolation(for: "bea")?.workedSessions == 3)
    #expect(try store.log(worker: "bea").count == 3)
  }

  @Test("a worker's details change field by field, and a leaver ends; their history stays", arguments: Engine.allCases)
  func editAndEndWorker(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    let summary = try roundTrip(
      store, .editWorker(id: "amira", change: WorkerChange(name: "Amira Khan-Ali", sessions: 8)))
    #expect(summary == "Amira Khan: name Amira Khan → Amira Khan-Ali; sessions 10 → 8")
    let ended = try roundTrip(store, .endWorker(id: "tomasz", last: d("2026-11-25")))
    #expect(ended == "Tomasz Wiśniewski leaves: last day in post Wed 25 Nov 2026")
    let rota = try store.load()
    #expect(rota.worker("tomasz")?.end == d("2026-11-25"))
    #expect(rota.leave.contains { $0.worker == "tomasz" })
    #expect(RotaAnalysis(rota).report(for: w48.adding(weeks: 1)).isolation(for: "tomasz") == nil)
  }

  @Test(
    "a new usual week from a date is a pattern change: the weeks before are untouched, no overrides written",
    arguments: Engine.allCases)
  func patternChange(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    let before = try store.load()
    let summary = try roundTrip(store, .changePattern(worker: "sian", from: d("2026-11-26"), pattern: Self.usual))
    #expect(summary.hasPrefix("Siân Pritchard: usual week from Thu 26 Nov 2026: "))
    let after = try store.load()
    #expect(after.overrides == before.overrides)
    #expect(after.worker("sian")?.pattern == before.worker("sian")?.pattern)
    #expect(after.worker("sian")?.patternChanges == [PatternChange(from: d("2026-11-26"), pattern: Self.usual)])
    let p0 = RotaAnalysis(before).placements(for: w48)
    let p1 = RotaAnalysis(after).placements(for: w48)
    let sian = before.workers.firstIndex { $0.id == "sian" }!
    for slot in 0..<6 { #expect(p0.placement(worker: sian, slot: slot) == p1.placement(worker: sian, slot: slot)) }
    #expect(p1.planned(worker: sian, slot: 7) == .off)
    // The same date again replaces the planned change; a date outside the post is refused.
    var other = Self.usual
    other[.fri, .am] = .home
    try store.apply(.changePattern(worker: "sian", from: d("2026-11-26"), pattern: other), who: "c", at: now)
    #expect(try store.load().worker("sian")?.patternChanges.count == 1)
    try store.apply(.endWorker(id: "sian", last: d("2026-12-31")), who: "c", at: now)
    #expect(
      throws: StoreError.invalidEdit(
        "Siân Pritchard is not in post on Mon 4 Jan 2027 (in post until Thu 31 Dec 2026); choose a date within the post"
      )
    ) {
      try store.apply(.changePattern(worker: "sian", from: d("2027-01-04"), pattern: Self.usual), who: "c", at: now)
    }
  }

  @Test("sites are added, edited and closed for good", arguments: Engine.allCases)
  func sites(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    let site = Site(code: "NEW", name: "New Health Centre", kind: .practice, rooms: 2, start: d("2026-12-01"))
    #expect(
      try roundTrip(store, .addSite(site))
        == "new site New Health Centre (NEW), GP practice, 2 rooms, in use from Tue 1 Dec 2026")
    #expect(try store.load().sites.last == site)
    #expect(
      try roundTrip(store, .editSite(code: "NEW", change: SiteChange(rooms: 3)))
        == "New Health Centre (NEW): rooms 2 → 3")
    #expect(
      try roundTrip(store, .endSite(code: "OAK", last: d("2026-11-25")))
        == "Oakfield Medical Centre (OAK) closes for good: last day in use Wed 25 Nov 2026")
    let report = RotaAnalysis(try store.load()).report(for: w48)
    #expect(
      report.findings.contains { $0.rule == .siteClosed && $0.site == "OAK" && $0.message.contains("no longer in use") }
    )
  }

  @Test("leave booked by half days, then half of it cancelled: the entry is split", arguments: Engine.allCases)
  func cancelLeaveSplits(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    let leave = Leave(
      worker: "hodan", from: DatedSession(d("2026-12-01"), .pm), to: DatedSession(d("2026-12-04"), .am), kind: .annual)
    try store.apply(.bookLeave(leave), who: "coordinator", at: now)
    let summary = try roundTrip(
      store,
      .cancelLeaveSpan(worker: "hodan", from: DatedSession(d("2026-12-02"), .pm), to: DatedSession(d("2026-12-03"))))
    #expect(
      summary
        == "Hodan Abdi: leave cancelled, Wed 2 Dec PM to Thu 3 Dec; still on leave Tue 1 Dec PM to Wed 2 Dec AM, Fri 4 Dec AM"
    )
    let left = try store.load().leave.filter { $0.worker == "hodan" && $0.from.date >= d("2026-12-01") }
    #expect(
      Set(left.map { "\($0.from.token)..\($0.to.token)" }) == [
        "2026-12-01-pm..2026-12-02-am", "2026-12-04-am..2026-12-04-am",
      ])
    #expect(throws: StoreError.invalidEdit("Hodan Abdi has no leave Mon 7 Dec to cancel")) {
      try store.apply(
        .cancelLeaveSpan(worker: "hodan", from: DatedSession(d("2026-12-07")), to: DatedSession(d("2026-12-07"))),
        who: "c", at: now)
    }
  }

  @Test("an event with an outside lead is added and moved; undo puts it back", arguments: Engine.allCases)
  func events(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    let e = Event(
      title: "Clinical supervision", kind: .supervision, date: d("2026-11-26"), half: .pm, venue: .online,
      lead: "Dr Sara Patel (GP supervisor)", attendees: ["chidi", "amira"])
    try store.apply(.addEvent(e), who: "coordinator", at: now)
    var moved = e
    moved.date = d("2026-11-27")
    moved.half = .am
    let summary = try roundTrip(store, .editEvent(from: e, to: moved))
    #expect(summary == "Clinical supervision (supervision), Thu 26 Nov PM: moved from Thu 26 Nov PM to Fri 27 Nov AM")
    #expect(try store.load().events.contains(moved))
    #expect(RotaAnalysis(try store.load()).report(for: w48).isolation(for: "chidi")?.lastSupervision == d("2026-11-27"))
  }

  @Test(
    "an edit from an out-of-date view is refused, names who changed it and when, and writes nothing",
    arguments: Engine.allCases)
  func staleView(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    // Both views saw Amira with 10 sessions.
    let view = try store.load()
    let mine = try EditPlanner(view).plan(.editWorker(id: "amira", change: WorkerChange(sessions: 8))).recordsBefore
    try store.apply(.editWorker(id: "amira", change: WorkerChange(sessions: 9)), who: "supervisor", at: now)
    let before = try snapshot(store)
    #expect(throws: StoreError.self) {
      try store.apply(
        .editWorker(id: "amira", change: WorkerChange(sessions: 8)), records: mine, who: "coordinator", at: now)
    }
    do {
      try store.apply(
        .editWorker(id: "amira", change: WorkerChange(sessions: 8)), records: mine, who: "coordinator", at: now)
    } catch {
      #expect(error.exitStatus == 3)
      #expect(error.description.hasPrefix("refused: Amira Khan's sessions was changed by supervisor on "))
      #expect(error.description.contains("it is now ‘9’, not ‘10’. Nothing was written."))
    }
    #expect(try snapshot(store) == before)
    // A starter added by someone else first: adding the same id is refused.
    let bea = Worker(id: "bea", name: "Bea", role: .careCoordinator, sessions: 2)
    try store.apply(.addWorker(bea), who: "supervisor", at: now)
    #expect(throws: StoreError.invalidEdit("the id 'bea' is already Bea's; choose another")) {
      try store.apply(.addWorker(bea), who: "coordinator", at: now)
    }
  }

  @Test(
    "undo of an addition is refused once someone has booked something for the new worker", arguments: Engine.allCases)
  func undoAdditionInUse(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    try store.apply(.addWorker(Worker(id: "bea", name: "Bea", role: .careCoordinator, sessions: 2)), who: "c", at: now)
    try store.apply(
      .bookLeave(Leave(worker: "bea", from: DatedSession(d("2026-12-01")), kind: .annual)), who: "s", at: now)
    let before = try snapshot(store)
    #expect(throws: StoreError.self) { try store.undo(who: "c", at: now) }
    #expect(try snapshot(store) == before)
  }

  @Test(
    "undo of an addition is refused once someone has planned a usual week for the new worker",
    arguments: Engine.allCases)
  func undoAdditionWithPlannedWeek(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    try store.apply(.addWorker(Worker(id: "bea", name: "Bea", role: .careCoordinator, sessions: 2)), who: "c", at: now)
    try store.apply(.changePattern(worker: "bea", from: d("2026-12-07"), pattern: Self.usual), who: "s", at: now)
    let before = try snapshot(store)
    #expect(throws: StoreError.self) { try store.undo(who: "c", at: now) }
    #expect(try snapshot(store) == before)
    #expect(try store.load().worker("bea")?.patternChanges.count == 1)
  }

  @Test("bad edits are refused with what is wrong, and nothing is written", arguments: Engine.allCases)
  func badEdits(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    let before = try snapshot(store)
    let cases: [(Edit, String)] = [
      (
        .addWorker(Worker(id: "Bad Id", name: "X", role: .careCoordinator, sessions: 2)),
        "'Bad Id' is not a valid worker id"
      ),
      (
        .addWorker(Worker(id: "x", name: "X", role: .careCoordinator, sessions: 15)), "sessions is 15; expected 0 to 14"
      ),
      (
        .addWorker(Worker(id: "x", name: "X\u{1B}[2J", role: .careCoordinator, sessions: 2)),
        "the name contains the control character"
      ),
      (
        .addWorker(
          Worker(id: "x", name: "X", role: .careCoordinator, sessions: 2, start: d("2026-12-02"), end: d("2026-12-01"))),
        "the last day (Tue 1 Dec 2026) is before the first (Wed 2 Dec 2026)"
      ),
      (.editWorker(id: "nobody", change: WorkerChange(sessions: 2)), "no worker has the id 'nobody'"),
      (.editWorker(id: "amira", change: WorkerChange(sessions: 10)), "Amira Khan already has those details"),
      (.endWorker(id: "amira", last: d("2026-11-30")), ""),
      (.addSite(Site(code: "RVS", name: "Again", kind: .practice)), "the code RVS is already Riverside Surgery's"),
      (.addSite(Site(code: "HOME", name: "Home", kind: .practice)), "'HOME' is not a valid site code"),
      (.editSite(code: "RVS", change: SiteChange(rooms: 51)), "rooms is 51; expected 0 to 50"),
      (
        .changePattern(worker: "amira", from: d("2026-11-26"), pattern: DemoPCN.rota().worker("amira")!.pattern),
        "already that"
      ),
      (
        .addEvent(
          Event(
            title: "Supervision", kind: .supervision, date: d("2026-11-26"), venue: .online, lead: "Dr X\u{1B}]52;c;",
            attendees: ["amira"])), "the lead contains the control character U+001B"
      ),
    ]
    for (edit, message) in cases where !message.isEmpty {
      do {
        try store.apply(edit, who: "c", at: now)
        Issue.record("accepted: \(edit)")
      } catch {
        #expect(error.exitStatus == 2, "\(edit)")
        #expect(error.description.contains(message), "\(error.description)")
      }
    }
    #expect(try snapshot(store) == before)
  }
}
