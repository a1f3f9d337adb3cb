import Foundation

/// What people type for dates, half-days, worker ids, site codes and usual
/// weeks, read forgivingly: the command line and the planner's forms both use
/// these, so the same words work everywhere.
public enum TypedInput {
  /// A date as typed: `2026-11-26`, `26/11/2026`, `today`, `tomorrow`,
  /// `yesterday`, or a weekday of this week (`thu`, `Thursday`). Case does not
  /// matter. Nil when it is none of these or not a real date.
  public static func date(_ text: String, today: LocalDate) -> LocalDate? {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased()
    switch t {
    case "today": return today
    case "tomorrow": return today.adding(days: 1)
    case "yesterday": return today.adding(days: -1)
    default: break
    }
    if let d = LocalDate(iso: t) { return d }
    if let day = weekday(t) { return today.adding(days: day.rawValue - today.weekday.rawValue) }
    let parts = t.split(separator: "/", omittingEmptySubsequences: false)
    if parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
      let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2])
    {
      return LocalDate(year: y, month: m, day: d)
    }
    return nil
  }

  /// What `date` accepts, for messages.
  public static let dateForms =
    "a date such as 2026-11-26 or 26/11/2026, today, tomorrow, or a weekday of this week (thu)"

  /// `mon` or `monday` (any case).
  public static func weekday(_ text: String) -> Weekday? {
    let t = text.lowercased()
    if let d = Weekday(token: Substring(t)) { return d }
    return Weekday.allCases.first { $0.fullName.lowercased() == t }
  }

  /// A dated session as typed: a date in any form `date` accepts, optionally
  /// followed by `-am`, `-pm` or ` am`/` pm` (`2026-12-01-pm`, `thu-am`, `1/12/2026 pm`).
  public static func datedSession(_ text: String, today: LocalDate) -> DatedSession? {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased()
    if let d = date(t, today: today) { return DatedSession(d) }
    for half in Half.allCases {
      for separator in ["-", " "] where t.hasSuffix(separator + half.token) {
        if let d = date(String(t.dropLast(half.token.count + 1)), today: today) { return DatedSession(d, half) }
      }
    }
    return nil
  }

  public static let datedSessionForms = "a date, or a date and half such as 2026-12-01-pm or thu-am"

  /// The worker a typed id names: the id itself in any case, else the one
  /// worker whose name matches it (any case). Nil when none or several match.
  public static func worker(_ text: String, in workers: [Worker]) -> Worker? {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased()
    if let w = workers.first(where: { $0.id == t }) { return w }
    let named = workers.filter { $0.name.lowercased() == t }
    return named.count == 1 ? named[0] : nil
  }

  /// A site code as typed (any case), when it is one of `sites`.
  public static func site(_ text: String, in sites: [Site]) -> Site? {
    let t = text.trimmingCharacters(in: .whitespaces).uppercased()
    return sites.first { $0.code == t } ?? sites.first { $0.name.uppercased() == t }
  }

  /// The closest of `candidates` to what was typed, when it is close enough to
  /// be a typing slip (a letter or two wrong, missing, extra or swapped), for
  /// "did you mean". Case is ignored.
  public static func closest(to typed: String, in candidates: [String]) -> String? {
    let t = Array(typed.lowercased())
    guard !t.isEmpty else { return nil }
    let limit = max(1, min(3, t.count / 3))
    var best: (String, Int)? = nil
    for c in candidates {
      let d = distance(t, Array(c.lowercased()))
      if d <= limit && d < (best?.1 ?? Int.max) { best = (c, d) }
    }
    if let best { return best.0 }
    // A prefix of exactly one candidate also counts ("amir" for "amira").
    let prefixed = candidates.filter { $0.lowercased().hasPrefix(typed.lowercased()) }
    return t.count >= 3 && prefixed.count == 1 ? prefixed[0] : nil
  }

  /// Damerau–Levenshtein distance (optimal string alignment).
  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
          d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[a.count][b.count]
  }

  /// " (did you mean amira?)" or "".
  public static func didYouMean(_ typed: String, in candidates: [String]) -> String {
    closest(to: typed, in: candidates).map { "; did you mean \($0)?" } ?? ""
  }

  /// A place as typed: a site code, `home` or `off`, in any case. Whether the
  /// site exists is the caller's question.
  public static func place(_ text: String) -> Place? {
    let lower = text.lowercased()
    return Place(token: Substring(lower == "home" || lower == "off" ? lower : text))
  }

  /// A usual week written as words: `mon=RVS tue-am=OAK tue-pm=home wed=home`
  /// (halves not given are off). Site codes may be in any case and are
  /// returned in capitals; whether they exist is the caller's question. Throws
  /// a message naming the word that is wrong.
  public static func pattern(_ text: String) throws(PatternSpecError) -> WeeklyPattern {
    var p = WeeklyPattern()
    var seen: Set<Int> = []
    let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    guard !words.isEmpty else {
      throw PatternSpecError(message: "the usual week is empty; write it as words such as mon=RVS tue-am=OAK wed=home")
    }
    for word in words {
      let parts = word.split(separator: "=", omittingEmptySubsequences: false)
      guard parts.count == 2 else {
        throw PatternSpecError(message: "'\(word)' is not day=place; write it as mon=RVS, tue-am=home or wed=off")
      }
      let dayText = parts[0].lowercased()
      var halves = WeeklySessions.parseToken(Substring(dayText))
      if halves == nil, let d = weekday(dayText) { halves = [WeekdayHalf(d, .am), WeekdayHalf(d, .pm)] }
      guard let halves else {
        throw PatternSpecError(
          message: "'\(parts[0])' in '\(word)' is not a day; expected mon … sun, or a half such as tue-am")
      }
      guard let place = place(String(parts[1])) else {
        throw PatternSpecError(message: "'\(parts[1])' in '\(word)' is not a place; expected a site code, home or off")
      }
      for h in halves {
        guard seen.insert(h.index).inserted else {
          throw PatternSpecError(message: "\(h.token) is given twice in the usual week")
        }
        p[h] = place
      }
    }
    return p
  }
}

/// A usual week that could not be read, and why.
public struct PatternSpecError: Error, Equatable, Sendable {
  public let message: String
}
