import Foundation
import GRDB
import RotaTestSupport
import Testing

@testable import RotaCore
@testable import RotaStore

@Suite("The rota database")
struct StoreTests {
  @Test(
    "what is stored loads back as the same rota, and the demo seed round-trips byte for byte",
    arguments: Engine.allCases)
  func roundTrip(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    let loaded = try store.load()
    #expect(loaded.canonicalized() == DemoPCN.rota().canonicalized())
    #expect(RotaFileWriter.write(loaded) == DemoPCN.yaml)
  }

  @Test("a generated rota round-trips through the database", arguments: Engine.allCases)
  func generatedRoundTrip(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    var g = RotaGenerator(.init(workers: 80, sites: 16, weeks: 8, start: w48, seed: 2))
    let rota = g.rota()
    let store = try scratch.create(rota)
    #expect(try store.load().canonicalized() == rota.canonicalized())
  }

  @Test("WAL mode, synchronous commits and a busy timeout are on")
  func connectionSettings() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    _ = try demoStore(scratch)
    let store = try RotaStore.open(path: scratch.path("rota.sqlite3"), busyMilliseconds: 1234)
    let (mode, synchronous, timeout) = try store.queue.read { db in
      (
        try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
        try Int.fetchOne(db, sql: "PRAGMA busy_timeout")
      )
    }
    #expect(mode == "wal")
    #expect(synchronous == 2, "synchronous = FULL")
    #expect(timeout == 1234)
  }

  @Test("files and folders are created owner-only")
  func ownerOnly() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let path = scratch.path("deep/er/rota.sqlite3")
    _ = try RotaStore.create(path: path, rota: DemoPCN.rota(), source: "t", who: "t", at: now)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let folder = try FileManager.default.attributesOfItem(atPath: scratch.path("deep/er"))
    #expect((folder[.posixPermissions] as? Int) == 0o700)
  }

  @Test("create never replaces an existing database without force")
  func createRefusesExisting() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    _ = try demoStore(scratch)
    #expect(throws: StoreError.exists(path: scratch.path("rota.sqlite3"))) {
      try RotaStore.create(path: scratch.path("rota.sqlite3"), rota: Rota(pcn: "X"), source: "t", who: "t", at: now)
    }
    let replaced = try RotaStore.create(
      path: scratch.path("rota.sqlite3"), rota: Rota(pcn: "X"), force: true, source: "t", who: "t", at: now)
    #expect(try replaced.load().pcn == "X")
  }

  @Test("a window loads only the dated entries the weeks need, and analyses the same", arguments: Engine.allCases)
  func window(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    var g = RotaGenerator(.init(workers: 60, sites: 12, weeks: 20, start: w48, seed: 5))
    let rota = g.rota()
    let store = try scratch.create(rota)
    let week = w48.adding(weeks: 10)
    let (windowed, analysis) = try store.loadAnalysed(weeks: week...week)
    #expect(windowed.overrides.count < rota.overrides.count)
    let a = RotaAnalysis(rota).report(for: week)
    let b = analysis.report(for: week)
    #expect(a.findings == b.findings)
    #expect(a.isolation == b.isolation)
  }

  @Test(
    "with starters, leavers, changing usual weeks and closing sites, every week's window analyses the same",
    arguments: Engine.allCases)
  func windowWithTeamChanges(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    var g = RotaGenerator(.init(workers: 80, sites: 12, weeks: 20, start: w48, seed: 3, teamChanges: true))
    var rota = g.rota()
    #expect(rota.workers.contains { $0.start != nil } && rota.workers.contains { !$0.patternChanges.isEmpty })
    // Someone always alone at home, away for five weeks before week 10: whether
    // their streak goes on before its window is decided further back than any
    // window reaches, so the store must load more and look again.
    var pattern = WeeklyPattern()
    for day in [Weekday.mon, .tue, .wed, .thu, .fri] {
      pattern[day, .am] = .home
      pattern[day, .pm] = .home
    }
    rota.workers.append(
      Worker(id: "loner", name: "Lone Worker", role: .careCoordinator, sessions: 10, pattern: pattern))
    rota.leave.append(
      Leave(
        worker: "loner", from: DatedSession(w48.adding(weeks: 5).monday),
        to: DatedSession(w48.adding(weeks: 9).sunday), kind: .sick))
    let store = try scratch.create(rota)
    #expect(try store.load().canonicalized() == rota.canonicalized())
    let whole = RotaAnalysis(rota)
    var streaksBefore = 0
    for k in [0, 3, 6, 10, 13, 16, 19] {
      let week = w48.adding(weeks: k)
      let (_, analysis) = try store.loadAnalysed(weeks: week...week, reportingWeeksBefore: 2)
      for w in [week.adding(weeks: -2), week] {
        #expect(analysis.report(for: w).findings == whole.report(for: w).findings, "\(w)")
        #expect(analysis.report(for: w).isolation == whole.report(for: w).isolation, "\(w)")
      }
      streaksBefore += whole.report(for: week).findings.filter { $0.continuesBefore == true }.count
    }
    #expect(streaksBefore > 0)
  }

  @Test(
    "a rota of version 1.1 keeps every new key through the database; export adds the revision",
    arguments: Engine.allCases)
  func teamKeysRoundTrip(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    var rota = DemoPCN.rota()
    rota.workers[0].start = d("2024-04-01")
    rota.workers[1].end = d("2027-03-31")
    rota.workers[2].patternChanges = [
      PatternChange(from: d("2027-01-04"), pattern: rota.workers[3].pattern),
      PatternChange(from: d("2027-02-01"), pattern: WeeklyPattern()),
    ]
    rota.sites[0].start = d("2019-07-01")
    rota.sites[1].end = d("2027-03-31")
    rota.events[0].lead = "Dr Sara Patel (GP supervisor)"
    let store = try scratch.create(rota)
    #expect(try store.load().canonicalized() == rota.canonicalized())
    try store.apply(.move(worker: "amira", date: d("2026-11-27"), half: nil, to: .home), who: "c", at: now)
    let exported = try store.export()
    #expect(exported.revision == 2)
    #expect(RotaFileWriter.write(exported).contains("\nrevision: 2\n"))
  }
}

@Suite("Edits, the change log, undo and redo")
struct EditTests {
  func planned(_ store: RotaStore, _ worker: String, _ date: String, _ half: Half) throws -> EffectivePlacement {
    let rota = try store.load()
    let w = rota.workers.firstIndex { $0.id == worker }!
    let p = RotaAnalysis(rota).placements(for: d(date).isoWeek)
    return p.placement(worker: w, day: d(date).weekday.rawValue, half: half)
  }

  @Test("a move is saved, logged in plain words, undone and redone", arguments: Engine.allCases)
  func moveUndoRedo(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    let before = try store.load()
    let result = try store.apply(
      .move(worker: "amira", date: d("2026-11-26"), half: nil, to: .site("OAK")), who: "coordinator", at: now)
    #expect(
      result.entry?.summary == "Amira Khan, Thu 26 Nov: Riverside Surgery → Oakfield Medical Centre (both sessions)")
    #expect(
      result.entry?.line(currentYear: 2026)
        == "Tue 24 Nov 14:02 coordinator: Amira Khan, Thu 26 Nov: Riverside Surgery → Oakfield Medical Centre (both sessions)"
    )
    #expect(try planned(store, "amira", "2026-11-26", .pm) == .site("OAK"))
    try store.undo(who: "coordinator", at: now)
    #expect(try store.load().canonicalized() == before.canonicalized())
    try store.redo(who: "coordinator", at: now)
    #expect(try planned(store, "amira", "2026-11-26", .am) == .site("OAK"))
    let log = try store.log()
    #expect(log.map(\.kind) == [.import, .edit, .undo, .redo])
    #expect(log[1].undoneBy == log[2].id)
  }

  @Test("moving back to the usual place removes the override instead of keeping it", arguments: Engine.allCases)
  func moveBack(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    let overrides = try store.load().overrides.count
    try store.apply(.move(worker: "amira", date: d("2026-11-26"), half: .am, to: .home), who: "c", at: now)
    #expect(try store.load().overrides.count == overrides + 1)
    try store.apply(.move(worker: "amira", date: d("2026-11-26"), half: .am, to: .site("RVS")), who: "c", at: now)
    #expect(try store.load().overrides.count == overrides)
  }

  @Test(
    "an edit from an out-of-date view is refused, names who and when, and writes nothing", arguments: Engine.allCases)
  func conflict(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    try store.apply(.move(worker: "amira", date: d("2026-11-26"), half: nil, to: .site("OAK")), who: "siobhan", at: now)
    let snapshot = try store.load()
    let log = try store.log().count
    let stale = CellExpectation(worker: "amira", date: d("2026-11-26"), half: .am, place: .site("RVS"))
    do {
      try store.apply(
        .move(worker: "amira", date: d("2026-11-26"), half: .am, to: .home), expecting: [stale], who: "ben", at: now)
      Issue.record("the stale edit went through")
    } catch {
      #expect(error.exitStatus == 3)
      #expect(error.description.contains("is now Oakfield Medical Centre (OAK), not Riverside Surgery (RVS)"))
      #expect(error.description.contains("changed by siobhan on Tue 24 Nov 14:02"))
    }
    #expect(try store.load() == snapshot)
    #expect(try store.log().count == log)
  }

  @Test("swapping two days of one worker, and one day of two workers", arguments: Engine.allCases)
  func swaps(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    try store.apply(
      .swapDays(worker: "amira", first: d("2026-11-23"), second: d("2026-11-25"), half: nil), who: "c", at: now)
    #expect(try planned(store, "amira", "2026-11-23", .am) == .home)
    #expect(try planned(store, "amira", "2026-11-25", .pm) == .site("RVS"))
    try store.apply(.swapWorkers(first: "amira", second: "chidi", date: d("2026-11-24"), half: .pm), who: "c", at: now)
    #expect(try planned(store, "amira", "2026-11-24", .pm) == .site("HIL"))
    #expect(try planned(store, "chidi", "2026-11-24", .pm) == .site("OAK"))
    #expect(try planned(store, "chidi", "2026-11-24", .am) == .site("HIL"))
    let entries = try store.log()
    #expect(
      entries.last?.summary
        == "Amira Khan ⇄ Chidi Okonkwo, Tue 24 Nov (PM): Oakfield Medical Centre ⇄ Hillside Medical Practice")
    #expect(entries.last?.workers == ["amira", "chidi"])
    try store.undo(who: "c", at: now)
    try store.undo(who: "c", at: now)
    #expect(try store.load().canonicalized() == DemoPCN.rota().canonicalized())
  }

  @Test("booking and cancelling leave, adding and removing an event, each undoable", arguments: Engine.allCases)
  func leaveAndEvents(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    let leave = Leave(
      worker: "amira", from: DatedSession(d("2026-11-26")), to: DatedSession(d("2026-11-27"), .am), kind: .annual)
    try store.apply(.bookLeave(leave), who: "c", at: now)
    #expect(try planned(store, "amira", "2026-11-27", .am) == .leave)
    #expect(try planned(store, "amira", "2026-11-27", .pm) == .site("MIL"))
    try store.apply(.cancelLeave(leave), who: "c", at: now)
    #expect(try planned(store, "amira", "2026-11-26", .am) == .site("RVS"))
    #expect(throws: StoreError.self) { try store.apply(.cancelLeave(leave), who: "c", at: now) }
    let event = Event(
      title: "Supervision with Dr Adeyemi", kind: .supervision, date: d("2026-11-25"), half: .pm, venue: .online,
      attendees: ["chidi", "tomasz"])
    try store.apply(.addEvent(event), who: "supervisor", at: now)
    let report = RotaAnalysis(try store.load()).report(for: w48)
    #expect(report.isolation.first { $0.worker == "chidi" }?.lastSupervision == d("2026-11-25"))
    try store.undo(who: "supervisor", at: now)
    #expect(try !store.load().events.contains(event))
    try store.redo(who: "supervisor", at: now)
    try store.apply(.removeEvent(event), who: "c", at: now)
    #expect(try !store.load().events.contains(event))
  }

  @Test("a new usual week from a date keeps the weeks before it as they were", arguments: Engine.allCases)
  func changePattern(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    let before = try store.load()
    var pattern = before.worker("chidi")!.pattern
    pattern[.mon, .am] = .site("RVS")
    pattern[.mon, .pm] = .site("RVS")
    try store.apply(.changePattern(worker: "chidi", from: d("2026-11-30"), pattern: pattern), who: "c", at: now)
    #expect(try planned(store, "chidi", "2026-11-23", .am) == .site("STJ"))
    #expect(try planned(store, "chidi", "2026-11-16", .pm) == .site("STJ"))
    #expect(try planned(store, "chidi", "2026-11-30", .am) == .site("RVS"))
    #expect(try planned(store, "chidi", "2027-01-04", .pm) == .site("RVS"))
    let entry = try store.log().last!
    #expect(
      entry.summary == "Chidi Okonkwo: usual week from Mon 30 Nov 2026: Mon St John's Road Surgery → Riverside Surgery")
    try store.undo(who: "c", at: now)
    #expect(try store.load().canonicalized() == before.canonicalized())
  }

  @Test("undo, redo, undo: each entry names the edit itself, never \"undid: redid: …\"", arguments: Engine.allCases)
  func undoRedoWords(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    try store.apply(.move(worker: "amira", date: d("2026-11-26"), half: .am, to: .home), who: "alice", at: now)
    let edit = try store.log().last!.summary
    try store.undo(who: "alice", at: now)
    try store.redo(who: "alice", at: now)
    try store.undo(who: "alice", at: now)
    let words = try store.log().suffix(3).map(\.summary)
    #expect(words == ["undid: \(edit)", "redid: \(edit)", "undid: \(edit)"])
  }

  @Test(
    "undo belongs to the person who made the edit, and refuses when someone changed the cell since",
    arguments: Engine.allCases)
  func undoIsPersonal(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    try store.apply(.move(worker: "amira", date: d("2026-11-26"), half: .am, to: .home), who: "alice", at: now)
    #expect(throws: StoreError.nothingToUndo("bob has nothing to undo")) { try store.undo(who: "bob", at: now) }
    try store.apply(.move(worker: "amira", date: d("2026-11-26"), half: .am, to: .site("OAK")), who: "bob", at: now)
    do {
      try store.undo(who: "alice", at: now)
      Issue.record("undo overwrote bob's change")
    } catch {
      #expect(error.exitStatus == 3)
      #expect(error.description.contains("changed by bob"))
    }
    #expect(try planned(store, "amira", "2026-11-26", .am) == .site("OAK"))
  }

  @Test("unknown workers and sites are bad input, not conflicts", arguments: Engine.allCases)
  func unknowns(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    #expect(throws: StoreError.invalidEdit("no worker has the id 'nobody'")) {
      try store.apply(.move(worker: "nobody", date: d("2026-11-26"), half: nil, to: .home), who: "c", at: now)
    }
    #expect(throws: StoreError.invalidEdit("no site has the code 'ZZZ'")) {
      try store.apply(.move(worker: "amira", date: d("2026-11-26"), half: nil, to: .site("ZZZ")), who: "c", at: now)
    }
  }

  @Test("the log filters by worker and by date", arguments: Engine.allCases)
  func logFilters(engine: Engine) throws {
    let scratch = try Scratch(engine)
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    try store.apply(.move(worker: "amira", date: d("2026-11-26"), half: .am, to: .home), who: "c", at: now)
    let later = LocalDateTime(iso: "2026-12-02T09:30:00+00:00")!
    try store.apply(.move(worker: "chidi", date: d("2026-12-03"), half: .am, to: .home), who: "c", at: later)
    #expect(try store.log(worker: "amira").map(\.workers) == [["amira"]])
    #expect(try store.log(since: d("2026-12-01")).map(\.workers) == [["chidi"]])
    #expect(try store.log(limit: 1).count == 1)
  }
}
