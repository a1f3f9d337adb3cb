import Testing

@testable import RotaCore

/// The keys of version 1.1: posts, usual weeks that change, sites in use,
/// event leads and the revision. Files without them read exactly as before.
@Suite("The rota file's version 1.1 keys")
struct RotaFileTeamKeysTests {
  static let full = """
    version: 1
    pcn: Riverside PCN
    anchor_week: 2026-W48
    revision: 412
    sites:
    - code: RVS
      name: Riverside Surgery
      kind: practice
      cover: [mon-am]
      start: 2019-07-01
      end: 2027-03-31
    - code: OAK
      name: Oakfield
      kind: practice
    workers:
    - id: amira
      name: Amira Khan
      role: gp-link-worker
      sessions: 10
      start: 2024-04-01
      end: 2027-03-31
      pattern:
        mon: RVS
        tue: {am: OAK, pm: home}
      pattern_changes:
      - from: 2027-01-04
        pattern: {mon: OAK, tue: {am: OAK, pm: home}, wed: home}
      - from: 2027-02-01
        pattern: {}
    events:
    - title: Peer supervision
      kind: supervision
      date: 2026-11-27
      session: pm
      where: RVS
      lead: Dr Sara Patel (GP supervisor)
      attendees: [amira]

    """

  @Test("every key reads into the model")
  func reads() throws {
    let r = try rota(Self.full)
    #expect(r.revision == 412)
    #expect(r.sites[0].start == date("2019-07-01") && r.sites[0].end == date("2027-03-31"))
    #expect(r.sites[1].start == nil && r.sites[1].end == nil)
    let w = r.workers[0]
    #expect(w.start == date("2024-04-01") && w.end == date("2027-03-31"))
    #expect(w.patternChanges.map(\.from) == [date("2027-01-04"), date("2027-02-01")])
    #expect(w.pattern(on: date("2027-01-03"))[.mon, .am] == .site("RVS"))
    #expect(w.pattern(on: date("2027-01-04"))[.mon, .am] == .site("OAK"))
    #expect(w.pattern(on: date("2027-01-04"))[.tue, .pm] == .home)
    #expect(w.pattern(on: date("2027-02-01")) == WeeklyPattern())
    #expect(w.isInPost(on: date("2024-04-01")) && !w.isInPost(on: date("2024-03-31")))
    #expect(w.isInPost(on: date("2027-03-31")) && !w.isInPost(on: date("2027-04-01")))
    #expect(r.events[0].lead == "Dr Sara Patel (GP supervisor)")
  }

  @Test("the canonical form writes them in the contract's order, and is what it read")
  func writes() throws {
    let r = try rota(Self.full)
    let text = RotaFileWriter.write(r)
    #expect(text.hasPrefix("version: 1\npcn: Riverside PCN\nanchor_week: 2026-W48\nrevision: 412\n"))
    #expect(text.contains("  cover: [mon-am]\n  start: 2019-07-01\n  end: 2027-03-31\n"))
    #expect(text.contains("  sessions: 10\n  start: 2024-04-01\n  end: 2027-03-31\n  pattern:\n"))
    #expect(
      text.contains(
        "  pattern_changes:\n  - from: 2027-01-04\n    pattern: {mon: OAK, tue: {am: OAK, pm: home}, wed: home}\n"))
    #expect(text.contains("  - from: 2027-02-01\n    pattern: {}\n"))
    #expect(text.contains("  where: RVS\n  lead: Dr Sara Patel (GP supervisor)\n  attendees: [amira]\n"))
    #expect(text == Self.full)
    #expect(try rota(text) == r)
    #expect(RotaFileWriter.write(try rota(text)) == text)
  }

  @Test("a file without the new keys writes none of them")
  func absentKeys() throws {
    let text = RotaFileWriter.write(DemoPCN.rota())
    for key in ["revision:", "start:", "end:", "pattern_changes:", "lead:"] { #expect(!text.contains(key)) }
  }

  func error(_ yaml: String) -> RotaFileError? {
    do {
      _ = try rota(yaml)
      return nil
    } catch {
      return error
    }
  }

  static let head = "version: 1\npcn: P\nsites:\n- {code: RVS, name: R, kind: practice}\nworkers:\n"

  @Test(
    "mistakes name the line and column and what was expected",
    arguments: [
      (
        "- {id: a, name: A, role: gp-link-worker, sessions: 1, start: 2026-12-01, end: 2026-11-30}", 6,
        "a's post ends (2026-11-30) before it starts (2026-12-01)"
      ),
      (
        "- {id: a, name: A, role: gp-link-worker, sessions: 1, start: 2026-02-30}", 6, "'2026-02-30' is not a real date"
      ),
      (
        "- id: a\n  name: A\n  role: gp-link-worker\n  sessions: 1\n  pattern_changes:\n  - {from: 2027-01-04, pattern: {}}\n  - {from: 2027-01-04, pattern: {}}",
        12, "is not after the one before it (2027-01-04)"
      ),
      (
        "- id: a\n  name: A\n  role: gp-link-worker\n  sessions: 1\n  start: 2027-01-05\n  pattern_changes:\n  - {from: 2027-01-04, pattern: {}}",
        12, "is outside a's post (2027-01-05 to …)"
      ),
      (
        "- id: a\n  name: A\n  role: gp-link-worker\n  sessions: 1\n  pattern_changes:\n  - {from: 2027-01-04}", 11,
        "a pattern change is missing 'pattern'"
      ),
      (
        "- id: a\n  name: A\n  role: gp-link-worker\n  sessions: 1\n  pattern_changes:\n  - {from: 2027-01-04, pattern: {mon: XYZ}}",
        11, "no site has the code 'XYZ'"
      ),
      (
        "- id: a\n  name: A\n  role: gp-link-worker\n  sessions: 1\n  pattern_changes:\n  - {from: 2027-01-04, pattern: {}, to: 2027-02-01}",
        11, "unknown key 'to' in a pattern change"
      ),
    ])
  func workerMistakes(_ workers: String, _ line: Int, _ message: String) throws {
    let e = try #require(error(Self.head + workers))
    #expect(e.line == line, "\(e)")
    #expect(e.message.contains(message), "\(e.message)")
  }

  @Test("a site that ends before it starts, a revision that is not a number, a lead with a control character")
  func otherMistakes() throws {
    let site = try #require(
      error("version: 1\npcn: P\nsites:\n- {code: RVS, name: R, kind: practice, start: 2026-01-02, end: 2026-01-01}"))
    #expect(site.line == 4 && site.message.contains("site RVS ends (2026-01-01) before it starts (2026-01-02)"))
    let revision = try #require(error("version: 1\npcn: P\nrevision: latest\n"))
    #expect(revision.line == 3 && revision.message.contains("expected revision as a whole number"))
    let lead = try #require(
      error(
        Self.head
          + "- {id: a, name: A, role: gp-link-worker, sessions: 1}\nevents:\n- {title: S, kind: supervision, date: 2026-11-27, where: online, lead: \"Dr \\e[31m\", attendees: [a]}"
      ))
    #expect(lead.line == 8 && lead.message.contains("the event's lead contains the control character U+001B"))
  }

  @Test("leave, overrides and events may fall outside a post or a site's dates: the rules report them")
  func datesOutsideAreRead() throws {
    let r = try rota(
      Self.head + """
        - {id: a, name: A, role: gp-link-worker, sessions: 1, end: 2026-11-01}
        leave:
        - {worker: a, from: 2026-12-01, kind: annual}
        overrides:
        - {worker: a, date: 2026-12-02, place: RVS}
        """)
    #expect(r.leave.count == 1 && r.overrides.count == 1)
  }

  @Test("moving the demo to another week moves posts, sites in use and usual-week changes too")
  func moved() throws {
    let r = try rota(Self.full).moved(toWeek: week("2026-W49"))
    #expect(r.sites[0].start == date("2019-07-08") && r.workers[0].end == date("2027-04-07"))
    #expect(r.workers[0].patternChanges.map(\.from) == [date("2027-01-11"), date("2027-02-08")])
  }
}
