import ArgumentParser
import Foundation
import RotaCore
import RotaStore

#if canImport(Glibc)
  import Glibc
#endif

/// `--db PATH` or `--db postgresql://…`, and `--pcn NAME`: where the live rota is.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The rota database: a file, or a PostgreSQL server as postgresql://USER@HOST:PORT/DATABASE (default: $ROTA_DB, else $XDG_DATA_HOME/rota/rota.sqlite3).",
      valueName: "PATH|URL"))
  var db: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The PCN whose rota to use, where a server keeps several (default: $ROTA_PCN, else the one your login may use); rota init: the new rota's name.",
      valueName: "NAME"))
  var pcn: String?

  /// The database path or address, and whether the user named it (`--db` or
  /// `ROTA_DB`). Only the default path is ever created without being asked.
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

  /// Where the rota is: a file, or a PostgreSQL server (`postgresql://…`).
  func place() throws -> (place: StoreLocation, explicit: Bool) {
    let (text, explicit) = location()
    do {
      return (try StoreLocation(text), explicit)
    } catch {
      throw CLIError(error)
    }
  }

  /// `--pcn`, else `ROTA_PCN`.
  func pcnName(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    if let pcn { return pcn }
    if let env = environment["ROTA_PCN"], !env.isEmpty { return env }
    return nil
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
    let (place, explicit) = try place()
    var created: String? = nil
    if case .file(let path) = place, !explicit && !readOnly && !FileManager.default.fileExists(atPath: path) {
      if try createDemo(at: path, today: today) {
        created = "this is a demo rota, made for you at \(path); start your own with: rota init"
      }
    }
    return (try open(place, readOnly: readOnly), created)
  }

  /// Opens the rota for a command that edits: it must exist.
  func openForWriting() throws -> RotaStore {
    let (place, explicit) = try place()
    if case .file(let path) = place, !explicit && !FileManager.default.fileExists(atPath: path) {
      throw CLIError.input(
        "there is no rota database yet at \(path); look at the demo with: rota week, or start yours with: rota init")
    }
    return try open(place, readOnly: false)
  }

  func open(_ place: StoreLocation, readOnly: Bool) throws -> RotaStore {
    do {
      return try RotaStore.open(place, pcn: pcnName(), readOnly: readOnly)
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
      if let problem = RotaText.nameProblem(given, maxLength: 40) { throw CLIError.input("--as: the name \(problem)") }
      return given
    }
    if let user = ProcessInfo.processInfo.environment["USER"], RotaText.nameProblem(user, maxLength: 40) == nil {
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
