// CountJobs on two threads (CountRequest::workers: the payroll in two runs of whole persons,
// summed apart and added up) gives every row and statistic that counting on one thread gives.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "data/fields.h"
#include "data/row_sink.h"

namespace banenmonitor {
namespace {

// A delivery in memory of 6,000 persons, 40 employers (two lenders), a year of
// payroll cells (more than the 65,536 a second thread is worth) and hire-in.
Delivery LargeDelivery() {
  Delivery d;
  std::mt19937 rng(20261208);
  static constexpr const char* kSubsectors[] = {"rijk", "gemeenten", "onderwijs", "zorg"};
  for (int e = 0; e < 40; ++e) {
    Employer employer;
    employer.id = "1000000" + std::to_string(10 + e) + "L01";
    employer.sector = e % 3 == 0 ? Sector::kMarket : Sector::kGovernment;
    employer.subsector = employer.sector == Sector::kMarket ? "market" : kSubsectors[e % 4];
    employer.organisation = e % 5 == 0 ? "BZK" : "";
    employer.lender = e < 2 ? LenderKind::kAgency : LenderKind::kNone;
    employer.region = e % 2 == 0 ? "Groot Amsterdam" : "";
    d.employers.push_back(employer);
  }
  const MonthIndex first = MakeMonth(2024, 1);
  for (PersonIndex p = 0; p < 6000; ++p) {
    d.person_ids.push_back(std::to_string(100000000 + p));
    RegisterPeriod period;
    period.person = p;
    period.ground = static_cast<Ground>(p % 5);
    period.start_day = data::FirstDayOf(first + static_cast<MonthIndex>(p % 14));  // some start late, some never
    if (p % 7 == 0) period.end_day = data::LastDayOf(first + 6);
    period.region = static_cast<std::uint8_t>(p % 3);
    d.register_periods.push_back(period);
    for (MonthIndex m = first; m < first + 12; ++m) {
      for (int job = 0; job < 1 + static_cast<int>(p % 2); ++job) {
        PayrollCell c;
        c.person = p;
        c.employer = static_cast<EmployerIndex>(rng() % 40);
        c.month = m;
        c.hours = static_cast<Hours>(1 + rng() % 160) * kMicroPerHour;
        c.wsw_hours = p % 11 == 0 ? c.hours : 0;
        d.payroll.push_back(c);
        if (c.employer < 2 && rng() % 2 == 0) {
          d.hire_in.push_back({p, c.employer, static_cast<EmployerIndex>(2 + rng() % 38), m, c.hours / 2, 1});
        }
      }
    }
  }
  data::FinishTables(d);
  return d;
}

TEST(ParallelCount, TwoThreadsCountWhatOneCounts) {
  const Delivery d = LargeDelivery();
  ASSERT_GE(d.payroll.size(), std::size_t{1} << 16);
  auto params = CountingParams::ForYear(ParameterSet::Embedded(), 2024);
  ASSERT_TRUE(params);
  for (Window w : {Window::kQ4, Window::kYear}) {
    for (const char* within : {"", "subsector:gemeenten"}) {
      CountRequest request{2024, w};
      request.regions_and_grounds = *within != '\0' || w == Window::kYear;
      request.regions_within = within;
      auto one = CountJobs(d, request, *params);
      request.workers = 2;
      auto two = CountJobs(d, request, *params);
      ASSERT_TRUE(one && two);
      EXPECT_EQ(one->stats.payroll_cells, two->stats.payroll_cells);
      EXPECT_EQ(one->stats.eligible_cells, two->stats.eligible_cells);
      EXPECT_EQ(one->stats.hours_attributed, two->stats.hours_attributed);
      EXPECT_EQ(one->stats.hours_wsw_not_counted, two->stats.hours_wsw_not_counted);
      EXPECT_GT(one->stats.hours_attributed, 0);
      ASSERT_EQ(one->rows.size(), two->rows.size());
      for (std::size_t i = 0; i < one->rows.size(); ++i) {
        const RealisationRow& a = one->rows[i];
        const RealisationRow& b = two->rows[i];
        ASSERT_TRUE(a.scope == b.scope && a.persons == b.persons && a.persons_direct == b.persons_direct &&
                    a.persons_hired_in == b.persons_hired_in && a.hours == b.hours &&
                    a.hours_direct == b.hours_direct && a.hours_hired_in == b.hours_hired_in &&
                    a.registered == b.registered)
            << a.scope << " " << within;
      }
      EXPECT_GT(one->Find("total")->persons, 1000);
    }
  }
}

}  // namespace
}  // namespace banenmonitor
