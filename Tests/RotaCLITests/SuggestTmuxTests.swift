import Foundation
import Testing

/// The demo week's errors fixed in the planner with suggestions alone: one single
/// fix (F, Enter), then the week's plan (A, Enter), each one edit in the log that
/// `rota check` agrees with, and undone by u.
@Suite("Fix suggestions in the planner, in tmux", .serialized)
struct SuggestTmuxTests {
  func errors(_ rota: RotaBinary, _ db: String) throws -> [[String: Any]] {
    let r = try rota.run(["check", "--db", db, "--week", "2026-W48", "--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let findings = try #require(json["findings"] as? [[String: Any]])
    return findings.filter { $0["severity"] as? String == "error" }
  }

  @Test("F then Enter fixes one error; A then Enter fixes every error a change of place can fix; u undoes each")
  func fixTheDemoWeek() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    // Monday: the whole week can still change.
    let t = try TmuxSession(
      command:
        "env -u NO_COLOR HOME=\(rota.home.path) ROTA_TODAY=2026-11-23 LANG=C.UTF-8 \(RotaBinary.executable.path) --db \(db) --as coordinator --refresh 0"
    )
    try t.wait(for: "✖ 8 errors")
    #expect(try errors(rota, db).count == 8)

    // One fix: the second error, Siobhán at home when she is due at Millbrook.
    try t.keys("f", "j", "F")
    try t.wait(for: "Fixes for: Siobhán O'Connor is placed at home")
    try t.keys("Enter")
    try t.wait(forAll: ["saved: ", "✖ 7 errors"], seconds: 10)
    #expect(try errors(rota, db).count == 7)
    try t.keys("u")
    try t.wait(forAll: ["undid: ", "✖ 8 errors"])
    #expect(try errors(rota, db).count == 8)

    // The week's plan, shown first, then saved whole.
    try t.keys("A")
    try t.wait(for: "PLAN", seconds: 30)
    #expect(try errors(rota, db).count == 8, "showing the plan saved something")
    try t.keys("Enter")
    let screen = try t.wait(for: "saved: ", seconds: 10)
    let left = try errors(rota, db)
    // What is left is only what no change of place can fix: Ioana due at training while on sick leave.
    #expect(
      left.allSatisfy { $0["rule"] as? String == "away-at-event" && $0["worker"] as? String == "ioana" },
      "errors left after the plan: \(left)\n\(screen)")
    #expect(screen.contains("✖ \(left.count) error"))
    try t.keys("u")
    try t.wait(forAll: ["undid: ", "✖ 8 errors"])
    #expect(try errors(rota, db).count == 8)
    try t.keys("q")
  }
}
