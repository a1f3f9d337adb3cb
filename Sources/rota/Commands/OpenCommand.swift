import ArgumentParser
import RotaCore

struct OpenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open",
    abstract: "Open the full-screen planner (the default command).",
    discussion: """
      Examples:
        rota                     open this week
        rota open --week next    open next week
      """
  )

  @OptionGroup var range: WeekRangeOptions

  func run() throws {
    let today = Clock.today()
    let week = try range.resolve(today: today).first!
    let analysis = RotaAnalysis(DemoPCN.rota(for: today.isoWeek))
    let p = analysis.placements(for: week)
    emit(TextReports.weekGrid(p, workers: Array(p.rota.workers.indices)))
  }
}
