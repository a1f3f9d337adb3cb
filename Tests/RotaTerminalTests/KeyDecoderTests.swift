import Testing

@testable import RotaTerminal
@testable import RotaUI

/// The byte sequences terminals send, and what each must decode to.
@Suite("Key decoding")
struct KeyDecoderTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let bytes: String
    let events: [InputEvent]
    let who: String
    var testDescription: String { "\(who): \(bytes.debugDescription)" }
  }

  static func key(_ k: Key) -> [InputEvent] { [.key(k)] }

  static let cases: [Case] = [
    // Arrows: normal (CSI) and application (SS3) cursor modes; with modifiers; rxvt's shifted forms.
    Case(bytes: "\u{1B}[A", events: key(.up), who: "xterm, tmux, screen, linux"),
    Case(bytes: "\u{1B}[B", events: key(.down), who: "xterm, tmux, screen, linux"),
    Case(bytes: "\u{1B}[C", events: key(.right), who: "xterm, tmux, screen, linux"),
    Case(bytes: "\u{1B}[D", events: key(.left), who: "xterm, tmux, screen, linux"),
    Case(bytes: "\u{1B}OA", events: key(.up), who: "xterm application mode"),
    Case(bytes: "\u{1B}OB", events: key(.down), who: "xterm application mode"),
    Case(bytes: "\u{1B}OC", events: key(.right), who: "xterm application mode"),
    Case(bytes: "\u{1B}OD", events: key(.left), who: "xterm application mode"),
    Case(bytes: "\u{1B}[1;5A", events: key(.up), who: "xterm, Ctrl-Up"),
    Case(bytes: "\u{1B}[1;2D", events: key(.left), who: "xterm, Shift-Left"),
    Case(bytes: "\u{1B}[a", events: key(.up), who: "rxvt, Shift-Up"),
    Case(bytes: "\u{1B}Od", events: key(.left), who: "rxvt, Ctrl-Left"),
    // Home and End.
    Case(bytes: "\u{1B}[H", events: key(.home), who: "xterm"),
    Case(bytes: "\u{1B}[F", events: key(.end), who: "xterm"),
    Case(bytes: "\u{1B}OH", events: key(.home), who: "xterm application mode"),
    Case(bytes: "\u{1B}OF", events: key(.end), who: "xterm application mode"),
    Case(bytes: "\u{1B}[1~", events: key(.home), who: "tmux, screen, linux"),
    Case(bytes: "\u{1B}[4~", events: key(.end), who: "tmux, screen, linux"),
    Case(bytes: "\u{1B}[7~", events: key(.home), who: "rxvt"),
    Case(bytes: "\u{1B}[8~", events: key(.end), who: "rxvt"),
    Case(bytes: "\u{1B}[1;5H", events: key(.home), who: "xterm, Ctrl-Home"),
    Case(bytes: "\u{1B}[7$", events: key(.home), who: "rxvt, Shift-Home"),
    // Page keys, Delete.
    Case(bytes: "\u{1B}[5~", events: key(.pageUp), who: "all"),
    Case(bytes: "\u{1B}[6~", events: key(.pageDown), who: "all"),
    Case(bytes: "\u{1B}[6;2~", events: key(.pageDown), who: "xterm, Shift-PgDn"),
    Case(bytes: "\u{1B}[5^", events: key(.pageUp), who: "rxvt, Ctrl-PgUp"),
    Case(bytes: "\u{1B}[3~", events: key(.delete), who: "all"),
    // Function keys.
    Case(bytes: "\u{1B}OP", events: key(.function(1)), who: "xterm F1"),
    Case(bytes: "\u{1B}OS", events: key(.function(4)), who: "xterm F4"),
    Case(bytes: "\u{1B}[1;2P", events: key(.function(1)), who: "xterm Shift-F1"),
    Case(bytes: "\u{1B}[11~", events: key(.function(1)), who: "rxvt, vt220 F1"),
    Case(bytes: "\u{1B}[15~", events: key(.function(5)), who: "F5"),
    Case(bytes: "\u{1B}[17~", events: key(.function(6)), who: "F6"),
    Case(bytes: "\u{1B}[21~", events: key(.function(10)), who: "F10"),
    Case(bytes: "\u{1B}[23~", events: key(.function(11)), who: "F11"),
    Case(bytes: "\u{1B}[24~", events: key(.function(12)), who: "F12"),
    Case(bytes: "\u{1B}[[A", events: key(.function(1)), who: "linux console F1"),
    Case(bytes: "\u{1B}[[E", events: key(.function(5)), who: "linux console F5"),
    // Shift-Tab, Tab, Enter, Backspace, Esc, control keys.
    Case(bytes: "\u{1B}[Z", events: key(.backTab), who: "all"),
    Case(bytes: "\t", events: key(.tab), who: "all"),
    Case(bytes: "\r", events: key(.enter), who: "all"),
    Case(bytes: "\u{7F}", events: key(.backspace), who: "most"),
    Case(bytes: "\u{8}", events: key(.backspace), who: "some"),
    Case(bytes: "\u{1B}", events: key(.escape), who: "Esc, alone"),
    Case(bytes: "\u{1B}\u{1B}", events: key(.escape) + key(.escape), who: "Esc twice"),
    Case(bytes: "\u{C}", events: key(.control("l")), who: "Ctrl-L"),
    Case(bytes: "\u{1B}OM", events: key(.enter), who: "keypad Enter"),
    Case(bytes: "\u{1B}[46u", events: [], who: "kitty keyboard protocol (never asked for)"),
    Case(bytes: "\u{1B}On", events: [], who: "keypad . in application mode (never asked for)"),
    // 8-bit forms of CSI and SS3.
    Case(bytes: "\u{9B}A", events: key(.up), who: "8-bit CSI"),
    Case(bytes: "\u{8F}F", events: key(.end), who: "8-bit SS3"),
    // Mouse.
    Case(bytes: "\u{1B}[<0;25;4M", events: [.mouse(.press, x: 24, y: 3)], who: "SGR press"),
    Case(bytes: "\u{1B}[<32;40;4M", events: [.mouse(.drag, x: 39, y: 3)], who: "SGR drag"),
    Case(bytes: "\u{1B}[<0;56;4m", events: [.mouse(.release, x: 55, y: 3)], who: "SGR release"),
    Case(bytes: "\u{1B}[<65;3;3M", events: [.mouse(.scrollDown, x: 2, y: 2)], who: "SGR wheel"),
    Case(bytes: "\u{1B}[M !!", events: [.mouse(.press, x: 0, y: 0)], who: "X10 press"),
    Case(bytes: "\u{1B}[M#!!", events: [.mouse(.release, x: 0, y: 0)], who: "X10 release"),
    // Everything else is swallowed whole: nothing of it arrives as keys.
    Case(bytes: "\u{1B}[?1;2c", events: [], who: "a terminal's reply (DA)"),
    Case(bytes: "\u{1B}[200~Hxu\u{1B}[201~", events: [.paste("Hxu")], who: "bracketed paste: text, never keys"),
    Case(
      bytes: "\u{1B}[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20;21;22;23;24;25;26O", events: [],
      who: "a CSI longer than any key's, swallowed whole (its final O is not a key)"),
    Case(bytes: "\u{1B}O" + String(repeating: "1;", count: 40) + "H", events: [], who: "an SS3 far too long"),
    Case(bytes: "\u{1B}[I", events: [], who: "focus in"),
    Case(bytes: "\u{1B}[O", events: [], who: "focus out"),
    Case(bytes: "\u{1B}[2~", events: [], who: "Insert"),
    Case(bytes: "\u{1B}[99;99;99q", events: [], who: "unknown CSI"),
    Case(bytes: "\u{1B}Oz", events: [], who: "unknown SS3"),
    Case(bytes: "\u{1B}]0;window [title]\u{7}", events: [], who: "OSC ended by BEL"),
    Case(bytes: "\u{1B}]52;c;cm0gLXJmIH4=\u{1B}\\", events: [], who: "OSC 52 ended by ST"),
    Case(bytes: "\u{1B}P+q544e\u{1B}\\", events: [], who: "DCS"),
    Case(bytes: "\u{1B}_APC [stuff]\u{1B}\\", events: [], who: "APC"),
    Case(bytes: "\u{1B}^PM [stuff]\u{1B}\\", events: [], who: "PM"),
    Case(bytes: "\u{1B}X SOS [stuff]\u{1B}\\", events: [], who: "SOS"),
    Case(bytes: "\u{9D}0;title [x]\u{9C}", events: [], who: "8-bit OSC"),
    Case(bytes: "\u{1B}[", events: [], who: "CSI cut short"),
    Case(bytes: "\u{1B}[1;", events: [], who: "CSI cut short after a parameter"),
    Case(bytes: "\u{1B}x", events: [], who: "Alt-x: bound to nothing"),
    // Sequences next to keys: each keeps its own meaning.
    Case(bytes: "j\u{1B}[4~k", events: key(.char("j")) + key(.end) + key(.char("k")), who: "keys around End"),
    Case(bytes: "\u{1B}]0;t\u{7}[", events: key(.char("[")), who: "a real [ after an OSC"),
    Case(bytes: "\u{1B}[1~\u{1B}[4~", events: key(.home) + key(.end), who: "two sequences back to back"),
    Case(bytes: "\u{1B}]0;broken\u{1B}[A", events: key(.up), who: "an OSC cut off by a new sequence"),
    Case(bytes: "é陳", events: key(.char("é")) + key(.char("陳")), who: "text"),
  ]

  @Test("each sequence decodes to its key, or to nothing", arguments: cases)
  func decodes(_ c: Case) {
    #expect(KeyDecoder.decode(c.bytes) == c.events)
  }

  @Test("fed one character at a time with quiet in between, a sequence still decodes whole")
  func byteByByte() {
    var d = KeyDecoder()
    var out: [InputEvent] = []
    for s in "\u{1B}[4~".unicodeScalars { out += d.feed(s) }
    #expect(out == [.key(.end)])
    // A lone Esc waits for the rest; the quiet that follows makes it the Esc key.
    #expect(d.feed("\u{1B}").isEmpty)
    #expect(d.isPending)
    #expect(d.timeout() == [.key(.escape)])
    #expect(!d.isPending)
  }

  @Test("a string that never ends is given up after a while, and keys come through again")
  func brokenString() {
    var d = KeyDecoder()
    for s in "\u{1B}]0;no end".unicodeScalars { _ = d.feed(s) }
    #expect(d.feed("j").isEmpty, "inside the string, j is part of it")
    for _ in 0..<KeyDecoder.stringPatience { _ = d.timeout() }
    #expect(!d.isPending)
    #expect(d.feed("j") == [.key(.char("j"))])
  }

  @Test("a storm of random well-formed sequences never yields a week key")
  func storm() {
    var seeded = Seeded(seed: 8)
    func pick(_ pool: String) -> Character {
      let a = Array(pool)
      return a[Int(seeded.next() % UInt64(a.count))]
    }
    let weekKeys: Set<Key> = [
      .char("["), .char("]"), .char(","), .char("."), .char("<"), .char(">"), .char("t"), .char("g"),
    ]
    let finals = "ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~@"
    for _ in 0..<3000 {
      var s: String
      switch seeded.next() % 5 {
      case 0, 1:
        // CSI: parameters, intermediates, a final byte; 7-bit or 8-bit introducer.
        s = seeded.next() % 4 == 0 ? "\u{9B}" : "\u{1B}["
        for _ in 0..<(seeded.next() % 8) { s.append(pick("0123456789;:<=>?")) }
        for _ in 0..<(seeded.next() % 3) { s.append(pick(" !\"#%&'()*+,-./")) }
        s.append(pick(finals))
      case 2:
        s = "\u{1B}O"
        for _ in 0..<(seeded.next() % 3) { s.append(pick("0123456789;")) }
        s.append(pick(finals))
      default:
        // Strings: OSC, DCS, APC, PM, SOS, holding anything printable, ended by BEL or ST.
        s = ["\u{1B}]", "\u{1B}P", "\u{1B}_", "\u{1B}^", "\u{1B}X", "\u{9D}", "\u{90}"][Int(seeded.next() % 7)]
        for _ in 0..<(seeded.next() % 30) { s.append(pick("0123456789;[]{}<>.,tg abcxyz=+-/")) }
        s += seeded.next() % 2 == 0 ? "\u{7}" : "\u{1B}\\"
      }
      for e in KeyDecoder.decode(s) {
        if case .key(let k) = e {
          #expect(!weekKeys.contains(k), "\(s.unicodeScalars.map { String($0.value, radix: 16) }) gave \(k)")
        }
      }
    }
  }
}

/// A small seeded random source, so a storm is the same on every run.
struct Seeded {
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
