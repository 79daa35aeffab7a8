// Job quality of the banenafspraak, after UWV's "Duurzaamheid van werk":
// do the jobs last, are they permanent, how many hours do they have, who
// comes in and do newcomers stay? Per scope (total, sector, subsector,
// organisation, employer) for a year Y.
//
// Persons are followed with the counting engine's own per-person results
// (count/person_months.h: eligibility, hire-in attribution and the Wsw rule of
// counting.md §3, the same walk as CountJobs). "Counted" below always means:
// eligible in the month (rule 1) with counted hours > 0 after attribution.
// The method and its choices are in docs/job-quality.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"
#include "banenmonitor/status.h"

namespace banenmonitor {

// Weeks in a quarter, for average weekly hours (Q4 hours / 13).
inline constexpr int kWeeksPerQuarter = 13;

struct QualityRequest {
  int year = 0;
  ScopeLevel level = ScopeLevel::kSector;
};

// Which figures the delivery's months allow (a figure that would be computed
// from a month the delivery lacks is left out rather than shown too low).
struct QualityCoverage {
  MonthIndex first_month = 0;  // first and last month with payroll rows
  MonthIndex last_month = 0;
  bool retention = false;          // needs July Y−1 .. September Y
  bool q4 = false;                 // needs October .. December Y
  bool inflow = false;             // needs January Y−1 .. December Y
  bool inflow_retention = false;   // needs January Y−2 .. September Y
};

struct QualityRow {
  ScopeLevel level = ScopeLevel::kTotal;
  std::string scope;  // as in count: "total", "government", "subsector:rijk", "employer:...", ...

  // Retention (behoud). The base: persons counted in this scope in Q3 of Y−1
  // (a person counted at employers of several scopes belongs to each).
  std::int64_t persons_q3_previous = 0;
  std::int64_t retained_anywhere = 0;       // of the base: counted anywhere in Q3 of Y
  std::int64_t retained_same_employer = 0;  // of the base: counted in Q3 of Y at an employer of
                                            // this scope where they were counted in Q3 of Y−1
  std::optional<double> retention_pct;      // retained_anywhere / base × 100
  std::optional<double> same_employer_pct;  // retained_same_employer / base × 100

  // The year-end (Q4 of Y) as counted.
  std::int64_t persons_q4 = 0;      // rule 7: distinct persons with counted hours > 0
  Hours hours_q4 = 0;               // counted hours (direct + hired-in)
  Hours hours_q4_permanent = 0;     // of which on a permanent contract
  Hours hours_q4_temporary = 0;     // of which on a temporary contract (the rest: contract empty)
  std::optional<double> permanent_pct;         // permanent / (permanent + temporary) × 100
  std::optional<double> contract_unknown_pct;  // (hours − permanent − temporary) / hours × 100
  std::optional<double> average_weekly_hours;  // hours_q4 / persons_q4 / 13

  // Inflow (instroom): persons counted in this scope in some month of Y and in
  // no month of Y−1 anywhere.
  std::int64_t persons_year = 0;  // counted in this scope in some month of Y
  std::int64_t inflow = 0;
  std::optional<double> inflow_pct;  // inflow / persons_year × 100

  // Retention of last year's inflow: persons counted in this scope in Y−1 and
  // in no month of Y−2 anywhere; of those, the share counted anywhere in Q3 of Y.
  std::int64_t inflow_previous = 0;
  std::int64_t inflow_previous_retained = 0;
  std::optional<double> inflow_retention_pct;
};

struct QualityTable {
  int year = 0;
  ScopeLevel level = ScopeLevel::kSector;
  QualityCoverage coverage;
  // UWV's national one-year retention for comparison (parameter
  // retention_one_year: 0.87 for 2022-2023), with where it comes from.
  std::optional<double> retention_benchmark;  // a share, e.g. 0.87
  std::string benchmark_basis;                // legal_basis / description of the parameter
  std::string benchmark_valid_from;           // e.g. "2023-09-30"
  std::string parameter_version;
  std::vector<QualityRow> rows;  // `total` first, then the level's scopes sorted by name (as count)

  const QualityRow* Find(std::string_view scope) const;
};

// The months MakeMonth(Y−2, 1) .. MakeMonth(Y, 12) that the analysis reads
// (inflow looks back two years).
MonthIndex QualityFirstMonth(int year);
MonthIndex QualityLastMonth(int year);
// Those months as LoadOptions; the caller sets skip_invalid.
LoadOptions QualityLoadOptions(const QualityRequest& request);

// Computes the job-quality figures of `request.year` at `request.level` (any
// level but total; `total` is always the first row). Fails (Usage) for the
// level total.
// REQUIRES: `d` holds at least the months of QualityLoadOptions(request).
Result<QualityTable> JobQuality(const Delivery& d, const QualityRequest& request, const ParameterSet& params);

}  // namespace banenmonitor
