import ArgumentParser
import Foundation
import RotaCore
import RotaStore

// The commands that run the team from the shell: who is on it and where they
// work, starters and leavers, usual weeks, sites, leave and events. Each edit
// is one transaction in the database, logged in words, and undone with
// `rota undo`, exactly like an edit in the planner.

/// What every team edit needs: who makes it, and the database.
struct TeamEditOptions: ParsableArguments {
  @OptionGroup var identity: IdentityOption
  @OptionGroup var store: StoreOptions
  @OptionGroup var readOnly: ReadOnlyOption

  /// Opens the database, reads the rota (to find what was typed), builds the
  /// edit from it and saves it; prints what was saved.
  ///
  /// Every worker and site is read, but dated entries only on `day` (today when
  /// nil): an edit reads what it changes itself, inside its transaction, and a
  /// year of leave and moves is not read just to find an id (on 1000 workers that
  /// made a command take twice as long: BENCHMARKS.md).
  func save(readingDay day: LocalDate? = nil, _ build: (Rota, LocalDate) throws -> Edit) throws {
    if readOnly.readOnly { throw CLIError(StoreError.readOnlyMode) }
    let who = try identity.who()
    let today = Clock.today()
    let database = try store.openForWriting()
    defer { database.close() }
    let result: AppliedEdit
    do {
      let read = day ?? today
      let edit = try build(try database.load(window: read...read), today)
      result = try database.apply(edit, who: who, at: Clock.now())
    } catch let error as StoreError {
      throw CLIError(error)
    }
    try emitAfterSaving("saved: \(result.entry?.summary ?? "no change")\n", saved: "the change")
  }
}

/// A token chosen from a fixed list, read forgivingly: any case, and "did you mean" when close.
func choose<T: RawRepresentable & CaseIterable>(_ text: String, flag: String, _ type: T.Type) throws -> T
where T.RawValue == String {
  let t = text.lowercased()
  if let v = T(rawValue: t) { return v }
  let options = T.allCases.map(\.rawValue)
  let hint = TypedInput.closest(to: t, in: options).map { "did you mean \($0)? " } ?? ""
  throw CLIError.input(
    "\(flag) \(PrintableText.quoted(text)): \(hint)expected one of \(options.joined(separator: ", "))")
}

func datedSession(_ text: String, flag: String, today: LocalDate) throws -> DatedSession {
  guard let s = TypedInput.datedSession(text, today: today) else {
    throw CLIError.input("\(flag) \(PrintableText.quoted(text)): expected \(TypedInput.datedSessionForms)")
  }
  if let problem = SupportedDates.problem(s.date) {
    throw CLIError.input("\(flag) \(PrintableText.quoted(text)): \(problem)")
  }
  return s
}

func half(_ text: String?, flag: String = "--session") throws -> Half? {
  guard let text else { return nil }
  guard let h = Half(token: Substring(text.lowercased())) else {
    throw CLIError.input("\(flag) \(PrintableText.quoted(text)): expected am or pm (leave it out for the whole day)")
  }
  return h
}

/// A usual week typed as words; every site it names must be in the rota.
func usualWeek(_ words: [String], flag: String, rota: Rota) throws -> WeeklyPattern {
  var pattern: WeeklyPattern
  do {
    pattern = try TypedInput.pattern(words.joined(separator: " "))
  } catch {
    throw CLIError.input("\(flag): \(error.message)")
  }
  for i in 0..<14 {
    if case .site(let code) = pattern.places[i] {
      pattern.places[i] = .site(try resolveSite(code, flag: flag, in: rota).code)
    }
  }
  return pattern
}

/// Weekly sessions typed as `mon,tue-am` or `mon tue-am`.
func weeklySessions(_ text: String, flag: String) throws -> WeeklySessions {
  var set = WeeklySessions.none
  for word in text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }) {
    guard let halves = WeeklySessions.parseToken(word) else {
      throw CLIError.input("\(flag) \(PrintableText.quoted(text)): '\(word)' is not a weekday or half such as wed-pm")
    }
    for h in halves { set.insert(h) }
  }
  return set
}

/// A name or title as `RotaText.nameProblem` allows it, like every name rota keeps.
func checkedName(_ value: String, flag: String, max: Int) throws -> String {
  if let problem = RotaText.nameProblem(value, maxLength: max) { throw CLIError.input("\(flag): the text \(problem)") }
  return value
}

/// A date, or `none` to clear it.
func bound(_ text: String, flag: String, today: LocalDate) throws -> DateBound {
  text.lowercased() == "none" ? .open : .on(try parseDate(text, flag: flag, today: today))
}

// MARK: - Listing

/// What `rota workers` and `rota sites` share: the format and the database, read only.
struct ListingOptions: ParsableArguments {
  @Option(help: "text for a person, json for a script.")
  var format: OutputFormat = .text

  @OptionGroup var store: StoreOptions
  @OptionGroup var readOnly: ReadOnlyOption

  /// Reads the whole rota (as an export does, with its revision) and prints `listing` of it.
  func print(_ listing: (Rota, LocalDate, OutputFormat) -> String) throws {
    let today = Clock.today()
    let database = try store.openForReading(readOnly: readOnly.readOnly, today: today)
    defer { database.close() }
    let rota: Rota
    do {
      rota = try database.export()
    } catch {
      throw CLIError(error)
    }
    try emit(listing(rota, today, format))
  }
}

struct WorkersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "workers",
    abstract: "List the team: ids, names, roles, sessions, posts and usual weeks.",
    discussion: """
      Everyone on the rota, leavers included (their last day is shown), in the
      order they joined. The id is what other commands take after --worker.

      Examples:
        rota workers
        rota workers --format json | jq '.workers[].id'
      """
  )

  @OptionGroup var options: ListingOptions

  func run() throws {
    try options.print { rota, today, format in
      format == .json ? TeamListing.workersJSON(rota) : TeamListing.workersText(rota, today: today)
    }
  }
}

struct SitesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sites",
    abstract: "List the sites: codes, names, kinds, rooms, opening, cover and dates in use.",
    discussion: """
      Examples:
        rota sites
        rota sites --format json
      """
  )

  @OptionGroup var options: ListingOptions

  func run() throws {
    try options.print { rota, _, format in
      format == .json ? TeamListing.sitesJSON(rota) : TeamListing.sitesText(rota)
    }
  }
}

// MARK: - Workers

struct WorkerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "worker",
    abstract: "Add a starter, change what is known about a worker, or end a leaver's post.",
    subcommands: [WorkerAddCommand.self, WorkerEditCommand.self, WorkerEndCommand.self]
  )
}

struct WorkerAddCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Add a new worker, in post from --start (default today).",
    discussion: """
      The usual week is written as words: mon=RVS tue-am=OAK tue-pm=home wed=home
      (halves not given are off). Roles: gp-link-worker, family-link-worker,
      health-wellbeing-coach, care-coordinator.

      Examples:
        rota worker add bea --name "Bea Turner" --role care-coordinator --sessions 6 --start 2026-12-02 --pattern "mon=RVS tue=RVS wed-am=home"
        rota worker add li --name "Li Wei" --role gp-link-worker --sessions 10 --start thu --as coordinator
      """
  )

  @Argument(help: ArgumentHelp("The new worker's id: a-z, 0-9 and -, starting with a letter.", valueName: "ID"))
  var id: String

  @Option(help: ArgumentHelp("Their name, as people know it.", valueName: "N"))
  var name: String

  @Option(help: ArgumentHelp("Their role.", valueName: "R"))
  var role: String

  @Option(help: ArgumentHelp("Contracted half-day sessions a week, 0 to 14.", valueName: "S"))
  var sessions: Int

  @Option(help: ArgumentHelp("Their first day in post (default: today).", valueName: "DATE"))
  var start: String?

  @Option(help: ArgumentHelp("Their usual week, such as \"mon=RVS tue-am=home\".", valueName: "SPEC"))
  var pattern: String?

  @OptionGroup var options: TeamEditOptions

  func run() throws {
    try options.save { rota, today in
      let start = try start.map { try parseDate($0, flag: "--start", today: today) } ?? today
      return .addWorker(
        Worker(
          // Ids are lower case, like everywhere else rota reads one: Bea means bea.
          id: id.lowercased(), name: try checkedName(name, flag: "--name", max: RotaLimits.workerName),
          role: try choose(role, flag: "--role", Role.self),
          sessions: sessions, start: start,
          pattern: try pattern.map { try usualWeek([$0], flag: "--pattern", rota: rota) } ?? WeeklyPattern()))
    }
  }
}

struct WorkerEditCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Change a worker's name, role, sessions or post dates; only what you give changes.",
    discussion: """
      --start none or --end none clears the date. To change a usual week, use
      rota pattern set; to end a post, rota worker end.

      Examples:
        rota worker edit amira --sessions 8
        rota worker edit amira --name "Amira Khan-Ali" --role care-coordinator
      """
  )

  @Argument(help: ArgumentHelp("The worker's id.", valueName: "ID"))
  var id: String

  @Option(help: ArgumentHelp("A new name.", valueName: "N"))
  var name: String?

  @Option(help: ArgumentHelp("A new role.", valueName: "R"))
  var role: String?

  @Option(help: ArgumentHelp("New contracted sessions a week, 0 to 14.", valueName: "S"))
  var sessions: Int?

  @Option(help: ArgumentHelp("A new first day in post, or none.", valueName: "DATE"))
  var start: String?

  @Option(help: ArgumentHelp("A new last day in post, or none.", valueName: "DATE"))
  var end: String?

  @OptionGroup var options: TeamEditOptions

  func run() throws {
    guard name != nil || role != nil || sessions != nil || start != nil || end != nil else {
      throw CLIError.input("give at least one of --name, --role, --sessions, --start and --end")
    }
    try options.save { rota, today in
      let w = try resolveWorker(id, flag: "worker", in: rota)
      return .editWorker(
        id: w.id,
        change: WorkerChange(
          name: try name.map { try checkedName($0, flag: "--name", max: RotaLimits.workerName) },
          role: try role.map { try choose($0, flag: "--role", Role.self) }, sessions: sessions,
          start: try start.map { try bound($0, flag: "--start", today: today) },
          end: try end.map { try bound($0, flag: "--end", today: today) }))
    }
  }
}

struct WorkerEndCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "end",
    abstract: "A leaver: --date is their last day in post. Their history stays.",
    discussion: """
      After the last day they are not in post: they leave the week grid and the
      isolation board, and anything still booked for them is flagged
      (not-in-post) so it can be moved or cancelled.

      Examples:
        rota worker end tomasz --date 2027-01-31
        rota worker end tomasz --date fri --as coordinator
      """
  )

  @Argument(help: ArgumentHelp("The worker's id.", valueName: "ID"))
  var id: String

  @Option(help: ArgumentHelp("Their last day in post.", valueName: "DATE"))
  var date: String

  @OptionGroup var options: TeamEditOptions

  func run() throws {
    try options.save { rota, today in
      .endWorker(
        id: try resolveWorker(id, flag: "worker", in: rota).id, last: try parseDate(date, flag: "--date", today: today))
    }
  }
}

struct PatternCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pattern",
    abstract: "Change a worker's usual week from a date on.",
    subcommands: [PatternSetCommand.self]
  )
}

struct PatternSetCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "set",
    abstract: "A new usual week from --from (default today); the weeks before are untouched.",
    discussion: """
      The week is written as words after the options (halves not given are off).
      Moves already made on later dates stay as they are.

      Examples:
        rota pattern set --worker sian --from 2026-12-02 mon=HUB tue=MIL wed-am=OAK wed-pm=home thu=HUB
        rota pattern set --worker amira mon=RVS tue=OAK wed=home thu=RVS fri=MIL
      """
  )

  @Option(help: ArgumentHelp("The worker's id.", valueName: "ID"))
  var worker: String

  @Option(help: ArgumentHelp("The first day of the new usual week (default: today).", valueName: "DATE"))
  var from: String?

  @Argument(help: ArgumentHelp("The usual week, such as mon=RVS tue-am=OAK tue-pm=home.", valueName: "SPEC"))
  var spec: [String] = []

  @OptionGroup var options: TeamEditOptions

  func run() throws {
    try options.save { rota, today in
      let w = try resolveWorker(worker, flag: "--worker", in: rota)
      return .changePattern(
        worker: w.id, from: try from.map { try parseDate($0, flag: "--from", today: today) } ?? today,
        pattern: try usualWeek(spec, flag: "the usual week", rota: rota))
    }
  }
}

// MARK: - Sites

struct SiteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "site",
    abstract: "Add a site, change what is known about one, or close one for good.",
    subcommands: [SiteAddCommand.self, SiteEditCommand.self, SiteEndCommand.self]
  )
}

/// The options a site has, for add and edit.
struct SiteDetailOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Its name.", valueName: "N"))
  var name: String?

  @Option(help: ArgumentHelp("practice, school, hospice, hospital, hub or community.", valueName: "K"))
  var kind: String?

  @Option(help: ArgumentHelp("Team members it can host in one half-day, 0 to 50.", valueName: "N"))
  var rooms: Int?

  @Option(
    help: ArgumentHelp("When it is open, such as mon,tue,wed-am (default Monday to Friday).", valueName: "SESSIONS"))
  var open: String?

  @Option(help: ArgumentHelp("Half-days that need a team member, such as mon-am,thu.", valueName: "SESSIONS"))
  var cover: String?

  @Option(help: ArgumentHelp("The first day it is in use (or none).", valueName: "DATE"))
  var start: String?
}

struct SiteAddCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Add a site.",
    discussion: """
      Examples:
        rota site add NHC --name "New Health Centre" --kind practice --rooms 2 --cover mon-am,thu
        rota site add LIB --name "Central Library" --kind community --open mon,wed,fri --start 2027-01-04
      """
  )

  @Argument(help: ArgumentHelp("Its code: 2 to 6 letters or digits.", valueName: "CODE"))
  var code: String

  @OptionGroup var details: SiteDetailOptions
  @OptionGroup var options: TeamEditOptions

  func run() throws {
    guard let name = details.name, let kind = details.kind else {
      throw CLIError.input("a new site needs --name and --kind")
    }
    try options.save { _, today in
      .addSite(
        Site(
          code: code.uppercased(), name: try checkedName(name, flag: "--name", max: RotaLimits.siteName),
          kind: try choose(kind, flag: "--kind", SiteKind.self), rooms: details.rooms ?? 1,
          open: try details.open.map { try weeklySessions($0, flag: "--open") } ?? .weekdays,
          cover: try details.cover.map { try weeklySessions($0, flag: "--cover") } ?? .none,
          start: try details.start.map { try bound($0, flag: "--start", today: today) }?.date))
    }
  }
}

struct SiteEditCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Change a site's name, kind, rooms, opening, cover or dates in use; only what you give changes.",
    discussion: """
      --start none or --end none clears the date (--end none opens again a site
      that was closed for good).

      Examples:
        rota site edit RVS --rooms 2
        rota site edit OAK --open mon,tue,wed-am,thu,fri --cover mon-am
        rota site edit MIL --end none
      """
  )

  @Argument(help: ArgumentHelp("The site's code.", valueName: "CODE"))
  var code: String

  @OptionGroup var details: SiteDetailOptions

  @Option(help: ArgumentHelp("A new last day in use, or none.", valueName: "DATE"))
  var end: String?

  @OptionGroup var options: TeamEditOptions

  func run() throws {
    let d = details
    guard
      d.name != nil || d.kind != nil || d.rooms != nil || d.open != nil || d.cover != nil || d.start != nil
        || end != nil
    else {
      throw CLIError.input("give at least one of --name, --kind, --rooms, --open, --cover, --start and --end")
    }
    try options.save { rota, today in
      .editSite(
        code: try resolveSite(code, flag: "site", in: rota).code,
        change: SiteChange(
          name: try d.name.map { try checkedName($0, flag: "--name", max: RotaLimits.siteName) },
          kind: try d.kind.map { try choose($0, flag: "--kind", SiteKind.self) }, rooms: d.rooms,
          open: try d.open.map { try weeklySessions($0, flag: "--open") },
          cover: try d.cover.map { try weeklySessions($0, flag: "--cover") },
          start: try d.start.map { try bound($0, flag: "--start", today: today) },
          end: try end.map { try bound($0, flag: "--end", today: today) }))
    }
  }
}

struct SiteEndCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "end",
    abstract: "Close a site for good: --date is its last day in use.",
    discussion: """
      Anyone still placed there afterwards is flagged (site-closed), so their
      usual weeks can be changed with rota pattern set.

      Examples:
        rota site end OAK --date 2027-03-31
      """
  )

  @Argument(help: ArgumentHelp("The site's code.", valueName: "CODE"))
  var code: String

  @Option(help: ArgumentHelp("Its last day in use.", valueName: "DATE"))
  var date: String

  @OptionGroup var options: TeamEditOptions

  func run() throws {
    try options.save { rota, today in
      .endSite(
        code: try resolveSite(code, flag: "site", in: rota).code,
        last: try parseDate(date, flag: "--date", today: today))
    }
  }
}

// MARK: - Leave

struct LeaveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "leave",
    abstract: "Book leave, or cancel it over a range of half-days.",
    subcommands: [LeaveAddCommand.self, LeaveCancelCommand.self]
  )
}

struct LeaveAddCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Book leave from one half-day to another (inclusive).",
    discussion: """
      A dated session is a date (both halves) or a date and half: 2026-12-01-pm,
      thu-am, 1/12/2026 pm.

      Examples:
        rota leave add --worker amira --from 2026-12-01 --to 2026-12-04
        rota leave add --worker amira --from 2026-12-01-pm --to 2026-12-02-am --kind training
      """
  )

  @Option(help: ArgumentHelp("The worker's id.", valueName: "ID"))
  var worker: String

  @Option(help: ArgumentHelp("The first half-day of leave.", valueName: "DS"))
  var from: String

  @Option(help: ArgumentHelp("The last half-day of leave (default: --from).", valueName: "DS"))
  var to: String?

  @Option(help: ArgumentHelp("annual, sick, training or other.", valueName: "K"))
  var kind: String = "annual"

  @OptionGroup var options: TeamEditOptions

  func run() throws {
    try options.save { rota, today in
      let w = try resolveWorker(worker, flag: "--worker", in: rota)
      let first = try datedSession(from, flag: "--from", today: today)
      let last = try to.map { try datedSession($0, flag: "--to", today: today) } ?? first
      return .bookLeave(
        Leave(worker: w.id, from: first, to: last, kind: try choose(kind, flag: "--kind", LeaveKind.self)))
    }
  }
}

struct LeaveCancelCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "cancel",
    abstract: "Cancel leave over a range of half-days, shortening or splitting what it overlaps.",
    discussion: """
      Examples:
        rota leave cancel --worker amira --from 2026-12-03 --to 2026-12-04
        rota leave cancel --worker amira --from 2026-12-02-pm      only that afternoon
      """
  )

  @Option(help: ArgumentHelp("The worker's id.", valueName: "ID"))
  var worker: String

  @Option(help: ArgumentHelp("The first half-day to cancel.", valueName: "DS"))
  var from: String

  @Option(help: ArgumentHelp("The last half-day to cancel (default: --from).", valueName: "DS"))
  var to: String?

  @OptionGroup var options: TeamEditOptions

  func run() throws {
    try options.save { rota, today in
      let first = try datedSession(from, flag: "--from", today: today)
      return .cancelLeaveSpan(
        worker: try resolveWorker(worker, flag: "--worker", in: rota).id, from: first,
        to: try to.map { try datedSession($0, flag: "--to", today: today) } ?? first)
    }
  }
}

// MARK: - Events

struct EventCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "event",
    abstract: "Add, change or remove supervision, team meetings and training.",
    subcommands: [EventAddCommand.self, EventEditCommand.self, EventRemoveCommand.self]
  )
}

/// An event's details as typed.
struct EventDetails {
  var title: String
  var kind: String
  var date: String
  var session: String?
  var venue: String
  var attendees: String
  var lead: String?

  func event(_ rota: Rota, today: LocalDate, prefix: String = "--") throws -> Event {
    let place: EventVenue
    if venue.lowercased() == "online" {
      place = .online
    } else {
      place = .site(try resolveSite(venue, flag: "\(prefix)where", in: rota).code)
    }
    let ids = try attendees.split(whereSeparator: { $0 == "," || $0 == " " }).map {
      try resolveWorker(String($0), flag: "\(prefix)attendees", in: rota).id
    }
    return Event(
      title: try checkedName(title, flag: "\(prefix)title", max: RotaLimits.eventTitle),
      kind: try choose(kind, flag: "\(prefix)kind", EventKind.self),
      date: try parseDate(date, flag: "\(prefix)date", today: today), half: try half(session, flag: "\(prefix)session"),
      venue: place,
      lead: try lead.flatMap {
        $0.isEmpty || $0.lowercased() == "none"
          ? nil : try checkedName($0, flag: "\(prefix)lead", max: RotaLimits.workerName)
      },
      attendees: ids)
  }
}

/// Finds the one event with this title on this date (and half, when given).
func findEvent(_ rota: Rota, title: String, day: LocalDate, session: String?) throws -> Event {
  let h = try half(session)
  let sameDay = rota.events.filter { $0.date == day }
  let matches = sameDay.filter { $0.title.lowercased() == title.lowercased() && (h == nil || $0.half == h) }
  if matches.count == 1 { return matches[0] }
  if matches.count > 1 {
    throw CLIError.input(
      "there are \(matches.count) events called \(PrintableText.quoted(title)) on \(day.short); give --session am or pm"
    )
  }
  let titles = sameDay.map(\.title)
  let hint =
    TypedInput.closest(to: title, in: titles).map { "; did you mean \(PrintableText.quoted($0))?" }
    ?? (titles.isEmpty ? "; there are no events that day" : "; that day has: \(titles.joined(separator: ", "))")
  throw CLIError.input("--title \(PrintableText.quoted(title)): no such event on \(day.short)\(hint)")
}

struct EventAddCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Add an event: supervision, a team meeting, training.",
    discussion: """
      The lead need not be on the rota (an outside supervisor).

      Examples:
        rota event add --title "Clinical supervision" --kind supervision --date 2026-12-03 --session pm --where online --attendees chidi,amira --lead "Dr Sara Patel (GP supervisor)"
        rota event add --title "Team meeting" --kind team --date fri --session am --where RVS --attendees amira,hodan
      """
  )

  @Option(help: ArgumentHelp("What it is called.", valueName: "T"))
  var title: String

  @Option(help: ArgumentHelp("supervision, team, training or other.", valueName: "K"))
  var kind: String

  @Option(help: ArgumentHelp("The date.", valueName: "D"))
  var date: String

  @Option(help: ArgumentHelp("am or pm (default: the whole day).", valueName: "am|pm"))
  var session: String?

  @Option(name: .customLong("where"), help: ArgumentHelp("A site code, or online.", valueName: "SITE|online"))
  var venue: String

  @Option(help: ArgumentHelp("Who comes: worker ids, comma-separated.", valueName: "ID,ID"))
  var attendees: String

  @Option(help: ArgumentHelp("Who leads it: any name.", valueName: "TEXT"))
  var lead: String?

  @OptionGroup var options: TeamEditOptions

  func run() throws {
    try options.save { rota, today in
      .addEvent(
        try EventDetails(
          title: title, kind: kind, date: date, session: session, venue: venue, attendees: attendees, lead: lead
        ).event(rota, today: today))
    }
  }
}

struct EventEditCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Change an event: move it, change who comes, who leads it or what it is called.",
    discussion: """
      --title and --date (and --session, when two events share a title that day)
      say which event; the --new- options say what changes.

      Examples:
        rota event edit --title "Clinical supervision" --date 2026-12-03 --new-date 2026-12-04 --new-session am
        rota event edit --title "Team meeting" --date fri --new-attendees amira,hodan,chidi --new-lead "Jo Barnes"
      """
  )

  @Option(help: ArgumentHelp("The event's title now.", valueName: "T"))
  var title: String

  @Option(help: ArgumentHelp("The event's date now.", valueName: "D"))
  var date: String

  @Option(help: ArgumentHelp("The event's half now, when that day has two of that title.", valueName: "am|pm"))
  var session: String?

  @Option(name: .customLong("new-title"), help: ArgumentHelp("A new title.", valueName: "T"))
  var newTitle: String?

  @Option(name: .customLong("new-kind"), help: ArgumentHelp("A new kind.", valueName: "K"))
  var newKind: String?

  @Option(name: .customLong("new-date"), help: ArgumentHelp("A new date.", valueName: "D"))
  var newDate: String?

  @Option(
    name: .customLong("new-session"), help: ArgumentHelp("am, pm, or day for the whole day.", valueName: "am|pm|day"))
  var newSession: String?

  @Option(
    name: .customLong("new-where"), help: ArgumentHelp("A new place: a site code, or online.", valueName: "SITE|online")
  )
  var newVenue: String?

  @Option(name: .customLong("new-attendees"), help: ArgumentHelp("Who comes now.", valueName: "ID,ID"))
  var newAttendees: String?

  @Option(name: .customLong("new-lead"), help: ArgumentHelp("Who leads it now, or none.", valueName: "TEXT"))
  var newLead: String?

  @OptionGroup var options: TeamEditOptions

  func run() throws {
    guard [newTitle, newKind, newDate, newSession, newVenue, newAttendees, newLead].contains(where: { $0 != nil })
    else {
      throw CLIError.input("say what changes: give at least one --new- option")
    }
    let day = try parseDate(date, flag: "--date", today: Clock.today())
    try options.save(readingDay: day) { rota, today in
      let old = try findEvent(rota, title: title, day: day, session: session)
      let sessionText: String? =
        newSession.map { $0.lowercased() == "day" ? nil : $0 } ?? old.half?.token
      let details = EventDetails(
        title: newTitle ?? old.title, kind: newKind ?? old.kind.rawValue, date: newDate ?? old.date.iso,
        session: sessionText, venue: newVenue ?? old.venue.token,
        attendees: newAttendees ?? old.attendees.joined(separator: ","), lead: newLead ?? old.lead)
      return .editEvent(from: old, to: try details.event(rota, today: today, prefix: "--new-"))
    }
  }
}

struct EventRemoveCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "remove",
    abstract: "Remove an event.",
    discussion: """
      Examples:
        rota event remove --title "Team meeting" --date 2026-12-04
      """
  )

  @Option(help: ArgumentHelp("The event's title.", valueName: "T"))
  var title: String

  @Option(help: ArgumentHelp("The event's date.", valueName: "D"))
  var date: String

  @Option(help: ArgumentHelp("The event's half, when that day has two of that title.", valueName: "am|pm"))
  var session: String?

  @OptionGroup var options: TeamEditOptions

  func run() throws {
    let day = try parseDate(date, flag: "--date", today: Clock.today())
    try options.save(readingDay: day) { rota, _ in
      .removeEvent(try findEvent(rota, title: title, day: day, session: session))
    }
  }
}
