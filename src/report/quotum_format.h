// Renderings of a QuotumTable: the CSV contract (quotum-and-scenarios.md §1),
// JSON with the same fields plus the reasons and provenance, a Dutch table for
// people with a "waarom" per row, and the explanation of one row.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "banenmonitor/provenance.h"
#include "banenmonitor/quotum.h"

namespace banenmonitor::report {

// --by employer: the header of §1 to the byte, one row per employer sorted by
// employer_id. --by subsector / sector: `total` first, then the scopes, with
// header year,scope,employers,liable_employers,hours_all_staff,
// hours_target_group,quotum_pct,required_jobs,shortfall_jobs,levy_eur,levy_charged_eur.
// A figure that needs a quotum percentage is empty when there is none.
// The levy's status for a reader: "opgelegd", or "berekend, niet opgelegd" for a
// year whose levy is not charged (Wfsv art. 122na; Wet banenafspraak art. 12).
const char* LevyStatusText(const QuotumParams& params);

std::string QuotumCsv(const QuotumTable& table, QuotumLevel level);

nlohmann::ordered_json QuotumJson(const QuotumTable& table, QuotumLevel level, const Provenance& provenance);

// A Dutch table with aligned columns, then what was computed and from what.
std::string QuotumText(const QuotumTable& table, QuotumLevel level, const Provenance& provenance);

// The inputs and steps behind one row: `employer:ID`, `subsector:CODE`,
// `government`, `market` or `total` (also `sector:government`). Fails (not
// found) for a scope that is not in the table.
Result<std::string> QuotumExplain(const QuotumTable& table, std::string_view scope);

// The Dutch "waarom" of an employer row: liable or not and why, charged or not and why.
std::string QuotumWhy(const QuotumTable& table, const QuotumRow& row);

}  // namespace banenmonitor::report
