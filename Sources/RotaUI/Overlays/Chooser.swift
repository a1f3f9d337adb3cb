import RotaCore

/// A short list to choose from: whom to pick up in a crowded site cell, whose
/// week to open, what to do with a day's events or leave.
struct Chooser: Hashable {
  /// What choosing an entry does.
  enum Choice: Hashable {
    case pickUp(worker: Int)
    case myWeek(worker: Int)
    case newEvent(date: LocalDate, worker: String)
    case editEvent(Event)
    case removeEvent(Event)
    case bookLeave(worker: String, date: LocalDate)
    case cancelLeave(worker: String, from: DatedSession, to: DatedSession)
  }

  let title: String
  let entries: [(label: String, choice: Choice)]
  var selected = 0

  static func == (a: Chooser, b: Chooser) -> Bool {
    a.title == b.title && a.selected == b.selected && a.entries.map(\.label) == b.entries.map(\.label)
      && a.entries.map(\.choice) == b.entries.map(\.choice)
  }

  func hash(into h: inout Hasher) {
    h.combine(title)
    h.combine(selected)
    for e in entries {
      h.combine(e.label)
      h.combine(e.choice)
    }
  }
}

extension PlannerState {
  /// Whom to pick up, or whose week to open: the people given, by initials and name.
  func peopleChooser(_ workers: [Int], myWeek: Bool) -> Chooser {
    Chooser(
      title: myWeek ? "Whose week?" : "Pick up whom?",
      entries: workers.map { w in
        (
          "\(TextWidth.pad(model.initials[w], to: 4)) \(model.rota.workers[w].name)",
          myWeek ? .myWeek(worker: w) : .pickUp(worker: w)
        )
      })
  }

  func performChooser(_ chooser: inout Chooser, _ action: Action) -> OverlayEffect {
    switch action {
    case .cancel: return .close
    case .cursor(.up): chooser.selected = max(0, chooser.selected - 1)
    case .cursor(.down): chooser.selected = min(max(0, chooser.entries.count - 1), chooser.selected + 1)
    case .confirm:
      guard chooser.entries.indices.contains(chooser.selected) else { return .close }
      return .chose(chooser.entries[chooser.selected].choice)
    case .choose(let n):
      guard chooser.entries.count <= 9, chooser.entries.indices.contains(n) else { return .stay }
      return .chose(chooser.entries[n].choice)
    default: break
    }
    return .stay
  }

  func drawChooser(_ c: inout Canvas, _ chooser: Chooser) {
    var lines: [(String, Style)] = []
    let visible = max(1, boxRoom - 1)
    let start = max(0, min(chooser.selected - visible + 1, chooser.entries.count - visible))
    for (i, entry) in chooser.entries.enumerated().dropFirst(start).prefix(visible) {
      let number = chooser.entries.count <= 9 ? "\(i + 1)  " : ""
      lines.append(
        ("\(number)\(entry.label)", i == chooser.selected ? Style(.selection, reverse: true) : Style(.overlay)))
    }
    if chooser.entries.isEmpty { lines.append(("Nothing to choose: the filter hides everyone.", Style(.dim))) }
    lines.append((TextWrap.fit([Keymap.hint(.chooser), "Enter choose · Esc cancel"], width: boxText(60)), Style(.dim)))
    drawBox(&c, title: chooser.title, lines: lines, width: 60)
  }
}
