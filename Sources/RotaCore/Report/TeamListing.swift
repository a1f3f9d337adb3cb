/// `rota workers` and `rota sites`: the team and the sites, for a person or a
/// script. Text is sanitised by the command line on the way out.
public enum TeamListing {
  /// "Mon RVS, Tue OAK/home, Wed home" (AM/PM when a day is split), or "no days".
  public static func words(_ p: WeeklyPattern) -> String {
    let days = Weekday.allCases.compactMap { d -> String? in
      let am = p[d, .am]
      let pm = p[d, .pm]
      if am == .off && pm == .off { return nil }
      return "\(d.shortName) " + (am == pm ? am.token : "\(am.token)/\(pm.token)")
    }
    return days.isEmpty ? "no days" : days.joined(separator: ", ")
  }

  static func post(_ start: LocalDate?, _ end: LocalDate?) -> String {
    switch (start, end) {
    case (let s?, let e?): return "\(s.iso) to \(e.iso)"
    case (let s?, nil): return "from \(s.iso)"
    case (nil, let e?): return "until \(e.iso)"
    case (nil, nil): return "-"
    }
  }

  public static func workersText(_ rota: Rota, today: LocalDate) -> String {
    var out =
      "\(rota.pcn): \(plural(rota.workers.count, "worker"))\(rota.revision.map { " (revision \($0))" } ?? "")\n\n"
    let idWidth = max(2, rota.workers.map { TextWidth.width(of: $0.id) }.max() ?? 0) + 2
    let nameWidth = min(30, max(4, rota.workers.map { TextWidth.width(of: $0.name) }.max() ?? 0) + 2)
    out += TextWidth.pad("ID", to: idWidth) + TextWidth.pad("NAME", to: nameWidth)
    out += TextWidth.pad("ROLE", to: 28) + TextWidth.pad("SESSIONS", to: 10) + TextWidth.pad("IN POST", to: 26)
    out += "USUAL WEEK\n"
    for w in rota.workers {
      var line = TextWidth.pad(w.id, to: idWidth) + TextWidth.pad(w.name, to: nameWidth)
      line += TextWidth.pad(w.role.displayName, to: 28) + TextWidth.pad("\(w.sessions)", to: 10)
      let left = w.end.map { $0 < today } ?? false
      line += TextWidth.pad(post(w.start, w.end) + (left ? " (left)" : ""), to: 26)
      line += words(w.pattern(on: today))
      out += line.trailingSpacesTrimmed + "\n"
      for c in w.patternChanges where c.from > today {
        out += String(repeating: " ", count: idWidth + nameWidth + 64) + "from \(c.from.iso): \(words(c.pattern))\n"
      }
    }
    return out
  }

  public static func sitesText(_ rota: Rota) -> String {
    var out = "\(rota.pcn): \(plural(rota.sites.count, "site"))\(rota.revision.map { " (revision \($0))" } ?? "")\n\n"
    let nameWidth = min(36, max(4, rota.sites.map { TextWidth.width(of: $0.name) }.max() ?? 0) + 2)
    out += "CODE    " + TextWidth.pad("NAME", to: nameWidth) + TextWidth.pad("KIND", to: 17) + "ROOMS  "
    out += TextWidth.pad("IN USE", to: 26) + TextWidth.pad("OPEN", to: 30) + "COVER\n"
    for s in rota.sites {
      var line = TextWidth.pad(s.code, to: 8) + TextWidth.pad(s.name, to: nameWidth)
      line += TextWidth.pad(s.kind.displayName, to: 17) + TextWidth.pad("\(s.rooms)", to: 7)
      line += TextWidth.pad(post(s.start, s.end), to: 26)
      let open = s.open == .weekdays ? "Mon–Fri" : (s.open.isEmpty ? "never" : s.open.tokens.joined(separator: " "))
      line += TextWidth.pad(open + (s.openBankHolidays ? ", bank holidays" : ""), to: 30)
      line += s.cover.isEmpty ? "-" : s.cover.tokens.joined(separator: " ")
      out += line.trailingSpacesTrimmed + "\n"
    }
    return out
  }

  static func pattern(_ p: WeeklyPattern, into j: inout JSONWriter) {
    j.raw("{")
    for (i, d) in Weekday.allCases.enumerated() {
      j.raw(i == 0 ? "\"" : ", \"")
      j.raw(d.token)
      j.raw("\": {\"am\": ")
      j.string(p[d, .am].token)
      j.field("pm", p[d, .pm].token)
      j.raw("}")
    }
    j.raw("}")
  }

  static func date(_ name: StaticString, _ d: LocalDate?, into j: inout JSONWriter) {
    if let d { j.field(name, d.iso) } else { j.null(name) }
  }

  /// `{"pcn", "revision", KEY: [...]}`, one item a line, each written by `item`.
  static func document<T>(_ rota: Rota, key: String, _ items: [T], item: (T, inout JSONWriter) -> Void) -> String {
    var j = JSONWriter()
    j.raw("{\n  \"pcn\": ")
    j.string(rota.pcn)
    j.raw(",\n  \"revision\": ")
    j.integer(rota.revision ?? 0)
    j.raw(",\n  \"\(key)\": [")
    for (i, x) in items.enumerated() {
      j.raw(i == 0 ? "\n    " : ",\n    ")
      item(x, &j)
    }
    j.raw(items.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    return j.text
  }

  /// `{"pcn", "revision", "workers": [{id, name, role, sessions, start, end, pattern, pattern_changes}]}`.
  public static func workersJSON(_ rota: Rota) -> String {
    document(rota, key: "workers", rota.workers) { w, j in
      j.raw("{\"id\": ")
      j.string(w.id)
      j.field("name", w.name)
      j.field("role", w.role.rawValue)
      j.field("sessions", w.sessions)
      date("start", w.start, into: &j)
      date("end", w.end, into: &j)
      j.raw(", \"pattern\": ")
      pattern(w.pattern, into: &j)
      j.raw(", \"pattern_changes\": [")
      for (k, c) in w.patternChanges.enumerated() {
        j.raw(k == 0 ? "{\"from\": " : ", {\"from\": ")
        j.string(c.from.iso)
        j.raw(", \"pattern\": ")
        pattern(c.pattern, into: &j)
        j.raw("}")
      }
      j.raw("]}")
    }
  }

  /// `{"pcn", "revision", "sites": [{code, name, kind, rooms, open, open_bank_holidays, cover, start, end}]}`.
  public static func sitesJSON(_ rota: Rota) -> String {
    document(rota, key: "sites", rota.sites) { s, j in
      j.raw("{\"code\": ")
      j.string(s.code)
      j.field("name", s.name)
      j.field("kind", s.kind.rawValue)
      j.field("rooms", s.rooms)
      j.field("open", s.open.tokens)
      j.field("open_bank_holidays", s.openBankHolidays)
      j.field("cover", s.cover.tokens)
      date("start", s.start, into: &j)
      date("end", s.end, into: &j)
      j.raw("}")
    }
  }
}
