/// One change of a suggestion: a worker's planned place in one half-day, from
/// what it is now to what it would be.
public struct SuggestedChange: Hashable, Sendable {
  public let worker: String
  public let date: LocalDate
  public let half: Half
  /// The planned place the change was computed from (what `--expect` would say).
  public let from: Place
  public let to: Place

  public init(worker: String, date: LocalDate, half: Half, from: Place, to: Place) {
    self.worker = worker
    self.date = date
    self.half = half
    self.from = from
    self.to = to
  }

  /// The override applying it writes.
  public var plannedChange: PlannedChange { PlannedChange(worker: worker, date: date, half: half, place: to) }

  /// What applying it expects the half-day to hold.
  public var expectation: CellExpectation { CellExpectation(worker: worker, date: date, half: half, place: from) }
}

/// A plan for the week, or one single suggestion: its changes and what they do.
public struct Suggestion: Sendable {
  /// In date, then session (am first), then rota order of the workers.
  public let changes: [SuggestedChange]
  /// The week with the changes made, as `rota check` would score it.
  public let result: PlanCost
  /// Findings of the week that the changes clear, and those they add, in the
  /// contract's order (a finding whose fields change is both).
  public let cleared: [Finding]
  public let added: [Finding]
  /// The week's report with the changes made.
  public let report: WeekReport

  /// The edit that applies the suggestion: one entry in the change log.
  public var edit: Edit { .place(changes.map(\.plannedChange)) }
  /// What applying it expects every changed half-day to hold.
  public var expectations: [CellExpectation] { changes.map(\.expectation) }
}

extension SuggestedChange {
  /// The change as a coordinator reads it:
  /// "Thu 26 Nov PM  Amira Khan: Riverside Surgery (RVS) → Oakfield Medical Centre (OAK)".
  public func sentence(in rota: Rota) -> String {
    func name(_ p: Place) -> String {
      switch p {
      case .site(let code): return "\(RotaText.sanitized(rota.site(code)?.name ?? code)) (\(code))"
      case .home: return "home"
      case .off: return "off"
      }
    }
    let who = RotaText.sanitized(rota.worker(worker)?.name ?? worker)
    return "\(date.short) \(half.label)  \(who): \(name(from)) → \(name(to))"
  }
}

extension PlanCost {
  /// "8 errors, 8 warnings, 1 note, 23 solitary days".
  public var counts: String {
    "\(plural(errors, "error")), \(plural(warnings, "warning")), \(plural(info, "note")), \(plural(solitaryDays, "solitary day"))"
  }

  /// "better by 4151", "no better" or "worse by 20", against `baseline`'s cost.
  public func verdict(against baseline: PlanCost) -> String {
    cost < baseline.cost
      ? "better by \(baseline.cost - cost)"
      : cost == baseline.cost ? "no better" : "worse by \(cost - baseline.cost)"
  }

  /// How `self` compares with `before`, field by field:
  /// "errors 8 → 4, warnings 8 → 7, notes 1 → 2, solitary days 23 → 12, 18 changes".
  public func comparison(with before: PlanCost) -> String {
    "errors \(before.errors) → \(errors), warnings \(before.warnings) → \(warnings), notes \(before.info) → \(info), solitary days \(before.solitaryDays) → \(solitaryDays), \(plural(changes, "change"))"
  }
}

extension Suggestion {
  /// The suggestion in sentences, for a list or a detail pane: one per change
  /// (`SuggestedChange.sentence`), then what it does to the week against the
  /// `baseline` ("Cost 9035 → 4884 (better by 4151): errors 8 → 4, …"), then how
  /// many findings it clears and adds.
  public func sentences(in rota: Rota, baseline: PlanCost) -> [String] {
    var out = changes.map { $0.sentence(in: rota) }
    out.append(
      "Cost \(baseline.cost) → \(result.cost) (\(result.verdict(against: baseline))): \(result.comparison(with: baseline))."
    )
    out.append("Clears \(plural(cleared.count, "finding")), adds \(plural(added.count, "finding")).")
    return out
  }
}

/// The best plan found for a week.
public struct SuggestedPlan: Sendable {
  public let suggestion: Suggestion
  /// The ISO weeks after the week whose findings or isolation rows change with the plan.
  public let laterWeeksChanged: [ISOWeek]
  public let search: SearchReport
}

/// What single suggestions are for.
public enum SuggestionTarget: Hashable, Sendable {
  /// A finding of the week: suggestions that clear it.
  case finding(Finding)
  /// A worker's half-day, or both halves of a date (`half` nil): suggestions that change it.
  case cell(worker: String, date: LocalDate, half: Half?)
  /// A site in one half-day ("who can cover?"): suggestions that place someone there.
  case cover(site: String, date: LocalDate, half: Half)
}

/// Fix suggestions for one week of a rota (`docs/suggest.md`): a plan for the
/// whole week, found by `PlanSearch` within a time limit, and single suggestions
/// (one change, or a swap of two) for one finding, cell or cover gap. Results are
/// checked again by the rules themselves (`RotaAnalysis.changes(in:changing:)`),
/// so what is reported is what `rota check` says once the changes are made.
///
/// How a caller uses it (the command and the planner alike):
///
///     let fixes = FixSuggestions(analysis: analysis, week: week, since: today)
///     let plan = fixes.plan(limit: SearchLimit(milliseconds: 2000, seed: 0)).suggestion
///     let moves = fixes.suggestions(for: .finding(fixes.report.findings[i]), limit: 5)
///     // .cell(worker:date:half:) for a cell, .cover(site:date:half:) for "who can cover?"
///     try backend.apply(plan.edit, expecting: plan.expectations)   // one logged edit, one undo
///
/// Each `Suggestion` has its `changes` (with the place each was worked out from),
/// `result`, `cleared`, `added`, the week's `report` with it made, and
/// `sentences(in:baseline:)` to explain it. An empty plan, or a suggestion whose
/// `result.cost` is not below `baseline.cost`, is not useful. `analysis` must hold
/// the week and the weeks of its streak and supervision windows (for
/// `SuggestedPlan.laterWeeksChanged`, the weeks after it too).
///
/// Not thread-safe, like the analysis it reads; make a new one after the rota changes.
public final class FixSuggestions {
  public let analysis: RotaAnalysis
  public let week: ISOWeek
  public let allowed: AllowedChanges
  /// The week's report as it is.
  public let report: WeekReport
  /// The empty plan's cost.
  public let baseline: PlanCost
  let model: WeekCostModel

  /// `since` is the first editable date: today, or the date given with `--since`.
  public init(analysis: RotaAnalysis, week: ISOWeek, since: LocalDate) {
    self.analysis = analysis
    self.week = week
    report = analysis.report(for: week)
    baseline = PlanCost(report, changes: 0)
    allowed = AllowedChanges(index: analysis.index, facts: analysis.facts(week), since: since)
    model = WeekCostModel(analysis: analysis, week: week)
  }

  public var since: LocalDate { allowed.since }

  // MARK: The week's plan

  /// The best plan found within `limit`. Its `result` is the week checked again
  /// with its changes; an empty plan means nothing useful was found.
  public func plan(limit: SearchLimit = SearchLimit()) -> SuggestedPlan {
    var search = PlanSearch(
      model: model, allowed: allowed, limit: limit, startedAt: cpuMilliseconds())
    let values = search.run()
    var changes = search.changes(values)
    var suggestion = suggestion(changes)
    // The search scores with the model; the rules have the last word. A plan that
    // is not below the baseline is no plan.
    if suggestion.result.cost >= baseline.cost {
      changes = []
      suggestion = self.suggestion([])
    }
    return SuggestedPlan(
      suggestion: suggestion, laterWeeksChanged: laterWeeksChanged(by: suggestion.changes), search: search.report)
  }

  /// A suggestion made of model changes, checked again by the rules.
  func suggestion(_ changes: [CellChange]) -> Suggestion {
    let rota = analysis.rota
    let listed = changes.sorted { a, b in
      a.slot != b.slot ? a.slot < b.slot : a.worker < b.worker
    }.map { c in
      SuggestedChange(
        worker: rota.workers[c.worker].id, date: week.monday.adding(days: c.slot / 2),
        half: Half(rawValue: c.slot % 2)!, from: allowed.planned(worker: c.worker, slot: c.slot),
        to: allowed.place(c.code))
    }
    let (after, cleared, added) = analysis.changes(in: week, changing: listed.map(\.plannedChange))
    return Suggestion(
      changes: listed, result: PlanCost(after, changes: listed.count), cleared: cleared, added: added, report: after)
  }

  /// The weeks after this one, up to `max(lookback_weeks, supervision_weeks) - 1`
  /// of them, whose findings or isolation rows differ once `changes` are made.
  public func laterWeeksChanged(by changes: [SuggestedChange]) -> [ISOWeek] {
    guard !changes.isEmpty else { return [] }
    let policy = analysis.rota.policy
    let count = max(policy.lookbackWeeks, policy.supervisionWeeks) - 1
    guard count > 0 else { return [] }
    let changed = RotaAnalysis(
      analysis.rota.applying(
        changes.map { .setOverride(worker: $0.worker, date: $0.date, half: $0.half, place: $0.to) }))
    var out: [ISOWeek] = []
    for k in 1...count {
      let later = week.adding(weeks: k)
      guard SupportedDates.contains(later) else { break }
      let before = analysis.report(for: later)
      let after = changed.report(for: later)
      if before.findings != after.findings || before.isolation != after.isolation { out.append(later) }
    }
    return out
  }

  // MARK: Single suggestions

  /// The `limit` best single suggestions for `target`: one change, or a swap of
  /// two, ranked by the week's cost with them made (then fewer changes first),
  /// useful or not; empty when nothing may change there.
  public func suggestions(for target: SuggestionTarget, limit: Int = 5) -> [Suggestion] {
    var search = PlanSearch(
      model: model, allowed: allowed, limit: SearchLimit(milliseconds: 60_000), startedAt: cpuMilliseconds())
    let moves = candidates(for: target, in: search)
    var scored: [(cost: Int, order: Int, move: PlanSearch.Move)] = []
    for (i, move) in moves.enumerated() {
      guard let cost = search.evaluate(move) else { break }
      scored.append((cost, i, move))
    }
    scored.sort { $0.cost != $1.cost ? $0.cost < $1.cost : $0.order < $1.order }
    var out: [(suggestion: Suggestion, order: Int)] = []
    // A finding's suggestions must clear it, which only the rules can say: the
    // best-scored candidates are checked, up to a point.
    var checks = 0
    for entry in scored where out.count < limit && checks < max(60, 8 * limit) {
      checks += 1
      let s = suggestion(entry.move.cells.map { search.cellChange($0.cell, $0.value) })
      if case .finding(let f) = target, !s.cleared.contains(f) { continue }
      out.append((s, entry.order))
    }
    out.sort { a, b in
      if a.suggestion.result.cost != b.suggestion.result.cost {
        return a.suggestion.result.cost < b.suggestion.result.cost
      }
      return a.order < b.order
    }
    return out.map(\.suggestion)
  }

  /// The moves single suggestions for `target` are chosen from, each once, in a
  /// fixed order: single changes first, then swaps.
  func candidates(for target: SuggestionTarget, in search: PlanSearch) -> [PlanSearch.Move] {
    func slot(_ date: LocalDate, _ half: Half) -> Int { date.weekday.rawValue * 2 + half.rawValue }
    func cellIndex(_ worker: Int, _ slot: Int) -> Int? {
      search.byWorker[worker].first { search.cells[$0].slot == slot }
    }
    var cellsTouched: [Int] = []
    var arrivals: [(site: Int32, slot: Int)] = []
    switch target {
    case .cell(let id, let date, let half):
      guard week.contains(date), let w = analysis.index.workerIndex(of: id) else { return [] }
      for h in half.map({ [$0] }) ?? [.am, .pm] {
        if let c = cellIndex(w, slot(date, h)) { cellsTouched.append(c) }
      }
    case .cover(let code, let date, let half):
      guard week.contains(date), let site = analysis.index.siteIndex(of: code) else { return [] }
      arrivals.append((Int32(site), slot(date, half)))
    case .finding(let f):
      let w = f.worker.flatMap { analysis.index.workerIndex(of: $0) }
      switch f.rule {
      case .leaveClash, .notInPost, .awayAtEvent, .siteClosed, .doubleBooked:
        if let w, let date = f.date, let half = f.session, let c = cellIndex(w, slot(date, half)) {
          cellsTouched.append(c)
        }
      case .splitDay:
        if let w, let date = f.date {
          for h in [Half.am, .pm] { if let c = cellIndex(w, slot(date, h)) { cellsTouched.append(c) } }
        }
      case .overCapacity:
        if let date = f.date, let half = f.session {
          for id in f.workers ?? [] {
            if let x = analysis.index.workerIndex(of: id), let c = cellIndex(x, slot(date, half)) {
              cellsTouched.append(c)
            }
          }
        }
      case .coverGap:
        if let code = f.site, let site = analysis.index.siteIndex(of: code), let date = f.date, let half = f.session {
          arrivals.append((Int32(site), slot(date, half)))
        }
      case .overContract, .underContract, .noSupervision, .solitaryOverload, .solitaryStreak, .soleCover:
        guard let w else { break }
        cellsTouched += search.byWorker[w]
        if [.solitaryOverload, .solitaryStreak, .soleCover].contains(f.rule) {
          // Company: someone else joining them where they are.
          for s in 0..<14 {
            let p = model.facts.effective[w * 14 + s]
            if p >= 0 { arrivals.append((p, s)) }
          }
        }
      }
    }
    var seen: Set<[Int32]> = []
    var singles: [PlanSearch.Move] = []
    var swaps: [PlanSearch.Move] = []
    func add(_ move: PlanSearch.Move) {
      let key = move.cells.sorted { $0.cell < $1.cell }.flatMap { [Int32($0.cell), $0.value] }
      guard seen.insert(key).inserted else { return }
      if move.cells.count == 1 { singles.append(move) } else { swaps.append(move) }
    }
    for cell in cellsTouched { for move in search.moves(of: cell) { add(move) } }
    for (site, s) in arrivals {
      for cell in search.bySlot[s] where search.value[cell] != site {
        if search.cells[cell].domain.contains(site) { add(PlanSearch.Move(cell, site)) }
        // The same worker bringing the site over from another half-day.
        let here = search.value[cell]
        for other in search.byWorker[search.cells[cell].worker] where other != cell && search.value[other] == site {
          if search.cells[cell].domain.contains(site) && search.cells[other].domain.contains(here) {
            add(PlanSearch.Move(cell, site, other, here))
          }
        }
      }
    }
    return singles + swaps
  }
}
