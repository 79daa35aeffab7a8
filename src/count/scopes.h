// The scopes an employer's hours count for (counting.md §3 rule 6), shared by
// CountJobs and the analyses that need the same scope names and order.
#pragma once

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/regions.h"

namespace banenmonitor::count {

// The levels below `total`, in output order.
inline constexpr std::array<ScopeLevel, 4> kLevels = {ScopeLevel::kSector, ScopeLevel::kSubsector,
                                                      ScopeLevel::kOrganisation, ScopeLevel::kEmployer};

// The scope of an employer at a level (counting.md §3 rule 6); "" when none.
inline std::string ScopeOf(const Employer& e, ScopeLevel level) {
  switch (level) {
    case ScopeLevel::kTotal: return "total";
    case ScopeLevel::kSector: return SectorName(e.sector);
    case ScopeLevel::kSubsector: return "subsector:" + e.subsector;
    case ScopeLevel::kOrganisation: return e.organisation.empty() ? "" : "organisation:" + e.organisation;
    case ScopeLevel::kEmployer: return "employer:" + e.id;
    case ScopeLevel::kRegion: return "region:" + (e.region.empty() ? std::string(kUnknownRegion) : e.region);
    case ScopeLevel::kGround: return "";  // a ground is a person-month's, not an employer's
  }
  return "";
}

// Scopes of one level: sorted names and, per employer, the index of its scope.
struct LevelScopes {
  std::vector<std::string> names;
  std::vector<int> of_employer;  // -1 when the employer has no scope at this level
};

inline LevelScopes BuildLevel(const std::vector<Employer>& employers, ScopeLevel level) {
  LevelScopes s;
  std::vector<std::string> per_employer;
  per_employer.reserve(employers.size());
  for (const auto& e : employers) per_employer.push_back(ScopeOf(e, level));
  s.names = per_employer;
  std::erase(s.names, std::string());
  std::sort(s.names.begin(), s.names.end());
  s.names.erase(std::unique(s.names.begin(), s.names.end()), s.names.end());
  s.of_employer.reserve(employers.size());
  for (const auto& name : per_employer) {
    if (name.empty()) {
      s.of_employer.push_back(-1);
    } else {
      s.of_employer.push_back(
          static_cast<int>(std::lower_bound(s.names.begin(), s.names.end(), name) - s.names.begin()));
    }
  }
  return s;
}

}  // namespace banenmonitor::count

namespace banenmonitor {

// count.h's CountScopes: the levels of count::kLevels in that order.
struct CountScopes {
  std::array<count::LevelScopes, count::kLevels.size()> levels;
};

}  // namespace banenmonitor
