import Testing

@testable import RotaCore

/// Plans and single suggestions, checked the way the contract says: the changes
/// written as overrides, the rota checked again, and what was reported must be
/// what the check says; and no change may break the rules of what may change.
@Suite("Fix suggestions")
struct FixSuggestionTests {
  /// A rota, the week and first editable date suggestions are made for, and a name for messages.
  struct Case: Sendable {
    let label: String
    let rota: Rota
    let week: ISOWeek
    let since: LocalDate
  }

  /// What was suggested for a case: the plan and the single suggestions for every
  /// finding, a few cells and every site's half-days that need cover.
  struct Made: Sendable {
    let c: Case
    let baseline: WeekReport
    let suggestions: [(what: String, suggestion: Suggestion)]
  }

  static func cases() -> [Case] {
    var out: [Case] = []
    let demo = DemoPCN.rota()
    let w = demo.anchorWeek!
    out.append(Case(label: "demo from Monday", rota: demo, week: w, since: w.monday))
    out.append(Case(label: "demo from Wednesday", rota: demo, week: w, since: w.monday.adding(days: 2)))
    for (seed, teamChanges) in [(3 as UInt64, false), (8, true)] {
      var g = RotaGenerator(
        .init(
          workers: 12, sites: 5, weeks: 6, start: ISOWeek(year: 2026, week: 49)!, seed: seed, teamChanges: teamChanges))
      let rota = g.rota()
      let week = ISOWeek(year: 2026, week: 53)!
      out.append(Case(label: "generated \(seed)", rota: rota, week: week, since: week.monday.adding(days: 1)))
    }
    for seed in 0..<24 as Range<UInt64> {
      var g = SmallRotaGenerator(seed: seed)
      let week = seed % 7 == 0 ? ISOWeek(year: 2026, week: 53)! : SmallRotaGenerator.week
      let rota = g.rota(week: week)
      out.append(Case(label: "small \(seed)", rota: rota, week: week, since: week.monday.adding(days: Int(seed % 3))))
    }
    return out
  }

  static func make(_ c: Case) -> Made {
    let s = FixSuggestions(analysis: RotaAnalysis(c.rota), week: c.week, since: c.since)
    // A small limit: what is checked here is that the plan reports what the rules
    // say, whatever the search found (BENCHMARKS.md measures how good it is).
    let limit = SearchLimit(milliseconds: c.label.hasPrefix("small") ? 5 : 50)
    var list: [(String, Suggestion)] = [("plan", s.plan(limit: limit).suggestion)]
    for (i, f) in s.report.findings.enumerated() {
      for item in s.suggestions(for: .finding(f), limit: 3) { list.append(("finding \(i)", item)) }
    }
    for (k, worker) in c.rota.workers.prefix(3).enumerated() {
      let date = c.week.monday.adding(days: 2 + k)
      for item in s.suggestions(for: .cell(worker: worker.id, date: date, half: k == 1 ? nil : .am), limit: 3) {
        list.append(("cell \(worker.id) \(date.iso)", item))
      }
    }
    for site in c.rota.sites.prefix(2) {
      for item in s.suggestions(for: .cover(site: site.code, date: c.week.monday.adding(days: 3), half: .pm), limit: 3)
      {
        list.append(("cover \(site.code)", item))
      }
    }
    return Made(c: c, baseline: s.report, suggestions: list)
  }

  static let made: [Made] = cases().map(make)

  /// Applies `s`'s changes as overrides, checks the week again from scratch, and
  /// expects the suggestion's result, cleared, added and report to be the check's.
  static func expectIsTheCheck(_ s: Suggestion, rota: Rota, week: ISOWeek, baseline: WeekReport, label: String) {
    let base = Set(baseline.findings)
    let changed = rota.applying(
      s.changes.map { .setOverride(worker: $0.worker, date: $0.date, half: $0.half, place: $0.to) })
    let fresh = RotaAnalysis(changed).report(for: week)
    let now = Set(fresh.findings)
    #expect(s.result == PlanCost(fresh, changes: s.changes.count), "\(label): result")
    #expect(s.cleared == baseline.findings.filter { !now.contains($0) }, "\(label): cleared")
    #expect(s.added == fresh.findings.filter { !base.contains($0) }, "\(label): added")
    #expect(s.report.findings == fresh.findings, "\(label): report")
  }

  @Test("every plan and suggestion reports what the check says once its changes are overrides")
  func resultsAreTheCheck() {
    for m in Self.made {
      for (what, s) in m.suggestions {
        Self.expectIsTheCheck(s, rota: m.c.rota, week: m.c.week, baseline: m.baseline, label: "\(m.c.label), \(what)")
      }
    }
  }

  @Test("300 more small random rotas: the plan, and a suggestion for each finding, cell and site, are the check's")
  func propertyOverSeeds() {
    var useful = 0
    for seed in 100..<400 as Range<UInt64> {
      var g = SmallRotaGenerator(seed: seed)
      let week = SmallRotaGenerator.week
      let rota = g.rota(week: week)
      let since = week.monday.adding(days: Int(seed % 4))
      let s = FixSuggestions(analysis: RotaAnalysis(rota), week: week, since: since)
      let plan = s.plan(limit: SearchLimit(milliseconds: 1, seed: seed)).suggestion
      if !plan.changes.isEmpty { useful += 1 }
      #expect(plan.changes.isEmpty || plan.result.cost < s.baseline.cost, "seed \(seed): plan not useful")
      Self.expectIsTheCheck(plan, rota: rota, week: week, baseline: s.report, label: "seed \(seed), plan")
      // One finding of each seed's week (they take turns), one cell and one site's half-day.
      var targets: [SuggestionTarget] = []
      if !s.report.findings.isEmpty { targets.append(.finding(s.report.findings[Int(seed) % s.report.findings.count])) }
      targets.append(
        .cell(worker: rota.workers[Int(seed) % rota.workers.count].id, date: week.monday.adding(days: 4), half: nil))
      targets.append(
        .cover(site: rota.sites[Int(seed) % rota.sites.count].code, date: week.monday.adding(days: 4), half: .am))
      for t in targets {
        for item in s.suggestions(for: t, limit: 1) {
          Self.expectIsTheCheck(item, rota: rota, week: week, baseline: s.report, label: "seed \(seed), \(t)")
          if case .finding(let f) = t { #expect(item.cleared.contains(f), "seed \(seed): \(f.message) not cleared") }
          for c in item.changes {
            #expect(!s.allowed.places(worker: c.worker, date: c.date, half: c.half).isEmpty, "seed \(seed): \(c)")
          }
        }
      }
    }
    #expect(useful > 100)
  }

  @Test("a small week is solved by trying every plan, and local search never finds a cheaper one")
  func exactSearch() {
    var proved = 0
    for seed in 0..<60 as Range<UInt64> {
      var g = SmallRotaGenerator(seed: seed)
      let week = SmallRotaGenerator.week
      let rota = g.rota(maxWorkers: 3, maxSites: 3, week: week)
      let s = FixSuggestions(analysis: RotaAnalysis(rota), week: week, since: week.monday.adding(days: 3))
      var exact = PlanSearch(model: s.model, allowed: s.allowed, limit: SearchLimit(), startedAt: cpuMilliseconds())
      let best = exact.run()
      guard exact.report.provedOptimal else { continue }
      proved += 1
      // The model's cost of the proved plan is the rules' cost of it.
      #expect(s.suggestion(exact.changes(best)).result.cost == exact.cost, "seed \(seed)")
      var local = PlanSearch(model: s.model, allowed: s.allowed, limit: SearchLimit(), startedAt: cpuMilliseconds())
      local.triesEveryPlan = false
      _ = local.run()
      #expect(!local.report.provedOptimal)
      #expect(local.cost >= exact.cost, "seed \(seed): local search \(local.cost), every plan \(exact.cost)")
    }
    #expect(proved >= 20)
  }

  /// Local search only (not every plan) for `s`'s week, held to a fixed
  /// number of evaluations with time to spare, so that the clock does not
  /// decide where a debug build stops.
  static func localSearch(_ s: FixSuggestions, evaluations: Int) -> PlanSearch {
    let limit = SearchLimit(milliseconds: 600_000, evaluations: evaluations)
    var search = PlanSearch(model: s.model, allowed: s.allowed, limit: limit, startedAt: cpuMilliseconds())
    search.triesEveryPlan = false
    return search
  }

  @Test(
    "remembered scores change nothing: the same plan and evaluations without them, and a fingerprint true to the plan")
  func rememberedScores() {
    var remembered = 0
    for seed in 0..<10 as Range<UInt64> {
      var g = SmallRotaGenerator(seed: seed)
      let week = SmallRotaGenerator.week
      let s = FixSuggestions(analysis: RotaAnalysis(g.rota(week: week)), week: week, since: week.monday)
      var runs: [PlanSearch] = []
      for remembers in [true, false] {
        // The same fixed number of evaluations with and without the memory.
        var search = Self.localSearch(s, evaluations: 20_000)
        search.remembers = remembers
        _ = search.run()
        let fingerprint = search.cells.indices.reduce(PlanKey(a: 0, b: 0)) {
          $0 ^ PlanKey(cell: $1, place: search.value[$1])
        }
        #expect(search.key == fingerprint, "seed \(seed): the fingerprint is not the plan's")
        runs.append(search)
      }
      #expect(runs[0].value == runs[1].value, "seed \(seed): another plan without remembered scores")
      #expect(runs[0].report.evaluations == runs[1].report.evaluations, "seed \(seed)")
      #expect(runs[1].report.remembered == 0)
      remembered += runs[0].report.remembered
    }
    #expect(remembered > 0)
  }

  @Test(
    "chains and descent steps that gained nothing are not taken again from the same plan: the same plan in fewer evaluations"
  )
  func rememberedSteps() {
    var saved = 0
    // Weeks whose search is short (rota-bench suggest-problems: under 30 000 evaluations).
    for seed in [1, 2, 15, 25] as [UInt64] {
      var g = SmallRotaGenerator(seed: seed)
      let week = SmallRotaGenerator.week
      let since = week.monday.adding(days: Int(seed % 3))
      let s = FixSuggestions(analysis: RotaAnalysis(g.rota(week: week)), week: week, since: since)
      var runs: [PlanSearch] = []
      for remembersFruitless in [true, false] {
        // A budget neither search reaches: only then are the plans bound to be the same.
        var search = Self.localSearch(s, evaluations: 200_000)
        search.remembersFruitless = remembersFruitless
        _ = search.run()
        #expect(!search.report.cutByBudget, "seed \(seed)")
        runs.append(search)
      }
      #expect(runs[0].value == runs[1].value, "seed \(seed): another plan without remembered steps")
      #expect(runs[0].report.evaluations <= runs[1].report.evaluations, "seed \(seed)")
      saved += runs[1].report.evaluations - runs[0].report.evaluations
    }
    #expect(saved > 0)
  }

  @Test("a move's cells: the first two in place, the rest after, and emptied for reuse")
  func moveCells() {
    var cells = PlanSearch.MoveCells([(1, 10), (2, 20), (3, 30)])
    #expect(cells.map(\.cell) == [1, 2, 3] && cells.map(\.value) == [10, 20, 30])
    cells.removeAll()
    #expect(cells.isEmpty)
    for k in 4..<8 { cells.append((k, Int32(k * 10))) }
    #expect(cells.map(\.cell) == [4, 5, 6, 7] && cells.map(\.value) == [40, 50, 60, 70])
    let swap = PlanSearch.Move(8, 80, 9, 90)
    #expect(swap.cells.count == 2 && swap.cells[1].cell == 9 && swap.cells[1].value == 90)
  }

  @Test("a window is solved exactly: no way to set its half-days is cheaper than the plan it leaves")
  func windowsAreExact() {
    var gained = 0
    var windows = 0
    for seed in 0..<40 as Range<UInt64> {
      var g = SmallRotaGenerator(seed: seed)
      let week = SmallRotaGenerator.week
      let rota = g.rota(week: week)
      let s = FixSuggestions(analysis: RotaAnalysis(rota), week: week, since: week.monday)
      var search = PlanSearch(
        model: s.model, allowed: s.allowed, limit: SearchLimit(evaluations: 50_000_000), startedAt: cpuMilliseconds())
      let groups = search.windowGroups(workers: Array(search.byWorker.indices)).filter { group in
        group.reduce(1) { $0 * search.cells[$1].domain.count } <= PlanSearch.windowLimit
      }
      for group in groups.prefix(6) {
        windows += 1
        let before = search.cost
        if search.solve(window: group) { gained += 1 }
        #expect(search.cost <= before, "seed \(seed): a window made the plan dearer")
        // Every way to set the window's half-days, scored from the plan it left.
        var digit = [Int](repeating: 0, count: group.count)
        var cheapest = Int.max
        while true {
          let move = PlanSearch.Move(
            cells: group.indices.compactMap { k in
              let v = search.cells[group[k]].domain[digit[k]]
              return v != search.value[group[k]] ? (group[k], v) : nil
            })
          cheapest = min(cheapest, move.cells.isEmpty ? search.cost : search.evaluate(move)!)
          var k = 0
          while k < group.count && digit[k] == search.cells[group[k]].domain.count - 1 {
            digit[k] = 0
            k += 1
          }
          if k == group.count { break }
          digit[k] += 1
        }
        #expect(cheapest == search.cost, "seed \(seed): window \(group) left \(search.cost), \(cheapest) was there")
      }
    }
    #expect(windows > 150)
    #expect(gained > 0)
  }

  @Test("a suggestion in sentences: each change, then the cost and what it clears and adds")
  func sentences() throws {
    let demo = DemoPCN.rota()
    let week = demo.anchorWeek!
    let s = FixSuggestions(analysis: RotaAnalysis(demo), week: week, since: week.monday)
    let change = SuggestedChange(
      worker: "amira", date: week.monday.adding(days: 3), half: .pm, from: .site("RVS"), to: .site("OAK"))
    #expect(
      change.sentence(in: demo) == "Thu 26 Nov PM  Amira Khan: Riverside Surgery (RVS) → Oakfield Medical Centre (OAK)")
    let booked = try #require(s.report.findings.first { $0.rule == .doubleBooked })
    let item = try #require(s.suggestions(for: .finding(booked), limit: 1).first)
    let lines = item.sentences(in: demo, baseline: s.baseline)
    #expect(lines.count == item.changes.count + 2)
    #expect(lines[item.changes.count].hasPrefix("Cost \(s.baseline.cost) → \(item.result.cost) (better by "))
    #expect(
      lines.last
        == "Clears \(item.cleared.count) finding\(item.cleared.count == 1 ? "" : "s"), adds \(item.added.count) finding\(item.added.count == 1 ? "" : "s")."
    )
  }

  @Test("a plan is useful or empty, and single suggestions come best first")
  func ordering() {
    for m in Self.made {
      let baseline = PlanCost(m.baseline, changes: 0).cost
      let plan = m.suggestions[0].suggestion
      #expect(plan.changes.isEmpty || plan.result.cost < baseline, "\(m.c.label): plan not useful")
      var last: [String: Int] = [:]
      for (what, s) in m.suggestions.dropFirst() {
        #expect(s.changes.count == 1 || s.changes.count == 2, "\(m.c.label), \(what): one change or a swap")
        if let before = last[what] { #expect(before <= s.result.cost, "\(m.c.label), \(what): order") }
        last[what] = s.result.cost
      }
    }
  }

  @Test("a finding's suggestions clear it")
  func findingsCleared() {
    for m in Self.made {
      for (what, s) in m.suggestions where what.hasPrefix("finding ") {
        let i = Int(what.dropFirst(8))!
        #expect(s.cleared.contains(m.baseline.findings[i]), "\(m.c.label), \(what)")
      }
    }
  }

  /// The rules of what a plan may change, each checked on its own from the rota
  /// (not from `AllowedChanges`), against every change ever suggested.
  enum MayChange: String, CaseIterable, Sendable {
    case inTheWeek, fromTheFirstEditableDate, inPost, notOnABankHoliday, offOnLeave, differsFromPlanned
    case workedDayAndKnownPlace, oncePerHalfDay
  }

  static func breaks(_ rule: MayChange, _ c: SuggestedChange, in m: Made, all: [SuggestedChange]) -> Bool {
    let rota = m.c.rota
    let worker = rota.worker(c.worker)!
    switch rule {
    case .inTheWeek: return !m.c.week.contains(c.date)
    case .fromTheFirstEditableDate: return c.date < m.c.since
    case .inPost: return !worker.isInPost(on: c.date)
    case .notOnABankHoliday:
      var calendar = BankHolidayCalendar(region: rota.policy.bankHolidays)
      calendar.prepare(year: c.date.year)
      return calendar.isHoliday(c.date)
    case .offOnLeave:
      let onLeave = rota.leave.contains { $0.worker == c.worker && $0.covers(Session(c.date, c.half)) }
      return onLeave && c.to != .off
    case .differsFromPlanned:
      let planned =
        rota.override(worker: c.worker, date: c.date, half: c.half)
        ?? worker.pattern(on: c.date)[c.date.weekday, c.half]
      return c.to == planned || c.from != planned
    case .workedDayAndKnownPlace:
      if c.to == .off { return false }
      let usual = worker.pattern(on: c.date)
      guard usual[c.date.weekday, .am].isWorked || usual[c.date.weekday, .pm].isWorked else { return true }
      guard case .site(let code) = c.to else { return false }
      let first = m.c.week.adding(weeks: -(rota.policy.lookbackWeeks - 1)).monday
      let window = first...m.c.week.sunday
      let inPatterns = ([worker.pattern] + worker.patternChanges.map(\.pattern)).contains { $0.places.contains(c.to) }
      let overridden = rota.overrides.contains { $0.worker == c.worker && window.contains($0.date) && $0.place == c.to }
      let atEvent = rota.events.contains {
        $0.attendees.contains(c.worker) && window.contains($0.date) && $0.venue == .site(code)
      }
      return !(inPatterns || overridden || atEvent)
    case .oncePerHalfDay:
      return all.filter { $0.worker == c.worker && $0.date == c.date && $0.half == c.half }.count != 1
    }
  }

  @Test("no suggested change breaks a rule of what may change", arguments: MayChange.allCases)
  func mayChange(rule: MayChange) {
    var checked = 0
    for m in Self.made {
      for (what, s) in m.suggestions {
        for c in s.changes {
          checked += 1
          #expect(!Self.breaks(rule, c, in: m, all: s.changes), "\(m.c.label), \(what): \(c) breaks \(rule)")
        }
      }
    }
    #expect(checked > 300)
  }
}
