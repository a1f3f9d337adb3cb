/// Where every key is bound: the one table of the planner's keys. The help
/// overlay, the footer and the hint line of each overlay are made from it, so
/// they cannot drift from what the keys do.
enum Keymap {
  /// One key binding, or several keys bound to one action.
  struct Binding: Sendable {
    let keys: [Key]
    let action: Action
    let modes: Set<KeyMode>
    /// How the help and the footer name the keys ("←↓↑→ h j k l", "[ ]").
    let label: String
    /// The help's sentence; nil for a binding that another one's line covers.
    let help: String?
    let section: Section
    /// The footer's word, and its place among the footer's keys (lower first).
    let footer: (word: String, rank: Int)?
    /// The modes whose footer shows it (all of `modes` unless narrowed).
    let footerModes: Set<KeyMode>
    /// True when the action changes the rota (refused read-only, hidden from the footer).
    let edits: Bool
  }

  enum Section: String, CaseIterable, Sendable {
    case moveAround = "Move around"
    case moveSomeone = "Move someone"
    case changeCell = "Change a cell"
    case people = "The three people's screens"
    case suggest = "Fix suggestions"
    case other = "Other"
    case overlay = "In a box"
  }

  // Mode groups.
  static let screens: Set<KeyMode> = [.workers, .sites, .findings, .myWeek, .board, .history, .arrs, .team]
  static let grids: Set<KeyMode> = [.workers, .sites]
  static let lists: Set<KeyMode> = [.workers, .sites, .findings, .board, .team]
  static let pages: Set<KeyMode> = [.myWeek, .history, .arrs, .help, .textPage]
  static let forms: Set<KeyMode> = [.form]

  static func bind(
    _ keys: [Key], _ action: Action, _ modes: Set<KeyMode>, _ label: String, _ help: String?, _ section: Section,
    footer: (String, Int)? = nil, footerIn: Set<KeyMode>? = nil, edits: Bool = false
  ) -> Binding {
    Binding(
      keys: keys, action: action, modes: modes, label: label, help: help, section: section,
      footer: footer.map { (word: $0.0, rank: $0.1) }, footerModes: footerIn ?? modes, edits: edits)
  }

  static let bindings: [Binding] = [
    // Move around.
    bind(
      [.left, .char("h")], .cursor(.left), grids.union([.carrying, .planning]), "←↓↑→ h j k l", "move the cursor",
      .moveAround,
      footer: ("move", 0)),
    bind([.right, .char("l")], .cursor(.right), grids.union([.carrying, .planning]), "→ l", nil, .moveAround),
    bind(
      [.up, .char("k")], .cursor(.up), lists.union([.carrying, .chooser, .suggestions, .planning]), "↑ k", nil,
      .moveAround, footer: ("move", 0), footerIn: [.findings, .board, .chooser, .suggestions]),
    bind(
      [.down, .char("j")], .cursor(.down), lists.union([.carrying, .chooser, .suggestions, .planning]), "↓ j", nil,
      .moveAround),
    bind([.up, .char("k")], .cursor(.up), pages, "↑ k", nil, .moveAround, footer: ("scroll", 0)),
    bind([.down, .char("j")], .cursor(.down), pages, "↓ j", nil, .moveAround),
    bind(
      [.pageUp], .cursor(.pageUp), lists.union(pages).union([.carrying]), "PgUp PgDn Home End",
      "a page up or down, the first or the last", .moveAround),
    bind([.pageDown], .cursor(.pageDown), lists.union(pages).union([.carrying]), "PgDn", nil, .moveAround),
    bind([.home], .cursor(.first), lists.union(pages).union([.carrying]), "Home", nil, .moveAround),
    bind([.end], .cursor(.last), lists.union(pages).union([.carrying]), "End", nil, .moveAround),
    bind(
      [.char("["), .char("<"), .char(",")], .previousWeek, screens, "[ ]  < >  , .", "the week before / after",
      .moveAround, footer: ("week", 6), footerIn: [.workers, .sites, .findings, .myWeek, .board]),
    bind([.char("]"), .char(">"), .char(".")], .nextWeek, screens, "]", nil, .moveAround),
    bind([.char("t")], .thisWeek, screens, "t", "this week", .moveAround),
    bind([.char("g")], .goToWeek, screens, "g", "go to a week (2026-W49, next, last, a date)", .moveAround),
    bind(
      [.char("s")], .show(.sites, toggle: true), screens, "s", "the sites grid (again: back to workers)",
      .moveAround, footer: ("sites", 4), footerIn: [.workers, .findings]),
    bind(
      [.char("w")], .show(.workers, toggle: false), screens, "w", "the workers grid", .moveAround,
      footer: ("workers", 4), footerIn: [.sites, .board, .arrs]),
    bind(
      [.char("f")], .show(.findings, toggle: true), screens, "f", "the findings list (again: back to workers)",
      .moveAround, footer: ("findings", 5), footerIn: grids),
    bind(
      [.char("/")], .filter, grids, "/", "filter by name, role or site (accents do not matter)", .moveAround,
      footer: ("filter", 11)),
    bind([.escape], .clearFilter, grids, "Esc", "clear the filter", .moveAround),

    // Move someone.
    bind(
      [.char(" "), .char("m")], .pickUp, grids, "Space m",
      "pick up the cell: then choose where with the arrows", .moveSomeone, footer: ("pick up", 1), edits: true),
    bind(
      [.enter, .char(" ")], .drop, [.carrying], "Enter Space",
      "drop: same person, another day swaps the days; another person, same day swaps them; in the sites grid, another site the same day moves them there",
      .moveSomeone, footer: ("drop", 1)),
    bind(
      [.escape], .cancelMove, [.carrying, .dragging], "Esc", "cancel the move", .moveSomeone, footer: ("cancel", 2)),
    bind(
      [.tab], .nextScope, grids, "Tab Shift-Tab", "move and change whole days, mornings only or afternoons only",
      .moveSomeone, footer: ("day/AM/PM", 7)),
    bind([.backTab], .previousScope, grids, "Shift-Tab", nil, .moveSomeone),

    // Change a cell.
    bind(
      [.char("e"), .enter], .choosePlace, grids, "e Enter", "choose a place for the cell (type to filter)",
      .changeCell, footer: ("place", 2), edits: true),
    bind([.char("H")], .setHome, grids, "H", "working from home", .changeCell, footer: ("home", 8), edits: true),
    bind([.char("O")], .setOff, grids, "O", "off", .changeCell, footer: ("off", 9), edits: true),
    bind(
      [.char("L")], .bookLeave, grids, "L", "book leave from this day, or cancel some of it (half days too)",
      .changeCell, footer: ("leave", 10), edits: true),
    bind(
      [.char("E")], .events, grids, "E",
      "the day's events: a new one (supervision, team, training), or change or remove one",
      .changeCell, edits: true),
    bind(
      [.char("u")], .undo, screens, "u", "undo your last edit", .changeCell, footer: ("undo", 3), footerIn: grids,
      edits: true),
    bind([.char("U"), .control("r")], .redo, screens, "U Ctrl-R", "redo what you undid", .changeCell, edits: true),

    // The three people's screens.
    bind(
      [.char("p")], .myWeek, screens, "p", "a worker's own week (on the workers grid: the cursor's worker)", .people,
      footer: ("someone else", 3), footerIn: [.myWeek]),
    bind(
      [.char("c")], .allChanges, [.myWeek], "c", "(my week) every change since you last looked",
      .people, footer: ("changes", 3)),
    bind(
      [.char("x")], .exportCalendar, [.myWeek], "x", "write the week to a calendar file (.ics)", .people,
      footer: ("calendar", 2)),
    bind(
      [.char("b")], .show(.board, toggle: false), screens, "b", "the isolation board", .people,
      footer: ("board", 4), footerIn: [.history, .arrs]),
    bind([.enter], .openHistory, [.board], "Enter", "(board) the worker's last 8 weeks", .people, footer: ("weeks", 1)),
    bind([.char("r")], .nextRole, [.board], "r", "(board) one role at a time", .people, footer: ("role", 3)),
    bind(
      [.char("S")], .addSupervision, [.board, .history], "S", "(board, weeks) add a supervision session", .people,
      footer: ("supervision", 2), edits: true),
    bind(
      [.escape, .backspace], .back, [.history, .myWeek, .team], "Esc", "(weeks, my week, team) back", .people,
      footer: ("back", 6)),
    bind([.char("a")], .show(.arrs, toggle: true), screens, "a", "the ARRS panel: the team by role", .people),
    bind(
      [.char("W")], .show(.team, toggle: true), screens, "W",
      "the team and the sites: new starters, leavers, usual weeks, new sites", .people),
    bind(
      [.char("n")], .addNew, [.team], "n", "(team) a new starter, or a new site", .people, footer: ("new", 2),
      edits: true),
    bind(
      [.enter], .change, [.team], "Enter", "(team) change the worker or site", .people, footer: ("change", 1),
      edits: true),
    bind(
      [.char("X")], .end, [.team], "X", "(team) a leaver's last day, or a site closing for good", .people,
      footer: ("ends", 4), edits: true),
    bind(
      [.char("P")], .usualWeek, [.team], "P", "(team) a new usual week, from a date", .people,
      footer: ("usual week", 3), edits: true),
    bind(
      [.tab, .backTab], .switchList, [.team], "Tab", "(team) workers or sites", .people, footer: ("workers/sites", 5)),
    bind(
      [.enter], .goToCell, [.findings], "Enter", "(findings) go to the finding's cell", .people,
      footer: ("go to cell", 1)),

    // Other.
    bind(
      [.char("i")], .details, [.workers, .sites, .findings, .board, .carrying], "i",
      "the detail pane in full, to read and scroll", .other),
    bind([.char("M")], .messages, screens, "M", "recent messages in full", .other),
    bind([.char("r")], .reload, [.workers, .sites, .findings], "r", "load the rota again", .other),
    bind(
      [.control("l")], .repaint, screens.union([.carrying, .dragging]), "Ctrl-L", "draw the screen again", .other),
    bind([.char("T")], .nextTheme, screens, "T", "the next colour theme", .other),

    // Fix suggestions.
    bind(
      [.char("F")], .suggest, [.workers, .sites, .findings], "F",
      "fixes: the best single changes or swaps for the finding, the cell, or who can cover the site", .suggest,
      footer: ("fixes", 12)),
    bind(
      [.char("A")], .planWeek, [.workers, .sites, .findings], "A",
      "a plan for the whole week, shown on the grid: n steps through it, Enter applies it all, Esc drops it",
      .suggest),
    bind(
      [.char("n")], .nextChange, [.planning], "n N", "(plan) the next or the previous change", .suggest,
      footer: ("next change", 1)),
    bind([.char("N")], .previousChange, [.planning], "N", nil, .suggest),
    bind(
      [.enter], .applyPlan, [.planning], "Enter", "(plan) apply every change, as one edit (u undoes it)", .suggest,
      footer: ("apply all", 2), edits: true),
    bind(
      [.escape], .dropPlan, [.planning], "Esc", "(plan) drop it: the week stays as it is", .suggest,
      footer: ("drop", 3)),
    bind(
      [.char("?"), .function(1)], .help, screens.union([.carrying, .planning]), "? F1", "this help", .other,
      footer: ("help", 90)),
    bind(
      [.char("q")], .quit, screens.union([.carrying, .tooSmall, .planning]), "q", "quit (everything is already saved)",
      .other,
      footer: ("quit", 91)),

    // In a box: pages of text, the place picker, prompts, forms, choosers, questions.
    bind(
      [.char(" ")], .cursor(.pageDown), [.help, .textPage], "Space", nil, .overlay, footer: ("more", 1)),
    bind(
      [.char("q"), .escape], .close, [.help, .textPage], "Esc q", nil, .overlay, footer: ("close (or any key)", 9)),
    bind([.up], .cursor(.up), [.picker], "↑ ↓", nil, .overlay, footer: ("choose", 1)),
    bind([.down], .cursor(.down), [.picker], "↓", nil, .overlay),
    bind([.enter], .confirm, [.picker], "Enter", nil, .overlay, footer: ("put there", 2)),
    bind([.enter], .confirm, [.prompt], "Enter", nil, .overlay, footer: ("done", 2)),
    bind([.enter, .char(" ")], .confirm, [.chooser], "Enter", nil, .overlay, footer: ("choose", 2)),
    bind([.enter], .confirm, [.suggestions], "Enter", nil, .overlay, footer: ("apply", 2)),
    bind(
      (1...9).map { .char(Character("\($0)")) }, .choose(0), [.chooser, .suggestions], "1-9", nil, .overlay,
      footer: ("that one", 3)),
    bind([.enter], .confirm, forms, "Enter", nil, .overlay, footer: ("save", 4)),
    bind([.tab, .down], .nextField, forms, "Tab ↓", nil, .overlay, footer: ("next field", 1)),
    bind([.backTab, .up], .previousField, forms, "Shift-Tab ↑", nil, .overlay),
    bind([.left], .optionLeft, forms, "← →", nil, .overlay, footer: ("choose", 3)),
    bind([.right], .optionRight, forms, "→", nil, .overlay),
    bind(
      [.backspace, .delete], .deleteBackward, forms.union([.picker, .prompt, .usualWeek]), "Backspace", nil, .overlay),
    bind(
      [.escape], .cancel, forms.union([.picker, .prompt, .chooser, .confirm, .usualWeek, .suggestions]), "Esc", nil,
      .overlay,
      footer: ("cancel", 9)),
    bind([.left], .cursor(.left), [.usualWeek], "←↓↑→", nil, .overlay, footer: ("move", 1)),
    bind([.right], .cursor(.right), [.usualWeek], "→", nil, .overlay),
    bind([.up], .cursor(.up), [.usualWeek], "↑", nil, .overlay),
    bind([.down], .cursor(.down), [.usualWeek], "↓", nil, .overlay),
    bind([.tab, .backTab], .nextField, [.usualWeek], "Tab", nil, .overlay, footer: ("the date", 3)),
    bind([.enter], .confirm, [.usualWeek], "Enter", nil, .overlay, footer: ("put it there, or save", 2)),
    bind([.char("y"), .char("Y"), .enter], .confirm, [.confirm], "y", nil, .overlay, footer: ("yes", 1)),
    bind([.char("n"), .char("N")], .cancel, [.confirm], "n", nil, .overlay, footer: ("no", 2)),
  ]

  /// Key to action, per mode, made once from the table.
  private static let table: [KeyMode: [Key: Action]] = {
    var t: [KeyMode: [Key: Action]] = [:]
    for b in bindings {
      for mode in b.modes {
        for (i, key) in b.keys.enumerated() {
          // A key bound twice in one mode is a mistake in the table; the test of the
          // keymap finds it. The first binding wins.
          guard t[mode]?[key] == nil else { continue }
          if case .choose = b.action {
            t[mode, default: [:]][key] = .choose(i)
          } else {
            t[mode, default: [:]][key] = b.action
          }
        }
      }
    }
    return t
  }()

  /// What `key` asks for in `mode`: a bound action, a character typed into a
  /// field, the catch-all of a page of text, or nil.
  static func action(for key: Key, in mode: KeyMode) -> Action? {
    if let a = table[mode]?[key] { return a }
    if mode.takesText, key.typed != nil { return .type }
    if mode == .help || mode == .textPage { return .close }
    return nil
  }

  /// The binding that would handle `key` in `mode`, for messages that name what a refused key does.
  static func binding(for key: Key, in mode: KeyMode) -> Binding? {
    bindings.first { $0.modes.contains(mode) && $0.keys.contains(key) }
  }

  /// Pairs of keys bound twice in one mode (the keymap's own test wants none).
  static var duplicates: [(KeyMode, Key)] {
    var seen: Set<String> = []
    var out: [(KeyMode, Key)] = []
    for b in bindings {
      for mode in b.modes {
        for key in b.keys {
          let k = "\(mode)|\(key)"
          if seen.contains(k) { out.append((mode, key)) }
          seen.insert(k)
        }
      }
    }
    return out
  }

  /// The footer's keys for a mode, best first: (label, word).
  static func footer(_ mode: KeyMode, readOnly: Bool) -> [(String, String)] {
    bindings.filter { $0.footerModes.contains(mode) && $0.footer != nil && !(readOnly && $0.edits) }
      .sorted { $0.footer!.rank < $1.footer!.rank }
      .map { (footerLabel($0), $0.footer!.word) }
  }

  /// A binding's keys as the footer shows them: the label's first word group.
  static func footerLabel(_ b: Binding) -> String {
    switch b.action {
    case .cursor(.left): return "←↓↑→"
    case .previousWeek: return "[ ]"
    case .drop: return "Enter/Space"
    case .cursor(.up): return "↑↓"
    case .optionLeft: return "←→"
    case .choose: return "1-9"
    default: return b.keys.first.map { $0.label } ?? b.label
    }
  }

  /// The hint line of an overlay: its keys in words, from the same table.
  static func hint(_ mode: KeyMode) -> String {
    footer(mode, readOnly: false).map { "\($0.0) \($0.1)" }.joined(separator: " · ")
  }

  /// The help's lines: each section's bindings that have a sentence.
  static func helpSections(readOnly: Bool) -> [(title: String, lines: [(keys: String, what: String)])] {
    Section.allCases.filter { $0 != .overlay }.compactMap { section in
      let lines = bindings.filter { $0.section == section && $0.help != nil }.map { b in
        (keys: b.label, what: b.help! + (readOnly && b.edits ? " (not in a read-only view)" : ""))
      }
      return lines.isEmpty ? nil : (section.rawValue, lines)
    }
  }
}
