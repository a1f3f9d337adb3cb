import Foundation
import Testing

@testable import RotaCore

@Suite("Findings: fields, order and JSON")
struct FindingTests {
  static let expectedFields: [Rule: Set<String>] = [
    .leaveClash: ["worker", "date", "session"],
    .notInPost: ["worker", "date", "session"],
    .awayAtEvent: ["worker", "date", "session"],
    .siteClosed: ["worker", "site", "date", "session"],
    .overCapacity: ["site", "date", "session", "workers"],
    .doubleBooked: ["worker", "date", "session"],
    .overContract: ["worker", "sessions", "contracted"],
    .underContract: ["worker", "sessions", "contracted"],
    .coverGap: ["site", "date", "session"],
    .splitDay: ["worker", "date"],
    .solitaryOverload: ["worker", "solitary_days"],
    .solitaryStreak: ["worker", "streak", "from", "to", "continues_before"],
    .noSupervision: ["worker"],
    .soleCover: ["worker", "sites"],
  ]

  static let severities: [Rule: String] = [
    .leaveClash: "error", .notInPost: "error", .awayAtEvent: "error", .siteClosed: "error", .overCapacity: "error",
    .doubleBooked: "error",
    .overContract: "error", .underContract: "warning", .coverGap: "warning", .splitDay: "info",
    .solitaryOverload: "warning", .solitaryStreak: "warning", .noSupervision: "warning", .soleCover: "warning",
  ]

  /// The demo's anchor week has every rule of version 1, and the leaver of
  /// `leaverRota` adds not-in-post; their JSON findings are parsed back.
  static func demoJSON() throws -> [[String: Any]] {
    try [DemoPCN.rota(), leaverRota()].flatMap { rota in
      let r = RotaAnalysis(rota).report(for: week("2026-W48"))
      let text = JSONReports.check(pcn: "Demo", weeks: [r.week], findings: r.findings, isolation: r.isolation)
      let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
      return object["findings"] as! [[String: Any]]
    }
  }

  @Test("every rule's JSON finding carries exactly its fields", arguments: Rule.allCases)
  func fieldSet(_ rule: Rule) throws {
    let findings = try Self.demoJSON().filter { $0["rule"] as? String == rule.code }
    #expect(!findings.isEmpty, "the demo has no \(rule.code) finding")
    for f in findings {
      let keys = Set(f.keys).subtracting(["rule", "severity", "week", "message"])
      #expect(keys == Self.expectedFields[rule]!, "\(rule.code): \(keys.sorted())")
      #expect(f["severity"] as? String == Self.severities[rule])
      #expect(f["week"] as? String == "2026-W48")
      #expect((f["message"] as? String)?.isEmpty == false)
      for (key, value) in f where key != "message" {
        #expect(!(value is NSNull), "\(rule.code).\(key) is null")
      }
    }
  }

  @Test("the rank table is alphabetical order of codes")
  func ranks() {
    #expect(Rule.allCases.sorted { $0.rank < $1.rank }.map(\.code) == Rule.allCases.map(\.code).sorted())
  }

  @Test("findings come sorted by severity, week, rule, date, session, site, worker")
  func order() throws {
    let analysis = RotaAnalysis(DemoPCN.rota())
    let reports = analysis.reports(from: week("2026-W47"), to: week("2026-W49"))
    let merged = WeekReport.mergedFindings(reports)
    #expect(merged.count == reports.reduce(0) { $0 + $1.findings.count })
    for (a, b) in zip(merged, merged.dropFirst()) {
      #expect(!Finding.reportOrder(b, a), "\(b.rule.code) \(b.week) came after \(a.rule.code) \(a.week)")
    }
  }

  @Test("JSON strings escape quotes, backslashes and control characters")
  func escaping() throws {
    var f = Finding(rule: .noSupervision, week: week("2026-W48"), message: "quote \" back \\ tab \t bell \u{7} é 陳")
    f.worker = "a"
    let text = JSONReports.check(pcn: "P \"Q\"", weeks: [week("2026-W48")], findings: [f], isolation: [])
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    #expect(object["pcn"] as? String == "P \"Q\"")
    let found = (object["findings"] as! [[String: Any]])[0]
    #expect(found["message"] as? String == "quote \" back \\ tab \t bell \u{7} é 陳")
    #expect(!text.contains("\u{7}"))
  }
}
