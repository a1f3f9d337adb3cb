/// One worked half-day of one worker: a row of the CSV export, an event of the
/// iCalendar export.
public struct WorkedSession: Hashable, Sendable {
  public let date: LocalDate
  public let half: Half
  public let worker: Worker
  /// A site, or nil for home.
  public let site: Site?
  /// Names of the team members at the same site in the same half-day.
  public let colleagues: [String]

  public var placeCode: String { site?.code ?? "home" }
  public var placeName: String { site?.name ?? "Home" }
}

extension RotaAnalysis {
  /// Every worked half-day from `first` to `last` (inclusive), date by date,
  /// workers in rota order, optionally for one worker only.
  public func workedSessions(from first: LocalDate, to last: LocalDate, worker: String? = nil) -> [WorkedSession] {
    var out: [WorkedSession] = []
    let sites = Dictionary(uniqueKeysWithValues: rota.sites.map { ($0.code, $0) })
    var week = first.isoWeek
    while week.monday <= last {
      let p = placements(for: week)
      for (d, date) in p.days.enumerated() where date >= first && date <= last {
        for (w, person) in rota.workers.enumerated() where worker == nil || person.id == worker {
          for half in Half.allCases {
            let slot = d * 2 + half.rawValue
            switch p.placement(worker: w, slot: slot) {
            case .site(let code):
              let colleagues = p.colleagues(worker: w, slot: slot).map { rota.workers[$0].name }
              out.append(
                WorkedSession(date: date, half: half, worker: person, site: sites[code], colleagues: colleagues))
            case .home:
              out.append(WorkedSession(date: date, half: half, worker: person, site: nil, colleagues: []))
            default: break
            }
          }
        }
      }
      week = week.adding(weeks: 1)
    }
    return out
  }
}

/// One event in a calendar export: what it is, when, where, who leads it and
/// who comes (a colleague who will not be there shown as away, never why).
public struct CalendarEvent: Hashable, Sendable {
  public let event: Event
  /// "Riverside Surgery", or "Online".
  public let location: String
  /// The attendees' names in the rota's order, "(away)" after those not present.
  public let attendees: [String]
}

extension RotaAnalysis {
  /// Every event from `first` to `last` (inclusive) that `worker` attends (is
  /// listed for), or every event when `worker` is nil, by date, then half, then title.
  public func calendarEvents(from first: LocalDate, to last: LocalDate, worker: String? = nil) -> [CalendarEvent] {
    let chosen = rota.events.filter { e in
      e.date >= first && e.date <= last && (worker == nil || e.attendees.contains(worker!))
    }.sorted { ($0.date, $0.half?.rawValue ?? -1, $0.title) < ($1.date, $1.half?.rawValue ?? -1, $1.title) }
    return chosen.map { e in
      let p = placements(for: e.date.isoWeek)
      let day = e.date.weekday.rawValue
      let names = e.attendees.compactMap { id -> String? in
        guard let w = index.workerIndex(of: id) else { return nil }
        let away = (e.half.map { [$0] } ?? Half.allCases).allSatisfy { half in
          switch p.placement(worker: w, day: day, half: half) {
          case .leave, .holiday, .notInPost: return true
          default: return false
          }
        }
        return rota.workers[w].name + (away ? " (away)" : "")
      }
      let location: String
      switch e.venue {
      case .online: location = "Online"
      case .site(let code): location = rota.site(code)?.name ?? code
      }
      return CalendarEvent(event: e, location: location, attendees: names)
    }
  }
}

/// The CSV export (RFC 4180): a header and one row per worker and worked
/// half-day, CRLF line ends, fields quoted when they hold a comma, quote or line
/// break, and cells a spreadsheet would take for a formula neutralised. UTF-8,
/// with a byte-order mark only when asked (Excel wants one; most other tools do not).
public enum CSVExport {
  public static let header = ["date", "session", "worker_id", "worker_name", "role", "place_code", "place_name"]

  public static func text(_ sessions: [WorkedSession], byteOrderMark: Bool = false) -> String {
    var out = byteOrderMark ? "\u{FEFF}" : ""
    out += header.map(field).joined(separator: ",") + "\r\n"
    for s in sessions {
      let row = [
        s.date.iso, s.half.token, s.worker.id, s.worker.name, s.worker.role.displayName, s.placeCode, s.placeName,
      ]
      out += row.map(field).joined(separator: ",") + "\r\n"
    }
    return out
  }

  /// One cell. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
  /// return is a formula to a spreadsheet (`=HYPERLINK(…)` in a name would run
  /// when the file is opened), so it gets a leading `'`, which spreadsheets show
  /// as text and do not display, as OWASP's guidance on CSV injection says.
  static func field(_ s: String) -> String {
    var clean = RotaText.sanitized(s)
    if let first = clean.unicodeScalars.first, formulaStarts.contains(first) { clean = "'" + clean }
    guard clean.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return clean }
    return "\"" + clean.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}

/// The iCalendar export (RFC 5545): one event per worker and worked half-day
/// (AM 09:00–13:00, PM 13:00–17:00, Europe/London), with a VTIMEZONE, and one
/// per team event (supervision, meetings, training) beside them, at the same
/// times (09:00–17:00 for a whole day). UIDs depend only on the PCN, worker,
/// date and half (for a team event: its date, half, title and kind), so
/// importing a newer export updates events instead of duplicating them;
/// SEQUENCE grows with the rota's change count so calendars take the update.
public enum ICalendarExport {
  public static func text(
    _ sessions: [WorkedSession], events: [CalendarEvent] = [], pcn: String, calendarName: String,
    stamp: LocalDateTime, sequence: Int, namesInSummary: Bool
  ) -> String {
    var lines: [String] = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//rota//rota planner//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
      "X-WR-CALNAME:\(escape(calendarName))", "X-WR-TIMEZONE:Europe/London",
      "BEGIN:VTIMEZONE", "TZID:Europe/London", "X-LIC-LOCATION:Europe/London",
      "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST", "DTSTART:19700329T010000",
      "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
      "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "DTSTART:19701025T020000",
      "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
      "END:VTIMEZONE",
    ]
    let dtstamp = utcStamp(stamp)
    let domain = slug(pcn)
    for s in sessions {
      let day = compact(s.date)
      let (start, end) = s.half == .am ? ("090000", "130000") : ("130000", "170000")
      let place = s.site.map { "\($0.name) (\($0.code))" } ?? "Working from home"
      var description = "\(s.worker.name), \(s.worker.role.displayName)."
      if !s.colleagues.isEmpty { description += " With: \(s.colleagues.joined(separator: ", "))." }
      lines += [
        "BEGIN:VEVENT",
        "UID:rota-\(escape(s.worker.id))-\(s.date.iso)-\(s.half.token)@\(domain)",
        "DTSTAMP:\(dtstamp)",
        "SEQUENCE:\(sequence)",
        "DTSTART;TZID=Europe/London:\(day)T\(start)",
        "DTEND;TZID=Europe/London:\(day)T\(end)",
        "SUMMARY:\(escape(namesInSummary ? "\(s.worker.name): \(place)" : place))",
        "LOCATION:\(escape(s.site?.name ?? "Home"))",
        "DESCRIPTION:\(escape(description))",
        "TRANSP:OPAQUE",
        "END:VEVENT",
      ]
    }
    var uids: Set<String> = []
    for c in events {
      let e = c.event
      let day = compact(e.date)
      let (start, end) = e.half.map { $0 == .am ? ("090000", "130000") : ("130000", "170000") } ?? ("090000", "170000")
      let identity = "\(e.title)|\(e.kind.rawValue)"
      var uid = "rota-event-\(e.date.iso)-\(e.half?.token ?? "day")-\(fnv1a(identity))"
      var n = 2
      while uids.contains(uid) {
        uid = "rota-event-\(e.date.iso)-\(e.half?.token ?? "day")-\(fnv1a(identity))-\(n)"
        n += 1
      }
      uids.insert(uid)
      var description = e.kind.rawValue.prefix(1).uppercased() + e.kind.rawValue.dropFirst()
      if let lead = e.lead { description += ", led by \(lead)" }
      description += "."
      if !c.attendees.isEmpty { description += " With: \(c.attendees.joined(separator: ", "))." }
      lines += [
        "BEGIN:VEVENT",
        "UID:\(uid)@\(domain)",
        "DTSTAMP:\(dtstamp)",
        "SEQUENCE:\(sequence)",
        "DTSTART;TZID=Europe/London:\(day)T\(start)",
        "DTEND;TZID=Europe/London:\(day)T\(end)",
        "SUMMARY:\(escape(e.title))",
        "LOCATION:\(escape(c.location))",
        "DESCRIPTION:\(escape(description))",
        "TRANSP:OPAQUE",
        "END:VEVENT",
      ]
    }
    lines.append("END:VCALENDAR")
    return lines.map(fold).joined(separator: "\r\n") + "\r\n"
  }

  /// A stable hash of text for UIDs (64-bit FNV-1a, in hex): the same in every
  /// run, unlike Swift's own hashing.
  static func fnv1a(_ text: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in text.utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return String(h, radix: 16)
  }

  static func compact(_ d: LocalDate) -> String { d.iso.replacingOccurrences(of: "-", with: "") }

  static func utcStamp(_ t: LocalDateTime) -> String {
    let seconds = Int(t.instant.timeIntervalSince1970)
    let day = LocalDate(dayNumber: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    let rest = seconds - day.dayNumber * 86_400
    return "\(compact(day))T\(pad(rest / 3600, 2))\(pad(rest / 60 % 60, 2))\(pad(rest % 60, 2))Z"
  }

  /// A domain-like name for UIDs: `riverside-and-oakfield-pcn`.
  static func slug(_ pcn: String) -> String {
    var out = ""
    for s in pcn.lowercased().unicodeScalars {
      if (s >= "a" && s <= "z") || (s >= "0" && s <= "9") {
        out.unicodeScalars.append(s)
      } else if !out.hasSuffix("-") && !out.isEmpty {
        out += "-"
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "rota" : out
  }

  /// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11).
  static func escape(_ s: String) -> String {
    var out = ""
    for c in RotaText.sanitized(s) {
      switch c {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\n": out += "\\n"
      default: out.append(c)
      }
    }
    return out
  }

  /// Folds a content line at 75 octets, never inside a UTF-8 character; each
  /// continuation starts with one space (RFC 5545 §3.1).
  static func fold(_ line: String) -> String {
    let bytes = Array(line.utf8)
    guard bytes.count > 75 else { return line }
    var parts: [String] = []
    var start = 0
    var limit = 75
    while start < bytes.count {
      var end = min(bytes.count, start + limit)
      // Step back off UTF-8 continuation bytes (10xxxxxx).
      while end < bytes.count && end > start && bytes[end] & 0xC0 == 0x80 { end -= 1 }
      parts.append(String(decoding: bytes[start..<end], as: UTF8.self))
      start = end
      limit = 74
    }
    return parts.joined(separator: "\r\n ")
  }
}
