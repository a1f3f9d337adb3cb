import RotaCore

/// A question before an edit that changes a day already past.
struct Confirmation: Hashable {
  let question: String
  let pending: PendingEdit
  var title = "A day already past"
}

extension PlannerState {
  func performConfirmation(_ q: Confirmation, _ action: Action) -> OverlayEffect {
    switch action {
    case .confirm: return .confirmed(q.pending)
    case .cancel: return .close
    default: return .stay
    }
  }

  func drawConfirmation(_ c: inout Canvas, _ q: Confirmation) {
    var lines = boxLines(q.question, Style(.overlay), boxWidth: 60)
    lines.append((TextWrap.fit([Keymap.hint(.confirm)], width: boxText(60)), Style(.dim)))
    drawBox(&c, title: q.title, lines: lines, width: 60)
  }
}
