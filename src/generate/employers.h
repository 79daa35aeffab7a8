// The employers of the synthetic Netherlands: every sector and public
// subsector in realistic numbers and sizes, the ministries of the Rijk with
// their agencies, Binnenwerk, temp agencies and Wsw employers.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "generate/plan.h"
#include "generate/rng.h"

namespace banenmonitor::generate {

inline constexpr std::uint32_t kNoEmployer = std::numeric_limits<std::uint32_t>::max();

enum class EmployerRole : unsigned char { kRegular, kAgency, kWsw };

struct GenEmployer {
  std::string id;  // loonheffingennummer, 123456789L01
  std::string name;
  bool government = false;
  std::string subsector;     // government subsector code; empty for the market
  std::string organisation;  // the ministry of a Rijk employer
  EmployerRole role = EmployerRole::kRegular;
  int cell = -1;             // plan cell where its own (direct) target-group jobs land; -1: none
  double staff = 0;          // employees (all staff, not only the target group)
  double weekly_hours = 0;   // their average paid hours a week
  double wage_per_hour = 0;  // premium wage per hour in euro, 2013 level
  double growth = 0;         // yearly growth of its staff hours
  double lent_share = 0;     // agencies: share of staff hours lent to hirers
  bool sroi_contractor = false;
};

// A weighted choice among employers (cumulative weights, binary search).
struct EmployerChoice {
  std::vector<std::uint32_t> employers;
  std::vector<double> cumulative;
  void Add(std::uint32_t employer, double weight);
  bool empty() const { return employers.empty(); }
  std::uint32_t Pick(Rng& rng) const;
};

struct EmployerUniverse {
  std::vector<GenEmployer> employers;  // in the order of employers.csv
  std::vector<EmployerChoice> by_cell;  // per plan cell: employers where its jobs are (direct employer or hirer)
  EmployerChoice agencies;
  EmployerChoice wsw_employers;
  EmployerChoice all_regular;           // any non-lender employer (voorziening placements)
  EmployerChoice sroi_buyers;           // government buyers with social-return clauses
  std::uint32_t binnenwerk = kNoEmployer;
};

// Builds the employers for `plan` (counts multiplied by plan.scale, at least one
// per subsector, ministry and kind of lender).
EmployerUniverse BuildEmployers(const Plan& plan, Rng& rng);

}  // namespace banenmonitor::generate
