/// One change a coordinator makes to the rota. The planner, `rota move` and
/// undo all go through these, so the change log, undo and live refresh see the
/// same thing.
public enum Edit: Hashable, Sendable, Codable {
  /// Put a worker somewhere for one half-day or a whole day (`half` nil).
  case move(worker: String, date: LocalDate, half: Half?, to: Place)
  /// Swap the same worker's places on two dates (one half, or both).
  case swapDays(worker: String, first: LocalDate, second: LocalDate, half: Half?)
  /// Swap two workers' places on one date (one half, or both).
  case swapWorkers(first: String, second: String, date: LocalDate, half: Half?)
  case bookLeave(Leave)
  case cancelLeave(Leave)
  case addEvent(Event)
  case removeEvent(Event)
  /// Give a worker a new usual week from `from` on, as a pattern change; the
  /// weeks before keep the usual week they had.
  case changePattern(worker: String, from: LocalDate, pattern: WeeklyPattern)
  /// A new starter (or any new worker), with their post and usual week.
  case addWorker(Worker)
  /// Change what is known about a worker: only the fields given.
  case editWorker(id: String, change: WorkerChange)
  /// A leaver: `last` is their last day in post; their history stays.
  case endWorker(id: String, last: LocalDate)
  case addSite(Site)
  /// Change what is known about a site: only the fields given.
  case editSite(code: String, change: SiteChange)
  /// A site closing for good: `last` is the last day it is in use.
  case endSite(code: String, last: LocalDate)
  /// Cancel a worker's leave over a range of half-days, shortening or splitting
  /// every entry it overlaps (half days included).
  case cancelLeaveSpan(worker: String, from: DatedSession, to: DatedSession)
  /// Change an event (move it, change who comes, who leads it, what it is called).
  case editEvent(from: Event, to: Event)
  /// Set the planned places of several half-days at once, each as an override
  /// (`place` nil puts the usual week back): a fix suggestion's plan or move,
  /// logged as one entry and undone as one.
  case place([PlannedChange])
}

extension Edit {
  /// Every date the edit names, which must all be dates rota supports.
  public var dates: [LocalDate] {
    switch self {
    case .move(_, let date, _, _), .swapWorkers(_, _, let date, _), .changePattern(_, let date, _): return [date]
    case .swapDays(_, let first, let second, _): return [first, second]
    case .bookLeave(let leave), .cancelLeave(let leave): return [leave.from.date, leave.to.date]
    case .addEvent(let event), .removeEvent(let event): return [event.date]
    case .addWorker(let w): return [w.start, w.end].compactMap { $0 } + w.patternChanges.map(\.from)
    case .editWorker(_, let c): return [c.start, c.end].compactMap { $0?.date }
    case .editSite(_, let c): return [c.start, c.end].compactMap { $0?.date }
    case .endWorker(_, let last), .endSite(_, let last): return [last]
    case .addSite(let s): return [s.start, s.end].compactMap { $0 }
    case .cancelLeaveSpan(_, let from, let to): return [from.date, to.date]
    case .editEvent(let a, let b): return [a.date, b.date]
    case .place(let changes): return changes.map(\.date)
    }
  }
}

/// A post's or a site's first or last date, as an edit sets it: a date, or
/// none (always in post, always in use).
public enum DateBound: Hashable, Sendable, Codable {
  case on(LocalDate)
  case open

  public init(_ date: LocalDate?) { self = date.map(DateBound.on) ?? .open }

  public var date: LocalDate? {
    if case .on(let d) = self { return d }
    return nil
  }
}

/// The fields of a worker an edit changes; nil means unchanged.
public struct WorkerChange: Hashable, Sendable, Codable {
  public var name: String?
  public var role: Role?
  public var sessions: Int?
  public var start: DateBound?
  public var end: DateBound?

  public init(
    name: String? = nil, role: Role? = nil, sessions: Int? = nil, start: DateBound? = nil, end: DateBound? = nil
  ) {
    self.name = name
    self.role = role
    self.sessions = sessions
    self.start = start
    self.end = end
  }

  public var isEmpty: Bool { self == WorkerChange() }

  /// `w` with the change made.
  public func applied(to w: Worker) -> Worker {
    var out = w
    if let name { out.name = name }
    if let role { out.role = role }
    if let sessions { out.sessions = sessions }
    if let start { out.start = start.date }
    if let end { out.end = end.date }
    return out
  }

  /// The same fields as they are in `w` (what undoes the change).
  public func current(in w: Worker) -> WorkerChange {
    WorkerChange(
      name: name.map { _ in w.name }, role: role.map { _ in w.role }, sessions: sessions.map { _ in w.sessions },
      start: start.map { _ in DateBound(w.start) }, end: end.map { _ in DateBound(w.end) })
  }
}

/// The fields of a site an edit changes; nil means unchanged.
public struct SiteChange: Hashable, Sendable, Codable {
  public var name: String?
  public var kind: SiteKind?
  public var rooms: Int?
  public var open: WeeklySessions?
  public var cover: WeeklySessions?
  public var openBankHolidays: Bool?
  public var start: DateBound?
  public var end: DateBound?

  public init(
    name: String? = nil, kind: SiteKind? = nil, rooms: Int? = nil, open: WeeklySessions? = nil,
    cover: WeeklySessions? = nil, openBankHolidays: Bool? = nil, start: DateBound? = nil, end: DateBound? = nil
  ) {
    self.name = name
    self.kind = kind
    self.rooms = rooms
    self.open = open
    self.cover = cover
    self.openBankHolidays = openBankHolidays
    self.start = start
    self.end = end
  }

  public var isEmpty: Bool { self == SiteChange() }

  public func applied(to s: Site) -> Site {
    var out = s
    if let name { out.name = name }
    if let kind { out.kind = kind }
    if let rooms { out.rooms = rooms }
    if let open { out.open = open }
    if let cover { out.cover = cover }
    if let openBankHolidays { out.openBankHolidays = openBankHolidays }
    if let start { out.start = start.date }
    if let end { out.end = end.date }
    return out
  }

  public func current(in s: Site) -> SiteChange {
    SiteChange(
      name: name.map { _ in s.name }, kind: kind.map { _ in s.kind }, rooms: rooms.map { _ in s.rooms },
      open: open.map { _ in s.open }, cover: cover.map { _ in s.cover },
      openBankHolidays: openBankHolidays.map { _ in s.openBankHolidays }, start: start.map { _ in DateBound(s.start) },
      end: end.map { _ in DateBound(s.end) })
  }
}

/// What an edit expects one field of a worker or a site to hold before it runs
/// (as rota file text; nil for "not there"). A form opened on an out-of-date
/// view fails this check instead of writing over someone else's change, and
/// undo and redo check the same for what they take back.
public struct RecordExpectation: Hashable, Sendable, Codable {
  public enum Subject: Hashable, Sendable, Codable {
    case worker(String)
    case site(String)
  }

  public let subject: Subject
  /// `exists`, a rota file key (`name`, `sessions`, `start`, `pattern_changes` (their
  /// dates) …), or `pattern from DATE`.
  public let field: String
  public let value: String?

  public init(_ subject: Subject, _ field: String, _ value: String?) {
    self.subject = subject
    self.field = field
    self.value = value
  }

  /// The field's value in a worker (nil: the worker does not exist).
  public static func value(_ field: String, of w: Worker?) -> String? {
    guard let w else { return nil }
    switch field {
    case "exists": return "yes"
    case "name": return w.name
    case "role": return w.role.rawValue
    case "sessions": return "\(w.sessions)"
    case "start": return w.start?.iso
    case "end": return w.end?.iso
    case "pattern": return w.pattern.text
    case "pattern_changes": return w.patternChanges.map(\.from.iso).joined(separator: " ")
    default:
      guard field.hasPrefix("pattern from "), let d = LocalDate(iso: String(field.dropFirst(13))) else { return nil }
      return w.patternChanges.first { $0.from == d }?.pattern.text
    }
  }

  public static func value(_ field: String, of s: Site?) -> String? {
    guard let s else { return nil }
    switch field {
    case "exists": return "yes"
    case "name": return s.name
    case "kind": return s.kind.rawValue
    case "rooms": return "\(s.rooms)"
    case "open": return s.open.tokens.joined(separator: " ")
    case "cover": return s.cover.tokens.joined(separator: " ")
    case "open_bank_holidays": return s.openBankHolidays ? "true" : "false"
    case "start": return s.start?.iso
    case "end": return s.end?.iso
    default: return nil
    }
  }

  /// The expectations that `w` is as it is now, field by field (for undoing an
  /// addition): `pattern_changes` lists the dates, so a usual week someone else
  /// planned for the new worker since stops the undo instead of vanishing with them.
  static func all(of w: Worker) -> [RecordExpectation] {
    (["exists", "name", "role", "sessions", "start", "end", "pattern", "pattern_changes"]
      + w.patternChanges.map { "pattern from \($0.from.iso)" }).map {
        RecordExpectation(.worker(w.id), $0, value($0, of: w))
      }
  }

  static func all(of s: Site) -> [RecordExpectation] {
    ["exists", "name", "kind", "rooms", "open", "cover", "open_bank_holidays", "start", "end"].map {
      RecordExpectation(.site(s.code), $0, value($0, of: s))
    }
  }
}

extension WeeklyPattern {
  /// The fourteen places as words, Monday AM first (how expectations and the store keep a usual week).
  public var text: String { places.map(\.token).joined(separator: " ") }
}

/// The smallest changes an edit is made of; the store turns each into SQL, and
/// `Rota.applying` into a new rota in memory.
public enum RotaChange: Hashable, Sendable, Codable {
  /// Sets (or, with nil, removes) the override for one half-day.
  case setOverride(worker: String, date: LocalDate, half: Half, place: Place?)
  case addLeave(Leave)
  case removeLeave(Leave)
  case addEvent(Event)
  case removeEvent(Event)
  case setPattern(worker: String, pattern: WeeklyPattern)
  /// Sets (or, with nil, removes) a worker's usual week from a date.
  case setPatternChange(worker: String, from: LocalDate, pattern: WeeklyPattern?)
  case addWorker(Worker)
  /// Only to take back an addition: refused if anything refers to the worker.
  case removeWorker(String)
  case updateWorker(id: String, change: WorkerChange)
  case addSite(Site)
  /// Only to take back an addition: refused if anything refers to the site.
  case removeSite(String)
  case updateSite(code: String, change: SiteChange)
}

/// What an edit expects a half-day's planned place to be before it runs. An edit
/// made from an out-of-date view fails this check instead of writing over
/// someone else's change.
public struct CellExpectation: Hashable, Sendable, Codable {
  public let worker: String
  public let date: LocalDate
  public let half: Half
  public let place: Place

  public init(worker: String, date: LocalDate, half: Half, place: Place) {
    self.worker = worker
    self.date = date
    self.half = half
    self.place = place
  }
}

/// An edit worked out against the current rota: the changes to make, the
/// changes that undo them, and a sentence for the change log.
public struct EditPlan: Hashable, Sendable, Codable {
  public var changes: [RotaChange]
  public var inverse: [RotaChange]
  /// The planned places the cells have after the edit (what undo expects).
  public var after: [CellExpectation]
  /// The planned places the cells had before the edit (what redo expects).
  public var before: [CellExpectation]
  public var summary: String
  /// The workers and dates it touches, for the log's filters and for re-checking.
  public var workers: [String]
  public var firstDate: LocalDate
  public var lastDate: LocalDate
  /// True when the edit changes every date from `firstDate` on (a new usual week).
  public var openEnded: Bool
  /// The fields of workers and sites as the edit leaves them (what undo expects)
  /// and as they were (what redo expects).
  public var recordsAfter: [RecordExpectation] = []
  public var recordsBefore: [RecordExpectation] = []
  /// The sites whose own record the edit changes, for the log.
  public var sites: [String] = []

  public init(
    changes: [RotaChange], inverse: [RotaChange], after: [CellExpectation], before: [CellExpectation],
    summary: String, workers: [String], firstDate: LocalDate, lastDate: LocalDate, openEnded: Bool
  ) {
    self.changes = changes
    self.inverse = inverse
    self.after = after
    self.before = before
    self.summary = summary
    self.workers = workers
    self.firstDate = firstDate
    self.lastDate = lastDate
    self.openEnded = openEnded
  }

  enum CodingKeys: String, CodingKey {
    case changes, inverse, after, before, summary, workers, firstDate, lastDate, openEnded
    case recordsAfter, recordsBefore, sites
  }

  /// Plans logged before version 1.1 have no records or sites.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    changes = try c.decode([RotaChange].self, forKey: .changes)
    inverse = try c.decode([RotaChange].self, forKey: .inverse)
    after = try c.decode([CellExpectation].self, forKey: .after)
    before = try c.decode([CellExpectation].self, forKey: .before)
    summary = try c.decode(String.self, forKey: .summary)
    workers = try c.decode([String].self, forKey: .workers)
    firstDate = try c.decode(LocalDate.self, forKey: .firstDate)
    lastDate = try c.decode(LocalDate.self, forKey: .lastDate)
    openEnded = try c.decode(Bool.self, forKey: .openEnded)
    recordsAfter = try c.decodeIfPresent([RecordExpectation].self, forKey: .recordsAfter) ?? []
    recordsBefore = try c.decodeIfPresent([RecordExpectation].self, forKey: .recordsBefore) ?? []
    sites = try c.decodeIfPresent([String].self, forKey: .sites) ?? []
  }

  /// The plan that takes this one back.
  public var reversed: EditPlan {
    var r = EditPlan(
      changes: inverse, inverse: changes, after: before, before: after, summary: summary, workers: workers,
      firstDate: firstDate, lastDate: lastDate, openEnded: openEnded)
    r.recordsAfter = recordsBefore
    r.recordsBefore = recordsAfter
    r.sites = sites
    return r
  }
}

/// Why an edit cannot be made.
public enum EditError: Error, Equatable, Sendable {
  case unknownWorker(String)
  case unknownSite(String)
  /// The cell is not what the edit expected: someone changed it.
  case conflict(CellExpectation, current: Place)
  /// A worker's or site's field is not what the edit expected.
  case recordConflict(RecordExpectation, current: String?)
  /// The leave or event to remove is not there any more.
  case missing(String)
  case invalid(String)
}

extension EditError: CustomStringConvertible {
  /// What is wrong, in words a coordinator reads (the planner's forms show it).
  public var description: String {
    switch self {
    case .unknownWorker(let id): return "No worker has the id \(PrintableText.quoted(id))."
    case .unknownSite(let code): return "No site has the code \(PrintableText.quoted(code))."
    case .conflict(let cell, let current):
      return "\(cell.worker)'s \(cell.date.short) \(cell.half.label) is now \(current.token), not \(cell.place.token)."
    case .recordConflict(let e, let current):
      return "Its \(e.field) is now \(current ?? "gone"), not \(e.value ?? "absent")."
    case .missing(let m), .invalid(let m):
      return m.prefix(1).uppercased() + m.dropFirst() + (m.hasSuffix(".") ? "" : ".")
    }
  }
}
