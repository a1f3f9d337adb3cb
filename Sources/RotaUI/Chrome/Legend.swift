import RotaCore

/// What the marks on a screen mean: a line (two on a narrow screen) under the
/// detail pane, made from the same table as the help's list of marks, so the
/// legend and the help say the same.
enum Legend {
  struct Entry: Hashable {
    let mark: String
    let meaning: String
    let screens: Set<ScreenID>
    /// Shown only while a move is being made.
    var whileMoving = false
  }

  static let all: [Entry] = [
    Entry(mark: Glyph.error, meaning: "error", screens: [.workers, .findings]),
    Entry(mark: Glyph.error, meaning: "over capacity or closed", screens: [.sites]),
    Entry(mark: Glyph.warning, meaning: "warning", screens: [.findings]),
    Entry(mark: Glyph.warning, meaning: "warning, watch", screens: [.workers]),
    Entry(mark: Glyph.warning + "gap", meaning: "needs cover", screens: [.sites]),
    Entry(mark: Glyph.overload, meaning: "overload", screens: [.workers, .board]),
    Entry(mark: Glyph.info, meaning: "note", screens: [.workers, .findings]),
    Entry(mark: Glyph.solitary, meaning: "alone", screens: [.workers, .sites, .myWeek]),
    Entry(mark: Glyph.split, meaning: "AM│PM", screens: [.workers]),
    Entry(mark: "·", meaning: "off", screens: [.workers]),
    Entry(mark: "·", meaning: "no one", screens: [.sites]),
    Entry(mark: Glyph.closed, meaning: "closed", screens: [.sites]),
    Entry(mark: "+2", meaning: "2 more", screens: [.sites]),
    Entry(mark: Glyph.holiday, meaning: "bank holiday", screens: [.workers, .sites, .myWeek]),
    Entry(mark: Glyph.today, meaning: "today", screens: [.workers, .sites, .myWeek]),
    Entry(mark: "dim", meaning: "past", screens: [.workers, .sites, .myWeek]),
    Entry(mark: Glyph.dropHere, meaning: "drop here", screens: [.workers, .sites], whileMoving: true),
    Entry(mark: Glyph.cannotDrop, meaning: "can't drop", screens: [.workers, .sites], whileMoving: true),
    Entry(mark: "hm lv", meaning: "home, leave", screens: [.workers]),
    Entry(mark: "≥20", meaning: "run goes on before the 4 weeks", screens: [.board]),
    Entry(mark: "█", meaning: "a week every worked day alone", screens: [.board]),
    Entry(mark: "▁", meaning: "none alone; oldest week left, this week right", screens: [.board]),
  ]

  /// The legend's entries for a screen, in the order they are shown.
  static func entries(for screen: ScreenID, moving: Bool) -> [Entry] {
    all.filter { $0.screens.contains(screen) && (!$0.whileMoving || moving) }
  }

  /// The legend in rows of `width`: every entry for the screen, packed in order
  /// into at most `maxRows` rows; on a screen too narrow for them all, the last
  /// entries give way (the help lists every mark).
  static func lines(for screen: ScreenID, moving: Bool, width: Int, maxRows: Int = 2) -> [String] {
    var rows: [String] = [""]
    for e in entries(for: screen, moving: moving) {
      let piece = "\(e.mark) \(e.meaning)"
      let current = rows[rows.count - 1]
      let joined = current.isEmpty ? " " + piece : current + "  " + piece
      if TextWidth.width(of: joined) <= width {
        rows[rows.count - 1] = joined
      } else if rows.count < maxRows {
        rows.append(" " + piece)
      }
    }
    return rows.filter { !$0.isEmpty }
  }
}
