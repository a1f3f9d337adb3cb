import Foundation
import RotaCore
import Testing

/// What a link worker and a supervisor read must be true, whole and private
/// (issue 10): supervision presence, booked sessions, long streaks, events in
/// the calendar, text that fits, and no colleague's leave kind in a worker's view.
@Suite("What workers and supervisors read")
struct ReaderTruthTests {
  /// Today is Wed 25 Nov 2026 (RotaBinary pins it). Amira missed Tuesday's
  /// supervision on sick leave; her last attended one was 3 Nov and the next is
  /// booked for Friday. Chidi has worked alone at home since he started on Fri 2
  /// Oct. Zara is on sick leave on Friday, when she and Amira have a case review.
  static let yaml = """
    version: 1
    pcn: Truth PCN
    sites:
      - {code: RVS, name: Riverside Surgery, kind: practice}
      - {code: OAK, name: Oakfield Medical Centre, kind: practice, rooms: 2}
    workers:
      - {id: amira, name: Amira Khan, role: gp-link-worker, sessions: 10, pattern: {mon: OAK, tue: OAK, wed: OAK, thu: OAK, fri: OAK}}
      - {id: zara, name: Zara Ahmed, role: gp-link-worker, sessions: 10, pattern: {mon: OAK, tue: OAK, wed: OAK, thu: OAK, fri: OAK}}
      - {id: chidi, name: Chidi Okonkwo, role: gp-link-worker, sessions: 10, start: 2026-10-02, pattern: {mon: home, tue: home, wed: home, thu: home, fri: home}}
    leave:
      - {worker: amira, from: 2026-11-24, kind: sick}
      - {worker: zara, from: 2026-11-27, kind: sick}
    events:
      - {title: Peer supervision, kind: supervision, date: 2026-11-03, session: pm, where: RVS, lead: Dr Sara Patel, attendees: [amira]}
      - {title: Peer supervision, kind: supervision, date: 2026-11-24, session: pm, where: RVS, lead: Dr Sara Patel, attendees: [amira]}
      - {title: Peer supervision, kind: supervision, date: 2026-11-27, session: am, where: online, lead: Dr Sara Patel, attendees: [amira]}
      - {title: Case review, kind: team, date: 2026-11-27, session: pm, where: OAK, attendees: [amira, zara]}
    """

  func fixture(_ rota: RotaBinary) throws -> String { try rota.write("truth.yaml", Self.yaml) }

  /// Text with its wrapping undone: every run of spaces and line breaks one space.
  func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

  @Test("a supervision on leave does not count and one to come is booked, not the last: check JSON, text and board")
  func supervision() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let file = try fixture(rota)
    // On 23 Nov, before the booked Friday session: the last attended one is 3 Nov.
    var monday = rota
    monday.today = "2026-11-23"
    let text = flat(try monday.run(["check", "--file", file, "--week", "2026-W48"]).stdout)
    #expect(text.contains("Amira Khan, GP link worker"), "\(text)")
    #expect(text.contains("supervision: last Tue 3 Nov (2 weeks ago); booked for Fri 27 Nov"), "\(text)")
    #expect(!text.contains("last Tue 24 Nov") && !text.contains("last Fri 27 Nov"), "\(text)")

    // The JSON contract is unchanged: last_supervision is the latest present at on
    // or before Sunday (Friday's, booked), never Tuesday's missed one.
    let checked = try json(try rota.run(["check", "--file", file, "--week", "2026-W48", "--format", "json"]).stdout)
    let rows = try #require((checked as? [String: Any])?["isolation"] as? [[String: Any]])
    let amira = try #require(rows.first { $0["worker"] as? String == "amira" })
    #expect(amira["last_supervision"] as? String == "2026-11-27")
    // Away at Tuesday's session: an error, and it did not count.
    let findings = try #require((checked as? [String: Any])?["findings"] as? [[String: Any]])
    #expect(findings.contains { $0["rule"] as? String == "away-at-event" && $0["worker"] as? String == "amira" })

    // Without Friday's booking, Tuesday's missed session leaves her last one 3 Nov,
    // four weeks back from W49: no-supervision fires for W49 in JSON and text.
    let noFriday = Self.yaml.replacingOccurrences(
      of:
        "  - {title: Peer supervision, kind: supervision, date: 2026-11-27, session: am, where: online, lead: Dr Sara Patel, attendees: [amira]}\n",
      with: "")
    let file2 = try rota.write("nofriday.yaml", noFriday)
    let j2 = try json(try rota.run(["check", "--file", file2, "--week", "2026-W49", "--format", "json"]).stdout)
    let f2 = try #require((j2 as? [String: Any])?["findings"] as? [[String: Any]])
    #expect(f2.contains { $0["rule"] as? String == "no-supervision" && $0["worker"] as? String == "amira" })
    let r2 = try #require((j2 as? [String: Any])?["isolation"] as? [[String: Any]])
    #expect(r2.first { $0["worker"] as? String == "amira" }?["last_supervision"] as? String == "2026-11-03")
    let t2 = flat(try rota.run(["check", "--file", file2, "--week", "2026-W49"]).stdout)
    #expect(t2.contains("Amira Khan has had no supervision in the last 4 weeks (last on Tue 3 Nov 2026)"), "\(t2)")
    #expect(t2.contains("supervision: last Tue 3 Nov (3 weeks ago)"), "\(t2)")
  }

  @Test("a streak that goes on before the window reads at least N days, since when it began")
  func streakBeforeWindow() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let file = try fixture(rota)
    let text = flat(try rota.run(["check", "--file", file, "--week", "2026-W48"]).stdout)
    #expect(
      text.contains("Chidi Okonkwo: at least 20 solitary working days in a row, since Fri 2 Oct (limit 3)"), "\(text)")
    #expect(text.contains("longest streak: at least 20 solitary working days in a row, since Fri 2 Oct"), "\(text)")
    // The same from the database, which loads only the weeks it needs at first.
    let db = rota.path("truth.sqlite3")
    #expect(try rota.run(["init", "--from", file, "--db", db]).status == 0)
    let fromDB = flat(try rota.run(["check", "--db", db, "--week", "2026-W48"]).stdout)
    #expect(fromDB.contains("since Fri 2 Oct (limit 3)"), "\(fromDB)")
    let fromJSON = try json(try rota.run(["check", "--db", db, "--week", "2026-W48", "--format", "json"]).stdout)
    let findings = try #require((fromJSON as? [String: Any])?["findings"] as? [[String: Any]])
    let streak = try #require(findings.first { $0["rule"] as? String == "solitary-streak" })
    #expect(streak["continues_before"] as? Bool == true && streak["streak"] as? Int == 20)
  }

  @Test("a worker's week and calendar show a colleague on leave as away, never the leave kind")
  func privacy() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let file = try fixture(rota)
    let week = flat(try rota.run(["week", "--file", file, "--week", "2026-W48", "--worker", "amira"]).stdout)
    #expect(week.contains("Case review (team, at Oakfield Medical Centre); with Zara Ahmed (away)"), "\(week)")
    #expect(!week.lowercased().contains("sick"), "\(week)")
    // Her own summary says Friday's session is booked, not her last.
    #expect(week.contains("supervision: last Tue 3 Nov (3 weeks ago); booked for Fri 27 Nov"), "\(week)")
    let db = rota.path("truth.sqlite3")
    #expect(try rota.run(["init", "--from", file, "--db", db]).status == 0)
    let ics = try rota.run(["export", "--db", db, "--format", "ics", "--worker", "amira", "--week", "2026-W48"])
    #expect(ics.status == 0, "\(ics.stderr)")
    #expect(ics.stdout.contains("Zara Ahmed (away)"))
    #expect(!ics.stdout.lowercased().contains("sick"))
  }

  @Test("an ICS export with events, read by Python's icalendar: count, titles, Europe/London times, stable UIDs")
  func calendarEvents() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let file = try fixture(rota)
    let db = rota.path("truth.sqlite3")
    #expect(try rota.run(["init", "--from", file, "--db", db]).status == 0)
    func export(_ name: String) throws -> [[String: Any]] {
      let out = rota.path(name)
      let r = try rota.run([
        "export", "--db", db, "--format", "ics", "--worker", "amira", "--from", "2026-11-02", "--to", "2026-11-29",
        "-o", out,
      ])
      #expect(r.status == 0, "\(r.stderr)")
      let (status, output) = try python(ExportTests.icsScript, [out])
      #expect(status == 0, "icalendar could not parse the file: \(output)")
      let parsed = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
      return try #require(parsed["events"] as? [[String: Any]])
    }
    let first = try export("a.ics")
    let events = first.filter { ($0["uid"] as? String)?.hasPrefix("rota-event-") == true }
    // Four events, Tuesday's supervision among them (she is listed for it, though away).
    #expect(events.count == 4)
    #expect(
      events.map { $0["summary"] as? String ?? "" }
        == ["Peer supervision", "Peer supervision", "Peer supervision", "Case review"])
    let friday = try #require(events.first { ($0["start"] as? String) == "2026-11-27T09:00:00+00:00" })
    #expect(friday["end"] as? String == "2026-11-27T13:00:00+00:00" && friday["tz"] as? String == "Europe/London")
    #expect(friday["location"] as? String == "Online")
    #expect((friday["description"] as? String)?.contains("led by Dr Sara Patel") == true)
    let review = try #require(events.first { ($0["summary"] as? String) == "Case review" })
    #expect(
      review["start"] as? String == "2026-11-27T13:00:00+00:00"
        && review["location"] as? String == "Oakfield Medical Centre")
    // Placements are there beside them, and every UID is the same in a later export.
    // Four weeks of ten half-days, but for her day of leave.
    #expect(first.count - events.count == 38)
    #expect(Set(first.map { $0["uid"] as! String }).count == first.count)
    _ = try rota.run(["move", "--db", db, "--worker", "amira", "--date", "2026-11-26", "--to", "RVS"])
    let second = try export("b.ics")
    #expect(Set(second.map { $0["uid"] as! String }) == Set(first.map { $0["uid"] as! String }))
  }

  @Test("rota check and rota week fit 80 and 60 columns (display width), and take COLUMNS")
  func widths() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let file = try fixture(rota)
    let demo = RotaBinary.seedPath
    let commands: [[String]] = [
      ["check", "--file", demo, "--week", "2026-W48"],
      ["check", "--file", demo, "--from", "2026-W47", "--to", "2026-W48"],
      ["check", "--file", file, "--week", "2026-W48"],
      ["week", "--file", demo, "--week", "2026-W48"],
      ["week", "--file", demo, "--week", "2026-W48", "--worker", "amira"],
      ["week", "--file", demo, "--week", "2026-W48", "--worker", "siobhan"],
      ["week", "--file", file, "--week", "2026-W48", "--worker", "amira"],
    ]
    for width in [80, 60] {
      for arguments in commands {
        let r = try rota.run(arguments, environment: ["COLUMNS": "\(width)"])
        #expect(r.status <= 1, "\(arguments): \(r.stderr)")
        for line in r.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
          #expect(
            TextWidth.width(of: String(line)) <= width,
            "\(arguments.joined(separator: " ")) at \(width) columns: \(TextWidth.width(of: String(line))): \(line)")
        }
      }
    }
    // Without COLUMNS and not on a terminal, check is laid out for mail: 80 columns.
    let mail = try rota.run(["check", "--file", demo, "--week", "2026-W48"], environment: ["COLUMNS": ""])
    #expect(mail.stdout.split(separator: "\n").allSatisfy { TextWidth.width(of: String($0)) <= 80 })
    // The whole grid at 60 columns comes in parts, every worker in each.
    let grid = try rota.run(["week", "--file", demo, "--week", "2026-W48"], environment: ["COLUMNS": "60"]).stdout
    #expect(grid.components(separatedBy: "Amira Khan").count - 1 >= 2, "\(grid)")
  }

  @Test("the command line uses the planner's marks: ✖ error, ▲ warning, • note")
  func glyphs() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let text = try rota.run(["check", "--file", RotaBinary.seedPath, "--week", "2026-W48"]).stdout
    #expect(text.contains("  ✖ ") && text.contains("  ▲ ") && text.contains("  • "), "\(text)")
    #expect(!text.contains("  ✗ ") && !text.contains("  ! ") && !text.contains("  · "), "\(text)")
  }
}
