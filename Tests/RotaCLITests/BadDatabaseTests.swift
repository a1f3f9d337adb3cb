import Foundation
import GRDB
import Testing

@testable import RotaCore

/// Bad databases and bad edits: exit status 2, a message that says what is wrong
/// and where, and a database exactly as it was.
@Suite("Bad databases and bad edits, end to end", .serialized)
struct BadDatabaseTests {
  func unchanged(_ path: String, _ body: () throws -> Void) throws {
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    try body()
    let after = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(before == after, "\(path) changed")
  }

  func expectRefused(_ rota: RotaBinary, db: String, says: String, extra: [String: String] = [:]) throws {
    for args in [
      ["week", "--db", db], ["move", "--db", db, "--worker", "amira", "--date", "2026-11-26", "--to", "home"],
    ] {
      let r = try rota.run(args, environment: extra)
      #expect(r.status == 2, "\(args[0]): \(r.status) \(r.stderr)")
      #expect(r.stderr.contains(says), "\(args[0]): \(r.stderr)")
      #expect(r.stdout.isEmpty)
    }
  }

  @Test("a file that is not SQLite")
  func notSQLite() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.write("notes.sqlite3", "Meeting notes, not a database\n")
    try unchanged(db) {
      try expectRefused(rota, db: db, says: "\(db) is not a rota database: it is not an SQLite file at all")
    }
  }

  @Test("an SQLite file that is not a rota")
  func notRota() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = rota.path("contacts.sqlite3")
    let q = try DatabaseQueue(path: db)
    try q.write { try $0.execute(sql: "CREATE TABLE contacts (name TEXT)") }
    try q.close()
    try unchanged(db) { try expectRefused(rota, db: db, says: "is an SQLite database but not a rota database") }
  }

  @Test("a truncated database")
  func truncated() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let whole = try Data(contentsOf: URL(fileURLWithPath: db))
    try whole.prefix(4096 * 3).write(to: URL(fileURLWithPath: db))
    try unchanged(db) { try expectRefused(rota, db: db, says: "is damaged") }
  }

  @Test("a corrupt database (pages overwritten)")
  func corrupt() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    var data = try Data(contentsOf: URL(fileURLWithPath: db))
    for i in stride(from: 4096, to: data.count, by: 7) { data[i] = 0xA5 }
    try data.write(to: URL(fileURLWithPath: db))
    try unchanged(db) { try expectRefused(rota, db: db, says: "is damaged") }
  }

  @Test("a database from a newer schema version")
  func newer() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let q = try DatabaseQueue(path: db)
    try q.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')") }
    try q.close()
    try unchanged(db) {
      try expectRefused(rota, db: db, says: "was made by a newer version of rota (it has schema v9-future)")
    }
  }

  @Test("a locked database, after the busy timeout")
  func locked() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let holder = try DatabaseQueue(path: db)
    try holder.inDatabase { conn in
      try conn.execute(sql: "BEGIN EXCLUSIVE")
      let started = Date()
      let r = try rota.run(
        ["move", "--db", db, "--worker", "amira", "--date", "2026-11-26", "--to", "home"],
        environment: ["ROTA_BUSY_TIMEOUT_MS": "300"])
      #expect(r.status == 2, "\(r.stderr)")
      #expect(r.stderr.contains("is locked by another program, still after waiting 0.3 s; nothing was changed"))
      #expect(Date().timeIntervalSince(started) >= 0.3)
      try conn.execute(sql: "ROLLBACK")
    }
    try holder.close()
    #expect(try rota.run(["log", "--db", db]).stdout.split(separator: "\n").count == 1)
  }

  /// Runs as an ordinary user: root ignores file permissions, so under root the
  /// child drops to `nobody` with setpriv, from a copy of the binary it can reach.
  func asOrdinaryUser(_ rota: RotaBinary) throws -> (prefix: [String], executable: URL, folder: URL) {
    let folder = URL(fileURLWithPath: "/tmp/rota-perm-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    let copy = folder.appendingPathComponent("rota")
    // Written through a descriptor closed on exec: a copy whose descriptor a process
    // started meanwhile by another test inherited would not run ("Text file busy").
    let bytes = try Data(contentsOf: RotaBinary.executable)
    let fd = open(copy.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
    guard fd >= 0 else { throw RotaBinary.Missing(path: "a copy of rota at \(copy.path)") }
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    guard written == bytes.count else { throw RotaBinary.Missing(path: "a whole copy of rota at \(copy.path)") }
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
    if geteuid() == 0 {
      let setpriv = "/usr/bin/setpriv"
      guard FileManager.default.isExecutableFile(atPath: setpriv) else {
        throw RotaBinary.Missing(path: "setpriv (util-linux), needed to test permissions as root")
      }
      return ([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--"], copy, folder)
    }
    return ([], copy, folder)
  }

  @Test("a read-only file: edits are refused with a clear message, reading still works")
  func readOnlyFile() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let (prefix, executable, folder) = try asOrdinaryUser(rota)
    defer { try? FileManager.default.removeItem(at: folder) }
    // The folder is the user's to write in; only the file is read-only.
    let inner = folder.appendingPathComponent("mine")
    try FileManager.default.createDirectory(
      at: inner, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
    try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: inner.path)
    let db = inner.appendingPathComponent("rota.sqlite3").path
    let made = try rota.run(["init", "--from", RotaBinary.seedPath, "--db", db])
    #expect(made.status == 0)
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
    try unchanged(db) {
      let home = ["HOME": folder.path, "XDG_DATA_HOME": folder.path]
      let move = try rota.start(
        ["move", "--db", db, "--worker", "amira", "--date", "2026-11-26", "--to", "home"], environment: home,
        executable: executable, prefix: prefix
      ).wait()
      #expect(move.status == 2, "\(move.stderr)")
      #expect(move.stderr.contains("cannot be written (the file or its folder is read-only); nothing was changed"))
      let read = try rota.start(
        ["week", "--db", db, "--read-only"], environment: home, executable: executable, prefix: prefix
      ).wait()
      #expect(read.status == 0, "\(read.stderr)")
    }
  }

  @Test("a read-only folder: edits are refused with a clear message; --read-only reads it while no one writes")
  func readOnlyFolder() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let (prefix, executable, folder) = try asOrdinaryUser(rota)
    defer { try? FileManager.default.removeItem(at: folder) }
    let inner = folder.appendingPathComponent("shared")
    try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
    let db = inner.appendingPathComponent("rota.sqlite3").path
    #expect(try rota.run(["init", "--from", RotaBinary.seedPath, "--db", db]).status == 0)
    try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: db)
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: inner.path)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: inner.path) }
    try unchanged(db) {
      let move = try rota.start(
        ["move", "--db", db, "--worker", "amira", "--date", "2026-11-26", "--to", "home"],
        environment: ["HOME": folder.path], executable: executable, prefix: prefix
      ).wait()
      #expect(move.status == 2, "\(move.stderr)")
      #expect(move.stderr.contains("cannot be written (the file or its folder is read-only)"), "\(move.stderr)")
      let read = try rota.start(
        ["week", "--db", db, "--read-only"], environment: ["HOME": folder.path], executable: executable, prefix: prefix
      ).wait()
      #expect(read.status == 0, "no one is writing, so it is read as it is: \(read.stderr)")
    }
    // A write-ahead log beside it: someone is writing, and SQLite needs its -shm file.
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: inner.path)
    _ = FileManager.default.createFile(atPath: db + "-wal", contents: nil, attributes: [.posixPermissions: 0o666])
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: inner.path)
    let read = try rota.start(
      ["week", "--db", db, "--read-only"], environment: ["HOME": folder.path], executable: executable, prefix: prefix
    ).wait()
    #expect(read.status == 2, "\(read.stderr)")
    #expect(read.stderr.contains("SQLite needs to create \(db)-shm beside it"), "\(read.stderr)")
  }

  struct BadMove: CustomTestStringConvertible, Sendable {
    let name: String
    let arguments: [String]
    let says: String
    var testDescription: String { name }
  }

  static let badMoves: [BadMove] = [
    BadMove(
      name: "unknown worker", arguments: ["--worker", "nobody", "--date", "2026-11-26", "--to", "home"],
      says: "--worker 'nobody': no worker has that id"),
    BadMove(
      name: "a slip in the id", arguments: ["--worker", "amria", "--date", "2026-11-26", "--to", "home"],
      says: "--worker 'amria': no worker has that id; did you mean amira?"),
    BadMove(
      name: "a slip in the code", arguments: ["--worker", "amira", "--date", "2026-11-26", "--to", "rvz"],
      says: "--to 'rvz': no site has that code; did you mean RVS?"),
    BadMove(
      name: "unknown site", arguments: ["--worker", "amira", "--date", "2026-11-26", "--to", "ZZZ"],
      says: "--to 'ZZZ': no site has that code; known codes: RVS"),
    BadMove(
      name: "impossible date", arguments: ["--worker", "amira", "--date", "2026-02-30", "--to", "home"],
      says: "--date 2026-02-30: not a real date"),
    BadMove(
      name: "a week where a date belongs", arguments: ["--worker", "amira", "--date", "2026-W48", "--to", "home"],
      says: "--date 2026-W48: not a real date"),
    BadMove(
      name: "bad session",
      arguments: ["--worker", "amira", "--date", "2026-11-26", "--session", "eve", "--to", "home"],
      says: "--session eve: expected am or pm"),
    BadMove(
      name: "bad place", arguments: ["--worker", "amira", "--date", "2026-11-26", "--to", "the office"],
      says: "--to the office: expected a site code"),
    BadMove(
      name: "bad expectation",
      arguments: ["--worker", "amira", "--date", "2026-11-26", "--to", "home", "--expect", "?"],
      says: "--expect ?: expected the planned place"),
  ]

  @Test("bad moves exit 2 and change nothing", arguments: badMoves)
  func badMove(_ bad: BadMove) throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    try unchanged(db) {
      let r = try rota.run(["move", "--db", db] + bad.arguments)
      #expect(r.status == 2, "\(r.stderr)")
      #expect(r.stderr.contains(bad.says), "\(r.stderr)")
    }
  }

  @Test("an invalid rota file changes nothing on import; a non-empty database needs --replace")
  func importRefusals() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let bad = try rota.write(
      "bad.yaml", "version: 1\npcn: X\nworkers:\n- id: Bad Id\n  name: X\n  role: care-coordinator\n  sessions: 1\n")
    try unchanged(db) {
      let r = try rota.run(["import", bad, "--replace", "--db", db])
      #expect(r.status == 2)
      #expect(r.stderr.contains("bad.yaml:4:7: 'Bad Id' is not a valid worker id"))
      let again = try rota.run(["import", RotaBinary.seedPath, "--db", db])
      #expect(again.status == 2)
      #expect(again.stderr.contains("already holds a rota; use --replace to replace it"))
    }
  }

  @Test("init refuses to overwrite without --force")
  func initRefuses() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    try unchanged(db) {
      let r = try rota.run(["init", "--demo", "--db", db])
      #expect(r.status == 2)
      #expect(r.stderr.contains("already exists; use --force to replace it"))
    }
    let forced = try rota.run(["init", "--db", db, "--force", "--pcn", "Fresh PCN"])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try rota.run(["export", "--db", db]).stdout == "version: 1\npcn: Fresh PCN\nrevision: 1\n")
  }

  @Test("--read-only changes no byte of the database, and an edit attempt is refused with a message")
  func readOnlyMode() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    try unchanged(db) {
      for args in [["week"], ["check"], ["export"], ["export", "--format", "ics"], ["log"]] {
        let r = try rota.run(args + ["--db", db, "--read-only"])
        #expect(r.status == 0 || (args == ["check"] && r.status == 1), "\(args): \(r.stderr)")
      }
      let m = try rota.run([
        "move", "--db", db, "--read-only", "--worker", "amira", "--date", "2026-11-26", "--to", "home",
      ])
      #expect(m.status == 2)
      #expect(m.stderr.contains("this is a read-only view (--read-only); nothing can be changed"))
    }
    // Read-only never creates the demo either.
    let fresh = try RotaBinary()
    defer { fresh.remove() }
    let r = try fresh.run(["week", "--read-only"])
    #expect(r.status == 2)
    #expect(!FileManager.default.fileExists(atPath: fresh.home.appendingPathComponent("data/rota/rota.sqlite3").path))
  }
}
