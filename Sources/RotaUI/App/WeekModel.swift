import Foundation
import RotaCore

/// One week of the rota as the planner shows it: placements, findings indexed
/// by the cell they are about, and the rows of each view. Built once per load,
/// so moving the cursor costs nothing; never changed afterwards.
final class WeekModel {
  let rota: Rota
  let analysis: RotaAnalysis
  let week: ISOWeek
  let placements: WeekPlacements
  let report: WeekReport
  /// The week's findings as a set, to tell a drop's preview what it clears and adds.
  let findingSet: Set<Finding>
  /// The days shown: Monday to Friday, and Saturday and Sunday when anyone works them.
  let days: [Int]
  let workerIndex: [String: Int]
  let siteIndex: [String: Int]

  /// Findings about one worker on one half-day (key `worker * 14 + slot`).
  private(set) var halfFindings: [Int: [Int]] = [:]
  /// Findings about one worker on one date (split-day) (key `worker * 7 + day`).
  private(set) var dayFindings: [Int: [Int]] = [:]
  /// Week findings about a worker (contract, solitary work, supervision, sole cover).
  private(set) var rowFindings: [Int: [Int]] = [:]
  /// Findings about a site on a half-day (key `site * 14 + slot`).
  private(set) var siteFindings: [Int: [Int]] = [:]

  let errors: Int
  let warnings: Int
  let overload: Int

  /// Who is at each site in each half-day (key `site * 14 + slot`), and at home
  /// (key `-1 - slot`), in rota order: filled once, read by every site grid cell.
  private(set) var occupants: [Int: [Int]] = [:]
  /// Each worker's initials, unique across the team, for the sites grid.
  let initials: [String]
  /// The widest worker's and site's name, in columns (for the grids' name columns).
  let longestWorkerName: Int
  let longestSiteName: Int
  /// The week's isolation row of each worker who has one.
  let isolationRows: [String: IsolationRow]

  init(rota: Rota, week: ISOWeek) {
    self.rota = rota
    self.week = week
    let analysis = RotaAnalysis(rota)
    let placements = analysis.placements(for: week)
    self.analysis = analysis
    self.placements = placements
    report = analysis.report(for: week)
    findingSet = Set(report.findings)
    days = (0..<7).filter { $0 < 5 || placements.anyoneWorks(day: $0) }
    workerIndex = Dictionary(uniqueKeysWithValues: rota.workers.enumerated().map { ($1.id, $0) })
    siteIndex = Dictionary(uniqueKeysWithValues: rota.sites.enumerated().map { ($1.code, $0) })
    var e = 0
    var w = 0
    for f in report.findings {
      if f.severity == .error { e += 1 }
      if f.severity == .warning { w += 1 }
    }
    errors = e
    warnings = w
    overload = report.isolation.filter { $0.level == .overload }.count
    initials = Self.uniqueInitials(rota.workers.map(\.name))
    longestWorkerName = rota.workers.map { TextWidth.width(of: RotaText.sanitized($0.name)) }.max() ?? 10
    longestSiteName = rota.sites.map { TextWidth.width(of: RotaText.sanitized($0.name)) }.max() ?? 10
    isolationRows = Dictionary(report.isolation.map { ($0.worker, $0) }, uniquingKeysWith: { a, _ in a })
    index()
    for w in rota.workers.indices {
      for slot in 0..<14 {
        switch placements.placement(worker: w, slot: slot) {
        case .site(let code): occupants[siteIndex[code]! * 14 + slot, default: []].append(w)
        case .home: occupants[-1 - slot, default: []].append(w)
        default: break
        }
      }
    }
  }

  /// The people at a site (or at home, for -1) in a half-day.
  func people(site: Int, slot: Int) -> [Int] { occupants[site < 0 ? -1 - slot : site * 14 + slot] ?? [] }

  /// The rows of both grids for a filter.
  func rows(filter: String) -> GridRows {
    GridRows(workers: workerRows(filter: filter), sites: siteRows(filter: filter))
  }

  private func slot(_ f: Finding) -> Int? {
    guard let date = f.date, let half = f.session else { return nil }
    return (date.dayNumber - week.monday.dayNumber) * 2 + half.rawValue
  }

  private func index() {
    for (i, f) in report.findings.enumerated() {
      let worker = f.worker.flatMap { workerIndex[$0] }
      let site = f.site.flatMap { siteIndex[$0] }
      switch f.rule {
      case .leaveClash, .doubleBooked, .siteClosed, .notInPost, .awayAtEvent:
        if let worker, let s = slot(f) { halfFindings[worker * 14 + s, default: []].append(i) }
        if let site, let s = slot(f), f.rule == .siteClosed { siteFindings[site * 14 + s, default: []].append(i) }
      case .overCapacity:
        if let site, let s = slot(f) {
          siteFindings[site * 14 + s, default: []].append(i)
          for id in f.workers ?? [] {
            if let w = workerIndex[id] { halfFindings[w * 14 + s, default: []].append(i) }
          }
        }
      case .coverGap:
        if let site, let s = slot(f) { siteFindings[site * 14 + s, default: []].append(i) }
      case .splitDay:
        if let worker, let date = f.date {
          dayFindings[worker * 7 + date.dayNumber - week.monday.dayNumber, default: []].append(i)
        }
      case .overContract, .underContract, .solitaryOverload, .solitaryStreak, .noSupervision, .soleCover:
        if let worker { rowFindings[worker, default: []].append(i) }
      }
    }
  }

  func findings(_ indices: [Int]?) -> [Finding] { (indices ?? []).map { report.findings[$0] } }

  /// The week's findings about one worker: theirs alone, or shared with others.
  func findings(about worker: String) -> [Finding] {
    report.findings.filter { $0.worker == worker || ($0.workers ?? []).contains(worker) }
  }

  /// Everything that fires on one worker's day cell (both halves and the day).
  func cellFindings(worker: Int, day: Int) -> [Finding] {
    findings(halfFindings[worker * 14 + day * 2]) + findings(halfFindings[worker * 14 + day * 2 + 1])
      + findings(dayFindings[worker * 7 + day])
  }

  func halfFindingList(worker: Int, slot: Int) -> [Finding] { findings(halfFindings[worker * 14 + slot]) }

  func worst(_ list: [Finding]) -> Severity? { list.map(\.severity).min() }

  /// The worker's isolation row this week (nil when they have none, as for
  /// someone not in post all week).
  func row(_ worker: Int) -> IsolationRow? { isolationRows[rota.workers[worker].id] }

  /// Workers in the grid's order: grouped by role in the order of roles, rota
  /// order within a role, keeping those that match the filter.
  func workerRows(filter: String) -> [Int] {
    let needle = Self.fold(filter)
    return Role.allCases.flatMap { role in
      rota.workers.indices.filter { w in
        rota.workers[w].role == role && (needle.isEmpty || matches(worker: w, needle))
      }
    }
  }

  func matches(worker w: Int, _ needle: String) -> Bool {
    let person = rota.workers[w]
    if Self.fold(person.name).contains(needle) || Self.fold(person.role.displayName).contains(needle)
      || person.id.contains(needle)
    {
      return true
    }
    for slot in 0..<14 {
      if let code = placements.placement(worker: w, slot: slot).siteCode, let s = siteIndex[code] {
        if Self.fold(code).contains(needle) || Self.fold(rota.sites[s].name).contains(needle) { return true }
      }
    }
    return false
  }

  /// Sites in the site grid's order: practices first, then schools, hospices,
  /// hospitals, hubs and community venues; -1 stands for the Home row at the end.
  func siteRows(filter: String) -> [Int] {
    let needle = Self.fold(filter)
    let order = SiteKind.allCases
    var rows = rota.sites.indices.sorted { a, b in
      let ka = order.firstIndex(of: rota.sites[a].kind)!
      let kb = order.firstIndex(of: rota.sites[b].kind)!
      return ka != kb ? ka < kb : a < b
    }
    if !needle.isEmpty {
      rows = rows.filter { s in
        let site = rota.sites[s]
        if Self.fold(site.code).contains(needle) || Self.fold(site.name).contains(needle) { return true }
        return (0..<14).contains { slot in people(site: s, slot: slot).contains { matches(worker: $0, needle) } }
      }
    }
    return rows + [-1]
  }

  /// Lower case without accents, so "sian" finds "Siân".
  static func fold(_ s: String) -> String {
    s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
  }

  func date(_ day: Int) -> LocalDate { week.monday.adding(days: day) }

  /// The day of the week (0 is Monday) of a date in this week, or nil.
  func day(of date: LocalDate) -> Int? {
    let d = date.dayNumber - week.monday.dayNumber
    return (0..<7).contains(d) ? d : nil
  }

  /// Initials that tell every member of the team apart: "AK" for Amira Khan; when
  /// two people share them, more letters ("CNg", "ChN"), and numbers last ("CN1",
  /// "CN2") for people with the same name.
  static func uniqueInitials(_ names: [String]) -> [String] {
    func candidates(_ name: String) -> [String] {
      let words = RotaText.sanitized(name).split(whereSeparator: { $0 == " " || $0 == "-" }).map(Array.init)
      guard let first = words.first, !first.isEmpty else { return ["?"] }
      let last = words.count > 1 ? words.last! : []
      let f1 = String(first[0]).uppercased()
      let l1 = last.first.map { String($0).uppercased() } ?? ""
      var out = [f1 + l1]
      if last.count > 1 { out.append(f1 + l1 + String(last[1]).lowercased()) }
      if first.count > 1 { out.append(f1 + String(first[1]).lowercased() + l1) }
      return out
    }
    let options = names.map(candidates)
    var level = [Int](repeating: 0, count: names.count)
    func current(_ i: Int) -> String { options[i][min(level[i], options[i].count - 1)] }
    for _ in 0..<3 {
      let groups = Dictionary(grouping: names.indices, by: current)
      var changed = false
      for (_, members) in groups where members.count > 1 {
        for i in members where level[i] + 1 < options[i].count {
          level[i] += 1
          changed = true
        }
      }
      if !changed { break }
    }
    var result = names.indices.map(current)
    let groups = Dictionary(grouping: names.indices, by: { result[$0] })
    for (text, members) in groups where members.count > 1 {
      for (n, i) in members.sorted().enumerated() { result[i] = text + "\(n + 1)" }
    }
    return result
  }
}

/// The rows the two grids show for a filter: worker and site indexes in the
/// grids' order (-1 is the Home row of the sites grid).
struct GridRows: Hashable, Sendable {
  var workers: [Int]
  var sites: [Int]
}
