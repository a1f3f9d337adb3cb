/// What rota prints. Every byte rota writes to standard output or standard error
/// passes through here: the command line's output and its messages, and the rota
/// file reader's errors. So no text from a rota file, a database or the command
/// line can put an escape sequence on a terminal (an OSC 52 sequence in a site's
/// kind once set the clipboard when `rota check` merely rejected the file), and no
/// bad value is echoed at any length (a 50 MB one once was).
///
/// What is never printed is `RotaText.isForbidden`: the C0 controls (ESC and BEL
/// among them), DEL, the C1 controls U+0080 to U+009F, the line and paragraph
/// separators and the bidi controls. The one exception is the line break: a line
/// feed, or a carriage return directly before one (CSV and iCalendar end their
/// lines with both).
public enum PrintableText {
  /// The most characters of a value a message quotes; the rest is cut.
  public static let quoteLimit = 60
  /// The most characters one line of a message keeps; the middle of a longer line is cut.
  public static let lineLimit = 1000

  /// Output for a stream, such as a report or an export: every character that may
  /// not be printed becomes U+FFFD, so the output keeps its shape.
  public static func stream(_ text: String) -> String {
    guard needsCleaning(text) else { return text }
    var out = String.UnicodeScalarView()
    var scalars = text.unicodeScalars.makeIterator()
    var next = scalars.next()
    while let s = next {
      next = scalars.next()
      if s == "\n" || (s == "\r" && next == "\n") || !RotaText.isForbidden(s) {
        out.append(s)
      } else {
        out.append("\u{FFFD}")
      }
    }
    return String(out)
  }

  /// A message for a person, one or more lines: every character that may not be
  /// printed is shown as its code point (`<U+001B>`), and the middle of a line
  /// longer than `lineLimit` characters is cut.
  public static func message(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      let visible = showingCodePoints(line)
      return visible.count > lineLimit ? cutMiddle(visible) : visible
    }.joined(separator: "\n")
  }

  /// A value quoted in a message, `'RVS'`: characters that may not be printed
  /// shown as code points, and a value longer than `quoteLimit` characters cut,
  /// with its length: `'aaaa…' (50000000 characters)`.
  public static func quoted(_ value: some StringProtocol) -> String {
    var kept = Substring()
    var characters = 0
    var scalars = 0
    var whole = true
    for c in value {
      // A character can hold any number of combining marks: count those too.
      characters += 1
      scalars += c.unicodeScalars.count
      if characters > quoteLimit || scalars > 2 * quoteLimit {
        whole = false
        break
      }
      kept.append(c)
    }
    guard !whole else { return "'\(showingCodePoints(kept))'" }
    return "'\(showingCodePoints(kept))…' (\(value.unicodeScalars.count) characters)"
  }

  /// `text` with each character that may not be printed, line breaks included,
  /// shown as its code point: `<U+001B>`.
  static func showingCodePoints(_ text: some StringProtocol) -> String {
    guard text.unicodeScalars.contains(where: RotaText.isForbidden) else { return String(text) }
    var out = ""
    for s in text.unicodeScalars {
      if RotaText.isForbidden(s) {
        out += "<\(RotaText.codePoint(s))>"
      } else {
        out.unicodeScalars.append(s)
      }
    }
    return out
  }

  /// The first and last parts of a long line, and how much was cut between them.
  static func cutMiddle(_ line: String) -> String {
    let head = lineLimit * 2 / 3
    let tail = lineLimit / 4
    let cut = line.count - head - tail
    return "\(line.prefix(head)) … (\(cut) characters cut) … \(line.suffix(tail))"
  }

  /// True when `text` holds a character that may not be printed, other than a line
  /// break. Looks at the UTF-8 bytes, so clean output costs one pass and no copy.
  static func needsCleaning(_ text: String) -> Bool {
    var previous: UInt8 = 0
    var beforePrevious: UInt8 = 0
    var pendingReturn = false
    for b in text.utf8 {
      if pendingReturn && b != 0x0A { return true }
      pendingReturn = false
      switch b {
      case 0x0A: break
      case 0x0D: pendingReturn = true
      case 0x00...0x1F, 0x7F: return true
      // U+0080 to U+009F are C2 80 to C2 9F.
      case 0x80...0x9F where previous == 0xC2: return true
      // U+2028, U+2029 and U+202A to U+202E are E2 80 A8 to E2 80 AE.
      case 0xA8...0xAE where previous == 0x80 && beforePrevious == 0xE2: return true
      // U+2066 to U+2069 are E2 81 A6 to E2 81 A9.
      case 0xA6...0xA9 where previous == 0x81 && beforePrevious == 0xE2: return true
      default: break
      }
      beforePrevious = previous
      previous = b
    }
    return pendingReturn
  }
}

extension String.StringInterpolation {
  /// `"unknown kind \(quoted: value)"`: the value as `PrintableText.quoted` shows it.
  mutating func appendInterpolation(quoted value: some StringProtocol) {
    appendLiteral(PrintableText.quoted(value))
  }
}
