#include "store/sqlite_schema.h"

#include <sys/statvfs.h>

#include <array>
#include <filesystem>

#include "common/lang.h"
#include "store/migration.h"

namespace banenmonitor::store::sqlite {

namespace {

// The steps of the SQLite schema (store/migration.h), with the same versions
// and meaning as the PostgreSQL store's (postgres_schema.cc).
constexpr std::array<Migration, 11> kMigrations = {{
    {1, R"SQL(
CREATE TABLE snapshots (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  os_user TEXT NOT NULL,
  program_version TEXT NOT NULL,
  content_sha256 TEXT NOT NULL UNIQUE,
  invalid_rows INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE snapshot_files (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
  name TEXT NOT NULL,
  present INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  invalid_rows INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, name)
);
CREATE TABLE persons (id INTEGER PRIMARY KEY, pseudonym TEXT NOT NULL UNIQUE);
CREATE TABLE employers (
  snapshot_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, line INTEGER NOT NULL,
  employer_id TEXT NOT NULL, name TEXT NOT NULL, sector INTEGER NOT NULL, subsector TEXT NOT NULL,
  organisation TEXT NOT NULL, lender INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, ordinal)) WITHOUT ROWID;
CREATE TABLE register_rows (
  snapshot_id INTEGER NOT NULL, line INTEGER NOT NULL, person INTEGER NOT NULL, ground INTEGER NOT NULL,
  start_day INTEGER NOT NULL, end_day INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, line)) WITHOUT ROWID;
CREATE TABLE targets (
  snapshot_id INTEGER NOT NULL, line INTEGER NOT NULL, year INTEGER NOT NULL, scope TEXT NOT NULL,
  baseline_jobs REAL NOT NULL, target_extra_jobs REAL,
  PRIMARY KEY (snapshot_id, line)) WITHOUT ROWID;
CREATE TABLE payroll (
  snapshot_id INTEGER NOT NULL, line INTEGER NOT NULL, person INTEGER NOT NULL, employer INTEGER NOT NULL,
  month INTEGER NOT NULL, hours INTEGER NOT NULL, contract INTEGER NOT NULL, wsw INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, line)) WITHOUT ROWID;
CREATE TABLE hire_in (
  snapshot_id INTEGER NOT NULL, line INTEGER NOT NULL, person INTEGER NOT NULL, lender INTEGER NOT NULL,
  hirer INTEGER NOT NULL, month INTEGER NOT NULL, hours INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, line)) WITHOUT ROWID;
CREATE TABLE quarantine (
  snapshot_id INTEGER NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, kind TEXT NOT NULL,
  reason TEXT NOT NULL, row_text TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, file, line)) WITHOUT ROWID;
)SQL"},
    {2, R"SQL(
ALTER TABLE snapshots ADD COLUMN quality_json TEXT NOT NULL DEFAULT '{}';
)SQL"},
    {3, R"SQL(
ALTER TABLE payroll ADD COLUMN wage_cents INTEGER;
CREATE TABLE employer_hours (
  snapshot_id INTEGER NOT NULL, line INTEGER NOT NULL, employer INTEGER NOT NULL, month INTEGER NOT NULL,
  hours INTEGER NOT NULL, agency_staff_hours INTEGER NOT NULL, wsw_hours INTEGER NOT NULL, wage_cents INTEGER,
  PRIMARY KEY (snapshot_id, line)) WITHOUT ROWID;
CREATE TABLE sroi (
  snapshot_id INTEGER NOT NULL, line INTEGER NOT NULL, person INTEGER NOT NULL, contractor INTEGER NOT NULL,
  buyer INTEGER NOT NULL, month INTEGER NOT NULL, hours INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, line)) WITHOUT ROWID;
)SQL"},
    {4, R"SQL(
CREATE TABLE users (
  name TEXT PRIMARY KEY, role TEXT NOT NULL, scope TEXT NOT NULL, password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE sessions (
  token_sha256 TEXT PRIMARY KEY, user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, address TEXT NOT NULL);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, user_name TEXT NOT NULL, action TEXT NOT NULL,
  detail TEXT NOT NULL, address TEXT NOT NULL);
)SQL"},
    {5, R"SQL(
CREATE TABLE key_generations (
  generation INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, created_at TEXT NOT NULL);
)SQL"},
    {6, R"SQL(
CREATE TABLE login_failures (key TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX login_failures_by_key ON login_failures(key, at);
CREATE INDEX login_failures_by_time ON login_failures(at);
)SQL"},
    {7, R"SQL(
CREATE TABLE sector_texts (
  id INTEGER PRIMARY KEY, scope TEXT NOT NULL, year INTEGER NOT NULL, version INTEGER NOT NULL,
  status TEXT NOT NULL, markdown TEXT NOT NULL, author TEXT NOT NULL, at TEXT NOT NULL,
  UNIQUE (scope, year, version));
)SQL"},
    {8, R"SQL(
ALTER TABLE employers ADD COLUMN region TEXT NOT NULL DEFAULT '';
ALTER TABLE register_rows ADD COLUMN region TEXT NOT NULL DEFAULT '';
)SQL"},
    {9, R"SQL(
ALTER TABLE snapshots ADD COLUMN synthetic INTEGER NOT NULL DEFAULT 0;
ALTER TABLE snapshots ADD COLUMN description TEXT NOT NULL DEFAULT '';
)SQL"},
    // Schema 10: a snapshot's payroll, hire-in and employer-hours rows are its rows file (rows_file.h);
    // this table records the file of each snapshot imported from then on. Older snapshots keep their tables.
    {10, R"SQL(
CREATE TABLE snapshot_rows (
  snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots(id), file TEXT NOT NULL, sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL, payroll_rows INTEGER NOT NULL, hire_in_rows INTEGER NOT NULL,
  employer_hours_rows INTEGER NOT NULL);
)SQL"},
    // The register and social-return rows in the rows file (format 2); NULL:
    // in register_rows and sroi (a snapshot imported before schema 11).
    {11, R"SQL(
ALTER TABLE snapshot_rows ADD COLUMN register_rows INTEGER;
ALTER TABLE snapshot_rows ADD COLUMN sroi_rows INTEGER;
)SQL"},
}};

}  // namespace

Result<std::unique_ptr<SQLite::Database>> OpenDatabase(const std::string& path) {
  try {
    auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX);
    db->setBusyTimeout(kBusyTimeoutMs);
    db->exec("PRAGMA journal_mode=WAL");
    db->exec("PRAGMA synchronous=FULL");
    db->exec("PRAGMA foreign_keys=ON");
    // Up to 128 MiB of pages per connection (SQLite's default is 2 MiB), taken only as pages are
    // read. An import inserts its persons in the order of the register, so each new pseudonym
    // lands on a random page of the persons index (76 MB for 486 k persons): with 2 MiB nearly
    // every insert read a page back from the file and spilled dirty ones to the WAL. The
    // 400 k-person import of bench/README.md went from 20.2 s to 15.7 s with this setting.
    db->exec("PRAGMA cache_size=-131072");
    return db;
  } catch (const std::exception& e) {
    // SQLite says "unable to open database file" where the reason is often a
    // read-only file system (a WAL database needs its -shm and -wal files).
    std::string dir = std::filesystem::path(path).parent_path().string();
    struct statvfs fs {};
    bool read_only = ::statvfs(dir.empty() ? "." : dir.c_str(), &fs) == 0 && (fs.f_flag & ST_RDONLY) != 0;
    return Fail(Status::IoError(
        Say("{}: kan de database van de werkruimte niet openen: {}{}", "{}: cannot open the workspace database: {}{}",
            path, e.what(),
            std::string(read_only ? Pick(" (de werkruimte staat op een alleen-lezen bestandssysteem)",
                                         " (the workspace is on a read-only file system)")
                                  : ""))));
  }
}

Status Migrate(SQLite::Database& db, int version) {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  const int current = SchemaVersion(db);
  if (Status s = CheckSchemaNotNewer(current); !s.ok()) return s;
  for (const Migration& m : kMigrations) {
    if (m.version <= current || m.version > version) continue;
    SQLite::Transaction tx(db);
    db.exec(m.sql);
    SQLite::Statement mark(db, "INSERT INTO schema_migrations(version, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
    mark.bind(1, m.version);
    mark.exec();
    tx.commit();
  }
  return Status::Ok();
}

int SchemaVersion(SQLite::Database& db) {
  SQLite::Statement q(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  q.executeStep();
  return q.getColumn(0).getInt();
}

Status SqliteError(const std::exception& e, std::string_view what) {
  return Status::IoError(Say("werkruimte-opslag (SQLite): {}: {}", "workspace store (SQLite): {}: {}", what, e.what()));
}

}  // namespace banenmonitor::store::sqlite
