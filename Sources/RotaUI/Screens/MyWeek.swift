import RotaCore

/// A worker's own week: each day, where they are and with whom, their events,
/// and what changed since they last looked.
struct MyWeek: Hashable {
  let worker: String
  /// When they last opened their week before this visit (nil: never).
  let since: LocalDateTime?
  /// What changed in this week and the weeks after since then, in sentences.
  var changes: [String] = []
  /// Every change shown (c); otherwise they take at most a third of the screen.
  var allChanges = false
  var scroll = 0
}

/// A line of a page of text: its words, style, and indents.
struct PageLine: Hashable {
  let text: String
  let style: Style
  var indent = 0
  var hang = 2
}

extension PlannerState {
  /// The page's lines wrapped to the screen's width: (text with its indent, style).
  func wrapped(_ lines: [PageLine]) -> [(String, Style)] {
    lines.flatMap { line -> [(String, Style)] in
      let room = max(10, width - 2 - line.indent)
      return TextWrap.lines(line.text, width: room, hang: line.hang).map {
        (" " + String(repeating: " ", count: line.indent) + $0, line.style)
      }
    }
  }

  /// Draws a page of text from `scroll`, with "↓ more" when it goes on.
  func drawPage(_ c: inout Canvas, _ f: Frame, lines: [(String, Style)], scroll: Int) {
    let first = max(0, min(scroll, lines.count - f.body.height))
    for (i, line) in lines.dropFirst(first).prefix(f.body.height).enumerated() {
      c.putWhole(line.0, x: 0, y: f.body.y + i, style: line.1)
    }
    if first + f.body.height < lines.count {
      c.put("↓ more", x: max(0, width - 7), y: f.body.bottom - 1, style: Style(.dim))
    }
  }

  func myWeekLines() -> [PageLine] {
    guard let mine = myWeek, let w = model.workerIndex[mine.worker] else { return [] }
    let person = model.rota.workers[w]
    let p = model.placements
    var lines: [PageLine] = []
    let narrow = width < 100
    lines += noticeLines(mine)
    lines.append(PageLine(text: "", style: .normal))
    let labelWidth = 13
    for d in 0..<7 {
      let am = p.placement(worker: w, day: d, half: .am)
      let pm = p.placement(worker: w, day: d, half: .pm)
      let events = p.events(worker: w, day: d)
      if d >= 5 && !am.isWorked && !pm.isWorked && events.isEmpty { continue }
      let date = model.date(d)
      let label =
        (date == today ? Glyph.today : " ") + date.short + (p.holidayNames[d] != nil ? Glyph.holiday : "")
      var first = true
      func add(_ text: String, _ style: Style, with: String) {
        let prefix = first ? label : ""
        first = false
        var st = style
        st.faint = isPast(date)
        if narrow || with.isEmpty {
          lines.append(PageLine(text: TextWidth.pad(prefix, to: labelWidth) + text, style: st, hang: labelWidth + 3))
          if !with.isEmpty { lines.append(PageLine(text: with, style: Style(.dim), indent: labelWidth + 2)) }
        } else {
          lines.append(
            PageLine(
              text: TextWidth.pad(prefix, to: labelWidth) + TextWidth.pad(text, to: 52) + with, style: st,
              hang: labelWidth))
        }
      }
      if am == pm && company(worker: w, slot: d * 2) == company(worker: w, slot: d * 2 + 1) {
        add(
          myPlace(am, day: d) + (am.isWorked ? ", all day" : ""), style(for: am), with: company(worker: w, slot: d * 2))
      } else {
        add("AM " + myPlace(am, day: d), style(for: am), with: company(worker: w, slot: d * 2))
        add("PM " + myPlace(pm, day: d), style(for: pm), with: company(worker: w, slot: d * 2 + 1))
      }
      for e in events {
        lines.append(PageLine(text: eventWords(e), style: Style(.info), indent: labelWidth, hang: 2))
      }
    }
    lines.append(PageLine(text: "", style: .normal))
    if let row = model.row(w) {
      lines.append(
        PageLine(
          text:
            "\(row.workedSessions) of \(person.sessions) sessions · \(plural(row.solitaryDays, "solitary day")) · last supervision \(row.lastSupervision?.short ?? "never") · \(row.level.rawValue)",
          style: Style(.dim)))
    }
    for f in model.findings(about: person.id) {
      lines.append(
        PageLine(text: "\(Glyph.severity(f.severity)) \(f.message)", style: Style(Glyph.severityRole(f.severity))))
    }
    return lines
  }

  /// What changed since the worker last looked, in this week and the weeks
  /// after: at most a third of the screen unless every change is asked for (c),
  /// so that the week itself always shows.
  func noticeLines(_ mine: MyWeek) -> [PageLine] {
    guard let since = mine.since else {
      return [PageLine(text: "First time here: this is your week as planned.", style: Style(.dim))]
    }
    let when = since.label(currentYear: today.year)
    guard !mine.changes.isEmpty else {
      return [
        PageLine(
          text: "Nothing in this week or later has changed since you last looked (\(when)).", style: Style(.dim))
      ]
    }
    var lines = [PageLine(text: "Changed since you last looked (\(when)):", style: Style(.warning, bold: true))]
    let budget = mine.allChanges ? Int.max : max(3, height / 3)
    var used = wrapped(lines).count
    for (i, sentence) in mine.changes.enumerated() {
      let line = PageLine(text: "• " + sentence, style: Style(.warning), indent: 2)
      let rows = wrapped([line]).count
      let last = i == mine.changes.count - 1
      // Room for this one and, unless it is the last, the line that says how many more.
      guard used + rows + (last ? 0 : 1) <= budget else {
        let more = mine.changes.count - i
        lines.append(
          PageLine(text: "… and \(plural(more, "more change")): c shows them all", style: Style(.dim), indent: 2))
        break
      }
      lines.append(line)
      used += rows
    }
    return lines
  }

  func myPlace(_ p: EffectivePlacement, day: Int) -> String {
    switch p {
    case .site(let code):
      guard let site = model.rota.site(code) else { return code }
      return "\(site.name) (\(site.kind.displayName))"
    case .home: return "working from home"
    case .off: return "off"
    case .leave: return "on leave"
    case .holiday: return "bank holiday" + (model.placements.holidayNames[day].map { ": \($0)" } ?? "")
    case .notInPost: return "not in post"
    }
  }

  func drawMyWeek(_ c: inout Canvas, _ f: Frame) {
    drawPage(&c, f, lines: wrapped(myWeekLines()), scroll: myWeek?.scroll ?? 0)
  }
}
