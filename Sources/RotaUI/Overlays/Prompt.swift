import RotaCore

/// A one-line question: which week to go to, or what to filter by.
struct Prompt: Hashable {
  enum Purpose: Hashable { case goToWeek, filter }
  let purpose: Purpose
  var field: TextField
  var error: String?

  init(_ purpose: Purpose, text: String = "") {
    self.purpose = purpose
    field = TextField(text, limit: 60)
  }
}

extension PlannerState {
  /// A week typed by someone: `2026-W49`, a date, `next`, `last`, `today`.
  func parseWeek(_ text: String) -> ISOWeek? {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased()
    switch t {
    case "today", "this", "": return today.isoWeek
    case "next": return week.adding(weeks: 1)
    case "last", "previous": return week.adding(weeks: -1)
    default: return ISOWeek(iso: t.uppercased()) ?? LocalDate(iso: t)?.isoWeek
    }
  }

  func performPrompt(_ prompt: inout Prompt, _ action: Action, key: Key) -> OverlayEffect {
    switch action {
    case .cancel: return prompt.purpose == .filter ? .filter("", done: true) : .close
    case .deleteBackward:
      prompt.field.deleteBackward()
      prompt.error = nil
      if prompt.purpose == .filter { return .filter(prompt.field.text, done: false) }
    case .type:
      if let c = key.typed { prompt.field.type(c) }
      prompt.error = nil
      if prompt.purpose == .filter { return .filter(prompt.field.text, done: false) }
    case .confirm:
      switch prompt.purpose {
      case .filter: return .filter(prompt.field.text, done: true)
      case .goToWeek:
        guard let w = parseWeek(prompt.field.text) else {
          prompt.error = "Not a week: try 2026-W49, next, last or a date such as 2026-12-07."
          return .stay
        }
        return .goToWeek(w)
      }
    default: break
    }
    return .stay
  }

  func drawPrompt(_ c: inout Canvas, _ prompt: Prompt) {
    let title = prompt.purpose == .filter ? "Filter by name, role or site" : "Go to week (2026-W49, next, last, a date)"
    var lines: [(String, Style)] = [("> \(prompt.field.text)_", Style(.input, bold: true))]
    if let e = prompt.error { lines += boxLines(e, Style(.error), boxWidth: 60) }
    lines.append((TextWrap.fit([Keymap.hint(.prompt)], width: boxText(60)), Style(.dim)))
    drawBox(&c, title: title, lines: lines, width: 60)
  }
}
