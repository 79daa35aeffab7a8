// The change in jobs per scope between two deliveries (banenmonitor diff):
// both counted by CountJobs with the same request and parameters.
#include <algorithm>

#include "banenmonitor/count.h"

namespace banenmonitor {

Result<CountDiff> DiffCounts(const Delivery& before, const Delivery& after, const CountRequest& request,
                             ScopeLevel level, const ParameterSet& parameters) {
  auto a = CountJobs(before, request, parameters);
  if (!a) return Fail(a.error());
  auto b = CountJobs(after, request, parameters);
  if (!b) return Fail(b.error());
  CountDiff out;
  out.year = request.year;
  out.window = request.window;
  out.level = level;
  out.parameter_version = b->parameter_version;
  auto row_of = [&out](const std::string& scope) -> ScopeChange& {
    auto it = std::find_if(out.rows.begin(), out.rows.end(), [&](const ScopeChange& c) { return c.scope == scope; });
    if (it != out.rows.end()) return *it;
    out.rows.push_back(ScopeChange{scope});
    return out.rows.back();
  };
  for (const auto* r : b->RowsFor(level)) {
    ScopeChange& c = row_of(r->scope);
    c.in_after = true;
    c.jobs_after = r->jobs;
  }
  for (const auto* r : a->RowsFor(level)) {
    ScopeChange& c = row_of(r->scope);
    c.in_before = true;
    c.jobs_before = r->jobs;
  }
  return out;
}

}  // namespace banenmonitor
