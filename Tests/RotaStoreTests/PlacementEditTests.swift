import Foundation
import Testing

@testable import RotaCore
@testable import RotaStore

/// A set of placements (a fix suggestion's plan) saved as one edit: one entry in
/// the log, undone by one undo, refused whole when any cell changed meanwhile.
@Suite("Placements as one edit")
struct PlacementEditTests {
  let changes = [
    PlannedChange(worker: "amira", date: d("2026-11-26"), half: .am, place: .site("OAK")),
    PlannedChange(worker: "amira", date: d("2026-11-26"), half: .pm, place: .site("RVS")),
    PlannedChange(worker: "chidi", date: d("2026-11-27"), half: .am, place: .site("WDS")),
  ]
  let expecting = [
    CellExpectation(worker: "amira", date: d("2026-11-26"), half: .am, place: .site("RVS")),
    CellExpectation(worker: "amira", date: d("2026-11-26"), half: .pm, place: .site("RVS")),
    CellExpectation(worker: "chidi", date: d("2026-11-27"), half: .am, place: .home),
  ]

  func planned(_ store: RotaStore, _ worker: String, _ date: String, _ half: Half) throws -> Place {
    let rota = try store.load()
    return rota.override(worker: worker, date: d(date), half: half)
      ?? rota.worker(worker)!.pattern(on: d(date))[d(date).weekday, half]
  }

  @Test("one entry in the log, each change an override (even one equal to the usual week), one undo")
  func oneEntry() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    let before = try store.load()
    let log = try store.log().count
    let applied = try store.apply(.place(changes), expecting: expecting, who: "c", at: now)
    #expect(try store.log().count == log + 1)
    #expect(
      applied.entry?.summary.hasPrefix("3 changes: Amira Khan, Thu 26 Nov AM: Riverside Surgery → Oakfield") == true)
    #expect(applied.entry?.workers == ["amira", "chidi"])
    #expect(try planned(store, "amira", "2026-11-26", .am) == .site("OAK"))
    // Written as an override, as the contract says, though it is her usual place.
    #expect(try store.load().override(worker: "amira", date: d("2026-11-26"), half: .pm) == .site("RVS"))
    try store.undo(who: "c", at: now)
    #expect(try store.load().canonicalized() == before.canonicalized())
  }

  @Test("refused whole, with exit status 3, when one cell changed since")
  func stale() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    try store.apply(.move(worker: "chidi", date: d("2026-11-27"), half: .am, to: .site("STJ")), who: "siobhan", at: now)
    let snapshot = try store.load()
    let log = try store.log().count
    do {
      try store.apply(.place(changes), expecting: expecting, who: "c", at: now)
      Issue.record("the stale plan went through")
    } catch {
      #expect(error.exitStatus == 3)
      #expect(error.description.contains("changed by siobhan"))
    }
    #expect(try store.load() == snapshot)
    #expect(try store.log().count == log)
  }

  @Test("a half-day changed twice, or no changes, is bad input")
  func invalid() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let store = try demoStore(scratch)
    for edit in [Edit.place([]), .place([changes[0], changes[0]])] {
      do {
        try store.apply(edit, who: "c", at: now)
        Issue.record("\(edit) went through")
      } catch {
        #expect(error.exitStatus == 2)
      }
    }
  }
}
