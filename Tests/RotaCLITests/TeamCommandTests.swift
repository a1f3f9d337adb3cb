import Foundation
import Testing

/// Running the team from the shell: a coordinator's month end to end, two
/// people at once, an import that would lose changes, and every kind of
/// mistake refused with nothing written.
@Suite("Running the team from the shell")
struct TeamCommandTests {
  static let weeks = ["--from", "2026-W48", "--to", "2026-W52"]

  /// `rota check --db` and `rota check --file` of `rota export` agree.
  func checkAgrees(_ rota: RotaBinary, _ db: String, step: String) throws {
    let exported = try rota.run(["export", "--db", db, "-o", rota.path("export.yaml")])
    #expect(exported.status == 0, "\(step): \(exported.stderr)")
    let fromDB = try rota.run(["check", "--db", db, "--format", "json"] + Self.weeks)
    let fromFile = try rota.run(["check", "--file", rota.path("export.yaml"), "--format", "json"] + Self.weeks)
    #expect(fromDB.stderr.isEmpty && fromFile.stderr.isEmpty, "\(step): \(fromDB.stderr)\(fromFile.stderr)")
    #expect(fromDB.status == fromFile.status, "\(step)")
    #expect(fromDB.stdout == fromFile.stdout, "\(step): check --db and check --file of the export differ")
  }

  func export(_ rota: RotaBinary, _ db: String) throws -> String {
    withoutRevision(try rota.run(["export", "--db", db]).stdout)
  }

  @Test("a coordinator's month: each step saved and logged; check --db equals check --file; undo restores the export")
  func coordinatorsMonth() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = rota.path("month.sqlite3")
    #expect(try rota.run(["init", "--demo", "--db", db]).status == 0)
    let steps: [(String, [String])] = [
      (
        "a starter joins mid-week with a usual week",
        [
          "worker", "add", "bea", "--name", "Bea Turner", "--role", "care-coordinator", "--sessions", "6", "--start",
          "2026-11-26", "--pattern", "mon=RVS tue=rvs wed-am=home thu=HUB",
        ]
      ),
      (
        "a usual week changes from a date",
        [
          "pattern", "set", "--worker", "Sian", "--from", "2/12/2026", "mon=HUB", "tue=MIL", "wed-am=OAK",
          "wed-pm=home", "thu=HUB",
        ]
      ),
      ("a leaver ends", ["worker", "end", "tomasz", "--date", "2026-12-11"]),
      ("a site closes for good", ["site", "end", "mil", "--date", "2026-12-18"]),
      (
        "leave by half days", ["leave", "add", "--worker", "amira", "--from", "2026-12-08-pm", "--to", "2026-12-10-am"]
      ),
      (
        "half of it cancelled",
        ["leave", "cancel", "--worker", "amira", "--from", "2026-12-09-pm", "--to", "2026-12-10-am"]
      ),
      (
        "a supervision with an outside lead",
        [
          "event", "add", "--title", "Clinical supervision", "--kind", "supervision", "--date", "2026-12-03",
          "--session", "pm", "--where", "online", "--attendees", "chidi,bea", "--lead", "Dr Sara Patel (GP supervisor)",
        ]
      ),
      (
        "the supervision moved",
        [
          "event", "edit", "--title", "clinical supervision", "--date", "2026-12-03", "--new-date", "2026-12-04",
          "--new-session", "am",
        ]
      ),
    ]
    try checkAgrees(rota, db, step: "the demo")
    for (step, arguments) in steps {
      let before = try export(rota, db)
      let r = try rota.run(arguments + ["--db", db, "--as", "coordinator"])
      #expect(r.status == 0, "\(step): \(r.stderr)")
      #expect(r.stdout.hasPrefix("saved: "), "\(step): \(r.stdout)")
      let after = try export(rota, db)
      #expect(after != before, "\(step) changed nothing")
      try checkAgrees(rota, db, step: step)
      #expect(try rota.run(["undo", "--db", db, "--as", "coordinator"]).status == 0)
      #expect(try export(rota, db) == before, "\(step): undo did not bring back the export before it")
      try checkAgrees(rota, db, step: "\(step), undone")
      #expect(try rota.run(["redo", "--db", db, "--as", "coordinator"]).status == 0)
      #expect(try export(rota, db) == after, "\(step): redo did not bring back the export after it")
    }
    let final = try export(rota, db)
    #expect(
      final.contains("- id: bea\n  name: Bea Turner\n  role: care-coordinator\n  sessions: 6\n  start: 2026-11-26\n"))
    #expect(final.contains("  pattern_changes:\n  - from: 2026-12-02\n"))
    #expect(final.contains("  end: 2026-12-11\n"))
    #expect(final.contains("lead: Dr Sara Patel (GP supervisor)"))
    let log = try rota.run(["log", "--db", db]).stdout
    #expect(
      log.contains(
        "coordinator: Amira Khan: leave cancelled, Wed 9 Dec PM to Thu 10 Dec AM; still on leave Tue 8 Dec PM to Wed 9 Dec AM"
      ))
    let workers = try rota.run(["workers", "--db", db, "--format", "json"])
    let list = try #require(try json(workers.stdout) as? [String: Any])
    #expect((list["workers"] as? [[String: Any]])?.last?["id"] as? String == "bea")
    #expect((list["revision"] as? Int ?? 0) > 20)
    let text = try rota.run(["workers", "--db", db]).stdout
    #expect(text.contains("tomasz") && text.contains("to 2026-12-11") == false)
    #expect(text.contains("until 2026-12-11"))
    #expect(try rota.run(["sites", "--db", db]).stdout.contains("until 2026-12-18"))
  }

  @Test("a stale import is refused with what it would throw away; --force replaces; no revision needs --force")
  func staleImport() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let file = rota.path("pcn.yaml")
    #expect(try rota.run(["export", "--db", db, "-o", file]).status == 0)
    // Unchanged since the export: the import goes through.
    #expect(try rota.run(["import", file, "--replace", "--db", db]).status == 0)
    #expect(try rota.run(["export", "--db", db, "-o", file]).status == 0)
    // Someone else moves Amira after the export.
    let move = try rota.run([
      "move", "--worker", "amira", "--date", "2026-11-26", "--to", "home", "--db", db, "--as", "supervisor",
    ])
    #expect(move.status == 0, "\(move.stderr)")
    let before = try export(rota, db)
    let r = try rota.run(["import", file, "--replace", "--db", db, "--as", "coordinator"])
    #expect(r.status == 3)
    #expect(
      r.stderr.contains(
        "was exported at revision 2, and the rota has changed once since; replacing it would throw away:"))
    #expect(r.stderr.contains("supervisor: Amira Khan, Thu 26 Nov: Riverside Surgery → home (both sessions)"))
    #expect(r.stderr.contains("Nothing was written."))
    #expect(try export(rota, db) == before)
    // A file without a revision is refused the same way.
    let plain = try rota.write("plain.yaml", withoutRevision(try String(contentsOfFile: file, encoding: .utf8)))
    let noRevision = try rota.run(["import", plain, "--replace", "--db", db])
    #expect(noRevision.status == 3 && noRevision.stderr.contains("has no revision"))
    #expect(try export(rota, db) == before)
    // A revision this database never reached: the file comes from another one.
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let foreign = try rota.write(
      "foreign.yaml",
      text.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.hasPrefix("revision: ") ? "revision: 999" : String($0)
      }.joined(separator: "\n"))
    let newer = try rota.run(["import", foreign, "--replace", "--db", db])
    #expect(newer.status == 3, "\(newer.stderr)")
    #expect(
      newer.stderr.contains("was exported at revision 999, but this rota's latest change is 3"), "\(newer.stderr)")
    #expect(try export(rota, db) == before)
    // --force throws the move away, and undo cannot bring back what came before the import.
    #expect(try rota.run(["import", file, "--replace", "--force", "--db", db]).status == 0)
    #expect(try export(rota, db) != before)
    #expect(try rota.run(["undo", "--db", db, "--as", "supervisor"]).status == 2)
  }

  @Test("two processes editing the team at once never lose an edit")
  func twoAtOnce() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let me = RotaBinary.executable.path
    let adder =
      "for i in 1 2 3 4 5 6 7 8; do \"$0\" worker add new$i --name \"New $i\" --role gp-link-worker --sessions 4 --db \(db) --as a >/dev/null || exit 1; done"
    let editor =
      "for i in 1 2 3 4 5 6 7 8; do \"$0\" leave add --worker amira --from 2027-01-0$i --db \(db) --as b >/dev/null && \"$0\" worker edit hodan --sessions $i --db \(db) --as b >/dev/null || exit 1; done"
    // A third edits the same worker as the second (another field) and a site.
    let third =
      "for i in 1 2 3 4 5 6 7 8; do if [ $((i % 2)) = 0 ]; then p=mon=RVS; else p=mon=OAK; fi;"
      + " \"$0\" pattern set --worker hodan --from 2027-02-0$i $p --db \(db) --as c >/dev/null"
      + " && \"$0\" site edit RVS --rooms $((i + 1)) --db \(db) --as c >/dev/null || exit 1; done"
    let a = try rota.start(["-c", adder, me], executable: URL(fileURLWithPath: "/bin/sh"))
    let b = try rota.start(["-c", editor, me], executable: URL(fileURLWithPath: "/bin/sh"))
    let c = try rota.start(["-c", third, me], executable: URL(fileURLWithPath: "/bin/sh"))
    let ra = try a.wait()
    let rb = try b.wait()
    let rc = try c.wait()
    #expect(ra.status == 0, "\(ra.stderr)")
    #expect(rb.status == 0, "\(rb.stderr)")
    #expect(rc.status == 0, "\(rc.stderr)")
    let final = try export(rota, db)
    for i in 1...8 {
      #expect(final.contains("- id: new\(i)\n"))
      #expect(final.contains("worker: amira\n  from: 2027-01-0\(i)\n"))
      #expect(final.contains("  - from: 2027-02-0\(i)\n"))
    }
    #expect(final.contains("- id: hodan\n  name: Hodan Abdi\n  role: care-coordinator\n  sessions: 8\n"))
    #expect(final.contains("- code: RVS\n  name: Riverside Surgery\n  kind: practice\n  rooms: 9\n"))
    #expect(try rota.run(["log", "--db", db]).stdout.split(separator: "\n").count == 1 + 8 + 16 + 16)
  }

  @Test(
    "every new command refuses bad input, names what is wrong, and writes nothing",
    arguments: [
      (
        ["worker", "add", "Bea Turner", "--name", "B", "--role", "gp-link-worker", "--sessions", "4"],
        "is not a valid worker id"
      ),
      (["worker", "add", "bea", "--name", "B", "--role", "link-worker", "--sessions", "4"], "--role 'link-worker'"),
      (
        ["worker", "add", "bea", "--name", "B", "--role", "gp-link-worker", "--sessions", "15"],
        "sessions is 15; expected 0 to 14"
      ),
      (
        [
          "worker", "add", "bea", "--name", "B", "--role", "gp-link-worker", "--sessions", "4", "--start", "31/02/2027",
        ], "--start 31/02/2027"
      ),
      (
        ["worker", "add", "bea", "--name", "B", "--role", "gp-link-worker", "--sessions", "4", "--pattern", "mon=XYZ"],
        "no site has that code"
      ),
      (
        ["worker", "add", "bea", "--name", "B", "--role", "gp-link-worker", "--sessions", "4", "--pattern", "mun=RVS"],
        "'mun' in 'mun=RVS' is not a day"
      ),
      (
        ["worker", "add", "amira", "--name", "B", "--role", "gp-link-worker", "--sessions", "4"],
        "the id 'amira' is already Amira Khan's"
      ),
      (
        ["worker", "add", "bea", "--name", "B\u{1B}[2J", "--role", "gp-link-worker", "--sessions", "4"],
        "control character"
      ),
      (["worker", "edit", "amria", "--sessions", "8"], "did you mean amira?"),
      (["worker", "edit", "amira"], "give at least one of"),
      (["worker", "end", "amira", "--date", "someday"], "--date someday"),
      (["pattern", "set", "--worker", "amira"], "the usual week is empty"),
      (["pattern", "set", "--worker", "amira", "mon=RVS", "mon-am=OAK"], "mon-am is given twice"),
      (["site", "add", "HOME", "--name", "H", "--kind", "practice"], "'HOME' is not a valid site code"),
      (["site", "add", "NEW", "--name", "N", "--kind", "surgery"], "--kind 'surgery'"),
      (["site", "add", "NEW", "--kind", "practice"], "a new site needs --name and --kind"),
      (["site", "edit", "RVX", "--rooms", "2"], "did you mean RVS?"),
      (["site", "edit", "RVS", "--rooms", "60"], "rooms is 60; expected 0 to 50"),
      (["site", "end", "RVS", "--date", "2026-13-01"], "--date 2026-13-01"),
      (["leave", "add", "--worker", "amira", "--from", "2026-12-04", "--to", "2026-12-01"], "before it starts"),
      (["leave", "add", "--worker", "amira", "--from", "2026-12-04-xm"], "expected a date, or a date and half"),
      (["leave", "add", "--worker", "amira", "--from", "2026-12-04", "--kind", "holiday"], "--kind 'holiday'"),
      (
        ["leave", "cancel", "--worker", "amira", "--from", "2027-05-03"], "Amira Khan has no leave Mon 3 May to cancel"
      ),
      (
        [
          "event", "add", "--title", "S", "--kind", "supervision", "--date", "2026-12-03", "--where", "online",
          "--attendees", "amra",
        ], "did you mean amira?"
      ),
      (
        [
          "event", "add", "--title", "S", "--kind", "supervision", "--date", "2026-12-03", "--where", "RVZ",
          "--attendees", "amira",
        ], "did you mean RVS?"
      ),
      (
        [
          "event", "add", "--title", "S", "--kind", "supervison", "--date", "2026-12-03", "--where", "online",
          "--attendees", "amira",
        ], "did you mean supervision?"
      ),
      (
        ["event", "edit", "--title", "Nothing", "--date", "2026-11-27", "--new-session", "am"],
        "no such event on Fri 27 Nov"
      ),
      (
        ["event", "remove", "--title", "Peer supervison", "--date", "2026-11-27"],
        "that day has: Peer supervision (GP link workers)"
      ),
      (["wek"], "did you mean rota week?"),
      (["worker", "ad", "bea"], "'ad' is not a rota worker command; did you mean rota worker add?"),
      (["worker"], "rota worker needs a command first: add, edit, end"),
      (["leave", "cancle", "--worker", "amira"], "did you mean rota leave cancel?"),
      (
        ["worker", "add", "bea", "--name", "", "--role", "gp-link-worker", "--sessions", "4"],
        "--name: the text is empty"
      ),
      (
        [
          "worker", "add", "bea", "--name", "B", "--role", "gp-link-worker", "--sessions", "4", "--start", "2300-01-01",
        ],
        "--start 2300-01-01: 2300-01-01 is outside the dates rota supports"
      ),
      (["worker", "edit", "amira", "--start", "2026-12-01", "--end", "2026-11-30"], "is before the first"),
      (["worker", "end", "amira", "--date", "1999-12-31"], "1999-12-31 is outside the dates rota supports"),
      (["worker", "edit", "amira", "--read-only", "--sessions", "8"], "this is a read-only view"),
      (["pattern", "set", "--worker", "amira", "--from", "2300-01-04", "mon=RVS"], "outside the dates rota supports"),
      (["pattern", "set", "--worker", "amira", "mon=RVS", "tue=OKA"], "did you mean OAK?"),
      (["pattern", "set", "--worker", "amira", "mon"], "'mon' is not day=place"),
      (
        ["site", "add", "NEW", "--name", "N", "--kind", "practice", "--open", "mon,someday"],
        "'someday' is not a weekday"
      ),
      (
        ["site", "add", "NEW", "--name", String(repeating: "x", count: 81), "--kind", "practice"],
        "is 81 characters long"
      ),
      (["site", "edit", "RVS", "--start", "2026-12-01", "--end", "2026-11-01"], "is before the first"),
      (["site", "edit", "RVS"], "give at least one of"),
      (["leave", "cancel", "--worker", "amira", "--from", "2026-12-04", "--to", "2026-12-01"], "before it starts"),
      (
        [
          "event", "add", "--title", "S", "--kind", "supervision", "--date", "2026-12-03", "--where", "online",
          "--attendees", "amira", "--lead", "Dr X\u{1B}]52;c;",
        ], "--lead: the text contains the control character U+001B"
      ),
      (
        [
          "event", "add", "--title", "S", "--kind", "team", "--date", "2026-12-03", "--where", "online", "--attendees",
          ",",
        ],
        "an event needs at least one attendee"
      ),
      (
        [
          "event", "add", "--title", "S", "--kind", "team", "--date", "2026-12-03", "--where", "online", "--attendees",
          "amira,Amira",
        ], "an attendee is listed twice"
      ),
      (
        [
          "event", "add", "--title", "S", "--kind", "team", "--date", "2026-12-03", "--session", "eve", "--where",
          "online", "--attendees", "amira",
        ], "--session 'eve': expected am or pm"
      ),
      (
        [
          "event", "edit", "--title", "Peer supervision (GP link workers)", "--date", "2026-11-27", "--new-date",
          "2300-01-01",
        ], "--new-date 2300-01-01: 2300-01-01 is outside the dates rota supports"
      ),
      (["event", "edit", "--title", "Peer supervision (GP link workers)", "--date", "2026-11-27"], "say what changes"),
      (["workers", "--format", "xml"], "xml"),
    ])
  func badInput(_ arguments: [String], _ message: String) throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let before = try rota.run(["export", "--db", db]).stdout
    let r = try rota.run(arguments + ["--db", db])
    #expect(r.status == 2, "\(arguments): \(r.stdout)\(r.stderr)")
    #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
    #expect(try rota.run(["export", "--db", db]).stdout == before)
  }

  @Test("every new command has --help with examples")
  func help() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    for command in [
      ["workers"], ["sites"], ["worker", "add"], ["worker", "edit"], ["worker", "end"], ["pattern", "set"],
      ["site", "add"], ["site", "edit"], ["site", "end"], ["leave", "add"], ["leave", "cancel"], ["event", "add"],
      ["event", "edit"], ["event", "remove"],
    ] {
      let r = try rota.run(command + ["--help"])
      #expect(r.status == 0, "\(command)")
      #expect(r.stdout.contains("Examples:") && r.stdout.contains("--db"), "\(command): \(r.stdout)")
    }
  }
}
