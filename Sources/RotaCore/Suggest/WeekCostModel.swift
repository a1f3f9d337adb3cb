/// One half-day's planned place as a plan would set it: a place code, and whether
/// it comes from an override (a change always does; putting a half-day back as the
/// rota has it restores where its place came from).
struct CellChange: Hashable, Sendable {
  let worker: Int
  let slot: Int
  let code: Int32
  let fromOverride: Bool
}

/// One week's cost, counted rule by rule as `WeekRules` finds them but without
/// making findings, and kept by its parts: each site's half-days, each worker's
/// sessions and each worker's week. Trying changes re-derives only the half-days
/// they touch and re-counts only the parts those can reach, so the search can
/// score a candidate in microseconds. The tests hold it equal to a fresh
/// analysis of the changed rota on thousands of random plans.
struct WeekCostModel {
  let index: RotaIndex
  let policy: Policy
  private(set) var facts: WeekFacts
  /// `siteCount * 14`: over-capacity and cover gaps.
  private(set) var siteTally: [CostTally]
  /// Per worker: leave clashes, not in post, away at events, closed sites, double bookings, split days.
  private(set) var sessionTally: [CostTally]
  /// Per worker: contract, solitary days and streaks, supervision, sole cover.
  private(set) var weekTally: [CostTally]
  /// The whole week's tally: the sum of the parts.
  private(set) var total: CostTally

  /// The facts with a candidate's changes made: kept between tries and put back
  /// after each, so trying a change allocates nothing. Equal to `facts` outside
  /// `tally(changing:)`.
  private var scratch: WeekFacts

  /// Per worker: in post on at least one date of the week (only they have a week to report).
  let hasRow: [Bool]
  /// Per worker: the solitary worked days in a row that end the streak window's
  /// earlier weeks (0 when the last worked day there was in company).
  let streakCarry: [Int]
  /// Per worker: present at a supervision event in the supervision window before this week.
  let supervisedBefore: [Bool]
  /// Per worker: the half-days of each supervision event they attend this week.
  let supervisionSlots: [[UInt16]]
  /// Per worker: the events they attend this week, as half-days and venue (a site, or -1 online).
  let events: [[(slots: UInt16, venue: Int32)]]
  /// Per worker: every half-day in which they attend an event.
  let eventSlots: [UInt16]
  /// Per site: the workers placed there at least once in the week.
  private(set) var siteWorkers: [[Int]]
  /// Per worker: how many distinct sites they are placed at in the week.
  private(set) var distinctSites: [Int]

  init(analysis: RotaAnalysis, week: ISOWeek) {
    let index = analysis.index
    self.index = index
    policy = index.rota.policy
    let facts = analysis.facts(week)
    self.facts = facts
    scratch = facts
    let w = facts.workerCount

    hasRow = facts.outOfPost.map { $0 != 0x3FFF }
    let earlier = (1..<policy.lookbackWeeks).reversed().map { analysis.facts(week.adding(weeks: -$0)) }
    var carry = [Int](repeating: 0, count: w)
    for wk in 0..<w {
      var length = 0
      for f in earlier {
        for d in 0..<7 {
          switch f.dayStatus[wk * 7 + d] {
          case WeekFacts.notWorked: continue
          case WeekFacts.solitary: length += 1
          default: length = 0
          }
        }
      }
      carry[wk] = length
    }
    streakCarry = carry

    let windowStart = facts.mondayDay - 7 * (policy.supervisionWeeks - 1)
    supervisedBefore = (0..<w).map { wk in
      index.lastSupervision(worker: wk, onOrBefore: facts.mondayDay - 1).map { $0 >= windowStart } ?? false
    }
    var supervision = [[UInt16]](repeating: [], count: w)
    var attended = [[(slots: UInt16, venue: Int32)]](repeating: [], count: w)
    var eventSlots = [UInt16](repeating: 0, count: w)
    for e in index.eventsByWeek[week.ordinal] ?? [] {
      let isSupervision = index.rota.events[e.event].kind == .supervision
      for a in e.attendees {
        attended[Int(a)].append((e.slots, e.venue))
        eventSlots[Int(a)] |= e.slots
        if isSupervision { supervision[Int(a)].append(e.slots) }
      }
    }
    supervisionSlots = supervision
    events = attended
    self.eventSlots = eventSlots

    siteTally = []
    sessionTally = []
    weekTally = []
    total = .zero
    siteWorkers = []
    distinctSites = []
    recountEverything()
  }

  /// Counts every part from the facts as they are.
  mutating func recountEverything() {
    let s = facts.siteCount
    siteTally = [CostTally](repeating: .zero, count: s * 14)
    for site in 0..<s {
      for slot in 0..<14 { siteTally[site * 14 + slot] = siteTally(facts, site: site, slot: slot) }
    }
    sessionTally = (0..<facts.workerCount).map { sessionTally(facts, worker: $0) }
    siteWorkers = [[Int]](repeating: [], count: s)
    distinctSites = [Int](repeating: 0, count: facts.workerCount)
    for w in 0..<facts.workerCount {
      let sites = sitesOf(w, in: facts)
      distinctSites[w] = sites.count
      for site in sites { siteWorkers[site].append(w) }
    }
    weekTally = (0..<facts.workerCount).map { weekTally(facts, worker: $0) }
    total = siteTally.reduce(.zero, +) + sessionTally.reduce(.zero, +) + weekTally.reduce(.zero, +)
  }

  // MARK: Trying and making changes

  /// What the week's tally would be with `changes` made (at most one per half-day).
  mutating func tally(changing changes: [CellChange]) -> CostTally {
    let mask = Self.apply(changes, to: &scratch, index: index)
    let total = scratchTotal(changedBy: changes, mask: mask)
    scratch.restore(slots: mask, changes: changes, from: facts)
    return total
  }

  /// The week's tally on `scratch`, once `changes` are made there. Its closure
  /// captures the parts' arrays, not `self`: a closure over the model would make
  /// Swift copy the whole model on every try.
  private func scratchTotal(changedBy changes: [CellChange], mask: UInt16) -> CostTally {
    var total = self.total
    forEachPart(changedBy: changes, mask: mask, after: scratch) { [siteTally, sessionTally, weekTally] part in
      switch part {
      case .site(let i, let tally): total += tally - siteTally[i]
      case .session(let w, let tally): total += tally - sessionTally[w]
      case .week(let w, let tally): total += tally - weekTally[w]
      }
    }
    return total
  }

  /// Makes `changes`, keeping every part's count.
  mutating func make(_ changes: [CellChange]) {
    let mask = Self.apply(changes, to: &scratch, index: index)
    var sitesMoved: Set<Int> = []
    var parts: [Part] = []
    forEachPart(changedBy: changes, mask: mask, after: scratch) { parts.append($0) }
    // The sites the changed workers leave or join: a swap can change who is at a
    // site without changing how many.
    for c in changes {
      for p in [facts.effective[c.worker * 14 + c.slot], scratch.effective[c.worker * 14 + c.slot]] where p >= 0 {
        sitesMoved.insert(Int(p))
      }
    }
    // The same changes made to the facts too (not `facts = scratch`, which would
    // share their storage and make the next try copy all of it).
    _ = Self.apply(changes, to: &facts, index: index)
    for part in parts {
      switch part {
      case .site(let i, let tally):
        total += tally - siteTally[i]
        siteTally[i] = tally
      case .session(let w, let tally):
        total += tally - sessionTally[w]
        sessionTally[w] = tally
      case .week(let w, let tally):
        total += tally - weekTally[w]
        weekTally[w] = tally
      }
    }
    // Read through a local copy: a closure over `facts` here, in a mutating
    // method, would make Swift copy the whole model.
    let effective = facts.effective
    for site in sitesMoved.sorted() {
      siteWorkers[site] = (0..<facts.workerCount).filter { w in
        (0..<14).contains { effective[w * 14 + $0] == Int32(site) }
      }
    }
    for w in Set(changes.map(\.worker)) { distinctSites[w] = sitesOf(w, in: facts).count }
  }

  /// Sets the planned places and derives the half-days they touch; returns those half-days.
  static func apply(_ changes: [CellChange], to facts: inout WeekFacts, index: RotaIndex) -> UInt16 {
    var mask: UInt16 = 0
    for c in changes {
      let bit: UInt16 = 1 << UInt16(c.slot)
      facts.planned[c.worker * 14 + c.slot] = c.code
      if c.fromOverride {
        facts.fromOverride[c.worker] |= bit
      } else {
        facts.fromOverride[c.worker] &= ~bit
      }
      mask |= bit
    }
    facts.derive(slots: mask, index: index)
    return mask
  }

  enum Part {
    case site(Int, CostTally)
    case session(Int, CostTally)
    case week(Int, CostTally)
  }

  /// The parts `changes` can change, counted again on `after`: the sites whose
  /// occupancy changed in the half-days touched; the changed workers' sessions;
  /// the week of the changed workers, of everyone whose days or company changed,
  /// and of everyone at a site whose occupancy changed who could be its only
  /// team member (sole cover).
  func forEachPart(changedBy changes: [CellChange], mask: UInt16, after: WeekFacts, _ body: (Part) -> Void) {
    var sitesMoved: [Int] = []
    for slot in 0..<14 where mask & (1 << UInt16(slot)) != 0 {
      for site in 0..<after.siteCount where after.occupancy[site * 14 + slot] != facts.occupancy[site * 14 + slot] {
        body(.site(site * 14 + slot, siteTally(after, site: site, slot: slot)))
        if !sitesMoved.contains(site) { sitesMoved.append(site) }
      }
    }
    var changed: [Int] = []
    for c in changes where !changed.contains(c.worker) { changed.append(c.worker) }
    for w in changed { body(.session(w, sessionTally(after, worker: w))) }
    var weekWorkers = changed
    for w in 0..<after.workerCount
    where after.worked[w] != facts.worked[w] || after.company[w] != facts.company[w]
      || after.absentFromEvent[w] != facts.absentFromEvent[w]
    {
      if !weekWorkers.contains(w) { weekWorkers.append(w) }
    }
    for site in sitesMoved {
      for w in siteWorkers[site] where distinctSites[w] >= policy.maxSoleSites && !weekWorkers.contains(w) {
        weekWorkers.append(w)
      }
    }
    for w in weekWorkers { body(.week(w, weekTally(after, worker: w))) }
  }

  // MARK: Counting the parts, as WeekRules does

  func siteTally(_ f: WeekFacts, site: Int, slot: Int) -> CostTally {
    var t = CostTally.zero
    let n = f.occupancy[site * 14 + slot]
    let bit: UInt16 = 1 << UInt16(slot)
    if n > index.siteRooms[site] {
      t.errors = 1
      t.excess = CostTally.errorExcess * (n - index.siteRooms[site])
    }
    if n == 0 && index.siteCover[site] & bit != 0 && f.closedSlots[site] & bit == 0 { t.warnings = 1 }
    return t
  }

  func sessionTally(_ f: WeekFacts, worker w: Int) -> CostTally {
    var t = CostTally.zero
    var errors =
      f.leaveClash[w].nonzeroBitCount + f.notInPost[w].nonzeroBitCount + f.awayAtEvent[w].nonzeroBitCount
    for slot in 0..<14 {
      let p = f.effective[w * 14 + slot]
      if p >= 0 && f.closedSlots[Int(p)] & (1 << UInt16(slot)) != 0 { errors += 1 }
    }
    let booked = eventSlots[w]
    if booked != 0 {
      for slot in 0..<14 where booked & (1 << UInt16(slot)) != 0 {
        let p = f.effective[w * 14 + slot]
        guard PlaceCode.isWorked(p) else { continue }
        var count = 0
        var elsewhere = false
        for e in events[w] where e.slots & (1 << UInt16(slot)) != 0 {
          count += 1
          if e.venue >= 0 && e.venue != p { elsewhere = true }
        }
        if count >= 2 || elsewhere { errors += 1 }
      }
    }
    var split = 0
    for day in 0..<7 {
      let am = f.effective[w * 14 + day * 2]
      let pm = f.effective[w * 14 + day * 2 + 1]
      if am >= 0 && pm >= 0 && am != pm { split += 1 }
    }
    t.errors = Int32(errors)
    t.info = Int32(split)
    return t
  }

  func weekTally(_ f: WeekFacts, worker w: Int) -> CostTally {
    guard hasRow[w] else { return .zero }
    var t = CostTally.zero
    var warnings: Int32 = 0
    let worked = f.worked[w].nonzeroBitCount
    let contracted = index.contracted[w]
    var excess = 0
    if worked > contracted {
      t.errors = 1
      excess += Int(CostTally.errorExcess) * (worked - contracted)
    }
    var planned = 0
    for slot in 0..<14 where PlaceCode.isWorked(f.planned[w * 14 + slot]) { planned += 1 }
    if planned < contracted && f.outOfPost[w] == 0 {
      warnings += 1
      excess += Int(CostTally.warningExcess) * (contracted - planned)
    }

    var solitaryDays = 0
    var length = streakCarry[w]
    var inWeek = false
    var streaks: Int32 = 0
    for d in 0..<7 {
      switch f.dayStatus[w * 7 + d] {
      case WeekFacts.notWorked: continue
      case WeekFacts.solitary:
        solitaryDays += 1
        length += 1
        inWeek = true
      default:
        if inWeek && length > policy.maxSolitaryStreak { streaks += 1 }
        length = 0
        inWeek = false
      }
    }
    if inWeek && length > policy.maxSolitaryStreak { streaks += 1 }
    t.solitaryDays = Int32(solitaryDays)
    if solitaryDays > policy.maxSolitaryDays {
      warnings += 1
      excess += Int(CostTally.warningExcess) * (solitaryDays - policy.maxSolitaryDays)
    }
    warnings += streaks

    if worked > 0 && !supervisedBefore[w]
      && !supervisionSlots[w].contains(where: { $0 & ~f.absentFromEvent[w] != 0 })
    {
      warnings += 1
      excess += Int(CostTally.warningExcess) * worked
    }
    if soleSiteCount(f, worker: w) >= policy.maxSoleSites { warnings += 1 }
    t.warnings = warnings
    t.excess = Int32(excess)
    return t
  }

  /// The distinct sites `w` is placed at in the week.
  func sitesOf(_ w: Int, in f: WeekFacts) -> [Int] {
    var sites: [Int] = []
    for slot in 0..<14 {
      let p = Int(f.effective[w * 14 + slot])
      if p >= 0 && !sites.contains(p) { sites.append(p) }
    }
    return sites
  }

  /// How many sites `w` worked at where no other worker was ever placed in the
  /// week, when they worked at `policy.maxSoleSites` sites or more (else 0).
  func soleSiteCount(_ f: WeekFacts, worker w: Int) -> Int {
    f.effective.withUnsafeBufferPointer { all in
      let mine = UnsafeBufferPointer(rebasing: all[(w * 14)..<(w * 14 + 14)])
      // The first half-day at each distinct site.
      var firsts: UInt16 = 0
      for slot in 0..<14 where mine[slot] >= 0 {
        var seen = false
        for s in 0..<slot where mine[s] == mine[slot] {
          seen = true
          break
        }
        if !seen { firsts |= 1 << UInt16(slot) }
      }
      guard firsts.nonzeroBitCount >= policy.maxSoleSites else { return 0 }
      var sole = 0
      for slot in SlotBits(firsts) {
        let p = mine[slot]
        let others = (0..<14).contains { s in f.occupancy[Int(p) * 14 + s] > (mine[s] == p ? 1 : 0) }
        if !others { sole += 1 }
      }
      return sole
    }
  }
}

extension WeekFacts {
  /// Puts back from `other` everything that `derive(slots: mask)` after `changes`
  /// may have changed: the changed half-days' planned places; the changed
  /// workers' derived facts in the half-days of `mask`; and for every worker and
  /// site the company, days and occupancy those half-days reach.
  mutating func restore(slots mask: UInt16, changes: [CellChange], from other: WeekFacts) {
    for c in changes {
      planned[c.worker * 14 + c.slot] = other.planned[c.worker * 14 + c.slot]
      fromOverride[c.worker] = other.fromOverride[c.worker]
    }
    let keep = ~mask
    // A worker's own places and what follows from them alone changed only for
    // the changed workers; anyone's company and days may have.
    for c in changes {
      let w = c.worker
      leaveClash[w] = leaveClash[w] & keep | other.leaveClash[w] & mask
      notInPost[w] = notInPost[w] & keep | other.notInPost[w] & mask
      awayAtEvent[w] = awayAtEvent[w] & keep | other.awayAtEvent[w] & mask
      absentFromEvent[w] = absentFromEvent[w] & keep | other.absentFromEvent[w] & mask
      worked[w] = worked[w] & keep | other.worked[w] & mask
      for slot in SlotBits(mask) { effective[w * 14 + slot] = other.effective[w * 14 + slot] }
    }
    for w in 0..<workerCount {
      company[w] = company[w] & keep | other.company[w] & mask
      for d in 0..<7 where mask & (3 << UInt16(d * 2)) != 0 { dayStatus[w * 7 + d] = other.dayStatus[w * 7 + d] }
    }
    for slot in SlotBits(mask) {
      for site in 0..<siteCount { occupancy[site * 14 + slot] = other.occupancy[site * 14 + slot] }
    }
  }
}
