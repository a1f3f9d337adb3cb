import Testing

@testable import RotaCore

@Suite("The synthetic rota generator")
struct GeneratorTests {
  func make(_ seed: UInt64, workers: Int = 80, sites: Int = 16, weeks: Int = 8) -> String {
    var g = RotaGenerator(.init(workers: workers, sites: sites, weeks: weeks, start: week("2026-W40"), seed: seed))
    return RotaFileWriter.write(g.rota())
  }

  @Test("the same seed gives the same bytes; another seed gives another file")
  func deterministic() {
    #expect(make(5) == make(5))
    #expect(make(5) != make(6))
  }

  @Test("what it writes is a valid rota of the size asked for")
  func valid() throws {
    let r = try rota(make(9, workers: 120, sites: 20, weeks: 10))
    #expect(r.workers.count == 120)
    #expect(r.sites.count == 20)
    #expect(r.anchorWeek == week("2026-W40"))
  }

  @Test("the data looks like a PCN's: home days, part-timers, leave, overrides, supervision, several sites")
  func realistic() throws {
    let r = try rota(make(11, workers: 200, sites: 30, weeks: 12))
    #expect(r.workers.contains { $0.pattern.places.contains(.home) })
    #expect(r.workers.contains { $0.sessions < 10 })
    #expect(Set(r.workers.map(\.role)) == Set(Role.allCases))
    #expect(!r.leave.isEmpty && !r.overrides.isEmpty)
    #expect(r.events.contains { $0.kind == .supervision })
    #expect(r.workers.contains { Set($0.pattern.places.compactMap(\.siteCode)).count >= 3 })
    #expect(Set(r.sites.map(\.kind)).count >= 3)
    let first = r.anchorWeek!
    let last = first.adding(weeks: 11)
    for l in r.leave { #expect(l.from.date >= first.monday && l.to.date <= last.sunday.adding(days: 14)) }
    for o in r.overrides { #expect(o.date >= first.monday && o.date <= last.sunday) }
    // Not every week is a disaster: most worker-weeks are ok.
    let analysis = RotaAnalysis(r)
    let rows = analysis.reports(from: first, to: last).flatMap(\.isolation)
    #expect(rows.filter { $0.level == .ok }.count * 2 > rows.count)
  }

  @Test("with --team-changes it adds starters, leavers, usual-week changes, closing sites and leads, and reads back")
  func teamChanges() throws {
    var plain = RotaGenerator(.init(workers: 200, sites: 30, weeks: 12, start: week("2026-W40"), seed: 4))
    var changing = RotaGenerator(
      .init(workers: 200, sites: 30, weeks: 12, start: week("2026-W40"), seed: 4, teamChanges: true))
    let a = plain.rota()
    let b = changing.rota()
    #expect(a.workers.allSatisfy { $0.start == nil && $0.end == nil && $0.patternChanges.isEmpty })
    #expect(b.workers.contains { $0.start != nil } && b.workers.contains { $0.end != nil })
    #expect(b.workers.contains { !$0.patternChanges.isEmpty })
    #expect(b.sites.contains { $0.end != nil })
    #expect(b.events.contains { $0.lead != nil })
    // The rest is the same rota.
    #expect(a.leave == b.leave && a.overrides == b.overrides && a.workers.map(\.pattern) == b.workers.map(\.pattern))
    let text = RotaFileWriter.write(b)
    #expect(try rota(text) == b.canonicalized())
    let rules = Set(
      RotaAnalysis(b).reports(from: week("2026-W40"), to: week("2026-W51")).flatMap(\.findings).map(\.rule))
    #expect(rules.contains(.notInPost) && rules.contains(.awayAtEvent))
  }
}
