import Foundation

/// One entry of the change log as the notice reads it: who, when, and the plan
/// that undoes it (nil for an import, which replaced the whole rota).
public struct LoggedChange: Hashable, Sendable {
  public let id: Int64
  public let at: LocalDateTime
  /// The name the change was made under: `--as NAME`, else the account.
  public let who: String
  public let plan: EditPlan?

  public init(id: Int64, at: LocalDateTime, who: String, plan: EditPlan?) {
    self.id = id
    self.at = at
    self.who = who
    self.plan = plan
  }
}

/// What changed for one worker since they last looked, netted: one line per day
/// (or half-day) whose place or events are not what they were at the mark, this
/// week and every later week. A change and its reversal leave nothing; three
/// moves of one day leave one line, from the first state to the last.
public struct ChangeNotice: Hashable, Sendable {
  public struct Line: Hashable, Sendable {
    public let date: LocalDate
    /// nil when both halves changed alike.
    public let half: Half?
    /// The day as it is now and as it was at the mark, in words.
    public let now: String
    public let was: String
    /// Who made the latest change that reached the day, as the notice names
    /// them ("you", a worker's name, "the coordinator"), and when.
    public let by: String
    public let at: LocalDateTime
    /// "Thu 3 Dec: now Oakfield Medical Centre, was Riverside Surgery, changed by the coordinator on Tue".
    public let text: String
  }

  /// When the worker last looked; nil if never (then there is nothing to list).
  public let since: LocalDateTime?
  public let lines: [Line]
  /// A sentence when the whole rota was replaced (imported) since the mark:
  /// what changed before that cannot be told day by day.
  public let replaced: String?

  public var isEmpty: Bool { lines.isEmpty && replaced == nil }

  /// Every sentence, the import's first.
  public var sentences: [String] { (replaced.map { [$0] } ?? []) + lines.map(\.text) }

  /// The heading for the worker's own view: "Changed since you last looked (Tue 24 Nov 14:02):",
  /// "Nothing has changed since you last looked (…).", or the first visit's.
  public func heading(currentYear: Int) -> String {
    guard let since else { return "First time here: this is your week as planned." }
    let when = since.label(currentYear: currentYear)
    return isEmpty
      ? "Nothing has changed for you since you last looked (\(when))."
      : "Changed for you since you last looked (\(when)), this week and later:"
  }
}

extension ChangeNotice {
  /// How many weeks an open-ended change (a new usual week) is shown over, from
  /// the later of its first date and this week.
  public static let openEndedWeeks = 4

  /// The notice for `worker`: `rota` is the rota now (loaded over at least the
  /// dates the changes reach from this week on), `changes` the log's entries
  /// after the mark that touched the worker, oldest first. Pure: the same
  /// arguments give the same notice.
  public static func make(
    worker: String, rota: Rota, changes: [LoggedChange], since: LocalDateTime?, today: LocalDate
  ) -> ChangeNotice {
    guard let since else { return ChangeNotice(since: nil, lines: [], replaced: nil) }
    // An import has no plan: nothing before it can be taken back.
    var netted = changes
    var replaced: String? = nil
    if let i = changes.lastIndex(where: { $0.plan == nil }) {
      let imp = changes[i]
      replaced =
        "The whole rota was replaced (imported by \(author(imp.who, worker: worker, rota: rota)) \(when(imp.at, today: today))): check every week"
      netted = Array(changes[(i + 1)...])
    }
    let monday = today.isoWeek.monday
    var last: LocalDate? = nil
    for c in netted {
      guard let plan = c.plan else { continue }
      let end =
        plan.openEnded
        ? max(plan.firstDate, monday).isoWeek.adding(weeks: openEndedWeeks - 1).sunday : plan.lastDate
      if end >= monday { last = max(last ?? end, end) }
    }
    guard let last else { return ChangeNotice(since: since, lines: [], replaced: replaced) }

    let then = netted.reversed().reduce(rota) { r, c in r.applying(c.plan!.inverse) }
    let nowDays = Days(rota: rota, worker: worker, from: monday, to: last)
    let thenDays = Days(rota: then, worker: worker, from: monday, to: last)
    var lines: [Line] = []
    var date = monday
    var i = 0
    while date <= last {
      defer {
        date = date.adding(days: 1)
        i += 1
      }
      let (nowAM, nowPM) = (nowDays.halves[i * 2], nowDays.halves[i * 2 + 1])
      let (wasAM, wasPM) = (thenDays.halves[i * 2], thenDays.halves[i * 2 + 1])
      guard nowAM != wasAM || nowPM != wasPM else { continue }
      let label = date.year == today.year ? date.short : date.shortWithYear
      func line(_ half: Half?, _ now: HalfDay, _ was: HalfDay) -> Line {
        // The latest change that reached the half-day (either, for a whole day) says who and when.
        let change =
          netted.last { c in (half.map { [$0] } ?? Half.allCases).contains { c.plan!.reaches(worker, date, $0) } }
          ?? netted.last!
        // Events are named only when they changed.
        let events = now.events != was.events
        let n = now.words(rota: rota, events: events)
        let w = was.words(rota: rota, events: events)
        let head = label + (half.map { " \($0.label)" } ?? "")
        let by = author(change.who, worker: worker, rota: rota)
        return Line(
          date: date, half: half, now: n, was: w, by: by, at: change.at,
          text: "\(head): now \(n), was \(w), changed by \(by) \(when(change.at, today: today))")
      }
      if nowAM == nowPM && wasAM == wasPM {
        lines.append(line(nil, nowAM, wasAM))
      } else {
        if nowAM != wasAM { lines.append(line(.am, nowAM, wasAM)) }
        if nowPM != wasPM { lines.append(line(.pm, nowPM, wasPM)) }
      }
    }
    return ChangeNotice(since: since, lines: lines, replaced: replaced)
  }

  /// The name a change was made under, as the worker reads it: "you" for their
  /// own, a colleague's name for a worker id, "the coordinator" (or supervisor)
  /// for those words, else the name as given with `--as`.
  public static func author(_ who: String, worker: String, rota: Rota) -> String {
    let clean = RotaText.sanitized(who)
    if who == worker { return "you" }
    if let w = rota.worker(who) { return w.id == worker ? "you" : RotaText.sanitized(w.name) }
    if ["coordinator", "supervisor"].contains(clean.lowercased()) { return "the " + clean.lowercased() }
    return clean
  }

  /// A change log summary as a worker may read it: leave booked or cancelled
  /// says "leave", never its kind ("Zara Ahmed: sick leave booked, Fri 27 Nov"
  /// becomes "Zara Ahmed: leave booked, Fri 27 Nov").
  public static func withoutLeaveKinds(_ summary: String) -> String {
    var out = summary
    for kind in LeaveKind.allCases where kind.displayName != "leave" {
      for verb in [" booked, ", " cancelled, "] {
        out = out.replacingOccurrences(of: ": " + kind.displayName + verb, with: ": leave" + verb)
      }
    }
    return out
  }

  /// "today at 14:02", "on Tue" within the last week, else "on Tue 10 Nov".
  static func when(_ at: LocalDateTime, today: LocalDate) -> String {
    let days = today.dayNumber - at.date.dayNumber
    if days == 0 { return "today at \(pad(at.hour, 2)):\(pad(at.minute, 2))" }
    if days > 0 && days < 7 { return "on \(at.date.weekday.shortName)" }
    return "on " + (at.date.year == today.year ? at.date.short : at.date.shortWithYear)
  }

  /// One half-day of one worker: where, and the events they attend then (with
  /// the other attendees left out: a colleague joining is not a change to them).
  struct HalfDay: Hashable {
    let place: EffectivePlacement
    let events: [Event]

    func words(rota: Rota, events withEvents: Bool) -> String {
      var out: String
      switch place {
      case .site(let code): out = rota.site(code).map { RotaText.sanitized($0.name) } ?? code
      case .home: out = "working from home"
      case .off: out = "off"
      case .leave: out = "on leave"
      case .holiday: out = "a bank holiday"
      case .notInPost: out = "not in post"
      }
      for e in events where withEvents {
        let venue: String
        switch e.venue {
        case .online: venue = "online"
        case .site(let c): venue = "at " + (rota.site(c).map { RotaText.sanitized($0.name) } ?? c)
        }
        out += " + \(RotaText.sanitized(e.title)) (\(venue))"
      }
      return out
    }
  }

  /// A worker's half-days from `from` to `to`, two per date.
  struct Days {
    var halves: [HalfDay] = []

    init(rota: Rota, worker: String, from: LocalDate, to: LocalDate) {
      // Where one worker is depends only on their own entries: analyse them alone.
      var mine = rota
      mine.workers = rota.workers.filter { $0.id == worker }
      mine.leave = rota.leave.filter { $0.worker == worker }
      mine.overrides = rota.overrides.filter { $0.worker == worker }
      mine.events = rota.events.filter { $0.attendees.contains(worker) && $0.date >= from && $0.date <= to }
      let analysis = RotaAnalysis(mine)
      var week = from.isoWeek
      var date = from
      while date <= to {
        let p = analysis.placements(for: week)
        for d in 0..<7 where p.days[d] >= from && p.days[d] <= to {
          for half in Half.allCases {
            let place = mine.workers.isEmpty ? .notInPost : p.placement(worker: 0, day: d, half: half)
            let events = mine.events.filter { $0.isHeld(in: Session(p.days[d], half)) }.map {
              var e = $0
              e.attendees = []
              return e
            }
            halves.append(HalfDay(place: place, events: events.sorted { $0.title < $1.title }))
          }
          date = p.days[d].adding(days: 1)
        }
        week = week.adding(weeks: 1)
      }
    }
  }
}

extension EditPlan {
  /// Whether the plan can have changed `worker`'s half-day: the cells it
  /// moved, when it moved cells; else its dates.
  func reaches(_ worker: String, _ date: LocalDate, _ half: Half) -> Bool {
    if !before.isEmpty { return before.contains { $0.worker == worker && $0.date == date && $0.half == half } }
    return date >= firstDate && (openEnded || date <= lastDate)
  }
}
