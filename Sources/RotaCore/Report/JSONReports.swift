/// The JSON shapes of `rota week` and `rota check`, exactly as `docs/cli.md` gives them.
///
/// Written by hand rather than with Foundation's JSONEncoder: a year's check of a
/// large PCN has around a hundred thousand findings, and the encoder took most of
/// a second on them, where this takes a few tens of milliseconds. The output is
/// one finding or isolation row per line, as in the contract's example, and the
/// tests parse it with JSONSerialization and Python's json module.
public enum JSONReports {
  /// `rota check --format json`.
  public static func check(pcn: String, weeks: [ISOWeek], findings: [Finding], isolation: [IsolationRow])
    -> String
  {
    var j = JSONWriter()
    j.raw("{\n  \"pcn\": ")
    j.string(pcn)
    j.raw(",\n  \"weeks\": [")
    for (i, w) in weeks.enumerated() {
      if i > 0 { j.raw(", ") }
      j.string(w.iso)
    }
    j.raw("],\n  \"findings\": [")
    for (i, f) in findings.enumerated() {
      j.raw(i == 0 ? "\n    " : ",\n    ")
      finding(f, into: &j)
    }
    j.raw(findings.isEmpty ? "],\n  \"isolation\": [" : "\n  ],\n  \"isolation\": [")
    for (i, r) in isolation.enumerated() {
      j.raw(i == 0 ? "\n    " : ",\n    ")
      row(r, into: &j)
    }
    j.raw(isolation.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    return j.text
  }

  static func finding(_ f: Finding, into j: inout JSONWriter) {
    j.raw("{\"rule\": ")
    j.string(f.rule.code)
    j.raw(", \"severity\": ")
    j.string(f.severity.rawValue)
    j.raw(", \"week\": ")
    j.week(f.week)
    for field in f.rule.fields {
      switch field {
      case .worker: if let v = f.worker { j.field("worker", v) }
      case .site: if let v = f.site { j.field("site", v) }
      case .date: if let v = f.date { j.field("date", v.iso) }
      case .session: if let v = f.session { j.field("session", v.token) }
      case .workers: if let v = f.workers { j.field("workers", v) }
      case .sessions: if let v = f.sessions { j.field("sessions", v) }
      case .contracted: if let v = f.contracted { j.field("contracted", v) }
      case .solitaryDays: if let v = f.solitaryDays { j.field("solitary_days", v) }
      case .streak: if let v = f.streak { j.field("streak", v) }
      case .from: if let v = f.from { j.field("from", v.iso) }
      case .to: if let v = f.to { j.field("to", v.iso) }
      case .continuesBefore: if let v = f.continuesBefore { j.field("continues_before", v) }
      case .sites: if let v = f.sites { j.field("sites", v) }
      }
    }
    j.field("message", f.message)
    j.raw("}")
  }

  static func row(_ r: IsolationRow, into j: inout JSONWriter) {
    j.raw("{\"worker\": ")
    j.string(r.worker)
    j.raw(", \"week\": ")
    j.week(r.week)
    j.field("worked_sessions", r.workedSessions)
    j.field("solitary_sessions", r.solitarySessions)
    j.field("worked_days", r.workedDays)
    j.field("solitary_days", r.solitaryDays)
    j.field("longest_streak", r.longestStreak)
    // null, not left out: the contract shows "last_supervision": null.
    if let d = r.lastSupervision { j.field("last_supervision", d.iso) } else { j.raw(", \"last_supervision\": null") }
    j.field("level", r.level.rawValue)
    j.raw("}")
  }

  /// `rota week --format json` for one week.
  public static func week(_ grid: WeekGrid) -> String {
    var j = JSONWriter()
    grid.write(into: &j, indent: "")
    j.raw("\n")
    return j.text
  }

  /// `rota week --format json` for several weeks: a list of week objects.
  public static func weeks(_ grids: [WeekGrid]) -> String {
    var j = JSONWriter()
    j.raw("[")
    for (i, g) in grids.enumerated() {
      j.raw(i == 0 ? "\n  " : ",\n  ")
      g.write(into: &j, indent: "  ")
    }
    j.raw(grids.isEmpty ? "]\n" : "\n]\n")
    return j.text
  }
}

/// One week of effective placements, as `rota week` shows it.
public struct WeekGrid: Sendable {
  public struct Day: Sendable {
    public let date: String
    public let am: String
    public let pm: String
  }
  public struct Row: Sendable {
    public let id: String
    public let name: String
    public let role: String
    public let placements: [Day]
  }

  public let pcn: String
  public let week: String
  public let days: [String]
  public let workers: [Row]

  /// The grid of `placements`, keeping the workers whose indexes are in `workers`.
  public init(_ placements: WeekPlacements, workers: [Int]) {
    let rota = placements.rota
    pcn = rota.pcn
    week = placements.week.iso
    days = placements.days.map(\.iso)
    self.workers = workers.map { w in
      let worker = rota.workers[w]
      return Row(
        id: worker.id, name: worker.name, role: worker.role.rawValue,
        placements: (0..<7).map { d in
          Day(
            date: placements.days[d].iso,
            am: placements.placement(worker: w, day: d, half: .am).token,
            pm: placements.placement(worker: w, day: d, half: .pm).token)
        })
    }
  }

  func write(into j: inout JSONWriter, indent: String) {
    j.raw("{\n\(indent)  \"pcn\": ")
    j.string(pcn)
    j.raw(",\n\(indent)  \"week\": ")
    j.string(week)
    j.raw(",\n\(indent)  \"days\": ")
    j.array(days)
    j.raw(",\n\(indent)  \"workers\": [")
    for (i, row) in workers.enumerated() {
      j.raw(i == 0 ? "\n\(indent)    " : ",\n\(indent)    ")
      j.raw("{\n\(indent)      \"id\": ")
      j.string(row.id)
      j.raw(", \"name\": ")
      j.string(row.name)
      j.raw(", \"role\": ")
      j.string(row.role)
      j.raw(",\n\(indent)      \"placements\": [")
      for (k, d) in row.placements.enumerated() {
        j.raw(k == 0 ? "\n\(indent)        " : ",\n\(indent)        ")
        j.raw("{\"date\": ")
        j.string(d.date)
        j.field("am", d.am)
        j.field("pm", d.pm)
        j.raw("}")
      }
      j.raw("\n\(indent)      ]\n\(indent)    }")
    }
    j.raw(workers.isEmpty ? "]\n\(indent)}" : "\n\(indent)  ]\n\(indent)}")
  }
}

/// Appends JSON text to a byte buffer. Strings are escaped as RFC 8259 requires:
/// quotes, backslashes and every control character.
struct JSONWriter {
  private(set) var bytes: [UInt8] = []
  /// The last week written and its text: reports run week by week, so one entry is enough.
  private var lastWeek: (ISOWeek, String)? = nil

  mutating func week(_ w: ISOWeek) {
    if let (last, text) = lastWeek, last == w {
      string(text)
      return
    }
    let text = w.iso
    lastWeek = (w, text)
    string(text)
  }

  init() { bytes.reserveCapacity(1 << 16) }

  var text: String { String(decoding: bytes, as: UTF8.self) }

  mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

  private mutating func escape(_ c: UInt8) {
    bytes.append(92)
    bytes.append(c)
  }

  mutating func string(_ s: String) {
    bytes.append(34)
    for b in s.utf8 {
      switch b {
      case 34, 92: escape(b)
      case 0x0A: escape(UInt8(ascii: "n"))
      case 0x0D: escape(UInt8(ascii: "r"))
      case 0x09: escape(UInt8(ascii: "t"))
      case 0..<0x20, 0x7F:
        let hex = "0123456789abcdef".utf8
        escape(UInt8(ascii: "u"))
        bytes.append(48)
        bytes.append(48)
        bytes.append(hex[hex.index(hex.startIndex, offsetBy: Int(b >> 4))])
        bytes.append(hex[hex.index(hex.startIndex, offsetBy: Int(b & 15))])
      default: bytes.append(b)
      }
    }
    bytes.append(34)
  }

  mutating func array(_ items: [String]) {
    bytes.append(UInt8(ascii: "["))
    for (i, s) in items.enumerated() {
      if i > 0 { raw(", ") }
      string(s)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  private mutating func key(_ key: StaticString) {
    raw(", \"")
    key.withUTF8Buffer { bytes.append(contentsOf: $0) }
    raw("\": ")
  }

  mutating func field(_ name: StaticString, _ value: String) {
    key(name)
    string(value)
  }

  mutating func null(_ name: StaticString) {
    key(name)
    raw("null")
  }

  mutating func field(_ name: StaticString, _ value: Bool) {
    key(name)
    raw(value ? "true" : "false")
  }

  mutating func field(_ name: StaticString, _ value: Int) {
    key(name)
    integer(value)
  }

  mutating func integer(_ value: Int) {
    if value < 0 {
      bytes.append(UInt8(ascii: "-"))
      integer(-value)
      return
    }
    if value >= 10 { integer(value / 10) }
    bytes.append(UInt8(48 + value % 10))
  }

  mutating func field(_ name: StaticString, _ value: [String]) {
    key(name)
    array(value)
  }
}
