import GRDB

/// The database schema, as versioned migrations. A database made by an older
/// rota is brought up to date when opened for writing; one made by a newer rota
/// is refused rather than misread.
enum Schema {
  /// Every migration this version knows, oldest first.
  static var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    m.registerMigration("v1-rota") { db in
      try db.execute(
        sql: """
          CREATE TABLE rota (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            pcn TEXT NOT NULL,
            anchor_week TEXT,
            max_solitary_days INTEGER NOT NULL,
            max_solitary_streak INTEGER NOT NULL,
            lookback_weeks INTEGER NOT NULL,
            supervision_weeks INTEGER NOT NULL,
            max_sole_sites INTEGER NOT NULL,
            bank_holidays TEXT NOT NULL
          );
          CREATE TABLE site (
            code TEXT PRIMARY KEY,
            position INTEGER NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            rooms INTEGER NOT NULL,
            open TEXT NOT NULL,
            open_bank_holidays INTEGER NOT NULL,
            cover TEXT NOT NULL
          ) WITHOUT ROWID;
          CREATE TABLE site_closure (
            site TEXT NOT NULL REFERENCES site(code) ON DELETE CASCADE,
            date TEXT NOT NULL,
            half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
            PRIMARY KEY (site, date, half)
          ) WITHOUT ROWID;
          CREATE INDEX site_closure_by_date ON site_closure(date);
          CREATE TABLE worker (
            id TEXT PRIMARY KEY,
            position INTEGER NOT NULL UNIQUE,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            sessions INTEGER NOT NULL,
            pattern TEXT NOT NULL
          ) WITHOUT ROWID;
          CREATE TABLE leave (
            id INTEGER PRIMARY KEY,
            worker TEXT NOT NULL REFERENCES worker(id) ON DELETE CASCADE,
            from_session TEXT NOT NULL,
            to_session TEXT NOT NULL,
            first_date TEXT NOT NULL,
            last_date TEXT NOT NULL,
            kind TEXT NOT NULL
          );
          CREATE INDEX leave_by_dates ON leave(last_date, first_date);
          CREATE INDEX leave_by_worker ON leave(worker);
          CREATE TABLE override (
            worker TEXT NOT NULL REFERENCES worker(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
            place TEXT NOT NULL,
            PRIMARY KEY (worker, date, half)
          ) WITHOUT ROWID;
          CREATE INDEX override_by_date ON override(date);
          CREATE TABLE event (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            kind TEXT NOT NULL,
            date TEXT NOT NULL,
            half TEXT CHECK (half IN ('am', 'pm')),
            venue TEXT NOT NULL
          );
          CREATE INDEX event_by_date ON event(date);
          CREATE INDEX event_by_kind ON event(kind, date);
          CREATE TABLE event_attendee (
            event INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            worker TEXT NOT NULL REFERENCES worker(id) ON DELETE CASCADE,
            PRIMARY KEY (event, position)
          ) WITHOUT ROWID;
          CREATE INDEX event_attendee_by_worker ON event_attendee(worker);
          CREATE TABLE change (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('edit', 'undo', 'redo', 'import')),
            summary TEXT NOT NULL,
            first_date TEXT,
            last_date TEXT,
            open_ended INTEGER NOT NULL DEFAULT 0,
            plan TEXT,
            undoes INTEGER REFERENCES change(id),
            undone_by INTEGER REFERENCES change(id)
          );
          CREATE INDEX change_by_who ON change(who, id);
          CREATE TABLE change_worker (
            worker TEXT NOT NULL,
            change INTEGER NOT NULL REFERENCES change(id) ON DELETE CASCADE,
            PRIMARY KEY (worker, change)
          ) WITHOUT ROWID;
          """)
    }
    m.registerMigration("v2-last-opened") { db in
      // When each worker last opened their own week, so it can say what changed since.
      try db.execute(
        sql: """
          CREATE TABLE worker_seen (
            worker TEXT PRIMARY KEY REFERENCES worker(id) ON DELETE CASCADE,
            last_opened TEXT NOT NULL
          ) WITHOUT ROWID;
          """)
    }
    m.registerMigration("v3-team") { db in
      // Version 1.1 of the rota: posts, usual weeks that change from a date,
      // sites in use between dates, event leads; and the sites each change
      // touched, for the log. Existing rows get no dates: in post and in use always.
      try db.execute(
        sql: """
          ALTER TABLE worker ADD COLUMN start_date TEXT;
          ALTER TABLE worker ADD COLUMN end_date TEXT;
          CREATE TABLE worker_pattern_change (
            worker TEXT NOT NULL REFERENCES worker(id) ON DELETE CASCADE,
            from_date TEXT NOT NULL,
            pattern TEXT NOT NULL,
            PRIMARY KEY (worker, from_date)
          ) WITHOUT ROWID;
          ALTER TABLE site ADD COLUMN start_date TEXT;
          ALTER TABLE site ADD COLUMN end_date TEXT;
          ALTER TABLE event ADD COLUMN lead TEXT;
          CREATE TABLE change_site (
            site TEXT NOT NULL,
            change INTEGER NOT NULL REFERENCES change(id) ON DELETE CASCADE,
            PRIMARY KEY (site, change)
          ) WITHOUT ROWID;
          """)
    }
    m.registerMigration("v4-seen-change") { db in
      // The change-log entry each worker had seen when they last looked: what
      // changed since is what came after it, whatever the clocks said.
      try db.execute(sql: "ALTER TABLE worker_seen ADD COLUMN last_change INTEGER")
    }
    m.registerMigration("v5-shared") { db in
      // What a PostgreSQL rota, shared by people in different roles, needs;
      // SQLite keeps the same schema so that the store's SQL is the same for
      // both. `leave_of`: whose leave a change booked or cancelled (a worker may
      // read only their own). `leave_seen`: leave as the reader may see it; in
      // SQLite, which has no roles, all of it.
      try db.execute(
        sql: """
          ALTER TABLE change ADD COLUMN leave_of TEXT;
          CREATE VIEW leave_seen AS SELECT * FROM leave;
          """)
    }
    return m
  }

  /// The identifiers of the migrations this version knows.
  static var known: [String] { migrator.migrations }

  /// The tables every rota database has, whatever its version.
  static let coreTables: Set<String> = ["rota", "site", "worker", "override", "leave", "event", "change"]
}
