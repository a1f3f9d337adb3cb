/// How much a finding matters.
public enum Severity: String, CaseIterable, Sendable, Comparable {
  case error, warning, info

  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

  var rank: Int {
    switch self {
    case .error: return 0
    case .warning: return 1
    case .info: return 2
    }
  }

  public var pluralTitle: String {
    switch self {
    case .error: return "Errors"
    case .warning: return "Warnings"
    case .info: return "Notes"
    }
  }
}

/// The fourteen rules of `docs/rules.md`. The raw value is the rule's stable code.
public enum Rule: String, CaseIterable, Sendable, Comparable {
  case leaveClash = "leave-clash"
  case notInPost = "not-in-post"
  case awayAtEvent = "away-at-event"
  case siteClosed = "site-closed"
  case overCapacity = "over-capacity"
  case doubleBooked = "double-booked"
  case overContract = "over-contract"
  case underContract = "under-contract"
  case coverGap = "cover-gap"
  case splitDay = "split-day"
  case solitaryOverload = "solitary-overload"
  case solitaryStreak = "solitary-streak"
  case noSupervision = "no-supervision"
  case soleCover = "sole-cover"

  public static func < (a: Rule, b: Rule) -> Bool { a.rawValue < b.rawValue }

  /// Position in alphabetical order of codes, which is the report's rule order
  /// (a test checks this table against sorting the codes).
  public var rank: Int {
    switch self {
    case .awayAtEvent: return 0
    case .coverGap: return 1
    case .doubleBooked: return 2
    case .leaveClash: return 3
    case .noSupervision: return 4
    case .notInPost: return 5
    case .overCapacity: return 6
    case .overContract: return 7
    case .siteClosed: return 8
    case .soleCover: return 9
    case .solitaryOverload: return 10
    case .solitaryStreak: return 11
    case .splitDay: return 12
    case .underContract: return 13
    }
  }

  public var code: String { rawValue }

  public var severity: Severity {
    switch self {
    case .leaveClash, .notInPost, .awayAtEvent, .siteClosed, .overCapacity, .doubleBooked, .overContract:
      return .error
    case .underContract, .coverGap, .solitaryOverload, .solitaryStreak, .noSupervision, .soleCover:
      return .warning
    case .splitDay: return .info
    }
  }

  /// The fields a finding of this rule carries, besides rule, severity, week and message.
  public var fields: [Finding.Field] {
    switch self {
    case .leaveClash, .notInPost, .awayAtEvent: return [.worker, .date, .session]
    case .siteClosed: return [.worker, .site, .date, .session]
    case .overCapacity: return [.site, .date, .session, .workers]
    case .doubleBooked: return [.worker, .date, .session]
    case .overContract, .underContract: return [.worker, .sessions, .contracted]
    case .coverGap: return [.site, .date, .session]
    case .splitDay: return [.worker, .date]
    case .solitaryOverload: return [.worker, .solitaryDays]
    case .solitaryStreak: return [.worker, .streak, .from, .to, .continuesBefore]
    case .noSupervision: return [.worker]
    case .soleCover: return [.worker, .sites]
    }
  }

  /// One line for people: what the rule looks for.
  public var summary: String {
    switch self {
    case .leaveClash: return "someone is placed at work while on leave"
    case .notInPost: return "someone is placed, or due at an event, on a date outside their post"
    case .awayAtEvent: return "someone is due at an event while on leave or on a bank holiday"
    case .siteClosed: return "someone is placed at a site when it is closed"
    case .overCapacity: return "a site has more team members than rooms"
    case .doubleBooked: return "someone is due at an event somewhere other than where they are placed"
    case .overContract: return "someone works more sessions than their contract"
    case .underContract: return "someone is planned for fewer sessions than their contract"
    case .coverGap: return "a site that needs cover has no one"
    case .splitDay: return "someone works at two sites on one day"
    case .solitaryOverload: return "too many solitary days in a week"
    case .solitaryStreak: return "too many solitary working days in a row"
    case .noSupervision: return "no supervision within the policy's weeks"
    case .soleCover: return "someone is the only team member at several sites all week"
    }
  }
}

/// One thing wrong with, or worth knowing about, the plan.
public struct Finding: Hashable, Sendable {
  /// A field a finding can carry; the raw value is its JSON name.
  public enum Field: String, CaseIterable, Sendable {
    case worker, site, date, session, workers, sessions, contracted
    case solitaryDays = "solitary_days"
    case streak, from, to
    case continuesBefore = "continues_before"
    case sites
  }

  public let rule: Rule
  public let week: ISOWeek
  public var worker: String?
  public var site: String?
  public var date: LocalDate?
  public var session: Half?
  public var workers: [String]?
  public var sessions: Int?
  public var contracted: Int?
  public var solitaryDays: Int?
  public var streak: Int?
  public var from: LocalDate?
  public var to: LocalDate?
  /// Whether a solitary streak goes on before its window (`rules.md`).
  public var continuesBefore: Bool?
  public var sites: [String]?
  public var message: String

  public init(rule: Rule, week: ISOWeek, message: String) {
    self.rule = rule
    self.week = week
    self.message = message
  }

  public var severity: Severity { rule.severity }

  /// The fields this finding carries, in the order `Rule.fields` gives.
  public var presentFields: [Field] {
    Field.allCases.filter { has($0) }
  }

  public func has(_ field: Field) -> Bool {
    switch field {
    case .worker: return worker != nil
    case .site: return site != nil
    case .date: return date != nil
    case .session: return session != nil
    case .workers: return workers != nil
    case .sessions: return sessions != nil
    case .contracted: return contracted != nil
    case .solitaryDays: return solitaryDays != nil
    case .streak: return streak != nil
    case .from: return from != nil
    case .to: return to != nil
    case .continuesBefore: return continuesBefore != nil
    case .sites: return sites != nil
    }
  }

  /// The contract's order: severity, week, rule, date, session, site, worker.
  public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
    if a.severity != b.severity { return a.severity < b.severity }
    if a.week != b.week { return a.week < b.week }
    if a.rule != b.rule { return a.rule < b.rule }
    if a.date != b.date { return (a.date?.dayNumber ?? Int.min) < (b.date?.dayNumber ?? Int.min) }
    if a.session != b.session { return (a.session?.rawValue ?? -1) < (b.session?.rawValue ?? -1) }
    if a.site != b.site { return (a.site ?? "") < (b.site ?? "") }
    if a.worker != b.worker { return (a.worker ?? "") < (b.worker ?? "") }
    return (a.from?.dayNumber ?? Int.min) < (b.from?.dayNumber ?? Int.min)
  }
}

/// How isolated a worker was in a week.
public enum IsolationLevel: String, CaseIterable, Sendable, Comparable {
  case ok, watch, overload

  public static func < (a: IsolationLevel, b: IsolationLevel) -> Bool { a.rank < b.rank }
  var rank: Int {
    switch self {
    case .ok: return 0
    case .watch: return 1
    case .overload: return 2
    }
  }
}

/// A worker's week as the isolation summary counts it.
public struct IsolationRow: Hashable, Sendable {
  public let worker: String
  public let week: ISOWeek
  public let workedSessions: Int
  public let solitarySessions: Int
  public let workedDays: Int
  public let solitaryDays: Int
  public let longestStreak: Int
  public let lastSupervision: LocalDate?
  public let level: IsolationLevel

  public init(
    worker: String, week: ISOWeek, workedSessions: Int, solitarySessions: Int, workedDays: Int, solitaryDays: Int,
    longestStreak: Int, lastSupervision: LocalDate?, level: IsolationLevel
  ) {
    self.worker = worker
    self.week = week
    self.workedSessions = workedSessions
    self.solitarySessions = solitarySessions
    self.workedDays = workedDays
    self.solitaryDays = solitaryDays
    self.longestStreak = longestStreak
    self.lastSupervision = lastSupervision
    self.level = level
  }
}
