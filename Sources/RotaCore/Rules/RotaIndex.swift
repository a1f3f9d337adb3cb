/// A rota laid out for the rules: workers and sites by index, usual weeks as
/// flat arrays, and every dated entry filed under its ISO week, so a week's
/// analysis reads only what touches that week.
public struct RotaIndex: Sendable {
  public let rota: Rota
  let workerIndex: [String: Int]
  let siteIndex: [String: Int]
  /// `workerCount * 14` place codes, the usual week of each worker.
  let patterns: [Int32]
  /// Contracted sessions per worker.
  let contracted: [Int]
  let siteOpen: [UInt16]
  let siteCover: [UInt16]
  let siteRooms: [Int32]
  let siteOpenOnHolidays: [Bool]

  /// A worker's later usual weeks (v1.1): day numbers they start on, oldest
  /// first, and 14 place codes each. Only workers with pattern changes are listed.
  struct ChangedPattern: Sendable {
    let worker: Int
    let from: [Int]
    let codes: [[Int32]]
  }
  let changedPatterns: [ChangedPattern]

  /// A worker's post or a site's time in use, as day numbers (inclusive). Only
  /// workers and sites with a `start` or an `end` are listed.
  struct Span: Sendable {
    let index: Int
    let first: Int
    let last: Int

    /// Slots of the week starting on day `monday` that fall outside the span.
    func outside(weekFrom monday: Int) -> UInt16 {
      var bits: UInt16 = 0
      for d in 0..<7 where monday + d < first || monday + d > last { bits |= 3 << UInt16(d * 2) }
      return bits
    }
  }
  let posts: [Span]
  let siteSpans: [Span]

  struct OverrideEntry: Sendable {
    let worker: Int32
    let slot: Int8
    let place: Int32
  }
  struct LeaveEntry: Sendable {
    let worker: Int32
    /// Session ordinals, inclusive.
    let first: Int
    let last: Int
  }
  struct EventEntry: Sendable {
    let event: Int
    let slots: UInt16
    /// A site index, or -1 for online.
    let venue: Int32
    let attendees: [Int32]
  }
  struct ClosureEntry: Sendable {
    let site: Int32
    let slots: UInt16
  }

  /// Each site's position when sites are sorted by code, and each worker's when
  /// sorted by id: the report order compares these instead of strings.
  let siteRank: [Int]
  let workerRank: [Int]

  let overridesByWeek: [Int: [OverrideEntry]]
  let leaveByWeek: [Int: [LeaveEntry]]
  let eventsByWeek: [Int: [EventEntry]]
  let closuresByWeek: [Int: [ClosureEntry]]
  /// Day numbers of the supervision events each worker was present at, sorted.
  let supervisionDays: [[Int]]

  public init(_ rota: Rota) {
    self.rota = rota
    var wi: [String: Int] = [:]
    for (i, w) in rota.workers.enumerated() { wi[w.id] = i }
    var si: [String: Int] = [:]
    for (i, s) in rota.sites.enumerated() { si[s.code] = i }
    workerIndex = wi
    siteIndex = si
    var siteRank = [Int](repeating: 0, count: rota.sites.count)
    for (rank, i) in rota.sites.indices.sorted(by: { rota.sites[$0].code < rota.sites[$1].code }).enumerated() {
      siteRank[i] = rank
    }
    var workerRank = [Int](repeating: 0, count: rota.workers.count)
    for (rank, i) in rota.workers.indices.sorted(by: { rota.workers[$0].id < rota.workers[$1].id }).enumerated() {
      workerRank[i] = rank
    }
    self.siteRank = siteRank
    self.workerRank = workerRank

    func code(_ p: Place) -> Int32 {
      switch p {
      case .home: return PlaceCode.home
      case .off: return PlaceCode.off
      case .site(let c): return si[c].map(Int32.init) ?? PlaceCode.off
      }
    }

    var patterns = [Int32](repeating: PlaceCode.off, count: rota.workers.count * 14)
    var changed: [ChangedPattern] = []
    var posts: [Span] = []
    for (i, w) in rota.workers.enumerated() {
      for slot in 0..<14 { patterns[i * 14 + slot] = code(w.pattern.places[slot]) }
      if !w.patternChanges.isEmpty {
        let sorted = w.patternChanges.sorted { $0.from < $1.from }
        changed.append(
          ChangedPattern(
            worker: i, from: sorted.map(\.from.dayNumber), codes: sorted.map { $0.pattern.places.map(code) }))
      }
      if w.start != nil || w.end != nil {
        posts.append(Span(index: i, first: w.start?.dayNumber ?? Int.min, last: w.end?.dayNumber ?? Int.max))
      }
    }
    self.patterns = patterns
    changedPatterns = changed
    self.posts = posts
    siteSpans = rota.sites.enumerated().compactMap { i, s in
      s.start == nil && s.end == nil
        ? nil : Span(index: i, first: s.start?.dayNumber ?? Int.min, last: s.end?.dayNumber ?? Int.max)
    }
    contracted = rota.workers.map(\.sessions)
    siteOpen = rota.sites.map(\.open.mask)
    siteCover = rota.sites.map(\.cover.mask)
    siteRooms = rota.sites.map { Int32($0.rooms) }
    siteOpenOnHolidays = rota.sites.map(\.openBankHolidays)

    var overrides: [Int: [OverrideEntry]] = [:]
    for o in rota.overrides {
      guard let w = wi[o.worker] else { continue }
      let day = o.date.weekday.rawValue
      for h in (o.half.map { [$0] } ?? [.am, .pm]) {
        overrides[o.date.weekKey, default: []].append(
          OverrideEntry(worker: Int32(w), slot: Int8(day * 2 + h.rawValue), place: code(o.place)))
      }
    }
    overridesByWeek = overrides

    var leave: [Int: [LeaveEntry]] = [:]
    for l in rota.leave {
      guard let w = wi[l.worker] else { continue }
      let entry = LeaveEntry(worker: Int32(w), first: l.from.first.ordinal, last: l.to.last.ordinal)
      guard entry.last >= entry.first else { continue }
      for week in l.from.date.weekKey...l.to.date.weekKey { leave[week, default: []].append(entry) }
    }
    leaveByWeek = leave

    var events: [Int: [EventEntry]] = [:]
    var attended: [(worker: Int, day: Int, halves: [Half])] = []
    for (i, e) in rota.events.enumerated() {
      let day = e.date.weekday.rawValue
      var slots: UInt16 = 0
      for h in (e.half.map { [$0] } ?? [.am, .pm]) { slots |= 1 << UInt16(day * 2 + h.rawValue) }
      let venue: Int32
      switch e.venue {
      case .online: venue = -1
      case .site(let c): venue = si[c].map(Int32.init) ?? -1
      }
      let attendees = e.attendees.compactMap { wi[$0].map(Int32.init) }
      events[e.date.weekKey, default: []].append(
        EventEntry(event: i, slots: slots, venue: venue, attendees: attendees))
      if e.kind == .supervision {
        for a in attendees { attended.append((Int(a), e.date.dayNumber, e.half.map { [$0] } ?? [.am, .pm])) }
      }
    }
    eventsByWeek = events
    supervisionDays = Self.presentAtSupervision(rota, attended, workerIndex: wi, posts: posts)

    var closures: [Int: [ClosureEntry]] = [:]
    for (i, s) in rota.sites.enumerated() {
      var byWeek: [Int: UInt16] = [:]
      for c in s.closed {
        let day = c.date.weekday.rawValue
        for h in c.halves { byWeek[c.date.weekKey, default: 0] |= 1 << UInt16(day * 2 + h.rawValue) }
      }
      for (week, slots) in byWeek { closures[week, default: []].append(ClosureEntry(site: Int32(i), slots: slots)) }
    }
    closuresByWeek = closures
  }

  /// For each worker, the sorted days of the supervision events they were
  /// present at: in post, and neither on leave nor on a bank holiday in at least
  /// one half the event is held in (`rules.md`, presence at events).
  ///
  /// This is the effective placement of `WeekFacts` asked of single sessions, for
  /// the supervision events of every week, not only the weeks analysed.
  static func presentAtSupervision(
    _ rota: Rota, _ attended: [(worker: Int, day: Int, halves: [Half])], workerIndex wi: [String: Int],
    posts: [Span]
  ) -> [[Int]] {
    var out = [[Int]](repeating: [], count: rota.workers.count)
    guard !attended.isEmpty else { return out }
    var post: [Int: Span] = [:]
    for p in posts { post[p.index] = p }
    let days = Set(attended.map(\.day))
    let attendees = Set(attended.map(\.worker))
    var leave = [[ClosedRange<Int>]](repeating: [], count: rota.workers.count)
    for l in rota.leave {
      guard let w = wi[l.worker], attendees.contains(w), l.to.last.ordinal >= l.from.first.ordinal else { continue }
      leave[w].append(l.from.first.ordinal...l.to.last.ordinal)
    }
    struct Cell: Hashable {
      let worker: Int
      let session: Int
    }
    var overrides: [Cell: Place] = [:]
    for o in rota.overrides where days.contains(o.date.dayNumber) {
      guard let w = wi[o.worker], attendees.contains(w) else { continue }
      for h in (o.half.map { [$0] } ?? [.am, .pm]) {
        overrides[Cell(worker: w, session: Session(o.date, h).ordinal)] = o.place
      }
    }
    var holidays = BankHolidayCalendar(region: rota.policy.bankHolidays)
    for a in attended {
      if let p = post[a.worker], a.day < p.first || a.day > p.last { continue }
      let date = LocalDate(dayNumber: a.day)
      holidays.prepare(year: date.year)
      let present = a.halves.contains { half in
        let session = Session(date, half).ordinal
        let override = overrides[Cell(worker: a.worker, session: session)]
        if leave[a.worker].contains(where: { $0.contains(session) }) { return override != nil && override != .off }
        if holidays.isHoliday(date) { return override != nil }
        return true
      }
      if present { out[a.worker].append(a.day) }
    }
    return out.map { $0.sorted() }
  }

  /// The code of a place in the analysis: a site's index, home or off.
  func code(of p: Place) -> Int32 {
    switch p {
    case .home: return PlaceCode.home
    case .off: return PlaceCode.off
    case .site(let c): return siteIndex[c].map(Int32.init) ?? PlaceCode.off
    }
  }

  /// The place a worker's usual week in force on `date` gives for one half.
  func usualCode(worker w: Int, date: LocalDate, half: Half) -> Int32 {
    let slot = date.weekday.rawValue * 2 + half.rawValue
    if let c = changedPatterns.first(where: { $0.worker == w }),
      let k = c.from.lastIndex(where: { $0 <= date.dayNumber })
    {
      return c.codes[k][slot]
    }
    return patterns[w * 14 + slot]
  }

  public var workerCount: Int { rota.workers.count }
  public var siteCount: Int { rota.sites.count }

  public func workerIndex(of id: String) -> Int? { workerIndex[id] }
  public func siteIndex(of code: String) -> Int? { siteIndex[code] }

  /// The latest supervision day of `worker` on or before `day`, if any.
  func lastSupervision(worker: Int, onOrBefore day: Int) -> Int? {
    let days = supervisionDays[worker]
    var lo = 0
    var hi = days.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if days[mid] <= day { lo = mid + 1 } else { hi = mid }
    }
    return lo > 0 ? days[lo - 1] : nil
  }
}
