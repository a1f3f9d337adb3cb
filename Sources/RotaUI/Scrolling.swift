/// Scrolling, shared by the planner's lists and its screens of text.
enum Scrolling {
  /// The first line to show so that `line` is on a screen of `rows` lines,
  /// with `above` lines of context over it (a group's heading) when it moves
  /// up; `scroll` itself when `line` is already in view.
  static func keep(_ line: Int, in rows: Int, from scroll: Int, above: Int = 0) -> Int {
    var first = scroll
    if line - above < first { first = max(0, line - above) }
    if line >= first + rows { first = line - rows + 1 }
    return first
  }

  /// The first line after a scrolling key on a screen of text (arrows or j/k by
  /// one line, PgUp/PgDn by ten), or nil for any other key. The screen's
  /// renderer stops it at the last line.
  static func text(_ key: Key, from scroll: Int) -> Int? {
    switch key {
    case .up, .char("k"): return max(0, scroll - 1)
    case .down, .char("j"): return scroll + 1
    case .pageUp: return max(0, scroll - 10)
    case .pageDown: return scroll + 10
    default: return nil
    }
  }
}
