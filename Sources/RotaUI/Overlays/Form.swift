import RotaCore

/// A box of fields: what a coordinator fills in to add or change a worker or a
/// site, to book or cancel leave, or to add or change an event. What was typed
/// stays when a field is wrong; the wrong field says why, and the box stays open.
struct Form: Hashable {
  enum Kind: Hashable {
    case addWorker
    case editWorker(String)
    case endWorker(String)
    case addSite
    case editSite(String)
    case endSite(String)
    case bookLeave(String)
    case cancelLeave(String)
    /// A new event, or a change to this one.
    case event(Event?)
  }

  /// One field: typed text, or one of a few options (← → choose).
  struct Field: Hashable {
    let key: String
    let label: String
    var text: TextField
    /// The choices, for a field that is one of them; `text` holds the chosen one.
    var options: [String]?
    /// A word on what to type, shown when the field is empty.
    var placeholder = ""

    init(_ key: String, _ label: String, _ text: String = "", options: [String]? = nil, placeholder: String = "") {
      self.key = key
      self.label = label
      self.text = TextField(text, limit: 200)
      self.options = options
      self.placeholder = placeholder
    }

    var value: String { text.trimmed }
  }

  let kind: Kind
  let title: String
  var fields: [Field]
  var focus = 0
  /// The field that is wrong, and why.
  var errorField: Int?
  var error: String?

  func value(_ key: String) -> String { fields.first { $0.key == key }?.value ?? "" }

  /// A form that cannot be saved as it is: which field, and why.
  struct Problem: Error, Hashable {
    let field: String
    let message: String
  }
}

extension PlannerState {
  // MARK: Opening

  func workerForm(_ kind: Form.Kind) -> Form {
    let roles = Role.allCases.map(\.rawValue)
    switch kind {
    case .editWorker(let id):
      let w = model.workerIndex[id].map { model.rota.workers[$0] }
      return Form(
        kind: kind, title: "Change \(w?.name ?? id)",
        fields: [
          Form.Field("name", "Name", w?.name ?? ""),
          Form.Field("role", "Role", w?.role.rawValue ?? roles[0], options: roles),
          Form.Field("sessions", "Sessions", "\(w?.sessions ?? 10)", placeholder: "a week, 0 to 14"),
          Form.Field("start", "In post from", w?.start?.iso ?? "", placeholder: "a date, or empty: always"),
          Form.Field("end", "Last day", w?.end?.iso ?? "", placeholder: "a date, or empty: no end"),
        ])
    case .endWorker(let id):
      let w = model.workerIndex[id].map { model.rota.workers[$0] }
      return Form(
        kind: kind, title: "\(w?.name ?? id) leaves",
        fields: [Form.Field("last", "Last day", today.iso, placeholder: "their last day in post")])
    default:
      return Form(
        kind: .addWorker, title: "A new starter",
        fields: [
          Form.Field("id", "Id", placeholder: "lower case, such as amira"),
          Form.Field("name", "Name", placeholder: "as they want to be called"),
          Form.Field("role", "Role", roles[0], options: roles),
          Form.Field("sessions", "Sessions", "10", placeholder: "a week, 0 to 14"),
          Form.Field("start", "In post from", today.iso, placeholder: "a date: today, thu, 01/12/2026"),
          Form.Field("pattern", "Usual week", placeholder: "mon=RVS tue-am=OAK tue-pm=home (P edits it later)"),
        ])
    }
  }

  func siteForm(_ kind: Form.Kind) -> Form {
    let kinds = SiteKind.allCases.map(\.rawValue)
    switch kind {
    case .editSite(let code):
      let s = model.siteIndex[code].map { model.rota.sites[$0] }
      return Form(
        kind: kind, title: "Change \(s?.name ?? code)",
        fields: [
          Form.Field("name", "Name", s?.name ?? ""),
          Form.Field("kind", "Kind", s?.kind.rawValue ?? kinds[0], options: kinds),
          Form.Field("rooms", "Rooms", "\(s?.rooms ?? 1)", placeholder: "team members it can host, 0 to 50"),
          Form.Field("open", "Open", s?.open.tokens.joined(separator: " ") ?? "", placeholder: "mon tue wed-am …"),
          Form.Field("cover", "Needs cover", s?.cover.tokens.joined(separator: " ") ?? "", placeholder: "mon-am thu …"),
          Form.Field("start", "In use from", s?.start?.iso ?? "", placeholder: "a date, or empty: always"),
          Form.Field("end", "Last day", s?.end?.iso ?? "", placeholder: "a date, or empty: no end"),
        ])
    case .endSite(let code):
      let s = model.siteIndex[code].map { model.rota.sites[$0] }
      return Form(
        kind: kind, title: "\(s?.name ?? code) closes for good",
        fields: [Form.Field("last", "Last day", today.iso, placeholder: "the last day it is in use")])
    default:
      return Form(
        kind: .addSite, title: "A new site",
        fields: [
          Form.Field("code", "Code", placeholder: "2 to 6 of A-Z and 0-9, such as RVS"),
          Form.Field("name", "Name"),
          Form.Field("kind", "Kind", kinds[0], options: kinds),
          Form.Field("rooms", "Rooms", "1", placeholder: "team members it can host, 0 to 50"),
          Form.Field("open", "Open", "mon tue wed thu fri", placeholder: "mon tue wed-am …"),
          Form.Field("cover", "Needs cover", placeholder: "mon-am thu … (empty: none)"),
          Form.Field("start", "In use from", today.iso, placeholder: "a date"),
        ])
    }
  }

  func leaveForm(book: Bool, worker: String, from: DatedSession, to: DatedSession) -> Form {
    let name = model.workerIndex[worker].map { model.rota.workers[$0].name } ?? worker
    var fields = [
      Form.Field("from", "From", from.token, placeholder: "2026-12-01, or 2026-12-01-pm for the afternoon"),
      Form.Field("to", "To", to.token, placeholder: "2026-12-02-am: the last half-day"),
    ]
    if book {
      fields.append(Form.Field("kind", "Kind", LeaveKind.annual.rawValue, options: LeaveKind.allCases.map(\.rawValue)))
    }
    return Form(
      kind: book ? .bookLeave(worker) : .cancelLeave(worker),
      title: book ? "Book leave for \(name)" : "Cancel \(name)'s leave (all or part of it)", fields: fields, focus: 1)
  }

  func eventForm(editing: Event?, date: LocalDate, attendees: [String], kind: EventKind = .team) -> Form {
    let e = editing
    let halves = ["whole day", "am", "pm"]
    let names = (e?.attendees ?? attendees).map { id in model.workerIndex[id].map { model.rota.workers[$0].id } ?? id }
    return Form(
      kind: .event(editing),
      title: editing == nil ? "A new event" : "Change \(e!.title) on \(e!.date.short)",
      fields: [
        Form.Field("title", "Title", e?.title ?? (kind == .supervision ? "Supervision" : "")),
        Form.Field("kind", "Kind", (e?.kind ?? kind).rawValue, options: EventKind.allCases.map(\.rawValue)),
        Form.Field("date", "Date", (e?.date ?? date).iso, placeholder: "a date: today, fri, 27/11/2026"),
        Form.Field("session", "Session", e?.half?.token ?? (editing == nil ? "pm" : "whole day"), options: halves),
        Form.Field("where", "Where", e?.venue.token ?? "online", placeholder: "a site's code or name, or online"),
        Form.Field("attendees", "Who comes", names.joined(separator: ", "), placeholder: "ids or names, with commas"),
        Form.Field("lead", "Led by", e?.lead ?? "", placeholder: "anyone, on the rota or not (optional)"),
      ])
  }

  // MARK: Keys

  func performForm(_ form: inout Form, _ action: Action, key: Key) -> OverlayEffect {
    switch action {
    case .cancel: return .close
    case .nextField: form.focus = (form.focus + 1) % form.fields.count
    case .previousField: form.focus = (form.focus + form.fields.count - 1) % form.fields.count
    case .optionLeft, .optionRight:
      guard let options = form.fields[form.focus].options, !options.isEmpty else { break }
      let i = options.firstIndex(of: form.fields[form.focus].value) ?? 0
      let next = (i + (action == .optionRight ? 1 : options.count - 1)) % options.count
      form.fields[form.focus].text = TextField(options[next], limit: 200)
    case .deleteBackward:
      guard form.fields[form.focus].options == nil else { break }
      form.fields[form.focus].text.deleteBackward()
    case .type:
      guard let c = key.typed else { break }
      if let options = form.fields[form.focus].options {
        // A letter picks the next option that starts with it.
        let lower = Character(c.lowercased())
        let i = options.firstIndex(of: form.fields[form.focus].value) ?? -1
        let order = options.indices.map { (i + 1 + $0) % options.count }
        if let k = order.first(where: { options[$0].first.map { Character($0.lowercased()) } == lower }) {
          form.fields[form.focus].text = TextField(options[k], limit: 200)
        }
      } else {
        form.fields[form.focus].text.type(c)
      }
      if form.errorField == form.focus { form.errorField = nil }
    case .confirm:
      switch submit(form) {
      case .success(let pending): return .submitted(pending)
      case .failure(let problem):
        form.errorField = form.fields.firstIndex { $0.key == problem.field }
        form.error = problem.message
        if let f = form.errorField { form.focus = f }
      }
    default: break
    }
    return .stay
  }

  // MARK: Saving

  /// The edit a form asks for, with what it expects of the rota as this view
  /// shows it (so a change someone made meanwhile is not written over), or the
  /// field that is wrong.
  func submit(_ form: Form) -> Result<PendingEdit, Form.Problem> {
    do {
      let edit = try formEdit(form)
      let plan = try EditPlanner(model.rota).plan(edit)
      return .success(PendingEdit(edit: edit, expecting: plan.before, records: plan.recordsBefore))
    } catch let problem as Form.Problem {
      return .failure(problem)
    } catch {
      return .failure(Form.Problem(field: form.fields.first?.key ?? "", message: RotaText.sanitized("\(error)")))
    }
  }

  func formEdit(_ form: Form) throws -> Edit {
    func fail(_ field: String, _ message: String) -> Form.Problem { Form.Problem(field: field, message: message) }
    func date(_ key: String, optional: Bool = false) throws -> LocalDate? {
      let text = form.value(key)
      if text.isEmpty {
        if optional { return nil }
        throw fail(key, "A date is needed here: 2026-12-01, today, tomorrow, thu or 01/12/2026.")
      }
      guard let d = TypedInput.date(text, today: today) else {
        throw fail(key, "\u{201C}\(text)\u{201D} is not a date: try 2026-12-01, today, tomorrow, thu or 01/12/2026.")
      }
      if let problem = SupportedDates.problem(d) { throw fail(key, problem) }
      return d
    }
    func number(_ key: String, _ range: ClosedRange<Int>, _ what: String) throws -> Int {
      guard let n = Int(form.value(key)), range.contains(n) else {
        throw fail(key, "\(what) is a whole number from \(range.lowerBound) to \(range.upperBound).")
      }
      return n
    }
    func name(_ key: String, maxLength: Int) throws -> String {
      let text = form.value(key)
      if let problem = RotaText.nameProblem(text, maxLength: maxLength) { throw fail(key, "The name \(problem).") }
      return text
    }
    func sessions(_ key: String) throws -> WeeklySessions {
      var s = WeeklySessions.none
      for token in form.value(key).split(whereSeparator: { $0 == " " || $0 == "," }) {
        guard let parts = WeeklySessions.parseToken(token.lowercased()[...]) else {
          throw fail(key, "\u{201C}\(token)\u{201D} is not a weekday or half: write mon, tue-am, wed-pm …")
        }
        for p in parts { s.insert(p) }
      }
      return s
    }
    func session(_ key: String) throws -> DatedSession {
      let text = form.value(key)
      guard let s = TypedInput.datedSession(text, today: today) else {
        throw fail(
          key, "\u{201C}\(text)\u{201D} is not a date or half-day: 2026-12-01, or 2026-12-01-pm for the afternoon.")
      }
      if let problem = SupportedDates.problem(s.date) { throw fail(key, problem) }
      return s
    }

    switch form.kind {
    case .addWorker:
      let id = form.value("id").lowercased()
      if id.isEmpty { throw fail("id", "An id is needed: lower case letters, digits and -, starting with a letter.") }
      if model.workerIndex[id] != nil { throw fail("id", "Someone already has the id \(id).") }
      guard id.first?.isLetter == true, id.count <= 32,
        id.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" })
      else { throw fail("id", "An id is 1 to 32 of a-z, 0-9 and -, starting with a letter.") }
      var pattern = WeeklyPattern()
      if !form.value("pattern").isEmpty {
        do {
          pattern = try TypedInput.pattern(form.value("pattern"))
        } catch {
          throw fail("pattern", RotaText.sanitized("\(error)"))
        }
        for p in pattern.places {
          if case .site(let code) = p, model.siteIndex[code] == nil {
            throw fail("pattern", "No site has the code \(code)\(didYouMean(code, model.rota.sites.map(\.code))).")
          }
        }
      }
      var w = Worker(
        id: id, name: try name("name", maxLength: RotaLimits.workerName),
        role: Role(rawValue: form.value("role")) ?? .gpLinkWorker,
        sessions: try number("sessions", RotaLimits.sessions, "Sessions"), pattern: pattern)
      w.start = try date("start")
      return .addWorker(w)
    case .editWorker(let id):
      var change = WorkerChange()
      guard let w = model.workerIndex[id].map({ model.rota.workers[$0] }) else {
        throw fail("name", "No one has the id \(id) any more.")
      }
      let newName = try name("name", maxLength: RotaLimits.workerName)
      if newName != w.name { change.name = newName }
      if let role = Role(rawValue: form.value("role")), role != w.role { change.role = role }
      let s = try number("sessions", RotaLimits.sessions, "Sessions")
      if s != w.sessions { change.sessions = s }
      let start = try date("start", optional: true)
      if start != w.start { change.start = DateBound(start) }
      let end = try date("end", optional: true)
      if end != w.end { change.end = DateBound(end) }
      if let s = start, let e = end, e < s { throw fail("end", "The last day is before the first.") }
      guard !change.isEmpty else { throw fail("name", "Nothing is changed: change a field, or Esc.") }
      return .editWorker(id: id, change: change)
    case .endWorker(let id):
      return .endWorker(id: id, last: try date("last")!)
    case .addSite:
      let code = form.value("code").uppercased()
      guard (2...6).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }),
        code != "HOME", code != "OFF"
      else { throw fail("code", "A site's code is 2 to 6 of A-Z and 0-9 (not HOME or OFF).") }
      if model.siteIndex[code] != nil { throw fail("code", "A site already has the code \(code).") }
      var site = Site(
        code: code, name: try name("name", maxLength: RotaLimits.siteName),
        kind: SiteKind(rawValue: form.value("kind")) ?? .practice,
        rooms: try number("rooms", RotaLimits.rooms, "Rooms"), open: try sessions("open"), cover: try sessions("cover"))
      site.start = try date("start", optional: true)
      return .addSite(site)
    case .editSite(let code):
      guard let s = model.siteIndex[code].map({ model.rota.sites[$0] }) else {
        throw fail("name", "No site has the code \(code) any more.")
      }
      var change = SiteChange()
      let newName = try name("name", maxLength: RotaLimits.siteName)
      if newName != s.name { change.name = newName }
      if let k = SiteKind(rawValue: form.value("kind")), k != s.kind { change.kind = k }
      let rooms = try number("rooms", RotaLimits.rooms, "Rooms")
      if rooms != s.rooms { change.rooms = rooms }
      let open = try sessions("open")
      if open != s.open { change.open = open }
      let cover = try sessions("cover")
      if cover != s.cover { change.cover = cover }
      let start = try date("start", optional: true)
      if start != s.start { change.start = DateBound(start) }
      let end = try date("end", optional: true)
      if end != s.end { change.end = DateBound(end) }
      guard !change.isEmpty else { throw fail("name", "Nothing is changed: change a field, or Esc.") }
      return .editSite(code: code, change: change)
    case .endSite(let code):
      return .endSite(code: code, last: try date("last")!)
    case .bookLeave(let worker):
      let from = try session("from")
      let to = try session("to")
      guard to.last.ordinal >= from.first.ordinal else { throw fail("to", "The leave ends before it starts.") }
      return .bookLeave(
        Leave(worker: worker, from: from, to: to, kind: LeaveKind(rawValue: form.value("kind")) ?? .annual))
    case .cancelLeave(let worker):
      let from = try session("from")
      let to = try session("to")
      guard to.last.ordinal >= from.first.ordinal else { throw fail("to", "The span ends before it starts.") }
      return .cancelLeaveSpan(worker: worker, from: from, to: to)
    case .event(let editing):
      let title = form.value("title")
      if title.isEmpty { throw fail("title", "An event needs a title.") }
      if let problem = RotaText.nameProblem(title, maxLength: RotaLimits.eventTitle) {
        throw fail("title", "The title \(problem).")
      }
      let whereText = form.value("where")
      let venue: EventVenue
      if whereText.lowercased() == "online" {
        venue = .online
      } else if let site = site(typed: whereText) {
        venue = .site(site.code)
      } else {
        throw fail(
          "where",
          "No site is called \u{201C}\(whereText)\u{201D}\(didYouMean(whereText, model.rota.sites.map(\.code) + model.rota.sites.map(\.name))); type a site's code or name, or online."
        )
      }
      var attendees: [String] = []
      for part in form.value("attendees").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
      where !part.isEmpty {
        guard let w = TypedInput.worker(part, in: model.rota.workers) else {
          throw fail(
            "attendees",
            "No one on the rota is \u{201C}\(part)\u{201D}\(didYouMean(part, model.rota.workers.map(\.id) + model.rota.workers.map(\.name)))."
          )
        }
        if !attendees.contains(w.id) { attendees.append(w.id) }
      }
      if attendees.isEmpty { throw fail("attendees", "An event needs at least one person from the rota.") }
      let lead = form.value("lead")
      if !lead.isEmpty, let problem = RotaText.nameProblem(lead, maxLength: RotaLimits.workerName) {
        throw fail("lead", "The lead's name \(problem).")
      }
      let session = form.value("session")
      var event = Event(
        title: title, kind: EventKind(rawValue: form.value("kind")) ?? .team, date: try date("date")!,
        half: session == "am" ? .am : (session == "pm" ? .pm : nil), venue: venue, attendees: attendees)
      event.lead = lead.isEmpty ? nil : lead
      if let editing {
        guard event != editing else { throw fail("title", "Nothing is changed: change a field, or Esc.") }
        return .editEvent(from: editing, to: event)
      }
      return .addEvent(event)
    }
  }

  func didYouMean(_ typed: String, _ candidates: [String]) -> String {
    TypedInput.closest(to: typed, in: candidates).map { " (did you mean \($0)?)" } ?? ""
  }

  // MARK: Drawing

  static let formWidth = 72

  func drawForm(_ c: inout Canvas, _ form: Form) {
    let labelWidth = 14
    let room = boxText(Self.formWidth)
    var lines: [(String, Style)] = []
    for (i, field) in form.fields.enumerated() {
      let focused = form.focus == i
      let shown: String
      if field.options != nil {
        shown = "◂ \(field.value) ▸"
      } else if field.text.text.isEmpty && !focused {
        shown = field.placeholder
      } else {
        shown = field.text.text + (focused ? "_" : "")
      }
      let empty = field.options == nil && field.text.text.isEmpty && !focused
      let style = Style(focused ? .overlaySelected : (empty ? .dim : .overlay), bold: focused)
      let wrapped = TextWrap.lines(shown, width: max(10, room - labelWidth), hang: 0)
      for (k, part) in wrapped.enumerated() {
        lines.append(
          (
            (k == 0 ? TextWidth.pad(field.label, to: labelWidth) : String(repeating: " ", count: labelWidth)) + part,
            style
          ))
      }
      if form.errorField == i, let error = form.error {
        lines += TextWrap.lines(error, width: max(10, room - labelWidth), hang: 0).map {
          (String(repeating: " ", count: labelWidth) + $0, Style(.error))
        }
      }
      if focused, let note = formNote(form, field) {
        lines += TextWrap.lines(note, width: max(10, room - labelWidth), hang: 0).map {
          (String(repeating: " ", count: labelWidth) + $0, Style(.dim))
        }
      }
    }
    if form.errorField == nil, let error = form.error {
      lines += boxLines(error, Style(.error), boxWidth: Self.formWidth)
    }
    lines += boxLines(Keymap.hint(.form), Style(.dim), boxWidth: Self.formWidth)
    drawBox(&c, title: form.title, lines: lines, width: Self.formWidth)
  }

  /// What a field's text stands for, as rota reads it: the site a name finds, the
  /// people a list of names finds, the date a word means.
  func formNote(_ form: Form, _ field: Form.Field) -> String? {
    let text = field.value
    guard !text.isEmpty, field.options == nil else { return nil }
    switch field.key {
    case "where":
      if text.lowercased() == "online" { return "online" }
      return site(typed: text).map { "→ \($0.name) (\($0.code))" }
    case "attendees":
      let found = text.split(separator: ",").compactMap {
        TypedInput.worker($0.trimmingCharacters(in: .whitespaces), in: model.rota.workers)?.name
      }
      return found.isEmpty ? nil : "→ " + found.joined(separator: ", ")
    case "date", "start", "end", "last":
      return TypedInput.date(text, today: today).map { "→ \($0.shortWithYear)" }
    case "from", "to":
      return TypedInput.datedSession(text, today: today).map {
        "→ \($0.date.shortWithYear)\($0.half.map { " \($0.label)" } ?? "")"
      }
    default: return nil
    }
  }
}
