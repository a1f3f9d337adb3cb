/// A database engine that holds rotas: an SQLite file (`SQLiteEngine`) or a
/// PostgreSQL server (`PostgresEngine`). `RotaStore` does everything else the
/// same way on either: its SQL is written once, in the part of SQL the engines
/// share (`SQLSession`), and it sees the engine only through this protocol.
protocol StoreEngine: AnyObject, Sendable {
  /// Where the rota is, for messages: a file's path, or a server's address
  /// without its password.
  var location: String { get }
  /// The PCN whose rota this is, where the database keeps the rotas of several
  /// PCNs under their names (PostgreSQL): a rota imported there must have that
  /// name. nil where the database holds one rota, whatever its name (SQLite).
  var pcn: String? { get }
  /// True when nothing can be written (`--read-only`).
  var readOnly: Bool { get }
  /// Runs `body` in one read transaction, so it sees a whole rota.
  func reading<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T
  /// Runs `body` in one write transaction, one writer at a time: all of it lands
  /// or none of it does. Refused before touching the database when read-only.
  func writing<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T
  /// A number that changes whenever another connection commits a change.
  func changeCounter() throws(StoreError) -> Int
  /// Closes the connection; the store cannot be used afterwards.
  func close()
}
