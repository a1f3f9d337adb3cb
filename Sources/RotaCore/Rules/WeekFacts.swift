/// Everything the rules need to know about one ISO week: each worker's planned and
/// effective place in each of the 14 sessions, who is where, and which worked
/// sessions and days were solitary. Computed once per week and cached.
struct WeekFacts: Sendable {
  let week: ISOWeek
  let mondayDay: Int
  let workerCount: Int
  let siteCount: Int
  /// `workerCount * 14`: planned place codes (override, else pattern, else off).
  var planned: [Int32]
  /// `workerCount * 14`: effective place codes.
  var effective: [Int32]
  /// Per worker, a bit per slot set when the planned place came from an override.
  var fromOverride: [UInt16]
  /// Per worker, a bit per slot covered by leave.
  var onLeave: [UInt16]
  /// Per worker, a bit per slot where an override places them at work during leave.
  var leaveClash: [UInt16]
  /// Per worker, a bit per slot outside their post (v1.1).
  var outOfPost: [UInt16]
  /// Per worker, a bit per slot outside their post where an override gives a
  /// place other than off, or they attend an event: `not-in-post`.
  var notInPost: [UInt16]
  /// Per worker, a bit per slot where they attend an event while on leave or on
  /// a bank holiday: `away-at-event`.
  var awayAtEvent: [UInt16]
  /// Per worker, a bit per slot where they attend an event and are not present at it.
  var absentFromEvent: [UInt16]
  /// Per worker, a bit per worked slot.
  var worked: [UInt16]
  /// Per worker, a bit per worked slot in company.
  var company: [UInt16]
  /// `siteCount * 14`: workers placed at each site in each slot.
  var occupancy: [Int32]
  /// Per site, a bit per slot when the site is not open.
  var closedSlots: [UInt16]
  /// A bit per day (Monday = bit 0) that is a bank holiday.
  var holidayDays: UInt8
  /// `workerCount * 7`: 0 not worked, 1 worked with company at some point, 2 solitary day.
  var dayStatus: [UInt8]

  static let notWorked: UInt8 = 0
  static let inCompany: UInt8 = 1
  static let solitary: UInt8 = 2

  var solitarySlots: [UInt16] { zip(worked, company).map { $0 & ~$1 } }

  init(week: ISOWeek, index: RotaIndex, holidays: inout BankHolidayCalendar) {
    self.week = week
    let monday = week.monday
    mondayDay = monday.dayNumber
    let weekKey = monday.weekKey
    let w = index.workerCount
    let s = index.siteCount
    workerCount = w
    siteCount = s

    var holidayDays: UInt8 = 0
    holidays.prepare(year: monday.year)
    holidays.prepare(year: week.sunday.year)
    for d in 0..<7 where holidays.isHoliday(monday.adding(days: d)) { holidayDays |= 1 << UInt8(d) }
    self.holidayDays = holidayDays

    var planned = index.patterns
    // The usual week in force on each day, for workers whose usual week changes.
    let firstDay = monday.dayNumber
    for c in index.changedPatterns {
      for d in 0..<7 {
        guard let k = c.from.lastIndex(where: { $0 <= firstDay + d }) else { continue }
        let codes = c.codes[k]
        planned[c.worker * 14 + d * 2] = codes[d * 2]
        planned[c.worker * 14 + d * 2 + 1] = codes[d * 2 + 1]
      }
    }
    var fromOverride = [UInt16](repeating: 0, count: w)
    for o in index.overridesByWeek[weekKey] ?? [] {
      planned[Int(o.worker) * 14 + Int(o.slot)] = o.place
      fromOverride[Int(o.worker)] |= 1 << UInt16(o.slot)
    }

    var onLeave = [UInt16](repeating: 0, count: w)
    let firstOrdinal = mondayDay * 2
    for l in index.leaveByWeek[weekKey] ?? [] {
      let lo = max(l.first - firstOrdinal, 0)
      let hi = min(l.last - firstOrdinal, 13)
      guard lo <= hi else { continue }
      let bits = UInt16((1 << (hi + 1)) - (1 << lo))
      onLeave[Int(l.worker)] |= bits
    }

    var outOfPost = [UInt16](repeating: 0, count: w)
    for p in index.posts { outOfPost[p.index] = p.outside(weekFrom: mondayDay) }

    var closedSlots = index.siteOpen.map { ~$0 & 0x3FFF }
    for c in index.closuresByWeek[weekKey] ?? [] { closedSlots[Int(c.site)] |= c.slots }
    for span in index.siteSpans { closedSlots[span.index] |= span.outside(weekFrom: mondayDay) }
    let holidaySlots = Self.slots(ofDays: holidayDays)
    if holidaySlots != 0 {
      for site in 0..<s where !index.siteOpenOnHolidays[site] { closedSlots[site] |= holidaySlots }
    }

    self.planned = planned
    self.fromOverride = fromOverride
    self.onLeave = onLeave
    self.outOfPost = outOfPost
    self.closedSlots = closedSlots
    effective = planned
    leaveClash = [UInt16](repeating: 0, count: w)
    notInPost = [UInt16](repeating: 0, count: w)
    awayAtEvent = [UInt16](repeating: 0, count: w)
    absentFromEvent = [UInt16](repeating: 0, count: w)
    worked = [UInt16](repeating: 0, count: w)
    company = [UInt16](repeating: 0, count: w)
    occupancy = [Int32](repeating: 0, count: s * 14)
    dayStatus = [UInt8](repeating: 0, count: w * 7)
    derive(slots: 0x3FFF, index: index)
  }

  /// The 14 slot bits of a set of days (a bit per day, Monday = bit 0).
  static func slots(ofDays days: UInt8) -> UInt16 {
    var bits: UInt16 = 0
    for d in 0..<7 where days & (1 << UInt8(d)) != 0 { bits |= 3 << UInt16(d * 2) }
    return bits
  }

  /// Works out, for the slots in `mask` and every worker, everything that follows
  /// from the planned places: the effective placement (`rules.md` steps 0 to 4),
  /// who is placed where, presence at events and company, and the days those
  /// slots fall on. A whole week is derived with every slot in the mask; after a
  /// change to some planned places (a drop's preview, a suggestion), only the
  /// slots that changed.
  mutating func derive(slots mask: UInt16, index: RotaIndex) {
    guard mask != 0 else { return }
    let w = workerCount
    let holidaySlots = Self.slots(ofDays: holidayDays)
    for slot in SlotBits(mask) {
      for site in 0..<siteCount { occupancy[site * 14 + slot] = 0 }
    }
    for wk in 0..<w {
      var clash = leaveClash[wk] & ~mask
      var outside = notInPost[wk] & ~mask
      var work = worked[wk] & ~mask
      awayAtEvent[wk] &= ~mask
      absentFromEvent[wk] &= ~mask
      company[wk] &= ~mask
      for slot in SlotBits(mask) {
        let own = ownPlace(worker: wk, slot: slot, holidaySlots: holidaySlots)
        let bit: UInt16 = 1 << UInt16(slot)
        if own.leaveClash { clash |= bit }
        if own.notInPost { outside |= bit }
        if PlaceCode.isWorked(own.place) { work |= bit }
        effective[wk * 14 + slot] = own.place
        if own.place >= 0 { occupancy[Int(own.place) * 14 + slot] += 1 }
      }
      leaveClash[wk] = clash
      notInPost[wk] = outside
      worked[wk] = work
    }

    // Presence at events: an attendee on leave, on a bank holiday or out of post
    // is not there, and keeps no one company.
    for e in index.eventsByWeek[week.ordinal] ?? [] where e.slots & mask != 0 {
      let slots = e.slots & mask
      // Per half-day: the attendees there, counted up to two (a pair of bits: at least one, at least two).
      var one: UInt16 = 0
      var two: UInt16 = 0
      for a in e.attendees {
        var bits: UInt16 = 0
        for slot in SlotBits(slots) {
          let p = effective[Int(a) * 14 + slot]
          if p == PlaceCode.leave || p == PlaceCode.holiday {
            bits |= 1 << UInt16(slot)
            awayAtEvent[Int(a)] |= 1 << UInt16(slot)
          } else if p == PlaceCode.notInPost {
            bits |= 1 << UInt16(slot)
            notInPost[Int(a)] |= 1 << UInt16(slot)
          }
        }
        absentFromEvent[Int(a)] |= bits
        let present = slots & ~bits
        two |= one & present
        one |= present
      }
      // Company where at least two attendees are there, for each of them.
      guard two != 0 else { continue }
      for a in e.attendees { company[Int(a)] |= two & ~absentFromEvent[Int(a)] & slots }
    }
    var days: UInt8 = 0
    for d in 0..<7 where mask & (3 << UInt16(d * 2)) != 0 { days |= 1 << UInt8(d) }
    for wk in 0..<w {
      for slot in SlotBits(mask) {
        let p = effective[wk * 14 + slot]
        if p >= 0 && occupancy[Int(p) * 14 + slot] >= 2 { company[wk] |= 1 << UInt16(slot) }
      }
      company[wk] &= worked[wk]
      let workedBits = worked[wk]
      let companyBits = company[wk]
      for d in 0..<7 where days & (1 << UInt8(d)) != 0 {
        let dayMask: UInt16 = 3 << UInt16(d * 2)
        dayStatus[wk * 7 + d] =
          workedBits & dayMask == 0
          ? WeekFacts.notWorked : (companyBits & dayMask != 0 ? WeekFacts.inCompany : WeekFacts.solitary)
      }
    }
  }

  /// Steps 0 to 4 for one worker's half-day: its effective place, and whether an
  /// override there clashes with leave or falls outside the post. Reads only;
  /// the callers write the results a worker at a time.
  @inline(__always)
  func ownPlace(worker wk: Int, slot: Int, holidaySlots: UInt16) -> (place: Int32, leaveClash: Bool, notInPost: Bool) {
    let bit: UInt16 = 1 << UInt16(slot)
    let e = planned[wk * 14 + slot]
    let overridden = fromOverride[wk] & bit != 0
    // Step 0: outside the post nothing else counts.
    if outOfPost[wk] & bit != 0 { return (PlaceCode.notInPost, false, overridden && e != PlaceCode.off) }
    if onLeave[wk] & bit != 0 {
      return overridden && e != PlaceCode.off ? (e, true, false) : (PlaceCode.leave, false, false)
    }
    if holidaySlots & bit != 0 && !overridden { return (PlaceCode.holiday, false, false) }
    return (e, false, false)
  }

  func date(ofSlot slot: Int) -> LocalDate { LocalDate(dayNumber: mondayDay + slot / 2) }
}

/// The half-days whose bits are set in a mask of a week's 14, first to last:
/// walking only those, not all 14, when a change touches one or two.
struct SlotBits: Sequence, IteratorProtocol {
  private var remaining: UInt16

  init(_ mask: UInt16) { remaining = mask }

  mutating func next() -> Int? {
    guard remaining != 0 else { return nil }
    let slot = remaining.trailingZeroBitCount
    remaining &= remaining - 1
    return slot
  }
}
