import RotaCore

/// A value in a row, or an argument of a statement, as both engines hold them.
enum SQLValue: Hashable, Sendable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  /// Bytes SQLite keeps as a blob (text of the wrong encoding among them).
  case blob([UInt8])
}

/// Anything a statement takes as an argument.
protocol SQLArgument {
  var sqlValue: SQLValue { get }
}

extension String: SQLArgument {
  var sqlValue: SQLValue { .text(self) }
}

extension Int: SQLArgument {
  var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int64: SQLArgument {
  var sqlValue: SQLValue { .integer(self) }
}

/// Stored as 0 and 1 in both engines, as SQLite has no booleans.
extension Bool: SQLArgument {
  var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}

/// A value read from one engine, written to another as it is (copying a rota).
extension SQLValue: SQLArgument {
  var sqlValue: SQLValue { self }
}

extension Optional: SQLArgument where Wrapped: SQLArgument {
  var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// The statements of one transaction, whichever engine runs them. The store's
/// SQL is written once, in the part of SQL that SQLite and PostgreSQL share,
/// with `?` for each argument.
protocol SQLSession {
  /// Runs a statement that returns no rows.
  func execute(_ sql: String, _ arguments: [SQLValue]) throws
  /// Runs a query and returns its rows.
  func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
  /// The aggregate that joins text with a separator: `group_concat` or `string_agg`.
  var joinText: String { get }
}

extension SQLSession {
  func execute(_ sql: String, _ arguments: [any SQLArgument] = []) throws {
    try execute(sql, arguments.map(\.sqlValue))
  }

  func rows(_ sql: String, _ arguments: [any SQLArgument] = []) throws -> [SQLRow] {
    try rows(sql, arguments.map(\.sqlValue))
  }

  /// The first row, if any.
  func row(_ sql: String, _ arguments: [any SQLArgument] = []) throws -> SQLRow? {
    try rows(sql, arguments).first
  }

  /// The first column of the first row, if there is a row.
  func value<T: StoredValue>(_ sql: String, _ arguments: [any SQLArgument] = [], as type: T.Type = T.self) throws -> T?
  {
    try rows(sql, arguments).first.map { try $0.stored(0, as: T.self) }
  }

  /// The first column of every row.
  func values<T: StoredValue>(_ sql: String, _ arguments: [any SQLArgument] = [], as type: T.Type = T.self) throws
    -> [T]
  {
    try rows(sql, arguments).map { try $0.stored(0, as: T.self) }
  }

  /// Inserts many rows of `columns` into `table`, a few hundred to a statement:
  /// a whole rota is saved in a few round trips, not one per row.
  func insert(into table: String, columns: [String], rows: [[any SQLArgument]]) throws {
    let perStatement = max(1, 900 / columns.count)
    var start = 0
    while start < rows.count {
      let chunk = rows[start..<min(rows.count, start + perStatement)]
      let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
      try execute(
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
          + Array(repeating: tuple, count: chunk.count).joined(separator: ", "),
        chunk.flatMap { $0.map(\.sqlValue) })
      start += chunk.count
    }
  }
}

/// The names of a result's columns, shared by its rows.
final class SQLColumns: Sendable {
  let names: [String]
  let index: [String: Int]

  init(_ names: [String]) {
    self.names = names
    var index: [String: Int] = [:]
    for (i, n) in names.enumerated() where index[n] == nil { index[n] = i }
    self.index = index
  }
}

/// One row of a result. Its values are read with `stored`, which turns a value
/// of the wrong type into `Rows.Corrupt` (the database is damaged), never a crash.
struct SQLRow {
  let columns: SQLColumns
  let values: [SQLValue]

  /// A column's value as `T`, or `Rows.Corrupt` when it holds something else (a
  /// number where text belongs, bytes that are not UTF-8, NULL).
  func stored<T: StoredValue>(_ column: String, as type: T.Type = T.self) throws -> T {
    guard let i = columns.index[column] else {
      throw Rows.Corrupt(description: "the column \(column) is missing")
    }
    return try stored(i, as: T.self)
  }

  func stored<T: StoredValue>(_ index: Int, as type: T.Type = T.self) throws -> T {
    let value = values[index]
    guard let v = T.fromStored(value) else {
      throw Rows.Corrupt(
        description:
          "the column \(columns.names[index]) holds \(Rows.describe(value)), not \(T.expectedWords)")
    }
    return v
  }
}

/// A type a stored value is read as.
protocol StoredValue {
  /// The value, or nil when the stored value is not one.
  static func fromStored(_ value: SQLValue) -> Self?
  /// What a value of this type is, for the message about one that is not.
  static var expectedWords: String { get }
}

extension String: StoredValue {
  static func fromStored(_ value: SQLValue) -> String? {
    switch value {
    case .text(let s): return s
    // Text SQLite was handed as bytes is still text if the bytes are UTF-8.
    case .blob(let b): return String(validating: b, as: UTF8.self)
    default: return nil
    }
  }

  static var expectedWords: String { "text" }
}

extension Int64: StoredValue {
  static func fromStored(_ value: SQLValue) -> Int64? {
    switch value {
    case .integer(let n): return n
    case .real(let d): return Int64(exactly: d)
    default: return nil
    }
  }

  static var expectedWords: String { "a whole number" }
}

extension Int: StoredValue {
  static func fromStored(_ value: SQLValue) -> Int? { Int64.fromStored(value).flatMap { Int(exactly: $0) } }
  static var expectedWords: String { "a whole number" }
}

extension Bool: StoredValue {
  static func fromStored(_ value: SQLValue) -> Bool? { Int64.fromStored(value).map { $0 != 0 } }
  static var expectedWords: String { "true or false" }
}

extension Optional: StoredValue where Wrapped: StoredValue {
  static func fromStored(_ value: SQLValue) -> Wrapped?? {
    if case .null = value { return .some(nil) }
    return Wrapped.fromStored(value).map { .some($0) }
  }

  static var expectedWords: String { Wrapped.expectedWords }
}

extension Rows {
  /// A stored value in words, for the message saying the database is damaged.
  static func describe(_ value: SQLValue) -> String {
    switch value {
    case .null: return "nothing (NULL)"
    case .integer(let n): return "the number \(n)"
    case .real(let d): return "the number \(d)"
    case .text(let s): return "the text \(PrintableText.quoted(s))"
    case .blob(let b): return "\(b.count) bytes that are not text"
    }
  }
}
