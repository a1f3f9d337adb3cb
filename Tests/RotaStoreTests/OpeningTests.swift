import Foundation
import GRDB
import Testing

@testable import RotaCore
@testable import RotaStore

@Suite("Opening databases, good and bad")
struct OpeningTests {
  @Test("a database from the first schema (kept as a file) opens and reads in this version")
  func firstSchema() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "Fixtures/schema-v1.sqlite3")
    let path = scratch.path("old.sqlite3")
    try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
    let store = try RotaStore.open(path: path)
    let rota = try store.load()
    #expect(rota.pcn == "Riverside and Oakfield PCN")
    #expect(rota.workers.count == 10 && rota.sites.count == 11)
    let log = try store.log()
    #expect(log.map(\.who) == ["coordinator", "coordinator", "supervisor"])
    #expect(log.last?.summary == "Chidi Okonkwo, Wed 25 Nov: home → Riverside Wellbeing Hub (PM)")
    // It is a working database: it takes an edit and undoes it.
    try store.apply(.move(worker: "amira", date: d("2026-11-27"), half: nil, to: .home), who: "coordinator", at: now)
    try store.undo(who: "coordinator", at: now)
    let migrations = try store.queue.read { db in try Schema.migrator.appliedIdentifiers(db) }
    #expect(migrations == Set(Schema.known))
  }

  @Test("a database of schema v2 is upgraded: no post or site dates, no pattern changes, and it takes v1.1 data")
  func upgradesVersion2() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "Fixtures/schema-v2.sqlite3")
    let path = scratch.path("v2.sqlite3")
    try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
    let store = try RotaStore.open(path: path)
    let rota = try store.load()
    #expect(rota.workers.count == 10 && rota.sites.count == 11)
    #expect(rota.workers.allSatisfy { $0.start == nil && $0.end == nil && $0.patternChanges.isEmpty })
    #expect(rota.sites.allSatisfy { $0.start == nil && $0.end == nil })
    #expect(rota.events.allSatisfy { $0.lead == nil })
    #expect(
      try store.seenMark(worker: "amira") == SeenMark(at: LocalDateTime(iso: "2026-11-24T09:00:00+00:00")!, change: nil)
    )
    #expect(try store.log().count == 3)
    // It checks as it did before: the same findings as the demo with the two logged moves.
    let moved = DemoPCN.rota().applying([
      .setOverride(worker: "amira", date: d("2026-11-26"), half: .am, place: .site("OAK")),
      .setOverride(worker: "amira", date: d("2026-11-26"), half: .pm, place: .site("OAK")),
      .setOverride(worker: "chidi", date: d("2026-11-25"), half: .pm, place: .site("HUB")),
    ])
    #expect(RotaAnalysis(rota).report(for: w48).findings == RotaAnalysis(moved).report(for: w48).findings)
    var withPost = rota
    withPost.workers[0].end = d("2026-12-31")
    try store.importRota(withPost, replace: true, force: true, source: "t", who: "t", at: now)
    #expect(try store.load().workers[0].end == d("2026-12-31"))
    let migrations = try store.queue.read { db in try Schema.migrator.appliedIdentifiers(db) }
    #expect(migrations == Set(Schema.known))
  }

  @Test("a path with nothing there is not created")
  func missing() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    #expect(throws: StoreError.notFound(path: scratch.path("typo.sqlite3"))) {
      try RotaStore.open(path: scratch.path("typo.sqlite3"))
    }
    #expect(!FileManager.default.fileExists(atPath: scratch.path("typo.sqlite3")))
  }

  @Test("a file that is not SQLite is refused and left as it was")
  func notSQLite() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let path = scratch.path("notes.sqlite3")
    try Data("These are my notes, not a database.\n".utf8).write(to: URL(fileURLWithPath: path))
    let before = try bytes(path)
    #expect(throws: StoreError.notSQLite(path: path)) { try RotaStore.open(path: path) }
    #expect(try bytes(path) == before)
  }

  @Test("an SQLite database that is not a rota is refused and left as it was")
  func notRota() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let path = scratch.path("other.sqlite3")
    let other = try DatabaseQueue(path: path)
    try other.write { db in try db.execute(sql: "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')")
    }
    try other.close()
    let before = try bytes(path)
    #expect(throws: StoreError.notRota(path: path)) { try RotaStore.open(path: path) }
    #expect(try bytes(path) == before)
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
  }

  @Test("a truncated database is reported as damaged")
  func truncated() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    store.close()
    let path = scratch.path("rota.sqlite3")
    let whole = try bytes(path)
    try whole.prefix(whole.count / 3).write(to: URL(fileURLWithPath: path))
    do {
      let s = try RotaStore.open(path: path)
      _ = try s.load()
      Issue.record("a truncated database loaded")
    } catch {
      guard case .damaged = error else {
        Issue.record("expected damaged, got \(error)")
        return
      }
      #expect(error.description.contains("is damaged"))
    }
  }

  @Test("a database from a newer schema is refused, not misread")
  func newer() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    try store.queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')") }
    store.close()
    #expect(throws: StoreError.newerSchema(path: scratch.path("rota.sqlite3"), migrations: ["v9-future"])) {
      try RotaStore.open(path: scratch.path("rota.sqlite3"))
    }
  }

  @Test("read-only opens SQLite read-only: no byte of the file changes and edits are refused")
  func readOnly() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    do {
      let s = try demoStore(scratch)
      s.close()
    }
    let path = scratch.path("rota.sqlite3")
    let before = try bytes(path)
    let store = try RotaStore.open(path: path, readOnly: true)
    _ = try store.load()
    _ = try store.log()
    #expect(throws: StoreError.readOnlyMode) {
      try store.apply(.move(worker: "amira", date: d("2026-11-26"), half: nil, to: .home), who: "c", at: now)
    }
    #expect(throws: StoreError.readOnlyMode) { try store.undo(who: "c", at: now) }
    // Even going around the store's own check, SQLite itself refuses to write.
    #expect(throws: DatabaseError.self) {
      try store.queue.writeWithoutTransaction { db in try db.execute(sql: "DELETE FROM worker") }
    }
    store.close()
    #expect(try bytes(path) == before)
  }

  @Test("read-only makes no -wal or -shm file, and still sees what others save")
  func readOnlyMakesNoFiles() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    do {
      let s = try demoStore(scratch)
      s.close()
    }
    let path = scratch.path("rota.sqlite3")
    func beside() -> [String] {
      ["-wal", "-shm"].filter { FileManager.default.fileExists(atPath: path + $0) }
    }
    let viewer = try RotaStore.open(path: path, readOnly: true)
    _ = try viewer.load()
    let version = try viewer.dataVersion()
    #expect(beside().isEmpty, "made \(beside())")

    // Someone edits and closes while the viewer is open: it notices, and reads the edit.
    do {
      let editor = try RotaStore.open(path: path)
      try editor.apply(.move(worker: "amira", date: d("2026-11-26"), half: nil, to: .home), who: "c", at: now)
      editor.close()
    }
    #expect(try viewer.dataVersion() != version)
    let home = try viewer.load().overrides.contains {
      $0.worker == "amira" && $0.date == d("2026-11-26") && $0.place == .home
    }
    #expect(home)
    #expect(beside().isEmpty, "made \(beside())")

    // Someone keeps it open and edits (their -wal and -shm are beside it): the viewer reads through them.
    let editor = try RotaStore.open(path: path)
    let before = try viewer.dataVersion()
    try editor.apply(.move(worker: "amira", date: d("2026-11-26"), half: nil, to: .site("OAK")), who: "c", at: now)
    #expect(try viewer.dataVersion() != before)
    let oak = try viewer.load().overrides.contains {
      $0.worker == "amira" && $0.date == d("2026-11-26") && $0.place == .site("OAK")
    }
    #expect(oak)
    viewer.close()
    editor.close()
  }

  @Test("a database locked by another connection is reported after the busy timeout, and nothing is written")
  func locked() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    _ = try demoStore(scratch)
    let path = scratch.path("rota.sqlite3")
    let holder = try DatabaseQueue(path: path)
    let store = try RotaStore.open(path: path, busyMilliseconds: 150)
    try holder.inDatabase { db in
      try db.execute(sql: "BEGIN EXCLUSIVE")
      #expect(throws: StoreError.locked(path: path, waitedMilliseconds: 150)) {
        try store.apply(.move(worker: "amira", date: d("2026-11-26"), half: nil, to: .home), who: "c", at: now)
      }
      try db.execute(sql: "ROLLBACK")
    }
    #expect(try store.log().count == 1)
  }
}
