// The counting engine (counting.md §3).
#include "banenmonitor/count.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <map>
#include <span>
#include <tuple>

#include "common/checked_sum.h"
#include "common/enum_names.h"
#include "common/lang.h"
#include "common/lookup.h"
#include "common/parallel.h"
#include "count/attribution.h"
#include "count/scopes.h"
#include "count/walk.h"
#include "data/fields.h"

namespace banenmonitor {

constexpr EnumName<Window> kWindowNames[] = {
    {Window::kQ1, "q1"}, {Window::kQ2, "q2"}, {Window::kQ3, "q3"}, {Window::kQ4, "q4"}, {Window::kYear, "year"}};

const char* WindowName(Window w) { return NameIn(kWindowNames, w); }

std::optional<Window> ParseWindow(std::string_view s) { return ValueIn(kWindowNames, s); }

int FirstMonthOf(Window w) {
  switch (w) {
    case Window::kQ2: return 4;
    case Window::kQ3: return 7;
    case Window::kQ4: return 10;
    default: return 1;
  }
}

int MonthsIn(Window w) { return w == Window::kYear ? 12 : 3; }

constexpr EnumName<ScopeLevel> kScopeLevelNames[] = {
    {ScopeLevel::kTotal, "total"},         {ScopeLevel::kSector, "sector"},     {ScopeLevel::kSubsector, "subsector"},
    {ScopeLevel::kOrganisation, "organisation"}, {ScopeLevel::kEmployer, "employer"}, {ScopeLevel::kRegion, "region"},
    {ScopeLevel::kGround, "ground"}};

const char* ScopeLevelName(ScopeLevel l) { return NameIn(kScopeLevelNames, l); }

std::optional<ScopeLevel> ParseScopeLevel(std::string_view s) { return ValueIn(kScopeLevelNames, s); }

Result<CountingParams> CountingParams::ForYear(const ParameterSet& set, int year) {
  CountingParams p;
  DayNumber year_end = data::LastDayOf(MakeMonth(year, 12));
  auto hours = set.Value("hours_per_job_year", year_end);
  if (!hours || *hours <= 0) {
    return Fail(Status::InvalidInput(
        Say("het parameterbestand {} heeft geen positieve hours_per_job_year die geldt op {}-12-31",
            "parameter file {} has no positive hours_per_job_year valid on {}-12-31", set.version(), year)));
  }
  p.hours_per_job_year = *hours;
  p.parameter_version = set.version();
  p.law = LawOf(set, year);
  return p;
}

LoadOptions CountLoadOptions(const CountRequest& request) { return CountLoadOptions(request, request.year); }

LoadOptions CountLoadOptions(const CountRequest& request, int last_year) {
  const int first = FirstMonthOf(request.window);
  const int months = MonthsIn(request.window);
  LoadOptions load;
  load.first_month = MakeMonth(request.year, first);
  load.last_month = MakeMonth(last_year, first) + months - 1;
  load.months_of_year = static_cast<std::uint16_t>(((1u << months) - 1) << (first - 1));
  load.count_tables_only = !request.sroi_counts_for_buyer;
  return load;
}

std::shared_ptr<const CountScopes> MakeCountScopes(const Delivery& delivery) {
  auto scopes = std::make_shared<CountScopes>();
  for (std::size_t l = 0; l < count::kLevels.size(); ++l) {
    scopes->levels[l] = count::BuildLevel(delivery.employers, count::kLevels[l]);
  }
  return scopes;
}

Result<RealisationTable> CountJobs(const Delivery& delivery, const CountRequest& request,
                                   const ParameterSet& parameters) {
  auto params = CountingParams::ForYear(parameters, request.year);
  if (!params) return Fail(params.error());
  return CountJobs(delivery, request, *params);
}

std::vector<const RealisationRow*> RealisationTable::RowsFor(ScopeLevel level) const {
  return RowsOfLevel(rows, ScopeLevel::kTotal, level);
}

const RealisationRow* RealisationTable::Find(std::string_view scope) const {
  return FindFirst(rows, &RealisationRow::scope, scope);
}

namespace {

using count::BuildLevel;
using count::kLevels;
using count::LevelScopes;

struct Accumulator {
  Hours direct = 0;
  Hours hired_in = 0;
  Hours sroi = 0;
  std::int64_t persons = 0;
  std::int64_t persons_direct = 0;
  std::int64_t persons_hired_in = 0;
  std::int64_t registered = 0;
};

struct Contribution {
  EmployerIndex employer;
  Hours direct;
  Hours hired_in;
  Hours sroi;
  std::uint8_t ground;  // the person-month's ground (counting.md §8)
};

// Sums that do not fit stop the count (SumOverflow): never a wrapped figure.
constexpr const char* kScopeSum = "the counted hours of a scope";

// The sums per scope of every level, person by person (rules 6-7).
class ScopeSums {
 public:
  // `within`: per employer, whether its hours go to the region and ground rows (empty: all).
  // `prepared`: the levels of count::kLevels made already (MakeCountScopes), or nullptr.
  ScopeSums(const Delivery& d, const std::vector<ScopeLevel>& levels, bool grounds, std::vector<bool> within,
            const CountScopes* prepared)
      : grounds_(grounds), within_(std::move(within)) {
    for (ScopeLevel l : levels) {
      auto known = std::find(kLevels.begin(), kLevels.end(), l);
      if (prepared != nullptr && known != kLevels.end()) {
        levels_.push_back(&prepared->levels[static_cast<std::size_t>(known - kLevels.begin())]);
        continue;
      }
      LevelScopes& built = built_.emplace_back(BuildLevel(d.employers, l));
      levels_.push_back(&built);
      if (l != ScopeLevel::kRegion || within_.empty()) continue;
      for (std::size_t e = 0; e < within_.size(); ++e) {
        if (!within_[e]) built.of_employer[e] = -1;
      }
    }
    acc_.resize(levels_.size());
    for (std::size_t l = 0; l < levels_.size(); ++l) acc_[l].resize(levels_[l]->names.size());
    if (grounds_) ground_acc_.resize(kGroundCount);
  }

  void Add(const Contribution& c) { person_.push_back(c); }

  // The current person's contributions into the sums; distinct persons per scope (rule 7).
  void FlushPerson() {
    if (person_.empty()) return;
    for (std::size_t l = 0; l < levels_.size(); ++l) {
      const std::vector<int>& of_employer = levels_[l]->of_employer;
      AddToScopes(acc_[l], [&](const Contribution& c) { return of_employer[c.employer]; });
    }
    if (grounds_) {
      AddToScopes(ground_acc_, [&](const Contribution& c) {
        return within_.empty() || within_[c.employer] ? static_cast<int>(c.ground) : -1;
      });
    }
    AddToScopes(total_, [](const Contribution&) { return 0; });
    person_.clear();
  }

  std::size_t level_count() const { return levels_.size(); }
  const LevelScopes& level(std::size_t l) const { return *levels_[l]; }
  const Accumulator& At(std::size_t level, std::size_t scope) const { return acc_[level][scope]; }
  // Adds the sums of `other`, of other persons (rule 7: a person is counted in one of them only).
  // REQUIRES: `other` has the same levels and grounds. Both are flushed.
  void AddSums(const ScopeSums& other) {
    for (std::size_t l = 0; l < acc_.size(); ++l) {
      for (std::size_t s = 0; s < acc_[l].size(); ++s) AddInto(acc_[l][s], other.acc_[l][s]);
    }
    for (std::size_t g = 0; g < ground_acc_.size(); ++g) AddInto(ground_acc_[g], other.ground_acc_[g]);
    AddInto(total_[0], other.total_[0]);
  }
  Accumulator& GroundSums(Ground g) { return ground_acc_[static_cast<std::size_t>(g)]; }
  Accumulator& Total() { return total_[0]; }

  static constexpr std::size_t kGroundCount = static_cast<std::size_t>(Ground::kVoorziening) + 1;

 private:
  template <typename ScopeOfContribution>
  void AddToScopes(std::vector<Accumulator>& acc, ScopeOfContribution&& scope_of) {
    touched_.clear();
    touched_direct_.clear();
    touched_hired_.clear();
    for (const auto& c : person_) {
      int s = scope_of(c);
      if (s < 0) continue;
      AddOrStop(acc[s].direct, c.direct, kScopeSum);
      AddOrStop(acc[s].hired_in, c.hired_in, kScopeSum);
      AddOrStop(acc[s].sroi, c.sroi, kScopeSum);
      if (c.direct + c.hired_in + c.sroi > 0) touched_.push_back(s);
      if (c.direct > 0) touched_direct_.push_back(s);
      if (c.hired_in > 0) touched_hired_.push_back(s);
    }
    // rule 7: distinct persons with hours > 0 (and, for disclosure control, with direct / hired-in hours > 0)
    CountDistinct(touched_, [&](int s) { ++acc[s].persons; });
    CountDistinct(touched_direct_, [&](int s) { ++acc[s].persons_direct; });
    CountDistinct(touched_hired_, [&](int s) { ++acc[s].persons_hired_in; });
  }
  static void AddInto(Accumulator& into, const Accumulator& a) {
    AddOrStop(into.direct, a.direct, kScopeSum);
    AddOrStop(into.hired_in, a.hired_in, kScopeSum);
    AddOrStop(into.sroi, a.sroi, kScopeSum);
    into.persons += a.persons;
    into.persons_direct += a.persons_direct;
    into.persons_hired_in += a.persons_hired_in;
    into.registered += a.registered;
  }
  template <typename Add>
  static void CountDistinct(std::vector<int>& scopes, Add&& add) {
    std::sort(scopes.begin(), scopes.end());
    scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
    for (int s : scopes) add(s);
  }

  bool grounds_;
  std::vector<bool> within_;
  std::vector<const LevelScopes*> levels_;  // into a CountScopes or built_
  std::deque<LevelScopes> built_;           // the levels this count made itself
  std::vector<std::vector<Accumulator>> acc_;
  std::vector<Accumulator> ground_acc_;
  std::vector<Accumulator> total_ = std::vector<Accumulator>(1);
  std::vector<Contribution> person_;  // contributions of the current person
  std::vector<int> touched_, touched_direct_, touched_hired_;
};

// The register's size on `day` (the last day of `month`): persons with a
// counting register row covering it, in total and per ground of that row.
void CountRegistered(const count::Eligibility& eligibility, DayNumber day, MonthIndex month, ScopeSums& sums) {
  for (PersonIndex p = 0; p < eligibility.persons(); ++p) {
    if (const RegisterPeriod* row = eligibility.CoveringOn(p, day, month)) {
      ++sums.Total().registered;
      ++sums.GroundSums(row->ground).registered;
    }
  }
}

// Rules 1-4 (count/walk.h, shared with CountedPersonMonths) over `cells`, whole persons, summed per
// scope into `sums` (rules 6-7) and counted into `stats`. `grounds`: with the ground rows, else nullptr.
void SumCells(const Delivery& d, std::span<const PayrollCell> cells, MonthIndex first, MonthIndex last,
              const CountRequest& request, const CountingParams& params, const count::Eligibility* grounds,
              ScopeSums& sums, CountStats& stats) {
  PersonIndex current = cells.empty() ? 0 : cells.front().person;
  count::WalkCountedCells(d, cells, first, last, request.sroi_counts_for_buyer, params.law.first_month(), stats,
                          [&](const PayrollCell& cell, const count::Attribution& attribution) {
                            if (cell.person != current) {
                              sums.FlushPerson();
                              current = cell.person;
                            }
                            const auto ground = static_cast<std::uint8_t>(
                                grounds ? grounds->GroundOf(cell.person, cell.month) : Ground{});
                            if (attribution.direct > 0) sums.Add({cell.employer, attribution.direct, 0, 0, ground});
                            for (const auto& share : attribution.hired) sums.Add({share.hirer, 0, share.hours, 0, ground});
                            for (const auto& share : attribution.sroi) sums.Add({share.hirer, 0, 0, share.hours, ground});
                          });
  sums.FlushPerson();
}

// `cells` in `parts` runs of whole persons, of about equal size (fewer when there are few persons).
std::vector<std::span<const PayrollCell>> RunsOfWholePersons(const std::vector<PayrollCell>& cells, std::size_t parts) {
  std::vector<std::span<const PayrollCell>> runs;
  std::size_t begin = 0;
  for (std::size_t k = 1; k <= parts && begin < cells.size(); ++k) {
    std::size_t end = k == parts ? cells.size() : std::max(begin, cells.size() * k / parts);
    while (end > begin && end < cells.size() && cells[end].person == cells[end - 1].person) ++end;
    if (end > begin) runs.emplace_back(cells.data() + begin, end - begin);
    begin = end;
  }
  return runs;
}

void AddStats(CountStats& into, const CountStats& s) {
  into.payroll_cells += s.payroll_cells;
  into.eligible_cells += s.eligible_cells;
  using count::kStatsSum;
  AddOrStop(into.hours_wsw_not_counted, s.hours_wsw_not_counted, kStatsSum);
  AddOrStop(into.hours_attributed, s.hours_attributed, kStatsSum);
  AddOrStop(into.hours_attribution_capped, s.hours_attribution_capped, kStatsSum);
  AddOrStop(into.hours_sroi_moved, s.hours_sroi_moved, kStatsSum);
}

}  // namespace

Result<RealisationTable> CountJobs(const Delivery& d, const CountRequest& request, const CountingParams& params) {
  RealisationTable table;
  table.year = request.year;
  table.window = request.window;
  table.parameter_version = params.parameter_version;
  table.law = params.law;
  const int months = MonthsIn(request.window);
  // counting.md §3 rule 5: jobs = hours / (1331 x months / 12).
  table.hours_per_job = params.hours_per_job_year * months / 12.0;
  table.hours_per_job_year = params.hours_per_job_year;
  const MonthIndex first = MakeMonth(request.year, FirstMonthOf(request.window));
  const MonthIndex last = first + months - 1;

  std::vector<ScopeLevel> level_ids(kLevels.begin(), kLevels.end());
  if (request.regions_and_grounds) level_ids.push_back(ScopeLevel::kRegion);
  std::vector<bool> within;  // the employers of request.regions_within
  if (request.regions_and_grounds && !request.regions_within.empty() && request.regions_within != "total") {
    for (const Employer& e : d.employers) {
      bool in = false;
      for (ScopeLevel l : kLevels) in = in || count::ScopeOf(e, l) == request.regions_within;
      within.push_back(in);
    }
  }
  std::optional<count::Eligibility> grounds;
  if (request.regions_and_grounds) grounds.emplace(d, params.law.first_month());
  // The payroll in runs of whole persons, one per thread, each summed apart, then added up.
  constexpr std::size_t kWorthTwoThreads = std::size_t{1} << 16;
  const std::size_t threads = request.workers > 1 && d.payroll.size() >= kWorthTwoThreads ? 2 : 1;
  const std::vector<std::span<const PayrollCell>> runs = RunsOfWholePersons(d.payroll, threads);
  std::shared_ptr<const CountScopes> scopes = request.scopes;
  if (!scopes && runs.size() > 1) scopes = MakeCountScopes(d);  // made once for both
  std::deque<ScopeSums> run_sums;
  for (std::size_t k = 0; k < std::max<std::size_t>(runs.size(), 1); ++k) {
    run_sums.emplace_back(d, level_ids, request.regions_and_grounds, within, scopes.get());
  }
  std::vector<CountStats> run_stats(runs.size());
  MapInParallel(runs.size(), static_cast<int>(runs.size()), [&](std::size_t k) {
    SumCells(d, runs[k], first, last, request, params, grounds ? &*grounds : nullptr, run_sums[k], run_stats[k]);
    return k;
  });
  ScopeSums& sums = run_sums.front();
  for (std::size_t k = 0; k < runs.size(); ++k) {
    if (k > 0) sums.AddSums(run_sums[k]);
    AddStats(table.stats, run_stats[k]);
  }
  if (grounds) CountRegistered(*grounds, data::LastDayOf(last), last, sums);

  // Targets of the year, by scope (counting.md §3 rule 8).
  std::map<std::string, const Target*, std::less<>> targets;
  for (const auto& t : d.targets) {
    if (t.year == request.year) targets.emplace(t.scope, &t);
  }
  auto make_row = [&](ScopeLevel level, const std::string& scope, const Accumulator& a) {
    RealisationRow r;
    r.level = level;
    r.scope = scope;
    r.persons = a.persons;
    r.persons_direct = a.persons_direct;
    r.persons_hired_in = a.persons_hired_in;
    r.hours_direct = a.direct;
    r.hours_hired_in = a.hired_in;
    r.hours_sroi = a.sroi;
    r.hours = a.direct;
    AddOrStop(r.hours, a.hired_in, kScopeSum);
    AddOrStop(r.hours, a.sroi, kScopeSum);
    const double per_job = table.hours_per_job * static_cast<double>(kMicroPerHour);
    r.jobs = static_cast<double>(r.hours) / per_job;
    r.jobs_direct = static_cast<double>(r.hours_direct) / per_job;
    r.jobs_hired_in = static_cast<double>(r.hours_hired_in) / per_job;
    if (request.regions_and_grounds && (level == ScopeLevel::kTotal || level == ScopeLevel::kGround)) {
      r.registered = a.registered;
    }
    if (auto it = targets.find(scope); it != targets.end()) {
      r.baseline_jobs = it->second->baseline_jobs;
      r.target_extra_jobs = it->second->target_extra_jobs;
    }
    if (!table.law.sector_targets_are_legal()) {
      // Wet banenafspraak art. 4 lid 1-2: one national target, set by AMvB.
      if (level == ScopeLevel::kTotal) {
        table.delivery_total_target = r.target_extra_jobs;
        r.target_extra_jobs = table.law.national_target;
      } else {
        r.target_is_legal = false;  // a sector's own ambition, not a legal target
      }
    }
    r.extra_jobs = r.jobs - r.baseline_jobs;
    if (r.target_extra_jobs && *r.target_extra_jobs != 0) {
      r.realisation_pct = r.extra_jobs / *r.target_extra_jobs * 100.0;
    }
    table.rows.push_back(std::move(r));
  };
  make_row(ScopeLevel::kTotal, "total", sums.Total());
  for (std::size_t l = 0; l < sums.level_count(); ++l) {
    for (std::size_t s = 0; s < sums.level(l).names.size(); ++s) {
      make_row(level_ids[l], sums.level(l).names[s], sums.At(l, s));
    }
  }
  if (request.regions_and_grounds) {
    // Every ground of the contract, sorted by name (counting.md §8).
    std::vector<Ground> by_name;
    for (std::size_t g = 0; g < ScopeSums::kGroundCount; ++g) by_name.push_back(static_cast<Ground>(g));
    std::sort(by_name.begin(), by_name.end(),
              [](Ground a, Ground b) { return std::string_view(GroundName(a)) < std::string_view(GroundName(b)); });
    for (Ground g : by_name) make_row(ScopeLevel::kGround, std::string("ground:") + GroundName(g), sums.GroundSums(g));
  }
  return table;
}

}  // namespace banenmonitor

namespace banenmonitor {

namespace {
constexpr std::int64_t kNano = 1'000'000'000;
__int128 ToNano(double v) { return static_cast<__int128>(std::llround(v * static_cast<double>(kNano))); }
}  // namespace

ExactFigures ExactFiguresOf(const RealisationTable& table, const RealisationRow& row) {
  ExactFigures x;
  // Micro-hours per job in the window: 1331 x months / 12 hours, a whole number of micro-hours.
  const __int128 per_job = std::llround(table.hours_per_job * static_cast<double>(kMicroPerHour));
  x.jobs = {row.hours, per_job};
  x.jobs_direct = {row.hours_direct, per_job};
  x.jobs_hired_in = {row.hours_hired_in, per_job};
  const __int128 baseline = ToNano(row.baseline_jobs);
  x.baseline_jobs = {baseline, kNano};
  // extra = hours / per_job - baseline / 1e9 = (hours * 1e9 - baseline * per_job) / (per_job * 1e9)
  x.extra_jobs = {static_cast<__int128>(row.hours) * kNano - baseline * per_job, per_job * kNano};
  if (row.target_extra_jobs) {
    const __int128 target = ToNano(*row.target_extra_jobs);
    x.target_extra_jobs = Ratio{target, kNano};
    if (target != 0) {
      // pct = extra / (target / 1e9) * 100 = extra.num * 1e9 * 100 / (extra.den * target)
      Ratio pct{x.extra_jobs.num * kNano * 100, x.extra_jobs.den * target};
      if (pct.den < 0) {
        pct.num = -pct.num;
        pct.den = -pct.den;
      }
      x.realisation_pct = pct;
    }
  }
  return x;
}

}  // namespace banenmonitor
