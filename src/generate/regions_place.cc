// Regions of the synthetic Netherlands (see regions_place.h).
#include "generate/regions_place.h"

#include <algorithm>
#include <numeric>
#include <string_view>

#include "banenmonitor/regions.h"
#include "generate/rng.h"

namespace banenmonitor::generate {

namespace {

// Purposes of the hashes, so that no two choices share a draw.
constexpr std::uint64_t kPickRegion = 0x7265672d70696b31ULL;
constexpr std::uint64_t kShuffleGemeenten = 0x7265672d73687566ULL;
constexpr std::uint64_t kRijkHome = 0x7265672d72696a6bULL;
constexpr std::uint64_t kPersonHome = 0x7265672d70657273ULL;

// Choice: the Rijk's employers are in Haaglanden with this chance (the
// ministries and most agencies are in The Hague), elsewhere by size.
constexpr double kRijkInHaaglanden = 0.75;
// Choice: a person lives in the region of the first job with this chance.
constexpr double kLivesWhereWorks = 0.85;

// The gemeenten of the four large cities (CBS codes), the largest first, and
// the capitals of the provincies in the order of names.cc's Provincies().
constexpr std::string_view kLargeCities[] = {"GM0363", "GM0599", "GM0518", "GM0344"};
constexpr std::string_view kCapitals[] = {"GM0014", "GM0080", "GM0106", "GM0193", "GM0995", "GM0202",
                                          "GM0344", "GM0392", "GM0518", "GM0687", "GM0796", "GM0935"};
constexpr std::string_view kHaaglanden = "Haaglanden";

// Regions weighted by their size: the number of their gemeenten, the regions
// of the four large cities threefold (no population table is shipped).
struct RegionWeights {
  std::vector<std::string> names;
  std::vector<double> cumulative;

  explicit RegionWeights(const RegionTable& table) {
    double sum = 0;
    for (const auto& r : table.regions()) {
      double w = static_cast<double>(r.gemeenten.size());
      for (auto code : kLargeCities) {
        if (std::binary_search(r.gemeenten.begin(), r.gemeenten.end(), std::string(code))) w *= 3;
      }
      sum += w;
      names.push_back(r.name);
      cumulative.push_back(sum);
    }
  }
  const std::string& Pick(double u) const {
    auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u * cumulative.back());
    return names[std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()), names.size() - 1)];
  }
};

std::string RegionOfGemeente(const RegionTable& table, std::string_view code) {
  const Gemeente* g = table.FindGemeente(code);
  return g != nullptr ? g->region : std::string();
}

}  // namespace

std::vector<std::string> PlaceEmployers(const EmployerUniverse& universe, std::uint64_t seed) {
  const RegionTable& table = RegionTable::Embedded();
  const RegionWeights weights(table);
  const auto& employers = universe.employers;
  std::vector<std::string> out(employers.size());
  auto by_size = [&](std::size_t i) { return weights.Pick(HashUnit(seed, i, kPickRegion)); };

  // Gemeenten: the largest four in the large cities, the others each in the
  // region of a real gemeente, taken in a shuffled order without repeats.
  std::vector<std::size_t> gemeenten;
  for (std::size_t i = 0; i < employers.size(); ++i) {
    if (employers[i].subsector == "gemeenten" && employers[i].role == EmployerRole::kRegular) gemeenten.push_back(i);
  }
  std::stable_sort(gemeenten.begin(), gemeenten.end(),
                   [&](std::size_t a, std::size_t b) { return employers[a].staff > employers[b].staff; });
  std::vector<std::string> others;
  for (const auto& g : table.gemeenten()) {
    if (std::find(std::begin(kLargeCities), std::end(kLargeCities), g.code) == std::end(kLargeCities)) {
      others.push_back(g.code);
    }
  }
  std::vector<double> keys(others.size());
  for (std::size_t i = 0; i < others.size(); ++i) keys[i] = HashUnit(seed, i, kShuffleGemeenten);
  std::vector<std::size_t> order(others.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  std::size_t next = 0;
  for (std::size_t k = 0; k < gemeenten.size(); ++k) {
    const std::size_t i = gemeenten[k];
    if (k < std::size(kLargeCities) && employers[i].staff >= 5000) {
      out[i] = RegionOfGemeente(table, kLargeCities[k]);
    } else if (next < order.size()) {
      out[i] = RegionOfGemeente(table, others[order[next++]]);
    } else {
      out[i] = by_size(i);
    }
  }

  std::size_t provincie = 0;
  for (std::size_t i = 0; i < employers.size(); ++i) {
    const GenEmployer& e = employers[i];
    if (!out[i].empty()) continue;
    if (e.subsector == "provincies") {
      out[i] = RegionOfGemeente(table, kCapitals[provincie++ % std::size(kCapitals)]);
    } else if (e.subsector == "rijk") {
      bool hague = i == universe.binnenwerk || HashUnit(seed, i, kRijkHome) < kRijkInHaaglanden;
      out[i] = hague ? std::string(kHaaglanden) : by_size(i);
    }
    if (out[i].empty()) out[i] = by_size(i);
  }
  return out;
}

std::vector<std::string> PlacePersons(const Population& population, const Simulation& sim,
                                      const std::vector<std::string>& employer_regions, std::uint64_t seed) {
  const RegionWeights weights(RegionTable::Embedded());
  std::vector<std::uint32_t> first_job(population.persons.size(), kNoEmployer);
  for (const Spell& s : sim.spells) {
    if (s.person < first_job.size() && first_job[s.person] == kNoEmployer) {
      first_job[s.person] = s.hirer != kNoEmployer ? s.hirer : s.employer;
    }
  }
  std::vector<std::string> out(population.persons.size());
  for (std::size_t p = 0; p < out.size(); ++p) {
    const double u = HashUnit(seed, population.persons[p].bsn, kPersonHome);
    if (first_job[p] != kNoEmployer && first_job[p] < employer_regions.size() && u < kLivesWhereWorks) {
      out[p] = employer_regions[first_job[p]];
    } else {
      out[p] = weights.Pick(HashUnit(seed, population.persons[p].bsn, kPickRegion));
    }
  }
  return out;
}

}  // namespace banenmonitor::generate
