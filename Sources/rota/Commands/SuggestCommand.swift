import ArgumentParser
import Foundation
import RotaCore
import RotaStore

struct SuggestCommand: ParsableCommand, ChangesTheRota {
  static let configuration = CommandConfiguration(
    commandName: "suggest",
    abstract: "Suggest the changes that clear a week's conflicts and isolation.",
    discussion: """
      Without --finding, --worker or --site: the best plan for the week that rota
      finds within the time limit, its changes, what it clears and adds, and the
      week's cost before and after. With one of them: the best single changes or
      swaps for that finding (its index in rota check --format json, from 0), that
      cell, or that site's half-day ("who can cover?").

      Only the week changes, from the first editable date (today, or --since) on;
      never a bank holiday, never outside a post, on leave only to off, and only
      to home or a site the worker already works at, on a day they work. The cost
      is 1000 per error, 100 per warning, 10 per solitary day, 5 per note and 3
      per change (docs/suggest.md).

      --apply saves the plan, or the first suggestion, as one change in the log
      (rota undo takes all of it back); it is refused with exit status 3, and
      nothing is written, if any of its half-days changed since. Exit status: 0
      when something useful was found, 1 when nothing useful exists, 2 for bad
      usage or input, 3 when --apply was refused.

      Examples:
        rota suggest
        rota suggest --week next --format json
        rota suggest --finding 3
        rota suggest --worker amira --date thu
        rota suggest --site RVS --date mon --session am
        rota suggest --week 2026-W48 --since 2026-11-25 --time-limit 500 --seed 2
        rota suggest --file my-pcn.yaml --week next
        rota suggest --apply --as coordinator
      """
  )

  @Option(
    name: .long, help: ArgumentHelp("The week: 2026-W48, today, next or last (default: this week).", valueName: "W"))
  var week: WeekSpec?

  @Option(help: ArgumentHelp("The first date that may change (default: today).", valueName: "DATE"))
  var since: String?

  @Option(
    name: .customLong("time-limit"),
    help: ArgumentHelp("How long the search for a plan may take, in milliseconds.", valueName: "MS"))
  var timeLimit: Int = 2000

  @Option(help: ArgumentHelp("The seed of the search's random choices.", valueName: "N"))
  var seed: UInt64 = 0

  @Option(
    help: ArgumentHelp(
      "Suggestions for this finding of the week (from 0, as rota check --format json lists them).", valueName: "N"))
  var finding: Int?

  @Option(help: ArgumentHelp("Suggestions for this worker's cell (with --date).", valueName: "ID"))
  var worker: String?

  @Option(help: ArgumentHelp("Who can cover this site (with --date and --session).", valueName: "CODE"))
  var site: String?

  @Option(help: ArgumentHelp("The cell's or the site's date.", valueName: "DATE"))
  var date: String?

  @Option(help: ArgumentHelp("am or pm (with --worker, default both halves).", valueName: "am|pm"))
  var session: String?

  @Option(help: ArgumentHelp("How many single suggestions to show.", valueName: "K"))
  var limit: Int = 5

  @Option(name: .long, help: "text for a person, json for a script.")
  var format: OutputFormat = .text

  @Flag(help: "Apply the plan, or the first suggestion, as one logged change.")
  var apply = false

  @OptionGroup var identity: IdentityOption
  @OptionGroup var source: RotaSourceOptions

  /// What the single suggestions are for, as typed.
  enum Target {
    case plan
    case finding(Int)
    case cell(worker: String, date: String, session: String?)
    case cover(site: String, date: String, session: String)
  }

  func validatedTarget() throws -> Target {
    guard (1...600_000).contains(timeLimit) else {
      throw CLIError.input("--time-limit \(timeLimit): give milliseconds from 1 to 600000")
    }
    guard limit >= 1 else { throw CLIError.input("--limit \(limit): give 1 or more") }
    if apply && source.file != nil {
      throw CLIError.input("--apply cannot be used with --file: a rota file is never written; import it first")
    }
    if apply && source.readOnly.readOnly { throw CLIError(StoreError.readOnlyMode) }
    let given = [finding != nil, worker != nil, site != nil].filter { $0 }.count
    guard given <= 1 else { throw CLIError.input("give one of --finding, --worker or --site, not several") }
    if let finding {
      guard date == nil && session == nil else {
        throw CLIError.input("--date and --session go with --worker or --site, not --finding")
      }
      guard finding >= 0 else { throw CLIError.input("--finding \(finding): findings are numbered from 0") }
      return .finding(finding)
    }
    if let worker {
      guard let date else { throw CLIError.input("--worker needs --date: the cell is a worker on a date") }
      return .cell(worker: worker, date: date, session: session)
    }
    if let site {
      guard let date, let session else {
        throw CLIError.input("--site needs --date and --session: who can cover a site in one half-day")
      }
      return .cover(site: site, date: date, session: session)
    }
    if date != nil || session != nil {
      throw CLIError.input("--date and --session go with --worker or --site")
    }
    return .plan
  }

  func run() throws {
    let target = try validatedTarget()
    let today = Clock.today()
    let first = try since.map { try parseDate($0, flag: "--since", today: today) } ?? today
    let day = try date.map { try parseDate($0, flag: "--date", today: today) }
    var half: Half? = nil
    if let session {
      guard let h = Half(token: Substring(session.lowercased())) else {
        throw CLIError.input("--session \(session): expected am or pm")
      }
      half = h
    }
    let w: ISOWeek
    if let week {
      w = try week.resolve(today: today, flag: "--week")
      if let day, !w.contains(day) {
        throw CLIError.input(
          "--date \(day.iso) is not in --week \(w.iso); give a date in the week, or leave --week out")
      }
    } else {
      w = day?.isoWeek ?? today.isoWeek
    }
    let who = apply ? try identity.who() : ""

    var database: RotaStore? = nil
    defer { database?.close() }
    let analysis: RotaAnalysis
    if let file = source.file {
      if source.store.db != nil { throw CLIError.input("give --file or --db, not both") }
      do {
        analysis = RotaAnalysis(try RotaFileReader.read(path: file))
      } catch {
        throw CLIError.input(error.description)
      }
    } else {
      let store =
        apply
        ? try source.store.openForWriting()
        : try source.store.openForReading(readOnly: source.readOnly.readOnly, today: today)
      database = store
      do {
        let policy = try store.policy()
        // The weeks after it too, to say whose findings the plan changes.
        let later = max(policy.lookbackWeeks, policy.supervisionWeeks) - 1
        let last = min(w.adding(weeks: later), SupportedDates.lastWeek)
        analysis = try store.loadAnalysed(weeks: w...max(w, last)).1
      } catch {
        throw CLIError(error)
      }
    }
    let rota = analysis.rota
    let suggestions = FixSuggestions(analysis: analysis, week: w, since: first)

    let chosen: Suggestion?
    let useful: Bool
    var text: String
    switch target {
    case .plan:
      let plan = suggestions.plan(limit: SearchLimit(milliseconds: timeLimit, seed: seed))
      chosen = plan.suggestion
      useful = !plan.suggestion.changes.isEmpty
      text =
        format == .json
        ? SuggestReports.planJSON(plan, of: suggestions) : SuggestReports.planText(plan, of: suggestions)
      if plan.search.cutByClock {
        warn(
          "the search was stopped by its time limit before its budget of evaluations, so another run may suggest another plan; give it a longer --time-limit"
        )
      }
    default:
      let (goal, words) = try resolve(target, day: day, half: half, rota: rota, report: suggestions.report)
      let list = suggestions.suggestions(for: goal, limit: limit)
      chosen = list.first
      useful = list.first.map { $0.result.cost < suggestions.baseline.cost } ?? false
      if format == .json {
        text = SuggestReports.suggestionsJSON(list, of: suggestions)
      } else {
        text = SuggestReports.suggestionsText(list, target: words, of: suggestions)
        if case .cell(let id, let date, let h) = goal, list.isEmpty {
          for half in h.map({ [$0] }) ?? [.am, .pm] {
            if let why = suggestions.allowed.limit(worker: id, date: date, half: half) {
              text += "\(date.short) \(half.label) is \(why.words(since: suggestions.since)).\n"
            }
          }
        }
      }
    }

    if apply, useful, let chosen, let store = database {
      let applied: AppliedEdit
      do {
        applied = try store.apply(chosen.edit, expecting: chosen.expectations, who: who, at: Clock.now())
      } catch {
        throw CLIError(error)
      }
      if format == .text, let entry = applied.entry {
        text += "\nApplied: \(entry.summary). rota undo takes it back.\n"
      }
      try emitAfterSaving(text, saved: "the suggestion")
    } else {
      if apply && format == .text { text += "\nNothing was applied: nothing useful was found.\n" }
      try emit(text)
    }
    if !useful { throw ExitCode(1) }
  }

  /// The target in the rota's terms, and in words for the text report.
  func resolve(_ target: Target, day: LocalDate?, half: Half?, rota: Rota, report: WeekReport) throws -> (
    SuggestionTarget, String
  ) {
    switch target {
    case .plan:
      preconditionFailure("a plan has no target")
    case .finding(let n):
      guard n < report.findings.count else {
        throw CLIError.input(
          report.findings.isEmpty
            ? "--finding \(n): \(report.week.iso) has no findings"
            : "--finding \(n): \(report.week.iso) has \(report.findings.count) findings, numbered 0 to \(report.findings.count - 1) (rota check --week \(report.week.iso) --format json lists them)"
        )
      }
      let f = report.findings[n]
      return (.finding(f), "finding \(n) (\(RotaText.sanitized(f.message)))")
    case .cell(let typed, _, _):
      let w = try resolveWorker(typed, flag: "--worker", in: rota)
      let d = day!
      return (
        .cell(worker: w.id, date: d, half: half),
        "\(RotaText.sanitized(w.name)), \(d.short)\(half.map { " \($0.label)" } ?? "")"
      )
    case .cover(let typed, _, _):
      let s = try resolveSite(typed, flag: "--site", in: rota)
      let d = day!
      return (
        .cover(site: s.code, date: d, half: half!),
        "who can cover \(RotaText.sanitized(s.name)) on \(d.short) \(half!.label)"
      )
    }
  }
}
