import Testing

@testable import RotaCore

@Suite("The worker's notice, pure")
struct ChangeNoticeTests {
  @Test("who made a change, as a worker reads it")
  func authors() throws {
    let rota = DemoPCN.rota()
    #expect(ChangeNotice.author("amira", worker: "amira", rota: rota) == "you")
    #expect(ChangeNotice.author("hodan", worker: "amira", rota: rota) == "Hodan Abdi")
    #expect(ChangeNotice.author("Coordinator", worker: "amira", rota: rota) == "the coordinator")
    #expect(ChangeNotice.author("Priya (PCN lead)", worker: "amira", rota: rota) == "Priya (PCN lead)")
  }

  @Test("a summary a worker reads says leave, never its kind")
  func leaveKinds() {
    #expect(
      ChangeNotice.withoutLeaveKinds("Zara Ahmed: sick leave booked, Fri 27 Nov")
        == "Zara Ahmed: leave booked, Fri 27 Nov")
    #expect(
      ChangeNotice.withoutLeaveKinds("Zara Ahmed: training cancelled, Fri 27 Nov AM")
        == "Zara Ahmed: leave cancelled, Fri 27 Nov AM")
    #expect(ChangeNotice.withoutLeaveKinds("Amira Khan, Thu 26 Nov: RVS → OAK") == "Amira Khan, Thu 26 Nov: RVS → OAK")
  }

  @Test("the same changes give the same notice; none when there is no mark")
  func pure() throws {
    let rota = DemoPCN.rota()
    let today = LocalDate(iso: "2026-11-25")!
    let edit = Edit.move(worker: "amira", date: LocalDate(iso: "2026-11-26")!, half: .am, to: .home)
    let plan = try EditPlanner(DemoPCN.rota()).plan(edit)
    let at = LocalDateTime(iso: "2026-11-25T10:00:00+00:00")!
    let changes = [LoggedChange(id: 1, at: at, who: "coordinator", plan: plan)]
    let since = LocalDateTime(iso: "2026-11-24T10:00:00+00:00")!
    let after = rota.applying(plan.changes)
    let a = ChangeNotice.make(worker: "amira", rota: after, changes: changes, since: since, today: today)
    #expect(a == ChangeNotice.make(worker: "amira", rota: after, changes: changes, since: since, today: today))
    #expect(
      a.sentences == [
        "Thu 26 Nov AM: now working from home, was Riverside Surgery, changed by the coordinator today at 10:00"
      ])
    #expect(ChangeNotice.make(worker: "amira", rota: after, changes: changes, since: nil, today: today).isEmpty)
  }
}
