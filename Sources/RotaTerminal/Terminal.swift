import CNCursesW
import Foundation
import RotaUI
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The signal that asked rota to stop, or 0. Set by the signal handler, read by
/// the main loop, which then restores the terminal: endwin is not safe inside a
/// signal handler.
private let pendingSignal = Atomic<Int32>(0)

/// Why the terminal could not be used.
public struct TerminalError: Error, CustomStringConvertible {
  public let description: String
}

/// The only code that calls ncurses: it starts and restores the terminal, copies
/// the planner's canvas to the screen (letting ncurses send only what changed),
/// and turns keys, mouse reports and resizes into events.
public final class Terminal {
  private let screen: OpaquePointer
  private var previous: Canvas?
  private var pairs: [PairKey: Int16] = [:]
  private var nextPair: Int16 = 1
  private var pending: [InputEvent] = []
  private var decoder = KeyDecoder()
  private var stopped = false
  public var theme: Theme
  public private(set) var colours: Int

  struct PairKey: Hashable {
    let fg: Int16
    let bg: Int16
  }

  public var width: Int { Int(rota_getmaxx(rota_stdscr())) }
  public var height: Int { Int(rota_getmaxy(rota_stdscr())) }

  /// Starts full-screen mode. `noColour` forces attributes only (NO_COLOR).
  public init(theme: Theme, noColour: Bool) throws {
    setlocale(LC_ALL, "")
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw TerminalError(description: "the planner needs a terminal; use rota week or rota check from scripts")
    }
    let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
    guard !["", "dumb", "unknown"].contains(term) else {
      throw TerminalError(
        description:
          "the planner needs a terminal that can place the cursor, and TERM=\(term.isEmpty ? "(unset)" : term) cannot; set TERM (for example xterm-256color), or use rota week or rota check"
      )
    }
    // A launcher may have blocked or ignored signals. ncurses reports resizes only
    // if SIGWINCH is at its default when it starts, and the planner must hear
    // SIGINT, SIGTERM and SIGHUP to restore the terminal: unblock all four.
    signal(SIGWINCH, SIG_DFL)
    var wanted = sigset_t()
    sigemptyset(&wanted)
    for sig in [SIGWINCH, SIGINT, SIGTERM, SIGHUP] { sigaddset(&wanted, sig) }
    pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
    CrashRestore.saveModes()
    guard let s = newterm(nil, rota_stdout(), rota_stdin()) else {
      let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
      throw TerminalError(description: "cannot start the terminal (TERM=\(term) is not known to ncurses)")
    }
    screen = s
    self.theme = theme
    set_term(s)
    cbreak()
    noecho()
    nonl()
    intrflush(rota_stdscr(), false)
    // rota decodes every key itself (KeyDecoder): ncurses's own decoding knows only
    // the sequences of the terminal TERM names, and passes others on byte by byte.
    keypad(rota_stdscr(), false)
    curs_set(0)
    var count = 0
    if !noColour && has_colors() {
      start_color()
      use_default_colors()
      count = Int(rota_colors())
    }
    colours = count
    wtimeout(rota_stdscr(), 50)
    // Mouse reports: presses and releases (1000), motion while a button is down
    // (1002), in SGR form (1006), which the decoder reads.
    rota_write_control(Self.mouseOn)
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig) { pendingSignal.store($0, ordering: .relaxed) }
    }
    Terminal.installed = true
    CrashRestore.install(mouseOff: Self.mouseOff)
    atexit { Terminal.emergencyRestore() }
  }

  /// Mouse reports (presses, motion with a button down, in SGR form) and
  /// bracketed paste, so pasted text arrives marked as text, not as keys.
  static let mouseOn = "\u{1B}[?1000h\u{1B}[?1002h\u{1B}[?1006h\u{1B}[?2004h"
  static let mouseOff = "\u{1B}[?2004l\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l"

  nonisolated(unsafe) static var installed = false

  /// Leaves full-screen mode and turns mouse reporting off. Safe to call twice.
  public func stop() {
    guard !stopped else { return }
    stopped = true
    Terminal.installed = false
    CrashRestore.uninstall()
    endwin()
    rota_write_control(Self.mouseOff)
    delscreen(screen)
  }

  /// For a way out that skipped `stop` (an exit from deep inside), restore anyway.
  static func emergencyRestore() {
    guard installed else { return }
    installed = false
    CrashRestore.uninstall()
    endwin()
    rota_write_control(mouseOff)
  }

  /// True when the terminal has gone away (the window was closed, the ssh link
  /// dropped): reading then fails at once, so the planner must stop rather than spin.
  public var hungUp: Bool {
    var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
    guard poll(&fds, 1, 0) >= 0 else { return true }
    return fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
  }

  /// The signal that asked rota to stop, if one has arrived.
  public static var receivedSignal: Int32? {
    let s = pendingSignal.load(ordering: .relaxed)
    return s == 0 ? nil : s
  }

  // MARK: Drawing

  /// Copies the canvas to the screen. Only cells that differ from the last frame
  /// are written, and ncurses then sends only what differs on the terminal.
  public func draw(_ canvas: Canvas) {
    let window = rota_stdscr()
    let same = previous.map { $0.width == canvas.width && $0.height == canvas.height } ?? false
    if !same {
      werase(window)
      previous = nil
    }
    for y in 0..<canvas.height {
      for x in 0..<canvas.width {
        let cell = canvas[x, y]
        if cell.isContinuation { continue }
        if let p = previous, p[x, y] == cell { continue }
        put(cell, x: x, y: y, window: window)
      }
    }
    previous = canvas
    wnoutrefresh(window)
    doupdate()
  }

  /// Forgets the last frame, so the next draw writes everything (after Ctrl-L).
  public func invalidate() {
    previous = nil
    clearok(rota_stdscr(), true)
  }

  private func put(_ cell: Cell, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>?) {
    let entry = theme.resolve(cell.style, colours: colours)
    var attrs = rota_a_normal()
    if entry.attributes.contains(.bold) { attrs |= rota_a_bold() }
    if entry.attributes.contains(.dim) { attrs |= rota_a_dim() }
    if entry.attributes.contains(.underline) { attrs |= rota_a_underline() }
    if entry.attributes.contains(.reverse) { attrs |= rota_a_reverse() }
    if entry.attributes.contains(.italic) { attrs |= rota_a_italic() }
    let pair = colours > 0 ? self.pair(entry.foreground, entry.background) : 0
    // The canvas has already replaced control characters; this is the last guard.
    var chars = cell.text.unicodeScalars.map {
      $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) ? 0xFFFD : $0.value
    }
    .map { wchar_t(bitPattern: $0) }
    if chars.isEmpty { chars = [wchar_t(32)] }
    chars.append(0)
    _ = rota_put_cell(window, Int32(y), Int32(x), &chars, attrs, Int32(pair))
  }

  private func number(_ c: Colour) -> Int16 {
    switch c {
    case .terminalDefault: return -1
    case .indexed(let n): return Int16(min(n, max(0, colours - 1)))
    }
  }

  /// Colour pairs are made the first time they are needed, as tig does.
  private func pair(_ fg: Colour, _ bg: Colour) -> Int16 {
    let key = PairKey(fg: number(fg), bg: number(bg))
    if key.fg == -1 && key.bg == -1 { return 0 }
    if let p = pairs[key] { return p }
    guard Int(nextPair) < Int(rota_color_pairs()) - 1, nextPair < Int16.max else { return 0 }
    let p = nextPair
    nextPair += 1
    init_pair(p, key.fg, key.bg)
    pairs[key] = p
    return p
  }

  // MARK: Input

  /// The next event, or nil when nothing arrived within the timeout (50 ms).
  public func read() -> InputEvent? {
    while true {
      if !pending.isEmpty { return pending.removeFirst() }
      // Mid-sequence, wait only a moment for the rest (a lone Esc is the Esc key).
      wtimeout(rota_stdscr(), decoder.isPending ? 25 : 50)
      var ch: wint_t = 0
      let r = wget_wch(rota_stdscr(), &ch)
      if r == rota_err() {
        guard decoder.isPending else { return nil }
        pending += decoder.timeout()
        if pending.isEmpty { return nil }
        continue
      }
      if r == rota_key_code_yes() {
        // With keypad off, the only code ncurses still gives is a resize.
        if Int32(ch) == rota_key_resize() {
          // ncurses has redrawn its own screen: the last frame we drew no longer
          // describes it, so the next draw writes every cell.
          previous = nil
          return .resize(width: width, height: height)
        }
        continue
      }
      guard let scalar = Unicode.Scalar(UInt32(ch)) else { continue }
      pending += decoder.feed(scalar)
    }
  }
}
