import GRDB
import RotaCore

/// How a rota maps onto rows: loading, saving and clearing.
enum Rows {
  struct Corrupt: Error, CustomStringConvertible {
    let description: String
  }

  static func token<T>(_ text: String, _ parse: (Substring) -> T?, _ what: String) throws -> T {
    guard let v = parse(Substring(text)) else { throw Corrupt(description: "a stored \(what) '\(text)' is not valid") }
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
      maxSolitaryDays: row["max_solitary_days"], maxSolitaryStreak: row["max_solitary_streak"],
      lookbackWeeks: row["lookback_weeks"], supervisionWeeks: row["supervision_weeks"],
      maxSoleSites: row["max_sole_sites"],
      bankHolidays: try token(row["bank_holidays"], { BankHolidayRegion(rawValue: String($0)) }, "bank holiday set"))
  }

  static func isEmpty(_ db: Database) throws -> Bool {
    try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM site) + (SELECT count(*) FROM worker)") == 0
  }

  // MARK: Loading

  static func load(_ db: Database, window: ClosedRange<LocalDate>?) throws -> Rota {
    guard let top = try Row.fetchOne(db, sql: "SELECT pcn, anchor_week FROM rota WHERE id = 1") else {
      throw Corrupt(description: "the rota row is missing")
    }
    var rota = Rota(pcn: top["pcn"], policy: try policy(db))
    if let anchor: String = top["anchor_week"] { rota.anchorWeek = try token(anchor, { ISOWeek(iso: $0) }, "week") }
    let from = window?.lowerBound.iso ?? "0000-00-00"
    let to = window?.upperBound.iso ?? "9999-99-99"

    var closures: [String: [String: Set<Half>]] = [:]
    let cursor1 = try Row.fetchCursor(
      db, sql: "SELECT site, date, half FROM site_closure WHERE date BETWEEN ? AND ?", arguments: [from, to])
    while let row = try cursor1.next() {
      closures[row[0], default: [:]][row[1], default: []].insert(try token(row[2], { Half(token: $0) }, "half"))
    }
    let cursor2 = try Row.fetchCursor(db, sql: "SELECT * FROM site ORDER BY position")
    while let row = try cursor2.next() {
      let code: String = row["code"]
      var site = Site(
        code: code, name: row["name"], kind: try token(row["kind"], { SiteKind(rawValue: String($0)) }, "site kind"),
        rooms: row["rooms"], open: try weekly(row["open"]), openBankHolidays: row["open_bank_holidays"],
        cover: try weekly(row["cover"]))
      for (date, halves) in closures[code] ?? [:] {
        let d = try token(date, { LocalDate(iso: $0) }, "date")
        if halves.count == 2 {
          site.closed.append(DatedSession(d))
        } else {
          for h in halves { site.closed.append(DatedSession(d, h)) }
        }
      }
      site.closed.sort()
      rota.sites.append(site)
    }
    let cursor3 = try Row.fetchCursor(db, sql: "SELECT * FROM worker ORDER BY position")
    while let row = try cursor3.next() {
      rota.workers.append(
        Worker(
          id: row["id"], name: row["name"], role: try token(row["role"], { Role(rawValue: String($0)) }, "role"),
          sessions: row["sessions"], pattern: try pattern(row["pattern"])))
    }
    let cursor4 = try Row.fetchCursor(
      db,
      sql:
        "SELECT worker, from_session, to_session, kind FROM leave WHERE last_date >= ? AND first_date <= ? ORDER BY id",
      arguments: [from, to])
    while let row = try cursor4.next() {
      rota.leave.append(
        Leave(
          worker: row[0], from: try token(row[1], { DatedSession(token: $0) }, "session"),
          to: try token(row[2], { DatedSession(token: $0) }, "session"),
          kind: try token(row[3], { LeaveKind(rawValue: String($0)) }, "leave kind")))
    }
    var halves: [Override] = []
    let cursor5 = try Row.fetchCursor(
      db, sql: "SELECT worker, date, half, place FROM override WHERE date BETWEEN ? AND ?", arguments: [from, to])
    while let row = try cursor5.next() {
      halves.append(
        Override(
          worker: row[0], date: try token(row[1], { LocalDate(iso: $0) }, "date"),
          half: try token(row[2], { Half(token: $0) }, "half"), place: try token(row[3], { Place(token: $0) }, "place"))
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
      attendees[row[0], default: []].append(row[1])
    }
    let cursor7 = try Row.fetchCursor(
      db,
      sql: """
        SELECT id, title, kind, date, half, venue FROM event
        WHERE (date BETWEEN ? AND ?) OR (kind = 'supervision' AND date < ?) ORDER BY id
        """, arguments: [from, to, from])
    while let row = try cursor7.next() {
      let venue: String = row[5]
      rota.events.append(
        Event(
          title: row[1], kind: try token(row[2], { EventKind(rawValue: String($0)) }, "event kind"),
          date: try token(row[3], { LocalDate(iso: $0) }, "date"),
          half: try (row[4] as String?).map { try token($0, { Half(token: $0) }, "half") },
          venue: venue == "online" ? .online : .site(venue), attendees: attendees[row[0]] ?? []))
    }
    return rota
  }

  // MARK: Saving

  static func clear(_ db: Database) throws {
    try db.execute(
      sql: """
        DELETE FROM event_attendee; DELETE FROM event; DELETE FROM override; DELETE FROM leave;
        DELETE FROM site_closure; DELETE FROM worker; DELETE FROM site; DELETE FROM rota;
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
    let site = try db.makeStatement(
      sql:
        "INSERT INTO site (code, position, name, kind, rooms, open, open_bank_holidays, cover) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )
    let closure = try db.makeStatement(sql: "INSERT OR IGNORE INTO site_closure (site, date, half) VALUES (?, ?, ?)")
    for (i, s) in rota.sites.enumerated() {
      try site.execute(arguments: [
        s.code, i, s.name, s.kind.rawValue, s.rooms, weeklyText(s.open), s.openBankHolidays, weeklyText(s.cover),
      ])
      for c in s.closed {
        for h in c.halves { try closure.execute(arguments: [s.code, c.date.iso, h.token]) }
      }
    }
    let worker = try db.makeStatement(
      sql: "INSERT INTO worker (id, position, name, role, sessions, pattern) VALUES (?, ?, ?, ?, ?, ?)")
    for (i, w) in rota.workers.enumerated() {
      try worker.execute(arguments: [w.id, i, w.name, w.role.rawValue, w.sessions, patternText(w.pattern)])
    }
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
    let event = try db.makeStatement(sql: "INSERT INTO event (title, kind, date, half, venue) VALUES (?, ?, ?, ?, ?)")
    let attendee = try db.makeStatement(sql: "INSERT INTO event_attendee (event, position, worker) VALUES (?, ?, ?)")
    for e in rota.events {
      try event.execute(arguments: [e.title, e.kind.rawValue, e.date.iso, e.half?.token, e.venue.token])
      let id = db.lastInsertedRowID
      for (i, a) in e.attendees.enumerated() { try attendee.execute(arguments: [id, i, a]) }
    }
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
      try db.execute(
        sql: "INSERT INTO event (title, kind, date, half, venue) VALUES (?, ?, ?, ?, ?)",
        arguments: [e.title, e.kind.rawValue, e.date.iso, e.half?.token, e.venue.token])
      let id = db.lastInsertedRowID
      for (i, a) in e.attendees.enumerated() {
        try db.execute(
          sql: "INSERT INTO event_attendee (event, position, worker) VALUES (?, ?, ?)", arguments: [id, i, a])
      }
    case .removeEvent(let e):
      guard let id = try eventID(e, db) else {
        throw StoreError.conflict("\(e.title) on \(e.date.short) is no longer there")
      }
      try db.execute(sql: "DELETE FROM event WHERE id = ?", arguments: [id])
    case .setPattern(let worker, let pattern):
      try db.execute(sql: "UPDATE worker SET pattern = ? WHERE id = ?", arguments: [patternText(pattern), worker])
    }
  }

  static func eventID(_ e: Event, _ db: Database) throws -> Int64? {
    let candidates = try Int64.fetchAll(
      db,
      sql:
        "SELECT id FROM event WHERE title = ? AND kind = ? AND date = ? AND half IS ? AND venue = ? ORDER BY id DESC",
      arguments: [e.title, e.kind.rawValue, e.date.iso, e.half?.token, e.venue.token])
    for id in candidates {
      let who = try String.fetchAll(
        db, sql: "SELECT worker FROM event_attendee WHERE event = ? ORDER BY position", arguments: [id])
      if who == e.attendees { return id }
    }
    return nil
  }
}

/// The rota as an edit reads it, straight from the database inside the edit's
/// transaction, so a plan always sees the latest committed rota.
struct StoreReader: RotaReading {
  let db: Database

  func worker(id: String) throws -> Worker? {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM worker WHERE id = ?", arguments: [id]) else { return nil }
    return Worker(
      id: row["id"], name: row["name"], role: try Rows.token(row["role"], { Role(rawValue: String($0)) }, "role"),
      sessions: row["sessions"], pattern: try Rows.pattern(row["pattern"]))
  }

  func site(code: String) throws -> Site? {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM site WHERE code = ?", arguments: [code]) else {
      return nil
    }
    return Site(
      code: row["code"], name: row["name"],
      kind: try Rows.token(row["kind"], { SiteKind(rawValue: String($0)) }, "site kind"), rooms: row["rooms"])
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
        worker: worker, date: try Rows.token(row[0], { LocalDate(iso: $0) }, "date"),
        half: try Rows.token(row[1], { Half(token: $0) }, "half"),
        place: try Rows.token(row[2], { Place(token: $0) }, "place"))
    }
  }

  func contains(_ leave: Leave) throws -> Bool {
    try Bool.fetchOne(
      db,
      sql: "SELECT EXISTS (SELECT 1 FROM leave WHERE worker = ? AND from_session = ? AND to_session = ? AND kind = ?)",
      arguments: [leave.worker, leave.from.token, leave.to.token, leave.kind.rawValue]) ?? false
  }

  func contains(_ event: Event) throws -> Bool { try Rows.eventID(event, db) != nil }

  func firstDatedEntry() throws -> LocalDate? {
    let text = try String.fetchOne(
      db,
      sql: """
        SELECT min(d) FROM (SELECT min(first_date) AS d FROM leave UNION ALL SELECT min(date) FROM override
                            UNION ALL SELECT min(date) FROM event UNION ALL SELECT min(date) FROM site_closure)
        """)
    return text.flatMap { LocalDate(iso: $0) }
  }
}
