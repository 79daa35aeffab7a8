// The snapshot store: where a workspace keeps its snapshots, their rows, the
// quarantine and the pseudonymisation key's generations. One interface, two
// implementations (SQLite embedded: sqlite_*.cc; PostgreSQL for a team:
// postgres_*.cc); no SQL outside src/store/. Every statement is prepared;
// values are bound, never spliced. The dashboard's accounts (users, sessions,
// audit log, failed logins) are the other store of the same database
// (store/accounts.h).
//
// Person ids reaching the store are already pseudonymised (store/pseudonym.h).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "banenmonitor/delivery.h"
#include "banenmonitor/status.h"
#include "data/row_sink.h"

namespace banenmonitor::store {

// The schema version this program writes; older stores are migrated on open.
inline constexpr int kSchemaVersion = 11;

struct SnapshotRecord {
  std::int64_t id = 0;
  std::string label;
  std::string imported_at;      // ISO 8601 UTC
  std::string os_user;
  std::string program_version;
  std::string content_sha256;   // of the delivery's files: identical content, same hash
  std::int64_t invalid_rows = 0;
  std::string quality_json;     // the data-quality report of the import
  std::vector<FileInfo> files;
  DeliveryManifest manifest;    // delivery.csv: synthetic and description (schema 9; before it: not synthetic)
};

struct QuarantineRecord {
  std::string file;
  std::int64_t line = 0;
  std::string kind;
  std::string reason;
  std::string row;  // the raw row as CSV, every 9-digit field pseudonymised
};

// A generation of the pseudonymisation key (store/pseudonym.h), recorded so
// that a key file can be checked against the workspace (schema 5).
struct KeyRecord {
  int generation = 0;
  std::string fingerprint;  // Pseudonymiser::StoreFingerprint()
  std::string created_at;   // ISO 8601 UTC
};

struct RekeyCounts {
  std::int64_t persons = 0;          // pseudonyms replaced
  std::int64_t quarantine_rows = 0;  // quarantined rows rewritten
};

class SnapshotStore {
 public:
  virtual ~SnapshotStore() = default;

  // Brings the schema to `version` (default: the latest), one migration per
  // transaction; a store already there is left alone.
  virtual Status Migrate(int version = kSchemaVersion) = 0;
  virtual Result<int> SchemaVersion() = 0;

  // --- writing one snapshot, all in one transaction ------------------------
  // Opens the import's transaction. One import at a time per workspace: a
  // second Begin (another process) waits until the open import ends (SQLite:
  // BEGIN IMMEDIATE, up to the busy timeout; PostgreSQL: an EXCLUSIVE lock on
  // the snapshots table). Reads inside the import see every committed snapshot,
  // so FindByContent after Begin finds an identical import that just committed.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;  // never fails; safe when no transaction is open
  // The new snapshot's id: one more than the highest committed id (no gaps:
  // a rolled-back or killed import uses no number).
  virtual Result<std::int64_t> InsertSnapshot(const SnapshotRecord& snapshot) = 0;
  virtual Status FinishSnapshot(const SnapshotRecord& snapshot) = 0;  // files, invalid_rows, quality, content_sha256 (InsertSnapshot may have a placeholder)
  virtual Status InsertEmployer(std::int64_t snapshot, std::int64_t ordinal, std::int64_t line, const Employer& e) = 0;
  virtual Status InsertRegister(std::int64_t snapshot, const data::RegisterRow& row) = 0;
  virtual Status InsertTarget(std::int64_t snapshot, std::int64_t line, const Target& t) = 0;
  virtual Status InsertPayroll(std::int64_t snapshot, const data::PayrollRow& row) = 0;
  virtual Status InsertHireIn(std::int64_t snapshot, const data::HireInRow& row) = 0;
  virtual Status InsertQuarantine(std::int64_t snapshot, const QuarantineRecord& q) = 0;
  // Schema 3: employer_hours.csv, sroi.csv and the payroll wage column.
  virtual Status InsertEmployerHours(std::int64_t snapshot, const data::EmployerHoursRow& row) = 0;
  virtual Status InsertSroi(std::int64_t snapshot, const data::SroiRow& row) = 0;

  // --- reading -------------------------------------------------------------
  virtual Result<std::vector<SnapshotRecord>> ListSnapshots() = 0;
  virtual Result<std::optional<std::int64_t>> FindByContent(const std::string& content_sha256) = 0;
  // Hands the snapshot's rows to `sink` in file order (employers, register,
  // targets, payroll, hire-in, employer hours, social return), each file in line order.
  virtual Status ReadSnapshot(std::int64_t snapshot, data::RowSink& sink) = 0;
  virtual Result<std::vector<QuarantineRecord>> ReadQuarantine(std::int64_t snapshot) = 0;

  // --- the pseudonymisation key (schema 4) ---------------------------------
  // The newest key generation recorded; nullopt for a workspace made before
  // schema 5 that was never rotated. Inside an open import it also holds off a
  // rotation until the import ends (SQLite: the import's write lock;
  // PostgreSQL: a SHARE lock on key_generations), so that no import can commit
  // pseudonyms of a key that was rotated away meanwhile.
  virtual Result<std::optional<KeyRecord>> CurrentKey() = 0;
  // Records a key generation (at init; outside an import).
  virtual Status RecordKey(const KeyRecord& key) = 0;
  // Key rotation, in one transaction of its own: every pseudonym p in the
  // persons dictionary becomes rewrap_person(p) (which returns p unchanged for
  // what it does not rotate), every quarantined row r becomes
  // rewrite_quarantine_row(r), and `next` is recorded as the newest key. Fails,
  // changing nothing, when the newest recorded key is not `expected` (another
  // rotation came first) or anything cannot be written.
  virtual Result<RekeyCounts> Rekey(const std::function<std::string(std::string_view)>& rewrap_person,
                                    const std::function<std::string(std::string_view)>& rewrite_quarantine_row,
                                    const std::optional<KeyRecord>& expected, const KeyRecord& next) = 0;
};

// Opens (creating when absent) the SQLite store at `path`.
Result<std::unique_ptr<SnapshotStore>> OpenSqliteStore(const std::string& path);
// Connects to a PostgreSQL store; `url` is a libpq connection URI, `schema`
// the workspace's own schema in that database.
Result<std::unique_ptr<SnapshotStore>> OpenPostgresStore(const std::string& url, const std::string& schema);

}  // namespace banenmonitor::store
