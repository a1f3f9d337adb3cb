#if canImport(Glibc)
  import Glibc
#endif

/// Puts the terminal back when rota crashes: a trap, a bad access or an abort
/// must not leave the user's terminal in the alternate screen with mouse
/// reporting on and the cursor hidden. The handler does only what is safe in a
/// signal handler (write and tcsetattr), then calls whoever handled the signal
/// before (Swift's backtracer), so the crash is still reported, and then lets
/// the signal end the process as it would have.
typealias SignalAction = sigaction

enum CrashRestore {
  static let signals = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

  /// The bytes that restore the screen, written by the handler as they are.
  nonisolated(unsafe) static var restore: UnsafeMutableBufferPointer<UInt8>?
  nonisolated(unsafe) static var modes = termios()
  nonisolated(unsafe) static var haveModes = false
  nonisolated(unsafe) static var previous = [SignalAction](repeating: SignalAction(), count: 65)
  nonisolated(unsafe) static var installed = false

  /// Remembers the terminal's modes as they are before curses changes them.
  static func saveModes() {
    haveModes = tcgetattr(STDIN_FILENO, &modes) == 0
  }

  /// Installs the handlers. `mouseOff` turns off the mouse modes rota turned on.
  static func install(mouseOff: String) {
    // Mouse off, keypad mode off, attributes reset, the cursor shown, the main screen back.
    let text = mouseOff + "\u{1B}[?1l\u{1B}>\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"
    let bytes = Array(text.utf8)
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
    _ = buffer.initialize(from: bytes)
    restore = buffer
    for sig in signals {
      var action = SignalAction()
      action.__sigaction_handler.sa_sigaction = { sig, info, context in CrashRestore.handle(sig, info, context) }
      sigemptyset(&action.sa_mask)
      action.sa_flags = SA_SIGINFO
      sigaction(sig, &action, &previous[Int(sig)])
    }
    installed = true
  }

  /// Puts the earlier handlers back (on a normal way out).
  static func uninstall() {
    guard installed else { return }
    installed = false
    for sig in signals { sigaction(sig, &previous[Int(sig)], nil) }
  }

  static func handle(_ sig: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    if let restore, let base = restore.baseAddress { _ = write(STDOUT_FILENO, base, restore.count) }
    if haveModes { _ = tcsetattr(STDIN_FILENO, TCSANOW, &modes) }
    let earlier = previous[Int(sig)]
    if earlier.sa_flags & SA_SIGINFO != 0, let handler = earlier.__sigaction_handler.sa_sigaction {
      handler(sig, info, context)
    } else if let handler = earlier.__sigaction_handler.sa_handler,
      unsafeBitCast(handler, to: Int.self) != unsafeBitCast(SIG_DFL, to: Int.self),
      unsafeBitCast(handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self)
    {
      handler(sig)
    }
    // The signal ends the process as it would have without rota's handler: it is
    // blocked while this runs, and arrives with its default action on return.
    signal(sig, SIG_DFL)
    raise(sig)
  }
}
