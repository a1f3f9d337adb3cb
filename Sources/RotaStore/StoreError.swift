import Foundation
import GRDB
import RotaCore

/// Why the rota database could not be used, in words for the person at the
/// terminal, with the exit status `docs/cli.md` gives it.
public enum StoreError: Error, Equatable, CustomStringConvertible, Sendable {
  case notFound(path: String)
  case notSQLite(path: String)
  /// A folder, a named pipe, a device: not a file at all.
  case notAFile(path: String, kind: String)
  case notRota(path: String)
  case damaged(path: String, detail: String)
  case newerSchema(path: String, migrations: [String])
  case olderSchemaReadOnly(path: String)
  case readOnlyFile(path: String)
  /// Read-only, in a folder where SQLite cannot create its shared-memory file.
  case folderNotWritableForReading(path: String)
  case cannotOpen(path: String, detail: String)
  case locked(path: String, waitedMilliseconds: Int)
  case readOnlyMode
  case notEmpty(path: String)
  case exists(path: String)
  case diskFull(path: String)
  /// An edit was refused because the rota changed underneath it (exit 3).
  case conflict(String)
  /// An edit that cannot be made as asked (exit 2).
  case invalidEdit(String)
  case nothingToUndo(String)
  /// The database refused the change: the user's role does not allow it (exit 2).
  case notAllowed(String)
  /// A `postgresql://` address rota cannot read.
  case badAddress(String)
  /// No PostgreSQL server answered, or it did not let the user in.
  case unreachable(location: String, detail: String)
  /// A PostgreSQL database with no rota schema in it.
  case notSetUp(location: String)
  /// No PCN named, or one the login may not use.
  case unknownPCN(String)
  /// `rota init` of a PCN that the database already holds.
  case pcnExists(location: String, pcn: String)
  /// A PostgreSQL schema of an older rota that only its owner may upgrade.
  case needsUpgrade(location: String, owner: String)
  case other(path: String, detail: String)

  /// 3 for a refused edit, 2 for everything else.
  public var exitStatus: Int32 {
    if case .conflict = self { return 3 }
    return 2
  }

  public var description: String {
    switch self {
    case .notFound(let p):
      return "there is no rota database at \(p); create one with: rota init --db \(p)"
    case .notSQLite(let p):
      return "\(p) is not a rota database: it is not an SQLite file at all"
    case .notAFile(let p, let kind):
      return "\(p) is not a rota database: it is \(kind), not a file; give the path of the database file"
    case .notRota(let p):
      return "\(p) is an SQLite database but not a rota database (it has no rota tables); nothing was changed"
    case .damaged(let p, let detail):
      return
        "\(p) is damaged (\(detail)); nothing was changed. Restore it from a backup, or start again with rota init --force"
    case .newerSchema(let p, let m):
      return
        "\(p) was made by a newer version of rota (it has schema \(m.joined(separator: ", "))); upgrade rota to use it"
    case .olderSchemaReadOnly(let p):
      return
        "\(p) was made by an older version of rota and needs upgrading, which --read-only does not allow; open it once without --read-only"
    case .readOnlyFile(let p):
      return
        "\(p) cannot be written (the file or its folder is read-only); nothing was changed. Use --read-only to view it"
    case .folderNotWritableForReading(let p):
      return
        "cannot read \(p): SQLite needs to create \(p)-shm beside it while anyone reads, and that folder is not writable; ask for write access to the folder, or open a copy of the file"
    case .cannotOpen(let p, let detail):
      return "cannot open \(p) (\(detail)); check that the file and its folder exist and are readable"
    case .locked(let p, let ms):
      return
        "\(p) is locked by another program, still after waiting \(String(format: "%.1f", Double(ms) / 1000)) s; nothing was changed. Try again in a moment"
    case .readOnlyMode:
      return "this is a read-only view (--read-only); nothing can be changed"
    case .notEmpty(let p):
      return "\(p) already holds a rota; use --replace to replace it"
    case .exists(let p):
      return "\(p) already exists; use --force to replace it"
    case .diskFull(let p):
      return "the disk holding \(p) is full; nothing was changed"
    case .conflict(let m), .invalidEdit(let m), .nothingToUndo(let m), .notAllowed(let m), .badAddress(let m),
      .unknownPCN(let m):
      return m
    case .unreachable(let l, let detail):
      return
        "cannot use the rota database at \(l): \(detail); check the address, and that the server is running and lets you in. Nothing was changed"
    case .notSetUp(let l):
      return
        "\(l) holds no rota yet; its administrator sets one up with: rota init --db \(l) --pcn NAME (docs/shared-rota.md)"
    case .pcnExists(let l, let pcn):
      return "\(l) already holds the rota of \(PrintableText.quoted(pcn)); use --force to replace it"
    case .needsUpgrade(let l, let owner):
      return
        "the rota at \(l) was made by an older version of rota and needs upgrading, which only its owner (\(owner)) can do: they open it once with this version"
    case .other(let p, let detail):
      return "\(p): \(detail)"
    }
  }

  /// Translates an SQLite error into what it means for this database.
  static func from(_ error: Error, path: String, busyMilliseconds: Int) -> StoreError {
    if let e = error as? StoreError { return e }
    if let corrupt = error as? Rows.Corrupt { return .damaged(path: path, detail: corrupt.description) }
    guard let db = error as? DatabaseError else { return .other(path: path, detail: "\(error)") }
    let detail = db.message ?? "\(db.resultCode)"
    switch db.resultCode {
    case .SQLITE_NOTADB: return .notSQLite(path: path)
    case .SQLITE_CORRUPT: return .damaged(path: path, detail: detail)
    case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path, waitedMilliseconds: busyMilliseconds)
    case .SQLITE_READONLY: return .readOnlyFile(path: path)
    case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: return .cannotOpen(path: path, detail: detail)
    case .SQLITE_FULL: return .diskFull(path: path)
    case .SQLITE_IOERR:
      return db.extendedResultCode == .SQLITE_IOERR_SHORT_READ
        ? .damaged(path: path, detail: "the file is shorter than it should be") : .other(path: path, detail: detail)
    default: return .other(path: path, detail: detail)
    }
  }
}

extension EditError {
  /// The store's form of an edit error, with who and when for a conflict.
  var storeError: StoreError {
    switch self {
    case .unknownWorker(let id): return .invalidEdit("no worker has the id \(PrintableText.quoted(id))")
    case .unknownSite(let code): return .invalidEdit("no site has the code \(PrintableText.quoted(code))")
    case .conflict(let cell, let current):
      return .conflict(
        "cell \(cell.worker) \(cell.date.iso) \(cell.half.token) is \(current.token), not \(cell.place.token)")
    case .recordConflict(let e, let current):
      return .conflict("\(e.field) is \(current ?? "not there"), not \(e.value ?? "absent")")
    case .missing(let m): return .conflict(m)
    case .invalid(let m): return .invalidEdit(m)
    }
  }
}
