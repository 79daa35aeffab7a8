// The embedded store: one SQLite database file per workspace (SQLiteCpp).
// The tables and migrations are in sqlite_schema.cc, the writing of an
// import's rows in sqlite_write.cc, the reading in sqlite_read.cc; this file
// holds the transactions and the key rotation. One import at a time: Begin
// takes the database's write lock (BEGIN IMMEDIATE), waiting for another
// import to end. From schema 10 a snapshot's payroll, hire-in and
// employer-hours rows are its rows file (rows_file.h) in the directory
// "rows" beside the database, written and fsynced before the snapshot's
// transaction commits.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <filesystem>

#include "common/lang.h"
#include "store/rows_file.h"
#include "store/sqlite_read.h"
#include "store/sqlite_schema.h"
#include "store/sqlite_write.h"
#include "store/store.h"

namespace banenmonitor::store {

namespace {

using sqlite::SqliteError;

class SqliteStore final : public SnapshotStore {
 public:
  static constexpr int kImportWaitMs = 30 * 60'000;
  explicit SqliteStore(std::unique_ptr<SQLite::Database> db)
      : db_(std::move(db)), writer_(*db_), rows_dir_(std::filesystem::path(db_->getFilename()).parent_path() / "rows") {}

  Status Migrate(int version) override {
    Status migrated;
    Status s = sqlite::Attempt(Pick("het schema bijwerken", "migrating the schema"),
                               [&] { migrated = sqlite::Migrate(*db_, version); });
    return s.ok() ? migrated : s;
  }

  Result<int> SchemaVersion() override {
    return sqlite::Get(Pick("de schemaversie lezen", "reading the schema version"), [&] { return sqlite::SchemaVersion(*db_); });
  }

  Status Begin() override {
    try {
      auto version = SchemaVersion();
      writer_.Reset(version ? *version : kSchemaVersion);
      // One import at a time: wait for another import (minutes for a large
      // delivery), not only the 10 s that other statements wait.
      db_->setBusyTimeout(kImportWaitMs);
      try {
        db_->exec("BEGIN IMMEDIATE");
      } catch (...) {
        db_->setBusyTimeout(sqlite::kBusyTimeoutMs);
        throw;
      }
      db_->setBusyTimeout(sqlite::kBusyTimeoutMs);
      in_tx_ = true;
      tx_failed_ = false;
      schema_ = version ? *version : kSchemaVersion;
      // Under the import lock: the files of imports killed before their commit.
      if (schema_ >= 10) RemoveUncommittedRowsFiles(rows_dir_, sqlite::LastSnapshotId(*db_));
      return Status::Ok();
    } catch (const std::exception& e) {
      return SqliteError(e, Pick("de import beginnen", "starting the import"));
    }
  }

  Status Commit() override {
    if (Status s = TxGuard(Pick("de import vastleggen", "committing the import")); !s.ok()) {
      Rollback();
      return s;
    }
    if (Status s = FinishRowsFile(); !s.ok()) {
      Rollback();
      return s;
    }
    try {
      db_->exec("COMMIT");
      in_tx_ = false;
    } catch (const std::exception& e) {
      Status s = SqliteError(e, Pick("de import vastleggen", "committing the import"));
      Rollback();
      return s;
    }
    if (rows_) rows_->Commit();
    DropRowsFile();
    return Status::Ok();
  }

  void Rollback() override {
    if (!in_tx_) return;
    try {
      db_->exec("ROLLBACK");
    } catch (const std::exception&) {
      // The transaction is gone either way; SQLite rolls back on close too.
    }
    in_tx_ = false;
    tx_failed_ = false;
    DropRowsFile();  // removes the file: it belongs to no snapshot
    writer_.ForgetPersons();
  }

  Result<std::int64_t> InsertSnapshot(const SnapshotRecord& s) override {
    std::int64_t id = 0;
    Status done = Run(Pick("de snapshot vastleggen", "recording the snapshot"), [&] { id = writer_.AddSnapshot(s); });
    if (!done.ok()) return Fail(std::move(done));
    if (schema_ >= 10) {
      auto rows = RowsFileWriter::Create(rows_dir_, id, schema_ >= 11 ? kRowsFileVersion : 1);
      if (!rows) {
        tx_failed_ = in_tx_;
        return Fail(rows.error());
      }
      rows_ = std::move(*rows);
      rows_snapshot_ = id;
      writer_.UseRowsFile(rows_.get());
    }
    return id;
  }
  Status FinishSnapshot(const SnapshotRecord& s) override {
    return Run(Pick("de bestanden van de snapshot vastleggen", "recording the snapshot's files"),
               [&] { writer_.FinishSnapshot(s); });
  }
  Status InsertEmployer(std::int64_t snapshot, std::int64_t ordinal, std::int64_t line, const Employer& e) override {
    return Run(Pick("een werkgever opslaan", "storing an employer"), [&] { writer_.Add(snapshot, ordinal, line, e); });
  }
  Status InsertTarget(std::int64_t snapshot, std::int64_t line, const Target& t) override {
    return Run(Pick("een doelstelling opslaan", "storing a target"), [&] { writer_.Add(snapshot, line, t); });
  }
  Status InsertRegister(std::int64_t snapshot, const data::RegisterRow& r) override {
    return Run(Pick("een registerregel opslaan", "storing a register row"), [&] { writer_.Add(snapshot, r); });
  }
  Status InsertPayroll(std::int64_t snapshot, const data::PayrollRow& r) override {
    return Run(Pick("een loonregel opslaan", "storing a payroll row"), [&] { writer_.Add(snapshot, r); });
  }
  Status InsertHireIn(std::int64_t snapshot, const data::HireInRow& r) override {
    return Run(Pick("een inleenregel opslaan", "storing a hire-in row"), [&] { writer_.Add(snapshot, r); });
  }
  Status InsertEmployerHours(std::int64_t snapshot, const data::EmployerHoursRow& r) override {
    return Run(Pick("een regel werkgeversuren opslaan", "storing an employer-hours row"), [&] { writer_.Add(snapshot, r); });
  }
  Status InsertSroi(std::int64_t snapshot, const data::SroiRow& r) override {
    return Run(Pick("een regel social return opslaan", "storing a social-return row"), [&] { writer_.Add(snapshot, r); });
  }
  Status InsertQuarantine(std::int64_t snapshot, const QuarantineRecord& q) override {
    return Run(Pick("een regel in quarantaine opslaan", "storing a quarantined row"), [&] { writer_.Add(snapshot, q); });
  }

  Result<std::vector<SnapshotRecord>> ListSnapshots() override {
    return sqlite::Get(Pick("de snapshots opsommen", "listing snapshots"),
                                            [&] { return sqlite::ListSnapshots(*db_); });
  }
  Result<std::optional<std::int64_t>> FindByContent(const std::string& sha) override {
    return sqlite::Get(Pick("een snapshot opzoeken", "looking up a snapshot"),
                                            [&] { return sqlite::FindByContent(*db_, sha); });
  }
  Status ReadSnapshot(std::int64_t snapshot, data::RowSink& sink) override {
    Status read;
    Status s = sqlite::Attempt(Pick("een snapshot lezen", "reading a snapshot"),
                               [&] { read = sqlite::ReadRows(*db_, rows_dir_, snapshot, sink); });
    return s.ok() ? read : s;
  }
  Result<std::vector<QuarantineRecord>> ReadQuarantine(std::int64_t snapshot) override {
    return sqlite::Get(Pick("de quarantaine lezen", "reading the quarantine"),
                                              [&] { return sqlite::ReadQuarantine(*db_, snapshot); });
  }
  Result<std::optional<KeyRecord>> CurrentKey() override {
    return sqlite::Get(Pick("de sleutelgeneratie lezen", "reading the key generation"),
                                         [&] { return sqlite::CurrentKey(*db_); });
  }
  Status RecordKey(const KeyRecord& key) override {
    return Run(Pick("de sleutelgeneratie vastleggen", "recording the key generation"), [&] { writer_.AddKey(key); });
  }

  Result<RekeyCounts> Rekey(const std::function<std::string(std::string_view)>& rewrap_person,
                            const std::function<std::string(std::string_view)>& rewrite_quarantine_row,
                            const std::optional<KeyRecord>& expected, const KeyRecord& next) override {
    if (in_tx_) return Fail(Status::Internal(std::string(
        Pick("werkruimte-opslag (SQLite): sleutelrotatie tijdens een import", "workspace store (SQLite): Rekey during an import"))));
    RekeyCounts counts;
    try {
      SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
      std::optional<KeyRecord> current = sqlite::CurrentKey(*db_);
      if (current.has_value() != expected.has_value() || (expected && current->fingerprint != expected->fingerprint)) {
        return Fail(Status::InvalidInput(std::string(
            Pick("de sleutel van de werkruimte is door een ander programma gewijzigd terwijl dit liep; er is niets "
                 "gewijzigd",
                 "the workspace's key was changed by another program while this one ran; nothing was changed"))));
      }
      std::vector<std::pair<std::int64_t, std::string>> persons;
      {
        SQLite::Statement q(*db_, "SELECT id, pseudonym FROM persons ORDER BY id");
        while (q.executeStep()) persons.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getString());
      }
      SQLite::Statement up(*db_, "UPDATE persons SET pseudonym = ? WHERE id = ?");
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
        SQLite::Statement q(*db_, "SELECT snapshot_id, file, line, row_text FROM quarantine");
        while (q.executeStep()) {
          rows.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt64(),
                          q.getColumn(3).getString()});
        }
      }
      SQLite::Statement uq(*db_, "UPDATE quarantine SET row_text = ? WHERE snapshot_id = ? AND file = ? AND line = ?");
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
      writer_.AddKey(next);
      tx.commit();
    } catch (const std::exception& e) {
      return Fail(sqlite::SqliteError(e, Pick("opnieuw pseudonimiseren (er is niets gewijzigd)", "re-pseudonymising (nothing was changed)")));
    }
    writer_.ForgetPersons();  // the pseudonyms of the ids changed
    return counts;
  }

 private:
  // Finishes the open import's rows file (fsynced, in place) and records it
  // in the transaction; OK when the import has none (a store before schema 10).
  Status FinishRowsFile() {
    if (!rows_) return Status::Ok();
    if (Status s = Run(Pick("de personen van de snapshot opslaan", "storing the snapshot's persons"),
                       [&] { writer_.StorePersons(); });
        !s.ok()) {
      return s;
    }
    writer_.UseRowsFile(nullptr);
    auto record = rows_->Finish(writer_.PersonIds());
    if (!record) return record.error();
    return Run(Pick("het rijenbestand van de snapshot vastleggen", "recording the snapshot's rows file"),
               [&] { writer_.AddRowsFile(rows_snapshot_, *record); });
  }
  // Closes the rows file; removes it unless its snapshot committed.
  void DropRowsFile() {
    writer_.UseRowsFile(nullptr);
    rows_.reset();
    rows_snapshot_ = 0;
  }

  // Within an import: fails once a write has failed. SQLite itself rolls the
  // whole transaction back on some errors (SQLITE_FULL, SQLITE_IOERR, ...) and
  // goes on in autocommit mode, where every later insert would be stored at
  // once, outside any snapshot: found by the full-disk test (tests/faults).
  Status TxGuard(std::string_view what) {
    if (!in_tx_) return Status::Ok();
    if (!tx_failed_ && sqlite3_get_autocommit(db_->getHandle()) == 0) return Status::Ok();
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
      return sqlite::SqliteError(e, what);
    }
  }

  static void Step(SQLite::Statement& q) {
    q.exec();
    q.reset();
  }

  std::unique_ptr<SQLite::Database> db_;
  sqlite::Writer writer_;
  bool in_tx_ = false;
  bool tx_failed_ = false;  // a write of the open import failed: it can only roll back
  int schema_ = kSchemaVersion;  // of the open import
  std::filesystem::path rows_dir_;
  std::unique_ptr<RowsFileWriter> rows_;  // the open import's rows file (schema 10)
  std::int64_t rows_snapshot_ = 0;
};

}  // namespace

Result<std::unique_ptr<SnapshotStore>> OpenSqliteStore(const std::string& path) {
  return sqlite::OpenStore<SnapshotStore, SqliteStore>(path);
}

}  // namespace banenmonitor::store
