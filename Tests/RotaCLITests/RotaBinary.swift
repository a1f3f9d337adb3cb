import Foundation
import Testing

/// Runs the real `rota` executable, built beside the tests, in a sandbox of its own:
/// a fresh HOME and XDG folders in a temporary directory, and a pinned date.
struct RotaBinary {
  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
    /// The bytes as written, before decoding (which would hide bytes that are not UTF-8).
    var stdoutBytes = Data()
    var stderrBytes = Data()
    /// True when the process died of a signal (then `status` is the signal's number).
    var signalled = false
  }

  /// The directory holding the test bundle and the products, `rota` among them.
  static let productsDirectory: URL = {
    let bundle = Bundle.main.bundleURL
    return bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
  }()

  /// The `rota` built beside the tests, or the one `ROTA_TEST_BINARY` names (to run
  /// the tests against another build, such as an older one, to see them fail).
  static var executable: URL {
    if let other = ProcessInfo.processInfo.environment["ROTA_TEST_BINARY"], !other.isEmpty {
      return URL(fileURLWithPath: other)
    }
    return productsDirectory.appendingPathComponent("rota")
  }

  let home: URL
  var today = "2026-11-25"

  init() throws {
    home = FileManager.default.temporaryDirectory.appendingPathComponent("rota-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
      throw Missing(path: Self.executable.path)
    }
  }

  struct Missing: Error, CustomStringConvertible {
    let path: String
    var description: String { "the rota executable is not at \(path); build it with swift build" }
  }

  func remove() { try? FileManager.default.removeItem(at: home) }

  func path(_ name: String) -> String { home.appendingPathComponent(name).path }

  func write(_ name: String, _ text: String) throws -> String {
    let p = path(name)
    try text.write(toFile: p, atomically: true, encoding: .utf8)
    return p
  }

  @discardableResult
  func run(_ arguments: [String], environment extra: [String: String] = [:], directory: URL? = nil) throws -> Result {
    try start(arguments, environment: extra, directory: directory).wait()
  }
}

func json(_ text: String) throws -> Any {
  try JSONSerialization.jsonObject(with: Data(text.utf8))
}

extension RotaBinary {
  /// A rota process started and not yet waited for.
  final class Running {
    let process: Process
    let outPath: URL
    let errPath: URL
    let handles: [FileHandle]

    init(process: Process, outPath: URL, errPath: URL, handles: [FileHandle]) {
      self.process = process
      self.outPath = outPath
      self.errPath = errPath
      self.handles = handles
    }

    func wait() throws -> Result {
      process.waitUntilExit()
      for h in handles { try? h.close() }
      let out = try Data(contentsOf: outPath)
      let err = try Data(contentsOf: errPath)
      try? FileManager.default.removeItem(at: outPath)
      try? FileManager.default.removeItem(at: errPath)
      return Result(
        status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
        stderr: String(decoding: err, as: UTF8.self), stdoutBytes: out, stderrBytes: err,
        signalled: process.terminationReason == .uncaughtSignal)
    }

    func kill(_ signal: Int32) { Foundation.kill(process.processIdentifier, signal) }
  }

  /// Starts `rota` with these arguments and returns at once.
  func start(
    _ arguments: [String], environment extra: [String: String] = [:], executable: URL? = nil, prefix: [String] = [],
    directory: URL? = nil
  ) throws -> Running {
    let process = Process()
    if let directory { process.currentDirectoryURL = directory }
    if prefix.isEmpty {
      process.executableURL = executable ?? Self.executable
      process.arguments = arguments
    } else {
      process.executableURL = URL(fileURLWithPath: prefix[0])
      process.arguments = Array(prefix.dropFirst()) + [(executable ?? Self.executable).path] + arguments
    }
    var env = [
      "HOME": home.path, "XDG_DATA_HOME": home.appendingPathComponent("data").path,
      "XDG_CONFIG_HOME": home.appendingPathComponent("config").path, "ROTA_TODAY": today, "LANG": "C.UTF-8",
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "USER": "tester",
    ]
    env.merge(extra) { $1 }
    process.environment = env
    let outPath = home.appendingPathComponent("stdout-\(UUID().uuidString)")
    let errPath = home.appendingPathComponent("stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: outPath.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath.path, contents: nil)
    let out = try FileHandle(forWritingTo: outPath)
    let err = try FileHandle(forWritingTo: errPath)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return Running(process: process, outPath: outPath, errPath: errPath, handles: [out, err])
  }

  /// The seed file of the demo PCN, from the source tree.
  static var seedPath: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../seeds/demo-pcn.yaml")
      .standardized.path
  }

  /// A database at `name` holding the demo as written (anchor week 2026-W48).
  /// The demo rota in a new database: a file of this name in the sandbox, or a
  /// `postgresql://` address (a new PCN on that server).
  func demoDatabase(_ name: String = "rota.sqlite3") throws -> String {
    let db = name.hasPrefix("postgresql://") ? name : path(name)
    let r = try run(["init", "--from", Self.seedPath, "--db", db])
    guard r.status == 0 else { throw Missing(path: "init failed: \(r.stderr)") }
    return db
  }
}
