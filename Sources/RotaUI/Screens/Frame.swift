/// A rectangle of the screen.
struct Rect: Hashable, Sendable {
  var x = 0
  var y = 0
  var width = 0
  var height = 0

  var bottom: Int { y + height }
  func contains(x px: Int, y py: Int) -> Bool { px >= x && px < x + width && py >= y && py < bottom }
}

/// Where each part of the screen goes: worked out from the state and the
/// terminal's size before a key is handled and before anything is drawn, so that
/// a page is the same size in a script as on a terminal, and drawing changes
/// nothing.
struct Frame: Hashable, Sendable {
  var width: Int
  var height: Int
  var title: Rect
  /// A grid's column headings.
  var header: Rect
  /// The grid's or the list's lines, or a page of text.
  var body: Rect
  /// The detail pane: a rule with its title on the first line, sentences below.
  var detail: Rect
  var legend: Rect
  var status: Rect
  var footer: Rect

  /// Lines of the detail pane under its rule.
  var detailLines: Int { max(0, detail.height - 1) }
}

extension PlannerState {
  /// The rows the detail pane keeps at the least, by terminal height.
  var detailMinimum: Int { height >= 30 ? 6 : (height >= 20 ? 3 : 2) }

  var frame: Frame {
    let w = width
    let h = height
    let title = Rect(x: 0, y: 0, width: w, height: 1)
    let status = Rect(x: 0, y: max(0, h - 2), width: w, height: 1)
    let footer = Rect(x: 0, y: max(0, h - 1), width: w, height: 1)
    switch screen {
    case .workers, .sites, .findings, .board, .team:
      let headerRows = screen == .sites ? 2 : (screen == .findings ? 0 : 1)
      let header = Rect(x: 0, y: 1, width: w, height: headerRows)
      let legendRows = legendLines.count
      // Title, headings, the detail pane's rule, the legend, status and footer.
      let available = max(2, h - 1 - headerRows - 1 - legendRows - 2)
      let wanted = max(1, contentLines)
      let bodyRows = max(1, min(wanted, available - detailMinimum))
      let body = Rect(x: 0, y: header.bottom, width: w, height: bodyRows)
      let detail = Rect(x: 0, y: body.bottom, width: w, height: 1 + max(0, available - bodyRows))
      let legend = Rect(x: 0, y: detail.bottom, width: w, height: legendRows)
      return Frame(
        width: w, height: h, title: title, header: header, body: body, detail: detail, legend: legend,
        status: status, footer: footer)
    case .myWeek, .history, .arrs:
      let legendRows = screen == .myWeek ? legendLines.count : 0
      let body = Rect(x: 0, y: 1, width: w, height: max(1, h - 3 - legendRows))
      let legend = Rect(x: 0, y: body.bottom, width: w, height: legendRows)
      return Frame(
        width: w, height: h, title: title, header: Rect(x: 0, y: 1, width: w, height: 0), body: body,
        detail: Rect(x: 0, y: body.bottom, width: w, height: 0), legend: legend, status: status, footer: footer)
    }
  }

  /// How many lines the current screen's list or grid has.
  var contentLines: Int {
    switch screen {
    case .workers: return workerLines.count
    case .sites: return rows.sites.count
    case .findings: return findingLines.count
    case .board: return boardLines.count
    case .team: return teamCount
    case .myWeek, .history, .arrs: return 0
    }
  }
}
