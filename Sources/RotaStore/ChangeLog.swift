import Foundation
import RotaCore

/// One entry of the change log: when, who, what.
public struct LogEntry: Hashable, Sendable {
  public enum Kind: String, Sendable {
    case edit, undo, redo, `import`
  }

  public let id: Int64
  public let at: LocalDateTime
  public let who: String
  public let kind: Kind
  public let summary: String
  public let workers: [String]
  public let firstDate: LocalDate?
  public let lastDate: LocalDate?
  /// The change that undid this one, if any.
  public let undoneBy: Int64?

  /// `Tue 24 Nov 14:02 coordinator: Amira Khan, Thu 26 Nov: Riverside Surgery → Oakfield (both sessions)`
  public func line(currentYear: Int) -> String {
    "\(at.label(currentYear: currentYear)) \(RotaText.sanitized(who)): \(RotaText.sanitized(summary))"
      + (undoneBy != nil ? " (undone)" : "")
  }
}

/// When a worker last looked at their own week: the time, and the latest
/// change-log entry then (nil for a mark made before rota kept it).
public struct SeenMark: Hashable, Sendable {
  public let at: LocalDateTime
  public let change: Int64?
}

/// The result of an edit that went through.
public struct AppliedEdit: Sendable {
  /// nil when the edit changed nothing (the cell already held that place).
  public let entry: LogEntry?
  public let plan: EditPlan
}

enum ChangeLog {
  static let encoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return e
  }()

  /// A plan as the log stores it (JSON text, written by `encoder`).
  static func plan(_ text: String) throws -> EditPlan {
    try JSONDecoder().decode(EditPlan.self, from: Data(text.utf8))
  }

  @discardableResult
  static func record(
    _ db: any SQLSession, kind: String, who: String, at: LocalDateTime, summary: String, workers: [String],
    first: LocalDate?, last: LocalDate?, openEnded: Bool, plan: EditPlan?, undoes: Int64? = nil, sites: [String] = []
  ) throws -> Int64 {
    let planText = try plan.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    guard
      let id = try db.value(
        """
        INSERT INTO change (at, who, kind, summary, first_date, last_date, open_ended, plan, undoes, leave_of)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
        """,
        [at.iso, who, kind, summary, first?.iso, last?.iso, openEnded, planText, undoes, plan.flatMap(leaveOf)],
        as: Int64.self)
    else { throw Rows.Corrupt(description: "the new change was given no number") }
    try db.insert(into: "change_worker", columns: ["worker", "change"], rows: Set(workers).sorted().map { [$0, id] })
    try db.insert(into: "change_site", columns: ["site", "change"], rows: Set(sites).sorted().map { [$0, id] })
    return id
  }

  /// Whose leave a change books or cancels, when it touches leave: the log of a
  /// change that would tell one worker another's kind of leave is theirs and the
  /// team's coordinators' to read. (Several workers' leave at once: a space
  /// between the ids, which matches no one.)
  static func leaveOf(_ plan: EditPlan) -> String? {
    var workers = Set<String>()
    for change in plan.changes {
      switch change {
      case .addLeave(let l), .removeLeave(let l): workers.insert(l.worker)
      default: break
      }
    }
    return workers.isEmpty ? nil : workers.sorted().joined(separator: " ")
  }

  static func entry(_ db: any SQLSession, id: Int64) throws -> LogEntry? {
    try entries(db, sql: "WHERE c.id = ?", arguments: [id]).first
  }

  static func entries(_ db: any SQLSession, sql whereClause: String, arguments: [any SQLArgument], limit: Int? = nil)
    throws -> [LogEntry]
  {
    let rows = try db.rows(
      """
      SELECT c.id, c.at, c.who, c.kind, c.summary, c.first_date, c.last_date, c.undone_by,
             (SELECT \(db.joinText)(worker, ' ') FROM change_worker w WHERE w.change = c.id) AS workers
      FROM change c \(whereClause) ORDER BY c.id \(limit.map { "DESC LIMIT \($0)" } ?? "")
      """, arguments)
    let list = try rows.compactMap { row -> LogEntry? in
      guard let at = LocalDateTime(iso: try row.stored("at")),
        let kind = LogEntry.Kind(rawValue: try row.stored("kind"))
      else { return nil }
      return LogEntry(
        id: try row.stored("id"), at: at, who: try row.stored("who"), kind: kind, summary: try row.stored("summary"),
        workers: ((try row.stored("workers") as String?) ?? "").split(separator: " ").map(String.init).sorted(),
        firstDate: (try row.stored("first_date") as String?).flatMap { LocalDate(iso: $0) },
        lastDate: (try row.stored("last_date") as String?).flatMap { LocalDate(iso: $0) },
        undoneBy: try row.stored("undone_by"))
    }
    return limit == nil ? list : list.reversed()
  }

  /// The latest change that touched a worker on a date: who made it, and when.
  static func lastChange(_ db: any SQLSession, worker: String, date: LocalDate) throws -> LogEntry? {
    try entries(
      db,
      sql: """
        WHERE c.id = (SELECT c2.id FROM change c2 JOIN change_worker w ON w.change = c2.id
                      WHERE w.worker = ? AND c2.first_date <= ? AND (c2.last_date >= ? OR c2.open_ended = 1)
                      ORDER BY c2.id DESC LIMIT 1)
        """, arguments: [worker, date.iso, date.iso]
    ).first
  }

  /// Refuses to replace the rota with a file exported before the latest change:
  /// names every change the replacement would throw away (who, when, what).
  static func checkNothingLost(_ db: any SQLSession, fileRevision: Int?, source: String, now: LocalDateTime) throws {
    let latest = try Rows.revision(db)
    guard let revision = fileRevision else {
      throw StoreError.conflict(
        "refused: \(source) has no revision, so rota cannot tell what it would throw away of the rota now (revision \(latest)); export the rota again (rota export writes the revision), or use --force to replace it anyway. Nothing was written."
      )
    }
    // Revisions count this database's changes, so a later one than it has reached
    // was taken from another database (or this one was restored from an older copy):
    // what it would throw away cannot be listed, so it is refused the same way.
    if revision > latest {
      throw StoreError.conflict(
        "refused: \(source) was exported at revision \(revision), but this rota's latest change is \(latest): the file comes from another database, or this one was restored from an older copy, so rota cannot tell what replacing it would throw away; use --force to replace it anyway. Nothing was written."
      )
    }
    guard revision < latest else { return }
    let lost = try entries(db, sql: "WHERE c.id > ?", arguments: [revision])
    let year = now.date.year
    let lines = lost.prefix(20).map { "  \($0.line(currentYear: year))" }
    let more = lost.count > 20 ? ["  … and \(lost.count - 20) more"] : []
    throw StoreError.conflict(
      ([
        "refused: \(source) was exported at revision \(revision), and the rota has changed \(lost.count == 1 ? "once" : "\(lost.count) times") since; replacing it would throw away:"
      ]
        + lines + more
        + [
          "Export the rota again and make your changes there, or use --force to throw these away. Nothing was written."
        ])
        .joined(separator: "\n"))
  }

  /// The latest change that touched a worker's or a site's record.
  static func lastChange(_ db: any SQLSession, of subject: RecordExpectation.Subject) throws -> LogEntry? {
    let sql: String
    let key: String
    switch subject {
    case .worker(let id):
      sql = "SELECT max(change) FROM change_worker WHERE worker = ?"
      key = id
    case .site(let code):
      sql = "SELECT max(change) FROM change_site WHERE site = ?"
      key = code
    }
    guard let id = try db.value(sql, [key], as: Int64?.self) ?? nil else { return nil }
    return try entry(db, id: id)
  }

  /// The words for a refused edit of a worker or a site: the field's value now,
  /// and who changed it last and when.
  static func conflictMessage(_ db: any SQLSession, record e: RecordExpectation, current: String?, now: LocalDateTime)
    throws
    -> String
  {
    let reader = StoreReader(db: db)
    let what: String
    switch e.subject {
    case .worker(let id): what = try reader.worker(id: id)?.name ?? id
    case .site(let code): what = try reader.site(code: code)?.name ?? code
    }
    func shown(_ v: String?) -> String { v.map { $0.isEmpty ? "none" : "‘\($0)’" } ?? "not set" }
    let field = e.field == "exists" ? "" : "'s \(e.field.replacingOccurrences(of: "_", with: " "))"
    let state =
      e.field == "exists"
      ? (current == nil ? "\(what) is not in the rota any more" : "\(what) is already in the rota")
      : "it is now \(shown(current)), not \(shown(e.value))"
    if let last = try lastChange(db, of: e.subject) {
      return
        "refused: \(what)\(field) was changed by \(last.who) on \(last.at.label(currentYear: now.date.year)) (\(last.summary)); \(state). Nothing was written."
    }
    return "refused: \(what)\(field) is not as expected: \(state). Nothing was written."
  }

  /// The words for a refused edit: the cell's place now, and who changed it and when.
  static func conflictMessage(_ db: any SQLSession, cell: CellExpectation, current: Place, now: LocalDateTime) throws
    -> String
  {
    let reader = StoreReader(db: db)
    let name = try reader.worker(id: cell.worker)?.name ?? cell.worker
    func place(_ p: Place) throws -> String {
      switch p {
      case .site(let code): return "\(try reader.site(code: code)?.name ?? code) (\(code))"
      case .home: return "home"
      case .off: return "off"
      }
    }
    // Who and when first: on a narrow status line they are what matters.
    let cellName = "\(name), \(cell.date.short) \(cell.half.label)"
    let nowPlace = "it is now \(try place(current)), not \(try place(cell.place))"
    if let last = try lastChange(db, worker: cell.worker, date: cell.date) {
      return
        "refused: \(cellName) was changed by \(last.who) on \(last.at.label(currentYear: now.date.year)) (\(last.summary)); \(nowPlace). Nothing was written."
    }
    return
      "refused: \(cellName) is not as expected: \(nowPlace), as it has been since the rota was loaded. Nothing was written."
  }
}

extension RotaStore {
  /// Makes one edit in one transaction, after checking that every cell it
  /// expects still holds the expected place. A refused edit writes nothing and
  /// says who changed the cell and when (exit status 3).
  @discardableResult
  ///
  /// `records` are what the view the edit was made from showed of the workers
  /// and sites it changes (`EditPlan.recordsBefore` of the same edit planned on
  /// that view): an edit of a worker or a site is refused the same way when
  /// someone changed those fields first.
  public func apply(
    _ edit: Edit, expecting: [CellExpectation] = [], records: [RecordExpectation] = [], who: String,
    at now: LocalDateTime
  ) throws(StoreError) -> AppliedEdit {
    return try writing { db in
      let plan: EditPlan
      do {
        plan = try EditPlanner(StoreReader(db: db)).plan(edit, expecting: expecting, records: records)
      } catch let error as EditError {
        if case .conflict(let cell, let current) = error {
          throw StoreError.conflict(try ChangeLog.conflictMessage(db, cell: cell, current: current, now: now))
        }
        if case .recordConflict(let e, let current) = error {
          throw StoreError.conflict(try ChangeLog.conflictMessage(db, record: e, current: current, now: now))
        }
        throw error.storeError
      }
      guard !plan.changes.isEmpty else { return AppliedEdit(entry: nil, plan: plan) }
      for change in plan.changes { try Rows.apply(change, db) }
      let id = try ChangeLog.record(
        db, kind: "edit", who: who, at: now, summary: plan.summary, workers: plan.workers, first: plan.firstDate,
        last: plan.lastDate, openEnded: plan.openEnded, plan: plan, sites: plan.sites)
      return AppliedEdit(entry: try ChangeLog.entry(db, id: id), plan: plan)
    }
  }

  /// Undoes `who`'s latest edit that is not undone yet, if its cells still hold
  /// what the edit left there (else refused, exit status 3).
  @discardableResult
  public func undo(who: String, at now: LocalDateTime) throws(StoreError) -> AppliedEdit {
    return try writing { db in
      guard
        let row = try db.row(
          """
          SELECT id, plan, summary FROM change
          WHERE who = ? AND kind IN ('edit', 'redo') AND undone_by IS NULL AND plan IS NOT NULL
            AND id > coalesce((SELECT max(id) FROM change WHERE kind = 'import'), 0)
          ORDER BY id DESC LIMIT 1
          """, [who])
      else { throw StoreError.nothingToUndo("\(who) has nothing to undo") }
      let target: Int64 = try row.stored("id")
      let plan = try ChangeLog.plan(try row.stored("plan"))
      return try replay(
        // The plan keeps the edit's own words, so undoing a redo says "undid: X", not "undid: redid: X".
        plan.reversed, kind: "undo", summary: "undid: \(plan.summary)", undoes: target,
        marking: target,
        db, who: who, now: now)
    }
  }

  /// Redoes what `who` last undid, as long as they have made no new edit since.
  @discardableResult
  public func redo(who: String, at now: LocalDateTime) throws(StoreError) -> AppliedEdit {
    return try writing { db in
      guard
        let row = try db.row(
          """
          SELECT u.id, u.undoes, o.plan, o.summary FROM change u JOIN change o ON o.id = u.undoes
          WHERE u.who = ? AND u.kind = 'undo' AND u.undone_by IS NULL
            AND u.id > coalesce((SELECT max(id) FROM change WHERE who = ? AND kind = 'edit'), 0)
            AND u.id > coalesce((SELECT max(id) FROM change WHERE kind = 'import'), 0)
          ORDER BY u.id DESC LIMIT 1
          """, [who, who])
      else { throw StoreError.nothingToUndo("\(who) has nothing to redo") }
      let plan = try ChangeLog.plan(try row.stored("plan"))
      return try replay(
        plan, kind: "redo", summary: "redid: \(plan.summary)", undoes: nil,
        marking: try row.stored("id"), db,
        who: who, now: now)
    }
  }

  /// Applies a plan from the log again (for undo, its reverse), after checking that
  /// its cells still hold what it expects; records it, and marks the entry it
  /// takes back as undone by it.
  func replay(
    _ plan: EditPlan, kind: String, summary: String, undoes: Int64?, marking: Int64, _ db: any SQLSession, who: String,
    now: LocalDateTime
  ) throws -> AppliedEdit {
    try check(plan.before, db, now: now, doing: kind)
    try check(plan.recordsBefore, db, now: now, doing: kind)
    for change in plan.changes { try Rows.apply(change, db) }
    let id = try ChangeLog.record(
      db, kind: kind, who: who, at: now, summary: summary, workers: plan.workers, first: plan.firstDate,
      last: plan.lastDate, openEnded: plan.openEnded, plan: plan, undoes: undoes, sites: plan.sites)
    try Rows.changing("UPDATE change SET undone_by = ? WHERE id = ?", [id, marking], db)
    return AppliedEdit(entry: try ChangeLog.entry(db, id: id), plan: plan)
  }

  func check(_ records: [RecordExpectation], _ db: any SQLSession, now: LocalDateTime, doing: String) throws {
    let reader = StoreReader(db: db)
    for e in records {
      let current = try reader.current(e)
      if current != e.value {
        let message = try ChangeLog.conflictMessage(db, record: e, current: current, now: now)
        throw StoreError.conflict("cannot \(doing): " + message.replacingOccurrences(of: "refused: ", with: ""))
      }
    }
  }

  func check(_ cells: [CellExpectation], _ db: any SQLSession, now: LocalDateTime, doing: String) throws {
    let reader = StoreReader(db: db)
    for cell in cells {
      guard let w = try reader.worker(id: cell.worker) else {
        throw StoreError.conflict("\(cell.worker) is no longer in the rota")
      }
      let current = try reader.planned(worker: w, date: cell.date, half: cell.half)
      if current != cell.place {
        let message = try ChangeLog.conflictMessage(db, cell: cell, current: current, now: now)
        throw StoreError.conflict("cannot \(doing): " + message.replacingOccurrences(of: "refused: ", with: ""))
      }
    }
  }

  /// The change log, oldest first: all of it, or the changes that touched one
  /// worker, or those made on or after a date.
  public func log(worker: String? = nil, since: LocalDate? = nil, limit: Int? = nil) throws(StoreError) -> [LogEntry] {
    var conditions: [String] = []
    var arguments: [any SQLArgument] = []
    if let worker {
      conditions.append("c.id IN (SELECT change FROM change_worker WHERE worker = ?)")
      arguments.append(worker)
    }
    if let since {
      conditions.append("c.at >= ?")
      arguments.append(since.iso)
    }
    let clause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    return try reading { db in
      try ChangeLog.entries(db, sql: clause, arguments: arguments, limit: limit)
    }
  }
}

extension RotaStore {
  /// The change log's entries after entry `after`, oldest first (what a live update brought).
  public func log(after: Int64) throws(StoreError) -> [LogEntry] {
    try reading { db in try ChangeLog.entries(db, sql: "WHERE c.id > ?", arguments: [after], limit: nil) }
  }

  /// When the worker last looked at their own week, and the change-log entry
  /// they had seen then; nil if they never have.
  public func seenMark(worker: String) throws(StoreError) -> SeenMark? {
    return try reading { db in
      guard let row = try db.row("SELECT last_opened, last_change FROM worker_seen WHERE worker = ?", [worker]),
        let at = LocalDateTime(iso: try row.stored("last_opened"))
      else { return nil }
      return SeenMark(at: at, change: try row.stored("last_change"))
    }
  }

  /// Moves the worker's mark to now and the latest change: only the worker's own
  /// entry point (`rota open --worker ID`) calls this, never a coordinator's
  /// look at their week, and a read-only store refuses it.
  public func markSeen(worker: String, at now: LocalDateTime) throws(StoreError) {
    try writing { db in
      guard try db.value("SELECT 1 FROM worker WHERE id = ?", [worker], as: Int.self) != nil else { return }
      try db.execute("DELETE FROM worker_seen WHERE worker = ?", [worker])
      try db.execute(
        """
        INSERT INTO worker_seen (worker, last_opened, last_change)
        VALUES (?, ?, (SELECT coalesce(max(id), 0) FROM change))
        """, [worker, now.iso])
    }
  }

  /// The changes after `mark` that touched `worker`, oldest first, each with its
  /// plan (nil for an import). A mark from before v4 has only a time.
  public func changes(worker: String, after mark: SeenMark) throws(StoreError) -> [LoggedChange] {
    return try reading { db in
      let condition = mark.change != nil ? "c.id > ?" : "c.at > ?"
      let bound: any SQLArgument = mark.change ?? mark.at.iso
      let rows = try db.rows(
        """
        SELECT c.id, c.at, c.who, c.plan FROM change c
        WHERE \(condition) AND (c.kind = 'import' OR c.id IN (SELECT change FROM change_worker WHERE worker = ?))
        ORDER BY c.id
        """, [bound, worker])
      return try rows.compactMap { row -> LoggedChange? in
        guard let at = LocalDateTime(iso: try row.stored("at")) else { return nil }
        // A time-only mark compares instants, not the text (offsets differ).
        if mark.change == nil && !(mark.at < at) { return nil }
        let plan = try (row.stored("plan") as String?).map { try ChangeLog.plan($0) }
        return LoggedChange(id: try row.stored("id"), at: at, who: try row.stored("who"), plan: plan)
      }
    }
  }

  /// What changed for `worker` since they last looked, netted, this week and
  /// later (`ChangeNotice.make` over the log and the rota now). Reads only.
  public func notice(worker: String, today: LocalDate) throws(StoreError) -> ChangeNotice {
    guard let mark = try seenMark(worker: worker) else {
      return ChangeNotice.make(worker: worker, rota: Rota(pcn: ""), changes: [], since: nil, today: today)
    }
    let changes = try self.changes(worker: worker, after: mark)
    var last = today.isoWeek.sunday
    for c in changes {
      guard let plan = c.plan else { continue }
      let end =
        plan.openEnded
        ? max(plan.firstDate, today.isoWeek.monday).isoWeek.adding(weeks: ChangeNotice.openEndedWeeks - 1).sunday
        : plan.lastDate
      last = max(last, end)
    }
    let rota = try load(window: today.isoWeek.monday...last)
    return ChangeNotice.make(worker: worker, rota: rota, changes: changes, since: mark.at, today: today)
  }

  /// How many changes the log holds: grows with every edit (for calendar SEQUENCE).
  public func changeCount() throws(StoreError) -> Int {
    try reading { db in try Rows.revision(db) }
  }
}
