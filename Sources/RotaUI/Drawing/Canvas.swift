import RotaCore

/// What a cell means, not what colour it is: the theme turns roles into colours
/// and attributes, so a theme is a table and no view names a colour.
public enum StyleRole: String, CaseIterable, Sendable {
  case normal, title, header, roleHeader, dim, rule
  case practice, school, hospice, hospital, hub, community
  case home, leave, holiday, off
  case error, warning, info, solitary, closed, gap
  case levelOk, levelWatch, levelOverload
  /// Today's column heading, past days' headings, and cells another person just changed.
  case today, past, changed
  case selection, dragSource, dragTarget, preview
  case statusBar, statusError, statusWarning, statusGood
  case footer, footerKey
  case overlay, overlayTitle, overlaySelected, overlayBorder, input
}

/// A cell's style: its role, an optional site accent (each site has its own
/// colour in a theme), and emphasis the theme may add to.
public struct Style: Hashable, Sendable {
  public var role: StyleRole
  /// The site's index when the cell shows a site, for its accent colour; -1 otherwise.
  public var site: Int16
  public var bold: Bool
  public var underline: Bool
  public var reverse: Bool
  /// Drawn faint (the terminal's dim attribute): days already past.
  public var faint: Bool

  public init(
    _ role: StyleRole, site: Int = -1, bold: Bool = false, underline: Bool = false, reverse: Bool = false,
    faint: Bool = false
  ) {
    self.role = role
    self.site = Int16(clamping: site)
    self.bold = bold
    self.underline = underline
    self.reverse = reverse
    self.faint = faint
  }

  public static let normal = Style(.normal)
}

/// One terminal cell: a grapheme (or "" when it is the right half of a wide
/// character) and its style.
public struct Cell: Hashable, Sendable {
  public var text: String
  public var style: Style

  public init(_ text: String = " ", _ style: Style = .normal) {
    self.text = text
    self.style = style
  }

  /// The second column of a double-width character.
  public var isContinuation: Bool { text.isEmpty }
}

/// A rectangle of cells that views draw into. The terminal layer copies it to
/// the screen; tests read it as text. Text is measured with wcwidth and cleaned
/// of control characters on the way in, so nothing from a rota can reach the
/// terminal as an escape sequence.
public struct Canvas: Sendable {
  public private(set) var width: Int
  public private(set) var height: Int
  public private(set) var cells: [Cell]
  /// Sentences that were meant to be read whole but did not fit where they were
  /// put (see `putWhole`). The planner's tests require this to stay empty: a
  /// sentence is wrapped or given a shorter form, never cut mid-word.
  public private(set) var cutSentences: [String] = []

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: Cell(), count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  /// Fills a rectangle with spaces of a style.
  public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style) {
    for row in max(0, y)..<min(height, y + h) {
      for col in max(0, x)..<min(width, x + w) { cells[row * width + col] = Cell(" ", style) }
    }
  }

  /// Writes text from (x, y), clipped at `x + limit` and at the canvas edge.
  /// Returns the column after the last cell written.
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, style: Style, limit: Int? = nil) -> Int {
    guard y >= 0, y < height else { return x }
    let end = min(width, limit.map { x + $0 } ?? width)
    var col = x
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      // Plain ASCII: a cell a byte, with no grapheme clusters to find.
      for b in text.utf8 {
        if col >= end { break }
        if col >= 0 {
          let c: Character = b < 0x20 || b == 0x7F ? "\u{FFFD}" : Character(Unicode.Scalar(b))
          cells[y * width + col] = Cell(String(c), style)
        }
        col += 1
      }
      return col
    }
    for ch in text {
      var c = ch
      if let s = ch.unicodeScalars.first, RotaText.isForbidden(s) { c = "\u{FFFD}" }
      let w = TextWidth.width(of: c)
      if w == 0 {
        // A combining mark with nothing to combine onto is dropped.
        if col > x, col - 1 < width, col - 1 >= 0 {
          var prev = cells[y * width + col - 1]
          if prev.isContinuation, col - 2 >= 0 { prev = cells[y * width + col - 2] }
          if !prev.isContinuation {
            let at = cells[y * width + col - 1].isContinuation ? col - 2 : col - 1
            cells[y * width + at].text.append(c)
          }
        }
        continue
      }
      if col + w > end { break }
      if col >= 0 {
        cells[y * width + col] = Cell(String(c), style)
        if w == 2 { cells[y * width + col + 1] = Cell("", style) }
      }
      col += w
    }
    return col
  }

  /// Writes a sentence that must be read whole; if it does not fit, it is cut
  /// like `put` and recorded in `cutSentences`, which the tests check.
  @discardableResult
  public mutating func putWhole(_ text: String, x: Int, y: Int, style: Style, limit: Int? = nil) -> Int {
    let room = min(width, limit.map { x + $0 } ?? width) - x
    if TextWidth.width(of: text) > room { cutSentences.append(text) }
    return put(text, x: x, y: y, style: style, limit: limit)
  }

  /// Writes text padded with spaces (or cut with "…") to exactly `columns`.
  public mutating func putPadded(_ text: String, x: Int, y: Int, columns: Int, style: Style, alignRight: Bool = false) {
    let t = alignRight ? TextWidth.padLeft(text, to: columns) : TextWidth.pad(text, to: columns)
    put(t, x: x, y: y, style: style, limit: columns)
  }

  /// Changes the style of cells already drawn, keeping their text.
  public mutating func restyle(x: Int, y: Int, width w: Int, _ change: (inout Style) -> Void) {
    guard y >= 0, y < height else { return }
    for col in max(0, x)..<min(width, x + w) { change(&cells[y * width + col].style) }
  }

  /// One line of the canvas as text, trailing spaces removed.
  public func line(_ y: Int) -> String {
    var s = ""
    for x in 0..<width { s += cells[y * width + x].text }
    while s.last == " " { s.removeLast() }
    return s
  }

  /// The whole canvas as text, one line per row: what the golden-screen tests compare.
  public var text: String { (0..<height).map(line).joined(separator: "\n") + "\n" }

  /// The styles of the canvas as text, one letter per column, for golden tests of
  /// colour and attributes (see `StyleRole.letter`).
  public var styleText: String {
    (0..<height).map { y in
      var s = ""
      for x in 0..<width {
        let c = cells[y * width + x]
        s += c.style.reverse ? c.style.role.letter.uppercased() : c.style.role.letter
      }
      return s
    }.joined(separator: "\n") + "\n"
  }
}

extension StyleRole {
  /// A letter per role, for style dumps in tests.
  public var letter: String {
    switch self {
    case .normal: return "."
    case .title: return "t"
    case .header: return "h"
    case .roleHeader: return "r"
    case .dim: return "d"
    case .rule: return "-"
    case .practice, .school, .hospice, .hospital, .hub, .community: return "s"
    case .home: return "o"
    case .leave: return "l"
    case .holiday: return "y"
    case .off: return "f"
    case .error: return "e"
    case .warning: return "w"
    case .info: return "i"
    case .solitary: return "a"
    case .closed: return "c"
    case .gap: return "g"
    case .levelOk: return "k"
    case .levelWatch: return "j"
    case .levelOverload: return "v"
    case .today: return "^"
    case .past: return "`"
    case .changed: return "*"
    case .selection: return "x"
    case .dragSource: return "z"
    case .dragTarget: return "q"
    case .preview: return "p"
    case .statusBar, .statusError, .statusWarning, .statusGood: return "b"
    case .footer, .footerKey: return "u"
    case .overlay, .overlayTitle, .overlaySelected, .overlayBorder, .input: return "m"
    }
  }
}
