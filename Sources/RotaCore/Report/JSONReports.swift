import Foundation

/// The JSON shapes of `rota week` and `rota check`, exactly as `docs/cli.md` gives them.
public enum JSONReports {
  static func encoder() -> JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
    return e
  }

  static func string<T: Encodable>(_ value: T) -> String {
    // Encoding these value types cannot fail: they hold only strings, numbers and arrays.
    let data = try! encoder().encode(value)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// `rota check --format json`.
  public static func check(pcn: String, weeks: [ISOWeek], findings: [Finding], isolation: [IsolationRow])
    -> String
  {
    string(CheckJSON(pcn: pcn, weeks: weeks.map(\.iso), findings: findings, isolation: isolation))
  }

  /// `rota week --format json` for one week.
  public static func week(_ grid: WeekGrid) -> String { string(grid) }

  /// `rota week --format json` for several weeks: a list of week objects.
  public static func weeks(_ grids: [WeekGrid]) -> String { string(grids) }
}

struct CheckJSON: Encodable {
  let pcn: String
  let weeks: [String]
  let findings: [Finding]
  let isolation: [IsolationRow]
}

struct DynamicKey: CodingKey {
  let stringValue: String
  var intValue: Int? { nil }
  init(_ s: String) { stringValue = s }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

extension Finding: Encodable {
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: DynamicKey.self)
    try c.encode(rule.code, forKey: DynamicKey("rule"))
    try c.encode(severity.rawValue, forKey: DynamicKey("severity"))
    try c.encode(week.iso, forKey: DynamicKey("week"))
    for field in rule.fields {
      let key = DynamicKey(field.rawValue)
      switch field {
      case .worker: try c.encodeIfPresent(worker, forKey: key)
      case .site: try c.encodeIfPresent(site, forKey: key)
      case .date: try c.encodeIfPresent(date?.iso, forKey: key)
      case .session: try c.encodeIfPresent(session?.token, forKey: key)
      case .workers: try c.encodeIfPresent(workers, forKey: key)
      case .sessions: try c.encodeIfPresent(sessions, forKey: key)
      case .contracted: try c.encodeIfPresent(contracted, forKey: key)
      case .solitaryDays: try c.encodeIfPresent(solitaryDays, forKey: key)
      case .streak: try c.encodeIfPresent(streak, forKey: key)
      case .from: try c.encodeIfPresent(from?.iso, forKey: key)
      case .to: try c.encodeIfPresent(to?.iso, forKey: key)
      case .sites: try c.encodeIfPresent(sites, forKey: key)
      }
    }
    try c.encode(message, forKey: DynamicKey("message"))
  }
}

extension IsolationRow: Encodable {
  enum CodingKeys: String, CodingKey {
    case worker, week
    case workedSessions = "worked_sessions"
    case solitarySessions = "solitary_sessions"
    case workedDays = "worked_days"
    case solitaryDays = "solitary_days"
    case longestStreak = "longest_streak"
    case lastSupervision = "last_supervision"
    case level
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(worker, forKey: .worker)
    try c.encode(week.iso, forKey: .week)
    try c.encode(workedSessions, forKey: .workedSessions)
    try c.encode(solitarySessions, forKey: .solitarySessions)
    try c.encode(workedDays, forKey: .workedDays)
    try c.encode(solitaryDays, forKey: .solitaryDays)
    try c.encode(longestStreak, forKey: .longestStreak)
    // null, not left out: the contract shows "last_supervision": null.
    if let d = lastSupervision { try c.encode(d.iso, forKey: .lastSupervision) } else {
      try c.encodeNil(forKey: .lastSupervision)
    }
    try c.encode(level.rawValue, forKey: .level)
  }
}

/// One week of effective placements, as `rota week` shows it.
public struct WeekGrid: Encodable, Sendable {
  public struct Day: Encodable, Sendable {
    public let date: String
    public let am: String
    public let pm: String
  }
  public struct Row: Encodable, Sendable {
    public let id: String
    public let name: String
    public let role: String
    public let placements: [Day]
  }

  public let pcn: String
  public let week: String
  public let days: [String]
  public let workers: [Row]

  /// The grid of `placements`, keeping the workers whose indexes are in `workers`.
  public init(_ placements: WeekPlacements, workers: [Int]) {
    let rota = placements.rota
    pcn = rota.pcn
    week = placements.week.iso
    days = placements.days.map(\.iso)
    self.workers = workers.map { w in
      let worker = rota.workers[w]
      return Row(
        id: worker.id, name: worker.name, role: worker.role.rawValue,
        placements: (0..<7).map { d in
          Day(
            date: placements.days[d].iso,
            am: placements.placement(worker: w, day: d, half: .am).token,
            pm: placements.placement(worker: w, day: d, half: .pm).token)
        })
    }
  }
}
