import Foundation

/// A moment as the change log records it: the local date and time in
/// Europe/London, with the offset from UTC, to the second.
public struct LocalDateTime: Hashable, Comparable, Sendable {
  public let date: LocalDate
  public let hour: Int
  public let minute: Int
  public let second: Int
  /// Minutes ahead of UTC: 0 in winter (GMT), 60 in summer (BST).
  public let offsetMinutes: Int

  public init(date: LocalDate, hour: Int, minute: Int, second: Int = 0, offsetMinutes: Int = 0) {
    self.date = date
    self.hour = hour
    self.minute = minute
    self.second = second
    self.offsetMinutes = offsetMinutes
  }

  static let london = TimeZone(identifier: "Europe/London") ?? TimeZone(secondsFromGMT: 0)!

  /// The local time in Europe/London of an instant.
  public init(_ instant: Date) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = LocalDateTime.london
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
    self.init(
      date: LocalDate(uncheckedYear: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1), hour: c.hour!,
      minute: c.minute!,
      second: c.second!, offsetMinutes: LocalDateTime.london.secondsFromGMT(for: instant) / 60)
  }

  /// The instant this local time names.
  public var instant: Date {
    let seconds = (date.dayNumber * 86_400) + hour * 3600 + minute * 60 + second - offsetMinutes * 60
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }

  public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.instant < b.instant }

  /// `2026-11-24T14:02:09+00:00`.
  public var iso: String {
    let sign = offsetMinutes < 0 ? "-" : "+"
    let off = abs(offsetMinutes)
    return
      "\(date.iso)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))\(sign)\(pad(off / 60, 2)):\(pad(off % 60, 2))"
  }

  /// Parses the form `iso` writes, or a local time without seconds or offset
  /// (`2026-11-24T14:02`), which is read as Europe/London.
  public init?(iso text: String) {
    let parts = text.split(separator: "T", maxSplits: 1)
    guard parts.count == 2, let d = LocalDate(iso: parts[0]) else { return nil }
    var rest = Substring(parts[1])
    var offset: Int? = nil
    if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }), rest.distance(from: sign, to: rest.endIndex) == 6 {
      let o = rest[rest.index(after: sign)...].split(separator: ":")
      guard o.count == 2, let h = Int(o[0]), let m = Int(o[1]) else { return nil }
      offset = (h * 60 + m) * (rest[sign] == "-" ? -1 : 1)
      rest = rest[..<sign]
    } else if rest.hasSuffix("Z") {
      offset = 0
      rest = rest.dropLast()
    }
    let t = rest.split(separator: ":").map { Int($0) }
    guard (2...3).contains(t.count), t.allSatisfy({ $0 != nil }) else { return nil }
    let (h, m, s) = (t[0]!, t[1]!, t.count == 3 ? t[2]! : 0)
    guard (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s) else { return nil }
    if let offset {
      self.init(date: d, hour: h, minute: m, second: s, offsetMinutes: offset)
    } else {
      // Work out the London offset for that wall-clock time.
      let guess = LocalDateTime(date: d, hour: h, minute: m, second: s, offsetMinutes: 0).instant
      let minutes = LocalDateTime.london.secondsFromGMT(for: guess) / 60
      self.init(date: d, hour: h, minute: m, second: s, offsetMinutes: minutes)
    }
  }

  /// For the change log: `Tue 24 Nov 14:02`, with the year when it is not `year`.
  public func label(currentYear: Int) -> String {
    let y = date.year == currentYear ? "" : " \(date.year)"
    return "\(date.short)\(y) \(pad(hour, 2)):\(pad(minute, 2))"
  }
}

extension Clock {
  /// Now, in Europe/London; `ROTA_NOW=2026-11-24T14:02` pins it for tests.
  public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> LocalDateTime {
    if let pinned = environment["ROTA_NOW"], let t = LocalDateTime(iso: pinned) { return t }
    return LocalDateTime(Date())
  }
}
