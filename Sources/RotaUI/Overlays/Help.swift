import RotaCore

/// Sentences to read in full in a box: the recent messages (M), or the detail
/// pane's whole text (i).
struct TextPage: Hashable {
  let title: String
  let lines: [DetailLine]
  var scroll = 0
}

extension PlannerState {
  static let helpWidth = 88

  /// The help's lines, made from the keymap: each section's keys and what they do,
  /// then the marks the screens use.
  var helpLines: [(String, Style)] {
    let room = boxText(Self.helpWidth)
    let keysWidth = min(22, room / 3)
    var lines: [(String, Style)] = []
    for section in Keymap.helpSections(readOnly: readOnly) {
      lines.append((section.title, Style(.overlayTitle, bold: true)))
      for (keys, what) in section.lines {
        // Keys too long for their column get a line of their own, so they never run into the words.
        var first = true
        if TextWidth.width(of: keys) >= keysWidth {
          lines.append((keys, Style(.overlay, bold: true)))
          first = false
        }
        for part in TextWrap.lines(what, width: max(10, room - keysWidth), hang: 0) {
          let lead = first ? TextWidth.pad(keys, to: keysWidth) : String(repeating: " ", count: keysWidth)
          lines.append((lead + part, Style(.overlay)))
          first = false
        }
      }
    }
    lines.append(("Marks", Style(.overlayTitle, bold: true)))
    for entry in Legend.all {
      lines.append((TextWidth.pad(entry.mark, to: keysWidth) + entry.meaning, Style(.overlay)))
    }
    return lines
  }

  /// How many lines of a box's text fit on the screen, with its hint line.
  var boxRoom: Int { max(1, height - 2 - 3) }

  func drawHelp(_ c: inout Canvas, scroll: Int) {
    let all = helpLines
    let room = min(boxRoom, all.count)
    let start = max(0, min(scroll, all.count - room))
    var lines = Array(all.dropFirst(start).prefix(room))
    lines.append(
      (
        TextWrap.fit(
          [
            "\(start + room < all.count ? "↑↓ PgDn PgUp scroll · " : "")Esc or any other key closes",
            start + room < all.count ? "↑↓ PgDn scroll · Esc closes" : "Esc closes",
          ], width: boxText(Self.helpWidth)), Style(.dim)
      ))
    drawBox(&c, title: "Keys", lines: lines, width: Self.helpWidth)
  }

  func drawPage(_ c: inout Canvas, _ page: TextPage) {
    let width = 84
    let all = page.lines.flatMap { line in
      TextWrap.lines(line.text, width: boxText(width), hang: line.hang).map { ($0, line.style) }
    }
    let room = min(boxRoom, max(1, all.count))
    let start = max(0, min(page.scroll, all.count - room))
    var lines = Array(all.dropFirst(start).prefix(room))
    if all.isEmpty { lines.append(("Nothing to show.", Style(.dim))) }
    lines.append(
      (
        TextWrap.fit(
          [
            "\(start + room < all.count ? "↑↓ PgDn PgUp scroll · " : "")Esc or any other key closes",
            "Esc closes",
          ], width: boxText(width)), Style(.dim)
      ))
    drawBox(&c, title: page.title, lines: lines, width: width)
  }

  /// The number of lines a page overlay has, for scrolling it.
  func pageLineCount(_ page: TextPage) -> Int {
    page.lines.reduce(0) { $0 + TextWrap.lines($1.text, width: boxText(84), hang: $1.hang).count }
  }
}
