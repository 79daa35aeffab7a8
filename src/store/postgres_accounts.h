// The dashboard's tables of the PostgreSQL store (postgres_store.cc): users,
// sessions and the audit log (schema 4) and failed logins (schema 6). Each
// function runs its statements in the transaction it is given and throws on
// failure; the store turns that into a Status at its boundary.
#pragma once

#include <pqxx/pqxx>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace banenmonitor::store::pg {

// Defines the statements below on `conn` ("@." in them stands for `quoted_schema`).
void PrepareAccounts(pqxx::connection& conn, const std::string& quoted_schema);

// False when a user of that name exists already (nothing is changed).
bool AddUser(pqxx::transaction_base& t, const UserRecord& user);
std::vector<UserRecord> ListUsers(pqxx::transaction_base& t);
std::optional<UserRecord> FindUser(pqxx::transaction_base& t, const std::string& name);
// Removes the user and its sessions; false when there was no such user.
bool RemoveUser(pqxx::transaction_base& t, const std::string& name);
void InsertSession(pqxx::transaction_base& t, const SessionRecord& session);
std::optional<SessionRecord> FindSession(pqxx::transaction_base& t, const std::string& token_sha256);
void DeleteSession(pqxx::transaction_base& t, const std::string& token_sha256);
void DeleteExpiredSessions(pqxx::transaction_base& t, std::int64_t now);
void AppendAudit(pqxx::transaction_base& t, const AuditRecord& record);
std::vector<AuditRecord> ReadAudit(pqxx::transaction_base& t, std::int64_t limit);
void RecordLoginFailure(pqxx::transaction_base& t, const std::string& key, std::int64_t at,
                        std::int64_t forget_before);
std::int64_t CountLoginFailures(pqxx::transaction_base& t, const std::string& key, std::int64_t since);
void ClearLoginFailures(pqxx::transaction_base& t, const std::string& key);
// The next version of the text's scope and year; returns it with id and version.
SectorTextRecord AddSectorText(pqxx::transaction_base& t, const SectorTextRecord& text);
std::vector<SectorTextRecord> ReadSectorTexts(pqxx::transaction_base& t, int year);

}  // namespace banenmonitor::store::pg
