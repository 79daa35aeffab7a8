// PayrollMonths (banenmonitor/delivery.h): the distinct months of the payroll
// cells and payroll totals, ascending, gaps left out.
#include <gtest/gtest.h>

#include <vector>

#include "banenmonitor/delivery.h"

namespace banenmonitor {
namespace {

TEST(PayrollMonths, AreTheDistinctMonthsOfCellsAndTotalsAscending) {
  Delivery d;
  for (MonthIndex m : {MakeMonth(2024, 3), MakeMonth(2023, 12), MakeMonth(2024, 3), MakeMonth(2024, 1)}) {
    PayrollCell c;
    c.month = m;
    d.payroll.push_back(c);
  }
  EmployerMonth t;
  t.month = MakeMonth(2025, 6);  // a month with totals only still counts as delivered
  d.payroll_totals.push_back(t);
  const std::vector<MonthIndex> want = {MakeMonth(2023, 12), MakeMonth(2024, 1), MakeMonth(2024, 3),
                                        MakeMonth(2025, 6)};
  EXPECT_EQ(PayrollMonths(d), want);
}

TEST(PayrollMonths, OfADeliveryWithoutPayrollAreNone) {
  Delivery d;
  EXPECT_TRUE(PayrollMonths(d).empty());
}

}  // namespace
}  // namespace banenmonitor
