#include "count/scope_names.h"

#include <algorithm>

#include "common/edit_distance.h"
#include "common/lang.h"
#include "count/scopes.h"
#include "data/fields.h"
#include "data/subsectors.h"

namespace banenmonitor::count {

namespace {

std::string_view AfterPrefix(std::string_view scope) {
  std::size_t colon = scope.find(':');
  return colon == std::string_view::npos ? scope : scope.substr(colon + 1);
}

}  // namespace

std::vector<std::string> FixedScopes() {
  std::vector<std::string> out = {"total", "market", "government", "subsector:" + std::string(data::kMarketSubsector)};
  for (std::string_view code : data::kGovernmentSubsectors) out.push_back("subsector:" + std::string(code));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> KnownScopes(const std::vector<Employer>& employers) {
  std::vector<std::string> out = FixedScopes();
  for (const Employer& e : employers) {
    for (ScopeLevel level : {ScopeLevel::kSubsector, ScopeLevel::kOrganisation, ScopeLevel::kEmployer}) {
      if (std::string scope = ScopeOf(e, level); !scope.empty()) out.push_back(std::move(scope));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<std::string> NearestScope(std::string_view scope, const std::vector<std::string>& valid) {
  if (AfterPrefix(scope).empty()) return std::nullopt;
  const std::size_t limit = std::max<std::size_t>(1, AfterPrefix(scope).size() / 3);
  const bool bare = scope.find(':') == std::string_view::npos;
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : valid) {
    std::size_t d = EditDistance(scope, candidate, limit);
    if (bare && candidate.find(':') != std::string::npos) {
      d = std::min(d, EditDistance(scope, AfterPrefix(candidate), limit));
    }
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string UnknownScopeMessage(std::string_view scope, const std::vector<std::string>& valid) {
  if (auto near = NearestScope(scope, valid)) {
    return Say("onbekende scope {}; bedoelt u {}?", "unknown scope {}; did you mean {}?", data::Quote(scope), *near);
  }
  return Say("onbekende scope {} (verwacht total, market, government, subsector:<code>, organisation:<naam> of "
             "employer:<id>)",
             "unknown scope {} (expected total, market, government, subsector:<code>, organisation:<name> or "
             "employer:<id>)",
             data::Quote(scope));
}

Status CheckScopeKnown(std::string_view scope, const std::vector<std::string>& valid) {
  if (std::binary_search(valid.begin(), valid.end(), scope, std::less<>())) return Status::Ok();
  return Status::Usage(UnknownScopeMessage(scope, valid));
}

}  // namespace banenmonitor::count
