// The tables of an SQLite workspace: opening the database file, the schema
// migrations (the same versions and meaning as the PostgreSQL store's,
// postgres_schema.cc) and the Status of an SQLite failure.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "banenmonitor/status.h"

namespace banenmonitor::store::sqlite {

// How long a statement waits for another connection's write lock.
inline constexpr int kBusyTimeoutMs = 10'000;

// Opens (creating when absent) the database at `path` in WAL mode with full
// synchronisation and foreign keys on; the Status of the failure, saying when
// the file system is read-only.
Result<std::unique_ptr<SQLite::Database>> OpenDatabase(const std::string& path);

// The store `Store`, an `Interface`, on the database at `path` (OpenDatabase).
// REQUIRES: `Store` is constructible from the std::unique_ptr<SQLite::Database>.
template <typename Interface, typename Store>
Result<std::unique_ptr<Interface>> OpenStore(const std::string& path) {
  auto db = OpenDatabase(path);
  if (!db) return Fail(db.error());
  return std::unique_ptr<Interface>(std::make_unique<Store>(std::move(*db)));
}

// Brings the schema to `version` (store/migration.h). Throws on an SQLite failure.
Status Migrate(SQLite::Database& db, int version);
// The highest migration applied (0 for a new database). Throws on failure.
int SchemaVersion(SQLite::Database& db);

// The Status of an SQLite failure while doing `what` (a phrase in the message language).
Status SqliteError(const std::exception& e, std::string_view what);

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
// What `f` returns, or the Status of its failure while doing `what`.
template <typename F>
auto Get(std::string_view what, F&& f) -> Result<decltype(f())> {
  try {
    return f();
  } catch (const std::exception& e) {
    return Fail(SqliteError(e, what));
  }
}

}  // namespace banenmonitor::store::sqlite
