extension Theme {
  /// The default theme, from `Themes/default.theme` as built into the binary; used
  /// when no theme is chosen or the chosen one cannot be read. (A test checks that
  /// the file reads; should it not, the planner still starts, without colour.)
  public static let builtIn: Theme =
    (try? ThemeFile.parse(ThemeLibrary.shipped[0].text, file: "Themes/default.theme"))
    ?? Theme(name: "plain", entries: [:], siteAccents: [], usesColour: false)
}
