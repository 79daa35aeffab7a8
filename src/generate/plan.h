// The calibration plan of the synthetic Netherlands: per year and per cell (the
// market, each public subsector, each ministry of the Rijk, Binnenwerk) the
// number of jobs the generated delivery must show when it is counted by the
// engine (Q4 window, counting.md §3), and the targets.csv rows to count them
// against. The published figures come from shared/data/*.csv; where the
// sources are silent the plan makes a choice, documented in docs/calibration.md.
//
// Everything here is already multiplied by the scale: at --scale 0.02 the
// market baseline is 0.02 x 54,641 jobs.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace banenmonitor::generate {

inline constexpr int kNulmetingYear = 2012;  // the nulmeting: December 2012 / 1 January 2013
inline constexpr int kLastPlanYear = 2025;   // the last year with a published target

// Public subsectors other than the Rijk (the Rijk is planned per ministry).
inline constexpr std::array<std::string_view, 14> kOtherSubsectors = {
    "gemeenten", "provincies", "waterschappen", "defensie", "politie", "rechtspraak", "po",
    "vo",        "mbo",        "hbo",           "wo",       "umc",     "onderzoek",   "overig"};
// The ministries of the Rijk, as `organisation` of their employers. Defensie is
// not among them: it has its own subsector.
inline constexpr std::array<std::string_view, 11> kMinistries = {"AZ",   "BZ",   "BZK", "EZK", "Fin", "IenW",
                                                                 "JenV", "LNV", "OCW", "SZW", "VWS"};
inline constexpr std::string_view kBinnenwerkMinistry = "BZK";

enum class CellKind : unsigned char { kMarket, kSubsector, kMinistry, kBinnenwerk };

// Where counted hours land: one calibration unit.
struct CellPlan {
  CellKind kind = CellKind::kMarket;
  std::string code;                 // "market", a subsector code, a ministry code or "binnenwerk"
  // Per year from kNulmetingYear, scaled: jobs counted in Q4 of the year at the
  // employers of this cell (direct + hired in).
  std::vector<double> jobs;
  std::vector<double> hired;        // of which hired in (agency or Wsw secondment)
  std::vector<double> agency_direct;  // market: agency staff without attribution (counts at the agency)
};

struct TargetRow {
  int year = 0;
  std::string scope;
  double baseline_jobs = 0;
  std::optional<double> target_extra_jobs;
};

struct Plan {
  double scale = 1;
  int from_year = kNulmetingYear;
  int to_year = 2024;
  double baseline_market = 0;      // scaled nulmeting jobs of the market sector
  double baseline_government = 0;  // scaled nulmeting jobs of the government sector
  // Fixed order: market, kOtherSubsectors, kMinistries, binnenwerk.
  std::vector<CellPlan> cells;
  std::vector<TargetRow> targets;  // targets.csv without the employer rows (those need employer ids)
  std::vector<double> register_persons;          // per year: persons registered on 31 December (scaled)
  std::vector<double> hire_in_share_government;  // per year: share of all hired-in hours at government hirers
  double binnenwerk_target_2023 = 0;             // scaled programme target (public-sector-figures.csv)

  static int Index(int year) { return year - kNulmetingYear; }
  int years() const { return to_year - kNulmetingYear + 1; }
  // The jobs of a cell in a (possibly fractional) year, linear between the
  // Q4 measurements (centred on 15 November); used for the monthly staffing.
  static double Interpolate(const std::vector<double>& per_year, double year);
};

// Builds the plan for years kNulmetingYear..to_year; targets for from_year+1..to_year.
// The natural variation of the subsectors, ministries and chosen figures is
// drawn from `seed` (the same seed, the same plan).
// REQUIRES: kNulmetingYear <= from_year < to_year <= kLastPlanYear and scale > 0.
Plan BuildPlan(double scale, int from_year, int to_year, std::uint64_t seed);

}  // namespace banenmonitor::generate
