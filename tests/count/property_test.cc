// Invariants of the count on random deliveries (counting.md §3):
//  - sector rows (and subsector rows) add up to the total hours;
//  - attributed hours never exceed payroll hours;
//  - reordering the input rows changes nothing in the output.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include <fmt/format.h>

#include "random_delivery.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

using testing::RandomDelivery;

class Invariants : public ::testing::TestWithParam<int> {};

TEST_P(Invariants, SectorsAddUpToTotal) {
  testing::TempDir dir;
  RandomDelivery(GetParam()).Write(dir, nullptr);
  for (Window w : {Window::kQ1, Window::kQ4, Window::kYear}) {
    auto t = testing::CountDir(dir.path(), 2023, w);
    Hours total = t.Find("total")->hours;
    for (ScopeLevel level : {ScopeLevel::kSector, ScopeLevel::kSubsector, ScopeLevel::kEmployer}) {
      Hours sum = 0, direct = 0, hired = 0;
      for (const auto* r : t.RowsFor(level)) {
        if (r->level == level) {
          sum += r->hours;
          direct += r->hours_direct;
          hired += r->hours_hired_in;
        }
      }
      EXPECT_EQ(sum, total) << ScopeLevelName(level);
      EXPECT_EQ(direct + hired, total);
    }
    EXPECT_GT(total, 0);
  }
}

TEST_P(Invariants, AttributedHoursNeverExceedPayrollHours) {
  testing::TempDir dir;
  RandomDelivery(GetParam()).Write(dir, nullptr);
  auto d = LoadDelivery(dir.path(), LoadOptions{});
  ASSERT_TRUE(d);
  auto params = CountingParams::ForYear(ParameterSet::Embedded(), 2023);
  auto t = CountJobs(*d, CountRequest{2023, Window::kYear}, *params);
  ASSERT_TRUE(t);
  Hours payroll = 0;
  for (const auto& c : d->payroll) payroll += c.hours;
  EXPECT_LE(t->stats.hours_attributed, payroll);
  EXPECT_LE(t->Find("total")->hours, payroll);
  // Per employer: hired-in at hirers cannot exceed what the lenders paid.
  Hours hired = 0;
  for (const auto* r : t->RowsFor(ScopeLevel::kEmployer)) {
    if (r->level == ScopeLevel::kEmployer) hired += r->hours_hired_in;
  }
  EXPECT_EQ(hired, t->stats.hours_attributed);
}

TEST_P(Invariants, ReorderingInputRowsChangesNothing) {
  RandomDelivery delivery(GetParam());
  testing::TempDir a, b;
  delivery.Write(a, nullptr);
  std::mt19937_64 shuffle(GetParam() * 7919u + 1);
  delivery.Write(b, &shuffle);
  for (Window w : {Window::kQ2, Window::kQ4, Window::kYear}) {
    for (ScopeLevel level : {ScopeLevel::kSector, ScopeLevel::kSubsector, ScopeLevel::kOrganisation,
                             ScopeLevel::kEmployer}) {
      EXPECT_EQ(testing::CountCsv(a.path(), 2023, w, level), testing::CountCsv(b.path(), 2023, w, level));
    }
  }
}

// A count with its scopes made once (MakeCountScopes, as `count --to-year` shares them between
// the years) gives every row a count that builds its own gives, also with the region and ground
// rows and with those of one scope only.
TEST_P(Invariants, ScopesMadeOnceCountTheSame) {
  testing::TempDir dir;
  RandomDelivery(GetParam()).Write(dir, nullptr);
  auto d = LoadDelivery(dir.path(), LoadOptions{});
  ASSERT_TRUE(d);
  const auto scopes = MakeCountScopes(*d);
  auto params = CountingParams::ForYear(ParameterSet::Embedded(), 2023);
  for (const char* within : {"", "sector:government", "subsector:gemeenten"}) {
    for (bool regions : {false, true}) {
      if (!regions && *within != '\0') continue;
      CountRequest request{2023, Window::kQ4};
      request.regions_and_grounds = regions;
      request.regions_within = within;
      auto own = CountJobs(*d, request, *params);
      request.scopes = scopes;
      auto shared = CountJobs(*d, request, *params);
      ASSERT_TRUE(own && shared);
      ASSERT_EQ(own->rows.size(), shared->rows.size()) << within;
      for (std::size_t i = 0; i < own->rows.size(); ++i) {
        const RealisationRow& a = own->rows[i];
        const RealisationRow& b = shared->rows[i];
        ASSERT_TRUE(a.scope == b.scope && a.level == b.level && a.persons == b.persons && a.hours == b.hours &&
                    a.hours_direct == b.hours_direct && a.hours_hired_in == b.hours_hired_in &&
                    a.persons_direct == b.persons_direct && a.registered == b.registered)
            << a.scope << " / " << b.scope << " " << within << " " << regions;
      }
      EXPECT_GT(own->rows.size(), 10u);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(RandomDeliveries, Invariants, ::testing::Range(1, 21));

}  // namespace
}  // namespace banenmonitor
