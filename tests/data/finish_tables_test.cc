// FinishTables (data/row_sink.h): the payroll cells sorted and summed per
// (person, employer, month), the same on one thread as on two.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>
#include <cstdlib>
#include <random>
#include <string_view>
#include <tuple>

#include "banenmonitor/delivery.h"
#include "data/row_sink.h"

namespace banenmonitor::data {
namespace {

// A delivery of `n` payroll cells in random order, with many keys twice.
Delivery ShuffledPayroll(std::size_t n) {
  Delivery d;
  std::mt19937_64 rng(20261204);
  for (std::size_t i = 0; i < n; ++i) {
    PayrollCell c;
    c.person = static_cast<PersonIndex>(rng() % (n / 4));
    c.employer = static_cast<EmployerIndex>(rng() % 7);
    c.month = static_cast<MonthIndex>(2024 * 12 + rng() % 12);
    c.hours = static_cast<Hours>(rng() % 1000000);
    c.wsw_hours = c.hours / 3;
    d.payroll.push_back(c);
  }
  return d;
}

std::vector<PayrollCell> FinishedOnThreads(const char* threads, std::size_t n) {
  ::setenv("BANENMONITOR_THREADS", threads, 1);
  Delivery d = ShuffledPayroll(n);
  FinishTables(d);
  ::unsetenv("BANENMONITOR_THREADS");
  return d.payroll;
}

auto Key(const PayrollCell& c) { return std::tie(c.person, c.employer, c.month); }

TEST(FinishTables, SortsAndSumsTheSameCellsOnOneThreadAsOnTwo) {
  const std::size_t n = 300000;  // above the size from which the sort uses two threads
  const std::vector<PayrollCell> one = FinishedOnThreads("1", n);
  const std::vector<PayrollCell> two = FinishedOnThreads("2", n);
  ASSERT_EQ(one.size(), two.size());
  ASSERT_LT(one.size(), n);  // keys that stood twice were summed
  Hours total = 0;
  for (std::size_t i = 0; i < one.size(); ++i) {
    ASSERT_EQ(Key(one[i]), Key(two[i])) << i;
    ASSERT_EQ(one[i].hours, two[i].hours) << i;
    ASSERT_EQ(one[i].wsw_hours, two[i].wsw_hours) << i;
    if (i > 0) {
      ASSERT_LT(Key(one[i - 1]), Key(one[i])) << i;  // sorted, one cell per key
    }
    total += one[i].hours;
  }
  Hours expected = 0;
  for (const PayrollCell& c : ShuffledPayroll(n).payroll) expected += c.hours;
  EXPECT_EQ(total, expected);
}

// Employer months month by month (as employer_hours.csv comes), in random
// order, and with one employer's months out of order within the file.
std::vector<EmployerMonth> EmployerMonths(const char* order) {
  std::vector<EmployerMonth> out;
  for (MonthIndex m = MakeMonth(2023, 1); m <= MakeMonth(2024, 12); ++m) {
    for (EmployerIndex e : {5u, 0u, 3u, 1u}) {
      EmployerMonth em;
      em.employer = e;
      em.month = m;
      em.hours = e * 1000 + (m - MakeMonth(2023, 1));
      out.push_back(em);
    }
  }
  std::mt19937_64 rng(20261207);
  if (std::string_view(order) == "random") std::shuffle(out.begin(), out.end(), rng);
  if (std::string_view(order) == "one-swapped") std::swap(out[1], out[out.size() - 3]);  // employer 0's first and last month
  return out;
}

TEST(FinishTables, SortsEmployerHoursByEmployerThenMonthWhateverTheirOrder) {
  for (const char* order : {"by-month", "random", "one-swapped"}) {
    Delivery d;
    d.employer_hours = EmployerMonths(order);
    std::vector<EmployerMonth> want = d.employer_hours;
    std::sort(want.begin(), want.end(),
              [](const EmployerMonth& a, const EmployerMonth& b) { return std::tie(a.employer, a.month) < std::tie(b.employer, b.month); });
    FinishTables(d);
    ASSERT_EQ(d.employer_hours.size(), want.size()) << order;
    for (std::size_t i = 0; i < want.size(); ++i) {
      ASSERT_EQ(d.employer_hours[i].employer, want[i].employer) << order << " " << i;
      ASSERT_EQ(d.employer_hours[i].month, want[i].month) << order << " " << i;
      ASSERT_EQ(d.employer_hours[i].hours, want[i].hours) << order << " " << i;
    }
  }
}

// counting.md §3 rule 2: rows of one person, employer and month are one cell, summed, also when
// tens of thousands of other rows stand between them (beyond what the aggregator's map of recent
// cells remembers: FinishTables adds the second cell to the first), on one thread and in parts.
TEST(FinishTables, RowsOfOneCellFarApartAreSummedIntoOne) {
  for (bool in_parts : {false, true}) {
    Delivery d;
    LoadOptions options;
    DeliveryAggregator aggregator(d, options);
    for (int e = 0; e < 3; ++e) {
      Employer employer;
      employer.id = "10000000" + std::to_string(e + 1) + "L01";
      aggregator.OnEmployer(employer, e + 2);
    }
    constexpr int kPersons = 12000;
    std::vector<std::string> ids;
    for (int p = 0; p < kPersons; ++p) ids.push_back(std::string(58, 'a') + std::to_string(100000 + p));
    for (int p = 0; p < kPersons; ++p) aggregator.OnRegister(RegisterRow{ids[p], Ground::kWajong, 0, kOpenEnd, p + 2});
    // Each (person, employer, month) twice: once in the first pass, once 36,000 rows later.
    std::vector<PayrollRow> rows;
    const MonthIndex month = 2024 * 12 + 9;
    for (int pass = 0; pass < 2; ++pass) {
      for (int p = 0; p < kPersons; ++p) {
        for (int e = 0; e < 3; ++e) {
          rows.push_back(PayrollRow{ids[p], static_cast<EmployerIndex>(e), month, Hours{1000000} * (1 + pass),
                                    Contract::kPermanent, false, static_cast<std::int64_t>(rows.size() + 2), std::nullopt});
        }
      }
    }
    if (in_parts) {
      std::vector<std::unique_ptr<PayrollPart>> parts;
      for (std::size_t k = 0; k < 2; ++k) parts.push_back(aggregator.NewPayrollPart(rows.size(), k, 2));
      ASSERT_TRUE(parts[0] && parts[1]);
      for (std::size_t r = 0; r < rows.size(); ++r) parts[r * 2 / rows.size()]->OnPayroll(rows[r]);
      for (auto& part : parts) aggregator.MergePayrollPart(std::move(part));
    } else {
      for (const PayrollRow& row : rows) aggregator.OnPayroll(row);
    }
    aggregator.Finish();
    ASSERT_EQ(d.payroll.size(), static_cast<std::size_t>(kPersons) * 3) << in_parts;
    for (const PayrollCell& c : d.payroll) {
      ASSERT_EQ(c.hours, Hours{3000000}) << in_parts;
      ASSERT_EQ(c.permanent_hours, Hours{3000000}) << in_parts;
    }
  }
}

// The register periods end sorted by (person, start, end, ground) whatever their order: nearly in
// order (persons numbered as they first appear, some with a later second period) and shuffled.
TEST(FinishTables, SortsRegisterPeriodsByPersonThenDates) {
  std::mt19937_64 rng(20261208);
  for (bool shuffled : {false, true}) {
    Delivery d;
    for (PersonIndex p = 0; p < 50000; ++p) {
      d.register_periods.push_back({p, Ground::kWajong, static_cast<DayNumber>(rng() % 9000), kOpenEnd, 0});
      if (p % 3 == 0) {
        d.register_periods.push_back({static_cast<PersonIndex>(rng() % (p + 1)), static_cast<Ground>(rng() % 5),
                                      static_cast<DayNumber>(rng() % 9000), static_cast<DayNumber>(9000 + rng() % 9), 1});
      }
    }
    if (shuffled) std::shuffle(d.register_periods.begin(), d.register_periods.end(), rng);
    std::vector<RegisterPeriod> expected = d.register_periods;
    auto key = [](const RegisterPeriod& a) { return std::tie(a.person, a.start_day, a.end_day, a.ground, a.region); };
    std::sort(expected.begin(), expected.end(), [&](const RegisterPeriod& a, const RegisterPeriod& b) { return key(a) < key(b); });
    FinishTables(d);
    ASSERT_EQ(d.register_periods.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const RegisterPeriod& a = d.register_periods[i];
      const RegisterPeriod& b = expected[i];
      ASSERT_TRUE(a.person == b.person && a.start_day == b.start_day && a.end_day == b.end_day && a.ground == b.ground)
          << i << " " << shuffled;
    }
  }
}

}  // namespace
}  // namespace banenmonitor::data
