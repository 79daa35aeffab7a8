// Projection of the realised extra jobs (quotum-and-scenarios.md §5;
// include/banenmonitor/projection.h; docs/projection.md).
#include "banenmonitor/projection.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "common/enum_names.h"
#include "common/lang.h"
#include "common/lookup.h"

namespace banenmonitor {

// ---------------------------------------------------------------------------
// Statistics

Result<LineFit> FitLine(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size()) {
    return Fail(Status::InvalidInput(
        std::string(Pick("FitLine: x en y verschillen in lengte", "FitLine: x and y differ in length"))));
  }
  if (x.size() < 2) {
    return Fail(Status::InvalidInput(std::string(
        Pick("FitLine: een lijn vraagt minstens twee punten", "FitLine: a line needs at least two points"))));
  }
  LineFit f;
  f.n = static_cast<int>(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    f.x_mean += x[i];
    f.y_mean += y[i];
  }
  f.x_mean /= f.n;
  f.y_mean /= f.n;
  for (std::size_t i = 0; i < x.size(); ++i) {
    double dx = x[i] - f.x_mean;
    f.sxx += dx * dx;
    f.sxy += dx * (y[i] - f.y_mean);
  }
  if (f.sxx <= 0) {
    return Fail(Status::InvalidInput(std::string(Pick("FitLine: alle x zijn gelijk", "FitLine: all x are equal"))));
  }
  f.slope = f.sxy / f.sxx;
  f.intercept = f.y_mean - f.slope * f.x_mean;
  for (std::size_t i = 0; i < x.size(); ++i) {
    double r = y[i] - f.ValueAt(x[i]);
    f.sse += r * r;
  }
  f.residual_sd = f.n > 2 ? std::sqrt(f.sse / (f.n - 2)) : 0.0;
  return f;
}

namespace {

// The continued fraction of the incomplete beta function (modified Lentz;
// Numerical Recipes §6.4).
double BetaContinuedFraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-15;
  double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 500; ++m) {
    int m2 = 2 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < kEps) break;
  }
  return h;
}

// The regularized incomplete beta function I_x(a, b).
double RegularizedBeta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return front * BetaContinuedFraction(a, b, x) / a;
  return 1 - front * BetaContinuedFraction(b, a, 1 - x) / b;
}

// P(T <= t) for Student's t with df degrees of freedom.
double StudentTCdf(double t, int df) {
  double v = df;
  double tail = 0.5 * RegularizedBeta(v / 2, 0.5, v / (v + t * t));
  return t >= 0 ? 1 - tail : tail;
}

}  // namespace

double StudentTQuantile(double p, int df) {
  if (!(p > 0 && p < 1) || df < 1) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0.5) return 0;
  if (p < 0.5) return -StudentTQuantile(1 - p, df);
  // Bracket, then bisect: the CDF is increasing, so this always converges.
  double lo = 0, hi = 1;
  while (StudentTCdf(hi, df) < p && hi < 1e12) hi *= 2;
  for (int i = 0; i < 300 && hi - lo > 1e-13 * hi; ++i) {
    double mid = (lo + hi) / 2;
    if (StudentTCdf(mid, df) < p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}

Interval PredictionInterval(const LineFit& fit, double x, double level) {
  double y = fit.ValueAt(x);
  if (fit.degrees_of_freedom() < 1) {
    return {-std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
  }
  double t = StudentTQuantile(1 - (1 - level) / 2, fit.degrees_of_freedom());
  double dx = x - fit.x_mean;
  double half = t * fit.residual_sd * std::sqrt(1 + 1.0 / fit.n + dx * dx / fit.sxx);
  return {y - half, y + half};
}

// ---------------------------------------------------------------------------
// The projection

constexpr EnumName<ReachStatus> kReachStatusNames[] = {{ReachStatus::kReachedMeasured, "reached_measured"},
                                                        {ReachStatus::kReachedProjected, "reached_projected"},
                                                        {ReachStatus::kNotByHorizon, "not_by_horizon"},
                                                        {ReachStatus::kNoTarget, "no_target"}};

const char* ReachStatusName(ReachStatus s) { return NameIn(kReachStatusNames, s); }

const ProjectionPoint* ScopeProjection::At(int year) const {
  for (const auto& p : path) {
    if (p.year == year) return &p;
  }
  return nullptr;
}

const ScopeProjection* ProjectionTable::Find(std::string_view scope) const {
  return FindFirst(rows, &ScopeProjection::scope, scope);
}

std::vector<int> YearEndMeasurementYears(const Delivery& d) {
  const std::vector<MonthIndex> months = PayrollMonths(d);
  auto has = [&](MonthIndex m) { return std::binary_search(months.begin(), months.end(), m); };
  std::vector<int> out;
  for (MonthIndex m : months) {
    const int y = YearOf(m);
    if ((out.empty() || out.back() != y) && has(MakeMonth(y, 10)) && has(MakeMonth(y, 11)) && has(MakeMonth(y, 12))) {
      out.push_back(y);
    }
  }
  return out;
}

namespace {

// The targets.csv rows of one scope, by year.
using ScopeTargets = std::map<int, const Target*>;

// The baseline of `year` (counting.md §3 rule 8). When targets.csv has no row
// for that year but has rows for others, the baseline of the nearest year
// (the latest earlier one, else the earliest later one) is used, so that a
// missing row does not turn a jobs count into "extra" jobs; `carried` says so.
double BaselineFor(const ScopeTargets& t, int year, bool& carried) {
  carried = false;
  if (t.empty()) return 0;
  if (auto it = t.find(year); it != t.end()) return it->second->baseline_jobs;
  carried = true;
  auto after = t.upper_bound(year);
  if (after != t.begin()) return std::prev(after)->second->baseline_jobs;
  return after->second->baseline_jobs;
}

// The target of `year`: that year's target_extra_jobs, else the latest earlier
// year's (carried), else none.
std::optional<double> TargetFor(const ScopeTargets& t, int year, bool& carried) {
  carried = false;
  for (auto it = t.upper_bound(year); it != t.begin();) {
    --it;
    if (it->second->target_extra_jobs) {
      carried = it->first != year;
      return it->second->target_extra_jobs;
    }
  }
  return std::nullopt;
}

TargetReach Reach(const ScopeProjection& s, int last_year) {
  TargetReach r;
  bool any_target = false;
  const ProjectionPoint* last = s.At(last_year);
  if (last && last->target_extra_jobs) {
    any_target = true;
    if (last->realised_extra_jobs && *last->realised_extra_jobs >= *last->target_extra_jobs) {
      r.status = ReachStatus::kReachedMeasured;
      r.year = last_year;
      return r;
    }
  }
  for (const auto& p : s.path) {
    if (p.year <= last_year || !p.target_extra_jobs || !p.trend) continue;
    any_target = true;
    double target = *p.target_extra_jobs;
    if (!r.year && *p.trend >= target) r.year = p.year;
    if (!r.year_early && p.narrow && p.narrow->upper >= target) r.year_early = p.year;
    if (!r.year_late && p.narrow && p.narrow->lower >= target) r.year_late = p.year;
  }
  if (!any_target) {
    r.status = ReachStatus::kNoTarget;
  } else {
    r.status = r.year ? ReachStatus::kReachedProjected : ReachStatus::kNotByHorizon;
  }
  return r;
}

}  // namespace

Result<ProjectionTable> ProjectRealisations(std::span<const RealisationTable> measurements,
                                            std::span<const Target> targets, const ProjectionRequest& request) {
  if (request.level != ScopeLevel::kSector && request.level != ScopeLevel::kSubsector &&
      request.level != ScopeLevel::kTotal) {
    return Fail(Status::Usage(std::string(Pick("een projectie wordt per sector of per subsector gemaakt",
                                               "a projection is made per sector or per subsector"))));
  }
  if (request.min_points < 3 || request.max_points < request.min_points) {
    return Fail(Status::Usage(
        std::string(Pick("een projectie vraagt minstens drie punten (een lijn door twee heeft geen interval)",
                         "a projection needs at least three points (a line through two has no interval)"))));
  }
  std::vector<const RealisationTable*> tables;
  for (const auto& t : measurements) {
    if (t.window != Window::kQ4) {
      return Fail(Status::InvalidInput(Say("de meting van {} is geen telling aan het eind van het jaar (q4)",
                                           "the measurement of {} is not a year-end (q4) count", t.year)));
    }
    tables.push_back(&t);
  }
  std::sort(tables.begin(), tables.end(), [](auto* a, auto* b) { return a->year < b->year; });
  ProjectionTable out;
  out.to_year = request.to_year;
  out.level = request.level;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (i > 0 && tables[i]->year == tables[i - 1]->year) {
      return Fail(Status::InvalidInput(Say("twee metingen van {}", "two measurements of {}", tables[i]->year)));
    }
    out.measured_years.push_back(tables[i]->year);
  }
  if (static_cast<int>(tables.size()) < request.min_points) {
    std::string years;
    for (int y : out.measured_years) years += (years.empty() ? "" : ", ") + std::to_string(y);
    return Fail(Status::InvalidInput(
        Say("een projectie vraagt minstens {} jaareindmetingen (oktober-december compleet); de levering heeft er {}{}",
            "a projection needs at least {} year-end measurements (October-December complete); the delivery has {}{}",
            request.min_points, tables.size(), years.empty() ? "" : " (" + years + ")")));
  }
  const int last_year = out.measured_years.back();
  if (request.to_year < last_year) {
    return Fail(
        Status::Usage(Say("de horizon {} ligt vóór de laatste jaareindmeting {}",
                          "the horizon {} lies before the last year-end measurement {}", request.to_year, last_year)));
  }
  std::size_t n = std::min<std::size_t>(tables.size(), static_cast<std::size_t>(request.max_points));
  std::size_t first_fit = tables.size() - n;
  for (std::size_t i = first_fit; i < tables.size(); ++i) out.fit_years.push_back(tables[i]->year);
  const int df = static_cast<int>(n) - 2;
  out.t_narrow = StudentTQuantile(1 - (1 - kProjectionLevelNarrow) / 2, df);
  out.t_wide = StudentTQuantile(1 - (1 - kProjectionLevelWide) / 2, df);
  out.parameter_version = tables.back()->parameter_version;

  std::map<std::string, ScopeTargets, std::less<>> by_scope;
  for (const auto& t : targets) by_scope[t.scope][t.year] = &t;
  static const ScopeTargets kNone;

  for (const RealisationRow* scope_row : tables.back()->RowsFor(request.level)) {
    ScopeProjection s;
    s.level = scope_row->level;
    s.scope = scope_row->scope;
    auto st = by_scope.find(s.scope);
    const ScopeTargets& scope_targets = st == by_scope.end() ? kNone : st->second;
    std::vector<double> xs, ys;
    for (std::size_t i = 0; i < tables.size(); ++i) {
      ProjectionPoint p;
      p.year = tables[i]->year;
      p.measured = true;
      // A scope without a row in an older table had no employers then: 0 jobs.
      const RealisationRow* row = tables[i]->Find(s.scope);
      double jobs = row ? row->jobs : 0.0;
      double baseline = BaselineFor(scope_targets, p.year, p.baseline_carried);
      // counting.md §3 rule 8: extra = jobs − baseline (the same as the row's
      // extra_jobs when targets.csv has a row for the year).
      p.realised_extra_jobs = jobs - baseline;
      p.target_extra_jobs = TargetFor(scope_targets, p.year, p.target_carried);
      p.in_fit = i >= first_fit;
      if (p.in_fit) {
        xs.push_back(p.year);
        ys.push_back(*p.realised_extra_jobs);
      }
      if (p.year == last_year) s.baseline_jobs = baseline;
      s.path.push_back(p);
    }
    auto fit = FitLine(xs, ys);
    if (!fit) return Fail(fit.error());
    s.fit = *fit;
    for (auto& p : s.path) {
      if (p.in_fit) p.trend = s.fit.ValueAt(p.year);
    }
    for (int year = last_year + 1; year <= request.to_year; ++year) {
      ProjectionPoint p;
      p.year = year;
      p.trend = s.fit.ValueAt(year);
      p.narrow = PredictionInterval(s.fit, year, kProjectionLevelNarrow);
      p.wide = PredictionInterval(s.fit, year, kProjectionLevelWide);
      p.target_extra_jobs = TargetFor(scope_targets, year, p.target_carried);
      s.path.push_back(p);
    }
    s.reach = Reach(s, last_year);
    out.rows.push_back(std::move(s));
  }
  return out;
}

LoadOptions ProjectionLoadOptions(const ProjectionRequest&) { return LoadOptions{}; }

Result<ProjectionTable> Project(const Delivery& d, const ProjectionRequest& request, const ParameterSet& params) {
  std::vector<int> years = YearEndMeasurementYears(d);
  std::vector<RealisationTable> tables;
  if (static_cast<int>(years.size()) >= request.min_points) {
    // Only the years that can enter the line or the path need counting, but the
    // whole history is cheap and shows in the explanation.
    for (int year : years) {
      auto table = CountJobs(d, CountRequest{year, Window::kQ4}, params);
      if (!table) return Fail(table.error());
      tables.push_back(std::move(*table));
    }
  } else {
    // Let ProjectRealisations say how many there are.
    for (int year : years) {
      RealisationTable t;
      t.year = year;
      tables.push_back(std::move(t));
    }
  }
  return ProjectRealisations(tables, d.targets, request);
}

}  // namespace banenmonitor
