import RotaCore

/// Booking leave for a range of days: from, to, and the kind.
struct LeaveForm: Hashable {
  let worker: String
  var from: TextField
  var to: TextField
  var kind: LeaveKind = .annual
  /// 0 from, 1 to, 2 kind.
  var field = 1
  var error: String?

  init(worker: String, date: LocalDate) {
    self.worker = worker
    from = TextField(date.iso, limit: 20)
    to = TextField(date.iso, limit: 20)
  }
}

/// Adding a supervision session for a worker: the usual fix for isolation.
struct SupervisionForm: Hashable {
  let worker: String
  var date: TextField
  var half: Half? = .pm
  var venue = TextField("online", limit: 20)
  var with = TextField("", limit: 200)
  /// 0 date, 1 session, 2 where, 3 with.
  var field = 0
  var error: String?

  init(worker: String, date: LocalDate) {
    self.worker = worker
    self.date = TextField(date.iso, limit: 20)
  }
}

extension PlannerState {
  func performLeave(_ form: inout LeaveForm, _ action: Action, key: Key) -> OverlayEffect {
    switch action {
    case .cancel: return .close
    case .nextField: form.field = (form.field + 1) % 3
    case .previousField: form.field = (form.field + 2) % 3
    case .optionLeft, .optionRight:
      guard form.field == 2 else { break }
      let kinds = LeaveKind.allCases
      let i = kinds.firstIndex(of: form.kind) ?? 0
      form.kind = kinds[(i + (action == .optionLeft ? kinds.count - 1 : 1)) % kinds.count]
    case .deleteBackward:
      if form.field == 0 { form.from.deleteBackward() }
      if form.field == 1 { form.to.deleteBackward() }
    case .type:
      guard let c = key.typed else { break }
      if form.field == 0 { form.from.type(c) }
      if form.field == 1 { form.to.type(c) }
      if form.field == 2 && c == " " {
        let kinds = LeaveKind.allCases
        form.kind = kinds[((kinds.firstIndex(of: form.kind) ?? 0) + 1) % kinds.count]
      }
      form.error = nil
    case .confirm:
      guard let from = DatedSession(token: Substring(form.from.trimmed)),
        let to = DatedSession(token: Substring(form.to.trimmed))
      else {
        form.error = "Dates are YYYY-MM-DD, or YYYY-MM-DD-am / -pm for half a day."
        return .stay
      }
      guard to.last.ordinal >= from.first.ordinal else {
        form.error = "The leave ends before it starts."
        return .stay
      }
      return .save(.bookLeave(Leave(worker: form.worker, from: from, to: to, kind: form.kind)), expecting: [])
    default: break
    }
    return .stay
  }

  func drawLeave(_ c: inout Canvas, _ form: LeaveForm) {
    let who = model.workerIndex[form.worker].map { model.rota.workers[$0].name } ?? form.worker
    func field(_ i: Int, _ label: String, _ value: String) -> (String, Style) {
      (
        TextWidth.pad(label, to: 7) + "[" + value + (form.field == i ? "_" : "") + "]",
        Style(form.field == i ? .overlaySelected : .overlay, bold: form.field == i)
      )
    }
    var lines: [(String, Style)] = [
      field(0, "From", form.from.text), field(1, "To", form.to.text),
      (
        TextWidth.pad("Kind", to: 7) + "◂ \(form.kind.rawValue) ▸",
        Style(form.field == 2 ? .overlaySelected : .overlay, bold: form.field == 2)
      ),
    ]
    lines += boxLines(Keymap.hint(.leaveForm), Style(.dim), boxWidth: 64)
    if let e = form.error { lines += boxLines(e, Style(.error), boxWidth: 64) }
    drawBox(&c, title: "Book leave for \(who)", lines: lines, width: 64)
  }

  func performSupervision(_ form: inout SupervisionForm, _ action: Action, key: Key) -> OverlayEffect {
    func cycleSession(_ forward: Bool) {
      let halves: [Half?] = [.am, .pm, nil]
      let i = halves.firstIndex(of: form.half) ?? 1
      form.half = halves[(i + (forward ? 1 : 2)) % 3]
    }
    switch action {
    case .cancel: return .close
    case .nextField: form.field = (form.field + 1) % 4
    case .previousField: form.field = (form.field + 3) % 4
    case .optionLeft, .optionRight: if form.field == 1 { cycleSession(action == .optionRight) }
    case .deleteBackward:
      switch form.field {
      case 0: form.date.deleteBackward()
      case 2: form.venue.deleteBackward()
      case 3: form.with.deleteBackward()
      default: break
      }
    case .type:
      guard let c = key.typed else { break }
      switch form.field {
      case 0: form.date.type(c)
      case 1: if c == " " { cycleSession(true) }
      case 2: form.venue.type(c)
      default: form.with.type(c)
      }
      form.error = nil
    case .confirm:
      guard let date = LocalDate(iso: form.date.trimmed) else {
        form.error = "The date is YYYY-MM-DD, such as \(today.iso)."
        return .stay
      }
      let venueText = form.venue.trimmed
      let venue: EventVenue = venueText.lowercased() == "online" ? .online : .site(venueText.uppercased())
      if case .site(let code) = venue, model.siteIndex[code] == nil {
        form.error = "No site has the code \(code): type a site's code, or online."
        return .stay
      }
      let others = form.with.text.split(whereSeparator: { $0 == " " || $0 == "," }).map { String($0).lowercased() }
      if let unknown = others.first(where: { model.workerIndex[$0] == nil }) {
        form.error = "No worker has the id \(unknown)."
        return .stay
      }
      return .save(
        .addEvent(
          Event(
            title: "Supervision", kind: .supervision, date: date, half: form.half, venue: venue,
            attendees: [form.worker] + others.filter { $0 != form.worker })), expecting: [])
    default: break
    }
    return .stay
  }

  func drawSupervision(_ c: inout Canvas, _ form: SupervisionForm) {
    let who = model.workerIndex[form.worker].map { model.rota.workers[$0].name } ?? form.worker
    func field(_ i: Int, _ label: String, _ value: String) -> (String, Style) {
      (
        TextWidth.pad(label, to: 9) + value + (form.field == i && i != 1 ? "_" : ""),
        Style(form.field == i ? .overlaySelected : .overlay, bold: form.field == i)
      )
    }
    var lines: [(String, Style)] = [
      field(0, "Date", form.date.text), field(1, "Session", "◂ \(form.half?.label ?? "whole day") ▸"),
      field(2, "Where", form.venue.text),
      field(3, "With", form.with.text.isEmpty && form.field != 3 ? "(worker ids, optional)" : form.with.text),
    ]
    lines += boxLines(Keymap.hint(.supervisionForm), Style(.dim), boxWidth: 64)
    if let e = form.error { lines += boxLines(e, Style(.error), boxWidth: 64) }
    drawBox(&c, title: "Supervision for \(who)", lines: lines, width: 64)
  }
}
