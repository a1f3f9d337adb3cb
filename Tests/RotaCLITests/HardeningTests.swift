import Foundation
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
