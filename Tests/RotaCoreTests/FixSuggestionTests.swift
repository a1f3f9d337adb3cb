import Testing

@testable import RotaCore

/// Plans and single suggestions, checked the way the contract says: the changes
/// written as overrides, the rota checked again, and what was reported must be
/// what the check says; and no change may break the rules of what may change.
@Suite("Fix suggestions")
struct FixSuggestionTests {
  /// A rota, the week and first editable date suggestions are made for, and a name for messages.
  struct Case: Sendable {
    let label: String
    let rota: Rota
    let week: ISOWeek
    let since: LocalDate
  }

  /// What was suggested for a case: the plan and the single suggestions for every
  /// finding, a few cells and every site's half-days that need cover.
  struct Made: Sendable {
    let c: Case
    let baseline: WeekReport
    let suggestions: [(what: String, suggestion: Suggestion)]
  }

  static func cases() -> [Case] {
    var out: [Case] = []
    let demo = DemoPCN.rota()
    let w = demo.anchorWeek!
    out.append(Case(label: "demo from Monday", rota: demo, week: w, since: w.monday))
    out.append(Case(label: "demo from Wednesday", rota: demo, week: w, since: w.monday.adding(days: 2)))
    for (seed, teamChanges) in [(3 as UInt64, false), (8, true)] {
      var g = RotaGenerator(
        .init(
          workers: 12, sites: 5, weeks: 6, start: ISOWeek(year: 2026, week: 49)!, seed: seed, teamChanges: teamChanges))
      let rota = g.rota()
      let week = ISOWeek(year: 2026, week: 53)!
      out.append(Case(label: "generated \(seed)", rota: rota, week: week, since: week.monday.adding(days: 1)))
    }
    for seed in 0..<80 as Range<UInt64> {
      var g = SmallRotaGenerator(seed: seed)
      let week = seed % 7 == 0 ? ISOWeek(year: 2026, week: 53)! : SmallRotaGenerator.week
      let rota = g.rota(week: week)
      out.append(Case(label: "small \(seed)", rota: rota, week: week, since: week.monday.adding(days: Int(seed % 3))))
    }
    return out
  }

  static func make(_ c: Case) -> Made {
    let s = FixSuggestions(analysis: RotaAnalysis(c.rota), week: c.week, since: c.since)
    var list: [(String, Suggestion)] = [("plan", s.plan(limit: SearchLimit(milliseconds: 60_000)).suggestion)]
    for (i, f) in s.report.findings.enumerated() {
      for item in s.suggestions(for: .finding(f), limit: 3) { list.append(("finding \(i)", item)) }
    }
    for (k, worker) in c.rota.workers.prefix(3).enumerated() {
      let date = c.week.monday.adding(days: 2 + k)
      for item in s.suggestions(for: .cell(worker: worker.id, date: date, half: k == 1 ? nil : .am), limit: 3) {
        list.append(("cell \(worker.id) \(date.iso)", item))
      }
    }
    for site in c.rota.sites.prefix(2) {
      for item in s.suggestions(for: .cover(site: site.code, date: c.week.monday.adding(days: 3), half: .pm), limit: 3)
      {
        list.append(("cover \(site.code)", item))
      }
    }
    return Made(c: c, baseline: s.report, suggestions: list)
  }

  static let made: [Made] = cases().map(make)

  @Test("every plan and suggestion reports what the check says once its changes are overrides")
  func resultsAreTheCheck() {
    for m in Self.made {
      let base = Set(m.baseline.findings)
      for (what, s) in m.suggestions {
        let changed = m.c.rota.applying(
          s.changes.map { .setOverride(worker: $0.worker, date: $0.date, half: $0.half, place: $0.to) })
        let fresh = RotaAnalysis(changed).report(for: m.c.week)
        let now = Set(fresh.findings)
        #expect(s.result == PlanCost(fresh, changes: s.changes.count), "\(m.c.label), \(what): result")
        #expect(s.cleared == m.baseline.findings.filter { !now.contains($0) }, "\(m.c.label), \(what): cleared")
        #expect(s.added == fresh.findings.filter { !base.contains($0) }, "\(m.c.label), \(what): added")
        #expect(s.report.findings == fresh.findings, "\(m.c.label), \(what): report")
      }
    }
  }

  @Test("a plan is useful or empty, and single suggestions come best first")
  func ordering() {
    for m in Self.made {
      let baseline = PlanCost(m.baseline, changes: 0).cost
      let plan = m.suggestions[0].suggestion
      #expect(plan.changes.isEmpty || plan.result.cost < baseline, "\(m.c.label): plan not useful")
      var last: [String: Int] = [:]
      for (what, s) in m.suggestions.dropFirst() {
        #expect(s.changes.count == 1 || s.changes.count == 2, "\(m.c.label), \(what): one change or a swap")
        if let before = last[what] { #expect(before <= s.result.cost, "\(m.c.label), \(what): order") }
        last[what] = s.result.cost
      }
    }
  }

  @Test("a finding's suggestions clear it")
  func findingsCleared() {
    for m in Self.made {
      for (what, s) in m.suggestions where what.hasPrefix("finding ") {
        let i = Int(what.dropFirst(8))!
        #expect(s.cleared.contains(m.baseline.findings[i]), "\(m.c.label), \(what)")
      }
    }
  }

  /// The rules of what a plan may change, each checked on its own from the rota
  /// (not from `AllowedChanges`), against every change ever suggested.
  enum MayChange: String, CaseIterable, Sendable {
    case inTheWeek, fromTheFirstEditableDate, inPost, notOnABankHoliday, offOnLeave, differsFromPlanned
    case workedDayAndKnownPlace, oncePerHalfDay
  }

  static func breaks(_ rule: MayChange, _ c: SuggestedChange, in m: Made, all: [SuggestedChange]) -> Bool {
    let rota = m.c.rota
    let worker = rota.worker(c.worker)!
    switch rule {
    case .inTheWeek: return !m.c.week.contains(c.date)
    case .fromTheFirstEditableDate: return c.date < m.c.since
    case .inPost: return !worker.isInPost(on: c.date)
    case .notOnABankHoliday:
      var calendar = BankHolidayCalendar(region: rota.policy.bankHolidays)
      calendar.prepare(year: c.date.year)
      return calendar.isHoliday(c.date)
    case .offOnLeave:
      let onLeave = rota.leave.contains { $0.worker == c.worker && $0.covers(Session(c.date, c.half)) }
      return onLeave && c.to != .off
    case .differsFromPlanned:
      let planned =
        rota.override(worker: c.worker, date: c.date, half: c.half)
        ?? worker.pattern(on: c.date)[c.date.weekday, c.half]
      return c.to == planned || c.from != planned
    case .workedDayAndKnownPlace:
      if c.to == .off { return false }
      let usual = worker.pattern(on: c.date)
      guard usual[c.date.weekday, .am].isWorked || usual[c.date.weekday, .pm].isWorked else { return true }
      guard case .site(let code) = c.to else { return false }
      let first = m.c.week.adding(weeks: -(rota.policy.lookbackWeeks - 1)).monday
      let window = first...m.c.week.sunday
      let inPatterns = ([worker.pattern] + worker.patternChanges.map(\.pattern)).contains { $0.places.contains(c.to) }
      let overridden = rota.overrides.contains { $0.worker == c.worker && window.contains($0.date) && $0.place == c.to }
      let atEvent = rota.events.contains {
        $0.attendees.contains(c.worker) && window.contains($0.date) && $0.venue == .site(code)
      }
      return !(inPatterns || overridden || atEvent)
    case .oncePerHalfDay:
      return all.filter { $0.worker == c.worker && $0.date == c.date && $0.half == c.half }.count != 1
    }
  }

  @Test("no suggested change breaks a rule of what may change", arguments: MayChange.allCases)
  func mayChange(rule: MayChange) {
    var checked = 0
    for m in Self.made {
      for (what, s) in m.suggestions {
        for c in s.changes {
          checked += 1
          #expect(!Self.breaks(rule, c, in: m, all: s.changes), "\(m.c.label), \(what): \(c) breaks \(rule)")
        }
      }
    }
    #expect(checked > 300)
  }
}
