// The scope names a user types (count --explain and the other analyses, user
// add --scope, the dashboard's scope parameter), checked against the scopes
// there are, with the nearest one as a suggestion for a typo.
// One suggestion function for every place that takes a scope.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "banenmonitor/delivery.h"
#include "banenmonitor/status.h"

namespace banenmonitor::count {

// The fixed scopes of counting.md §3 rule 6: total, market, government and
// subsector:<code> for the 15 public subsectors and market. Sorted.
std::vector<std::string> FixedScopes();

// FixedScopes() and the scopes of `employers`: organisation:<name> of those
// that have one and employer:<id> of each. Sorted, without repeats.
std::vector<std::string> KnownScopes(const std::vector<Employer>& employers);

// The scope of `valid` nearest to `scope` by edit distance (Levenshtein; for
// a name typed without its prefix, "gemeenten", the distance to the name
// after the prefix), when it is near enough to be a typo: at most a third of
// the typed name after its prefix (and at least 1). The first in `valid`'s
// order of the nearest; nullopt when none is near.
std::optional<std::string> NearestScope(std::string_view scope, const std::vector<std::string>& valid);

// The message for a scope that is not in `valid`, in the message language:
// "onbekende scope 'subsector:gemente'; bedoelt u subsector:gemeenten?", or
// the forms of a scope when none is near. The typed text is quoted as every
// value in a message (data::Quote: a BSN-like run is masked).
std::string UnknownScopeMessage(std::string_view scope, const std::vector<std::string>& valid);

// Ok when `scope` is one of `valid` (sorted); else Status::Usage with
// UnknownScopeMessage (the command line's exit code 64).
Status CheckScopeKnown(std::string_view scope, const std::vector<std::string>& valid);

}  // namespace banenmonitor::count
