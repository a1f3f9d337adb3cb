/// Sentences broken into lines of a width, at spaces where it can, so that what
/// is meant to be read is never cut mid-word.
public enum TextWrap {
  /// `text` in lines of at most `width` columns. Continuation lines start with
  /// `hang` spaces. A word longer than a line is broken where it must be.
  public static func lines(_ text: String, width: Int, hang: Int = 0) -> [String] {
    let width = max(1, width)
    guard TextWidth.width(of: text) > width else { return [text] }
    // Spaces that start the text are its indent: kept on the first line.
    let lead = text.prefix { $0 == " " }.count
    if lead > 0 && lead < width / 2 {
      var out = lines(String(text.dropFirst(lead)), width: width - lead, hang: max(0, hang - lead))
      out = out.map { String(repeating: " ", count: lead) + $0 }
      return out
    }
    var out: [String] = []
    var line = ""
    var used = 0
    /// True until a word has been put on the current line.
    var fresh = true
    let indent = String(repeating: " ", count: min(hang, width / 2))
    func flush() {
      while line.last == " " {
        line.removeLast()
        used -= 1
      }
      out.append(line)
      line = indent
      used = indent.count
      fresh = true
    }
    for word in words(text) {
      let w = TextWidth.width(of: word)
      let isSpace = word == " "
      if isSpace {
        if !fresh && used < width {
          line += " "
          used += 1
        }
        continue
      }
      if used + w > width && !fresh { flush() }
      if w > width - used {
        // A word longer than the room left: break it.
        for ch in word {
          let cw = TextWidth.width(of: ch)
          if used + cw > width && !fresh { flush() }
          line.append(ch)
          used += cw
          fresh = false
        }
      } else {
        line += word
        used += w
      }
      fresh = false
    }
    if !fresh { flush() }
    return out.isEmpty ? [""] : out
  }

  /// Words and single spaces, in order.
  private static func words(_ text: String) -> [String] {
    var out: [String] = []
    var current = ""
    for ch in text {
      if ch == " " {
        if !current.isEmpty { out.append(current) }
        current = ""
        out.append(" ")
      } else {
        current.append(ch)
      }
    }
    if !current.isEmpty { out.append(current) }
    return out
  }

  /// The first of `forms` that fits in `width` columns, else the last cut to fit.
  public static func fit(_ forms: [String], width: Int) -> String {
    for f in forms where TextWidth.width(of: f) <= width { return f }
    return TextWidth.truncate(forms.last ?? "", to: width)
  }
}
