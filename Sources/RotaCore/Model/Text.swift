/// Rules for free text in a rota (names, titles): what may be stored, and how it
/// is made safe to show. This is the one place that says what a name may be; the
/// rota file reader, the database and the command line all ask `nameProblem`.
public enum RotaText {
  /// True for characters that must never be stored or reach a terminal: C0 and C1
  /// controls (ESC among them), line and paragraph separators, and the bidi
  /// embedding, override and isolate controls that can make text display as
  /// something other than what it is.
  public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x2028, 0x2029: return true
    case 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }

  /// The first forbidden character in `text`, if any.
  public static func firstForbidden(in text: String) -> Unicode.Scalar? {
    text.unicodeScalars.first(where: isForbidden)
  }

  /// `text` with every forbidden character replaced by U+FFFD, for display.
  public static func sanitized(_ text: String) -> String {
    guard firstForbidden(in: text) != nil else { return text }
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars { out.append(isForbidden(s) ? "\u{FFFD}" : s) }
    return String(out)
  }

  /// `U+001B`: how messages name a character.
  public static func codePoint(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  /// The most code points one character of a name may be made of: enough for a
  /// letter with its accents and for an emoji sequence (a family of four is 7),
  /// not for one letter under thousands of combining marks.
  public static let maxScalarsPerCharacter = 10

  /// Why `text` cannot be a name or a title of 1 to `maxLength` characters, or nil
  /// when it can. A name may be in any language, and it must:
  /// - hold no forbidden character (`isForbidden`), and no U+FFFD, which stands
  ///   for text that was not valid UTF-8;
  /// - be 1 to `maxLength` characters long, counted as a reader sees them
  ///   (a letter with its accents is one character);
  /// - make each character of at most `maxScalarsPerCharacter` code points;
  /// - show something: at least one character that is not a space, a mark on its
  ///   own, or an invisible character (such as U+200B ZERO WIDTH SPACE or U+3164
  ///   HANGUL FILLER).
  /// The message completes a sentence that starts with what the text is: "the
  /// worker's name is empty; expected 1 to 60 characters".
  public static func nameProblem(_ text: String, maxLength: Int) -> String? {
    var length = 0
    var visible = false
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
      // Printable ASCII, as most names are: a character a byte, nothing invisible but the space.
      length = text.utf8.count
      visible = text.utf8.contains { $0 != 0x20 }
    } else {
      if let bad = firstForbidden(in: text) {
        return "contains the control character \(codePoint(bad)); expected printable text"
      }
      if text.unicodeScalars.contains("\u{FFFD}") {
        return "contains U+FFFD, which stands for text that was not valid UTF-8; expected printable text"
      }
      for c in text {
        length += 1
        let scalars = c.unicodeScalars.count
        if scalars > maxScalarsPerCharacter {
          return
            "has a character made of \(scalars) code points (a letter under many accents or marks); expected at most \(maxScalarsPerCharacter) in one character"
        }
        if !visible, let first = c.unicodeScalars.first, isVisible(first) { visible = true }
      }
    }
    guard length >= 1 else { return "is empty; expected 1 to \(maxLength) characters" }
    guard visible else {
      return
        "shows nothing (only spaces or invisible characters); expected 1 to \(maxLength) characters, some of them visible"
    }
    guard length <= maxLength else { return "is \(length) characters long; expected 1 to \(maxLength)" }
    return nil
  }

  /// True for a code point that shows something on its own: not a space, not a
  /// mark, not a format or other invisible character.
  static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
    let p = scalar.properties
    if p.isWhitespace || p.isDefaultIgnorableCodePoint { return false }
    switch p.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .spaceSeparator, .lineSeparator,
      .paragraphSeparator, .nonspacingMark, .spacingMark, .enclosingMark:
      return false
    default:
      // The Braille blank looks like a space but is a symbol.
      return scalar.value != 0x2800
    }
  }
}
