import Foundation

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

/// The terminal background a theme is made for.
public enum Background: String, Sendable, CaseIterable {
  case dark, light
}

/// A colour theme: semantic roles to colours and attributes, as htop's colour
/// elements are, plus a palette of accents that sites take in turn.
public struct Theme: Sendable {
  public var name: String
  /// The background it is made for (`background = light` in the file); the
  /// contrast test reads a role with no background of its own against this.
  public var background: Background = .dark
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
    if style.faint { e.attributes.insert(.dim) }
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

extension Colour {
  /// The colour as xterm draws it by default, as red, green and blue from 0 to 255.
  public var rgb: (Int, Int, Int)? {
    guard case .indexed(let n) = self, (0...255).contains(n) else { return nil }
    let basic = [
      (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
      (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255),
      (0, 255, 255), (255, 255, 255),
    ]
    if n < 16 { return basic[n] }
    if n >= 232 {
      let v = 8 + 10 * (n - 232)
      return (v, v, v)
    }
    let levels = [0, 95, 135, 175, 215, 255]
    let c = n - 16
    return (levels[c / 36], levels[c / 6 % 6], levels[c % 6])
  }

  /// Relative luminance, as WCAG 2 defines it.
  public var luminance: Double? {
    guard let (r, g, b) = rgb else { return nil }
    func linear(_ v: Int) -> Double {
      let c = Double(v) / 255
      return c <= 0.039_28 ? c / 12.92 : ((c + 0.055) / 1.055).pow(2.4)
    }
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
  }

  /// The WCAG contrast ratio of two colours, from 1 to 21.
  public static func contrast(_ a: Colour, _ b: Colour) -> Double? {
    guard let la = a.luminance, let lb = b.luminance else { return nil }
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
  }
}

extension Double {
  fileprivate func pow(_ e: Double) -> Double { Foundation.pow(self, e) }
}
