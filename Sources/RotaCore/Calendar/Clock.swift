import Foundation

/// Where "today" comes from. The real clock reads the system's local date in
/// Europe/London; tests and scripted sessions pin it with `ROTA_TODAY=YYYY-MM-DD`.
public enum Clock {
  /// Today's local date, honouring `ROTA_TODAY` when it is set to a valid date.
  public static func today(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> LocalDate
  {
    if let pinned = environment["ROTA_TODAY"], let date = LocalDate(iso: pinned) {
      return date
    }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .current
    let c = calendar.dateComponents([.year, .month, .day], from: Date())
    return LocalDate(uncheckedYear: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
  }
}
