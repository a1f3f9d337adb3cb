/// Planning the edits that change the team and the sites rather than a
/// half-day: starters and leavers, usual weeks, sites, leave cancelled over a
/// range, and events changed. Each plan says what it changes, how to take it
/// back, what the records hold before and after (what undo and redo expect),
/// and a sentence for the change log.
extension EditPlanner {
  // MARK: Workers

  func addWorker(_ w: Worker) throws -> EditPlan {
    guard WorkerID.isValid(w.id) else {
      throw EditError.invalid(
        "'\(w.id)' is not a valid worker id; use 1 to 32 of a-z, 0-9 and '-', starting with a letter")
    }
    if let other = try rota.worker(id: w.id) {
      throw EditError.invalid("the id '\(w.id)' is already \(other.name)'s; choose another")
    }
    try validate(w)
    var plan = EditPlan(
      changes: [.addWorker(w)], inverse: [.removeWorker(w.id)], after: [], before: [],
      summary: "new worker \(w.name) (\(w.id)), \(w.role.displayName), \(w.sessions) sessions, "
        + "\(postWords(w.start, w.end)); usual week: \(try words(w.pattern))",
      workers: [w.id], firstDate: w.start ?? SupportedDates.dates.lowerBound,
      lastDate: w.end ?? SupportedDates.dates.upperBound,
      openEnded: true)
    plan.recordsBefore = [RecordExpectation(.worker(w.id), "exists", nil)]
    plan.recordsAfter = RecordExpectation.all(of: w)
    return plan
  }

  func editWorker(_ id: String, _ change: WorkerChange) throws -> EditPlan {
    let w = try requireWorker(id)
    var after = change.applied(to: w)
    // Only what really changes is written and logged.
    var effective = WorkerChange()
    if after.name != w.name { effective.name = change.name }
    if after.role != w.role { effective.role = change.role }
    if after.sessions != w.sessions { effective.sessions = change.sessions }
    if after.start != w.start { effective.start = change.start }
    if after.end != w.end { effective.end = change.end }
    guard !effective.isEmpty else { throw EditError.invalid("\(w.name) already has those details; nothing to change") }
    after = effective.applied(to: w)
    try validate(after)
    var words: [String] = []
    if let n = effective.name { words.append("name \(w.name) → \(n)") }
    if let r = effective.role { words.append("role \(w.role.displayName) → \(r.displayName)") }
    if let s = effective.sessions { words.append("sessions \(w.sessions) → \(s)") }
    if effective.start != nil { words.append("in post from \(day(w.start)) → \(day(after.start))") }
    if effective.end != nil { words.append("last day \(day(w.end)) → \(day(after.end))") }
    return workerPlan(
      w, after, change: effective, extra: [], summary: "\(w.name): \(words.joined(separator: "; "))")
  }

  func endWorker(_ id: String, last: LocalDate) throws -> EditPlan {
    let w = try requireWorker(id)
    if let start = w.start, last < start {
      throw EditError.invalid(
        "\(w.name) starts on \(start.shortWithYear); a last day before that (\(last.shortWithYear)) is not possible")
    }
    guard w.end != last else { throw EditError.invalid("\(w.name)'s last day is already \(last.shortWithYear)") }
    let change = WorkerChange(end: .on(last))
    var after = change.applied(to: w)
    // Usual weeks planned to start after the last day go: they would be outside the post.
    let dropped = w.patternChanges.filter { $0.from > last }
    after.patternChanges.removeAll { $0.from > last }
    let extra = dropped.map { (RotaChange.setPatternChange(worker: w.id, from: $0.from, pattern: nil), $0) }
    var summary = "\(w.name) leaves: last day in post \(last.shortWithYear)"
    if !dropped.isEmpty {
      summary +=
        " (the usual week planned from \(dropped.map { $0.from.shortWithYear }.joined(separator: ", ")) dropped)"
    }
    return workerPlan(w, after, change: change, extra: extra, summary: summary)
  }

  /// A plan that updates a worker's fields (and removes some of their pattern changes).
  func workerPlan(
    _ w: Worker, _ after: Worker, change: WorkerChange, extra: [(RotaChange, PatternChange)], summary: String
  ) -> EditPlan {
    let fields = ["name", "role", "sessions", "start", "end"].filter {
      RecordExpectation.value($0, of: w) != RecordExpectation.value($0, of: after)
    }
    var plan = EditPlan(
      changes: [.updateWorker(id: w.id, change: change)] + extra.map(\.0),
      inverse: extra.map { .setPatternChange(worker: w.id, from: $0.1.from, pattern: $0.1.pattern) }
        + [.updateWorker(id: w.id, change: change.current(in: w))],
      after: [], before: [], summary: summary, workers: [w.id],
      firstDate: [w.start, after.start, w.end, after.end].compactMap { $0 }.min() ?? SupportedDates.dates.lowerBound,
      lastDate: SupportedDates.dates.upperBound, openEnded: true)
    let patternFields = extra.map { "pattern from \($0.1.from.iso)" }
    plan.recordsBefore = (fields + patternFields).map {
      RecordExpectation(.worker(w.id), $0, RecordExpectation.value($0, of: w))
    }
    plan.recordsAfter = (fields + patternFields).map {
      RecordExpectation(.worker(w.id), $0, RecordExpectation.value($0, of: after))
    }
    return plan
  }

  /// A worker's details as the rota file allows them.
  func validate(_ w: Worker) throws {
    if let problem = RotaText.nameProblem(w.name, maxLength: RotaLimits.workerName) {
      throw EditError.invalid("the name \(problem)")
    }
    let sessions = RotaLimits.sessions
    guard sessions.contains(w.sessions) else {
      throw EditError.invalid(
        "sessions is \(w.sessions); expected \(sessions.lowerBound) to \(sessions.upperBound) half-days a week")
    }
    if let start = w.start, let end = w.end, end < start {
      throw EditError.invalid(
        "the last day (\(end.shortWithYear)) is before the first (\(start.shortWithYear)); 'end' must not be before 'start'"
      )
    }
    for p in w.pattern.places { try requirePlace(p) }
    var previous: LocalDate? = nil
    for c in w.patternChanges {
      for p in c.pattern.places { try requirePlace(p) }
      guard w.isInPost(on: c.from) else {
        throw EditError.invalid(
          "the usual week from \(c.from.shortWithYear) would fall outside the post (\(postWords(w.start, w.end))); change or remove it first"
        )
      }
      if let previous, c.from <= previous { throw EditError.invalid("usual-week changes must be in date order") }
      previous = c.from
    }
  }

  // MARK: Usual weeks

  /// A new usual week from `from`, as a pattern change: the weeks before keep
  /// the usual week they had; a change already planned for the same date is replaced.
  func patternChange(_ id: String, from: LocalDate, pattern: WeeklyPattern) throws -> EditPlan {
    let w = try requireWorker(id)
    for p in pattern.places { try requirePlace(p) }
    guard w.isInPost(on: from) else {
      throw EditError.invalid(
        "\(w.name) is not in post on \(from.shortWithYear) (\(postWords(w.start, w.end))); choose a date within the post"
      )
    }
    let existing = w.patternChanges.first { $0.from == from }
    let inForce = w.pattern(on: from)
    guard pattern != inForce else {
      throw EditError.invalid("\(w.name)'s usual week on \(from.shortWithYear) is already that")
    }
    // The week the new one replaces: the one in force the day before, or the one planned for that date.
    let old = existing?.pattern ?? inForce
    var what: [String] = []
    for d in Weekday.allCases {
      let o = (old[d, .am], old[d, .pm])
      let n = (pattern[d, .am], pattern[d, .pm])
      if o != n {
        what.append(try "\(d.shortName) \(describe([o.0, o.1], [.am, .pm])) → \(describe([n.0, n.1], [.am, .pm]))")
      }
    }
    let field = "pattern from \(from.iso)"
    var plan = EditPlan(
      changes: [.setPatternChange(worker: w.id, from: from, pattern: pattern)],
      inverse: [.setPatternChange(worker: w.id, from: from, pattern: existing?.pattern)], after: [], before: [],
      summary: "\(w.name): usual week from \(from.shortWithYear): \(what.joined(separator: "; "))", workers: [w.id],
      firstDate: from, lastDate: from, openEnded: true)
    plan.recordsBefore = [RecordExpectation(.worker(w.id), field, existing?.pattern.text)]
    plan.recordsAfter = [RecordExpectation(.worker(w.id), field, pattern.text)]
    return plan
  }

  // MARK: Sites

  func addSite(_ site: Site) throws -> EditPlan {
    guard SiteCode.isValid(site.code) else {
      throw EditError.invalid(
        "'\(site.code)' is not a valid site code; use 2 to 6 letters or digits, such as RVS (HOME and OFF are reserved)"
      )
    }
    if let other = try rota.site(code: site.code) {
      throw EditError.invalid("the code \(site.code) is already \(other.name)'s; choose another")
    }
    try validate(site)
    var plan = EditPlan(
      changes: [.addSite(site)], inverse: [.removeSite(site.code)], after: [], before: [],
      summary: "new site \(site.name) (\(site.code)), \(site.kind.displayName), \(plural(site.rooms, "room"))"
        + (site.start.map { ", in use from \($0.shortWithYear)" } ?? ""),
      workers: [], firstDate: site.start ?? SupportedDates.dates.lowerBound,
      lastDate: site.end ?? SupportedDates.dates.upperBound,
      openEnded: true)
    plan.sites = [site.code]
    plan.recordsBefore = [RecordExpectation(.site(site.code), "exists", nil)]
    plan.recordsAfter = RecordExpectation.all(of: site)
    return plan
  }

  func editSite(_ code: String, _ change: SiteChange) throws -> EditPlan {
    let site = try requireSite(code)
    let after = change.applied(to: site)
    try validate(after)
    let fields = ["name", "kind", "rooms", "open", "cover", "open_bank_holidays", "start", "end"].filter {
      RecordExpectation.value($0, of: site) != RecordExpectation.value($0, of: after)
    }
    guard !fields.isEmpty else { throw EditError.invalid("\(site.name) already has those details; nothing to change") }
    let words = fields.map { f -> String in
      switch f {
      case "start": return "in use from \(day(site.start)) → \(day(after.start))"
      case "end": return "last day in use \(day(site.end)) → \(day(after.end))"
      case "kind": return "kind \(site.kind.displayName) → \(after.kind.displayName)"
      default:
        let was = RecordExpectation.value(f, of: site) ?? ""
        let now = RecordExpectation.value(f, of: after) ?? ""
        return
          "\(f.replacingOccurrences(of: "_", with: " ")) \(was.isEmpty ? "none" : was) → \(now.isEmpty ? "none" : now)"
      }
    }
    return sitePlan(
      site, after, fields: fields, summary: "\(site.name) (\(site.code)): \(words.joined(separator: "; "))")
  }

  func endSite(_ code: String, last: LocalDate) throws -> EditPlan {
    let site = try requireSite(code)
    if let start = site.start, last < start {
      throw EditError.invalid(
        "\(site.name) is in use from \(start.shortWithYear); a last day before that (\(last.shortWithYear)) is not possible"
      )
    }
    guard site.end != last else { throw EditError.invalid("\(site.name)'s last day is already \(last.shortWithYear)") }
    var after = site
    after.end = last
    return sitePlan(
      site, after, fields: ["end"],
      summary: "\(site.name) (\(site.code)) closes for good: last day in use \(last.shortWithYear)")
  }

  func sitePlan(_ site: Site, _ after: Site, fields: [String], summary: String) -> EditPlan {
    let change = SiteChange(
      name: fields.contains("name") ? after.name : nil, kind: fields.contains("kind") ? after.kind : nil,
      rooms: fields.contains("rooms") ? after.rooms : nil, open: fields.contains("open") ? after.open : nil,
      cover: fields.contains("cover") ? after.cover : nil,
      openBankHolidays: fields.contains("open_bank_holidays") ? after.openBankHolidays : nil,
      start: fields.contains("start") ? DateBound(after.start) : nil,
      end: fields.contains("end") ? DateBound(after.end) : nil)
    var plan = EditPlan(
      changes: [.updateSite(code: site.code, change: change)],
      inverse: [.updateSite(code: site.code, change: change.current(in: site))], after: [], before: [],
      summary: summary, workers: [],
      firstDate: [site.start, after.start, site.end, after.end].compactMap { $0 }.min()
        ?? SupportedDates.dates.lowerBound,
      lastDate: SupportedDates.dates.upperBound, openEnded: true)
    plan.sites = [site.code]
    plan.recordsBefore = fields.map { RecordExpectation(.site(site.code), $0, RecordExpectation.value($0, of: site)) }
    plan.recordsAfter = fields.map { RecordExpectation(.site(site.code), $0, RecordExpectation.value($0, of: after)) }
    return plan
  }

  func validate(_ s: Site) throws {
    if let problem = RotaText.nameProblem(s.name, maxLength: RotaLimits.siteName) {
      throw EditError.invalid("the name \(problem)")
    }
    let rooms = RotaLimits.rooms
    guard rooms.contains(s.rooms) else {
      throw EditError.invalid("rooms is \(s.rooms); expected \(rooms.lowerBound) to \(rooms.upperBound)")
    }
    if let start = s.start, let end = s.end, end < start {
      throw EditError.invalid(
        "the last day in use (\(end.shortWithYear)) is before the first (\(start.shortWithYear)); 'end' must not be before 'start'"
      )
    }
  }

  func requireSite(_ code: String) throws -> Site {
    guard let s = try rota.site(code: code) else { throw EditError.unknownSite(code) }
    return s
  }

  // MARK: Leave and events

  /// Cancels leave from `from` to `to` (inclusive): entries inside go, entries
  /// that reach past either end are shortened, and one that spans the whole
  /// range is split in two.
  func cancelLeave(_ id: String, from: DatedSession, to: DatedSession) throws -> EditPlan {
    let w = try requireWorker(id)
    let first = from.first.ordinal
    let last = to.last.ordinal
    guard last >= first else {
      throw EditError.invalid(
        "the range ends (\(to.token)) before it starts (\(from.token)); 'to' must not be before 'from'")
    }
    var changes: [RotaChange] = []
    var inverse: [RotaChange] = []
    var kept: [String] = []
    for l in try rota.leave(worker: w.id) where l.sessions.overlaps(first...last) {
      changes.append(.removeLeave(l))
      var pieces: [Leave] = []
      if l.sessions.lowerBound < first { pieces.append(Self.leave(l, l.sessions.lowerBound...(first - 1))) }
      if l.sessions.upperBound > last { pieces.append(Self.leave(l, (last + 1)...l.sessions.upperBound)) }
      changes += pieces.map(RotaChange.addLeave)
      inverse = pieces.map(RotaChange.removeLeave) + [.addLeave(l)] + inverse
      kept += pieces.map(span)
    }
    guard !changes.isEmpty else {
      throw EditError.invalid(
        "\(w.name) has no leave \(span(Leave(worker: id, from: from, to: to, kind: .other))) to cancel")
    }
    let range = span(Leave(worker: id, from: from, to: to, kind: .other))
    return EditPlan(
      changes: changes, inverse: inverse, after: [], before: [],
      summary: "\(w.name): leave cancelled, \(range)"
        + (kept.isEmpty ? "" : "; still on leave \(kept.joined(separator: ", "))"),
      workers: [w.id], firstDate: from.date, lastDate: to.date, openEnded: false)
  }

  /// The part of `l` over the sessions `r`, written as briefly as the file allows.
  static func leave(_ l: Leave, _ r: ClosedRange<Int>) -> Leave {
    let a = Session(ordinal: r.lowerBound)
    let b = Session(ordinal: r.upperBound)
    if a == b { return Leave(worker: l.worker, from: DatedSession(a.date, a.half), kind: l.kind) }
    return Leave(
      worker: l.worker, from: DatedSession(a.date, a.half == .am ? nil : .pm),
      to: DatedSession(b.date, b.half == .pm ? nil : .am), kind: l.kind)
  }

  func editEvent(_ old: Event, _ new: Event) throws -> EditPlan {
    guard try rota.contains(old) else {
      throw EditError.missing("there is no \(old.title) on \(when(old)) to change")
    }
    guard old != new else { throw EditError.invalid("\(old.title) on \(when(old)) is already like that") }
    try validate(new)
    var what: [String] = []
    if old.date != new.date || old.half != new.half { what.append("moved from \(when(old)) to \(when(new))") }
    if old.title != new.title { what.append("renamed \(new.title)") }
    if old.kind != new.kind { what.append("now \(new.kind.rawValue)") }
    if old.venue != new.venue { what.append("now \(try venue(new.venue))") }
    if old.lead != new.lead { what.append(new.lead.map { "led by \($0)" } ?? "no lead") }
    if old.attendees != new.attendees {
      what.append("attendees \(try new.attendees.map { try requireWorker($0).name }.joined(separator: ", "))")
    }
    return EditPlan(
      changes: [.removeEvent(old), .addEvent(new)], inverse: [.removeEvent(new), .addEvent(old)], after: [],
      before: [], summary: "\(old.title) (\(old.kind.rawValue)), \(when(old)): \(what.joined(separator: "; "))",
      workers: Array(Set(old.attendees + new.attendees)).sorted(), firstDate: min(old.date, new.date),
      lastDate: max(old.date, new.date), openEnded: false)
  }

  func venue(_ v: EventVenue) throws -> String {
    switch v {
    case .online: return "online"
    case .site(let code): return "at \(try rota.site(code: code)?.name ?? code)"
    }
  }

  // MARK: Words

  func day(_ d: LocalDate?) -> String { d?.shortWithYear ?? "none" }

  func postWords(_ start: LocalDate?, _ end: LocalDate?) -> String {
    switch (start, end) {
    case (let s?, let e?): return "in post \(s.shortWithYear) to \(e.shortWithYear)"
    case (let s?, nil): return "in post from \(s.shortWithYear)"
    case (nil, let e?): return "in post until \(e.shortWithYear)"
    case (nil, nil): return "in post throughout"
    }
  }

  /// "Mon Riverside Surgery, Tue Oakfield (AM), home (PM)", or "all days off".
  func words(_ p: WeeklyPattern) throws -> String {
    var out: [String] = []
    for d in Weekday.allCases {
      let am = p[d, .am]
      let pm = p[d, .pm]
      if am == .off && pm == .off { continue }
      out.append("\(d.shortName) \(try describe([am, pm], [.am, .pm]))")
    }
    return out.isEmpty ? "all days off" : out.joined(separator: ", ")
  }
}
