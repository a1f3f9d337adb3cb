import Foundation
import GRDB
import RotaCore

#if canImport(Glibc)
  import Glibc
#endif

/// A rota in an SQLite database file, through GRDB: the embedded engine, which
/// needs nothing installed.
///
/// Every edit runs in one transaction that holds SQLite's write lock, so two
/// processes can never overwrite each other's change; readers read inside a
/// transaction, so they always see a whole rota.
///
/// Unchecked Sendable: the one mutable part, the connection a read-only store
/// replaces when someone starts or stops writing, is only touched under `lock`.
final class SQLiteEngine: StoreEngine, @unchecked Sendable {
  let path: String
  let readOnly: Bool
  let busyMilliseconds: Int
  private let lock = NSLock()
  private var connection: Connection
  /// How many times a read-only store has connected again; part of `changeCounter`.
  private var generation = 0

  var location: String { path }
  var pcn: String? { nil }

  /// The SQLite connection, and for one opened immutable, the file as it was then.
  struct Connection {
    let queue: DatabaseQueue
    let immutableAs: FileSignature?
  }

  var queue: DatabaseQueue { lock.withLock { connection.queue } }

  private init(path: String, connection: Connection, readOnly: Bool, busyMilliseconds: Int) {
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
  static func open(path: String, readOnly: Bool, busyMilliseconds: Int) throws(StoreError) -> SQLiteEngine {
    guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path: path) }
    try checkHeader(path)
    if !readOnly { TemporaryFiles.removeAbandoned(beside: path) }
    do throws(StoreError) {
      let connection = try connect(path: path, readOnly: readOnly, busyMilliseconds: busyMilliseconds)
      let engine = SQLiteEngine(
        path: path, connection: connection, readOnly: readOnly, busyMilliseconds: busyMilliseconds)
      try engine.checkSchema()
      return engine
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
    let state: (tables: Set<String>, applied: Set<String>) = try grdbReading { db in
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

  // MARK: Creating

  /// Creates a rota database at `path`, owner-only (0600, in a folder created
  /// 0700), and fills it with `fill` in one transaction. It is built beside the
  /// target and moved into place in one step, so no one ever sees half a
  /// database. Without `force`, an existing file is never replaced, even by a
  /// process racing this one.
  static func create(
    path: String, force: Bool, busyMilliseconds: Int, fill: (any SQLSession) throws -> Void
  ) throws(StoreError) {
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
      try queue.write { db in try fill(GRDBSession(db: db)) }
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
  }

  // MARK: Transactions

  /// An error from GRDB or SQLite on this database, said in rota's words.
  func storeError(_ error: any Error) -> StoreError {
    StoreError.from(error, path: path, busyMilliseconds: busyMilliseconds)
  }

  func reading<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
    try grdbReading { db in try body(GRDBSession(db: db)) }
  }

  /// Runs `body` in one read transaction. On an immutable connection the read
  /// counts only if the file did not change while it ran (a writer's checkpoint
  /// could have moved pages under it); else it is read again on a fresh connection.
  func grdbReading<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
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

  func writing<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
    guard !readOnly else { throw .readOnlyMode }
    do {
      return try queue.write { db in try body(GRDBSession(db: db)) }
    } catch {
      throw storeError(error)
    }
  }

  /// SQLite's count of commits by other connections, and how many times this
  /// store connected again.
  func changeCounter() throws(StoreError) -> Int {
    let c = lock.withLock { connection }
    if c.immutableAs != nil && !stillImmutable(c) { try reconnect() }
    let version = try grdbReading { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    return lock.withLock { generation } << 32 + version
  }

  func close() {
    try? queue.close()
  }
}

/// One SQLite transaction, through GRDB. Statements are prepared once per
/// connection and kept.
struct GRDBSession: SQLSession {
  let db: Database

  var joinText: String { "group_concat" }

  func execute(_ sql: String, _ arguments: [SQLValue]) throws {
    try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments.map(\.databaseValue)))
  }

  func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
    let statement = try db.cachedStatement(sql: sql)
    let columns = SQLColumns(statement.columnNames)
    let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(arguments.map(\.databaseValue)))
    var out: [SQLRow] = []
    while let row = try cursor.next() {
      out.append(SQLRow(columns: columns, values: (0..<row.count).map { SQLValue(row[$0] as DatabaseValue) }))
    }
    return out
  }
}

extension SQLValue {
  init(_ value: DatabaseValue) {
    switch value.storage {
    case .null: self = .null
    case .int64(let n): self = .integer(n)
    case .double(let d): self = .real(d)
    case .string(let s): self = .text(s)
    case .blob(let b): self = .blob([UInt8](b))
    }
  }

  var databaseValue: DatabaseValue {
    switch self {
    case .null: return .null
    case .integer(let n): return n.databaseValue
    case .real(let d): return d.databaseValue
    case .text(let s): return s.databaseValue
    case .blob(let b): return Data(b).databaseValue
    }
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

extension RotaStore {
  /// The SQLite connection under a store of an SQLite file (for the tests that look beneath the store).
  var queue: DatabaseQueue { (engine as! SQLiteEngine).queue }
}
