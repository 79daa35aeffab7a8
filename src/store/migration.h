// The shape of a store's schema migrations, shared by the SQLite store
// (sqlite_schema.cc) and the PostgreSQL store (postgres_schema.cc). Each store
// has its own table of steps (the SQL differs: column types, the schema
// prefix) with the same versions and meaning, and one loop that applies the
// pending steps in order, each in a transaction of its own, recording it in
// schema_migrations. A new table or column is a new step in both tables (and
// kSchemaVersion in store.h one higher); a step that has shipped is never edited.
#pragma once

#include "banenmonitor/status.h"
#include "common/lang.h"
#include "store/store.h"

namespace banenmonitor::store {

struct Migration {
  int version;
  const char* sql;
};

// InvalidInput when a store at schema version `current` is newer than this
// program knows (kSchemaVersion): it must not be written by this program.
inline Status CheckSchemaNotNewer(int current) {
  if (current <= kSchemaVersion) return Status::Ok();
  return Status::InvalidInput(Say(
      "de werkruimte heeft schemaversie {}, nieuwer dan dit programma kent ({}): gebruik een nieuwere banenmonitor",
      "the workspace has schema version {}, newer than this program knows ({}): use a newer banenmonitor", current,
      kSchemaVersion));
}

}  // namespace banenmonitor::store
