/// Morning or afternoon: the rota plans in half-days.
public enum Half: Int, CaseIterable, Sendable, Comparable {
  case am, pm

  public static func < (a: Half, b: Half) -> Bool { a.rawValue < b.rawValue }

  /// The rota file token: `am`.
  public var token: String { self == .am ? "am" : "pm" }
  /// For people: `AM`.
  public var label: String { self == .am ? "AM" : "PM" }

  public init?(token: Substring) {
    switch token {
    case "am": self = .am
    case "pm": self = .pm
    default: return nil
    }
  }
}

/// A weekday-half: one of the fourteen half-days of a week, `mon-am` to `sun-pm`.
public struct WeekdayHalf: Hashable, Comparable, Sendable {
  public let weekday: Weekday
  public let half: Half

  public init(_ weekday: Weekday, _ half: Half) {
    self.weekday = weekday
    self.half = half
  }

  /// 0 for `mon-am` up to 13 for `sun-pm`.
  public var index: Int { weekday.rawValue * 2 + half.rawValue }

  public init(index: Int) {
    self.init(Weekday(rawValue: index / 2)!, Half(rawValue: index % 2)!)
  }

  public static func < (a: WeekdayHalf, b: WeekdayHalf) -> Bool { a.index < b.index }

  public var token: String { "\(weekday.token)-\(half.token)" }
}

/// A set of weekday-halves, as a 14-bit mask: a site's opening or cover needs.
public struct WeeklySessions: Hashable, Sendable {
  public var mask: UInt16

  public init(mask: UInt16 = 0) { self.mask = mask & 0x3FFF }

  /// Monday to Friday, both halves: the default opening.
  public static let weekdays = WeeklySessions(mask: 0x03FF)
  public static let none = WeeklySessions(mask: 0)

  public func contains(_ s: WeekdayHalf) -> Bool { mask & (1 << UInt16(s.index)) != 0 }
  public func contains(index: Int) -> Bool { mask & (1 << UInt16(index)) != 0 }

  public mutating func insert(_ s: WeekdayHalf) { mask |= 1 << UInt16(s.index) }
  public mutating func remove(_ s: WeekdayHalf) { mask &= ~(1 << UInt16(s.index)) }

  public var isEmpty: Bool { mask == 0 }

  /// The members, in week order.
  public var members: [WeekdayHalf] { (0..<14).filter { contains(index: $0) }.map(WeekdayHalf.init(index:)) }

  /// Canonical tokens: a weekday when both halves are in, else the half (`[mon, wed-am]`).
  public var tokens: [String] {
    var out: [String] = []
    for day in Weekday.allCases {
      let am = contains(WeekdayHalf(day, .am))
      let pm = contains(WeekdayHalf(day, .pm))
      if am && pm {
        out.append(day.token)
      } else if am {
        out.append("\(day.token)-am")
      } else if pm {
        out.append("\(day.token)-pm")
      }
    }
    return out
  }

  /// Parses a weekly session token (`wed` or `wed-pm`) into the halves it names.
  public static func parseToken(_ text: Substring) -> [WeekdayHalf]? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard let day = parts.first.flatMap({ Weekday(token: $0) }) else { return nil }
    switch parts.count {
    case 1: return [WeekdayHalf(day, .am), WeekdayHalf(day, .pm)]
    case 2: return Half(token: parts[1]).map { [WeekdayHalf(day, $0)] }
    default: return nil
    }
  }
}

/// One half-day on one date: the unit the rules work in.
public struct Session: Hashable, Comparable, Sendable {
  public let date: LocalDate
  public let half: Half

  public init(_ date: LocalDate, _ half: Half) {
    self.date = date
    self.half = half
  }

  /// A dense ordinal: two per day.
  public var ordinal: Int { date.dayNumber * 2 + half.rawValue }

  public init(ordinal: Int) {
    let day = ordinal >= 0 ? ordinal / 2 : (ordinal - 1) / 2
    self.init(LocalDate(dayNumber: day), Half(rawValue: ordinal - day * 2)!)
  }

  public static func < (a: Session, b: Session) -> Bool { a.ordinal < b.ordinal }

  public var weekdayHalf: WeekdayHalf { WeekdayHalf(date.weekday, half) }

  /// `2026-11-26-am`.
  public var token: String { "\(date.iso)-\(half.token)" }

  /// For people: `Thu 26 Nov AM`.
  public var label: String { "\(date.short) \(half.label)" }
}

/// A dated session as the rota file writes it: a whole date, or one half of it.
public struct DatedSession: Hashable, Comparable, Sendable {
  public let date: LocalDate
  /// nil means both halves.
  public let half: Half?

  public init(_ date: LocalDate, _ half: Half? = nil) {
    self.date = date
    self.half = half
  }

  /// Parses `2026-11-26` or `2026-11-26-am`.
  public init?(token: Substring) {
    if token.utf8.count == 10 {
      guard let d = LocalDate(iso: token) else { return nil }
      self.init(d)
    } else if token.utf8.count == 13 {
      let datePart = token.prefix(10)
      let rest = token.dropFirst(10)
      guard rest.first == "-", let d = LocalDate(iso: datePart), let h = Half(token: rest.dropFirst())
      else { return nil }
      self.init(d, h)
    } else {
      return nil
    }
  }

  public var token: String { half.map { "\(date.iso)-\($0.token)" } ?? date.iso }

  /// The first session it covers (AM for a whole day).
  public var first: Session { Session(date, half ?? .am) }
  /// The last session it covers (PM for a whole day).
  public var last: Session { Session(date, half ?? .pm) }

  public static func < (a: DatedSession, b: DatedSession) -> Bool {
    (a.date, a.half?.rawValue ?? -1) < (b.date, b.half?.rawValue ?? -1)
  }

  /// The halves it covers.
  public var halves: [Half] { half.map { [$0] } ?? [.am, .pm] }
}

/// Where a worker is planned to be: a site, home or off (the rota file's `place`).
public enum Place: Hashable, Sendable, Comparable {
  case site(String)
  case home
  case off

  /// The rota file token: the site code, `home` or `off`.
  public var token: String {
    switch self {
    case .site(let code): return code
    case .home: return "home"
    case .off: return "off"
    }
  }

  /// Parses a place token. Site codes are read case-insensitively and kept upper case;
  /// whether the site exists is the caller's question.
  public init?(token: Substring) {
    switch token {
    case "home": self = .home
    case "off": self = .off
    default:
      let code = token.uppercased()
      guard SiteCode.isValid(code) else { return nil }
      self = .site(code)
    }
  }

  public var isWorked: Bool { self != .off }

  public var siteCode: String? {
    if case .site(let c) = self { return c }
    return nil
  }
}

/// The rules for site codes.
public enum SiteCode {
  /// 2 to 6 characters of A-Z and 0-9, and not a reserved word.
  public static func isValid(_ code: String) -> Bool {
    let bytes = Array(code.utf8)
    guard (2...6).contains(bytes.count) else { return false }
    guard bytes.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) }) else { return false }
    return !reserved.contains(code)
  }

  public static let reserved: Set<String> = ["HOME", "OFF"]
}

/// The rules for worker ids.
public enum WorkerID {
  /// 1 to 32 characters of a-z, 0-9 and `-`, starting with a letter.
  public static func isValid(_ id: String) -> Bool {
    let bytes = Array(id.utf8)
    guard (1...32).contains(bytes.count), let first = bytes.first, first >= 97, first <= 122 else {
      return false
    }
    return bytes.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
  }
}
