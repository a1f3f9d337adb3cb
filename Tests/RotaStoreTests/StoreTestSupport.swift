import Foundation
import GRDB
import RotaTestSupport
import Testing

@testable import RotaCore
@testable import RotaStore

/// A temporary place for one test's databases, removed afterwards: a folder for
/// SQLite files and, on PostgreSQL, a database of its own on the test server.
struct Scratch {
  let folder: URL
  let engine: Engine
  /// The test's own database on the server, for the PostgreSQL engine.
  let database: String?

  init(_ engine: Engine = .sqlite) throws {
    self.engine = engine
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("rota-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    database = engine == .postgresql ? try TestServer.newDatabase() : nil
  }

  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  /// Where this test's rota goes: a file in the folder, or the test's database.
  func location(_ name: String = "rota.sqlite3") throws -> StoreLocation {
    if let database { return try StoreLocation(TestServer.address(database: database)) }
    return .file(path(name))
  }

  /// A new store holding `rota`, in this test's engine.
  func create(_ rota: Rota, name: String = "rota.sqlite3", force: Bool = false) throws -> RotaStore {
    try RotaStore.create(location(name), rota: rota, force: force, source: "test", who: "tester", at: now)
  }

  /// The store of `create`, opened again (as another process would).
  func reopen(pcn: String? = nil, name: String = "rota.sqlite3") throws -> RotaStore {
    try RotaStore.open(location(name), pcn: pcn)
  }

  func remove() {
    try? FileManager.default.removeItem(at: folder)
    if let database { TestServer.dropDatabase(database) }
  }
}

let now = LocalDateTime(iso: "2026-11-24T14:02:00+00:00")!
let w48 = ISOWeek(iso: "2026-W48")!

func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

/// A store holding the demo PCN as written (anchor week 2026-W48).
func demoStore(_ scratch: Scratch, name: String = "rota.sqlite3") throws -> RotaStore {
  try scratch.create(DemoPCN.rota(), name: name)
}

func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
