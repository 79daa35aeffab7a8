// Checked sums of hours and amounts: a sum that does not fit in
// int64 stops the run with a clear message instead of wrapping around
// (undefined behaviour) and giving a wrong figure.
//
// These checks are the second line of defence. The first is the validator
// (src/data/validate.cc): every hours value of a person is at most 744 (a
// month has no more hours), and employer_hours.csv is bounded per file, so a
// delivery that passes validation never reaches them. They are reached by
// data that did not pass today's validator (a workspace imported by an older
// version, a hand-built Delivery) and by files of billions of rows.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "common/lang.h"

namespace banenmonitor {

// Thrown when a sum of hours or amounts would not fit: the run must stop (no
// figure can be given), so this is an exception, not a Status.
class SumOverflow : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

// `into += add`; false (and `into` unchanged) when the result would not fit.
[[nodiscard]] inline bool CheckedAddInto(std::int64_t& into, std::int64_t add) {
  std::int64_t sum;
  if (__builtin_add_overflow(into, add, &sum)) return false;
  into = sum;
  return true;
}

// The message for a sum of `what` (e.g. "the hours of one person at one
// employer in one month (payroll.csv)") that does not fit.
inline std::string SumOverflowMessage(const std::string& what) {
  return Say("{} komen samen op meer dan het programma exact kan optellen (9.223.372.036.854 uur of "
             "92.233.720.368.547.758 euro); er wordt niets geteld: controleer de levering op onmogelijke waarden",
             "{} add up to more than the program can sum exactly (9,223,372,036,854 hours or 92,233,720,368,547,758 "
             "euros); nothing is counted: check the delivery for impossible values",
             what);
}

// Throws SumOverflow naming `what`. Out of line and cold: the message is built
// only on this path, so that AddOrStop, called for every sum, stays inline.
[[noreturn, gnu::cold, gnu::noinline]] inline void ThrowSumOverflow(const char* what) {
  throw SumOverflow(SumOverflowMessage(what));
}

// `into += add`, or throws SumOverflow naming `what`.
inline void AddOrStop(std::int64_t& into, std::int64_t add, const char* what) {
  if (!CheckedAddInto(into, add)) [[unlikely]] ThrowSumOverflow(what);
}

}  // namespace banenmonitor
