// The embedded store: one SQLite database file per workspace (SQLiteCpp).
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/statvfs.h>

#include <filesystem>

#include <array>
#include <unordered_map>

#include "banenmonitor/regions.h"
#include "common/lang.h"
#include "store/sqlite_accounts.h"
#include "store/store.h"

namespace banenmonitor::store {

namespace {

// Versioned migrations. Never edit one that has shipped: add the next.
struct Migration {
  int version;
  const char* sql;
};
constexpr std::array<Migration, 8> kMigrations = {{
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
}};

Status FromException(const std::exception& e, std::string_view what) { return SqliteError(e, what); }

class SqliteStore final : public Store {
 public:
  static constexpr int kBusyTimeoutMs = 10'000;
  static constexpr int kImportWaitMs = 30 * 60'000;
  explicit SqliteStore(const std::string& path)
      : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX) {
    db_.setBusyTimeout(kBusyTimeoutMs);
    db_.exec("PRAGMA journal_mode=WAL");
    db_.exec("PRAGMA synchronous=FULL");
    db_.exec("PRAGMA foreign_keys=ON");
  }

  Status Migrate(int version) override {
    try {
      db_.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
      auto current = SchemaVersion();
      if (!current) return current.error();
      if (*current > kSchemaVersion) {
        return Status::InvalidInput(Say(
            "de werkruimte heeft schemaversie {}, nieuwer dan dit programma kent ({}): gebruik een nieuwere banenmonitor",
            "the workspace has schema version {}, newer than this program knows ({}): use a newer banenmonitor",
            *current, kSchemaVersion));
      }
      for (const Migration& m : kMigrations) {
        if (m.version <= *current || m.version > version) continue;
        SQLite::Transaction tx(db_);
        db_.exec(m.sql);
        SQLite::Statement mark(db_, "INSERT INTO schema_migrations(version, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
        mark.bind(1, m.version);
        mark.exec();
        tx.commit();
      }
      return Status::Ok();
    } catch (const std::exception& e) {
      return FromException(e, Pick("het schema bijwerken", "migrating the schema"));
    }
  }

  Result<int> SchemaVersion() override {
    try {
      SQLite::Statement q(db_, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
      q.executeStep();
      return q.getColumn(0).getInt();
    } catch (const std::exception& e) {
      return Fail(FromException(e, Pick("de schemaversie lezen", "reading the schema version")));
    }
  }

  Status Begin() override {
    try {
      auto version = SchemaVersion();
      schema_at_begin_ = version ? *version : kSchemaVersion;
      // One import at a time: wait for another import (minutes for a large
      // delivery), not only the 10 s that other statements wait.
      db_.setBusyTimeout(kImportWaitMs);
      try {
        db_.exec("BEGIN IMMEDIATE");
      } catch (...) {
        db_.setBusyTimeout(kBusyTimeoutMs);
        throw;
      }
      db_.setBusyTimeout(kBusyTimeoutMs);
      in_tx_ = true;
      tx_failed_ = false;
      PrepareInserts();
      return Status::Ok();
    } catch (const std::exception& e) {
      return FromException(e, Pick("de import beginnen", "starting the import"));
    }
  }

  Status Commit() override {
    if (Status s = TxGuard(Pick("de import vastleggen", "committing the import")); !s.ok()) {
      Rollback();
      return s;
    }
    try {
      db_.exec("COMMIT");
      in_tx_ = false;
      return Status::Ok();
    } catch (const std::exception& e) {
      return FromException(e, Pick("de import vastleggen", "committing the import"));
    }
  }

  void Rollback() override {
    if (!in_tx_) return;
    try {
      db_.exec("ROLLBACK");
    } catch (const std::exception&) {
      // The transaction is gone either way; SQLite rolls back on close too.
    }
    in_tx_ = false;
    tx_failed_ = false;
    person_cache_.clear();
  }

  Result<std::int64_t> InsertSnapshot(const SnapshotRecord& s) override {
    if (Status g = TxGuard(Pick("de snapshot vastleggen", "recording the snapshot")); !g.ok()) return Fail(g);
    try {
      SQLite::Statement q(db_,
                          "INSERT INTO snapshots(label, imported_at, os_user, program_version, content_sha256, "
                          "invalid_rows, quality_json) VALUES (?, ?, ?, ?, ?, ?, ?)");
      q.bind(1, s.label);
      q.bind(2, s.imported_at);
      q.bind(3, s.os_user);
      q.bind(4, s.program_version);
      q.bind(5, s.content_sha256);
      q.bind(6, static_cast<std::int64_t>(s.invalid_rows));
      q.bind(7, s.quality_json);
      q.exec();
      return db_.getLastInsertRowid();
    } catch (const std::exception& e) {
      tx_failed_ = in_tx_;
      return Fail(FromException(e, Pick("de snapshot vastleggen", "recording the snapshot")));
    }
  }

  Status FinishSnapshot(const SnapshotRecord& s) override {
    if (Status g = TxGuard(Pick("de bestanden van de snapshot vastleggen", "recording the snapshot's files")); !g.ok()) return g;
    try {
      SQLite::Statement u(db_, "UPDATE snapshots SET invalid_rows = ?, quality_json = ? WHERE id = ?");
      u.bind(1, static_cast<std::int64_t>(s.invalid_rows));
      u.bind(2, s.quality_json);
      u.bind(3, static_cast<std::int64_t>(s.id));
      u.exec();
      SQLite::Statement f(db_,
                          "INSERT INTO snapshot_files(snapshot_id, name, present, sha256, bytes, rows, invalid_rows) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)");
      for (const auto& file : s.files) {
        f.bind(1, static_cast<std::int64_t>(s.id));
        f.bind(2, file.name);
        f.bind(3, file.present ? 1 : 0);
        f.bind(4, file.sha256);
        f.bind(5, static_cast<std::int64_t>(file.bytes));
        f.bind(6, static_cast<std::int64_t>(file.rows));
        f.bind(7, static_cast<std::int64_t>(file.invalid_rows));
        f.exec();
        f.reset();
      }
      return Status::Ok();
    } catch (const std::exception& e) {
      tx_failed_ = in_tx_;
      return FromException(e, Pick("de bestanden van de snapshot vastleggen", "recording the snapshot's files"));
    }
  }

  Status InsertEmployer(std::int64_t snapshot, std::int64_t ordinal, std::int64_t line, const Employer& e) override {
    return Run(Pick("een werkgever opslaan", "storing an employer"), [&] {
      // Before schema 8 the employers have no region (counting.md §8).
      auto& q = schema_at_begin_ >= 8
                    ? Prepared(insert_employer_, "INSERT INTO employers(snapshot_id, ordinal, line, employer_id, name, sector, subsector, organisation, lender, region) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    : Prepared(insert_employer_, "INSERT INTO employers(snapshot_id, ordinal, line, employer_id, name, sector, subsector, organisation, lender) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      q.bind(1, snapshot);
      q.bind(2, ordinal);
      q.bind(3, line);
      q.bind(4, e.id);
      q.bind(5, e.name);
      q.bind(6, static_cast<int>(e.sector));
      q.bind(7, e.subsector);
      q.bind(8, e.organisation);
      q.bind(9, static_cast<int>(e.lender));
      if (schema_at_begin_ >= 8) q.bind(10, e.region);
      Step(q);
    });
  }

  Status InsertRegister(std::int64_t snapshot, const data::RegisterRow& r) override {
    return Run(Pick("een registerregel opslaan", "storing a register row"), [&] {
      auto& q = schema_at_begin_ >= 8
                    ? Prepared(insert_register_, "INSERT INTO register_rows(snapshot_id, line, person, ground, start_day, end_day, region) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    : Prepared(insert_register_, "INSERT INTO register_rows(snapshot_id, line, person, ground, start_day, end_day) VALUES (?, ?, ?, ?, ?, ?)");
      q.bind(1, snapshot);
      q.bind(2, r.line);
      q.bind(3, Person(r.person_id));
      q.bind(4, static_cast<int>(r.ground));
      q.bind(5, r.start_day);
      q.bind(6, r.end_day);
      if (schema_at_begin_ >= 8) q.bind(7, std::string(RegionTable::Embedded().NameOf(r.region)));
      Step(q);
    });
  }

  Status InsertTarget(std::int64_t snapshot, std::int64_t line, const Target& t) override {
    return Run(Pick("een doelstelling opslaan", "storing a target"), [&] {
      auto& q = Prepared(insert_target_, "INSERT INTO targets(snapshot_id, line, year, scope, baseline_jobs, target_extra_jobs) VALUES (?, ?, ?, ?, ?, ?)");
      q.bind(1, snapshot);
      q.bind(2, line);
      q.bind(3, t.year);
      q.bind(4, t.scope);
      q.bind(5, t.baseline_jobs);
      if (t.target_extra_jobs) q.bind(6, *t.target_extra_jobs); else q.bind(6);
      Step(q);
    });
  }

  Status InsertPayroll(std::int64_t snapshot, const data::PayrollRow& r) override {
    return Run(Pick("een loonregel opslaan", "storing a payroll row"), [&] {
      // Before schema 3 the payroll table has no wage column.
      auto& q = schema_at_begin_ >= 3
                    ? Prepared(insert_payroll_, "INSERT INTO payroll(snapshot_id, line, person, employer, month, hours, contract, wsw, wage_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    : Prepared(insert_payroll_, "INSERT INTO payroll(snapshot_id, line, person, employer, month, hours, contract, wsw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      q.bind(1, snapshot);
      q.bind(2, r.line);
      q.bind(3, Person(r.person_id));
      q.bind(4, static_cast<std::int64_t>(r.employer));
      q.bind(5, r.month);
      q.bind(6, r.hours);
      q.bind(7, static_cast<int>(r.contract));
      q.bind(8, r.wsw ? 1 : 0);
      if (schema_at_begin_ >= 3) {
        if (r.wage_cents) q.bind(9, *r.wage_cents); else q.bind(9);
      }
      Step(q);
    });
  }

  Status InsertHireIn(std::int64_t snapshot, const data::HireInRow& r) override {
    return Run(Pick("een inleenregel opslaan", "storing a hire-in row"), [&] {
      auto& q = Prepared(insert_hire_, "INSERT INTO hire_in(snapshot_id, line, person, lender, hirer, month, hours) VALUES (?, ?, ?, ?, ?, ?, ?)");
      q.bind(1, snapshot);
      q.bind(2, r.line);
      q.bind(3, Person(r.person_id));
      q.bind(4, static_cast<std::int64_t>(r.lender));
      q.bind(5, static_cast<std::int64_t>(r.hirer));
      q.bind(6, r.month);
      q.bind(7, r.hours);
      Step(q);
    });
  }

  Status InsertQuarantine(std::int64_t snapshot, const QuarantineRecord& r) override {
    return Run(Pick("een regel in quarantaine opslaan", "storing a quarantined row"), [&] {
      auto& q = Prepared(insert_quarantine_, "INSERT INTO quarantine(snapshot_id, file, line, kind, reason, row_text) VALUES (?, ?, ?, ?, ?, ?)");
      q.bind(1, snapshot);
      q.bind(2, r.file);
      q.bind(3, r.line);
      q.bind(4, r.kind);
      q.bind(5, r.reason);
      q.bind(6, r.row);
      Step(q);
    });
  }

  Status InsertEmployerHours(std::int64_t snapshot, const data::EmployerHoursRow& r) override {
    return Run(Pick("een regel werkgeversuren opslaan", "storing an employer-hours row"), [&] {
      auto& q = Prepared(insert_employer_hours_, "INSERT INTO employer_hours(snapshot_id, line, employer, month, hours, agency_staff_hours, wsw_hours, wage_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      q.bind(1, snapshot);
      q.bind(2, r.line);
      q.bind(3, static_cast<std::int64_t>(r.employer));
      q.bind(4, r.month);
      q.bind(5, r.hours);
      q.bind(6, r.agency_staff_hours);
      q.bind(7, r.wsw_hours);
      if (r.wage_cents) q.bind(8, *r.wage_cents); else q.bind(8);
      Step(q);
    });
  }

  Status InsertSroi(std::int64_t snapshot, const data::SroiRow& r) override {
    return Run(Pick("een regel social return opslaan", "storing a social-return row"), [&] {
      auto& q = Prepared(insert_sroi_, "INSERT INTO sroi(snapshot_id, line, person, contractor, buyer, month, hours) VALUES (?, ?, ?, ?, ?, ?, ?)");
      q.bind(1, snapshot);
      q.bind(2, r.line);
      q.bind(3, Person(r.person_id));
      q.bind(4, static_cast<std::int64_t>(r.contractor));
      q.bind(5, static_cast<std::int64_t>(r.buyer));
      q.bind(6, r.month);
      q.bind(7, r.hours);
      Step(q);
    });
  }

  Result<std::vector<SnapshotRecord>> ListSnapshots() override {
    try {
      std::vector<SnapshotRecord> out;
      SQLite::Statement q(db_,
                          "SELECT id, label, imported_at, os_user, program_version, content_sha256, invalid_rows, "
                          "quality_json FROM snapshots ORDER BY id");
      while (q.executeStep()) {
        SnapshotRecord s;
        s.id = q.getColumn(0).getInt64();
        s.label = q.getColumn(1).getString();
        s.imported_at = q.getColumn(2).getString();
        s.os_user = q.getColumn(3).getString();
        s.program_version = q.getColumn(4).getString();
        s.content_sha256 = q.getColumn(5).getString();
        s.invalid_rows = q.getColumn(6).getInt64();
        s.quality_json = q.getColumn(7).getString();
        out.push_back(std::move(s));
      }
      SQLite::Statement f(db_,
                          "SELECT name, present, sha256, bytes, rows, invalid_rows FROM snapshot_files WHERE "
                          "snapshot_id = ? ORDER BY CASE name WHEN 'employers.csv' THEN 1 WHEN 'register.csv' THEN 2 "
                          "WHEN 'payroll.csv' THEN 3 WHEN 'hire_in.csv' THEN 4 WHEN 'targets.csv' THEN 5 ELSE 6 END, name");
      for (auto& s : out) {
        f.bind(1, static_cast<std::int64_t>(s.id));
        while (f.executeStep()) {
          FileInfo fi;
          fi.name = f.getColumn(0).getString();
          fi.present = f.getColumn(1).getInt() != 0;
          fi.sha256 = f.getColumn(2).getString();
          fi.bytes = static_cast<std::uint64_t>(f.getColumn(3).getInt64());
          fi.rows = f.getColumn(4).getInt64();
          fi.invalid_rows = f.getColumn(5).getInt64();
          s.files.push_back(std::move(fi));
        }
        f.reset();
      }
      return out;
    } catch (const std::exception& e) {
      return Fail(FromException(e, Pick("de snapshots opsommen", "listing snapshots")));
    }
  }

  Result<std::optional<std::int64_t>> FindByContent(const std::string& sha) override {
    try {
      SQLite::Statement q(db_, "SELECT id FROM snapshots WHERE content_sha256 = ?");
      q.bind(1, sha);
      if (q.executeStep()) return std::optional<std::int64_t>(q.getColumn(0).getInt64());
      return std::optional<std::int64_t>();
    } catch (const std::exception& e) {
      return Fail(FromException(e, Pick("een snapshot opzoeken", "looking up a snapshot")));
    }
  }

  Status ReadSnapshot(std::int64_t snapshot, data::RowSink& sink) override {
    try {
      // The person dictionary of this snapshot, by id.
      std::unordered_map<std::int64_t, std::string> persons;
      SQLite::Statement p(db_,
                          "SELECT id, pseudonym FROM persons WHERE id IN (SELECT person FROM register_rows WHERE "
                          "snapshot_id = ?1 UNION SELECT person FROM payroll WHERE snapshot_id = ?1 UNION SELECT "
                          "person FROM hire_in WHERE snapshot_id = ?1 UNION SELECT person FROM sroi WHERE "
                          "snapshot_id = ?1)");
      p.bind(1, snapshot);
      while (p.executeStep()) persons.emplace(p.getColumn(0).getInt64(), p.getColumn(1).getString());
      auto person = [&](std::int64_t id) -> std::string_view { return persons.at(id); };

      SQLite::Statement e(db_,
                          "SELECT line, employer_id, name, sector, subsector, organisation, lender, region FROM employers "
                          "WHERE snapshot_id = ? ORDER BY ordinal");
      e.bind(1, snapshot);
      while (e.executeStep()) {
        Employer em;
        em.id = e.getColumn(1).getString();
        em.name = e.getColumn(2).getString();
        em.sector = static_cast<Sector>(e.getColumn(3).getInt());
        em.subsector = e.getColumn(4).getString();
        em.organisation = e.getColumn(5).getString();
        em.lender = static_cast<LenderKind>(e.getColumn(6).getInt());
        em.region = e.getColumn(7).getString();
        sink.OnEmployer(em, e.getColumn(0).getInt64());
      }
      SQLite::Statement r(db_,
                          "SELECT line, person, ground, start_day, end_day, region FROM register_rows WHERE snapshot_id = ? "
                          "ORDER BY line");
      r.bind(1, snapshot);
      while (r.executeStep()) {
        sink.OnRegister({person(r.getColumn(1).getInt64()), static_cast<Ground>(r.getColumn(2).getInt()),
                         r.getColumn(3).getInt(), r.getColumn(4).getInt(), r.getColumn(0).getInt64(),
                         RegionTable::Embedded().IndexOf(r.getColumn(5).getString())});
      }
      SQLite::Statement t(db_,
                          "SELECT line, year, scope, baseline_jobs, target_extra_jobs FROM targets WHERE "
                          "snapshot_id = ? ORDER BY line");
      t.bind(1, snapshot);
      while (t.executeStep()) {
        Target tg;
        tg.year = t.getColumn(1).getInt();
        tg.scope = t.getColumn(2).getString();
        tg.baseline_jobs = t.getColumn(3).getDouble();
        if (!t.getColumn(4).isNull()) tg.target_extra_jobs = t.getColumn(4).getDouble();
        sink.OnTarget(tg, t.getColumn(0).getInt64());
      }
      SQLite::Statement pr(db_,
                           "SELECT line, person, employer, month, hours, contract, wsw, wage_cents FROM payroll WHERE "
                           "snapshot_id = ? ORDER BY line");
      pr.bind(1, snapshot);
      while (pr.executeStep()) {
        std::optional<std::int64_t> wage;
        if (!pr.getColumn(7).isNull()) wage = pr.getColumn(7).getInt64();
        sink.OnPayroll({person(pr.getColumn(1).getInt64()), static_cast<EmployerIndex>(pr.getColumn(2).getInt64()),
                        pr.getColumn(3).getInt(), pr.getColumn(4).getInt64(),
                        static_cast<data::Contract>(pr.getColumn(5).getInt()), pr.getColumn(6).getInt() != 0,
                        pr.getColumn(0).getInt64(), wage});
      }
      SQLite::Statement h(db_,
                          "SELECT line, person, lender, hirer, month, hours FROM hire_in WHERE snapshot_id = ? "
                          "ORDER BY line");
      h.bind(1, snapshot);
      while (h.executeStep()) {
        sink.OnHireIn({person(h.getColumn(1).getInt64()), static_cast<EmployerIndex>(h.getColumn(2).getInt64()),
                       static_cast<EmployerIndex>(h.getColumn(3).getInt64()), h.getColumn(4).getInt(),
                       h.getColumn(5).getInt64(), h.getColumn(0).getInt64()});
      }
      SQLite::Statement eh(db_,
                           "SELECT line, employer, month, hours, agency_staff_hours, wsw_hours, wage_cents FROM "
                           "employer_hours WHERE snapshot_id = ? ORDER BY line");
      eh.bind(1, snapshot);
      while (eh.executeStep()) {
        std::optional<std::int64_t> wage;
        if (!eh.getColumn(6).isNull()) wage = eh.getColumn(6).getInt64();
        sink.OnEmployerHours({static_cast<EmployerIndex>(eh.getColumn(1).getInt64()), eh.getColumn(2).getInt(),
                              eh.getColumn(3).getInt64(), eh.getColumn(4).getInt64(), eh.getColumn(5).getInt64(), wage,
                              eh.getColumn(0).getInt64()});
      }
      SQLite::Statement so(db_,
                           "SELECT line, person, contractor, buyer, month, hours FROM sroi WHERE snapshot_id = ? "
                           "ORDER BY line");
      so.bind(1, snapshot);
      while (so.executeStep()) {
        sink.OnSroi({person(so.getColumn(1).getInt64()), static_cast<EmployerIndex>(so.getColumn(2).getInt64()),
                     static_cast<EmployerIndex>(so.getColumn(3).getInt64()), so.getColumn(4).getInt(),
                     so.getColumn(5).getInt64(), so.getColumn(0).getInt64()});
      }
      return Status::Ok();
    } catch (const std::exception& e) {
      return FromException(e, Pick("een snapshot lezen", "reading a snapshot"));
    }
  }

  // --- the dashboard's tables (sqlite_accounts.cc) -------------------------
  Status AddUser(const UserRecord& u) override { return accounts_.AddUser(u); }
  Result<std::vector<UserRecord>> ListUsers() override { return accounts_.ListUsers(); }
  Result<std::optional<UserRecord>> FindUser(const std::string& name) override { return accounts_.FindUser(name); }
  Result<bool> RemoveUser(const std::string& name) override { return accounts_.RemoveUser(name); }
  Status InsertSession(const SessionRecord& r) override { return accounts_.InsertSession(r); }
  Result<std::optional<SessionRecord>> FindSession(const std::string& token) override {
    return accounts_.FindSession(token);
  }
  Status DeleteSession(const std::string& token) override { return accounts_.DeleteSession(token); }
  Status DeleteExpiredSessions(std::int64_t now) override { return accounts_.DeleteExpiredSessions(now); }
  Status AppendAudit(const AuditRecord& r) override { return accounts_.AppendAudit(r); }
  Result<std::vector<AuditRecord>> ReadAudit(std::int64_t limit) override { return accounts_.ReadAudit(limit); }
  Status RecordLoginFailure(const std::string& key, std::int64_t at, std::int64_t forget_before) override {
    return accounts_.RecordLoginFailure(key, at, forget_before);
  }
  Result<std::int64_t> CountLoginFailures(const std::string& key, std::int64_t since) override {
    return accounts_.CountLoginFailures(key, since);
  }
  Status ClearLoginFailures(const std::string& key) override { return accounts_.ClearLoginFailures(key); }
  Result<SectorTextRecord> AddSectorText(const SectorTextRecord& text) override { return accounts_.AddSectorText(text); }
  Result<std::vector<SectorTextRecord>> ReadSectorTexts(int year) override { return accounts_.ReadSectorTexts(year); }

  Result<std::vector<QuarantineRecord>> ReadQuarantine(std::int64_t snapshot) override {
    try {
      std::vector<QuarantineRecord> out;
      SQLite::Statement q(db_,
                          "SELECT file, line, kind, reason, row_text FROM quarantine WHERE snapshot_id = ? ORDER BY "
                          "file, line");
      q.bind(1, snapshot);
      while (q.executeStep()) {
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                       q.getColumn(3).getString(), q.getColumn(4).getString()});
      }
      return out;
    } catch (const std::exception& e) {
      return Fail(FromException(e, Pick("de quarantaine lezen", "reading the quarantine")));
    }
  }

  Result<std::optional<KeyRecord>> CurrentKey() override {
    try {
      SQLite::Statement q(db_,
                          "SELECT generation, fingerprint, created_at FROM key_generations ORDER BY generation DESC "
                          "LIMIT 1");
      if (!q.executeStep()) return std::optional<KeyRecord>();
      return std::optional<KeyRecord>(
          KeyRecord{q.getColumn(0).getInt(), q.getColumn(1).getString(), q.getColumn(2).getString()});
    } catch (const std::exception& e) {
      return Fail(FromException(e, Pick("de sleutelgeneratie lezen", "reading the key generation")));
    }
  }

  Status RecordKey(const KeyRecord& key) override {
    return Run(Pick("de sleutelgeneratie vastleggen", "recording the key generation"), [&] {
      SQLite::Statement q(db_, "INSERT INTO key_generations(generation, fingerprint, created_at) VALUES (?, ?, ?)");
      q.bind(1, key.generation);
      q.bind(2, key.fingerprint);
      q.bind(3, key.created_at);
      q.exec();
    });
  }

  Result<RekeyCounts> Rekey(const std::function<std::string(std::string_view)>& rewrap_person,
                            const std::function<std::string(std::string_view)>& rewrite_quarantine_row,
                            const std::optional<KeyRecord>& expected, const KeyRecord& next) override {
    if (in_tx_) return Fail(Status::Internal(std::string(
        Pick("werkruimte-opslag (SQLite): sleutelrotatie tijdens een import", "workspace store (SQLite): Rekey during an import"))));
    RekeyCounts counts;
    try {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      auto current = CurrentKey();
      if (!current) return Fail(current.error());
      if (current->has_value() != expected.has_value() ||
          (expected && (*current)->fingerprint != expected->fingerprint)) {
        return Fail(Status::InvalidInput(std::string(
            Pick("de sleutel van de werkruimte is door een ander programma gewijzigd terwijl dit liep; er is niets "
                 "gewijzigd",
                 "the workspace's key was changed by another program while this one ran; nothing was changed"))));
      }
      std::vector<std::pair<std::int64_t, std::string>> persons;
      {
        SQLite::Statement q(db_, "SELECT id, pseudonym FROM persons ORDER BY id");
        while (q.executeStep()) persons.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getString());
      }
      SQLite::Statement up(db_, "UPDATE persons SET pseudonym = ? WHERE id = ?");
      for (const auto& [id, pseudonym] : persons) {
        std::string next_pseudonym = rewrap_person(pseudonym);
        if (next_pseudonym == pseudonym) continue;
        up.bind(1, next_pseudonym);
        up.bind(2, id);
        Step(up);
        ++counts.persons;
      }
      struct Row {
        std::int64_t snapshot;
        std::string file;
        std::int64_t line;
        std::string text;
      };
      std::vector<Row> rows;
      {
        SQLite::Statement q(db_, "SELECT snapshot_id, file, line, row_text FROM quarantine");
        while (q.executeStep()) {
          rows.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt64(),
                          q.getColumn(3).getString()});
        }
      }
      SQLite::Statement uq(db_, "UPDATE quarantine SET row_text = ? WHERE snapshot_id = ? AND file = ? AND line = ?");
      for (const auto& r : rows) {
        std::string text = rewrite_quarantine_row(r.text);
        if (text == r.text) continue;
        uq.bind(1, text);
        uq.bind(2, r.snapshot);
        uq.bind(3, r.file);
        uq.bind(4, r.line);
        Step(uq);
        ++counts.quarantine_rows;
      }
      SQLite::Statement k(db_, "INSERT INTO key_generations(generation, fingerprint, created_at) VALUES (?, ?, ?)");
      k.bind(1, next.generation);
      k.bind(2, next.fingerprint);
      k.bind(3, next.created_at);
      k.exec();
      tx.commit();
    } catch (const std::exception& e) {
      return Fail(FromException(e, Pick("opnieuw pseudonimiseren (er is niets gewijzigd)", "re-pseudonymising (nothing was changed)")));
    }
    person_cache_.clear();  // the pseudonyms of the ids changed
    return counts;
  }

 private:
  // Within an import: fails once a write has failed. SQLite itself rolls the
  // whole transaction back on some errors (SQLITE_FULL, SQLITE_IOERR, ...) and
  // goes on in autocommit mode, where every later insert would be stored at
  // once, outside any snapshot: found by the full-disk test (tests/faults).
  Status TxGuard(std::string_view what) {
    if (!in_tx_) return Status::Ok();
    if (!tx_failed_ && sqlite3_get_autocommit(db_.getHandle()) == 0) return Status::Ok();
    tx_failed_ = true;
    return Status::IoError(Say(
        "werkruimte-opslag (SQLite): {}: een eerdere schrijfactie van deze import is mislukt en de transactie is "
        "teruggedraaid; er is niets opgeslagen",
        "workspace store (SQLite): {}: an earlier write of this import failed and its transaction was rolled back; "
        "nothing was stored",
        what));
  }

  template <typename F>
  Status Run(std::string_view what, F&& f) {
    if (Status s = TxGuard(what); !s.ok()) return s;
    try {
      f();
      return Status::Ok();
    } catch (const std::exception& e) {
      tx_failed_ = in_tx_;
      return FromException(e, what);
    }
  }

  static void Step(SQLite::Statement& q) {
    q.exec();
    q.reset();
  }

  // Statements are prepared on first use, so that a store still at an older
  // schema version can take the rows its schema has (tests of migrations).
  SQLite::Statement& Prepared(std::unique_ptr<SQLite::Statement>& slot, const char* sql) {
    if (!slot) slot = std::make_unique<SQLite::Statement>(db_, sql);
    return *slot;
  }
  void PrepareInserts() {
    for (auto* slot : {&insert_employer_, &insert_register_, &insert_target_, &insert_payroll_, &insert_hire_,
                       &insert_quarantine_, &find_person_, &insert_person_, &insert_employer_hours_, &insert_sroi_}) {
      slot->reset();
    }
  }

  // The id of a pseudonym in the persons dictionary, adding it when new.
  std::int64_t Person(std::string_view pseudonym) {
    auto it = person_cache_.find(std::string(pseudonym));
    if (it != person_cache_.end()) return it->second;
    std::string key(pseudonym);
    auto& find = Prepared(find_person_, "SELECT id FROM persons WHERE pseudonym = ?");
    auto& insert = Prepared(insert_person_, "INSERT INTO persons(pseudonym) VALUES (?)");
    find.bind(1, key);
    std::int64_t id;
    if (find.executeStep()) {
      id = find.getColumn(0).getInt64();
    } else {
      insert.bind(1, key);
      insert.exec();
      insert.reset();
      id = db_.getLastInsertRowid();
    }
    find.reset();
    person_cache_.emplace(std::move(key), id);
    return id;
  }

  SQLite::Database db_;
  bool in_tx_ = false;
  bool tx_failed_ = false;  // a write of the open import failed: it can only roll back
  int schema_at_begin_ = kSchemaVersion;
  std::unique_ptr<SQLite::Statement> insert_employer_, insert_register_, insert_target_, insert_payroll_,
      insert_hire_, insert_quarantine_, find_person_, insert_person_, insert_employer_hours_, insert_sroi_;
  std::unordered_map<std::string, std::int64_t> person_cache_;
  SqliteAccounts accounts_{db_};
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  try {
    auto store = std::make_unique<SqliteStore>(path);
    return std::unique_ptr<Store>(std::move(store));
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

}  // namespace banenmonitor::store
