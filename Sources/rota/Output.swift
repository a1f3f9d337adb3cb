import Foundation
import RotaCore
import RotaStore

#if canImport(Glibc)
  import Glibc
#endif

// Everything rota prints goes through here: `emit` for standard output, `warn`
// for standard error, and `writeFile` for `-o` and the planner's calendar export.
// Text for a stream passes through `PrintableText`, so no escape sequence from a
// rota can reach a terminal, and a write that fails (a full disk, a closed pipe)
// is an error rota reports, never a crash.

/// Output that could not be written: where, and the system's reason.
struct WriteFailure: Error {
  let destination: String
  let reason: String

  init(_ destination: String, errno code: Int32) {
    self.destination = destination
    self.reason = String(cString: strerror(code))
  }
}

/// Writes every byte of `bytes` to `fd`, going on after partial writes and interruptions.
func writeAll(_ fd: Int32, _ bytes: some Collection<UInt8>, destination: String) throws(WriteFailure) {
  let data = Array(bytes)
  var done = 0
  while done < data.count {
    let n = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, data.count - done) }
    if n < 0 {
      if errno == EINTR { continue }
      throw WriteFailure(destination, errno: errno)
    }
    done += n
  }
}

/// Writes `text` to standard output, cleaned of anything a terminal would act on.
func emit(_ text: String) throws(WriteFailure) {
  try writeAll(STDOUT_FILENO, PrintableText.stream(text).utf8, destination: "standard output")
}

/// Prints the report of something already saved. If the report cannot be written,
/// the change is still saved: say that, with exit status 2, so that a script is
/// not told the change failed when it did not.
func emitAfterSaving(_ text: String, saved what: String) throws {
  do {
    try emit(text)
  } catch {
    throw CLIError.input(
      "\(what) was saved, but the report of it could not be written to \(error.destination) (\(error.reason))")
  }
}

/// One line on standard error, prefixed like every message of rota's. If even
/// that cannot be written there is nowhere left to say so, and the exit status
/// tells the rest.
func warn(_ message: String) {
  let line = "rota: " + PrintableText.message(message) + "\n"
  try? writeAll(STDERR_FILENO, line.utf8, destination: "standard error")
}

/// A command that changes the database. It ignores SIGPIPE, so that a closed
/// pipe cannot kill it between saving a change and reporting it; the report's
/// write fails instead, and `emitAfterSaving` says the change was saved.
protocol ChangesTheRota {}

/// Writes `text` to `path`.
///
/// A device or a pipe (/dev/null, /dev/stdout, a named pipe) is written through,
/// never replaced. Anything else is replaced as a whole: the text goes into a new
/// owner-only file beside `path`, which is then renamed onto `path`, so a reader
/// never sees half of it, and a symbolic link planted at `path` is replaced
/// itself, never followed into the file it points to.
func writeFile(_ text: String, to path: String) throws {
  let bytes = Array(PrintableText.stream(text).utf8)
  if try writeThrough(bytes, to: path) { return }
  TemporaryFiles.removeAbandoned(beside: path)
  let temporary = TemporaryFiles.name(beside: path)
  let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
  guard fd >= 0 else {
    throw CLIError.input("cannot write \(path): \(String(cString: strerror(errno)))")
  }
  do throws(WriteFailure) {
    defer { close(fd) }
    try writeAll(fd, bytes, destination: path)
    guard fsync(fd) == 0 else { throw WriteFailure(path, errno: errno) }
  } catch {
    unlink(temporary)
    throw CLIError.input("cannot write \(path) (\(error.reason)); it was left as it was")
  }
  guard rename(temporary, path) == 0 else {
    let reason = String(cString: strerror(errno))
    unlink(temporary)
    throw CLIError.input("cannot write \(path) (\(reason)); it was left as it was")
  }
}

/// Writes to `path` in place when it is a device or a pipe, or names one of this
/// process's own streams (/dev/stdout, /dev/fd/1); false when it is something to
/// replace instead.
private func writeThrough(_ bytes: [UInt8], to path: String) throws -> Bool {
  if let fd = ownStream(path) {
    // Written to the stream itself, so `-o /dev/stdout >> log` appends as the shell asked.
    do {
      try writeAll(fd, bytes, destination: path)
    } catch {
      throw CLIError.input("cannot write \(path) (\(error.reason))")
    }
    return true
  }
  var info = stat()
  guard lstat(path, &info) == 0 else { return false }
  switch info.st_mode & S_IFMT {
  case S_IFREG, S_IFLNK: return false
  case S_IFDIR: throw CLIError.input("cannot write \(path): it is a folder; give a file name")
  default: break
  }
  // Opened without O_CREAT, so nothing new is made here, and checked again once
  // open, in case the name was swapped for a file in between.
  let fd = open(path, O_WRONLY | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC)
  guard fd >= 0 else {
    throw CLIError.input("cannot write \(path): \(String(cString: strerror(errno)))")
  }
  defer { close(fd) }
  guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG else { return false }
  do {
    try writeAll(fd, bytes, destination: path)
  } catch {
    throw CLIError.input("cannot write \(path) (\(error.reason))")
  }
  return true
}

/// The file descriptor `path` names when it is one of this process's own streams:
/// /dev/stdout, /dev/stderr, /dev/fd/N or /proc/self/fd/N.
private func ownStream(_ path: String) -> Int32? {
  switch path {
  case "/dev/stdout": return STDOUT_FILENO
  case "/dev/stderr": return STDERR_FILENO
  default:
    for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/"] where path.hasPrefix(prefix) {
      return Int32(path.dropFirst(prefix.count))
    }
    return nil
  }
}

/// The width text for a person is laid out in: `COLUMNS` when it is set, else
/// the terminal's width when standard output is one, else `fallback` (80 for
/// mail and pipes). Never under 20, however narrow the terminal says it is.
func textWidth(fallback: Int = 80, environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
  if let text = environment["COLUMNS"], let n = Int(text.trimmingCharacters(in: .whitespaces)), n > 0 {
    return max(20, n)
  }
  if isatty(STDOUT_FILENO) == 1 {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return max(20, Int(size.ws_col)) }
  }
  return fallback
}
