import Foundation
import RotaCore
import Testing

/// A seeded fuzz of the real binary, run black-box as a user or a script would:
/// mutations of the demo rota and of generated rotas through the rota file reader
/// (`rota check --file`, `rota week --file`), the ones that still read imported
/// and opened in the planner's script harness, and random key scripts at random
/// screen sizes (tiny ones too) against the demo and a generated database.
///
/// Every run must end by itself (no signal, within the time limit), exit 0, 1 or
/// 2, and print valid UTF-8 with no ESC, no BEL and no C1 control (U+0080 to
/// U+009F) on either stream. The same seed gives the same cases; docs/robustness.md
/// says what it has found. `ROTA_FUZZ_SEED` picks another seed and
/// `ROTA_FUZZ_SCALE` multiplies the number of cases, for longer runs by hand.
@Suite("Fuzz: mutated rotas and random key scripts", .serialized)
struct FuzzTests {
  static let environment = ProcessInfo.processInfo.environment
  static let seed = environment["ROTA_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_126
  static let scale = max(1, environment["ROTA_FUZZ_SCALE"].flatMap { Int($0) } ?? 1)
  /// How long one run may take before it counts as a hang (debug builds on a busy machine are slow).
  static let limitSeconds = 30

  /// A run that broke a rule, with what reproduces it.
  struct Finding: CustomStringConvertible {
    let what: String
    let command: [String]
    let input: String?
    var description: String {
      "\(what): rota \(command.joined(separator: " "))" + (input.map { " (input: \($0))" } ?? "")
    }
  }

  /// Where failing inputs are kept for reproducing: `ROTA_FUZZ_KEEP`, else the temporary folder.
  static let keep: URL = {
    let url = URL(
      fileURLWithPath: environment["ROTA_FUZZ_KEEP"]
        ?? FileManager.default.temporaryDirectory.appendingPathComponent(
          "rota-fuzz-findings"
        ).path)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  /// Runs rota under `timeout`, and says what is wrong with the run, if anything.
  static func check(_ rota: RotaBinary, _ arguments: [String], directory: URL? = nil) throws -> (
    RotaBinary.Result, String?
  ) {
    let r = try rota.start(
      arguments, prefix: ["/usr/bin/timeout", "-s", "KILL", "\(limitSeconds)"], directory: directory
    ).wait()
    // timeout exits 137 when it had to kill rota; when rota dies of a signal,
    // timeout dies of the same one.
    if r.signalled { return (r, "a crash: signal \(r.status): \(r.stderr.suffix(300))") }
    if r.status == 137 { return (r, "a hang: still running after \(limitSeconds) s") }
    if !(0...2).contains(r.status) { return (r, "exit status \(r.status)") }
    for (name, bytes) in [("stdout", r.stdoutBytes), ("stderr", r.stderrBytes)] {
      if let problem = unprintable(bytes) { return (r, "\(problem) on \(name)") }
    }
    return (r, nil)
  }

  /// What a terminal would act on: bytes that are not UTF-8 (a lone 0x9B is CSI
  /// to some terminals), ESC, BEL, or a C1 control encoded as UTF-8.
  static func unprintable(_ bytes: Data) -> String? {
    guard let text = String(validating: bytes, as: UTF8.self) else { return "bytes that are not UTF-8" }
    for s in text.unicodeScalars where s.value == 0x1B || s.value == 0x07 || (0x80...0x9F).contains(s.value) {
      return "the control character U+\(String(s.value, radix: 16, uppercase: true))"
    }
    return nil
  }

  // MARK: Rota files

  @Test("mutated rota files: the reader, check, week, and the planner on those that read")
  func mutatedRotaFiles() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    var rng = SplitMix64(seed: Self.seed)
    let demo = try String(contentsOfFile: RotaBinary.seedPath, encoding: .utf8)
    let generated = try rota.run([
      "generate", "--workers", "14", "--sites", "6", "--weeks", "4", "--start", "2026-W46", "--seed", "\(Self.seed)",
    ]).stdout
    var mutator = Mutator(rng: rng.split())
    var findings: [Finding] = []
    var runs = 0
    var read = 0
    let cases = 48 * Self.scale
    for n in 0..<cases {
      let text = mutator.mutate(n % 2 == 0 ? demo : generated)
      let file = try rota.write("case.yaml", text)
      let week = [
        "2026-W48", "2026-W48", "2026-W47", "2000-W01", "2199-W52", "2026-W53", "next", "9999-W52", "0001-W01",
      ][
        rng.int(9)]
      let commands: [[String]] = [
        ["check", "--file", file, "--week", week] + (rng.int(2) == 0 ? ["--format", "json"] : []),
        ["week", "--file", file, "--week", week, "--worker", ["amira", "hodan", "nobody"][rng.int(3)]],
      ]
      var reads = false
      for command in commands {
        let (r, problem) = try Self.check(rota, command)
        runs += 1
        if command[0] == "check" { reads = r.status <= 1 }
        if let problem { findings.append(try record(problem, command, text, n)) }
      }
      // What reads goes into a database, and into the planner.
      if reads {
        read += 1
        let db = rota.path("case-\(n).sqlite3")
        let (r, problem) = try Self.check(rota, ["init", "--from", file, "--db", db])
        runs += 1
        if let problem { findings.append(try record(problem, ["init", "--from", file, "--db", db], text, n)) }
        if r.status == 0 {
          var keys = KeyScriptMaker(rng: rng.split())
          let (arguments, script) = keys.planner(db: db, scriptPath: rota.path("keys.txt"))
          try script.write(toFile: rota.path("keys.txt"), atomically: true, encoding: .utf8)
          let (_, problem) = try Self.check(rota, arguments, directory: rota.home)
          runs += 1
          if let problem { findings.append(try record(problem, arguments, text + "\n# keys:\n" + script, n)) }
        }
        try? FileManager.default.removeItem(atPath: db)
      }
    }
    print(
      "fuzz: mutated rota files, seed \(Self.seed): \(cases) files (\(read) still read), \(runs) runs, \(findings.count) findings"
    )
    for finding in findings { Issue.record("\(finding)") }
  }

  // MARK: The planner

  @Test("random key scripts at random sizes, on the demo and on a generated rota")
  func randomKeyScripts() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    var rng = SplitMix64(seed: Self.seed ^ 0x5EED)
    let demo = try rota.demoDatabase("demo.sqlite3")
    let generated = try rota.write(
      "generated.yaml",
      try rota.run([
        "generate", "--workers", "40", "--sites", "12", "--weeks", "6", "--start", "2026-W44", "--seed", "\(Self.seed)",
      ]).stdout)
    let big = rota.path("generated.sqlite3")
    #expect(try rota.run(["init", "--from", generated, "--db", big]).status == 0)
    var findings: [Finding] = []
    let cases = 72 * Self.scale
    for n in 0..<cases {
      var keys = KeyScriptMaker(rng: rng.split())
      let (arguments, script) = keys.planner(db: n % 3 == 2 ? big : demo, scriptPath: rota.path("keys.txt"))
      try script.write(toFile: rota.path("keys.txt"), atomically: true, encoding: .utf8)
      let (_, problem) = try Self.check(rota, arguments, directory: rota.home)
      if let problem { findings.append(try record(problem, arguments, script, n)) }
    }
    print("fuzz: key scripts, seed \(Self.seed): \(cases) runs, \(findings.count) findings")
    for finding in findings { Issue.record("\(finding)") }
  }

  /// Keeps the input of a finding where it can be replayed.
  func record(_ what: String, _ command: [String], _ input: String, _ n: Int) throws -> Finding {
    let url = Self.keep.appendingPathComponent("seed-\(Self.seed)-case-\(n)-\(UUID().uuidString.prefix(6)).txt")
    try input.write(to: url, atomically: true, encoding: .utf8)
    return Finding(what: what, command: command, input: url.path)
  }
}

extension SplitMix64 {
  mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
  /// A generator of its own, so that one part of the fuzz drawing more numbers
  /// does not change the cases of another.
  mutating func split() -> SplitMix64 { SplitMix64(seed: next()) }
}

/// Mutations of rota file text: values swapped for awkward ones, bytes flipped,
/// lines repeated, moved, cut or re-indented, anchors and aliases added.
struct Mutator {
  var rng: SplitMix64

  /// Text a terminal would act on, as YAML escapes: the values that matter most here.
  static let escapes = [
    "\"\\e]52;c;cm0gLXJmIH4=\\a\"", "\"\\e[2J\\e[H\"", "\"\\x9b31m\\x85\"", "\"\\e]0;title\\a\"",
    "\"ok\\x1b[0m\"",
  ]

  static let values: [String] =
    escapes + escapes + [
      "", "~", "null", "-1", "0", "51", "9223372036854775807", "99999999999999999999", "1e9", "0x1F", "true",
      "2199-12-29", "2200-01-01", "9999-12-31", "0000-01-01", "1999-12-31", "2026-02-30", "2026-11-26-am",
      "2026-W53", "2025-W53", "9999-W52", "0001-W01", "0000-W01", "\"\\e]52;c;cm0gLXJmIH4=\\a\"", "\"\\e[2J\\e[H\"",
      "\"\\x9b31m\\x85\"", "\"\\u202Eevil\"", "\"\\u3164\"", "\"\\u200B\\u200B\"", "\"\\0\"", "'quote", "[", "{", "]",
      "*", "&a", "*a", "!!binary aGk=", "? ", "- ", ": ", "|", ">", "\"a\(String(repeating: "\\u0301", count: 400))\"",
      String(repeating: "x", count: 3000), "RVS", "rvs", "HOME", "home", "off", "OFF", "leave", "am", "pm", "mon-am",
      "[mon, mon]", "online", "supervision", "amira", "hodan", "[amira, amira]", "[]", "{}", "Amira Khan",
      "Ștefănescu 陳美琳 👩🏽‍⚕️",
    ]

  /// Values a rota file may well hold, by key, at the edges of what it allows:
  /// a file changed only with these usually still reads, and takes the rules,
  /// the database and the planner somewhere unusual.
  static let plausible: [String: [String]] = {
    let names = [
      "Zoë O'Brien-Ștefănescu", "陳美琳", "محمد", "\"a\\u0301\\u0302\\u0303\"", "👩🏽‍⚕️ Dr Bee", "X",
      "\"Quoted, \\\"with\\\" commas\"", "=HYPERLINK(\"x\")", "+44 7700 900123", "-2+3", "@SUM(1)",
      String(repeating: "W", count: 60),
    ]
    let dates = ["2000-01-03", "2199-12-29", "2026-11-23", "2026-11-29", "2026-12-25", "2026-06-15", "2026-11-26"]
    let sessions = dates + ["2000-01-03-pm", "2199-12-28-am", "2026-11-24-am", "2026-11-27-pm"]
    let places = ["home", "off", "RVS", "OAK", "MIL", "{am: RVS, pm: home}"]
    var values: [String: [String]] = [
      "name": names, "title": names, "pcn": names, "lead": names, "date": dates, "start": dates, "end": dates,
      "from": sessions, "to": sessions, "session": ["am", "pm"], "rooms": ["0", "1", "2", "50"],
      "sessions": ["0", "1", "14"], "anchor_week": ["2000-W01", "2199-W52", "2026-W48", "2026-W53"],
      "revision": ["0", "2147483647"], "where": ["online", "RVS", "OAK"], "place": places,
      "kind": ["annual", "sick", "other", "practice", "hospice", "supervision", "team"],
      "worker": ["amira", "hodan", "tomasz"], "attendees": ["[amira]", "[amira, hodan]", "[hodan, tomasz, amira]"],
      "open": ["[mon, tue, wed, thu, fri, sat, sun]", "[]", "[sun-pm]"], "cover": ["[mon-am, thu]", "[]"],
      "closed": ["[2026-11-23]", "[2026-11-24-am, 2026-11-25]", "[]"], "open_bank_holidays": ["true", "false"],
      "bank_holidays": ["scotland", "none", "northern-ireland", "england-and-wales"],
      "max_solitary_days": ["0", "7"], "max_solitary_streak": ["1", "60"], "lookback_weeks": ["1", "52"],
      "supervision_weeks": ["1", "52"], "max_sole_sites": ["1", "50"],
    ]
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "am", "pm"] { values[day] = places }
    return values
  }()

  /// `text` with one to three mutations: half the time gentle ones, which mostly
  /// still read, and otherwise anything.
  mutating func mutate(_ text: String) -> String {
    var lines = text.components(separatedBy: "\n")
    if rng.int(2) == 0 {
      for _ in 0...rng.int(3) {
        let i = rng.int(lines.count)
        guard let colon = lines[i].range(of: ": ") else { continue }
        let key = lines[i][..<colon.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: " -"))
        guard let values = Self.plausible[key] else { continue }
        lines[i] = String(lines[i][..<colon.upperBound]) + values[rng.int(values.count)]
      }
      return lines.joined(separator: "\n")
    }
    for _ in 0...rng.int(3) {
      guard !lines.isEmpty else { break }
      let i = rng.int(lines.count)
      switch rng.int(9) {
      case 0, 1, 2:
        // A value replaced.
        if let colon = lines[i].range(of: ": ") {
          lines[i] = String(lines[i][..<colon.upperBound]) + Self.values[rng.int(Self.values.count)]
        } else if let dash = lines[i].range(of: "- ") {
          lines[i] = String(lines[i][..<dash.upperBound]) + Self.values[rng.int(Self.values.count)]
        }
      case 3: lines.insert(lines[i], at: rng.int(lines.count))
      case 4: lines.remove(at: i)
      case 5: lines.swapAt(i, rng.int(lines.count))
      case 6: lines[i] = rng.int(2) == 0 ? "  " + lines[i] : String(lines[i].drop { $0 == " " })
      case 7:
        // An anchor on one value and an alias to it somewhere else.
        if let colon = lines[i].range(of: ": ") {
          lines[i] = String(lines[i][..<colon.upperBound]) + "&x " + lines[i][colon.upperBound...]
          let j = rng.int(lines.count)
          if let other = lines[j].range(of: ": ") { lines[j] = String(lines[j][..<other.upperBound]) + "*x" }
        }
      default:
        // A byte, any byte, somewhere in the line.
        var bytes = Array(lines[i].utf8)
        let b = UInt8(truncatingIfNeeded: rng.next())
        if bytes.isEmpty || rng.int(2) == 0 {
          bytes.insert(b, at: rng.int(bytes.count + 1))
        } else {
          bytes[rng.int(bytes.count)] = b
        }
        lines[i] = String(decoding: bytes, as: UTF8.self)
      }
    }
    return lines.joined(separator: "\n")
  }
}

/// Random runs of the planner's script harness: options, screen size and keys.
struct KeyScriptMaker {
  var rng: SplitMix64

  static let keys: [String] = [
    "j", "k", "l", "h", "j", "l", "<Down>", "<Up>", "<Left>", "<Right>", "<PgUp>", "<PgDn>", "<Home>", "<End>",
    "<Space>", "m", "<Enter>", "e", "<Esc>", "<Tab>", "<S-Tab>", "H", "O", "L", "u", "U", "w", "s", "f", "[", "]",
    "t", "g", "/", "p", "b", "a", "T", "?", "x", "S", "<BS>", "<Del>", "<C-l>", "<F1>", "<F5>", "<tick>", "n", "N",
    "d", "r", "y", "c", "v", "<lt>", "<gt>", "1", "9", "-", "+", "=", "\"amira\"", "\"2199-W52\"", "\"9999-W52\"",
    "\"2026-W48\"", "\"zz\"", "\"Ștefănescu 陳\"", "\"\\\"\"", "g \"9999-W52\" <Enter>", "g \"0001-W01\" <Enter>",
    "g \"2199-W52\" <Enter> ] ] ]", "g \"2000-W01\" <Enter> [ [ [", "g \"2026-W53\" <Enter>", "g <BS> <BS> <Enter>",
  ]

  static let sizes: [(Int, Int)] = [
    (1, 1), (2, 2), (3, 1), (1, 5), (5, 3), (12, 4), (20, 5), (40, 10), (59, 20), (60, 20), (80, 24), (100, 30),
    (120, 40), (200, 60), (300, 100),
  ]

  /// The arguments of one run, and its key script.
  mutating func planner(db: String, scriptPath: String) -> ([String], String) {
    let size = rng.int(4) == 0 ? (1 + rng.int(250), 1 + rng.int(90)) : Self.sizes[rng.int(Self.sizes.count)]
    var arguments = ["open", "--db", db, "--script", scriptPath, "--dump-screen", "-", "--size", "\(size.0)x\(size.1)"]
    switch rng.int(8) {
    case 0: arguments += ["--worker", ["amira", "hodan", "tomasz"][rng.int(3)]]
    case 1: arguments += ["--view", ["workers", "sites", "findings", "board", "arrs"][rng.int(5)]]
    case 2: arguments += ["--week", ["2026-W48", "2000-W01", "2199-W52", "2026-W01", "next", "9999-W52"][rng.int(6)]]
    case 3: arguments += ["--read-only"]
    case 4:
      arguments += ["--theme", ["default", "high-contrast", "colour-blind-safe", "monochrome", "nope"][rng.int(5)]]
    default: break
    }
    var script: [String] = []
    for _ in 0..<(3 + rng.int(60)) {
      switch rng.int(12) {
      case 0:
        let action = ["press", "drag", "release", "wheelup", "wheeldown"][rng.int(5)]
        script.append("<\(action) \(rng.int(size.0 + 3)) \(rng.int(size.1 + 3))>")
      case 1 where rng.int(4) == 0:
        script.append("<resize \(1 + rng.int(220)) \(1 + rng.int(70))>")
      default:
        script.append(Self.keys[rng.int(Self.keys.count)])
      }
    }
    return (arguments, script.joined(separator: " ") + "\n")
  }
}
