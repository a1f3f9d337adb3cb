/// A whole rota: the PCN's sites and team, their usual weeks, and the dated
/// changes to them. This is what the rota file holds and the database stores.
public struct Rota: Hashable, Sendable {
  public var pcn: String
  /// The week the dated entries were written for; the demo is moved from it.
  public var anchorWeek: ISOWeek?
  /// The number of the latest change-log entry, when the rota came from a
  /// database (v1.1): `rota import --replace` compares it with the database's.
  public var revision: Int?
  /// When the rota was loaded for a window of dates, the first date from which
  /// it holds every dated entry; nil when it holds them all. Never written to a
  /// file: it tells the analysis how far back it can look (see `RotaAnalysis`).
  public var completeFrom: LocalDate?
  public var policy: Policy
  /// In the order they were created.
  public var sites: [Site]
  /// In the order they were created.
  public var workers: [Worker]
  public var leave: [Leave]
  /// At most one entry per worker, date and half (see `OverrideSet`).
  public var overrides: [Override]
  public var events: [Event]

  public init(
    pcn: String, anchorWeek: ISOWeek? = nil, revision: Int? = nil, policy: Policy = Policy(), sites: [Site] = [],
    workers: [Worker] = [], leave: [Leave] = [], overrides: [Override] = [], events: [Event] = []
  ) {
    self.pcn = pcn
    self.anchorWeek = anchorWeek
    self.revision = revision
    self.policy = policy
    self.sites = sites
    self.workers = workers
    self.leave = leave
    self.overrides = overrides
    self.events = events
  }

  public func site(_ code: String) -> Site? { sites.first { $0.code == code } }
  public func worker(_ id: String) -> Worker? { workers.first { $0.id == id } }
}

/// The thresholds the rules use (`policy:` in the rota file).
public struct Policy: Hashable, Sendable {
  public var maxSolitaryDays: Int = 2
  public var maxSolitaryStreak: Int = 3
  public var lookbackWeeks: Int = 4
  public var supervisionWeeks: Int = 4
  public var maxSoleSites: Int = 3
  public var bankHolidays: BankHolidayRegion = .englandAndWales

  public init(
    maxSolitaryDays: Int = 2, maxSolitaryStreak: Int = 3, lookbackWeeks: Int = 4,
    supervisionWeeks: Int = 4, maxSoleSites: Int = 3, bankHolidays: BankHolidayRegion = .englandAndWales
  ) {
    self.maxSolitaryDays = maxSolitaryDays
    self.maxSolitaryStreak = maxSolitaryStreak
    self.lookbackWeeks = lookbackWeeks
    self.supervisionWeeks = supervisionWeeks
    self.maxSoleSites = maxSoleSites
    self.bankHolidays = bankHolidays
  }

  /// Allowed ranges, as the rota file specifies them.
  public static let ranges: [String: ClosedRange<Int>] = [
    "max_solitary_days": 0...7,
    "max_solitary_streak": 1...60,
    "lookback_weeks": 1...52,
    "supervision_weeks": 1...52,
    "max_sole_sites": 1...50,
  ]
}

/// What kind of place a site is.
public enum SiteKind: String, CaseIterable, Sendable, Comparable, Codable {
  case practice, school, hospice, hospital, hub, community

  public static func < (a: SiteKind, b: SiteKind) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  public var displayName: String {
    switch self {
    case .practice: return "GP practice"
    case .school: return "school"
    case .hospice: return "hospice"
    case .hospital: return "hospital"
    case .hub: return "hub"
    case .community: return "community venue"
    }
  }
}

/// A place the team works from.
public struct Site: Hashable, Sendable, Codable {
  /// Upper case, 2 to 6 of A-Z and 0-9.
  public var code: String
  public var name: String
  public var kind: SiteKind
  /// Team members it can host in one session.
  public var rooms: Int
  public var open: WeeklySessions
  public var openBankHolidays: Bool
  /// Dated closures, such as protected learning time.
  public var closed: [DatedSession]
  /// Weekly sessions that need at least one team member.
  public var cover: WeeklySessions
  /// The first and last dates the site is in use (v1.1); nil means no limit.
  public var start: LocalDate?
  public var end: LocalDate?

  public init(
    code: String, name: String, kind: SiteKind, rooms: Int = 1, open: WeeklySessions = .weekdays,
    openBankHolidays: Bool = false, closed: [DatedSession] = [], cover: WeeklySessions = .none,
    start: LocalDate? = nil, end: LocalDate? = nil
  ) {
    self.code = code
    self.name = name
    self.kind = kind
    self.rooms = rooms
    self.open = open
    self.openBankHolidays = openBankHolidays
    self.closed = closed
    self.cover = cover
    self.start = start
    self.end = end
  }

  /// Whether the site is in use on `date`: within its `start` and `end`.
  public func isInUse(on date: LocalDate) -> Bool {
    (start.map { date >= $0 } ?? true) && (end.map { date <= $0 } ?? true)
  }
}

/// The four ARRS roles in a social prescribing team.
public enum Role: String, CaseIterable, Sendable, Comparable, Codable {
  case gpLinkWorker = "gp-link-worker"
  case familyLinkWorker = "family-link-worker"
  case healthWellbeingCoach = "health-wellbeing-coach"
  case careCoordinator = "care-coordinator"

  public static func < (a: Role, b: Role) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  public var displayName: String {
    switch self {
    case .gpLinkWorker: return "GP link worker"
    case .familyLinkWorker: return "Family link worker"
    case .healthWellbeingCoach: return "Health and wellbeing coach"
    case .careCoordinator: return "Care coordinator"
    }
  }

  public var pluralName: String {
    switch self {
    case .gpLinkWorker: return "GP link workers"
    case .familyLinkWorker: return "Family link workers"
    case .healthWellbeingCoach: return "Health and wellbeing coaches"
    case .careCoordinator: return "Care coordinators"
    }
  }
}

/// A worker's usual week: a place for each of the fourteen weekday-halves.
public struct WeeklyPattern: Hashable, Sendable {
  /// Indexed by `WeekdayHalf.index`.
  public var places: [Place]

  public init() { places = Array(repeating: .off, count: 14) }

  public subscript(_ s: WeekdayHalf) -> Place {
    get { places[s.index] }
    set { places[s.index] = newValue }
  }

  public subscript(_ day: Weekday, _ half: Half) -> Place {
    get { places[day.rawValue * 2 + half.rawValue] }
    set { places[day.rawValue * 2 + half.rawValue] = newValue }
  }

  /// Worked half-days in a usual week.
  public var workedSessions: Int { places.filter(\.isWorked).count }
}

/// A later usual week, in force from a date on (v1.1).
public struct PatternChange: Hashable, Sendable, Codable {
  public var from: LocalDate
  public var pattern: WeeklyPattern

  public init(from: LocalDate, pattern: WeeklyPattern) {
    self.from = from
    self.pattern = pattern
  }
}

/// A member of the social prescribing team.
public struct Worker: Hashable, Sendable, Codable {
  public var id: String
  public var name: String
  public var role: Role
  /// Contracted sessions per ISO week.
  public var sessions: Int
  /// The first and last dates in post (v1.1); nil means no limit.
  public var start: LocalDate?
  public var end: LocalDate?
  /// The usual week before the first of `patternChanges` (or always, when there are none).
  public var pattern: WeeklyPattern
  /// Later usual weeks, dates strictly increasing (v1.1).
  public var patternChanges: [PatternChange]

  public init(
    id: String, name: String, role: Role, sessions: Int, start: LocalDate? = nil, end: LocalDate? = nil,
    pattern: WeeklyPattern = WeeklyPattern(), patternChanges: [PatternChange] = []
  ) {
    self.id = id
    self.name = name
    self.role = role
    self.sessions = sessions
    self.start = start
    self.end = end
    self.pattern = pattern
    self.patternChanges = patternChanges
  }

  /// Whether the worker is in post on `date`: within their `start` and `end`.
  public func isInPost(on date: LocalDate) -> Bool {
    (start.map { date >= $0 } ?? true) && (end.map { date <= $0 } ?? true)
  }

  /// The usual week in force on `date`: that of the latest pattern change on or
  /// before it, else `pattern`.
  public func pattern(on date: LocalDate) -> WeeklyPattern {
    patternChanges.last { $0.from <= date }?.pattern ?? pattern
  }

  /// The usual week in force from now on (the latest one).
  public var latestPattern: WeeklyPattern { patternChanges.last?.pattern ?? pattern }
}

/// Why a worker is away.
public enum LeaveKind: String, CaseIterable, Sendable {
  case annual, sick, training, other

  public var displayName: String {
    switch self {
    case .annual: return "annual leave"
    case .sick: return "sick leave"
    case .training: return "training"
    case .other: return "leave"
    }
  }
}

/// A span of leave, from one dated session to another, inclusive.
public struct Leave: Hashable, Sendable, Codable {
  public var worker: String
  public var from: DatedSession
  public var to: DatedSession
  public var kind: LeaveKind

  public init(worker: String, from: DatedSession, to: DatedSession? = nil, kind: LeaveKind) {
    self.worker = worker
    self.from = from
    self.to = to ?? from
    self.kind = kind
  }

  /// The first and last session covered.
  public var sessions: ClosedRange<Int> { from.first.ordinal...to.last.ordinal }

  public func covers(_ s: Session) -> Bool { sessions.contains(s.ordinal) }
}

/// A dated change to a worker's usual week.
public struct Override: Hashable, Sendable {
  public var worker: String
  public var date: LocalDate
  /// nil means both halves.
  public var half: Half?
  public var place: Place

  public init(worker: String, date: LocalDate, half: Half? = nil, place: Place) {
    self.worker = worker
    self.date = date
    self.half = half
    self.place = place
  }
}

/// What an event is for.
public enum EventKind: String, CaseIterable, Sendable {
  case supervision, team, training, other
}

/// Where an event is held: a site, or online.
public enum EventVenue: Hashable, Sendable {
  case site(String)
  case online

  public var token: String {
    switch self {
    case .site(let code): return code
    case .online: return "online"
    }
  }
}

/// A meeting that some of the team attend: supervision, a team meeting, training.
public struct Event: Hashable, Sendable, Codable {
  public var title: String
  public var kind: EventKind
  public var date: LocalDate
  /// nil means both halves.
  public var half: Half?
  public var venue: EventVenue
  /// Who leads it (v1.1): any text, and need not be on the rota (an outside supervisor).
  public var lead: String?
  public var attendees: [String]

  public init(
    title: String, kind: EventKind, date: LocalDate, half: Half? = nil, venue: EventVenue, lead: String? = nil,
    attendees: [String]
  ) {
    self.title = title
    self.kind = kind
    self.date = date
    self.half = half
    self.venue = venue
    self.lead = lead
    self.attendees = attendees
  }

  public func isHeld(in s: Session) -> Bool { s.date == date && (half == nil || half == s.half) }
}
