// The sectors' own texts for the letter (docs/brief.md §2): each public
// sector's "aanpak en aandachtspunten" for a year, written by its coordinator
// in the dashboard or with `banenmonitor input`, as Markdown. Status concept
// -> ingediend (by the sector) -> akkoord (by an analyst or admin); every
// change is a new version in the store and a line in the audit log. Used by
// the dashboard's API (api_texts.cc) and the command line.
#pragma once

#include <string>
#include <vector>

#include "banenmonitor/status.h"
#include "report/brief.h"
#include "store/accounts.h"

namespace banenmonitor::web {

inline constexpr const char* kTextConcept = "concept";
inline constexpr const char* kTextSubmitted = "ingediend";
inline constexpr const char* kTextAccepted = "akkoord";
inline constexpr std::size_t kMaxSectorTextBytes = 100'000;

// Adds a version of `scope`'s text for `year` with `status` (concept or
// ingediend) written by `author`, and logs it ("sector-text"). InvalidInput
// for a scope that is no public sector ("subsector:NAME"), an empty or too
// long text, text that is not UTF-8, or another status.
Result<store::SectorTextRecord> WriteSectorText(store::AccountStore& store, const std::string& scope, int year,
                                                const std::string& markdown, const std::string& status,
                                                const std::string& author, const std::string& address);

// Accepts the latest version of `scope`'s text for `year` (a new version with
// status akkoord, by `author`) and logs it. InvalidInput when there is no
// text or the latest version is not ingediend.
Result<store::SectorTextRecord> AcceptSectorText(store::AccountStore& store, const std::string& scope, int year,
                                                 const std::string& author, const std::string& address);

// The latest version of every scope, by scope.
std::vector<store::SectorTextRecord> LatestPerScope(const std::vector<store::SectorTextRecord>& versions);

// What the letter takes of each scope: its latest accepted version, or, when
// none was accepted, its latest submitted one (shown marked as such). Concepts never.
std::vector<report::SectorText> TextsForLetter(const std::vector<store::SectorTextRecord>& versions);

}  // namespace banenmonitor::web
