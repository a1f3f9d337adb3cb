/// What one try of a few changed half-days reached in a week's facts, so that the
/// cost model re-counts, and then puts back, only that: the changed workers' own
/// half-days, the half-days whose company and days were worked out again for
/// each worker, and the sites' half-days whose occupancy moved. Kept between
/// tries, all clear, so that trying allocates nothing.
struct FactsReach {
  /// Per worker: the changed half-days, whose own facts (place, leave clash,
  /// presence at events) were worked out again.
  var own: [UInt16]
  /// Per worker: the half-days whose company and days were worked out again (a
  /// changed worker's own among them).
  var shared: [UInt16]
  /// The workers with a `shared` half-day, changed workers first, each once: the
  /// first `workerTotal` places (the storage is kept between tries, so clearing
  /// it costs nothing).
  private(set) var workerList: [Int]
  private(set) var workerTotal = 0
  /// The number of changed workers at the front of the workers.
  var changedCount = 0
  /// `site * 14 + slot` for each site's half-day a changed worker left or
  /// joined, each once (its occupancy may be the same after a swap): the first
  /// `siteSlotTotal` places.
  private(set) var siteSlotList: [Int] = []
  /// For each of those, how many more people are there than before.
  private(set) var siteMoves: [Int32] = []
  private(set) var siteSlotTotal = 0
  /// The distinct sites of the half-days among those whose occupancy moved (a
  /// `siteMoves` not 0), in the order first met: the first `movedSiteTotal`
  /// places, listed by `listMovedSites` once the changed workers are placed.
  private(set) var movedSiteList: [Int] = []
  private(set) var movedSiteTotal = 0

  init(workerCount: Int) {
    own = [UInt16](repeating: 0, count: workerCount)
    shared = own
    workerList = [Int](repeating: 0, count: workerCount)
  }

  var workers: ArraySlice<Int> { workerList[..<workerTotal] }
  var changedWorkers: ArraySlice<Int> { workerList[..<changedCount] }
  var siteSlots: ArraySlice<Int> { siteSlotList[..<siteSlotTotal] }

  mutating func reach(_ w: Int, slots: UInt16) {
    // With no half-day, a worker could be listed twice and overrun the list.
    precondition(slots != 0, "a worker reached in no half-day")
    if shared[w] == 0 {
      workerList[workerTotal] = w
      workerTotal += 1
    }
    shared[w] |= slots
  }

  mutating func move(_ siteSlot: Int, by n: Int32) {
    for k in 0..<siteSlotTotal where siteSlotList[k] == siteSlot {
      siteMoves[k] += n
      return
    }
    if siteSlotTotal == siteSlotList.count {
      siteSlotList.append(siteSlot)
      siteMoves.append(n)
    } else {
      siteSlotList[siteSlotTotal] = siteSlot
      siteMoves[siteSlotTotal] = n
    }
    siteSlotTotal += 1
  }

  /// Lists the sites whose occupancy moved in some half-day (`movedSiteList`).
  mutating func listMovedSites() {
    movedSiteTotal = 0
    for k in 0..<siteSlotTotal where siteMoves[k] != 0 {
      let site = siteSlotList[k] / 14
      if (0..<movedSiteTotal).contains(where: { movedSiteList[$0] == site }) { continue }
      if movedSiteTotal == movedSiteList.count {
        movedSiteList.append(site)
      } else {
        movedSiteList[movedSiteTotal] = site
      }
      movedSiteTotal += 1
    }
  }

  mutating func clear() {
    for k in 0..<workerTotal {
      let w = workerList[k]
      own[w] = 0
      shared[w] = 0
    }
    workerTotal = 0
    siteSlotTotal = 0
    movedSiteTotal = 0
    changedCount = 0
  }
}

/// The week's events as the cost model reads them: each event's half-days and
/// attendees, and for each worker the events they attend.
struct WeekEvents {
  let entries: [RotaIndex.EventEntry]
  /// Per worker: indices into `entries` of the events they attend.
  let ofWorker: [[Int]]
  /// Per worker: every half-day in which they attend an event.
  let slotsOfWorker: [UInt16]

  init(_ entries: [RotaIndex.EventEntry], workerCount: Int) {
    self.entries = entries
    var of = [[Int]](repeating: [], count: workerCount)
    var slots = [UInt16](repeating: 0, count: workerCount)
    for (k, e) in entries.enumerated() {
      for a in e.attendees {
        of[Int(a)].append(k)
        slots[Int(a)] |= e.slots
      }
    }
    ofWorker = of
    slotsOfWorker = slots
  }
}

extension WeekFacts {
  /// `derive(slots:)` for a try: after `changes` set their planned places, works
  /// out again only what they reach, and records it in `reach` (clear before):
  /// the changed workers' own facts in their changed half-days; the occupancy of
  /// the sites they leave and join; the company and days of the changed workers,
  /// of everyone at a site whose occupancy crosses between one and two, and of
  /// the attendees of an event where a changed worker's presence changes. The
  /// same facts as `derive(slots:)` over the changed half-days, in a few
  /// workers' work instead of every worker's (the tests hold the cost model
  /// built on it equal to a fresh analysis on thousands of random plans).
  mutating func derive(changes: [CellChange], events: WeekEvents, reach: inout FactsReach) {
    let holidaySlots = Self.slots(ofDays: holidayDays)
    // The changed workers' own half-days.
    for c in changes {
      reach.reach(c.worker, slots: 1 << UInt16(c.slot))
      reach.own[c.worker] |= 1 << UInt16(c.slot)
    }
    reach.changedCount = reach.workerTotal
    for k in 0..<reach.changedCount {
      let w = reach.workerList[k]
      let mine = reach.own[w]
      let wasAbsent = absentFromEvent[w] & mine
      var clash = leaveClash[w] & ~mine
      var outside = notInPost[w] & ~mine
      var work = worked[w] & ~mine
      for slot in SlotBits(mine) {
        let own = ownPlace(worker: w, slot: slot, holidaySlots: holidaySlots)
        let bit: UInt16 = 1 << UInt16(slot)
        if own.leaveClash { clash |= bit }
        if own.notInPost { outside |= bit }
        if PlaceCode.isWorked(own.place) { work |= bit }
        let before = effective[w * 14 + slot]
        let after = own.place
        guard after != before else { continue }
        effective[w * 14 + slot] = after
        if before >= 0 {
          occupancy[Int(before) * 14 + slot] -= 1
          reach.move(Int(before) * 14 + slot, by: -1)
        }
        if after >= 0 {
          occupancy[Int(after) * 14 + slot] += 1
          reach.move(Int(after) * 14 + slot, by: 1)
        }
      }
      leaveClash[w] = clash
      worked[w] = work
      // Presence at events: someone on leave, on a bank holiday or out of post is not there.
      let booked = events.slotsOfWorker[w] & mine
      guard booked != 0 else {
        notInPost[w] = outside
        continue
      }
      var absent = absentFromEvent[w] & ~mine
      var away = awayAtEvent[w] & ~mine
      for slot in SlotBits(booked) {
        let bit: UInt16 = 1 << UInt16(slot)
        switch effective[w * 14 + slot] {
        case PlaceCode.leave, PlaceCode.holiday:
          absent |= bit
          away |= bit
        case PlaceCode.notInPost:
          absent |= bit
          outside |= bit
        default: break
        }
      }
      notInPost[w] = outside
      absentFromEvent[w] = absent
      awayAtEvent[w] = away
      // Where their presence changed, everyone at those events may gain or lose company.
      let moved = (absentFromEvent[w] & mine) ^ wasAbsent
      guard moved != 0 else { continue }
      for e in events.ofWorker[w] where events.entries[e].slots & moved != 0 {
        let slots = events.entries[e].slots & moved
        for a in events.entries[e].attendees { reach.reach(Int(a), slots: slots) }
      }
    }
    reach.listMovedSites()
    // A site going from one person to two or more, or back: whoever else is
    // there gains or loses company.
    for k in 0..<reach.siteSlotTotal
    where (occupancy[reach.siteSlotList[k]] >= 2) != (occupancy[reach.siteSlotList[k]] - reach.siteMoves[k] >= 2) {
      let siteSlot = reach.siteSlotList[k]
      let site = Int32(siteSlot / 14)
      let slot = siteSlot % 14
      for w in 0..<workerCount where effective[w * 14 + slot] == site {
        reach.reach(w, slots: 1 << UInt16(slot))
      }
    }
    // Company and days, for every half-day reached.
    for k in 0..<reach.workerTotal {
      let w = reach.workerList[k]
      let slots = reach.shared[w]
      var together: UInt16 = 0
      for slot in SlotBits(slots) {
        let p = effective[w * 14 + slot]
        if p >= 0 && occupancy[Int(p) * 14 + slot] >= 2 { together |= 1 << UInt16(slot) }
      }
      if events.slotsOfWorker[w] & slots != 0 {
        var atEvents: UInt16 = 0
        for e in events.ofWorker[w] where events.entries[e].slots & slots != 0 {
          atEvents |= presentInPairs(events.entries[e], slots: events.entries[e].slots & slots)
        }
        together |= atEvents & ~absentFromEvent[w]
      }
      company[w] = company[w] & ~slots | together & worked[w]
      for d in 0..<7 where slots & (3 << UInt16(d * 2)) != 0 {
        let day: UInt16 = 3 << UInt16(d * 2)
        dayStatus[w * 7 + d] =
          worked[w] & day == 0
          ? WeekFacts.notWorked : (company[w] & day != 0 ? WeekFacts.inCompany : WeekFacts.solitary)
      }
    }
  }

  /// The half-days of `slots` in which at least two of `event`'s attendees are there.
  func presentInPairs(_ event: RotaIndex.EventEntry, slots: UInt16) -> UInt16 {
    var one: UInt16 = 0
    var two: UInt16 = 0
    for a in event.attendees {
      let present = slots & ~absentFromEvent[Int(a)]
      two |= one & present
      one |= present
    }
    return two
  }

  /// Puts back from `other` everything `derive(changes:events:reach:)` worked
  /// out again, and clears `reach`.
  mutating func restore(_ reach: inout FactsReach, from other: WeekFacts) {
    for k in 0..<reach.changedCount {
      let w = reach.workerList[k]
      let mine = reach.own[w]
      let keep = ~mine
      fromOverride[w] = other.fromOverride[w]
      leaveClash[w] = leaveClash[w] & keep | other.leaveClash[w] & mine
      notInPost[w] = notInPost[w] & keep | other.notInPost[w] & mine
      awayAtEvent[w] = awayAtEvent[w] & keep | other.awayAtEvent[w] & mine
      absentFromEvent[w] = absentFromEvent[w] & keep | other.absentFromEvent[w] & mine
      worked[w] = worked[w] & keep | other.worked[w] & mine
      for slot in SlotBits(mine) {
        planned[w * 14 + slot] = other.planned[w * 14 + slot]
        effective[w * 14 + slot] = other.effective[w * 14 + slot]
      }
    }
    for k in 0..<reach.workerTotal {
      let w = reach.workerList[k]
      let slots = reach.shared[w]
      company[w] = company[w] & ~slots | other.company[w] & slots
      for d in 0..<7 where slots & (3 << UInt16(d * 2)) != 0 { dayStatus[w * 7 + d] = other.dayStatus[w * 7 + d] }
    }
    for k in 0..<reach.siteSlotTotal { occupancy[reach.siteSlotList[k]] = other.occupancy[reach.siteSlotList[k]] }
    reach.clear()
  }
}
