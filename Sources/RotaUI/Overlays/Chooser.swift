import RotaCore

/// Choosing one of several people: whom to pick up in a crowded site cell, or whose week to open.
struct Chooser: Hashable {
  enum Purpose: Hashable { case pickUp, myWeek }
  /// Worker indexes.
  let workers: [Int]
  let purpose: Purpose
  var selected = 0
}

extension PlannerState {
  func performChooser(_ chooser: inout Chooser, _ action: Action) -> OverlayEffect {
    switch action {
    case .cancel: return .close
    case .cursor(.up): chooser.selected = max(0, chooser.selected - 1)
    case .cursor(.down): chooser.selected = min(max(0, chooser.workers.count - 1), chooser.selected + 1)
    case .confirm:
      guard chooser.workers.indices.contains(chooser.selected) else { return .close }
      return .chose(worker: chooser.workers[chooser.selected], for: chooser.purpose)
    case .choose(let n):
      guard chooser.workers.count <= 9, chooser.workers.indices.contains(n) else { return .stay }
      return .chose(worker: chooser.workers[n], for: chooser.purpose)
    default: break
    }
    return .stay
  }

  func drawChooser(_ c: inout Canvas, _ chooser: Chooser) {
    var lines: [(String, Style)] = []
    let visible = max(1, boxRoom - 1)
    let start = max(0, min(chooser.selected - visible + 1, chooser.workers.count - visible))
    for (i, w) in chooser.workers.enumerated().dropFirst(start).prefix(visible) {
      let number = chooser.workers.count <= 9 ? "\(i + 1)  " : ""
      lines.append(
        (
          "\(number)\(TextWidth.pad(model.initials[w], to: 4)) \(model.rota.workers[w].name)",
          i == chooser.selected ? Style(.selection, reverse: true) : Style(.overlay)
        ))
    }
    if chooser.workers.isEmpty { lines.append(("No one to choose: the filter hides everyone.", Style(.dim))) }
    lines.append((TextWrap.fit([Keymap.hint(.chooser), "Enter choose · Esc cancel"], width: boxText(48)), Style(.dim)))
    drawBox(&c, title: chooser.purpose == .myWeek ? "Whose week?" : "Pick up whom?", lines: lines, width: 48)
  }
}
