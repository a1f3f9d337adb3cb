import Foundation
import RotaCore

/// The fix suggestions' speed: the demo week's plan and single suggestions, and a
/// 100-worker, 15-site week's.
func suggestBenchmark() {
  // The demo's today: the Wednesday of its week.
  let (demo, demoWeek, demoSince) = demoProblem()
  print("rota-bench suggest: the demo week \(demoWeek.iso) from \(demoSince.iso)")
  suggestFigures(demo, week: demoWeek, since: demoSince)

  var generator = RotaGenerator(
    .init(workers: 100, sites: 15, weeks: 12, start: ISOWeek(year: 2026, week: 40)!, seed: 7, teamChanges: true))
  let big = generator.rota()
  let week = ISOWeek(year: 2026, week: 46)!
  print("rota-bench suggest: 100 workers, 15 sites, \(week.iso) from its Monday")
  suggestFigures(big, week: week, since: week.monday)
}

func suggestFigures(_ rota: Rota, week: ISOWeek, since: LocalDate) {
  let analysis = RotaAnalysis(rota)
  var s = FixSuggestions(analysis: analysis, week: week, since: since)
  print("  baseline: cost \(s.baseline.cost), \(s.report.findings.count) findings")
  var plan: SuggestedPlan! = nil
  _ = measure("the week's plan (default 2 s budget, seed 0)", runs: 5) {
    s = FixSuggestions(analysis: analysis, week: week, since: since)
    plan = s.plan()
  }
  print(
    "  plan: cost \(s.baseline.cost) → \(plan.suggestion.result.cost), \(plan.suggestion.changes.count) changes, \(plan.search.evaluations) evaluations (\(plan.search.remembered) remembered), cut by budget \(plan.search.cutByBudget), by clock \(plan.search.cutByClock)"
  )
  var times: [Double] = []
  var walls: [Double] = []
  var targets: [SuggestionTarget] = s.report.findings.map { .finding($0) }
  for w in rota.workers.prefix(10) { targets.append(.cell(worker: w.id, date: since, half: nil)) }
  for site in rota.sites.prefix(5) { targets.append(.cover(site: site.code, date: since, half: .am)) }
  for t in targets {
    let (c0, w0) = (cpu(), now())
    _ = s.suggestions(for: t, limit: 5)
    times.append(cpu() - c0)
    walls.append(now() - w0)
  }
  times.sort()
  walls.sort()
  print(
    "  single suggestions (5 best) for \(targets.count) findings, cells and cover gaps: median \(String(format: "%.3f", times[times.count / 2])) ms cpu, max \(String(format: "%.3f", times.last!)) ms cpu (wall median \(String(format: "%.3f", walls[walls.count / 2])), max \(String(format: "%.3f", walls.last!)))"
  )
}

/// Small random rotas for Scripts/suggest_optimum.py, one JSON object a line: the
/// rota file, its week and first editable date, the bank holidays it reaches,
/// and what the search made of it (with the default budget and seed).
/// With `demo`, one line: the demo week's, from its Wednesday (seed -1).
func suggestProblems(count: Int, first: Int, demo: Bool = false, milliseconds: Int = SearchLimit().milliseconds) {
  for seed in demo ? [-1] : Array(first..<(first + count)) {
    let (rota, week, since) = seed < 0 ? demoProblem() : smallProblem(seed: seed)
    let analysis = RotaAnalysis(rota)
    let s = FixSuggestions(analysis: analysis, week: week, since: since)
    let (c0, w0) = (cpu(), now())
    let plan = s.plan(limit: SearchLimit(milliseconds: milliseconds))
    let (cpuMs, wallMs) = (cpu() - c0, now() - w0)
    var calendar = BankHolidayCalendar(region: rota.policy.bankHolidays)
    var holidays: [String] = []
    var day = week.adding(weeks: -60).monday
    while day <= week.sunday {
      calendar.prepare(year: day.year)
      if calendar.isHoliday(day) { holidays.append(day.iso) }
      day = day.adding(days: 1)
    }
    let changes = plan.suggestion.changes.map {
      ["worker": $0.worker, "date": $0.date.iso, "session": $0.half.token, "from": $0.from.token, "to": $0.to.token]
    }
    let object: [String: Any] = [
      "seed": seed, "week": week.iso, "since": since.iso, "rota": RotaFileWriter.write(rota), "holidays": holidays,
      "baseline": s.baseline.cost, "plan": plan.suggestion.result.cost, "changes": changes,
      "evaluations": plan.search.evaluations, "proved_optimal": plan.search.provedOptimal,
      "cpu_ms": cpuMs, "wall_ms": wallMs,
    ]
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
  }
}

/// The small random rota of `seed`, its week (now and then one of 53 weeks'
/// last) and its first editable date (Monday to Wednesday).
func smallProblem(seed: Int) -> (Rota, ISOWeek, LocalDate) {
  var g = SmallRotaGenerator(seed: UInt64(seed))
  let week = seed % 7 == 0 ? ISOWeek(year: 2026, week: 53)! : SmallRotaGenerator.week
  return (g.rota(week: week), week, week.monday.adding(days: seed % 3))
}

/// The demo rota, its week and its Wednesday, as `rota-bench suggest` takes them.
func demoProblem() -> (Rota, ISOWeek, LocalDate) {
  let demo = DemoPCN.rota()
  let week = demo.anchorWeek!
  return (demo, week, week.monday.adding(days: 2))
}
