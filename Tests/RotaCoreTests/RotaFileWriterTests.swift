import Foundation
import Testing

@testable import RotaCore

@Suite("Writing the rota file")
struct RotaFileWriterTests {
  @Test("the demo seed is already in canonical form: read then write gives the same bytes")
  func seedRoundTrip() throws {
    let r = try rota(DemoPCN.yaml)
    #expect(RotaFileWriter.write(r) == DemoPCN.yaml)
  }

  @Test("the built-in demo is the seed file on disk, byte for byte")
  func builtInIsSeed() throws {
    let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../../seeds/demo-pcn.yaml")
    let onDisk = try String(contentsOf: seed, encoding: .utf8)
    #expect(onDisk == DemoPCN.yaml)
  }

  @Test("writing twice gives the same bytes, and reading what was written gives the same rota")
  func stable() throws {
    var g = RotaGenerator(.init(workers: 60, sites: 14, weeks: 6, start: week("2026-W45"), seed: 3))
    let original = g.rota()
    let once = RotaFileWriter.write(original)
    let back = try rota(once)
    #expect(back == original.canonicalized())
    #expect(RotaFileWriter.write(back) == once)
  }

  @Test("defaults are left out and keys come in the documented order")
  func canonicalShape() throws {
    let text = """
      version: 1
      pcn: Test PCN
      policy:
        max_solitary_days: 2
        lookback_weeks: 6
      sites:
      - code: rvs
        name: Riverside Surgery
        kind: practice
        rooms: 1
        open: [wed-pm, mon, tue, wed-am, thu, fri]
        open_bank_holidays: false
        cover: [thu-pm, thu-am]
      workers:
      - id: amira
        name: Amira Khan
        role: gp-link-worker
        sessions: 10
        pattern:
          tue: {pm: home, am: off}
          mon: RVS
          wed: off
      events:
      - title: B
        kind: team
        date: 2026-11-24
        where: online
        attendees: [amira]
      - title: A
        kind: team
        date: 2026-11-23
        session: pm
        where: RVS
        attendees: [amira]
      overrides:
      - worker: amira
        date: 2026-11-24
        session: pm
        place: RVS
      - worker: amira
        date: 2026-11-24
        session: am
        place: RVS
      leave:
      - worker: amira
        from: 2026-12-01
        to: 2026-12-01
        kind: annual
      """
    let expected = """
      version: 1
      pcn: Test PCN
      policy:
        lookback_weeks: 6
      sites:
      - code: RVS
        name: Riverside Surgery
        kind: practice
        cover: [thu]
      workers:
      - id: amira
        name: Amira Khan
        role: gp-link-worker
        sessions: 10
        pattern:
          mon: RVS
          tue: {pm: home}
      leave:
      - worker: amira
        from: 2026-12-01
        kind: annual
      overrides:
      - worker: amira
        date: 2026-11-24
        place: RVS
      events:
      - title: A
        kind: team
        date: 2026-11-23
        session: pm
        where: RVS
        attendees: [amira]
      - title: B
        kind: team
        date: 2026-11-24
        where: online
        attendees: [amira]

      """
    #expect(RotaFileWriter.write(try rota(text)) == expected)
  }

  @Test("text that YAML would misread is quoted, and reads back as the same text")
  func quoting() throws {
    var r = Rota(pcn: "PCN: North #1")
    r.sites = [Site(code: "NO", name: "'Quoted' – Surgery, Ltd", kind: .practice)]
    r.workers = [Worker(id: "a", name: "- off", role: .careCoordinator, sessions: 1)]
    let text = RotaFileWriter.write(r)
    let back = try rota(text)
    #expect(back.pcn == "PCN: North #1")
    #expect(back.sites[0].name == "'Quoted' – Surgery, Ltd")
    #expect(back.workers[0].name == "- off")
    #expect(text.contains("code: NO\n"))
  }
}
