import Foundation
import Testing

@testable import RotaCore

/// Runs a Python script with real parsers (csv, icalendar). A missing Python or
/// icalendar is a failure, never a skip: `.ci/run` installs them.
func python(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", script] + arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("Exports that real tools accept")
struct ExportTests {
  static let awkward = """
    version: 1
    pcn: Awkward, "Quoted" PCN
    sites:
    - code: RVS
      name: Riverside Surgery; Annexe, Floor 2
      kind: practice
    - code: LHH
      name: Little Harbour Children's Hospice
      kind: hospice
      open: [mon, tue, wed, thu, fri, sat, sun]
    workers:
    - id: ben
      name: Okafor, Ben "BJ"
      role: care-coordinator
      sessions: 6
      pattern:
        mon: RVS
        tue: {am: home}
        wed: {am: RVS, pm: LHH}
    - id: sian
      name: Siân Ní Bhriain-Ștefănescu with a rather long name indeed
      role: family-link-worker
      sessions: 4
      pattern:
        mon: RVS
        sat: LHH

    """

  @Test("import the demo seed, export it: the same bytes")
  func yamlRoundTrip() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = rota.path("rt.sqlite3")
    #expect(try rota.run(["init", "--db", db]).status == 0)
    let imported = try rota.run(["import", RotaBinary.seedPath, "--db", db])
    #expect(imported.status == 0, "\(imported.stderr)")
    let exported = try rota.run(["export", "--db", db])
    // The same bytes, and the revision the export was taken at (the create and the import).
    #expect(exported.stdout.contains("\nanchor_week: 2026-W48\nrevision: 2\nsites:"))
    #expect(withoutRevision(exported.stdout) == (try String(contentsOfFile: RotaBinary.seedPath, encoding: .utf8)))
    let out = rota.path("out.yaml")
    #expect(try rota.run(["export", "--db", db, "-o", out]).status == 0)
    #expect(try String(contentsOfFile: out, encoding: .utf8) == exported.stdout)
    #expect(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int == 0o600)
  }

  @Test("CSV parses with Python's csv module: commas, quotes and non-ASCII letters intact")
  func csv() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let file = try rota.write("awkward.yaml", Self.awkward)
    let db = rota.path("a.sqlite3")
    #expect(try rota.run(["init", "--from", file, "--db", db]).status == 0)
    let out = rota.path("week.csv")
    let r = try rota.run(["export", "--db", db, "--format", "csv", "--week", "2026-W48", "-o", out])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("wrote 9 rows"))
    let raw = try Data(contentsOf: URL(fileURLWithPath: out))
    #expect(
      String(decoding: raw, as: UTF8.self).hasPrefix(
        "date,session,worker_id,worker_name,role,place_code,place_name\r\n"))
    let script = """
      import csv, json, sys
      with open(sys.argv[1], newline='', encoding='utf-8') as f:
          rows = list(csv.reader(f, strict=True))
      print(json.dumps(rows))
      """
    let (status, output) = try python(script, [out])
    #expect(status == 0, "python3 could not parse the CSV: \(output)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String]])
    #expect(rows.count == 10)
    #expect(rows.allSatisfy { $0.count == 7 })
    #expect(
      rows[1] == [
        "2026-11-23", "am", "ben", "Okafor, Ben \"BJ\"", "Care coordinator", "RVS",
        "Riverside Surgery; Annexe, Floor 2",
      ])
    #expect(rows.contains(["2026-11-24", "am", "ben", "Okafor, Ben \"BJ\"", "Care coordinator", "home", "Home"]))
    #expect(
      rows.contains { $0[3] == "Siân Ní Bhriain-Ștefănescu with a rather long name indeed" && $0[0] == "2026-11-28" })
    let withBOM = try rota.run(["export", "--db", db, "--format", "csv", "--week", "2026-W48", "--bom"])
    #expect(withBOM.stdout.hasPrefix("\u{FEFF}date,"))
  }

  @Test("CSV cells that a spreadsheet would run as a formula are neutralised (OWASP)")
  func formulaInjection() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let file = try rota.write(
      "formulas.yaml",
      """
      version: 1
      pcn: Formula PCN
      sites:
      - {code: RVS, name: "=HYPERLINK(\\"http://evil.example\\", \\"Click\\")", kind: practice}
      - {code: OAK, name: "@SUM(1+1)*cmd|' /C calc'!A0", kind: practice}
      workers:
      - {id: eve, name: "=1+2", role: care-coordinator, sessions: 4, pattern: {mon: RVS, tue: OAK}}
      - {id: mal, name: "+44 7700 900123", role: care-coordinator, sessions: 4, pattern: {mon: OAK}}
      - {id: neg, name: "-2+3", role: care-coordinator, sessions: 4, pattern: {mon: RVS}}
      - {id: ann, name: "Ann = Anne", role: care-coordinator, sessions: 4, pattern: {mon: RVS}}

      """)
    let db = rota.path("f.sqlite3")
    #expect(try rota.run(["init", "--from", file, "--db", db]).status == 0)
    let r = try rota.run(["export", "--db", db, "--format", "csv", "--week", "2026-W48"])
    #expect(r.status == 0, "\(r.stderr)")
    let script = """
      import csv, io, json, sys
      print(json.dumps(list(csv.reader(io.StringIO(sys.argv[1], newline=''), strict=True))))
      """
    let (status, output) = try python(script, [r.stdout])
    #expect(status == 0, "python3 could not parse the CSV: \(output)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String]])
    let cells = Set(rows.dropFirst().flatMap { $0 })
    for dangerous in ["=", "+", "-", "@", "\t", "\r"] {
      #expect(!cells.contains { $0.hasPrefix(dangerous) }, "a cell starts with \(dangerous): \(cells)")
    }
    #expect(cells.contains("'=1+2") && cells.contains("'+44 7700 900123") && cells.contains("'-2+3"))
    #expect(cells.contains("'=HYPERLINK(\"http://evil.example\", \"Click\")"))
    #expect(cells.contains("'@SUM(1+1)*cmd|' /C calc'!A0"))
    #expect(cells.contains("Ann = Anne"), "only the first character makes a formula")
  }

  static let icsScript = """
    import sys, json
    try:
        import icalendar
    except ImportError:
        print("the Python package icalendar is missing: pip install icalendar")
        sys.exit(3)
    data = open(sys.argv[1], 'rb').read()
    cal = icalendar.Calendar.from_ical(data)
    events = []
    for e in cal.walk('VEVENT'):
        start = e.decoded('DTSTART'); end = e.decoded('DTEND')
        events.append({'uid': str(e.get('UID')), 'summary': str(e.get('SUMMARY')), 'location': str(e.get('LOCATION')),
                       'description': str(e.get('DESCRIPTION')), 'start': start.isoformat(), 'end': end.isoformat(),
                       'tz': str(start.tzinfo), 'utcoffset': start.utcoffset().total_seconds()})
    tzs = [str(t.get('TZID')) for t in cal.walk('VTIMEZONE')]
    lines = data.split(b'\\r\\n')
    print(json.dumps({'events': events, 'tzs': tzs, 'longest': max(len(l) for l in lines),
                      'bare_lf': data.replace(b'\\r\\n', b'').count(b'\\n')}))
    """

  @Test("iCalendar parses with Python's icalendar: Europe/London times, escaped text, folded lines, stable UIDs")
  func ics() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let file = try rota.write("awkward.yaml", Self.awkward)
    let db = rota.path("a.sqlite3")
    #expect(try rota.run(["init", "--from", file, "--db", db]).status == 0)
    let first = rota.path("ben.ics")
    let r = try rota.run([
      "export", "--db", db, "--format", "ics", "--worker", "ben", "--week", "2026-W48", "-o", first,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let (status, output) = try python(Self.icsScript, [first])
    #expect(status == 0, "icalendar could not parse the file: \(output)")
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    let events = try #require(parsed["events"] as? [[String: Any]])
    #expect(events.count == 5)
    #expect(parsed["tzs"] as? [String] == ["Europe/London"])
    #expect((parsed["longest"] as? Int ?? 99) <= 75)
    #expect(parsed["bare_lf"] as? Int == 0)
    let monday = try #require(events.first { ($0["start"] as? String) == "2026-11-23T09:00:00+00:00" })
    #expect(monday["end"] as? String == "2026-11-23T13:00:00+00:00")
    #expect(monday["location"] as? String == "Riverside Surgery; Annexe, Floor 2")
    #expect(monday["summary"] as? String == "Riverside Surgery; Annexe, Floor 2 (RVS)")
    #expect((monday["description"] as? String)?.hasPrefix("Okafor, Ben \"BJ\", Care coordinator.") == true)
    #expect(events.contains { ($0["location"] as? String) == "Home" })
    // A later export after a change updates the same events, by UID.
    _ = try rota.run(["move", "--db", db, "--worker", "ben", "--date", "2026-11-23", "--session", "pm", "--to", "LHH"])
    let second = rota.path("ben2.ics")
    _ = try rota.run(["export", "--db", db, "--format", "ics", "--worker", "ben", "--week", "2026-W48", "-o", second])
    let again = try #require(
      try JSONSerialization.jsonObject(with: Data(try python(Self.icsScript, [second]).output.utf8)) as? [String: Any])
    let events2 = try #require(again["events"] as? [[String: Any]])
    #expect(Set(events2.map { $0["uid"] as! String }) == Set(events.map { $0["uid"] as! String }))
    #expect(
      events2.first { ($0["start"] as? String) == "2026-11-23T13:00:00+00:00" }?["location"] as? String
        == "Little Harbour Children's Hospice")
  }

  @Test("summer dates carry British Summer Time")
  func summerTime() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let file = try rota.write("awkward.yaml", Self.awkward)
    let db = rota.path("a.sqlite3")
    #expect(try rota.run(["init", "--from", file, "--db", db]).status == 0)
    let out = rota.path("summer.ics")
    #expect(
      try rota.run([
        "export", "--db", db, "--format", "ics", "--worker", "ben", "--from", "2026-07-06", "--to", "2026-07-06", "-o",
        out,
      ]).status == 0)
    let parsed = try #require(
      try JSONSerialization.jsonObject(with: Data(try python(Self.icsScript, [out]).output.utf8)) as? [String: Any])
    let events = try #require(parsed["events"] as? [[String: Any]])
    #expect(events.count == 2)
    #expect(events.allSatisfy { ($0["utcoffset"] as? Double) == 3600 })
  }

  @Test("export refuses an unknown worker and a backwards range")
  func refusals() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let a = try rota.run(["export", "--db", db, "--format", "ics", "--worker", "nobody"])
    #expect(a.status == 2 && a.stderr.contains("--worker 'nobody': no worker has that id"))
    let b = try rota.run(["export", "--db", db, "--format", "csv", "--from", "2026-12-01", "--to", "2026-11-01"])
    #expect(b.status == 2 && b.stderr.contains("is after --to"))
  }
}

@Suite("Writing output files")
struct OutputFileTests {
  @Test("-o replaces a symbolic link planted in its place, never the file it points to")
  func plantedLink() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let victim = rota.path("victim.txt")
    try "someone else's file\n".write(toFile: victim, atomically: true, encoding: .utf8)
    chmod(victim, 0o644)
    let link = rota.path("amira.ics")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
    let r = try rota.run(["export", "--db", db, "--format", "ics", "--worker", "amira", "-o", link])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "someone else's file\n")
    var info = stat()
    #expect(lstat(link, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG, "the link is still there")
    #expect(info.st_mode & 0o777 == 0o600)
    #expect(try String(contentsOfFile: link, encoding: .utf8).hasPrefix("BEGIN:VCALENDAR"))
    #expect(stat(victim, &info) == 0 && info.st_mode & 0o777 == 0o644)

    // The planner's calendar export (x on a worker's own week) writes the same way.
    let planted = rota.path("rota-amira-2026-W48.ics")
    try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)
    let x = try rota.run(
      ["open", "--db", db, "--worker", "amira", "--keys", "x", "--dump-screen", "-"], directory: rota.home)
    #expect(x.status == 0, "\(x.stderr)")
    #expect(x.stdout.contains("wrote"), "\(x.stdout)")
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "someone else's file\n")
    #expect(lstat(planted, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_mode & 0o777 == 0o600)
  }

  @Test("-o writes devices and pipes through, never replacing them")
  func specialFiles() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let toStdout = try rota.run(["export", "--db", db, "-o", "/dev/stdout"])
    #expect(toStdout.status == 0 && toStdout.stdout.hasPrefix("version: 1\n"), "\(toStdout.stderr)")
    #expect(try rota.run(["export", "--db", db, "-o", "/dev/null"]).status == 0)
    var info = stat()
    #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)

    let fifo = rota.path("pipe")
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = try rota.start(["-c", "cat \"$0\" > \"$0.out\"", fifo], executable: URL(fileURLWithPath: "/bin/sh"))
    let screen = try rota.run(["open", "--db", db, "--dump-screen", fifo])
    _ = try reader.wait()
    #expect(screen.status == 0, "\(screen.stderr)")
    info = stat()
    #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the pipe was replaced by a file")
    #expect(try String(contentsOfFile: fifo + ".out", encoding: .utf8).contains("Riverside and Oakfield PCN"))
  }
}

/// An export without its `revision:` line, to compare with the file it came from.
func withoutRevision(_ yaml: String) -> String {
  yaml.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("revision: ") }.joined(
    separator: "\n")
}
