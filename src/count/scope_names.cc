#include "count/scope_names.h"

#include <algorithm>

#include "common/lang.h"
#include "count/scopes.h"
#include "data/fields.h"
#include "data/subsectors.h"

namespace banenmonitor::count {

namespace {

// The Levenshtein distance of `a` and `b`, or `limit` + 1 when it exceeds
// `limit` (rows stop early). No Debian package offers this for C++ (there are
// only Perl, Python, Go and JavaScript ones), so it is written here.
std::size_t EditDistance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  std::vector<std::size_t> row(a.size() + 1);
  for (std::size_t i = 0; i <= a.size(); ++i) row[i] = i;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    std::size_t diagonal = row[0];
    row[0] = j;
    std::size_t best = row[0];
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t above = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[i]);
    }
    if (best > limit) return limit + 1;
  }
  return row[a.size()];
}

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
