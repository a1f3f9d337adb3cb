import RotaCore

/// The title bar, the status line, the footer and the legend: the parts of the
/// screen every view shares.
extension PlannerState {
  // MARK: Title

  /// The title's forms, fullest first; the first that fits is drawn. The week and
  /// the screen are in every form; the PCN's name goes first when room is short.
  func titleForms() -> [String] {
    let app = readOnly ? "rota (READ-ONLY)" : "rota"
    var screenTitle = screen.title
    if screen == .board, let role = board.role { screenTitle += " · \(role.pluralName)" }
    // The week as the plan would make it, not as it is: said in every form of the title.
    if plan != nil { screenTitle += " · PLAN" }
    let whose: String
    switch screen {
    case .myWeek: whose = myWeek.flatMap { model.workerIndex[$0.worker] }.map { model.rota.workers[$0].name } ?? ""
    case .history: whose = history.flatMap { model.workerIndex[$0.worker] }.map { model.rota.workers[$0].name } ?? ""
    default: whose = model.rota.pcn
    }
    let filterText = filter.isEmpty || ![.workers, .sites].contains(screen) ? nil : "filter \u{201C}\(filter)\u{201D}"
    let thisWeek = week == today.isoWeek ? " (this week)" : ""
    let long = week.title
    let short = "Week \(week.week) \(week.year)"
    func join(_ parts: [String?]) -> String { " " + parts.compactMap { $0 }.joined(separator: " │ ") }
    if screen == .myWeek || screen == .history {
      // Whose week it is matters more than anything but the week itself.
      return [
        join([app, whose, long + thisWeek, screenTitle]), join([app, whose, long, screenTitle]),
        join([app, whose, short, screenTitle]), join([whose, short]),
      ]
    }
    return [
      join([app, whose, long + thisWeek, screenTitle, filterText]),
      join([app, whose, long, screenTitle, filterText]),
      join([app, long, screenTitle, filterText]),
      join([app, short, screenTitle, filterText]),
      join([app, short, screenTitle]),
      join([short, screenTitle]),
    ]
  }

  /// What the title keeps at its right end, never cut: the scope in the grids, and help.
  var titleRight: String {
    switch screen {
    case .workers: return "\(scope.badge) │ ? help "
    // In the sites grid a cell is one half-day: a half scope takes the cell's half.
    case .sites: return "\(scope == .day ? scope.badge : "half days") │ ? help "
    default: return "? help "
    }
  }

  func drawTitle(_ c: inout Canvas, _ f: Frame) {
    c.fill(x: 0, y: f.title.y, width: width, height: 1, style: Style(.title))
    let right = titleRight
    let rightWidth = TextWidth.width(of: right)
    let room = max(1, width - rightWidth - 1)
    c.put(TextWrap.fit(titleForms(), width: room), x: 0, y: f.title.y, style: Style(.title, bold: true))
    c.put(right, x: width - rightWidth, y: f.title.y, style: Style(.title, bold: true))
  }

  // MARK: Status

  /// The counts at the start of the status line, in words when there is room:
  /// each with its style, so an alarm colour never carries the meaning alone.
  var statusCounts: [(String, Style)] {
    let (e, w, o) = statusFindings
    let wide = width >= 100
    // A worker's own planner counts their flags and says so.
    let whose = viewer.map { _ in [(wide ? " yours:" : " you:", Style(.statusBar))] } ?? []
    return whose + [
      (
        wide ? " \(Glyph.error) \(plural(e, "error")) " : " \(Glyph.error)\(e) ",
        Style(e > 0 ? .statusError : .statusBar, bold: true)
      ),
      (
        wide ? " \(Glyph.warning) \(plural(w, "warning")) " : " \(Glyph.warning)\(w) ",
        Style(w > 0 ? .statusWarning : .statusBar, bold: true)
      ),
      (
        wide ? " \(Glyph.overload) \(o) at overload " : " \(Glyph.overload)\(o) ",
        Style(o > 0 ? .statusError : .statusBar)
      ),
      ("│ ", Style(.statusBar)),
    ]
  }

  /// A drop's preview in forms short enough for the status line; the detail
  /// pane has it in sentences.
  func compactPreview(_ source: MoveSource, _ p: Preview) -> [String] {
    if let refusal = p.refusal {
      guard refusal != .putBack else { return ["drop here: no change, it is where it was picked up", "no change"] }
      let why = refusal.short ?? ""
      return ["can't drop here: \(why)", "can't drop: \(why)", "\(Glyph.cannotDrop) \(why)"]
    }
    let counts = "\(Glyph.error) \(model.errors)→\(p.errors) \(Glyph.warning) \(model.warnings)→\(p.warnings)"
    let tight = "\(Glyph.error)\(model.errors)→\(p.errors) \(Glyph.warning)\(model.warnings)→\(p.warnings)"
    let changes = "clears \(p.cleared.count), adds \(p.added.count)"
    let who = model.workerIndex[source.worker].map { model.rota.workers[$0].name } ?? source.worker
    let first = who.split(separator: " ").first.map(String.init) ?? who
    let half = source.scope == .day ? "" : " (\(source.scope.label))"
    var what: String
    switch p.target {
    case .worker(let id, let date):
      if id == source.worker {
        what = "\(first) \(source.date.short) ⇄ \(date.short)"
      } else {
        let other = model.workerIndex[id].map { model.rota.workers[$0].name } ?? id
        what = "\(first) ⇄ \(other.split(separator: " ").first.map(String.init) ?? other), \(date.short)"
      }
    case .place(let place, _, _):
      let name: String
      switch place {
      case .site(let code): name = code
      case .home: name = "home"
      case .off: name = "off"
      }
      what = "\(first) → \(name), \(source.date.short)"
    }
    what += half
    return [
      "drop: \(what) · \(counts) · \(changes)", "drop: \(what) · \(tight) · −\(p.cleared.count) +\(p.added.count)",
      "drop here: \(counts) · \(changes)", "drop: \(tight) −\(p.cleared.count) +\(p.added.count)",
    ]
  }

  func drawStatus(_ c: inout Canvas, _ f: Frame) {
    let y = f.status.y
    c.fill(x: 0, y: y, width: width, height: 1, style: Style(.statusBar))
    var x = 0
    for (text, style) in statusCounts { x = c.put(text, x: x, y: y, style: style) }
    let room = max(1, width - x - 1)
    if let notice = carry?.notice {
      c.put(TextWrap.fit([notice, "Enter drops, Esc cancels"], width: room), x: x, y: y, style: Style(.statusError))
    } else if let moving, moving.target != nil, let preview = moving.preview, preview.refusal != .putBack {
      c.put(
        TextWrap.fit(compactPreview(moving.source, preview), width: room), x: x, y: y,
        style: Style(.preview, bold: true))
    } else if let moving {
      let who = model.workerIndex[moving.source.worker].map { model.rota.workers[$0].name } ?? moving.source.worker
      let forms = [
        "moving \(who), \(moving.source.date.short) (\(moving.source.scope.label)): arrows choose where, Enter drops, Esc cancels",
        "moving \(who), \(moving.source.date.short): Enter drops, Esc cancels",
        "moving: Enter drops, Esc cancels",
      ]
      x = c.put(TextWrap.fit(forms, width: room), x: x, y: y, style: Style(.preview, bold: true))
    } else if !status.text.isEmpty {
      let role: StyleRole = status.kind == .error ? .statusError : (status.kind == .good ? .statusGood : .statusBar)
      let more = " (M: all)"
      var forms = [status.text]
      if let short = status.short { forms += [short + more, short] }
      let text =
        forms.first { TextWidth.width(of: $0) <= room }
        ?? TextWidth.truncate(status.text, to: max(1, room - TextWidth.width(of: more))) + more
      c.put(text, x: x, y: y, style: Style(role))
    }
  }

  // MARK: Footer and legend

  /// The keys that fit, always keeping the last two (help and quit, or close):
  /// the ones in the middle give way first on a narrow screen.
  func drawFooter(_ c: inout Canvas, _ f: Frame) {
    let y = f.footer.y
    c.fill(x: 0, y: y, width: width, height: 1, style: Style(.footer))
    var keys = Keymap.footer(mode, readOnly: readOnly)
    func need(_ k: [(String, String)]) -> Int {
      k.reduce(1) { $0 + TextWidth.width(of: $1.0) + TextWidth.width(of: $1.1) + 3 }
    }
    while keys.count > 2 && need(keys) > width { keys.remove(at: keys.count - 3) }
    var x = 1
    for (key, what) in keys {
      x = c.put(key, x: x, y: y, style: Style(.footerKey, bold: true))
      x = c.put(" \(what)  ", x: x, y: y, style: Style(.footer))
    }
  }

  /// The legend: every mark the screen can show, and what it means.
  var legendLines: [String] {
    Legend.lines(for: screen, moving: isMoving, width: width, maxRows: 2)
  }

  func drawLegend(_ c: inout Canvas, _ f: Frame) {
    for (i, line) in legendLines.prefix(f.legend.height).enumerated() {
      c.put(line, x: 0, y: f.legend.y + i, style: Style(.dim))
    }
  }

  func drawTooSmall(_ c: inout Canvas) {
    let text =
      "rota needs a terminal at least \(Self.minimumWidth) columns wide and \(Self.minimumHeight) rows high; this one is \(width)×\(height). Make the window larger, or press q to quit."
    let lines = TextWrap.lines(text, width: max(1, width), hang: 0)
    let top = max(0, (height - lines.count) / 2)
    for (i, line) in lines.enumerated() where top + i < height {
      c.putWhole(line, x: 0, y: top + i, style: Style(.warning))
    }
  }
}
