import Foundation
import RotaCore

/// The live rota, in a database that several people use at once: an SQLite file
/// (`SQLiteEngine`) or a PostgreSQL server (`PostgresEngine`). This is the only
/// code that knows SQL, and it is written once for both engines: the rest of rota
/// sees `Rota` values and `Edit`s, and does not know which engine holds them.
///
/// Every edit runs in one transaction that takes the engine's write lock first,
/// then checks the cells and fields it expects, so two processes can never
/// overwrite each other's change; readers read inside a transaction, so they
/// always see a whole rota.
public final class RotaStore: Sendable {
  let engine: any StoreEngine

  /// Where the rota is, for messages: a file's path, or a server's address without its password.
  public var path: String { engine.location }
  public var readOnly: Bool { engine.readOnly }

  init(engine: any StoreEngine) {
    self.engine = engine
  }

  /// How long to wait for another program's write to finish: `ROTA_BUSY_TIMEOUT_MS`, default 5 s.
  public static func defaultBusyMilliseconds(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> Int
  {
    environment["ROTA_BUSY_TIMEOUT_MS"].flatMap(Int.init).map { max(0, $0) } ?? 5000
  }

  // MARK: Opening

  /// Opens an existing rota database file. It must exist, be SQLite, and hold a
  /// rota of a schema this version knows; an older schema is upgraded (not in
  /// read-only mode). Nothing is written to a file that turns out not to be a rota.
  public static func open(path: String, readOnly: Bool = false, busyMilliseconds: Int = defaultBusyMilliseconds())
    throws(StoreError) -> RotaStore
  {
    let engine = try SQLiteEngine.open(path: path, readOnly: readOnly, busyMilliseconds: busyMilliseconds)
    return try checked(engine)
  }

  /// Opens the rota at `location`: an SQLite file (which must exist), or the
  /// rota of one PCN on a PostgreSQL server. `pcn` names the PCN: on a server
  /// it chooses one of the PCNs there (nil: the connection's default, see
  /// `PostgresEngine.open`); in a file, which holds one rota, it must be that
  /// rota's name.
  public static func open(
    _ location: StoreLocation, pcn: String? = nil, readOnly: Bool = false,
    busyMilliseconds: Int = defaultBusyMilliseconds()
  ) throws(StoreError) -> RotaStore {
    switch location {
    case .file(let path):
      let store = try open(path: path, readOnly: readOnly, busyMilliseconds: busyMilliseconds)
      if let pcn {
        let name = try store.reading { db in try db.value("SELECT pcn FROM rota", as: String.self) ?? "" }
        guard name == pcn else {
          store.close()
          throw .unknownPCN(
            "\(path) holds the rota of \(PrintableText.quoted(name)), not of \(PrintableText.quoted(pcn)) (--pcn or ROTA_PCN)"
          )
        }
      }
      return store
    case .server(let address):
      return try checked(
        PostgresEngine.open(address: address, pcn: pcn, readOnly: readOnly, busyMilliseconds: busyMilliseconds))
    }
  }

  /// Creates a rota holding `rota`: a new SQLite file (see `create(path:)`), or
  /// a new PCN on a PostgreSQL server, named as the rota is, with the schema and
  /// roles made first if the database has none (`rota init`). Without `force`,
  /// an existing file or PCN is never replaced.
  @discardableResult
  public static func create(
    _ location: StoreLocation, rota: Rota, force: Bool = false, source: String, who: String, at now: LocalDateTime,
    busyMilliseconds: Int = defaultBusyMilliseconds()
  ) throws(StoreError) -> RotaStore {
    try make(location, pcn: rota.pcn, force: force, busyMilliseconds: busyMilliseconds) { db in
      try fill(db, with: rota, source: source, who: who, at: now)
    }
  }

  /// Makes a new rota at `location` (a file, or a PCN named `pcn` on a server)
  /// filled by `fill` in one transaction, and opens it.
  static func make(
    _ location: StoreLocation, pcn: String, force: Bool, busyMilliseconds: Int,
    fill: (any SQLSession) throws -> Void
  ) throws(StoreError) -> RotaStore {
    switch location {
    case .file(let path):
      try SQLiteEngine.create(path: path, force: force, busyMilliseconds: busyMilliseconds, fill: fill)
      return try open(path: path, busyMilliseconds: busyMilliseconds)
    case .server(let address):
      try PostgresEngine.create(
        address: address, pcn: pcn, force: force, busyMilliseconds: busyMilliseconds, fill: fill)
      return try open(location, pcn: pcn, busyMilliseconds: busyMilliseconds)
    }
  }

  /// Copies this rota, with its whole change log (so undo and redo, and who
  /// changed what, carry on), into a new rota at `target`: another file, or a
  /// new PCN on a PostgreSQL server, named `pcn` (else as the rota is). The
  /// changes are numbered afresh there (a server numbers the changes of all
  /// its PCNs in one sequence), in the same order. Returns the copy, and how
  /// many changes it holds.
  public func copy(to target: StoreLocation, pcn: String? = nil, force: Bool = false) throws(StoreError) -> (
    RotaStore, Int
  ) {
    let changeColumns = [
      "at", "who", "kind", "summary", "first_date", "last_date", "open_ended", "plan", "undoes", "leave_of",
    ]
    let (rota, changes, changeWorkers, changeSites, seen) = try reading { db in
      (
        try Rows.checked(Rows.load(db, window: nil)),
        try db.rows("SELECT id, undone_by, \(changeColumns.joined(separator: ", ")) FROM change ORDER BY id"),
        try db.rows("SELECT worker, change FROM change_worker ORDER BY change, worker"),
        try db.rows("SELECT site, change FROM change_site ORDER BY change, site"),
        try db.rows("SELECT worker, last_opened FROM worker_seen ORDER BY worker")
      )
    }
    var copy = rota
    if let pcn { copy.pcn = pcn }
    let store = try Self.make(target, pcn: copy.pcn, force: force, busyMilliseconds: Self.defaultBusyMilliseconds()) {
      db in
      try Rows.save(copy, into: db)
      var number: [Int64: Int64] = [:]
      let placeholders = Array(repeating: "?", count: changeColumns.count).joined(separator: ", ")
      for change in changes {
        var values = Array(change.values.dropFirst(2))
        // undoes names an earlier change, already copied.
        if let undoes: Int64 = try change.stored("undoes") { values[8] = number[undoes].map(SQLValue.integer) ?? .null }
        guard
          let id = try db.value(
            "INSERT INTO change (\(changeColumns.joined(separator: ", "))) VALUES (\(placeholders)) RETURNING id",
            values.map { $0 as any SQLArgument }, as: Int64.self)
        else { throw Rows.Corrupt(description: "the copied change was given no number") }
        number[try change.stored("id")] = id
      }
      for change in changes {
        guard let undoneBy: Int64 = try change.stored("undone_by"), let by = number[undoneBy],
          let id = number[try change.stored("id")]
        else { continue }
        try db.execute("UPDATE change SET undone_by = ? WHERE id = ?", [by, id])
      }
      try db.insert(
        into: "change_worker", columns: ["worker", "change"],
        rows: try changeWorkers.compactMap { row in
          try number[row.stored("change")].map { [try row.stored("worker", as: String.self), $0] }
        })
      try db.insert(
        into: "change_site", columns: ["site", "change"],
        rows: try changeSites.compactMap { row in
          try number[row.stored("change")].map { [try row.stored("site", as: String.self), $0] }
        })
      try db.insert(
        into: "worker_seen", columns: ["worker", "last_opened"],
        rows: try seen.map {
          [try $0.stored("worker", as: String.self), try $0.stored("last_opened", as: String.self)]
        })
    }
    return (store, changes.count)
  }

  /// The store over an engine just opened, once the rota's name, policy, sites
  /// and workers are known to keep the rota file's limits: a database edited by
  /// other means is refused as damaged when it is opened, whatever the command.
  /// (Dated entries are checked as they are loaded.)
  static func checked(_ engine: any StoreEngine) throws(StoreError) -> RotaStore {
    let store = RotaStore(engine: engine)
    do throws(StoreError) {
      try store.reading { db in _ = try Rows.checked(Rows.frame(db)) }
    } catch {
      engine.close()
      throw error
    }
    return store
  }

  // MARK: Creating

  /// Creates a rota database file at `path` holding `rota`, owner-only (0600, in
  /// a folder created 0700). It is built beside the target and moved into place
  /// in one step, so no one ever sees half a database. Without `force`, an
  /// existing file is never replaced, even by a process racing this one.
  @discardableResult
  public static func create(
    path: String, rota: Rota, force: Bool = false, source: String, who: String, at now: LocalDateTime,
    busyMilliseconds: Int = defaultBusyMilliseconds()
  ) throws(StoreError) -> RotaStore {
    try make(.file(path), pcn: rota.pcn, force: force, busyMilliseconds: busyMilliseconds) { db in
      try fill(db, with: rota, source: source, who: who, at: now)
    }
  }

  /// Saves a new rota and logs where it came from.
  static func fill(_ db: any SQLSession, with rota: Rota, source: String, who: String, at now: LocalDateTime) throws {
    try Rows.save(rota, into: db)
    try ChangeLog.record(
      db, kind: "import", who: who, at: now, summary: "created from \(source): \(Rows.describe(rota))",
      workers: [], first: nil, last: nil, openEnded: false, plan: nil)
  }

  // MARK: Reading

  /// The whole rota, or (with a window) every site and worker but only the dated
  /// entries that touch the window, plus every supervision event before it (the
  /// isolation summary reports the last one).
  /// What is loaded is checked against the limits a rota file is read by, so a
  /// database edited by other means is reported as damaged instead of reaching the rules.
  public func load(window: ClosedRange<LocalDate>? = nil) throws(StoreError) -> Rota {
    try reading { db in try Rows.checked(Rows.load(db, window: window)) }
  }

  /// The whole rota with its revision (the latest change's number), read in one
  /// transaction: what `rota export` writes.
  public func export() throws(StoreError) -> Rota {
    try reading { db in
      var rota = try Rows.checked(Rows.load(db, window: nil))
      rota.revision = try Rows.revision(db)
      return rota
    }
  }

  /// The number of the latest change in the log: the rota's revision.
  public func revision() throws(StoreError) -> Int {
    try reading { db in try Rows.revision(db) }
  }

  /// The rota for the reports of `weeks` and of `before` more weeks before them,
  /// and its analysis with those reports made. The dated entries are loaded
  /// from the first date the reports need; when a report wanted to look further
  /// back (whether a solitary streak goes on before its window can reach a year
  /// back), the rota is loaded again from there, so the reports are exactly
  /// those of the whole rota.
  public func loadAnalysed(weeks: ClosedRange<ISOWeek>, reportingWeeksBefore before: Int = 0)
    throws(StoreError) -> (Rota, RotaAnalysis)
  {
    let first = weeks.lowerBound.adding(weeks: -before)
    // Two weeks more than the windows: most streaks that go on before their
    // window are settled by the week before it.
    var from = Self.window(for: first...weeks.upperBound, policy: try policy()).lowerBound.adding(days: -14)
    while true {
      let rota = try load(window: from...weeks.upperBound.sunday)
      let analysis = RotaAnalysis(rota)
      _ = analysis.reports(from: first, to: weeks.upperBound)
      guard let needed = analysis.historyNeeded, needed < from else { return (rota, analysis) }
      from = needed.adding(days: -7 * 8)
    }
  }

  /// The dates a week's analysis needs: its own and those its streak and supervision windows reach.
  public static func window(for weeks: ClosedRange<ISOWeek>, policy: Policy) -> ClosedRange<LocalDate> {
    let back = max(policy.lookbackWeeks, policy.supervisionWeeks)
    return weeks.lowerBound.adding(weeks: -(back - 1)).monday...weeks.upperBound.sunday
  }

  /// The policy, without loading the rest.
  public func policy() throws(StoreError) -> Policy {
    try reading { db in
      let policy = try Rows.policy(db)
      if let problem = RotaLimits.problem(in: policy) { throw Rows.Corrupt(description: problem) }
      return policy
    }
  }

  /// True when the database holds no sites and no workers.
  public func isEmpty() throws(StoreError) -> Bool {
    try reading { db in try Rows.isEmpty(db) }
  }

  /// A number that changes whenever another connection commits a change: when
  /// it changes, the rota may have changed (used to refresh an open planner).
  public func dataVersion() throws(StoreError) -> Int {
    try engine.changeCounter()
  }

  // MARK: Writing a whole rota

  /// Loads a whole rota in one transaction: all of it or none of it lands.
  /// Without `replace`, a database that already holds a rota is left alone.
  ///
  /// Replacing a rota that others may have changed since the file was exported
  /// is refused (a conflict, exit status 3) unless `force`: the file must carry
  /// a `revision` no older than the database's latest change; the refusal lists
  /// the changes it would throw away.
  public func importRota(
    _ rota: Rota, replace: Bool, force: Bool = false, source: String, who: String, at now: LocalDateTime
  ) throws(StoreError) {
    if let pcn = engine.pcn, rota.pcn != pcn {
      throw .unknownPCN(
        "\(source) is the rota of \(PrintableText.quoted(rota.pcn)), but this is the rota of \(PrintableText.quoted(pcn)); a database that keeps several PCNs keeps each under its own name: import it with --pcn \(PrintableText.quoted(rota.pcn)) (rota init makes a new PCN), or change the file's pcn. Nothing was written."
      )
    }
    try writing { db in
      if !(try Rows.isEmpty(db)) {
        if !replace { throw StoreError.notEmpty(path: path) }
        if !force { try ChangeLog.checkNothingLost(db, fileRevision: rota.revision, source: source, now: now) }
      }
      // Each worker's "last looked" mark outlives the replacement (their notice
      // then says the rota was replaced), unless the worker is gone.
      let marks = try db.rows("SELECT worker, last_opened, last_change FROM worker_seen")
      try Rows.clear(db)
      try Rows.save(rota, into: db)
      for m in marks where rota.worker(try m.stored("worker")) != nil {
        try db.execute("INSERT INTO worker_seen (worker, last_opened, last_change) VALUES (?, ?, ?)", m.values)
      }
      try ChangeLog.record(
        db, kind: "import", who: who, at: now, summary: "imported \(source): \(Rows.describe(rota))", workers: [],
        first: nil, last: nil, openEnded: false, plan: nil)
    }
  }

  // MARK: Transactions

  /// Runs `body` in one read transaction, so it sees a whole rota.
  func reading<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
    try engine.reading(body)
  }

  /// Runs `body` in one write transaction: all of it lands or none of it does.
  /// Refused before touching the database in read-only mode.
  func writing<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
    try engine.writing(body)
  }

  /// Closes the connection; the store cannot be used afterwards.
  public func close() {
    engine.close()
  }
}
