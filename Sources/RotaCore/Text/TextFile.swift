import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A text file read whole, as the rota file and the planner's key scripts are:
/// it must be a regular file (a named pipe would wait for ever for a writer, and
/// /dev/zero never ends) and UTF-8, and a byte that is not is reported with its
/// line and column.
public enum TextFile {
  /// Why a file could not be read as text: where (0 when the file as a whole) and what.
  public struct Problem: Error, Sendable {
    public let line: Int
    public let column: Int
    public let message: String
  }

  public static func read(_ path: String) throws(Problem) -> String {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw Problem(line: 0, column: 0, message: "cannot read the file: \(reason(errno))") }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw Problem(line: 0, column: 0, message: "cannot read the file: \(reason(errno))")
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      let kind: String
      switch info.st_mode & S_IFMT {
      case S_IFDIR: kind = "a folder"
      case S_IFIFO: kind = "a named pipe"
      case S_IFSOCK: kind = "a socket"
      default: kind = "a device"
      }
      throw Problem(line: 0, column: 0, message: "it is \(kind), not a file")
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw Problem(line: 0, column: 0, message: "cannot read the file: \(reason(errno))")
      }
      if n == 0 { break }
      bytes.append(contentsOf: chunk[0..<n])
    }
    if let bad = firstInvalidUTF8(bytes) {
      let at = position(ofByte: bad, in: bytes)
      throw Problem(
        line: at.line, column: at.column,
        message:
          "the byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) is not UTF-8 text; save the file as UTF-8")
    }
    // A byte-order mark (which some Windows editors write) is not part of the text.
    let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    return String(decoding: body, as: UTF8.self)
  }

  /// The offset of the first byte that does not belong to a UTF-8 character, if any.
  public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .emptyInput: return nil
      case .error: return offset
      }
    }
  }

  /// The line and column (both from 1; columns in characters as an editor counts
  /// them, that is Unicode scalars) of the byte at `offset`.
  public static func position(ofByte offset: Int, in bytes: some Collection<UInt8>) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for b in bytes.prefix(offset) {
      if b == 0x0A {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }

  static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
