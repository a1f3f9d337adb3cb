/// Works out what an edit changes, against the rota as it is now.
public struct EditPlanner<Reader: RotaReading> {
  public let rota: Reader

  public init(_ rota: Reader) { self.rota = rota }

  /// Plans `edit`, first checking that every expected cell still holds the
  /// expected place (else `EditError.conflict`) and every expected field of a
  /// worker or site its value (else `EditError.recordConflict`).
  public func plan(_ edit: Edit, expecting: [CellExpectation] = [], records: [RecordExpectation] = []) throws
    -> EditPlan
  {
    for date in edit.dates + expecting.map(\.date) {
      if let problem = SupportedDates.problem(date) { throw EditError.invalid(problem) }
    }
    for e in expecting {
      guard let w = try rota.worker(id: e.worker) else { throw EditError.unknownWorker(e.worker) }
      // Expecting a site no one could be at is a mistake in the request, not a conflict.
      try requirePlace(e.place)
      let now = try rota.planned(worker: w, date: e.date, half: e.half)
      if now != e.place { throw EditError.conflict(e, current: now) }
    }
    for e in records {
      let now = try rota.current(e)
      if now != e.value { throw EditError.recordConflict(e, current: now) }
    }
    switch edit {
    case .move(let worker, let date, let half, let to):
      let w = try requireWorker(worker)
      try requirePlace(to)
      var plan = try moves(w, date: date, halves: halves(half), to: { _ in to })
      plan.summary = try
        "\(w.name), \(date.short): \(describe(plan.before.map(\.place), halves(half))) → \(name(to)) (\(halvesLabel(half)))"
      return plan

    case .swapDays(let worker, let first, let second, let half):
      let w = try requireWorker(worker)
      guard first != second else { throw EditError.invalid("both dates are \(first.short); choose two different days") }
      return try swap((w, first), (w, second), half: half, title: "\(w.name), \(first.short) ⇄ \(second.short)")

    case .swapWorkers(let first, let second, let date, let half):
      let w1 = try requireWorker(first)
      let w2 = try requireWorker(second)
      guard w1.id != w2.id else { throw EditError.invalid("both workers are \(w1.name); choose two different people") }
      return try swap((w1, date), (w2, date), half: half, title: "\(w1.name) ⇄ \(w2.name), \(date.short)")

    case .bookLeave(let leave):
      let w = try requireWorker(leave.worker)
      guard leave.to.last.ordinal >= leave.from.first.ordinal else {
        throw EditError.invalid("leave cannot end (\(leave.to.token)) before it starts (\(leave.from.token))")
      }
      return EditPlan(
        changes: [.addLeave(leave)], inverse: [.removeLeave(leave)], after: [], before: [],
        summary: "\(w.name): \(leave.kind.displayName) booked, \(span(leave))", workers: [w.id],
        firstDate: leave.from.date, lastDate: leave.to.date, openEnded: false)

    case .cancelLeave(let leave):
      let w = try requireWorker(leave.worker)
      guard try rota.contains(leave) else {
        throw EditError.missing("\(w.name) has no \(leave.kind.displayName) \(span(leave)) to cancel")
      }
      return EditPlan(
        changes: [.removeLeave(leave)], inverse: [.addLeave(leave)], after: [], before: [],
        summary: "\(w.name): \(leave.kind.displayName) cancelled, \(span(leave))", workers: [w.id],
        firstDate: leave.from.date, lastDate: leave.to.date, openEnded: false)

    case .addEvent(let event):
      try validate(event)
      let names = try event.attendees.map { try requireWorker($0).name }
      return EditPlan(
        changes: [.addEvent(event)], inverse: [.removeEvent(event)], after: [], before: [],
        summary: "\(event.title) (\(event.kind.rawValue)) added, \(when(event)): \(names.joined(separator: ", "))",
        workers: event.attendees, firstDate: event.date, lastDate: event.date, openEnded: false)

    case .removeEvent(let event):
      guard try rota.contains(event) else {
        throw EditError.missing("there is no \(event.title) on \(event.date.short) to remove")
      }
      return EditPlan(
        changes: [.removeEvent(event)], inverse: [.addEvent(event)], after: [], before: [],
        summary: "\(event.title) (\(event.kind.rawValue)) removed, \(when(event))", workers: event.attendees,
        firstDate: event.date, lastDate: event.date, openEnded: false)

    case .changePattern(let worker, let from, let pattern):
      return try patternChange(worker, from: from, pattern: pattern)
    case .addWorker(let w): return try addWorker(w)
    case .editWorker(let id, let change): return try editWorker(id, change)
    case .endWorker(let id, let last): return try endWorker(id, last: last)
    case .addSite(let site): return try addSite(site)
    case .editSite(let code, let change): return try editSite(code, change)
    case .endSite(let code, let last): return try endSite(code, last: last)
    case .cancelLeaveSpan(let worker, let from, let to): return try cancelLeave(worker, from: from, to: to)
    case .editEvent(let from, let to): return try editEvent(from, to)
    case .place(let changes): return try placements(changes)
    }
  }

  /// Sets several half-days' planned places as one edit: each change writes an
  /// override (or, with no place, removes it), whatever the usual week says, as
  /// a fix suggestion's contract has it.
  func placements(_ list: [PlannedChange]) throws -> EditPlan {
    guard !list.isEmpty else { throw EditError.invalid("there are no changes to make") }
    var changes: [RotaChange] = []
    var inverse: [RotaChange] = []
    var before: [CellExpectation] = []
    var after: [CellExpectation] = []
    var said: [String] = []
    var cells: Set<String> = []
    var workers: Set<String> = []
    for c in list {
      let w = try requireWorker(c.worker)
      if let p = c.place { try requirePlace(p) }
      guard cells.insert("\(w.id) \(Session(c.date, c.half).token)").inserted else {
        throw EditError.invalid(
          "\(w.name), \(c.date.short) \(c.half.label) is changed twice; change each half-day once")
      }
      workers.insert(w.id)
      let current = try rota.override(worker: w.id, date: c.date, half: c.half)
      let usual = w.pattern(on: c.date)[c.date.weekday, c.half]
      let was = current ?? usual
      let now = c.place ?? usual
      before.append(CellExpectation(worker: w.id, date: c.date, half: c.half, place: was))
      after.append(CellExpectation(worker: w.id, date: c.date, half: c.half, place: now))
      if c.place != current {
        changes.append(.setOverride(worker: w.id, date: c.date, half: c.half, place: c.place))
        inverse.insert(.setOverride(worker: w.id, date: c.date, half: c.half, place: current), at: 0)
      }
      said.append("\(w.name), \(c.date.short) \(c.half.label): \(try name(was)) → \(try name(now))")
    }
    let shown = said.prefix(3).joined(separator: "; ") + (said.count > 3 ? "; and \(said.count - 3) more" : "")
    let dates = list.map(\.date)
    return EditPlan(
      changes: changes, inverse: inverse, after: after, before: before,
      summary: said.count == 1 ? shown : "\(said.count) changes: \(shown)", workers: workers.sorted(),
      firstDate: dates.min()!, lastDate: dates.max()!, openEnded: false)
  }

  // MARK: Building blocks

  func halves(_ half: Half?) -> [Half] { half.map { [$0] } ?? [.am, .pm] }

  func halvesLabel(_ half: Half?) -> String { half.map(\.label) ?? "both sessions" }

  func requireWorker(_ id: String) throws -> Worker {
    guard let w = try rota.worker(id: id) else { throw EditError.unknownWorker(id) }
    return w
  }

  func requirePlace(_ p: Place) throws {
    if case .site(let code) = p, try rota.site(code: code) == nil { throw EditError.unknownSite(code) }
  }

  func validate(_ e: Event) throws {
    for a in e.attendees { _ = try requireWorker(a) }
    if case .site(let code) = e.venue, try rota.site(code: code) == nil { throw EditError.unknownSite(code) }
    guard !e.attendees.isEmpty else { throw EditError.invalid("an event needs at least one attendee") }
    guard Set(e.attendees).count == e.attendees.count else {
      throw EditError.invalid("an attendee is listed twice")
    }
    if let problem = RotaText.nameProblem(e.title, maxLength: RotaLimits.eventTitle) {
      throw EditError.invalid("the title \(problem)")
    }
    // Whoever leads it need not be on the rota, but the name is held like one.
    if let lead = e.lead, let problem = RotaText.nameProblem(lead, maxLength: RotaLimits.workerName) {
      throw EditError.invalid("the lead \(problem)")
    }
  }

  /// Moves one worker on one date, half by half. An override equal to the usual
  /// week is removed rather than kept, so moving someone back leaves no trace.
  func moves(_ w: Worker, date: LocalDate, halves: [Half], to target: (Half) -> Place) throws -> EditPlan {
    var changes: [RotaChange] = []
    var inverse: [RotaChange] = []
    var before: [CellExpectation] = []
    var after: [CellExpectation] = []
    for h in halves {
      let current = try rota.override(worker: w.id, date: date, half: h)
      let usual = w.pattern(on: date)[date.weekday, h]
      let planned = current ?? usual
      let place = target(h)
      before.append(CellExpectation(worker: w.id, date: date, half: h, place: planned))
      after.append(CellExpectation(worker: w.id, date: date, half: h, place: place))
      let wanted: Place? = place == usual ? nil : place
      if wanted != current {
        changes.append(.setOverride(worker: w.id, date: date, half: h, place: wanted))
        inverse.append(.setOverride(worker: w.id, date: date, half: h, place: current))
      }
    }
    return EditPlan(
      changes: changes, inverse: inverse, after: after, before: before, summary: "", workers: [w.id],
      firstDate: date, lastDate: date, openEnded: false)
  }

  /// Swaps two cells (a worker on a date), half by half: each takes the other's place.
  func swap(_ one: (Worker, LocalDate), _ two: (Worker, LocalDate), half: Half?, title: String) throws -> EditPlan {
    let hs = halves(half)
    var a: [Half: Place] = [:]
    var b: [Half: Place] = [:]
    for h in hs {
      a[h] = try rota.planned(worker: one.0, date: one.1, half: h)
      b[h] = try rota.planned(worker: two.0, date: two.1, half: h)
    }
    var plan = merge(
      try moves(one.0, date: one.1, halves: hs, to: { b[$0]! }),
      try moves(two.0, date: two.1, halves: hs, to: { a[$0]! }))
    plan.summary =
      try "\(title) (\(halvesLabel(half))): \(describe(hs.map { a[$0]! }, hs)) ⇄ \(describe(hs.map { b[$0]! }, hs))"
    return plan
  }

  func merge(_ a: EditPlan, _ b: EditPlan) -> EditPlan {
    EditPlan(
      changes: a.changes + b.changes, inverse: b.inverse + a.inverse, after: a.after + b.after,
      before: a.before + b.before, summary: "", workers: Array(Set(a.workers + b.workers)).sorted(),
      firstDate: min(a.firstDate, b.firstDate), lastDate: max(a.lastDate, b.lastDate), openEnded: false)
  }

  func name(_ p: Place) throws -> String {
    switch p {
    case .site(let code): return try rota.site(code: code)?.name ?? code
    case .home: return "home"
    case .off: return "off"
    }
  }

  /// "Riverside Surgery", or "Oakfield (AM), home (PM)" when the halves differ.
  func describe(_ places: [Place], _ halves: [Half]) throws -> String {
    if Set(places).count <= 1, let p = places.first { return try name(p) }
    return try zip(places, halves).map { "\(try name($0.0)) (\($0.1.label))" }.joined(separator: ", ")
  }

  func span(_ l: Leave) -> String {
    let from = l.from.date.short + (l.from.half.map { " \($0.label)" } ?? "")
    let to = l.to.date.short + (l.to.half.map { " \($0.label)" } ?? "")
    return l.from == l.to ? from : "\(from) to \(to)"
  }

  func when(_ e: Event) -> String { e.date.short + (e.half.map { " \($0.label)" } ?? "") }
}
