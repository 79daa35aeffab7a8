// Calendar helpers of the generator (days as in delivery.h: days since
// 1970-01-01), in plain arithmetic because the hot loops call them per row.
#pragma once

#include "banenmonitor/delivery.h"

namespace banenmonitor::generate {

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
constexpr DayNumber DaysFromCivil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr DayNumber FirstDay(MonthIndex m) { return DaysFromCivil(YearOf(m), MonthOf(m), 1); }
constexpr DayNumber LastDay(MonthIndex m) { return FirstDay(m + 1) - 1; }

// The month a day falls in (H. Hinnant's civil_from_days).
constexpr MonthIndex MonthOfDay(DayNumber day) {
  const int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int m = mp + (mp < 10 ? 3 : -9);
  const int y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return MakeMonth(y, m);
}

static_assert(FirstDay(MakeMonth(1970, 1)) == 0);
static_assert(LastDay(MakeMonth(2024, 2)) - FirstDay(MakeMonth(2024, 2)) == 28);
static_assert(MonthOfDay(FirstDay(MakeMonth(2023, 12)) + 30) == MakeMonth(2023, 12));
static_assert(MonthOfDay(FirstDay(MakeMonth(2012, 3)) - 1) == MakeMonth(2012, 2));

}  // namespace banenmonitor::generate
