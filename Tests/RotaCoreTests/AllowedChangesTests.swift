import Testing

@testable import RotaCore

/// The rules of what a plan may change, one test each, on a small rota built for them.
@Suite("What a plan may change")
struct AllowedChangesTests {
  /// Week 48 of 2026 (Mon 23 Nov to Sun 29 Nov); week 53 holds Christmas and Boxing Day's bank holidays.
  static func rotaForRules() throws -> Rota {
    try rotaWith(
      sites: """
        - {code: RVS, name: Riverside Surgery, kind: practice}
        - {code: OAK, name: Oakfield Medical Centre, kind: practice, rooms: 2}
        - {code: BRK, name: Brook Lane Surgery, kind: practice}
        - {code: MIL, name: Millbrook Health Centre, kind: practice}
        - {code: FAR, name: Faraway Surgery, kind: practice}
        """,
      workers: """
        - {id: amira, name: Amira Khan, role: gp-link-worker, sessions: 8, pattern: {mon: RVS, tue: OAK, wed: home, thu: RVS}}
        - {id: ben, name: Ben Jones, role: gp-link-worker, sessions: 4, end: 2026-11-25, pattern: {mon: OAK, wed: OAK}}
        - {id: cara, name: Cara Smith, role: care-coordinator, sessions: 6, start: 2026-11-25, pattern: {wed: RVS, thu: RVS, fri: RVS},
           pattern_changes: [{from: 2026-12-07, pattern: {mon: BRK}}]}
        """,
      leave: "- {worker: amira, from: 2026-11-26-am, kind: annual}",
      overrides: """
        - {worker: amira, date: 2026-11-26, session: am, place: OAK}
        - {worker: amira, date: 2026-10-30, place: FAR}
        - {worker: amira, date: 2026-11-09, place: OAK}
        """,
      events: "- {title: Training, kind: training, date: 2026-11-20, where: MIL, attendees: [amira]}")
  }

  static func allowed(_ rota: Rota, week: String = "2026-W48", since: String = "2026-11-23") -> AllowedChanges {
    let analysis = RotaAnalysis(rota)
    return AllowedChanges(index: analysis.index, facts: analysis.facts(ISOWeek(iso: week)!), since: date(since))
  }

  @Test("only the week is changed: a date outside it has no places")
  func onlyTheWeek() throws {
    let a = Self.allowed(try Self.rotaForRules())
    #expect(a.places(worker: "amira", date: date("2026-11-30"), half: .am).isEmpty)
    #expect(a.limit(worker: "amira", date: date("2026-11-30"), half: .am) == .outsideWeek)
    #expect(!a.places(worker: "amira", date: date("2026-11-23"), half: .am).isEmpty)
  }

  @Test("nothing before the first editable date changes")
  func fromTheFirstEditableDate() throws {
    let a = Self.allowed(try Self.rotaForRules(), since: "2026-11-24")
    #expect(a.places(worker: "amira", date: date("2026-11-23"), half: .pm).isEmpty)
    #expect(a.limit(worker: "amira", date: date("2026-11-23"), half: .pm) == .beforeSince)
    #expect(!a.places(worker: "amira", date: date("2026-11-24"), half: .am).isEmpty)
  }

  @Test("nothing outside a worker's post changes")
  func inPost() throws {
    let a = Self.allowed(try Self.rotaForRules())
    #expect(a.places(worker: "ben", date: date("2026-11-26"), half: .am).isEmpty)
    #expect(a.limit(worker: "ben", date: date("2026-11-26"), half: .am) == .notInPost)
    #expect(a.places(worker: "cara", date: date("2026-11-24"), half: .am).isEmpty)
    #expect(!a.places(worker: "ben", date: date("2026-11-25"), half: .am).isEmpty)
  }

  @Test("nothing on a bank holiday changes")
  func notOnABankHoliday() throws {
    let a = Self.allowed(try Self.rotaForRules(), week: "2026-W53", since: "2026-12-21")
    #expect(a.places(worker: "amira", date: date("2026-12-28"), half: .am).isEmpty)
    #expect(a.limit(worker: "amira", date: date("2026-12-28"), half: .am) == .bankHoliday)
    #expect(!a.places(worker: "amira", date: date("2026-12-29"), half: .am).isEmpty)
  }

  @Test("on leave, only off, which lifts a leave clash")
  func offOnLeave() throws {
    let a = Self.allowed(try Self.rotaForRules())
    // Thursday AM: on leave, with an override at Oakfield (a leave clash).
    #expect(a.places(worker: "amira", date: date("2026-11-26"), half: .am) == [.off])
    #expect(a.limit(worker: "amira", date: date("2026-11-26"), half: .am) == .onLeave)
  }

  @Test("a change differs from the planned place")
  func differsFromPlanned() throws {
    let a = Self.allowed(try Self.rotaForRules())
    #expect(!a.places(worker: "amira", date: date("2026-11-23"), half: .am).contains(.site("RVS")))
    #expect(!a.places(worker: "amira", date: date("2026-11-25"), half: .am).contains(.home))
    // Friday is off in her usual week: off is what it already is, so nothing is left.
    #expect(a.places(worker: "amira", date: date("2026-11-27"), half: .am).isEmpty)
  }

  @Test("on a day the usual week works: home or a known site; else only off")
  func knownPlacesOnWorkedDays() throws {
    let a = Self.allowed(try Self.rotaForRules())
    let monday = a.places(worker: "amira", date: date("2026-11-23"), half: .am)
    // Usual week: RVS, OAK; an override in the streak window: OAK (FAR's is the week before it);
    // an event in the window: MIL. Never BRK or FAR.
    #expect(monday == [.off, .home, .site("OAK"), .site("MIL")])
    #expect(a.limit(worker: "amira", date: date("2026-11-27"), half: .am) == .notAWorkingDay)
    // A usual week that starts later still makes its sites known.
    #expect(a.places(worker: "cara", date: date("2026-11-25"), half: .am) == [.off, .home, .site("BRK")])
    // Saturday is not a working day for anyone here.
    #expect(a.places(worker: "cara", date: date("2026-11-28"), half: .am).isEmpty)
  }
}
