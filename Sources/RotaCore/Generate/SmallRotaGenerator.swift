/// Small, untidy rotas for property tests and for measuring the fix suggestions
/// against the exact optimum: a handful of workers and sites with every kind of
/// trouble the rules know (crowded and closed sites, cover to keep, leave with
/// work booked over it, events at other sites, split days, starters, leavers and
/// usual weeks that change), all in one week and the weeks before it. The same
/// seed always gives the same rota.
public struct SmallRotaGenerator {
  /// The week the rota is written around; its Monday is 2026-11-23.
  public static let week = ISOWeek(year: 2026, week: 48)!

  var rng: SplitMix64

  public init(seed: UInt64) { rng = SplitMix64(seed: seed ^ 0x5EED_CAFE_F00D_1234) }

  mutating func chance(_ percent: Int) -> Bool { rng.int(0..<100) < percent }

  /// A rota of 2 to `maxWorkers` workers and 2 to `maxSites` sites whose trouble
  /// falls in `week`, and sometimes in the weeks before it.
  public mutating func rota(maxWorkers: Int = 6, maxSites: Int = 4, week: ISOWeek = Self.week) -> Rota {
    let monday = week.monday
    var rota = Rota(pcn: "Small PCN", anchorWeek: week)
    rota.policy.maxSolitaryDays = rng.int(0..<4)
    rota.policy.maxSolitaryStreak = 1 + rng.int(0..<5)
    rota.policy.lookbackWeeks = 1 + rng.int(0..<4)
    rota.policy.supervisionWeeks = 1 + rng.int(0..<4)
    rota.policy.maxSoleSites = 1 + rng.int(0..<3)
    rota.policy.bankHolidays = chance(80) ? .englandAndWales : .none

    let siteCount = 2 + rng.int(0..<max(1, maxSites - 1))
    for i in 0..<siteCount {
      var site = Site(
        code: "S\(i + 1)", name: "Site \(i + 1)", kind: i == 0 ? .practice : [.practice, .school, .hub][rng.int(0..<3)])
      site.rooms = [1, 1, 2, 3][rng.int(0..<4)]
      if chance(40) { site.open.remove(WeekdayHalf(Weekday(rawValue: rng.int(0..<5))!, chance(50) ? .am : .pm)) }
      if chance(20) { site.open.insert(WeekdayHalf(.sat, .am)) }
      for _ in 0..<rng.int(0..<3) {
        site.cover.insert(WeekdayHalf(Weekday(rawValue: rng.int(0..<5))!, chance(50) ? .am : .pm))
      }
      if chance(25) { site.closed.append(DatedSession(monday.adding(days: rng.int(0..<5)), chance(50) ? .am : .pm)) }
      if chance(8) { site.end = monday.adding(days: rng.int(0..<5)) }
      if chance(8) { site.start = monday.adding(days: rng.int(0..<5)) }
      rota.sites.append(site)
    }

    let workerCount = 2 + rng.int(0..<max(1, maxWorkers - 1))
    for i in 0..<workerCount {
      var pattern = WeeklyPattern()
      let days = (0..<5).filter { _ in chance(75) }
      for d in days {
        let day = Weekday(rawValue: d)!
        let place: Place = chance(25) ? .home : .site(rota.sites[rng.int(0..<siteCount)].code)
        pattern[day, .am] = place
        pattern[day, .pm] =
          chance(15) ? (chance(50) ? .off : .site(rota.sites[rng.int(0..<siteCount)].code)) : place
      }
      let sessions = [2, 4, 6, 8, 8, 10, 10][rng.int(0..<7)]
      var worker = Worker(
        id: "w\(i + 1)", name: "Worker \(i + 1)", role: Role.allCases[rng.int(0..<4)], sessions: sessions,
        pattern: pattern)
      if chance(8) { worker.start = monday.adding(days: rng.int(0..<5)) }
      if chance(8) { worker.end = monday.adding(days: rng.int(0..<6)) }
      if chance(10) {
        var later = worker.pattern
        let day = Weekday(rawValue: rng.int(0..<5))!
        let place: Place = chance(50) ? .home : .site(rota.sites[rng.int(0..<siteCount)].code)
        later[day, .am] = place
        later[day, .pm] = place
        let from = monday.adding(days: rng.int(-7..<5))
        if worker.isInPost(on: from) { worker.patternChanges = [PatternChange(from: from, pattern: later)] }
      }
      rota.workers.append(worker)
    }

    for w in rota.workers where chance(30) {
      let start = monday.adding(days: rng.int(0..<5))
      let half: Half? = chance(30) ? (chance(50) ? .am : .pm) : nil
      let length = rng.int(0..<3)
      rota.leave.append(
        Leave(
          worker: w.id, from: DatedSession(start, half),
          to: length == 0 ? nil : DatedSession(start.adding(days: length)), kind: .annual))
    }
    // Overrides in the week and the weeks before it (which make sites known).
    for w in rota.workers {
      for _ in 0..<rng.int(0..<4) {
        let date = monday.adding(days: rng.int(-14..<6))
        let place: Place =
          chance(60) ? .site(rota.sites[rng.int(0..<siteCount)].code) : (chance(50) ? .home : .off)
        rota.overrides.append(
          Override(worker: w.id, date: date, half: chance(50) ? nil : (chance(50) ? .am : .pm), place: place))
      }
    }
    rota.overrides = Rota.resolveOverrides(rota.overrides)
    for _ in 0..<rng.int(0..<4) {
      let attendees = rota.workers.map(\.id).filter { _ in chance(50) }
      guard !attendees.isEmpty else { continue }
      let kind: EventKind = chance(50) ? .supervision : .team
      rota.events.append(
        Event(
          title: kind == .supervision ? "Supervision" : "Team meeting", kind: kind,
          date: monday.adding(days: rng.int(-21..<6)), half: chance(30) ? nil : (chance(50) ? .am : .pm),
          venue: chance(40) ? .online : .site(rota.sites[rng.int(0..<siteCount)].code), attendees: attendees))
    }
    return rota
  }
}
