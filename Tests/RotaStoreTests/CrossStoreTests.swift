import Foundation
import RotaTestSupport
import Testing

@testable import RotaCore
@testable import RotaStore

/// Moving a rota between SQLite and PostgreSQL loses nothing.
@Suite("Between SQLite and PostgreSQL")
struct CrossStoreTests {
  /// A rota file's text without its revision line, which each database numbers itself.
  func withoutRevision(_ rota: Rota) -> String {
    RotaFileWriter.write(rota).split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("revision:") }.joined(separator: "\n")
  }

  /// A v1.1 rota with a few weeks of edits in its log.
  func edited(_ store: RotaStore) throws {
    try store.apply(.move(worker: "amira", date: d("2026-11-26"), half: nil, to: .site("OAK")), who: "coord", at: now)
    try store.apply(
      .bookLeave(
        Leave(
          worker: "hodan", from: DatedSession(d("2026-12-01"), .am),
          to: DatedSession(d("2026-12-02"), .pm), kind: .training)), who: "coord", at: now)
    try store.apply(.move(worker: "chidi", date: d("2026-11-27"), half: .am, to: .site("OAK")), who: "sara", at: now)
    try store.undo(who: "sara", at: now)
  }

  @Test("export from SQLite, import into PostgreSQL, and export again: the same bytes but the revision; and back")
  func exportImport() throws {
    let sqlite = try Scratch(.sqlite)
    let postgres = try Scratch(.postgresql)
    defer {
      sqlite.remove()
      postgres.remove()
    }
    let file = try demoStore(sqlite)
    try edited(file)
    let exported = try file.export()
    let server = try postgres.create(Rota(pcn: exported.pcn))
    try server.importRota(exported, replace: true, source: "x.yaml", who: "t", at: now)
    let again = try server.export()
    #expect(withoutRevision(again) == withoutRevision(exported))
    #expect(RotaFileWriter.write(again) != RotaFileWriter.write(exported) || again.revision == exported.revision)
    let back = try sqlite.create(Rota(pcn: "x"), name: "back.sqlite3")
    try back.importRota(again, replace: true, force: true, source: "y.yaml", who: "t", at: now)
    #expect(withoutRevision(try back.export()) == withoutRevision(exported))
  }

  @Test("rota copy takes an SQLite rota with its log into PostgreSQL: same rota, same log, undo carries on")
  func copyWithLog() throws {
    let sqlite = try Scratch(.sqlite)
    let postgres = try Scratch(.postgresql)
    defer {
      sqlite.remove()
      postgres.remove()
    }
    let file = try demoStore(sqlite)
    try edited(file)
    let (copy, changes) = try file.copy(to: try postgres.location())
    defer { copy.close() }
    let log = try file.log()
    #expect(changes == log.count)
    #expect(withoutRevision(try copy.export()) == withoutRevision(try file.export()))
    let copiedLog = try copy.log()
    #expect(copiedLog.map(\.summary) == log.map(\.summary))
    #expect(copiedLog.map(\.who) == log.map(\.who))
    #expect(copiedLog.map(\.kind) == log.map(\.kind))
    #expect(copiedLog.map { $0.undoneBy != nil } == log.map { $0.undoneBy != nil })
    // Undo reads the copied log: coord's last edit (the leave) is undone, then redone.
    try file.undo(who: "coord", at: now)
    try copy.undo(who: "coord", at: now)
    #expect(withoutRevision(try copy.export()) == withoutRevision(try file.export()))
    try copy.redo(who: "sara", at: now)
    try file.redo(who: "sara", at: now)
    #expect(withoutRevision(try copy.export()) == withoutRevision(try file.export()))
    // A second copy to the same PCN is refused without --force.
    #expect(throws: StoreError.self) { try file.copy(to: try postgres.location()) }
  }

  @Test("live updates on PostgreSQL: another connection's commit changes the counter, the store's own does not need to")
  func notifications() throws {
    let postgres = try Scratch(.postgresql)
    defer { postgres.remove() }
    let writer = try demoStore(postgres)
    defer { writer.close() }
    let reader = try postgres.reopen()
    defer { reader.close() }
    let before = try reader.dataVersion()
    try writer.apply(.move(worker: "amira", date: d("2026-11-26"), half: nil, to: .home), who: "c", at: now)
    let deadline = Date().addingTimeInterval(5)
    var after = try reader.dataVersion()
    while after == before && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.02)
      after = try reader.dataVersion()
    }
    #expect(after != before, "no notification reached the reader within 5 s")
  }
}

@Suite("One schema for both engines")
struct SchemaParityTests {
  @Test("PostgreSQL knows the same migrations as SQLite, in the same order: a new one needs both")
  func sameMigrations() {
    #expect(PostgresSchema.known == Schema.known)
  }
}
