// FinishTables (data/row_sink.h): the payroll cells sorted and summed per
// (person, employer, month), the same on one thread as on two.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
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

}  // namespace
}  // namespace banenmonitor::data
