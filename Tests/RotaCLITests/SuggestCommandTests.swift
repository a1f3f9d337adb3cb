import Foundation
import GRDB
import Testing

/// `rota suggest`, run as a coordinator or a script would: the demo week's plan and
/// single suggestions in text and JSON, exit statuses, --apply, undo, and refusal
/// when the rota changed underneath.
@Suite("rota suggest")
struct SuggestCommandTests {
  static let week = "2026-W48"

  func object(_ r: RotaBinary.Result) throws -> [String: Any] {
    try #require(try json(r.stdout) as? [String: Any], "\(r.stdout)\n\(r.stderr)")
  }

  /// What `rota check` counts for the week, as the contract's cost does.
  func checkCost(_ rota: RotaBinary, db: String) throws -> [String: Int] {
    let check = try #require(
      try json(try rota.run(["check", "--db", db, "--week", Self.week, "--format", "json"]).stdout) as? [String: Any])
    let findings = try #require(check["findings"] as? [[String: Any]])
    let rows = try #require(check["isolation"] as? [[String: Any]])
    var out = ["errors": 0, "warnings": 0, "info": 0]
    for f in findings {
      let severity = try #require(f["severity"] as? String)
      out[severity == "error" ? "errors" : severity == "warning" ? "warnings" : "info", default: 0] += 1
    }
    out["solitary_days"] = rows.reduce(0) { $0 + ($1["solitary_days"] as? Int ?? 0) }
    return out
  }

  @Test("the demo week's plan as JSON: the contract's keys, and a result rota check confirms once applied")
  func planJSONAndApply() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let before = try checkCost(rota, db: db)
    // A time limit long enough that the search ends by itself, even in a debug
    // build on a busy machine, so the plan shown and the plan applied are one.
    let limit = ["--time-limit", "600000"]
    let r = try rota.run(["suggest", "--db", db, "--week", Self.week, "--format", "json"] + limit)
    #expect(!r.stderr.contains("time limit"))
    #expect(r.status == 0, "\(r.stderr)")
    let plan = try object(r)
    #expect(
      Set(plan.keys) == ["week", "since", "baseline", "result", "changes", "cleared", "added", "later_weeks_changed"])
    #expect(plan["week"] as? String == Self.week)
    #expect(plan["since"] as? String == rota.today)
    let baseline = try #require(plan["baseline"] as? [String: Int])
    #expect(Set(baseline.keys) == ["cost", "errors", "warnings", "info", "solitary_days"])
    for (k, v) in before { #expect(baseline[k] == v, "baseline \(k)") }
    let result = try #require(plan["result"] as? [String: Int])
    let changes = try #require(plan["changes"] as? [[String: String]])
    #expect(result["changes"] == changes.count && !changes.isEmpty)
    #expect(result["cost"]! < baseline["cost"]!)
    for c in changes {
      #expect(Set(c.keys) == ["worker", "date", "session", "from", "to"])
      #expect(c["date"]! >= rota.today, "nothing before today changes")
    }
    let cleared = try #require(plan["cleared"] as? [[String: Any]])
    #expect(!cleared.isEmpty)
    for f in cleared { #expect(f["rule"] != nil && f["severity"] != nil && f["week"] != nil && f["message"] != nil) }

    let applied = try rota.run(
      ["suggest", "--db", db, "--week", Self.week, "--apply", "--as", "coordinator"] + limit)
    #expect(applied.status == 0, "\(applied.stderr)")
    #expect(applied.stdout.contains("Applied: "))
    let after = try checkCost(rota, db: db)
    for (k, v) in after { #expect(result[k] == v, "result \(k): check says \(v)") }
    // One entry in the log (after the import), and one undo takes all of it back.
    #expect(try rota.run(["log", "--db", db]).stdout.split(separator: "\n").count == 2)
    let undo = try rota.run(["undo", "--db", db, "--as", "coordinator"])
    #expect(undo.status == 0, "\(undo.stderr)")
    #expect(try checkCost(rota, db: db) == before)
  }

  @Test("the same rota, week, date, time limit and seed give the same plan")
  func deterministic() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    // A limit the search ends well within, so neither its budget nor the clock
    // cuts it (a debug build is slow).
    let args = ["suggest", "--db", db, "--week", Self.week, "--format", "json", "--seed", "7", "--time-limit", "60000"]
    let first = try rota.run(args)
    #expect(first.status == 0)
    #expect(!first.stderr.contains("time limit"))
    for _ in 0..<2 { #expect(try rota.run(args).stdout == first.stdout) }
  }

  @Test("the plan in text: its changes, the cost before and after, what it clears")
  func planText() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let r = try rota.run(["suggest", "--db", db, "--week", Self.week])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("a plan for Week 48"))
    #expect(r.stdout.contains("Changing from Wed 25 Nov on"))
    #expect(r.stdout.contains("Cost "))
    #expect(r.stdout.contains("Clears "))
    #expect(r.stdout.contains("Apply it with --apply"))
  }

  @Test("single suggestions for a finding, a cell and a cover gap, in JSON, best first")
  func singles() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let check = try #require(
      try json(try rota.run(["check", "--db", db, "--week", Self.week, "--format", "json"]).stdout) as? [String: Any])
    let findings = try #require(check["findings"] as? [[String: Any]])
    // The over-capacity at Riverside on Monday is before today: pick one from today on.
    let index = try #require(
      findings.firstIndex {
        ($0["date"] as? String).map { $0 >= "2026-11-25" } ?? false && $0["severity"] as? String == "error"
      })
    for args in [
      ["--finding", "\(index)"], ["--worker", "siobhan", "--date", "2026-11-26", "--session", "pm"],
      ["--site", "STJ", "--date", "2026-11-27", "--session", "am"],
    ] {
      let r = try rota.run(["suggest", "--db", db, "--week", Self.week, "--format", "json", "--limit", "3"] + args)
      #expect(r.status == 0, "\(args): \(r.stderr)")
      let o = try object(r)
      #expect(Set(o.keys) == ["week", "since", "baseline", "suggestions"], "\(args)")
      let list = try #require(o["suggestions"] as? [[String: Any]])
      #expect((1...3).contains(list.count), "\(args)")
      var last = 0
      for s in list {
        #expect(Set(s.keys) == ["result", "changes", "cleared", "added"])
        let cost = try #require((s["result"] as? [String: Int])?["cost"])
        #expect(cost >= last)
        last = cost
        let n = (s["changes"] as? [Any])?.count ?? 0
        #expect(n == 1 || n == 2)
      }
      if args[0] == "--finding" {
        let target = findings[index]["message"] as? String
        for s in list {
          let cleared = (s["cleared"] as? [[String: Any]] ?? []).map { $0["message"] as? String }
          #expect(cleared.contains(target))
        }
      }
    }
    let text = try rota.run([
      "suggest", "--db", db, "--week", Self.week, "--site", "STJ", "--date", "fri", "--session", "am",
    ])
    #expect(text.status == 0)
    #expect(text.stdout.contains("who can cover St John's Road Surgery on Fri 27 Nov AM"))
    #expect(text.stdout.contains("1. "))
  }

  @Test("nothing useful is exit 1: a week with nothing left to change")
  func nothingUseful() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    // From a date after the week, nothing may change.
    let r = try rota.run(["suggest", "--db", db, "--week", Self.week, "--since", "2026-12-01"])
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stdout.contains("Nothing in it can change"))
    let j = try rota.run(["suggest", "--db", db, "--week", Self.week, "--since", "2026-12-01", "--format", "json"])
    #expect(j.status == 1)
    let o = try object(j)
    #expect((o["changes"] as? [Any])?.isEmpty == true)
    #expect((o["result"] as? [String: Int])?["changes"] == 0)
    // A cell before today cannot change: no suggestions, and it says why.
    let cell = try rota.run(["suggest", "--db", db, "--week", Self.week, "--worker", "amira", "--date", "2026-11-23"])
    #expect(cell.status == 1)
    #expect(cell.stdout.contains("before the first editable date"))
    let applied = try rota.run(["suggest", "--db", db, "--week", Self.week, "--since", "2026-12-01", "--apply"])
    #expect(applied.status == 1)
    #expect(try rota.run(["log", "--db", db]).stdout.split(separator: "\n").count == 1)
  }

  @Test(
    "bad usage is exit 2 and names what is wrong",
    arguments: [
      (["--finding", "99"], "has 17 findings"),
      (["--finding", "0", "--worker", "amira"], "not several"),
      (["--worker", "amira"], "--worker needs --date"),
      (["--site", "RVS", "--date", "mon"], "--site needs --date and --session"),
      (["--worker", "nobody", "--date", "thu"], "no worker has that id"),
      (["--site", "XYZ", "--date", "thu", "--session", "am"], "no site has that code"),
      (["--time-limit", "0"], "--time-limit 0"),
      (["--limit", "0"], "--limit 0"),
      (["--worker", "amira", "--date", "2026-12-03"], "is not in --week 2026-W48"),
      (["--session", "am"], "go with --worker or --site"),
      (["--since", "someday"], "--since someday"),
    ])
  func badUsage(args: [String], says: String) throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let r = try rota.run(["suggest", "--db", db, "--week", Self.week] + args)
    #expect(r.status == 2, "\(args): \(r.stdout)")
    #expect(r.stderr.contains(says), "\(args): \(r.stderr)")
  }

  @Test("--file reads a rota file and never writes; --apply with --file is exit 2")
  func file() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let r = try rota.run(["suggest", "--file", RotaBinary.seedPath, "--week", Self.week, "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let applied = try rota.run(["suggest", "--file", RotaBinary.seedPath, "--week", Self.week, "--apply"])
    #expect(applied.status == 2)
    #expect(applied.stderr.contains("--apply cannot be used with --file"))
    #expect(!FileManager.default.fileExists(atPath: rota.path("data/rota/rota.sqlite3")))
  }

  @Test("--apply is refused with exit 3, writing nothing, when a cell of the plan changed meanwhile")
  func staleApply() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    // A time limit long enough that the search ends by itself, even in a debug
    // build on a busy machine, so both runs work out the same plan.
    let limit = ["--time-limit", "600000"]
    let plan = try object(try rota.run(["suggest", "--db", db, "--week", Self.week, "--format", "json"] + limit))
    let first = try #require((plan["changes"] as? [[String: String]])?.first)
    let before = try rota.run(["export", "--db", db]).stdout
    // Someone else holds the write lock with a change to the plan's first cell,
    // while rota works out the same plan from what was committed before it.
    let holder = try DatabaseQueue(path: db)
    var result: RotaBinary.Result? = nil
    try holder.inDatabase { conn in
      try conn.execute(sql: "BEGIN IMMEDIATE")
      let other = first["to"] == "off" ? "home" : "off"
      try conn.execute(
        sql: "INSERT OR REPLACE INTO override (worker, date, half, place) VALUES (?, ?, ?, ?)",
        arguments: [first["worker"]!, first["date"]!, first["session"]!, other])
      let running = try rota.start(
        ["suggest", "--db", db, "--week", Self.week, "--apply", "--as", "coordinator"] + limit,
        environment: ["ROTA_BUSY_TIMEOUT_MS": "60000"])
      Thread.sleep(forTimeInterval: 4)
      try conn.execute(sql: "COMMIT")
      result = try running.wait()
    }
    try holder.close()
    let r = try #require(result)
    #expect(r.status == 3, "\(r.stdout)\n\(r.stderr)")
    #expect(r.stderr.contains("refused"))
    // Only the other writer's change is there; the log has no new entry.
    #expect(try rota.run(["export", "--db", db]).stdout != before)
    #expect(try rota.run(["log", "--db", db]).stdout.split(separator: "\n").count == 1)
  }

  @Test("--read-only with --apply is refused")
  func readOnly() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let r = try rota.run(["suggest", "--db", db, "--week", Self.week, "--apply", "--read-only"])
    #expect(r.status == 2)
    #expect(try rota.run(["log", "--db", db]).stdout.split(separator: "\n").count == 1)
  }
}
