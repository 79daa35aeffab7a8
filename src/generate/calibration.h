// Calibration of the simulated hours to the plan.
//
// The engine counts, for year Y, the Q4 hours of eligible persons where they
// land after attribution (counting.md §3). The simulation staffs every cell
// with about the right number of people; here the generator computes, exactly
// as the engine will, the Q4 hours per cell and channel (direct or hired in)
// and derives one factor per (cell, channel, year) that scales the hours of
// all months of that year so that the count lands on the plan. At --scale 1
// the factors stay within a few percent of 1; at small scales they absorb the
// randomness of a few dozen people per cell.
#pragma once

#include <string>
#include <vector>

#include "generate/plan.h"
#include "generate/population.h"
#include "generate/simulation.h"

namespace banenmonitor::generate {

struct Calibration {
  int years = 0;                // from kNulmetingYear
  std::vector<double> factor;   // [(cell * 2 + hired) * years + year index]
  double min_factor = 1, max_factor = 1;
  std::vector<std::string> misses;  // cells and years that could not be calibrated (no hours at all)

  // The factor for the hours of `spell` in month `m`.
  double Factor(const Spell& spell, MonthIndex m) const {
    if (spell.cell < 0) return 1.0;
    int y = YearOf(m) - kNulmetingYear;
    if (y < 0 || y >= years) return 1.0;
    return factor[static_cast<std::size_t>((spell.cell * 2 + (spell.hired() ? 1 : 0)) * years + y)];
  }
};

// Computes the factors. `hours_per_job_year` is the parameter of the engine
// (1,331: Besluit Wfsv art. 2.32); a Q4 job is a quarter of it.
Calibration Calibrate(const Plan& plan, const Population& population, const Simulation& sim,
                      double hours_per_job_year, std::uint64_t seed, const ProgressFn& progress);

// The share of a spell's payroll hours in a month that the engine attributes
// to the hirer: hire-in above the payroll is capped (Besluit Wfsv art. 2.30).
inline double AttributedShare(const Spell& s) { return s.attributed < 1.0f ? s.attributed : 1.0; }

}  // namespace banenmonitor::generate
