import CWideChar

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Terminal column widths of text, from the C library's `wcwidth`, so that
/// "Siân", "陳" and combining accents line up the way a terminal draws them.
public enum TextWidth {
  /// glibc's wcwidth answers -1 for every non-ASCII character in the C locale, so
  /// make sure the character type is UTF-8 once, before the first question.
  private static let localeReady: Bool = {
    if let current = setlocale(LC_CTYPE, nil).map({ String(cString: $0) }),
      current.uppercased().contains("UTF-8") || current.uppercased().contains("UTF8")
    {
      return true
    }
    if setlocale(LC_CTYPE, "") != nil, let now = setlocale(LC_CTYPE, nil).map({ String(cString: $0) }),
      now.uppercased().contains("UTF")
    {
      return true
    }
    return setlocale(LC_CTYPE, "C.UTF-8") != nil
  }()

  /// Columns taken by one scalar: 0 for combining marks, 2 for wide East Asian
  /// characters, 1 otherwise (and 1 for anything `wcwidth` cannot measure).
  public static func width(of scalar: Unicode.Scalar) -> Int {
    if scalar.value < 0x7F { return 1 }
    _ = localeReady
    let w = Int(rota_wcwidth(scalar.value))
    return w < 0 ? 1 : w
  }

  /// Columns taken by one grapheme cluster: its base character's width, at least 1
  /// unless the whole cluster is zero-width.
  public static func width(of character: Character) -> Int {
    var total = 0
    var first = true
    for s in character.unicodeScalars {
      let w = width(of: s)
      if first {
        total = w
        first = false
      } else if s.value == 0xFE0F && total == 1 {
        total = 2
      }
    }
    return total
  }

  public static func width(of text: String) -> Int {
    // Plain ASCII, most of what a rota shows, is one column a byte.
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
    var n = 0
    for c in text { n += width(of: c) }
    return n
  }

  /// `text` cut to at most `columns` columns, ending in "…" when cut.
  public static func truncate(_ text: String, to columns: Int) -> String {
    guard columns > 0 else { return "" }
    if width(of: text) <= columns { return text }
    var out = ""
    var used = 0
    for c in text {
      let w = width(of: c)
      if used + w > columns - 1 { break }
      out.append(c)
      used += w
    }
    return out + "…"
  }

  /// `text` cut or padded with spaces to exactly `columns` columns.
  public static func pad(_ text: String, to columns: Int) -> String {
    let t = truncate(text, to: columns)
    return t + String(repeating: " ", count: max(0, columns - width(of: t)))
  }

  /// `text` right-aligned in `columns` columns.
  public static func padLeft(_ text: String, to columns: Int) -> String {
    let t = truncate(text, to: columns)
    return String(repeating: " ", count: max(0, columns - width(of: t))) + t
  }
}
