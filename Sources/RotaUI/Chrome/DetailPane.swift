import RotaCore

/// One sentence of the detail pane, wrapped to the pane's width when drawn.
struct DetailLine: Hashable {
  let text: String
  let style: Style
  /// Columns continuation lines are indented by.
  var hang = 2

  init(_ text: String, _ style: Style, hang: Int = 2) {
    self.text = text
    self.style = style
    self.hang = hang
  }
}

extension PlannerState {
  /// What the detail pane says now: a move's preview in full while one is
  /// carried, else the current screen's cell, finding or worker.
  func detailContent() -> (title: String, lines: [DetailLine]) {
    if let moving, moving.target != nil, let preview = moving.preview {
      return (preview.refusal == .putBack ? "Moving" : "Drop here?", previewSentences(moving.source, preview))
    }
    switch screen {
    case .workers: return workerDetail()
    case .sites: return siteDetail()
    case .findings: return findingDetail()
    case .board: return boardDetail()
    case .team: return teamDetail()
    case .myWeek, .history, .arrs: return ("", [])
    }
  }

  /// The detail lines wrapped to the pane's width.
  func wrappedDetail(_ lines: [DetailLine]) -> [(String, Style)] {
    lines.flatMap { line in
      TextWrap.lines(line.text, width: max(10, width - 2), hang: line.hang).map { (" " + $0, line.style) }
    }
  }

  /// The rule with its title, then as many lines as fit; when they do not all
  /// fit, the rule's right end says how many more there are and that `i` shows them.
  func drawDetailPane(_ c: inout Canvas, _ f: Frame) {
    guard f.detail.height > 0 else { return }
    let (title, lines) = detailContent()
    let wrapped = wrappedDetail(lines)
    let room = f.detailLines
    let more = max(0, wrapped.count - room)
    drawRule(&c, y: f.detail.y, title: title, note: more > 0 ? "\(more) more: i " : "")
    for (i, line) in wrapped.prefix(room).enumerated() {
      c.putWhole(line.0, x: 0, y: f.detail.y + 1 + i, style: line.1)
    }
  }

  /// A rule across the screen, with a title at its left and a note at its right.
  func drawRule(_ c: inout Canvas, y: Int, title: String, note: String = "") {
    c.put(String(repeating: Glyph.rule, count: width), x: 0, y: y, style: Style(.rule))
    let noteWidth = note.isEmpty ? 0 : TextWidth.width(of: note) + 2
    if !title.isEmpty {
      c.put(
        " \(TextWidth.truncate(title, to: max(1, width - 6 - noteWidth))) ", x: 2, y: y, style: Style(.rule, bold: true)
      )
    }
    if !note.isEmpty { c.put(" " + note, x: width - noteWidth, y: y, style: Style(.rule, bold: true)) }
  }

  /// A drop's preview in sentences: what it does, the counts before and after,
  /// and every finding it clears or adds.
  func previewSentences(_ source: MoveSource, _ p: Preview) -> [DetailLine] {
    var lines: [DetailLine] = []
    let who = model.workerIndex[source.worker].map { model.rota.workers[$0].name } ?? source.worker
    if let refusal = p.refusal {
      if refusal == .putBack {
        let how =
          source.from == nil
          ? "the same person's other day swaps the two days, another person's same day swaps them"
          : "another site's cell on the same day moves them there"
        lines.append(
          DetailLine(
            "Moving \(who), \(source.date.short) (\(source.scope.label)). Choose where with the arrows: \(how). Enter drops; Esc cancels.",
            .normal))
        return lines
      } else {
        lines.append(DetailLine("Cannot drop here. \(refusal.sentence ?? "")", Style(.error)))
      }
      lines.append(DetailLine("Move the cursor to another cell, or press Esc to cancel.", Style(.dim)))
      return lines
    }
    if let summary = p.summary { lines.append(DetailLine("Dropping here: \(summary).", Style(.normal, bold: true))) }
    lines.append(
      DetailLine(
        "Errors \(model.errors) → \(p.errors), warnings \(model.warnings) → \(p.warnings) in \(week.title).",
        Style(.normal)))
    if p.cleared.isEmpty && p.added.isEmpty { lines.append(DetailLine("No finding changes.", Style(.dim))) }
    for f in p.added {
      lines.append(DetailLine("Adds \(Glyph.severity(f.severity)) \(f.message)", Style(Glyph.severityRole(f.severity))))
    }
    for f in p.cleared {
      lines.append(DetailLine("Clears \(Glyph.severity(f.severity)) \(f.message)", Style(.levelOk)))
    }
    if isPast(p.target.date) || isPast(source.date) {
      lines.append(DetailLine("This changes a day already past: rota will ask before saving it.", Style(.warning)))
    }
    return lines
  }
}
