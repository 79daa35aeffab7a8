// The tables of a PostgreSQL workspace: versioned migrations, with the same
// meaning as the SQLite store's (sqlite_schema.cc), and the schema name.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "store/migration.h"

namespace banenmonitor::store::pg {

// The steps of the PostgreSQL schema (store/migration.h), in version order;
// "@." in their SQL stands for the quoted schema and a dot.
std::span<const Migration> Migrations();

// A workspace schema name: [a-z_][a-z0-9_]*, at most 63 bytes (PostgreSQL's
// NAMEDATALEN - 1), not pg_* (reserved for the system). Only such a name is
// ever spliced into a statement, and always quoted.
bool IsSchemaName(std::string_view name);
// Usage when `name` is not a schema name (IsSchemaName), saying what one is.
Status CheckSchemaName(std::string_view name);

// `sql` with every "@." replaced by `quoted_schema` and a dot.
std::string WithSchema(std::string_view sql, std::string_view quoted_schema);

}  // namespace banenmonitor::store::pg
