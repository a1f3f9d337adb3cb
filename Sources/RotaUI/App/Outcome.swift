/// What the terminal loop must do after the planner handled an event. Handlers
/// return these instead of setting flags for the loop to poll, as htop's do.
public struct Outcome: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Draw the screen again.
  public static let redraw = Outcome(rawValue: 1)
  /// Leave the planner.
  public static let quit = Outcome(rawValue: 2)
  /// Another colour theme was chosen: load it, then draw every cell.
  public static let themeChanged = Outcome(rawValue: 4)
  /// Forget the last frame and draw every cell (Ctrl-L).
  public static let repaint = Outcome(rawValue: 8)

  public static let nothing: Outcome = []
}
