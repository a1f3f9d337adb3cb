import ArgumentParser
import Foundation
import RotaCore
import RotaStore

#if canImport(Glibc)
  import Glibc
#endif

/// `--db PATH`: where the live rota is.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The rota database (default: $ROTA_DB, else $XDG_DATA_HOME/rota/rota.sqlite3).", valueName: "PATH"))
  var db: String?

  /// The database path, and whether the user named it (`--db` or `ROTA_DB`).
  /// Only the default path is ever created without being asked.
  func location(environment: [String: String] = ProcessInfo.processInfo.environment) -> (path: String, explicit: Bool) {
    if let db { return (db, true) }
    if let env = environment["ROTA_DB"], !env.isEmpty { return (env, true) }
    let data: String
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
      data = xdg
    } else {
      data = homeDirectory(environment) + "/.local/share"
    }
    return (data + "/rota/rota.sqlite3", false)
  }

  func homeDirectory(_ environment: [String: String]) -> String {
    if let home = environment["HOME"], !home.isEmpty { return home }
    if let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir { return String(cString: dir) }
    return FileManager.default.currentDirectoryPath
  }

  /// Opens the rota for a command that reads. At the default path, a missing
  /// database is created from the demo (moved onto this week) and one line on
  /// standard error says so; an explicit path must exist. Read-only never creates.
  func openForReading(readOnly: Bool, today: LocalDate) throws -> RotaStore {
    try openForReadingNoting(readOnly: readOnly, today: today).store
  }

  /// As `openForReading`, and says whether the demo was just created (for the planner's status line).
  func openForReadingNoting(readOnly: Bool, today: LocalDate) throws -> (store: RotaStore, createdDemo: String?) {
    let (path, explicit) = location()
    var created: String? = nil
    if !explicit && !readOnly && !FileManager.default.fileExists(atPath: path) {
      if try createDemo(at: path, today: today) {
        created = "this is a demo rota, made for you at \(path); start your own with: rota init"
      }
    }
    return (try open(path: path, readOnly: readOnly), created)
  }

  /// Opens the rota for a command that edits: it must exist.
  func openForWriting() throws -> RotaStore {
    let (path, explicit) = location()
    if !explicit && !FileManager.default.fileExists(atPath: path) {
      throw CLIError.input(
        "there is no rota database yet at \(path); look at the demo with: rota week, or start yours with: rota init")
    }
    return try open(path: path, readOnly: false)
  }

  func open(path: String, readOnly: Bool) throws -> RotaStore {
    do {
      return try RotaStore.open(path: path, readOnly: readOnly)
    } catch {
      throw CLIError(error)
    }
  }

  /// Creates the demo database; false when another rota process got there first.
  @discardableResult
  func createDemo(at path: String, today: LocalDate) throws -> Bool {
    let week = today.isoWeek
    let demo = DemoPCN.rota(for: week)
    let who = try Identity.current(nil)
    do {
      try RotaStore.create(path: path, rota: demo, source: "the built-in demo", who: who, at: Clock.now()).close()
      warn(
        "no rota database yet, so created \(path) from the built-in demo (\(demo.pcn)), its dates moved onto this week, \(week.iso); start your own with: rota init"
      )
      return true
    } catch StoreError.exists {
      // Another rota process created it first; use theirs.
      return false
    } catch {
      throw CLIError(error)
    }
  }
}

/// `--read-only`: open the database so that nothing can be written.
struct ReadOnlyOption: ParsableArguments {
  @Flag(name: .long, help: "Open the database read-only: nothing can be written, not even the demo.")
  var readOnly = false
}

/// `--as NAME`: who the change log says made an edit.
struct IdentityOption: ParsableArguments {
  @Option(
    name: .customLong("as"), help: ArgumentHelp("Who the change log records (default: $USER).", valueName: "NAME"))
  var name: String?

  func who() throws -> String { try Identity.current(name) }
}

enum Identity {
  /// `--as NAME`, else `$USER`, else the login name, else "unknown".
  static func current(_ given: String?) throws -> String {
    if let given {
      guard RotaText.firstForbidden(in: given) == nil, (1...40).contains(given.count),
        !given.allSatisfy(\.isWhitespace)
      else { throw CLIError.input("--as: a name has 1 to 40 printable characters") }
      return given
    }
    if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty, RotaText.firstForbidden(in: user) == nil {
      return user
    }
    if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
    return "unknown"
  }
}

extension CLIError {
  init(_ error: StoreError) {
    self.init(message: error.description, status: error.exitStatus)
  }
}

/// One line on standard error, prefixed like every message of rota's.
func warn(_ message: String) {
  FileHandle.standardError.write(Data("rota: \(message)\n".utf8))
}

/// Writes `text` to `path`. A new file, or an existing regular file, is written
/// beside the target and then moved into place, so a reader never sees half of
/// it, and created owner-only. Anything else (a device such as /dev/null or
/// /dev/stdout, a pipe, a symbolic link) is written through, never replaced.
func writeFile(_ text: String, to path: String) throws {
  var info = stat()
  if lstat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw CLIError.input("cannot write \(path): it is not a file that can be written")
    }
    defer { try? handle.close() }
    if (info.st_mode & S_IFMT) == S_IFLNK { try? handle.truncate(atOffset: 0) }
    handle.write(Data(text.utf8))
    return
  }
  let url = URL(fileURLWithPath: path)
  let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
  guard
    FileManager.default.createFile(
      atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
  else { throw CLIError.input("cannot write \(path): the folder does not exist or is not writable") }
  guard rename(temporary.path, path) == 0 else {
    let reason = String(cString: strerror(errno))
    try? FileManager.default.removeItem(at: temporary)
    throw CLIError.input("cannot write \(path): \(reason)")
  }
}
