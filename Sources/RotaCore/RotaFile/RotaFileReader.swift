import Foundation
import Yams

/// Reads the YAML rota file (version 1) strictly: every problem is an error that
/// names the file, line and column and what was expected, and nothing partial is
/// ever returned.
public struct RotaFileReader {
  /// The name used in error messages.
  public let file: String

  public init(file: String) { self.file = file }

  /// Reads a rota file from disk.
  public static func read(path: String) throws(RotaFileError) -> Rota {
    let text: String
    do {
      text = try TextFile.read(path)
    } catch {
      throw RotaFileError(file: path, line: error.line, column: error.column, message: error.message)
    }
    return try RotaFileReader(file: path).read(text)
  }

  /// Reads rota file text.
  public func read(_ text: String) throws(RotaFileError) -> Rota {
    // Every alias starts with '*': a file without one needs no counting.
    if text.utf8.contains(UInt8(ascii: "*")), let at = AliasBudget.overrun(in: text) {
      throw RotaFileError(
        file: file, line: at.line, column: at.column,
        message:
          "this alias takes the values the file's aliases repeat past \(AliasBudget.limit), far more than any rota needs; write the list out where it is used, or use fewer aliases"
      )
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text, .basic)
    } catch let error as YamlError {
      throw translate(error)
    } catch {
      throw fail(nil, "the YAML could not be read: \(error)")
    }
    guard let root else {
      throw RotaFileError(
        file: file, line: 1, column: 1, message: "the file is empty; expected a rota starting with 'version: 1'")
    }
    return try readRota(root)
  }

  // MARK: - Errors

  func fail(_ node: Node?, _ message: String) -> RotaFileError {
    let mark = node?.mark
    return RotaFileError(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, message: message)
  }

  func translate(_ error: YamlError) -> RotaFileError {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var message = "invalid YAML: \(problem)"
      if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
      return RotaFileError(file: file, line: mark.line, column: mark.column, message: message)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.map { PrintableText.quoted($0) }.joined(separator: ", ")
      return RotaFileError(
        file: file, line: context.mark.line, column: context.mark.column,
        message: "the key \(keys) appears more than once in the same mapping; give each key once")
    case .reader(let problem, let offset, let value, let yaml):
      // libyaml counts bytes; say where that is, and which character it found.
      let at = offset.map { TextFile.position(ofByte: $0, in: yaml.utf8) } ?? (line: 0, column: 0)
      let character = Unicode.Scalar(UInt32(bitPattern: value)).map { " (\(RotaText.codePoint($0)))" } ?? ""
      return RotaFileError(
        file: file, line: at.line, column: at.column,
        message: "\(problem)\(character); a rota file is printable text, with line breaks and spaces")
    default:
      return RotaFileError(file: file, line: 0, column: 0, message: "invalid YAML: \(error)")
    }
  }

  // MARK: - Shapes

  /// A mapping's entries, checked against the keys allowed and required. Held as
  /// a small array beside the allowed keys: mappings here have at most nine keys,
  /// and a large file has tens of thousands of them.
  struct Entries {
    let node: Node
    let allowed: [String]
    var values: [Node?]

    subscript(_ key: String) -> Node? {
      guard let i = allowed.firstIndex(of: key) else { return nil }
      return values[i]
    }
  }

  func mapping(_ node: Node, _ what: String, allowed: [String], required: [String]) throws(RotaFileError)
    -> Entries
  {
    guard case .mapping(let m) = node else {
      throw fail(node, "expected \(what) as a mapping of keys to values, found \(describe(node))")
    }
    var entries = Entries(node: node, allowed: allowed, values: Array(repeating: nil, count: allowed.count))
    for (k, v) in m {
      guard case .scalar(let keyScalar) = k else { throw fail(k, "expected a plain key in \(what)") }
      let key = keyScalar.string
      guard let i = allowed.firstIndex(of: key) else {
        throw fail(k, "unknown key \(quoted: key) in \(what); expected one of \(allowed.joined(separator: ", "))")
      }
      entries.values[i] = v
    }
    for key in required where entries[key] == nil {
      throw fail(node, "\(what) is missing '\(key)'")
    }
    return entries
  }

  func sequence(_ node: Node, _ what: String) throws(RotaFileError) -> [Node] {
    guard case .sequence(let s) = node else {
      throw fail(node, "expected \(what) as a list, found \(describe(node))")
    }
    return Array(s)
  }

  func scalar(_ node: Node, _ what: String) throws(RotaFileError) -> String {
    guard case .scalar(let s) = node else {
      throw fail(node, "expected \(what) as a single value, found \(describe(node))")
    }
    return s.string
  }

  func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let s): return s.string.isEmpty ? "nothing" : "\(quoted: s.string)"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
  }

  func integer(_ node: Node, _ what: String, _ range: ClosedRange<Int>) throws(RotaFileError) -> Int {
    let text = try scalar(node, what)
    guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(text) else {
      throw fail(
        node,
        "expected \(what) as a whole number from \(range.lowerBound) to \(range.upperBound), found \(quoted: text)")
    }
    guard range.contains(n) else {
      throw fail(node, "\(what) is \(n); expected a number from \(range.lowerBound) to \(range.upperBound)")
    }
    return n
  }

  /// A name or title: what `RotaText.nameProblem` allows.
  func text(_ node: Node, _ what: String, maxLength: Int) throws(RotaFileError) -> String {
    let value = try scalar(node, what)
    if let problem = RotaText.nameProblem(value, maxLength: maxLength) { throw fail(node, "\(what) \(problem)") }
    return value
  }

  func token<T>(_ node: Node, _ what: String, _ parse: (Substring) -> T?, expected: String) throws(RotaFileError) -> T {
    let value = try scalar(node, what)
    guard let parsed = parse(Substring(value)) else {
      throw fail(node, "\(quoted: value) is not \(what); expected \(expected)")
    }
    return parsed
  }

  func oneOf<T: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, _ type: T.Type) throws(RotaFileError)
    -> T where T.RawValue == String
  {
    let value = try scalar(node, what)
    guard let v = T(rawValue: value) else {
      let options = T.allCases.map(\.rawValue).joined(separator: ", ")
      throw fail(node, "unknown \(what) \(quoted: value); expected one of \(options)")
    }
    return v
  }

  func date(_ node: Node, _ what: String) throws(RotaFileError) -> LocalDate {
    let value = try scalar(node, what)
    guard let d = LocalDate(iso: value) else {
      throw fail(node, "\(quoted: value) is not a real date for \(what); expected YYYY-MM-DD, such as 2026-11-26")
    }
    if let problem = SupportedDates.problem(d) { throw fail(node, "\(what) \(problem)") }
    return d
  }

  func datedSession(_ node: Node, _ what: String) throws(RotaFileError) -> DatedSession {
    let value = try scalar(node, what)
    guard let d = DatedSession(token: Substring(value)) else {
      throw fail(
        node, "\(quoted: value) is not a real date or half-day for \(what); expected YYYY-MM-DD or YYYY-MM-DD-am/pm")
    }
    if let problem = SupportedDates.problem(d.date) { throw fail(node, "\(what) \(problem)") }
    return d
  }

  /// A list of weekly sessions (`[mon, wed-am]`); a half-day given twice is an error.
  func weeklySessions(_ node: Node, _ what: String) throws(RotaFileError) -> WeeklySessions {
    var set = WeeklySessions.none
    for item in try sequence(node, what) {
      let halves = try token(
        item, "a weekly session", WeeklySessions.parseToken,
        expected: "a weekday (mon … sun) or a weekday-half such as wed-pm")
      for h in halves {
        guard !set.contains(h) else { throw fail(item, "\(h.token) is listed twice in \(what)") }
        set.insert(h)
      }
    }
    return set
  }

  // MARK: - The rota

  static let topKeys = [
    "version", "pcn", "anchor_week", "revision", "policy", "sites", "workers", "leave", "overrides", "events",
  ]

  func readRota(_ root: Node) throws(RotaFileError) -> Rota {
    let top = try mapping(root, "the rota", allowed: Self.topKeys, required: ["version", "pcn"])
    let version = try scalar(top["version"]!, "version")
    guard version == "1" else {
      throw fail(top["version"], "unsupported version \(quoted: version); this rota reads version 1")
    }
    var rota = Rota(pcn: try text(top["pcn"]!, "the PCN name", maxLength: RotaLimits.pcnName))
    if let node = top["anchor_week"] {
      rota.anchorWeek = try isoWeek(node, "anchor_week")
    }
    if let node = top["revision"] { rota.revision = try integer(node, "revision", 0...Int(Int32.max)) }
    if let node = top["policy"] { rota.policy = try readPolicy(node) }

    var siteCodes: Set<String> = []
    if let node = top["sites"] {
      for item in try sequence(node, "sites") {
        let site = try readSite(item)
        guard siteCodes.insert(site.code).inserted else {
          throw fail(item, "site code \(site.code) is already used by another site; codes must be unique")
        }
        rota.sites.append(site)
      }
    }
    var workerIDs: Set<String> = []
    if let node = top["workers"] {
      for item in try sequence(node, "workers") {
        let worker = try readWorker(item, sites: siteCodes)
        guard workerIDs.insert(worker.id).inserted else {
          throw fail(item, "worker id \(quoted: worker.id) is already used by another worker; ids must be unique")
        }
        rota.workers.append(worker)
      }
    }
    if let node = top["leave"] {
      for item in try sequence(node, "leave") { rota.leave.append(try readLeave(item, workers: workerIDs)) }
    }
    if let node = top["overrides"] {
      for item in try sequence(node, "overrides") {
        rota.overrides.append(try readOverride(item, workers: workerIDs, sites: siteCodes))
      }
      rota.overrides = Rota.resolveOverrides(rota.overrides)
    }
    if let node = top["events"] {
      for item in try sequence(node, "events") {
        rota.events.append(try readEvent(item, workers: workerIDs, sites: siteCodes))
      }
    }
    return rota
  }

  func isoWeek(_ node: Node, _ what: String) throws(RotaFileError) -> ISOWeek {
    let value = try scalar(node, what)
    guard let w = ISOWeek(iso: value) else {
      if value.utf8.count == 8, value.dropFirst(4).hasPrefix("-W"), let y = Int(value.prefix(4)) {
        guard (1...9999).contains(y) else {
          throw fail(node, "\(what) \(quoted: value) is outside the weeks rota supports, \(SupportedDates.span)")
        }
        throw fail(
          node,
          "\(quoted: value) is not a week of \(y) (it has \(ISOWeek.weeksIn(year: y)) ISO weeks); expected an ISO week such as 2026-W48"
        )
      }
      throw fail(node, "\(quoted: value) is not an ISO week for \(what); expected YYYY-Www, such as 2026-W48")
    }
    if let problem = SupportedDates.problem(w) { throw fail(node, "\(what) \(problem)") }
    return w
  }

  static let policyKeys = [
    "max_solitary_days", "max_solitary_streak", "lookback_weeks", "supervision_weeks", "max_sole_sites",
    "bank_holidays",
  ]

  func readPolicy(_ node: Node) throws(RotaFileError) -> Policy {
    let p = try mapping(node, "policy", allowed: Self.policyKeys, required: [])
    var policy = Policy()
    func number(_ key: String) throws(RotaFileError) -> Int? {
      guard let n = p[key] else { return nil }
      return try integer(n, "policy.\(key)", Policy.ranges[key]!)
    }
    if let v = try number("max_solitary_days") { policy.maxSolitaryDays = v }
    if let v = try number("max_solitary_streak") { policy.maxSolitaryStreak = v }
    if let v = try number("lookback_weeks") { policy.lookbackWeeks = v }
    if let v = try number("supervision_weeks") { policy.supervisionWeeks = v }
    if let v = try number("max_sole_sites") { policy.maxSoleSites = v }
    if let n = p["bank_holidays"] { policy.bankHolidays = try oneOf(n, "bank holiday set", BankHolidayRegion.self) }
    return policy
  }

  static let siteKeys = [
    "code", "name", "kind", "rooms", "open", "open_bank_holidays", "closed", "cover", "start", "end",
  ]

  func readSite(_ node: Node) throws(RotaFileError) -> Site {
    let m = try mapping(node, "a site", allowed: Self.siteKeys, required: ["code", "name", "kind"])
    let code = try token(
      m["code"]!, "a site code", { Place(token: $0)?.siteCode },
      expected: "2 to 6 letters or digits, such as RVS (HOME and OFF are reserved)")
    var site = Site(
      code: code, name: try text(m["name"]!, "the site name", maxLength: RotaLimits.siteName),
      kind: try oneOf(m["kind"]!, "site kind", SiteKind.self))
    if let n = m["rooms"] { site.rooms = try integer(n, "rooms", RotaLimits.rooms) }
    if let n = m["open"] { site.open = try weeklySessions(n, "open") }
    if let n = m["open_bank_holidays"] {
      let v = try scalar(n, "open_bank_holidays")
      switch v {
      case "true": site.openBankHolidays = true
      case "false": site.openBankHolidays = false
      default: throw fail(n, "open_bank_holidays is \(quoted: v); expected true or false")
      }
    }
    if let n = m["closed"] {
      var seen: Set<Int> = []
      for item in try sequence(n, "closed") {
        let s = try datedSession(item, "a closure")
        for half in s.halves {
          guard seen.insert(Session(s.date, half).ordinal).inserted else {
            throw fail(item, "\(Session(s.date, half).token) is listed twice in closed")
          }
        }
        site.closed.append(s)
      }
    }
    if let n = m["cover"] { site.cover = try weeklySessions(n, "cover") }
    (site.start, site.end) = try span(m, "site \(code)")
    return site
  }

  /// `start` and `end` of a post or a site; `end` before `start` is an error.
  func span(_ m: Entries, _ what: String) throws(RotaFileError) -> (LocalDate?, LocalDate?) {
    let start = try m["start"].map { n throws(RotaFileError) in try date(n, "start") }
    let end = try m["end"].map { n throws(RotaFileError) in try date(n, "end") }
    if let start, let end, end < start {
      throw fail(
        m["end"], "\(what) ends (\(end.iso)) before it starts (\(start.iso)); 'end' must not be before 'start'")
    }
    return (start, end)
  }

  static let workerKeys = ["id", "name", "role", "sessions", "start", "end", "pattern", "pattern_changes"]

  func readWorker(_ node: Node, sites: Set<String>) throws(RotaFileError) -> Worker {
    let m = try mapping(node, "a worker", allowed: Self.workerKeys, required: ["id", "name", "role", "sessions"])
    let id = try scalar(m["id"]!, "a worker id")
    guard WorkerID.isValid(id) else {
      throw fail(
        m["id"], "\(quoted: id) is not a valid worker id; expected 1 to 32 of a-z, 0-9 and '-', starting with a letter")
    }
    var worker = Worker(
      id: id, name: try text(m["name"]!, "the worker's name", maxLength: RotaLimits.workerName),
      role: try oneOf(m["role"]!, "role", Role.self),
      sessions: try integer(m["sessions"]!, "sessions", RotaLimits.sessions))
    (worker.start, worker.end) = try span(m, "\(id)'s post")
    if let n = m["pattern"] { worker.pattern = try pattern(n, "the pattern of \(id)", id: id, sites: sites) }
    if let n = m["pattern_changes"] {
      for item in try sequence(n, "pattern_changes") {
        let c = try mapping(item, "a pattern change", allowed: ["from", "pattern"], required: ["from", "pattern"])
        let from = try date(c["from"]!, "from")
        if let last = worker.patternChanges.last, from <= last.from {
          throw fail(
            c["from"],
            "pattern change from \(from.iso) is not after the one before it (\(last.from.iso)); list pattern changes by date, each date once"
          )
        }
        if !worker.isInPost(on: from) {
          throw fail(
            c["from"],
            "pattern change from \(from.iso) is outside \(id)'s post (\(worker.start?.iso ?? "…") to \(worker.end?.iso ?? "…")); expected a date within it"
          )
        }
        worker.patternChanges.append(
          PatternChange(
            from: from, pattern: try pattern(c["pattern"]!, "\(id)'s pattern from \(from.iso)", id: id, sites: sites)))
      }
    }
    return worker
  }

  func pattern(_ n: Node, _ what: String, id: String, sites: Set<String>) throws(RotaFileError) -> WeeklyPattern {
    var pattern = WeeklyPattern()
    let days = try mapping(n, what, allowed: Weekday.allCases.map(\.token), required: [])
    for day in Weekday.allCases {
      guard let value = days[day.token] else { continue }
      if case .mapping = value {
        let halves = try mapping(value, "\(id)'s \(day.token)", allowed: ["am", "pm"], required: [])
        for half in Half.allCases {
          if let h = halves[half.token] { pattern[day, half] = try place(h, sites: sites) }
        }
      } else {
        let p = try place(value, sites: sites)
        pattern[day, .am] = p
        pattern[day, .pm] = p
      }
    }
    return pattern
  }

  func place(_ node: Node, sites: Set<String>) throws(RotaFileError) -> Place {
    let p = try token(
      node, "a place", { Place(token: $0) }, expected: "a site code, home or off")
    if case .site(let code) = p, !sites.contains(code) {
      let typed = (try? scalar(node, "a place")) ?? code
      throw fail(node, "no site has the code \(quoted: typed); expected a site code listed under sites, home or off")
    }
    return p
  }

  func workerReference(_ node: Node, _ workers: Set<String>) throws(RotaFileError) -> String {
    let id = try scalar(node, "a worker id")
    guard workers.contains(id) else {
      throw fail(node, "no worker has the id \(quoted: id); expected the id of a worker listed under workers")
    }
    return id
  }

  static let leaveKeys = ["worker", "from", "to", "kind"]

  func readLeave(_ node: Node, workers: Set<String>) throws(RotaFileError) -> Leave {
    let m = try mapping(node, "a leave entry", allowed: Self.leaveKeys, required: ["worker", "from", "kind"])
    let worker = try workerReference(m["worker"]!, workers)
    let from = try datedSession(m["from"]!, "from")
    let to = try m["to"].map { n throws(RotaFileError) in try datedSession(n, "to") } ?? from
    guard to.last.ordinal >= from.first.ordinal else {
      throw fail(m["to"], "leave ends (\(to.token)) before it starts (\(from.token)); 'to' must not be before 'from'")
    }
    return Leave(worker: worker, from: from, to: to, kind: try oneOf(m["kind"]!, "leave kind", LeaveKind.self))
  }

  static let overrideKeys = ["worker", "date", "session", "place"]

  func readOverride(_ node: Node, workers: Set<String>, sites: Set<String>) throws(RotaFileError) -> Override {
    let m = try mapping(
      node, "an override", allowed: Self.overrideKeys, required: ["worker", "date", "place"])
    let worker = try workerReference(m["worker"]!, workers)
    let half = try m["session"].map { n throws(RotaFileError) in
      try token(n, "a session", { Half(token: $0) }, expected: "am or pm (leave it out for the whole day)")
    }
    return Override(
      worker: worker, date: try date(m["date"]!, "date"), half: half, place: try place(m["place"]!, sites: sites))
  }

  static let eventKeys = ["title", "kind", "date", "session", "where", "lead", "attendees"]

  func readEvent(_ node: Node, workers: Set<String>, sites: Set<String>) throws(RotaFileError) -> Event {
    let m = try mapping(
      node, "an event", allowed: Self.eventKeys, required: ["title", "kind", "date", "where", "attendees"])
    let half = try m["session"].map { n throws(RotaFileError) in
      try token(n, "a session", { Half(token: $0) }, expected: "am or pm (leave it out for the whole day)")
    }
    let whereText = try scalar(m["where"]!, "where")
    let venue: EventVenue
    if whereText == "online" {
      venue = .online
    } else {
      let code = whereText.uppercased()
      guard SiteCode.isValid(code), sites.contains(code) else {
        throw fail(m["where"], "no site has the code \(quoted: whereText); expected a site code or online")
      }
      venue = .site(code)
    }
    var attendees: [String] = []
    // A set beside the list: an alias can give hundreds of events one list of
    // thousands, and checking each id against the list was quadratic.
    var listed: Set<String> = []
    for item in try sequence(m["attendees"]!, "attendees") {
      let id = try workerReference(item, workers)
      guard listed.insert(id).inserted else { throw fail(item, "\(quoted: id) is listed twice in attendees") }
      attendees.append(id)
    }
    guard !attendees.isEmpty else {
      throw fail(m["attendees"], "the event has no attendees; expected at least one worker id")
    }
    return Event(
      title: try text(m["title"]!, "the event title", maxLength: RotaLimits.eventTitle),
      kind: try oneOf(m["kind"]!, "event kind", EventKind.self),
      date: try date(m["date"]!, "date"), half: half, venue: venue,
      lead: try m["lead"].map { n throws(RotaFileError) in try text(n, "the event's lead", maxLength: 60) },
      attendees: attendees)
  }
}
