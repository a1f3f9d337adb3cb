/// The rules of what a fix suggestion may change in one ISO week (`docs/suggest.md`,
/// "What a plan may change"): for each worker and half-day, the places they may be
/// moved to. A worker is never sent somewhere they do not already work, nor given
/// work on a day they do not work; leave, events, usual weeks, sites and policy
/// are never changed.
public struct AllowedChanges: Sendable {
  public let week: ISOWeek
  /// The first editable date: today, or the date given with `--since`.
  public let since: LocalDate
  /// `workerCount * 14`: the planned place code of each half-day as the rota has it now.
  let planned: [Int32]
  /// `workerCount * 14`: the codes each half-day may change to (never its planned
  /// place), empty when it may not change at all.
  let allowed: [[Int32]]
  let index: RotaIndex

  /// Why a half-day may not change at all, or what limits it.
  public enum Limit: Hashable, Sendable {
    /// Another week than W.
    case outsideWeek
    /// Before the first editable date.
    case beforeSince
    /// Outside the worker's post (`rules.md`, step 0).
    case notInPost
    case bankHoliday
    /// On leave: only `off`, to lift a leave clash.
    case onLeave
    /// The usual week in force does not work that weekday: only `off`.
    case notAWorkingDay
  }

  init(index: RotaIndex, facts: WeekFacts, since: LocalDate) {
    self.index = index
    week = facts.week
    self.since = since
    planned = facts.planned
    let rota = index.rota
    let monday = facts.mondayDay
    let known = Self.knownSites(index: index, week: facts.week)
    var allowed = [[Int32]](repeating: [], count: facts.workerCount * 14)
    for w in 0..<facts.workerCount {
      let worker = rota.workers[w]
      for day in 0..<7 {
        let date = LocalDate(dayNumber: monday + day)
        guard date >= since, facts.holidayDays & (1 << UInt8(day)) == 0 else { continue }
        guard facts.outOfPost[w] & (3 << UInt16(day * 2)) == 0 else { continue }
        let usual = worker.pattern(on: date)
        let worksThatDay = usual[date.weekday, .am].isWorked || usual[date.weekday, .pm].isWorked
        for half in 0..<2 {
          let slot = day * 2 + half
          let current = facts.planned[w * 14 + slot]
          var places: [Int32]
          if facts.onLeave[w] & (1 << UInt16(slot)) != 0 || !worksThatDay {
            places = [PlaceCode.off]
          } else {
            places = [PlaceCode.off, PlaceCode.home] + known[w]
          }
          places.removeAll { $0 == current }
          allowed[w * 14 + slot] = places
        }
      }
    }
    self.allowed = allowed
  }

  /// For each worker, the indexes of their *known sites*, in rota order: the
  /// sites of any of their usual weeks, and those where an override plans them
  /// or an event lists them on a date from the Monday of the week's streak window
  /// to its Sunday.
  static func knownSites(index: RotaIndex, week: ISOWeek) -> [[Int32]] {
    let rota = index.rota
    let first = week.adding(weeks: -(rota.policy.lookbackWeeks - 1)).monday
    let last = week.sunday
    var sites = [Set<Int32>](repeating: [], count: rota.workers.count)
    func add(_ w: Int, _ place: Place) {
      if case .site(let code) = place, let s = index.siteIndex(of: code) { sites[w].insert(Int32(s)) }
    }
    for (w, worker) in rota.workers.enumerated() {
      for p in worker.pattern.places { add(w, p) }
      for change in worker.patternChanges { for p in change.pattern.places { add(w, p) } }
    }
    for o in rota.overrides where o.date >= first && o.date <= last {
      if let w = index.workerIndex(of: o.worker) { add(w, o.place) }
    }
    for e in rota.events where e.date >= first && e.date <= last {
      guard case .site(let code) = e.venue else { continue }
      for a in e.attendees {
        if let w = index.workerIndex(of: a) { add(w, .site(code)) }
      }
    }
    return sites.map { $0.sorted() }
  }

  public var workerCount: Int { index.workerCount }

  /// The places worker `w` (by index in the rota) may be moved to in `slot`
  /// (`day * 2 + half`, Monday AM = 0): `off`, `home`, then their known sites in
  /// rota order; empty when the half-day may not change.
  public func places(worker w: Int, slot: Int) -> [Place] {
    allowed[w * 14 + slot].map(place)
  }

  /// The places a worker may be moved to in one half-day of the week (empty for
  /// an unknown worker or a date outside the week).
  public func places(worker id: String, date: LocalDate, half: Half) -> [Place] {
    guard week.contains(date), let w = index.workerIndex(of: id) else { return [] }
    return places(worker: w, slot: date.weekday.rawValue * 2 + half.rawValue)
  }

  /// The planned place of a half-day as the rota has it now (what a change is computed from).
  public func planned(worker w: Int, slot: Int) -> Place { place(planned[w * 14 + slot]) }

  /// What keeps a half-day from changing, or limits it to `off`; nil when it may
  /// go anywhere the worker works.
  public func limit(worker id: String, date: LocalDate, half: Half) -> Limit? {
    guard week.contains(date), let w = index.workerIndex(of: id) else { return .outsideWeek }
    if date < since { return .beforeSince }
    let worker = index.rota.workers[w]
    if !worker.isInPost(on: date) { return .notInPost }
    var holidays = BankHolidayCalendar(region: index.rota.policy.bankHolidays)
    holidays.prepare(year: date.year)
    if holidays.isHoliday(date) { return .bankHoliday }
    let session = Session(date, half)
    if index.rota.leave.contains(where: { $0.worker == id && $0.covers(session) }) { return .onLeave }
    let usual = worker.pattern(on: date)
    if !usual[date.weekday, .am].isWorked && !usual[date.weekday, .pm].isWorked { return .notAWorkingDay }
    return nil
  }

  func place(_ code: Int32) -> Place {
    switch code {
    case PlaceCode.home: return .home
    case let c where c >= 0: return .site(index.rota.sites[Int(c)].code)
    default: return .off
    }
  }

  /// Whether `code` is one of the places the half-day may change to.
  func allows(worker w: Int, slot: Int, _ code: Int32) -> Bool { allowed[w * 14 + slot].contains(code) }
}

extension AllowedChanges.Limit {
  /// The reason in words, for a coordinator: "before the first editable date, Thu 26 Nov".
  public func words(since: LocalDate) -> String {
    switch self {
    case .outsideWeek: return "outside the week"
    case .beforeSince: return "before the first editable date, \(since.short)"
    case .notInPost: return "outside their post"
    case .bankHoliday: return "a bank holiday"
    case .onLeave: return "on leave, so it can only be made off (to lift a leave clash)"
    case .notAWorkingDay: return "not a working day in their usual week, so it can only be made off"
    }
  }
}
