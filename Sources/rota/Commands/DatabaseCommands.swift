import ArgumentParser
import Foundation
import RotaCore
import RotaStore

struct InitCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Create the rota database.",
    discussion: """
      Without --demo or --from, creates an empty rota, ready for `rota import`.
      An existing database is never replaced without --force. The file is created
      owner-only (0600), in a folder created 0700.

      On a PostgreSQL server (--db postgresql://…), the first rota init makes the
      schema and the roles rota_coordinator, rota_supervisor and rota_worker, with
      their grants and row-level security; each rota init adds one PCN, named by
      --pcn (or the file's pcn). See docs/shared-rota.md.

      Examples:
        rota init --from our-pcn.yaml              your PCN, from a rota file
        rota init --demo                           the demo PCN, moved onto this week
        rota init --db /srv/rota/pcn.sqlite3 --pcn "Riverside PCN"
        rota init --from our-pcn.yaml --force      start again, replacing the database
        rota init --db postgresql://rota_admin@db.example.nhs.uk/rota --pcn "Riverside PCN"
      """
  )

  @OptionGroup var store: StoreOptions

  @Flag(help: "Fill it with the demo PCN, its dates moved onto this week.")
  var demo = false

  @Option(name: .customLong("from"), help: ArgumentHelp("Fill it from this rota file.", valueName: "FILE.yaml"))
  var file: String?

  @Flag(help: "Replace a database that already exists.")
  var force = false

  @OptionGroup var identity: IdentityOption

  func validate() throws {
    if demo && file != nil { throw ValidationError("give --demo or --from, not both") }
  }

  func run() throws {
    let (place, _) = try store.place()
    let path = place.description
    let who = try identity.who()
    let name = store.pcnName()
    if let name, let problem = RotaText.nameProblem(name, maxLength: 80) {
      throw CLIError.input("--pcn: the PCN's name \(problem)")
    }
    var rota: Rota
    var source: String
    if demo {
      rota = DemoPCN.rota(for: Clock.today().isoWeek)
      source = "the built-in demo"
    } else if let file {
      do {
        rota = try RotaFileReader.read(path: file)
      } catch {
        throw CLIError.input(error.description)
      }
      source = file
    } else {
      rota = Rota(pcn: name ?? "My PCN")
      source = "nothing (an empty rota)"
    }
    if let name { rota.pcn = name }
    do {
      let created = try RotaStore.create(
        place, rota: rota, force: force, source: source, who: who, at: Clock.now())
      created.close()
    } catch {
      throw CLIError(error)
    }
    var message = "created \(path): \(rota.pcn), \(rota.sites.count) sites, \(rota.workers.count) workers"
    if demo, let week = rota.anchorWeek { message += ", the demo's dates moved onto this week (\(week.iso))" }
    if rota.sites.isEmpty && rota.workers.isEmpty { message += "; load your rota file with: rota import FILE.yaml" }
    try emitAfterSaving(message + "\n", saved: "the new database \(path)")
  }
}

struct ImportCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Load a rota file into the database, all of it or nothing.",
    discussion: """
      The file is checked completely before anything is written; a file with an
      error changes nothing and the error names its line and column. The import
      is one transaction. A database that already holds a rota is refused unless
      you give --replace; the change log is kept either way.

      --replace loses nothing by accident: the file must come from rota export
      (which writes the revision it was taken at), and if anyone has changed the
      rota since, the import is refused (exit status 3) with the list of what it
      would throw away, unless you give --force.

      Examples:
        rota import our-pcn.yaml
        rota export -o pcn.yaml && $EDITOR pcn.yaml && rota import pcn.yaml --replace
        rota import old-backup.yaml --replace --force        throw away every change since
      """
  )

  @Argument(help: ArgumentHelp("The rota file.", valueName: "FILE.yaml"))
  var file: String

  @Flag(help: "Replace the rota the database holds.")
  var replace = false

  @Flag(help: "With --replace: replace it even if that throws away changes made since the file was exported.")
  var force = false

  @OptionGroup var store: StoreOptions
  @OptionGroup var identity: IdentityOption

  func run() throws {
    let who = try identity.who()
    let rota: Rota
    do {
      rota = try RotaFileReader.read(path: file)
    } catch {
      throw CLIError.input(error.description)
    }
    let (place, explicit) = try store.place()
    let path = place.description
    if case .file = place, !explicit && !FileManager.default.fileExists(atPath: path) {
      do {
        try RotaStore.create(path: path, rota: rota, source: file, who: who, at: Clock.now()).close()
      } catch {
        throw CLIError(error)
      }
    } else {
      let database = try store.openForWriting()
      defer { database.close() }
      do {
        try database.importRota(rota, replace: replace, force: force, source: file, who: who, at: Clock.now())
      } catch {
        throw CLIError(error)
      }
    }
    try emitAfterSaving(
      "imported \(file) into \(path): \(rota.pcn), \(rota.sites.count) sites, \(rota.workers.count) workers, \(rota.leave.count) leave, \(rota.overrides.count) overrides, \(rota.events.count) events\n",
      saved: "the import")
  }
}

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
  case yaml, csv, ics
}

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the rota out: as a rota file, a spreadsheet, or a calendar.",
    discussion: """
      yaml writes the whole rota in canonical form (see docs/rota-file.md). csv and
      ics write where people actually are (after leave and bank holidays): one
      row or calendar event per worker and worked half-day, for this week unless
      you give --week or --from and --to. The calendar also has every team event
      (supervision, meetings, training) the worker attends, or every event without
      --worker, each its own event with where it is and who leads it. The
      calendar's events keep their identity between exports, so importing a newer
      export into your calendar updates your week instead of duplicating it.

      Examples:
        rota export > backup.yaml
        rota export --format ics --worker amira -o amira.ics      your week, for your calendar
        rota export --format csv --from 2026-11-01 --to 2026-11-30 -o november.csv
        rota export --format csv --bom -o week.csv                 for Excel on Windows
      """
  )

  @Option(help: "yaml (the whole rota), csv or ics.")
  var format: ExportFormat = .yaml

  @Option(name: .long, help: ArgumentHelp("Only this worker (csv and ics).", valueName: "ID"))
  var worker: String?

  @Option(name: .long, help: ArgumentHelp("The week (csv and ics): 2026-W48, today, next or last.", valueName: "W"))
  var week: WeekSpec?

  @Option(name: .long, help: ArgumentHelp("First date (csv and ics).", valueName: "DATE"))
  var from: String?

  @Option(name: .long, help: ArgumentHelp("Last date (csv and ics).", valueName: "DATE"))
  var to: String?

  @Flag(help: "Start the CSV with a byte-order mark, which Excel needs to read UTF-8.")
  var bom = false

  @Option(name: .short, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE"))
  var output: String?

  @OptionGroup var store: StoreOptions
  @OptionGroup var readOnly: ReadOnlyOption

  func dates(today: LocalDate) throws -> ClosedRange<LocalDate> {
    if week != nil && (from != nil || to != nil) {
      throw CLIError.input("give either --week, or --from and --to, not both")
    }
    func parse(_ text: String, _ flag: String) throws -> LocalDate { try parseDate(text, flag: flag, today: today) }
    if from != nil || to != nil {
      let first = try parse(from ?? to!, from != nil ? "--from" : "--to")
      let last = try parse(to ?? from!, to != nil ? "--to" : "--from")
      guard first <= last else { throw CLIError.input("--from \(first.iso) is after --to \(last.iso)") }
      guard last.dayNumber - first.dayNumber <= 3660 else {
        throw CLIError.input("choose a range of ten years or less")
      }
      return first...last
    }
    let w = try week?.resolve(today: today, flag: "--week") ?? today.isoWeek
    return w.monday...w.sunday
  }

  func run() throws {
    let today = Clock.today()
    let database = try store.openForReading(readOnly: readOnly.readOnly, today: today)
    defer { database.close() }
    let text: String
    var what: String
    do {
      if format == .yaml {
        if worker != nil || week != nil || from != nil || to != nil {
          throw CLIError.input("yaml exports the whole rota; --worker, --week, --from and --to are for csv and ics")
        }
        let rota = try database.export()
        text = RotaFileWriter.write(rota)
        what = "the rota (\(rota.sites.count) sites, \(rota.workers.count) workers)"
      } else {
        let range = try dates(today: today)
        let policy = try database.policy()
        let rota = try database.load(
          window: RotaStore.window(for: range.lowerBound.isoWeek...range.upperBound.isoWeek, policy: policy))
        let worker = try worker.map { try resolveWorker($0, flag: "--worker", in: rota).id }
        let analysis = RotaAnalysis(rota)
        let sessions = analysis.workedSessions(from: range.lowerBound, to: range.upperBound, worker: worker)
        let span = "\(range.lowerBound.iso) to \(range.upperBound.iso)"
        if format == .csv {
          text = CSVExport.text(sessions, byteOrderMark: bom)
          what = "\(sessions.count) rows, \(span)"
        } else {
          let name = worker.flatMap { rota.worker($0)?.name }.map { "\($0) — \(rota.pcn)" } ?? rota.pcn
          let sequence = try database.log(limit: 1).last.map { Int($0.id) } ?? 0
          let events = analysis.calendarEvents(from: range.lowerBound, to: range.upperBound, worker: worker)
          text = ICalendarExport.text(
            sessions, events: events, pcn: rota.pcn, calendarName: name, stamp: Clock.now(), sequence: sequence,
            namesInSummary: worker == nil)
          what =
            "\(sessions.count + events.count) events (\(events.count) team event\(events.count == 1 ? "" : "s")), \(span)"
        }
      }
    } catch let error as StoreError {
      throw CLIError(error)
    }
    if let output {
      try writeFile(text, to: output)
      warn("wrote \(what) to \(output)")
    } else {
      try emit(text)
    }
  }
}

struct CopyCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "copy",
    abstract: "Copy a rota, with its change log, into a new database: an SQLite rota onto a PostgreSQL server.",
    discussion: """
      Reads the rota of --from (an SQLite file, or a server's rota) and writes it,
      with every change of its log, as a new rota at --db: on a server, a new PCN
      named as the rota is (or --pcn). Undo, redo and who changed what carry on
      there; the changes are numbered afresh. Nothing is written to --from. An
      existing rota at --db is never replaced without --force.

      Example:
        rota copy --from ~/.local/share/rota/rota.sqlite3 --db postgresql://coordinator@db.example.nhs.uk/rota
      """
  )

  @Option(name: .customLong("from"), help: ArgumentHelp("The rota to copy.", valueName: "PATH|URL"))
  var source: String

  @OptionGroup var store: StoreOptions

  @Flag(help: "Replace a rota that already exists at --db.")
  var force = false

  func run() throws {
    let (target, explicit) = try store.place()
    guard explicit else { throw CLIError.input("say where to copy it to with --db PATH or --db postgresql://…") }
    let from: StoreLocation
    do {
      from = try StoreLocation(source)
    } catch {
      throw CLIError(error)
    }
    if case .file(let path) = from, !FileManager.default.fileExists(atPath: path) {
      throw CLIError(StoreError.notFound(path: path))
    }
    let copied: Int
    let name: String
    do {
      let original = try RotaStore.open(from, readOnly: true)
      defer { original.close() }
      let (copy, changes) = try original.copy(to: target, pcn: store.pcnName(), force: force)
      name = try copy.load(window: Clock.today()...Clock.today()).pcn
      copy.close()
      copied = changes
    } catch {
      throw CLIError(error)
    }
    try emitAfterSaving(
      "copied \(source) to \(target.description): \(name), with \(copied) changes of its log\n", saved: "the copy")
  }
}
