import Foundation
import RotaTestSupport
import Testing

/// A tmux server of its own, running one program in a pane of a given size.
final class TmuxSession {
  let socket: String
  let name = "rota"
  static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  init(command: String, width: Int = 120, height: Int = 40) throws {
    guard Self.tmux != nil else {
      throw RotaBinary.Missing(path: "tmux (the end-to-end tests drive the planner in tmux; apt-get install tmux)")
    }
    socket = "rota-test-\(UUID().uuidString.prefix(8))"
    try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command])
  }

  deinit { _ = try? tmux(["kill-server"]) }

  /// Runs tmux and returns what it printed. Spawned with posix_spawn and reaped
  /// with waitpid: Foundation's Process watches for a child's exit through a
  /// descriptor the child inherits, and the server that `new-session` leaves
  /// running keeps it open, so Process would never see the client exit.
  @discardableResult
  func tmux(_ arguments: [String]) throws -> String {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: file) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([Self.tmux!, "-L", socket] + arguments).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    // Start tmux with every signal at its default and none blocked, as a shell would.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, Self.tmux!, &actions, &attributes, argv, environ)
    guard spawned == 0 else { throw RotaBinary.Missing(path: "tmux could not be started (error \(spawned))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
  }

  func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

  /// Sends bytes as they are, as a terminal would for a mouse report.
  func bytes(_ text: String) throws {
    try tmux(["send-keys", "-t", name, "-H"] + text.utf8.map { String(format: "%02x", $0) })
  }

  /// SGR mouse reports, with 0-based column and row as the planner sees them.
  func press(_ x: Int, _ y: Int) throws { try bytes("\u{1B}[<0;\(x + 1);\(y + 1)M") }
  func drag(_ x: Int, _ y: Int) throws { try bytes("\u{1B}[<32;\(x + 1);\(y + 1)M") }
  func release(_ x: Int, _ y: Int) throws { try bytes("\u{1B}[<0;\(x + 1);\(y + 1)m") }

  func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

  func flag(_ format: String) throws -> String {
    try tmux(["display", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Waits until the screen satisfies `condition`, up to `seconds`; returns the last screen.
  @discardableResult
  func wait(_ what: String, seconds: Double = 8, _ condition: (String) -> Bool) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var screen = ""
    while Date() < deadline {
      screen = try capture()
      if condition(screen) { return screen }
      Thread.sleep(forTimeInterval: 0.05)
    }
    Issue.record("timed out waiting for \(what); the screen was:\n\(screen)")
    return screen
  }

  /// Waits until every one of the texts is on the screen at once: a frame can be
  /// read while it is still being written, so what a test checks must be waited for.
  @discardableResult
  func wait(forAll texts: [String], seconds: Double = 8) throws -> String {
    try wait(texts.map { "\u{201C}\($0)\u{201D}" }.joined(separator: " and "), seconds: seconds) { screen in
      texts.allSatisfy { screen.contains($0) }
    }
  }

  @discardableResult
  func wait(for text: String, seconds: Double = 8) throws -> String {
    try wait("\u{201C}\(text)\u{201D}", seconds: seconds) { $0.contains(text) }
  }
}

/// The planner, started for real in tmux on a temporary database.
@Suite("The planner in tmux, end to end", .serialized)
struct TmuxTests {
  /// The command line for a planner on `db`, in an environment of the test's own
  /// making: the test runner's NO_COLOR and XDG_CONFIG_HOME must not leak in.
  func command(_ rota: RotaBinary, db: String, extra: String = "", environment: String = "") -> String {
    "env -u NO_COLOR -u XDG_CONFIG_HOME HOME=\(rota.home.path) ROTA_TODAY=2026-11-25 USER=coordinator LANG=C.UTF-8 \(environment) \(RotaBinary.executable.path) \(extra) --db \(db)"
  }

  func placement(_ rota: RotaBinary, db: String, worker: String, date: String) throws -> [String: String]? {
    let r = try rota.run(["week", "--db", db, "--worker", worker, "--week", date, "--format", "json"])
    let workers = (try json(r.stdout) as? [String: Any])?["workers"] as? [[String: Any]]
    return (workers?.first?["placements"] as? [[String: String]])?.first { $0["date"] == date }
  }

  @Test("a mouse drag swaps two days, the flags update, and the database has the change")
  func mouseDrag() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let t = try TmuxSession(command: command(rota, db: db))
    try t.wait(for: "✖ 8 errors")
    // Amira's row is the fourth line; Monday's cell starts at column 23, Wednesday's at 53.
    try t.press(25, 3)
    try t.drag(40, 3)
    try t.drag(55, 3)
    try t.wait(for: "✖ 8→6")
    try t.release(55, 3)
    // Monday is a day already past (today is Wednesday): rota asks first.
    try t.wait(for: "a day already past")
    try t.keys("y")
    try t.wait(forAll: ["✖ 6 errors", "saved: Amira Khan, Mon 23 Nov ⇄ Wed 25 Nov"])
    #expect(
      try placement(rota, db: db, worker: "amira", date: "2026-11-23") == [
        "date": "2026-11-23", "am": "home", "pm": "home",
      ])
    #expect(
      try placement(rota, db: db, worker: "amira", date: "2026-11-25") == [
        "date": "2026-11-25", "am": "RVS", "pm": "RVS",
      ])
    // Quitting and opening again shows the change.
    try t.keys("q")
    let again = try TmuxSession(command: command(rota, db: db))
    let reopened = try again.wait(for: "✖ 6 errors")
    #expect(reopened.split(separator: "\n").first { $0.contains("Amira Khan") }?.contains("home ◦") == true)
  }

  @Test("a keyboard move to another practice, and undo")
  func keyboardMoveAndUndo() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let t = try TmuxSession(command: command(rota, db: db))
    try t.wait(for: "✖ 8 errors")
    // Sites grid; STJ is the fifth site; Monday AM; pick up Chidi, drop on HIL below.
    try t.keys("s")
    try t.wait(for: "│ Sites ")
    for _ in 0..<4 { try t.keys("j") }
    for _ in 0..<8 { try t.keys("h") }
    try t.keys("Space")
    try t.wait(for: "moving Chidi Okonkwo")
    try t.keys("j", "Enter")
    try t.wait(for: "a day already past")
    try t.keys("y")
    try t.wait(for: "saved: Chidi Okonkwo, Mon 23 Nov: St John's Road Surgery →")
    #expect(
      try placement(rota, db: db, worker: "chidi", date: "2026-11-23") == [
        "date": "2026-11-23", "am": "HIL", "pm": "HIL",
      ])
    try t.keys("u")
    try t.wait(for: "undid: Chidi Okonkwo")
    #expect(
      try placement(rota, db: db, worker: "chidi", date: "2026-11-23") == [
        "date": "2026-11-23", "am": "STJ", "pm": "STJ",
      ])
    let log = try rota.run(["log", "--db", db]).stdout
    #expect(
      log.contains(
        "coordinator: Chidi Okonkwo, Mon 23 Nov: St John's Road Surgery → Hillside Medical Practice (both sessions) (undone)"
      ))
  }

  @Test("resizing from 120×40 to 80×24 lays everything out again, overlays too")
  func resize() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let t = try TmuxSession(command: command(rota, db: db))
    try t.wait(for: "Sessions Alone Level")
    try t.keys("?")
    try t.wait(for: "┌─ Keys")
    try t.tmux(["resize-window", "-t", t.name, "-x", "80", "-y", "24"])
    // The help laid out again for 80×24, down to its last line, which says it scrolls.
    try t.wait("the 80-column help") {
      $0.contains("┌─ Keys") && $0.contains("PgDn PgUp scroll")
        && $0.split(separator: "\n").allSatisfy { $0.count <= 80 }
    }
    try t.keys("Escape")
    try t.wait(forAll: ["Sess Alone", "Ioana Ștefănescu"])
    try t.tmux(["resize-window", "-t", t.name, "-x", "50", "-y", "12"])
    try t.wait(for: "at least 60 columns wide")
    try t.tmux(["resize-window", "-t", t.name, "-x", "120", "-y", "40"])
    try t.wait(for: "Sessions Alone Level")
  }

  @Test("Unicode names are drawn as themselves")
  func unicode() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let t = try TmuxSession(command: command(rota, db: db))
    let screen = try t.wait(for: "Ioana Ștefănescu")
    for name in ["Siobhán O'Connor", "Tomasz Wiśniewski", "Zeynep Yılmaz", "Siân Pritchard"] {
      #expect(screen.contains(name), "\(name) is not on the screen")
    }
    #expect(!screen.contains("M-"), "a name came out as meta-characters")
  }

  @Test("SIGTERM restores the terminal: main screen, no mouse reporting, cursor shown")
  func sigterm() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let t = try TmuxSession(command: "sh -c '\(command(rota, db: db)); echo EXITED=$?; sleep 60'")
    try t.wait(for: "✖ 8 errors")
    #expect(try t.flag("#{alternate_on} #{mouse_button_flag} #{mouse_sgr_flag}") == "1 1 1")
    let pid = try t.flag("#{pane_pid}")
    let children = Process()
    children.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
    children.arguments = ["-TERM", "-P", pid, "-f", RotaBinary.executable.path]
    try children.run()
    children.waitUntilExit()
    try t.wait(for: "EXITED=143")
    #expect(
      try t.flag("#{alternate_on} #{mouse_button_flag} #{mouse_sgr_flag} #{mouse_any_flag} #{cursor_flag}")
        == "0 0 0 0 1")
  }

  /// Sends SIGILL, SIGSEGV or SIGABRT, as a crash would raise them, and checks the terminal was restored.
  @Test(
    "a crash never leaves the terminal in the alternate screen with the mouse on", arguments: ["ILL", "SEGV", "ABRT"])
  func crashRestores(signal: String) throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    // Swift's crash report would wait for a key on a terminal; not here.
    let planner = command(rota, db: db, environment: "SWIFT_BACKTRACE=interactive=no")
    let t = try TmuxSession(command: "sh -c '\(planner); echo EXITED=$?; sleep 60'")
    try t.wait(for: "✖ 8 errors")
    #expect(try t.flag("#{alternate_on} #{mouse_button_flag} #{mouse_sgr_flag}") == "1 1 1")
    let pid = try t.flag("#{pane_pid}")
    let kill = Process()
    kill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
    kill.arguments = ["-\(signal)", "-P", pid, "-f", RotaBinary.executable.path]
    try kill.run()
    kill.waitUntilExit()
    let deadline = Date().addingTimeInterval(8)
    var flags = ""
    while Date() < deadline {
      flags = try t.flag("#{alternate_on} #{mouse_button_flag} #{mouse_sgr_flag} #{mouse_any_flag} #{cursor_flag}")
      if flags == "0 0 0 0 1" { break }
      Thread.sleep(forTimeInterval: 0.1)
    }
    #expect(flags == "0 0 0 0 1", "after SIG\(signal) the terminal was left as: \(flags)")
    try t.wait(for: "EXITED=", seconds: 20)
  }

  /// Home, End, PgUp, PgDn and Shift-Tab in the forms xterm, tmux, screen, rxvt and the
  /// Linux console send, CSI and SS3, under three values of TERM: each moves the cursor
  /// (or the scope), and none of them changes the week.
  @Test(
    "navigation keys in every terminal's form, under xterm, tmux and screen TERMs",
    arguments: ["xterm-256color", "tmux-256color", "screen-256color"])
  func navigationKeys(term: String) throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let t = try TmuxSession(command: command(rota, db: db, environment: "TERM=\(term)"))
    try t.wait(for: "✖ 8 errors")
    let first = "Amira Khan · GP link worker"
    let last = "Ioana Ștefănescu · Care coordinator"
    let end = ["\u{1B}[4~", "\u{1B}[F", "\u{1B}OF", "\u{1B}[8~", "\u{1B}[1;2F"]
    let home = ["\u{1B}[1~", "\u{1B}[H", "\u{1B}OH", "\u{1B}[7~", "\u{1B}[1;5H"]
    for (e, h) in zip(end, home) {
      try t.bytes(e)
      let atEnd = try t.wait(for: last)
      #expect(atEnd.contains("Week 48"), "\(term): End as \(e.debugDescription) changed the week")
      try t.bytes(h)
      let atHome = try t.wait(for: first)
      #expect(atHome.contains("Week 48"), "\(term): Home as \(h.debugDescription) changed the week")
    }
    for pageDown in ["\u{1B}[6~", "\u{1B}[6;2~", "\u{1B}[6$"] {
      try t.bytes(pageDown)
      try t.wait(for: last)
      try t.bytes("\u{1B}[5~")
      try t.wait(for: first)
    }
    try t.bytes("\u{1B}[Z")
    let scoped = try t.wait(for: "PM only")
    #expect(scoped.contains("Week 48"))
    try t.bytes("\u{1B}[Z")
    try t.wait(for: "AM only")
  }

  @Test("a storm of random escape sequences never changes the week or stops the planner")
  func escapeStorm() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let t = try TmuxSession(command: command(rota, db: db))
    try t.wait(for: "✖ 8 errors")
    var random = SplitMix(seed: 48)
    let finals = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~@")
    for _ in 0..<300 {
      var s = "\u{1B}"
      switch random.next() % 6 {
      case 0:
        s += "[" + (0..<random.next() % 4).map { _ in String(random.next() % 40) }.joined(separator: ";")
        s.append(finals[Int(random.next() % UInt64(finals.count))])
      case 1: s += "O" + String(finals[Int(random.next() % UInt64(finals.count))])
      case 2: s += "]" + String(random.next() % 999) + ";" + "title[" + "\u{7}"
      case 3: s += "P" + "+q544e" + "\u{1B}\\"
      case 4:
        s +=
          "[<" + "\(random.next() % 3);\(random.next() % 200);\(random.next() % 60)"
          + (random.next() % 2 == 0 ? "m" : "M")
      default: s += "[" + String(random.next() % 30) + "~"
      }
      try t.bytes(s)
    }
    try t.keys("Escape", "Escape")
    let screen = try t.wait(for: "Week 48")
    #expect(screen.contains("Week 48"), "the week changed:\n\(screen)")
    try t.keys("q")
  }

  @Test("two planners on one database: an edit from an out-of-date view is refused and the cell reloaded")
  func twoPlanners() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    // B does not look for changes by itself, so its view stays out of date.
    let a = try TmuxSession(command: command(rota, db: db, extra: "open --as alice"))
    let b = try TmuxSession(command: command(rota, db: db, extra: "open --as bob --refresh 0"))
    try a.wait(for: "✖ 8 errors")
    try b.wait(for: "✖ 8 errors")
    // A moves Amira's Monday to Oakfield.
    try a.keys("Home", "h", "h", "e", "oak", "Enter")
    try a.wait(for: "a day already past")
    try a.keys("y")
    try a.wait(for: "saved: Amira Khan, Mon 23 Nov")
    // B, still showing Riverside, sets the same day to home.
    try b.keys("Home", "h", "h", "H")
    try b.wait(for: "a day already past")
    try b.keys("y")
    let screen = try b.wait(for: "not saved: alice changed it first; reloaded")
    #expect(screen.split(separator: "\n").first { $0.contains("Amira Khan") }?.contains("OAK") == true)
    #expect(
      try placement(rota, db: db, worker: "amira", date: "2026-11-23") == [
        "date": "2026-11-23", "am": "OAK", "pm": "OAK",
      ])
    let log = try rota.run(["log", "--db", db]).stdout
    #expect(!log.contains("bob"))
  }

  func isRunning(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }

  func rotaPids(db: String) -> [Int32] {
    let folder = URL(fileURLWithPath: "/proc")
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return entries.compactMap { Int32($0) }.filter { pid in
      guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
      let args = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
      return args.first == RotaBinary.executable.path && args.contains(db)
    }
  }

  @Test("signals blocked by whoever started rota are unblocked: SIGTERM still restores the terminal")
  func blockedSignals() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let launcher =
      "import os, signal, sys; signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGWINCH}); os.execvp(sys.argv[1], sys.argv[1:])"
    let t = try TmuxSession(
      command:
        "sh -c 'env HOME=\(rota.home.path) ROTA_TODAY=2026-11-25 LANG=C.UTF-8 python3 -c \"\(launcher)\" \(RotaBinary.executable.path) --db \(db); echo EXITED=$?; sleep 60'"
    )
    try t.wait(for: "✖ 8 errors")
    let pids = rotaPids(db: db)
    #expect(pids.count == 1)
    for pid in pids { kill(pid, SIGTERM) }
    try t.wait(for: "EXITED=143")
    #expect(try t.flag("#{alternate_on} #{mouse_button_flag} #{cursor_flag}") == "0 0 1")
  }

  @Test("when its terminal goes away, the planner exits instead of spinning")
  func hangUp() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    // Started with SIGHUP ignored, as under nohup. The planner takes SIGHUP back (and
    // would also see the hang-up on its input); either way it must stop, not spin.
    let t = try TmuxSession(command: "sh -c 'trap \"\" HUP; exec \(command(rota, db: db))'")
    try t.wait(for: "✖ 8 errors")
    let pids = rotaPids(db: db)
    #expect(pids.count == 1)
    let server = Int32(try t.flag("#{pid}")) ?? 0
    kill(server, SIGKILL)
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline && pids.contains(where: isRunning) { Thread.sleep(forTimeInterval: 0.05) }
    for pid in pids {
      #expect(!isRunning(pid), "the planner is still running after its terminal went away")
      kill(pid, SIGKILL)
    }
  }

  func captureWithAttributes(_ t: TmuxSession) throws -> String {
    try t.tmux(["capture-pane", "-e", "-p", "-t", t.name])
  }

  @Test(
    "a change by rota move in another process appears in an open planner within a second",
    arguments: Engine.allCases)
  func liveUpdate(engine: Engine) throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    // On PostgreSQL the planner hears of the change by LISTEN/NOTIFY.
    let server = engine == .postgresql ? try TestServer.newDatabase() : nil
    defer { server.map(TestServer.dropDatabase) }
    let db = try rota.demoDatabase(server.map { try TestServer.address(database: $0) } ?? "rota.sqlite3")
    let t = try TmuxSession(command: command(rota, db: "'\(db)'", extra: "open --view sites"))
    try t.wait(for: "│ Sites ")
    let move = try rota.run([
      "move", "--db", db, "--worker", "chidi", "--date", "2026-11-25", "--to", "BRK", "--as", "coordinator",
    ])
    #expect(move.status == 0, "\(move.stderr)")
    let started = Date()
    // The whole new frame: the moved worker, and the status line that says why.
    // (tmux can be read while a frame is still being written, so wait for both.)
    try t.wait("Chidi at Brook Lane on Wednesday, and the update's message", seconds: 1.0) {
      $0.split(separator: "\n").first { $0.contains("Brook Lane") }?.contains("CO") == true
        && $0.contains("coordinator changed: Chidi Okonkwo, Wed 25 Nov")
    }
    #expect(Date().timeIntervalSince(started) < 1.0)
  }

  @Test("a read-only planner cannot change the database file, and says why")
  func readOnly() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let before = try Data(contentsOf: URL(fileURLWithPath: db))
    let t = try TmuxSession(command: command(rota, db: db, extra: "open --read-only"))
    try t.wait(for: "READ-ONLY")
    try t.keys("Home", "h", "h", "Space")
    try t.wait(for: "read-only: nothing can be changed here (opened with --read-only)")
    for key in ["H", "O", "e", "L", "u", "U"] { try t.keys(key) }
    try t.press(25, 3)
    try t.drag(55, 3)
    try t.release(55, 3)
    try t.keys("b", "S")
    try t.keys("w", "p")
    try t.wait(for: "First time here")  // their week opens, but is not recorded as seen
    try t.keys("q")
    Thread.sleep(forTimeInterval: 0.3)
    #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "the database file changed")
    #expect(try rota.run(["log", "--db", db]).stdout.split(separator: "\n").count == 1)
  }

  @Test("NO_COLOR=1 shows no colour, only attributes; without it there is colour")
  func noColour() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let colourCodes = try NSRegularExpression(
      pattern: "\u{1B}\\[[0-9;]*(38;|48;|3[0-7]m|4[0-7]m|3[0-7];|4[0-7];|9[0-7]|10[0-7])")
    func colours(_ text: String) -> Int {
      colourCodes.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
    }
    let coloured = try TmuxSession(command: command(rota, db: db))
    try coloured.wait(for: "✖ 8 errors")
    #expect(colours(try captureWithAttributes(coloured)) > 0, "the default theme shows no colour at all")
    let plain = try TmuxSession(command: command(rota, db: db, environment: "NO_COLOR=1"))
    try plain.wait(for: "✖ 8 errors")
    let screen = try captureWithAttributes(plain)
    #expect(colours(screen) == 0, "NO_COLOR still shows colour")
    #expect(screen.contains("\u{1B}[7m") || screen.contains(";7m") || screen.contains("[1m"), "no attributes at all")
  }

  @Test("a broken theme file still starts, with the default theme and a message naming the line")
  func brokenTheme() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let folder = rota.home.appendingPathComponent("config/rota/themes")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "name = mine\ntitle = 231 on 24 bold\ntitel = red\n".write(
      to: folder.appendingPathComponent("mine.theme"), atomically: true, encoding: .utf8)
    let cmd = command(rota, db: db, extra: "open --theme mine", environment: "XDG_CONFIG_HOME=\(rota.home.path)/config")
    let t = try TmuxSession(command: cmd)
    try t.wait(forAll: ["✖ 8 errors", "mine.theme:3: unknown role", "Amira Khan"])
  }

  @Test("rota --worker ID opens that worker's week: where, and with whom")
  func myWeek() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let t = try TmuxSession(command: command(rota, db: db, extra: "--worker hodan"), width: 60, height: 30)
    let screen = try t.wait(forAll: [
      "rota │ Hodan Abdi │ Week 48", "Mon 23 Nov  Riverside Surgery (GP practice), all day", "with Amira Khan",
    ])
    #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 60 })
  }
}

/// A small seeded random source, so that a storm is the same on every run.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
