/// A terminal colour: the terminal's own default, one of the 16 ANSI colours, or
/// one of the 256 indexed colours.
public enum Colour: Hashable, Sendable {
  case terminalDefault
  case indexed(Int)

  /// The nearest of the 8 basic colours, for terminals without more.
  public var basic: Colour {
    guard case .indexed(let n) = self else { return self }
    if n < 8 { return self }
    if n < 16 { return .indexed(n - 8) }
    if n >= 232 { return .indexed(n < 244 ? 0 : 7) }
    let c = n - 16
    let (r, g, b) = (c / 36, c / 6 % 6, c % 6)
    let bits = (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0)
    return .indexed(bits)
  }
}

/// Text attributes a theme can give a role.
public struct Attributes: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public static let bold = Attributes(rawValue: 1)
  public static let dim = Attributes(rawValue: 2)
  public static let underline = Attributes(rawValue: 4)
  public static let reverse = Attributes(rawValue: 8)
  public static let italic = Attributes(rawValue: 16)
}

/// How one role looks.
public struct ThemeEntry: Hashable, Sendable {
  public var foreground: Colour
  public var background: Colour
  public var attributes: Attributes

  public init(
    _ foreground: Colour = .terminalDefault, _ background: Colour = .terminalDefault, _ attributes: Attributes = []
  ) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }
}

/// A colour theme: semantic roles to colours and attributes, as htop's colour
/// elements are, plus a palette of accents that sites take in turn.
public struct Theme: Sendable {
  public var name: String
  public var entries: [StyleRole: ThemeEntry]
  /// Site accents, used as the background of a site's cells; empty for none.
  public var siteAccents: [Colour]
  /// When false, the theme uses attributes only (monochrome).
  public var usesColour: Bool
  /// How roles look on an 8-colour terminal, where the file says; other roles take
  /// their nearest 8 colours.
  public var basicEntries: [StyleRole: ThemeEntry] = [:]

  public init(name: String, entries: [StyleRole: ThemeEntry], siteAccents: [Colour], usesColour: Bool = true) {
    self.name = name
    self.entries = entries
    self.siteAccents = siteAccents
    self.usesColour = usesColour
  }

  /// How a cell looks with this theme on a terminal with `colours` colours.
  public func resolve(_ style: Style, colours: Int) -> ThemeEntry {
    let few = colours > 0 && colours < 256
    var e = (few ? basicEntries[style.role] : nil) ?? entries[style.role] ?? entries[.normal] ?? ThemeEntry()
    if style.site >= 0, !siteAccents.isEmpty,
      [.practice, .school, .hospice, .hospital, .hub, .community].contains(style.role)
    {
      e.background = siteAccents[Int(style.site) % siteAccents.count]
      if e.foreground == .terminalDefault { e.foreground = .indexed(0) }
    }
    if style.bold { e.attributes.insert(.bold) }
    if style.underline { e.attributes.insert(.underline) }
    if style.reverse { e.attributes.insert(.reverse) }
    if !usesColour || colours < 8 {
      e.foreground = .terminalDefault
      e.background = .terminalDefault
    } else if colours < 256 {
      e.foreground = e.foreground.basic
      e.background = e.background.basic
    }
    return e
  }
}
