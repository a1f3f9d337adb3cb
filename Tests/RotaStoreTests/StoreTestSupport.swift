import Foundation
import GRDB
import Testing

@testable import RotaCore
@testable import RotaStore

/// A temporary folder for one test's databases, removed afterwards.
struct Scratch {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("rota-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  func remove() { try? FileManager.default.removeItem(at: folder) }
}

let now = LocalDateTime(iso: "2026-11-24T14:02:00+00:00")!
let w48 = ISOWeek(iso: "2026-W48")!

func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

/// A store holding the demo PCN as written (anchor week 2026-W48).
func demoStore(_ scratch: Scratch, name: String = "rota.sqlite3") throws -> RotaStore {
  try RotaStore.create(path: scratch.path(name), rota: DemoPCN.rota(), source: "test", who: "tester", at: now)
}

func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
