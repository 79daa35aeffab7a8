// Counted hours per person, employer and month: the same walk as CountJobs
// (count/walk.h: eligibility, hire-in attribution, Wsw), kept per person
// instead of summed per scope. For analyses that follow persons over time
// (job quality: retention, inflow); never for publication as such, since it
// holds one row per person.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "banenmonitor/delivery.h"

namespace banenmonitor::count {

// The hours of one person that count (counting.md §3 rules 1-4) at one
// employer in one month. `employer` is the employer the hours are attributed
// to: the hirer for hired-in hours (rule 3), else the payroll employer.
struct PersonMonthHours {
  PersonIndex person = 0;
  MonthIndex month = 0;
  EmployerIndex employer = 0;
  Hours direct = 0;    // on the employer's own payroll
  Hours hired_in = 0;  // attributed to it as hirer
  // The contract split of direct + hired_in, taken pro rata from the payroll
  // cell the hours come from (for hired-in hours: the lender's cell, since the
  // contract is the lender's). Hours with an empty contract are in neither.
  Hours permanent = 0;
  Hours temporary = 0;

  Hours hours() const { return direct + hired_in; }
};

// Calls `visit` once per person with that person's counted hours in the months
// [first, last]: one entry per (month, employer) with hours > 0, sorted by
// (month, employer). Persons come in increasing PersonIndex; persons without
// counted hours are not visited. The span is valid only during the call.
//
// Contract: for any window, summing `hours()` per scope over all persons gives
// exactly CountJobs' hours (direct and hired-in) of that window, and the
// persons with hours > 0 in a scope are CountJobs' persons (rule 7). The
// social-return scenario is not applied (the analyses use the current rules).
// `voorziening_from`: the first month counted by the Wet banenafspraak
// (from LawOfYear::first_year), from which
// the ground voorziening counts (counting.md §7); nullopt: never.
void WalkCountedPersonMonths(const Delivery& d, MonthIndex first, MonthIndex last,
                             const std::function<void(std::span<const PersonMonthHours>)>& visit,
                             std::optional<MonthIndex> voorziening_from = std::nullopt);

// The same, collected: every person's entries, sorted by (person, month, employer).
std::vector<PersonMonthHours> CountedPersonMonths(const Delivery& d, MonthIndex first, MonthIndex last,
                                                  std::optional<MonthIndex> voorziening_from = std::nullopt);

}  // namespace banenmonitor::count
