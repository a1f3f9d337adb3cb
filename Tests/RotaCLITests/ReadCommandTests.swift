import Foundation
import Testing

@testable import RotaCore

@Suite("rota week and rota check, end to end")
struct ReadCommandTests {
  /// `Tests/Fixtures/worked-example.yaml`: the rules' worked example, as a rota file.
  static var workedExample: String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../Fixtures/worked-example.yaml")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }

  @Test("the worked example gives exactly the contract's findings and isolation rows, through JSON")
  func workedExample() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let file = try rota.write("worked.yaml", Self.workedExample)
    let r = try rota.run(["check", "--file", file, "--week", "2026-W48", "--format", "json"])
    #expect(r.status == 1, "errors were found, so the status is 1: \(r.stderr)")
    let object = try #require(try json(r.stdout) as? [String: Any])
    #expect(object["pcn"] as? String == "Worked Example PCN")
    #expect(object["weeks"] as? [String] == ["2026-W48"])
    let findings = try #require(object["findings"] as? [[String: Any]])
    func strip(_ f: [String: Any]) -> NSDictionary {
      var copy = f
      copy["message"] = nil
      return copy as NSDictionary
    }
    let expected: [[String: Any]] = [
      [
        "rule": "over-capacity", "severity": "error", "week": "2026-W48", "site": "RVS", "date": "2026-11-23",
        "session": "am", "workers": ["amira", "ben"],
      ],
      [
        "rule": "over-capacity", "severity": "error", "week": "2026-W48", "site": "RVS", "date": "2026-11-23",
        "session": "pm", "workers": ["amira", "ben"],
      ],
      [
        "rule": "site-closed", "severity": "error", "week": "2026-W48", "worker": "amira", "site": "OAK",
        "date": "2026-11-25", "session": "pm",
      ],
      ["rule": "no-supervision", "severity": "warning", "week": "2026-W48", "worker": "amira"],
      ["rule": "no-supervision", "severity": "warning", "week": "2026-W48", "worker": "ben"],
      [
        "rule": "under-contract", "severity": "warning", "week": "2026-W48", "worker": "ben", "sessions": 5,
        "contracted": 6,
      ],
    ]
    #expect(findings.map(strip) == expected.map { $0 as NSDictionary })
    #expect(findings.first?["message"] as? String == "Riverside Surgery has 2 team members for 1 room on Mon 23 Nov AM")
    let isolation = try #require(object["isolation"] as? [[String: Any]])
    let expectedRows: [[String: Any]] = [
      [
        "worker": "amira", "week": "2026-W48", "worked_sessions": 10, "solitary_sessions": 5, "worked_days": 5,
        "solitary_days": 2, "longest_streak": 2, "last_supervision": NSNull(), "level": "watch",
      ],
      [
        "worker": "ben", "week": "2026-W48", "worked_sessions": 5, "solitary_sessions": 0, "worked_days": 3,
        "solitary_days": 0, "longest_streak": 0, "last_supervision": NSNull(), "level": "watch",
      ],
    ]
    #expect(isolation.map { $0 as NSDictionary } == expectedRows.map { $0 as NSDictionary })
  }

  @Test("check exits 0 when no finding is an error")
  func exitZero() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let file = try rota.write(
      "warnings.yaml",
      "version: 1\npcn: Quiet\nsites:\n- code: RVS\n  name: R\n  kind: practice\nworkers:\n- id: a\n  name: A\n  role: care-coordinator\n  sessions: 4\n  pattern:\n    mon: RVS\n"
    )
    let r = try rota.run(["check", "--file", file, "--week", "2026-W48"])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    // Sentences wrap at the width: read them with the wrapping undone.
    let text = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(text.contains("A is planned for 2 sessions this week, under the 4 contracted"))
    // Monday alone every week for more than a year: the run goes on before the
    // window, so "at least", and since when is not known.
    #expect(
      text.contains("A: at least 4 solitary working days in a row, Mon 2 Nov to Mon 23 Nov and earlier (limit 3)"))
    #expect(r.stdout.hasSuffix("0 errors, 3 warnings, 0 notes in 1 week\n"))
  }

  @Test("check on the demo exits 1 and groups sentences by severity with a count line")
  func demoText() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let r = try rota.run([
      "check", "--file", RotaBinary.seedPath, "--week", "2026-W48",
    ])
    #expect(r.status == 1, "\(r.stderr)")
    let errors = try #require(r.stdout.range(of: "\nErrors ("))
    let warnings = try #require(r.stdout.range(of: "\nWarnings ("))
    let notes = try #require(r.stdout.range(of: "\nNotes ("))
    #expect(errors.lowerBound < warnings.lowerBound && warnings.lowerBound < notes.lowerBound)
    #expect(r.stdout.contains("Chidi Okonkwo: 5 solitary days this week (limit 2)"))
    #expect(r.stdout.contains("Isolation, Week 48"))
    let text = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(text.contains("Ioana Ștefănescu is on leave on Tue 24 Nov PM but is due at Personalised care training"))
    #expect(r.stdout.hasSuffix("8 errors, 8 warnings, 1 note in 1 week\n"))
  }

  @Test("with no --file, week and check read the built-in demo moved onto this week")
  func builtInDemo() throws {
    var rota = try RotaBinary()
    rota.today = "2027-03-10"
    defer { rota.remove() }
    let r = try rota.run(["check", "--format", "json"])
    #expect(r.status == 1, "\(r.stderr)")
    let object = try #require(try json(r.stdout) as? [String: Any])
    #expect(object["weeks"] as? [String] == ["2027-W10"])
    let rules = Set((object["findings"] as! [[String: Any]]).map { $0["rule"] as! String })
    // Every rule but not-in-post: the demo has no post dates.
    #expect(rules.count == 13 && !rules.contains("not-in-post"))
  }

  @Test("week --worker prints the worker's week in plain words")
  func workerWeek() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    // Wide enough for who she is with beside where she is (at 80 columns it goes under it).
    let r = try rota.run(["week", "--worker", "amira"], environment: ["COLUMNS": "120"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "Amira Khan — GP link worker — Week 48, 23 Nov – 29 Nov 2026")
    for day in ["Mon 23 Nov", "Tue 24 Nov", "Wed 25 Nov", "Thu 26 Nov", "Fri 27 Nov"] {
      #expect(lines.contains { $0.hasPrefix(day) }, "no line for \(day)")
    }
    #expect(lines.contains { $0.hasPrefix("Wed 25 Nov") && $0.contains("working from home") && $0.hasSuffix("alone") })
    #expect(
      lines.contains {
        $0.hasPrefix("Tue 24 Nov") && $0.contains("Oakfield Medical Centre") && $0.contains("with Hodan Abdi")
      })
    #expect(!r.stdout.contains("\u{1B}"))
  }

  @Test("week --format json has seven placements per worker, each a place or a state")
  func weekJSON() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let r = try rota.run(["week", "--format", "json", "--site", "RVS"])
    #expect(r.status == 0, "\(r.stderr)")
    let object = try #require(try json(r.stdout) as? [String: Any])
    #expect(object["week"] as? String == "2026-W48")
    #expect((object["days"] as? [String])?.count == 7)
    let workers = try #require(object["workers"] as? [[String: Any]])
    #expect(workers.map { $0["id"] as! String } == ["amira", "tomasz", "sian", "hodan"])
    let allowed = Set([
      "RVS", "OAK", "BRK", "MIL", "STJ", "HIL", "WDS", "ELM", "LHH", "NCH", "HUB", "home", "off", "leave", "holiday",
    ])
    for w in workers {
      let placements = try #require(w["placements"] as? [[String: String]])
      #expect(placements.count == 7)
      for p in placements {
        #expect(Set(p.keys) == ["date", "am", "pm"])
        #expect(allowed.contains(p["am"]!) && allowed.contains(p["pm"]!))
      }
    }
  }

  @Test("2026-W53 exists and 2025-W53 does not")
  func week53() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let ok = try rota.run(["week", "--week", "2026-W53", "--format", "json"])
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(
      (try json(ok.stdout) as? [String: Any])?["days"] as? [String]
        == (0..<7).map { LocalDate(iso: "2026-12-28")!.adding(days: $0).iso })
    let bad = try rota.run(["week", "--week", "2025-W53"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("2025 has only 52 ISO weeks; try 2025-W52"))
  }

  @Test("a range of weeks: JSON lists each week, check covers each")
  func range() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let r = try rota.run(["week", "--from", "last", "--to", "next", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      (try json(r.stdout) as? [[String: Any]])?.map { $0["week"] as! String } == ["2026-W47", "2026-W48", "2026-W49"])
    let c = try rota.run(["check", "--from", "2026-W47", "--to", "2026-W49", "--format", "json"])
    #expect((try json(c.stdout) as? [String: Any])?["weeks"] as? [String] == ["2026-W47", "2026-W48", "2026-W49"])
  }

  struct Bad: CustomTestStringConvertible, Sendable {
    let name: String
    let file: String?
    let arguments: [String]
    let says: String
    var testDescription: String { name }
  }

  static let bad: [Bad] = [
    Bad(name: "broken YAML", file: "version: 1\npcn: [\n", arguments: [], says: "bad.yaml:3:1: invalid YAML"),
    Bad(
      name: "unknown key", file: "version: 1\npcn: X\nsitez: []\n", arguments: [],
      says: "bad.yaml:3:1: unknown key 'sitez'"),
    Bad(
      name: "impossible date",
      file:
        "version: 1\npcn: X\nworkers:\n- id: a\n  name: A\n  role: care-coordinator\n  sessions: 1\nleave:\n- worker: a\n  from: 2026-02-30\n  kind: sick\n",
      arguments: [], says: "bad.yaml:10:9: '2026-02-30' is not a real date"),
    Bad(
      name: "unknown worker in leave",
      file: "version: 1\npcn: X\nleave:\n- worker: zed\n  from: 2026-02-03\n  kind: sick\n", arguments: [],
      says: "bad.yaml:4:11: no worker has the id 'zed'"),
    Bad(
      name: "control characters in a name",
      file:
        "version: 1\npcn: X\nworkers:\n- id: a\n  name: \"Amira\\e]0;pwned\\a\"\n  role: care-coordinator\n  sessions: 1\n",
      arguments: [], says: "bad.yaml:5:9: the worker's name contains the control character U+001B"),
    Bad(
      name: "number out of range", file: "version: 1\npcn: X\npolicy:\n  max_sole_sites: 99\n", arguments: [],
      says: "bad.yaml:4:19: policy.max_sole_sites is 99"),
    Bad(name: "not UTF-8", file: "", arguments: [], says: "bad.yaml:1:6: the byte 0xFF is not UTF-8 text"),
    Bad(
      name: "missing file", file: nil, arguments: ["--file", "/nonexistent/rota.yaml"],
      says: "/nonexistent/rota.yaml: cannot read the file"),
    Bad(
      name: "a week that does not exist", file: nil, arguments: ["--week", "2026-W54"],
      says: "2026 has only 53 ISO weeks; try 2026-W53"),
    Bad(
      name: "a week in the wrong form", file: nil, arguments: ["--week", "week 48"],
      says: "expected an ISO week such as 2026-W48"),
    Bad(
      name: "a range that runs backwards", file: nil, arguments: ["--from", "2026-W48", "--to", "2026-W40"],
      says: "is after --to"),
    Bad(
      name: "an unknown worker", file: nil, arguments: ["--worker", "nobody"],
      says: "--worker 'nobody': no worker has that id; known ids: amira"),
    Bad(name: "an unknown site", file: nil, arguments: ["--site", "ZZZ"], says: "--site 'ZZZ': no site has that code"),
    Bad(name: "an unknown option", file: nil, arguments: ["--colour"], says: "Unknown option '--colour'"),
    Bad(name: "an unknown format", file: nil, arguments: ["--format", "xml"], says: "xml"),
  ]

  @Test("bad input exits 2 with a message that says what and where", arguments: bad)
  func badInput(_ bad: Bad) throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    var arguments = bad.arguments
    if let text = bad.file {
      var data = Data(text.utf8)
      if bad.name == "not UTF-8" { data = Data([0x70, 0x63, 0x6E, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]) }
      let path = rota.path("bad.yaml")
      try data.write(to: URL(fileURLWithPath: path))
      arguments = ["--file", path] + arguments
    }
    for command in ["check", "week"] {
      let r = try rota.run([command] + arguments)
      #expect(r.status == 2, "\(command): \(r.stdout)\(r.stderr)")
      #expect(r.stdout.isEmpty, "\(command) wrote to stdout: \(r.stdout)")
      #expect(r.stderr.contains(bad.says), "\(command): \(r.stderr)")
      #expect(r.stderr.hasPrefix("rota: "), "\(r.stderr)")
    }
  }

  @Test(
    "every command has --help with an example",
    arguments: ["", "open", "week", "check", "move", "log", "undo", "redo", "init", "import", "export", "generate"])
  func help(_ command: String) throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let r = try rota.run(command.isEmpty ? ["--help"] : [command, "--help"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("Examples:"))
    #expect(r.stdout.contains("rota \(command)".trimmingCharacters(in: .whitespaces)))
  }
}

@Suite("rota generate, end to end")
struct GenerateCommandTests {
  @Test("the same arguments give the same bytes, and the file checks cleanly")
  func sameBytes() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let args = ["generate", "--workers", "50", "--sites", "12", "--weeks", "6", "--start", "2026-W40", "--seed", "4"]
    let a = try rota.run(args)
    let b = try rota.run(args)
    #expect(a.status == 0 && b.status == 0)
    #expect(a.stdout == b.stdout)
    #expect(a.stdout.hasPrefix("version: 1\n"))
    #expect(a.stdout.contains("anchor_week: 2026-W40\n"))
    let file = try rota.write("gen.yaml", a.stdout)
    let check = try rota.run(["check", "--file", file, "--from", "2026-W40", "--to", "2026-W45", "--format", "json"])
    #expect(check.status == 0 || check.status == 1, "\(check.stderr)")
    let c = try rota.run(args.dropLast() + ["5"])
    #expect(c.stdout != a.stdout)
  }

  @Test("sizes out of range are refused with exit 2")
  func limits() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let r = try rota.run(["generate", "--workers", "0", "--sites", "3"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("--workers must be from 1 to 20000"))
  }
}
