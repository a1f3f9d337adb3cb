import ArgumentParser
import Foundation
import RotaCore
import RotaStore

/// Where a read command gets its rota: a rota file with `--file`, else the database.
struct RotaSourceOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Read this rota file instead of the database; nothing is written anywhere.", valueName: "ROTA.yaml"))
  var file: String?

  @OptionGroup var store: StoreOptions
  @OptionGroup var readOnly: ReadOnlyOption

  /// Loads the rota for `weeks` and analyses it: the whole file, or from the
  /// database every site and worker with the dated entries that the weeks (and
  /// `weeksBefore` more weeks before them, for trends) need.
  func load(today: LocalDate, weeks: [ISOWeek], weeksBefore: Int = 0) throws -> (Rota, RotaAnalysis) {
    if let file {
      if store.db != nil { throw CLIError.input("give --file or --db, not both") }
      do {
        let rota = try RotaFileReader.read(path: file)
        return (rota, RotaAnalysis(rota))
      } catch {
        throw CLIError.input(error.description)
      }
    }
    let database = try store.openForReading(readOnly: readOnly.readOnly, today: today)
    defer { database.close() }
    do {
      return try database.loadAnalysed(weeks: weeks.first!...weeks.last!, reportingWeeksBefore: weeksBefore)
    } catch {
      throw CLIError(error)
    }
  }
}

/// A week as typed on the command line: `2026-W48`, `today`, `next`, `last`, or a date.
struct WeekSpec: ExpressibleByArgument {
  let text: String

  init?(argument: String) { text = argument }

  static var defaultCompletionKind: CompletionKind { .list(["today", "next", "last"]) }

  /// The week meant, which must be one rota supports (`SupportedDates`).
  func resolve(today: LocalDate, flag: String) throws -> ISOWeek {
    let week = try parse(today: today, flag: flag)
    if let problem = SupportedDates.problem(week) { throw CLIError.input("\(flag) \(text): \(problem)") }
    return week
  }

  private func parse(today: LocalDate, flag: String) throws -> ISOWeek {
    switch text {
    case "today", "this": return today.isoWeek
    case "next": return today.isoWeek.adding(weeks: 1)
    case "last", "previous": return today.isoWeek.adding(weeks: -1)
    default:
      if let w = ISOWeek(iso: text) { return w }
      if let d = LocalDate(iso: text) { return d.isoWeek }
      if text.utf8.count == 8, text.dropFirst(4).hasPrefix("-W"), let y = Int(text.prefix(4)) {
        let years = SupportedDates.firstWeek.year...SupportedDates.lastWeek.year
        guard years.contains(y) else {
          throw CLIError.input("\(flag) \(text): the year is outside the weeks rota supports, \(SupportedDates.span)")
        }
        let last = ISOWeek.weeksIn(year: y)
        throw CLIError.input("\(flag) \(text): \(y) has only \(last) ISO weeks; try \(y)-W\(last)")
      }
      throw CLIError.input(
        "\(flag) \(text): expected an ISO week such as 2026-W48, a date such as 2026-11-26, or today, next or last")
    }
  }
}

/// A date typed on the command line: `2026-11-26`, or `today`. It must be one rota supports.
func parseDate(
  _ text: String, flag: String, today: LocalDate, otherwise: String = "expected a date such as 2026-11-26 (or today)"
) throws -> LocalDate {
  guard let date = text == "today" ? today : LocalDate(iso: text) else {
    throw CLIError.input("\(flag) \(text): \(otherwise)")
  }
  if let problem = SupportedDates.problem(date) { throw CLIError.input("\(flag) \(text): \(problem)") }
  return date
}

/// The week or weeks a read command covers.
struct WeekRangeOptions: ParsableArguments {
  @Option(
    name: .long, help: ArgumentHelp("The week: 2026-W48, today, next or last (default: this week).", valueName: "W"))
  var week: WeekSpec?

  @Option(name: .long, help: ArgumentHelp("First week of a range (with --to).", valueName: "W1"))
  var from: WeekSpec?

  @Option(name: .long, help: ArgumentHelp("Last week of a range (with --from).", valueName: "W2"))
  var to: WeekSpec?

  /// The weeks, in order. A range missing one end is one week long.
  func resolve(today: LocalDate) throws -> [ISOWeek] {
    if week != nil && (from != nil || to != nil) {
      throw CLIError.input("give either --week, or --from and --to, not both")
    }
    if let week { return [try week.resolve(today: today, flag: "--week")] }
    guard from != nil || to != nil else { return [today.isoWeek] }
    let first = try (from ?? to)!.resolve(today: today, flag: from != nil ? "--from" : "--to")
    let last = try (to ?? from)!.resolve(today: today, flag: to != nil ? "--to" : "--from")
    guard first <= last else {
      throw CLIError.input("--from \(first.iso) is after --to \(last.iso); the range must run forwards")
    }
    guard first.distance(to: last) < 530 else {
      throw CLIError.input("the range \(first.iso) to \(last.iso) is longer than ten years; choose a shorter one")
    }
    var weeks: [ISOWeek] = []
    var w = first
    while w <= last {
      weeks.append(w)
      w = w.adding(weeks: 1)
    }
    return weeks
  }
}

/// `--worker` and `--site` filters, checked against the rota.
struct FilterOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Only this worker (their id, such as amira).", valueName: "ID"))
  var worker: String?

  @Option(name: .long, help: ArgumentHelp("Only what concerns this site (its code, such as RVS).", valueName: "CODE"))
  var site: String?

  func workerIndex(in rota: Rota) throws -> Int? {
    guard let worker else { return nil }
    guard let i = rota.workers.firstIndex(where: { $0.id == worker }) else {
      throw CLIError.input("--worker \(worker): no worker has that id; known ids: \(known(rota.workers.map(\.id)))")
    }
    return i
  }

  func siteIndex(in rota: Rota) throws -> Int? {
    guard let site else { return nil }
    guard let i = rota.sites.firstIndex(where: { $0.code == site.uppercased() }) else {
      throw CLIError.input("--site \(site): no site has that code; known codes: \(known(rota.sites.map(\.code)))")
    }
    return i
  }

  private func known(_ list: [String]) -> String {
    list.count <= 12
      ? list.joined(separator: ", ") : list.prefix(12).joined(separator: ", ") + ", … (\(list.count) in all)"
  }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}
