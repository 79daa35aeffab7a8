// Checks of single fields shared by the readers of several delivery files.
//
// Numbers are read in the file's form:
// '.' as decimal mark, or ',' in a file separated by ';' (Dutch Excel), where a
// '.' may only group thousands ("1.234,5"). A number in the other form refuses
// the whole file with one message (TableFile::RefuseMixedNumber).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "banenmonitor/delivery.h"
#include "banenmonitor/regions.h"
#include "data/fields.h"
#include "data/table_file.h"

namespace banenmonitor::data {

// A person has at most the hours of a month in one row of payroll.csv
// (counting.md §2), hire_in.csv and sroi.csv: 31 x 24.
inline constexpr int kHoursInAMonth = 744;

// The hours in column `col` of the current row: a decimal >= 0, at most `max`
// hours when given. Otherwise records an error on the row and returns nullopt.
std::optional<Hours> CheckHoursInFull(TableFile& f, std::size_t col, std::optional<int> max);
// Inline: the plain form of nearly every row here, the rest in CheckHoursInFull.
inline std::optional<Hours> CheckHours(TableFile& f, std::size_t col, std::optional<int> max) {
  const Hours h = PlainMicroHours(f.Field(col), f.decimal_mark());
  if (h >= 0 && (!max || h <= Hours{*max} * kMicroPerHour)) return h;
  return CheckHoursInFull(f, col, max);
}
// An optional wage in euro (decimal, >= 0) as whole cents; empty is nullopt
// (and no error). Inline as CheckHours.
std::optional<std::int64_t> CheckWageInFull(TableFile& f, std::size_t col);
inline std::optional<std::int64_t> CheckWage(TableFile& f, std::size_t col) {
  const std::string_view text = f.Field(col);
  if (text.empty()) return std::nullopt;  // no wage (or no wage column): the payroll row of most deliveries
  if (const Hours micro = PlainMicroHours(text, f.decimal_mark()); micro >= 0) return CentsOfMicro(micro);
  return CheckWageInFull(f, col);
}
// A number of jobs (targets.csv): a decimal, >= 0 unless `negative_allowed`.
// REQUIRES: the field is not empty.
std::optional<double> CheckJobs(TableFile& f, std::size_t col, bool negative_allowed);

// A month `YYYY-MM` in column `col`; otherwise an error "bad-period" and nullopt.
std::optional<MonthIndex> CheckMonthInFull(TableFile& f, std::size_t col);
inline std::optional<MonthIndex> CheckMonth(TableFile& f, std::size_t col) {  // inline as CheckHours
  if (const MonthIndex m = PlainMonth(f.Field(col)); m >= 0) return m;
  return CheckMonthInFull(f, col);
}

// The arbeidsmarktregio of a `region` field in column `col` (counting.md §8):
// a region's name, its code or a gemeentecode (regions.h); nullptr when the
// field is empty. A text that is none of these is a warning naming the
// nearest region, and the row counts under region:onbekend.
const LabourMarketRegion* ReadRegion(TableFile& f, int col);

}  // namespace banenmonitor::data
