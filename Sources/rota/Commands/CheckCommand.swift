import ArgumentParser
import RotaCore

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Find what is wrong with the plan, and who is working alone too much.",
    discussion: """
      Prints every finding of the fourteen rules (see docs/rules.md), grouped by
      severity, and the isolation board of the last week, in lines that fit the
      width in COLUMNS, else the terminal's, else 80 columns (for mail). Exit status: 0 when no
      finding is an error, 1 when at least one is, 2 for bad usage or input.

      With --site, the findings that name the site and those about anyone placed
      there that week; with --worker, the findings that name the worker.

      Examples:
        rota check                                   this week
        rota check --from 2026-W40 --to 2026-W48     a range of weeks
        rota check --worker amira --format json      one worker, for a script
        rota check --file rota.yaml || echo "the plan has errors"
      """
  )

  @OptionGroup var source: RotaSourceOptions
  @OptionGroup var range: WeekRangeOptions
  @OptionGroup var filter: FilterOptions

  @Option(name: .long, help: "text for a person, json for a script.")
  var format: OutputFormat = .text

  func run() throws {
    let today = Clock.today()
    let weeks = try range.resolve(today: today)
    // The text board shows an 8-week trend, so it needs seven more weeks of history.
    let (rota, analysis) = try source.load(today: today, weeks: weeks, weeksBefore: format == .text ? 7 : 0)
    let worker = try filter.workerIndex(in: rota).map { rota.workers[$0].id }
    let site = try filter.siteIndex(in: rota).map { rota.sites[$0].code }

    let reports = weeks.map { week in
      analysis.report(for: week).filtered(worker: worker, site: site, placements: analysis.placements(for: week))
    }
    let findings = WeekReport.mergedFindings(reports)
    let isolation = reports.flatMap(\.isolation)

    switch format {
    case .json:
      try emit(JSONReports.check(pcn: rota.pcn, weeks: weeks, findings: findings, isolation: isolation))
    case .text:
      let last = reports.last!
      let trend = IsolationBoard.trend(analysis, endingWith: last.week)
      let board = IsolationBoard.lines(last.isolation, analysis: analysis, week: last.week, today: today, trend: trend)
      try emit(TextReports.check(rota: rota, weeks: weeks, findings: findings, board: board, width: textWidth()))
    }
    if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
  }
}
