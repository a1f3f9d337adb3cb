import GRDB
import RotaCore

/// How a rota maps onto rows: loading, saving and clearing.
enum Rows {
  /// A value in the database that no rota would have written: the database is damaged.
  struct Corrupt: Error, CustomStringConvertible {
    let description: String
  }

  static func token<T>(_ text: String, _ parse: (Substring) -> T?, _ what: String) throws -> T {
    guard let v = parse(Substring(text)) else {
      throw Corrupt(description: "a stored \(what) \(PrintableText.quoted(text)) is not valid")
    }
    return v
  }

  static func weekly(_ text: String) throws -> WeeklySessions {
    var s = WeeklySessions.none
    for t in text.split(separator: " ") {
      for h in try token(String(t), WeeklySessions.parseToken, "weekly session") { s.insert(h) }
    }
    return s
  }

  static func weeklyText(_ s: WeeklySessions) -> String { s.tokens.joined(separator: " ") }

  static func patternText(_ p: WeeklyPattern) -> String { p.places.map(\.token).joined(separator: " ") }

  static func pattern(_ text: String) throws -> WeeklyPattern {
    let tokens = text.split(separator: " ")
    guard tokens.count == 14 else { throw Corrupt(description: "a stored usual week does not have 14 half-days") }
    var p = WeeklyPattern()
    for (i, t) in tokens.enumerated() { p.places[i] = try token(String(t), { Place(token: $0) }, "place") }
    return p
  }

  static func policy(_ db: Database) throws -> Policy {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM rota WHERE id = 1") else {
      throw Corrupt(description: "the rota row is missing")
    }
    return Policy(
      maxSolitaryDays: try row.stored("max_solitary_days"), maxSolitaryStreak: try row.stored("max_solitary_streak"),
      lookbackWeeks: try row.stored("lookback_weeks"), supervisionWeeks: try row.stored("supervision_weeks"),
      maxSoleSites: try row.stored("max_sole_sites"),
      bankHolidays: try token(
        try row.stored("bank_holidays"), { BankHolidayRegion(rawValue: String($0)) }, "bank holiday set"))
  }

  static func isEmpty(_ db: Database) throws -> Bool {
    try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM site) + (SELECT count(*) FROM worker)") == 0
  }

  // MARK: Loading

  static func optionalDate(_ text: String?) throws -> LocalDate? {
    try text.map { try token($0, { LocalDate(iso: $0) }, "date") }
  }

  /// The rota without its dated entries: its name, anchor week and policy, its
  /// sites (without their closures) and its workers. Small however long the rota
  /// has run, so it is checked each time the database is opened.
  static func frame(_ db: Database) throws -> Rota {
    guard let top = try Row.fetchOne(db, sql: "SELECT pcn, anchor_week FROM rota WHERE id = 1") else {
      throw Corrupt(description: "the rota row is missing")
    }
    var rota = Rota(pcn: try top.stored("pcn"), policy: try policy(db))
    if let anchor: String = try top.stored("anchor_week") {
      rota.anchorWeek = try token(anchor, { ISOWeek(iso: $0) }, "week")
    }
    let sites = try Row.fetchCursor(db, sql: "SELECT * FROM site ORDER BY position")
    while let row = try sites.next() { rota.sites.append(try Rows.site(row)) }
    let workers = try Row.fetchCursor(db, sql: "SELECT * FROM worker ORDER BY position")
    let changes = try patternChanges(db, worker: nil)
    while let row = try workers.next() {
      var w = try Rows.worker(row)
      w.patternChanges = changes[w.id] ?? []
      rota.workers.append(w)
    }
    return rota
  }

  static func load(_ db: Database, window: ClosedRange<LocalDate>?) throws -> Rota {
    var rota = try frame(db)
    rota.completeFrom = window?.lowerBound
    let from = window?.lowerBound.iso ?? "0000-00-00"
    let to = window?.upperBound.iso ?? "9999-99-99"

    var closures: [String: [String: Set<Half>]] = [:]
    let cursor1 = try Row.fetchCursor(
      db, sql: "SELECT site, date, half FROM site_closure WHERE date BETWEEN ? AND ?", arguments: [from, to])
    while let row = try cursor1.next() {
      closures[try row.stored(0), default: [:]][try row.stored(1), default: []].insert(
        try token(try row.stored(2), { Half(token: $0) }, "half"))
    }
    for i in rota.sites.indices {
      for (date, halves) in closures[rota.sites[i].code] ?? [:] {
        let d = try token(date, { LocalDate(iso: $0) }, "date")
        if halves.count == 2 {
          rota.sites[i].closed.append(DatedSession(d))
        } else {
          for h in halves { rota.sites[i].closed.append(DatedSession(d, h)) }
        }
      }
      rota.sites[i].closed.sort()
    }
    // Outside a window, leave and overrides on the days of supervision events
    // are loaded too: whether someone was present at a supervision depends on them.
    let supervised = """
      EXISTS (SELECT 1 FROM event e JOIN event_attendee a ON a.event = e.id
              WHERE e.kind = 'supervision' AND a.worker = l.worker AND e.date < ?
                AND e.date BETWEEN l.first_date AND l.last_date)
      """
    let cursor4 = try Row.fetchCursor(
      db,
      sql: """
        SELECT worker, from_session, to_session, kind FROM leave l
        WHERE (last_date >= ? AND first_date <= ?) OR (first_date < ? AND \(supervised)) ORDER BY id
        """,
      arguments: [from, to, from, from])
    while let row = try cursor4.next() {
      rota.leave.append(
        Leave(
          worker: try row.stored(0), from: try token(try row.stored(1), { DatedSession(token: $0) }, "session"),
          to: try token(try row.stored(2), { DatedSession(token: $0) }, "session"),
          kind: try token(try row.stored(3), { LeaveKind(rawValue: String($0)) }, "leave kind")))
    }
    var halves: [Override] = []
    let cursor5 = try Row.fetchCursor(
      db,
      sql: """
        SELECT worker, date, half, place FROM override o WHERE date BETWEEN ? AND ?
          OR (date < ? AND EXISTS (SELECT 1 FROM event e JOIN event_attendee a ON a.event = e.id
                                   WHERE e.kind = 'supervision' AND e.date = o.date AND a.worker = o.worker))
        """, arguments: [from, to, from])
    while let row = try cursor5.next() {
      halves.append(
        Override(
          worker: try row.stored(0), date: try token(try row.stored(1), { LocalDate(iso: $0) }, "date"),
          half: try token(try row.stored(2), { Half(token: $0) }, "half"),
          place: try token(try row.stored(3), { Place(token: $0) }, "place"))
      )
    }
    rota.overrides = Rota.resolveOverrides(halves)

    var attendees: [Int64: [String]] = [:]
    let cursor6 = try Row.fetchCursor(
      db,
      sql: """
        SELECT a.event, a.worker FROM event_attendee a JOIN event e ON e.id = a.event
        WHERE (e.date BETWEEN ? AND ?) OR (e.kind = 'supervision' AND e.date < ?)
        ORDER BY a.event, a.position
        """, arguments: [from, to, from])
    while let row = try cursor6.next() {
      attendees[try row.stored(0), default: []].append(try row.stored(1))
    }
    let cursor7 = try Row.fetchCursor(
      db,
      sql: """
        SELECT id, title, kind, date, half, venue, lead FROM event
        WHERE (date BETWEEN ? AND ?) OR (kind = 'supervision' AND date < ?) ORDER BY id
        """, arguments: [from, to, from])
    while let row = try cursor7.next() {
      rota.events.append(try event(row, attendees: attendees[try row.stored(0)] ?? []))
    }
    return rota
  }

  /// `rota`, if it keeps the limits a rota file is read by; else the database is damaged.
  static func checked(_ rota: Rota) throws -> Rota {
    if let problem = RotaLimits.problem(in: rota) { throw Corrupt(description: problem) }
    return rota
  }

  /// A site from its row, without its closures (they are rows of their own).
  static func site(_ row: Row) throws -> Site {
    Site(
      code: try row.stored("code"), name: try row.stored("name"),
      kind: try token(try row.stored("kind"), { SiteKind(rawValue: String($0)) }, "site kind"),
      rooms: try row.stored("rooms"), open: try weekly(try row.stored("open")),
      openBankHolidays: try row.stored("open_bank_holidays"), cover: try weekly(try row.stored("cover")),
      start: try optionalDate(try row.stored("start_date")), end: try optionalDate(try row.stored("end_date")))
  }

  static func worker(_ row: Row) throws -> Worker {
    Worker(
      id: try row.stored("id"), name: try row.stored("name"),
      role: try token(try row.stored("role"), { Role(rawValue: String($0)) }, "role"),
      sessions: try row.stored("sessions"), start: try optionalDate(try row.stored("start_date")),
      end: try optionalDate(try row.stored("end_date")), pattern: try pattern(try row.stored("pattern")))
  }

  /// An event from a row of `id, title, kind, date, half, venue, lead`.
  static func event(_ row: Row, attendees: [String]) throws -> Event {
    let venue: String = try row.stored(5)
    return Event(
      title: try row.stored(1), kind: try token(try row.stored(2), { EventKind(rawValue: String($0)) }, "event kind"),
      date: try token(try row.stored(3), { LocalDate(iso: $0) }, "date"),
      half: try (try row.stored(4) as String?).map { try token($0, { Half(token: $0) }, "half") },
      venue: venue == "online" ? .online : .site(venue), lead: try row.stored(6), attendees: attendees)
  }

  /// Every worker's pattern changes (or one worker's), by date.
  static func patternChanges(_ db: Database, worker: String?) throws -> [String: [PatternChange]] {
    var out: [String: [PatternChange]] = [:]
    let rows = try Row.fetchCursor(
      db,
      sql: "SELECT worker, from_date, pattern FROM worker_pattern_change \(worker == nil ? "" : "WHERE worker = ?") "
        + "ORDER BY worker, from_date", arguments: worker.map { [$0] } ?? [])
    while let row = try rows.next() {
      out[try row.stored(0), default: []].append(
        PatternChange(
          from: try token(try row.stored(1), { LocalDate(iso: $0) }, "date"), pattern: try pattern(try row.stored(2))))
    }
    return out
  }

  /// The number of the latest change in the log (0 for none): the rota's revision.
  static func revision(_ db: Database) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM change") ?? 0
  }

  // MARK: Saving

  static func clear(_ db: Database) throws {
    try db.execute(
      sql: """
        DELETE FROM event_attendee; DELETE FROM event; DELETE FROM override; DELETE FROM leave;
        DELETE FROM worker_pattern_change; DELETE FROM site_closure; DELETE FROM worker; DELETE FROM site;
        DELETE FROM rota;
        """)
  }

  static func save(_ rota: Rota, into db: Database) throws {
    let p = rota.policy
    try db.execute(
      sql: """
        INSERT INTO rota (id, pcn, anchor_week, max_solitary_days, max_solitary_streak, lookback_weeks,
                          supervision_weeks, max_sole_sites, bank_holidays)
        VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        rota.pcn, rota.anchorWeek?.iso, p.maxSolitaryDays, p.maxSolitaryStreak, p.lookbackWeeks, p.supervisionWeeks,
        p.maxSoleSites, p.bankHolidays.rawValue,
      ])
    for (i, s) in rota.sites.enumerated() { try insert(s, position: i, db) }
    for (i, w) in rota.workers.enumerated() { try insert(w, position: i, db) }
    let leave = try db.makeStatement(
      sql: "INSERT INTO leave (worker, from_session, to_session, first_date, last_date, kind) VALUES (?, ?, ?, ?, ?, ?)"
    )
    for l in rota.leave {
      try leave.execute(arguments: [
        l.worker, l.from.token, l.to.token, l.from.date.iso, l.to.date.iso, l.kind.rawValue,
      ])
    }
    let override = try db.makeStatement(
      sql: "INSERT OR REPLACE INTO override (worker, date, half, place) VALUES (?, ?, ?, ?)")
    for o in rota.overrides {
      for h in (o.half.map { [$0] } ?? [.am, .pm]) {
        try override.execute(arguments: [o.worker, o.date.iso, h.token, o.place.token])
      }
    }
    for e in rota.events { try insert(e, db) }
  }

  /// Adds a site at `position` in the creation order, with its closures.
  static func insert(_ s: Site, position: Int, _ db: Database) throws {
    try db.cachedStatement(
      sql: """
        INSERT INTO site (code, position, name, kind, rooms, open, open_bank_holidays, cover, start_date, end_date)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: [
      s.code, position, s.name, s.kind.rawValue, s.rooms, weeklyText(s.open), s.openBankHolidays,
      weeklyText(s.cover), s.start?.iso, s.end?.iso,
    ])
    let closure = try db.cachedStatement(sql: "INSERT OR IGNORE INTO site_closure (site, date, half) VALUES (?, ?, ?)")
    for c in s.closed {
      for h in c.halves { try closure.execute(arguments: [s.code, c.date.iso, h.token]) }
    }
  }

  /// Adds a worker at `position` in the creation order, with their pattern changes.
  static func insert(_ w: Worker, position: Int, _ db: Database) throws {
    try db.cachedStatement(
      sql: """
        INSERT INTO worker (id, position, name, role, sessions, pattern, start_date, end_date)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: [
      w.id, position, w.name, w.role.rawValue, w.sessions, patternText(w.pattern), w.start?.iso, w.end?.iso,
    ])
    let change = try db.cachedStatement(
      sql: "INSERT INTO worker_pattern_change (worker, from_date, pattern) VALUES (?, ?, ?)")
    for c in w.patternChanges { try change.execute(arguments: [w.id, c.from.iso, patternText(c.pattern)]) }
  }

  /// Adds an event and its attendees; returns its row id.
  @discardableResult
  static func insert(_ e: Event, _ db: Database) throws -> Int64 {
    try db.cachedStatement(sql: "INSERT INTO event (title, kind, date, half, venue, lead) VALUES (?, ?, ?, ?, ?, ?)")
      .execute(arguments: [e.title, e.kind.rawValue, e.date.iso, e.half?.token, e.venue.token, e.lead])
    let id = db.lastInsertedRowID
    let attendee = try db.cachedStatement(sql: "INSERT INTO event_attendee (event, position, worker) VALUES (?, ?, ?)")
    for (i, a) in e.attendees.enumerated() { try attendee.execute(arguments: [id, i, a]) }
    return id
  }

  static func describe(_ rota: Rota) -> String {
    "\(rota.sites.count) sites, \(rota.workers.count) workers, \(rota.leave.count) leave, "
      + "\(rota.overrides.count) overrides, \(rota.events.count) events"
  }

  // MARK: Single changes

  /// Applies one change. Removing something that is not there is a conflict:
  /// someone else removed it first.
  static func apply(_ change: RotaChange, _ db: Database) throws {
    switch change {
    case .setOverride(let worker, let date, let half, let place):
      if let place {
        try db.execute(
          sql: "INSERT OR REPLACE INTO override (worker, date, half, place) VALUES (?, ?, ?, ?)",
          arguments: [worker, date.iso, half.token, place.token])
      } else {
        try db.execute(
          sql: "DELETE FROM override WHERE worker = ? AND date = ? AND half = ?",
          arguments: [worker, date.iso, half.token])
      }
    case .addLeave(let l):
      try db.execute(
        sql:
          "INSERT INTO leave (worker, from_session, to_session, first_date, last_date, kind) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [l.worker, l.from.token, l.to.token, l.from.date.iso, l.to.date.iso, l.kind.rawValue])
    case .removeLeave(let l):
      try db.execute(
        sql: """
          DELETE FROM leave WHERE id = (SELECT id FROM leave WHERE worker = ? AND from_session = ? AND to_session = ?
                                        AND kind = ? ORDER BY id DESC LIMIT 1)
          """, arguments: [l.worker, l.from.token, l.to.token, l.kind.rawValue])
      if db.changesCount == 0 { throw StoreError.conflict("that leave is no longer booked") }
    case .addEvent(let e):
      try insert(e, db)
    case .removeEvent(let e):
      guard let id = try eventID(e, db) else {
        throw StoreError.conflict("\(e.title) on \(e.date.short) is no longer there")
      }
      try db.execute(sql: "DELETE FROM event WHERE id = ?", arguments: [id])
    case .setPattern(let worker, let pattern):
      try db.execute(sql: "UPDATE worker SET pattern = ? WHERE id = ?", arguments: [patternText(pattern), worker])
    case .setPatternChange(let worker, let from, let pattern):
      if let pattern {
        try db.execute(
          sql: "INSERT OR REPLACE INTO worker_pattern_change (worker, from_date, pattern) VALUES (?, ?, ?)",
          arguments: [worker, from.iso, patternText(pattern)])
      } else {
        try db.execute(
          sql: "DELETE FROM worker_pattern_change WHERE worker = ? AND from_date = ?", arguments: [worker, from.iso])
      }
    case .addWorker(let w):
      let position = try Int.fetchOne(db, sql: "SELECT coalesce(max(position), -1) + 1 FROM worker") ?? 0
      try insert(w, position: position, db)
    case .removeWorker(let id):
      let uses =
        try Int.fetchOne(
          db,
          sql: """
            SELECT (SELECT count(*) FROM leave WHERE worker = ?) + (SELECT count(*) FROM override WHERE worker = ?)
                 + (SELECT count(*) FROM event_attendee WHERE worker = ?)
            """, arguments: [id, id, id]) ?? 0
      guard uses == 0 else {
        throw StoreError.conflict(
          "\(id) has leave, moves or events booked since; remove those first. Nothing was written.")
      }
      try db.execute(sql: "DELETE FROM worker WHERE id = ?", arguments: [id])
    case .updateWorker(let id, let change):
      var sets: [String] = []
      var arguments: [DatabaseValueConvertible?] = []
      if let v = change.name { sets.append("name = ?"); arguments.append(v) }
      if let v = change.role { sets.append("role = ?"); arguments.append(v.rawValue) }
      if let v = change.sessions { sets.append("sessions = ?"); arguments.append(v) }
      if let v = change.start { sets.append("start_date = ?"); arguments.append(v.date?.iso) }
      if let v = change.end { sets.append("end_date = ?"); arguments.append(v.date?.iso) }
      guard !sets.isEmpty else { return }
      try db.execute(
        sql: "UPDATE worker SET \(sets.joined(separator: ", ")) WHERE id = ?",
        arguments: StatementArguments(arguments + [id]))
    case .addSite(let site):
      let position = try Int.fetchOne(db, sql: "SELECT coalesce(max(position), -1) + 1 FROM site") ?? 0
      try insert(site, position: position, db)
    case .removeSite(let code):
      let patterns = try String.fetchAll(
        db, sql: "SELECT pattern FROM worker UNION ALL SELECT pattern FROM worker_pattern_change")
      let uses =
        try Int.fetchOne(
          db,
          sql: "SELECT (SELECT count(*) FROM override WHERE place = ?) + (SELECT count(*) FROM event WHERE venue = ?)",
          arguments: [code, code]) ?? 0
      guard uses == 0, !patterns.contains(where: { $0.split(separator: " ").contains(Substring(code)) }) else {
        throw StoreError.conflict(
          "\(code) is in someone's week or an event since; change those first. Nothing was written.")
      }
      try db.execute(sql: "DELETE FROM site WHERE code = ?", arguments: [code])
    case .updateSite(let code, let change):
      var sets: [String] = []
      var arguments: [DatabaseValueConvertible?] = []
      if let v = change.name { sets.append("name = ?"); arguments.append(v) }
      if let v = change.kind { sets.append("kind = ?"); arguments.append(v.rawValue) }
      if let v = change.rooms { sets.append("rooms = ?"); arguments.append(v) }
      if let v = change.open { sets.append("open = ?"); arguments.append(weeklyText(v)) }
      if let v = change.cover { sets.append("cover = ?"); arguments.append(weeklyText(v)) }
      if let v = change.openBankHolidays { sets.append("open_bank_holidays = ?"); arguments.append(v) }
      if let v = change.start { sets.append("start_date = ?"); arguments.append(v.date?.iso) }
      if let v = change.end { sets.append("end_date = ?"); arguments.append(v.date?.iso) }
      guard !sets.isEmpty else { return }
      try db.execute(
        sql: "UPDATE site SET \(sets.joined(separator: ", ")) WHERE code = ?",
        arguments: StatementArguments(arguments + [code]))
    }
  }

  static func eventID(_ e: Event, _ db: Database) throws -> Int64? {
    let candidates = try Int64.fetchAll(
      db,
      sql: """
        SELECT id FROM event WHERE title = ? AND kind = ? AND date = ? AND half IS ? AND venue = ? AND lead IS ?
        ORDER BY id DESC
        """,
      arguments: [e.title, e.kind.rawValue, e.date.iso, e.half?.token, e.venue.token, e.lead])
    for id in candidates {
      let who = try String.fetchAll(
        db, sql: "SELECT worker FROM event_attendee WHERE event = ? ORDER BY position", arguments: [id])
      if who == e.attendees { return id }
    }
    return nil
  }
}

extension Row {
  /// A column's value as `T`, or `Rows.Corrupt` when it holds something else (a
  /// number where text belongs, bytes that are not UTF-8, NULL): never the crash
  /// of GRDB's subscript, whatever the database was edited with.
  func stored<T: DatabaseValueConvertible>(_ column: String, as type: T.Type = T.self) throws -> T {
    do {
      return try decode(T.self, forColumn: column)
    } catch {
      throw Rows.Corrupt(
        description:
          "the column \(column) holds \(Rows.describe(self[column] as DatabaseValue? ?? .null)), not \(Rows.expected(T.self))"
      )
    }
  }

  func stored<T: DatabaseValueConvertible>(_ index: Int, as type: T.Type = T.self) throws -> T {
    do {
      return try decode(T.self, atIndex: index)
    } catch {
      throw Rows.Corrupt(
        description:
          "the column \(Array(columnNames)[index]) holds \(Rows.describe(self[index] as DatabaseValue)), not \(Rows.expected(T.self))"
      )
    }
  }
}

extension Rows {
  static func describe(_ value: DatabaseValue) -> String {
    switch value.storage {
    case .null: return "nothing (NULL)"
    case .int64(let n): return "the number \(n)"
    case .double(let d): return "the number \(d)"
    case .string(let s): return "the text \(PrintableText.quoted(s))"
    case .blob(let b): return "\(b.count) bytes that are not text"
    }
  }

  static func expected(_ type: Any.Type) -> String {
    switch type {
    case is String.Type, is String?.Type: return "text"
    case is Bool.Type: return "true or false"
    default: return "a whole number"
    }
  }
}

/// The rota as an edit reads it, straight from the database inside the edit's
/// transaction, so a plan always sees the latest committed rota. What it reads
/// is checked by the rota file's rules, as `RotaStore.load` checks a whole rota.
struct StoreReader: RotaReading {
  let db: Database

  func worker(id: String) throws -> Worker? {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM worker WHERE id = ?", arguments: [id]) else { return nil }
    var worker = try Rows.worker(row)
    worker.patternChanges = try Rows.patternChanges(db, worker: id)[id] ?? []
    // Only the sites the usual week names: an edit reads a worker or two, not the whole rota.
    let named = Array(
      Set((worker.pattern.places + worker.patternChanges.flatMap(\.pattern.places)).compactMap(\.siteCode)))
    let codes = Set(
      try String.fetchAll(
        db, sql: "SELECT code FROM site WHERE code IN (\(named.map { _ in "?" }.joined(separator: ", ")))",
        arguments: StatementArguments(named)))
    if let problem = RotaLimits.problem(in: worker, siteCodes: codes) { throw Rows.Corrupt(description: problem) }
    return worker
  }

  func site(code: String) throws -> Site? {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM site WHERE code = ?", arguments: [code]) else {
      return nil
    }
    let site = try Rows.site(row)
    if let problem = RotaLimits.problem(in: site) { throw Rows.Corrupt(description: problem) }
    return site
  }

  func override(worker: String, date: LocalDate, half: Half) throws -> Place? {
    try String.fetchOne(
      db, sql: "SELECT place FROM override WHERE worker = ? AND date = ? AND half = ?",
      arguments: [worker, date.iso, half.token]
    ).map { try Rows.token($0, { Place(token: $0) }, "place") }
  }

  func overrides(worker: String, from: LocalDate, to: LocalDate) throws -> [Override] {
    try Row.fetchAll(
      db, sql: "SELECT date, half, place FROM override WHERE worker = ? AND date BETWEEN ? AND ? ORDER BY date, half",
      arguments: [worker, from.iso, to.iso]
    ).map { row in
      Override(
        worker: worker, date: try Rows.token(try row.stored(0), { LocalDate(iso: $0) }, "date"),
        half: try Rows.token(try row.stored(1), { Half(token: $0) }, "half"),
        place: try Rows.token(try row.stored(2), { Place(token: $0) }, "place"))
    }
  }

  func contains(_ leave: Leave) throws -> Bool {
    try Bool.fetchOne(
      db,
      sql: "SELECT EXISTS (SELECT 1 FROM leave WHERE worker = ? AND from_session = ? AND to_session = ? AND kind = ?)",
      arguments: [leave.worker, leave.from.token, leave.to.token, leave.kind.rawValue]) ?? false
  }

  func contains(_ event: Event) throws -> Bool { try Rows.eventID(event, db) != nil }

  func leave(worker: String) throws -> [Leave] {
    try Row.fetchAll(
      db, sql: "SELECT from_session, to_session, kind FROM leave WHERE worker = ? ORDER BY id", arguments: [worker]
    ).map { row in
      Leave(
        worker: worker, from: try Rows.token(row[0], { DatedSession(token: $0) }, "session"),
        to: try Rows.token(row[1], { DatedSession(token: $0) }, "session"),
        kind: try Rows.token(row[2], { LeaveKind(rawValue: String($0)) }, "leave kind"))
    }
  }
}
