import ArgumentParser
import Foundation
import RotaCore
import RotaStore

struct MoveCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "move",
    abstract: "Put a worker somewhere for a half-day or a day, and log it.",
    discussion: """
      The edit is saved at once and recorded in the change log, just like an edit
      in the planner. With --expect, it is refused (exit status 3, nothing written)
      unless the half-day's planned place is still the one you expect: that is how
      a script avoids overwriting someone else's change.

      Examples:
        rota move --worker amira --date 2026-11-26 --to OAK
        rota move --worker amira --date 2026-11-26 --session pm --to home
        rota move --worker amira --date 2026-11-26 --to OAK --expect RVS --as coordinator
      """
  )

  @Option(help: ArgumentHelp("The worker's id.", valueName: "ID"))
  var worker: String

  @Option(help: ArgumentHelp("The date: 2026-11-26, 26/11/2026, today, tomorrow or thu.", valueName: "DATE"))
  var date: String

  @Option(help: ArgumentHelp("am or pm (default: both halves of the day).", valueName: "am|pm"))
  var session: String?

  @Option(name: .customLong("to"), help: ArgumentHelp("The place: a site code, home or off.", valueName: "PLACE"))
  var place: String

  @Option(help: ArgumentHelp("Refuse unless the half-day's planned place is this.", valueName: "PLACE"))
  var expect: String?

  @OptionGroup var identity: IdentityOption
  @OptionGroup var store: StoreOptions
  @OptionGroup var readOnly: ReadOnlyOption

  func run() throws {
    if readOnly.readOnly { throw CLIError(StoreError.readOnlyMode) }
    let who = try identity.who()
    let today = Clock.today()
    let day = try parseDate(
      date, flag: "--date", today: today, otherwise: "not a real date; expected \(TypedInput.dateForms)")
    var half: Half? = nil
    if let session {
      guard let h = Half(token: Substring(session.lowercased())) else {
        throw CLIError.input("--session \(session): expected am or pm")
      }
      half = h
    }
    guard let to = TypedInput.place(place) else {
      throw CLIError.input("--to \(place): expected a site code (such as RVS), home or off")
    }
    var expecting: [CellExpectation] = []
    if let expect {
      // LEAVE and HOL would read as site codes: say what they are instead.
      let notPlanned = ["leave", "holiday", "hol"].contains(expect.lowercased())
      guard !notPlanned, let p = TypedInput.place(expect) else {
        throw CLIError.input(
          "--expect \(expect): expected the planned place, a site code (such as RVS), home or off (leave and bank holidays are not planned places)"
        )
      }
      expecting = (half.map { [$0] } ?? [.am, .pm]).map {
        CellExpectation(worker: worker.lowercased(), date: day, half: $0, place: p)
      }
    }
    // Ids are lower case: Amira and AMIRA mean amira.
    let id = worker.lowercased()
    let database = try store.openForWriting()
    defer { database.close() }
    let result: AppliedEdit
    do {
      result = try database.apply(
        .move(worker: id, date: day, half: half, to: to), expecting: expecting, who: who, at: Clock.now())
    } catch StoreError.invalidEdit(let message)
      where message.hasPrefix("no worker has the id") || message.hasPrefix("no site has the code")
    {
      // Say which id or code was meant; the rota is read only when one is wrong.
      let rota = (try? database.load(window: today...today)) ?? Rota(pcn: "")
      _ = try resolveWorker(worker, flag: "--worker", in: rota)
      if case .site = to { _ = try resolveSite(place, flag: "--to", in: rota) }
      throw CLIError.input(message)
    } catch {
      throw CLIError(error)
    }
    if let entry = result.entry {
      try emitAfterSaving("saved: \(entry.summary)\n", saved: "the move")
    } else {
      try emit("no change: \(worker) is already there on \(day.short)\n")
    }
  }
}

struct LogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "Show the change history: when, who, what, before and after.",
    discussion: """
      Oldest first. An edit that was later undone is marked (undone).

      Examples:
        rota log
        rota log --worker amira
        rota log --since 2026-11-01 --limit 20
      """
  )

  @Option(help: ArgumentHelp("Only changes that touched this worker.", valueName: "ID"))
  var worker: String?

  @Option(help: ArgumentHelp("Only changes made on or after this date.", valueName: "DATE"))
  var since: String?

  @Option(help: ArgumentHelp("Only the last N changes.", valueName: "N"))
  var limit: Int?

  @OptionGroup var store: StoreOptions
  @OptionGroup var readOnly: ReadOnlyOption

  func run() throws {
    let today = Clock.today()
    var from: LocalDate? = nil
    if let since {
      from = try parseDate(since, flag: "--since", today: today, otherwise: "expected a date such as 2026-11-01")
    }
    if let limit, limit < 1 { throw CLIError.input("--limit must be 1 or more") }
    let database = try store.openForReading(readOnly: readOnly.readOnly, today: today)
    defer { database.close() }
    do {
      let id = try worker.map {
        try resolveWorker($0, flag: "--worker", in: try database.load(window: today...today)).id
      }
      let entries = try database.log(worker: id, since: from, limit: limit)
      let year = Clock.now().date.year
      try emit(entries.isEmpty ? "no changes recorded\n" : entries.map { $0.line(currentYear: year) + "\n" }.joined())
    } catch let error as StoreError {
      throw CLIError(error)
    }
  }
}

struct UndoCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "undo",
    abstract: "Undo your latest edit (from the change log, so it works after a restart).",
    discussion: """
      Undoes the latest edit made under your name (--as, else $USER) that is not
      undone yet. If someone has changed those half-days since, it is refused with
      exit status 3 and says who and when.

      Examples:
        rota undo
        rota undo --as coordinator
      """
  )

  @OptionGroup var identity: IdentityOption
  @OptionGroup var store: StoreOptions

  func run() throws {
    try replay(identity, store, "the undo") { (rota, who) throws(StoreError) in try rota.undo(who: who, at: Clock.now())
    }
  }
}

struct RedoCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "redo",
    abstract: "Redo what you last undid, if you have made no edit since.",
    discussion: """
      Examples:
        rota redo
        rota redo --as coordinator
      """
  )

  @OptionGroup var identity: IdentityOption
  @OptionGroup var store: StoreOptions

  func run() throws {
    try replay(identity, store, "the redo") { (rota, who) throws(StoreError) in try rota.redo(who: who, at: Clock.now())
    }
  }
}

/// Undo and redo from the shell: open the rota, take back (or redo) the user's
/// latest edit, print what it was.
func replay(
  _ identity: IdentityOption, _ store: StoreOptions, _ what: String,
  _ action: (RotaStore, String) throws(StoreError) -> AppliedEdit
) throws {
  let who = try identity.who()
  let database = try store.openForWriting()
  defer { database.close() }
  let applied: AppliedEdit
  do {
    applied = try action(database, who)
  } catch {
    throw CLIError(error)
  }
  try emitAfterSaving("\(applied.entry?.summary ?? "done")\n", saved: what)
}
