import RotaUI

/// Turns what a terminal sends into the planner's events, with no terminal in
/// sight: the escape sequences of xterm, tmux, screen, rxvt and the Linux console
/// for arrows, Home, End, PgUp, PgDn, Delete, F1–F12 and Shift-Tab, in their CSI
/// and SS3 forms, and SGR mouse reports. Any other CSI, SS3, OSC, DCS, APC, PM or
/// SOS sequence is swallowed whole, so its bytes never arrive as keys (the `[`
/// of an unknown sequence would otherwise go back a week).
public struct KeyDecoder: Sendable {
  enum State: Hashable, Sendable {
    case ground
    /// After ESC.
    case escape
    /// After `ESC [`, collecting parameters and intermediates until a final byte.
    case csi
    /// After `ESC [ M`: an X10 mouse report, three bytes to come.
    case x10Mouse
    /// After `ESC [ [`: a Linux console function key, one letter to come.
    case linuxFunction
    /// After `ESC O`.
    case ss3
    /// Inside an OSC, DCS, APC, PM or SOS string, until BEL or ST.
    case string
    /// After ESC inside a string: `\` ends it, anything else ends it and starts anew.
    case stringEscape
    /// Between `ESC [ 200 ~` and `ESC [ 201 ~`: text pasted into the terminal.
    case paste
  }

  private(set) var state = State.ground
  private var buffer: [Unicode.Scalar] = []
  /// Parameters beyond `longest` were dropped: the sequence is swallowed whole when it ends.
  private var overflowed = false
  /// What has been pasted so far.
  private var pasted: [Unicode.Scalar] = []
  /// Timeouts in a row while inside a string (a broken one must not swallow keys for ever).
  private var quietTimeouts = 0

  /// The longest sequence kept; a longer one is still read to its end, and dropped whole.
  static let longest = 64
  /// The most characters of one paste kept.
  static let longestPaste = 4096
  /// Quiet periods after which an unfinished string is given up.
  static let stringPatience = 10

  public init() {}

  /// True while a sequence has begun and not ended: the caller should wait a
  /// moment for the rest, then call `timeout` if nothing comes.
  public var isPending: Bool { state != .ground }

  /// Decodes a whole input at once, as if the terminal then fell quiet (for tests).
  public static func decode(_ text: String) -> [InputEvent] {
    var d = KeyDecoder()
    var out: [InputEvent] = []
    for s in text.unicodeScalars { out += d.feed(s) }
    for _ in 0...stringPatience { out += d.timeout() }
    return out
  }

  /// Nothing more arrived: a lone ESC is the Esc key; an unfinished sequence is dropped.
  public mutating func timeout() -> [InputEvent] {
    switch state {
    case .ground: return []
    case .escape:
      reset()
      return [.key(.escape)]
    case .string, .stringEscape:
      quietTimeouts += 1
      if quietTimeouts >= Self.stringPatience { reset() }
      return []
    case .paste:
      // A paste whose end never came: what arrived is the paste.
      quietTimeouts += 1
      guard quietTimeouts >= Self.stringPatience else { return [] }
      let text = String(String.UnicodeScalarView(pasted))
      reset()
      return text.isEmpty ? [] : [.paste(text)]
    default:
      reset()
      return []
    }
  }

  private mutating func reset() {
    state = .ground
    buffer.removeAll(keepingCapacity: true)
    pasted.removeAll(keepingCapacity: true)
    overflowed = false
    quietTimeouts = 0
  }

  public mutating func feed(_ s: Unicode.Scalar) -> [InputEvent] {
    let v = s.value
    quietTimeouts = 0
    switch state {
    case .ground:
      return ground(s)

    case .escape:
      switch v {
      case 0x5B:  // [
        state = .csi
        buffer.removeAll(keepingCapacity: true)
      case 0x4F:  // O
        state = .ss3
        buffer.removeAll(keepingCapacity: true)
      case 0x5D, 0x50, 0x5F, 0x5E, 0x58:  // ] P _ ^ X: OSC, DCS, APC, PM, SOS
        state = .string
      case 0x1B:
        // ESC ESC: the first is the Esc key; the second may begin a sequence.
        return [.key(.escape)]
      case 0x00..<0x20, 0x7F:
        reset()
        return [.key(.escape)] + ground(s)
      default:
        // Alt with a key: not bound to anything; dropped rather than read as two keys.
        reset()
      }
      return []

    case .csi:
      if buffer.isEmpty && v == 0x5B {  // [
        state = .linuxFunction
        return []
      }
      if buffer.isEmpty && v == 0x4D {  // M with no parameters: X10 mouse
        state = .x10Mouse
        return []
      }
      if v == 0x1B {
        // A new sequence interrupts this one.
        state = .escape
        buffer.removeAll(keepingCapacity: true)
        return []
      }
      // rxvt ends modified keys with $ (shift), ^ (control) or @ (both).
      let rxvtFinal = v == 0x24 && !buffer.isEmpty && buffer.allSatisfy { ($0.value >= 0x30 && $0.value <= 0x39) }
      if (0x40...0x7E).contains(v) || rxvtFinal {
        if overflowed {
          reset()
          return []
        }
        let parameters = String(String.UnicodeScalarView(buffer))
        if parameters == "200" && v == 0x7E {
          // Bracketed paste: what follows, to ESC [ 201 ~, is text, never keys.
          buffer.removeAll(keepingCapacity: true)
          state = .paste
          return []
        }
        // An SGR mouse report is a CSI whose parameters start with "<".
        let event =
          parameters.hasPrefix("<") && (v == 0x4D || v == 0x6D)
          ? SGRMouse.parse(String(parameters.dropFirst()) + String(s))
          : Self.csiEvent(parameters: parameters, final: s)
        reset()
        return event.map { [$0] } ?? []
      }
      if (0x20...0x3F).contains(v) {
        if buffer.count < Self.longest { buffer.append(s) } else { overflowed = true }
        return []
      }
      // Not part of a CSI: the sequence is broken; drop it.
      reset()
      return []

    case .x10Mouse:
      buffer.append(s)
      guard buffer.count == 3 else { return [] }
      let (b, x, y) = (Int(buffer[0].value) - 32, Int(buffer[1].value) - 33, Int(buffer[2].value) - 33)
      reset()
      guard b >= 0, x >= 0, y >= 0 else { return [] }
      if b & 64 != 0 { return [.mouse(b & 1 == 0 ? .scrollUp : .scrollDown, x: x, y: y)] }
      if b & 3 == 3 { return [.mouse(.release, x: x, y: y)] }
      if b & 32 != 0 { return b & 3 == 0 ? [.mouse(.drag, x: x, y: y)] : [] }
      return b & 3 == 0 ? [.mouse(.press, x: x, y: y)] : []

    case .linuxFunction:
      reset()
      switch v {
      case 0x41...0x45: return [.key(.function(Int(v - 0x41) + 1))]  // A-E: F1-F5
      default: return []
      }

    case .ss3:
      if (0x30...0x3B).contains(v) {
        // Parameters (some terminals send modifiers here: ESC O 1 ; 2 P).
        if buffer.count < Self.longest { buffer.append(s) } else { overflowed = true }
        return []
      }
      let dropped = overflowed
      reset()
      return dropped ? [] : Self.ss3Event(final: s).map { [$0] } ?? []

    case .string:
      if v == 0x07 || v == 0x9C {
        reset()
      } else if v == 0x1B {
        state = .stringEscape
      }
      return []

    case .paste:
      if pasted.count < Self.longestPaste + 6 { pasted.append(s) }
      let end: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]
      guard pasted.count >= end.count, Array(pasted.suffix(end.count)) == end else { return [] }
      let text = String(String.UnicodeScalarView(pasted.dropLast(end.count).prefix(Self.longestPaste)))
      reset()
      return text.isEmpty ? [] : [.paste(text)]

    case .stringEscape:
      if v == 0x5C {  // backslash: ST
        reset()
        return []
      }
      // ESC followed by anything else ends the string; that ESC starts anew.
      state = .escape
      return feed(s)
    }
  }

  /// A scalar outside any sequence.
  private mutating func ground(_ s: Unicode.Scalar) -> [InputEvent] {
    switch s.value {
    case 0x1B:
      state = .escape
      return []
    case 0x9B:
      state = .csi
      buffer.removeAll(keepingCapacity: true)
      return []
    case 0x8F:
      state = .ss3
      buffer.removeAll(keepingCapacity: true)
      return []
    case 0x90, 0x9D, 0x98, 0x9E, 0x9F:
      state = .string
      return []
    case 0x0D, 0x0A: return [.key(.enter)]
    case 0x09: return [.key(.tab)]
    case 0x7F, 0x08: return [.key(.backspace)]
    case 0x01...0x1A: return [.key(.control(Character(Unicode.Scalar(UInt8(s.value) + 0x60))))]
    case 0x00, 0x1C...0x1F, 0x80...0x9F: return []
    default: return [.key(.char(Character(s)))]
    }
  }

  /// The key a CSI sequence stands for, or nil for one rota has no use for.
  static func csiEvent(parameters: String, final: Unicode.Scalar) -> InputEvent? {
    // Private sequences (replies to queries, ESC [ ? …) are never keys.
    if let first = parameters.unicodeScalars.first, (0x3C...0x3F).contains(first.value) { return nil }
    let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
    let first = numbers.first.flatMap { $0 }
    switch final {
    case "A", "a": return .key(.up)
    case "B", "b": return .key(.down)
    case "C", "c": return .key(.right)
    case "D", "d": return .key(.left)
    case "H": return .key(.home)
    case "F": return .key(.end)
    case "Z": return .key(.backTab)
    case "P", "Q", "R", "S":
      // xterm's F1-F4 with modifiers: ESC [ 1 ; 2 P.
      return .key(.function(Int(final.value - 0x50) + 1))
    case "~", "$", "^", "@":
      switch first {
      case 1, 7: return .key(.home)
      case 3: return .key(.delete)
      case 4, 8: return .key(.end)
      case 5: return .key(.pageUp)
      case 6: return .key(.pageDown)
      case 11, 12, 13, 14, 15: return .key(.function(first! - 10))
      case 17, 18, 19, 20, 21: return .key(.function(first! - 11))
      case 23, 24: return .key(.function(first! - 12))
      default: return nil
      }
    default: return nil
    }
  }

  /// The key an SS3 sequence stands for: arrows, Home and End in application
  /// mode, F1–F4, keypad Enter. (rota never turns on the keypad's application
  /// mode, so its other SS3 keys are not expected, and are dropped.)
  static func ss3Event(final: Unicode.Scalar) -> InputEvent? {
    switch final {
    case "A", "a": return .key(.up)
    case "B", "b": return .key(.down)
    case "C", "c": return .key(.right)
    case "D", "d": return .key(.left)
    case "H": return .key(.home)
    case "F": return .key(.end)
    case "P", "Q", "R", "S": return .key(.function(Int(final.value - 0x50) + 1))
    case "M": return .key(.enter)
    default: return nil
    }
  }
}
