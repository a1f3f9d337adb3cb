import Foundation
import RotaTestSupport
import Testing

@testable import RotaCore
@testable import RotaStore

/// The roles of a shared rota, enforced by the PostgreSQL server itself: these
/// tests log in as each kind of member through psql, not through rota, so they
/// hold whatever program a member uses.
@Suite("Roles on a shared PostgreSQL rota, through psql")
struct RoleTests {
  /// Two PCNs in one database, and a login for each role, named after this test
  /// (roles belong to the whole server, and tests run at once).
  struct Team {
    let scratch: Scratch
    let database: String
    let tag: String
    var coordinator: String { "coord_\(tag)" }
    var otherCoordinator: String { "other_\(tag)" }
    var supervisor: String { "super_\(tag)" }
    var amira: String { "amira_\(tag)" }
    static let pcn = "Riverside and Oakfield PCN"
    static let otherPCN = "Hilltop PCN"

    init() throws {
      scratch = try Scratch(.postgresql)
      database = scratch.database!
      tag = String(database.suffix(8))
      var demo = DemoPCN.rota()
      demo.pcn = Self.pcn
      try scratch.create(demo).close()
      var other = DemoPCN.rota()
      other.pcn = Self.otherPCN
      try scratch.create(other).close()
      // As docs/shared-rota.md says: a login per person, granted the group role
      // of what they do, and a row of rota.member saying which PCN and which worker.
      let members: [(login: String, role: String, worker: String?, pcn: String)] = [
        (coordinator, "coordinator", nil, Self.pcn), (otherCoordinator, "coordinator", nil, Self.otherPCN),
        (supervisor, "supervisor", nil, Self.pcn), (amira, "worker", "amira", Self.pcn),
      ]
      for m in members {
        try TestServer.psql(
          """
          CREATE ROLE \(m.login) LOGIN; GRANT rota_\(m.role) TO \(m.login);
          SET rota.pcn = '\(m.pcn)';
          INSERT INTO rota.member (login, role, worker) VALUES ('\(m.login)', '\(m.role)', \(m.worker.map { "'\($0)'" } ?? "NULL"));
          """, database: database)
      }
      // Leave of two kinds: Amira's own, and Hodan's.
      try TestServer.psql(
        """
        SET rota.pcn = '\(Self.pcn)';
        INSERT INTO rota.leave (worker, from_session, to_session, first_date, last_date, kind)
          VALUES ('amira', '2026-12-01-am', '2026-12-01-pm', '2026-12-01', '2026-12-01', 'training'),
                 ('hodan', '2026-12-02-am', '2026-12-02-pm', '2026-12-02', '2026-12-02', 'sick');
        """, database: database)
    }

    /// Runs SQL as `login` on the team's PCN; returns psql's status, output and errors.
    func psql(_ login: String, _ sql: String, pcn: String = Team.pcn) throws -> (
      status: Int32, output: String, errors: String
    ) {
      try TestServer.psqlAs(login, database: database, "SET rota.pcn = '\(pcn)'; \(sql)")
    }

    func remove() {
      scratch.remove()
      for login in [coordinator, otherCoordinator, supervisor, amira] {
        _ = try? TestServer.psql("DROP ROLE IF EXISTS \(login)")
      }
    }
  }

  @Test("a worker reads the team's placements and events and their own leave's kind; others' leave shows as away")
  func workerReads() throws {
    let team = try Team()
    defer { team.remove() }
    let overrides = try team.psql(team.amira, "SELECT count(*) FROM rota.override")
    #expect(overrides.status == 0 && Int(overrides.output.trimmingCharacters(in: .whitespacesAndNewlines))! > 0)
    let events = try team.psql(team.amira, "SELECT count(*) FROM rota.event")
    #expect(events.status == 0 && Int(events.output.trimmingCharacters(in: .whitespacesAndNewlines))! > 0)
    let seen = try team.psql(
      team.amira, "SELECT worker || ':' || kind FROM rota.leave_seen WHERE first_date >= '2026-12-01' ORDER BY worker")
    #expect(seen.output.split(separator: "\n") == ["amira:training", "hodan:away"], "\(seen)")
    // The table itself shows a worker their own leave only.
    let raw = try team.psql(team.amira, "SELECT kind FROM rota.leave WHERE worker = 'hodan'")
    #expect(raw.status == 0 && raw.output.isEmpty, "\(raw)")
    let rawData = try team.psql(team.amira, "SELECT kind FROM rota_data.leave WHERE worker = 'hodan'")
    #expect(rawData.output.isEmpty, "\(rawData)")
  }

  @Test("a worker can write no table")
  func workerWritesNothing() throws {
    let team = try Team()
    defer { team.remove() }
    let attempts = [
      "UPDATE rota.override SET place = 'home'",
      "INSERT INTO rota.override (worker, date, half, place) VALUES ('amira', '2026-12-03', 'am', 'home')",
      "DELETE FROM rota.leave WHERE worker = 'amira'",
      "INSERT INTO rota.leave (worker, from_session, to_session, first_date, last_date, kind) VALUES ('amira', '2026-12-09-am', '2026-12-09-pm', '2026-12-09', '2026-12-09', 'annual')",
      "UPDATE rota.worker SET sessions = 2",
      "INSERT INTO rota.event (title, kind, date, half, venue) VALUES ('x', 'supervision', '2026-12-04', 'pm', 'online')",
      "UPDATE rota.site SET rooms = 9",
      "DELETE FROM rota.change",
      "UPDATE rota.rota SET lookback_weeks = 2",
      "INSERT INTO rota.member (login, role, worker) VALUES ('someone', 'coordinator', NULL)",
      "UPDATE rota_data.worker SET sessions = 2",
      "DELETE FROM rota_data.override",
    ]
    for sql in attempts {
      let result = try team.psql(team.amira, sql)
      #expect(result.status != 0, "a worker ran: \(sql)")
      #expect(result.errors.contains("permission denied"), "\(sql): \(result.errors)")
    }
    // Nothing changed, as the coordinator sees it.
    let sessions = try team.psql(team.coordinator, "SELECT sessions FROM rota.worker WHERE id = 'amira'")
    #expect(sessions.output.trimmingCharacters(in: .whitespacesAndNewlines) == "10")
  }

  @Test("a supervisor adds a supervision event, and cannot move a placement or add other events")
  func supervisor() throws {
    let team = try Team()
    defer { team.remove() }
    let add = try team.psql(
      team.supervisor,
      """
      INSERT INTO rota.event (title, kind, date, half, venue)
        VALUES ('Peer supervision', 'supervision', '2026-12-04', 'pm', 'online');
      INSERT INTO rota.event_attendee (event, position, worker)
        SELECT id, 0, 'amira' FROM rota.event WHERE title = 'Peer supervision' AND date = '2026-12-04';
      """)
    #expect(add.status == 0, "\(add)")
    let move = try team.psql(
      team.supervisor,
      "INSERT INTO rota.override (worker, date, half, place) VALUES ('amira', '2026-12-03', 'am', 'home')")
    #expect(move.status != 0 && move.errors.contains("permission denied"), "\(move)")
    let update = try team.psql(team.supervisor, "UPDATE rota.override SET place = 'home'")
    #expect(update.status != 0, "\(update)")
    let other = try team.psql(
      team.supervisor,
      "INSERT INTO rota.event (title, kind, date, half, venue) VALUES ('Team day', 'team', '2026-12-04', 'pm', 'online')"
    )
    #expect(other.status != 0 && other.errors.contains("row-level security"), "\(other)")
    // Through rota too: a supervisor's move is refused by the server, and nothing is written.
    let store = try RotaStore.open(
      StoreLocation(
        try TestServer.address(database: team.database).replacingOccurrences(
          of: "://postgres@", with: "://\(team.supervisor)@")), pcn: Team.pcn)
    defer { store.close() }
    let before = try store.load()
    #expect(throws: StoreError.self) {
      try store.apply(.move(worker: "amira", date: d("2026-11-26"), half: nil, to: .home), who: "s", at: now)
    }
    #expect(try store.load() == before)
    let supervision = Event(
      title: "Group supervision", kind: .supervision, date: d("2026-12-11"), half: .am, venue: .online,
      attendees: ["amira"])
    try store.apply(.addEvent(supervision), who: "s", at: now)
    #expect(try store.load().events.contains(supervision))
  }

  @Test("a coordinator of one PCN cannot read or write another PCN's rows")
  func coordinatorsKeepToTheirPCN() throws {
    let team = try Team()
    defer { team.remove() }
    let own = try team.psql(team.coordinator, "SELECT count(*) FROM rota.worker")
    #expect(own.output.trimmingCharacters(in: .whitespacesAndNewlines) == "10", "\(own)")
    for table in ["worker", "site", "leave", "override", "event", "change", "rota"] {
      let other = try team.psql(team.coordinator, "SELECT count(*) FROM rota.\(table)", pcn: Team.otherPCN)
      #expect(other.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(table): \(other)")
      let data = try team.psql(
        team.coordinator, "SELECT count(*) FROM rota_data.\(table) WHERE pcn = '\(Team.otherPCN)'")
      #expect(data.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(table): \(data)")
    }
    let write = try team.psql(
      team.coordinator, "UPDATE rota_data.worker SET sessions = 1 WHERE pcn = '\(Team.otherPCN)' RETURNING id")
    #expect(write.output.isEmpty, "\(write)")
    let insert = try team.psql(
      team.coordinator,
      "INSERT INTO rota_data.override (pcn, worker, date, half, place) VALUES ('\(Team.otherPCN)', 'amira', '2026-12-03', 'am', 'home')"
    )
    #expect(insert.status != 0 && insert.errors.contains("row-level security"), "\(insert)")
    let theirs = try team.psql(
      team.otherCoordinator, "SELECT sessions FROM rota.worker WHERE id = 'amira'", pcn: Team.otherPCN)
    #expect(theirs.output.trimmingCharacters(in: .whitespacesAndNewlines) == "10", "\(theirs)")
  }
}
