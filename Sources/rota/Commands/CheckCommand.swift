import ArgumentParser
import RotaCore

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Find what is wrong with the plan, and who is working alone too much.",
    discussion: """
      Prints every finding of the twelve rules (see docs/rules.md), grouped by
      severity, and the isolation board of the last week. Exit status: 0 when no
      finding is an error, 1 when at least one is, 2 for bad usage or input.

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
    let rota = try source.load(today: today)
    let worker = try filter.workerIndex(in: rota)
    let site = try filter.siteIndex(in: rota)
    let analysis = RotaAnalysis(rota)

    var findings: [Finding] = []
    var isolation: [IsolationRow] = []
    for week in weeks {
      let report = analysis.report(for: week)
      var keep: Set<String>? = nil
      if let worker { keep = [rota.workers[worker].id] }
      if let site {
        let p = analysis.placements(for: week)
        let code = rota.sites[site].code
        let there = Set(rota.workers.indices.filter { w in (0..<14).contains { p.placement(worker: w, slot: $0).siteCode == code } }.map { rota.workers[$0].id })
        keep = keep.map { $0.intersection(there) } ?? there
        findings += report.findings.filter { f in
          f.site == code || (f.sites ?? []).contains(code) || (keep!.contains(f.worker ?? "") && (worker == nil || f.worker == rota.workers[worker!].id))
        }
      } else if let keep {
        findings += report.findings.filter { keep.contains($0.worker ?? "") || !keep.isDisjoint(with: $0.workers ?? []) }
      } else {
        findings += report.findings
      }
      isolation += report.isolation.filter { keep?.contains($0.worker) ?? true }
    }
    findings.sort(by: Finding.reportOrder)

    switch format {
    case .json:
      emit(JSONReports.check(pcn: rota.pcn, weeks: weeks, findings: findings, isolation: isolation))
    case .text:
      let last = weeks.last!
      var trend: [String: [Int]] = [:]
      let rows = Set(isolation.filter { $0.week == last }.map(\.worker))
      for back in (0..<8).reversed() {
        for row in analysis.report(for: last.adding(weeks: -back)).isolation where rows.contains(row.worker) {
          trend[row.worker, default: []].append(row.solitaryDays)
        }
      }
      emit(TextReports.check(rota: rota, weeks: weeks, findings: findings, isolation: isolation, trend: trend))
    }
    if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
  }
}
