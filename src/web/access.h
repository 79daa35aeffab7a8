// The dashboard's query layer gate: which scopes a user may see.
//
// Every API handler that takes a scope (or an employer) asks AuthoriseScope
// before it computes anything; the page only shows what the API returns. A
// sector user sees its own scope and what lies inside it (its subsectors,
// organisations and employers), and the national aggregates (total,
// government, market) as published figures; anything else is 403, also a
// scope that does not exist (so names cannot be probed).
#pragma once

#include <array>
#include <expected>
#include <optional>
#include <string>

#include "banenmonitor/status.h"
#include <string_view>
#include <unordered_map>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "common/string_hash.h"
#include "web/auth.h"

namespace banenmonitor::web {

// An HTTP failure: status code and a message for the user (Dutch).
struct HttpError {
  int status = 500;
  std::string message;
};
template <typename T>
using HttpResult = std::expected<T, HttpError>;
inline std::unexpected<HttpError> Refuse(int status, std::string message) {
  return std::unexpected<HttpError>(HttpError{status, std::move(message)});
}
// The one mapping of a failed Status to HTTP: the program or its store failed
// (Status::Code::kInternal, kIoError: 500), else the request asked for what the
// data, the parameters or the store cannot give (400). The message is the Status's.
HttpError HttpErrorOf(const banenmonitor::Status& s);
inline std::unexpected<HttpError> Refuse(const banenmonitor::Status& s) { return std::unexpected<HttpError>(HttpErrorOf(s)); }

// The employers that make up each scope of a snapshot (counting.md §3 rule 6).
class ScopeIndex {
 public:
  ScopeIndex() = default;
  explicit ScopeIndex(const std::vector<Employer>& employers);

  bool Known(std::string_view scope) const;
  // True when every employer of `inner` is one of `outer`'s ("total" holds all).
  // False when either is unknown.
  bool Within(std::string_view inner, std::string_view outer) const;
  // The scopes of `level` inside `outer`, sorted by name.
  std::vector<std::string> ScopesWithin(ScopeLevel level, std::string_view outer) const;
  // True when the scopes of `level` inside `outer` together hold every employer
  // of `outer` (then outer = the sum of them, a relation for disclosure control).
  bool Partitions(ScopeLevel level, std::string_view outer) const;
  const std::vector<EmployerIndex>* EmployersOf(std::string_view scope) const;
  // ScopesWithin(level, outer) when Partitions(level, outer), else nullptr: the
  // relations of disclosure control (total by sector, sector by subsector,
  // subsector by organisation and by employer, organisation by employer), made
  // once in the constructor for every scope, as they are the same for every
  // table of the snapshot (made again for each of a trend's thirteen tables,
  // their hash lookups and copied names were a fifth of the dashboard's warm-up).
  const std::vector<std::string>* PartitionOf(ScopeLevel level, std::string_view outer) const;

 private:
  StringMap<std::vector<EmployerIndex>> employers_;  // each sorted; looked up without a std::string per call
  std::vector<std::vector<std::string>> by_level_;                          // per ScopeLevel, sorted names
  // Per ScopeLevel, per employer: the position in by_level_ of its scope of
  // that level (kNoScope: none), so that ScopesWithin looks only at the scopes
  // of outer's employers, not at every scope of the level.
  static constexpr std::uint32_t kNoScope = ~std::uint32_t{0};
  std::vector<std::vector<std::uint32_t>> scope_of_;
  // Per outer scope, per inner level (by ScopeLevel, up to kEmployer): PartitionOf's answer, when it has one.
  StringMap<std::array<std::optional<std::vector<std::string>>, 5>> partitions_;
};

// The level of a scope name: "total", "government"/"market", "subsector:",
// "organisation:", "employer:".
std::optional<ScopeLevel> LevelOfScope(std::string_view scope);

// National aggregates every role may see (as published, disclosure-controlled).
bool IsNationalAggregate(std::string_view scope);

// The scope a request is about when it names none: total for admin and
// analyst, the user's own scope for a sector user.
std::string DefaultScope(const Principal& who);

// May `who` see the figures of `scope` and of the scopes inside it?
//   admin, analyst: any scope of the snapshot (404 for one without employers in it;
//   a name that is no scope at all is refused with 400 before, with the nearest one);
//   sector: its own scope or one inside it (403 for any other, known or not).
HttpResult<void> AuthoriseScope(const Principal& who, const ScopeIndex& index, std::string_view scope);

// May `who` see the row of `row_scope` in a table about an authorised scope?
// (The national aggregates are shown to sector users beside their own rows.)
bool MaySeeRow(const Principal& who, const ScopeIndex& index, std::string_view row_scope);

}  // namespace banenmonitor::web
