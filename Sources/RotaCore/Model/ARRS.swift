import Yams

/// The Additional Roles Reimbursement Scheme's maximum reimbursable amounts per
/// whole-time equivalent, by financial year and role, from the table in
/// `seeds/arrs-reimbursement.yaml` (built into the binary), which names its source.
public struct ARRSTable: Sendable {
  public struct Row: Sendable, Equatable {
    public let financialYear: String
    /// The scheme's name for the role.
    public let role: String
    /// The rota's roles it covers.
    public let covers: [Role]
    public let band: String
    /// Pounds per whole-time equivalent per year.
    public let maximum: Int
  }

  public let source: String
  public let rows: [Row]

  /// The built-in table.
  public static let builtIn: ARRSTable = {
    do {
      return try parse(String(decoding: PackageResources.arrs_reimbursement_yaml, as: UTF8.self))
    } catch {
      preconditionFailure("the built-in ARRS table does not read: \(error)")
    }
  }()

  struct Invalid: Error, CustomStringConvertible {
    let description: String
  }

  public static func parse(_ text: String) throws -> ARRSTable {
    guard let root = try Yams.compose(yaml: text, .basic), let top = root.mapping,
      let source = top["source"]?.scalar?.string, let list = top["rows"]?.sequence
    else { throw Invalid(description: "the ARRS table needs a source and rows") }
    let rows = try list.map { node -> Row in
      guard let m = node.mapping, let year = m["financial_year"]?.scalar?.string, let role = m["role"]?.scalar?.string,
        let band = m["band"]?.scalar?.string, let max = m["maximum"]?.scalar?.string, let amount = Int(max),
        let covers = m["covers"]?.sequence?.compactMap({ $0.scalar?.string }).compactMap(Role.init(rawValue:))
      else { throw Invalid(description: "an ARRS row is incomplete at \(node.mark.map { "\($0)" } ?? "?")") }
      return Row(financialYear: year, role: role, covers: covers, band: band, maximum: amount)
    }
    return ARRSTable(source: source, rows: rows)
  }

  /// The financial year (April to March) a date falls in: "2026/27".
  public static func financialYear(of date: LocalDate) -> String {
    let start = date.month >= 4 ? date.year : date.year - 1
    return "\(start)/\(pad((start + 1) % 100, 2))"
  }

  /// The rows for the latest year in the table that is not after `year`, or the
  /// earliest year when all are after it.
  public func rows(for year: String) -> (year: String, rows: [Row]) {
    let years = Array(Set(rows.map(\.financialYear))).sorted()
    let chosen = years.last { $0 <= year } ?? years.first ?? year
    return (chosen, rows.filter { $0.financialYear == chosen })
  }

  /// One line of the panel: a role's people, sessions, whole-time equivalent and
  /// maximum reimbursable amount.
  public struct Line: Sendable, Equatable {
    public let role: Role
    public let people: Int
    public let sessions: Int
    /// Tenths of a whole-time equivalent (10 sessions = 1 WTE).
    public let wteTenths: Int
    public let maximumPerWTE: Int?
    public let maximum: Int?
  }

  /// The team by role, with whole-time equivalents from contracted sessions.
  public func lines(for rota: Rota, year: String) -> (year: String, lines: [Line]) {
    let (chosen, yearRows) = rows(for: year)
    let lines = Role.allCases.map { role -> Line in
      let people = rota.workers.filter { $0.role == role }
      let sessions = people.reduce(0) { $0 + $1.sessions }
      let per = yearRows.first { $0.covers.contains(role) }?.maximum
      return Line(
        role: role, people: people.count, sessions: sessions, wteTenths: sessions,
        maximumPerWTE: per, maximum: per.map { $0 * sessions / 10 })
    }
    return (chosen, lines)
  }

  /// £35,389.
  public static func pounds(_ n: Int) -> String {
    let digits = String(n)
    var out = ""
    for (i, c) in digits.reversed().enumerated() {
      if i > 0 && i % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return "£" + String(out.reversed())
  }

  /// 3.8
  public static func wte(_ tenths: Int) -> String { "\(tenths / 10).\(tenths % 10)" }
}
