// Persons and flows, quarter by quarter (spec: counting.md §9): per quarter
// and scope the persons registered and working, the inflow into and outflow
// out of work, the jobs and their change against the quarter before and the
// same quarter a year earlier, and per ground the registrations starting and
// ending. Indicative figures: only the yearly measurement (count.h) is official,
// and every human-readable face says so.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"
#include "banenmonitor/status.h"

namespace banenmonitor {

struct TrendRequest {
  int from_year = 0;
  int to_year = 0;  // REQUIRES: to_year >= from_year
  // The scopes after `total`: any level of count.h; kTotal gives the total only.
  ScopeLevel level = ScopeLevel::kTotal;
};

struct TrendRow {
  int year = 0;
  int quarter = 0;          // 1..4
  std::string scope;        // "total", "subsector:rijk", "region:Haaglanden", "ground:wajong", ...
  ScopeLevel level = ScopeLevel::kTotal;
  // Persons with a counting register row (rule 1 of the quarter's year)
  // covering the quarter's last day: on total and ground: rows, and on
  // region: rows by where the person lives (register.csv's region); nullopt
  // on every other scope.
  std::optional<std::int64_t> registered;
  std::int64_t working = 0;       // persons with counted hours in the scope in the quarter's last month
  // Working in the last month and not in the last month of the quarter before,
  // and the reverse; nullopt when the quarter before lies before the delivery's
  // first payroll month.
  std::optional<std::int64_t> inflow_work, outflow_work;
  Hours hours = 0;                // the quarter's counted hours in the scope
  // Persons with counted hours in the scope in any month of the quarter: the
  // persons behind `jobs`, for disclosure control (not in the CSV).
  std::int64_t persons = 0;
  // The quarter lies at or after the delivery's first payroll month; before
  // it, working, hours and jobs are 0 for want of data (not in the CSV).
  bool delivered = true;
  Ratio jobs;                     // hours / (hours per job-year x 3 / 12), exact
  // jobs(Q) - jobs(Q - 1) and jobs(Q) - jobs(Q - 4), exact; nullopt when that
  // quarter lies before the delivery's first payroll month.
  std::optional<Ratio> change_jobs_prev_quarter, change_jobs_year_ago;
  // Counting register rows starting and ending (end date) within the quarter:
  // on total and ground: rows; nullopt elsewhere.
  std::optional<std::int64_t> registrations_started, registrations_ended;
};

struct TrendTable {
  int from_year = 0, to_year = 0;
  ScopeLevel level = ScopeLevel::kTotal;
  std::string parameter_version;
  // The law of each year (counting.md §7), from_year first.
  std::vector<LawOfYear> laws;
  // Sorted by quarter, then `total` first and the scopes by name.
  std::vector<TrendRow> rows;
};

// "2024Q1".
std::string QuarterName(int year, int quarter);

// Every month of from_year - 1 to to_year: the year before gives the changes
// and the inflow of the first quarters. The caller adds skip_invalid.
LoadOptions TrendLoadOptions(const TrendRequest& request);

// The quarterly figures of counting.md §9, counted by the rules of §3 (a
// quarter's jobs are CountJobs's jobs of that quarter's window).
// REQUIRES: `delivery` holds at least the months of TrendLoadOptions(request).
// Fails (InvalidInput) when the parameter set has no hours per job for a year.
Result<TrendTable> Trend(const Delivery& delivery, const TrendRequest& request, const ParameterSet& parameters);

}  // namespace banenmonitor
