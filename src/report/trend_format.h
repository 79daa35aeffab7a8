// Renderings of a TrendTable (counting.md §9): the CSV contract, JSON with
// provenance, and an aligned Dutch table. The human-readable faces say that
// quarterly figures are indicative (only the yearly measurement is official).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "banenmonitor/provenance.h"
#include "banenmonitor/trend.h"

namespace banenmonitor::report {

// The header of counting.md §9 to the byte, then registrations_started,registrations_ended.
std::string TrendCsv(const TrendTable& table);
// {"indicatief": true, "from_year", "to_year", "level", "rows": [...the CSV's fields...], "provenance"}
nlohmann::ordered_json TrendJson(const TrendTable& table, const Provenance& provenance);
// A Dutch table per quarter, titled indicatief, with the provenance below.
std::string TrendText(const TrendTable& table, const Provenance& provenance);

// The label every human-readable face puts above quarterly figures.
inline constexpr const char* kIndicativeLabel =
    "indicatief: cijfers per kwartaal; alleen de jaarmeting (vierde kwartaal) is officieel";

}  // namespace banenmonitor::report
