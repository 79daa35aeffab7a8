// Number formatting shared by every face: the fixed decimals of the CSV
// contract and Dutch formatting for people (1.234,5).
#pragma once

#include <optional>
#include <string>

namespace banenmonitor {

// Fixed-point text with `decimals` decimals, correctly rounded from the
// binary value ("%.2f"), and never "-0.00".
std::string Fixed(double value, int decimals);
// "" for nullopt.
std::string Fixed(const std::optional<double>& value, int decimals);
// Micro-hours as hours with 2 decimals.
std::string FixedHours(long long micro_hours);

// An exact fraction rounded half away from zero to `decimals` places ("-0.00" never).
std::string FixedRatio(__int128 num, __int128 den, int decimals);

// A fixed-point text ("-1234.5") in Dutch style ("-1.234,5").
std::string DutchFromFixed(const std::string& fixed);
// The same, and "" stays "" (a figure that has no value).
std::string DutchOrEmpty(const std::string& fixed);

// Dutch style: thousands separated by '.', decimal comma ("1.234,56").
std::string Dutch(double value, int decimals);
std::string DutchInt(long long value);

}  // namespace banenmonitor
