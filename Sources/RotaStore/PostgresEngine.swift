import Foundation
import Logging
import PostgresNIO
import RotaCore

/// Rotas on a PostgreSQL server, through postgres-nio: one database shared by
/// the people of a PCN, or of many PCNs, on many machines, with the server's
/// roles deciding who may read and write what (`PostgresSchema`).
///
/// rota is a synchronous program: every statement is sent on the process's one
/// event loop (`PostgresRuntime`) and waited for.
///
/// Each store works on one PCN, set on its connection (`rota.pcn`); the views
/// it reads and writes through show and take that PCN's rows only. Writers
/// take a lock of that PCN first (a transaction-level advisory lock), so edits
/// of one PCN are made one at a time, as in SQLite, and an edit's checks see
/// every change committed before it.
///
/// Unchecked Sendable: the connection is replaced (after the server closed it)
/// only under `lock`, and `notifications` is only touched under it.
final class PostgresEngine: StoreEngine, @unchecked Sendable {
  let address: PostgresAddress
  let name: String
  let readOnly: Bool
  let busyMilliseconds: Int
  private let lock = NSLock()
  private var connection: PostgresConnection
  /// The server process of this store's connection: its own commits are not news.
  private var ownProcess: Int32
  /// Notifications of commits by other connections to this PCN; with `reconnections`, the change counter.
  private var notifications = 0
  private var reconnections = 0

  var location: String { "\(address.redacted) (PCN \(PrintableText.quoted(name)))" }
  var pcn: String? { name }

  /// The advisory lock's first key, the letters "rota": one lock per PCN under it.
  static let lockSpace: Int32 = 0x726F_7461

  private init(
    address: PostgresAddress, pcn: String, readOnly: Bool, busyMilliseconds: Int, connection: PostgresConnection,
    ownProcess: Int32
  ) {
    self.address = address
    self.name = pcn
    self.readOnly = readOnly
    self.busyMilliseconds = busyMilliseconds
    self.connection = connection
    self.ownProcess = ownProcess
  }

  // MARK: Connecting

  /// Connects to the server and opens the rota of one PCN: `pcn`, else the
  /// connection's own default (`rota.pcn`, which an administrator can set for
  /// a login with `ALTER ROLE … SET rota.pcn = …`), else the one PCN the login
  /// belongs to, else the one PCN in the database.
  static func open(address: PostgresAddress, pcn: String?, readOnly: Bool, busyMilliseconds: Int)
    throws(StoreError) -> PostgresEngine
  {
    let connection = try connect(address, readOnly: readOnly)
    do throws(StoreError) {
      let session = PostgresSession(connection: connection, location: address.redacted)
      try PostgresSchema.check(session, address: address, upgrade: !readOnly)
      let chosen = try choosePCN(pcn, session, address: address)
      let engine = PostgresEngine(
        address: address, pcn: chosen, readOnly: readOnly, busyMilliseconds: busyMilliseconds,
        connection: connection, ownProcess: 0)
      try engine.prepare(connection)
      return engine
    } catch {
      _ = try? connection.close().wait()
      throw error
    }
  }

  /// Creates the schema if the database has none (or upgrades it), and a PCN in
  /// it holding what `fill` saves, in one transaction. Without `force`, a PCN of
  /// that name is never replaced.
  static func create(
    address: PostgresAddress, pcn: String, force: Bool, busyMilliseconds: Int,
    fill: (any SQLSession) throws -> Void
  ) throws(StoreError) {
    let connection = try connect(address, readOnly: false)
    defer { _ = try? connection.close().wait() }
    let session = PostgresSession(connection: connection, location: address.redacted)
    try PostgresSchema.install(session, address: address)
    let engine = PostgresEngine(
      address: address, pcn: pcn, readOnly: false, busyMilliseconds: busyMilliseconds, connection: connection,
      ownProcess: 0)
    try engine.prepare(connection, listening: false)
    try engine.writing { db in
      if try db.value("SELECT count(*) FROM rota", as: Int.self) != 0 {
        guard force else { throw StoreError.pcnExists(location: address.redacted, pcn: pcn) }
        try Rows.clear(db)
        for table in ["change_site", "change_worker", "change", "worker_seen"] {
          try db.execute("DELETE FROM \(table)")
        }
      }
      try fill(db)
    }
  }

  static var quiet: Logger { Logger(label: "rota.postgres", factory: { _ in SwiftLogNoOpLogHandler() }) }

  static func connect(_ address: PostgresAddress, readOnly: Bool) throws(StoreError) -> PostgresConnection {
    var configuration: PostgresConnection.Configuration
    do {
      if let host = address.host {
        configuration = .init(
          host: host, port: address.port, username: address.user, password: address.password,
          database: address.database, tls: try tls(address.tls))
      } else {
        configuration = .init(
          unixSocketPath: address.socketPath, username: address.user, password: address.password,
          database: address.database)
      }
    } catch {
      throw .unreachable(location: address.redacted, detail: "cannot set up TLS: \(error)")
    }
    configuration.options.connectTimeout = .seconds(10)
    // Set as the connection starts, with no round trip: rota's SQL names the
    // views in the schema rota, and --read-only is enforced by the server itself.
    configuration.options.additionalStartupParameters = [
      ("application_name", "rota"), ("search_path", "rota"),
      ("default_transaction_read_only", readOnly ? "on" : "off"),
    ]
    do {
      return try PostgresConnection.connect(
        on: PostgresRuntime.eventLoop(), configuration: configuration, id: 1, logger: quiet
      ).wait()
    } catch {
      throw PostgresSession.storeError(error, location: address.redacted)
    }
  }

  static func tls(_ mode: PostgresAddress.TLS) throws -> PostgresConnection.Configuration.TLS {
    var settings = TLSConfiguration.makeClientConfiguration()
    switch mode {
    case .disable: return .disable
    case .prefer, .require:
      // As libpq's prefer and require: encrypted, the certificate not checked.
      settings.certificateVerification = .none
      let context = try NIOSSLContext(configuration: settings)
      return mode == .prefer ? .prefer(context) : .require(context)
    case .verifyFull:
      return .require(try NIOSSLContext(configuration: settings))
    }
  }

  /// Sets the connection to this store's PCN and, unless it is only for a
  /// moment, listens for the commits of others to it.
  private func prepare(_ connection: PostgresConnection, listening: Bool = true) throws(StoreError) {
    let session = PostgresSession(connection: connection, location: location)
    let process: Int32
    do {
      try session.execute("SELECT set_config('rota.pcn', ?, false)", [name])
      process = Int32(try session.value("SELECT pg_backend_pid()", as: Int.self) ?? 0)
      guard listening else { return }
      // The channel is named after a digest of the PCN's name, so that a
      // notification says nothing about the PCN to anyone listening to another.
      let channel = try session.value("SELECT 'rota_' || md5(?)", [name], as: String.self) ?? "rota"
      connection.addListener(channel: channel) { [weak self] _, notification in
        guard let self else { return }
        self.lock.withLock {
          if notification.backendPID != self.ownProcess { self.notifications += 1 }
        }
      }
      // A query after LISTEN: once it is answered, the server is listening.
      _ = try session.rows("SELECT 1", [])
    } catch {
      throw PostgresSession.storeError(error, location: location)
    }
    lock.withLock { ownProcess = process }
  }

  /// The PCN a store works on, when the command did not name one.
  static func choosePCN(_ given: String?, _ session: PostgresSession, address: PostgresAddress) throws(StoreError)
    -> String
  {
    do {
      let visible = try session.values("SELECT name FROM rota.pcns ORDER BY name", [], as: String.self)
      if let given {
        guard visible.contains(given) else {
          throw StoreError.unknownPCN(
            "\(address.redacted) holds no PCN named \(PrintableText.quoted(given)) that \(address.user) may use"
              + (visible.isEmpty ? "" : "; \(address.user) may use \(Self.list(visible))"))
        }
        return given
      }
      if let preset = try session.value("SELECT nullif(current_setting('rota.pcn', true), '')", as: String?.self)
        ?? nil
      {
        return try choosePCN(preset, session, address: address)
      }
      if visible.count == 1 { return visible[0] }
      if visible.isEmpty {
        throw StoreError.unknownPCN(
          "\(address.user) may use no PCN's rota at \(address.redacted); ask its administrator to make \(address.user) a member of your PCN (a row of rota.member, docs/shared-rota.md)"
        )
      }
      throw StoreError.unknownPCN(
        "\(address.redacted) holds the rotas of several PCNs; choose one with --pcn NAME (or ROTA_PCN): \(Self.list(visible))"
      )
    } catch let error as StoreError {
      throw error
    } catch {
      throw PostgresSession.storeError(error, location: address.redacted)
    }
  }

  static func list(_ names: [String]) -> String {
    let quoted = names.map(PrintableText.quoted)
    return quoted.count <= 12
      ? quoted.joined(separator: ", ") : quoted.prefix(12).joined(separator: ", ") + ", … (\(quoted.count) in all)"
  }

  /// The connection, connected again (and listening again) if the server closed it.
  private func current() throws(StoreError) -> PostgresConnection {
    let c = lock.withLock { connection }
    guard c.isClosed else { return c }
    let fresh = try Self.connect(address, readOnly: readOnly)
    try prepare(fresh)
    lock.withLock {
      connection = fresh
      reconnections += 1
    }
    return fresh
  }

  // MARK: Transactions

  func reading<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
    try transaction(begin: ["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"], body)
  }

  func writing<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
    guard !readOnly else { throw .readOnlyMode }
    return try transaction(
      begin: [
        // lock_timeout 0 would wait for ever.
        "BEGIN", "SELECT set_config('lock_timeout', '\(max(1, busyMilliseconds))ms', true)",
        "SELECT pg_advisory_xact_lock(\(Self.lockSpace), hashtext(rota.current_pcn()))",
      ], body)
  }

  private func transaction<T>(begin: [String], _ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
    let session = PostgresSession(connection: try current(), location: location)
    do {
      for statement in begin { _ = try session.rows(statement, []) }
      let result = try body(session)
      _ = try session.rows("COMMIT", [])
      return result
    } catch {
      _ = try? session.rows("ROLLBACK", [])
      throw PostgresSession.storeError(error, location: location, busyMilliseconds: busyMilliseconds)
    }
  }

  func changeCounter() throws(StoreError) -> Int {
    _ = try current()
    return lock.withLock { reconnections << 32 + notifications }
  }

  func close() {
    let c = lock.withLock { connection }
    guard !c.isClosed else { return }
    if c.eventLoop.inEventLoop {
      c.close().whenComplete { _ in }
    } else {
      _ = try? c.close().wait()
    }
  }

  /// A store dropped without `close` still closes its connection: postgres-nio
  /// requires every connection closed before it is freed.
  deinit {
    close()
  }
}

/// Statements on one PostgreSQL connection. rota's SQL marks arguments with
/// `?`; they become `$1`, `$2`, … here.
struct PostgresSession: SQLSession {
  let connection: PostgresConnection
  let location: String

  var joinText: String { "string_agg" }

  func execute(_ sql: String, _ arguments: [SQLValue]) throws {
    _ = try run(sql, arguments)
  }

  func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
    let result = try run(sql, arguments)
    guard let first = result.rows.first else { return [] }
    let columns = SQLColumns(first.map(\.columnName))
    return try result.rows.map { row in SQLRow(columns: columns, values: try row.map(Self.value)) }
  }

  func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
    var binds = PostgresBindings(capacity: arguments.count)
    for a in arguments {
      switch a {
      case .null: binds.appendNull()
      case .integer(let n): binds.append(n)
      case .real(let d): binds.append(d)
      case .text(let s): binds.append(s)
      case .blob(let b): binds.append(ByteBuffer(bytes: b))
      }
    }
    let query = PostgresQuery(unsafeSQL: Self.numbered(sql), binds: binds)
    return try connection.query(query, logger: PostgresEngine.quiet).wait()
  }

  /// `?` to `$1`, `$2`, …, outside quoted text.
  static func numbered(_ sql: String) -> String {
    var out = ""
    var n = 0
    var quote: Character? = nil
    for c in sql {
      if let q = quote {
        if c == q { quote = nil }
        out.append(c)
      } else if c == "'" || c == "\"" {
        quote = c
        out.append(c)
      } else if c == "?" {
        n += 1
        out += "$\(n)"
      } else {
        out.append(c)
      }
    }
    return out
  }

  static func value(_ cell: PostgresCell) throws -> SQLValue {
    guard cell.bytes != nil else { return .null }
    switch cell.dataType {
    case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
    case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
    case .float4, .float8: return .real(try cell.decode(Double.self))
    case .bytea: return .blob(Array(buffer: try cell.decode(ByteBuffer.self)))
    default: return .text(try cell.decode(String.self))
    }
  }

  /// An error from the server or the connection, in rota's words.
  static func storeError(_ error: any Error, location: String, busyMilliseconds: Int = 0) -> StoreError {
    if let e = error as? StoreError { return e }
    if let corrupt = error as? Rows.Corrupt { return .damaged(path: location, detail: corrupt.description) }
    guard let psql = error as? PSQLError else {
      if error is PostgresDecodingError {
        return .damaged(path: location, detail: "a value is not of the type rota stores there")
      }
      return .unreachable(location: location, detail: "\(error)")
    }
    let message = psql.serverInfo?[.message] ?? ""
    switch psql.code {
    case .server:
      let state = psql.serverInfo?[.sqlState] ?? ""
      switch state {
      case "42501":
        return .notAllowed(
          "the database refused: \(message); your role in this PCN does not allow it. Nothing was written.")
      case "55P03", "57014", "40P01":
        return .locked(path: location, waitedMilliseconds: busyMilliseconds)
      case "25006": return .readOnlyMode
      case "28P01", "28000":
        return .unreachable(location: location, detail: "the server did not let you in: \(message)")
      case "3D000":
        return .unreachable(location: location, detail: message)
      case "53100": return .diskFull(path: location)
      case "42P01", "3F000": return .notSetUp(location: location)
      default:
        return .other(path: location, detail: message.isEmpty ? "error \(state)" : "\(message) (\(state))")
      }
    case .connectionError:
      let reason = psql.underlying.map { "\($0)" } ?? "no answer"
      return .unreachable(location: location, detail: "no PostgreSQL server answered there: \(reason)")
    case .serverClosedConnection, .clientClosedConnection:
      return .unreachable(location: location, detail: "the server closed the connection")
    case .sslUnsupported:
      return .unreachable(location: location, detail: "the server does not offer TLS, which sslmode asks for")
    case .authMechanismRequiresPassword:
      return .unreachable(
        location: location,
        detail: "the server asks for a password: put it in the address, or in PGPASSWORD")
    default:
      return .unreachable(location: location, detail: "\(psql.code)")
    }
  }
}

/// The event loop that every PostgreSQL connection of this process runs on:
/// one thread, made on first use and shut down once, before the process exits.
public enum PostgresRuntime {
  private final class Holder: @unchecked Sendable {
    let lock = NSLock()
    var group: MultiThreadedEventLoopGroup?
  }

  private static let holder = Holder()

  static func eventLoop() -> any EventLoop {
    holder.lock.withLock {
      if let group = holder.group { return group.next() }
      let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
      holder.group = group
      return group.next()
    }
  }

  /// Stops the event loop, if there is one; every connection must be closed first.
  /// Safe to call more than once, and when no connection was ever made.
  public static func shutdown() {
    let group = holder.lock.withLock {
      defer { holder.group = nil }
      return holder.group
    }
    try? group?.syncShutdownGracefully()
  }
}
