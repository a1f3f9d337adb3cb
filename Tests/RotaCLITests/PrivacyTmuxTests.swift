import Foundation
import Testing

/// A link worker's own planner (`rota --worker ID`), captured in tmux on every
/// screen they can reach and through a live update: a colleague's leave shows as
/// away, never its kind (sick leave is health information).
@Suite("What a link worker's screen shows of colleagues, in tmux", .serialized)
struct PrivacyTmuxTests {
  /// The words that would give a leave kind away.
  static let kinds = ["sick", "annual leave"]

  func expectPrivate(_ screen: String, _ step: String) {
    for word in Self.kinds {
      #expect(!screen.lowercased().contains(word), "\(step): “\(word)” on Amira's screen:\n\(screen)")
    }
  }

  @Test("Amira's planner never shows Ioana's sick leave or Tomasz's annual leave, on any screen or in a live update")
  func colleaguesLeaveKindsStayHidden() throws {
    let rota = try RotaBinary()
    defer { rota.remove() }
    let db = try rota.demoDatabase()
    // The coordinator's planner says why (so the words are there to hide).
    let coordinator = try rota.run(["open", "--db", db, "--keys", "<End> h L", "--dump-screen", "-"])
    #expect(coordinator.stdout.contains("sick leave"), "\(coordinator.stdout)")

    let t = try TmuxSession(
      command:
        "env -u NO_COLOR HOME=\(rota.home.path) ROTA_TODAY=2026-11-25 LANG=C.UTF-8 \(RotaBinary.executable.path) --db \(db) --worker amira --as amira --refresh 100",
      width: 120, height: 40)
    expectPrivate(try t.wait(for: "Amira Khan"), "her week")
    // The workers grid, the cursor on Ioana's sick day (Tuesday) and then Tomasz's leave (Thursday).
    try t.keys("w")
    _ = try t.wait(for: "Workers")
    try t.keys("End", "Left")
    expectPrivate(try t.wait(for: "Ioana Ștefănescu ·"), "the grid on Ioana's Tuesday")
    try t.keys("L")
    expectPrivate(try t.wait(for: "Ioana Ștefănescu is away"), "the leave menu on Ioana's Tuesday")
    // Esc alone, then wait for the box to close: Esc and a key sent together read as Alt and the key.
    func escape() throws {
      try t.keys("Escape")
      _ = try t.wait("the box to close") { !$0.contains("┌─") }
    }
    try escape()
    try t.keys("i")
    expectPrivate(try t.wait(for: "┌─"), "the detail in full")
    try escape()
    for (key, title) in [("s", "Sites"), ("f", "Findings"), ("b", "Isolation board"), ("a", "ARRS")] {
      try t.keys(key)
      expectPrivate(try t.wait(for: title), "the \(title) screen")
    }
    try t.keys("w")
    _ = try t.wait(for: "Workers")

    // The coordinator books sick leave for Ioana while Amira's planner is open.
    let booked = try rota.run([
      "leave", "add", "--db", db, "--worker", "ioana", "--from", "2026-11-27", "--kind", "sick", "--as", "coordinator",
    ])
    #expect(booked.status == 0, "\(booked.stderr)")
    expectPrivate(try t.wait(for: "coordinator changed"), "the live update")
    try t.keys("M")
    expectPrivate(try t.wait(for: "Recent messages"), "the messages in full")
    try escape()
    try t.keys("q")
  }
}
