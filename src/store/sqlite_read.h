// Reading from the SQLite store (sqlite_store.cc): the snapshots, a
// snapshot's rows in file order, its quarantine, the current key generation.
// Every function throws on an SQLite failure; the store turns that into a
// Status at its boundary.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "data/row_sink.h"
#include "store/store.h"

namespace banenmonitor::store::sqlite {

// Every snapshot by id, each with its files in the order of the data contract.
std::vector<SnapshotRecord> ListSnapshots(SQLite::Database& db);
std::optional<std::int64_t> FindByContent(SQLite::Database& db, const std::string& content_sha256);
// Hands the rows of `snapshot` to `sink` in file order (employers by ordinal,
// then register, targets, payroll, hire-in, employer hours, social return,
// each by line), as the PostgreSQL store does (postgres_read.cc). A snapshot
// with a rows file (schema 10, rows_file.h) has its payroll, hire-in and
// employer-hours rows read from that file in `rows_dir`; the Status says when
// the file is missing or damaged (rows already handed on must be discarded).
Status ReadRows(SQLite::Database& db, const std::filesystem::path& rows_dir, std::int64_t snapshot,
                data::RowSink& sink);
// The highest committed snapshot id, 0 when there is none.
std::int64_t LastSnapshotId(SQLite::Database& db);
// By file, then line.
std::vector<QuarantineRecord> ReadQuarantine(SQLite::Database& db, std::int64_t snapshot);
// The newest key generation recorded, if any.
std::optional<KeyRecord> CurrentKey(SQLite::Database& db);

}  // namespace banenmonitor::store::sqlite
