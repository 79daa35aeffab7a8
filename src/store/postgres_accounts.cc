// The accounts store (store/accounts.h) of a PostgreSQL workspace: the tables
// of schema 4 and 6 (postgres_schema.cc), on a connection of its own. Each
// call is a transaction of its own.
#include <pqxx/pqxx>

#include "common/lang.h"
#include "store/accounts.h"

#include "store/postgres_schema.h"
#include "store/postgres_text.h"

namespace banenmonitor::store {
namespace pg {
namespace {

UserRecord UserFromPgRow(const pqxx::row& row) {
  return {row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(), row[3].as<std::string>(),
          row[4].as<std::string>()};
}

// Defines the statements below on `conn` ("@." in them stands for `quoted_schema`).
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

// False when a user of that name exists already (nothing is changed).
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

// Removes the user and its sessions; false when there was no such user.
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

// The next version of the text's scope and year; returns it with id and version.
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

}  // namespace
}  // namespace pg

namespace {

class PostgresAccounts final : public AccountStore {
 public:
  PostgresAccounts(const std::string& url, const std::string& schema)
      : conn_(url), schema_(schema), quoted_("\"" + schema + "\"") {
    // As the snapshot store's connection (postgres_store.cc).
    conn_.set_variable("client_encoding", "UTF8");
    conn_.set_variable("client_min_messages", "warning");
    pg::PrepareAccounts(conn_, quoted_);
  }

  Status AddUser(const UserRecord& u) override {
    auto added = Get<bool>(Pick("een gebruiker toevoegen", "adding a user"),
                           [&](pqxx::transaction_base& t) { return pg::AddUser(t, u); });
    if (!added) return added.error();
    if (!*added) return Status::InvalidInput(Say("gebruiker '{}' bestaat al", "user '{}' exists already", u.name));
    return Status::Ok();
  }
  Result<std::vector<UserRecord>> ListUsers() override {
    return Get<std::vector<UserRecord>>(Pick("de gebruikers opsommen", "listing users"), pg::ListUsers);
  }
  Result<std::optional<UserRecord>> FindUser(const std::string& name) override {
    return Get<std::optional<UserRecord>>(Pick("een gebruiker opzoeken", "looking up a user"),
                                          [&](pqxx::transaction_base& t) { return pg::FindUser(t, name); });
  }
  Result<bool> RemoveUser(const std::string& name) override {
    return Get<bool>(Pick("een gebruiker verwijderen", "removing a user"),
                     [&](pqxx::transaction_base& t) { return pg::RemoveUser(t, name); });
  }
  Status InsertSession(const SessionRecord& r) override {
    return Run(Pick("een sessie vastleggen", "recording a session"),
               [&](pqxx::transaction_base& t) { pg::InsertSession(t, r); });
  }
  Result<std::optional<SessionRecord>> FindSession(const std::string& token) override {
    return Get<std::optional<SessionRecord>>(Pick("een sessie opzoeken", "looking up a session"),
                                             [&](pqxx::transaction_base& t) { return pg::FindSession(t, token); });
  }
  Status DeleteSession(const std::string& token) override {
    return Run(Pick("een sessie beëindigen", "ending a session"),
               [&](pqxx::transaction_base& t) { pg::DeleteSession(t, token); });
  }
  Status DeleteExpiredSessions(std::int64_t now) override {
    return Run(Pick("verlopen sessies verwijderen", "removing expired sessions"),
               [&](pqxx::transaction_base& t) { pg::DeleteExpiredSessions(t, now); });
  }
  Status AppendAudit(const AuditRecord& r) override {
    return Run(Pick("het auditlogboek bijwerken", "writing the audit log"),
               [&](pqxx::transaction_base& t) { pg::AppendAudit(t, r); });
  }
  Result<std::vector<AuditRecord>> ReadAudit(std::int64_t limit) override {
    return Get<std::vector<AuditRecord>>(Pick("het auditlogboek lezen", "reading the audit log"),
                                         [&](pqxx::transaction_base& t) { return pg::ReadAudit(t, limit); });
  }
  Status RecordLoginFailure(const std::string& key, std::int64_t at, std::int64_t forget_before) override {
    return Run(Pick("een mislukte aanmelding vastleggen", "recording a failed login"),
               [&](pqxx::transaction_base& t) { pg::RecordLoginFailure(t, key, at, forget_before); });
  }
  Result<std::int64_t> CountLoginFailures(const std::string& key, std::int64_t since) override {
    return Get<std::int64_t>(Pick("mislukte aanmeldingen tellen", "counting failed logins"),
                             [&](pqxx::transaction_base& t) { return pg::CountLoginFailures(t, key, since); });
  }
  Status ClearLoginFailures(const std::string& key) override {
    return Run(Pick("mislukte aanmeldingen vergeten", "forgetting failed logins"),
               [&](pqxx::transaction_base& t) { pg::ClearLoginFailures(t, key); });
  }

  Result<SectorTextRecord> AddSectorText(const SectorTextRecord& text) override {
    return Get<SectorTextRecord>(Pick("een tekst van een sector opslaan", "storing a sector's text"),
                                 [&](pqxx::transaction_base& t) { return pg::AddSectorText(t, text); });
  }
  Result<std::vector<SectorTextRecord>> ReadSectorTexts(int year) override {
    return Get<std::vector<SectorTextRecord>>(Pick("de teksten van de sectoren lezen", "reading the sectors' texts"),
                                              [&](pqxx::transaction_base& t) { return pg::ReadSectorTexts(t, year); });
  }

 private:
  template <typename F>
  Status Run(std::string_view what, F&& f) {
    try {
      pqxx::work w(conn_);
      f(static_cast<pqxx::transaction_base&>(w));
      w.commit();
      return Status::Ok();
    } catch (const std::exception& e) {
      return pg::StoreError(schema_, e, what);
    }
  }

  // What `f` returns, run in a transaction of its own, or the Status of its failure.
  template <typename T, typename F>
  Result<T> Get(std::string_view what, F&& f) {
    T out{};
    Status s = Run(what, [&](pqxx::transaction_base& t) { out = f(t); });
    if (!s.ok()) return Fail(std::move(s));
    return out;
  }

  pqxx::connection conn_;
  const std::string schema_;
  const std::string quoted_;  // "schema", for splicing into statements
};

}  // namespace

Result<std::unique_ptr<AccountStore>> OpenPostgresAccounts(const std::string& url, const std::string& schema) {
  if (Status s = pg::CheckSchemaName(schema); !s.ok()) return Fail(std::move(s));
  try {
    return std::unique_ptr<AccountStore>(std::make_unique<PostgresAccounts>(url, schema));
  } catch (const std::exception& e) {
    return Fail(pg::ConnectError(url, e));
  }
}

}  // namespace banenmonitor::store
