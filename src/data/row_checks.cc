#include "data/row_checks.h"

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "common/lang.h"
#include "data/fields.h"

namespace banenmonitor::data {

std::optional<Hours> CheckHoursInFull(TableFile& f, std::size_t col, std::optional<int> max) {
  std::string_view text = f.Field(col);
  const char mark = f.decimal_mark();
  auto h = ParseMicroHours(text, mark);
  // The range text is built only for a message: this runs for every payroll row.
  auto range = [&] { return max ? Say("van 0 tot {}", "from 0 to {}", *max) : std::string(">= 0"); };
  if (!h) {
    std::string_view t = Trim(text);
    if (!t.empty() && t.front() == '-' && ParseMicroHours(t.substr(1), mark)) {
      f.Error(col, "out-of-range", Say("{} is negatief (verwacht uren {})", "{} is negative (expected hours {})", Quote(t), range()));
    } else if (t.empty()) {
      f.Error(col, "empty-value", Say("leeg (verwacht uren {})", "empty (expected hours {})", range()));
    } else if (!f.RefuseMixedNumber(col)) {
      f.Error(col, "bad-number",
              Say("{} is geen getal (verwacht uren {}, met '{}' als decimaalteken)",
                  "{} is not a number (expected hours {}, with '{}' as decimal separator)", Quote(t), range(), mark));
    }
    return std::nullopt;
  }
  if (max && *h > Hours{*max} * kMicroPerHour) {
    f.Error(col, "out-of-range",
            Say("{} is meer dan {} uur (verwacht uren {}: een maand heeft hooguit {} uur)",
                "{} is more than {} hours (expected hours {}: a month has at most {} hours)", Quote(Trim(text)), *max,
                range(), kHoursInAMonth));
    return std::nullopt;
  }
  return h;
}

std::optional<std::int64_t> CheckWageInFull(TableFile& f, std::size_t col) {
  std::string_view text = Trim(f.Field(col));
  if (text.empty()) return std::nullopt;
  const char mark = f.decimal_mark();
  auto micro = ParseMicroHours(text, mark);  // the same decimal shape as hours
  if (!micro) {
    if (!f.RefuseMixedNumber(col)) {
      f.Error(col, "bad-number",
              Say("{} is geen bedrag (verwacht euro's >= 0 met '{}' als decimaalteken, of leeg)",
                  "{} is not an amount (expected euros >= 0 with '{}' as decimal separator, or empty)", Quote(text),
                  mark));
    }
    return std::nullopt;
  }
  return CentsOfMicro(*micro);
}

std::optional<double> CheckJobs(TableFile& f, std::size_t col, bool negative_allowed) {
  std::string_view text = Trim(f.Field(col));
  const char mark = f.decimal_mark();
  auto v = ParseDecimal(text, mark);
  if (v && (negative_allowed || *v >= 0)) return v;
  if (!v && f.RefuseMixedNumber(col)) return std::nullopt;
  if (negative_allowed) {
    f.Error(col, "bad-number",
            Say("{} is geen aantal banen (verwacht een decimaal getal met '{}' als decimaalteken, of leeg)",
                "{} is not a number of jobs (expected a decimal with '{}' as separator, or empty)", Quote(text), mark));
  } else {
    f.Error(col, "bad-number",
            Say("{} is geen aantal banen (verwacht een decimaal getal >= 0 met '{}' als decimaalteken)",
                "{} is not a number of jobs (expected a decimal >= 0 with '{}' as separator)", Quote(text), mark));
  }
  return std::nullopt;
}

std::optional<MonthIndex> CheckMonthInFull(TableFile& f, std::size_t col) {
  auto month = ParseMonth(f.Field(col));
  if (!month) {
    f.Error(col, "bad-period", Say("{} is geen maand (verwacht JJJJ-MM)", "{} is not a month (expected YYYY-MM)",
                                   Quote(f.Field(col))));
  }
  return month;
}

const LabourMarketRegion* ReadRegion(TableFile& f, int col) {
  std::string_view text = Trim(f.Field(col));
  if (text.empty()) return nullptr;
  const RegionTable& regions = RegionTable::Embedded();
  if (auto name = regions.Resolve(text)) return regions.FindRegion(*name);
  if (!IsValidUtf8(text) || LooksLikeBsn(text)) {
    f.Warning(col, "unknown-region", Say("geen arbeidsmarktregio (verwacht de naam van een van de 35 regio's, een regiocode als AM18 of een gemeentecode als GM0363); de rij telt onder region:onbekend", "not a labour market region (expected the name of one of the 35 regions, a region code such as AM18 or a gemeentecode such as GM0363); the row counts under region:onbekend"));
  } else if (auto near = regions.Nearest(text)) {
    f.Warning(col, "unknown-region", Say("{} is geen arbeidsmarktregio (bedoelt u {}? verwacht de naam van een van de 35 regio's, een regiocode als AM18 of een gemeentecode als GM0363); de rij telt onder region:onbekend", "{} is not a labour market region (did you mean {}? expected the name of one of the 35 regions, a region code such as AM18 or a gemeentecode such as GM0363); the row counts under region:onbekend", Quote(text), Quote(*near)));
  } else {
    f.Warning(col, "unknown-region", Say("{} is geen arbeidsmarktregio (verwacht de naam van een van de 35 regio's, een regiocode als AM18 of een gemeentecode als GM0363; de lijst: docs/regions.md); de rij telt onder region:onbekend", "{} is not a labour market region (expected the name of one of the 35 regions, a region code such as AM18 or a gemeentecode such as GM0363; the list: docs/regions.md); the row counts under region:onbekend", Quote(text)));
  }
  return nullptr;
}

}  // namespace banenmonitor::data
