import RotaCore

/// A box drawn over the screen that takes the keys until it closes.
enum Overlay: Hashable {
  /// Every key, from the keymap, scrolled by this many lines.
  case help(scroll: Int)
  /// Sentences to read in full: the recent messages, or the detail pane.
  case page(TextPage)
  case picker(PlacePicker)
  case prompt(Prompt)
  case chooser(Chooser)
  /// Adding or changing a worker, a site, leave or an event.
  case form(Form)
  case usualWeek(UsualWeekEditor)
  case confirm(Confirmation)
  /// The best single fixes for a finding, a cell or a cover gap.
  case suggestions(SuggestionList)

  var mode: KeyMode {
    switch self {
    case .help: return .help
    case .page: return .textPage
    case .picker: return .picker
    case .prompt: return .prompt
    case .chooser: return .chooser
    case .form: return .form
    case .usualWeek: return .usualWeek
    case .confirm: return .confirm
    case .suggestions: return .suggestions
    }
  }
}

/// What an overlay asks the planner to do when a key has been handled in it.
/// Overlays change only themselves; anything beyond is returned, not performed.
enum OverlayEffect: Hashable {
  /// Stay open (the overlay has taken the key).
  case stay
  case close
  case save(Edit, expecting: [CellExpectation])
  case goToWeek(ISOWeek)
  /// The filter as typed so far; `done` when Enter closed the prompt.
  case filter(String, done: Bool)
  case chose(Chooser.Choice)
  /// A form or the usual-week editor asks for this edit (warnings are looked for first).
  case submitted(PendingEdit)
  case confirmed(PendingEdit)
}

/// An edit waiting for a yes (it changes a day already past).
struct PendingEdit: Hashable {
  let edit: Edit
  let expecting: [CellExpectation]
  var records: [RecordExpectation] = []
}

extension PlannerState {
  /// Draws a box in the middle of the screen: a title on its top border, its
  /// lines (each cut to the box, which is as wide as the screen allows), and
  /// returns the box's rectangle.
  @discardableResult
  func drawBox(_ c: inout Canvas, title: String, lines: [(String, Style)], width boxWidth: Int) -> Rect {
    let w = min(width - 2, boxWidth)
    let h = min(height - 2, lines.count + 2)
    let x = max(0, (width - w) / 2)
    let y = max(1, (height - h) / 2)
    c.fill(x: x, y: y, width: w, height: h, style: Style(.overlay))
    c.put("┌" + String(repeating: "─", count: max(0, w - 2)) + "┐", x: x, y: y, style: Style(.overlayBorder))
    c.put(
      " \(TextWidth.truncate(title, to: max(1, w - 6))) ", x: x + 2, y: y, style: Style(.overlayTitle, bold: true))
    for i in 1..<max(1, h - 1) {
      c.put("│", x: x, y: y + i, style: Style(.overlayBorder))
      c.put("│", x: x + w - 1, y: y + i, style: Style(.overlayBorder))
    }
    c.put("└" + String(repeating: "─", count: max(0, w - 2)) + "┘", x: x, y: y + h - 1, style: Style(.overlayBorder))
    for (i, line) in lines.prefix(max(0, h - 2)).enumerated() {
      c.put(line.0, x: x + 2, y: y + 1 + i, style: line.1, limit: w - 4)
    }
    return Rect(x: x, y: y, width: w, height: h)
  }

  /// The room inside a box of this width for its sentences.
  func boxText(_ boxWidth: Int) -> Int { max(10, min(width - 2, boxWidth) - 4) }

  /// Sentences wrapped to fit a box of this width.
  func boxLines(_ text: String, _ style: Style, boxWidth: Int) -> [(String, Style)] {
    TextWrap.lines(text, width: boxText(boxWidth), hang: 2).map { ($0, style) }
  }

  func drawOverlay(_ c: inout Canvas) {
    switch overlay {
    case nil: return
    case .help(let scroll): drawHelp(&c, scroll: scroll)
    case .page(let page): drawPage(&c, page)
    case .picker(let picker): drawPicker(&c, picker)
    case .prompt(let prompt): drawPrompt(&c, prompt)
    case .chooser(let chooser): drawChooser(&c, chooser)
    case .form(let form): drawForm(&c, form)
    case .usualWeek(let editor): drawUsualWeek(&c, editor)
    case .confirm(let question): drawConfirmation(&c, question)
    case .suggestions(let list): drawSuggestions(&c, list)
    }
  }
}
