// Renderings of a QualityTable: CSV, JSON with provenance, a Dutch table for
// people, and a Dutch explanation of one scope's figures.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "banenmonitor/job_quality.h"
#include "banenmonitor/provenance.h"
#include "report/realisation_format.h"

namespace banenmonitor::report {

// Header:
// year,scope,persons_q3_previous,retained_anywhere,retention_pct,retained_same_employer,same_employer_pct,
// persons_q4,hours_q4,permanent_pct,contract_unknown_pct,average_weekly_hours,persons_year,inflow,inflow_pct,
// inflow_previous,inflow_previous_retained,inflow_retention_pct
// `total` first, then the level's scopes. Percentages with 1 decimal, hours
// and weekly hours with 2, all rounded exactly from the whole counts and
// micro-hours; a figure the delivery's months do not allow is empty (counts too).
std::string QualityCsv(const QualityTable& table);

nlohmann::ordered_json QualityJson(const QualityTable& table, const Provenance& provenance);

// The Dutch table, then the definitions, what could not be computed and why,
// UWV's national figure for comparison, and the provenance.
// An employer row is labelled with its name from `names` beside its number (ScopeLabel).
std::string QualityText(const QualityTable& table, const Provenance& provenance, const EmployerNames& names = {});

// How one scope's figures came about, with numerators and denominators
// (Dutch), one line per element. Empty when the scope is not in the table.
std::vector<std::string> QualityExplanation(const QualityTable& table, std::string_view scope);

}  // namespace banenmonitor::report
