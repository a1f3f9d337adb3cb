import ArgumentParser
import RotaCore

struct WeekCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "week",
    abstract: "Show where everyone is in a week.",
    discussion: """
      Each cell is where the worker is: a site code, home, leave, hol (bank holiday)
      or - (off); AM/PM when the day is split. With --worker, the week is shown day by
      day with who else is there (a colleague on leave is "away", never why).

      Text fits the width in COLUMNS, else the terminal's, else 80 columns: a grid
      too wide for it comes in parts of as many days as fit.

      Examples:
        rota week                               this week, the whole team
        rota week --worker amira                Amira's week, with her colleagues
        rota week --week next --site RVS        who is at Riverside Surgery next week
        rota week --file seeds/demo-pcn.yaml --week 2026-W48 --format json
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
    let (rota, analysis) = try source.load(today: today, weeks: weeks)
    let worker = try filter.workerIndex(in: rota)
    let site = try filter.siteIndex(in: rota)

    let width = textWidth()
    var grids: [WeekGrid] = []
    var texts: [String] = []
    for week in weeks {
      let p = analysis.placements(for: week)
      // Workers not in post on any day of the week (leavers, starters to come)
      // are left out, unless asked for by name.
      var members = rota.workers.indices.filter { w in
        (0..<14).contains { p.placement(worker: w, slot: $0) != .notInPost }
      }
      if let worker { members = [worker] }
      if let site {
        members = members.filter { w in
          (0..<14).contains { p.placement(worker: w, slot: $0).siteCode == rota.sites[site].code }
        }
      }
      switch format {
      case .json: grids.append(WeekGrid(p, workers: members))
      case .text:
        if let worker, site == nil {
          texts.append(
            TextReports.workerWeek(
              p, worker: worker, report: analysis.report(for: week),
              supervision: analysis.supervision(worker: rota.workers[worker].id, week: week, today: today), width: width
            ))
        } else {
          texts.append(TextReports.weekGrid(p, workers: members, width: width))
        }
      }
    }
    switch format {
    case .json: try emit(grids.count == 1 ? JSONReports.week(grids[0]) : JSONReports.weeks(grids))
    case .text: try emit(texts.joined(separator: "\n"))
    }
  }
}
