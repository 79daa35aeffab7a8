// Job quality after UWV's "Duurzaamheid van werk" (include/banenmonitor/job_quality.h;
// docs/job-quality.md).
#include "banenmonitor/job_quality.h"

#include "banenmonitor/regime.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/checked_sum.h"
#include "common/lang.h"
#include "common/lookup.h"
#include "count/person_months.h"
#include "count/scopes.h"
#include "data/fields.h"

namespace banenmonitor {

MonthIndex QualityFirstMonth(int year) { return MakeMonth(year - 2, 1); }
MonthIndex QualityLastMonth(int year) { return MakeMonth(year, 12); }

LoadOptions QualityLoadOptions(const QualityRequest& request) {
  LoadOptions load;
  load.first_month = QualityFirstMonth(request.year);
  load.last_month = QualityLastMonth(request.year);
  return load;
}

const QualityRow* QualityTable::Find(std::string_view scope) const { return FindFirst(rows, &QualityRow::scope, scope); }

namespace {

struct Counters {
  std::int64_t base = 0, anywhere = 0, same = 0;
  std::int64_t persons_q4 = 0;
  Hours hours = 0, permanent = 0, temporary = 0;
  std::int64_t persons_year = 0, inflow = 0;
  std::int64_t inflow_previous = 0, inflow_previous_retained = 0;
};

std::optional<double> Pct(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

// Whether every month of [from, to] has payroll rows in the delivery.
bool Covers(const std::vector<MonthIndex>& months, MonthIndex from, MonthIndex to) {
  for (MonthIndex m = from; m <= to; ++m) {
    if (!std::binary_search(months.begin(), months.end(), m)) return false;
  }
  return true;
}

// The distinct scopes (indices) of a set of employers at one level.
void ScopesOf(const std::vector<EmployerIndex>& employers, const count::LevelScopes& level, std::vector<int>& out) {
  out.clear();
  for (EmployerIndex e : employers) {
    int s = level.of_employer[e];
    if (s >= 0) out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

void SortUnique(std::vector<EmployerIndex>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// The row of one scope from its counters; a figure whose months the delivery
// lacks (`cov`) stays empty rather than too low.
QualityRow RowOf(ScopeLevel level, const std::string& scope, const Counters& c, const QualityCoverage& cov) {
  QualityRow r;
  r.level = level;
  r.scope = scope;
  if (cov.retention) {
    r.persons_q3_previous = c.base;
    r.retained_anywhere = c.anywhere;
    r.retained_same_employer = c.same;
    r.retention_pct = Pct(c.anywhere, c.base);
    r.same_employer_pct = Pct(c.same, c.base);
  }
  if (cov.q4) {
    r.persons_q4 = c.persons_q4;
    r.hours_q4 = c.hours;
    r.hours_q4_permanent = c.permanent;
    r.hours_q4_temporary = c.temporary;
    if (c.permanent + c.temporary > 0) {
      r.permanent_pct = 100.0 * static_cast<double>(c.permanent) / static_cast<double>(c.permanent + c.temporary);
    }
    if (c.hours > 0) {
      r.contract_unknown_pct = 100.0 * static_cast<double>(c.hours - c.permanent - c.temporary) / static_cast<double>(c.hours);
    }
    if (c.persons_q4 > 0) {
      r.average_weekly_hours = static_cast<double>(c.hours) / kMicroPerHour / static_cast<double>(c.persons_q4) /
                               kWeeksPerQuarter;
    }
  }
  if (cov.inflow) {
    r.persons_year = c.persons_year;
    r.inflow = c.inflow;
    r.inflow_pct = Pct(c.inflow, c.persons_year);
  }
  if (cov.inflow_retention) {
    r.inflow_previous = c.inflow_previous;
    r.inflow_previous_retained = c.inflow_previous_retained;
    r.inflow_retention_pct = Pct(c.inflow_previous_retained, c.inflow_previous);
  }
  return r;
}

// Which figures of year `y` the delivery's months allow (every payroll row,
// registered or not, tells that its month is there).
QualityCoverage CoverageOf(const Delivery& d, int y) {
  const std::vector<MonthIndex> months = PayrollMonths(d);
  QualityCoverage cov;
  if (!months.empty()) {
    cov.first_month = months.front();
    cov.last_month = months.back();
  }
  const MonthIndex q3_prev = MakeMonth(y - 1, 7), q3_cur = MakeMonth(y, 7), q4_cur = MakeMonth(y, 10);
  cov.retention = Covers(months, q3_prev, q3_prev + 2) && Covers(months, q3_cur, q3_cur + 2);
  cov.q4 = Covers(months, q4_cur, q4_cur + 2);
  cov.inflow = Covers(months, MakeMonth(y - 1, 1), MakeMonth(y, 12));
  cov.inflow_retention = Covers(months, MakeMonth(y - 2, 1), MakeMonth(y - 1, 12)) && Covers(months, q3_cur, q3_cur + 2);
  return cov;
}

}  // namespace

Result<QualityTable> JobQuality(const Delivery& d, const QualityRequest& request, const ParameterSet& params) {
  if (request.level == ScopeLevel::kTotal) {
    return Fail(Status::Usage(
        std::string(Pick("kies een niveau voor de rijen na total: sector, subsector, organisation of employer",
                         "choose a level for the rows after total: sector, subsector, organisation or employer"))));
  }
  const int y = request.year;
  QualityTable table;
  table.year = y;
  table.level = request.level;
  table.parameter_version = params.version();

  // UWV's national retention, shown beside ours (the latest published value).
  if (const Parameter* p = params.Find("retention_one_year", data::LastDayOf(MakeMonth(2199, 12)))) {
    table.retention_benchmark = p->value;
    table.benchmark_basis = p->legal_basis;
    table.benchmark_valid_from = data::FormatDate(p->valid_from);
  }

  table.coverage = CoverageOf(d, y);
  const MonthIndex q3_prev = MakeMonth(y - 1, 7), q3_cur = MakeMonth(y, 7), q4_cur = MakeMonth(y, 10);

  // Two levels: `total` (every employer in scope 0) and the requested one.
  count::LevelScopes total_level;
  total_level.names = {"total"};
  total_level.of_employer.assign(d.employers.size(), 0);
  const std::vector<count::LevelScopes> levels = {total_level, count::BuildLevel(d.employers, request.level)};
  std::vector<std::vector<Counters>> acc(levels.size());
  for (std::size_t l = 0; l < levels.size(); ++l) acc[l].resize(levels[l].names.size());

  // Per person: the employers at which they were counted in each period.
  std::vector<EmployerIndex> q3_prev_emp, q3_cur_emp, prev_year_emp, cur_year_emp;
  std::vector<int> scopes;
  auto visit = [&](std::span<const count::PersonMonthHours> entries) {
    q3_prev_emp.clear();
    q3_cur_emp.clear();
    prev_year_emp.clear();
    cur_year_emp.clear();
    bool any_prev2 = false;
    for (const auto& e : entries) {
      if (e.hours() <= 0) continue;
      int year = YearOf(e.month);
      if (year == y - 2) any_prev2 = true;
      if (year == y - 1) prev_year_emp.push_back(e.employer);
      if (year == y) cur_year_emp.push_back(e.employer);
      if (e.month >= q3_prev && e.month <= q3_prev + 2) q3_prev_emp.push_back(e.employer);
      if (e.month >= q3_cur && e.month <= q3_cur + 2) q3_cur_emp.push_back(e.employer);
    }
    SortUnique(q3_prev_emp);
    SortUnique(q3_cur_emp);
    SortUnique(prev_year_emp);
    SortUnique(cur_year_emp);
    const bool any_prev = !prev_year_emp.empty();
    const bool in_q3_cur = !q3_cur_emp.empty();

    for (std::size_t l = 0; l < levels.size(); ++l) {
      const auto& level = levels[l];
      auto& a = acc[l];
      // Retention: the scopes where the person was counted in Q3 of Y−1.
      ScopesOf(q3_prev_emp, level, scopes);
      for (int s : scopes) {
        ++a[s].base;
        if (in_q3_cur) ++a[s].anywhere;
        // Same employer: an employer of scope s counted in both Q3s.
        bool same = false;
        for (EmployerIndex e : q3_cur_emp) {
          if (level.of_employer[e] == s && std::binary_search(q3_prev_emp.begin(), q3_prev_emp.end(), e)) {
            same = true;
            break;
          }
        }
        if (same) ++a[s].same;
      }
      // The year-end: hours, contract split and persons (rule 7) in Q4 of Y.
      scopes.clear();
      for (const auto& e : entries) {
        if (e.month < q4_cur || e.month > q4_cur + 2 || e.hours() <= 0) continue;
        int s = level.of_employer[e.employer];
        if (s < 0) continue;
        constexpr const char* kWhat = "the year-end hours of a scope (job quality)";
        AddOrStop(a[s].hours, e.hours(), kWhat);
        AddOrStop(a[s].permanent, e.permanent, kWhat);
        AddOrStop(a[s].temporary, e.temporary, kWhat);
        scopes.push_back(s);
      }
      std::sort(scopes.begin(), scopes.end());
      scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
      for (int s : scopes) ++a[s].persons_q4;
      // Inflow into Y: counted in the scope in Y, nowhere in Y−1.
      ScopesOf(cur_year_emp, level, scopes);
      for (int s : scopes) {
        ++a[s].persons_year;
        if (!any_prev) ++a[s].inflow;
      }
      // Last year's inflow: counted in the scope in Y−1, nowhere in Y−2; still there in Q3 of Y?
      if (!any_prev2) {
        ScopesOf(prev_year_emp, level, scopes);
        for (int s : scopes) {
          ++a[s].inflow_previous;
          if (in_q3_cur) ++a[s].inflow_previous_retained;
        }
      }
    }
  };
  // The grounds that count follow the law of each month (counting.md §7).
  count::WalkCountedPersonMonths(d, QualityFirstMonth(y), QualityLastMonth(y), visit, LawOf(params, y).first_month());

  table.rows.push_back(RowOf(ScopeLevel::kTotal, "total", acc[0][0], table.coverage));
  for (std::size_t s = 0; s < levels[1].names.size(); ++s) {
    table.rows.push_back(RowOf(request.level, levels[1].names[s], acc[1][s], table.coverage));
  }
  return table;
}

}  // namespace banenmonitor
