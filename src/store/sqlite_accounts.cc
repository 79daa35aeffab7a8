#include "store/sqlite_accounts.h"

#include <fmt/format.h>

#include "common/lang.h"

namespace banenmonitor::store {

namespace {

UserRecord UserFromRow(SQLite::Statement& q) {
  return {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
          q.getColumn(3).getString(), q.getColumn(4).getString()};
}

// Runs `f`; an exception becomes the Status of doing `what`.
template <typename F>
Status Attempt(std::string_view what, F&& f) {
  try {
    f();
    return Status::Ok();
  } catch (const std::exception& e) {
    return SqliteError(e, what);
  }
}

}  // namespace

Status SqliteError(const std::exception& e, std::string_view what) {
  return Status::IoError(Say("werkruimte-opslag (SQLite): {}: {}", "workspace store (SQLite): {}: {}", what, e.what()));
}

Status SqliteAccounts::AddUser(const UserRecord& u) {
  try {
    SQLite::Statement exists(db_, "SELECT 1 FROM users WHERE name = ?");
    exists.bind(1, u.name);
    if (exists.executeStep()) {
      return Status::InvalidInput(Say("gebruiker '{}' bestaat al", "user '{}' exists already", u.name));
    }
    SQLite::Statement q(db_, "INSERT INTO users(name, role, scope, password_hash, created_at) VALUES (?, ?, ?, ?, ?)");
    q.bind(1, u.name);
    q.bind(2, u.role);
    q.bind(3, u.scope);
    q.bind(4, u.password_hash);
    q.bind(5, u.created_at);
    q.exec();
    return Status::Ok();
  } catch (const std::exception& e) {
    return SqliteError(e, Pick("een gebruiker toevoegen", "adding a user"));
  }
}

Result<std::vector<UserRecord>> SqliteAccounts::ListUsers() {
  try {
    std::vector<UserRecord> out;
    SQLite::Statement q(db_, "SELECT name, role, scope, password_hash, created_at FROM users ORDER BY name");
    while (q.executeStep()) out.push_back(UserFromRow(q));
    return out;
  } catch (const std::exception& e) {
    return Fail(SqliteError(e, Pick("de gebruikers opsommen", "listing users")));
  }
}

Result<std::optional<UserRecord>> SqliteAccounts::FindUser(const std::string& name) {
  try {
    SQLite::Statement q(db_, "SELECT name, role, scope, password_hash, created_at FROM users WHERE name = ?");
    q.bind(1, name);
    if (q.executeStep()) return std::optional<UserRecord>(UserFromRow(q));
    return std::optional<UserRecord>();
  } catch (const std::exception& e) {
    return Fail(SqliteError(e, Pick("een gebruiker opzoeken", "looking up a user")));
  }
}

Result<bool> SqliteAccounts::RemoveUser(const std::string& name) {
  try {
    SQLite::Transaction tx(db_);
    SQLite::Statement s(db_, "DELETE FROM sessions WHERE user_name = ?");
    s.bind(1, name);
    s.exec();
    SQLite::Statement q(db_, "DELETE FROM users WHERE name = ?");
    q.bind(1, name);
    bool removed = q.exec() > 0;
    tx.commit();
    return removed;
  } catch (const std::exception& e) {
    return Fail(SqliteError(e, Pick("een gebruiker verwijderen", "removing a user")));
  }
}

Status SqliteAccounts::InsertSession(const SessionRecord& r) {
  return Attempt(Pick("een sessie vastleggen", "recording a session"), [&] {
    SQLite::Statement q(db_,
                        "INSERT INTO sessions(token_sha256, user_name, csrf_token, created_at, expires_at, address) "
                        "VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, r.token_sha256);
    q.bind(2, r.user);
    q.bind(3, r.csrf_token);
    q.bind(4, r.created_at);
    q.bind(5, r.expires_at);
    q.bind(6, r.address);
    q.exec();
  });
}

Result<std::optional<SessionRecord>> SqliteAccounts::FindSession(const std::string& token_sha256) {
  try {
    SQLite::Statement q(db_,
                        "SELECT token_sha256, user_name, csrf_token, created_at, expires_at, address FROM sessions "
                        "WHERE token_sha256 = ?");
    q.bind(1, token_sha256);
    if (!q.executeStep()) return std::optional<SessionRecord>();
    return std::optional<SessionRecord>(SessionRecord{q.getColumn(0).getString(), q.getColumn(1).getString(),
                                                      q.getColumn(2).getString(), q.getColumn(3).getInt64(),
                                                      q.getColumn(4).getInt64(), q.getColumn(5).getString()});
  } catch (const std::exception& e) {
    return Fail(SqliteError(e, Pick("een sessie opzoeken", "looking up a session")));
  }
}

Status SqliteAccounts::DeleteSession(const std::string& token_sha256) {
  return Attempt(Pick("een sessie beëindigen", "ending a session"), [&] {
    SQLite::Statement q(db_, "DELETE FROM sessions WHERE token_sha256 = ?");
    q.bind(1, token_sha256);
    q.exec();
  });
}

Status SqliteAccounts::DeleteExpiredSessions(std::int64_t now) {
  return Attempt(Pick("verlopen sessies verwijderen", "removing expired sessions"), [&] {
    SQLite::Statement q(db_, "DELETE FROM sessions WHERE expires_at <= ?");
    q.bind(1, now);
    q.exec();
  });
}

Status SqliteAccounts::AppendAudit(const AuditRecord& r) {
  return Attempt(Pick("het auditlogboek bijwerken", "writing the audit log"), [&] {
    SQLite::Statement q(db_, "INSERT INTO audit_log(at, user_name, action, detail, address) VALUES (?, ?, ?, ?, ?)");
    q.bind(1, r.at);
    q.bind(2, r.user);
    q.bind(3, r.action);
    q.bind(4, r.detail);
    q.bind(5, r.address);
    q.exec();
  });
}

Result<std::vector<AuditRecord>> SqliteAccounts::ReadAudit(std::int64_t limit) {
  try {
    std::vector<AuditRecord> out;
    SQLite::Statement q(db_,
                        "SELECT id, at, user_name, action, detail, address FROM (SELECT * FROM audit_log ORDER BY id "
                        "DESC LIMIT ?) ORDER BY id");
    q.bind(1, limit);
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                     q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString()});
    }
    return out;
  } catch (const std::exception& e) {
    return Fail(SqliteError(e, Pick("het auditlogboek lezen", "reading the audit log")));
  }
}

Status SqliteAccounts::RecordLoginFailure(const std::string& key, std::int64_t at, std::int64_t forget_before) {
  return Attempt(Pick("een mislukte aanmelding vastleggen", "recording a failed login"), [&] {
    SQLite::Transaction tx(db_);
    SQLite::Statement forget(db_, "DELETE FROM login_failures WHERE at < ?");
    forget.bind(1, forget_before);
    forget.exec();
    SQLite::Statement q(db_, "INSERT INTO login_failures(key, at) VALUES (?, ?)");
    q.bind(1, key);
    q.bind(2, at);
    q.exec();
    tx.commit();
  });
}

Result<std::int64_t> SqliteAccounts::CountLoginFailures(const std::string& key, std::int64_t since) {
  try {
    SQLite::Statement q(db_, "SELECT COUNT(*) FROM login_failures WHERE key = ? AND at >= ?");
    q.bind(1, key);
    q.bind(2, since);
    q.executeStep();
    return q.getColumn(0).getInt64();
  } catch (const std::exception& e) {
    return Fail(SqliteError(e, Pick("mislukte aanmeldingen tellen", "counting failed logins")));
  }
}

Status SqliteAccounts::ClearLoginFailures(const std::string& key) {
  return Attempt(Pick("mislukte aanmeldingen vergeten", "forgetting failed logins"), [&] {
    SQLite::Statement q(db_, "DELETE FROM login_failures WHERE key = ?");
    q.bind(1, key);
    q.exec();
  });
}

Result<SectorTextRecord> SqliteAccounts::AddSectorText(const SectorTextRecord& text) {
  SectorTextRecord out = text;
  Status s = Attempt(Pick("een tekst van een sector opslaan", "storing a sector's text"), [&] {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement q(db_,
                        "INSERT INTO sector_texts(scope, year, version, status, markdown, author, at) "
                        "SELECT ?1, ?2, COALESCE(MAX(version), 0) + 1, ?3, ?4, ?5, ?6 FROM sector_texts "
                        "WHERE scope = ?1 AND year = ?2 RETURNING id, version");
    q.bind(1, text.scope);
    q.bind(2, text.year);
    q.bind(3, text.status);
    q.bind(4, text.markdown);
    q.bind(5, text.author);
    q.bind(6, text.at);
    q.executeStep();
    out.id = q.getColumn(0).getInt64();
    out.version = q.getColumn(1).getInt();
    q.reset();
    tx.commit();
  });
  if (!s.ok()) return Fail(s);
  return out;
}

Result<std::vector<SectorTextRecord>> SqliteAccounts::ReadSectorTexts(int year) {
  try {
    std::vector<SectorTextRecord> out;
    SQLite::Statement q(db_,
                        "SELECT id, scope, year, version, status, markdown, author, at FROM sector_texts WHERE year = ? "
                        "ORDER BY scope, version");
    q.bind(1, year);
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt(), q.getColumn(3).getInt(),
                     q.getColumn(4).getString(), q.getColumn(5).getString(), q.getColumn(6).getString(),
                     q.getColumn(7).getString()});
    }
    return out;
  } catch (const std::exception& e) {
    return Fail(SqliteError(e, Pick("de teksten van de sectoren lezen", "reading the sectors' texts")));
  }
}

}  // namespace banenmonitor::store
