#include "store/sqlite_write.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "banenmonitor/regions.h"
#include "common/lang.h"
#include "store/sqlite_bind.h"

namespace banenmonitor::store::sqlite {

namespace {

// One INSERT: the table and its columns in binding order. A new table of the
// snapshot store gets a row here (and its step in sqlite_schema.cc).
struct InsertSpec {
  const char* table;
  const char* columns;
};
constexpr std::array<InsertSpec, Writer::kTableCount> kInserts = {{
    {"snapshots", "label, imported_at, os_user, program_version, content_sha256, invalid_rows, quality_json"},
    {"snapshot_files", "snapshot_id, name, present, sha256, bytes, rows, invalid_rows"},
    {"key_generations", "generation, fingerprint, created_at"},
    {"employers", "snapshot_id, ordinal, line, employer_id, name, sector, subsector, organisation, lender, region"},
    {"employers", "snapshot_id, ordinal, line, employer_id, name, sector, subsector, organisation, lender"},
    {"register_rows", "snapshot_id, line, person, ground, start_day, end_day, region"},
    {"register_rows", "snapshot_id, line, person, ground, start_day, end_day"},
    {"targets", "snapshot_id, line, year, scope, baseline_jobs, target_extra_jobs"},
    {"payroll", "snapshot_id, line, person, employer, month, hours, contract, wsw, wage_cents"},
    {"payroll", "snapshot_id, line, person, employer, month, hours, contract, wsw"},
    {"hire_in", "snapshot_id, line, person, lender, hirer, month, hours"},
    {"quarantine", "snapshot_id, file, line, kind, reason, row_text"},
    {"employer_hours", "snapshot_id, line, employer, month, hours, agency_staff_hours, wsw_hours, wage_cents"},
    {"sroi", "snapshot_id, line, person, contractor, buyer, month, hours"},
    {"snapshot_rows", "snapshot_id, file, sha256, bytes, payroll_rows, hire_in_rows, employer_hours_rows, register_rows, sroi_rows"},
    {"snapshot_rows", "snapshot_id, file, sha256, bytes, payroll_rows, hire_in_rows, employer_hours_rows"},
}};

std::string InsertSql(const InsertSpec& spec) {
  std::string sql = std::string("INSERT INTO ") + spec.table + "(" + spec.columns + ") VALUES (?";
  for (const char* c = spec.columns; *c != '\0'; ++c) {
    if (*c == ',') sql += ", ?";
  }
  return sql + ")";
}

// Throws when the rows file refused a row (`added` false): its line came twice or out of order.
void InOrder(bool added, std::string_view file, std::int64_t line) {
  if (added) return;
  throw std::invalid_argument(Say("regel {} van {} komt twee keer of niet op volgorde; er is niets opgeslagen",
                                  "line {} of {} comes twice or out of order; nothing was stored", line, file));
}

}  // namespace

void Writer::Reset(int schema_version) {
  schema_ = schema_version;
  by_number_.Clear();
  for (auto& q : inserts_) q.reset();
  finish_snapshot_.reset();
  find_person_.reset();
  insert_person_.reset();
}

template <typename... Values>
void Writer::Insert(Table table, const Values&... values) {
  if (table == kPayroll && schema_ < 3) table = kPayrollBeforeWages;
  if (table == kEmployers && schema_ < 8) table = kEmployersBeforeRegions;
  if (table == kRegister && schema_ < 8) table = kRegisterBeforeRegions;
  if (table == kSnapshotRows && schema_ < 11) table = kSnapshotRowsBeforeRegister;
  SQLite::Statement& q = Prepared(table);
  BindAll(q, values...);
  q.exec();
  q.reset();
}

SQLite::Statement& Writer::Prepared(Table table) {
  auto& slot = inserts_[table];
  if (!slot) slot = std::make_unique<SQLite::Statement>(db_, InsertSql(kInserts[table]));
  return *slot;
}

std::int64_t Writer::AddSnapshot(const SnapshotRecord& s) {
  Insert(kSnapshots, s.label, s.imported_at, s.os_user, s.program_version, s.content_sha256, s.invalid_rows,
         s.quality_json);
  return db_.getLastInsertRowid();
}
void Writer::FinishSnapshot(const SnapshotRecord& s) {
  const bool manifest = schema_ >= 9;  // delivery.csv's synthetic and description
  if (!finish_snapshot_) {
    finish_snapshot_ = std::make_unique<SQLite::Statement>(
        db_, manifest ? "UPDATE snapshots SET invalid_rows = ?, quality_json = ?, synthetic = ?, description = ?, "
                        "content_sha256 = ? WHERE id = ?"
                      : "UPDATE snapshots SET invalid_rows = ?, quality_json = ?, content_sha256 = ? WHERE id = ?");
  }
  if (manifest) {
    BindAll(*finish_snapshot_, s.invalid_rows, s.quality_json, s.manifest.synthetic, s.manifest.description,
            s.content_sha256, s.id);
  } else {
    BindAll(*finish_snapshot_, s.invalid_rows, s.quality_json, s.content_sha256, s.id);
  }
  finish_snapshot_->exec();
  finish_snapshot_->reset();
  for (const auto& f : s.files) {
    Insert(kSnapshotFiles, s.id, f.name, f.present, f.sha256, f.bytes, f.rows, f.invalid_rows);
  }
}
void Writer::AddKey(const KeyRecord& key) { Insert(kKeys, key.generation, key.fingerprint, key.created_at); }
void Writer::Add(std::int64_t snapshot, std::int64_t ordinal, std::int64_t line, const Employer& e) {
  Insert(kEmployers, snapshot, ordinal, line, e.id, e.name, e.sector, e.subsector, e.organisation, e.lender,
         e.region);
}
void Writer::Add(std::int64_t snapshot, std::int64_t line, const Target& t) {
  Insert(kTargets, snapshot, line, t.year, t.scope, t.baseline_jobs, t.target_extra_jobs);
}
void Writer::Add(std::int64_t snapshot, const data::RegisterRow& r) {
  if (PersonsDeferred()) return InOrder(rows_->Add(PersonNumberOf(r), r), "register.csv", r.line);
  Insert(kRegister, snapshot, r.line, person_ids_[PersonNumberOf(r)], r.ground, r.start_day, r.end_day,
         std::string(RegionTable::Embedded().NameOf(r.region)));
}
void Writer::AddRowsFile(std::int64_t snapshot, const RowsFileRecord& r) {
  Insert(kSnapshotRows, snapshot, r.file, r.sha256, r.bytes, r.payroll_rows, r.hire_in_rows, r.employer_hours_rows,
         r.register_rows, r.sroi_rows);
}
void Writer::Add(std::int64_t snapshot, const data::PayrollRow& r) {
  if (rows_ != nullptr) return InOrder(rows_->Add(PersonNumberOf(r), r), "payroll.csv", r.line);
  Insert(kPayroll, snapshot, r.line, person_ids_[PersonNumberOf(r)], r.employer, r.month, r.hours, r.contract, r.wsw,
         r.wage_cents);
}
void Writer::Add(std::int64_t snapshot, const data::HireInRow& r) {
  if (rows_ != nullptr) return InOrder(rows_->Add(PersonNumberOf(r), r), "hire_in.csv", r.line);
  Insert(kHireIn, snapshot, r.line, person_ids_[PersonNumberOf(r)], r.lender, r.hirer, r.month, r.hours);
}
void Writer::Add(std::int64_t snapshot, const data::EmployerHoursRow& r) {
  if (rows_ != nullptr) return InOrder(rows_->Add(r), "employer_hours.csv", r.line);
  Insert(kEmployerHours, snapshot, r.line, r.employer, r.month, r.hours, r.agency_staff_hours, r.wsw_hours,
         r.wage_cents);
}
void Writer::Add(std::int64_t snapshot, const data::SroiRow& r) {
  if (PersonsDeferred()) return InOrder(rows_->Add(PersonNumberOf(r), r), "social_return.csv", r.line);
  Insert(kSroi, snapshot, r.line, person_ids_[PersonNumberOf(r)], r.contractor, r.buyer, r.month, r.hours);
}
void Writer::Add(std::int64_t snapshot, const QuarantineRecord& q) {
  Insert(kQuarantine, snapshot, q.file, q.line, q.kind, q.reason, q.row);
}

std::uint32_t Writer::PersonNumber(std::string_view pseudonym) {
  std::uint32_t known = person_index_.Intern(pseudonym, person_pseudonyms_);
  if (known < person_ids_.size() || PersonsDeferred()) return known;
  const std::string& key = person_pseudonyms_[known];
  if (!find_person_) find_person_ = std::make_unique<SQLite::Statement>(db_, "SELECT id FROM persons WHERE pseudonym = ?");
  if (!insert_person_) insert_person_ = std::make_unique<SQLite::Statement>(db_, "INSERT INTO persons(pseudonym) VALUES (?)");
  std::int64_t id;
  try {
    find_person_->bind(1, key);
    if (find_person_->executeStep()) {
      id = find_person_->getColumn(0).getInt64();
    } else {
      insert_person_->bind(1, key);
      insert_person_->exec();
      insert_person_->reset();
      id = db_.getLastInsertRowid();
    }
    find_person_->reset();
  } catch (...) {
    ForgetPersons();  // the index must not keep a person that was not stored
    throw;
  }
  person_ids_.push_back(id);
  return known;
}

}  // namespace banenmonitor::store::sqlite

namespace banenmonitor::store::sqlite {

namespace {

// The first bytes of `s`, zero-padded, as a number whose order is that of the strings' byte-wise order (ties: equal or
// longer than 8 bytes).
std::uint64_t PrefixOf(std::string_view s) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i) v = (v << 8) | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0u);
  return v;
}

}  // namespace

std::vector<std::uint32_t> Writer::PseudonymOrder(std::size_t first) const {
  // Sorted by an 8-byte prefix held beside each number and only on a tie by the strings: a sort that
  // followed each number to its string took half a second for 544 k persons, a cache miss a compare.
  struct Keyed {
    std::uint64_t prefix;
    std::uint32_t number;
  };
  std::vector<Keyed> keyed(person_pseudonyms_.size() - first);
  for (std::size_t i = 0; i < keyed.size(); ++i) {
    keyed[i] = {PrefixOf(person_pseudonyms_[first + i]), static_cast<std::uint32_t>(first + i)};
  }
  std::sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return person_pseudonyms_[a.number] < person_pseudonyms_[b.number];
  });
  std::vector<std::uint32_t> order(keyed.size());
  for (std::size_t i = 0; i < keyed.size(); ++i) order[i] = keyed[i].number;
  return order;
}

void Writer::StorePersons() {
  const std::size_t first = person_ids_.size();
  if (first == person_pseudonyms_.size()) return;
  std::vector<std::uint32_t> order = PseudonymOrder(first);
  std::vector<std::int64_t> ids(order.size(), 0);
  try {
    // Those already stored (by an earlier snapshot): one query each in
    // pseudonym order when they are few against the table, else one walk of
    // the table's pseudonym index beside the sorted list.
    SQLite::Statement size(db_, "SELECT COALESCE(MAX(id), 0) FROM persons");
    size.executeStep();
    const std::int64_t stored = size.getColumn(0).getInt64();
    if (stored > 0 && static_cast<std::int64_t>(order.size()) * 16 < stored) {
      SQLite::Statement find(db_, "SELECT id FROM persons WHERE pseudonym = ?");
      for (std::size_t i = 0; i < order.size(); ++i) {
        find.bind(1, person_pseudonyms_[order[i]]);
        if (find.executeStep()) ids[i] = find.getColumn(0).getInt64();
        find.reset();
      }
    } else if (stored > 0) {
      SQLite::Statement all(db_, "SELECT pseudonym, id FROM persons ORDER BY pseudonym");
      std::size_t i = 0;
      while (i < order.size() && all.executeStep()) {
        const char* p = all.getColumn(0).getText();
        std::string_view pseudonym(p, static_cast<std::size_t>(all.getColumn(0).getBytes()));
        while (i < order.size() && person_pseudonyms_[order[i]] < pseudonym) ++i;
        if (i < order.size() && person_pseudonyms_[order[i]] == pseudonym) ids[i++] = all.getColumn(1).getInt64();
      }
    }
    // The new ones, numbered on from the largest id (the import holds the
    // write lock: nobody else inserts meanwhile), in pseudonym order, kBatch
    // rows to a statement: one statement per person was 2 microseconds each.
    std::vector<std::size_t> fresh;
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (ids[i] == 0) fresh.push_back(i);
    }
    constexpr std::size_t kBatch = 128;
    std::unique_ptr<SQLite::Statement> full;
    std::int64_t next_id = stored;
    for (std::size_t at = 0; at < fresh.size(); at += kBatch) {
      const std::size_t n = std::min(kBatch, fresh.size() - at);
      std::unique_ptr<SQLite::Statement> partial;
      std::unique_ptr<SQLite::Statement>& q = n == kBatch ? full : partial;
      if (!q) {
        std::string sql = "INSERT INTO persons(id, pseudonym) VALUES (?, ?)";
        for (std::size_t k = 1; k < n; ++k) sql += ", (?, ?)";
        q = std::make_unique<SQLite::Statement>(db_, sql);
      }
      for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = fresh[at + k];
        ids[i] = ++next_id;
        q->bind(static_cast<int>(2 * k + 1), ids[i]);
        q->bindNoCopy(static_cast<int>(2 * k + 2), person_pseudonyms_[order[i]]);  // alive until exec
      }
      q->exec();
      q->reset();
    }
  } catch (...) {
    ForgetPersons();  // the index must not keep a person that was not stored
    throw;
  }
  person_ids_.resize(person_pseudonyms_.size());
  for (std::size_t i = 0; i < order.size(); ++i) person_ids_[order[i]] = ids[i];
}

}  // namespace banenmonitor::store::sqlite
