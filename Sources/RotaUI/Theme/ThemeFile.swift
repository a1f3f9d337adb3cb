import Foundation

/// A theme file: one role per line, `role = foreground [on background] [attributes]`.
///
///     # comments start with a hash
///     name = default
///     colours = 256                 # 256 (the default), 8, or none (attributes only)
///     background = dark             # the terminal background it is made for: dark or light
///     title = 231 on 24 bold
///     error = red bold
///     site-accents = 153 194 229
///     [8 colours]                   # optional: how roles look on an 8-colour terminal
///     title = white on blue bold
///
/// Colours are `default`, the names `black red green yellow blue magenta cyan
/// white` (and `bright-` of each), or a number from 0 to 255. Attributes are
/// `bold dim underline reverse italic`. A role left out looks like `normal`.
public struct ThemeError: Error, CustomStringConvertible, Sendable {
  public let file: String
  public let line: Int
  public let message: String
  public var description: String { "\(file):\(line): \(message)" }
}

public enum ThemeFile {
  static let colourNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

  /// The role's name in a theme file: `role-header` for `roleHeader`.
  public static func key(_ role: StyleRole) -> String {
    var out = ""
    for c in role.rawValue {
      if c.isUppercase {
        out += "-" + c.lowercased()
      } else {
        out.append(c)
      }
    }
    return out
  }

  static let roles: [String: StyleRole] = Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { (key($0), $0) })

  static func colour(_ word: String) -> Colour? {
    if word == "default" { return .terminalDefault }
    if let n = Int(word), (0...255).contains(n) { return .indexed(n) }
    if let i = colourNames.firstIndex(of: word) { return .indexed(i) }
    if word.hasPrefix("bright-"), let i = colourNames.firstIndex(of: String(word.dropFirst(7))) {
      return .indexed(i + 8)
    }
    return nil
  }

  static func attribute(_ word: String) -> Attributes? {
    switch word {
    case "bold": return .bold
    case "dim": return .dim
    case "underline": return .underline
    case "reverse": return .reverse
    case "italic": return .italic
    default: return nil
    }
  }

  /// Reads a theme file's text. The 8-colour section, when present, is used on
  /// 8-colour terminals; without it, colours are taken to their nearest of 8.
  public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
    var name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    var entries: [StyleRole: ThemeEntry] = [:]
    var basic: [StyleRole: ThemeEntry] = [:]
    var accents: [Colour] = []
    var usesColour = true
    var inBasic = false
    var background = Background.dark
    for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let lineNumber = number + 1
      func fail(_ message: String) -> ThemeError { ThemeError(file: file, line: lineNumber, message: message) }
      let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      if trimmed.hasPrefix("[") {
        guard trimmed == "[8 colours]" || trimmed == "[8 colors]" else {
          throw fail("unknown section \(trimmed); expected [8 colours]")
        }
        inBasic = true
        continue
      }
      let parts = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard parts.count == 2, !parts[0].isEmpty else {
        throw fail("expected role = colour, such as: title = 231 on 24 bold")
      }
      let (key, value) = (parts[0], parts[1])
      switch key {
      case "name":
        name = value
        continue
      case "description":
        continue
      case "background":
        guard let b = Background(rawValue: value) else {
          throw fail("background is '\(value)'; expected dark or light (the terminal background the theme is made for)")
        }
        background = b
        continue
      case "colours", "colors":
        switch value {
        case "none": usesColour = false
        case "256", "8": usesColour = true
        default: throw fail("colours is '\(value)'; expected 256, 8 or none")
        }
        continue
      case "site-accents":
        accents = []
        for word in value.split(separator: " ") {
          guard let c = colour(String(word)) else {
            throw fail("'\(word)' is not a colour; expected a number from 0 to 255 or a colour name")
          }
          accents.append(c)
        }
        continue
      default: break
      }
      guard let role = roles[key] else {
        throw fail("unknown role '\(key)'; expected one of \(StyleRole.allCases.map(Self.key).joined(separator: ", "))")
      }
      var words = value.split(separator: " ").map(String.init)
      var entry = ThemeEntry()
      if let first = words.first, let c = colour(first) {
        entry.foreground = c
        words.removeFirst()
      }
      if words.first == "on" {
        guard words.count >= 2, let c = colour(words[1]) else { throw fail("expected a colour after 'on'") }
        entry.background = c
        words.removeFirst(2)
      }
      for w in words {
        guard let a = attribute(w) else {
          throw fail("'\(w)' is not a colour or an attribute; expected bold, dim, underline, reverse or italic")
        }
        entry.attributes.insert(a)
      }
      if inBasic { basic[role] = entry } else { entries[role] = entry }
    }
    var theme = Theme(name: name, entries: entries, siteAccents: accents, usesColour: usesColour)
    theme.basicEntries = basic
    theme.background = background
    return theme
  }
}

/// The themes rota can use: those built into the binary (the files in
/// `Themes/`) and the user's own in `$XDG_CONFIG_HOME/rota/themes`, which
/// override a built-in theme of the same name or add new ones.
public struct ThemeLibrary: Sendable {
  /// Theme name to (file name for messages, text).
  public private(set) var sources: [String: (file: String, text: String)] = [:]

  public init(builtIn: [(name: String, text: String)], userFolder: String?, home: String? = nil) {
    for (name, text) in builtIn { sources[name] = ("Themes/\(name).theme", text) }
    if let userFolder, let files = try? FileManager.default.contentsOfDirectory(atPath: userFolder) {
      for f in files.sorted() where f.hasSuffix(".theme") {
        let path = userFolder + "/" + f
        // Messages name the file as the user would type it: ~/.config/rota/themes/x.theme.
        let shown = home.flatMap { path.hasPrefix($0 + "/") ? "~" + path.dropFirst($0.count) : nil } ?? path
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
          sources[String(f.dropLast(6))] = (shown, text)
        }
      }
    }
  }

  /// Built-in first, in a fixed order, then the user's own.
  public var names: [String] {
    let order = ["default", "light", "high-contrast", "colour-blind-safe", "monochrome"]
    return order.filter { sources[$0] != nil } + sources.keys.filter { !order.contains($0) }.sorted()
  }

  /// The theme called `name`. If it is unknown or its file is broken, the
  /// built-in default, with a sentence saying why.
  public func load(_ name: String) -> (theme: Theme, problem: String?) {
    guard let source = sources[name] else {
      return (
        fallback, "there is no theme called \(name) (themes: \(names.joined(separator: ", "))); using the default theme"
      )
    }
    do {
      return (try ThemeFile.parse(source.text, file: source.file), nil)
    } catch {
      return (fallback, "the theme file \(error.description); using the default theme")
    }
  }

  /// The default theme as shipped, or the one compiled in if that is broken.
  var fallback: Theme {
    if let text = sources["default"]?.text, sources["default"]?.file.hasPrefix("Themes/") == true,
      let t = try? ThemeFile.parse(text, file: "Themes/default.theme")
    {
      return t
    }
    return .builtIn
  }
}

extension ThemeLibrary {
  /// The themes shipped in `Themes/`, built into the binary.
  public static let shipped: [(name: String, text: String)] = [
    ("default", String(decoding: PackageResources.default_theme, as: UTF8.self)),
    ("light", String(decoding: PackageResources.light_theme, as: UTF8.self)),
    ("high-contrast", String(decoding: PackageResources.high_contrast_theme, as: UTF8.self)),
    ("colour-blind-safe", String(decoding: PackageResources.colour_blind_safe_theme, as: UTF8.self)),
    ("monochrome", String(decoding: PackageResources.monochrome_theme, as: UTF8.self)),
  ]

  /// The theme to use when none is asked for: monochrome when `NO_COLOR` is set;
  /// light when the terminal says through `COLORFGBG` (as rxvt, Konsole and others
  /// do: "foreground;background") that its background is light; else default.
  public static func defaultName(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return "monochrome" }
    if let pair = environment["COLORFGBG"], let last = pair.split(separator: ";").last, let bg = Int(last),
      [7, 9, 10, 11, 12, 13, 14, 15].contains(bg)
    {
      return "light"
    }
    return "default"
  }

  /// The shipped themes plus the user's, from `$XDG_CONFIG_HOME/rota/themes`
  /// (or `~/.config/rota/themes`).
  public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ThemeLibrary {
    let config =
      environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
      ?? (environment["HOME"].map { $0 + "/.config" })
    return ThemeLibrary(builtIn: shipped, userFolder: config.map { $0 + "/rota/themes" }, home: environment["HOME"])
  }
}

extension Canvas {
  /// How the canvas looks with a theme: one letter per cell for each distinct
  /// look, then a legend ("a = fg 231 bg 24 bold"). The golden screens of the
  /// themes are these; for monochrome they show that every look is an attribute.
  public func resolvedText(_ theme: Theme, colours: Int) -> String {
    var codes: [ThemeEntry: Character] = [:]
    var order: [ThemeEntry] = []
    let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    var out = ""
    for y in 0..<height {
      var line = ""
      for x in 0..<width {
        let e = theme.resolve(self[x, y].style, colours: colours)
        if e == ThemeEntry() {
          line.append(".")
          continue
        }
        if codes[e] == nil {
          codes[e] = order.count < letters.count ? letters[order.count] : "?"
          order.append(e)
        }
        line.append(codes[e]!)
      }
      while line.last == "." { line.removeLast() }
      out += line + "\n"
    }
    out += "\n"
    for e in order {
      func name(_ c: Colour) -> String {
        if case .indexed(let n) = c { return "\(n)" }
        return "default"
      }
      var parts: [String] = []
      if e.foreground != .terminalDefault { parts.append("fg \(name(e.foreground))") }
      if e.background != .terminalDefault { parts.append("bg \(name(e.background))") }
      for (a, word) in [
        (Attributes.bold, "bold"), (.dim, "dim"), (.underline, "underline"), (.reverse, "reverse"), (.italic, "italic"),
      ]
      where e.attributes.contains(a) {
        parts.append(word)
      }
      out += "\(codes[e]!) = \(parts.joined(separator: " "))\n"
    }
    return out
  }
}
