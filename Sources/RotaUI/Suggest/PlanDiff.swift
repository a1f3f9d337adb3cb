import RotaCore

/// The week's plan on the grids (A): the week as it would be with every change,
/// the changed half-days marked, the week as it is kept to put back. Nothing is
/// saved until Enter applies the plan, as one edit that expects every changed
/// half-day to be as the plan found it.
struct PlanDiff {
  let week: ISOWeek
  let changes: [SuggestedChange]
  /// The week as it is: shown again when the plan is dropped.
  let before: WeekModel
  /// Worker index * 14 + slot of each changed half-day (as `ChangedCells`).
  let cells: Set<Int>
  /// The change the cursor was last taken to (n, N).
  var step: Int?

  /// The changes at one worker's day, for the detail pane.
  func changes(worker: String, date: LocalDate) -> [SuggestedChange] {
    changes.filter { $0.worker == worker && $0.date == date }
  }
}

extension Planner {
  /// F: the best single fixes for the cursor's finding, cell or site gap.
  func openSuggestions() {
    guard let (target, title) = state.suggestionTarget() else {
      return say("fixes are for a finding, a worker's day or a site's half-day: nothing is under the cursor")
    }
    let fixes = state.fixFinder()
    let found = fixes.suggestions(for: target, limit: 9)
    let rota = state.model.rota
    state.overlay = .suggestions(
      SuggestionList(
        title: title,
        entries: found.map { SuggestionList.Entry($0, rota: rota, baseline: fixes.baseline) }))
  }

  /// A: the week's plan, searched for within the default budget and shown on the grid.
  func openPlan() {
    let fixes = state.fixFinder()
    let found = fixes.plan(limit: planLimit)
    let plan = found.suggestion
    // Only a search the clock stopped can give another plan next time (a slow or
    // busy machine, or a debug build): say so, as `rota suggest` does.
    let cut = found.search.cutByClock ? "; the search was cut short by its time limit, so A again may find another" : ""
    guard !plan.changes.isEmpty else {
      return say("no plan makes this week better (\(fixes.baseline.counts))\(cut)")
    }
    let before = state.model
    let changed = before.rota.applying(
      plan.changes.map { .setOverride(worker: $0.worker, date: $0.date, half: $0.half, place: $0.to) })
    var cells: Set<Int> = []
    for c in plan.changes {
      guard let w = before.workerIndex[c.worker] else { continue }
      cells.insert(w * 14 + c.date.weekday.rawValue * 2 + c.half.rawValue)
    }
    let (a, b) = (plan.result, fixes.baseline)
    let n = plural(plan.changes.count, "change")
    if state.screen != .workers && state.screen != .sites { switchScreen(.workers) }
    state.model = WeekModel(rota: changed, week: state.week)
    state.plan = PlanDiff(week: state.week, changes: plan.changes, before: before, cells: cells)
    followCursor()
    say(
      "plan: \(n), errors \(b.errors) → \(a.errors), warnings \(b.warnings) → \(a.warnings), solitary days \(b.solitaryDays) → \(a.solitaryDays) (\(a.verdict(against: b))); n goes to each change, Enter applies them all, Esc drops the plan\(cut)",
      short: "plan: \(n), errors \(b.errors) → \(a.errors), warnings \(b.warnings) → \(a.warnings)"
        + (found.search.cutByClock ? " (cut short)" : ""))
  }

  /// n, N: takes the cursor to the next or previous change of the plan.
  func stepPlan(by delta: Int) {
    guard var plan = state.plan, !plan.changes.isEmpty else { return }
    let next =
      plan.step.map { ($0 + delta + plan.changes.count) % plan.changes.count }
      ?? (delta > 0 ? 0 : plan.changes.count - 1)
    plan.step = next
    state.plan = plan
    let change = plan.changes[next]
    guard let w = state.model.workerIndex[change.worker] else { return }
    if !state.rows.workers.contains(w) { state.filter = "" }
    switchScreen(.workers)
    state.workers.cursor.index = state.rows.workers.firstIndex(of: w) ?? 0
    if let day = state.model.day(of: change.date), let d = state.model.days.firstIndex(of: day) {
      state.workers.day = d
    }
    followCursor()
    say("change \(next + 1) of \(plan.changes.count): \(change.sentence(in: state.model.rota))")
  }

  /// Enter: saves every change of the plan as one edit; refused whole if any of
  /// those half-days changed since the plan was made.
  func applyPlan() {
    guard let plan = state.plan else { return }
    state.model = plan.before
    state.plan = nil
    save(.place(plan.changes.map(\.plannedChange)), expecting: plan.changes.map(\.expectation))
  }

  /// Esc, or the rota changing underneath: the week as it is again.
  func dropPlan(_ why: String) {
    guard let plan = state.plan else { return }
    state.plan = nil
    state.model = plan.before
    followCursor()
    say(why)
  }
}
