import Foundation
import RotaTestSupport
import Testing

@testable import RotaCore
@testable import RotaUI

/// Running the team in the planner (issue 9): the team screen, the usual-week
/// editor, leave by half days, events with a lead, and every form's refusals.
@Suite("Running the team in the planner")
struct TeamTests {
  func planner(_ b: InMemoryBackend, width: Int = 120, height: Int = 40) throws -> Planner {
    try Planner(backend: b, today: wednesday, width: width, height: height)
  }

  /// Types into the focused field: clears it first.
  func field(_ text: String) -> String {
    String(repeating: "<BS> ", count: 40) + "\"\(text)\""
  }

  @Test("a new starter joins from Thursday with a usual week, from the team screen")
  func starter() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    // Id, name, role (→ care coordinator by its letter), sessions, start, usual week.
    try run(
      p,
      "W n \"ruth\" <Tab> \"Ruth Adeyemi\" <Tab> c <Tab> \(field("6")) <Tab> \(field("thu")) <Tab> \"mon=RVS wed=OAK thu-am=home\" <Enter>"
    )
    let ruth = try #require(b.rota.worker("ruth"), "not saved: \(p.state.status.text)")
    #expect(ruth.name == "Ruth Adeyemi" && ruth.role == .careCoordinator && ruth.sessions == 6)
    #expect(ruth.start == LocalDate(iso: "2026-11-26"))
    #expect(
      ruth.pattern[.mon, .am] == .site("RVS") && ruth.pattern[.thu, .am] == .home && ruth.pattern[.thu, .pm] == .off)
    #expect(p.state.status.text.hasPrefix("saved"))
    // Her first week: not in post on Mon to Wed, in post from Thursday.
    let week = RotaAnalysis(b.rota).placements(for: wednesday.isoWeek)
    let r = b.rota.workers.firstIndex { $0.id == "ruth" }!
    #expect(week.placement(worker: r, day: 2, half: .am) == .notInPost)
    #expect(week.placement(worker: r, day: 3, half: .am) == .home)
  }

  @Test("a usual week changes from a date: the 7×2 editor, typing a code or a name")
  func usualWeek() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    // Amira is the first worker; P opens her usual week from next Monday (30 Nov).
    try run(p, "W P \"oakfield\" <Enter> \"home\" <Enter> <Enter>")
    let amira = try #require(b.rota.worker("amira"))
    let change = try #require(amira.patternChanges.last, "not saved: \(p.state.status.text)")
    #expect(change.from == LocalDate(iso: "2026-11-30"))
    #expect(change.pattern[.mon, .am] == .site("OAK") && change.pattern[.mon, .pm] == .home)
    #expect(amira.pattern(on: LocalDate(iso: "2026-11-23")!)[.mon, .am] == .site("RVS"), "weeks before are untouched")
  }

  @Test("a leaver ends; a site closes for good")
  func endings() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    // Siobhán (second) leaves after Friday 4 December.
    try run(p, "W j X \(field("2026-12-04")) <Enter>")
    #expect(b.rota.worker("siobhan")?.end == LocalDate(iso: "2026-12-04"), "\(p.state.status.text)")
    // Westdale (seventh site) closes after 31 December.
    try run(p, "<Tab> j j j j j j X \(field("31/12/2026")) <Enter>")
    #expect(b.rota.site("WDS")?.end == LocalDate(iso: "2026-12-31"), "\(p.state.status.text)")
  }

  @Test("leave by half days, then half of it cancelled from a leave cell")
  func halfDays() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    // Hodan (ninth row) on Thursday afternoon to Friday morning.
    let hodan = "<Home> " + String(repeating: "j ", count: 8) + "l "
    try run(p, hodan + "L <S-Tab> \(field("2026-11-26-pm")) <Tab> \(field("2026-11-27-am")) <Enter>")
    let leave = try #require(b.rota.leave.last { $0.worker == "hodan" }, "\(p.state.status.text)")
    #expect(leave.from.token == "2026-11-26-pm" && leave.to.token == "2026-11-27-am")
    // L on her leave: cancel its Friday morning only.
    try run(p, "l L <Enter> <S-Tab> \(field("2026-11-27-am")) <Enter>")
    let left = b.rota.leave.filter { $0.worker == "hodan" }
    #expect(left.map { "\($0.from.token)…\($0.to.token)" } == ["2026-11-26-pm…2026-11-26-pm"], "\(p.state.status.text)")
  }

  @Test("a supervision led by someone outside the rota, then moved to another day")
  func supervisionWithLead() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    // Chidi (third), Thursday: E opens the event form.
    let chidi = "<Home> j j l "
    try run(
      p,
      chidi
        + "E \"Clinical supervision\" <Tab> s <Tab> <Tab> <Tab> \(field("online")) <Tab> <Tab> \"Dr Sara Patel (GP supervisor)\" <Enter>"
    )
    let e = try #require(b.rota.events.last, "\(p.state.status.text)")
    #expect(e.title == "Clinical supervision" && e.kind == .supervision && e.lead == "Dr Sara Patel (GP supervisor)")
    #expect(e.date == LocalDate(iso: "2026-11-26") && e.venue == .online && e.attendees == ["chidi"])
    // Moved to Friday: E, choose "Change", the date field.
    try run(p, "E <Down> <Enter> <Tab> <Tab> \(field("fri")) <Enter>")
    let moved = try #require(b.rota.events.last)
    #expect(
      moved.date == LocalDate(iso: "2026-11-27") && moved.title == "Clinical supervision", "\(p.state.status.text)")
    #expect(!b.rota.events.contains(e))
  }

  @Test(
    "every form refuses a mistake, names the field, keeps what was typed, and changes nothing",
    arguments: [
      ("W n <Enter>", "An id is needed"),
      ("W n \"amira\" <Tab> \"A\" <Enter>", "Someone already has the id amira"),
      ("W n \"Bad Id\" <Enter>", "An id is 1 to 32"),
      ("W n \"zed\" <Tab> \"Zed\" <Tab> <Tab> \"x\" <Enter>", "Sessions is a whole number from 0 to 14"),
      ("W n \"zed\" <Tab> \"Zed\" <Tab> <Tab> <Tab> \"soon\" <Enter>", "is not a date"),
      ("W n \"zed\" <Tab> \"Zed\" <Tab> <Tab> <Tab> <Tab> \"mon=XYZ\" <Enter>", "No site has the code XYZ"),
      ("W n \"zed\" <Tab> \"\" <Enter>", "The name"),
      ("W <Tab> n \"R\" <Enter>", "A site's code is 2 to 6"),
      ("W <Tab> n \"RVS\" <Enter>", "A site already has the code RVS"),
      ("W <Tab> n \"NEW\" <Tab> \"New place\" <Tab> <Tab> <Tab> \"someday\" <Enter>", "is not a weekday or half"),
      ("W X \(String(repeating: "<BS> ", count: 12)) <Enter>", "A date is needed here"),
      ("W P <Tab> \(String(repeating: "<BS> ", count: 12)) \"nonsense\" <Enter>", "is not a date"),
      ("W P \"nowhere\" <Enter>", "No site is"),
      ("L <S-Tab> \"x\" <Enter>", "is not a date or half-day"),
      ("L <BS> <BS> \"20\" <Enter>", "The leave ends before it starts"),
      ("E <Enter>", "An event needs a title"),
      (
        "E \"Huddle\" <Tab> <Tab> <Tab> <Tab> \(String(repeating: "<BS> ", count: 10)) \"Nowhere\" <Enter>",
        "No site is called"
      ),
      ("E \"Huddle\" <Tab> <Tab> <Tab> <Tab> <Tab> \", ghost\" <Enter>", "No one on the rota is"),
    ])
  func refusals(script: String, says: String) throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, script)
    #expect(b.log.isEmpty, "\(script): something was saved")
    #expect(b.rota == DemoPCN.rota())
    switch p.state.overlay {
    case .form(let form):
      #expect((form.error ?? "").contains(says), "\(script): \(form.error ?? "no error")")
      #expect(form.error != nil)
    case .usualWeek(let editor):
      #expect((editor.error ?? "").contains(says), "\(script): \(editor.error ?? "no error")")
    default:
      Issue.record("\(script): the form closed")
    }
  }

  @Test("a form made from an out-of-date view is refused, and what someone else saved stands")
  func staleForm() throws {
    let b = InMemoryBackend(DemoPCN.rota())
    let p = try planner(b)
    try run(p, "W <Enter>")
    // Meanwhile someone else gives Amira 9 sessions; this form still shows 10.
    b.externalChange(
      [.updateWorker(id: "amira", change: WorkerChange(sessions: 9))], who: "alice", summary: "Amira Khan: 9 sessions")
    try run(p, "<Tab> <Tab> \(String(repeating: "<BS> ", count: 3))\"8\" <Enter>")
    #expect(b.rota.worker("amira")?.sessions == 9)
    #expect(p.state.status.text.hasPrefix("not saved"), "\(p.state.status.text)")
    // A change to another field than the one someone else changed is not a conflict: both stand.
    try run(p, "<Enter> <Tab> <Tab> <Tab> \"2024-04-01\" <Enter> y")
    #expect(b.rota.worker("amira")?.start == LocalDate(iso: "2024-04-01"), "\(p.state.status.text)")
    #expect(b.rota.worker("amira")?.sessions == 9)
  }
}
