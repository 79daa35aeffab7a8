// The register of the synthetic Netherlands (see population.h).
#include "generate/population.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "generate/dates.h"

namespace banenmonitor::generate {

namespace {

struct GroundShare {
  Ground ground;
  double share;
};

// Grounds of the stock registered at the nulmeting: the old schemes.
constexpr GroundShare kStock[] = {{Ground::kWajong, 0.62},       {Ground::kWsw, 0.21},      {Ground::kGelijkgesteld, 0.07},
                                  {Ground::kVsoPro, 0.06},       {Ground::kIndicatie, 0.04}};
// Inflow before the Participatiewet (2013-2014).
constexpr GroundShare kInflowEarly[] = {{Ground::kWajong, 0.55}, {Ground::kVsoPro, 0.25}, {Ground::kIndicatie, 0.15},
                                        {Ground::kWsw, 0.05}};
// Inflow from 2015: the Participatiewet closed the Wsw and (for people with
// work capacity) the Wajong.
constexpr GroundShare kInflowLate[] = {{Ground::kParticipatiewet, 0.45}, {Ground::kIndicatie, 0.14},
                                       {Ground::kVsoPro, 0.22},          {Ground::kWajong, 0.05},
                                       {Ground::kVoorziening, 0.06},     {Ground::kTransitie, 0.02},
                                       {Ground::kWiaExperiment, 0.02},   {Ground::kGelijkgesteld, 0.04}};

template <std::size_t N>
Ground Draw(const GroundShare (&shares)[N], Rng& rng) {
  double u = rng.Uniform();
  for (const auto& s : shares) {
    if (u < s.share) return s.ground;
    u -= s.share;
  }
  return shares[0].ground;
}

// Yearly chance of leaving the register (retirement, death, emigration, reassessment).
double ExitHazard(Ground g) { return g == Ground::kWsw ? 0.05 : 0.025; }

DayNumber Day(int y, int m, int d) { return FirstDay(MakeMonth(y, m)) + d - 1; }

}  // namespace

int ElfproefCheckDigit(std::uint32_t first_eight) {
  int sum = 0;
  for (int weight = 2; weight <= 9; ++weight) {
    sum += weight * static_cast<int>(first_eight % 10);
    first_eight /= 10;
  }
  // 9*d1 + ... + 2*d8 - d9 = 0 (mod 11)  ->  d9 = sum mod 11, which must be a digit.
  int d9 = sum % 11;
  return d9 <= 9 ? d9 : -1;
}

bool Population::Eligible(std::uint32_t person, MonthIndex m) const {
  const GenPerson& p = persons[person];
  return p.kind != PersonKind::kVoorziening && p.start <= LastDay(m) && p.end >= FirstDay(m);
}

std::int64_t Population::RegisteredAt(DayNumber day) const {
  std::int64_t n = 0;
  for (const auto& p : persons) n += (p.start <= day && p.end >= day) ? 1 : 0;
  return n;
}

Population BuildPopulation(const Plan& plan, Rng& rng) {
  Population pop;
  const DayNumber sim_start = Day(kNulmetingYear, 12, 1);
  const DayNumber sim_end = Day(plan.to_year, 12, 31);
  std::unordered_set<std::uint32_t> used;  // membership only; never iterated

  auto new_person = [&](Ground ground, DayNumber start) {
    GenPerson p;
    for (;;) {
      auto eight = static_cast<std::uint32_t>(rng.Below(100'000'000));
      int check = ElfproefCheckDigit(eight);
      std::uint32_t bsn = eight * 10 + static_cast<std::uint32_t>(check);
      if (check < 0 || bsn < 10'000'000 || !used.insert(bsn).second) continue;
      p.bsn = bsn;
      break;
    }
    p.ground = p.ground2 = ground;
    p.kind = ground == Ground::kWsw ? PersonKind::kWsw
             : ground == Ground::kVoorziening ? PersonKind::kVoorziening : PersonKind::kGeneral;
    p.start = start;
    double years = rng.Exponential(1.0 / ExitHazard(ground));
    DayNumber end = std::max(start, sim_start) + static_cast<DayNumber>(years * 365.25);
    p.end = end > sim_end ? kOpenEnd : end;
    // Young people from vso/pro (and some with an indicatie) move to the
    // Participatiewet ground after a few years: a second register row.
    if ((ground == Ground::kVsoPro && rng.Chance(0.12)) || (ground == Ground::kIndicatie && rng.Chance(0.05))) {
      DayNumber change = std::max(start, sim_start - 365) + static_cast<DayNumber>(rng.Between(200, 1500));
      if (change > start && change <= std::min(p.end, sim_end)) {
        p.change_day = change;
        p.ground2 = Ground::kParticipatiewet;
      }
    }
    if (p.kind == PersonKind::kGeneral && rng.Chance(0.01)) {
      DayNumber from = std::max(start, sim_start) + static_cast<DayNumber>(rng.Between(0, 1100));
      if (from <= std::min(p.end, sim_end)) p.voorziening_from = from;
    }
    pop.persons.push_back(p);
  };

  // The stock at the nulmeting: registered on 31 December 2012.
  auto stock = static_cast<std::size_t>(std::llround(plan.register_persons[0]));
  const DayNumber stock_last = Day(kNulmetingYear, 12, 31);
  std::vector<std::pair<DayNumber, Ground>> starts;
  for (std::size_t i = 0; i < stock; ++i) {
    // Registered some years before the nulmeting (a truncated exponential: not before 1990).
    DayNumber start;
    do {
      start = stock_last - static_cast<DayNumber>(rng.Exponential(5.5 * 365.25));
    } while (start < Day(1990, 1, 1));
    starts.emplace_back(start, Draw(kStock, rng));
  }
  std::sort(starts.begin(), starts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [start, ground] : starts) new_person(ground, start);

  // Inflow per year so that the register follows the planned size on 31 December.
  for (int year = kNulmetingYear + 1; year <= plan.to_year; ++year) {
    DayNumber year_end = Day(year, 12, 31);
    double still = static_cast<double>(pop.RegisteredAt(year_end));
    double want = plan.register_persons[static_cast<std::size_t>(Plan::Index(year))];
    auto inflow = static_cast<std::int64_t>(std::llround(std::max(0.0, (want - still) / 0.988)));
    starts.clear();
    DayNumber first = Day(year, 1, 1);
    for (std::int64_t i = 0; i < inflow; ++i) {
      Ground g = year < 2015 ? Draw(kInflowEarly, rng) : Draw(kInflowLate, rng);
      // Voorziening as a ground from 2016, the WIA experiment from 2018.
      if ((g == Ground::kVoorziening && year < 2016) || (g == Ground::kWiaExperiment && year < 2018)) {
        g = Ground::kParticipatiewet;
      }
      starts.emplace_back(first + static_cast<DayNumber>(rng.Below(static_cast<std::uint64_t>(year_end - first + 1))), g);
    }
    std::sort(starts.begin(), starts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [start, ground] : starts) new_person(ground, start);
  }
  return pop;
}

}  // namespace banenmonitor::generate
