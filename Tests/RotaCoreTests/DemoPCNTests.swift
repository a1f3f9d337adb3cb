import Testing

@testable import RotaCore

@Suite("The demo PCN")
struct DemoPCNTests {
  /// Every rule but not-in-post, which needs a post's dates: the demo is a
  /// version 1 file, and reads as one.
  static let demoRules = Set(Rule.allCases).subtracting([.notInPost])

  @Test("its anchor week shows every rule at least once, but not-in-post")
  func everyRule() {
    let r = RotaAnalysis(DemoPCN.rota()).report(for: week("2026-W48"))
    let fired = Set(r.findings.map(\.rule))
    #expect(fired == Self.demoRules, "missing: \(Self.demoRules.subtracting(fired).map(\.code))")
  }

  @Test("it has the sites and team a newcomer should see")
  func shape() {
    let rota = DemoPCN.rota()
    #expect(rota.anchorWeek == week("2026-W48"))
    #expect(rota.sites.filter { $0.kind == .practice }.count >= 5)
    #expect(rota.sites.contains { $0.kind == .school })
    #expect(rota.sites.contains { $0.kind == .hospice })
    #expect(rota.workers.count >= 9)
    #expect(Set(rota.workers.map(\.role)) == Set(Role.allCases))
    #expect(rota.workers.contains { $0.name.unicodeScalars.contains { !$0.isASCII } })
    #expect(rota.workers.contains { w in w.pattern.places.contains(.home) })
    #expect(rota.sites.contains { $0.kind == .practice && $0.open != .weekdays })
    #expect(rota.sites.contains { !$0.closed.isEmpty })
    #expect(rota.sites.contains { !$0.cover.isEmpty })
    #expect(!rota.leave.isEmpty)
    #expect(rota.events.contains { $0.kind == .supervision })
    #expect(rota.events.contains { $0.kind == .team })
  }

  @Test("moving it to another week keeps weekdays and moves every dated entry")
  func moved() {
    let rota = DemoPCN.rota()
    let moved = rota.moved(toWeek: week("2027-W10"))
    #expect(moved.anchorWeek == week("2027-W10"))
    let days = week("2026-W48").distance(to: week("2027-W10")) * 7
    #expect(moved.leave.map(\.from.date) == rota.leave.map { $0.from.date.adding(days: days) })
    #expect(moved.overrides.map(\.date) == rota.overrides.map { $0.date.adding(days: days) })
    #expect(moved.events.map(\.date.weekday) == rota.events.map(\.date.weekday))
    #expect(moved.sites.flatMap(\.closed).map(\.date.weekday) == rota.sites.flatMap(\.closed).map(\.date.weekday))
    let r = RotaAnalysis(moved).report(for: week("2027-W10"))
    #expect(Set(r.findings.map(\.rule)) == Self.demoRules)
  }
}
