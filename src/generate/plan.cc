// The calibration plan (docs/calibration.md explains every number here).
#include "generate/plan.h"

#include <algorithm>
#include <cmath>

#include "generate/rng.h"

namespace banenmonitor::generate {

namespace {

// --- Published figures ------------------------------------------------------
// shared/data/parameters.csv: nulmeting_jobs_all_employers (Wfsv art. 122n) and
// the nulmeting at liable employers (Regeling Wfsv art. 3.35, variable A).
constexpr double kNulmetingAll = 75179;
constexpr double kNulmetingLiableGovernment = 13504;
constexpr double kNulmetingLiableMarket = 35927;
// Choice: the national nulmeting is split over the sectors in the proportion of
// the nulmeting at liable employers, the only published split: 27.3 % government.
// 75,179 x 13,504 / (13,504 + 35,927) = 20,538.2, rounded to whole jobs.
constexpr double kBaselineGovernment = 20538;
static_assert(kBaselineGovernment - kNulmetingAll * kNulmetingLiableGovernment /
                                        (kNulmetingLiableGovernment + kNulmetingLiableMarket) < 0.5);
constexpr double kBaselineMarket = kNulmetingAll - kBaselineGovernment;

// What is published of a year's realisation.
enum class Published : unsigned char {
  kNone,     // chosen (2013, 2014 interpolated; 2025)
  kSectors,  // market and government (2015-2023)
  kTotal,    // only the total; the split is a choice (2024)
};

struct NationalFigures {
  int year;
  double target_market, target_government;      // extra jobs; < 0: no published target
  double realised_market, realised_government;  // extra jobs; < 0: interpolated (2013, 2014)
  Published published;
};

// shared/data/national-results.csv. 2024: only the total is published, 89,665
// ("bijna 90.000", 4,000 more than the 85,665 of 2023; Rijksoverheid, 3 July
// 2025), both sectors below their target (Kamerbrief 2025D47106); choice of
// the split: 77,265 market + 12,400 government. 2025 continues the trend
// (choice: 80,500 + 12,900).
constexpr NationalFigures kNational[] = {
    {2012, -1, -1, 0, 0, Published::kNone},
    {2013, -1, -1, -1, -1, Published::kNone},
    {2014, -1, -1, -1, -1, Published::kNone},
    {2015, 6000, 3000, 15604, 5453, Published::kSectors},
    {2016, 14000, 6500, 18957, 3597, Published::kSectors},
    {2017, 23000, 10000, 30432, 6471, Published::kSectors},
    {2018, 31000, 12500, 44017, 7940, Published::kSectors},
    {2019, 40000, 15000, 51829, 9786, Published::kSectors},
    {2020, 50000, 17500, 53799, 12298, Published::kSectors},
    {2021, 60000, 20000, 60966, 11842, Published::kSectors},
    {2022, 70000, 22500, 71113, 10004, Published::kSectors},
    {2023, 80000, 25000, 74031, 11634, Published::kSectors},
    {2024, 90000, 25000, 77265, 12400, Published::kTotal},
    {2025, 100000, 25000, 80500, 12900, Published::kNone},
};
static_assert(77265 + 12400 == 89665);

const NationalFigures& National(int year) { return kNational[year - kNulmetingYear]; }

// Realised extra jobs; 2013 and 2014 (before the first measurement) linear
// from 0 at the nulmeting to the 2015 figure.
double RealisedExtra(int year, bool government) {
  const NationalFigures& n = National(year);
  double v = government ? n.realised_government : n.realised_market;
  if (v >= 0) return v;
  double v2015 = government ? National(2015).realised_government : National(2015).realised_market;
  return v2015 * (year - kNulmetingYear) / 3.0;
}

double TargetExtra(int year, bool government) {
  const NationalFigures& n = National(year);
  double v = government ? n.target_government : n.target_market;
  return v < 0 ? 0 : v;
}

// --- The Rijk (public-sector-figures.csv) -------------------------------------
// Opgave as a share of the government's total jobs target (baseline + extra):
// 2019 3,531 and 2022 5,144 are published; 2023 follows from the Q3 2023 figure
// (4,386 jobs = 77 % -> about 5,700). Between: linear; before 2019 and after 2023: flat.
double RijkShare(int year) {
  const double s2019 = 3531.0 / (kBaselineGovernment + 15000);
  const double s2022 = 5144.0 / (kBaselineGovernment + 22500);
  const double s2023 = 5700.0 / (kBaselineGovernment + 25000);
  if (year <= 2019) return s2019;
  if (year < 2022) return s2019 + (s2022 - s2019) * (year - 2019) / 3.0;
  if (year == 2022) return s2022;
  return s2023;
}

// Realisation of the Rijk in % of its opgave: 2019 2,068 / 3,531, 2022 3,749 /
// 5,144, 2023 80 %, 2024 85 % published; the other years are a chosen path.
double RijkPct(int year) {
  constexpr double kPct[] = {30, 32, 36, 42, 47, 51, 55, 2068.0 / 3531.0 * 100, 63, 68, 3749.0 / 5144.0 * 100,
                             80, 85, 88};
  return kPct[year - kNulmetingYear];
}

// Binnenwerk (the Rijk's central employer for group placements, part of BZK):
// 870 jobs at the end of 2023 against a programme target of 1,500; the 1,000th
// job in June 2024. Earlier years: a chosen ramp from its start in 2016.
double BinnenwerkJobs(int year) {
  constexpr double kJobs[] = {0, 0, 0, 0, 50, 140, 250, 360, 460, 580, 720, 870, 1050, 1200};
  return kJobs[year - kNulmetingYear];
}

// --- Choices for the other public subsectors ----------------------------------
struct SubsectorChoice {
  std::string_view code;
  double weight;       // relative share of the opgave outside the Rijk
  double ratio;        // realisation relative to the opgave before normalisation
  double hired_share;  // share of its jobs that are hired in
};
// Weights follow the subsectors' paid hours roughly (staff of 2022); ratios make
// gemeenten (with their Wsw secondments) well above and education far below the
// opgave, as the annual letters report.
constexpr SubsectorChoice kSubsectorChoices[] = {
    {"gemeenten", 20, 1.30, 0.30}, {"provincies", 0.84, 1.05, 0.10}, {"waterschappen", 1.0, 1.10, 0.10},
    {"defensie", 5.5, 0.55, 0.10}, {"politie", 5.5, 0.50, 0.10},     {"rechtspraak", 1.0, 0.70, 0.10},
    {"po", 14, 0.35, 0.10},        {"vo", 9, 0.30, 0.10},             {"mbo", 5, 0.40, 0.10},
    {"hbo", 4, 0.35, 0.10},        {"wo", 5, 0.38, 0.10},             {"umc", 7, 0.60, 0.10},
    {"onderzoek", 1, 0.50, 0.10},  {"overig", 8.6, 1.00, 0.05},
};

// Published realisation of a subsector in a year, as jobs given its opgave,
// `points` (percentage points of the opgave) off the published figure; nullopt
// when free. `drift` is the subsector's own variation (a factor around 1).
std::optional<double> FixedSubsectorJobs(std::string_view code, int year, double opgave, double points,
                                         double drift) {
  if (code == "politie" && year == 2023) return (54 + points) / 100 * opgave;  // public-sector-figures.csv
  if (code == "politie" && year == 2024) return (68 + points) / 100 * opgave;
  // Provincies: 321.18 jobs against an opgave of 306.17 in 2019; choice: about
  // the same 104.9 % in the other years (the provincies have met their opgave).
  if (code == "provincies" && year == 2019) return 321.18 + points / 100 * 306.17;
  if (code == "provincies") return 321.18 / 306.17 * opgave * drift;
  return std::nullopt;
}
std::optional<double> FixedSubsectorOpgave(std::string_view code, int year) {
  if (code == "provincies" && year == 2019) return 306.17;
  return std::nullopt;
}

struct MinistryChoice {
  std::string_view code;
  double weight;  // share of the Rijk's opgave, % (staff of the ministry and its agencies)
  double ratio;   // realisation relative to the opgave before normalisation (BZK without Binnenwerk)
};
constexpr MinistryChoice kMinistryChoices[] = {
    {"AZ", 1, 0.80},  {"BZ", 5, 0.60},   {"BZK", 15, 1.00}, {"EZK", 5, 0.90}, {"Fin", 21, 0.80}, {"IenW", 10, 0.85},
    {"JenV", 26, 0.70}, {"LNV", 6, 0.80}, {"OCW", 4, 0.90}, {"SZW", 3, 1.10}, {"VWS", 4, 0.95},
};
constexpr double kRijkHiredShare = 0.06;

// The ratios above describe the 2020s; at the nulmeting the jobs were spread
// more evenly over the subsectors. Choice: the spread grows linearly from 30 %
// of its final size in 2012 to all of it in 2020.
double Ratio(double final_ratio, int year) {
  double lambda = std::min(1.0, 0.3 + 0.7 * (year - kNulmetingYear) / 8.0);
  return 1.0 + (final_ratio - 1.0) * lambda;
}

// --- Natural variation ----------------------------------------------------------
// A published realisation is planned within kPublishedSlack percentage points
// of the published figure (uniform), so that the generated delivery looks
// measured rather than copied; the calibration test allows 1 point. A chosen
// figure varies more: each subsector and ministry has its own path, a
// mean-reverting walk of its log ratio (kRatioPersistence, kRatioInnovation),
// so that the subsectors change differently from year to year.
constexpr double kPublishedSlack = 0.4;
constexpr double kChosenPointsSd = 1.0;    // chosen national and Rijk figures: sd in points
constexpr double kRatioPersistence = 0.6;  // share of last year's deviation kept
constexpr double kRatioInnovation = 0.05;  // sd of the yearly innovation of a log ratio

struct Variation {
  // Per year: points off the published (or chosen) figure.
  std::vector<double> market, government, rijk, politie, provincies_2019, binnenwerk_2023;
  // Per cell and year: factor on the ratio (exp of the walk).
  std::vector<std::vector<double>> subsector, ministry;
  std::vector<double> binnenwerk;  // factor on the chosen ramp
};

bool RijkPublished(int year) { return year == 2019 || year == 2022 || year == 2023 || year == 2024; }

// Draws the variation of a run from its own stream of `seed` (the plan's
// draws do not shift those of the employers, the register or the jobs).
Variation DrawVariation(std::uint64_t seed, int to_year) {
  Rng rng(Mix64(seed ^ 0x706c616e2d766172ULL));
  Variation v;
  auto walk = [&](std::size_t cells) {
    std::vector<std::vector<double>> out(cells);
    for (auto& cell : out) {
      double w = 0;
      for (int year = kNulmetingYear; year <= to_year; ++year) {
        if (year > kNulmetingYear) w = kRatioPersistence * w + rng.Normal(0, kRatioInnovation);
        cell.push_back(std::exp(w));
      }
    }
    return out;
  };
  for (int year = kNulmetingYear; year <= to_year; ++year) {
    const Published p = National(year).published;
    double slack = rng.Uniform(-kPublishedSlack, kPublishedSlack);
    double chosen = rng.Normal(0, kChosenPointsSd);
    double market = p == Published::kNone ? chosen : slack;
    double government = p == Published::kSectors ? rng.Uniform(-kPublishedSlack, kPublishedSlack) : market;
    v.market.push_back(market);
    v.government.push_back(government);
    v.rijk.push_back(RijkPublished(year) ? rng.Uniform(-kPublishedSlack, kPublishedSlack)
                                         : rng.Normal(0, 2 * kChosenPointsSd));
    v.politie.push_back(rng.Uniform(-kPublishedSlack, kPublishedSlack));
    v.provincies_2019.push_back(rng.Uniform(-kPublishedSlack, kPublishedSlack));
    v.binnenwerk_2023.push_back(rng.Uniform(-kPublishedSlack, kPublishedSlack));
  }
  v.subsector = walk(std::size(kSubsectorChoices));
  v.ministry = walk(std::size(kMinistryChoices));
  v.binnenwerk = walk(1).front();
  return v;
}

// Register size on 31 December (UWV trend: 253,069 at the end of 2022, parameters.csv);
// the other years a chosen path: the stock of the old schemes at the nulmeting
// and the inflow of the Participatiewet from 2015.
constexpr double kRegisterPersons[] = {145000, 150000, 156000, 168000, 183000, 198000, 212000,
                                       224000, 233000, 243000, 253069, 268000, 280000, 290000};

// hire_in_share_government (parameters.csv): 0.24 in December 2012 and 0.337 in
// December 2020 (SEO); between linear, after 2020 flat.
double HireInShareGovernment(int year) {
  if (year >= 2020) return 0.337;
  return 0.24 + (0.337 - 0.24) * (year - kNulmetingYear) / 8.0;
}

// The agency staff whose hours no hirer attributes stay in the market (3 % of its jobs).
constexpr double kAgencyDirectShare = 0.03;
// A hired channel needs at least this many persons at the scale, else its jobs are direct.
constexpr double kMinHiredPersons = 0.75;

}  // namespace

double Plan::Interpolate(const std::vector<double>& per_year, double year) {
  if (per_year.empty()) return 0;
  double t = year - (kNulmetingYear + 10.5 / 12.0);  // index position: Q4 centred on mid-November
  if (t <= 0) return per_year.front();
  auto i = static_cast<std::size_t>(t);
  if (i + 1 >= per_year.size()) return per_year.back();
  double f = t - static_cast<double>(i);
  return per_year[i] * (1 - f) + per_year[i + 1] * f;
}

Plan BuildPlan(double scale, int from_year, int to_year, std::uint64_t seed) {
  Plan plan;
  plan.scale = scale;
  plan.from_year = from_year;
  plan.to_year = to_year;
  plan.baseline_market = kBaselineMarket * scale;
  plan.baseline_government = kBaselineGovernment * scale;
  const int years = plan.years();

  CellPlan market{CellKind::kMarket, "market", {}, {}, {}};
  std::vector<CellPlan> subsectors, ministries;
  for (const auto& c : kSubsectorChoices) subsectors.push_back({CellKind::kSubsector, std::string(c.code), {}, {}, {}});
  for (const auto& m : kMinistryChoices) ministries.push_back({CellKind::kMinistry, std::string(m.code), {}, {}, {}});
  CellPlan binnenwerk{CellKind::kBinnenwerk, "binnenwerk", {}, {}, {}};
  std::vector<std::vector<double>> subsector_opgave(std::size(kSubsectorChoices));
  std::vector<double> rijk_opgave;
  std::vector<std::vector<double>> ministry_opgave(std::size(kMinistryChoices));

  const Variation v = DrawVariation(seed, to_year);
  double weight_sum = 0;
  for (const auto& c : kSubsectorChoices) weight_sum += c.weight;
  for (int year = kNulmetingYear; year <= to_year; ++year) {
    const auto y = static_cast<std::size_t>(year - kNulmetingYear);
    double gov_jobs = kBaselineGovernment + RealisedExtra(year, true) + v.government[y] / 100 * TargetExtra(year, true);
    double market_jobs = kBaselineMarket + RealisedExtra(year, false) + v.market[y] / 100 * TargetExtra(year, false);
    double gov_target_total = kBaselineGovernment + TargetExtra(year, true);

    // The Rijk and its ministries: each ministry its own ratio, scaled to the Rijk's jobs.
    double rijk_share = RijkShare(year);
    double r_opgave = rijk_share * gov_target_total;
    double r_jobs = (RijkPct(year) + v.rijk[y]) / 100 * r_opgave;
    rijk_opgave.push_back(r_opgave);
    double bw_planned = year == 2023 ? BinnenwerkJobs(year) + v.binnenwerk_2023[y] / 100 * 1500
                                     : BinnenwerkJobs(year) * v.binnenwerk[y];
    double bw = std::min(bw_planned, 0.5 * r_jobs);
    double weighted = 0;
    for (std::size_t i = 0; i < std::size(kMinistryChoices); ++i) {
      const auto& m = kMinistryChoices[i];
      weighted += Ratio(m.ratio, year) * v.ministry[i][y] * m.weight / 100 * r_opgave;
    }
    double k_rijk = (r_jobs - bw) / weighted;
    for (std::size_t i = 0; i < std::size(kMinistryChoices); ++i) {
      double opgave = kMinistryChoices[i].weight / 100 * r_opgave;
      ministry_opgave[i].push_back(opgave);
      ministries[i].jobs.push_back(Ratio(kMinistryChoices[i].ratio, year) * v.ministry[i][y] * opgave * k_rijk);
    }
    binnenwerk.jobs.push_back(bw);

    // The other subsectors share the rest of the government's jobs, each by its own ratio.
    double fixed_jobs = 0, free_weighted = 0;
    std::vector<double> opgave(std::size(kSubsectorChoices)), ratio(std::size(kSubsectorChoices));
    std::vector<std::optional<double>> fixed(std::size(kSubsectorChoices));
    for (std::size_t i = 0; i < std::size(kSubsectorChoices); ++i) {
      const auto& c = kSubsectorChoices[i];
      opgave[i] = FixedSubsectorOpgave(c.code, year).value_or(c.weight / weight_sum * (1 - rijk_share) * gov_target_total);
      double points = c.code == "politie" ? v.politie[y] : v.provincies_2019[y];
      fixed[i] = FixedSubsectorJobs(c.code, year, opgave[i], points, v.subsector[i][y]);
      ratio[i] = Ratio(c.ratio, year) * v.subsector[i][y];
      if (fixed[i]) fixed_jobs += *fixed[i];
      else free_weighted += ratio[i] * opgave[i];
    }
    double k = (gov_jobs - r_jobs - fixed_jobs) / free_weighted;
    for (std::size_t i = 0; i < std::size(kSubsectorChoices); ++i) {
      subsector_opgave[i].push_back(opgave[i]);
      subsectors[i].jobs.push_back(fixed[i] ? *fixed[i] : ratio[i] * opgave[i] * k);
    }
    market.jobs.push_back(market_jobs);
    plan.register_persons.push_back(kRegisterPersons[y] * scale);
    plan.hire_in_share_government.push_back(HireInShareGovernment(year));
  }

  // Hired-in jobs: a share per government cell; the market's follows from the
  // government share of all hired-in hours.
  auto viable = [&](const std::vector<double>& hired) {
    return *std::max_element(hired.begin(), hired.end()) * scale * 25.5 / 28.0 >= kMinHiredPersons;
  };
  std::vector<double> gov_hired(static_cast<std::size_t>(years), 0.0);
  auto plan_hired = [&](CellPlan& cell, double share) {
    cell.hired.assign(cell.jobs.size(), 0.0);
    for (std::size_t y = 0; y < cell.jobs.size(); ++y) cell.hired[y] = share * cell.jobs[y];
    if (!viable(cell.hired)) std::fill(cell.hired.begin(), cell.hired.end(), 0.0);
    cell.agency_direct.assign(cell.jobs.size(), 0.0);
    for (std::size_t y = 0; y < cell.jobs.size(); ++y) gov_hired[y] += cell.hired[y];
  };
  for (std::size_t i = 0; i < subsectors.size(); ++i) plan_hired(subsectors[i], kSubsectorChoices[i].hired_share);
  for (auto& m : ministries) plan_hired(m, kRijkHiredShare);
  plan_hired(binnenwerk, 0.0);
  market.hired.resize(static_cast<std::size_t>(years));
  market.agency_direct.resize(static_cast<std::size_t>(years));
  for (int y = 0; y < years; ++y) {
    double s = plan.hire_in_share_government[static_cast<std::size_t>(y)];
    market.hired[static_cast<std::size_t>(y)] = gov_hired[static_cast<std::size_t>(y)] * (1 - s) / s;
    market.agency_direct[static_cast<std::size_t>(y)] = kAgencyDirectShare * market.jobs[static_cast<std::size_t>(y)];
  }

  plan.cells.push_back(std::move(market));
  for (auto& s : subsectors) plan.cells.push_back(std::move(s));
  for (auto& m : ministries) plan.cells.push_back(std::move(m));
  plan.cells.push_back(std::move(binnenwerk));
  for (auto& cell : plan.cells) {
    for (auto* v : {&cell.jobs, &cell.hired, &cell.agency_direct}) {
      for (double& x : *v) x *= scale;
    }
  }

  // targets.csv: national scopes (extra jobs against the nulmeting) and the
  // opgaves of the subsectors and ministries (total jobs, baseline 0).
  for (int year = from_year + 1; year <= to_year; ++year) {
    const NationalFigures& n = National(year);
    std::size_t y = static_cast<std::size_t>(Plan::Index(year));
    auto target = [&](double v) -> std::optional<double> {
      if (v < 0) return std::nullopt;
      return v * scale;
    };
    std::optional<double> total_target;
    if (n.target_market >= 0) total_target = (n.target_market + n.target_government) * scale;
    plan.targets.push_back({year, "total", (kBaselineMarket + kBaselineGovernment) * scale, total_target});
    plan.targets.push_back({year, "market", kBaselineMarket * scale, target(n.target_market)});
    plan.targets.push_back({year, "government", kBaselineGovernment * scale, target(n.target_government)});
    plan.targets.push_back({year, "subsector:rijk", 0, rijk_opgave[y] * scale});
    for (std::size_t i = 0; i < std::size(kSubsectorChoices); ++i) {
      plan.targets.push_back({year, "subsector:" + std::string(kSubsectorChoices[i].code), 0, subsector_opgave[i][y] * scale});
    }
    for (std::size_t i = 0; i < std::size(kMinistryChoices); ++i) {
      plan.targets.push_back({year, "organisation:" + std::string(kMinistryChoices[i].code), 0, ministry_opgave[i][y] * scale});
    }
  }
  plan.binnenwerk_target_2023 = 1500 * scale;
  return plan;
}

}  // namespace banenmonitor::generate
