// rota-bench: the speed figures of BENCHMARKS.md, phase by phase.
//
//   swift run -c release rota-bench core [--workers N] [--sites N] [--weeks N]
//   swift run -c release rota-bench load --db PATH|postgresql://… [--processes 20] [--seconds 60]
//
// Prints the median of several runs for each phase, in milliseconds.
import Foundation
import RotaCore
import RotaStore
import RotaTestSupport
import RotaUI

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1_000_000
}

/// Time this thread spent on a core: on a shared machine, wall-clock time also
/// counts the time spent waiting for one.
func cpu() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
  return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1_000_000
}

/// Runs `body` `runs` times; prints and returns the median CPU time, with the
/// median wall-clock time beside it.
func measure(_ label: String, runs: Int = 7, _ body: () -> Void) -> Double {
  var times: [Double] = []
  var walls: [Double] = []
  for _ in 0..<runs {
    let (t0, w0) = (cpu(), now())
    body()
    times.append(cpu() - t0)
    walls.append(now() - w0)
  }
  times.sort()
  walls.sort()
  let median = times[times.count / 2]
  let pad = label.padding(toLength: 46, withPad: " ", startingAt: 0)
  print(
    "  \(pad) \(String(format: "%9.3f", median)) ms cpu  (min \(String(format: "%.3f", times.first!)), max \(String(format: "%.3f", times.last!)); wall median \(String(format: "%.3f", walls[walls.count / 2])), \(runs) runs)"
  )
  return median
}

func argument(_ name: String, _ fallback: Int) -> Int {
  let args = CommandLine.arguments
  if let i = args.firstIndex(of: name), i + 1 < args.count, let n = Int(args[i + 1]) { return n }
  return fallback
}

let mode = CommandLine.arguments.dropFirst().first ?? "core"
let workers = argument("--workers", 1000)
let sites = argument("--sites", 150)
let weeks = argument("--weeks", 52)
let start = ISOWeek(year: 2026, week: 1)!

switch mode {
case "core":
  print("rota-bench core: \(workers) workers, \(sites) sites, \(weeks) weeks from \(start.iso)")
  var generator = RotaGenerator(.init(workers: workers, sites: sites, weeks: weeks, start: start, seed: 7))
  let rota = generator.rota()
  let yaml = RotaFileWriter.write(rota)
  print(
    "  file: \(yaml.utf8.count) bytes, \(rota.leave.count) leave, \(rota.overrides.count) overrides, \(rota.events.count) events"
  )
  _ = measure("read the rota file (YAML to Rota)", runs: 5) { _ = try! RotaFileReader(file: "bench").read(yaml) }
  _ = measure("write the rota file (Rota to YAML)", runs: 5) { _ = RotaFileWriter.write(rota) }
  _ = measure("build the index") { _ = RotaIndex(rota) }
  let analysis = RotaAnalysis(rota)
  let mid = start.adding(weeks: weeks / 2)
  _ = measure("analyse one week, cold (with its lookback)", runs: 21) {
    analysis.forgetCachedWeeks()
    _ = analysis.report(for: mid)
  }
  _ = analysis.report(for: mid.adding(weeks: -1))
  _ = measure("analyse one week after an edit in it", runs: 21) {
    analysis.update(rota, change: .dates(mid.monday, mid.monday))
    _ = analysis.report(for: mid)
  }
  var findings = 0
  _ = measure("analyse the year, cold", runs: 7) {
    analysis.forgetCachedWeeks()
    findings = analysis.reports(from: start, to: start.adding(weeks: weeks - 1)).reduce(0) { $0 + $1.findings.count }
  }
  print("  findings in the year: \(findings)")
  let reports = analysis.reports(from: start, to: start.adding(weeks: weeks - 1))
  _ = measure("encode the year's check JSON", runs: 5) {
    _ = JSONReports.check(
      pcn: rota.pcn, weeks: reports.map(\.week), findings: WeekReport.mergedFindings(reports),
      isolation: reports.flatMap(\.isolation))
  }
  _ = measure("render the year's check text", runs: 5) {
    let last = reports.last!
    let board = IsolationBoard.lines(
      last.isolation, analysis: analysis, week: last.week, today: last.week.monday, trend: [:])
    _ = TextReports.check(
      rota: rota, weeks: reports.map(\.week), findings: WeekReport.mergedFindings(reports), board: board)
  }
case "store":
  print("rota-bench store: \(workers) workers, \(sites) sites, \(weeks) weeks from \(start.iso)")
  var generator = RotaGenerator(.init(workers: workers, sites: sites, weeks: weeks, start: start, seed: 7))
  let rota = generator.rota()
  let yaml = RotaFileWriter.write(rota)
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rota-bench-\(getpid())")
  try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let at = LocalDateTime(iso: "2026-06-01T09:00")!
  let path = folder.appendingPathComponent("bench.sqlite3").path
  let store = try! RotaStore.create(path: path, rota: Rota(pcn: "Empty"), source: "bench", who: "bench", at: at)
  _ = measure("import the rota file (read, check, one transaction)", runs: 5) {
    let r = try! RotaFileReader(file: "bench").read(yaml)
    try! store.importRota(r, replace: true, force: true, source: "bench", who: "bench", at: at)
  }
  let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
  print("  database: \(size) bytes")
  let week = start.adding(weeks: weeks / 2)
  _ = measure("open the database (schema, name, policy, sites and workers checked)", runs: 21) {
    try! RotaStore.open(path: path).close()
  }
  _ = measure("open the database and load a week's rota", runs: 21) {
    let s = try! RotaStore.open(path: path)
    let window = RotaStore.window(for: week...week, policy: try! s.policy())
    _ = try! s.load(window: window)
    s.close()
  }
  _ = measure("open, load and analyse a week", runs: 21) {
    let s = try! RotaStore.open(path: path)
    let window = RotaStore.window(for: week...week, policy: try! s.policy())
    _ = RotaAnalysis(try! s.load(window: window)).report(for: week)
    s.close()
  }
  _ = measure("load the whole rota", runs: 5) { _ = try! store.load() }
  let whole = try! store.load()
  _ = measure("check the whole rota against the rota file's limits", runs: 5) {
    precondition(RotaLimits.problem(in: whole) == nil)
  }
  let worker = rota.workers[0].id
  var flip = false
  _ = measure("one edit (move), committed", runs: 101) {
    flip.toggle()
    _ = try! store.apply(
      .move(worker: worker, date: week.monday, half: .am, to: flip ? .home : .off), who: "bench", at: at)
  }
  _ = measure("one edit with --expect, committed", runs: 101) {
    let current: Place = flip ? .home : .off
    flip.toggle()
    _ = try! store.apply(
      .move(worker: worker, date: week.monday, half: .am, to: flip ? .home : .off),
      expecting: [CellExpectation(worker: worker, date: week.monday, half: .am, place: current)], who: "bench", at: at)
  }
  _ = measure("undo, committed", runs: 51) { _ = try! store.undo(who: "bench", at: at) }
case "ui":
  print("rota-bench ui: \(workers) workers, \(sites) sites, 120x40 virtual screen")
  var generator = RotaGenerator(.init(workers: workers, sites: sites, weeks: weeks, start: start, seed: 7))
  let rota = generator.rota()
  let today = start.adding(weeks: weeks / 2).monday.adding(days: 2)
  // The database backend loads only the weeks a screen needs (the week, its streak
  // window and the trend's eight weeks); give the planner the same.
  let window = today.isoWeek.adding(weeks: -7).monday...today.isoWeek.sunday
  var windowed = rota
  windowed.overrides = rota.overrides.filter { window.contains($0.date) }
  windowed.leave = rota.leave.filter { $0.to.date >= window.lowerBound && $0.from.date <= window.upperBound }
  windowed.events = rota.events.filter {
    window.contains($0.date) || ($0.kind == .supervision && $0.date < window.lowerBound)
  }
  let backend = InMemoryBackend(windowed)
  var planner: Planner! = nil
  _ = measure("open the planner on a week and draw the first frame", runs: 7) {
    planner = try! Planner(backend: backend, today: today, width: 120, height: 40)
    _ = planner.render()
  }
  let down = [InputEvent.key(.down), .key(.right), .key(.up), .key(.left)]
  var i = 0
  _ = measure("one key (cursor move) handled and the frame drawn", runs: 401) {
    planner.handle(down[i % 4])
    _ = planner.render()
    i += 1
  }
  planner.handle(.key(.char("s")))
  _ = measure("one key in the sites grid, handled and drawn", runs: 401) {
    planner.handle(down[i % 4])
    _ = planner.render()
    i += 1
  }
  planner.handle(.key(.char("w")))
  for ch in "/ali" { planner.handle(.key(.char(ch))) }
  planner.handle(.key(.enter))
  _ = measure("one key with a filter on, handled and drawn", runs: 401) {
    planner.handle(down[i % 4])
    _ = planner.render()
    i += 1
  }
  planner.handle(.key(.escape))
  planner.handle(.key(.char(" ")))
  _ = measure("one key while carrying a move (preview recomputed)", runs: 41) {
    planner.handle(down[i % 2 == 0 ? 1 : 3])
    _ = planner.render()
    i += 1
  }
case "suggest":
  suggestBenchmark()
case "suggest-problems":
  // --milliseconds: a longer time limit, for running under a profiler (the plan is
  // the same while the search ends by its patience, not its budget).
  suggestProblems(
    count: argument("--count", 200), first: argument("--first", 0), demo: CommandLine.arguments.contains("--demo"),
    milliseconds: argument("--milliseconds", SearchLimit().milliseconds))
case "load":
  let args = CommandLine.arguments
  guard let i = args.firstIndex(of: "--db"), i + 1 < args.count else {
    print("usage: rota-bench load --db PATH|postgresql://… [--processes 20] [--seconds 60]")
    exit(2)
  }
  LoadTest.run(database: args[i + 1], processes: argument("--processes", 20), seconds: argument("--seconds", 60))
case "load-process":
  let args = CommandLine.arguments
  LoadTest.process(
    database: args[args.firstIndex(of: "--db")! + 1], index: argument("--index", 0), seconds: argument("--seconds", 60))
default:
  print("usage: rota-bench core|store|ui|suggest|suggest-problems|load [--workers N] [--sites N] [--weeks N]")
  exit(2)
}
