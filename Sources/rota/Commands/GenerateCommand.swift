import ArgumentParser
import RotaCore

struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a synthetic, valid rota file of a given size to standard output.",
    discussion: """
      The rota looks like a real PCN's: practices in neighbourhoods with schools,
      hospices and hubs; link workers rotating one day a practice with home days;
      part-timers, leave, overrides, protected learning time and supervision groups.
      The same arguments always give the same bytes. Its dated entries fall in the
      --weeks weeks from --start, which becomes its anchor_week.

      Examples:
        rota generate --workers 40 --sites 12 > small.yaml
        rota generate --workers 1000 --sites 150 --weeks 52 --start 2026-W01 --seed 7 > big.yaml
        rota generate --workers 200 --sites 30 --weeks 26 --team-changes > changing-team.yaml
        rota check --file big.yaml --from 2026-W01 --to 2026-W52
      """
  )

  @Option(help: "How many workers (1 to 20000).")
  var workers: Int

  @Option(help: "How many sites (1 to 5000).")
  var sites: Int

  @Option(help: "How many weeks of dated entries (1 to 260).")
  var weeks: Int = 4

  @Option(help: ArgumentHelp("The first week: 2026-W01, today, next or last (default: this week).", valueName: "W"))
  var start: WeekSpec?

  @Option(help: "The random seed; the same seed gives the same file.")
  var seed: UInt64 = 1

  @Flag(help: "Add starters, leavers, changed usual weeks, sites that close and supervision leads (version 1.1).")
  var teamChanges = false

  func validate() throws {
    let l = RotaGenerator.limits
    guard l.workers.contains(workers) else {
      throw ValidationError("--workers must be from 1 to 20000, not \(workers)")
    }
    guard l.sites.contains(sites) else { throw ValidationError("--sites must be from 1 to 5000, not \(sites)") }
    guard l.weeks.contains(weeks) else { throw ValidationError("--weeks must be from 1 to 260, not \(weeks)") }
  }

  func run() throws {
    let today = Clock.today()
    let first = try start?.resolve(today: today, flag: "--start") ?? today.isoWeek
    let last = first.adding(weeks: weeks - 1)
    guard SupportedDates.contains(last) else {
      throw CLIError.input(
        "--start \(first.iso) with --weeks \(weeks) runs to \(last.iso), past the last week rota supports, \(SupportedDates.lastWeek.iso); start earlier or give fewer weeks"
      )
    }
    var generator = RotaGenerator(
      .init(workers: workers, sites: sites, weeks: weeks, start: first, seed: seed, teamChanges: teamChanges))
    // Written as it is made, a megabyte at a time: at its limits the file is gigabytes.
    var pending = ""
    try RotaFileWriter.write(generator.rota()) { (piece: String) throws(WriteFailure) in
      pending += piece
      if pending.utf8.count >= 1 << 20 {
        try emit(pending)
        pending = ""
      }
    }
    try emit(pending)
  }
}
