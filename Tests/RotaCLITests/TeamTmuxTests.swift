import Foundation
import Testing

/// The coordinator's month of issue 9, done in the planner in tmux on a copy of
/// the demo: after each step `rota check --db` equals `rota check --file` of
/// `rota export`, and undo in the planner brings back the exact previous export.
@Suite("Running the team in the planner, in tmux", .serialized)
struct TeamTmuxTests {
  static let weeks = ["--from", "2026-W48", "--to", "2026-W52"]

  func export(_ rota: RotaBinary, _ db: String) throws -> String {
    withoutRevision(try rota.run(["export", "--db", db]).stdout)
  }

  func checkAgrees(_ rota: RotaBinary, _ db: String, step: String) throws {
    #expect(try rota.run(["export", "--db", db, "-o", rota.path("export.yaml")]).status == 0)
    let fromDB = try rota.run(["check", "--db", db, "--format", "json"] + Self.weeks)
    let fromFile = try rota.run(["check", "--file", rota.path("export.yaml"), "--format", "json"] + Self.weeks)
    #expect(fromDB.stdout == fromFile.stdout, "\(step): check --db and check --file of the export differ")
  }

  /// Clears a field of a form (its longest prefilled value is a date).
  func clear(_ t: TmuxSession) throws { for _ in 0..<14 { try t.keys("BSpace") } }

  @Test(
    "a coordinator's month in the planner: a starter, a usual week, a leaver, a site closing, half-day leave, a supervision led from outside, moved"
  )
  func coordinatorsMonth() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let t = try TmuxSession(
      command:
        "env -u NO_COLOR HOME=\(rota.home.path) ROTA_TODAY=2026-11-25 LANG=C.UTF-8 \(RotaBinary.executable.path) --db \(db) --as coordinator --refresh 0"
    )
    try t.wait(for: "✖ 8 errors")
    var done: [String] = []

    /// Runs a step's keys, waits for the saved message, then checks the database
    /// against its export, undoes in the planner (the export before comes back) and redoes.
    func step(_ name: String, saved: String, _ keys: () throws -> Void) throws {
      let before = try export(rota, db)
      try keys()
      try t.wait(for: saved, seconds: 10)
      let after = try export(rota, db)
      #expect(after != before, "\(name) changed nothing")
      try checkAgrees(rota, db, step: name)
      try t.keys("u")
      try t.wait(for: "undid: ")
      #expect(try export(rota, db) == before, "\(name): undo in the planner did not bring back the export before it")
      try t.keys("U")
      try t.wait(for: "redid: ")
      #expect(try export(rota, db) == after, "\(name): redo did not bring back the export after it")
      done.append(name)
    }

    try step("a starter joins mid-week with a usual week", saved: "saved: ") {
      try t.keys("W", "n")
      try t.wait(for: "A new starter")
      try t.keys("bea", "Tab", "Bea Turner", "Tab", "c", "Tab")
      try clear(t)
      try t.keys("6", "Tab")
      try clear(t)
      try t.keys("2026-11-26", "Tab", "mon=RVS tue=rvs wed-am=home thu=HUB", "Enter")
    }
    try step("a usual week changes from a date", saved: "saved: ") {
      // Siân is the seventh worker on the team screen.
      for _ in 0..<6 { try t.keys("Down") }
      try t.keys("P")
      try t.wait(for: "Usual week for Siân Pritchard")
      try t.keys("oak", "Enter", "oakfield", "Enter", "Tab")
      try clear(t)
      try t.keys("02/12/2026", "Enter")
    }
    try step("a leaver ends", saved: "saved: ") {
      for _ in 0..<3 { try t.keys("Up") }
      try t.keys("X")
      try t.wait(for: "leaves")
      try clear(t)
      try t.keys("2026-12-11", "Enter")
    }
    try step("a site closes for good", saved: "saved: ") {
      try t.keys("Tab", "Home", "Down", "Down", "Down", "X")
      try t.wait(for: "closes for good")
      try clear(t)
      try t.keys("2026-12-18", "Enter")
    }
    try step("leave is booked by half days", saved: "saved: ") {
      // Back to the grid, week 50, Amira's Tuesday 8 December.
      // Esc alone first: Esc and `]` sent together read as the start of an OSC sequence.
      try t.keys("Escape")
      _ = try t.wait("the grid") { !$0.contains("Enter change  n new") }
      try t.keys("]", "]", "Home")
      try t.wait(for: "Week 50")
      try t.keys("Left", "L")
      try t.wait(for: "Book leave for Amira Khan")
      try t.keys("BTab")
      try clear(t)
      try t.keys("2026-12-08-pm", "Tab")
      try clear(t)
      try t.keys("2026-12-10-am", "Enter")
    }
    try step("half of it is cancelled", saved: "saved: ") {
      try t.keys("Right", "L")
      try t.wait(for: "Cancel all or part of it")
      try t.keys("Enter")
      try t.wait(for: "Cancel Amira Khan's leave")
      try t.keys("BTab")
      try clear(t)
      try t.keys("2026-12-09-pm", "Enter")
    }
    try step("a supervision with an outside lead is added", saved: "saved: ") {
      // Week 49, Chidi's Thursday 3 December.
      try t.keys("[", "Home", "Down", "Down", "Right", "E")
      try t.wait(for: "A new event")
      try t.keys("Clinical supervision", "Tab", "s", "Tab", "Tab", "Tab", "Tab", ", bea", "Tab")
      try t.keys("Dr Sara Patel (GP supervisor)", "Enter")
    }
    try step("the supervision is moved", saved: "saved: ") {
      try t.keys("E")
      try t.wait(for: "Chidi Okonkwo's events")
      try t.keys("Down", "Enter")
      try t.wait(for: "Change Clinical supervision")
      try t.keys("Tab", "Tab")
      try clear(t)
      try t.keys("2026-12-04", "Tab", "Left", "Enter")
    }
    #expect(done.count == 8, "steps done: \(done)")
    let final = try export(rota, db)
    #expect(
      final.contains("- id: bea\n  name: Bea Turner\n  role: care-coordinator\n  sessions: 6\n  start: 2026-11-26\n"))
    #expect(final.contains("  pattern_changes:\n  - from: 2026-12-02\n    pattern: {mon: OAK, "))
    #expect(final.contains("  end: 2026-12-11\n"))
    #expect(final.contains("  end: 2026-12-18\n"))
    #expect(final.contains("lead: Dr Sara Patel (GP supervisor)"))
    #expect(final.contains("date: 2026-12-04\n  session: am\n"))
    try t.keys("q")
  }
}
