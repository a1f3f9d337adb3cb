import Testing

@testable import RotaCore

/// The week re-checked after changes to planned places, against the same week
/// analysed from scratch on the changed rota: they must agree exactly.
@Suite("A week re-checked after changes")
struct WeekChangesTests {
  /// A seeded random source, so every run checks the same changes.
  struct Random {
    var state: UInt64
    mutating func next(_ n: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(max(1, n)))
    }
  }

  /// Random changes in `week`: one to four half-days of one or two workers, to a
  /// site, home, off or back to the usual week.
  static func changes(_ rota: Rota, week: ISOWeek, random r: inout Random) -> [PlannedChange] {
    let places: [Place?] = [nil, .home, .off] + rota.sites.map { .site($0.code) }
    var out: [PlannedChange] = []
    let workers = (0..<(1 + r.next(2))).map { _ in rota.workers[r.next(rota.workers.count)].id }
    for _ in 0..<(1 + r.next(4)) {
      let date = week.monday.adding(days: r.next(7))
      out.append(
        PlannedChange(
          worker: workers[r.next(workers.count)], date: date, half: r.next(2) == 0 ? .am : .pm,
          place: places[r.next(places.count)]))
    }
    return out
  }

  static func expectAgree(_ rota: Rota, week: ISOWeek, _ changes: [PlannedChange], _ label: String) {
    let analysis = RotaAnalysis(rota)
    let base = analysis.report(for: week)
    let (patched, cleared, added) = analysis.changes(in: week, changing: changes)
    let changed = rota.applying(
      changes.map { .setOverride(worker: $0.worker, date: $0.date, half: $0.half, place: $0.place) })
    let fresh = RotaAnalysis(changed).report(for: week)
    #expect(patched.findings == fresh.findings, "\(label): findings differ for \(changes)")
    #expect(patched.isolation == fresh.isolation, "\(label): isolation rows differ for \(changes)")
    let was = Set(base.findings)
    let now = Set(fresh.findings)
    #expect(cleared == base.findings.filter { !now.contains($0) }, "\(label): cleared differs for \(changes)")
    #expect(added == fresh.findings.filter { !was.contains($0) }, "\(label): added differs for \(changes)")
  }

  @Test("the demo, 2000 random changes in its week and the weeks around it")
  func demo() {
    let rota = DemoPCN.rota()
    var r = Random(state: 1)
    for i in 0..<2000 {
      let week = rota.anchorWeek!.adding(weeks: r.next(3) - 1)
      Self.expectAgree(rota, week: week, Self.changes(rota, week: week, random: &r), "demo #\(i)")
    }
  }

  @Test(
    "generated rotas, with posts, usual weeks that change, sites that close and bank holidays",
    arguments: [(3 as UInt64, false), (11, true), (29, true)])
  func generated(seed: UInt64, teamChanges: Bool) {
    var g = RotaGenerator(
      .init(
        workers: 40, sites: 8, weeks: 10, start: ISOWeek(year: 2026, week: 48)!, seed: seed, teamChanges: teamChanges))
    let rota = g.rota()
    var r = Random(state: seed)
    for i in 0..<300 {
      // Week 53 of 2026 holds the Christmas bank holidays.
      let week = ISOWeek(year: 2026, week: 49)!.adding(weeks: r.next(6))
      Self.expectAgree(rota, week: week, Self.changes(rota, week: week, random: &r), "seed \(seed) #\(i)")
    }
  }

  @Test("no change gives the week as it is; a change outside the week is ignored")
  func nothing() {
    let rota = DemoPCN.rota()
    let week = rota.anchorWeek!
    let analysis = RotaAnalysis(rota)
    #expect(analysis.report(for: week, changing: []).findings == analysis.report(for: week).findings)
    let elsewhere = PlannedChange(worker: "amira", date: week.monday.adding(days: -7), half: .am, place: .off)
    #expect(analysis.report(for: week, changing: [elsewhere]).findings == analysis.report(for: week).findings)
  }
}

@Suite("Step 0 before the bank holidays")
struct OutOfPostOnHolidayTests {
  @Test("a day after a leaver's last is not in post even on a bank holiday")
  func leaverOnChristmas() {
    var rota = DemoPCN.rota()
    rota.workers[0].end = LocalDate(iso: "2026-12-24")
    let christmas = LocalDate(iso: "2026-12-25")!
    let placements = RotaAnalysis(rota).placements(for: christmas.isoWeek)
    #expect(placements.placement(worker: 0, day: christmas.weekday.rawValue, half: .am) == .notInPost)
    // Someone still in post has the bank holiday.
    #expect(placements.placement(worker: 1, day: christmas.weekday.rawValue, half: .am) == .holiday)
  }
}
