// Renderings of a QuotumPercentageTable (quotum-and-scenarios.md §2): the CSV
// contract, JSON with every input A-H and its source, and a Dutch table.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "banenmonitor/provenance.h"
#include "banenmonitor/quotum_percentage.h"

namespace banenmonitor::report {

// Header exactly year,sector,published_pct,status,reconstructed_pct; one row per
// sector; a percentage with 2 decimals, empty where there is none.
std::string QuotumPercentageCsv(const QuotumPercentageTable& table);

nlohmann::ordered_json QuotumPercentageJson(const QuotumPercentageTable& table, const Provenance& provenance);

// Per sector the percentage and its status and source, the inputs A-H with
// their legal basis and source, and the reconstruction step by step.
std::string QuotumPercentageText(const QuotumPercentageTable& table, const Provenance& provenance);

}  // namespace banenmonitor::report
