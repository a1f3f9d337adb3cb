import RotaCore

/// Which part of a day a move or an edit takes.
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

  init(_ half: Half?) { self = half.map { $0 == .am ? .am : .pm } ?? .day }

  /// "whole day", "AM", "PM": in sentences about one move.
  public var label: String {
    switch self {
    case .day: return "whole day"
    case .am: return "AM"
    case .pm: return "PM"
    }
  }

  /// "whole days", "AM only", "PM only": what the grids' edits take, shown at every size.
  public var badge: String {
    switch self {
    case .day: return "whole days"
    case .am: return "AM only"
    case .pm: return "PM only"
    }
  }

  var next: Scope { Scope(rawValue: (rawValue + 1) % 3)! }
  var previous: Scope { Scope(rawValue: (rawValue + 2) % 3)! }
}

/// What is being moved: a worker's day or half-day. It holds the worker's id and
/// the date, never a position on the screen, so a reload or a scroll cannot make a
/// drop land somewhere else.
public struct MoveSource: Hashable, Sendable {
  public let worker: String
  public let date: LocalDate
  public let scope: Scope
  /// Where it was picked up in the sites grid (a site or home), or nil for the workers grid.
  public let from: Place?
}

/// Where a move is dropped: a worker's day in the workers grid, or a place's
/// half-day in the sites grid.
public enum DropTarget: Hashable, Sendable {
  case worker(String, LocalDate)
  case place(Place, LocalDate, Half)

  var date: LocalDate {
    switch self {
    case .worker(_, let d), .place(_, let d, _): return d
    }
  }
}

/// Why a drop does nothing: a short form for the status line and a sentence for
/// the detail pane; nil text for a drop back where it started.
struct MoveRefusal: Error, Hashable {
  let short: String?
  let sentence: String?

  init(_ short: String?, _ sentence: String? = nil) {
    self.short = short
    self.sentence = sentence ?? short
  }

  static let putBack = MoveRefusal(nil)
}

/// Turns a drop into an edit, with the half-days it expects to find as shown.
enum MovePlanner {
  struct Planned: Hashable {
    let edit: Edit
    let expecting: [CellExpectation]
  }

  /// The edit for dropping `source` on `target`, or why not.
  static func plan(_ source: MoveSource, _ target: DropTarget, model: WeekModel) -> Result<Planned, MoveRefusal> {
    func expect(_ id: String, _ date: LocalDate, _ halves: [Half]) -> [CellExpectation] {
      guard let w = model.workerIndex[id], let day = model.day(of: date) else { return [] }
      return halves.map { h in
        CellExpectation(
          worker: id, date: date, half: h, place: model.placements.planned(worker: w, slot: day * 2 + h.rawValue))
      }
    }
    guard model.workerIndex[source.worker] != nil else {
      return .failure(MoveRefusal("they are no longer in the rota"))
    }
    let halves = source.scope.halves
    switch target {
    case .worker(let id, let date):
      if source.from != nil {
        return .failure(
          MoveRefusal("drop on a site's cell", "A pick-up from the sites grid drops on a site's cell; Esc cancels."))
      }
      if id == source.worker && date == source.date { return .failure(.putBack) }
      if id == source.worker {
        return .success(
          Planned(
            edit: .swapDays(worker: id, first: source.date, second: date, half: source.scope.half),
            expecting: expect(id, source.date, halves) + expect(id, date, halves)))
      }
      if date == source.date {
        return .success(
          Planned(
            edit: .swapWorkers(first: source.worker, second: id, date: date, half: source.scope.half),
            expecting: expect(source.worker, date, halves) + expect(id, date, halves)))
      }
      return .failure(
        MoveRefusal(
          "same row or same day only",
          "Drop on the same person's row, to swap two days, or on the same day's column, to swap two people."))
    case .place(let place, let date, _):
      guard date == source.date else {
        return .failure(
          MoveRefusal("same day only", "A move in the sites grid stays on the same day: drop on another site's cell."))
      }
      if source.from == place { return .failure(.putBack) }
      return .success(
        Planned(
          edit: .move(worker: source.worker, date: date, half: source.scope.half, to: place),
          expecting: expect(source.worker, date, halves)))
    }
  }
}

/// What a drop would do to the week's findings, worked out when the target
/// changes and shown while the move is carried: a compact form on the status
/// line, the sentences in the detail pane.
struct Preview: Hashable {
  let target: DropTarget
  let errors: Int
  let warnings: Int
  let added: [Finding]
  let cleared: [Finding]
  let refusal: MoveRefusal?
  /// What the drop does, in the change log's words.
  let summary: String?

  static func compute(_ source: MoveSource, _ target: DropTarget, model: WeekModel) -> Preview {
    switch MovePlanner.plan(source, target, model: model) {
    case .failure(let r):
      return Preview(
        target: target, errors: model.errors, warnings: model.warnings, added: [], cleared: [], refusal: r,
        summary: nil)
    case .success(let planned):
      do {
        let plan = try EditPlanner(model.rota).plan(planned.edit)
        // A move or a swap in the week changes only planned places: the week is
        // re-checked where they reach, not analysed again from scratch, and only
        // what was re-checked is compared for what it clears and adds.
        if let changes = PlannedChange.from(plan.changes, in: model.week) {
          let (report, cleared, added) = model.analysis.changes(in: model.week, changing: changes)
          return Preview(
            target: target, errors: report.count(.error), warnings: report.count(.warning), added: added,
            cleared: cleared, refusal: nil, summary: plan.summary)
        }
        let report = RotaAnalysis(model.rota.applying(plan.changes)).report(for: model.week)
        // A finding whose fields change (sessions 5 → 6) is both cleared and added.
        let now = Set(report.findings)
        return Preview(
          target: target, errors: report.count(.error), warnings: report.count(.warning),
          added: report.findings.filter { !model.findingSet.contains($0) },
          cleared: model.report.findings.filter { !now.contains($0) }, refusal: nil, summary: plan.summary)
      } catch {
        let reason = RotaText.sanitized("\(error)")
        return Preview(
          target: target, errors: model.errors, warnings: model.warnings, added: [], cleared: [],
          refusal: MoveRefusal("not possible", reason), summary: nil)
      }
    }
  }
}
