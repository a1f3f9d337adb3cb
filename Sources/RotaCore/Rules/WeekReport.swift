/// The findings and isolation summary of one ISO week.
public struct WeekReport: Sendable {
  public let week: ISOWeek
  /// Sorted in the contract's order.
  public let findings: [Finding]
  /// One row per worker in post on at least one date of the week, in rota order.
  public let isolation: [IsolationRow]
  /// For each worker (by index in the rota), their row in `isolation`, or -1.
  let rowOfWorker: [Int32]
  let workerIndex: [String: Int]
  /// Each finding's place in the contract's order (see `WeekRules.Findings`), when
  /// known: a re-check after a change merges into the findings by them.
  let sortKeys: [UInt64]

  init(
    week: ISOWeek, findings: [Finding], isolation: [IsolationRow], rowOfWorker: [Int32], workerIndex: [String: Int],
    sortKeys: [UInt64] = []
  ) {
    self.week = week
    self.findings = findings
    self.isolation = isolation
    self.rowOfWorker = rowOfWorker
    self.workerIndex = workerIndex
    self.sortKeys = sortKeys
  }

  /// The isolation row of the worker at `index` in the rota, or nil when they
  /// were not in post on any date of the week.
  public func isolation(worker index: Int) -> IsolationRow? {
    guard index >= 0, index < rowOfWorker.count, rowOfWorker[index] >= 0 else { return nil }
    return isolation[Int(rowOfWorker[index])]
  }

  /// The isolation row of a worker by id, or nil when they were not in post on
  /// any date of the week (or are not in the rota).
  public func isolation(for id: String) -> IsolationRow? {
    workerIndex[id].flatMap { isolation(worker: $0) }
  }

  public func count(_ severity: Severity) -> Int { findings.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) } }

  /// The findings of several weeks in the contract's order (severity, then week,
  /// then the rest), given reports in week order. Each week's list is already
  /// sorted, so this is a merge, not a sort.
  public static func mergedFindings(_ reports: [WeekReport]) -> [Finding] {
    var out: [Finding] = []
    out.reserveCapacity(reports.reduce(0) { $0 + $1.findings.count })
    for severity in Severity.allCases {
      for r in reports { out += r.findings.lazy.filter { $0.severity == severity } }
    }
    return out
  }
}

/// Computes one week's report from the week's facts and the facts of the weeks
/// before it that the streak window reaches.
struct WeekRules {
  let index: RotaIndex
  let facts: WeekFacts
  /// Facts for the window's weeks, oldest first, ending with `facts`.
  let window: [WeekFacts]
  /// `Thu 26 Nov AM` for each of the 14 slots, made once per week.
  let sessionLabels: [String]
  /// `Thu 26 Nov` for each of the 7 days.
  let dayLabels: [String]
  /// The facts of an earlier week, for `continues_before`; nil when the rota
  /// does not reach back that far.
  let earlierFacts: (ISOWeek) -> WeekFacts?

  init(index: RotaIndex, facts: WeekFacts, window: [WeekFacts], earlierFacts: @escaping (ISOWeek) -> WeekFacts?) {
    self.index = index
    self.facts = facts
    self.window = window
    self.earlierFacts = earlierFacts
    let days = (0..<7).map { LocalDate(dayNumber: facts.mondayDay + $0).short }
    dayLabels = days
    sessionLabels = (0..<14).map { "\(days[$0 / 2]) \($0 % 2 == 0 ? "AM" : "PM")" }
  }

  var rota: Rota { index.rota }
  var policy: Policy { rota.policy }
  var week: ISOWeek { facts.week }

  func name(_ worker: Int) -> String { rota.workers[worker].name }
  func siteName(_ site: Int) -> String { rota.sites[site].name }
  func session(_ slot: Int) -> Session { Session(facts.date(ofSlot: slot), Half(rawValue: slot % 2)!) }
  func label(_ slot: Int) -> String { sessionLabels[slot] }

  func placeName(_ code: Int32) -> String {
    switch code {
    case PlaceCode.home: return "home"
    case PlaceCode.off: return "off"
    case PlaceCode.leave: return "on leave"
    case PlaceCode.holiday: return "on bank holiday"
    case PlaceCode.notInPost: return "not in post"
    default: return siteName(Int(code))
    }
  }

  func run() -> WeekReport {
    var findings = Findings(index: index, mondayDay: facts.mondayDay)
    siteRules(into: &findings)
    for w in 0..<facts.workerCount { sessionRules(worker: w, into: &findings) }
    doubleBookings(into: &findings)
    var isolation: [IsolationRow] = []
    isolation.reserveCapacity(facts.workerCount)
    var rowOfWorker = [Int32](repeating: -1, count: facts.workerCount)
    for w in 0..<facts.workerCount {
      // Only workers in post on at least one date of the week have a week to report.
      guard facts.outOfPost[w] != 0x3FFF else { continue }
      rowOfWorker[w] = Int32(isolation.count)
      isolation.append(weekRules(worker: w, into: &findings))
    }
    let (sorted, keys) = findings.sortedWithKeys()
    return WeekReport(
      week: week, findings: sorted, isolation: isolation, rowOfWorker: rowOfWorker, workerIndex: index.workerIndex,
      sortKeys: keys)
  }

  /// Findings as they are made, each with a packed sort key, so that sorting moves
  /// integers rather than findings.
  struct Findings {
    let index: RotaIndex
    let mondayDay: Int
    var list: [Finding] = []
    var keys: [(UInt64, Int32)] = []

    init(index: RotaIndex, mondayDay: Int) {
      self.index = index
      self.mondayDay = mondayDay
    }

    /// Adds a finding, with its place in the contract's order worked out from its
    /// own fields (so a finding kept from an earlier report sorts as it did).
    mutating func append(_ f: Finding) {
      keys.append((key(f), Int32(list.count)))
      list.append(f)
    }

    /// A finding's place in the contract's order, packed into one integer:
    /// severity, rule, date, session, then site and worker by their codes and ids.
    func key(_ f: Finding) -> UInt64 {
      var key = UInt64(f.severity.rank) << 62 | UInt64(f.rule.rank) << 58
      if let d = f.date { key |= UInt64(d.dayNumber - mondayDay + 1) << 54 }
      if let h = f.session { key |= UInt64(h.rawValue + 1) << 52 }
      if let code = f.site, let site = index.siteIndex(of: code) { key |= UInt64(index.siteRank[site] + 1) << 32 }
      if let id = f.worker, let worker = index.workerIndex(of: id) {
        key |= UInt64(index.workerRank[worker] + 1) << 12
      }
      return key
    }

    func sorted() -> [Finding] { sortedWithKeys().findings }

    /// The findings in the contract's order, with their keys; equal keys keep the
    /// order they were added in.
    func sortedWithKeys() -> (findings: [Finding], keys: [UInt64]) {
      let order = keys.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
      return (order.map { list[Int($0.1)] }, order.map(\.0))
    }
  }

  // MARK: Per site and session: over-capacity, cover-gap.

  func siteRules(slots mask: UInt16 = 0x3FFF, into findings: inout Findings) {
    var crowded: [Int: [String]] = [:]
    for site in 0..<facts.siteCount {
      let rooms = index.siteRooms[site]
      for slot in 0..<14 where mask & (1 << UInt16(slot)) != 0 {
        let n = facts.occupancy[site * 14 + slot]
        if n > rooms { crowded[site * 14 + slot] = [] }
        if n == 0 && index.siteCover[site] & (1 << UInt16(slot)) != 0
          && facts.closedSlots[site] & (1 << UInt16(slot)) == 0
        {
          let s = session(slot)
          var f = Finding(
            rule: .coverGap, week: week,
            message: "\(siteName(site)) needs cover on \(label(slot)) and has no one from the team")
          f.site = rota.sites[site].code
          f.date = s.date
          f.session = s.half
          findings.append(f)
        }
      }
    }
    guard !crowded.isEmpty else { return }
    for w in 0..<facts.workerCount {
      for slot in 0..<14 where mask & (1 << UInt16(slot)) != 0 {
        let p = facts.effective[w * 14 + slot]
        if p >= 0, crowded[Int(p) * 14 + slot] != nil { crowded[Int(p) * 14 + slot]!.append(rota.workers[w].id) }
      }
    }
    for (key, ids) in crowded {
      let site = key / 14
      let s = session(key % 14)
      let rooms = Int(index.siteRooms[site])
      var f = Finding(
        rule: .overCapacity, week: week,
        message:
          "\(siteName(site)) has \(ids.count) team members for \(plural(rooms, "room")) on \(label(key % 14))")
      f.site = rota.sites[site].code
      f.date = s.date
      f.session = s.half
      f.workers = ids.sorted()
      findings.append(f)
    }
  }

  // MARK: Per worker and session: leave-clash, site-closed, split-day.

  func sessionRules(worker w: Int, into findings: inout Findings) {
    let id = rota.workers[w].id
    let clash = facts.leaveClash[w]
    if clash != 0 {
      for slot in 0..<14 where clash & (1 << UInt16(slot)) != 0 {
        let s = session(slot)
        let place = facts.effective[w * 14 + slot]
        var f = Finding(
          rule: .leaveClash, week: week,
          message:
            "\(name(w)) is on leave on \(label(slot)) but is placed \(place == PlaceCode.home ? "at home" : "at \(placeName(place))")"
        )
        f.worker = id
        f.date = s.date
        f.session = s.half
        findings.append(f)
      }
    }
    let notInPost = facts.notInPost[w]
    if notInPost != 0 {
      for slot in 0..<14 where notInPost & (1 << UInt16(slot)) != 0 {
        let s = session(slot)
        var reasons: [String] = []
        let planned = facts.planned[w * 14 + slot]
        if facts.fromOverride[w] & (1 << UInt16(slot)) != 0 && planned != PlaceCode.off {
          reasons.append(planned == PlaceCode.home ? "placed at home" : "placed at \(placeName(planned))")
        }
        let titles = eventTitles(worker: w, slot: slot)
        if !titles.isEmpty { reasons.append("due at \(titles.joined(separator: ", "))") }
        var f = Finding(
          rule: .notInPost, week: week,
          message:
            "\(name(w)) is not in post on \(label(slot)) (\(postWords(w))) but is \(reasons.joined(separator: " and "))"
        )
        f.worker = id
        f.date = s.date
        f.session = s.half
        findings.append(f)
      }
    }
    let away = facts.awayAtEvent[w]
    if away != 0 {
      for slot in 0..<14 where away & (1 << UInt16(slot)) != 0 {
        let s = session(slot)
        let state = facts.effective[w * 14 + slot] == PlaceCode.leave ? "on leave" : "on a bank holiday"
        var f = Finding(
          rule: .awayAtEvent, week: week,
          message:
            "\(name(w)) is \(state) on \(label(slot)) but is due at \(eventTitles(worker: w, slot: slot).joined(separator: ", "))"
        )
        f.worker = id
        f.date = s.date
        f.session = s.half
        findings.append(f)
      }
    }
    for slot in 0..<14 {
      let p = facts.effective[w * 14 + slot]
      guard p >= 0, facts.closedSlots[Int(p)] & (1 << UInt16(slot)) != 0 else { continue }
      let s = session(slot)
      var f = Finding(
        rule: .siteClosed, week: week,
        message:
          "\(name(w)) is placed at \(siteName(Int(p))) on \(label(slot)), when it is \(closedReason(site: Int(p), slot: slot))"
      )
      f.worker = id
      f.site = rota.sites[Int(p)].code
      f.date = s.date
      f.session = s.half
      findings.append(f)
    }
    for day in 0..<7 {
      let am = facts.effective[w * 14 + day * 2]
      let pm = facts.effective[w * 14 + day * 2 + 1]
      guard am >= 0, pm >= 0, am != pm else { continue }
      let date = facts.date(ofSlot: day * 2)
      var f = Finding(
        rule: .splitDay, week: week,
        message:
          "\(name(w)) is split between \(siteName(Int(am))) (AM) and \(siteName(Int(pm))) (PM) on \(dayLabels[day])")
      f.worker = id
      f.date = date
      findings.append(f)
    }
  }

  /// The titles of the events `w` attends in `slot`, in rota order.
  func eventTitles(worker w: Int, slot: Int) -> [String] {
    (index.eventsByWeek[week.ordinal] ?? []).filter { e in
      e.slots & (1 << UInt16(slot)) != 0 && e.attendees.contains(Int32(w))
    }.map { rota.events[$0.event].title }
  }

  /// "in post from Mon 30 Nov", "left on Fri 27 Nov", or both.
  func postWords(_ w: Int) -> String {
    let worker = rota.workers[w]
    switch (worker.start, worker.end) {
    case (let s?, let e?): return "in post \(s.shortWithYear) to \(e.shortWithYear)"
    case (let s?, nil): return "in post from \(s.shortWithYear)"
    case (nil, let e?): return "left after \(e.shortWithYear)"
    case (nil, nil): return "no post dates"
    }
  }

  func closedReason(site: Int, slot: Int) -> String {
    let day = slot / 2
    let date = facts.date(ofSlot: slot)
    let s = rota.sites[site]
    if let start = s.start, date < start { return "not in use yet (from \(start.shortWithYear))" }
    if let end = s.end, date > end { return "no longer in use (since \(end.adding(days: 1).shortWithYear))" }
    if facts.holidayDays & (1 << UInt8(day)) != 0 && !index.siteOpenOnHolidays[site] {
      return "closed for the bank holiday"
    }
    if index.siteOpen[site] & (1 << UInt16(slot)) == 0 {
      return "not open on \(WeekdayHalf(index: slot).weekday.fullName) \(slot % 2 == 0 ? "mornings" : "afternoons")"
    }
    return "closed that \(slot % 2 == 0 ? "morning" : "afternoon")"
  }

  // MARK: Per worker and session: double-booked.

  func doubleBookings(of only: Set<Int>? = nil, into findings: inout Findings) {
    guard let events = index.eventsByWeek[week.ordinal], !events.isEmpty else { return }
    struct Booking {
      var titles: [String] = []
      var elsewhere: String? = nil
    }
    var bookings: [Int: Booking] = [:]
    for e in events {
      let title = rota.events[e.event].title
      for a in e.attendees {
        let w = Int(a)
        if let only, !only.contains(w) { continue }
        for slot in 0..<14 where e.slots & (1 << UInt16(slot)) != 0 {
          let p = facts.effective[w * 14 + slot]
          guard PlaceCode.isWorked(p) else { continue }
          var b = bookings[w * 14 + slot] ?? Booking()
          b.titles.append(title)
          if e.venue >= 0 && p != e.venue {
            b.elsewhere = "\(title) at \(siteName(Int(e.venue)))"
          }
          bookings[w * 14 + slot] = b
        }
      }
    }
    for (key, b) in bookings where b.titles.count >= 2 || b.elsewhere != nil {
      let w = key / 14
      let slot = key % 14
      let s = session(slot)
      let p = facts.effective[key]
      let whereNow = p == PlaceCode.home ? "at home" : "at \(placeName(p))"
      let message: String
      if b.titles.count >= 2 {
        message =
          "\(name(w)) is due at \(b.titles.count) events at once on \(label(slot)): \(b.titles.joined(separator: ", "))"
      } else {
        message = "\(name(w)) is placed \(whereNow) on \(label(slot)) but is due at \(b.elsewhere!)"
      }
      var f = Finding(rule: .doubleBooked, week: week, message: message)
      f.worker = rota.workers[w].id
      f.date = s.date
      f.session = s.half
      findings.append(f)
    }
  }

  // MARK: Per worker and week: contract, solitary work, supervision, sole cover.

  /// `lastSupervision`, when given, is the worker's last supervision day as a
  /// changed week has it (presence at this week's sessions can change with it).
  func weekRules(worker w: Int, lastSupervision: Int?? = nil, into findings: inout Findings) -> IsolationRow {
    let worker = rota.workers[w]
    let id = worker.id
    let workedBits = facts.worked[w]
    let solitaryBits = workedBits & ~facts.company[w]
    let workedSessions = workedBits.nonzeroBitCount
    let solitarySessions = solitaryBits.nonzeroBitCount
    var plannedSessions = 0
    for slot in 0..<14 where PlaceCode.isWorked(facts.planned[w * 14 + slot]) { plannedSessions += 1 }

    if workedSessions > worker.sessions {
      var f = Finding(
        rule: .overContract, week: week,
        message:
          "\(worker.name) works \(plural(workedSessions, "session")) this week, over the \(worker.sessions) contracted")
      f.worker = id
      f.sessions = workedSessions
      f.contracted = worker.sessions
      findings.append(f)
    }
    if plannedSessions < worker.sessions && facts.outOfPost[w] == 0 {
      var f = Finding(
        rule: .underContract, week: week,
        message:
          "\(worker.name) is planned for \(plural(plannedSessions, "session")) this week, under the \(worker.sessions) contracted"
      )
      f.worker = id
      f.sessions = plannedSessions
      f.contracted = worker.sessions
      findings.append(f)
    }

    var workedDays = 0
    var solitaryDays = 0
    for d in 0..<7 {
      let status = facts.dayStatus[w * 7 + d]
      if status != WeekFacts.notWorked { workedDays += 1 }
      if status == WeekFacts.solitary { solitaryDays += 1 }
    }
    var overload = false
    if solitaryDays > policy.maxSolitaryDays {
      overload = true
      var f = Finding(
        rule: .solitaryOverload, week: week,
        message: "\(worker.name): \(plural(solitaryDays, "solitary day")) this week (limit \(policy.maxSolitaryDays))")
      f.worker = id
      f.solitaryDays = solitaryDays
      findings.append(f)
    }

    var longest = 0
    if solitaryDays > 0 {
      for streak in streaks(worker: w) {
        longest = max(longest, streak.length)
        guard streak.length > policy.maxSolitaryStreak else { continue }
        overload = true
        let before = streak.atWindowStart && continuesBeforeWindow(worker: w)
        var f = Finding(
          rule: .solitaryStreak, week: week,
          message:
            "\(worker.name): \(StreakSummary(streak, continuesBefore: before, since: before ? runStart(worker: w) : nil).words) (limit \(policy.maxSolitaryStreak))"
        )
        f.worker = id
        f.streak = streak.length
        f.from = streak.from
        f.to = streak.to
        f.continuesBefore = before
        findings.append(f)
      }
    }

    let sunday = facts.mondayDay + 6
    let last = lastSupervision ?? index.lastSupervision(worker: w, onOrBefore: sunday)
    var watch = false
    if workedSessions > 0 {
      let windowStart = facts.mondayDay - 7 * (policy.supervisionWeeks - 1)
      if last.map({ $0 < windowStart }) ?? true {
        watch = true
        var f = Finding(
          rule: .noSupervision, week: week,
          message: "\(worker.name) has had no supervision in the last \(plural(policy.supervisionWeeks, "week"))"
            + (last.map { " (last on \(LocalDate(dayNumber: $0).shortWithYear))" } ?? ""))
        f.worker = id
        findings.append(f)
      }
    }

    let sole = soleSites(worker: w)
    if sole.count >= policy.maxSoleSites {
      watch = true
      let codes = sole.map { rota.sites[$0].code }.sorted()
      var f = Finding(
        rule: .soleCover, week: week,
        message:
          "\(worker.name) is the only team member all week at \(sole.count) sites: \(sole.sorted { rota.sites[$0].code < rota.sites[$1].code }.map(siteName).joined(separator: ", "))"
      )
      f.worker = id
      f.sites = codes
      findings.append(f)
    }
    if workedSessions > 0 && solitarySessions * 2 >= workedSessions { watch = true }

    return IsolationRow(
      worker: id, week: week, workedSessions: workedSessions, solitarySessions: solitarySessions,
      workedDays: workedDays, solitaryDays: solitaryDays, longestStreak: longest,
      lastSupervision: last.map(LocalDate.init(dayNumber:)),
      level: overload ? .overload : (watch ? .watch : .ok))
  }

  struct Streak {
    let from: LocalDate
    let to: LocalDate
    let length: Int
    /// The streak starts on the worker's first worked day in the window.
    let atWindowStart: Bool
  }

  /// The solitary streaks of `w` in the window that include a date of this week.
  func streaks(worker w: Int) -> [Streak] {
    var out: [Streak] = []
    var start: Int? = nil
    var end = 0
    var length = 0
    var first = true
    var startsFirst = false
    func close() {
      if let s = start, end >= facts.mondayDay {
        out.append(
          Streak(
            from: LocalDate(dayNumber: s), to: LocalDate(dayNumber: end), length: length, atWindowStart: startsFirst))
      }
      start = nil
      length = 0
    }
    for weekFacts in window {
      for d in 0..<7 {
        let status = weekFacts.dayStatus[w * 7 + d]
        if status == WeekFacts.notWorked { continue }
        if status == WeekFacts.solitary {
          if start == nil {
            start = weekFacts.mondayDay + d
            startsFirst = first
          }
          end = weekFacts.mondayDay + d
          length += 1
        } else {
          close()
        }
        first = false
      }
    }
    close()
    return out
  }

  /// Whether `w`'s latest worked day in the 364 days before the window's Monday
  /// was a solitary day (`continues_before`).
  func continuesBeforeWindow(worker w: Int) -> Bool {
    var week = window[0].week
    for _ in 0..<52 {
      week = week.adding(weeks: -1)
      guard let earlier = earlierFacts(week) else { return false }
      for d in (0..<7).reversed() {
        let status = earlier.dayStatus[w * 7 + d]
        if status != WeekFacts.notWorked { return status == WeekFacts.solitary }
      }
    }
    return false
  }

  /// The first day of a solitary run that goes on before the window: the
  /// earliest solitary worked day after the latest day in company, looking back
  /// over the 364 days before the window's Monday (the look-back of
  /// `continues_before`); nil when the run may go on further back than that
  /// (it was alone in the earliest week looked at) or than the rota holds.
  func runStart(worker w: Int) -> LocalDate? {
    var week = window[0].week
    var start = window[0].mondayDay
    for n in 0..<52 {
      week = week.adding(weeks: -1)
      guard let earlier = earlierFacts(week) else { return nil }
      for d in (0..<7).reversed() {
        let status = earlier.dayStatus[w * 7 + d]
        if status == WeekFacts.notWorked { continue }
        if status != WeekFacts.solitary { return LocalDate(dayNumber: start) }
        if n == 51 { return nil }
        start = earlier.mondayDay + d
      }
    }
    return LocalDate(dayNumber: start)
  }

  /// The longest solitary streak of `w` in the window that includes a date of
  /// the week, with whether it goes on before the window and since when.
  func longestStreak(worker w: Int) -> StreakSummary? {
    var longest: Streak? = nil
    for s in streaks(worker: w) where s.length > (longest?.length ?? 0) { longest = s }
    guard let longest else { return nil }
    let before = longest.atWindowStart && continuesBeforeWindow(worker: w)
    return StreakSummary(longest, continuesBefore: before, since: before ? runStart(worker: w) : nil)
  }

  /// Sites where `w` worked this week and no other worker was ever placed.
  func soleSites(worker w: Int) -> [Int] {
    var mine: Set<Int> = []
    for slot in 0..<14 {
      let p = facts.effective[w * 14 + slot]
      if p >= 0 { mine.insert(Int(p)) }
    }
    guard mine.count >= policy.maxSoleSites else { return [] }
    var sole: [Int] = []
    for site in mine {
      var others = false
      for slot in 0..<14 where facts.occupancy[site * 14 + slot] > 0 {
        let mineHere = facts.effective[w * 14 + slot] == Int32(site) ? 1 : 0
        if facts.occupancy[site * 14 + slot] > Int32(mineHere) {
          others = true
          break
        }
      }
      if !others { sole.append(site) }
    }
    return sole
  }
}

func plural(_ n: Int, _ word: String) -> String {
  "\(n) \(word)\(n == 1 ? "" : "s")"
}

extension WeekReport {
  /// The report narrowed to one worker, one site, or both.
  ///
  /// With a worker: the findings that name them (as `worker` or among `workers`)
  /// and their isolation row. With a site: the findings that name the site (as
  /// `site` or among `sites`) and the findings and rows of every worker placed
  /// there at least once in the week. With both: what both keep.
  public func filtered(worker: String?, site: String?, placements: WeekPlacements) -> WeekReport {
    guard worker != nil || site != nil else { return self }
    var atSite: Set<String>? = nil
    if let site, let s = placements.index.siteIndex(of: site) {
      var ids: Set<String> = []
      for w in 0..<placements.index.workerCount
      where (0..<14).contains(where: { placements.facts.effective[w * 14 + $0] == Int32(s) }) {
        ids.insert(placements.rota.workers[w].id)
      }
      atSite = ids
    }
    func keepFinding(_ f: Finding) -> Bool {
      if let worker, f.worker != worker && !(f.workers ?? []).contains(worker) { return false }
      if let site, let atSite {
        return f.site == site || (f.sites ?? []).contains(site) || atSite.contains(f.worker ?? "")
      }
      return true
    }
    func keepRow(_ r: IsolationRow) -> Bool {
      if let worker, r.worker != worker { return false }
      if let atSite { return atSite.contains(r.worker) }
      return true
    }
    var rows: [IsolationRow] = []
    var rowOfWorker = [Int32](repeating: -1, count: self.rowOfWorker.count)
    for (w, r) in self.rowOfWorker.enumerated() where r >= 0 && keepRow(isolation[Int(r)]) {
      rowOfWorker[w] = Int32(rows.count)
      rows.append(isolation[Int(r)])
    }
    return WeekReport(
      week: week, findings: findings.filter(keepFinding), isolation: rows, rowOfWorker: rowOfWorker,
      workerIndex: workerIndex)
  }
}
