/// The mouse's part in moving: press on a cell, drag (the target follows the
/// pointer), release to drop. A release with no motion in between still drops,
/// a release where it started is a click, and Esc or a release off the grid cancels.
public struct DragController: Sendable {
  public enum State: Hashable, Sendable {
    case idle
    case pressed(MoveSource, x: Int, y: Int)
    case dragging(MoveSource, target: DropTarget?)
  }

  public enum Outcome: Hashable, Sendable {
    case none
    case click(MoveSource)
    case drop(MoveSource, DropTarget)
    case cancelled
  }

  public private(set) var state: State = .idle

  public init() {}

  public var source: MoveSource? {
    switch state {
    case .idle: return nil
    case .pressed(let s, _, _), .dragging(let s, _): return s
    }
  }

  public var target: DropTarget? {
    if case .dragging(_, let t) = state { return t }
    return nil
  }

  public var isActive: Bool { state != .idle }

  public mutating func press(_ source: MoveSource, x: Int, y: Int) { state = .pressed(source, x: x, y: y) }

  /// The pointer moved with the button down: the target is what is under it now.
  public mutating func motion(over target: DropTarget?, x: Int, y: Int) {
    switch state {
    case .idle: return
    case .pressed(let s, let px, let py):
      if px != x || py != y { state = .dragging(s, target: target) }
    case .dragging(let s, _): state = .dragging(s, target: target)
    }
  }

  public mutating func release(over target: DropTarget?, x: Int, y: Int) -> Outcome {
    defer { state = .idle }
    switch state {
    case .idle: return .none
    case .pressed(let s, let px, let py):
      if px == x && py == y { return .click(s) }
      guard let target else { return .cancelled }
      return .drop(s, target)
    case .dragging(let s, _):
      guard let target else { return .cancelled }
      return .drop(s, target)
    }
  }

  public mutating func cancel() { state = .idle }
}
