// The team store: one PostgreSQL schema per workspace (libpqxx 6.4).
//
// Same meaning as the SQLite store (sqlite_store.cc): the same tables and
// migrations (postgres_schema.cc), the same order of rows on reading
// (postgres_read.cc). Differences, and why:
// - Every table lives in the workspace's own schema; statements name it
//   ("schema".table). The schema name is the only text spliced into SQL: it is
//   checked to be [a-z_][a-z0-9_]* and quoted. Values are always bound.
// - Bulk rows (register, payroll, hire-in, employer hours, social return) are
//   buffered and sent with COPY in batches (postgres_bulk.cc). An error in
//   such a row (a duplicate line) therefore surfaces at the next flush: a later
//   Insert*, FinishSnapshot, a read, or Commit; always before Commit succeeds.
// - After any failed write the import can only roll back: PostgreSQL aborts
//   the transaction (SQLite keeps the other statements).
// - Quarantined rows keep their bytes (BYTEA). Other text must be UTF-8
//   without NUL bytes (the data contract, counting.md §2); anything else is
//   refused with Status::InvalidInput, never cut short silently.
// - One import at a time, as in SQLite (BEGIN IMMEDIATE): Begin takes an
//   EXCLUSIVE lock on the snapshots table (readers go on; another import's
//   Begin waits until this one ends). Inside it the import sees every
//   committed snapshot (a second identical import finds the first), and the
//   snapshot id is MAX(id) + 1, not a sequence: an import that is rolled back
//   or killed leaves no gap in the numbers.
// - SchemaVersion() is 0 for a schema never migrated.
//
// A Store holds one connection and is used by one thread at a time.
#include <fmt/format.h>

#include <cstdlib>
#include <exception>
#include <memory>
#include <pqxx/pqxx>
#include <string_view>
#include <thread>
#include <utility>

#include "common/lang.h"
#include "store/postgres_bulk.h"
#include "store/postgres_read.h"
#include "store/postgres_schema.h"
#include "store/postgres_text.h"
#include "store/store.h"

namespace banenmonitor::store {

namespace {

using pg::CheckText;

class PostgresStore final : public SnapshotStore {
 public:
  PostgresStore(const std::string& url, const std::string& schema)
      : conn_(url), schema_(schema), quoted_("\"" + schema + "\""), bulk_(quoted_) {
    // Session settings through set_variable: libpqxx restores them when it
    // reconnects after a broken connection. Text goes in and out as UTF-8
    // whatever the database's encoding.
    conn_.set_variable("client_encoding", "UTF8");
    // No NOTICEs on stderr ("schema already exists, skipping").
    conn_.set_variable("client_min_messages", "warning");
    // Every statement here is simple and keyed. A generic plan from the first
    // execution on avoids five custom plans made with the statistics of before
    // an import, which made the chunked reads of a fresh import slow until the
    // plan cache switched to the generic plan (docs/build.md, "Choices measured").
    conn_.set_variable("plan_cache_mode", "force_generic_plan");
    Prepare();
    pg::BulkWriter::Prepare(conn_, quoted_);
    pg::PrepareReads(conn_, quoted_);
  }

  ~PostgresStore() override { Rollback(); }

  // The database must hold any UTF-8 text as it is: a UTF8 database (or
  // SQL_ASCII, which keeps bytes unchecked; this store checks them).
  Status CheckDatabase() {
    try {
      std::string encoding;
      InTx([&](pqxx::transaction_base& t) { encoding = t.exec_prepared1("bm_server_encoding")[0].as<std::string>(); });
      if (encoding == "UTF8" || encoding == "SQL_ASCII") return Status::Ok();
      return Status::IoError(Say(
          "de PostgreSQL-database heeft codering {}, die niet elke naam in een levering kan bevatten: "
          "gebruik een database die is aangemaakt met ENCODING 'UTF8'",
          "the PostgreSQL database has encoding {}, which cannot hold every name a delivery may contain: "
          "use a database created with ENCODING 'UTF8'",
          encoding));
    } catch (const std::exception& e) {
      return Error(e, Pick("de database controleren", "checking the database"));
    }
  }

  Status Migrate(int version) override {
    if (tx_) return Status::Internal(std::string(Pick(
        "werkruimte-opslag (PostgreSQL): schema bijwerken tijdens een import",
        "workspace store (PostgreSQL): Migrate during an import")));
    try {
      // One migrating program at a time per schema; others wait here.
      const std::string lock_key = "banenmonitor/migrate/" + schema_;
      {
        pqxx::work w(conn_);
        w.exec_prepared("bm_lock", lock_key);
        // Checked first: CREATE ... IF NOT EXISTS needs the privilege to
        // create even when there is nothing to create.
        if (w.exec_prepared("bm_schema_exists", schema_).empty()) w.exec("CREATE SCHEMA " + quoted_);
        if (!w.exec_prepared1("bm_table_exists", quoted_ + ".schema_migrations")[0].as<bool>()) {
          w.exec(pg::WithSchema(
              "CREATE TABLE @.schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", quoted_));
        }
        if (Status s = CheckSchemaNotNewer(w.exec_prepared1("bm_version")[0].as<int>()); !s.ok()) return s;
        w.commit();
      }
      for (const Migration& m : pg::Migrations()) {
        if (m.version > version) break;
        pqxx::work w(conn_);
        w.exec_prepared("bm_lock", lock_key);
        if (m.version <= w.exec_prepared1("bm_version")[0].as<int>()) continue;  // w aborts: nothing changed
        w.exec(pg::WithSchema(m.sql, quoted_));
        w.exec_prepared("bm_mark_migration", m.version);
        w.commit();
      }
      return Status::Ok();
    } catch (const std::exception& e) {
      return Error(e, Pick("het schema bijwerken", "migrating the schema"));
    }
  }

  Result<int> SchemaVersion() override {
    try {
      int version = 0;
      InTx([&](pqxx::transaction_base& t) {
        if (t.exec_prepared1("bm_table_exists", quoted_ + ".schema_migrations")[0].as<bool>()) {
          version = t.exec_prepared1("bm_version")[0].as<int>();
        }
      });
      return version;
    } catch (const std::exception& e) {
      return Fail(Error(e, Pick("de schemaversie lezen", "reading the schema version")));
    }
  }

  Status Begin() override {
    if (tx_) return Status::Internal(std::string(Pick(
        "werkruimte-opslag (PostgreSQL): Begin terwijl een import open is",
        "workspace store (PostgreSQL): Begin while an import is open")));
    try {
      tx_ = std::make_unique<pqxx::work>(conn_);
      tx_failed_ = false;
      bulk_.StartImport();
      tx_->exec(pg::WithSchema("LOCK TABLE @.snapshots IN EXCLUSIVE MODE", quoted_));
      return Status::Ok();
    } catch (const std::exception& e) {
      tx_.reset();
      return Error(e, Pick("de import beginnen", "starting the import"));
    }
  }

  Status Commit() override {
    if (!tx_) return Status::Internal(std::string(Pick(
        "werkruimte-opslag (PostgreSQL): Commit zonder Begin", "workspace store (PostgreSQL): Commit without Begin")));
    if (tx_failed_) {
      // PostgreSQL answers COMMIT of a failed transaction with a rollback, and
      // buffered rows were dropped at the failure: never report that as stored.
      Rollback();
      return Status::IoError(Say(
          "werkruimte-opslag (PostgreSQL, schema {}): de import vastleggen: een eerdere schrijfactie van deze "
          "import is mislukt; er is niets opgeslagen",
          "workspace store (PostgreSQL, schema {}): committing the import: an earlier write of this import failed; "
          "nothing was stored",
          schema_));
    }
    try {
      JoinSend();
      bulk_.Flush(*tx_);
      tx_->commit();
      tx_.reset();
      return Status::Ok();
    } catch (const std::exception& e) {
      Status s = Error(e, Pick("de import vastleggen", "committing the import"));
      Rollback();
      return s;
    }
  }

  void Rollback() override {
    try {
      JoinSend();
    } catch (...) {
      // A batch that failed to send (whatever it threw): the transaction is rolled back either way.
    }
    bulk_.ForgetPersons();  // the cache may hold persons of the transaction
    tx_failed_ = false;
    if (!tx_) return;
    try {
      tx_->abort();
    } catch (const std::exception&) {
      // The transaction is gone either way; the server rolls back on disconnect.
    }
    tx_.reset();
  }

  Result<std::int64_t> InsertSnapshot(const SnapshotRecord& s) override {
    try {
      std::int64_t id = 0;
      InTx([&](pqxx::transaction_base& t) {
        id = t.exec_prepared1("bm_insert_snapshot", CheckText("label", s.label),
                              CheckText("imported_at", s.imported_at), CheckText("os_user", s.os_user),
                              CheckText("program_version", s.program_version),
                              CheckText("content_sha256", s.content_sha256), s.invalid_rows,
                              CheckText("quality_json", s.quality_json))[0]
                 .as<std::int64_t>();
      });
      return id;
    } catch (const std::exception& e) {
      return Fail(Error(e, Pick("de snapshot vastleggen", "recording the snapshot")));
    }
  }

  Status FinishSnapshot(const SnapshotRecord& s) override {
    return Run(Pick("de bestanden van de snapshot vastleggen", "recording the snapshot's files"), [&](pqxx::transaction_base& t) {
      bulk_.Flush(t);
      t.exec_prepared("bm_finish_snapshot", s.invalid_rows, CheckText("quality_json", s.quality_json),
                      s.manifest.synthetic, CheckText("description", s.manifest.description),
                      CheckText("content_sha256", s.content_sha256), s.id);
      for (const auto& f : s.files) {
        t.exec_prepared("bm_insert_file", s.id, CheckText("file name", f.name), f.present,
                        CheckText("sha256", f.sha256), static_cast<std::int64_t>(f.bytes), f.rows, f.invalid_rows);
      }
    });
  }

  Status InsertEmployer(std::int64_t snapshot, std::int64_t ordinal, std::int64_t line, const Employer& e) override {
    return Run(Pick("een werkgever opslaan", "storing an employer"), [&](pqxx::transaction_base& t) {
      t.exec_prepared("bm_insert_employer", snapshot, ordinal, line, CheckText("employer id", e.id),
                      CheckText("employer name", e.name), static_cast<int>(e.sector),
                      CheckText("subsector", e.subsector), CheckText("organisation", e.organisation),
                      static_cast<int>(e.lender), e.region);
    });
  }

  Status InsertTarget(std::int64_t snapshot, std::int64_t line, const Target& tg) override {
    return Run(Pick("een doelstelling opslaan", "storing a target"), [&](pqxx::transaction_base& t) {
      t.exec_prepared("bm_insert_target", snapshot, line, tg.year, CheckText("scope", tg.scope), tg.baseline_jobs,
                      tg.target_extra_jobs);
    });
  }

  Status InsertRegister(std::int64_t snapshot, const data::RegisterRow& r) override {
    return Bulk(Pick("een registerregel opslaan", "storing a register row"), snapshot, r);
  }
  Status InsertPayroll(std::int64_t snapshot, const data::PayrollRow& r) override {
    return Bulk(Pick("een loonregel opslaan", "storing a payroll row"), snapshot, r);
  }
  Status InsertHireIn(std::int64_t snapshot, const data::HireInRow& r) override {
    return Bulk(Pick("een inleenregel opslaan", "storing a hire-in row"), snapshot, r);
  }
  Status InsertEmployerHours(std::int64_t snapshot, const data::EmployerHoursRow& r) override {
    return Bulk(Pick("een regel werkgeversuren opslaan", "storing an employer-hours row"), snapshot, r);
  }
  Status InsertSroi(std::int64_t snapshot, const data::SroiRow& r) override {
    return Bulk(Pick("een regel social return opslaan", "storing a social-return row"), snapshot, r);
  }

  Status InsertQuarantine(std::int64_t snapshot, const QuarantineRecord& q) override {
    return Run(Pick("een regel in quarantaine opslaan", "storing a quarantined row"), [&](pqxx::transaction_base& t) {
      t.exec_prepared("bm_insert_quarantine", snapshot, CheckText("file name", q.file), q.line,
                      CheckText("kind", q.kind), pqxx::binarystring(q.reason.data(), q.reason.size()),
                      pqxx::binarystring(q.row.data(), q.row.size()));
    });
  }

  Result<std::vector<SnapshotRecord>> ListSnapshots() override {
    try {
      std::vector<SnapshotRecord> out;
      InTx([&](pqxx::transaction_base& t) {
        bulk_.Flush(t);
        for (const auto& row : t.exec_prepared("bm_list_snapshots")) {
          SnapshotRecord s;
          s.id = row[0].as<std::int64_t>();
          s.label = row[1].as<std::string>();
          s.imported_at = row[2].as<std::string>();
          s.os_user = row[3].as<std::string>();
          s.program_version = row[4].as<std::string>();
          s.content_sha256 = row[5].as<std::string>();
          s.invalid_rows = row[6].as<std::int64_t>();
          s.quality_json = row[7].as<std::string>();
          s.manifest.synthetic = row[8].as<bool>();
          s.manifest.description = row[9].as<std::string>();
          out.push_back(std::move(s));
        }
        for (auto& s : out) {
          for (const auto& row : t.exec_prepared("bm_list_files", s.id)) {
            FileInfo fi;
            fi.name = row[0].as<std::string>();
            fi.present = row[1].as<bool>();
            fi.sha256 = row[2].as<std::string>();
            fi.bytes = static_cast<std::uint64_t>(row[3].as<std::int64_t>());
            fi.rows = row[4].as<std::int64_t>();
            fi.invalid_rows = row[5].as<std::int64_t>();
            s.files.push_back(std::move(fi));
          }
        }
      });
      return out;
    } catch (const std::exception& e) {
      return Fail(Error(e, Pick("de snapshots opsommen", "listing snapshots")));
    }
  }

  Result<std::optional<std::int64_t>> FindByContent(const std::string& sha) override {
    try {
      std::optional<std::int64_t> id;
      InTx([&](pqxx::transaction_base& t) {
        bulk_.Flush(t);
        auto r = t.exec_prepared("bm_find_by_content", CheckText("content_sha256", sha));
        if (!r.empty()) id = r[0][0].as<std::int64_t>();
      });
      return id;
    } catch (const std::exception& e) {
      return Fail(Error(e, Pick("een snapshot opzoeken", "looking up a snapshot")));
    }
  }

  Status ReadSnapshot(std::int64_t snapshot, data::RowSink& sink) override {
    return Run(Pick("een snapshot lezen", "reading a snapshot"), [&](pqxx::transaction_base& t) {
      bulk_.Flush(t);
      pg::ReadRows(t, snapshot, sink);
    });
  }

  Result<std::vector<QuarantineRecord>> ReadQuarantine(std::int64_t snapshot) override {
    try {
      std::vector<QuarantineRecord> out;
      InTx([&](pqxx::transaction_base& t) {
        bulk_.Flush(t);
        for (const auto& row : t.exec_prepared("bm_read_quarantine", snapshot)) {
          out.push_back({row[0].as<std::string>(), row[1].as<std::int64_t>(), row[2].as<std::string>(),
                         pqxx::binarystring(row[3]).str(), pqxx::binarystring(row[4]).str()});
        }
      });
      return out;
    } catch (const std::exception& e) {
      return Fail(Error(e, Pick("de quarantaine lezen", "reading the quarantine")));
    }
  }

  Result<std::optional<KeyRecord>> CurrentKey() override {
    try {
      std::optional<KeyRecord> key;
      InTx([&](pqxx::transaction_base& t) {
        // In an import: a rotation (EXCLUSIVE) waits until the import ends.
        if (tx_) t.exec(pg::WithSchema("LOCK TABLE @.key_generations IN SHARE MODE", quoted_));
        auto r = t.exec_prepared("bm_current_key");
        if (!r.empty()) key = KeyRecord{r[0][0].as<int>(), r[0][1].as<std::string>(), r[0][2].as<std::string>()};
      });
      return key;
    } catch (const std::exception& e) {
      return Fail(Error(e, Pick("de sleutelgeneratie lezen", "reading the key generation")));
    }
  }

  Status RecordKey(const KeyRecord& key) override {
    return Run(Pick("de sleutelgeneratie vastleggen", "recording the key generation"), [&](pqxx::transaction_base& t) {
      t.exec_prepared("bm_record_key", key.generation, CheckText("fingerprint", key.fingerprint),
                      CheckText("created_at", key.created_at));
    });
  }

  Result<RekeyCounts> Rekey(const std::function<std::string(std::string_view)>& rewrap_person,
                            const std::function<std::string(std::string_view)>& rewrite_quarantine_row,
                            const std::optional<KeyRecord>& expected, const KeyRecord& next) override {
    if (tx_) return Fail(Status::Internal(std::string(Pick(
        "werkruimte-opslag (PostgreSQL): sleutelrotatie tijdens een import",
        "workspace store (PostgreSQL): Rekey during an import"))));
    RekeyCounts counts;
    try {
      pqxx::work w(conn_);
      // Waits for running imports (SHARE) and keeps new ones out until the commit.
      w.exec(pg::WithSchema("LOCK TABLE @.key_generations IN EXCLUSIVE MODE", quoted_));
      w.exec(pg::WithSchema("LOCK TABLE @.persons IN EXCLUSIVE MODE", quoted_));
      auto r = w.exec_prepared("bm_current_key");
      std::optional<std::string> current;
      if (!r.empty()) current = r[0][1].as<std::string>();
      if (current.has_value() != expected.has_value() || (expected && *current != expected->fingerprint)) {
        return Fail(Status::InvalidInput(std::string(
            Pick("de sleutel van de werkruimte is door een ander programma gewijzigd terwijl dit liep; er is niets "
                 "gewijzigd",
                 "the workspace's key was changed by another program while this one ran; nothing was changed"))));
      }
      std::vector<std::int64_t> ids;
      std::vector<std::string> pseudonyms;
      auto flush = [&] {
        if (ids.empty()) return;
        w.exec_prepared("bm_rekey_persons", BigintArray(ids), pg::TextArray(pseudonyms));
        ids.clear();
        pseudonyms.clear();
      };
      for (const auto& row : w.exec_prepared("bm_all_persons")) {
        std::string old = row[1].as<std::string>();
        std::string now = rewrap_person(old);
        if (now == old) continue;
        ids.push_back(row[0].as<std::int64_t>());
        pseudonyms.push_back(CheckText("pseudonym", now));
        ++counts.persons;
        if (ids.size() >= 10000) flush();
      }
      flush();
      for (const auto& row : w.exec_prepared("bm_all_quarantine")) {
        std::string old = pqxx::binarystring(row[3]).str();
        std::string now = rewrite_quarantine_row(old);
        if (now == old) continue;
        w.exec_prepared("bm_rekey_quarantine", row[0].as<std::int64_t>(), row[1].as<std::string>(),
                        row[2].as<std::int64_t>(), pqxx::binarystring(now.data(), now.size()));
        ++counts.quarantine_rows;
      }
      w.exec_prepared("bm_record_key", next.generation, CheckText("fingerprint", next.fingerprint),
                      CheckText("created_at", next.created_at));
      w.commit();
    } catch (const std::exception& e) {
      bulk_.ForgetPersons();
      return Fail(Error(e, Pick("opnieuw pseudonimiseren (er is niets gewijzigd)", "re-pseudonymising (nothing was changed)")));
    }
    bulk_.ForgetPersons();  // the cache maps old pseudonyms to ids
    return counts;
  }

 private:
  // Statements are defined here and prepared by libpqxx on first use (so one
  // that names a table of a later migration is fine before that migration).
  void Prepare() {
    auto def = [&](const char* name, std::string_view sql) { conn_.prepare(name, pg::WithSchema(sql, quoted_)); };
    def("bm_server_encoding", "SELECT pg_catalog.current_setting('server_encoding')");
    def("bm_lock", "SELECT pg_advisory_xact_lock(hashtext($1))");
    def("bm_schema_exists", "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1");
    def("bm_table_exists", "SELECT pg_catalog.to_regclass($1) IS NOT NULL");
    def("bm_version", "SELECT COALESCE(MAX(version), 0) FROM @.schema_migrations");
    def("bm_mark_migration",
        "INSERT INTO @.schema_migrations(version, applied_at) "
        "VALUES ($1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))");
    def("bm_insert_snapshot",
        "INSERT INTO @.snapshots(id, label, imported_at, os_user, program_version, content_sha256, invalid_rows, "
        "quality_json) SELECT COALESCE(MAX(id), 0) + 1, $1, $2, $3, $4, $5, $6, $7 FROM @.snapshots RETURNING id");
    def("bm_finish_snapshot",
        "UPDATE @.snapshots SET invalid_rows = $1, quality_json = $2, synthetic = $3, description = $4, "
        "content_sha256 = $5 WHERE id = $6");
    def("bm_insert_file",
        "INSERT INTO @.snapshot_files(snapshot_id, name, present, sha256, bytes, rows, invalid_rows) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)");
    def("bm_insert_employer",
        "INSERT INTO @.employers(snapshot_id, ordinal, line, employer_id, name, sector, subsector, organisation, "
        "lender, region) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
    def("bm_insert_target",
        "INSERT INTO @.targets(snapshot_id, line, year, scope, baseline_jobs, target_extra_jobs) "
        "VALUES ($1, $2, $3, $4, $5, $6)");
    def("bm_insert_quarantine",
        "INSERT INTO @.quarantine(snapshot_id, file, line, kind, reason, row_text) VALUES ($1, $2, $3, $4, $5, $6)");
    def("bm_list_snapshots",
        "SELECT id, label, imported_at, os_user, program_version, content_sha256, invalid_rows, quality_json, "
        "synthetic, description FROM @.snapshots ORDER BY id");
    def("bm_list_files",
        "SELECT name, present, sha256, bytes, rows, invalid_rows FROM @.snapshot_files WHERE snapshot_id = $1 "
        "ORDER BY CASE name WHEN 'employers.csv' THEN 1 WHEN 'register.csv' THEN 2 WHEN 'payroll.csv' THEN 3 "
        "WHEN 'hire_in.csv' THEN 4 WHEN 'targets.csv' THEN 5 ELSE 6 END, name COLLATE \"C\"");
    def("bm_find_by_content", "SELECT id FROM @.snapshots WHERE content_sha256 = $1");
    def("bm_current_key",
        "SELECT generation, fingerprint, created_at FROM @.key_generations ORDER BY generation DESC LIMIT 1");
    def("bm_record_key", "INSERT INTO @.key_generations(generation, fingerprint, created_at) VALUES ($1, $2, $3)");
    def("bm_all_persons", "SELECT id, pseudonym FROM @.persons ORDER BY id");
    def("bm_rekey_persons",
        "UPDATE @.persons AS p SET pseudonym = n.pseudonym FROM unnest($1::bigint[], $2::text[]) AS n(id, pseudonym) "
        "WHERE p.id = n.id");
    def("bm_all_quarantine", "SELECT snapshot_id, file, line, row_text FROM @.quarantine");
    def("bm_rekey_quarantine",
        "UPDATE @.quarantine SET row_text = $4 WHERE snapshot_id = $1 AND file = $2 AND line = $3");
    def("bm_read_quarantine",
        "SELECT file, line, kind, reason, row_text FROM @.quarantine WHERE snapshot_id = $1 "
        "ORDER BY file COLLATE \"C\", line");
  }

  static std::string BigintArray(const std::vector<std::int64_t>& v) {
    std::string out = "{";
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i > 0) out += ',';
      out += std::to_string(v[i]);
    }
    out += '}';
    return out;
  }

  // Runs `f` in the open import, or else in a transaction of its own.
  template <typename F>
  void InTx(F&& f) {
    if (tx_) {
      JoinSend();  // the connection is the sending thread's until its batch is sent
      f(static_cast<pqxx::transaction_base&>(*tx_));
      return;
    }
    pqxx::work w(conn_);
    f(static_cast<pqxx::transaction_base&>(w));
    w.commit();
  }

  template <typename F>
  Status Run(std::string_view what, F&& f) {
    try {
      InTx(f);
      return Status::Ok();
    } catch (const std::exception& e) {
      return Error(e, what);
    }
  }

  // Buffers one bulk row; sends the buffers when full (or at once, outside an import).
  template <typename Row>
  Status Bulk(std::string_view what, std::int64_t snapshot, const Row& row) {
    try {
      bulk_.Add(snapshot, row);
      if (!tx_) {
        InTx([&](pqxx::transaction_base& t) { bulk_.Flush(t); });
      } else if (bulk_.rows() >= batch_rows_) {
        StartSend();
      }
      return Status::Ok();
    } catch (const std::exception& e) {
      return Error(e, what);
    }
  }

  // The Status of a failure (exceptions stop here). Buffered rows are dropped
  // and an open import can no longer commit (PostgreSQL has aborted its
  // transaction). Outside an import, persons cached by the failed transaction
  // are forgotten; inside one, Rollback does that.
  Status Error(const std::exception& e, std::string_view what) {
    if (tx_) {
      bulk_.Discard();
      tx_failed_ = true;
    } else {
      bulk_.ForgetPersons();
    }
    return pg::StoreError(schema_, e, what);
  }

  // An import's full batch is sent (COPY) on a thread of its own while the
  // import reads and checks the next rows: the server stores one batch while
  // the client prepares the next, instead of each waiting for the other (a
  // third of a 400 k import's time had both cores idle). One batch at a time;
  // every other use of the transaction waits for it first (JoinSend), so the
  // connection is never used by two threads at once.
  void StartSend() {
    JoinSend();
    sending_ = std::thread([this, batch = bulk_.Detach()] {
      try {
        sent_ = pg::BulkWriter::Send(*tx_, quoted_, *batch);
      } catch (...) {
        send_error_ = std::current_exception();
      }
    });
  }
  // Waits for the batch being sent, keeps its persons' ids, and throws what its send threw.
  void JoinSend() {
    if (!sending_.joinable()) return;
    sending_.join();
    bulk_.Learn(std::move(sent_));
    sent_.clear();
    if (send_error_) std::rethrow_exception(std::exchange(send_error_, nullptr));
  }

  pqxx::connection conn_;
  const std::string schema_;
  const std::string quoted_;        // "schema", for splicing into statements
  std::unique_ptr<pqxx::work> tx_;  // the open import; declared after conn_ so it goes first
  bool tx_failed_ = false;          // a write of the open import failed: it can only roll back
  // Rows to a batch: BulkWriter::kBatchRows, or BANENMONITOR_PG_BATCH_ROWS (for tests: many batches of a small delivery).
  const std::size_t batch_rows_ = [] {
    const char* env = std::getenv("BANENMONITOR_PG_BATCH_ROWS");
    return env != nullptr && std::atoll(env) > 0 ? static_cast<std::size_t>(std::atoll(env)) : pg::BulkWriter::kBatchRows;
  }();
  std::thread sending_;             // StartSend's; joined before tx_ is used again or goes
  pg::BulkWriter::Learned sent_;
  std::exception_ptr send_error_;
  pg::BulkWriter bulk_;
};

}  // namespace

Result<std::unique_ptr<SnapshotStore>> OpenPostgresStore(const std::string& url, const std::string& schema) {
  if (Status s = pg::CheckSchemaName(schema); !s.ok()) return Fail(std::move(s));
  try {
    auto store = std::make_unique<PostgresStore>(url, schema);
    if (Status s = store->CheckDatabase(); !s.ok()) return Fail(std::move(s));
    return std::unique_ptr<SnapshotStore>(std::move(store));
  } catch (const std::exception& e) {
    return Fail(pg::ConnectError(url, e));
  }
}

}  // namespace banenmonitor::store
