import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The files rota builds beside a target before moving them into place (a new
/// database, an export). Each is named after the target and the process that
/// made it, `.rota.sqlite3.4242.1F3A9C0B.tmp`, so that one left behind by a
/// process that was killed part-way (SQLite's `-wal` and `-shm` beside it
/// included) is known for what it is and removed the next time anything is
/// written there.
public enum TemporaryFiles {
  /// A new temporary name beside `path`, for this process.
  public static func name(beside path: String) -> String {
    let (folder, file) = split(path)
    return "\(folder)/.\(file).\(getpid()).\(UUID().uuidString.prefix(8)).tmp"
  }

  /// Removes the temporary files beside `path` whose process has ended. A file
  /// of a process that is still running (another rota writing the same file) is
  /// left alone.
  public static func removeAbandoned(beside path: String) {
    let (folder, file) = split(path)
    let prefix = ".\(file)."
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names where name.hasPrefix(prefix) {
      let parts = name.dropFirst(prefix.count).split(separator: ".", maxSplits: 2)
      guard parts.count == 3, parts[2].hasPrefix("tmp"), let pid = pid_t(parts[0]), pid > 0 else { continue }
      if kill(pid, 0) == -1 && errno == ESRCH { unlink("\(folder)/\(name)") }
    }
  }

  static func split(_ path: String) -> (folder: String, file: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let folder = slash == path.startIndex ? "/" : String(path[..<slash])
    return (folder, String(path[path.index(after: slash)...]))
  }
}
