// Projection of the realised extra jobs to 2026 (spec: quotum-and-scenarios.md
// §5): per scope, a straight line by least squares through the last three to
// five year-end measurements, its value in each later year up to the horizon
// with a prediction interval, and the year in which the line reaches the
// scope's target.
//
// The measurements are the counting engine's own (CountJobs, window q4, one
// table per year): this module never reads files and never counts hours
// itself. The method and its limits are in docs/projection.md.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"
#include "banenmonitor/status.h"

namespace banenmonitor {

// ---------------------------------------------------------------------------
// The statistics (ordinary least squares with one regressor), public so that
// tests and explanations can show every step.

struct LineFit {
  int n = 0;                // number of points
  double x_mean = 0;        // x̄ (the mean year)
  double y_mean = 0;        // ȳ
  double sxx = 0;           // Σ (x − x̄)²
  double sxy = 0;           // Σ (x − x̄)(y − ȳ)
  double slope = 0;         // b = Sxy / Sxx: change per year
  double intercept = 0;     // a = ȳ − b x̄ (the value at x = 0; for reading, use ValueAt)
  double sse = 0;           // Σ (y − ŷ)², the residual sum of squares
  double residual_sd = 0;   // s = √(SSE / (n − 2)); 0 when n = 2

  int degrees_of_freedom() const { return n - 2; }
  // ŷ(x) = ȳ + b (x − x̄) (centred, so that years near 2025 lose no precision).
  double ValueAt(double x) const { return y_mean + slope * (x - x_mean); }
};

// Least squares line through (x[i], y[i]). Fails (InvalidInput) when there are
// fewer than two points, the spans differ in length or all x are equal.
Result<LineFit> FitLine(std::span<const double> x, std::span<const double> y);

// The p-quantile of Student's t distribution with `df` ≥ 1 degrees of freedom,
// for 0 < p < 1 (e.g. p = 0.975, df = 1 gives 12.706). Accurate to about 1e-9.
double StudentTQuantile(double p, int df);

struct Interval {
  double lower = 0;
  double upper = 0;
};

// The prediction interval for a new measurement at x with coverage `level`
// (0.80, 0.95):
//   ŷ(x) ± t(1 − (1 − level)/2; n − 2) · s · √(1 + 1/n + (x − x̄)²/Sxx).
// It assumes the points scatter independently and normally around a straight
// line. With n = 2 (no degrees of freedom) the interval is unbounded; callers
// use at least three points.
Interval PredictionInterval(const LineFit& fit, double x, double level);

// ---------------------------------------------------------------------------
// The projection.

// The coverage of the two intervals shown.
inline constexpr double kProjectionLevelNarrow = 0.80;
inline constexpr double kProjectionLevelWide = 0.95;

struct ProjectionRequest {
  int to_year = 2026;                     // the horizon (the law's 125,000 jobs are due end of 2026)
  ScopeLevel level = ScopeLevel::kSector;  // rows after `total`: sector or subsector
  int min_points = 3;                     // quotum-and-scenarios.md §5: the last three to five
  int max_points = 5;                     // year-end measurements
};

// One year on a scope's path.
struct ProjectionPoint {
  int year = 0;
  bool measured = false;                       // a year-end measurement of the delivery
  std::optional<double> realised_extra_jobs;   // measured: jobs − baseline (rule 8)
  bool baseline_carried = false;               // measured: no targets.csv row for this year; the
                                               // baseline of the nearest year with one was used
  bool in_fit = false;                         // one of the points of the line
  std::optional<double> trend;                 // the line's value: in_fit and projected years
  std::optional<Interval> narrow, wide;        // projected years: the 80 % and 95 % intervals
  std::optional<double> target_extra_jobs;     // the target for this year (see target_carried)
  bool target_carried = false;                 // no target for this year in targets.csv; the
                                               // latest earlier year's target is used
};

enum class ReachStatus {
  kReachedMeasured,   // the last measurement already meets its target
  kReachedProjected,  // the line meets the target in a later year up to the horizon
  kNotByHorizon,      // the line does not meet the target in any year up to the horizon
  kNoTarget,          // no target for any year from the last measurement to the horizon
};
const char* ReachStatusName(ReachStatus s);  // "reached_measured", ... (CSV and JSON)

struct TargetReach {
  ReachStatus status = ReachStatus::kNoTarget;
  // kReachedMeasured: the last measured year; kReachedProjected: the first
  // year in which the line meets the target.
  std::optional<int> year;
  // The same question for the bounds of the 80 % interval: the first year in
  // which the upper bound meets the target (early) and the lower bound (late).
  // Empty when the bound does not meet it up to the horizon.
  std::optional<int> year_early;
  std::optional<int> year_late;
};

struct ScopeProjection {
  ScopeLevel level = ScopeLevel::kTotal;
  std::string scope;                    // "total", "government", "subsector:rijk", ... as in count
  double baseline_jobs = 0;             // of the last measured year (0 for subsectors: total opgave)
  std::vector<ProjectionPoint> path;    // every measured year, then every projected year to the horizon
  LineFit fit;                          // through the in_fit points
  TargetReach reach;

  const ProjectionPoint* At(int year) const;
};

struct ProjectionTable {
  int to_year = 0;
  ScopeLevel level = ScopeLevel::kSector;
  std::vector<int> measured_years;   // every year-end measurement, ascending
  std::vector<int> fit_years;        // the last three to five of them
  double t_narrow = 0;               // t(0.90; n − 2)
  double t_wide = 0;                 // t(0.975; n − 2)
  std::string parameter_version;
  std::vector<ScopeProjection> rows;  // `total` first, then the level's scopes sorted by name

  const ScopeProjection* Find(std::string_view scope) const;
};

// The years whose year-end measurement is in the delivery: years in which
// each of October, November and December has payroll rows (a Q4 with a month
// missing would count too few hours). Ascending.
std::vector<int> YearEndMeasurementYears(const Delivery& d);

// Projects from year-end measurements: one RealisationTable per year (window
// q4, distinct years, any order) and the targets of targets.csv.
// Fails (InvalidInput) with fewer than request.min_points measurements, or when
// the horizon lies before the last measurement.
Result<ProjectionTable> ProjectRealisations(std::span<const RealisationTable> measurements,
                                            std::span<const Target> targets, const ProjectionRequest& request);

// The months a projection reads: all of them (every year-end measurement of
// the delivery is a point). The caller sets skip_invalid.
LoadOptions ProjectionLoadOptions(const ProjectionRequest& request);

// Counts every year-end measurement of `d` (CountJobs, window q4, with the
// parameters valid in that year) and projects.
// REQUIRES: `d` holds at least the months of ProjectionLoadOptions(request).
Result<ProjectionTable> Project(const Delivery& d, const ProjectionRequest& request, const ParameterSet& params);

}  // namespace banenmonitor
