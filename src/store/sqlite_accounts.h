// The dashboard's tables of the SQLite store (sqlite_store.cc): users,
// sessions and the audit log (schema 4) and failed logins (schema 6). Each
// call is its own statement or transaction, never inside an import.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace banenmonitor::store {

// The Status of an SQLite failure while doing `what` (a phrase in the message language).
Status SqliteError(const std::exception& e, std::string_view what);

// The Store methods of the dashboard's tables (store.h), on the store's connection.
class SqliteAccounts {
 public:
  explicit SqliteAccounts(SQLite::Database& db) : db_(db) {}

  Status AddUser(const UserRecord& user);
  Result<std::vector<UserRecord>> ListUsers();
  Result<std::optional<UserRecord>> FindUser(const std::string& name);
  Result<bool> RemoveUser(const std::string& name);
  Status InsertSession(const SessionRecord& session);
  Result<std::optional<SessionRecord>> FindSession(const std::string& token_sha256);
  Status DeleteSession(const std::string& token_sha256);
  Status DeleteExpiredSessions(std::int64_t now);
  Status AppendAudit(const AuditRecord& record);
  Result<std::vector<AuditRecord>> ReadAudit(std::int64_t limit);
  Status RecordLoginFailure(const std::string& key, std::int64_t at, std::int64_t forget_before);
  Result<std::int64_t> CountLoginFailures(const std::string& key, std::int64_t since);
  Status ClearLoginFailures(const std::string& key);
  Result<SectorTextRecord> AddSectorText(const SectorTextRecord& text);
  Result<std::vector<SectorTextRecord>> ReadSectorTexts(int year);

 private:
  SQLite::Database& db_;
};

}  // namespace banenmonitor::store
