/// The rules applied to a rota, week by week, with each week's facts and report
/// cached so that an edit re-checks only the weeks it can reach.
///
/// Not thread-safe: one analysis belongs to one task (the command or the TUI).
public final class RotaAnalysis {
  public private(set) var index: RotaIndex
  private var holidays: BankHolidayCalendar
  private var factsCache: [Int: WeekFacts] = [:]
  private var reportCache: [Int: WeekReport] = [:]
  /// The earliest Monday the rules wanted to look at but the rota does not
  /// hold (it was loaded from `rota.completeFrom`): load from there and analyse
  /// again for an exact answer. Nil when nothing was missing.
  public private(set) var historyNeeded: LocalDate?

  public init(_ rota: Rota) {
    index = RotaIndex(rota)
    holidays = BankHolidayCalendar(region: rota.policy.bankHolidays)
  }

  public var rota: Rota { index.rota }

  /// What an edit touched, so that only the weeks it can reach are re-checked.
  public enum Change: Sendable {
    /// Dated entries between these dates, inclusive.
    case dates(LocalDate, LocalDate)
    /// Everything from this date on (a new usual week from a date).
    case from(LocalDate)
    /// Sites, workers or policy: everything.
    case everything
  }

  /// Replaces the rota after an edit and forgets what the edit can have changed.
  public func update(_ rota: Rota, change: Change) {
    let policyChanged = rota.policy != index.rota.policy
    index = RotaIndex(rota)
    if rota.policy.bankHolidays != holidays.region {
      holidays = BankHolidayCalendar(region: rota.policy.bankHolidays)
    }
    // A week's report reads the facts of the weeks before it: streaks, whether a
    // streak goes on before its window (up to a year back) and the last
    // supervision (any time before), so a change can reach every later report.
    historyNeeded = nil
    switch policyChanged ? .everything : change {
    case .everything:
      factsCache.removeAll()
      reportCache.removeAll()
    case .from(let date):
      let first = date.weekKey
      factsCache = factsCache.filter { $0.key < first }
      reportCache = reportCache.filter { $0.key < first }
    case .dates(let a, let b):
      let first = min(a, b).weekKey
      let last = max(a, b).weekKey
      factsCache = factsCache.filter { $0.key < first || $0.key > last }
      reportCache = reportCache.filter { $0.key < first }
    }
  }

  func facts(_ week: ISOWeek) -> WeekFacts {
    let key = week.ordinal
    if let f = factsCache[key] { return f }
    let f = WeekFacts(week: week, index: index, holidays: &holidays)
    factsCache[key] = f
    return f
  }

  /// The findings and isolation summary of one week.
  public func report(for week: ISOWeek) -> WeekReport {
    if let r = reportCache[week.ordinal] { return r }
    let lookback = rota.policy.lookbackWeeks
    let window = (0..<lookback).reversed().map { facts(week.adding(weeks: -$0)) }
    if let complete = rota.completeFrom, window[0].week.monday < complete { note(missing: window[0].week.monday) }
    let report = WeekRules(
      index: index, facts: window.last!, window: window,
      earlierFacts: { [unowned self] in self.earlierFacts($0) }
    ).run()
    reportCache[week.ordinal] = report
    return report
  }

  /// The facts of a week before a streak window, unless the rota was loaded
  /// without it (then noted in `historyNeeded`).
  func earlierFacts(_ week: ISOWeek) -> WeekFacts? {
    if let complete = rota.completeFrom, week.monday < complete {
      note(missing: week.monday)
      return nil
    }
    return facts(week)
  }

  private func note(missing monday: LocalDate) {
    historyNeeded = min(historyNeeded ?? monday, monday)
  }

  /// Reports for every week from `first` to `last`, inclusive.
  public func reports(from first: ISOWeek, to last: ISOWeek) -> [WeekReport] {
    var out: [WeekReport] = []
    var w = first
    while w <= last {
      out.append(report(for: w))
      w = w.adding(weeks: 1)
    }
    return out
  }

  /// Where everyone is in one week.
  public func placements(for week: ISOWeek) -> WeekPlacements {
    WeekPlacements(facts: facts(week), index: index, holidays: holidays)
  }

  /// Drops every cached week (for benchmarks that measure a cold analysis).
  public func forgetCachedWeeks() {
    factsCache.removeAll()
    reportCache.removeAll()
  }
}

/// Where every worker is in each session of one week, and who is with whom.
public struct WeekPlacements: Sendable {
  let facts: WeekFacts
  let index: RotaIndex
  /// The seven dates, Monday first.
  public let days: [LocalDate]
  /// The bank holiday's name for each of the seven days, or nil.
  public let holidayNames: [String?]

  init(facts: WeekFacts, index: RotaIndex, holidays: BankHolidayCalendar) {
    self.facts = facts
    self.index = index
    days = facts.week.days
    holidayNames = days.map { holidays.name(on: $0) }
  }

  public var week: ISOWeek { facts.week }
  public var rota: Rota { index.rota }

  func decode(_ code: Int32) -> EffectivePlacement {
    switch code {
    case PlaceCode.home: return .home
    case PlaceCode.off: return .off
    case PlaceCode.leave: return .leave
    case PlaceCode.holiday: return .holiday
    case PlaceCode.notInPost: return .notInPost
    default: return .site(index.rota.sites[Int(code)].code)
    }
  }

  /// Slot is `day * 2 + half`, Monday AM = 0.
  public func placement(worker: Int, slot: Int) -> EffectivePlacement {
    decode(facts.effective[worker * 14 + slot])
  }

  public func placement(worker: Int, day: Int, half: Half) -> EffectivePlacement {
    placement(worker: worker, slot: day * 2 + half.rawValue)
  }

  /// The planned place: the override, else the usual week, else off.
  public func planned(worker: Int, slot: Int) -> Place {
    switch decode(facts.planned[worker * 14 + slot]) {
    case .site(let c): return .site(c)
    case .home: return .home
    default: return .off
    }
  }

  public func isOverridden(worker: Int, slot: Int) -> Bool {
    facts.fromOverride[worker] & (1 << UInt16(slot)) != 0
  }

  public func isWorked(worker: Int, slot: Int) -> Bool { facts.worked[worker] & (1 << UInt16(slot)) != 0 }

  /// A worked session with no colleague at the same site and no shared event.
  public func isSolitary(worker: Int, slot: Int) -> Bool {
    let bit: UInt16 = 1 << UInt16(slot)
    return facts.worked[worker] & bit != 0 && facts.company[worker] & bit == 0
  }

  /// Worked sessions in the week.
  public func workedSessions(worker: Int) -> Int { facts.worked[worker].nonzeroBitCount }

  /// Solitary days in the week.
  public func solitaryDays(worker: Int) -> Int {
    (0..<7).filter { facts.dayStatus[worker * 7 + $0] == WeekFacts.solitary }.count
  }

  /// Indexes of the workers placed at `site` in `slot`, in rota order.
  public func workers(atSite site: Int, slot: Int) -> [Int] {
    guard facts.occupancy[site * 14 + slot] > 0 else { return [] }
    return (0..<facts.workerCount).filter { facts.effective[$0 * 14 + slot] == Int32(site) }
  }

  /// Indexes of the workers at home in `slot`.
  public func workersAtHome(slot: Int) -> [Int] {
    (0..<facts.workerCount).filter { facts.effective[$0 * 14 + slot] == PlaceCode.home }
  }

  public func occupancy(site: Int, slot: Int) -> Int { Int(facts.occupancy[site * 14 + slot]) }

  /// Whether the site is open in the slot (opening, closures and bank holidays).
  public func isOpen(site: Int, slot: Int) -> Bool { facts.closedSlots[site] & (1 << UInt16(slot)) == 0 }

  public func needsCover(site: Int, slot: Int) -> Bool { index.siteCover[site] & (1 << UInt16(slot)) != 0 }

  /// Colleagues at the same site in the same session.
  public func colleagues(worker: Int, slot: Int) -> [Int] {
    let p = facts.effective[worker * 14 + slot]
    guard p >= 0 else { return [] }
    return workers(atSite: Int(p), slot: slot).filter { $0 != worker }
  }

  /// Whether anyone works on the day (Saturday and Sunday columns appear only then).
  public func anyoneWorks(day: Int) -> Bool {
    let mask: UInt16 = 3 << UInt16(day * 2)
    return facts.worked.contains { $0 & mask != 0 }
  }

  /// The events `worker` attends on a day, each once (a whole-day event is in both halves).
  public func events(worker: Int, day: Int) -> [Event] {
    var list = events(worker: worker, slot: day * 2)
    list += events(worker: worker, slot: day * 2 + 1).filter { !list.contains($0) }
    return list
  }

  /// Who the worker is with in a half-day, in words: "with A, B", "alone", "no
  /// colleague on site, in company at an event", or "" when they do not work then.
  public func company(worker: Int, slot: Int) -> String {
    guard isWorked(worker: worker, slot: slot) else { return "" }
    let names = colleagues(worker: worker, slot: slot).map { index.rota.workers[$0].name }
    if !names.isEmpty { return "with " + names.joined(separator: ", ") }
    return isSolitary(worker: worker, slot: slot) ? "alone" : "no colleague on site, in company at an event"
  }

  /// The events held in the slot that `worker` attends.
  public func events(worker: Int, slot: Int) -> [Event] {
    let id = index.rota.workers[worker].id
    let date = days[slot / 2]
    let half = Half(rawValue: slot % 2)!
    return (index.eventsByWeek[week.ordinal] ?? []).map { index.rota.events[$0.event] }.filter {
      $0.isHeld(in: Session(date, half)) && $0.attendees.contains(id)
    }
  }
}
