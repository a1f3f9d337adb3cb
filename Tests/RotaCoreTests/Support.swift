import Testing

@testable import RotaCore

/// Reads rota YAML written inline in a test, failing the test with the reader's message.
func rota(_ yaml: String, file: String = "test.yaml") throws(RotaFileError) -> Rota {
  try RotaFileReader(file: file).read(yaml)
}

func date(_ s: String) -> LocalDate { LocalDate(iso: s)! }
func week(_ s: String) -> ISOWeek { ISOWeek(iso: s)! }

/// The report of one week of a rota.
func report(_ r: Rota, _ w: String) -> WeekReport { RotaAnalysis(r).report(for: week(w)) }

extension WeekReport {
  func findings(_ rule: Rule) -> [Finding] { findings.filter { $0.rule == rule } }
  func row(_ worker: String) -> IsolationRow? { isolation.first { $0.worker == worker } }
}

/// A rota of the given sites and workers, with policy defaults and no dated entries.
/// `sites` and `workers` are YAML list items, indented as under their key.
func rotaWith(
  policy: String = "", sites: String, workers: String, leave: String = "", overrides: String = "",
  events: String = ""
) throws -> Rota {
  var yaml = "version: 1\npcn: Test PCN\n"
  if !policy.isEmpty { yaml += "policy:\n\(policy)\n" }
  yaml += "sites:\n\(sites)\nworkers:\n\(workers)\n"
  if !leave.isEmpty { yaml += "leave:\n\(leave)\n" }
  if !overrides.isEmpty { yaml += "overrides:\n\(overrides)\n" }
  if !events.isEmpty { yaml += "events:\n\(events)\n" }
  return try rota(yaml)
}

/// A leaver invited to a meeting after their last day: the one rule the demo
/// (a version 1 file) cannot show.
func leaverRota() throws -> Rota {
  try rotaWith(
    sites: "- {code: RVS, name: Riverside Surgery, kind: practice}",
    workers: """
      - {id: gone, name: Gone Worker, role: gp-link-worker, sessions: 2, end: 2026-11-24, pattern: {mon: RVS}}
      - {id: stay, name: Stay Worker, role: gp-link-worker, sessions: 2, pattern: {mon: RVS}}
      """,
    events: "- {title: Team meeting, kind: team, date: 2026-11-26, where: online, attendees: [gone, stay]}")
}
