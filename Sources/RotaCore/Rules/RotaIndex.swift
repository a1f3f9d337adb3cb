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
  /// Day numbers of the supervision events each worker attends, sorted.
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
    for (i, w) in rota.workers.enumerated() {
      for slot in 0..<14 { patterns[i * 14 + slot] = code(w.pattern.places[slot]) }
    }
    self.patterns = patterns
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
    var supervision = [[Int]](repeating: [], count: rota.workers.count)
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
        for a in attendees { supervision[Int(a)].append(e.date.dayNumber) }
      }
    }
    eventsByWeek = events
    supervisionDays = supervision.map { $0.sorted() }

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
