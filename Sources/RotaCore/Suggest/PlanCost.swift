/// What a plan does to one week, as `docs/suggest.md` scores it:
/// `1000 × errors + 100 × warnings + 10 × solitary days + 5 × notes + 3 × changes`.
/// Lower is better; the empty plan's cost is the week's baseline.
public struct PlanCost: Hashable, Sendable {
  public var errors: Int
  public var warnings: Int
  public var info: Int
  /// The sum of the isolation rows' `solitary_days`.
  public var solitaryDays: Int
  public var changes: Int

  public init(errors: Int, warnings: Int, info: Int, solitaryDays: Int, changes: Int) {
    self.errors = errors
    self.warnings = warnings
    self.info = info
    self.solitaryDays = solitaryDays
    self.changes = changes
  }

  /// The cost of a week's report with `changes` changes made to get it.
  public init(_ report: WeekReport, changes: Int) {
    var counts = [0, 0, 0]
    for f in report.findings { counts[f.severity.rank] += 1 }
    self.init(
      errors: counts[0], warnings: counts[1], info: counts[2],
      solitaryDays: report.isolation.reduce(0) { $0 + $1.solitaryDays }, changes: changes)
  }

  public static let errorWeight = 1000
  public static let warningWeight = 100
  public static let solitaryDayWeight = 10
  public static let infoWeight = 5
  public static let changeWeight = 3

  public var cost: Int {
    Self.errorWeight * errors + Self.warningWeight * warnings + Self.solitaryDayWeight * solitaryDays
      + Self.infoWeight * info + Self.changeWeight * changes
  }
}

/// The findings of one week counted the way the cost weighs them, for the parts of
/// a week the search keeps apart (a site's half-day, a worker's sessions, a
/// worker's week): adding them up gives the week's cost before its changes.
struct CostTally: Hashable, Sendable {
  var errors: Int32 = 0
  var warnings: Int32 = 0
  var info: Int32 = 0
  var solitaryDays: Int32 = 0
  /// How far the week is from clearing the findings that only several changes
  /// together clear (sessions over or under contract, people over a site's rooms,
  /// solitary days over the limit, sessions worked without supervision): not part
  /// of the cost, but a slope the search can follow across the plateau before
  /// such a finding clears.
  var excess: Int32 = 0

  /// What one unit of excess weighs for a finding that is an error (a session
  /// over contract, a person over the rooms): more than the changes and
  /// solitary days that clearing it may cost on the way.
  static let errorExcess: Int32 = 100
  /// What one unit weighs for a warning (a session under contract, a solitary
  /// day over the limit, a session worked without supervision).
  static let warningExcess: Int32 = 10

  static let zero = CostTally()

  var cost: Int {
    PlanCost.errorWeight * Int(errors) + PlanCost.warningWeight * Int(warnings)
      + PlanCost.solitaryDayWeight * Int(solitaryDays) + PlanCost.infoWeight * Int(info)
  }

  static func + (a: CostTally, b: CostTally) -> CostTally {
    CostTally(
      errors: a.errors + b.errors, warnings: a.warnings + b.warnings, info: a.info + b.info,
      solitaryDays: a.solitaryDays + b.solitaryDays, excess: a.excess + b.excess)
  }

  static func += (a: inout CostTally, b: CostTally) { a = a + b }

  static func - (a: CostTally, b: CostTally) -> CostTally {
    CostTally(
      errors: a.errors - b.errors, warnings: a.warnings - b.warnings, info: a.info - b.info,
      solitaryDays: a.solitaryDays - b.solitaryDays, excess: a.excess - b.excess)
  }

  func planCost(changes: Int) -> PlanCost {
    PlanCost(
      errors: Int(errors), warnings: Int(warnings), info: Int(info), solitaryDays: Int(solitaryDays),
      changes: changes)
  }
}
