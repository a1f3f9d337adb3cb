/// Where a worker is in a session once leave and bank holidays are applied
/// (`rules.md`, "the effective placement").
public enum EffectivePlacement: Hashable, Sendable {
  case site(String)
  case home
  case off
  case leave
  case holiday
  /// Outside the worker's post (v1.1): before their `start` or after their `end`.
  case notInPost

  /// The token used in JSON: a site code, `home`, `off`, `leave`, `holiday` or `not-in-post`.
  public var token: String {
    switch self {
    case .site(let code): return code
    case .home: return "home"
    case .off: return "off"
    case .leave: return "leave"
    case .holiday: return "holiday"
    case .notInPost: return "not-in-post"
    }
  }

  /// A session is worked when its effective placement is a site or home.
  public var isWorked: Bool {
    switch self {
    case .site, .home: return true
    default: return false
    }
  }

  public var siteCode: String? {
    if case .site(let c) = self { return c }
    return nil
  }
}

/// Dense codes for places inside the analysis: a site's index, or one of these.
enum PlaceCode {
  static let home: Int32 = -1
  static let off: Int32 = -2
  static let leave: Int32 = -3
  static let holiday: Int32 = -4
  static let notInPost: Int32 = -5
  /// The lowest code there is (tables indexed by place start here).
  static let lowest: Int32 = min(home, off, leave, holiday, notInPost)

  static func isWorked(_ c: Int32) -> Bool { c >= 0 || c == home }
}
