// The employer universe (see employers.h). Numbers at --scale 1 follow the
// Netherlands of about 2023: 342 gemeenten, 12 provincies, 21 waterschappen,
// about 900 PO and 320 VO school boards, 60 MBO, 36 HBO, 14 WO institutions,
// 7 UMCs, the ministries with their agencies, 90 Wsw employers, 350 temp
// agencies and 30,000 market employers with target-group staff at some time.
#include "generate/employers.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "generate/names.h"

namespace banenmonitor::generate {

void EmployerChoice::Add(std::uint32_t employer, double weight) {
  employers.push_back(employer);
  cumulative.push_back((cumulative.empty() ? 0.0 : cumulative.back()) + std::max(weight, 1e-9));
}

std::uint32_t EmployerChoice::Pick(Rng& rng) const {
  double u = rng.Uniform() * cumulative.back();
  auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
  std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()), employers.size() - 1);
  return employers[i];
}

namespace {

class Builder {
 public:
  Builder(const Plan& plan, Rng& rng) : plan_(plan), rng_(rng) {
    u_.by_cell.resize(plan.cells.size());
    places_ = PlaceNames(std::max<std::size_t>(Count(342), 400), rng_);
  }

  EmployerUniverse Build() {
    BuildRijk();
    BuildGemeenten();
    BuildNamed("provincies", Provincies(), Count(12), [&] { return rng_.Uniform(700, 2600); });
    BuildNamed("waterschappen", Waterschappen(), Count(21), [&] { return rng_.Uniform(250, 1300); });
    BuildShared("defensie", {{"Ministerie van Defensie, militair personeel", 41000},
                             {"Ministerie van Defensie, burgerpersoneel", 20000}});
    BuildShared("politie", {{"Politie (Nationale Politie)", 63000}, {"Politieacademie", 1500}});
    BuildNamed("rechtspraak", Courts(), Count(Courts().size()), [&] { return rng_.Uniform(150, 1500); }, true);
    BuildSchools("po", Count(900), 120, 0.9);
    BuildSchools("vo", Count(320), 280, 0.8);
    BuildSchools("mbo", Count(60), 800, 0.8);
    BuildSchools("hbo", Count(36), 900, 0.9);
    BuildNamed("wo", Universities(), Count(14), [&] { return rng_.Uniform(2500, 8000); });
    BuildNamed("umc", Umcs(), Count(7), [&] { return rng_.Uniform(7000, 16000); });
    BuildResearch();
    BuildOverig();
    BuildWsw();
    BuildAgencies();
    BuildMarket();
    return std::move(u_);
  }

 private:
  std::size_t Count(std::size_t national) const {
    return std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(static_cast<double>(national) * plan_.scale)));
  }
  const std::string& Place() { return places_[rng_.Below(places_.size())]; }

  int CellOf(CellKind kind, std::string_view code) const {
    for (std::size_t i = 0; i < plan_.cells.size(); ++i) {
      if (plan_.cells[i].kind == kind && plan_.cells[i].code == code) return static_cast<int>(i);
    }
    return -1;
  }

  // A new 9-digit base number; `sub` gives L01, L02, ... for one organisation.
  std::string NewId(std::uint32_t base, int sub) { return fmt::format("{:09d}L{:02d}", base, sub); }
  std::uint32_t NewBase() {
    for (;;) {
      auto b = static_cast<std::uint32_t>(rng_.Between(100000000, 999999999));
      if (bases_.insert(b).second) return b;
    }
  }

  std::uint32_t Add(GenEmployer e, double placement_weight) {
    auto index = static_cast<std::uint32_t>(u_.employers.size());
    if (e.role == EmployerRole::kRegular) {
      if (e.cell >= 0) u_.by_cell[static_cast<std::size_t>(e.cell)].Add(index, placement_weight);
      u_.all_regular.Add(index, placement_weight);
    }
    u_.employers.push_back(std::move(e));
    return index;
  }

  GenEmployer Government(std::string subsector, std::string name, double staff, std::uint32_t base, int sub) {
    GenEmployer e;
    e.id = NewId(base, sub);
    e.name = std::move(name);
    e.government = true;
    e.subsector = std::move(subsector);
    e.cell = CellOf(CellKind::kSubsector, e.subsector);
    e.staff = std::max(5.0, staff);
    bool education = e.subsector == "po" || e.subsector == "vo" || e.subsector == "mbo" || e.subsector == "hbo" ||
                     e.subsector == "wo";
    e.weekly_hours = std::clamp(rng_.Normal(education ? 28.5 : 31.5, 1.5), 24.0, 36.0);
    e.wage_per_hour = std::clamp(rng_.Normal(education ? 34 : 33, 3), 24.0, 48.0);
    e.growth = rng_.Uniform(-0.005, 0.02);
    return e;
  }

  void BuildRijk() {
    for (auto ministry : kMinistries) {
      const auto& list = MinistryEmployers(ministry);
      std::size_t n = std::min(list.size(), Count(list.size()));
      std::uint32_t base = NewBase();
      for (std::size_t i = 0; i < n; ++i) {
        GenEmployer e = Government("rijk", std::string(list[i].name), list[i].staff * rng_.Uniform(0.9, 1.1), base,
                                   static_cast<int>(i + 1));
        e.organisation = std::string(ministry);
        e.cell = CellOf(CellKind::kMinistry, ministry);
        double w = e.staff;
        Add(std::move(e), w);
      }
      if (ministry == kBinnenwerkMinistry) {
        // Binnenwerk: the Rijk's own employer for group placements of people in
        // the target group (public-sector-figures.csv, programme:binnenwerk).
        GenEmployer e = Government("rijk", "Binnenwerk (Rijksoverheid, groepsdetacheringen)", 150, base,
                                   static_cast<int>(n + 1));
        e.organisation = std::string(ministry);
        e.cell = CellOf(CellKind::kBinnenwerk, "binnenwerk");
        u_.binnenwerk = Add(std::move(e), 1.0);
      }
    }
  }

  void BuildGemeenten() {
    std::size_t n = Count(342);
    // The four large cities exist only where the scale leaves room for them.
    const double big[] = {16000, 12000, 9000, 5500};
    std::size_t n_big = std::min<std::size_t>(4, static_cast<std::size_t>(std::llround(4 * plan_.scale)));
    for (std::size_t i = 0; i < n; ++i) {
      double staff = i < n_big ? big[i] : std::min(4000.0, rng_.LogNormal(320, 0.8));
      GenEmployer e = Government("gemeenten", "Gemeente " + places_[i], staff, NewBase(), 1);
      double w = e.staff;
      Add(std::move(e), w);
    }
  }

  template <typename SizeFn>
  void BuildNamed(std::string_view subsector, const std::vector<std::string_view>& names, std::size_t n,
                  SizeFn size, bool shared_base = false) {
    std::vector<std::string_view> order = names;
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng_.Below(i)]);
    std::uint32_t base = NewBase();
    for (std::size_t i = 0; i < std::min(n, order.size()); ++i) {
      // Draws in a fixed order (the order of evaluation of a call's arguments is
      // unspecified: GCC and clang differ, and the same seed must give the same bytes).
      std::uint32_t employer_base = shared_base ? base : NewBase();
      double staff = size();
      GenEmployer e = Government(std::string(subsector), std::string(order[i]), staff, employer_base,
                                 shared_base ? static_cast<int>(i + 1) : 1);
      double w = e.staff;
      Add(std::move(e), w);
    }
  }

  void BuildShared(std::string_view subsector, std::vector<std::pair<std::string_view, double>> list) {
    std::size_t n = std::min(list.size(), Count(list.size()));
    std::uint32_t base = NewBase();
    for (std::size_t i = 0; i < n; ++i) {
      GenEmployer e = Government(std::string(subsector), std::string(list[i].first), list[i].second, base,
                                 static_cast<int>(i + 1));
      double w = e.staff;
      Add(std::move(e), w);
    }
  }

  void BuildSchools(std::string_view subsector, std::size_t n, double median, double sigma) {
    for (std::size_t i = 0; i < n; ++i) {
      std::string name = SchoolBoardName(subsector, rng_, Place());
      std::uint32_t employer_base = NewBase();  // draws in a fixed order (see BuildNamed)
      double staff = std::min(12000.0, rng_.LogNormal(median, sigma));
      GenEmployer e = Government(std::string(subsector), std::move(name), staff, employer_base, 1);
      double w = e.staff;
      Add(std::move(e), w);
    }
  }

  void BuildResearch() {
    const auto& names = ResearchInstitutes();
    std::size_t n = Count(20);
    for (std::size_t i = 0; i < n; ++i) {
      std::string name = i < names.size() ? std::string(names[i]) : fmt::format("Kennisinstituut {}", Place());
      double staff = i == 0 ? 3200 : std::min(3000.0, rng_.LogNormal(300, 1.0));
      GenEmployer e = Government("onderzoek", std::move(name), staff, NewBase(), 1);
      double w = e.staff;
      Add(std::move(e), w);
    }
  }

  void BuildOverig() {
    const auto& zbos = Zbos();
    const double sizes[] = {19000, 4000, 2000, 1800, 1900, 1300, 800, 4000, 600, 400, 200, 900};
    std::size_t n = Count(40);
    for (std::size_t i = 0; i < n; ++i) {
      std::string name = i < zbos.size() ? std::string(zbos[i]) : OverigName(rng_, Place());
      double staff = i < zbos.size() ? sizes[i] : std::min(2500.0, rng_.LogNormal(250, 0.9));
      GenEmployer e = Government("overig", std::move(name), staff, NewBase(), 1);
      double w = e.staff;
      Add(std::move(e), w);
    }
  }

  // Wsw employers (SW-bedrijven): public bodies of the gemeenten, here in the
  // subsector `overig`; they employ Wsw staff (wsw = 1) and second part of them.
  void BuildWsw() {
    std::size_t n = Count(90);
    for (std::size_t i = 0; i < n; ++i) {
      std::uint32_t employer_base = NewBase();  // draws in a fixed order (see BuildNamed)
      double staff = rng_.LogNormal(60, 0.5);
      std::string name = WswEmployerName(rng_, Place());
      GenEmployer e = Government("overig", std::move(name), staff, employer_base, 1);
      e.role = EmployerRole::kWsw;
      e.cell = -1;
      e.wage_per_hour = rng_.Uniform(15, 19);
      auto index = Add(std::move(e), 0);
      u_.wsw_employers.Add(index, 1.0);
    }
  }

  void BuildAgencies() {
    std::size_t n = Count(350);
    for (std::size_t i = 0; i < n; ++i) {
      GenEmployer e;
      e.id = NewId(NewBase(), 1);
      e.name = AgencyName(rng_, Place());
      e.role = EmployerRole::kAgency;
      e.cell = 0;
      e.staff = std::min(40000.0, rng_.LogNormal(150, 1.4));
      e.weekly_hours = std::clamp(rng_.Normal(26, 2), 20.0, 34.0);
      e.wage_per_hour = std::clamp(rng_.Normal(19, 1.5), 15.0, 26.0);
      e.growth = rng_.Uniform(-0.01, 0.04);
      e.lent_share = rng_.Uniform(0.75, 0.95);
      double w = std::pow(e.staff, 0.9);
      auto index = Add(std::move(e), 0);
      u_.agencies.Add(index, w);
    }
  }

  void BuildMarket() {
    std::size_t n = Count(30000);
    for (std::size_t i = 0; i < n; ++i) {
      GenEmployer e;
      int sub = rng_.Chance(0.1) ? static_cast<int>(rng_.Between(2, 5)) : 1;  // draws in a fixed order (see BuildNamed)
      e.id = NewId(NewBase(), sub);
      e.name = CompanyName(rng_, Place());
      e.cell = 0;
      e.staff = std::clamp(rng_.LogNormal(20, 2.0), 1.0, 60000.0);
      e.weekly_hours = std::clamp(rng_.Normal(27, 4), 16.0, 38.0);
      e.wage_per_hour = std::clamp(rng_.LogNormal(24, 0.2), 15.0, 60.0);
      e.growth = rng_.Uniform(-0.02, 0.05);
      // Social return: suppliers of government buyers, mostly larger firms.
      e.sroi_contractor = rng_.Chance(e.staff >= 20 ? 0.10 : 0.01);
      double w = std::pow(e.staff, 0.9);
      Add(std::move(e), w);
    }
    for (std::uint32_t i = 0; i < u_.employers.size(); ++i) {
      const auto& e = u_.employers[i];
      if (e.role == EmployerRole::kRegular && e.government &&
          (e.subsector == "gemeenten" || e.subsector == "provincies" || e.subsector == "waterschappen" ||
           (e.subsector == "rijk" && i != u_.binnenwerk))) {
        u_.sroi_buyers.Add(i, e.staff);
      }
    }
  }

  const Plan& plan_;
  Rng& rng_;
  EmployerUniverse u_;
  std::vector<std::string> places_;
  std::set<std::uint32_t> bases_;
};

}  // namespace

EmployerUniverse BuildEmployers(const Plan& plan, Rng& rng) { return Builder(plan, rng).Build(); }

}  // namespace banenmonitor::generate
