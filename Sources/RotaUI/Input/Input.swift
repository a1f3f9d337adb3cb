/// A key, as the planner understands it.
public enum Key: Hashable, Sendable {
  case char(Character)
  case up, down, left, right, pageUp, pageDown, home, end
  case enter, escape, tab, backTab, backspace, delete
  case function(Int)
  /// Control plus a letter, such as Ctrl-L.
  case control(Character)

  /// How the help and the footer name the key.
  public var label: String {
    switch self {
    case .char(" "): return "Space"
    case .char(let c): return String(c)
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .tab: return "Tab"
    case .backTab: return "Shift-Tab"
    case .backspace: return "Backspace"
    case .delete: return "Delete"
    case .function(let n): return "F\(n)"
    case .control(let c): return "Ctrl-\(String(c).uppercased())"
    }
  }

  /// A character someone typed into a field, as opposed to a command key.
  public var typed: Character? {
    if case .char(let c) = self, c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
    {
      return c
    }
    return nil
  }
}

/// What the mouse did.
public enum MouseAction: Hashable, Sendable {
  case press, drag, release, scrollUp, scrollDown
}

/// One event for the planner: a key, a mouse action at a cell, a new terminal
/// size, or a tick (time passed, for live updates).
public enum InputEvent: Hashable, Sendable {
  case key(Key)
  case mouse(MouseAction, x: Int, y: Int)
  case resize(width: Int, height: Int)
  case tick
  /// Text pasted into the terminal (bracketed paste): typed into a box that takes
  /// text, never run as keys.
  case paste(String)
}

/// Reads SGR mouse reports (`ESC [ < b ; x ; y M` or `m`), the form terminals and
/// tmux send when mode 1006 is on. Coordinates in the report are 1-based.
public enum SGRMouse {
  /// Parses the part after `ESC [ <`, such as `0;12;5M`. Nil when it is not one.
  public static func parse(_ body: String) -> InputEvent? {
    guard let last = body.last, last == "M" || last == "m" else { return nil }
    let numbers = body.dropLast().split(separator: ";").map { Int($0) }
    guard numbers.count == 3, let b = numbers[0], let x = numbers[1], let y = numbers[2] else { return nil }
    let motion = b & 32 != 0
    let button = b & 3
    if b & 64 != 0 { return .mouse(button == 0 ? .scrollUp : .scrollDown, x: x - 1, y: y - 1) }
    if last == "m" { return .mouse(.release, x: x - 1, y: y - 1) }
    if motion { return button == 3 ? nil : .mouse(.drag, x: x - 1, y: y - 1) }
    return button == 0 ? .mouse(.press, x: x - 1, y: y - 1) : nil
  }
}

/// The little language of `rota open --script`: keys and mouse events, one
/// after another, separated by spaces or new lines.
///
///     j j l          plain characters are keys
///     <Space> <Enter> <Esc> <Tab> <S-Tab> <BS> <Del>
///     <Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home> <End> <F1> <C-l>
///     <press 30 5> <drag 42 5> <release 42 5>    mouse, 0-based column and row
///     <wheelup 10 10> <wheeldown 10 10>
///     <resize 80 24>
///     <paste:some text>   text pasted into the terminal
///     "some text"    each character typed
///     # to the end of the line is a comment
public enum KeyScript {
  public struct Error: Swift.Error, CustomStringConvertible {
    public let description: String
  }

  public static func parse(_ text: String) throws -> [InputEvent] {
    var events: [InputEvent] = []
    var i = text.startIndex
    func word(until end: Character) throws -> String {
      var w = ""
      while i < text.endIndex, text[i] != end {
        w.append(text[i])
        i = text.index(after: i)
      }
      guard i < text.endIndex else { throw Error(description: "a '\(end == ">" ? "<" : "\"")' is not closed") }
      i = text.index(after: i)
      return w
    }
    while i < text.endIndex {
      let c = text[i]
      i = text.index(after: i)
      switch c {
      case " ", "\n", "\t", "\r": continue
      case "#":
        while i < text.endIndex, text[i] != "\n" { i = text.index(after: i) }
      case "\"":
        for ch in try word(until: "\"") { events.append(.key(.char(ch))) }
      case "<":
        let w = try word(until: ">")
        events.append(try named(w))
      default:
        events.append(.key(.char(c)))
      }
    }
    return events
  }

  static func named(_ w: String) throws -> InputEvent {
    if w.lowercased().hasPrefix("paste:") { return .paste(String(w.dropFirst(6))) }
    let parts = w.split(separator: " ").map(String.init)
    if parts.count == 3, let x = Int(parts[1]), let y = Int(parts[2]) {
      switch parts[0].lowercased() {
      case "press": return .mouse(.press, x: x, y: y)
      case "drag": return .mouse(.drag, x: x, y: y)
      case "release": return .mouse(.release, x: x, y: y)
      case "wheelup": return .mouse(.scrollUp, x: x, y: y)
      case "wheeldown": return .mouse(.scrollDown, x: x, y: y)
      case "resize":
        guard (1...1000).contains(x), (1...1000).contains(y) else {
          throw Error(description: "<resize \(x) \(y)>: a size is 1 to 1000 columns and rows")
        }
        return .resize(width: x, height: y)
      default: break
      }
    }
    switch w.lowercased() {
    case "space": return .key(.char(" "))
    case "enter", "cr", "return": return .key(.enter)
    case "esc", "escape": return .key(.escape)
    case "tab": return .key(.tab)
    case "s-tab", "backtab": return .key(.backTab)
    case "bs", "backspace": return .key(.backspace)
    case "del", "delete": return .key(.delete)
    case "up": return .key(.up)
    case "down": return .key(.down)
    case "left": return .key(.left)
    case "right": return .key(.right)
    case "pgup", "pageup": return .key(.pageUp)
    case "pgdn", "pagedown": return .key(.pageDown)
    case "home": return .key(.home)
    case "end": return .key(.end)
    case "lt": return .key(.char("<"))
    case "gt": return .key(.char(">"))
    case "tick": return .tick
    default: break
    }
    let lower = w.lowercased()
    if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { return .key(.function(n)) }
    if lower.hasPrefix("c-"), lower.count == 3, let ch = lower.last { return .key(.control(ch)) }
    throw Error(description: "unknown key <\(w)>")
  }
}
