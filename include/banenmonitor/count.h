// Counting jobs of the banenafspraak (spec: counting.md §3).
//
// Takes an in-memory Delivery and returns one RealisationTable: for every
// scope (total, sector, subsector, organisation, employer) the persons, hours
// and jobs counted in a window of a year, split in direct and hired-in, against
// the baseline and target of targets.csv. Knows nothing of files or output
// formats; the same table feeds the CSV contract, the report and the dashboard.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"
#include "banenmonitor/regime.h"
#include "banenmonitor/status.h"

namespace banenmonitor {

// The months of the year that are counted (counting.md §3).
enum class Window { kQ1, kQ2, kQ3, kQ4, kYear };
const char* WindowName(Window w);                       // "q1" ... "year"
std::optional<Window> ParseWindow(std::string_view s);
int FirstMonthOf(Window w);                             // 1, 4, 7, 10 or 1
int MonthsIn(Window w);                                 // 3 or 12

// kRegion: the employer's arbeidsmarktregio (scopes region:<name>, region:onbekend);
// kGround: the person-month's ground of registration (scopes ground:<name>),
// counting.md §8. Both are counted only on request (CountRequest::regions_and_grounds).
enum class ScopeLevel { kTotal, kSector, kSubsector, kOrganisation, kEmployer, kRegion, kGround };
const char* ScopeLevelName(ScopeLevel l);               // "total", "sector", ...
std::optional<ScopeLevel> ParseScopeLevel(std::string_view s);

// The scopes of a delivery's employers at the levels sector, subsector,
// organisation and employer, sorted by name (counting.md §3 rule 6): what a
// count builds before it counts. Made once (MakeCountScopes) for many counts of
// one delivery, e.g. every year of `count --to-year`. Defined in count/scopes.h.
struct CountScopes;
// REQUIRES: `delivery`'s employers are final (the delivery is loaded).
std::shared_ptr<const CountScopes> MakeCountScopes(const Delivery& delivery);

struct CountRequest {
  int year = 0;
  Window window = Window::kQ4;
  // Scenario (quotum-and-scenarios.md §4): social-return hours of sroi.csv
  // count for the buyer, taken from the contractor's direct hours.
  bool sroi_counts_for_buyer = false;
  // Also the rows of the levels region and ground (counting.md §8), after the
  // employer rows: regions sorted by name, then every ground of the contract
  // sorted by name (a ground without hours is a row of zeros).
  bool regions_and_grounds = false;
  // With regions_and_grounds: the region and ground rows hold only the hours
  // attributed to the employers of this scope (a scope of an employer level,
  // e.g. "subsector:rijk"; a sector user's view); empty or "total": all.
  std::string regions_within{};
  // Threads the count may use: 2 or more walk the payroll in two runs of whole
  // persons at once (for one year; the years of `count --to-year` run side by
  // side instead); 1 counts on the calling thread. The same figures either way.
  int workers = 1;
  // MakeCountScopes of the delivery counted, or empty: the count builds them.
  // REQUIRES: made from the very delivery counted, its employers unchanged.
  std::shared_ptr<const CountScopes> scopes{};
};

// The counting parameters, each with its legal basis.
struct CountingParams {
  // Besluit Wfsv art. 2.32, variable G: one job-year is 1,331 paid hours (25.5 x 52.2).
  double hours_per_job_year = 1331;
  std::string parameter_version;
  // The law the year is counted by (counting.md §7): which grounds count
  // (rule 1) and which target is the legal one.
  LawOfYear law;

  // The parameters valid at the end of `year` in `set`.
  static Result<CountingParams> ForYear(const ParameterSet& set, int year);
};

struct RealisationRow {
  ScopeLevel level = ScopeLevel::kTotal;
  std::string scope;             // "total", "government", "subsector:rijk", "employer:123456789L01", ...
  std::int64_t persons = 0;      // distinct persons with counted hours > 0 (rule 7)
  std::int64_t persons_direct = 0;    // of whom with direct hours > 0 (for disclosure control)
  std::int64_t persons_hired_in = 0;  // of whom with hired-in hours > 0 (a person may be in both)
  Hours hours = 0;               // direct + hired-in (+ social return in that scenario), in micro-hours
  Hours hours_direct = 0;
  Hours hours_hired_in = 0;
  Hours hours_sroi = 0;          // scenario only: social-return hours counted for this buyer
  double jobs = 0;               // hours / hours per job in the window (rule 5)
  double jobs_direct = 0;
  double jobs_hired_in = 0;
  double baseline_jobs = 0;      // from targets.csv, 0 when absent
  double extra_jobs = 0;         // jobs - baseline (rule 8)
  std::optional<double> target_extra_jobs;
  std::optional<double> realisation_pct;  // extra / target x 100; empty without a (non-zero) target
  // Whether target_extra_jobs is a target set by law: under the Wfsv every
  // targets.csv row; under the Wet banenafspraak only the national target of
  // the total row (art. 4 lid 1-2), a sector's row being its own ambition.
  bool target_is_legal = true;
  // Ground rows and the total when regions_and_grounds: persons with a counting
  // register row (rule 1) covering the window's last day, of that ground (the
  // register's size); nullopt on every other row.
  std::optional<std::int64_t> registered;
};

struct CountStats {
  std::int64_t payroll_cells = 0;        // (person, employer, month) groups in the window
  std::int64_t eligible_cells = 0;       // of which the person was eligible in the month (rule 1)
  Hours hours_wsw_not_counted = 0;       // Wsw hours not hired out (rule 4)
  Hours hours_attributed = 0;            // hire-in hours attributed to hirers (rule 3)
  Hours hours_attribution_capped = 0;    // hire-in hours above payroll, scaled away (rule 3)
  Hours hours_sroi_moved = 0;            // scenario: social-return hours moved to buyers
};

struct RealisationTable {
  int year = 0;
  Window window = Window::kQ4;
  double hours_per_job = 0;  // in this window, e.g. 332.75 for a quarter
  double hours_per_job_year = 0;  // the parameter behind it: 1,331 (Besluit Wfsv art. 2.32, G)
  std::string parameter_version;
  // The law applied (counting.md §7): LawOf(parameters, year).
  LawOfYear law;
  // Under the Wet banenafspraak: the target_extra_jobs of a targets.csv row
  // `total` for the year, which the national target of the law replaces on
  // the total row (said in every face); nullopt when there is none.
  std::optional<double> delivery_total_target;
  // `total` first, then per level (sector, subsector, organisation, employer;
  // with regions_and_grounds also region and ground) the scopes sorted by name.
  std::vector<RealisationRow> rows;
  CountStats stats;

  // The total row and the rows of one level, in output order.
  std::vector<const RealisationRow*> RowsFor(ScopeLevel level) const;
  const RealisationRow* Find(std::string_view scope) const;
};

// The months a count of `request` reads: the window of request.year. Only the
// count's own tables are needed (count_tables_only), unless social return counts
// for the buyer (then sroi.csv is read too). The caller sets skip_invalid.
LoadOptions CountLoadOptions(const CountRequest& request);
// The same for every year from request.year to last_year at once: the window's
// months of each of those years (REQUIRES: last_year >= request.year).
LoadOptions CountLoadOptions(const CountRequest& request, int last_year);

// Counts `delivery` by the rules of counting.md §3 for `request`, with the
// parameters of `parameters` valid in request.year (CountingParams::ForYear),
// by the law of that year (counting.md §7): from the entry into force of the
// Wet banenafspraak `voorziening` counts (art. 2 lid 1 f) and the total's
// target is the national one (art. 4; none set: empty, "doel niet vastgesteld").
// REQUIRES: `delivery` holds at least the months of CountLoadOptions(request).
// Fails (InvalidInput) when the parameter set has no hours per job for the year.
Result<RealisationTable> CountJobs(const Delivery& delivery, const CountRequest& request,
                                   const ParameterSet& parameters);
// The same with the year's parameters already resolved.
Result<RealisationTable> CountJobs(const Delivery& delivery, const CountRequest& request, const CountingParams& params);

// The change in jobs of one scope between two counts (banenmonitor diff).
struct ScopeChange {
  std::string scope;
  bool in_before = false, in_after = false;  // the scope is in that count's employers
  double jobs_before = 0, jobs_after = 0;    // 0 where the scope is absent
};

struct CountDiff {
  int year = 0;
  Window window = Window::kQ4;
  ScopeLevel level = ScopeLevel::kSector;
  std::string parameter_version;
  // `total`, then the scopes of `level`: those of `after` in its order, then
  // those only in `before` in its order.
  std::vector<ScopeChange> rows;
};

// Counts `before` and `after` for `request` with the parameters of
// `parameters` and pairs their rows of `level` (not kTotal).
// REQUIRES: both hold at least the months of CountLoadOptions(request).
Result<CountDiff> DiffCounts(const Delivery& before, const Delivery& after, const CountRequest& request,
                             ScopeLevel level, const ParameterSet& parameters);

}  // namespace banenmonitor

namespace banenmonitor {

// An exact fraction num / den (den > 0), for figures whose printed decimals
// must not depend on binary floating point.
struct Ratio {
  __int128 num = 0;
  __int128 den = 1;
};

// The figures of a row as exact fractions: hours are whole micro-hours, the
// hours per job a whole number of micro-hours, baseline and target decimals
// with at most 9 places. Output rounds these, half away from zero.
struct ExactFigures {
  Ratio jobs, jobs_direct, jobs_hired_in, baseline_jobs, extra_jobs;
  std::optional<Ratio> target_extra_jobs, realisation_pct;
};
ExactFigures ExactFiguresOf(const RealisationTable& table, const RealisationRow& row);

}  // namespace banenmonitor
