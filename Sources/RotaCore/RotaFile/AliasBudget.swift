import CYaml

/// How much a rota file's YAML aliases may repeat. An alias (`*team`) stands for
/// everything its anchor (`&team`) names, so a file of a few kilobytes can stand
/// for billions of values (the "billion laughs"), and even a list of 20,000 ids
/// reused by 200 events is 4 million. Reading is linear in what the aliases
/// stand for, so that is what is limited: before the file is composed, one pass
/// over the events of libyaml (the parser Yams is built on) adds up the values
/// each alias repeats, and stops at the alias that goes past the limit.
enum AliasBudget {
  /// The most values all the aliases of one file may repeat between them: far
  /// more than any rota needs (a team's list reused all year is a few hundred
  /// thousand), and read in seconds.
  static let limit = 10_000_000

  /// Where the alias is that takes the file past `limit`, or nil when the file
  /// is within it (or cannot be parsed, which composing it will report).
  static func overrun(in text: String) -> (line: Int, column: Int)? {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return nil }
    defer { yaml_parser_delete(&parser) }
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer -> (line: Int, column: Int)? in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      // Each open list or mapping: its anchor, and how many values it holds so far.
      var open: [(anchor: String?, size: Int)] = []
      var anchors: [String: Int] = [:]
      var repeated = 0
      func close(_ size: Int, anchor: UnsafeMutablePointer<yaml_char_t>?) {
        if let anchor { anchors[String(cString: anchor)] = size }
        if !open.isEmpty { open[open.count - 1].size = min(limit + 1, open[open.count - 1].size + size) }
      }
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
        defer { yaml_event_delete(&event) }
        switch event.type {
        case YAML_SCALAR_EVENT:
          close(1, anchor: event.data.scalar.anchor)
        case YAML_SEQUENCE_START_EVENT:
          open.append((event.data.sequence_start.anchor.map { String(cString: $0) }, 1))
        case YAML_MAPPING_START_EVENT:
          open.append((event.data.mapping_start.anchor.map { String(cString: $0) }, 1))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
          guard let done = open.popLast() else { return nil }
          if let name = done.anchor { anchors[name] = done.size }
          close(done.size, anchor: nil)
        case YAML_ALIAS_EVENT:
          let size = event.data.alias.anchor.flatMap { anchors[String(cString: $0)] } ?? 1
          repeated += size
          if repeated > limit {
            return (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1)
          }
          close(size, anchor: nil)
        case YAML_STREAM_END_EVENT:
          return nil
        default:
          break
        }
      }
    }
  }
}
