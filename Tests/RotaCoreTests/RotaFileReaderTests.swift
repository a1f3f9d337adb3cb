import Testing

@testable import RotaCore

@Suite("Reading the rota file")
struct RotaFileReaderTests {
  static let minimal = """
    version: 1
    pcn: Test PCN
    sites:
    - code: RVS
      name: Riverside Surgery
      kind: practice
    workers:
    - id: amira
      name: Amira Khan
      role: gp-link-worker
      sessions: 10
      pattern:
        mon: RVS
        tue: {am: RVS, pm: home}
    """

  @Test("a minimal file reads with every default")
  func minimalFile() throws {
    let r = try rota(Self.minimal)
    #expect(r.pcn == "Test PCN")
    #expect(r.policy == Policy())
    let site = try #require(r.sites.first)
    #expect(site.rooms == 1 && site.open == .weekdays && !site.openBankHolidays && site.cover.isEmpty)
    let w = try #require(r.workers.first)
    #expect(w.pattern[.mon, .am] == .site("RVS") && w.pattern[.mon, .pm] == .site("RVS"))
    #expect(w.pattern[.tue, .pm] == .home)
    #expect(w.pattern[.wed, .am] == .off)
  }

  @Test("off, no, yes and on are text, never booleans; codes read case-insensitively")
  func scalarsAreText() throws {
    let r = try rota(
      """
      version: 1
      pcn: yes
      sites:
      - code: NO
        name: on
        kind: practice
      - code: rvs
        name: Riverside
        kind: practice
      workers:
      - id: amira
        name: off
        role: gp-link-worker
        sessions: 2
        pattern:
          mon: no
          tue: off
          wed: Rvs
      """)
    #expect(r.pcn == "yes")
    #expect(r.sites.map(\.code) == ["NO", "RVS"])
    #expect(r.sites[0].name == "on")
    #expect(r.workers[0].name == "off")
    #expect(r.workers[0].pattern[.mon, .am] == .site("NO"))
    #expect(r.workers[0].pattern[.tue, .am] == .off)
    #expect(r.workers[0].pattern[.wed, .pm] == .site("RVS"))
  }

  @Test("a later override for the same worker and session replaces an earlier one")
  func laterOverrideWins() throws {
    let r = try rota(
      Self.minimal + """

        overrides:
        - worker: amira
          date: 2026-11-23
          place: home
        - worker: amira
          date: 2026-11-23
          session: am
          place: off
        """)
    let placements = RotaAnalysis(r).placements(for: week("2026-W48"))
    #expect(placements.placement(worker: 0, day: 0, half: .am) == .off)
    #expect(placements.placement(worker: 0, day: 0, half: .pm) == .home)
  }

  struct Bad: CustomTestStringConvertible, Sendable {
    let name: String
    let yaml: String
    let line: Int
    let column: Int
    let says: String
    var testDescription: String { name }
  }

  static let base = """
    version: 1
    pcn: Test PCN
    sites:
    - code: RVS
      name: Riverside Surgery
      kind: practice
    workers:
    - id: amira
      name: Amira Khan
      role: gp-link-worker
      sessions: 10

    """

  static let bad: [Bad] = [
    Bad(name: "broken YAML", yaml: "version: 1\npcn: [unclosed\n", line: 3, column: 1, says: "invalid YAML"),
    Bad(name: "empty file", yaml: "", line: 1, column: 1, says: "empty"),
    Bad(
      name: "a list, not a mapping", yaml: "- version: 1\n", line: 1, column: 1, says: "expected the rota as a mapping"),
    Bad(
      name: "unsupported version", yaml: "version: 2\npcn: X\n", line: 1, column: 10, says: "unsupported version '2'"),
    Bad(name: "missing pcn", yaml: "version: 1\n", line: 1, column: 1, says: "missing 'pcn'"),
    Bad(
      name: "unknown top-level key", yaml: "version: 1\npcn: X\nsite: []\n", line: 3, column: 1,
      says: "unknown key 'site'"),
    Bad(
      name: "unknown key in a site",
      yaml: "version: 1\npcn: X\nsites:\n- code: RVS\n  name: R\n  kind: practice\n  romms: 2\n", line: 7, column: 3,
      says: "unknown key 'romms' in a site; expected one of code, name, kind, rooms"),
    Bad(
      name: "duplicate key", yaml: "version: 1\npcn: X\npcn: Y\n", line: 2, column: 1, says: "appears more than once"),
    Bad(
      name: "bad site code", yaml: "version: 1\npcn: X\nsites:\n- code: R\n  name: R\n  kind: practice\n", line: 4,
      column: 9, says: "'R' is not a site code"),
    Bad(
      name: "reserved site code", yaml: "version: 1\npcn: X\nsites:\n- code: HOME\n  name: R\n  kind: practice\n",
      line: 4, column: 9, says: "HOME and OFF are reserved"),
    Bad(
      name: "duplicate site code, case-insensitively",
      yaml:
        "version: 1\npcn: X\nsites:\n- code: RVS\n  name: R\n  kind: practice\n- code: rvs\n  name: S\n  kind: practice\n",
      line: 7, column: 3, says: "site code RVS is already used"),
    Bad(
      name: "unknown site kind", yaml: "version: 1\npcn: X\nsites:\n- code: RVS\n  name: R\n  kind: surgery\n", line: 6,
      column: 9,
      says: "unknown site kind 'surgery'; expected one of practice, school, hospice, hospital, hub, community"),
    Bad(
      name: "rooms out of range",
      yaml: "version: 1\npcn: X\nsites:\n- code: RVS\n  name: R\n  kind: practice\n  rooms: 51\n",
      line: 7, column: 10, says: "rooms is 51; expected a number from 0 to 50"),
    Bad(
      name: "rooms not a number",
      yaml: "version: 1\npcn: X\nsites:\n- code: RVS\n  name: R\n  kind: practice\n  rooms: two\n", line: 7, column: 10,
      says: "expected rooms as a whole number"),
    Bad(
      name: "bad weekly session",
      yaml: "version: 1\npcn: X\nsites:\n- code: RVS\n  name: R\n  kind: practice\n  open: [mon, wen]\n",
      line: 7, column: 15, says: "'wen' is not a weekly session"),
    Bad(
      name: "a half-day given twice",
      yaml: "version: 1\npcn: X\nsites:\n- code: RVS\n  name: R\n  kind: practice\n  cover: [mon, mon-am]\n", line: 7,
      column: 16, says: "mon-am is listed twice in cover"),
    Bad(
      name: "open_bank_holidays not true or false",
      yaml: "version: 1\npcn: X\nsites:\n- code: RVS\n  name: R\n  kind: practice\n  open_bank_holidays: yes\n",
      line: 7,
      column: 23, says: "expected true or false"),
    Bad(
      name: "duplicate worker id",
      yaml: base + "- id: amira\n  name: Other\n  role: gp-link-worker\n  sessions: 4\n", line: 12, column: 3,
      says: "worker id 'amira' is already used"),
    Bad(
      name: "invalid worker id",
      yaml: "version: 1\npcn: X\nworkers:\n- id: Amira\n  name: A\n  role: gp-link-worker\n  sessions: 1\n",
      line: 4, column: 7, says: "'Amira' is not a valid worker id"),
    Bad(
      name: "unknown role",
      yaml: "version: 1\npcn: X\nworkers:\n- id: amira\n  name: A\n  role: link-worker\n  sessions: 1\n", line: 6,
      column: 9,
      says: "unknown role 'link-worker'; expected one of gp-link-worker, family-link-worker"),
    Bad(
      name: "sessions out of range",
      yaml: "version: 1\npcn: X\nworkers:\n- id: amira\n  name: A\n  role: gp-link-worker\n  sessions: 15\n", line: 7,
      column: 13,
      says: "sessions is 15; expected a number from 0 to 14"),
    Bad(
      name: "pattern names an undefined site",
      yaml: base.replacingOccurrences(of: "  sessions: 10\n", with: "  sessions: 10\n  pattern:\n    mon: OAK\n"),
      line: 13,
      column: 10, says: "no site has the code 'OAK'"),
    Bad(
      name: "pattern has an unknown day",
      yaml: base.replacingOccurrences(of: "  sessions: 10\n", with: "  sessions: 10\n  pattern:\n    monday: RVS\n"),
      line: 13,
      column: 5, says: "unknown key 'monday'"),
    Bad(
      name: "leave for an undefined worker", yaml: base + "leave:\n- worker: ben\n  from: 2026-12-01\n  kind: annual\n",
      line: 13, column: 11, says: "no worker has the id 'ben'"),
    Bad(
      name: "leave that ends before it starts",
      yaml: base + "leave:\n- worker: amira\n  from: 2026-12-02\n  to: 2026-12-01\n  kind: annual\n", line: 15,
      column: 7,
      says: "'to' must not be before 'from'"),
    Bad(
      name: "an impossible date", yaml: base + "leave:\n- worker: amira\n  from: 2026-02-30\n  kind: annual\n",
      line: 14,
      column: 9, says: "'2026-02-30' is not a real date"),
    Bad(
      name: "unknown leave kind", yaml: base + "leave:\n- worker: amira\n  from: 2026-12-01\n  kind: holiday\n",
      line: 15,
      column: 9, says: "unknown leave kind 'holiday'"),
    Bad(
      name: "override to an unknown place",
      yaml: base + "overrides:\n- worker: amira\n  date: 2026-12-01\n  place: office\n", line: 15, column: 10,
      says: "no site has the code 'office'"),
    Bad(
      name: "override with a bad session",
      yaml: base + "overrides:\n- worker: amira\n  date: 2026-12-01\n  session: evening\n  place: home\n", line: 15,
      column: 12, says: "'evening' is not a session"),
    Bad(
      name: "event at an unknown venue",
      yaml: base
        + "events:\n- title: T\n  kind: team\n  date: 2026-12-01\n  where: zoom\n  attendees: [amira]\n", line: 16,
      column: 10, says: "no site has the code 'zoom'"),
    Bad(
      name: "event with no attendees",
      yaml: base + "events:\n- title: T\n  kind: team\n  date: 2026-12-01\n  where: online\n  attendees: []\n",
      line: 17,
      column: 14, says: "no attendees"),
    Bad(
      name: "event missing its title",
      yaml: base + "events:\n- kind: team\n  date: 2026-12-01\n  where: online\n  attendees: [amira]\n", line: 13,
      column: 3,
      says: "an event is missing 'title'"),
    Bad(
      name: "an ISO week the year lacks", yaml: "version: 1\npcn: X\nanchor_week: 2025-W53\n", line: 3, column: 14,
      says: "'2025-W53' is not a week of 2025 (it has 52 ISO weeks)"),
    Bad(
      name: "policy out of range", yaml: "version: 1\npcn: X\npolicy:\n  lookback_weeks: 0\n", line: 4, column: 19,
      says: "policy.lookback_weeks is 0; expected a number from 1 to 52"),
    Bad(
      name: "unknown bank holiday set", yaml: "version: 1\npcn: X\npolicy:\n  bank_holidays: wales\n", line: 4,
      column: 18,
      says: "unknown bank holiday set 'wales'"),
    Bad(
      name: "a name too long",
      yaml:
        "version: 1\npcn: X\nworkers:\n- id: a\n  name: \(String(repeating: "x", count: 61))\n  role: care-coordinator\n  sessions: 1\n",
      line: 5, column: 9, says: "61 characters long; expected 1 to 60"),
    Bad(
      name: "an escape sequence in a name",
      yaml:
        "version: 1\npcn: X\nworkers:\n- id: a\n  name: \"Amira \\e[31mKhan\"\n  role: care-coordinator\n  sessions: 1\n",
      line: 5, column: 9, says: "control character U+001B"),
    Bad(
      name: "a bidi override in a site name",
      yaml: "version: 1\npcn: X\nsites:\n- code: RVS\n  name: \"Riverside \\u202Eyregrus\"\n  kind: practice\n",
      line: 5,
      column: 9, says: "control character U+202E"),
    Bad(
      name: "a tab in the PCN name", yaml: "version: 1\npcn: \"A\\tB\"\n", line: 2, column: 6,
      says: "control character U+0009"),
  ]

  @Test("bad input names the file, line and column and what was expected", arguments: bad)
  func badInput(_ bad: Bad) {
    do {
      let r = try rota(bad.yaml, file: "bad.yaml")
      Issue.record("read without error: \(r.pcn)")
    } catch {
      #expect(error.file == "bad.yaml")
      #expect(error.line == bad.line, "\(error)")
      #expect(error.column == bad.column, "\(error)")
      #expect(error.message.contains(bad.says), "\(error)")
      #expect(error.description.hasPrefix("bad.yaml:\(bad.line):\(bad.column): "))
    }
  }

  @Test("a file that cannot be opened is a clear error")
  func missingFile() {
    #expect(throws: RotaFileError.self) { try RotaFileReader.read(path: "/nonexistent/rota.yaml") }
    do {
      _ = try RotaFileReader.read(path: "/nonexistent/rota.yaml")
    } catch {
      #expect(error.description.hasPrefix("/nonexistent/rota.yaml: cannot read the file"))
    }
  }
}
