// The rows of an import into the SQLite store (sqlite_store.cc): one prepared
// INSERT per table, made from a table of the tables' columns, and one binder
// for all of them; the persons dictionary (a pseudonym becomes a row id).
// Every function throws on an SQLite failure; the store turns that into a
// Status at its boundary and owns the transaction.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "data/person_index.h"
#include "data/row_sink.h"
#include "store/store.h"

namespace banenmonitor::store::sqlite {

class Writer {
 public:
  explicit Writer(SQLite::Database& db) : db_(db) {}

  // Drops the prepared statements, so that the next row prepares them for a
  // store at `schema_version` (a store not yet migrated takes the rows its
  // schema has: payroll without wages before schema 3, employers and register
  // rows without a region before schema 8).
  void Reset(int schema_version);
  // Forgets the persons known to be stored: call when a transaction that may
  // have stored some is rolled back, or when the pseudonyms changed.
  void ForgetPersons() {
    person_index_ = data::PersonIdIndex();
    person_pseudonyms_.clear();
    person_ids_.clear();
  }

  // The new snapshot's row id.
  std::int64_t AddSnapshot(const SnapshotRecord& s);
  // Its files, invalid rows and quality report.
  void FinishSnapshot(const SnapshotRecord& s);
  void AddKey(const KeyRecord& key);
  void Add(std::int64_t snapshot, std::int64_t ordinal, std::int64_t line, const Employer& e);
  void Add(std::int64_t snapshot, std::int64_t line, const Target& t);
  void Add(std::int64_t snapshot, const data::RegisterRow& r);
  void Add(std::int64_t snapshot, const data::PayrollRow& r);
  void Add(std::int64_t snapshot, const data::HireInRow& r);
  void Add(std::int64_t snapshot, const data::EmployerHoursRow& r);
  void Add(std::int64_t snapshot, const data::SroiRow& r);
  void Add(std::int64_t snapshot, const QuarantineRecord& q);

  // The tables rows go into, one INSERT each (sqlite_write.cc: kInserts).
  enum Table : std::size_t {
    kSnapshots, kSnapshotFiles, kKeys, kEmployers, kEmployersBeforeRegions, kRegister, kRegisterBeforeRegions, kTargets, kPayroll, kPayrollBeforeWages, kHireIn, kQuarantine, kEmployerHours, kSroi,
    kTableCount
  };

 private:
  // Binds `values` to the table's INSERT in column order and runs it; values
  // beyond the statement's columns are not bound (an older schema's table).
  template <typename... Values>
  void Insert(Table table, const Values&... values);
  SQLite::Statement& Prepared(Table table);
  // The id of a pseudonym in the persons dictionary, adding it when new.
  std::int64_t Person(std::string_view pseudonym);

  SQLite::Database& db_;
  int schema_ = kSchemaVersion;
  std::array<std::unique_ptr<SQLite::Statement>, kTableCount> inserts_;
  std::unique_ptr<SQLite::Statement> finish_snapshot_, find_person_, insert_person_;
  // The persons known to be stored: person_ids_[i] is the row id of person_pseudonyms_[i].
  data::PersonIdIndex person_index_;
  std::vector<std::string> person_pseudonyms_;
  std::vector<std::int64_t> person_ids_;
};

}  // namespace banenmonitor::store::sqlite
