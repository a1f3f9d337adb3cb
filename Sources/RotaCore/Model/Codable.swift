// JSON forms of the model's values, used by the change log (which stores each
// edit and how to undo it). They use the rota file's own tokens, so a change
// log entry reads like the file: "2026-11-26", "am", "RVS", "home".

struct TokenError: Error, CustomStringConvertible {
  let description: String
}

extension LocalDate: Codable {
  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let d = LocalDate(iso: text) else { throw TokenError(description: "not a date: \(text)") }
    self = d
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(iso)
  }
}

extension Half: Codable {
  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let h = Half(token: Substring(text)) else { throw TokenError(description: "not a half: \(text)") }
    self = h
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(token)
  }
}

extension Place: Codable {
  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let p = Place(token: Substring(text)) else { throw TokenError(description: "not a place: \(text)") }
    self = p
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(token)
  }
}

extension DatedSession: Codable {
  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let s = DatedSession(token: Substring(text)) else { throw TokenError(description: "not a session: \(text)") }
    self = s
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(token)
  }
}

extension EventVenue: Codable {
  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    self = text == "online" ? .online : .site(text)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(token)
  }
}

extension WeeklyPattern: Codable {
  /// Fourteen places, Monday AM first.
  public init(from decoder: Decoder) throws {
    let places = try decoder.singleValueContainer().decode([Place].self)
    guard places.count == 14 else { throw TokenError(description: "a usual week has 14 half-days") }
    self.init()
    self.places = places
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(places)
  }
}

extension LeaveKind: Codable {}
extension EventKind: Codable {}

extension WeeklySessions: Codable {
  /// The rota file's tokens, space-separated: `mon tue-am`.
  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    var set = WeeklySessions.none
    for t in text.split(separator: " ") {
      guard let halves = WeeklySessions.parseToken(t) else {
        throw TokenError(description: "not a weekly session: \(t)")
      }
      for h in halves { set.insert(h) }
    }
    self = set
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(tokens.joined(separator: " "))
  }
}
