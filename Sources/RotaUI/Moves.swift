import RotaCore

/// Which part of a day a move takes.
public enum Scope: Int, Sendable, CaseIterable {
  case day, am, pm

  public var halves: [Half] {
    switch self {
    case .day: return [.am, .pm]
    case .am: return [.am]
    case .pm: return [.pm]
    }
  }

  var half: Half? {
    switch self {
    case .day: return nil
    case .am: return .am
    case .pm: return .pm
    }
  }

  public var label: String {
    switch self {
    case .day: return "whole day"
    case .am: return "AM"
    case .pm: return "PM"
    }
  }

  var next: Scope { Scope(rawValue: (rawValue + 1) % 3)! }
}

/// What is being moved: a worker's day or half-day, picked up from the worker
/// grid or from a site's cell in the site grid.
public struct MoveSource: Hashable, Sendable {
  public let worker: Int
  public let day: Int
  public let scope: Scope
  /// The site (or -1 for Home) when picked up in the site grid.
  public let site: Int?
}

/// Where a move is dropped: a worker's day in the worker grid, or a site's (or
/// Home's) half-day in the site grid.
public enum DropTarget: Hashable, Sendable {
  case worker(worker: Int, day: Int)
  case site(site: Int, day: Int, half: Half)
}

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

/// Turns a drop into an edit, with the half-days it expects to find as shown.
enum MovePlanner {
  struct Planned {
    let edit: Edit
    let expecting: [CellExpectation]
  }

  /// The edit for dropping `source` on `target`, or a sentence saying why not.
  static func plan(_ source: MoveSource, _ target: DropTarget, model: WeekModel) -> Result<Planned, MoveRefusal> {
    let rota = model.rota
    let p = model.placements
    func expect(_ worker: Int, _ day: Int, _ halves: [Half]) -> [CellExpectation] {
      halves.map { h in
        CellExpectation(
          worker: rota.workers[worker].id, date: model.date(day), half: h,
          place: p.planned(worker: worker, slot: day * 2 + h.rawValue))
      }
    }
    let halves = source.scope.halves
    switch target {
    case .worker(let w, let d):
      if source.site != nil {
        return .failure(MoveRefusal("drop a site grid pick-up on a site's cell, or press Esc"))
      }
      if w == source.worker && d == source.day { return .failure(MoveRefusal(nil)) }
      if w == source.worker {
        return .success(
          Planned(
            edit: .swapDays(
              worker: rota.workers[w].id, first: model.date(source.day), second: model.date(d), half: source.scope.half),
            expecting: expect(w, source.day, halves) + expect(w, d, halves)))
      }
      if d == source.day {
        return .success(
          Planned(
            edit: .swapWorkers(
              first: rota.workers[source.worker].id, second: rota.workers[w].id, date: model.date(d),
              half: source.scope.half),
            expecting: expect(source.worker, d, halves) + expect(w, d, halves)))
      }
      return .failure(
        MoveRefusal("drop on the same person's row (to swap days) or the same day's column (to swap people)"))
    case .site(let s, let d, _):
      guard d == source.day else { return .failure(MoveRefusal("a move in the site grid stays on the same day")) }
      let place: Place = s < 0 ? .home : .site(rota.sites[s].code)
      if let from = source.site, from == s { return .failure(MoveRefusal(nil)) }
      return .success(
        Planned(
          edit: .move(worker: rota.workers[source.worker].id, date: model.date(d), half: source.scope.half, to: place),
          expecting: expect(source.worker, d, halves)))
    }
  }
}

/// Why a drop does nothing: a sentence for the status line, or nil for a drop
/// back where it started.
struct MoveRefusal: Error {
  let message: String?
  init(_ message: String?) { self.message = message }
}
