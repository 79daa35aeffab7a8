// The walk of counting.md §3 rules 1-4 over the payroll cells of a range of
// months: which person-months are eligible and where their hours count after
// hire-in attribution. Shared by CountJobs (count.cc), which sums the result
// per scope, and CountedPersonMonths (person_months.cc), which keeps it per
// person for the analyses of job quality. One walk, so the two cannot drift.
#pragma once

#include <cstddef>
#include <span>
#include <tuple>
#include <utility>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "common/checked_sum.h"
#include "count/attribution.h"
#include "data/fields.h"

namespace banenmonitor::count {

// Person-month eligibility (counting.md §3 rule 1; Wfsv art. 38g lid 8, the
// part-period rule): a person counts in a month when a register period with a
// ground other than voorziening covers at least one day of it. `voorziening`
// counts for the quotum only (Wfsv art. 38b lid 2).
class Eligibility {
 public:
  explicit Eligibility(const Delivery& d) : periods_(d.register_periods), first_(d.person_ids.size() + 1, 0) {
    // register_periods is sorted by person: build offsets per person.
    for (const auto& p : periods_) ++first_[p.person + 1];
    for (std::size_t i = 1; i < first_.size(); ++i) first_[i] += first_[i - 1];
  }
  bool Eligible(PersonIndex person, MonthIndex month) const {
    DayNumber from = data::FirstDayOf(month), to = data::LastDayOf(month);
    for (std::size_t i = first_[person]; i < first_[person + 1]; ++i) {
      const auto& p = periods_[i];
      if (p.ground != Ground::kVoorziening && p.start_day <= to && p.end_day >= from) return true;
    }
    return false;
  }

 private:
  const std::vector<RegisterPeriod>& periods_;
  std::vector<std::size_t> first_;
};

// Calls visit(const PayrollCell& cell, const Attribution& attribution) for
// every payroll cell of the months [first, last] whose person is eligible in
// the cell's month (rule 1), in the order of d.payroll (person, employer,
// month), after the cell's hours are split by hire-in attribution and the Wsw
// rule (rules 3 and 4; with `sroi_counts_for_buyer`, also the social-return
// scenario of quotum-and-scenarios.md §4). The attribution is valid only
// during the call. Adds the walk's figures to `stats`.
template <typename Visit>
void WalkCountedCells(const Delivery& d, MonthIndex first, MonthIndex last, bool sroi_counts_for_buyer,
                      CountStats& stats, Visit&& visit) {
  Eligibility eligibility(d);
  Attribution attribution;
  std::size_t hire = 0, sroi = 0;
  const auto& hires = d.hire_in;
  const auto& sroi_rows = d.sroi;
  for (const PayrollCell& cell : d.payroll) {
    if (cell.month < first || cell.month > last) continue;
    ++stats.payroll_cells;
    // Hire-in rows of the same (person, lender, month): hire_in is sorted like payroll.
    auto key = std::tie(cell.person, cell.employer, cell.month);
    while (hire < hires.size() && std::tie(hires[hire].person, hires[hire].lender, hires[hire].month) < key) ++hire;
    std::size_t hire_end = hire;
    while (hire_end < hires.size() &&
           std::tie(hires[hire_end].person, hires[hire_end].lender, hires[hire_end].month) == key) {
      ++hire_end;
    }
    std::size_t sroi_end = sroi;
    if (sroi_counts_for_buyer) {
      while (sroi < sroi_rows.size() &&
             std::tie(sroi_rows[sroi].person, sroi_rows[sroi].contractor, sroi_rows[sroi].month) < key) {
        ++sroi;
      }
      sroi_end = sroi;
      while (sroi_end < sroi_rows.size() &&
             std::tie(sroi_rows[sroi_end].person, sroi_rows[sroi_end].contractor, sroi_rows[sroi_end].month) == key) {
        ++sroi_end;
      }
    }
    if (!eligibility.Eligible(cell.person, cell.month)) continue;
    ++stats.eligible_cells;
    Attribute(cell.hours, cell.wsw_hours, std::span(hires.data() + hire, hire_end - hire), attribution);
    if (sroi_end > sroi) AttributeSocialReturn(std::span(sroi_rows.data() + sroi, sroi_end - sroi), attribution);
    constexpr const char* kStatsSum = "the hours of the count's statistics";
    AddOrStop(stats.hours_wsw_not_counted, attribution.wsw_not_counted, kStatsSum);
    AddOrStop(stats.hours_attribution_capped, attribution.capped, kStatsSum);
    for (const auto& share : attribution.hired) AddOrStop(stats.hours_attributed, share.hours, kStatsSum);
    for (const auto& share : attribution.sroi) AddOrStop(stats.hours_sroi_moved, share.hours, kStatsSum);
    visit(cell, std::as_const(attribution));
  }
}

}  // namespace banenmonitor::count
