import Foundation
import Testing

/// The planner defects of issue 8, each reproduced through the real binary's script
/// harness (`rota open --keys … --dump-screen -`): keys in, the screen and the change
/// log out. They run in a process of their own because on the old planner several of
/// them crashed it.
@Suite("Planner defects, through the script harness")
struct PlannerDefectTests {
  /// Runs the planner on `db` with `keys`, returns the exit status, the screen and the log.
  func planner(_ rota: RotaBinary, db: String, _ keys: String, size: String = "120x40") throws -> (
    status: Int32, screen: String, log: String
  ) {
    let r = try rota.run(["open", "--db", db, "--keys", keys, "--dump-screen", "-", "--size", size])
    let log = try rota.run(["log", "--db", db]).stdout
    return (r.status, r.stdout, log)
  }

  @Test("a pick-up holds dates: a week key during a pick-up is refused, and the drop lands in the week it was made")
  func carryHoldsDates() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    for (n, weekKey) in [".", ",", "]", "[", ">", "<lt>", "t"].enumerated() {
      let db = try rota.demoDatabase("carry-\(n).sqlite3")
      // Amira's Wednesday (today) picked up; a week key; one to the right; drop.
      let r = try planner(rota, db: db, "<Home> <Space> \(weekKey) l <Enter>")
      #expect(r.status == 0)
      #expect(
        r.log.contains("Amira Khan, Wed 25 Nov ⇄ Thu 26 Nov"),
        "\(weekKey): the drop did not land where it was aimed:\n\(r.log)")
      #expect(!r.log.contains("Dec") && !r.log.contains("18 Nov"), "\(weekKey): written into another week:\n\(r.log)")
      #expect(r.screen.contains("Week 48"), "\(weekKey): the week changed during a pick-up")
    }
  }

  @Test("b, a or p during a pick-up never leave a pick-up that cannot be dropped")
  func carryThenScreens() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    for key in ["b", "a", "p"] {
      // Whatever the key did, Enter ends the pick-up, and then the board's Enter opens a worker's weeks.
      let r = try planner(rota, db: db, "<Home> <Space> \(key) <Enter> b <Enter>")
      #expect(r.status == 0)
      #expect(
        r.screen.contains("the last 8 weeks"), "\(key): the board's Enter did not open a worker's weeks:\n\(r.screen)")
    }
  }

  @Test("no key or click crashes the planner: help then a click, a filter matching nobody then p and Enter, and more")
  func noCrash() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    let scripts = [
      "? <press 5 5>", "? <release 5 5>", "? <wheeldown 5 5>", "/ \"zzzz\" <Enter> p <Enter>",
      "/ \"zzzz\" <Enter> <Space>", "/ \"zzzz\" <Enter> e", "/ \"zzzz\" <Enter> s <Space>",
      "/ \"zzzz\" <Enter> <press 30 5> <release 40 5>", "p <press 30 5>", "b <press 30 30> <Enter>",
      "s <press 100 5> <drag 10 5> <release 10 5>", "f <press 3 3> <Enter>", "e <press 1 1>", "L <press 1 1>",
    ]
    for script in scripts {
      let r = try planner(rota, db: db, script)
      #expect(r.status == 0, "\(script): exit \(r.status)")
      #expect(!r.screen.isEmpty, "\(script): no screen")
    }
  }

  @Test("Shift-Tab changes the day/AM/PM scope only in the grids")
  func backTabOnlyInGrids() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    for screen in ["b", "f", "a", "p"] {
      let r = try planner(rota, db: db, "\(screen) <S-Tab> w")
      #expect(r.screen.contains("whole days"), "\(screen) then Shift-Tab changed the scope:\n\(r.screen)")
    }
  }

  @Test("a press on one half of a split cell moves that half for that drag only, and the scope shows at 80×24")
  func halfPressIsForThatDragOnly() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    // Tomasz's Wednesday is split (Oakfield, then home); its afternoon half is at column 62.
    let clicked = try planner(rota, db: db, "<press 62 6> <release 62 6>")
    #expect(clicked.screen.contains("whole days"), "a click on a half changed the scope:\n\(clicked.screen)")
    let narrow = try planner(rota, db: db, "", size: "80x24")
    #expect(narrow.screen.contains("whole days"), "the scope is not shown at 80×24:\n\(narrow.screen)")
    let tab = try planner(rota, db: db, "<Tab>", size: "80x24")
    #expect(tab.screen.contains("AM only"), "the AM scope is not shown at 80×24:\n\(tab.screen)")
  }
}
