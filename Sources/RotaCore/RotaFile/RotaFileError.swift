/// Why a rota file could not be read: where (file, line, column) and what was expected.
public struct RotaFileError: Error, Equatable, CustomStringConvertible, Sendable {
  public let file: String
  /// 1-based; 0 when the problem is the file as a whole.
  public let line: Int
  /// 1-based, counted in Unicode scalars; 0 when the problem is the file as a whole.
  public let column: Int
  public let message: String

  /// Every reader error is made here, so this is where its text is made safe to
  /// print: the file name and the message as `PrintableText.message` shows them.
  public init(file: String, line: Int, column: Int, message: String) {
    self.file = PrintableText.message(file)
    self.line = line
    self.column = column
    self.message = PrintableText.message(message)
  }

  /// `pcn.yaml:12:5: unknown site kind 'surgery'; expected one of practice, school, …`
  public var description: String {
    line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
  }
}
