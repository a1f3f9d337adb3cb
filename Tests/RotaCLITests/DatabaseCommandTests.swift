import Foundation
import GRDB
import RotaTestSupport
import Testing

@testable import RotaCore

@Suite("The database from the shell, end to end")
struct DatabaseCommandTests {
  @Test("on a fresh machine, rota week creates the demo database (owner-only) and shows this week, busy")
  func firstRun() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let r = try rota.run(["week", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let path = rota.home.appendingPathComponent("data/rota/rota.sqlite3").path
    #expect(r.stderr.contains("created \(path) from the built-in demo"))
    #expect(r.stderr.split(separator: "\n").count == 1)
    let object = try #require(try json(r.stdout) as? [String: Any])
    #expect(object["week"] as? String == "2026-W48")
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let folder = try FileManager.default.attributesOfItem(atPath: rota.home.appendingPathComponent("data/rota").path)
    #expect(folder[.posixPermissions] as? Int == 0o700)
    let check = try rota.run(["check", "--format", "json"])
    #expect(check.status == 1)
    #expect(check.stderr.isEmpty, "the demo is created once: \(check.stderr)")
    let rules = Set(
      ((try json(check.stdout) as? [String: Any])?["findings"] as? [[String: Any]] ?? []).map { $0["rule"] as! String })
    #expect(rules.count == 13)
  }

  @Test("a mistyped --db or ROTA_DB is an error, and nothing is created")
  func mistyped() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let r = try rota.run(["week", "--db", rota.path("typo.sqlite3")])
    #expect(r.status == 2)
    #expect(r.stderr.contains("there is no rota database at \(rota.path("typo.sqlite3"))"))
    let e = try rota.run(["check"], environment: ["ROTA_DB": rota.path("typo2.sqlite3")])
    #expect(e.status == 2)
    #expect(!FileManager.default.fileExists(atPath: rota.path("typo.sqlite3")))
    #expect(!FileManager.default.fileExists(atPath: rota.path("typo2.sqlite3")))
  }

  @Test("rota move followed by rota log shows the change, in plain words")
  func moveThenLog() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let env = ["ROTA_NOW": "2026-11-24T14:02"]
    let m = try rota.run(
      ["move", "--db", db, "--worker", "amira", "--date", "2026-11-26", "--to", "OAK", "--as", "coordinator"],
      environment: env)
    #expect(m.status == 0, "\(m.stderr)")
    #expect(m.stdout == "saved: Amira Khan, Thu 26 Nov: Riverside Surgery → Oakfield Medical Centre (both sessions)\n")
    let log = try rota.run(["log", "--db", db, "--worker", "amira"], environment: env)
    #expect(
      log.stdout
        == "Tue 24 Nov 14:02 coordinator: Amira Khan, Thu 26 Nov: Riverside Surgery → Oakfield Medical Centre (both sessions)\n"
    )
    let week = try rota.run(["week", "--db", db, "--worker", "amira", "--format", "json"])
    let placements =
      ((try json(week.stdout) as? [String: Any])?["workers"] as? [[String: Any]])?.first?["placements"]
      as? [[String: String]]
    #expect(placements?[3] == ["date": "2026-11-26", "am": "OAK", "pm": "OAK"])
    let undo = try rota.run(["undo", "--db", db, "--as", "coordinator"], environment: env)
    #expect(undo.status == 0)
    #expect(try rota.run(["log", "--db", db, "--worker", "amira"]).stdout.contains("(undone)"))
  }

  @Test("--expect that does not match is refused with exit 3, names who and when, and writes nothing")
  func expectRefused() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    _ = try rota.run(
      ["move", "--db", db, "--worker", "amira", "--date", "2026-11-26", "--to", "OAK", "--as", "siobhan"],
      environment: ["ROTA_NOW": "2026-11-24T09:15"])
    let before = try rota.run(["export", "--db", db]).stdout
    let r = try rota.run([
      "move", "--db", db, "--worker", "amira", "--date", "2026-11-26", "--to", "HUB", "--expect", "RVS", "--as", "ben",
    ])
    #expect(r.status == 3)
    #expect(r.stderr.contains("is now Oakfield Medical Centre (OAK), not Riverside Surgery (RVS)"))
    #expect(r.stderr.contains("changed by siobhan on Tue 24 Nov 09:15"))
    #expect(try rota.run(["export", "--db", db]).stdout == before)
    #expect(try rota.run(["log", "--db", db]).stdout.split(separator: "\n").count == 2)
  }

  @Test(
    "two rota move --expect started together on one cell: one succeeds, one is refused, 50 times over",
    arguments: Engine.allCases)
  func racingMoves(engine: Engine) throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let server = engine == .postgresql ? try TestServer.newDatabase() : nil
    defer { server.map(TestServer.dropDatabase) }
    let db = try rota.demoDatabase(server.map { try TestServer.address(database: $0) } ?? "rota.sqlite3")
    var wins: [String: Int] = [:]
    for round in 0..<50 {
      // Weekdays from 4 January 2027: ten weeks with no bank holiday and no leave for chidi.
      let date = LocalDate(iso: "2027-01-04")!.adding(days: 7 * (round / 5) + round % 5).iso
      let usual = try rota.run(["week", "--db", db, "--worker", "chidi", "--week", date, "--format", "json"])
      let day =
        ((try json(usual.stdout) as? [String: Any])?["workers"] as? [[String: Any]])?.first?["placements"]
        as? [[String: String]]
      let current = day?.first { $0["date"] == date }?["am"] ?? "?"
      let a = try rota.start([
        "move", "--db", db, "--worker", "chidi", "--date", date, "--session", "am", "--to", "OAK", "--expect", current,
        "--as", "alice",
      ])
      let b = try rota.start([
        "move", "--db", db, "--worker", "chidi", "--date", date, "--session", "am", "--to", "MIL", "--expect", current,
        "--as", "bob",
      ])
      let ra = try a.wait()
      let rb = try b.wait()
      let statuses = [ra.status, rb.status].sorted()
      #expect(statuses == [0, 3], "round \(round): \(ra.status) \(ra.stderr) / \(rb.status) \(rb.stderr)")
      let winner = ra.status == 0 ? "OAK" : "MIL"
      let loser = ra.status == 0 ? rb : ra
      #expect(loser.stderr.contains("is now"), "\(loser.stderr)")
      wins[winner, default: 0] += 1
      let after = try rota.run(["week", "--db", db, "--worker", "chidi", "--week", date, "--format", "json"])
      let now =
        ((try json(after.stdout) as? [String: Any])?["workers"] as? [[String: Any]])?.first?["placements"]
        as? [[String: String]]
      #expect(now?.first { $0["date"] == date }?["am"] == winner, "round \(round): the winner's place was lost")
    }
    let log = try rota.run(["log", "--db", db, "--worker", "chidi"]).stdout.split(separator: "\n")
    #expect(log.count == 50, "exactly one edit per round is logged")
  }

  @Test("readers always see a whole rota while a writer replaces it again and again")
  func consistentReads() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let a = RotaBinary.seedPath
    let generated = try rota.run([
      "generate", "--workers", "300", "--sites", "40", "--weeks", "8", "--start", "2026-W45", "--seed", "9",
    ])
    let b = try rota.write("b.yaml", generated.stdout)
    let exportA = withoutRevision(try rota.run(["export", "--db", db]).stdout)
    _ = try rota.run(["import", b, "--replace", "--force", "--db", db])
    let exportB = withoutRevision(try rota.run(["export", "--db", db]).stdout)
    #expect(exportA != exportB)
    let loop =
      "for i in 1 2 3 4 5 6; do \"$0\" import \(a) --replace --force --db \(db) >/dev/null"
      + " && \"$0\" import \(b) --replace --force --db \(db) >/dev/null || exit 1; done"
    let writer = try rota.start(["-c", loop, RotaBinary.executable.path], executable: URL(fileURLWithPath: "/bin/sh"))
    var reads = 0
    var mixed = 0
    while writer.process.isRunning || reads < 5 {
      let r = try rota.run(["export", "--db", db])
      #expect(r.status == 0, "\(r.stderr)")
      let read = withoutRevision(r.stdout)
      if read != exportA && read != exportB { mixed += 1 }
      reads += 1
      if reads > 400 { break }
    }
    let w = try writer.wait()
    #expect(w.status == 0, "\(w.stderr)")
    #expect(mixed == 0, "\(mixed) of \(reads) reads saw a rota that was neither the old nor the new one")
    #expect(reads >= 5)
  }

  @Test("an import killed with SIGKILL at any moment leaves the whole old rota or the whole new one")
  func killedImport() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let big = try rota.run([
      "generate", "--workers", "1000", "--sites", "150", "--weeks", "52", "--start", "2026-W01", "--seed", "7",
    ])
    let file = try rota.write("big.yaml", big.stdout)
    let reference = try rota.demoDatabase("reference.sqlite3")
    let old = try rota.run(["export", "--db", reference]).stdout
    _ = try rota.run(["import", file, "--replace", "--force", "--db", reference])
    let new = try rota.run(["export", "--db", reference]).stdout
    var outcomes: [String] = []
    // Kills at moments in time (some before the transaction, some after), and kills
    // triggered by the write-ahead log growing, which can only happen while the
    // import's transaction is writing.
    let moments: [(String, Double?, Int?)] = [
      ("0.2 s", 0.2, nil), ("WAL 64 KB", nil, 64 << 10), ("WAL 512 KB", nil, 512 << 10), ("WAL 1 MB", nil, 1 << 20),
      ("WAL 2 MB", nil, 2 << 20), ("WAL 3 MB", nil, 3 << 20), ("1.2 s", 1.2, nil), ("after it finished", nil, nil),
    ]
    for (label, delay, walBytes) in moments {
      let db = try rota.demoDatabase("killed-\(outcomes.count).sqlite3")
      let child = try rota.start(["import", file, "--replace", "--force", "--db", db])
      if let delay {
        Thread.sleep(forTimeInterval: delay)
      } else if walBytes == nil {
        child.process.waitUntilExit()
      } else if let walBytes {
        let deadline = Date().addingTimeInterval(20)
        while child.process.isRunning && Date() < deadline {
          let size = (try? FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? Int) ?? 0
          if size >= walBytes { break }
          Thread.sleep(forTimeInterval: 0.002)
        }
      }
      let wasRunning = child.process.isRunning
      child.kill(SIGKILL)
      _ = try child.wait()
      let after = try rota.run(["export", "--db", db])
      #expect(after.status == 0, "after a kill at \(label) the database does not open: \(after.stderr)")
      let state = after.stdout == old ? "old" : (after.stdout == new ? "new" : "MIXED")
      #expect(state != "MIXED", "after a kill at \(label) the rota is neither the old nor the new one")
      if walBytes != nil {
        #expect(
          wasRunning && state == "old", "a kill in the middle of the transaction (\(label)) must leave the old rota")
      }
      outcomes.append("\(label):\(wasRunning ? "killed" : "finished"):\(state)")
    }
    // The test is only worth something if some kills landed while the import ran.
    #expect(outcomes.contains { $0.contains(":killed:") }, "\(outcomes)")
    #expect(outcomes.contains { $0.hasSuffix(":new") }, "\(outcomes)")
    print("kill outcomes: \(outcomes.joined(separator: ", "))")
  }
}
