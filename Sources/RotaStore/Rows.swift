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

  static func policy(_ db: any SQLSession) throws -> Policy {
    guard let row = try db.row("SELECT * FROM rota") else {
      throw Corrupt(description: "the rota row is missing")
    }
    return Policy(
      maxSolitaryDays: try row.stored("max_solitary_days"), maxSolitaryStreak: try row.stored("max_solitary_streak"),
      lookbackWeeks: try row.stored("lookback_weeks"), supervisionWeeks: try row.stored("supervision_weeks"),
      maxSoleSites: try row.stored("max_sole_sites"),
      bankHolidays: try token(
        try row.stored("bank_holidays"), { BankHolidayRegion(rawValue: String($0)) }, "bank holiday set"))
  }

  static func isEmpty(_ db: any SQLSession) throws -> Bool {
    try db.value("SELECT (SELECT count(*) FROM site) + (SELECT count(*) FROM worker)", as: Int.self) == 0
  }

  // MARK: Loading

  static func optionalDate(_ text: String?) throws -> LocalDate? {
    try text.map { try token($0, { LocalDate(iso: $0) }, "date") }
  }

  /// The rota without its dated entries: its name, anchor week and policy, its
  /// sites (without their closures) and its workers. Small however long the rota
  /// has run, so it is checked each time the database is opened.
  static func frame(_ db: any SQLSession) throws -> Rota {
    guard let top = try db.row("SELECT pcn, anchor_week FROM rota") else {
      throw Corrupt(description: "the rota row is missing")
    }
    var rota = Rota(pcn: try top.stored("pcn"), policy: try policy(db))
    if let anchor: String = try top.stored("anchor_week") {
      rota.anchorWeek = try token(anchor, { ISOWeek(iso: $0) }, "week")
    }
    for row in try db.rows("SELECT * FROM site ORDER BY position") { rota.sites.append(try Rows.site(row)) }
    let changes = try patternChanges(db, worker: nil)
    for row in try db.rows("SELECT * FROM worker ORDER BY position") {
      var w = try Rows.worker(row)
      w.patternChanges = changes[w.id] ?? []
      rota.workers.append(w)
    }
    return rota
  }

  static func load(_ db: any SQLSession, window: ClosedRange<LocalDate>?) throws -> Rota {
    var rota = try frame(db)
    rota.completeFrom = window?.lowerBound
    let from = window?.lowerBound.iso ?? "0000-00-00"
    let to = window?.upperBound.iso ?? "9999-99-99"

    var closures: [String: [String: Set<Half>]] = [:]
    for row in try db.rows("SELECT site, date, half FROM site_closure WHERE date BETWEEN ? AND ?", [from, to]) {
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
    let leave = try db.rows(
      """
      SELECT worker, from_session, to_session, kind FROM leave_seen l
      WHERE (last_date >= ? AND first_date <= ?) OR (first_date < ? AND \(supervised)) ORDER BY id
      """, [from, to, from, from])
    for row in leave {
      rota.leave.append(
        Leave(
          worker: try row.stored(0), from: try token(try row.stored(1), { DatedSession(token: $0) }, "session"),
          to: try token(try row.stored(2), { DatedSession(token: $0) }, "session"),
          kind: try leaveKind(try row.stored(3))))
    }
    var halves: [Override] = []
    let overrides = try db.rows(
      """
      SELECT worker, date, half, place FROM override o WHERE date BETWEEN ? AND ?
        OR (date < ? AND EXISTS (SELECT 1 FROM event e JOIN event_attendee a ON a.event = e.id
                                 WHERE e.kind = 'supervision' AND e.date = o.date AND a.worker = o.worker))
      """, [from, to, from])
    for row in overrides {
      halves.append(
        Override(
          worker: try row.stored(0), date: try token(try row.stored(1), { LocalDate(iso: $0) }, "date"),
          half: try token(try row.stored(2), { Half(token: $0) }, "half"),
          place: try token(try row.stored(3), { Place(token: $0) }, "place"))
      )
    }
    rota.overrides = Rota.resolveOverrides(halves)

    var attendees: [Int64: [String]] = [:]
    let attending = try db.rows(
      """
      SELECT a.event, a.worker FROM event_attendee a JOIN event e ON e.id = a.event
      WHERE (e.date BETWEEN ? AND ?) OR (e.kind = 'supervision' AND e.date < ?)
      ORDER BY a.event, a.position
      """, [from, to, from])
    for row in attending {
      attendees[try row.stored(0), default: []].append(try row.stored(1))
    }
    let events = try db.rows(
      """
      SELECT id, title, kind, date, half, venue, lead FROM event
      WHERE (date BETWEEN ? AND ?) OR (kind = 'supervision' AND date < ?) ORDER BY id
      """, [from, to, from])
    for row in events {
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
  static func site(_ row: SQLRow) throws -> Site {
    Site(
      code: try row.stored("code"), name: try row.stored("name"),
      kind: try token(try row.stored("kind"), { SiteKind(rawValue: String($0)) }, "site kind"),
      rooms: try row.stored("rooms"), open: try weekly(try row.stored("open")),
      openBankHolidays: try row.stored("open_bank_holidays"), cover: try weekly(try row.stored("cover")),
      start: try optionalDate(try row.stored("start_date")), end: try optionalDate(try row.stored("end_date")))
  }

  static func worker(_ row: SQLRow) throws -> Worker {
    Worker(
      id: try row.stored("id"), name: try row.stored("name"),
      role: try token(try row.stored("role"), { Role(rawValue: String($0)) }, "role"),
      sessions: try row.stored("sessions"), start: try optionalDate(try row.stored("start_date")),
      end: try optionalDate(try row.stored("end_date")), pattern: try pattern(try row.stored("pattern")))
  }

  /// An event from a row of `id, title, kind, date, half, venue, lead`.
  static func event(_ row: SQLRow, attendees: [String]) throws -> Event {
    let venue: String = try row.stored(5)
    return Event(
      title: try row.stored(1), kind: try token(try row.stored(2), { EventKind(rawValue: String($0)) }, "event kind"),
      date: try token(try row.stored(3), { LocalDate(iso: $0) }, "date"),
      half: try (try row.stored(4) as String?).map { try token($0, { Half(token: $0) }, "half") },
      venue: venue == "online" ? .online : .site(venue), lead: try row.stored(6), attendees: attendees)
  }

  /// Every worker's pattern changes (or one worker's), by date.
  static func patternChanges(_ db: any SQLSession, worker: String?) throws -> [String: [PatternChange]] {
    var out: [String: [PatternChange]] = [:]
    let rows = try db.rows(
      "SELECT worker, from_date, pattern FROM worker_pattern_change \(worker == nil ? "" : "WHERE worker = ?") "
        + "ORDER BY worker, from_date", worker.map { [$0] } ?? [])
    for row in rows {
      out[try row.stored(0), default: []].append(
        PatternChange(
          from: try token(try row.stored(1), { LocalDate(iso: $0) }, "date"), pattern: try pattern(try row.stored(2))))
    }
    return out
  }

  /// The number of the latest change in the log (0 for none): the rota's revision.
  static func revision(_ db: any SQLSession) throws -> Int {
    try db.value("SELECT coalesce(max(id), 0) FROM change") ?? 0
  }

  // MARK: Saving

  /// Removes the rota (not its change log), child rows first.
  static func clear(_ db: any SQLSession) throws {
    for table in [
      "event_attendee", "event", "override", "leave", "worker_pattern_change", "site_closure", "worker", "site", "rota",
    ] {
      try db.execute("DELETE FROM \(table)")
    }
  }

  static func save(_ rota: Rota, into db: any SQLSession) throws {
    let p = rota.policy
    try db.execute(
      """
      INSERT INTO rota (pcn, anchor_week, max_solitary_days, max_solitary_streak, lookback_weeks,
                        supervision_weeks, max_sole_sites, bank_holidays)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        rota.pcn, rota.anchorWeek?.iso, p.maxSolitaryDays, p.maxSolitaryStreak, p.lookbackWeeks, p.supervisionWeeks,
        p.maxSoleSites, p.bankHolidays.rawValue,
      ])
    try db.insert(
      into: "site", columns: siteColumns, rows: rota.sites.enumerated().map { siteRow($1, position: $0) })
    try db.insert(
      into: "site_closure", columns: ["site", "date", "half"],
      rows: Set(rota.sites.flatMap { s in s.closed.flatMap { c in c.halves.map { SiteHalf(s.code, c.date, $0) } } })
        .sorted().map { [$0.site, $0.date.iso, $0.half.token] })
    try db.insert(
      into: "worker", columns: workerColumns, rows: rota.workers.enumerated().map { workerRow($1, position: $0) })
    try db.insert(
      into: "worker_pattern_change", columns: ["worker", "from_date", "pattern"],
      rows: rota.workers.flatMap { w in w.patternChanges.map { [w.id, $0.from.iso, patternText($0.pattern)] } })
    try db.insert(
      into: "leave", columns: ["worker", "from_session", "to_session", "first_date", "last_date", "kind"],
      rows: rota.leave.map { l in
        [l.worker, l.from.token, l.to.token, l.from.date.iso, l.to.date.iso, l.kind.rawValue]
      })
    // A later override of the same half-day replaces an earlier one.
    var halves: [WorkerHalf: Place] = [:]
    var order: [WorkerHalf] = []
    for o in rota.overrides {
      for h in (o.half.map { [$0] } ?? [.am, .pm]) {
        let key = WorkerHalf(worker: o.worker, date: o.date, half: h)
        if halves.updateValue(o.place, forKey: key) == nil { order.append(key) }
      }
    }
    try db.insert(
      into: "override", columns: ["worker", "date", "half", "place"],
      rows: order.map { [$0.worker, $0.date.iso, $0.half.token, halves[$0]!.token] })
    for e in rota.events { try insert(e, db) }
  }

  /// One half-day of one worker: an override's key.
  struct WorkerHalf: Hashable {
    let worker: String
    let date: LocalDate
    let half: Half
  }

  /// One half-day of one site: a closure's key.
  struct SiteHalf: Hashable, Comparable {
    let site: String
    let date: LocalDate
    let half: Half

    init(_ site: String, _ date: LocalDate, _ half: Half) {
      self.site = site
      self.date = date
      self.half = half
    }

    static func < (a: SiteHalf, b: SiteHalf) -> Bool {
      (a.site, a.date, a.half.rawValue) < (b.site, b.date, b.half.rawValue)
    }
  }

  static let siteColumns = [
    "code", "position", "name", "kind", "rooms", "open", "open_bank_holidays", "cover", "start_date", "end_date",
  ]

  static func siteRow(_ s: Site, position: Int) -> [any SQLArgument] {
    [
      s.code, position, s.name, s.kind.rawValue, s.rooms, weeklyText(s.open), s.openBankHolidays,
      weeklyText(s.cover), s.start?.iso, s.end?.iso,
    ]
  }

  static let workerColumns = ["id", "position", "name", "role", "sessions", "pattern", "start_date", "end_date"]

  static func workerRow(_ w: Worker, position: Int) -> [any SQLArgument] {
    [w.id, position, w.name, w.role.rawValue, w.sessions, patternText(w.pattern), w.start?.iso, w.end?.iso]
  }

  /// Adds a site at `position` in the creation order, with its closures.
  static func insert(_ s: Site, position: Int, _ db: any SQLSession) throws {
    try db.insert(into: "site", columns: siteColumns, rows: [siteRow(s, position: position)])
    for c in s.closed {
      for h in c.halves {
        try db.execute(
          "INSERT INTO site_closure (site, date, half) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
          [s.code, c.date.iso, h.token])
      }
    }
  }

  /// Adds a worker at `position` in the creation order, with their pattern changes.
  static func insert(_ w: Worker, position: Int, _ db: any SQLSession) throws {
    try db.insert(into: "worker", columns: workerColumns, rows: [workerRow(w, position: position)])
    try db.insert(
      into: "worker_pattern_change", columns: ["worker", "from_date", "pattern"],
      rows: w.patternChanges.map { [w.id, $0.from.iso, patternText($0.pattern)] })
  }

  /// Adds an event and its attendees; returns its row id.
  @discardableResult
  static func insert(_ e: Event, _ db: any SQLSession) throws -> Int64 {
    guard
      let id = try db.value(
        "INSERT INTO event (title, kind, date, half, venue, lead) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        [e.title, e.kind.rawValue, e.date.iso, e.half?.token, e.venue.token, e.lead], as: Int64.self)
    else { throw Corrupt(description: "the new event was given no id") }
    try db.insert(
      into: "event_attendee", columns: ["event", "position", "worker"],
      rows: e.attendees.enumerated().map { [id, $0, $1] })
    return id
  }

  static func describe(_ rota: Rota) -> String {
    "\(rota.sites.count) sites, \(rota.workers.count) workers, \(rota.leave.count) leave, "
      + "\(rota.overrides.count) overrides, \(rota.events.count) events"
  }

  // MARK: Single changes

  /// Applies one change. Removing something that is not there is a conflict:
  /// someone else removed it first.
  static func apply(_ change: RotaChange, _ db: any SQLSession) throws {
    switch change {
    case .setOverride(let worker, let date, let half, let place):
      try db.execute(
        "DELETE FROM override WHERE worker = ? AND date = ? AND half = ?", [worker, date.iso, half.token])
      if let place {
        try db.execute(
          "INSERT INTO override (worker, date, half, place) VALUES (?, ?, ?, ?)",
          [worker, date.iso, half.token, place.token])
      }
    case .addLeave(let l):
      try db.execute(
        "INSERT INTO leave (worker, from_session, to_session, first_date, last_date, kind) VALUES (?, ?, ?, ?, ?, ?)",
        [l.worker, l.from.token, l.to.token, l.from.date.iso, l.to.date.iso, l.kind.rawValue])
    case .removeLeave(let l):
      let removed = try db.rows(
        """
        DELETE FROM leave WHERE id = (SELECT id FROM leave WHERE worker = ? AND from_session = ? AND to_session = ?
                                      AND kind = ? ORDER BY id DESC LIMIT 1)
        RETURNING id
        """, [l.worker, l.from.token, l.to.token, l.kind.rawValue])
      if removed.isEmpty { throw StoreError.conflict("that leave is no longer booked") }
    case .addEvent(let e):
      try insert(e, db)
    case .removeEvent(let e):
      guard let id = try eventID(e, db) else {
        throw StoreError.conflict("\(e.title) on \(e.date.short) is no longer there")
      }
      try changing("DELETE FROM event WHERE id = ?", [id], db)
    case .setPattern(let worker, let pattern):
      try changing("UPDATE worker SET pattern = ? WHERE id = ?", [patternText(pattern), worker], db)
    case .setPatternChange(let worker, let from, let pattern):
      try db.execute("DELETE FROM worker_pattern_change WHERE worker = ? AND from_date = ?", [worker, from.iso])
      if let pattern {
        try db.execute(
          "INSERT INTO worker_pattern_change (worker, from_date, pattern) VALUES (?, ?, ?)",
          [worker, from.iso, patternText(pattern)])
      }
    case .addWorker(let w):
      let position = try db.value("SELECT coalesce(max(position), -1) + 1 FROM worker", as: Int.self) ?? 0
      try insert(w, position: position, db)
    case .removeWorker(let id):
      let uses =
        try db.value(
          """
          SELECT (SELECT count(*) FROM leave WHERE worker = ?) + (SELECT count(*) FROM override WHERE worker = ?)
               + (SELECT count(*) FROM event_attendee WHERE worker = ?)
          """, [id, id, id], as: Int.self) ?? 0
      guard uses == 0 else {
        throw StoreError.conflict(
          "\(id) has leave, moves or events booked since; remove those first. Nothing was written.")
      }
      try changing("DELETE FROM worker WHERE id = ?", [id], db)
    case .updateWorker(let id, let change):
      var sets: [String] = []
      var arguments: [any SQLArgument] = []
      if let v = change.name { sets.append("name = ?"); arguments.append(v) }
      if let v = change.role { sets.append("role = ?"); arguments.append(v.rawValue) }
      if let v = change.sessions { sets.append("sessions = ?"); arguments.append(v) }
      if let v = change.start { sets.append("start_date = ?"); arguments.append(v.date?.iso) }
      if let v = change.end { sets.append("end_date = ?"); arguments.append(v.date?.iso) }
      guard !sets.isEmpty else { return }
      try changing("UPDATE worker SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments + [id], db)
    case .addSite(let site):
      let position = try db.value("SELECT coalesce(max(position), -1) + 1 FROM site", as: Int.self) ?? 0
      try insert(site, position: position, db)
    case .removeSite(let code):
      let patterns = try db.values(
        "SELECT pattern FROM worker UNION ALL SELECT pattern FROM worker_pattern_change", as: String.self)
      let uses =
        try db.value(
          "SELECT (SELECT count(*) FROM override WHERE place = ?) + (SELECT count(*) FROM event WHERE venue = ?)",
          [code, code], as: Int.self) ?? 0
      guard uses == 0, !patterns.contains(where: { $0.split(separator: " ").contains(Substring(code)) }) else {
        throw StoreError.conflict(
          "\(code) is in someone's week or an event since; change those first. Nothing was written.")
      }
      try changing("DELETE FROM site WHERE code = ?", [code], db)
    case .updateSite(let code, let change):
      var sets: [String] = []
      var arguments: [any SQLArgument] = []
      if let v = change.name { sets.append("name = ?"); arguments.append(v) }
      if let v = change.kind { sets.append("kind = ?"); arguments.append(v.rawValue) }
      if let v = change.rooms { sets.append("rooms = ?"); arguments.append(v) }
      if let v = change.open { sets.append("open = ?"); arguments.append(weeklyText(v)) }
      if let v = change.cover { sets.append("cover = ?"); arguments.append(weeklyText(v)) }
      if let v = change.openBankHolidays { sets.append("open_bank_holidays = ?"); arguments.append(v) }
      if let v = change.start { sets.append("start_date = ?"); arguments.append(v.date?.iso) }
      if let v = change.end { sets.append("end_date = ?"); arguments.append(v.date?.iso) }
      guard !sets.isEmpty else { return }
      try changing("UPDATE site SET \(sets.joined(separator: ", ")) WHERE code = ?", arguments + [code], db)
    }
  }

  /// Runs an UPDATE or DELETE of one row that the edit has just read. Where the
  /// database decides who may change what (PostgreSQL's row security), a row
  /// this user may read but not change is silently left alone; that is refused
  /// here instead of being logged as done.
  static func changing(_ sql: String, _ arguments: [any SQLArgument], _ db: any SQLSession) throws {
    if try db.rows(sql + " RETURNING 1", arguments).isEmpty {
      throw StoreError.notAllowed("the database did not let this change be made: your role does not allow it")
    }
  }

  static func eventID(_ e: Event, _ db: any SQLSession) throws -> Int64? {
    let candidates = try db.values(
      """
      SELECT id FROM event WHERE title = ? AND kind = ? AND date = ? AND half IS NOT DISTINCT FROM ? AND venue = ?
        AND lead IS NOT DISTINCT FROM ?
      ORDER BY id DESC
      """,
      [e.title, e.kind.rawValue, e.date.iso, e.half?.token, e.venue.token, e.lead], as: Int64.self)
    for id in candidates {
      let who = try db.values(
        "SELECT worker FROM event_attendee WHERE event = ? ORDER BY position", [id], as: String.self)
      if who == e.attendees { return id }
    }
    return nil
  }

  /// A stored leave kind. `away` is what a worker's view of the database shows
  /// for someone else's leave, whose kind they may not see: it reads as leave
  /// of no particular kind.
  static func leaveKind(_ text: String) throws -> LeaveKind {
    if text == "away" { return .other }
    return try token(text, { LeaveKind(rawValue: String($0)) }, "leave kind")
  }
}

/// The rota as an edit reads it, straight from the database inside the edit's
/// transaction, so a plan always sees the latest committed rota. What it reads
/// is checked by the rota file's rules, as `RotaStore.load` checks a whole rota.
struct StoreReader: RotaReading {
  let db: any SQLSession

  func worker(id: String) throws -> Worker? {
    guard let row = try db.row("SELECT * FROM worker WHERE id = ?", [id]) else { return nil }
    var worker = try Rows.worker(row)
    worker.patternChanges = try Rows.patternChanges(db, worker: id)[id] ?? []
    // Only the sites the usual week names: an edit reads a worker or two, not the whole rota.
    let named = Array(
      Set((worker.pattern.places + worker.patternChanges.flatMap(\.pattern.places)).compactMap(\.siteCode)))
    let codes =
      named.isEmpty
      ? []
      : Set(
        try db.values(
          "SELECT code FROM site WHERE code IN (\(named.map { _ in "?" }.joined(separator: ", ")))", named,
          as: String.self))
    if let problem = RotaLimits.problem(in: worker, siteCodes: codes) { throw Rows.Corrupt(description: problem) }
    return worker
  }

  func site(code: String) throws -> Site? {
    guard let row = try db.row("SELECT * FROM site WHERE code = ?", [code]) else { return nil }
    let site = try Rows.site(row)
    if let problem = RotaLimits.problem(in: site) { throw Rows.Corrupt(description: problem) }
    return site
  }

  func override(worker: String, date: LocalDate, half: Half) throws -> Place? {
    try db.value(
      "SELECT place FROM override WHERE worker = ? AND date = ? AND half = ?", [worker, date.iso, half.token],
      as: String.self
    ).map { try Rows.token($0, { Place(token: $0) }, "place") }
  }

  func overrides(worker: String, from: LocalDate, to: LocalDate) throws -> [Override] {
    try db.rows(
      "SELECT date, half, place FROM override WHERE worker = ? AND date BETWEEN ? AND ? ORDER BY date, half",
      [worker, from.iso, to.iso]
    ).map { row in
      Override(
        worker: worker, date: try Rows.token(try row.stored(0), { LocalDate(iso: $0) }, "date"),
        half: try Rows.token(try row.stored(1), { Half(token: $0) }, "half"),
        place: try Rows.token(try row.stored(2), { Place(token: $0) }, "place"))
    }
  }

  func contains(_ leave: Leave) throws -> Bool {
    try db.value(
      "SELECT EXISTS (SELECT 1 FROM leave_seen WHERE worker = ? AND from_session = ? AND to_session = ? AND kind = ?)",
      [leave.worker, leave.from.token, leave.to.token, leave.kind.rawValue], as: Bool.self) ?? false
  }

  func contains(_ event: Event) throws -> Bool { try Rows.eventID(event, db) != nil }

  func leave(worker: String) throws -> [Leave] {
    try db.rows(
      "SELECT from_session, to_session, kind FROM leave_seen WHERE worker = ? ORDER BY id", [worker]
    ).map { row in
      Leave(
        worker: worker, from: try Rows.token(try row.stored(0), { DatedSession(token: $0) }, "session"),
        to: try Rows.token(try row.stored(1), { DatedSession(token: $0) }, "session"),
        kind: try Rows.leaveKind(try row.stored(2)))
    }
  }
}
