import RotaCore

/// The week's findings in sentences, grouped by severity. The cursor is always on
/// a finding (the first one when the list opens), never on a heading.
struct FindingsList: Hashable {
  /// Over the findings in the list's order.
  var cursor = ListCursor()
}

/// One line of the findings list.
enum FindingLine: Hashable {
  case heading(Severity, count: Int)
  /// A finding's index in the week's report, and its place in the list's order.
  case finding(Int, position: Int)
}

extension PlannerState {
  var findingLines: [FindingLine] {
    var lines: [FindingLine] = []
    var position = 0
    for severity in Severity.allCases {
      let group = model.report.findings.indices.filter { model.report.findings[$0].severity == severity }
      guard !group.isEmpty else { continue }
      lines.append(.heading(severity, count: group.count))
      for i in group {
        lines.append(.finding(i, position: position))
        position += 1
      }
    }
    return lines
  }

  /// The report index of the finding at a position in the list's order.
  func finding(atPosition position: Int) -> Int? {
    for line in findingLines {
      if case .finding(let i, let p) = line, p == position { return i }
    }
    return nil
  }

  func findingLine(ofPosition position: Int, in lines: [FindingLine]) -> Int? {
    lines.firstIndex { if case .finding(_, let p) = $0 { return p == position } else { return false } }
  }

  mutating func moveFindingsCursor(_ d: Direction, frame f: Frame) {
    let count = model.report.findings.count
    let page = max(1, f.body.height - 1)
    switch d {
    case .up: findings.cursor.move(by: -1, count: count)
    case .down: findings.cursor.move(by: 1, count: count)
    case .pageUp: findings.cursor.move(by: -page, count: count)
    case .pageDown: findings.cursor.move(by: page, count: count)
    case .first: findings.cursor.move(by: -count, count: count)
    case .last: findings.cursor.move(by: count, count: count)
    case .left, .right: break
    }
    followFindingsCursor(frame: f)
  }

  mutating func followFindingsCursor(frame f: Frame) {
    findings.cursor.clamp(count: model.report.findings.count)
    let lines = findingLines
    let line = findingLine(ofPosition: findings.cursor.index, in: lines) ?? 0
    findings.cursor.follow(line: line, rows: f.body.height, total: lines.count, above: 1)
  }

  /// The position of the finding on a line of the body, for a click.
  func hitFindings(x: Int, y: Int, frame f: Frame) -> Int? {
    guard f.body.contains(x: x, y: y) else { return nil }
    let lines = findingLines
    let index = findings.cursor.scroll + (y - f.body.y)
    guard lines.indices.contains(index), case .finding(_, let position) = lines[index] else { return nil }
    return position
  }

  func drawFindings(_ c: inout Canvas, _ f: Frame) {
    let lines = findingLines
    if lines.isEmpty {
      c.putWhole(" No findings this week: the plan breaks no rule.", x: 0, y: f.body.y, style: Style(.levelOk))
    }
    for (offset, line) in lines.dropFirst(findings.cursor.scroll).prefix(f.body.height).enumerated() {
      let y = f.body.y + offset
      switch line {
      case .heading(let severity, let count):
        c.put(" \(severity.pluralTitle) (\(count))", x: 0, y: y, style: Style(.roleHeader, bold: true))
      case .finding(let index, let position):
        let finding = model.report.findings[index]
        c.put(
          "   \(Glyph.severity(finding.severity)) ", x: 0, y: y,
          style: Style(Glyph.severityRole(finding.severity), bold: true))
        // The list shows each finding on one line; the detail pane below has it whole.
        c.put(TextWidth.truncate(finding.message, to: width - 6), x: 5, y: y, style: Style(.normal))
        if position == findings.cursor.index && screen == .findings {
          c.restyle(x: 0, y: y, width: width) {
            $0.role = .selection
            $0.reverse = true
          }
        }
      }
    }
    if findings.cursor.scroll > 0 { c.put(Glyph.moreAbove, x: 0, y: f.body.y, style: Style(.dim)) }
    if findings.cursor.scroll + f.body.height < lines.count {
      c.put(Glyph.moreBelow, x: 0, y: f.body.bottom - 1, style: Style(.dim))
    }
  }

  func findingDetail() -> (title: String, lines: [DetailLine]) {
    guard let index = finding(atPosition: detailAt.finding) else { return ("Finding", []) }
    let f = model.report.findings[index]
    return (
      "Finding \(detailAt.finding + 1) of \(model.report.findings.count)",
      [
        DetailLine("\(Glyph.severity(f.severity)) \(f.message)", Style(Glyph.severityRole(f.severity))),
        DetailLine("\(f.rule.code) (\(f.severity.rawValue)): \(f.rule.summary)", Style(.dim)),
        DetailLine("Enter goes to the cell it is about.", Style(.dim)),
      ]
    )
  }
}
