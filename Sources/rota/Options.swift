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

/// A date typed on the command line, in any form `TypedInput.date` reads
/// (`2026-11-26`, `26/11/2026`, `today`, `tomorrow`, `thu`). It must be one rota supports.
func parseDate(
  _ text: String, flag: String, today: LocalDate, otherwise: String = "expected \(TypedInput.dateForms)"
) throws -> LocalDate {
  guard let date = TypedInput.date(text, today: today) else {
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
    let w = try resolveWorker(worker, flag: "--worker", in: rota)
    return rota.workers.firstIndex { $0.id == w.id }
  }

  func siteIndex(in rota: Rota) throws -> Int? {
    guard let site else { return nil }
    let s = try resolveSite(site, flag: "--site", in: rota)
    return rota.sites.firstIndex { $0.code == s.code }
  }
}

/// The worker a typed id names, in any case (or by their full name); else an
/// error that suggests the closest id.
func resolveWorker(_ typed: String, flag: String, in rota: Rota) throws -> Worker {
  if let w = TypedInput.worker(typed, in: rota.workers) { return w }
  let ids = rota.workers.map(\.id)
  let hint = TypedInput.closest(to: typed, in: ids).map { "did you mean \($0)?" } ?? "known ids: \(known(ids))"
  throw CLIError.input(
    "\(flag) \(PrintableText.quoted(typed)): no worker has that id; \(hint) (rota workers lists them)")
}

/// The site a typed code names, in any case (or by its full name); else an
/// error that suggests the closest code.
func resolveSite(_ typed: String, flag: String, in rota: Rota) throws -> Site {
  if let s = TypedInput.site(typed, in: rota.sites) { return s }
  let codes = rota.sites.map(\.code)
  let hint = TypedInput.closest(to: typed, in: codes).map { "did you mean \($0)?" } ?? "known codes: \(known(codes))"
  throw CLIError.input("\(flag) \(PrintableText.quoted(typed)): no site has that code; \(hint) (rota sites lists them)")
}

/// A list for a message: all of it, or the first twelve and how many in all.
func known(_ list: [String]) -> String {
  list.count <= 12
    ? list.joined(separator: ", ") : list.prefix(12).joined(separator: ", ") + ", … (\(list.count) in all)"
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}
