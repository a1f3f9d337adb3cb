import Foundation
import RotaCore

/// Where a rota is kept: an SQLite file, or a PostgreSQL server named by a
/// `postgresql://` address.
public enum StoreLocation: Sendable, Equatable {
  case file(String)
  case server(PostgresAddress)

  /// A `--db` value or `ROTA_DB`: an address that starts `postgresql://` or
  /// `postgres://` names a server; anything else is a file's path.
  public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(StoreError)
  {
    if PostgresAddress.isAddress(text) {
      self = .server(try PostgresAddress(text, environment: environment))
    } else {
      self = .file(text)
    }
  }

  /// The location in words, for messages: a server's address never shows its password.
  public var description: String {
    switch self {
    case .file(let path): return path
    case .server(let address): return address.redacted
    }
  }
}

/// A PostgreSQL server and database, as libpq's connection URIs name them:
/// `postgresql://[user[:password]@][host][:port][/database][?param=value&…]`.
/// What the address leaves out comes from the same environment variables as
/// psql's (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`), so that an
/// address that works with psql works with rota.
public struct PostgresAddress: Sendable, Equatable {
  public enum TLS: String, Sendable, Equatable {
    /// `sslmode=disable`: never encrypted.
    case disable
    /// `sslmode=prefer` (the default, as libpq's): encrypted if the server offers it, not verified.
    case prefer
    /// `sslmode=require`: encrypted, or no connection; the certificate is not verified.
    case require
    /// `sslmode=verify-full`: encrypted, and the certificate verified against the host name.
    case verifyFull = "verify-full"
  }

  /// A host name or address, or nil for the server's socket in `socketFolder`.
  public var host: String?
  /// The folder of the server's Unix socket, when `host` is nil.
  public var socketFolder: String
  public var port: Int
  public var user: String
  public var password: String?
  public var database: String
  public var tls: TLS

  static func isAddress(_ text: String) -> Bool {
    text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
  }

  public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(StoreError)
  {
    func bad(_ why: String) -> StoreError {
      .badAddress("\(Self.redact(text)): \(why); expected postgresql://USER@HOST:PORT/DATABASE")
    }
    guard let url = URLComponents(string: text), let scheme = url.scheme,
      ["postgresql", "postgres"].contains(scheme)
    else { throw bad("not an address rota can read") }
    var host = url.host.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGHOST"]
    var port = url.port ?? environment["PGPORT"].flatMap(Int.init) ?? 5432
    var user = url.user ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
    var password = url.password ?? environment["PGPASSWORD"]
    let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
    var database = path.isEmpty ? (environment["PGDATABASE"] ?? user) : path
    var tls = TLS.prefer
    for item in url.queryItems ?? [] {
      let value = item.value ?? ""
      switch item.name {
      case "sslmode":
        switch value {
        case "disable", "allow": tls = .disable
        case "prefer": tls = .prefer
        case "require": tls = .require
        case "verify-ca", "verify-full": tls = .verifyFull
        default: throw bad("sslmode=\(value) is not one of disable, prefer, require, verify-full")
        }
      case "host": host = value
      case "port":
        guard let p = Int(value) else { throw bad("port=\(value) is not a number") }
        port = p
      case "user": user = value
      case "password": password = value
      case "dbname": database = value
      case "application_name", "connect_timeout": break
      default:
        throw bad("rota does not know the setting \(item.name)")
      }
    }
    guard (1...65535).contains(port) else { throw bad("the port \(port) is not one from 1 to 65535") }
    guard !database.isEmpty, !user.isEmpty else { throw bad("it names no database or no user") }
    // A host that is a folder means the server's Unix socket there, as in libpq.
    var socketFolder = "/var/run/postgresql"
    if let h = host, h.hasPrefix("/") {
      socketFolder = h
      host = nil
    }
    self.host = host
    self.socketFolder = socketFolder
    self.port = port
    self.user = user
    self.password = password
    self.database = database
    self.tls = tls
  }

  /// The socket file of a server reached through its Unix socket.
  var socketPath: String { "\(socketFolder)/.s.PGSQL.\(port)" }

  /// The address without its password, for messages and logs.
  public var redacted: String {
    let hostPart = host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? ""
    let socket = host == nil ? "?host=\(socketFolder)" : ""
    return "postgresql://\(user)@\(hostPart):\(port)/\(database)\(socket)"
  }

  /// Any text with a `postgresql://` address in it, its password blanked out.
  static func redact(_ text: String) -> String {
    guard let at = text.firstIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at,
      let colon = text[scheme.upperBound..<at].firstIndex(of: ":")
    else { return text }
    return String(text[..<colon]) + ":…" + String(text[at...])
  }
}
