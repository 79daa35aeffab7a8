// Helpers shared by the scenario renderings (scenario_format.cc and
// scenario_explain.cc): Dutch numbers, euros and the printed figures of a row.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "banenmonitor/scenario.h"
#include "common/number_format.h"

namespace banenmonitor::report::scenario_text {

inline constexpr const char* kNone = "—";

inline std::size_t Utf8Length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

inline std::string DutchRatio(const Ratio& r, int decimals) { return DutchFromFixed(FixedRatio(r.num, r.den, decimals)); }

// Whole euros from cents ("12.345"), and with cents ("12.345,67").
inline std::string Euro(std::int64_t cents) { return DutchFromFixed(FixedRatio(cents, 100, 0)); }
inline std::string Euro2(std::int64_t cents) { return DutchFromFixed(FixedRatio(cents, 100, 2)); }
inline std::string CsvEuro(const std::optional<std::int64_t>& cents) {
  return cents ? FixedRatio(*cents, 100, 2) : std::string();
}
inline std::string DutchHours(Hours h) { return DutchFromFixed(FixedHours(h)); }

// A percentage of parts per million of the wage: 5,000 ppm -> "0,5"; at
// least one and at most four decimals.
inline std::string OpslagPct(std::int64_t ppm) {
  std::string s = FixedRatio(ppm, kOpslagPpmPerPercent, 4);
  while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  return DutchFromFixed(s);
}
inline std::string EuroPerHour(std::int64_t micro) {
  std::string s = FixedRatio(micro, kMicroEuroPerEuro, 6);
  while (s.back() == '0' && s.find('.') + 3 < s.size()) s.pop_back();  // at least 2 decimals
  return DutchFromFixed(s);
}

// The printed figures of a row (exact, as the count's CSV contract rounds them).
struct Figures {
  std::string jobs, jobs_sroi, baseline, extra, target, pct;
};
inline Figures FiguresOf(const RealisationTable& table, const RealisationRow& row) {
  ExactFigures x = ExactFiguresOf(table, row);
  Figures f;
  f.jobs = DutchRatio(x.jobs, 2);
  f.jobs_sroi = DutchRatio(Ratio{row.hours_sroi, x.jobs.den}, 2);
  f.baseline = DutchRatio(x.baseline_jobs, 2);
  f.extra = DutchRatio(x.extra_jobs, 2);
  f.target = x.target_extra_jobs ? DutchRatio(*x.target_extra_jobs, 2) : kNone;
  f.pct = x.realisation_pct ? DutchRatio(*x.realisation_pct, 1) + " %" : kNone;
  return f;
}

inline std::string WindowText(const ScenarioResult& s) {
  return s.window == Window::kYear ? "heel het jaar" : fmt::format("kwartaal {}", WindowName(s.window)[1]);
}

inline std::string SectorNl(Sector s) { return s == Sector::kGovernment ? "overheid" : "markt"; }

}  // namespace banenmonitor::report::scenario_text
