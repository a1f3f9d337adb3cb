import RotaCore

/// A worker's usual week as a 7×2 grid, with the date the new one takes effect:
/// arrows move between the half-days, typing a site's code or name (or home, or
/// off) and Enter puts it there, Tab goes to the date, and Enter with nothing
/// typed saves it as a `pattern_changes` entry from that date.
struct UsualWeekEditor: Hashable {
  let worker: String
  /// The usual week being edited, one place per weekday-half (`WeekdayHalf.index`).
  var places: [Place]
  /// The half-day the cursor is on (0 is Monday AM), or 14 for the date.
  var cursor = 0
  var from: TextField
  /// What is being typed into the cursor's half-day.
  var typed = TextField(limit: 40)
  var error: String?

  static let dateField = 14
}

extension PlannerState {
  func usualWeekEditor(worker w: Int) -> UsualWeekEditor {
    let worker = model.rota.workers[w]
    // From next Monday by default: a new usual week usually starts a week.
    var from = today
    while from.weekday != .mon { from = from.adding(days: 1) }
    return UsualWeekEditor(
      worker: worker.id, places: worker.pattern(on: from).places, from: TextField(from.iso, limit: 20))
  }

  /// The place typed text stands for: home, off, or a site by code or name.
  func place(typed text: String) -> Place? {
    switch text.lowercased() {
    case "home", "h": return .home
    case "off", "o", "·": return .off
    default: return site(typed: text).map { .site($0.code) }
    }
  }

  /// The site typed text names: by its code or its whole name (any case), else the
  /// one site whose name contains it (accents do not matter), as the picker finds it.
  func site(typed text: String) -> Site? {
    if let s = TypedInput.site(text, in: model.rota.sites) { return s }
    let needle = WeekModel.fold(text)
    guard !needle.isEmpty else { return nil }
    let found = model.rota.sites.filter { WeekModel.fold($0.name).contains(needle) }
    return found.count == 1 ? found[0] : nil
  }

  func performUsualWeek(_ e: inout UsualWeekEditor, _ action: Action, key: Key) -> OverlayEffect {
    let onDate = e.cursor == UsualWeekEditor.dateField
    switch action {
    case .cancel: return .close
    case .nextField, .previousField:
      e.cursor = onDate ? 0 : UsualWeekEditor.dateField
      e.typed = TextField(limit: 40)
    case .cursor(let d) where !onDate:
      switch d {
      case .left: e.cursor = max(0, e.cursor - 2)
      case .right: e.cursor = min(13, e.cursor + 2)
      case .up, .down: e.cursor = (e.cursor / 2) * 2 + (d == .up ? 0 : 1)
      default: break
      }
      e.typed = TextField(limit: 40)
    case .deleteBackward:
      if onDate { e.from.deleteBackward() } else { e.typed.deleteBackward() }
    case .type:
      guard let c = key.typed else { break }
      if onDate { e.from.type(c) } else { e.typed.type(c) }
      e.error = nil
    case .confirm:
      if !onDate && !e.typed.trimmed.isEmpty {
        guard let p = place(typed: e.typed.trimmed) else {
          e.error =
            "No site is \u{201C}\(e.typed.trimmed)\u{201D}\(didYouMean(e.typed.trimmed, model.rota.sites.map(\.code) + model.rota.sites.map(\.name))): type a code, a name, home or off."
          return .stay
        }
        e.places[e.cursor] = p
        e.typed = TextField(limit: 40)
        e.cursor = min(13, e.cursor + 1)
        return .stay
      }
      guard let from = TypedInput.date(e.from.trimmed, today: today) else {
        e.cursor = UsualWeekEditor.dateField
        e.error = "\u{201C}\(e.from.trimmed)\u{201D} is not a date: try 2026-12-07, mon, 07/12/2026."
        return .stay
      }
      var pattern = WeeklyPattern()
      pattern.places = e.places
      let edit = Edit.changePattern(worker: e.worker, from: from, pattern: pattern)
      do {
        let plan = try EditPlanner(model.rota).plan(edit)
        return .submitted(PendingEdit(edit: edit, expecting: plan.before, records: plan.recordsBefore))
      } catch {
        e.error = RotaText.sanitized("\(error)")
      }
    default: break
    }
    return .stay
  }

  func drawUsualWeek(_ c: inout Canvas, _ e: UsualWeekEditor) {
    let name = model.workerIndex[e.worker].map { model.rota.workers[$0].name } ?? e.worker
    let cell = 8
    var lines: [(String, Style)] = []
    lines.append(
      (
        "From " + e.from.text + (e.cursor == UsualWeekEditor.dateField ? "_" : "")
          + (TypedInput.date(e.from.trimmed, today: today).map { "  → \($0.shortWithYear)" } ?? ""),
        Style(e.cursor == UsualWeekEditor.dateField ? .overlaySelected : .overlay, bold: true)
      ))
    lines.append(("", .normal))
    lines.append(
      ("     " + Weekday.allCases.map { TextWidth.pad($0.shortName, to: cell) }.joined(), Style(.overlayTitle)))
    for half in Half.allCases {
      var text = TextWidth.pad(" " + half.label, to: 5)
      for d in Weekday.allCases {
        let i = d.rawValue * 2 + half.rawValue
        var word: String
        switch e.places[i] {
        case .home: word = "home"
        case .off: word = "·"
        case .site(let code): word = code
        }
        if i == e.cursor { word = e.typed.text.isEmpty ? "[\(word)]" : "[\(e.typed.text)_]" }
        text += TextWidth.pad(word, to: cell)
      }
      lines.append((text, Style(.overlay)))
    }
    lines.append(("", .normal))
    if e.cursor < 14, !e.typed.trimmed.isEmpty, let p = place(typed: e.typed.trimmed) {
      switch p {
      case .site(let code): lines.append(("→ \(model.rota.site(code)?.name ?? code) (\(code))", Style(.dim)))
      case .home: lines.append(("→ working from home", Style(.dim)))
      case .off: lines.append(("→ off", Style(.dim)))
      }
    }
    let worked = e.places.filter(\.isWorked).count
    let contracted = model.workerIndex[e.worker].map { model.rota.workers[$0].sessions } ?? 0
    lines.append(("\(worked) half-days worked a week; contracted \(contracted).", Style(.dim)))
    if let error = e.error { lines += boxLines(error, Style(.error), boxWidth: 80) }
    lines += boxLines(Keymap.hint(.usualWeek), Style(.dim), boxWidth: 80)
    drawBox(&c, title: "Usual week for \(name)", lines: lines, width: 80)
  }
}
