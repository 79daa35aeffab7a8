// Counted hours per person, employer and month (person_months.h).
#include "count/person_months.h"

#include <algorithm>
#include <tuple>

#include "banenmonitor/count.h"
#include "common/checked_sum.h"
#include "count/attribution.h"
#include "count/walk.h"

namespace banenmonitor::count {

namespace {


// Sorts a person's entries by (month, employer) and merges equal keys (a
// person hired in at the same hirer from two lenders, or direct and hired-in
// at the same employer).
void SortAndMerge(std::vector<PersonMonthHours>& v) {
  std::sort(v.begin(), v.end(), [](const PersonMonthHours& a, const PersonMonthHours& b) {
    return std::tie(a.month, a.employer) < std::tie(b.month, b.employer);
  });
  std::size_t out = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (out > 0 && v[out - 1].month == v[i].month && v[out - 1].employer == v[i].employer) {
      auto& m = v[out - 1];
      constexpr const char* kWhat = "the counted hours of one person at one employer in one month";
      AddOrStop(m.direct, v[i].direct, kWhat);
      AddOrStop(m.hired_in, v[i].hired_in, kWhat);
      AddOrStop(m.permanent, v[i].permanent, kWhat);
      AddOrStop(m.temporary, v[i].temporary, kWhat);
    } else {
      v[out++] = v[i];
    }
  }
  v.resize(out);
}

}  // namespace

void WalkCountedPersonMonths(const Delivery& d, MonthIndex first, MonthIndex last,
                             const std::function<void(std::span<const PersonMonthHours>)>& visit,
                             std::optional<MonthIndex> voorziening_from) {
  std::vector<PersonMonthHours> person;
  auto flush = [&] {
    if (person.empty()) return;
    SortAndMerge(person);
    visit(std::span<const PersonMonthHours>(person));
    person.clear();
  };
  // The walk of CountJobs: rules 1-4 exactly as counted (no social-return scenario).
  CountStats stats;
  PersonIndex current = 0;
  WalkCountedCells(d, first, last, /*sroi_counts_for_buyer=*/false, voorziening_from, stats,
                   [&](const PayrollCell& cell, const Attribution& a) {
                     if (cell.person != current) {
                       flush();
                       current = cell.person;
                     }
                     // The contract split of a share of the cell's hours, pro rata.
                     auto add = [&](EmployerIndex employer, Hours direct, Hours hired_in) {
                       Hours h = direct + hired_in;
                       PersonMonthHours e{cell.person, cell.month, employer, direct, hired_in, 0, 0};
                       if (cell.hours > 0) {
                         e.permanent = MulDivRound(h, cell.permanent_hours, cell.hours);
                         e.temporary = std::min(MulDivRound(h, cell.temporary_hours, cell.hours), h - e.permanent);
                       }
                       person.push_back(e);
                     };
                     if (a.direct > 0) add(cell.employer, a.direct, 0);
                     for (const auto& share : a.hired) {
                       if (share.hours > 0) add(share.hirer, 0, share.hours);
                     }
                   });
  flush();
}

std::vector<PersonMonthHours> CountedPersonMonths(const Delivery& d, MonthIndex first, MonthIndex last,
                                                  std::optional<MonthIndex> voorziening_from) {
  std::vector<PersonMonthHours> out;
  WalkCountedPersonMonths(
      d, first, last, [&](std::span<const PersonMonthHours> p) { out.insert(out.end(), p.begin(), p.end()); },
      voorziening_from);
  return out;
}

}  // namespace banenmonitor::count
