import RotaCore

/// The planner's screens.
public enum ScreenID: String, Hashable, Sendable, CaseIterable {
  case workers, sites, findings
  /// One worker's own week.
  case myWeek
  /// The supervisor's isolation board.
  case board
  /// One worker's last eight weeks, with the reasons.
  case history
  case arrs
  /// The team and the sites: starters, leavers, usual weeks, new sites.
  case team

  public var title: String {
    switch self {
    case .workers: return "Workers"
    case .sites: return "Sites"
    case .findings: return "Findings"
    case .myWeek: return "My week"
    case .board: return "Isolation board"
    case .history: return "Weeks"
    case .arrs: return "ARRS"
    case .team: return "Team"
    }
  }
}

/// A direction for a cursor or a page of text.
enum Direction: Hashable, Sendable {
  case up, down, left, right, pageUp, pageDown, first, last
}

/// Everything a key, a click or the clock can ask the planner to do. The keymap
/// turns keys into these; `Planner.perform` is the one place they are carried out.
enum Action: Hashable, Sendable {
  // Anywhere.
  case quit, help, messages, details, repaint, nextTheme
  /// Go to a screen; `toggle` goes back to the workers grid when already there.
  case show(ScreenID, toggle: Bool)
  case previousWeek, nextWeek, thisWeek, goToWeek

  // Lists, grids and pages of text.
  case cursor(Direction)
  case filter, clearFilter
  case nextScope, previousScope
  case reload

  // Changing the rota.
  case pickUp, drop, cancelMove
  case choosePlace, setHome, setOff, bookLeave
  case undo, redo

  // The screens' own.
  case goToCell
  case myWeek
  case exportCalendar
  /// Every change since the worker last looked, or only as many as a third of the screen holds.
  case allChanges
  case nextRole, openHistory, addSupervision, back
  /// The day's events (a new one, or one to change or remove).
  case events
  // The team screen: a new worker or site, change it, end it, a new usual week, workers or sites.
  case addNew, change, end, usualWeek, switchList
  // Fix suggestions: for the cursor's finding, cell or gap; the week's plan, stepped
  // through, applied whole or dropped.
  case suggest, planWeek, nextChange, previousChange, applyPlan, dropPlan

  // Overlays.
  case confirm, cancel, nextField, previousField, optionLeft, optionRight, deleteBackward
  /// A character typed into a field.
  case type
  /// Choose the numbered entry of a short list.
  case choose(Int)
  /// Any key not bound otherwise closes a page of text.
  case close
}

/// The set of bindings in force: one per screen, one while carrying a move, one
/// for each kind of overlay.
enum KeyMode: Hashable, Sendable, CaseIterable {
  case workers, sites, findings, myWeek, board, history, arrs, team
  /// A keyboard pick-up is being carried: only moving the target, dropping and cancelling.
  case carrying
  /// The mouse button is down on a pick-up.
  case dragging
  case tooSmall
  case help, textPage, picker, prompt, chooser, form, usualWeek, confirm, suggestions
  /// The week's plan is shown on the grid: only stepping through it, applying it or dropping it.
  case planning

  static func screen(_ s: ScreenID) -> KeyMode {
    switch s {
    case .workers: return .workers
    case .sites: return .sites
    case .findings: return .findings
    case .myWeek: return .myWeek
    case .board: return .board
    case .history: return .history
    case .arrs: return .arrs
    case .team: return .team
    }
  }

  /// Modes where a printable character that is not bound is typed into a field.
  var takesText: Bool { [.picker, .prompt, .form, .usualWeek].contains(self) }
}
