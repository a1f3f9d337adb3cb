import Foundation
import Testing

/// The "what changed since you last looked" path through the real binary and
/// database: only the worker's own entry point (`rota open --worker ID`) moves
/// their mark; the coordinator's `p`, `--read-only` and `rota week` never do.
@Suite("The worker's mark, end to end")
struct NoticeCommandTests {
  let change = "Thu 3 Dec: now Oakfield Medical Centre, was Riverside Surgery, changed by the coordinator on Tue"

  @Test("a coordinator's change, then the coordinator's p, read-only looks and rota week: the worker still sees it")
  func onlyTheWorkerMovesTheirMark() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    func open(_ extra: [String], at time: String) throws -> String {
      let r = try rota.run(
        ["open", "--db", db, "--dump-screen", "-", "--size", "140x40"] + extra, environment: ["ROTA_NOW": time])
      #expect(r.status == 0, "\(r.stderr)")
      return r.stdout
    }
    // Amira looks on Tuesday morning; the coordinator moves her Thursday next week.
    _ = try open(["--worker", "amira"], at: "2026-11-24T09:00")
    let moved = try rota.run(
      ["move", "--db", db, "--worker", "amira", "--date", "2026-12-03", "--to", "OAK", "--as", "coordinator"],
      environment: ["ROTA_NOW": "2026-11-24T14:02"])
    #expect(moved.status == 0, "\(moved.stderr)")

    // The coordinator opens Amira's week with p (her row is first), and again read-only.
    #expect(try open(["--keys", "p", "--as", "coordinator"], at: "2026-11-24T15:00").contains(change))
    #expect(try open(["--worker", "amira", "--read-only"], at: "2026-11-24T15:05").contains(change))
    #expect(try rota.run(["week", "--db", db, "--worker", "amira"]).status == 0)

    // Her own look still shows it, and moves her mark: the next look is clean.
    #expect(try open(["--worker", "amira"], at: "2026-11-25T08:30").contains(change))
    #expect(!(try open(["--worker", "amira"], at: "2026-11-25T08:40").contains(change)))
  }
}
