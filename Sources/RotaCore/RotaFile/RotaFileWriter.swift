import Yams

/// Writes a rota in the canonical form of the rota file: keys in the documented
/// order, sites and workers in creation order, dated entries sorted, defaults
/// left out. The same rota always gives the same bytes.
public enum RotaFileWriter {
  public static func write(_ rota: Rota) -> String {
    var text = ""
    write(rota) { text += $0 }
    return text
  }

  /// Writes the rota a piece at a time: the top keys, then each site, worker and
  /// dated entry as its own small YAML document, which is exactly the text the
  /// whole document would have. So a rota of millions of entries is written
  /// without ever holding all of its text, or a node tree of all of it.
  public static func write<E: Error>(_ rota: Rota, to out: (String) throws(E) -> Void) throws(E) {
    let r = rota.canonicalized()
    var top: [(Node, Node)] = [
      (key("version"), scalar("1")),
      (key("pcn"), scalar(r.pcn)),
    ]
    if let anchor = r.anchorWeek { top.append((key("anchor_week"), scalar(anchor.iso))) }
    if let revision = r.revision { top.append((key("revision"), scalar("\(revision)"))) }
    let policy = policyNode(r.policy)
    if let policy { top.append((key("policy"), policy)) }
    try out(serialize(.mapping(.init(top, Tag(.map), .block))))
    try list("sites", r.sites.lazy.map(siteNode), to: out)
    try list("workers", r.workers.lazy.map(workerNode), to: out)
    try list("leave", r.leave.lazy.map(leaveNode), to: out)
    try list("overrides", r.overrides.lazy.map(overrideNode), to: out)
    try list("events", r.events.lazy.map(eventNode), to: out)
  }

  /// `key:` and then each item as a one-item block list, as the whole list would be written.
  static func list<E: Error>(_ key: String, _ items: some Collection<Node>, to out: (String) throws(E) -> Void)
    throws(E)
  {
    guard !items.isEmpty else { return }
    try out("\(key):\n")
    for item in items { try out(serialize(block([item]))) }
  }

  static func serialize(_ node: Node) -> String {
    do {
      return try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true)
    } catch {
      // The emitter only fails on malformed node trees, which this writer never builds.
      preconditionFailure("rota file emitter failed: \(error)")
    }
  }

  // Explicit str, seq and map tags: the emitter writes them implicitly either way,
  // and an implicit tag would make Yams run its resolver's regular expressions on
  // every scalar (most of the writing time for a large rota).
  static func key(_ s: String) -> Node { Node(s, Tag(.str), .plain) }
  static func scalar(_ s: String) -> Node { Node(s, Tag(.str), .any) }
  static func block(_ items: [Node]) -> Node { .sequence(.init(items, Tag(.seq), .block)) }
  static func flow(_ items: [String]) -> Node { .sequence(.init(items.map(scalar), Tag(.seq), .flow)) }
  static func map(_ pairs: [(String, Node)], style: Node.Mapping.Style = .block) -> Node {
    .mapping(.init(pairs.map { (key($0.0), $0.1) }, Tag(.map), style))
  }

  static func policyNode(_ p: Policy) -> Node? {
    let d = Policy()
    var pairs: [(String, Node)] = []
    if p.maxSolitaryDays != d.maxSolitaryDays { pairs.append(("max_solitary_days", scalar("\(p.maxSolitaryDays)"))) }
    if p.maxSolitaryStreak != d.maxSolitaryStreak {
      pairs.append(("max_solitary_streak", scalar("\(p.maxSolitaryStreak)")))
    }
    if p.lookbackWeeks != d.lookbackWeeks { pairs.append(("lookback_weeks", scalar("\(p.lookbackWeeks)"))) }
    if p.supervisionWeeks != d.supervisionWeeks {
      pairs.append(("supervision_weeks", scalar("\(p.supervisionWeeks)")))
    }
    if p.maxSoleSites != d.maxSoleSites { pairs.append(("max_sole_sites", scalar("\(p.maxSoleSites)"))) }
    if p.bankHolidays != d.bankHolidays { pairs.append(("bank_holidays", scalar(p.bankHolidays.rawValue))) }
    return pairs.isEmpty ? nil : map(pairs)
  }

  static func siteNode(_ s: Site) -> Node {
    var pairs: [(String, Node)] = [
      ("code", scalar(s.code)), ("name", scalar(s.name)), ("kind", scalar(s.kind.rawValue)),
    ]
    if s.rooms != 1 { pairs.append(("rooms", scalar("\(s.rooms)"))) }
    if s.open != .weekdays { pairs.append(("open", flow(s.open.tokens))) }
    if s.openBankHolidays { pairs.append(("open_bank_holidays", scalar("true"))) }
    if !s.closed.isEmpty { pairs.append(("closed", flow(s.closed.map(\.token)))) }
    if !s.cover.isEmpty { pairs.append(("cover", flow(s.cover.tokens))) }
    if let d = s.start { pairs.append(("start", scalar(d.iso))) }
    if let d = s.end { pairs.append(("end", scalar(d.iso))) }
    return map(pairs)
  }

  static func workerNode(_ w: Worker) -> Node {
    var pairs: [(String, Node)] = [
      ("id", scalar(w.id)), ("name", scalar(w.name)), ("role", scalar(w.role.rawValue)),
      ("sessions", scalar("\(w.sessions)")),
    ]
    if let d = w.start { pairs.append(("start", scalar(d.iso))) }
    if let d = w.end { pairs.append(("end", scalar(d.iso))) }
    let days = patternPairs(w.pattern)
    if !days.isEmpty { pairs.append(("pattern", map(days))) }
    if !w.patternChanges.isEmpty {
      let changes = w.patternChanges.map { c in
        // A usual week of nothing but days off is written as an empty flow mapping.
        map([("from", scalar(c.from.iso)), ("pattern", map(patternPairs(c.pattern), style: .flow))])
      }
      pairs.append(("pattern_changes", block(changes)))
    }
    return map(pairs)
  }

  /// A usual week's days, whole days as one place and split days as `{am: …, pm: …}`.
  static func patternPairs(_ pattern: WeeklyPattern) -> [(String, Node)] {
    var days: [(String, Node)] = []
    for day in Weekday.allCases {
      let am = pattern[day, .am]
      let pm = pattern[day, .pm]
      if am == pm {
        if am != .off { days.append((day.token, scalar(am.token))) }
      } else {
        var halves: [(String, Node)] = []
        if am != .off { halves.append(("am", scalar(am.token))) }
        if pm != .off { halves.append(("pm", scalar(pm.token))) }
        days.append((day.token, map(halves, style: .flow)))
      }
    }
    return days
  }

  static func leaveNode(_ l: Leave) -> Node {
    var pairs: [(String, Node)] = [("worker", scalar(l.worker)), ("from", scalar(l.from.token))]
    if l.to != l.from { pairs.append(("to", scalar(l.to.token))) }
    pairs.append(("kind", scalar(l.kind.rawValue)))
    return map(pairs)
  }

  static func overrideNode(_ o: Override) -> Node {
    var pairs: [(String, Node)] = [("worker", scalar(o.worker)), ("date", scalar(o.date.iso))]
    if let h = o.half { pairs.append(("session", scalar(h.token))) }
    pairs.append(("place", scalar(o.place.token)))
    return map(pairs)
  }

  static func eventNode(_ e: Event) -> Node {
    var pairs: [(String, Node)] = [
      ("title", scalar(e.title)), ("kind", scalar(e.kind.rawValue)), ("date", scalar(e.date.iso)),
    ]
    if let h = e.half { pairs.append(("session", scalar(h.token))) }
    pairs.append(("where", scalar(e.venue.token)))
    if let lead = e.lead { pairs.append(("lead", scalar(lead))) }
    pairs.append(("attendees", flow(e.attendees)))
    return map(pairs)
  }
}
