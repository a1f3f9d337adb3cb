/// Rules for free text in a rota (names, titles): what may be stored, and how it
/// is made safe to show.
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
}
