#include "store/postgres_bulk.h"

#include "banenmonitor/regions.h"
#include "common/lang.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "store/postgres_schema.h"
#include "store/postgres_text.h"

namespace banenmonitor::store::pg {

void BulkWriter::Prepare(pqxx::connection_base& conn, std::string_view quoted_schema) {
  // New pseudonyms with their ids. Sorted input: concurrent imports lock new
  // pseudonyms in the same order. Two statements, not one with a CTE that also
  // selects the existing ones: that is slower (docs/build.md, "Choices measured").
  conn.prepare("bm_insert_persons",
               WithSchema("INSERT INTO @.persons(pseudonym) SELECT p FROM unnest($1::text[]) AS p ORDER BY p "
                          "ON CONFLICT (pseudonym) DO NOTHING RETURNING id, pseudonym",
                          quoted_schema));
  // The ids of the others: stored before, or by an import that committed
  // while the insert ran (this is a new statement, so it sees them).
  conn.prepare("bm_find_persons",
               WithSchema("SELECT id, pseudonym FROM @.persons WHERE pseudonym = ANY($1::text[])", quoted_schema));
}

void BulkWriter::Add(std::int64_t snapshot, const data::RegisterRow& r) {
  register_.push_back({snapshot, r.line, PersonOf(r), static_cast<int>(r.ground), r.start_day, r.end_day,
                       std::string(RegionTable::Embedded().NameOf(r.region))});
}

void BulkWriter::Add(std::int64_t snapshot, const data::PayrollRow& r) {
  payroll_.push_back({snapshot, r.line, PersonOf(r), static_cast<std::int64_t>(r.employer), r.month, r.hours,
                      static_cast<int>(r.contract), r.wsw, r.wage_cents});
}

void BulkWriter::Add(std::int64_t snapshot, const data::HireInRow& r) {
  hire_in_.push_back({snapshot, r.line, PersonOf(r), static_cast<std::int64_t>(r.lender),
                      static_cast<std::int64_t>(r.hirer), r.month, r.hours});
}

void BulkWriter::Add(std::int64_t snapshot, const data::EmployerHoursRow& r) {
  employer_hours_.push_back({snapshot, r.line, static_cast<std::int64_t>(r.employer), r.month, r.hours,
                             r.agency_staff_hours, r.wsw_hours, r.wage_cents});
}

void BulkWriter::Add(std::int64_t snapshot, const data::SroiRow& r) {
  sroi_.push_back({snapshot, r.line, PersonOf(r), static_cast<std::int64_t>(r.contractor),
                   static_cast<std::int64_t>(r.buyer), r.month, r.hours});
}

std::size_t BulkWriter::rows() const {
  return register_.size() + payroll_.size() + hire_in_.size() + employer_hours_.size() + sroi_.size();
}

std::int64_t BulkWriter::Person(std::string_view pseudonym) {
  if (auto it = person_cache_.find(pseudonym); it != person_cache_.end()) return it->second;
  if (auto it = pending_index_.find(pseudonym); it != pending_index_.end()) return it->second;
  std::string key(pseudonym);
  CheckText("person id", key);
  auto index = -static_cast<std::int64_t>(pending_persons_.size()) - 1;
  pending_persons_.push_back(key);
  pending_index_.emplace(std::move(key), index);
  return index;
}

std::vector<std::int64_t> BulkWriter::StorePendingPersons(pqxx::transaction_base& t) {
  std::vector<std::int64_t> ids(pending_persons_.size(), -1);
  if (pending_persons_.empty()) return ids;
  std::size_t found = 0;
  auto take = [&](const pqxx::result& r) {
    for (const auto& row : r) {
      auto it = pending_index_.find(std::string_view(row[1].c_str(), row[1].size()));
      if (it == pending_index_.end()) continue;
      std::int64_t& slot = ids[static_cast<std::size_t>(-it->second - 1)];
      if (slot < 0) ++found;
      slot = row[0].as<std::int64_t>();
    }
  };
  std::vector<std::string> sorted = pending_persons_;
  std::sort(sorted.begin(), sorted.end());
  take(t.exec_prepared("bm_insert_persons", TextArray(sorted)));
  if (found != ids.size()) {
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] < 0) missing.push_back(pending_persons_[i]);
    }
    take(t.exec_prepared("bm_find_persons", TextArray(missing)));
  }
  if (found != ids.size()) {
    throw std::logic_error(
        Say("{} van {} nieuwe personen niet gevonden na het opslaan", "{} of {} new persons not found after storing them",
            ids.size() - found, ids.size()));
  }
  return ids;
}

void BulkWriter::Flush(pqxx::transaction_base& t) {
  if (rows() == 0) return;
  const std::vector<std::int64_t> new_ids = StorePendingPersons(t);
  auto person = [&](std::int64_t p) { return p >= 0 ? p : new_ids[static_cast<std::size_t>(-p - 1)]; };
  // One COPY per table; the table name is the quoted schema and a fixed name.
  auto copy = [&](const char* table, const std::vector<std::string>& columns, const auto& buffer, auto&& tuple) {
    if (buffer.empty()) return;
    pqxx::stream_to stream(t, quoted_ + "." + table, columns);
    for (const auto& r : buffer) stream << tuple(r);
    stream.complete();
  };
  copy("register_rows", {"snapshot_id", "line", "person", "ground", "start_day", "end_day", "region"}, register_,
       [&](const RegisterBuf& r) {
         return std::make_tuple(r.snapshot, r.line, person(r.person), r.ground, r.start_day, r.end_day, r.region);
       });
  copy("payroll", {"snapshot_id", "line", "person", "employer", "month", "hours", "contract", "wsw", "wage_cents"},
       payroll_, [&](const PayrollBuf& r) {
         return std::make_tuple(r.snapshot, r.line, person(r.person), r.employer, r.month, r.hours, r.contract, r.wsw,
                                r.wage_cents);
       });
  copy("hire_in", {"snapshot_id", "line", "person", "lender", "hirer", "month", "hours"}, hire_in_,
       [&](const HireInBuf& r) {
         return std::make_tuple(r.snapshot, r.line, person(r.person), r.lender, r.hirer, r.month, r.hours);
       });
  copy("employer_hours",
       {"snapshot_id", "line", "employer", "month", "hours", "agency_staff_hours", "wsw_hours", "wage_cents"},
       employer_hours_, [&](const EmployerHoursBuf& r) {
         return std::make_tuple(r.snapshot, r.line, r.employer, r.month, r.hours, r.agency_staff_hours, r.wsw_hours,
                                r.wage_cents);
       });
  copy("sroi", {"snapshot_id", "line", "person", "contractor", "buyer", "month", "hours"}, sroi_,
       [&](const SroiBuf& r) {
         return std::make_tuple(r.snapshot, r.line, person(r.person), r.contractor, r.buyer, r.month, r.hours);
       });
  for (std::size_t i = 0; i < pending_persons_.size(); ++i) {
    person_cache_.emplace(std::move(pending_persons_[i]), new_ids[i]);
  }
  Discard();
}

void BulkWriter::Discard() {
  register_.clear();
  payroll_.clear();
  hire_in_.clear();
  employer_hours_.clear();
  sroi_.clear();
  pending_persons_.clear();
  pending_index_.clear();
}

void BulkWriter::ForgetPersons() {
  Discard();
  person_cache_.clear();
  by_number_.clear();
}

}  // namespace banenmonitor::store::pg
