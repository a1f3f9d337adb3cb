/// What `rota suggest` prints: a week's plan or single suggestions, as sentences
/// for a coordinator or as the JSON of `docs/suggest.md`.
public enum SuggestReports {
  // MARK: JSON

  /// `rota suggest --format json` for a plan.
  public static func planJSON(_ plan: SuggestedPlan, of s: FixSuggestions) -> String {
    var j = JSONWriter()
    head(s, into: &j)
    j.raw(",\n  \"result\":   ")
    cost(plan.suggestion.result, changes: true, into: &j)
    body(plan.suggestion, indent: "  ", into: &j)
    j.raw(",\n  \"later_weeks_changed\": ")
    j.array(plan.laterWeeksChanged.map(\.iso))
    j.raw("\n}\n")
    return j.text
  }

  /// `rota suggest --format json` for single suggestions, best first.
  public static func suggestionsJSON(_ list: [Suggestion], of s: FixSuggestions) -> String {
    var j = JSONWriter()
    head(s, into: &j)
    j.raw(",\n  \"suggestions\": [")
    for (i, item) in list.enumerated() {
      j.raw(i == 0 ? "\n    {\"result\": " : ",\n    {\"result\": ")
      cost(item.result, changes: true, into: &j)
      body(item, indent: "      ", into: &j)
      j.raw("\n    }")
    }
    j.raw(list.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    return j.text
  }

  static func head(_ s: FixSuggestions, into j: inout JSONWriter) {
    j.raw("{\n  \"week\": ")
    j.string(s.week.iso)
    j.raw(",\n  \"since\": ")
    j.string(s.since.iso)
    j.raw(",\n  \"baseline\": ")
    cost(s.baseline, changes: false, into: &j)
  }

  static func cost(_ c: PlanCost, changes: Bool, into j: inout JSONWriter) {
    j.raw("{\"cost\": ")
    j.integer(c.cost)
    j.field("errors", c.errors)
    j.field("warnings", c.warnings)
    j.field("info", c.info)
    j.field("solitary_days", c.solitaryDays)
    if changes { j.field("changes", c.changes) }
    j.raw("}")
  }

  static func body(_ s: Suggestion, indent: String, into j: inout JSONWriter) {
    j.raw(",\n\(indent)\"changes\": [")
    for (i, c) in s.changes.enumerated() {
      j.raw(i == 0 ? "\n\(indent)  {\"worker\": " : ",\n\(indent)  {\"worker\": ")
      j.string(c.worker)
      j.field("date", c.date.iso)
      j.field("session", c.half.token)
      j.field("from", c.from.token)
      j.field("to", c.to.token)
      j.raw("}")
    }
    j.raw(s.changes.isEmpty ? "]" : "\n\(indent)]")
    for (key, findings) in [("cleared", s.cleared), ("added", s.added)] {
      j.raw(",\n\(indent)\"\(key)\": [")
      for (i, f) in findings.enumerated() {
        j.raw(i == 0 ? "\n\(indent)  " : ",\n\(indent)  ")
        JSONReports.finding(f, into: &j)
      }
      j.raw(findings.isEmpty ? "]" : "\n\(indent)]")
    }
  }

  // MARK: Text

  static func clean(_ s: String) -> String { RotaText.sanitized(s) }

  /// `rota suggest` for a plan.
  public static func planText(_ plan: SuggestedPlan, of s: FixSuggestions) -> String {
    let rota = s.analysis.rota
    var out = "\(clean(rota.pcn)) — a plan for \(s.week.title)\n"
    out += editableFrom(s)
    let p = plan.suggestion
    guard !p.changes.isEmpty else {
      out +=
        "\nNothing useful found: no change the rules allow lowers the week's cost, \(s.baseline.cost) (\(s.baseline.counts)).\n"
      if plan.search.cutByClock || plan.search.cutByBudget { out += note(plan.search) }
      return out
    }
    out += "\n\(plural(p.changes.count, "change")):\n"
    out += changeLines(p.changes, rota: rota, indent: "  ")
    out += "\nCost \(s.baseline.cost) → \(p.result.cost): \(p.result.comparison(with: s.baseline)).\n"
    out += findingLines(p)
    if !plan.laterWeeksChanged.isEmpty {
      out += "\nIt also changes the findings of \(plan.laterWeeksChanged.map(\.iso).joined(separator: ", ")).\n"
    }
    if plan.search.cutByClock || plan.search.cutByBudget { out += note(plan.search) }
    out += "\nApply it with --apply (one change in the log: rota undo takes all of it back).\n"
    return out
  }

  /// `rota suggest` for single suggestions; `target` says what they are for.
  public static func suggestionsText(_ list: [Suggestion], target: String, of s: FixSuggestions) -> String {
    let rota = s.analysis.rota
    var out = "\(clean(rota.pcn)) — suggestions for \(target), \(s.week.title)\n"
    out += editableFrom(s)
    out += "The week now: cost \(s.baseline.cost) (\(s.baseline.counts)).\n"
    guard !list.isEmpty else { return out + "\nNo change the rules allow does that.\n" }
    for (i, item) in list.enumerated() {
      out += "\n\(i + 1). "
      out += item.changes.count == 2 ? "A swap:\n" : "One change:\n"
      out += changeLines(item.changes, rota: rota, indent: "   ")
      out +=
        "   Cost \(item.result.cost) (\(item.result.verdict(against: s.baseline))): \(item.result.comparison(with: s.baseline)).\n"
      out += findingLines(item, indent: "   ")
    }
    if !(list.first.map { $0.result.cost < s.baseline.cost } ?? false) {
      out += "\nNone of these lowers the week's cost.\n"
    }
    return out
  }

  static func editableFrom(_ s: FixSuggestions) -> String {
    if s.since > s.week.sunday { return "Nothing in it can change: the first editable date is \(s.since.short).\n" }
    if s.since <= s.week.monday { return "Every day of it may change (from \(s.since.shortWithYear)).\n" }
    return "Changing from \(s.since.short) on (the first editable date).\n"
  }

  static func note(_ r: SearchReport) -> String {
    r.cutByClock
      ? "\nThe search ran out of time before its evaluations did, so another run may find another plan; a longer --time-limit gives it room.\n"
      : "\nThe search used its whole budget (\(r.evaluations) evaluations); a longer --time-limit may find a better plan.\n"
  }

  static func changeLines(_ changes: [SuggestedChange], rota: Rota, indent: String) -> String {
    changes.map { "\(indent)\($0.sentence(in: rota))\n" }.joined()
  }

  static func findingLines(_ s: Suggestion, indent: String = "") -> String {
    var out = ""
    for (verb, list) in [("Clears", s.cleared), ("Adds", s.added)] where !list.isEmpty {
      out += "\(indent)\(verb) \(plural(list.count, "finding")):\n"
      for f in list { out += "\(indent)  \(TextReports.severityMark(f.severity)) \(clean(f.message))\n" }
    }
    return out
  }
}
