#include "store/postgres_accounts.h"

#include "store/postgres_schema.h"
#include "store/postgres_text.h"

namespace banenmonitor::store::pg {

namespace {

UserRecord UserFromPgRow(const pqxx::row& row) {
  return {row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(), row[3].as<std::string>(),
          row[4].as<std::string>()};
}

}  // namespace

void PrepareAccounts(pqxx::connection& conn, const std::string& quoted_schema) {
  auto def = [&](const char* name, std::string_view sql) { conn.prepare(name, WithSchema(sql, quoted_schema)); };
  // Schema 4: users, sessions, audit log.
  def("bm_add_user",
      "INSERT INTO @.users(name, role, scope, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (name) DO NOTHING RETURNING name");
  def("bm_list_users", "SELECT name, role, scope, password_hash, created_at FROM @.users ORDER BY name");
  def("bm_find_user", "SELECT name, role, scope, password_hash, created_at FROM @.users WHERE name = $1");
  def("bm_remove_user", "DELETE FROM @.users WHERE name = $1");
  def("bm_delete_user_sessions", "DELETE FROM @.sessions WHERE user_name = $1");
  def("bm_insert_session",
      "INSERT INTO @.sessions(token_sha256, user_name, csrf_token, created_at, expires_at, address) "
      "VALUES ($1, $2, $3, $4, $5, $6)");
  def("bm_find_session",
      "SELECT token_sha256, user_name, csrf_token, created_at, expires_at, address FROM @.sessions "
      "WHERE token_sha256 = $1");
  def("bm_delete_session", "DELETE FROM @.sessions WHERE token_sha256 = $1");
  def("bm_delete_expired_sessions", "DELETE FROM @.sessions WHERE expires_at <= $1");
  def("bm_append_audit", "INSERT INTO @.audit_log(at, user_name, action, detail, address) VALUES ($1, $2, $3, $4, $5)");
  def("bm_read_audit",
      "SELECT id, at, user_name, action, detail, address FROM (SELECT * FROM @.audit_log ORDER BY id DESC "
      "LIMIT $1) AS last ORDER BY id");
  // Schema 6: failed logins.
  def("bm_forget_login_failures", "DELETE FROM @.login_failures WHERE at < $1");
  def("bm_record_login_failure", "INSERT INTO @.login_failures(key, at) VALUES ($1, $2)");
  def("bm_count_login_failures", "SELECT COUNT(*) FROM @.login_failures WHERE key = $1 AND at >= $2");
  def("bm_clear_login_failures", "DELETE FROM @.login_failures WHERE key = $1");
  // Schema 7: the sectors' texts. The table is locked so that two writers of
  // one scope and year cannot take the same version.
  def("bm_lock_sector_texts", "LOCK TABLE @.sector_texts IN SHARE ROW EXCLUSIVE MODE");
  def("bm_add_sector_text",
      "INSERT INTO @.sector_texts(scope, year, version, status, markdown, author, at) "
      "SELECT $1, $2, COALESCE(MAX(version), 0) + 1, $3, $4, $5, $6 FROM @.sector_texts WHERE scope = $1 AND year = $2 "
      "RETURNING id, version");
  def("bm_read_sector_texts",
      "SELECT id, scope, year, version, status, markdown, author, at FROM @.sector_texts WHERE year = $1 "
      "ORDER BY scope, version");
}

bool AddUser(pqxx::transaction_base& t, const UserRecord& u) {
  return !t.exec_prepared("bm_add_user", CheckText("user name", u.name), CheckText("role", u.role),
                          CheckText("scope", u.scope), CheckText("password hash", u.password_hash),
                          CheckText("created_at", u.created_at))
              .empty();
}

std::vector<UserRecord> ListUsers(pqxx::transaction_base& t) {
  std::vector<UserRecord> out;
  for (const auto& row : t.exec_prepared("bm_list_users")) out.push_back(UserFromPgRow(row));
  return out;
}

std::optional<UserRecord> FindUser(pqxx::transaction_base& t, const std::string& name) {
  auto r = t.exec_prepared("bm_find_user", CheckText("user name", name));
  if (r.empty()) return std::nullopt;
  return UserFromPgRow(r[0]);
}

bool RemoveUser(pqxx::transaction_base& t, const std::string& name) {
  t.exec_prepared("bm_delete_user_sessions", CheckText("user name", name));
  return t.exec_prepared("bm_remove_user", name).affected_rows() > 0;
}

void InsertSession(pqxx::transaction_base& t, const SessionRecord& r) {
  t.exec_prepared("bm_insert_session", CheckText("token", r.token_sha256), CheckText("user name", r.user),
                  CheckText("csrf token", r.csrf_token), r.created_at, r.expires_at, CheckText("address", r.address));
}

std::optional<SessionRecord> FindSession(pqxx::transaction_base& t, const std::string& token_sha256) {
  auto r = t.exec_prepared("bm_find_session", CheckText("token", token_sha256));
  if (r.empty()) return std::nullopt;
  return SessionRecord{r[0][0].as<std::string>(), r[0][1].as<std::string>(), r[0][2].as<std::string>(),
                       r[0][3].as<std::int64_t>(), r[0][4].as<std::int64_t>(), r[0][5].as<std::string>()};
}

void DeleteSession(pqxx::transaction_base& t, const std::string& token_sha256) {
  t.exec_prepared("bm_delete_session", CheckText("token", token_sha256));
}

void DeleteExpiredSessions(pqxx::transaction_base& t, std::int64_t now) {
  t.exec_prepared("bm_delete_expired_sessions", now);
}

void AppendAudit(pqxx::transaction_base& t, const AuditRecord& r) {
  t.exec_prepared("bm_append_audit", CheckText("time", r.at), CheckText("user name", r.user),
                  CheckText("action", r.action), CheckText("detail", r.detail), CheckText("address", r.address));
}

std::vector<AuditRecord> ReadAudit(pqxx::transaction_base& t, std::int64_t limit) {
  std::vector<AuditRecord> out;
  for (const auto& row : t.exec_prepared("bm_read_audit", limit)) {
    out.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>(),
                   row[3].as<std::string>(), row[4].as<std::string>(), row[5].as<std::string>()});
  }
  return out;
}

void RecordLoginFailure(pqxx::transaction_base& t, const std::string& key, std::int64_t at,
                        std::int64_t forget_before) {
  t.exec_prepared("bm_forget_login_failures", forget_before);
  t.exec_prepared("bm_record_login_failure", CheckText("login key", key), at);
}

std::int64_t CountLoginFailures(pqxx::transaction_base& t, const std::string& key, std::int64_t since) {
  return t.exec_prepared1("bm_count_login_failures", CheckText("login key", key), since)[0].as<std::int64_t>();
}

void ClearLoginFailures(pqxx::transaction_base& t, const std::string& key) {
  t.exec_prepared("bm_clear_login_failures", CheckText("login key", key));
}

SectorTextRecord AddSectorText(pqxx::transaction_base& t, const SectorTextRecord& text) {
  t.exec_prepared("bm_lock_sector_texts");
  auto row = t.exec_prepared1("bm_add_sector_text", CheckText("scope", text.scope), text.year, CheckText("status", text.status),
                              CheckText("text", text.markdown), CheckText("author", text.author), CheckText("at", text.at));
  SectorTextRecord out = text;
  out.id = row[0].as<std::int64_t>();
  out.version = row[1].as<int>();
  return out;
}

std::vector<SectorTextRecord> ReadSectorTexts(pqxx::transaction_base& t, int year) {
  std::vector<SectorTextRecord> out;
  for (const auto& row : t.exec_prepared("bm_read_sector_texts", year)) {
    out.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<int>(), row[3].as<int>(),
                   row[4].as<std::string>(), row[5].as<std::string>(), row[6].as<std::string>(), row[7].as<std::string>()});
  }
  return out;
}

}  // namespace banenmonitor::store::pg
