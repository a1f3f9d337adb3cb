import Foundation
import Testing

@testable import RotaCore

/// The worked example of the rules contract, exactly as it is given there.
@Suite("The worked example")
struct WorkedExampleTests {
  /// `Tests/Fixtures/worked-example.yaml`, shared with the command-line tests.
  static var yaml: String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../Fixtures/worked-example.yaml")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }

  @Test("gives exactly the findings the contract states")
  func findings() throws {
    let r = report(try rota(Self.yaml), "2026-W48")
    let summary = r.findings.map { f in
      [
        f.rule.code, f.site ?? "", f.worker ?? "", f.date?.iso ?? "", f.session?.token ?? "",
        (f.workers ?? []).joined(separator: ","), f.sessions.map(String.init) ?? "",
        f.contracted.map(String.init) ?? "",
      ]
      .joined(separator: "|")
    }
    #expect(
      summary == [
        "over-capacity|RVS||2026-11-23|am|amira,ben||",
        "over-capacity|RVS||2026-11-23|pm|amira,ben||",
        "site-closed|OAK|amira|2026-11-25|pm|||",
        "no-supervision||amira|||||",
        "no-supervision||ben|||||",
        "under-contract||ben||||5|6",
      ])
  }

  @Test("gives exactly the isolation rows the contract states")
  func isolation() throws {
    let r = report(try rota(Self.yaml), "2026-W48")
    let amira = try #require(r.row("amira"))
    #expect(amira.workedSessions == 10)
    #expect(amira.solitarySessions == 5)
    #expect(amira.workedDays == 5)
    #expect(amira.solitaryDays == 2)
    #expect(amira.longestStreak == 2)
    #expect(amira.lastSupervision == nil)
    #expect(amira.level == .watch)
    let ben = try #require(r.row("ben"))
    #expect(ben.workedSessions == 5)
    #expect(ben.solitarySessions == 0)
    #expect(ben.solitaryDays == 0)
    #expect(ben.level == .watch)
    #expect(r.isolation.count == 2)
  }

  @Test("over-capacity's message reads as the contract's example")
  func message() throws {
    let r = report(try rota(Self.yaml), "2026-W48")
    #expect(r.findings.first?.message == "Riverside Surgery has 2 team members for 1 room on Mon 23 Nov AM")
  }
}
