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
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "data/person_index.h"
#include "data/row_sink.h"
#include "store/rows_file.h"
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
    by_number_.Clear();
  }

  // From schema 10 the payroll, hire-in and employer-hours rows of the open
  // import go to `rows` (rows_file.h; person numbers index PersonIds())
  // instead of their tables, and from schema 11 its register and
  // social-return rows too; nullptr: to the tables again.
  void UseRowsFile(RowsFileWriter* rows) { rows_ = rows; }
  // Stores the persons of the open import not yet in the persons table, and
  // finds the row ids of those that are: in one pass in pseudonym order, not
  // one query per person as they come (from schema 11 every row that names a
  // person is in the rows file, so its persons.id is needed only here).
  // Call before PersonIds() at the end of an import; throws on an SQLite failure.
  void StorePersons();
  // REQUIRES: StorePersons() since the last row. The persons.id of each
  // person number handed to the rows file.
  std::span<const std::int64_t> PersonIds() const { return person_ids_; }
  // Records snapshot `snapshot`'s rows file (schema 10).
  void AddRowsFile(std::int64_t snapshot, const RowsFileRecord& r);

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
    kSnapshots, kSnapshotFiles, kKeys, kEmployers, kEmployersBeforeRegions, kRegister, kRegisterBeforeRegions, kTargets, kPayroll, kPayrollBeforeWages, kHireIn, kQuarantine, kEmployerHours, kSroi, kSnapshotRows, kSnapshotRowsBeforeRegister,
    kTableCount
  };

 private:
  // The numbers first, first + 1, ... of person_pseudonyms_ in the order of their pseudonyms.
  std::vector<std::uint32_t> PseudonymOrder(std::size_t first) const;
  // Binds `values` to the table's INSERT in column order and runs it; values
  // beyond the statement's columns are not bound (an older schema's table).
  template <typename... Values>
  void Insert(Table table, const Values&... values);
  SQLite::Statement& Prepared(Table table);
  // The position in person_pseudonyms_ of a pseudonym. With every person row
  // in the rows file (PersonsDeferred) its persons.id comes at StorePersons;
  // otherwise it is looked up, or stored, now (person_ids_ holds it).
  std::uint32_t PersonNumber(std::string_view pseudonym);
  bool PersonsDeferred() const { return rows_ != nullptr && schema_ >= 11; }
  // PersonNumber of a row's person, looked up once per person number of the import (row_sink.h).
  template <typename Row>
  std::uint32_t PersonNumberOf(const Row& r) {
    if (r.person_number == data::kUnnumbered) return PersonNumber(r.person_id);
    return by_number_.Get(r.person_number, [&] { return PersonNumber(r.person_id); });
  }

  SQLite::Database& db_;
  int schema_ = kSchemaVersion;
  std::array<std::unique_ptr<SQLite::Statement>, kTableCount> inserts_;
  std::unique_ptr<SQLite::Statement> finish_snapshot_, find_person_, insert_person_;
  // The persons of this writer: person_ids_[i] is the row id of
  // person_pseudonyms_[i] for those known to be stored (the first
  // person_ids_.size()); the rest wait for StorePersons.
  data::PersonIdIndex person_index_;
  std::vector<std::string> person_pseudonyms_;
  std::vector<std::int64_t> person_ids_;
  data::PersonNumberMemo by_number_;  // of the open import's numbering: cleared by Reset
  RowsFileWriter* rows_ = nullptr;
};

}  // namespace banenmonitor::store::sqlite
