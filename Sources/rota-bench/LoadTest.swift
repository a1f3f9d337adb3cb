import Foundation
import RotaCore
import RotaStore

/// The load test of BENCHMARKS.md: `processes` processes edit one PCN's week at
/// once for `seconds`, each move expecting the half-day as it read it, so that
/// they race. Afterwards every success must be in the log under its maker, and
/// every half-day must hold the place of the last success on it: no update lost.
///
///   rota-bench load --db PATH|postgresql://… [--processes 20] [--seconds 60]
enum LoadTest {
  static let week = ISOWeek(iso: "2026-W48")!
  static let at = LocalDateTime(iso: "2026-11-24T09:00:00+00:00")!

  /// What one process did: its successes (change id, cell, place) and each edit's time.
  struct Outcome {
    var successes: [(id: Int64, worker: String, date: LocalDate, half: Half, place: Place)] = []
    var conflicts = 0
    var busy = 0
    var milliseconds: [Double] = []
  }

  static func run(database: String, processes: Int, seconds: Int) {
    let location = try! StoreLocation(database)
    var demo = DemoPCN.rota()
    demo.pcn = "Load test PCN"
    try! RotaStore.create(location, rota: demo, force: true, source: "the load test", who: "bench", at: at).close()
    print(
      "rota-bench load: \(processes) processes editing \(week.iso) of one PCN for \(seconds) s, on \(location.description)"
    )
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).path
    var children: [(Process, Pipe)] = []
    for i in 0..<processes {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: me)
      p.arguments = ["load-process", "--db", database, "--index", "\(i)", "--seconds", "\(seconds)"]
      let out = Pipe()
      p.standardOutput = out
      try! p.run()
      children.append((p, out))
    }
    var all = Outcome()
    for (p, out) in children {
      let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      p.waitUntilExit()
      precondition(p.terminationStatus == 0, "a load process failed (exit status \(p.terminationStatus))")
      for line in text.split(separator: "\n") {
        let f = line.split(separator: " ").map(String.init)
        switch f[0] {
        case "ok":
          all.successes.append(
            (
              Int64(f[1])!, f[2], LocalDate(iso: f[3])!, Half(token: Substring(f[4]))!,
              Place(token: Substring(f[5]))!
            ))
          all.milliseconds.append(Double(f[6])!)
        case "conflict":
          all.conflicts += 1
          all.milliseconds.append(Double(f[1])!)
        case "busy":
          all.busy += 1
          all.milliseconds.append(Double(f[1])!)
        default: break
        }
      }
    }
    // Every success is in the log, made by the process that made it.
    let store = try! RotaStore.open(location, pcn: demo.pcn)
    let log = try! store.log()
    let edits = Set(log.filter { $0.kind == .edit && $0.who.hasPrefix("load-") }.map(\.id))
    let missing = all.successes.filter { !edits.contains($0.id) }
    // Every half-day holds the place of the last success on it.
    let rota = try! store.load()
    var last: [String: (Int64, Place)] = [:]
    for s in all.successes {
      let key = "\(s.worker) \(s.date.iso) \(s.half.token)"
      if (last[key]?.0 ?? -1) < s.id { last[key] = (s.id, s.place) }
    }
    var lost = 0
    for (key, (_, place)) in last {
      let f = key.split(separator: " ")
      let w = rota.worker(String(f[0]))!
      if (try! rota.planned(worker: w, date: LocalDate(iso: f[1])!, half: Half(token: f[2])!)) != place { lost += 1 }
    }
    store.close()
    let sorted = all.milliseconds.sorted()
    func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
    print(
      "  \(all.successes.count) edits saved, \(all.conflicts) refused as stale (exit 3), \(all.busy) gave up waiting for the lock (exit 2), \(String(format: "%.1f", Double(all.successes.count) / Double(seconds))) saved per second"
    )
    print(
      "  edit latency (read the half-day, then the move with its expectation, committed): p50 \(String(format: "%.1f", percentile(0.5))) ms, p99 \(String(format: "%.1f", percentile(0.99))) ms, max \(String(format: "%.1f", sorted.last ?? 0)) ms"
    )
    print("  successes missing from the log: \(missing.count); half-days not holding their last success: \(lost)")
    if !missing.isEmpty || lost != 0 || edits.count != all.successes.count {
      print("  LOST UPDATES: \(edits.count) edits in the log, \(all.successes.count) successes reported")
      exit(1)
    }
  }

  /// One of the processes: picks a half-day of the week at random, reads it,
  /// moves it somewhere else expecting what it read, and reports each outcome.
  static func process(database: String, index: Int, seconds: Int) {
    let store = try! RotaStore.open(try! StoreLocation(database), pcn: "Load test PCN")
    defer { store.close() }
    let frame = try! store.load(window: week.monday...week.monday)
    let places: [Place] = [.home, .off] + frame.sites.prefix(6).map { .site($0.code) }
    var random = SystemRandomNumberGenerator()
    let end = Date().addingTimeInterval(Double(seconds))
    var out = ""
    while Date() < end {
      let worker = frame.workers.randomElement(using: &random)!
      let day = week.monday.adding(days: Int.random(in: 0..<5, using: &random))
      let half: Half = Bool.random(using: &random) ? .am : .pm
      let t0 = Date()
      let rota = try! store.load(window: day...day)
      let current = try! rota.planned(worker: rota.worker(worker.id)!, date: day, half: half)
      let place = places.filter { $0 != current }.randomElement(using: &random)!
      do {
        let applied = try store.apply(
          .move(worker: worker.id, date: day, half: half, to: place),
          expecting: [CellExpectation(worker: worker.id, date: day, half: half, place: current)],
          who: "load-\(index)", at: at)
        let ms = Date().timeIntervalSince(t0) * 1000
        if let id = applied.entry?.id {
          out += "ok \(id) \(worker.id) \(day.iso) \(half.token) \(place.token) \(String(format: "%.3f", ms))\n"
        }
      } catch StoreError.locked {
        // Waited the busy timeout for the write lock and gave up, writing nothing (exit 2).
        out += "busy \(String(format: "%.3f", Date().timeIntervalSince(t0) * 1000))\n"
      } catch {
        precondition(error.exitStatus == 3, "\(error)")
        out += "conflict \(String(format: "%.3f", Date().timeIntervalSince(t0) * 1000))\n"
      }
    }
    FileHandle.standardOutput.write(Data(out.utf8))
  }
}
