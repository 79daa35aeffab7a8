// The store: where a workspace keeps its snapshots. One interface, two
// implementations (SQLite embedded, PostgreSQL for a team); no SQL outside
// src/store/. Every statement is prepared; values are bound, never spliced.
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

namespace banenmonitor {
class Workspace;
}

namespace banenmonitor::store {

// The schema version this program writes; older stores are migrated on open.
inline constexpr int kSchemaVersion = 8;

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

// Schema 4: the dashboard's users, sessions and audit log (src/web/).
struct UserRecord {
  std::string name;
  std::string role;           // "admin", "analyst" or "sector" (checked by the web layer)
  std::string scope;          // a count scope for role sector ("subsector:gemeenten"), else ""
  std::string password_hash;  // libsodium crypto_pwhash_str (Argon2id): salt and parameters inside
  std::string created_at;     // ISO 8601 UTC
};

// A login session. The token itself is never stored: only its SHA-256, so a
// copy of the store does not let anyone in.
struct SessionRecord {
  std::string token_sha256;   // hex
  std::string user;
  std::string csrf_token;     // sent back in X-CSRF-Token on every change
  std::int64_t created_at = 0;  // Unix seconds
  std::int64_t expires_at = 0;  // Unix seconds
  std::string address;        // the client's address at login
};

struct AuditRecord {
  std::int64_t id = 0;        // ascending; set by the store
  std::string at;             // ISO 8601 UTC
  std::string user;           // the account name (as typed, for a failed login)
  std::string action;         // "login", "login-failed", "logout", "import", "import-rejected", "export", ...
  std::string detail;
  std::string address;
};

// One version of a sector's "aanpak en aandachtspunten" for a year (schema 7;
// docs/brief.md §2). Every change is a new version; none is ever overwritten.
struct SectorTextRecord {
  std::int64_t id = 0;      // set by the store
  std::string scope;        // "subsector:gemeenten"
  int year = 0;
  int version = 0;          // 1, 2, ... per scope and year
  std::string status;       // "concept", "ingediend" or "akkoord"
  std::string markdown;
  std::string author;       // the account (or "cli:OSUSER")
  std::string at;           // ISO 8601 UTC
};

class Store {
 public:
  virtual ~Store() = default;

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
  virtual Status FinishSnapshot(const SnapshotRecord& snapshot) = 0;  // files, invalid_rows, quality
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

  // --- schema 4: users, sessions, audit (each call its own transaction) ----
  // Adds a user; InvalidInput when the name is taken.
  virtual Status AddUser(const UserRecord& user) = 0;
  // Sorted by name.
  virtual Result<std::vector<UserRecord>> ListUsers() = 0;
  virtual Result<std::optional<UserRecord>> FindUser(const std::string& name) = 0;
  // Removes the user and its sessions; false when there was no such user.
  virtual Result<bool> RemoveUser(const std::string& name) = 0;
  virtual Status InsertSession(const SessionRecord& session) = 0;
  virtual Result<std::optional<SessionRecord>> FindSession(const std::string& token_sha256) = 0;
  virtual Status DeleteSession(const std::string& token_sha256) = 0;
  // Deletes the sessions that expired at or before `now` (Unix seconds).
  virtual Status DeleteExpiredSessions(std::int64_t now) = 0;
  virtual Status AppendAudit(const AuditRecord& record) = 0;
  // The last `limit` records, oldest first.
  virtual Result<std::vector<AuditRecord>> ReadAudit(std::int64_t limit) = 0;

  // --- schema 6: failed logins, so that the dashboard's login throttling holds
  // for every server on the workspace (each call its own transaction) --------
  // Records a failed login of `key` ("user:NAME", "address:IP") at `at` (Unix
  // seconds) and forgets the failures of every key before `forget_before`.
  virtual Status RecordLoginFailure(const std::string& key, std::int64_t at, std::int64_t forget_before) = 0;
  // The failures of `key` at or after `since` (Unix seconds).
  virtual Result<std::int64_t> CountLoginFailures(const std::string& key, std::int64_t since) = 0;
  // Forgets the failures of `key` (after a successful login).
  virtual Status ClearLoginFailures(const std::string& key) = 0;

  // --- schema 7: the sectors' texts for the letter (each call its own transaction)
  // Adds `text` as the next version of its scope and year (the store sets id
  // and version, returned).
  virtual Result<SectorTextRecord> AddSectorText(const SectorTextRecord& text) = 0;
  // Every version of `year`, by scope and version.
  virtual Result<std::vector<SectorTextRecord>> ReadSectorTexts(int year) = 0;
};

// Opens (creating when absent) the SQLite store at `path`.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);
// Connects to a PostgreSQL store; `url` is a libpq connection URI, `schema`
// the workspace's own schema in that database.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const std::string& schema);

// The store of an open workspace, for the layers inside the program that keep
// more than snapshots in it (the web server: users, sessions, audit log).
// Like the Store itself, used by one thread at a time.
Store& StoreOf(Workspace& workspace);

}  // namespace banenmonitor::store
