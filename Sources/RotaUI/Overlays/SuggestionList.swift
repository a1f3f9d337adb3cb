import RotaCore

/// The best single fixes for a finding, a cell or a cover gap (F): one change or
/// a swap each, best first, with what each does to the week. Enter applies the
/// selected one as one logged edit, undone by one `u`.
struct SuggestionList: Hashable {
  struct Entry: Hashable {
    /// The changes, with the place each was worked out from (what applying expects).
    let changes: [SuggestedChange]
    /// One line for the list: the changes in short, and the verdict.
    let label: String
    /// The suggestion in sentences: each change, the cost before and after, what it clears and adds.
    let sentences: [String]
    /// True when it makes the week better.
    let useful: Bool
  }

  let title: String
  let entries: [Entry]
  var selected = 0
}

extension SuggestionList.Entry {
  init(_ s: Suggestion, rota: Rota, baseline: PlanCost) {
    changes = s.changes
    sentences = s.sentences(in: rota, baseline: baseline)
    useful = s.result.cost < baseline.cost
    // "Siobhán O'Connor Thu PM → home, Fri PM → BRK; Amira Khan Fri PM → MIL": each person named once.
    var what: [String] = []
    var last: String?
    for c in s.changes {
      let change = "\(c.date.weekday.shortName) \(c.half.label) → \(Self.short(c.to))"
      if c.worker == last, let previous = what.popLast() {
        what.append(previous + ", " + change)
      } else {
        what.append((rota.worker(c.worker).map { RotaText.sanitized($0.name) } ?? c.worker) + " " + change)
      }
      last = c.worker
    }
    label =
      what.joined(separator: "; ") + " · " + s.result.verdict(against: baseline)
      + (s.cleared.isEmpty ? "" : " · clears \(s.cleared.count)")
      + (s.added.isEmpty ? "" : " · adds \(s.added.count)")
  }

  static func short(_ p: Place) -> String {
    switch p {
    case .site(let code): return code
    case .home: return "home"
    case .off: return "off"
    }
  }
}

extension PlannerState {
  /// The fixes finder for the shown week, from today (nothing already past is changed).
  func fixFinder() -> FixSuggestions {
    FixSuggestions(analysis: model.analysis, week: week, since: today)
  }

  /// What F asks suggestions for on the current screen, and how the list's title names it.
  func suggestionTarget() -> (SuggestionTarget, String)? {
    switch screen {
    case .findings:
      guard let i = finding(atPosition: findings.cursor.index) else { return nil }
      let f = model.report.findings[i]
      return (.finding(f), "Fixes for: \(f.message)")
    case .workers:
      guard let c = workerCursor else { return nil }
      let person = model.rota.workers[c.worker]
      let date = model.date(c.day)
      let half = scope.half
      let when = date.short + (half.map { " \($0.label)" } ?? "")
      return (.cell(worker: person.id, date: date, half: half), "Changes for \(person.name), \(when)")
    case .sites:
      guard let c = siteCursor, c.site >= 0 else { return nil }
      let site = model.rota.sites[c.site]
      let date = model.date(c.day)
      return (
        .cover(site: site.code, date: date, half: c.half),
        "Who can cover \(site.name), \(date.short) \(c.half.label)?"
      )
    default: return nil
    }
  }

  func performSuggestions(_ list: inout SuggestionList, _ action: Action) -> OverlayEffect {
    switch action {
    case .cancel: return .close
    case .cursor(.up): list.selected = max(0, list.selected - 1)
    case .cursor(.down): list.selected = min(max(0, list.entries.count - 1), list.selected + 1)
    case .confirm, .choose:
      var index = list.selected
      if case .choose(let n) = action { index = n }
      guard list.entries.indices.contains(index) else { return .stay }
      let e = list.entries[index]
      return .save(.place(e.changes.map(\.plannedChange)), expecting: e.changes.map(\.expectation))
    default: break
    }
    return .stay
  }

  func drawSuggestions(_ c: inout Canvas, _ list: SuggestionList) {
    let boxWidth = 100
    var lines: [(String, Style)] = []
    if list.entries.isEmpty {
      lines += boxLines(
        "Nothing can change here: the days are past, on leave or a bank holiday, or no one works at this place.",
        Style(.dim), boxWidth: boxWidth)
    }
    // The list takes what the selected entry's sentences leave.
    let detail =
      list.entries.indices.contains(list.selected)
      ? list.entries[list.selected].sentences.flatMap { boxLines($0, Style(.overlay), boxWidth: boxWidth) } : []
    let visible = max(1, min(list.entries.count, boxRoom - 2 - detail.count))
    let start = max(0, min(list.selected - visible + 1, list.entries.count - visible))
    for (i, e) in list.entries.enumerated().dropFirst(start).prefix(visible) {
      let number = list.entries.count <= 9 ? "\(i + 1)  " : ""
      let style =
        i == list.selected ? Style(.selection, reverse: true) : Style(e.useful ? .overlay : .dim)
      lines.append((TextWidth.truncate(number + e.label, to: boxText(boxWidth)), style))
    }
    if !detail.isEmpty {
      lines.append(("", Style(.overlay)))
      lines += detail
    }
    lines.append(
      (TextWrap.fit([Keymap.hint(.suggestions), "Enter apply · Esc close"], width: boxText(boxWidth)), Style(.dim)))
    drawBox(&c, title: list.title, lines: lines, width: boxWidth)
  }
}
