import RotaCore

/// One editable line of text in a box: typed characters go at the end,
/// Backspace takes the last one off. Control characters are never kept.
struct TextField: Hashable {
  var text: String
  /// The most characters it holds (a paste cannot grow it without bound).
  var limit = 80

  init(_ text: String = "", limit: Int = 80) {
    self.text = text
    self.limit = limit
  }

  mutating func type(_ c: Character) {
    guard text.count < limit, !c.unicodeScalars.contains(where: { RotaText.isForbidden($0) }) else { return }
    text.append(c)
  }

  mutating func deleteBackward() {
    if !text.isEmpty { text.removeLast() }
  }

  var trimmed: String { text.trimmingCharacters(in: .whitespaces) }
}
