import RotaTestSupport
import Testing

@testable import RotaCore
@testable import RotaUI

/// Fix suggestions in the planner: single fixes (F) applied with Enter, the week's
/// plan (A) shown on the grid, stepped through, applied as one edit or dropped.
@Suite("Fix suggestions in the planner")
struct SuggestTests {
  /// A planner over the demo, on Wednesday 25 November, after `script`.
  func planner(_ script: String = "", readOnly: Bool = false, width: Int = 120, height: Int = 40) throws -> (
    Planner, InMemoryBackend
  ) {
    let backend = InMemoryBackend(DemoPCN.rota(), readOnly: readOnly, who: "coordinator")
    let planner = try Planner(backend: backend, today: LocalDate(iso: "2026-11-25")!, width: width, height: height)
    planner.planLimit = testPlanLimit
    for event in try KeyScript.parse(script) { planner.handle(event) }
    planner.settle()
    return (planner, backend)
  }

  func planned(_ rota: Rota, _ c: SuggestedChange) throws -> Place {
    try rota.planned(worker: try #require(rota.worker(c.worker)), date: c.date, half: c.half)
  }

  /// The week's findings as the rules see the backend's rota now.
  func findings(_ backend: InMemoryBackend) -> [Finding] {
    RotaAnalysis(backend.rota).report(for: ISOWeek(year: 2026, week: 48)!).findings
  }

  @Test("F on a finding lists fixes that clear it; Enter applies the first as one edit, which one u undoes")
  func singleFix() throws {
    // The second error: Siobhán at home on Friday afternoon, when she is due at Millbrook.
    let (p, backend) = try planner("f j F")
    guard case .suggestions(let list) = p.state.overlay else {
      Issue.record("F opened no list: \(p.render().text)")
      return
    }
    let before = findings(backend)
    let target = before.filter { $0.severity == .error }[1]
    #expect(list.title.contains(target.message))
    #expect(!list.entries.isEmpty)
    let first = list.entries[0]
    p.handle(.key(.enter))
    #expect(p.state.overlay == nil)
    #expect(backend.log.count == 1, "one edit in the log: \(backend.log)")
    for change in first.changes {
      #expect(try planned(backend.rota, change) == change.to)
    }
    #expect(!findings(backend).contains(target), "the finding is still there after its fix")
    p.handle(.key(.char("u")))
    #expect(findings(backend) == before)
  }

  @Test("F on a site's half-day asks who can cover; on a worker's day, what could change there")
  func cellAndCover() throws {
    let (cover, _) = try planner("s F")
    guard case .suggestions(let list) = cover.state.overlay else {
      Issue.record("no list")
      return
    }
    #expect(list.title.hasPrefix("Who can cover"))
    let (cell, _) = try planner("j F")
    guard case .suggestions(let cells) = cell.state.overlay else {
      Issue.record("no list")
      return
    }
    #expect(cells.title.hasPrefix("Changes for Siobhán O'Connor"))
    #expect(cells.entries.allSatisfy { e in e.changes.contains { $0.worker == "siobhan" } })
  }

  @Test("A shows the plan on the grid without saving; Esc drops it; Enter saves it whole as one edit, u undoes it")
  func plan() throws {
    let (p, backend) = try planner("A")
    let plan = try #require(p.state.plan, "A made no plan: \(p.render().text)")
    #expect(!plan.changes.isEmpty)
    #expect(backend.log.isEmpty, "showing the plan saved something")
    #expect(p.render().text.contains("PLAN"))
    #expect(p.state.model.errors < plan.before.errors, "the grid does not show the week as the plan makes it")
    // Every change of the plan is where n takes the cursor, and its detail says so.
    p.handle(.key(.char("n")))
    #expect(p.render().text.contains("Plan: "))
    p.handle(.key(.escape))
    #expect(p.state.plan == nil)
    #expect(p.state.model.errors == plan.before.errors)
    #expect(backend.log.isEmpty)

    let original = backend.rota
    p.handle(.key(.char("A")))
    p.handle(.key(.enter))
    #expect(p.state.plan == nil)
    #expect(backend.log.count == 1)
    for change in plan.changes {
      #expect(try planned(backend.rota, change) == change.to)
    }
    p.handle(.key(.char("u")))
    #expect(Set(backend.rota.overrides) == Set(original.overrides), "u did not take the whole plan back")
  }

  @Test("a plan the clock cut short says so, since A again may find another")
  func planCutByClock() throws {
    let (p, _) = try planner()
    // A millisecond and far more evaluations than fit in it: the clock ends the search.
    p.planLimit = SearchLimit(milliseconds: 1, seed: 0, evaluations: 100_000_000)
    p.handle(.key(.char("A")))
    p.settle()
    #expect(p.state.status.text.contains("cut short by its time limit"), "\(p.state.status.text)")

    let (q, _) = try planner("A")
    #expect(!q.state.status.text.contains("cut short"), "\(q.state.status.text)")
  }

  @Test("a plan is dropped, not applied, when someone else changes the rota meanwhile")
  func staleplan() throws {
    let (p, backend) = try planner("A")
    let change = try #require(p.state.plan?.changes.first)
    backend.externalChange(
      [.setOverride(worker: change.worker, date: change.date, half: change.half, place: .home)], who: "hodan",
      summary: "a change", workers: [change.worker])
    p.handle(.tick)
    #expect(p.state.plan == nil)
    #expect(p.render().text.contains("plan dropped: the rota changed"))
    p.handle(.key(.enter))
    #expect(backend.log.isEmpty, "Enter after the plan was dropped saved something")
  }

  @Test("read-only: fixes and the plan can be read, never saved")
  func readOnly() throws {
    let (p, backend) = try planner("f j F <Enter>", readOnly: true)
    #expect(backend.log.isEmpty)
    #expect(p.render().text.contains("read-only"))
    // The plan shows; Enter is refused with the reason and the plan stays to read; Esc drops it.
    let (q, b) = try planner("A <Enter>", readOnly: true)
    #expect(b.log.isEmpty)
    #expect(q.state.plan != nil)
    #expect(q.render().text.contains("read-only"))
    q.handle(.key(.escape))
    #expect(q.state.plan == nil)
  }
}

/// A plan search that ends by its evaluation count, never by the clock (debug builds are slow), so
/// the same plan comes every run.
let testPlanLimit = SearchLimit(milliseconds: 600_000, seed: 0, evaluations: 20_000)
