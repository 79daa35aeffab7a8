// Parsers for the value types of the data contract (counting.md §2).
// Each returns std::nullopt when the text is not a value of the type; the
// caller turns that into a Finding with the position and what was expected.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "banenmonitor/delivery.h"

namespace banenmonitor::data {

// Strips ASCII spaces and tabs at both ends. Inline: it runs for most fields of every row.
inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The years of a date or month of the data contract.
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2199;

// `s` == `word`, compared in line (a literal's length is known: no call of memcmp per payroll row).
template <std::size_t N>
inline bool IsWord(std::string_view s, const char (&word)[N]) {
  if (s.size() != N - 1) return false;
  for (std::size_t i = 0; i + 1 < N; ++i) {
    if (s[i] != word[i]) return false;
  }
  return true;
}

// The forms of nearly every field, in one pass and inline (they run for several fields of every row);
// each gives -1 for any other text, which the full parser below then decides, with the same result for
// the texts taken here.
//
// Hours or an amount with `mark` as decimal mark: 1 to 12 digits, then optionally `mark` and at most 6
// digits, nothing around them ("136.70", "12", "12."), in micro-units.
inline Hours PlainMicroHours(std::string_view s, char mark) {
  const char* p = s.data();
  const char* const end = p + s.size();
  const char* const whole_start = p;
  std::int64_t whole = 0;
  while (p < end && static_cast<unsigned char>(*p - '0') < 10) whole = whole * 10 + (*p++ - '0');
  const std::ptrdiff_t whole_digits = p - whole_start;
  if (whole_digits == 0 || whole_digits > 12) return -1;
  if (p == end) return whole * kMicroPerHour;
  if (*p++ != mark) return -1;
  const char* const frac_start = p;
  std::int64_t frac = 0;
  while (p < end && p - frac_start < 6 && static_cast<unsigned char>(*p - '0') < 10) frac = frac * 10 + (*p++ - '0');
  if (p != end) return -1;
  constexpr std::int64_t kScale[7] = {1'000'000, 100'000, 10'000, 1'000, 100, 10, 1};
  return whole * kMicroPerHour + frac * kScale[p - frac_start];
}
// Whole cents of an amount in micro-units (the form PlainMicroHours and ParseMicroHours give), half up.
inline std::int64_t CentsOfMicro(std::int64_t micro) { return (micro + 5000) / 10000; }
// A month: exactly `YYYY-MM` with year 1900..2199 and month 01..12.
inline MonthIndex PlainMonth(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return -1;
  unsigned d[6];
  unsigned bad = 0;
  constexpr int kAt[6] = {0, 1, 2, 3, 5, 6};
  for (int i = 0; i < 6; ++i) bad |= (d[i] = static_cast<unsigned char>(s[static_cast<std::size_t>(kAt[i])] - '0')) > 9;
  if (bad) return -1;
  const int y = static_cast<int>(d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]);
  const int m = static_cast<int>(d[4] * 10 + d[5]);
  if (y < kMinYear || y > kMaxYear || m < 1 || m > 12) return -1;
  return MakeMonth(y, m);
}

// `YYYY-MM-DD`, a real calendar date with year 1900..2199.
std::optional<DayNumber> ParseDate(std::string_view s);
// `YYYY-MM` with year 1900..2199.
std::optional<MonthIndex> ParseMonth(std::string_view s);
// A non-negative decimal with `decimal_mark` as separator ("12", "12.5",
// ".5"); no sign, no exponent. With the mark '.' no thousands separator; with
// the mark ',' (a Dutch spreadsheet's CSV: "12,5") a '.' is only accepted as
// the thousands separator of Dutch notation, in groups of three digits
// ("1.234,5" is 1234.5; "12.5" is not a number there). More than six decimals
// are rounded half up to whole micro-hours.
std::optional<Hours> ParseMicroHours(std::string_view s, char decimal_mark = '.');
// A decimal that may be negative, as double (targets); the same forms as
// ParseMicroHours.
std::optional<double> ParseDecimal(std::string_view s, char decimal_mark = '.');
// A whole number (years).
std::optional<int> ParseInt(std::string_view s);
// A non-negative decimal with '.' as separator and at most `decimals` (0..6)
// places ("2.76", "3", ".5", "5."), as a whole number of 10^-decimals units
// ("2.76" with 2 places is 276); at most 9 integer digits, no sign, no
// exponent, no rounding: more places than `decimals` is not a value.
std::optional<std::int64_t> ParseFixedPoint(std::string_view s, int decimals);

// "2023-10-31" for a day number; "2023-10" for a month.
std::string FormatDate(DayNumber day);
std::string FormatMonth(MonthIndex month);
// First and last day of a month.
DayNumber FirstDayOf(MonthIndex month);
DayNumber LastDayOf(MonthIndex month);

// Text of a value for a message: quoted, control characters escaped, at most
// 40 characters, and every run of digits that may be a BSN (ReplaceBsnLikeRuns)
// shown as #########.
std::string Quote(std::string_view value);

// `text` with every run of digits that may be a BSN replaced by
// replace(nine), `nine` being the run's BSN in canonical form (9 digits,
// data/person_id.h). A run is a maximal sequence of digit groups joined by one
// separator each (space, '.', '-', '/', a no-break space); within it, from the
// left, the longest stretch of whole groups that may be a BSN is replaced:
//   - 9 digits without separators, whether or not they pass the elfproef;
//   - 8 digits (a leading zero lost), 9 digits with separators, or 10 digits
//     with a leading zero, that pass the elfproef (1234.56.782, 12 34 56 782).
// Not replaced: a stretch followed by "L" (the 9 digits of a
// loonheffingennummer, 123456789L01), a group of more than 10 digits (part of
// a longer number), and a date (2023-10-31, 31-10-2023).
std::string ReplaceBsnLikeRuns(std::string_view text, const std::function<std::string(std::string_view)>& replace);

bool IsValidUtf8(std::string_view s);

}  // namespace banenmonitor::data
