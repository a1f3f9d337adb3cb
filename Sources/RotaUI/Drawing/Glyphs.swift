import RotaCore

/// The marks the planner uses, so that every meaning has a glyph and never rests
/// on colour alone.
enum Glyph {
  static let error = "✖"
  static let warning = "▲"
  static let info = "•"
  static let solitary = "◦"
  static let holiday = "✱"
  static let split = "│"
  static let rule = "─"
  /// Before today's heading.
  static let today = "▼"
  /// A site closed in that half-day, in a cell too narrow for the word.
  static let closed = "╳"
  /// The cell a drop would land on, and one where it cannot.
  static let dropHere = "▶"
  static let cannotDrop = "✗"
  static let overload = "■"
  static let moreAbove = "↑"
  static let moreBelow = "↓"

  static func severity(_ s: Severity?) -> String {
    switch s {
    case .error: return error
    case .warning: return warning
    case .info: return info
    case nil: return " "
    }
  }

  static func severityRole(_ s: Severity?) -> StyleRole {
    switch s {
    case .error: return .error
    case .warning: return .warning
    case .info: return .info
    case nil: return .normal
    }
  }

  static func level(_ l: IsolationLevel) -> (String, StyleRole) {
    switch l {
    case .ok: return ("ok", .levelOk)
    case .watch: return ("▲watch", .levelWatch)
    case .overload: return ("■OVER", .levelOverload)
    }
  }
}

extension EffectivePlacement {
  /// The word a grid cell shows.
  var label: String {
    switch self {
    case .site(let code): return code
    case .home: return "home"
    case .leave: return "leave"
    case .holiday: return "hol"
    case .notInPost: return "n/p"
    case .off: return "·"
    }
  }
}
