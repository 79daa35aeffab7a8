// Hire-in attribution and the Wsw rule for one payroll group (counting.md §3
// rules 3 and 4), as a pure function so that each edge can be tested alone.
#pragma once

#include <span>
#include <vector>

#include "banenmonitor/delivery.h"

namespace banenmonitor::count {

struct HiredShare {
  EmployerIndex hirer = 0;
  Hours hours = 0;
};

struct Attribution {
  Hours direct = 0;                // stays at the payroll employer and counts there
  std::vector<HiredShare> hired;   // counts at each hirer as hired-in
  Hours wsw_not_counted = 0;       // Wsw hours that were not hired out (rule 4)
  Hours capped = 0;                // hire-in hours above the payroll hours (rule 3 cap)
  std::vector<HiredShare> sroi;    // scenario only: counts at each buyer (social return)
};

// Splits the payroll sum `hours` of (person, employer, month), of which
// `wsw_hours` are in wsw = 1 rows, over the hire-in rows `hires` of the same
// (person, lender = employer, month).
//
// Besluit Wfsv art. 2.30: attribution is capped at the payroll hours; when the
// hire-in rows add up to more, each is scaled by hours / S. The scaled shares
// are whole micro-hours that add up exactly to the payroll hours (largest
// remainder; ties go to the earlier hirer in `hires`).
// Wfsv art. 122n lid 4-5: Wsw hours count only where they are hired out; the
// remainder is split pro rata between wsw and other hours and only the other
// share stays as direct hours.
// Throws SumOverflow (common/checked_sum.h) when the hire-in hours add up to
// more than int64 holds (never for a validated delivery: rows are <= 744 hours).
void Attribute(Hours hours, Hours wsw_hours, std::span<const HireInCell> hires, Attribution& out);

// Scenario "social return counts for the buyer" (quotum-and-scenarios.md §4):
// the social-return rows of (person, contractor, month) take hours from the
// contractor's `direct` hours (after hire-in attribution), capped and scaled
// exactly as hire-in is. Moves the hours from `out.direct` to `out.sroi`.
void AttributeSocialReturn(std::span<const SroiCell> rows, Attribution& out);

// round(a * b / c) half up, for non-negative a, b and positive c (exact in 128 bits).
inline Hours MulDivRound(Hours a, Hours b, Hours c) {
  __int128 n = static_cast<__int128>(a) * b;
  return static_cast<Hours>((n + c / 2) / c);
}

}  // namespace banenmonitor::count
