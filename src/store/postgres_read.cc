#include "store/postgres_read.h"

#include "banenmonitor/regions.h"
#include "common/lang.h"

#include <fmt/format.h>

#include <deque>
#include <limits>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "store/postgres_schema.h"

namespace banenmonitor::store::pg {

namespace {

constexpr std::int64_t kChunkRows = 50'000;

// The persons of a snapshot, looked up chunk by chunk: only the ids a chunk
// names that are not known yet go to the server. Each person gets a dense
// number in the order first seen, handed on as the rows' person_number
// (data/row_sink.h), so that a sink looks a pseudonym up once per person.
class PersonDictionary {
 public:
  explicit PersonDictionary(pqxx::transaction_base& t) : t_(t) {}

  // Fetches the pseudonyms of the persons in column `column` of `chunk`.
  void Load(const pqxx::result& chunk, int column) {
    std::string ids = "{";
    std::size_t asked = 0;
    for (const auto& row : chunk) {
      std::int64_t id = row[column].as<std::int64_t>();
      if (numbers_.count(id) != 0 || !asking_.insert(id).second) continue;
      if (asked++ > 0) ids += ',';
      ids += row[column].c_str();
    }
    asking_.clear();
    if (asked == 0) return;
    ids += '}';
    for (const auto& row : t_.exec_prepared("bm_person_pseudonyms", ids)) {
      if (numbers_.emplace(row[0].as<std::int64_t>(), static_cast<std::uint32_t>(pseudonyms_.size())).second) {
        pseudonyms_.push_back(row[1].as<std::string>());
      }
    }
  }

  // Sets `r`'s person_id and person_number from the person column `f`.
  // REQUIRES: Load was called on the chunk `f` belongs to.
  template <typename Row>
  void Fill(const pqxx::field& f, Row& r) const {
    auto it = numbers_.find(f.as<std::int64_t>());
    if (it == numbers_.end()) {
      throw std::logic_error(Say("persoon {} staat niet in het personenregister van de opslag",
                                 "person {} is not in the persons dictionary", f.c_str()));
    }
    r.person_number = it->second;
    r.person_id = pseudonyms_[it->second];
  }

 private:
  pqxx::transaction_base& t_;
  std::unordered_map<std::int64_t, std::uint32_t> numbers_;  // person id -> index into pseudonyms_
  std::deque<std::string> pseudonyms_;                        // a deque: the views handed out stay valid
  std::unordered_set<std::int64_t> asking_;
};

// Runs a chunked read statement ($1 snapshot, $2 after this line, $3 limit) to
// the end: `prepare` on each chunk, then `f` on each of its rows. Column 0 is the line.
template <typename P, typename F>
void ForEachChunk(pqxx::transaction_base& t, const char* statement, std::int64_t snapshot, P&& prepare, F&& f) {
  std::int64_t after = std::numeric_limits<std::int64_t>::min();
  while (true) {
    const pqxx::result r = t.exec_prepared(statement, snapshot, after, kChunkRows);
    prepare(r);
    for (const auto& row : r) f(row);
    if (static_cast<std::int64_t>(r.size()) < kChunkRows) return;
    after = r[r.size() - 1][0].as<std::int64_t>();
  }
}

// A hire_in or sroi row, read as (line, person, employer a, employer b, month, hours):
// the two tables have the same layout with other names for the two employers.
// Filled field by field: the row types grow fields the store does not keep.
template <typename Row>
Row TwoEmployerRow(const pqxx::row& row, const PersonDictionary& person, EmployerIndex Row::*a, EmployerIndex Row::*b) {
  Row r;
  r.line = row[0].as<std::int64_t>();
  person.Fill(row[1], r);
  r.*a = static_cast<EmployerIndex>(row[2].as<std::int64_t>());
  r.*b = static_cast<EmployerIndex>(row[3].as<std::int64_t>());
  r.month = row[4].as<MonthIndex>();
  r.hours = row[5].as<Hours>();
  return r;
}

}  // namespace

void PrepareReads(pqxx::connection_base& conn, std::string_view quoted_schema) {
  auto def = [&](const char* name, std::string_view sql) { conn.prepare(name, WithSchema(sql, quoted_schema)); };
  def("bm_person_pseudonyms", "SELECT id, pseudonym FROM @.persons WHERE id = ANY($1::bigint[])");
  def("bm_read_employers",
      "SELECT line, employer_id, name, sector, subsector, organisation, lender, region FROM @.employers "
      "WHERE snapshot_id = $1 ORDER BY ordinal");
  def("bm_read_targets",
      "SELECT line, year, scope, baseline_jobs, target_extra_jobs FROM @.targets WHERE snapshot_id = $1 "
      "ORDER BY line");
  // Bulk rows: a chunk at a time, by line (the primary key is (snapshot_id, line)).
  def("bm_read_register",
      "SELECT line, person, ground, start_day, end_day, region FROM @.register_rows "
      "WHERE snapshot_id = $1 AND line > $2 ORDER BY line LIMIT $3");
  def("bm_read_payroll",
      "SELECT line, person, employer, month, hours, contract, wsw, wage_cents FROM @.payroll "
      "WHERE snapshot_id = $1 AND line > $2 ORDER BY line LIMIT $3");
  def("bm_read_hire_in",
      "SELECT line, person, lender, hirer, month, hours FROM @.hire_in "
      "WHERE snapshot_id = $1 AND line > $2 ORDER BY line LIMIT $3");
  def("bm_read_employer_hours",
      "SELECT line, employer, month, hours, agency_staff_hours, wsw_hours, wage_cents FROM @.employer_hours "
      "WHERE snapshot_id = $1 AND line > $2 ORDER BY line LIMIT $3");
  def("bm_read_sroi",
      "SELECT line, person, contractor, buyer, month, hours FROM @.sroi "
      "WHERE snapshot_id = $1 AND line > $2 ORDER BY line LIMIT $3");
}

void ReadRows(pqxx::transaction_base& t, std::int64_t snapshot, data::RowSink& sink) {
  PersonDictionary person(t);
  auto load_persons = [&](const pqxx::result& chunk) { person.Load(chunk, 1); };

  for (const auto& row : t.exec_prepared("bm_read_employers", snapshot)) {
    Employer em;
    em.id = row[1].as<std::string>();
    em.name = row[2].as<std::string>();
    em.sector = static_cast<Sector>(row[3].as<int>());
    em.subsector = row[4].as<std::string>();
    em.organisation = row[5].as<std::string>();
    em.lender = static_cast<LenderKind>(row[6].as<int>());
    em.region = row[7].as<std::string>();
    sink.OnEmployer(em, row[0].as<std::int64_t>());
  }
  // Rows are filled field by field: the row types grow fields the store does not keep.
  ForEachChunk(t, "bm_read_register", snapshot, load_persons, [&](const pqxx::row& row) {
    data::RegisterRow r;
    r.line = row[0].as<std::int64_t>();
    person.Fill(row[1], r);
    r.ground = static_cast<Ground>(row[2].as<int>());
    r.start_day = row[3].as<DayNumber>();
    r.end_day = row[4].as<DayNumber>();
    r.region = RegionTable::Embedded().IndexOf(row[5].as<std::string>());
    sink.OnRegister(r);
  });
  for (const auto& row : t.exec_prepared("bm_read_targets", snapshot)) {
    Target tg;
    tg.year = row[1].as<int>();
    tg.scope = row[2].as<std::string>();
    tg.baseline_jobs = row[3].as<double>();
    if (!row[4].is_null()) tg.target_extra_jobs = row[4].as<double>();
    sink.OnTarget(tg, row[0].as<std::int64_t>());
  }
  ForEachChunk(t, "bm_read_payroll", snapshot, load_persons, [&](const pqxx::row& row) {
    data::PayrollRow r;
    r.line = row[0].as<std::int64_t>();
    person.Fill(row[1], r);
    r.employer = static_cast<EmployerIndex>(row[2].as<std::int64_t>());
    r.month = row[3].as<MonthIndex>();
    r.hours = row[4].as<Hours>();
    r.contract = static_cast<data::Contract>(row[5].as<int>());
    r.wsw = row[6].as<bool>();
    if (!row[7].is_null()) r.wage_cents = row[7].as<std::int64_t>();
    sink.OnPayroll(r);
  });
  ForEachChunk(t, "bm_read_hire_in", snapshot, load_persons, [&](const pqxx::row& row) {
    sink.OnHireIn(TwoEmployerRow(row, person, &data::HireInRow::lender, &data::HireInRow::hirer));
  });
  ForEachChunk(t, "bm_read_employer_hours", snapshot, [](const pqxx::result&) {}, [&](const pqxx::row& row) {
    data::EmployerHoursRow r;
    r.line = row[0].as<std::int64_t>();
    r.employer = static_cast<EmployerIndex>(row[1].as<std::int64_t>());
    r.month = row[2].as<MonthIndex>();
    r.hours = row[3].as<Hours>();
    r.agency_staff_hours = row[4].as<Hours>();
    r.wsw_hours = row[5].as<Hours>();
    if (!row[6].is_null()) r.wage_cents = row[6].as<std::int64_t>();
    sink.OnEmployerHours(r);
  });
  ForEachChunk(t, "bm_read_sroi", snapshot, load_persons, [&](const pqxx::row& row) {
    sink.OnSroi(TwoEmployerRow(row, person, &data::SroiRow::contractor, &data::SroiRow::buyer));
  });
}

}  // namespace banenmonitor::store::pg
