import Foundation
import GRDB
import RotaCore

#if canImport(Glibc)
  import Glibc
#endif

/// The live rota, in an SQLite database that several people use at once. This is
/// the only code that knows SQL: the rest of rota sees `Rota` values and `Edit`s.
///
/// Every edit runs in one IMMEDIATE transaction that first checks the cells it
/// expects, so two processes can never overwrite each other's change; readers
/// read inside a transaction, so they always see a whole rota.
///
/// Unchecked Sendable: the one mutable part, the connection a read-only store
/// replaces when someone starts or stops writing, is only touched under `lock`.
public final class RotaStore: @unchecked Sendable {
  public let path: String
  public let readOnly: Bool
  let busyMilliseconds: Int
  private let lock = NSLock()
  private var connection: Connection
  /// How many times a read-only store has connected again; part of `dataVersion`.
  private var generation = 0

  /// The SQLite connection, and for one opened immutable, the file as it was then.
  struct Connection {
    let queue: DatabaseQueue
    let immutableAs: FileSignature?
  }

  var queue: DatabaseQueue { lock.withLock { connection.queue } }

  /// How long to wait for another program's write to finish: `ROTA_BUSY_TIMEOUT_MS`, default 5 s.
  public static func defaultBusyMilliseconds(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> Int
  {
    environment["ROTA_BUSY_TIMEOUT_MS"].flatMap(Int.init).map { max(0, $0) } ?? 5000
  }

  init(path: String, connection: Connection, readOnly: Bool, busyMilliseconds: Int) {
    self.path = path
    self.connection = connection
    self.readOnly = readOnly
    self.busyMilliseconds = busyMilliseconds
  }

  static func configuration(readOnly: Bool, busyMilliseconds: Int) -> Configuration {
    var c = Configuration()
    c.readonly = readOnly
    c.foreignKeysEnabled = true
    c.busyMode = .timeout(TimeInterval(busyMilliseconds) / 1000)
    c.label = "rota"
    // Every commit reaches the disk before the edit is reported saved: a power
    // cut loses nothing that rota said was saved. (SQLite's default varies by build.)
    c.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    return c
  }

  // MARK: Opening

  /// Opens an existing rota database. It must exist, be SQLite, and hold a rota
  /// of a schema this version knows; an older schema is upgraded (not in
  /// read-only mode). Nothing is written to a file that turns out not to be a rota.
  public static func open(path: String, readOnly: Bool = false, busyMilliseconds: Int = defaultBusyMilliseconds())
    throws(StoreError) -> RotaStore
  {
    guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path: path) }
    try checkHeader(path)
    if !readOnly { TemporaryFiles.removeAbandoned(beside: path) }
    do throws(StoreError) {
      let connection = try connect(path: path, readOnly: readOnly, busyMilliseconds: busyMilliseconds)
      let store = RotaStore(
        path: path, connection: connection, readOnly: readOnly, busyMilliseconds: busyMilliseconds)
      try store.checkSchema()
      try store.checkFrame()
      return store
    } catch {
      // SQLite keeps its write-ahead log and shared memory beside the file, so a
      // folder that cannot be written to stops writers, and stops readers too when
      // no one has the database open.
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
      switch error {
      case .cannotOpen, .readOnlyFile:
        if access(folder, W_OK) != 0 {
          throw readOnly ? .folderNotWritableForReading(path: path) : .readOnlyFile(path: path)
        }
      default: break
      }
      throw error
    }
  }

  /// Opens the SQLite connection. A read-only store whose database no one is
  /// writing (no `-wal` file beside it) opens it immutable: SQLite then creates
  /// no `-wal` or `-shm` file, so `--read-only` leaves the folder as it found it,
  /// and a folder that cannot be written is no obstacle. Every read checks that
  /// the file is still as it was (`reading`), and connects again if not.
  static func connect(path: String, readOnly: Bool, busyMilliseconds: Int) throws(StoreError) -> Connection {
    let config = configuration(readOnly: readOnly, busyMilliseconds: busyMilliseconds)
    if readOnly, !FileManager.default.fileExists(atPath: path + "-wal"), let signature = FileSignature(path) {
      // An SQLite URI; without URI support SQLite would look for a file of that
      // name, not find it (read-only never creates) and fail, and rota connects
      // as before instead.
      let absolute = URL(fileURLWithPath: path).path
      var escaped = ""
      for c in absolute {
        switch c {
        case "%": escaped += "%25"
        case "?": escaped += "%3F"
        case "#": escaped += "%23"
        default: escaped.append(c)
        }
      }
      if let queue = try? DatabaseQueue(path: "file:\(escaped)?immutable=1", configuration: config),
        (try? queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }) != nil
      {
        return Connection(queue: queue, immutableAs: signature)
      }
    }
    do {
      return Connection(queue: try DatabaseQueue(path: path, configuration: config), immutableAs: nil)
    } catch {
      throw StoreError.from(error, path: path, busyMilliseconds: busyMilliseconds)
    }
  }

  /// Connects again (see `connect`), after someone started or stopped writing.
  func reconnect() throws(StoreError) {
    let fresh = try Self.connect(path: path, readOnly: readOnly, busyMilliseconds: busyMilliseconds)
    let old = lock.withLock {
      defer {
        connection = fresh
        generation += 1
      }
      return connection
    }
    try? old.queue.close()
  }

  /// True while an immutable connection still sees the file as it was opened.
  func stillImmutable(_ c: Connection) -> Bool {
    guard let signature = c.immutableAs else { return false }
    return !FileManager.default.fileExists(atPath: path + "-wal") && FileSignature(path) == signature
  }

  /// A rota database is a regular file starting with "SQLite format 3\0";
  /// anything else is refused before SQLite touches it. A folder, a named pipe
  /// (which would block for ever, waiting for a writer) or a device is refused by
  /// its kind; an empty file is a valid, empty SQLite database, and so "not a rota".
  static func checkHeader(_ path: String) throws(StoreError) {
    // O_NONBLOCK: opening a named pipe must not wait for a writer.
    let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else {
      throw errno == EISDIR
        ? .notAFile(path: path, kind: "a folder") : .cannotOpen(path: path, detail: String(cString: strerror(errno)))
    }
    defer { Glibc.close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .cannotOpen(path: path, detail: String(cString: strerror(errno))) }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw .notAFile(path: path, kind: "a folder")
    case S_IFIFO: throw .notAFile(path: path, kind: "a named pipe")
    case S_IFSOCK: throw .notAFile(path: path, kind: "a socket")
    default: throw .notAFile(path: path, kind: "a device")
    }
    var head = [UInt8](repeating: 0, count: 16)
    let n = read(fd, &head, 16)
    if n <= 0 { throw .notRota(path: path) }
    if !head.prefix(n).elementsEqual("SQLite format 3\0".utf8) { throw .notSQLite(path: path) }
  }

  func checkSchema() throws(StoreError) {
    let migrator = Schema.migrator
    let state: (tables: Set<String>, applied: Set<String>) = try reading { db in
      let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
      let applied = tables.contains("grdb_migrations") ? try migrator.appliedIdentifiers(db) : []
      return (tables, applied)
    }
    guard Schema.coreTables.isSubset(of: state.tables), !state.applied.isEmpty else { throw .notRota(path: path) }
    let unknown = state.applied.subtracting(Schema.known)
    guard unknown.isEmpty else { throw .newerSchema(path: path, migrations: unknown.sorted()) }
    if state.applied != Set(Schema.known) {
      if readOnly { throw .olderSchemaReadOnly(path: path) }
      do {
        try migrator.migrate(queue)
      } catch {
        throw storeError(error)
      }
    }
    if !readOnly {
      do {
        try queue.writeWithoutTransaction { db in
          if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
          }
        }
      } catch {
        throw storeError(error)
      }
    }
  }

  /// The rota's name, policy, sites and workers must keep the rota file's limits:
  /// a database edited by other means is refused as damaged when it is opened,
  /// whatever the command. (Dated entries are checked as they are loaded.)
  func checkFrame() throws(StoreError) {
    try reading { db in _ = try Rows.checked(Rows.frame(db)) }
  }

  // MARK: Creating

  /// Creates a rota database at `path` holding `rota`, owner-only (0600, in a
  /// folder created 0700). It is built beside the target and moved into place
  /// in one step, so no one ever sees half a database. Without `force`, an
  /// existing file is never replaced, even by a process racing this one.
  @discardableResult
  public static func create(
    path: String, rota: Rota, force: Bool = false, source: String, who: String, at now: LocalDateTime,
    busyMilliseconds: Int = defaultBusyMilliseconds()
  ) throws(StoreError) -> RotaStore {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    if !FileManager.default.fileExists(atPath: folder.path) {
      do {
        try FileManager.default.createDirectory(
          at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        throw .cannotOpen(path: path, detail: "cannot create the folder \(folder.path)")
      }
    }
    if !force && FileManager.default.fileExists(atPath: path) { throw .exists(path: path) }

    // A create that was killed part-way left its temporary database (and its
    // -wal and -shm) behind: remove those before making another.
    TemporaryFiles.removeAbandoned(beside: path)
    let temporary = TemporaryFiles.name(beside: path)
    let fd = Glibc.open(temporary, O_CREAT | O_EXCL | O_WRONLY, 0o600)
    guard fd >= 0 else {
      throw errno == EACCES || errno == EROFS
        ? .readOnlyFile(path: folder.path) : .cannotOpen(path: path, detail: String(cString: strerror(errno)))
    }
    Glibc.close(fd)
    do {
      var config = configuration(readOnly: false, busyMilliseconds: busyMilliseconds)
      config.journalMode = .wal
      let queue = try DatabaseQueue(path: temporary, configuration: config)
      try Schema.migrator.migrate(queue)
      try queue.write { db in
        try Rows.save(rota, into: db)
        try ChangeLog.record(
          db, kind: "import", who: who, at: now, summary: "created from \(source): \(Rows.describe(rota))",
          workers: [], first: nil, last: nil, openEnded: false, plan: nil)
      }
      // Fold the write-ahead log into the file, so that moving the file moves everything.
      try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
      try queue.close()
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
      throw StoreError.from(error, path: path, busyMilliseconds: busyMilliseconds)
    }
    for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
    if force {
      // The old file's write-ahead log must not be applied to the new file.
      for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
      guard rename(temporary, path) == 0 else {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(atPath: temporary)
        throw .cannotOpen(path: path, detail: reason)
      }
    } else {
      // link() fails if the name exists: a racing creator keeps its database.
      let linked = link(temporary, path) == 0
      let reason = errno
      try? FileManager.default.removeItem(atPath: temporary)
      guard linked else {
        throw reason == EEXIST
          ? .exists(path: path) : .cannotOpen(path: path, detail: String(cString: strerror(reason)))
      }
    }
    return try open(path: path, busyMilliseconds: busyMilliseconds)
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

  /// SQLite's count of commits by other connections: when it changes, the rota
  /// may have changed (used to refresh an open planner).
  public func dataVersion() throws(StoreError) -> Int {
    let c = lock.withLock { connection }
    if c.immutableAs != nil && !stillImmutable(c) { try reconnect() }
    let version = try reading { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    return lock.withLock { generation } << 32 + version
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
    try writing { db in
      if !(try Rows.isEmpty(db)) {
        if !replace { throw StoreError.notEmpty(path: path) }
        if !force { try ChangeLog.checkNothingLost(db, fileRevision: rota.revision, source: source, now: now) }
      }
      // Each worker's "last looked" mark outlives the replacement (their notice
      // then says the rota was replaced), unless the worker is gone.
      let marks = try Row.fetchAll(db, sql: "SELECT worker, last_opened, last_change FROM worker_seen")
      try Rows.clear(db)
      try Rows.save(rota, into: db)
      for m in marks where rota.worker(try m.stored("worker")) != nil {
        try db.execute(
          sql: "INSERT INTO worker_seen (worker, last_opened, last_change) VALUES (?, ?, ?)",
          arguments: [m["worker"], m["last_opened"], m["last_change"]])
      }
      try ChangeLog.record(
        db, kind: "import", who: who, at: now, summary: "imported \(source): \(Rows.describe(rota))", workers: [],
        first: nil, last: nil, openEnded: false, plan: nil)
    }
  }

  // MARK: Transactions

  /// An error from GRDB or SQLite on this database, said in rota's words.
  func storeError(_ error: Error) -> StoreError {
    StoreError.from(error, path: path, busyMilliseconds: busyMilliseconds)
  }

  /// Runs `body` in one read transaction, so it sees a whole rota. On an
  /// immutable connection the read counts only if the file did not change while
  /// it ran (a writer's checkpoint could have moved pages under it); else it is
  /// read again on a fresh connection.
  func reading<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    for _ in 0..<3 {
      let c = lock.withLock { connection }
      do {
        let result = try c.queue.read(body)
        if c.immutableAs == nil || stillImmutable(c) { return result }
      } catch {
        if c.immutableAs == nil || stillImmutable(c) { throw storeError(error) }
      }
      try reconnect()
    }
    do {
      return try queue.read(body)
    } catch {
      throw storeError(error)
    }
  }

  /// Runs `body` in one write transaction: all of it lands or none of it does.
  /// Refused before touching the database in read-only mode.
  func writing<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    guard !readOnly else { throw .readOnlyMode }
    do {
      return try queue.write(body)
    } catch {
      throw storeError(error)
    }
  }

  /// Closes the connection; the store cannot be used afterwards.
  public func close() {
    try? queue.close()
  }
}

/// What a file is, as far as telling whether it changed: its identity, size and
/// times of change.
struct FileSignature: Equatable {
  let device: UInt64
  let inode: UInt64
  let size: Int64
  let modified: [Int]

  init?(_ path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    modified = [
      Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec),
    ]
  }
}
