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
  /// The rota's index, behind a reference: the model is copied for a method
  /// call on every try, and the index by value would make that copy several
  /// times larger.
  private let indexBox: Box<RotaIndex>
  var index: RotaIndex { indexBox.value }
  /// From the index, for counting: per site its rooms and cover, per worker their contracted sessions.
  let siteRooms: [Int32]
  let siteCover: [UInt16]
  let contracted: [Int]
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
  /// What a try reached in `scratch`: clear outside `tally(changing:)` and `make`.
  private var reach: FactsReach
  let weekEvents: WeekEvents

  /// Per worker: in post on at least one date of the week (only they have a week to report).
  let hasRow: [Bool]
  /// Per worker: the solitary worked days in a row that end the streak window's
  /// earlier weeks (0 when the last worked day there was in company).
  let streakCarry: [Int]
  /// Per worker: present at a supervision event in the supervision window before this week.
  let supervisedBefore: [Bool]
  /// Per worker: the half-days of each supervision event they attend this week.
  let supervisionSlots: [[UInt16]]
  /// Per worker: every half-day in which they attend an event.
  let eventSlots: [UInt16]
  /// Per worker: the half-days in which they attend two events or more.
  let doubleBooked: [UInt16]
  /// `workerCount * 14`: the site of the event a worker attends in a half-day,
  /// or -1 (none, online, or more than one: `doubleBooked`).
  let eventVenue: [Int32]
  /// Per site: the workers placed there at least once in the week.
  private(set) var siteWorkers: [[Int]]
  /// Per worker: how many distinct sites they are placed at in the week.
  private(set) var distinctSites: [Int]
  /// The parts `make` counted again, kept between changes.
  private var madeParts: [Part] = []

  init(analysis: RotaAnalysis, week: ISOWeek) {
    let index = analysis.index
    indexBox = Box(index)
    siteRooms = index.siteRooms
    siteCover = index.siteCover
    contracted = index.contracted
    policy = index.rota.policy
    let facts = analysis.facts(week)
    self.facts = facts
    scratch = facts
    let w = facts.workerCount
    reach = FactsReach(workerCount: w)
    weekEvents = WeekEvents(index.eventsByWeek[week.ordinal] ?? [], workerCount: w)

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
    // Per worker, the half-days of the events counted so far, those of two or
    // more, and the venue of the one event in a half-day.
    var seen = [UInt16](repeating: 0, count: w)
    var double = [UInt16](repeating: 0, count: w)
    var venue = [Int32](repeating: -1, count: w * 14)
    for e in weekEvents.entries {
      let isSupervision = index.rota.events[e.event].kind == .supervision
      for a in e.attendees.map({ Int($0) }) {
        double[a] |= seen[a] & e.slots
        seen[a] |= e.slots
        for slot in SlotBits(e.slots) { venue[a * 14 + slot] = e.venue }
        if isSupervision { supervision[a].append(e.slots) }
      }
    }
    for a in 0..<w {
      for slot in SlotBits(double[a]) { venue[a * 14 + slot] = -1 }
    }
    supervisionSlots = supervision
    eventSlots = weekEvents.slotsOfWorker
    doubleBooked = double
    eventVenue = venue

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
    Self.setPlanned(changes, in: &scratch)
    scratch.derive(changes: changes, events: weekEvents, reach: &reach)
    let total = scratchTotal()
    scratch.restore(&reach, from: facts)
    return total
  }

  /// The week's tally on `scratch`, once `changes` are made there. Its closure
  /// captures the parts' arrays, not `self`: a closure over the model would make
  /// Swift copy the whole model on every try.
  private func scratchTotal() -> CostTally {
    var total = self.total
    forEachPart(reach, after: scratch) { [siteTally, sessionTally, weekTally] part in
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
    Self.setPlanned(changes, in: &scratch)
    scratch.derive(changes: changes, events: weekEvents, reach: &reach)
    // Into a buffer kept between changes (taken out, so the closure does not capture `self`).
    var parts = madeParts
    madeParts = []
    parts.removeAll(keepingCapacity: true)
    forEachPart(reach, after: scratch) { parts.append($0) }
    // The sites each changed worker leaves and joins, from their half-days
    // before (`facts`) and after (`scratch`): only their places changed.
    for k in 0..<reach.changedCount {
      let w = reach.workerList[k]
      var count = 0
      for slot in 0..<14 {
        if scratch.isFirstAtItsSite(worker: w, slot: slot) {
          count += 1
          let site = scratch.effective[w * 14 + slot]
          if !facts.isPlaced(worker: w, at: site) {
            let i = Int(site)
            siteWorkers[i].insert(w, at: siteWorkers[i].firstIndex { $0 > w } ?? siteWorkers[i].count)
          }
        }
        if facts.isFirstAtItsSite(worker: w, slot: slot) {
          let site = facts.effective[w * 14 + slot]
          if !scratch.isPlaced(worker: w, at: site), let i = siteWorkers[Int(site)].firstIndex(of: w) {
            siteWorkers[Int(site)].remove(at: i)
          }
        }
      }
      distinctSites[w] = count
    }
    // What the try worked out, made in the facts too: only what it reached (not
    // `facts = scratch`, which would share their storage and make the next try
    // copy all of it). The tests hold the facts equal to a whole derivation
    // after thousands of changes made one on another.
    facts.restore(&reach, from: scratch)
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
    madeParts = parts
  }

  /// Sets the planned places; returns the half-days they are in.
  @discardableResult
  static func setPlanned(_ changes: [CellChange], in facts: inout WeekFacts) -> UInt16 {
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
    return mask
  }

  enum Part {
    case site(Int, CostTally)
    case session(Int, CostTally)
    case week(Int, CostTally)
  }

  /// The parts a try can change, counted again on `after`, the facts it
  /// `reach`ed: the sites whose occupancy changed; the changed workers'
  /// sessions; the week of the changed workers, of everyone whose days or
  /// company changed, and of everyone at a site whose occupancy changed who
  /// could be its only team member (sole cover). `reach` must be what
  /// `derive(changes:events:reach:)` recorded from `facts` to `after`: the
  /// sites moved are read from its count of moves (`siteMoves`,
  /// `movedSiteList`), not found by comparing the two.
  func forEachPart(_ reach: FactsReach, after: WeekFacts, _ body: (Part) -> Void) {
    // Worked out as it goes, not gathered in arrays: this runs for every try.
    // A site's half-day moved when its occupancy did (`siteMoves`, counted from the facts as they are).
    func differs(_ w: Int) -> Bool {
      after.worked[w] != facts.worked[w] || after.company[w] != facts.company[w]
        || after.absentFromEvent[w] != facts.absentFromEvent[w]
    }
    for k in 0..<reach.siteSlotTotal where reach.siteMoves[k] != 0 {
      let siteSlot = reach.siteSlotList[k]
      body(.site(siteSlot, siteTally(after, site: siteSlot / 14, slot: siteSlot % 14)))
    }
    for k in 0..<reach.changedCount {
      let w = reach.workerList[k]
      body(.session(w, sessionTally(after, worker: w)))
      body(.week(w, weekTally(after, worker: w)))
    }
    // Each reached worker is listed once.
    for k in reach.changedCount..<reach.workerTotal where differs(reach.workerList[k]) {
      let w = reach.workerList[k]
      body(.week(w, weekTally(after, worker: w, fewSites: distinctSites[w] < policy.maxSoleSites)))
    }
    // Sole cover: everyone at a site whose occupancy moved, once each (at the
    // first such site they are at), when whether they are alone at one of
    // those sites changed. Someone who shares a site with a worker the try
    // leaves alone was not its only team member before and is not after: only
    // the whole count can tell the rest.
    func alonenessMayChange(_ w: Int, at site: Int) -> Bool {
      siteWorkers[site].allSatisfy { $0 == w || reach.own[$0] != 0 }
    }
    for m in 0..<reach.movedSiteTotal {
      let site = reach.movedSiteList[m]
      for w in siteWorkers[site] where distinctSites[w] >= policy.maxSoleSites {
        if reach.own[w] != 0 || (reach.shared[w] != 0 && differs(w)) { continue }
        if (0..<m).contains(where: { siteWorkers[reach.movedSiteList[$0]].contains(w) }) { continue }
        let alonenessChanged = (m..<reach.movedSiteTotal).contains { j in
          let other = reach.movedSiteList[j]
          return siteWorkers[other].contains(w) && alonenessMayChange(w, at: other)
            && isAlone(w, at: other, in: after) != isAlone(w, at: other, in: facts)
        }
        if alonenessChanged { body(.week(w, weekTally(after, worker: w))) }
      }
    }
  }

  // MARK: Counting the parts, as WeekRules does

  func siteTally(_ f: WeekFacts, site: Int, slot: Int) -> CostTally {
    var t = CostTally.zero
    let n = f.occupancy[site * 14 + slot]
    let bit: UInt16 = 1 << UInt16(slot)
    if n > siteRooms[site] {
      t.errors = 1
      t.excess = CostTally.errorExcess * (n - siteRooms[site])
    }
    if n == 0 && siteCover[site] & bit != 0 && f.closedSlots[site] & bit == 0 { t.warnings = 1 }
    return t
  }

  func sessionTally(_ f: WeekFacts, worker w: Int) -> CostTally {
    var t = CostTally.zero
    var errors =
      f.leaveClash[w].nonzeroBitCount + f.notInPost[w].nonzeroBitCount + f.awayAtEvent[w].nonzeroBitCount
    var split = 0
    // Through buffers: this runs for every try, and the arrays' checks would double its time.
    f.effective.withUnsafeBufferPointer { all in
      f.closedSlots.withUnsafeBufferPointer { closed in
        let mine = UnsafeBufferPointer(rebasing: all[(w * 14)..<(w * 14 + 14)])
        for slot in 0..<14 {
          let p = mine[slot]
          if p >= 0 && closed[Int(p)] & (1 << UInt16(slot)) != 0 { errors += 1 }
        }
        for day in 0..<7 {
          let am = mine[day * 2]
          let pm = mine[day * 2 + 1]
          if am >= 0 && pm >= 0 && am != pm { split += 1 }
        }
      }
    }
    // Double-booked, or placed away from an event's venue, in a half-day worked.
    let booked = eventSlots[w]
    if booked != 0 {
      for slot in SlotBits(booked) {
        let p = f.effective[w * 14 + slot]
        guard PlaceCode.isWorked(p) else { continue }
        let venue = eventVenue[w * 14 + slot]
        if doubleBooked[w] & (1 << UInt16(slot)) != 0 || (venue >= 0 && venue != p) { errors += 1 }
      }
    }
    t.errors = Int32(errors)
    t.info = Int32(split)
    return t
  }

  /// `fewSites`: the caller knows `w` is placed at fewer than
  /// `policy.maxSoleSites` sites in `f` (a worker whose own half-days a try left
  /// alone), so sole cover need not be counted.
  func weekTally(_ f: WeekFacts, worker w: Int, fewSites: Bool = false) -> CostTally {
    guard hasRow[w] else { return .zero }
    var t = CostTally.zero
    var warnings: Int32 = 0
    let worked = f.worked[w].nonzeroBitCount
    let contracted = self.contracted[w]
    var excess = 0
    if worked > contracted {
      t.errors = 1
      excess += Int(CostTally.errorExcess) * (worked - contracted)
    }
    let planned = f.planned.withUnsafeBufferPointer { all in
      var n = 0
      for slot in (w * 14)..<(w * 14 + 14) where PlaceCode.isWorked(all[slot]) { n += 1 }
      return n
    }
    if planned < contracted && f.outOfPost[w] == 0 {
      warnings += 1
      excess += Int(CostTally.warningExcess) * (contracted - planned)
    }

    var solitaryDays = 0
    var length = streakCarry[w]
    var inWeek = false
    var streaks: Int32 = 0
    f.dayStatus.withUnsafeBufferPointer { all in
      for d in (w * 7)..<(w * 7 + 7) {
        switch all[d] {
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
    if !fewSites && soleSiteCount(f, worker: w) >= policy.maxSoleSites { warnings += 1 }
    t.warnings = warnings
    t.excess = Int32(excess)
    return t
  }

  /// The distinct sites `w` is placed at in the week.
  func sitesOf(_ w: Int, in f: WeekFacts) -> [Int] {
    (0..<14).filter { f.isFirstAtItsSite(worker: w, slot: $0) }.map { Int(f.effective[w * 14 + $0]) }
  }

  /// Whether no one but `w` is placed at `site` in the week.
  func isAlone(_ w: Int, at site: Int, in f: WeekFacts) -> Bool {
    let p = Int32(site)
    for slot in 0..<14 where f.occupancy[site * 14 + slot] > (f.effective[w * 14 + slot] == p ? 1 : 0) {
      return false
    }
    return true
  }

  /// How many sites `w` worked at where no other worker was ever placed in the
  /// week, when they worked at `policy.maxSoleSites` sites or more (else 0).
  func soleSiteCount(_ f: WeekFacts, worker w: Int) -> Int {
    f.effective.withUnsafeBufferPointer { all in
      let mine = UnsafeBufferPointer(rebasing: all[(w * 14)..<(w * 14 + 14)])
      // The first half-day at each distinct site (the first 64 sites by a bit each).
      var firsts: UInt16 = 0
      var seenSites: UInt64 = 0
      for slot in 0..<14 where mine[slot] >= 0 {
        let p = mine[slot]
        if p < 64 {
          if seenSites & (1 << UInt64(p)) == 0 { firsts |= 1 << UInt16(slot) }
          seenSites |= 1 << UInt64(p)
        } else if !(0..<slot).contains(where: { mine[$0] == p }) {
          firsts |= 1 << UInt16(slot)
        }
      }
      guard firsts.nonzeroBitCount >= policy.maxSoleSites else { return 0 }
      return f.occupancy.withUnsafeBufferPointer { occupancy in
        var sole = 0
        for slot in SlotBits(firsts) {
          let p = mine[slot]
          let there = UnsafeBufferPointer(rebasing: occupancy[(Int(p) * 14)..<(Int(p) * 14 + 14)])
          if !(0..<14).contains(where: { there[$0] > (mine[$0] == p ? 1 : 0) }) { sole += 1 }
        }
        return sole
      }
    }
  }
}

/// A value kept behind a reference, so that copying what holds it copies a pointer.
final class Box<Value: Sendable>: Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

extension WeekFacts {
  /// Whether `w` is placed at a site in `slot` and in no earlier half-day of
  /// the week at the same site. Inlined: a call would copy the facts.
  @inline(__always)
  func isFirstAtItsSite(worker w: Int, slot: Int) -> Bool {
    let p = effective[w * 14 + slot]
    return p >= 0 && !(0..<slot).contains { effective[w * 14 + $0] == p }
  }

  /// Whether `w` is placed at `site` in some half-day of the week. Inlined: a call would copy the facts.
  @inline(__always)
  func isPlaced(worker w: Int, at site: Int32) -> Bool {
    (0..<14).contains { effective[w * 14 + $0] == site }
  }
}
