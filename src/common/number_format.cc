#include "common/number_format.h"

#include <fmt/format.h>

namespace banenmonitor {

std::string Fixed(double value, int decimals) {
  std::string s = fmt::format("{:.{}f}", value, decimals);
  if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

std::string Fixed(const std::optional<double>& value, int decimals) {
  return value ? Fixed(*value, decimals) : std::string();
}

std::string FixedHours(long long micro_hours) {
  // Exact decimal rounding half up from whole micro-hours.
  long long hundredths = (micro_hours >= 0 ? micro_hours + 5000 : micro_hours - 5000) / 10000;
  bool negative = hundredths < 0;
  unsigned long long a = static_cast<unsigned long long>(negative ? -hundredths : hundredths);
  return fmt::format("{}{}.{:02d}", negative ? "-" : "", a / 100, a % 100);
}

std::string FixedRatio(__int128 num, __int128 den, int decimals) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  bool negative = num < 0;
  unsigned __int128 a = static_cast<unsigned __int128>(negative ? -num : num);
  unsigned __int128 d = static_cast<unsigned __int128>(den);
  unsigned __int128 scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  // round(a / d * scale) half up on the magnitude = half away from zero.
  unsigned __int128 scaled = (a * scale * 2 + d) / (d * 2);
  unsigned __int128 whole = scaled / scale, frac = scaled % scale;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(whole % 10)));
    whole /= 10;
  } while (whole > 0);
  std::string out = (negative && scaled != 0 ? "-" : "") + digits;
  if (decimals > 0) {
    std::string f(static_cast<std::size_t>(decimals), '0');
    for (int i = decimals - 1; i >= 0; --i) {
      f[static_cast<std::size_t>(i)] = static_cast<char>('0' + static_cast<int>(frac % 10));
      frac /= 10;
    }
    out += "." + f;
  }
  return out;
}

std::string Dutch(double value, int decimals) { return DutchFromFixed(Fixed(value, decimals)); }

std::string DutchFromFixed(const std::string& fixed) {
  std::string plain = fixed;
  bool negative = !plain.empty() && plain.front() == '-';
  if (negative) plain.erase(0, 1);
  std::size_t dot = plain.find('.');
  std::string whole = plain.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : plain.substr(dot + 1);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += '.';
    grouped += whole[i];
  }
  std::string out = negative ? "-" + grouped : grouped;
  if (!frac.empty()) out += "," + frac;
  return out;
}


std::string DutchInt(long long value) { return Dutch(static_cast<double>(value), 0); }

std::string DutchOrEmpty(const std::string& fixed) { return fixed.empty() ? fixed : DutchFromFixed(fixed); }

}  // namespace banenmonitor
