import Testing

@testable import RotaCore

/// The count-only cost of a week with changes made, against the same week
/// analysed from scratch on the rota with those changes written as overrides.
@Suite("The cost model")
struct WeekCostModelTests {
  /// Random plans of allowed changes: up to `most` half-days, each to one of its allowed places.
  static func randomPlan(_ allowed: AllowedChanges, random r: inout SplitMix64, most: Int) -> [CellChange] {
    var cells: [(Int, Int)] = []
    for w in 0..<allowed.workerCount {
      for slot in 0..<14 where !allowed.allowed[w * 14 + slot].isEmpty { cells.append((w, slot)) }
    }
    guard !cells.isEmpty else { return [] }
    var out: [CellChange] = []
    for _ in 0..<(1 + r.int(0..<most)) {
      let (w, slot) = cells[r.int(0..<cells.count)]
      guard !out.contains(where: { $0.worker == w && $0.slot == slot }) else { continue }
      let places = allowed.allowed[w * 14 + slot]
      out.append(CellChange(worker: w, slot: slot, code: places[r.int(0..<places.count)], fromOverride: true))
    }
    return out
  }

  static func overrides(_ changes: [CellChange], _ allowed: AllowedChanges) -> [RotaChange] {
    changes.map { c in
      .setOverride(
        worker: allowed.index.rota.workers[c.worker].id, date: allowed.week.monday.adding(days: c.slot / 2),
        half: Half(rawValue: c.slot % 2)!, place: allowed.place(c.code))
    }
  }

  static func expectAgree(_ rota: Rota, week: ISOWeek, since: LocalDate, seed: UInt64, plans: Int, label: String) {
    let analysis = RotaAnalysis(rota)
    let allowed = AllowedChanges(index: analysis.index, facts: analysis.facts(week), since: since)
    var model = WeekCostModel(analysis: analysis, week: week)
    #expect(
      model.total.planCost(changes: 0) == PlanCost(analysis.report(for: week), changes: 0), "\(label): baseline")
    var r = SplitMix64(seed: seed)
    var made: [CellChange] = []
    for i in 0..<plans {
      var plan = randomPlan(allowed, random: &r, most: 4)
      guard !plan.isEmpty else { return }
      // Now and then a half-day changed before is put back as the rota has it.
      if let back = made.first, r.int(0..<3) == 0,
        !plan.contains(where: { $0.worker == back.worker && $0.slot == back.slot })
      {
        let i = back.worker * 14 + back.slot
        let original = analysis.facts(week).fromOverride[back.worker] & (1 << UInt16(back.slot)) != 0
        plan.append(CellChange(worker: back.worker, slot: back.slot, code: allowed.planned[i], fromOverride: original))
      }
      let tried = model.tally(changing: plan)
      // The plan on top of the changes already made: later changes of a half-day
      // win, and a half-day put back is no change.
      let all = (made.filter { m in !plan.contains { $0.worker == m.worker && $0.slot == m.slot } } + plan).filter {
        $0.code != allowed.planned[$0.worker * 14 + $0.slot]
      }
      let freshAnalysis = RotaAnalysis(rota.applying(overrides(all, allowed)))
      let fresh = freshAnalysis.report(for: week)
      #expect(tried.planCost(changes: 0) == PlanCost(fresh, changes: 0), "\(label) #\(i): tried \(plan)")
      if i % 3 == 0 {
        model.make(plan)
        made = all
        #expect(model.total == tried, "\(label) #\(i): made")
        // Made one on another, only where each change reached: the facts still
        // equal those of the changed rota worked out whole.
        TriedFactsTests.expectSame(model.facts, freshAnalysis.facts(week), "\(label) #\(i): facts after making")
        var recount = model
        recount.recountEverything()
        #expect(recount.total == model.total, "\(label) #\(i): parts kept after making \(plan)")
        #expect(recount.siteWorkers == model.siteWorkers, "\(label) #\(i): each site's workers after making")
        #expect(recount.distinctSites == model.distinctSites, "\(label) #\(i): each worker's sites after making")
      }
    }
  }

  @Test("the demo week: 400 random plans")
  func demo() {
    let rota = DemoPCN.rota()
    let week = rota.anchorWeek!
    Self.expectAgree(rota, week: week, since: week.monday, seed: 1, plans: 400, label: "demo")
  }

  @Test(
    "generated rotas, with and without team changes, in a week with bank holidays too",
    arguments: [(5 as UInt64, false, 49), (17, true, 53), (23, true, 50)])
  func generated(seed: UInt64, teamChanges: Bool, weekNumber: Int) {
    var g = RotaGenerator(
      .init(
        workers: 30, sites: 8, weeks: 8, start: ISOWeek(year: 2026, week: 46)!, seed: seed, teamChanges: teamChanges))
    let rota = g.rota()
    let week = ISOWeek(year: 2026, week: weekNumber)!
    Self.expectAgree(rota, week: week, since: week.monday, seed: seed, plans: 150, label: "generated \(seed)")
  }

  @Test("300 small random rotas, 20 plans each")
  func small() {
    for seed in 0..<300 as Range<UInt64> {
      var g = SmallRotaGenerator(seed: seed)
      let week = seed % 5 == 0 ? ISOWeek(year: 2026, week: 53)! : SmallRotaGenerator.week
      let rota = g.rota(week: week)
      Self.expectAgree(rota, week: week, since: week.monday, seed: seed, plans: 20, label: "small \(seed)")
    }
  }
}

/// A try's facts, worked out again only where its changes reach, against the
/// same changes derived over the whole of their half-days; and put back.
@Suite("The facts of a try")
struct TriedFactsTests {
  static func expectSame(_ a: WeekFacts, _ b: WeekFacts, _ label: String) {
    #expect(a.planned == b.planned, "\(label): planned")
    #expect(a.effective == b.effective, "\(label): effective")
    #expect(a.fromOverride == b.fromOverride, "\(label): fromOverride")
    #expect(a.leaveClash == b.leaveClash, "\(label): leaveClash")
    #expect(a.notInPost == b.notInPost, "\(label): notInPost")
    #expect(a.awayAtEvent == b.awayAtEvent, "\(label): awayAtEvent")
    #expect(a.absentFromEvent == b.absentFromEvent, "\(label): absentFromEvent")
    #expect(a.worked == b.worked, "\(label): worked")
    #expect(a.company == b.company, "\(label): company")
    #expect(a.occupancy == b.occupancy, "\(label): occupancy")
    #expect(a.dayStatus == b.dayStatus, "\(label): dayStatus")
  }

  static func expectAgree(_ rota: Rota, week: ISOWeek, seed: UInt64, plans: Int, label: String) {
    let analysis = RotaAnalysis(rota)
    let base = analysis.facts(week)
    let allowed = AllowedChanges(index: analysis.index, facts: base, since: week.monday)
    let events = WeekEvents(analysis.index.eventsByWeek[week.ordinal] ?? [], workerCount: base.workerCount)
    var reach = FactsReach(workerCount: base.workerCount)
    var tried = base
    var r = SplitMix64(seed: seed)
    for i in 0..<plans {
      var plan = WeekCostModelTests.randomPlan(allowed, random: &r, most: 6)
      guard !plan.isEmpty else { return }
      // Some half-days put back as the rota has them, off an override or onto leave.
      if r.int(0..<3) == 0 {
        let c = plan[0]
        let original = base.fromOverride[c.worker] & (1 << UInt16(c.slot)) != 0
        plan[0] = CellChange(
          worker: c.worker, slot: c.slot, code: base.planned[c.worker * 14 + c.slot], fromOverride: original)
      }
      var whole = base
      whole.derive(slots: WeekCostModel.setPlanned(plan, in: &whole), index: analysis.index)
      WeekCostModel.setPlanned(plan, in: &tried)
      tried.derive(changes: plan, events: events, reach: &reach)
      expectSame(tried, whole, "\(label) #\(i) \(plan)")
      #expect(Set(reach.workers).count == reach.workers.count, "\(label) #\(i): each worker reached once")
      tried.restore(&reach, from: base)
      expectSame(tried, base, "\(label) #\(i) put back")
      #expect(reach.workers.isEmpty && reach.siteSlots.isEmpty && !reach.shared.contains { $0 != 0 })
    }
  }

  @Test("the demo week and generated weeks with events, leave and bank holidays")
  func demoAndGenerated() {
    let demo = DemoPCN.rota()
    Self.expectAgree(demo, week: demo.anchorWeek!, seed: 3, plans: 300, label: "demo")
    for (seed, weekNumber) in [(5 as UInt64, 49), (17, 53), (23, 50)] {
      var g = RotaGenerator(
        .init(workers: 30, sites: 8, weeks: 8, start: ISOWeek(year: 2026, week: 46)!, seed: seed, teamChanges: true))
      Self.expectAgree(
        g.rota(), week: ISOWeek(year: 2026, week: weekNumber)!, seed: seed, plans: 150, label: "generated \(seed)")
    }
  }

  @Test("400 small random rotas, 10 tries each")
  func small() {
    for seed in 0..<400 as Range<UInt64> {
      var g = SmallRotaGenerator(seed: seed)
      let week = seed % 5 == 0 ? ISOWeek(year: 2026, week: 53)! : SmallRotaGenerator.week
      Self.expectAgree(g.rota(week: week), week: week, seed: seed, plans: 10, label: "small \(seed)")
    }
  }
}
