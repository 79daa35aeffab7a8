// The accounts store: what people keep in a workspace beside its snapshots:
// the dashboard's users, sessions, audit log and failed logins (schema 4 and
// 6 of the migrations) and the sectors' texts for the letter (schema 7). Only
// src/web and the commands user, input and brief use it. Each call is its own transaction. Two implementations, as for the
// snapshot store: sqlite_accounts.cc and postgres_accounts.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "banenmonitor/status.h"

namespace banenmonitor {
class Workspace;
}

namespace banenmonitor::store {

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

class AccountStore {
 public:
  virtual ~AccountStore() = default;

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

  // Failed logins, so that the dashboard's login throttling holds for every
  // server on the workspace.
  // Records a failed login of `key` ("user:NAME", "address:IP") at `at` (Unix
  // seconds) and forgets the failures of every key before `forget_before`.
  virtual Status RecordLoginFailure(const std::string& key, std::int64_t at, std::int64_t forget_before) = 0;
  // The failures of `key` at or after `since` (Unix seconds).
  virtual Result<std::int64_t> CountLoginFailures(const std::string& key, std::int64_t since) = 0;
  // Forgets the failures of `key` (after a successful login).
  virtual Status ClearLoginFailures(const std::string& key) = 0;

  // The sectors' texts for the letter.
  // Adds `text` as the next version of its scope and year (the store sets id
  // and version, returned).
  virtual Result<SectorTextRecord> AddSectorText(const SectorTextRecord& text) = 0;
  // Every version of `year`, by scope and version.
  virtual Result<std::vector<SectorTextRecord>> ReadSectorTexts(int year) = 0;
};

// REQUIRES: the store at `path` / in `schema` is migrated (SnapshotStore::Migrate).
// Opens the accounts of the SQLite store at `path` (a connection of its own).
Result<std::unique_ptr<AccountStore>> OpenSqliteAccounts(const std::string& path);
// Connects to the accounts of a PostgreSQL store (as OpenPostgresStore).
Result<std::unique_ptr<AccountStore>> OpenPostgresAccounts(const std::string& url, const std::string& schema);

// REQUIRES: `workspace` is open (Workspace::Open migrated its store).
// The accounts of the workspace's store, over a connection of their own.
// Like every store, used by one thread at a time.
Result<std::unique_ptr<AccountStore>> OpenAccounts(const Workspace& workspace);

}  // namespace banenmonitor::store
