// Hire-in attribution as a function (count/attribution.h): exact shares and
// the Wsw split. The counting rules themselves are text cases
// (tests/cases/*.case, one per rule of counting.md §3), not gtests.
#include <gtest/gtest.h>

#include "count/attribution.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

TEST(Attribution, ScaledSharesAddUpExactlyToPayroll) {
  // 100 paid, three hirers asking 1 h each x 100: every share 33.333333 h, total exactly 100.
  std::vector<HireInCell> hires = {{0, 9, 1, 0, 100 * kMicroPerHour, 1}, {0, 9, 2, 0, 100 * kMicroPerHour, 2},
                                   {0, 9, 3, 0, 100 * kMicroPerHour, 3}};
  count::Attribution a;
  count::Attribute(100 * kMicroPerHour, 0, hires, a);
  Hours sum = 0;
  for (const auto& s : a.hired) sum += s.hours;
  EXPECT_EQ(sum, 100 * kMicroPerHour);
  EXPECT_EQ(a.direct, 0);
  EXPECT_EQ(a.hired[0].hours, 33'333'334);  // the remainder goes to the first hirer
  EXPECT_EQ(a.hired[1].hours, 33'333'333);
}

TEST(Attribution, MixedWswGroupKeepsOnlyTheNonWswShareOfTheRest) {
  // 100 h of which 60 wsw; 40 hired out; rest 60 split 60/40: 24 direct, 36 not counted.
  std::vector<HireInCell> hires = {{0, 9, 1, 0, 40 * kMicroPerHour, 1}};
  count::Attribution a;
  count::Attribute(100 * kMicroPerHour, 60 * kMicroPerHour, hires, a);
  EXPECT_EQ(a.direct, 24 * kMicroPerHour);
  EXPECT_EQ(a.wsw_not_counted, 36 * kMicroPerHour);
}

TEST(Attribution, ZeroPayrollAttributesNothing) {
  std::vector<HireInCell> hires = {{0, 9, 1, 0, 40 * kMicroPerHour, 1}};
  count::Attribution a;
  count::Attribute(0, 0, hires, a);
  EXPECT_TRUE(a.hired.empty());
  EXPECT_EQ(a.direct, 0);
}

}  // namespace
}  // namespace banenmonitor
