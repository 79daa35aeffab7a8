// Reading a snapshot's rows back from the PostgreSQL store, in file order.
#pragma once

#include <cstdint>
#include <pqxx/pqxx>
#include <string_view>

#include "data/row_sink.h"

namespace banenmonitor::store::pg {

// Defines the read statements on the connection (prepared on first use).
void PrepareReads(pqxx::connection_base& conn, std::string_view quoted_schema);

// Hands the rows of `snapshot` to `sink` in file order (employers by ordinal,
// then register, targets, payroll, hire-in, employer hours, social return,
// each by line), as the SQLite store does. Bulk rows are read a chunk at a
// time, so memory stays bounded whatever the snapshot's size. Throws on failure.
void ReadRows(pqxx::transaction_base& t, std::int64_t snapshot, data::RowSink& sink);

}  // namespace banenmonitor::store::pg
