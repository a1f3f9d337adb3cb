import Foundation
import GRDB
import Testing

/// Classes of defect found by attacking the release build: each test fails on a
/// build without the fix for its class.
@Suite("Hardening: no escape reaches the terminal, no crash at the ends of the calendar")
struct HardeningTests {
  /// What a terminal would act on: ESC, BEL and the C1 controls (U+0080 to U+009F).
  static func terminalControls(_ text: String) -> [String] {
    text.unicodeScalars.filter { $0.value == 0x1B || $0.value == 0x07 || (0x80...0x9F).contains($0.value) }
      .map { "U+" + String($0.value, radix: 16, uppercase: true) }
  }

  func expectPrintable(_ r: RotaBinary.Result, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(Self.terminalControls(r.stdout).isEmpty, "stdout of \(context)", sourceLocation: sourceLocation)
    #expect(Self.terminalControls(r.stderr).isEmpty, "stderr of \(context)", sourceLocation: sourceLocation)
  }

  static let osc52 = "\u{1B}]52;c;cm0gLXJmIH4=\u{07}\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m"

  static func rotaFile(siteKind: String = "practice", workerName: String = "Amira Khan", extra: String = "") -> String {
    """
    version: 1
    pcn: Test PCN
    sites:
    - code: RVS
      name: Riverside Surgery
      kind: "\(siteKind)"
    workers:
    - id: amira
      name: "\(workerName)"
      role: gp-link-worker
      sessions: 10
      pattern: {mon: RVS, tue: RVS}
    \(extra)
    """
  }

  /// YAML's double-quoted escapes for text that holds control characters.
  static func yamlEscaped(_ text: String) -> String {
    text.unicodeScalars.map { s in
      s.value < 0x20 || (0x7F...0x9F).contains(s.value) ? String(format: "\\x%02X", s.value) : String(s)
    }.joined()
  }

  @Test("a rota file's bad value never puts an escape sequence on the terminal")
  func readerErrorsAreClean() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let file = try rota.write("osc.yaml", Self.rotaFile(siteKind: Self.yamlEscaped(Self.osc52)))
    for args in [["check", "--file", file], ["week", "--file", file], ["import", file, "--db", rota.path("x.db")]] {
      let r = try rota.run(args)
      #expect(r.status == 2, "\(args[0]): \(r.stderr)")
      #expect(r.stderr.contains("unknown site kind '<U+001B>]52;c;"), "\(args[0]): \(r.stderr)")
      expectPrintable(r, args[0])
    }
  }

  @Test("a bad value is quoted cut short, however long it is")
  func longValuesAreCut() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let long = String(repeating: "surgery ", count: 250_000)
    let file = try rota.write("long.yaml", Self.rotaFile(siteKind: long))
    let r = try rota.run(["check", "--file", file])
    #expect(r.status == 2)
    #expect(r.stderr.contains("unknown site kind 'surgery surgery"), "\(r.stderr.prefix(300))")
    #expect(r.stderr.contains("(2000000 characters)"), "\(r.stderr.prefix(300))")
    #expect(r.stderr.utf8.count < 400, "\(r.stderr.utf8.count) bytes")
  }

  @Test("command-line values and file names are printed clean too")
  func commandLineValuesAreClean() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let seed = RotaBinary.seedPath
    let cases: [[String]] = [
      ["week", "--file", seed, "--worker", Self.osc52],
      ["week", "--file", seed, "--week", Self.osc52],
      ["check", "--file", rota.path("missing\(Self.osc52).yaml")],
      ["week", "--\(Self.osc52)"],
      ["move", "--worker", "amira", "--date", Self.osc52, "--to", "RVS", "--db", rota.path("none")],
      ["week", "--file", seed, "--worker", String(repeating: "x", count: 100_000)],
    ]
    for args in cases {
      let r = try rota.run(args)
      #expect(r.status == 2, "\(args): \(r.stderr)")
      expectPrintable(r, args.joined(separator: " "))
      #expect(r.stderr.utf8.count < 2000, "\(r.stderr.utf8.count) bytes")
    }
  }

  @Test("--help still prints in full")
  func helpPrints() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let r = try rota.run(["week", "--help"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("USAGE: rota week"))
  }

  // MARK: The ends of the calendar

  @Test("weeks and dates outside the supported range are refused, not crashed on")
  func outsideTheRange() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let seed = RotaBinary.seedPath
    let db = try rota.demoDatabase()
    let cases: [([String], [String: String])] = [
      (["week", "--file", seed, "--week", "9999-W52"], [:]),
      (["week", "--file", seed, "--week", "0001-W01"], [:]),
      (["week", "--file", seed, "--week", "0000-W01"], [:]),
      (["check", "--file", seed, "--from", "2199-W50", "--to", "2200-W02"], [:]),
      (["export", "--format", "ics", "--week", "9999-W52", "--db", db], [:]),
      (["export", "--format", "csv", "--from", "9999-12-01", "--to", "9999-12-31", "--db", db], [:]),
      (["move", "--worker", "amira", "--date", "9999-12-31", "--to", "RVS", "--db", db], [:]),
      (["week", "--file", seed], ["ROTA_TODAY": "9999-12-31"]),
      (["week", "--file", seed], ["ROTA_TODAY": "0001-01-01"]),
      (["week", "--file", seed, "--week", "next"], ["ROTA_TODAY": "2199-12-29"]),
      (["generate", "--workers", "3", "--sites", "2", "--start", "2199-W50", "--weeks", "8"], [:]),
    ]
    for (args, env) in cases {
      let r = try rota.run(args, environment: env)
      #expect(r.status == 2, "\(args) \(env): \(r.status) \(r.stderr)")
      #expect(r.stderr.contains("outside the") || r.stderr.contains("past the last week"), "\(args): \(r.stderr)")
      #expect(r.stdout.isEmpty)
    }
  }

  @Test("the first and last supported weeks work, in every command")
  func atTheEnds() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let seed = RotaBinary.seedPath
    let db = try rota.demoDatabase()
    for (week, date) in [("2000-W01", "2000-01-03"), ("2199-W52", "2199-12-29")] {
      for args in [
        ["week", "--file", seed, "--week", week], ["check", "--file", seed, "--week", week],
        ["export", "--format", "ics", "--week", week, "--db", db],
        ["export", "--format", "csv", "--week", week, "--db", db],
        ["move", "--worker", "amira", "--date", date, "--to", "OAK", "--db", db],
        ["open", "--week", week, "--db", db, "--dump-screen", "-", "--size", "100x30"],
      ] {
        let r = try rota.run(args)
        #expect([0, 1].contains(r.status), "\(args): \(r.status) \(r.stderr)")
      }
      let r = try rota.run(["week", "--file", seed], environment: ["ROTA_TODAY": date])
      #expect(r.status == 0, "ROTA_TODAY=\(date): \(r.stderr)")
    }
  }

  @Test("a rota file with a date outside the range is refused at its line")
  func fileDatesOutsideTheRange() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    for (extra, line) in [
      ("anchor_week: 9999-W52", 13),
      ("leave:\n- {worker: amira, from: 2026-11-23, to: 9999-12-31, kind: annual}", 14),
      ("overrides:\n- {worker: amira, date: 1999-06-01, place: home}", 14),
    ] {
      let file = try rota.write("far.yaml", Self.rotaFile(extra: extra))
      let r = try rota.run(["check", "--file", file])
      #expect(r.status == 2, "\(extra): \(r.stderr)")
      #expect(r.stderr.contains("far.yaml:\(line):"), "\(extra): \(r.stderr)")
      #expect(r.stderr.contains("outside the"), "\(extra): \(r.stderr)")
    }
  }
}

@Suite("Hardening: write errors are reported, never crashed on")
struct WriteErrorTests {
  /// Runs rota under bash with `shell` around it: `"$@"` is rota and its arguments.
  func run(_ rota: RotaBinary, _ shell: String, _ arguments: [String]) throws -> RotaBinary.Result {
    try rota.start(arguments, prefix: ["/bin/bash", "-c", shell, "bash"]).wait()
  }

  @Test("a full disk, as -o or as standard output: exit 2, and it says so")
  func fullDisk() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let o = try rota.run(["export", "--db", db, "-o", "/dev/full"])
    #expect(o.status == 2, "\(o.stderr)")
    #expect(o.stderr.contains("cannot write /dev/full (No space left on device)"), "\(o.stderr)")
    let out = try run(rota, #""$@" > /dev/full"#, ["week", "--db", db])
    #expect(out.status == 2, "\(out.stderr)")
    #expect(out.stderr.contains("cannot write to standard output (No space left on device)"), "\(out.stderr)")
  }

  @Test("a closed pipe with SIGPIPE ignored: exit 2, not a crash")
  func closedPipe() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let r = try run(
      rota, #"trap '' PIPE; "$@" | head -c1 > /dev/null; exit ${PIPESTATUS[0]}"#,
      ["generate", "--workers", "300", "--sites", "30", "--weeks", "8"])
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr.contains("cannot write to standard output (Broken pipe)"), "\(r.stderr)")
  }

  @Test("an edit that was saved says so when its report cannot be written")
  func savedButNotReported() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = rota.path("rota.sqlite3")
    #expect(try rota.run(["init", "--db", db, "--pcn", "Empty PCN"]).status == 0)
    let r = try run(rota, #""$@" > /dev/full"#, ["import", RotaBinary.seedPath, "--db", db])
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr.contains("the import was saved, but the report of it could not be written"), "\(r.stderr)")
    let week = try rota.run(["week", "--db", db, "--worker", "amira", "--week", "2026-W48"])
    #expect(week.status == 0 && week.stdout.contains("Amira Khan"), "the import is in the database: \(week.stderr)")
    let move = try run(
      rota, #"trap '' PIPE; "$@" > /dev/full"#,
      ["move", "--db", db, "--worker", "amira", "--date", "2026-11-26", "--to", "OAK"])
    #expect(move.status == 2 && move.stderr.contains("the move was saved"), "\(move.stderr)")
  }
}

/// A database edited by other means (the sqlite3 shell, a script, a bad restore)
/// is reported as damaged, exit status 2, never crashed on, and never echoed raw.
@Suite("Hardening: a database edited by other means is damaged, not a crash", .serialized)
struct DamagedDatabaseTests {
  static let everyCommand: [[String]] = [
    ["week"], ["check"], ["export", "--format", "ics"], ["export", "--format", "csv"], ["export"],
    ["open", "--dump-screen", "-"], ["move", "--worker", "amira", "--date", "2026-11-26", "--to", "OAK"],
    ["move", "--worker", "amira", "--date", "2026-11-23", "--to", "home", "--expect", "RVS"], ["log"], ["undo"],
  ]
  /// What reads the demo's week 48, where the damaged dated entries are.
  static let readers: [[String]] = [
    ["week"], ["check"], ["export", "--format", "ics"], ["export", "--format", "csv"], ["export"],
    ["open", "--dump-screen", "-"],
  ]

  @Test(
    "damage to the rota, its policy, a site or a worker is refused by every command",
    arguments: [
      "UPDATE rota SET lookback_weeks = 0", "UPDATE rota SET supervision_weeks = -5",
      "UPDATE rota SET max_sole_sites = 9223372036854775807", "UPDATE site SET rooms = 9223372036854775807",
      "UPDATE site SET rooms = 'abc' WHERE code = 'OAK'", "UPDATE rota SET pcn = x'ff41'",
      "UPDATE rota SET pcn = CAST(x'ff41' AS TEXT)",
      "UPDATE worker SET name = 'Amira' || char(27) || '[2J' WHERE id = 'amira'",
      "UPDATE worker SET name = char(27) || ']52;c;cm0=' || char(7) WHERE id = 'hodan'",
      "UPDATE worker SET name = char(12644) || char(8203) WHERE id = 'chidi'",
      "UPDATE worker SET sessions = 99 WHERE id = 'amira'", "UPDATE worker SET pattern = 'RVS' WHERE id = 'amira'",
      "UPDATE worker SET id = 'Amira Khan' WHERE id = 'amira'",
      "UPDATE site SET code = 'r' || char(155) || 'v' WHERE code = 'LHH'", "UPDATE rota SET anchor_week = '0000-W01'",
      "UPDATE rota SET bank_holidays = x'00'", "UPDATE site SET open = 7", "DELETE FROM rota",
    ])
  func damagedFrame(_ sql: String) throws {
    try expectDamaged(sql, Self.everyCommand)
  }

  @Test(
    "damage to a dated entry is refused by every command that reads it",
    arguments: [
      "UPDATE override SET place = 'NOWHERE' WHERE date BETWEEN '2026-11-23' AND '2026-11-29'",
      "UPDATE leave SET from_session = 'soon'", "UPDATE event SET kind = 'party'",
      "UPDATE event SET title = 'a' || char(9) || 'b'", "UPDATE leave SET kind = 3",
      "UPDATE event_attendee SET worker = 'ghost'", "UPDATE site_closure SET date = '2026-11-2 '",
    ])
  func damagedEntries(_ sql: String) throws {
    try expectDamaged(sql, Self.readers)
  }

  @Test("a date outside the supported range is damage where it is read")
  func damagedDate() throws {
    try expectDamaged(
      "UPDATE override SET date = '9999-12-31' WHERE date = (SELECT min(date) FROM override)", [["export"]])
  }

  func expectDamaged(_ sql: String, _ commands: [[String]], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let q = try DatabaseQueue(path: db)
    try q.writeWithoutTransaction { try $0.execute(sql: "PRAGMA foreign_keys = OFF; \(sql)") }
    try q.close()
    for command in commands {
      let r = try rota.run(command + ["--db", db])
      #expect(r.status == 2, "\(sql) | \(command): \(r.status) \(r.stderr)", sourceLocation: sourceLocation)
      #expect(r.stderr.contains("is damaged"), "\(sql) | \(command): \(r.stderr)", sourceLocation: sourceLocation)
      #expect(
        HardeningTests.terminalControls(r.stderr + r.stdout).isEmpty, "\(sql) | \(command)",
        sourceLocation: sourceLocation)
    }
  }

  @Test("a damaged change log never crashes log, undo or redo")
  func damagedLog() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    #expect(try rota.run(["move", "--db", db, "--worker", "amira", "--date", "2026-11-26", "--to", "OAK"]).status == 0)
    let q = try DatabaseQueue(path: db)
    try q.write {
      try $0.execute(sql: "UPDATE change SET who = x'ff00', summary = 'x' || char(27) || '[2J', at = 'yesterday'")
    }
    try q.close()
    for command in [["log"], ["undo", "--as", "tester"], ["redo", "--as", "tester"]] {
      let r = try rota.run(command + ["--db", db])
      #expect([0, 2].contains(r.status), "\(command): \(r.status) \(r.stderr)")
      #expect(HardeningTests.terminalControls(r.stderr + r.stdout).isEmpty, "\(command)")
    }
  }
}

@Suite("Hardening: nothing makes rota wait for ever")
struct HangTests {
  /// Runs rota, stopped after `seconds` (exit status 124 when it had to be stopped).
  func run(_ rota: RotaBinary, _ arguments: [String], seconds: Int = 60) throws -> RotaBinary.Result {
    try rota.start(arguments, prefix: ["/usr/bin/timeout", "-s", "KILL", "\(seconds)"]).wait()
  }

  @Test("a named pipe, a folder or a device as --db is refused at once, by its kind")
  func notAFile() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let fifo = rota.path("pipe.sqlite3")
    #expect(mkfifo(fifo, 0o600) == 0)
    let folder = rota.path("folder.sqlite3")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    for (path, kind) in [(fifo, "a named pipe"), (folder, "a folder"), ("/dev/null", "a device")] {
      for command in [["week"], ["move", "--worker", "amira", "--date", "2026-11-26", "--to", "OAK"], ["log"]] {
        let r = try run(
          rota, command + ["--db", path, "--read-only"].filter { command[0] != "move" || $0 != "--read-only" },
          seconds: 20)
        #expect(r.status == 2, "\(path) \(command): \(r.status) \(r.stderr)")
        #expect(r.stderr.contains("is not a rota database: it is \(kind), not a file"), "\(r.stderr)")
        #expect(!r.stderr.contains("SQLite database"), "\(r.stderr)")
      }
    }
  }

  @Test("one attendee list reused by hundreds of events reads in linear time")
  func aliasedAttendees() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let ids = (0..<5000).map { "w\($0)" }
    var yaml =
      "version: 1\npcn: Alias PCN\nsites:\n- {code: RVS, name: Riverside, kind: practice, rooms: 50}\nworkers:\n"
    for id in ids {
      yaml += "- {id: \(id), name: Worker \(id), role: gp-link-worker, sessions: 2, pattern: {mon: RVS}}\n"
    }
    yaml +=
      "events:\n- {title: Huddle, kind: team, date: 2026-11-23, where: online, attendees: &all [\(ids.joined(separator: ", "))]}\n"
    for _ in 0..<200 { yaml += "- {title: Huddle, kind: team, date: 2026-11-24, where: online, attendees: *all}\n" }
    let file = try rota.write("alias.yaml", yaml)
    let r = try run(rota, ["week", "--file", file, "--week", "2026-W48", "--format", "json"])
    #expect(r.status == 0, "\(r.status) \(r.stderr.prefix(300))")
  }

  @Test("aliases that stand for billions of values are refused where they go too far")
  func aliasBombs() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    var levels = ["x0: &l0 [a, a, a, a, a, a, a, a, a, a]"]
    for i in 1..<10 {
      levels.append("x\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 10).joined(separator: ", ") + "]")
    }
    let laughs = "version: 1\npcn: Bomb\npolicy: {\(levels.joined(separator: ", "))}\n"
    let key = levels.joined(separator: "\n") + "\n? *l9\n: 1\n"
    for (name, text) in [("laughs.yaml", laughs), ("key.yaml", key)] {
      let file = try rota.write(name, text)
      let r = try run(rota, ["check", "--file", file], seconds: 20)
      #expect(r.status == 2, "\(name): \(r.status) \(r.stderr)")
      #expect(r.stderr.contains("\(name):") && r.stderr.contains("far more than any rota needs"), "\(r.stderr)")
    }
  }
}

@Suite("Hardening: the smaller ones")
struct SmallerHardeningTests {
  func temporaries(_ rota: RotaBinary) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: rota.home.path).filter { $0.hasPrefix(".rota.sqlite3.") }
  }

  @Test("generate writes as it goes: a 2 MB rota in 250 MB of address space")
  func generateStreams() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let r = try rota.start(
      ["generate", "--workers", "1000", "--sites", "150", "--weeks", "52", "--start", "2026-W01"],
      prefix: ["/bin/bash", "-c", #"ulimit -v 250000; exec "$@""#, "bash"]
    ).wait()
    #expect(r.status == 0, "\(r.status) \(r.stderr.prefix(300))")
    #expect(r.stdout.utf8.count > 2_000_000 && r.stdout.hasSuffix("\n"))
  }

  @Test("--read-only makes no -wal or -shm file beside the database")
  func readOnlyMakesNoFiles() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    for command in [
      ["week"], ["check"], ["export"], ["export", "--format", "ics"], ["log"], ["open", "--dump-screen", "-"],
    ] {
      let r = try rota.run(command + ["--read-only", "--db", db])
      #expect([0, 1].contains(r.status), "\(command): \(r.stderr)")
      let made = ["-wal", "-shm"].filter { FileManager.default.fileExists(atPath: db + $0) }
      #expect(made.isEmpty, "\(command) made \(made)")
    }
  }

  @Test("move --expect leave is bad usage (exit 2), not a refused edit")
  func expectLeave() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    for expect in ["leave", "LEAVE", "hol", "holiday", "ZZZ"] {
      let r = try rota.run([
        "move", "--db", db, "--worker", "tomasz", "--date", "2026-11-26", "--to", "home", "--expect", expect,
      ])
      #expect(r.status == 2, "--expect \(expect): \(r.status) \(r.stderr)")
    }
  }

  @Test("a rota file that is not UTF-8 or holds control bytes is refused at its line and column")
  func undecodableFiles() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let head = Array("version: 1\npcn: Test\nsites:\n- code: RVS\n  name: Riv".utf8)
    let tail = Array("er\n  kind: practice\n".utf8)
    for (bytes, says) in [
      ([0xFF], "the byte 0xFF is not UTF-8"), ([0xC3, 0x28], "the byte 0xC3 is not UTF-8"), ([0x01], "(U+0001)"),
      ([0x00], "(U+0000)"),
    ] as [([UInt8], String)] {
      let path = rota.path("bad.yaml")
      try Data(head + bytes + tail).write(to: URL(fileURLWithPath: path))
      let r = try rota.run(["check", "--file", path])
      #expect(r.status == 2, "\(bytes): \(r.stderr)")
      #expect(r.stderr.contains("bad.yaml:5:12: ") && r.stderr.contains(says), "\(bytes): \(r.stderr)")
    }
    let bom = try rota.write("bom.yaml", "\u{FEFF}version: 1\npcn: Test\n")
    #expect(try rota.run(["check", "--file", bom]).status == 0)
    for path in ["/dev/zero", rota.home.path] {
      let r = try rota.start(["check", "--file", path], prefix: ["/usr/bin/timeout", "-s", "KILL", "20"]).wait()
      #expect(r.status == 2 && r.stderr.contains("not a file"), "\(path): \(r.status) \(r.stderr)")
    }
  }

  @Test("init --force killed part-way leaves temporary databases that the next write removes")
  func killedInit() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let big = try rota.run(["generate", "--workers", "1500", "--sites", "150", "--weeks", "26", "--start", "2026-W01"])
    let file = try rota.write("big.yaml", big.stdout)
    let running = try rota.start(["init", "--force", "--from", file, "--db", db])
    let deadline = Date().addingTimeInterval(120)
    while try temporaries(rota).isEmpty && Date() < deadline { usleep(2000) }
    running.kill(SIGKILL)
    _ = try running.wait()
    #expect(!(try temporaries(rota)).isEmpty, "the kill came too late to leave anything")
    let week = try rota.run(["week", "--db", db, "--week", "2026-W48"])
    #expect(week.status == 0, "the old database is intact: \(week.stderr)")
    let left = try temporaries(rota)
    #expect(left.isEmpty, "left behind: \(left)")
    let again = try rota.run(["init", "--force", "--demo", "--db", db])
    #expect(again.status == 0)
    #expect(try temporaries(rota).isEmpty)
  }
}
