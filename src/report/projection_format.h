// Renderings of a ProjectionTable: CSV (one row per scope and year), JSON with
// the fit and provenance, a Dutch table for people, and a Dutch step-by-step
// explanation of one scope.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "banenmonitor/projection.h"
#include "banenmonitor/provenance.h"

namespace banenmonitor::report {

// Header:
// scope,year,kind,realised_extra_jobs,in_fit,trend_extra_jobs,lower_80,upper_80,lower_95,upper_95,
// target_extra_jobs,target_carried,reach_status,reached_year,reached_year_80_early,reached_year_80_late
// `total` first, then the level's scopes; per scope every measured year, then
// every projected year. kind: measured | projected; in_fit, target_carried:
// yes | no; job figures with 2 decimals, empty where there is none; the reach
// columns (the scope's, repeated on each of its rows) as in TargetReach.
std::string ProjectionCsv(const ProjectionTable& table);

nlohmann::ordered_json ProjectionJson(const ProjectionTable& table, const Provenance& provenance);

// The Dutch table: per scope the last measurement, the trend per year, the
// line's value at the horizon with both intervals, the target and the year it
// is met; then notes on the method (always including the width of the interval
// with few points) and the provenance.
std::string ProjectionText(const ProjectionTable& table, const Provenance& provenance);

// How one scope's figures came about, every step with its numbers (Dutch),
// one line per element. Empty when the scope is not in the table.
std::vector<std::string> ProjectionExplanation(const ProjectionTable& table, std::string_view scope);

// "2025", "al in 2024 (gemeten)", "niet t/m 2026", "geen opgave".
std::string ReachText(const ProjectionTable& table, const TargetReach& reach);

}  // namespace banenmonitor::report
