import Foundation

/// The two engines the store's tests run against: every test that is not about
/// SQLite's files runs on both.
public enum Engine: String, CaseIterable, Sendable {
  case sqlite
  case postgresql
}

/// The tests' own PostgreSQL server, on loopback: `Scripts/postgres-for-tests`
/// starts it the first time (initdb in a folder under /tmp) and finds it running
/// afterwards. When there is no server to start, the PostgreSQL half of every
/// test fails with the script's reason: it is never skipped.
public enum TestServer {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  public struct Failure: Error, CustomStringConvertible {
    public let description: String
  }

  /// The server's administrator address (`postgresql://…/postgres`).
  public static let address: Result<String, Failure> = {
    do {
      let (status, output, errors) = try run(root.appendingPathComponent("Scripts/postgres-for-tests").path, ["start"])
      guard status == 0, let line = output.split(separator: "\n").last else {
        return .failure(Failure(description: "Scripts/postgres-for-tests start failed: \(errors)"))
      }
      return .success(String(line))
    } catch {
      return .failure(Failure(description: "cannot run Scripts/postgres-for-tests: \(error)"))
    }
  }()

  /// The address of database `name` on the server.
  public static func address(database name: String) throws -> String {
    let admin = try address.get()
    return admin.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
  }

  /// Runs SQL as the server's administrator, through psql; returns what it printed.
  @discardableResult
  public static func psql(_ sql: String, database: String = "postgres", user: String? = nil) throws -> String {
    var target = try address(database: database)
    if let user { target = target.replacingOccurrences(of: "://postgres@", with: "://\(user)@") }
    let (status, output, errors) = try run(
      "/usr/bin/env", ["psql", target, "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql])
    guard status == 0 else { throw Failure(description: "psql: \(errors)") }
    return output.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Runs SQL as `user` through psql, and returns its exit status and what it said.
  public static func psqlAs(_ user: String, database: String, _ sql: String) throws -> (
    status: Int32, output: String, errors: String
  ) {
    let target = try address(database: database).replacingOccurrences(of: "://postgres@", with: "://\(user)@")
    return try run("/usr/bin/env", ["psql", target, "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql])
  }

  /// A new, empty database of its own for one test.
  public static func newDatabase() throws -> String {
    let name = "rota_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    try psql("CREATE DATABASE \(name)")
    return String(name)
  }

  public static func dropDatabase(_ name: String) {
    _ = try? psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
  }

  public static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
  }
}
