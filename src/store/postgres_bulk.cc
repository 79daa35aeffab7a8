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

std::vector<std::int64_t> BulkWriter::StorePendingPersons(pqxx::transaction_base& t,
                                                          const std::vector<std::string>& pending) {
  std::vector<std::int64_t> ids(pending.size(), -1);
  if (pending.empty()) return ids;
  StringMap<std::size_t> slot_of;
  slot_of.reserve(pending.size());
  for (std::size_t i = 0; i < pending.size(); ++i) slot_of.emplace(pending[i], i);
  std::size_t found = 0;
  auto take = [&](const pqxx::result& r) {
    for (const auto& row : r) {
      auto it = slot_of.find(std::string_view(row[1].c_str(), row[1].size()));
      if (it == slot_of.end()) continue;
      std::int64_t& slot = ids[it->second];
      if (slot < 0) ++found;
      slot = row[0].as<std::int64_t>();
    }
  };
  std::vector<std::string> sorted = pending;
  std::sort(sorted.begin(), sorted.end());
  take(t.exec_prepared("bm_insert_persons", TextArray(sorted)));
  if (found != ids.size()) {
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] < 0) missing.push_back(pending[i]);
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
  auto batch = Detach();
  Learn(Send(t, quoted_, *batch));
}

std::unique_ptr<BulkWriter::Batch> BulkWriter::Detach() {
  auto b = std::make_unique<Batch>();
  b->register_rows.swap(register_);
  b->payroll.swap(payroll_);
  b->hire_in.swap(hire_in_);
  b->employer_hours.swap(employer_hours_);
  b->sroi.swap(sroi_);
  b->pending_persons.swap(pending_persons_);
  pending_index_.clear();
  return b;
}

void BulkWriter::Learn(Learned learned) {
  for (auto& [pseudonym, id] : learned) person_cache_.emplace(std::move(pseudonym), id);
}

BulkWriter::Learned BulkWriter::Send(pqxx::transaction_base& t, const std::string& quoted, Batch& b) {
  const std::vector<std::int64_t> new_ids = StorePendingPersons(t, b.pending_persons);
  auto person = [&](std::int64_t p) { return p >= 0 ? p : new_ids[static_cast<std::size_t>(-p - 1)]; };
  // One COPY per table; the table name is the quoted schema and a fixed name.
  auto copy = [&](const char* table, const std::vector<std::string>& columns, const auto& buffer, auto&& tuple) {
    if (buffer.empty()) return;
    pqxx::stream_to stream(t, quoted + "." + table, columns);
    for (const auto& r : buffer) stream << tuple(r);
    stream.complete();
  };
  copy("register_rows", {"snapshot_id", "line", "person", "ground", "start_day", "end_day", "region"}, b.register_rows,
       [&](const RegisterBuf& r) {
         return std::make_tuple(r.snapshot, r.line, person(r.person), r.ground, r.start_day, r.end_day, r.region);
       });
  copy("payroll", {"snapshot_id", "line", "person", "employer", "month", "hours", "contract", "wsw", "wage_cents"},
       b.payroll, [&](const PayrollBuf& r) {
         return std::make_tuple(r.snapshot, r.line, person(r.person), r.employer, r.month, r.hours, r.contract, r.wsw,
                                r.wage_cents);
       });
  copy("hire_in", {"snapshot_id", "line", "person", "lender", "hirer", "month", "hours"}, b.hire_in,
       [&](const HireInBuf& r) {
         return std::make_tuple(r.snapshot, r.line, person(r.person), r.lender, r.hirer, r.month, r.hours);
       });
  copy("employer_hours",
       {"snapshot_id", "line", "employer", "month", "hours", "agency_staff_hours", "wsw_hours", "wage_cents"},
       b.employer_hours, [&](const EmployerHoursBuf& r) {
         return std::make_tuple(r.snapshot, r.line, r.employer, r.month, r.hours, r.agency_staff_hours, r.wsw_hours,
                                r.wage_cents);
       });
  copy("sroi", {"snapshot_id", "line", "person", "contractor", "buyer", "month", "hours"}, b.sroi,
       [&](const SroiBuf& r) {
         return std::make_tuple(r.snapshot, r.line, person(r.person), r.contractor, r.buyer, r.month, r.hours);
       });
  Learned learned;
  learned.reserve(b.pending_persons.size());
  for (std::size_t i = 0; i < b.pending_persons.size(); ++i) learned.emplace_back(std::move(b.pending_persons[i]), new_ids[i]);
  return learned;
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
