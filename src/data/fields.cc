#include "data/fields.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <fmt/format.h>

#include <vector>

#include "data/person_id.h"

namespace banenmonitor::data {

namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int Digits(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}


}  // namespace

std::optional<DayNumber> ParseDate(std::string_view s) {
  s = Trim(s);
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  std::string_view ys = s.substr(0, 4), ms = s.substr(5, 2), ds = s.substr(8, 2);
  if (!AllDigits(ys) || !AllDigits(ms) || !AllDigits(ds)) return std::nullopt;
  int y = Digits(ys), m = Digits(ms), d = Digits(ds);
  if (y < kMinYear || y > kMaxYear) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<DayNumber>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

std::optional<MonthIndex> ParseMonth(std::string_view s) {
  if (MonthIndex m = PlainMonth(s); m >= 0) return m;
  s = Trim(s);
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  std::string_view ys = s.substr(0, 4), ms = s.substr(5, 2);
  if (!AllDigits(ys) || !AllDigits(ms)) return std::nullopt;
  int y = Digits(ys), m = Digits(ms);
  if (y < kMinYear || y > kMaxYear || m < 1 || m > 12) return std::nullopt;
  return MakeMonth(y, m);
}

namespace {

// A decimal's digits before and after its mark. `whole` may hold the '.' of
// Dutch thousands groups (`grouped`); its digits are the others.
struct DecimalParts {
  std::string_view whole;
  std::string_view frac;
  bool grouped = false;
  std::size_t whole_digits() const { return grouped ? whole.size() - whole.size() / 4 : whole.size(); }
};

// True for "1.234", "12.345.678": 1 to 3 digits, then groups of '.' and 3 digits.
bool IsThousandsGrouped(std::string_view whole) {
  std::size_t first = whole.find('.');
  if (first == 0 || first > 3 || whole.front() == '0') return false;  // "0.123" is no Dutch thousand
  for (std::size_t i = 0; i < whole.size(); ++i) {
    bool dot_here = i >= first && (i - first) % 4 == 0;
    if (dot_here ? whole[i] != '.' : (whole[i] < '0' || whole[i] > '9')) return false;
  }
  return (whole.size() - first) % 4 == 0;
}

// The shape check of both decimal parsers (the text without sign, trimmed).
std::optional<DecimalParts> SplitDecimal(std::string_view s, char mark) {
  std::size_t at = s.find(mark);
  DecimalParts p;
  p.whole = s.substr(0, at);
  p.frac = at == std::string_view::npos ? std::string_view{} : s.substr(at + 1);
  if (p.whole.empty() && p.frac.empty()) return std::nullopt;
  if (!p.frac.empty() && !AllDigits(p.frac)) return std::nullopt;
  if (mark != '.' && p.whole.find('.') != std::string_view::npos) {
    if (!IsThousandsGrouped(p.whole)) return std::nullopt;
    p.grouped = true;
  } else if (!p.whole.empty() && !AllDigits(p.whole)) {
    return std::nullopt;
  }
  return p;
}

}  // namespace

std::optional<Hours> ParseMicroHours(std::string_view s, char decimal_mark) {
  if (Hours plain = PlainMicroHours(s, decimal_mark); plain >= 0) return plain;
  s = Trim(s);
  if (s.empty()) return std::nullopt;
  auto parts = SplitDecimal(s, decimal_mark);
  if (!parts) return std::nullopt;
  std::string_view whole = parts->whole;
  // Leading zeros are harmless; more than 12 integer digits is not an hour count.
  while (whole.size() > 1 && whole.front() == '0' && whole[1] != '.') whole.remove_prefix(1);
  std::size_t digits = parts->grouped ? whole.size() - std::count(whole.begin(), whole.end(), '.') : whole.size();
  if (digits > 12) return std::nullopt;
  std::int64_t value = 0;
  for (char c : whole) {
    if (c != '.') value = value * 10 + (c - '0');
  }
  value *= kMicroPerHour;
  std::int64_t scale = kMicroPerHour / 10;
  for (char c : parts->frac) {
    int digit = c - '0';
    if (scale > 0) {
      value += digit * scale;
      scale /= 10;
    } else {
      if (digit >= 5) value += 1;  // round half up at the seventh decimal
      break;
    }
  }
  return value;
}

std::optional<double> ParseDecimal(std::string_view s, char decimal_mark) {
  s = Trim(s);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  // Validate the shape first, then convert (std::from_chars for double is in GCC 12).
  auto parts = SplitDecimal(s, decimal_mark);
  if (!parts || parts->whole_digits() > 15) return std::nullopt;
  std::string text;
  for (char c : parts->whole) {
    if (c != '.') text += c;
  }
  text += '.';
  text += parts->frac;
  double v = std::strtod(text.c_str(), nullptr);
  return negative ? -v : v;
}

std::optional<std::int64_t> ParseFixedPoint(std::string_view s, int decimals) {
  auto parts = SplitDecimal(Trim(s), '.');
  if (!parts || parts->whole.size() > 9 || parts->frac.size() > static_cast<std::size_t>(decimals)) return std::nullopt;
  std::int64_t value = 0;
  for (char c : parts->whole) value = value * 10 + (c - '0');
  for (int i = 0; i < decimals; ++i) {
    value = value * 10 + (static_cast<std::size_t>(i) < parts->frac.size() ? parts->frac[static_cast<std::size_t>(i)] - '0' : 0);
  }
  return value;
}

std::optional<int> ParseInt(std::string_view s) {
  s = Trim(s);
  if (!AllDigits(s) || s.size() > 6) return std::nullopt;
  return Digits(s);
}

std::string FormatDate(DayNumber day) {
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

std::string FormatMonth(MonthIndex month) { return fmt::format("{:04d}-{:02d}", YearOf(month), MonthOf(month)); }

DayNumber FirstDayOf(MonthIndex month) {
  std::chrono::year_month_day ymd{std::chrono::year{YearOf(month)}, std::chrono::month{static_cast<unsigned>(MonthOf(month))},
                                  std::chrono::day{1}};
  return static_cast<DayNumber>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

DayNumber LastDayOf(MonthIndex month) { return FirstDayOf(month + 1) - 1; }

namespace {

struct DigitGroup {
  std::size_t begin, end;  // [begin, end) in the text
};

// True when groups [a, a + 2] of `text` are a plausible date: YYYY-MM-DD or
// DD-MM-YYYY with one separator ('-', '/' or '.') used twice.
bool IsDateShape(std::string_view text, const std::vector<DigitGroup>& g, std::size_t a) {
  if (a + 2 >= g.size()) return false;
  auto len = [&](std::size_t k) { return g[k].end - g[k].begin; };
  auto num = [&](std::size_t k) { return Digits(text.substr(g[k].begin, len(k))); };
  char s1 = text[g[a].end], s2 = text[g[a + 1].end];
  if (s1 != s2 || (s1 != '-' && s1 != '/' && s1 != '.')) return false;
  std::size_t year, day;
  if (len(a) == 4 && len(a + 1) == 2 && len(a + 2) == 2) {
    year = a, day = a + 2;
  } else if (len(a) == 2 && len(a + 1) == 2 && len(a + 2) == 4) {
    year = a + 2, day = a;
  } else {
    return false;
  }
  int y = num(year), m = num(a + 1), d = num(day);
  return y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

}  // namespace

std::string ReplaceBsnLikeRuns(std::string_view text, const std::function<std::string(std::string_view)>& replace) {
  std::string out;
  out.reserve(text.size());
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::vector<DigitGroup> groups;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!digit(text[i])) {
      out += text[i++];
      continue;
    }
    groups.clear();
    for (std::size_t j = i;;) {
      std::size_t start = j;
      while (j < text.size() && digit(text[j])) ++j;
      groups.push_back({start, j});
      std::size_t sep = BsnSeparatorAt(text.substr(j));
      if (sep == 0 || j + sep >= text.size() || !digit(text[j + sep])) break;
      j += sep;
    }
    std::size_t pending = i;  // text from here on is not yet copied to `out`
    for (std::size_t a = 0; a < groups.size();) {
      std::optional<std::string> best;
      std::size_t best_b = a;
      std::string digits;
      for (std::size_t b = a; b < groups.size(); ++b) {
        digits.append(text.substr(groups[b].begin, groups[b].end - groups[b].begin));
        if (digits.size() > 10) break;
        bool followed_by_l = groups[b].end < text.size() && text[groups[b].end] == 'L';
        if (followed_by_l || (b == a + 2 && IsDateShape(text, groups, a))) continue;
        if (auto nine = BsnOfDigits(digits, b == a); nine) best = std::move(nine), best_b = b;
      }
      if (!best) {
        ++a;
        continue;
      }
      out.append(text.substr(pending, groups[a].begin - pending));
      out += replace(*best);
      pending = groups[best_b].end;
      a = best_b + 1;
    }
    std::size_t run_end = groups.back().end;
    out.append(text.substr(pending, run_end - pending));
    i = run_end;
  }
  return out;
}

std::string Quote(std::string_view value) {
  std::string masked = ReplaceBsnLikeRuns(value, [](std::string_view) { return std::string("#########"); });
  std::string out = "'";
  std::size_t n = 0;
  for (char c : masked) {
    if (++n > 40) {
      out += "...";
      break;
    }
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  out += "'";
  return out;
}

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int extra;
    std::uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; }
    else return false;
    if (i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace banenmonitor::data
