// BZK's figure against the previous year (include/banenmonitor/year_on_year.h;
// Wet banenafspraak art. 4 lid 4; counting.md §7.4).
#include "banenmonitor/year_on_year.h"

#include <map>
#include <string_view>

#include "common/lookup.h"

namespace banenmonitor {

namespace {

// a - b, exact (jobs ratios: micro-hours over micro-hours per job; the products stay inside 128 bits).
Ratio JobsMinus(const Ratio& a, const Ratio& b) {
  if (a.den == b.den) return {a.num - b.num, a.den};
  return {a.num * b.den - b.num * a.den, a.den * b.den};
}

long double ValueOf(const Ratio& r) { return static_cast<long double>(r.num) / static_cast<long double>(r.den); }

}  // namespace

std::vector<const YearOnYearRow*> YearOnYearTable::RowsFor(ScopeLevel level) const {
  return RowsOfLevel(rows, ScopeLevel::kTotal, level);
}

const YearOnYearRow* YearOnYearTable::Find(std::string_view scope) const {
  for (const auto& r : rows) {
    if (current.rows[r.index].scope == scope) return &r;
  }
  return nullptr;
}

LoadOptions YearOnYearLoadOptions(const YearOnYearRequest& request) {
  return CountLoadOptions(CountRequest{request.year - 1, request.window}, request.year);
}

Result<YearOnYearTable> CompareWithPreviousYear(const Delivery& delivery, const YearOnYearRequest& request,
                                                const ParameterSet& parameters) {
  YearOnYearTable out;
  out.year = request.year;
  out.window = request.window;
  auto current = CountJobs(delivery, CountRequest{request.year, request.window}, parameters);
  if (!current) return Fail(current.error());
  auto previous = CountJobs(delivery, CountRequest{request.year - 1, request.window}, parameters);
  if (!previous) return Fail(previous.error());
  out.current = std::move(*current);
  out.previous = std::move(*previous);

  std::map<std::string_view, const RealisationRow*> before;
  for (const auto& r : out.previous.rows) before.emplace(r.scope, &r);
  out.rows.reserve(out.current.rows.size());
  for (std::size_t i = 0; i < out.current.rows.size(); ++i) {
    const RealisationRow& r = out.current.rows[i];
    YearOnYearRow row;
    row.index = i;
    row.level = r.level;
    const ExactFigures now = ExactFiguresOf(out.current, r);
    if (auto it = before.find(r.scope); it != before.end()) {
      row.in_previous = true;
      const ExactFigures then = ExactFiguresOf(out.previous, *it->second);
      row.jobs_previous = then.jobs;
      if (now.realisation_pct && then.realisation_pct) {
        row.change_realisation_pp = ValueOf(*now.realisation_pct) - ValueOf(*then.realisation_pct);
      }
    }
    row.change_jobs = JobsMinus(now.jobs, row.jobs_previous);
    out.rows.push_back(row);
  }
  return out;
}

}  // namespace banenmonitor
