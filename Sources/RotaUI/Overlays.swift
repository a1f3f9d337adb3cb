import RotaCore

/// A box drawn over the screen that takes the keys until it closes.
enum Overlay {
  /// The key list, scrolled by this many lines.
  case help(Int)
  case picker(PickerState)
  case prompt(PromptState)
  case leave(LeaveState)
  case chooser(ChooserState)
  case supervision(SupervisionState)
}

/// Adding a supervision session for a worker: the usual fix for isolation.
struct SupervisionState {
  let worker: Int
  var date: String
  var half: Half? = .pm
  var venue = "online"
  var with = ""
  var field = 0
  var error: String? = nil
}

/// Choosing a place for a cell: type to filter sites by code or name.
struct PickerState {
  let worker: Int
  let day: Int
  let halves: [Half]
  var text = ""
  var selected = 0
}

/// A one-line question: which week to go to, or what to filter by.
struct PromptState {
  enum Purpose { case goToWeek, filter }
  let purpose: Purpose
  var text = ""
  var error: String? = nil
}

/// Booking leave for a range of days.
struct LeaveState {
  let worker: Int
  var from: String
  var to: String
  var kind: LeaveKind = .annual
  var field = 1
  var error: String? = nil
}

/// Choosing which of several people in a site grid cell to pick up.
struct ChooserState {
  enum Purpose { case pickUp, person }
  let workers: [Int]
  var purpose: Purpose = .pickUp
  var selected = 0
}

extension Planner {
  func pickerOptions(_ state: PickerState) -> [Place] {
    let needle = WeekModel.fold(state.text)
    let all: [Place] = [.home, .off] + model.rota.sites.map { .site($0.code) }
    guard !needle.isEmpty else { return all }
    return all.filter { p in
      switch p {
      case .home: return "home".hasPrefix(needle)
      case .off: return "off".hasPrefix(needle)
      case .site(let code):
        let site = model.rota.site(code)!
        return WeekModel.fold(code).contains(needle) || WeekModel.fold(site.name).contains(needle)
          || WeekModel.fold(site.kind.rawValue).hasPrefix(needle)
      }
    }
  }

  func openPicker() {
    if let refusal = editingRefusal { return say(refusal, .error) }
    guard let (worker, day, halves) = cellForEdit() else { return }
    overlay = .picker(PickerState(worker: worker, day: day, halves: halves))
  }

  func openLeave() {
    if let refusal = editingRefusal { return say(refusal, .error) }
    guard let (worker, day, _) = cellForEdit() else { return }
    let date = model.date(day).iso
    overlay = .leave(LeaveState(worker: worker, from: date, to: date))
  }

  /// Keys while an overlay is open.
  func overlayKey(_ key: Key) -> Bool {
    guard let current = overlay else { return false }
    switch current {
    case .help(let scroll):
      switch key {
      case .down, .char("j"): overlay = .help(min(scroll + 1, max(0, helpLines.count - 1)))
      case .up, .char("k"): overlay = .help(max(0, scroll - 1))
      case .pageDown, .char(" "): overlay = .help(min(scroll + 10, max(0, helpLines.count - 1)))
      case .pageUp: overlay = .help(max(0, scroll - 10))
      default: overlay = nil
      }

    case .chooser(var state):
      switch key {
      case .escape: overlay = nil
      case .up, .char("k"): state.selected = max(0, state.selected - 1)
      case .down, .char("j"): state.selected = min(state.workers.count - 1, state.selected + 1)
      case .enter, .char(" "):
        overlay = nil
        choose(state.workers[state.selected], state.purpose)
        return true
      case .char(let c) where c.wholeNumberValue != nil && state.workers.count <= 9:
        let n = c.wholeNumberValue! - 1
        if n >= 0 && n < state.workers.count {
          overlay = nil
          choose(state.workers[n], state.purpose)
          return true
        }
      default: break
      }
      if case .chooser = overlay { overlay = .chooser(state) }

    case .picker(var state):
      let options = pickerOptions(state)
      switch key {
      case .escape: overlay = nil
      case .up: state.selected = max(0, state.selected - 1)
      case .down: state.selected = min(max(0, options.count - 1), state.selected + 1)
      case .backspace:
        if !state.text.isEmpty { state.text.removeLast() }
        state.selected = 0
      case .enter:
        guard !options.isEmpty else { return true }
        let place = options[min(state.selected, options.count - 1)]
        overlay = nil
        let expecting = state.halves.map { h in
          CellExpectation(
            worker: model.rota.workers[state.worker].id, date: model.date(state.day), half: h,
            place: model.placements.planned(worker: state.worker, slot: state.day * 2 + h.rawValue))
        }
        save(
          .move(
            worker: model.rota.workers[state.worker].id, date: model.date(state.day),
            half: state.halves.count == 2 ? nil : state.halves[0], to: place), expecting: expecting)
        return true
      case .char(let c):
        state.text.append(c)
        state.selected = 0
      default: break
      }
      if case .picker = overlay { overlay = .picker(state) }

    case .prompt(var state):
      switch key {
      case .escape:
        overlay = nil
        if state.purpose == .filter {
          filter = ""
          clampCursors()
        }
      case .backspace:
        if !state.text.isEmpty { state.text.removeLast() }
        if state.purpose == .filter { applyFilter(state.text) }
      case .enter:
        overlay = nil
        switch state.purpose {
        case .filter:
          applyFilter(state.text)
          say(filter.isEmpty ? "no filter" : "showing who matches \u{201C}\(filter)\u{201D}; Esc clears it")
        case .goToWeek:
          if let w = parseWeek(state.text) {
            goTo(w)
          } else {
            state.error = "not a week: try 2026-W49, next, last or a date"
            overlay = .prompt(state)
          }
        }
        return true
      case .char(let c):
        state.text.append(c)
        state.error = nil
        if state.purpose == .filter { applyFilter(state.text) }
      default: break
      }
      if case .prompt = overlay { overlay = .prompt(state) }

    case .supervision(var state):
      switch key {
      case .escape: overlay = nil
      case .tab, .down: state.field = (state.field + 1) % 4
      case .backTab, .up: state.field = (state.field + 3) % 4
      case .left where state.field == 1, .right where state.field == 1, .char(" ") where state.field == 1:
        let halves: [Half?] = [.am, .pm, nil]
        let i = halves.firstIndex(of: state.half) ?? 1
        state.half = halves[(i + (key == .left ? 2 : 1)) % 3]
      case .backspace:
        switch state.field {
        case 0: if !state.date.isEmpty { state.date.removeLast() }
        case 2: if !state.venue.isEmpty { state.venue.removeLast() }
        case 3: if !state.with.isEmpty { state.with.removeLast() }
        default: break
        }
      case .enter:
        guard let date = LocalDate(iso: state.date) else {
          state.error = "the date is YYYY-MM-DD"
          break
        }
        let venue: EventVenue = state.venue.lowercased() == "online" ? .online : .site(state.venue.uppercased())
        let others = state.with.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        let unknown = others.filter { model.workerIndex[$0] == nil }
        guard unknown.isEmpty else {
          state.error = "no worker has the id \(unknown[0])"
          break
        }
        let id = model.rota.workers[state.worker].id
        overlay = nil
        save(
          .addEvent(
            Event(
              title: "Supervision", kind: .supervision, date: date, half: state.half, venue: venue,
              attendees: [id] + others.filter { $0 != id })), expecting: [])
        return true
      case .char(let c):
        switch state.field {
        case 0: state.date.append(c)
        case 2: state.venue.append(c)
        case 3: state.with.append(c)
        default: break
        }
        state.error = nil
      default: break
      }
      if case .supervision = overlay { overlay = .supervision(state) }

    case .leave(var state):
      switch key {
      case .escape: overlay = nil
      case .tab, .down: state.field = (state.field + 1) % 3
      case .backTab, .up: state.field = (state.field + 2) % 3
      case .left where state.field == 2, .right where state.field == 2, .char(" ") where state.field == 2:
        let kinds = LeaveKind.allCases
        let i = kinds.firstIndex(of: state.kind)!
        state.kind = kinds[(i + (key == .left ? kinds.count - 1 : 1)) % kinds.count]
      case .backspace:
        if state.field == 0, !state.from.isEmpty { state.from.removeLast() }
        if state.field == 1, !state.to.isEmpty { state.to.removeLast() }
      case .enter:
        guard let from = DatedSession(token: Substring(state.from)), let to = DatedSession(token: Substring(state.to))
        else {
          state.error = "dates are YYYY-MM-DD, or YYYY-MM-DD-am/pm"
          break
        }
        guard to.last.ordinal >= from.first.ordinal else {
          state.error = "the leave ends before it starts"
          break
        }
        overlay = nil
        save(
          .bookLeave(Leave(worker: model.rota.workers[state.worker].id, from: from, to: to, kind: state.kind)),
          expecting: [])
        return true
      case .char(let c):
        if state.field == 0 { state.from.append(c) }
        if state.field == 1 { state.to.append(c) }
        state.error = nil
      default: break
      }
      if case .leave = overlay { overlay = .leave(state) }
    }
    return true
  }

  func choose(_ worker: Int, _ purpose: ChooserState.Purpose) {
    switch purpose {
    case .pickUp: startSiteCarry(worker: worker)
    case .person: openPerson(worker)
    }
  }

  func applyFilter(_ text: String) {
    filter = text
    workerRow = 0
    siteRow = 0
    clampCursors()
  }

  func parseWeek(_ text: String) -> ISOWeek? {
    let t = text.trimmingCharacters(in: .whitespaces)
    switch t {
    case "today", "this", "": return today.isoWeek
    case "next": return week.adding(weeks: 1)
    case "last", "previous": return week.adding(weeks: -1)
    default: return ISOWeek(iso: t) ?? LocalDate(iso: t)?.isoWeek
    }
  }

  // MARK: Findings list

  enum FindingLine {
    case header(Severity, Int)
    case finding(Int)
  }

  var findingLines: [FindingLine] {
    var lines: [FindingLine] = []
    for severity in Severity.allCases {
      let group = model.report.findings.indices.filter { model.report.findings[$0].severity == severity }
      guard !group.isEmpty else { continue }
      lines.append(.header(severity, group.count))
      lines += group.map { .finding($0) }
    }
    return lines
  }

  /// Enter on a finding: go to the cell it is about.
  func jumpToFinding() {
    let lines = findingLines
    guard findingRow < lines.count else { return }
    guard case .finding(let i) = lines[findingRow] else { return }
    let f = model.report.findings[i]
    let day = f.date.map { $0.dayNumber - week.monday.dayNumber }
    if let id = f.worker, let w = model.workerIndex[id] {
      if !workerRows.contains(w) { filter = "" }
      view = .workers
      workerRow = workerRows.firstIndex(of: w) ?? 0
      if let day, let d = model.days.firstIndex(of: day) { workerDay = d }
      if let half = f.session { scope = half == .am ? .am : .pm } else { scope = .day }
    } else if let code = f.site, let s = model.siteIndex[code] {
      filter = ""
      view = .sites
      siteRow = siteRows.firstIndex(of: s) ?? 0
      if let day, let d = model.days.firstIndex(of: day) { siteSlot = d * 2 + (f.session?.rawValue ?? 0) }
    }
    clampCursors()
    say(f.message)
  }

  // MARK: Mouse

  func mouse(_ action: MouseAction, x: Int, y: Int) -> Bool {
    if isTooSmall { return false }
    // Hit-testing reads where things were drawn: lay the screen out as it is now,
    // even if no one has drawn it since the last key.
    _ = render()
    if overlay != nil {
      if action == .press, case .help = overlay! { overlay = nil }
      if case .help(let scroll) = overlay!, action == .scrollDown || action == .scrollUp {
        overlay = .help(max(0, scroll + (action == .scrollDown ? 3 : -3)))
      }
      return true
    }
    switch action {
    case .scrollUp:
      moveCursor(dx: 0, dy: -3)
    case .scrollDown:
      moveCursor(dx: 0, dy: 3)
    case .press:
      carry = nil
      guard let hit = layout.hit(x: x, y: y) else { return false }
      select(hit)
      if view == .findings {
        return true
      }
      if let source = sourceAt(hit) {
        if backend.readOnly {
          say(editingRefusal!, .error)
        } else {
          drag.press(source, x: x, y: y)
        }
      }
    case .drag:
      guard drag.isActive else { return false }
      let target = layout.hit(x: x, y: y).flatMap(targetAt)
      let previous = drag.target
      drag.motion(over: target, x: x, y: y)
      if let t = drag.target, t != previous, let s = drag.source { preview = Preview.compute(s, t, model: model) }
      if drag.target == nil { preview = nil }
    case .release:
      let target = layout.hit(x: x, y: y).flatMap(targetAt)
      let outcome = drag.release(over: target, x: x, y: y)
      preview = nil
      switch outcome {
      case .none, .click: break
      case .cancelled: say("move cancelled: dropped outside the grid")
      case .drop(let source, let target):
        if let hit = layout.hit(x: x, y: y) { select(hit) }
        perform(source, target)
      }
    }
    return true
  }

  /// Moves the cursor to what was clicked.
  func select(_ hit: Layout.Hit) {
    switch hit {
    case .workerCell(let row, let dayIndex, let half):
      view = .workers
      workerRow = row
      workerDay = dayIndex
      if let half,
        scope != .day
          || model.placements.placement(worker: workerRows[row], day: model.days[dayIndex], half: .am)
            != model.placements.placement(worker: workerRows[row], day: model.days[dayIndex], half: .pm)
      {
        scope = half == .am ? .am : .pm
      }
    case .siteCell(let row, let slot, _):
      siteRow = row
      siteSlot = slot
    case .finding(let row):
      if view == .board { boardRow = row } else { findingRow = row }
    }
    clampCursors()
  }

  /// What a press on a cell picks up: the day (or the half under the pointer
  /// when the day is split or the scope is a half), or the person under the
  /// pointer in a site grid cell.
  func sourceAt(_ hit: Layout.Hit) -> MoveSource? {
    switch hit {
    case .workerCell(let row, let dayIndex, _):
      let w = workerRows[row]
      return MoveSource(worker: w, day: model.days[dayIndex], scope: scope, site: nil)
    case .siteCell(let row, let slot, let chip):
      let site = siteRows[row]
      let day = model.days[slot / 2]
      let half = Half(rawValue: slot % 2)!
      let people = peopleAt(site: site, day: day, half: half)
      guard let chip, chip < people.count else { return nil }
      return MoveSource(
        worker: people[chip], day: day, scope: scope == .day ? .day : (half == .am ? .am : .pm), site: site)
    case .finding: return nil
    }
  }

  func targetAt(_ hit: Layout.Hit) -> DropTarget? {
    switch hit {
    case .workerCell(let row, let dayIndex, _):
      return .worker(worker: workerRows[row], day: model.days[dayIndex])
    case .siteCell(let row, let slot, _):
      return .site(site: siteRows[row], day: model.days[slot / 2], half: Half(rawValue: slot % 2)!)
    case .finding: return nil
    }
  }
}

/// Where things were drawn, for turning a click into a cell.
struct Layout {
  enum Hit: Equatable {
    case workerCell(row: Int, dayIndex: Int, half: Half?)
    case siteCell(row: Int, slot: Int, chip: Int?)
    case finding(row: Int)
  }

  var bodyRows = 10
  var cells: [(x: Int, y: Int, width: Int, hit: Hit)] = []
  /// For site cells: where each person's initials start, per cell.
  var chips: [Int: [(x: Int, width: Int)]] = [:]

  func hit(x: Int, y: Int) -> Hit? {
    for c in cells where c.y == y && x >= c.x && x < c.x + c.width {
      switch c.hit {
      case .workerCell(let row, let day, _):
        return .workerCell(row: row, dayIndex: day, half: x - c.x < c.width / 2 ? .am : .pm)
      case .siteCell(let row, let slot, _):
        let key = c.y * 10_000 + c.x
        let chip = chips[key]?.firstIndex { x >= $0.x && x < $0.x + $0.width }
        return .siteCell(row: row, slot: slot, chip: chip)
      default:
        return c.hit
      }
    }
    return nil
  }
}
