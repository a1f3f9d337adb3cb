import Foundation
import Testing

@testable import RotaCore
@testable import RotaStore

/// What changed for a worker since they last looked, on the real store: the mark
/// is theirs, and the notice is netted over this week and every later week.
@Suite("The worker's notice")
struct NoticeTests {
  let today = d("2026-11-25")
  let looked = LocalDateTime(iso: "2026-11-24T09:00:00+00:00")!
  let later = LocalDateTime(iso: "2026-11-24T14:02:00+00:00")!

  /// A demo store in which Amira looked on Tuesday morning.
  func store(_ scratch: Scratch) throws -> RotaStore {
    let store = try demoStore(scratch)
    try store.markSeen(worker: "amira", at: looked)
    return store
  }

  @Test("a coordinator's change shows, named as given with --as, and reading the notice does not consume it")
  func coordinatorChange() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let store = try store(scratch)
    try store.apply(
      .move(worker: "amira", date: d("2026-12-03"), half: nil, to: .site("OAK")), who: "coordinator", at: later)
    // The coordinator reads the rota and the worker's notice: the mark stays.
    _ = try store.load()
    _ = try store.notice(worker: "amira", today: today)
    let notice = try store.notice(worker: "amira", today: today)
    #expect(
      notice.sentences == [
        "Thu 3 Dec: now Oakfield Medical Centre, was Riverside Surgery, changed by the coordinator on Tue"
      ])
    #expect(notice.since == looked)
    // Her own look moves the mark: then nothing is new.
    try store.markSeen(worker: "amira", at: LocalDateTime(iso: "2026-11-25T08:00:00+00:00")!)
    let after = try store.notice(worker: "amira", today: today)
    #expect(after.isEmpty)
    #expect(after.heading(currentYear: 2026).hasPrefix("Nothing has changed for you since you last looked (Wed 25 Nov"))
  }

  @Test("a change and its reversal show nothing; three moves of a day show one line, first state to last")
  func netting() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let store = try store(scratch)
    let thu = d("2026-11-26")
    try store.apply(.move(worker: "amira", date: thu, half: nil, to: .site("OAK")), who: "coordinator", at: later)
    try store.apply(.move(worker: "amira", date: thu, half: nil, to: .site("RVS")), who: "coordinator", at: later)
    try store.apply(.move(worker: "amira", date: d("2026-11-27"), half: .am, to: .home), who: "ben", at: later)
    try store.undo(who: "ben", at: later)
    #expect(try store.notice(worker: "amira", today: today).isEmpty)

    let fri = d("2026-11-27")
    try store.apply(.move(worker: "amira", date: fri, half: nil, to: .site("OAK")), who: "coordinator", at: later)
    try store.apply(.move(worker: "amira", date: fri, half: nil, to: .home), who: "coordinator", at: later)
    try store.apply(.move(worker: "amira", date: fri, half: .pm, to: .site("RVS")), who: "hodan", at: later)
    let notice = try store.notice(worker: "amira", today: today)
    #expect(
      notice.sentences == [
        "Fri 27 Nov AM: now working from home, was Millbrook Health Centre, changed by the coordinator on Tue",
        "Fri 27 Nov PM: now Riverside Surgery, was Millbrook Health Centre, changed by Hodan Abdi on Tue",
      ])
  }

  @Test("changes in later weeks show; changes before this week do not; another worker's do not")
  func laterWeeks() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let store = try store(scratch)
    try store.apply(.move(worker: "amira", date: d("2026-11-16"), half: nil, to: .home), who: "coordinator", at: later)
    try store.apply(
      .move(worker: "siobhan", date: d("2026-11-26"), half: nil, to: .home), who: "coordinator", at: later)
    try store.apply(.move(worker: "amira", date: d("2026-12-07"), half: nil, to: .home), who: "coordinator", at: later)
    try store.apply(.move(worker: "amira", date: d("2027-01-11"), half: .am, to: .off), who: "amira", at: later)
    #expect(
      try store.notice(worker: "amira", today: today).sentences == [
        "Mon 7 Dec: now working from home, was Riverside Surgery, changed by the coordinator on Tue",
        "Mon 11 Jan 2027 AM: now off, was Riverside Surgery, changed by you on Tue",
      ])
  }

  @Test("leave shows as on leave, never its kind; an event shows with where it is; a new usual week for four weeks")
  func leaveEventsAndPatterns() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let store = try store(scratch)
    try store.apply(
      .bookLeave(Leave(worker: "amira", from: DatedSession(d("2026-12-01")), kind: .sick)), who: "coordinator",
      at: later)
    let event = Event(
      title: "Case review", kind: .team, date: d("2026-12-02"), half: .pm, venue: .online,
      attendees: ["amira", "siobhan"])
    try store.apply(.addEvent(event), who: "coordinator", at: later)
    let notice = try store.notice(worker: "amira", today: today)
    #expect(
      notice.sentences == [
        "Tue 1 Dec: now on leave, was Oakfield Medical Centre, changed by the coordinator on Tue",
        "Wed 2 Dec PM: now working from home + Case review (online), was working from home, changed by the coordinator on Tue",
      ])
    #expect(!notice.sentences.joined().contains("sick"))

    // A new usual week from a date reaches every later week: shown over four.
    try store.markSeen(worker: "amira", at: LocalDateTime(iso: "2026-11-25T08:00:00+00:00")!)
    var pattern = DemoPCN.rota().worker("amira")!.pattern
    pattern[.wed, .am] = .site("OAK")
    try store.apply(
      .changePattern(worker: "amira", from: d("2026-12-14"), pattern: pattern), who: "coordinator", at: later)
    let weeks = try store.notice(worker: "amira", today: today).lines.map(\.date.iso)
    #expect(weeks == ["2026-12-16", "2026-12-23", "2026-12-30", "2027-01-06"])
  }

  @Test("an import since the mark is said in one sentence; the changes after it are netted")
  func importSinceMark() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let store = try store(scratch)
    try store.importRota(DemoPCN.rota(), replace: true, force: true, source: "t", who: "coordinator", at: later)
    try store.apply(.move(worker: "amira", date: d("2026-11-26"), half: .pm, to: .home), who: "coordinator", at: later)
    #expect(
      try store.notice(worker: "amira", today: today).sentences == [
        "The whole rota was replaced (imported by the coordinator on Tue): check every week",
        "Thu 26 Nov PM: now working from home, was Riverside Surgery, changed by the coordinator on Tue",
      ])
  }

  @Test("a read-only store cannot move the mark; a worker who never looked has no notice")
  func readOnlyAndFirstLook() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    try store(scratch).close()
    let readOnly = try RotaStore.open(path: scratch.path("rota.sqlite3"), readOnly: true)
    #expect(throws: StoreError.self) { try readOnly.markSeen(worker: "amira", at: later) }
    #expect(try readOnly.seenMark(worker: "amira")?.at == looked)
    let ben = try readOnly.notice(worker: "ben", today: today)
    #expect(ben.since == nil && ben.isEmpty)
    #expect(ben.heading(currentYear: 2026) == "First time here: this is your week as planned.")
  }
}
