// Renderings of a RealisationTable: the CSV contract (counting.md §4), JSON
// with the same fields plus provenance, and an aligned table for people.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "banenmonitor/count.h"
#include "banenmonitor/provenance.h"

namespace banenmonitor::report {

// counting.md §4 to the byte: the header, `total` then the level's scopes.
std::string RealisationCsv(const RealisationTable& table, ScopeLevel level);
// The same columns for every row of the table (`total`, then each level in
// turn: sector, subsector, organisation, employer), with or without the header
// line (to append the rows of further years to one file).
std::string RealisationCsvAllLevels(const RealisationTable& table, bool with_header);

// {"year", "window", "level", "hours_per_job", "rows": [...same fields...], "provenance": {...}}
nlohmann::ordered_json RealisationJson(const RealisationTable& table, ScopeLevel level, const Provenance& provenance);

// A Dutch table with aligned columns and thousands separators, followed by a
// line that says what was counted.
std::string RealisationText(const RealisationTable& table, ScopeLevel level, const Provenance& provenance,
                            const std::string& footer);

// A Dutch label for a scope: "Rijk", "Gemeenten", "Overheid", "Totaal", ...
std::string ScopeLabel(std::string_view scope);

}  // namespace banenmonitor::report
