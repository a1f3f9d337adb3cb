/// A cursor in a list: the selected index and the first line in view. Every list
/// and grid of the planner keeps one, and moves it the same way.
struct ListCursor: Hashable, Sendable {
  var index = 0
  var scroll = 0

  /// Moves by `delta` within `count` items.
  mutating func move(by delta: Int, count: Int) {
    index = count == 0 ? 0 : min(max(0, index + delta), count - 1)
  }

  /// Keeps `index` within `count` items.
  mutating func clamp(count: Int) { move(by: 0, count: count) }

  /// Scrolls so that `line` (the index's line, which may differ from the index when
  /// headings come between items) is on a page of `rows` lines out of `total`,
  /// with `above` lines of context (a group's heading) when it moves up.
  mutating func follow(line: Int, rows: Int, total: Int, above: Int = 0) {
    scroll = Scrolling.keep(line, in: rows, from: scroll, above: above)
    scroll = max(0, min(scroll, max(0, total - rows)))
  }
}

/// Scrolling, shared by the planner's lists and its screens of text.
enum Scrolling {
  /// The first line to show so that `line` is on a screen of `rows` lines,
  /// with `above` lines of context over it (a group's heading) when it moves
  /// up; `scroll` itself when `line` is already in view.
  static func keep(_ line: Int, in rows: Int, from scroll: Int, above: Int = 0) -> Int {
    var first = scroll
    if line - above < first { first = max(0, line - above) }
    if line >= first + rows { first = line - rows + 1 }
    return max(0, first)
  }

  /// The first line of a page of text after scrolling by `delta`, kept within the text.
  static func text(from scroll: Int, by delta: Int, total: Int, rows: Int) -> Int {
    max(0, min(scroll + delta, max(0, total - rows)))
  }
}
