import RotaCore

/// Choosing a place for a cell: type to filter sites by code, name or kind.
struct PlacePicker: Hashable {
  let worker: String
  let date: LocalDate
  let scope: Scope
  /// The cell as it was when the picker opened: if someone changes it meanwhile,
  /// the save is refused rather than written over their change.
  let expecting: [CellExpectation]
  var field = TextField(limit: 40)
  var selected = 0
}

extension PlannerState {
  func pickerOptions(_ picker: PlacePicker) -> [Place] {
    let needle = WeekModel.fold(picker.field.trimmed)
    let all: [Place] = [.home, .off] + model.rota.sites.map { .site($0.code) }
    guard !needle.isEmpty else { return all }
    return all.filter { p in
      switch p {
      case .home: return "home".hasPrefix(needle)
      case .off: return "off".hasPrefix(needle)
      case .site(let code):
        guard let site = model.rota.site(code) else { return false }
        return WeekModel.fold(code).contains(needle) || WeekModel.fold(site.name).contains(needle)
          || WeekModel.fold(site.kind.rawValue).hasPrefix(needle)
      }
    }
  }

  func performPicker(_ picker: inout PlacePicker, _ action: Action, key: Key) -> OverlayEffect {
    let options = pickerOptions(picker)
    switch action {
    case .cancel: return .close
    case .cursor(.up): picker.selected = max(0, picker.selected - 1)
    case .cursor(.down): picker.selected = min(max(0, options.count - 1), picker.selected + 1)
    case .deleteBackward:
      picker.field.deleteBackward()
      picker.selected = 0
    case .type:
      if let c = key.typed { picker.field.type(c) }
      picker.selected = 0
    case .confirm:
      guard !options.isEmpty else { return .stay }
      let place = options[min(picker.selected, options.count - 1)]
      return .save(
        .move(worker: picker.worker, date: picker.date, half: picker.scope.half, to: place),
        expecting: picker.expecting)
    default: break
    }
    return .stay
  }

  /// "  ✖ closed PM", "  ✖ full": why putting the cell's person at a site would be an error.
  func pickerWarning(_ code: String, _ picker: PlacePicker) -> String {
    guard let s = model.siteIndex[code], let w = model.workerIndex[picker.worker], let day = model.day(of: picker.date)
    else { return "" }
    var closed: [Half] = []
    var full = false
    for h in picker.scope.halves {
      let slot = day * 2 + h.rawValue
      if !model.placements.isOpen(site: s, slot: slot) { closed.append(h) }
      let others = model.people(site: s, slot: slot).filter { $0 != w }.count
      if others >= model.rota.sites[s].rooms { full = true }
    }
    if !closed.isEmpty {
      return "  \(Glyph.error) closed" + (closed.count == 1 && picker.scope == .day ? " \(closed[0].label)" : "")
    }
    return full ? "  \(Glyph.error) full" : ""
  }

  func drawPicker(_ c: inout Canvas, _ picker: PlacePicker) {
    let options = pickerOptions(picker)
    let who = model.workerIndex[picker.worker].map { model.rota.workers[$0].name } ?? picker.worker
    var lines: [(String, Style)] = [("> \(picker.field.text)_", Style(.input, bold: true))]
    let visible = max(1, min(options.count, boxRoom - 2))
    let start = max(0, min(picker.selected - visible + 1, options.count - visible))
    for (i, place) in options.enumerated().dropFirst(start).prefix(visible) {
      let text: String
      switch place {
      case .home: text = "home      working from home"
      case .off: text = "off       not working"
      case .site(let code):
        text =
          TextWidth.pad(code, to: 10) + (model.rota.site(code).map { "\($0.name) · \($0.kind.displayName)" } ?? "")
          + pickerWarning(code, picker)
      }
      lines.append((text, i == picker.selected ? Style(.selection, reverse: true) : Style(.overlay)))
    }
    if options.isEmpty { lines.append(("no site matches", Style(.dim))) }
    lines.append(
      (TextWrap.fit([Keymap.hint(.picker), "Enter put there · Esc cancel"], width: boxText(64)), Style(.dim)))
    drawBox(&c, title: "Put \(who), \(picker.date.short) (\(picker.scope.label)) at", lines: lines, width: 64)
  }
}
