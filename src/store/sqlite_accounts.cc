// The accounts store (store/accounts.h) of an SQLite workspace: the tables of
// schema 4 and 6 (sqlite_schema.cc), on a connection of its own to the
// workspace's database.
#include <SQLiteCpp/SQLiteCpp.h>

#include <string_view>
#include <vector>

#include "common/lang.h"
#include "store/accounts.h"
#include "store/sqlite_bind.h"
#include "store/sqlite_schema.h"

namespace banenmonitor::store {

namespace {

using sqlite::Exec;
using sqlite::SqliteError;

UserRecord UserFromRow(SQLite::Statement& q) {
  return {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
          q.getColumn(3).getString(), q.getColumn(4).getString()};
}

// The audit record of a row of audit_log (id, at, user_name, action, detail, address).
AuditRecord AuditFromRow(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
          q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString()};
}

// The text of a row of sector_texts (id, scope, year, version, status, markdown, author, at).
SectorTextRecord SectorTextFromRow(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt(),
          q.getColumn(3).getInt(),   q.getColumn(4).getString(), q.getColumn(5).getString(),
          q.getColumn(6).getString(), q.getColumn(7).getString()};
}

class SqliteAccounts final : public AccountStore {
 public:
  explicit SqliteAccounts(std::unique_ptr<SQLite::Database> db) : db_(std::move(db)) {}

  Status AddUser(const UserRecord& u) override {
    bool taken = false;
    Status s = sqlite::Attempt(Pick("een gebruiker toevoegen", "adding a user"), [&] {
      SQLite::Statement exists(*db_, "SELECT 1 FROM users WHERE name = ?");
      sqlite::BindAll(exists, u.name);
      taken = exists.executeStep();
      if (taken) return;
      Exec(*db_, "INSERT INTO users(name, role, scope, password_hash, created_at) VALUES (?, ?, ?, ?, ?)", u.name,
           u.role, u.scope, u.password_hash, u.created_at);
    });
    if (s.ok() && taken) return Status::InvalidInput(Say("gebruiker '{}' bestaat al", "user '{}' exists already", u.name));
    return s;
  }

  Result<std::vector<UserRecord>> ListUsers() override {
    return sqlite::Get(Pick("de gebruikers opsommen", "listing users"), [&] {
      std::vector<UserRecord> out;
      SQLite::Statement q(*db_, "SELECT name, role, scope, password_hash, created_at FROM users ORDER BY name");
      while (q.executeStep()) out.push_back(UserFromRow(q));
      return out;
    });
  }

  Result<std::optional<UserRecord>> FindUser(const std::string& name) override {
    return sqlite::Get(Pick("een gebruiker opzoeken", "looking up a user"), [&] {
      SQLite::Statement q(*db_, "SELECT name, role, scope, password_hash, created_at FROM users WHERE name = ?");
      sqlite::BindAll(q, name);
      if (q.executeStep()) return std::optional<UserRecord>(UserFromRow(q));
      return std::optional<UserRecord>();
    });
  }

  Result<bool> RemoveUser(const std::string& name) override {
    return sqlite::Get(Pick("een gebruiker verwijderen", "removing a user"), [&] {
      SQLite::Transaction tx(*db_);
      Exec(*db_, "DELETE FROM sessions WHERE user_name = ?", name);
      bool removed = Exec(*db_, "DELETE FROM users WHERE name = ?", name) > 0;
      tx.commit();
      return removed;
    });
  }

  Status InsertSession(const SessionRecord& r) override {
    return sqlite::Attempt(Pick("een sessie vastleggen", "recording a session"), [&] {
      Exec(*db_,
           "INSERT INTO sessions(token_sha256, user_name, csrf_token, created_at, expires_at, address) "
           "VALUES (?, ?, ?, ?, ?, ?)",
           r.token_sha256, r.user, r.csrf_token, r.created_at, r.expires_at, r.address);
    });
  }

  Result<std::optional<SessionRecord>> FindSession(const std::string& token_sha256) override {
    return sqlite::Get(Pick("een sessie opzoeken", "looking up a session"), [&] {
      SQLite::Statement q(*db_,
                          "SELECT token_sha256, user_name, csrf_token, created_at, expires_at, address FROM sessions "
                          "WHERE token_sha256 = ?");
      sqlite::BindAll(q, token_sha256);
      if (!q.executeStep()) return std::optional<SessionRecord>();
      return std::optional<SessionRecord>(SessionRecord{q.getColumn(0).getString(), q.getColumn(1).getString(),
                                                        q.getColumn(2).getString(), q.getColumn(3).getInt64(),
                                                        q.getColumn(4).getInt64(), q.getColumn(5).getString()});
    });
  }

  Status DeleteSession(const std::string& token_sha256) override {
    return sqlite::Attempt(Pick("een sessie beëindigen", "ending a session"),
                   [&] { Exec(*db_, "DELETE FROM sessions WHERE token_sha256 = ?", token_sha256); });
  }

  Status DeleteExpiredSessions(std::int64_t now) override {
    return sqlite::Attempt(Pick("verlopen sessies verwijderen", "removing expired sessions"),
                   [&] { Exec(*db_, "DELETE FROM sessions WHERE expires_at <= ?", now); });
  }

  Status AppendAudit(const AuditRecord& r) override {
    return sqlite::Attempt(Pick("het auditlogboek bijwerken", "writing the audit log"), [&] {
      Exec(*db_, "INSERT INTO audit_log(at, user_name, action, detail, address) VALUES (?, ?, ?, ?, ?)", r.at,
           r.user, r.action, r.detail, r.address);
    });
  }

  Result<std::vector<AuditRecord>> ReadAudit(std::int64_t limit) override {
    return SelectAll(
        Pick("het auditlogboek lezen", "reading the audit log"),
        "SELECT id, at, user_name, action, detail, address FROM (SELECT * FROM audit_log ORDER BY id DESC LIMIT ?) "
        "ORDER BY id",
        AuditFromRow, limit);
  }

  Status RecordLoginFailure(const std::string& key, std::int64_t at, std::int64_t forget_before) override {
    return sqlite::Attempt(Pick("een mislukte aanmelding vastleggen", "recording a failed login"), [&] {
      SQLite::Transaction tx(*db_);
      Exec(*db_, "DELETE FROM login_failures WHERE at < ?", forget_before);
      Exec(*db_, "INSERT INTO login_failures(key, at) VALUES (?, ?)", key, at);
      tx.commit();
    });
  }

  Result<std::int64_t> CountLoginFailures(const std::string& key, std::int64_t since) override {
    return sqlite::Get(Pick("mislukte aanmeldingen tellen", "counting failed logins"), [&] {
      SQLite::Statement q(*db_, "SELECT COUNT(*) FROM login_failures WHERE key = ? AND at >= ?");
      sqlite::BindAll(q, key, since);
      q.executeStep();
      return q.getColumn(0).getInt64();
    });
  }

  Status ClearLoginFailures(const std::string& key) override {
    return sqlite::Attempt(Pick("mislukte aanmeldingen vergeten", "forgetting failed logins"),
                   [&] { Exec(*db_, "DELETE FROM login_failures WHERE key = ?", key); });
  }

  Result<SectorTextRecord> AddSectorText(const SectorTextRecord& text) override {
    SectorTextRecord out = text;
    Status s = sqlite::Attempt(Pick("een tekst van een sector opslaan", "storing a sector's text"), [&] {
      SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
      SQLite::Statement q(*db_,
                          "INSERT INTO sector_texts(scope, year, version, status, markdown, author, at) "
                          "SELECT ?1, ?2, COALESCE(MAX(version), 0) + 1, ?3, ?4, ?5, ?6 FROM sector_texts "
                          "WHERE scope = ?1 AND year = ?2 RETURNING id, version");
      sqlite::BindAll(q, text.scope, text.year, text.status, text.markdown, text.author, text.at);
      q.executeStep();
      out.id = q.getColumn(0).getInt64();
      out.version = q.getColumn(1).getInt();
      q.reset();
      tx.commit();
    });
    if (!s.ok()) return Fail(s);
    return out;
  }

  Result<std::vector<SectorTextRecord>> ReadSectorTexts(int year) override {
    return SelectAll(
        Pick("de teksten van de sectoren lezen", "reading the sectors' texts"),
        "SELECT id, scope, year, version, status, markdown, author, at FROM sector_texts WHERE year = ? ORDER BY "
        "scope, version",
        SectorTextFromRow, year);
  }

 private:
  // Every row `sql` selects with `values` bound, each made by `row(q)`; or the Status of
  // the failure while doing `what`.
  template <typename Row, typename... Values>
  Result<std::vector<Row>> SelectAll(std::string_view what, const char* sql, Row (*row)(SQLite::Statement&),
                                     const Values&... values) {
    return sqlite::Get(what, [&] {
      std::vector<Row> out;
      SQLite::Statement q(*db_, sql);
      sqlite::BindAll(q, values...);
      while (q.executeStep()) out.push_back(row(q));
      return out;
    });
  }

  std::unique_ptr<SQLite::Database> db_;
};

}  // namespace

Result<std::unique_ptr<AccountStore>> OpenSqliteAccounts(const std::string& path) {
  return sqlite::OpenStore<AccountStore, SqliteAccounts>(path);
}

}  // namespace banenmonitor::store
