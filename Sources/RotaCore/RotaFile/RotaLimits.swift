/// What a rota must be, wherever it comes from. The rota file reader enforces
/// these limits as it reads, with the line and column of each value; `problem`
/// checks a rota that did not come through the reader (the database loads one,
/// and a database can be edited by other means) against the same limits, so that
/// every rota the rules see is one the rota file could have held.
public enum RotaLimits {
  /// The longest names and titles, in characters (see `RotaText.nameProblem`).
  public static let pcnName = 80
  public static let siteName = 80
  public static let workerName = 60
  public static let eventTitle = 80
  /// Team members a site can host in one session.
  public static let rooms = 0...50
  /// A worker's contracted half-days in a week.
  public static let sessions = 0...14

  /// The first thing wrong with `rota`, naming the part it is in, or nil when it
  /// keeps every limit a rota file is read by: names, numbers, codes and ids,
  /// dates within `SupportedDates`, references to sites and workers that exist,
  /// nothing listed twice, nothing ending before it starts.
  public static func problem(in rota: Rota) -> String? {
    if let p = RotaText.nameProblem(rota.pcn, maxLength: pcnName) { return "the PCN name \(p)" }
    if let week = rota.anchorWeek, let p = SupportedDates.problem(week) { return "the anchor week \(p)" }
    if let p = problem(in: rota.policy) { return p }
    var codes: Set<String> = []
    for site in rota.sites {
      if let p = problem(in: site) { return p }
      guard codes.insert(site.code).inserted else { return "the site code \(site.code) is used twice" }
    }
    var ids: Set<String> = []
    for worker in rota.workers {
      if let p = problem(in: worker, siteCodes: codes) { return p }
      guard ids.insert(worker.id).inserted else { return "the worker id \(worker.id) is used twice" }
    }
    for leave in rota.leave {
      // Worded only when something is wrong: a large rota holds tens of thousands of entries.
      var what: String { "leave of \(PrintableText.quoted(leave.worker)) from \(leave.from.token)" }
      guard ids.contains(leave.worker) else { return "\(what): no worker has that id" }
      if let p = SupportedDates.problem(leave.from.date) ?? SupportedDates.problem(leave.to.date) {
        return "\(what): \(p)"
      }
      guard leave.to.last.ordinal >= leave.from.first.ordinal else { return "\(what): it ends before it starts" }
    }
    for override in rota.overrides {
      var what: String { "the change for \(PrintableText.quoted(override.worker)) on \(override.date.iso)" }
      guard ids.contains(override.worker) else { return "\(what): no worker has that id" }
      if let p = SupportedDates.problem(override.date) { return "\(what): \(p)" }
      if let p = problem(place: override.place, siteCodes: codes) { return "\(what): \(p)" }
    }
    for event in rota.events {
      var what: String { "the event on \(event.date.iso)" }
      if let p = RotaText.nameProblem(event.title, maxLength: eventTitle) { return "\(what): its title \(p)" }
      if let lead = event.lead, let p = RotaText.nameProblem(lead, maxLength: workerName) {
        return "\(what): its lead \(p)"
      }
      if let p = SupportedDates.problem(event.date) { return "\(what): \(p)" }
      if case .site(let code) = event.venue, !codes.contains(code) {
        return "\(what): no site has the code \(PrintableText.quoted(code))"
      }
      guard !event.attendees.isEmpty else { return "\(what): it has no attendees" }
      var listed: Set<String> = []
      for id in event.attendees {
        guard ids.contains(id) else { return "\(what): no worker has the id \(PrintableText.quoted(id))" }
        guard listed.insert(id).inserted else { return "\(what): \(PrintableText.quoted(id)) is listed twice" }
      }
    }
    return nil
  }

  /// The first thing wrong with a policy: every number within its range.
  public static func problem(in policy: Policy) -> String? {
    let values: [(String, Int)] = [
      ("max_solitary_days", policy.maxSolitaryDays), ("max_solitary_streak", policy.maxSolitaryStreak),
      ("lookback_weeks", policy.lookbackWeeks), ("supervision_weeks", policy.supervisionWeeks),
      ("max_sole_sites", policy.maxSoleSites),
    ]
    for (key, value) in values {
      guard let range = Policy.ranges[key], range.contains(value) else {
        return
          "policy.\(key) is \(value); expected a number from \(Policy.ranges[key]!.lowerBound) to \(Policy.ranges[key]!.upperBound)"
      }
    }
    return nil
  }

  /// The first thing wrong with a site on its own (not its place among the others).
  public static func problem(in site: Site) -> String? {
    var what: String { "the site \(PrintableText.quoted(site.code))" }
    guard SiteCode.isValid(site.code) else {
      return "\(what): a site code is 2 to 6 capital letters or digits (HOME and OFF are reserved)"
    }
    if let p = RotaText.nameProblem(site.name, maxLength: siteName) { return "\(what): its name \(p)" }
    if let p = problem(start: site.start, end: site.end) { return "\(what): its time in use \(p)" }
    guard rooms.contains(site.rooms) else {
      return "\(what): rooms is \(site.rooms); expected a number from \(rooms.lowerBound) to \(rooms.upperBound)"
    }
    var closed: Set<Int> = []
    for closure in site.closed {
      if let p = SupportedDates.problem(closure.date) { return "\(what): a closure \(p)" }
      for half in closure.halves where !closed.insert(Session(closure.date, half).ordinal).inserted {
        return "\(what): \(Session(closure.date, half).token) is closed twice"
      }
    }
    return nil
  }

  /// The first thing wrong with a worker on their own; the places of their usual
  /// week must be among `siteCodes`.
  public static func problem(in worker: Worker, siteCodes: Set<String>) -> String? {
    var what: String { "the worker \(PrintableText.quoted(worker.id))" }
    guard WorkerID.isValid(worker.id) else {
      return "\(what): a worker id is 1 to 32 of a-z, 0-9 and '-', starting with a letter"
    }
    if let p = RotaText.nameProblem(worker.name, maxLength: workerName) { return "\(what): their name \(p)" }
    guard sessions.contains(worker.sessions) else {
      return
        "\(what): sessions is \(worker.sessions); expected a number from \(sessions.lowerBound) to \(sessions.upperBound)"
    }
    for place in worker.pattern.places {
      if let p = problem(place: place, siteCodes: siteCodes) { return "\(what): their usual week \(p)" }
    }
    if let p = problem(start: worker.start, end: worker.end) { return "\(what): their post \(p)" }
    var previous: LocalDate? = nil
    for change in worker.patternChanges {
      if let p = SupportedDates.problem(change.from) { return "\(what): a usual-week change \(p)" }
      if let previous, change.from <= previous { return "\(what): their usual-week changes are not in date order" }
      guard worker.isInPost(on: change.from) else {
        return "\(what): the usual week from \(change.from.iso) is outside their post"
      }
      for place in change.pattern.places {
        if let p = problem(place: place, siteCodes: siteCodes) { return "\(what): their usual week \(p)" }
      }
      previous = change.from
    }
    return nil
  }

  /// A post's or a site's dates (v1.1): supported, and the end not before the start.
  static func problem(start: LocalDate?, end: LocalDate?) -> String? {
    for d in [start, end].compactMap({ $0 }) { if let p = SupportedDates.problem(d) { return p } }
    if let start, let end, end < start { return "ends (\(end.iso)) before it starts (\(start.iso))" }
    return nil
  }

  static func problem(place: Place, siteCodes: Set<String>) -> String? {
    guard case .site(let code) = place, !siteCodes.contains(code) else { return nil }
    return "names \(PrintableText.quoted(code)), which is no site's code"
  }
}
