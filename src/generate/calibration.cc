// Calibration of hours to the plan (see calibration.h).
#include "generate/calibration.h"

#include <algorithm>
#include <fmt/format.h>

#include "generate/dates.h"

namespace banenmonitor::generate {

Calibration Calibrate(const Plan& plan, const Population& population, const Simulation& sim,
                      double hours_per_job_year, std::uint64_t seed, const ProgressFn& progress) {
  const int years = plan.years();
  const std::size_t cells = plan.cells.size();
  const std::size_t buckets = cells * 2;
  auto at = [years](std::size_t bucket, int y) { return bucket * static_cast<std::size_t>(years) + static_cast<std::size_t>(y); };
  // Counted Q4 hours per (bucket, year) before calibration (rule 1: eligible
  // months only; rule 3: the attributed share at the hirer; rule 4: the rest
  // of a Wsw secondment does not count), and the agency hours that a partial
  // attribution leaves at the agency, per bucket of the hirer.
  std::vector<double> landed(buckets * static_cast<std::size_t>(years), 0.0);
  std::vector<double> left_at_agency(buckets * static_cast<std::size_t>(years), 0.0);
  const MonthIndex last_month = MakeMonth(plan.to_year, 12);

  for (std::size_t i = 0; i < sim.spells.size(); ++i) {
    const Spell& s = sim.spells[i];
    if (s.cell < 0) continue;
    std::size_t bucket = static_cast<std::size_t>(s.cell) * 2 + (s.hired() ? 1 : 0);
    MonthIndex from = std::max(kFirstMonth, MonthOfDay(s.start));
    MonthIndex to = s.end == kOpenEnd ? last_month : std::min(last_month, MonthOfDay(s.end));
    for (MonthIndex m = from; m <= to; ++m) {
      if (MonthOf(m) < 10) {  // jump to October
        m = MakeMonth(YearOf(m), 10) - 1;
        continue;
      }
      if (!population.Eligible(s.person, m)) continue;
      double h = MonthHours(s, static_cast<std::uint32_t>(i), m, seed);
      int y = YearOf(m) - kNulmetingYear;
      double a = s.hired() ? AttributedShare(s) : 1.0;
      landed[at(bucket, y)] += a * h;
      if (s.channel == Channel::kHireAgency) left_at_agency[at(bucket, y)] += (1 - a) * h;
    }
    if (progress && (i & 0xffff) == 0) progress("calibrating hours", static_cast<double>(i) / sim.spells.size());
  }

  Calibration cal;
  cal.years = years;
  cal.factor.assign(buckets * static_cast<std::size_t>(years), 1.0);
  cal.min_factor = 1e300;
  cal.max_factor = 0;
  const double q4_job = hours_per_job_year / 4;
  for (int y = 0; y < years; ++y) {
    // Q4 of the nulmeting year holds only December.
    double months = (y == 0) ? 1.0 : 3.0;
    double per_job = q4_job * months / 3.0;
    std::vector<double> target(buckets, 0.0);
    for (std::size_t c = 0; c < cells; ++c) {
      const CellPlan& cell = plan.cells[c];
      std::size_t yi = static_cast<std::size_t>(y);
      target[c * 2] = (cell.jobs[yi] - cell.hired[yi]) * per_job;
      target[c * 2 + 1] = cell.hired[yi] * per_job;
    }
    auto record = [&](std::size_t bucket, double f) {
      cal.factor[at(bucket, y)] = f;
      cal.min_factor = std::min(cal.min_factor, f);
      cal.max_factor = std::max(cal.max_factor, f);
    };
    // Hired-in buckets first: their factors fix what partial attributions leave at agencies.
    double agency_rest = 0;
    for (std::size_t c = 0; c < cells; ++c) {
      std::size_t b = c * 2 + 1;
      if (target[b] <= 0) continue;
      if (landed[at(b, y)] <= 0) {
        target[c * 2] += target[b];  // nobody hired in this year: the direct jobs carry the cell
        continue;
      }
      double f = target[b] / landed[at(b, y)];
      record(b, f);
      agency_rest += f * left_at_agency[at(b, y)];
    }
    target[0] -= agency_rest;  // the market's direct bucket (cell 0) receives the agencies' rest
    for (std::size_t c = 0; c < cells; ++c) {
      std::size_t b = c * 2;
      if (target[b] <= 0) {
        if (landed[at(b, y)] > 0) cal.misses.push_back(fmt::format("{} {} (hours where none are planned)", plan.cells[c].code, kNulmetingYear + y));
        continue;
      }
      if (landed[at(b, y)] <= 0) {
        cal.misses.push_back(fmt::format("{} {}", plan.cells[c].code, kNulmetingYear + y));
        continue;
      }
      record(b, target[b] / landed[at(b, y)]);
    }
  }
  if (cal.max_factor == 0) cal.min_factor = cal.max_factor = 1;
  return cal;
}

}  // namespace banenmonitor::generate
