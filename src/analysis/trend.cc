// Persons and flows per quarter (include/banenmonitor/trend.h; counting.md §9).
#include "banenmonitor/trend.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "banenmonitor/regions.h"
#include "common/checked_sum.h"
#include "count/scopes.h"
#include "count/walk.h"
#include "data/fields.h"

namespace banenmonitor {

std::string QuarterName(int year, int quarter) { return fmt::format("{}Q{}", year, quarter); }

LoadOptions TrendLoadOptions(const TrendRequest& request) {
  LoadOptions load;
  load.first_month = MakeMonth(request.from_year - 1, 1);
  load.last_month = MakeMonth(request.to_year, 12);
  load.count_tables_only = true;
  return load;
}

namespace {

constexpr const char* kTrendSum = "the counted hours of a quarter";

// The scopes of the trend's level: sorted names, and the scope of an
// employer, a ground or a region of residence (-1: none at this level).
struct TrendScopes {
  std::vector<std::string> names;
  std::vector<int> of_employer;
  std::vector<int> of_ground;  // by Ground
  std::vector<int> of_region;  // by RegisterPeriod::region (0: onbekend)

  int Find(const std::string& name) const {
    auto it = std::lower_bound(names.begin(), names.end(), name);
    return it != names.end() && *it == name ? static_cast<int>(it - names.begin()) : -1;
  }
};

std::string RegionScope(std::uint8_t region) {
  std::string_view name = RegionTable::Embedded().NameOf(region);
  return "region:" + std::string(name.empty() ? kUnknownRegion : name);
}

TrendScopes BuildTrendScopes(const Delivery& d, ScopeLevel level) {
  TrendScopes s;
  constexpr std::size_t kGrounds = static_cast<std::size_t>(Ground::kVoorziening) + 1;
  const std::size_t region_codes = RegionTable::Embedded().regions().size() + 1;
  if (level == ScopeLevel::kGround) {
    for (std::size_t g = 0; g < kGrounds; ++g) s.names.push_back(std::string("ground:") + GroundName(static_cast<Ground>(g)));
  } else if (level != ScopeLevel::kTotal) {
    for (const Employer& e : d.employers) s.names.push_back(count::ScopeOf(e, level));
    std::erase(s.names, std::string());
    if (level == ScopeLevel::kRegion) {
      for (const RegisterPeriod& p : d.register_periods) s.names.push_back(RegionScope(p.region));
    }
  }
  std::sort(s.names.begin(), s.names.end());
  s.names.erase(std::unique(s.names.begin(), s.names.end()), s.names.end());
  for (const Employer& e : d.employers) {
    s.of_employer.push_back(level == ScopeLevel::kTotal || level == ScopeLevel::kGround ? -1 : s.Find(count::ScopeOf(e, level)));
  }
  for (std::size_t g = 0; g < kGrounds; ++g) {
    s.of_ground.push_back(level == ScopeLevel::kGround ? s.Find(std::string("ground:") + GroundName(static_cast<Ground>(g))) : -1);
  }
  for (std::size_t r = 0; r < region_codes; ++r) {
    s.of_region.push_back(level == ScopeLevel::kRegion ? s.Find(RegionScope(static_cast<std::uint8_t>(r))) : -1);
  }
  return s;
}

// The sums of every quarter of the loaded range and scope (index 0: total,
// 1 + i: names[i]).
class QuarterSums {
 public:
  QuarterSums(std::size_t quarters, std::size_t scopes)
      : scopes_(scopes), hours_(quarters * scopes), registered_(quarters * scopes), started_(quarters * scopes),
        ended_(quarters * scopes), working_(quarters), persons_(quarters) {}

  // Counted hours of `person` for scope `s` (-1: the total only) in month `m` of quarter `q`.
  void AddHours(std::size_t q, bool last_month, PersonIndex person, int s, Hours h) {
    if (h <= 0) return;
    for (int scope : {0, s < 0 ? -1 : s + 1}) {
      if (scope < 0) continue;
      AddOrStop(hours_[q * scopes_ + scope], h, kTrendSum);
      const std::uint64_t key = (static_cast<std::uint64_t>(scope) << 32) | person;
      persons_[q].push_back(key);
      if (last_month) working_[q].push_back(key);
    }
  }
  std::int64_t& Registered(std::size_t q, int scope) { return registered_[q * scopes_ + scope]; }
  std::int64_t& Started(std::size_t q, int scope) { return started_[q * scopes_ + scope]; }
  std::int64_t& Ended(std::size_t q, int scope) { return ended_[q * scopes_ + scope]; }
  Hours HoursOf(std::size_t q, std::size_t scope) const { return hours_[q * scopes_ + scope]; }

  // Distinct (scope, person) pairs of each quarter's last month, sorted.
  void Finish() {
    for (auto* sets : {&working_, &persons_}) {
      for (auto& w : *sets) {
        std::sort(w.begin(), w.end());
        w.erase(std::unique(w.begin(), w.end()), w.end());
      }
    }
  }
  // Persons working in `scope` in quarter `q`'s last month and not in quarter `p`'s.
  std::int64_t WorkingNotIn(std::size_t q, std::size_t p, std::size_t scope) const {
    std::int64_t n = 0;
    const auto& other = working_[p];
    auto [begin, end] = RangeOf(working_[q], scope);
    for (auto it = begin; it != end; ++it) {
      if (!std::binary_search(other.begin(), other.end(), *it)) ++n;
    }
    return n;
  }
  std::int64_t Working(std::size_t q, std::size_t scope) const { return CountOf(working_[q], scope); }
  std::int64_t Persons(std::size_t q, std::size_t scope) const { return CountOf(persons_[q], scope); }

 private:
  std::size_t scopes_;
  std::vector<Hours> hours_;
  std::vector<std::int64_t> registered_, started_, ended_;
  std::vector<std::vector<std::uint64_t>> working_, persons_;

  // The keys of one scope in a sorted set: the scope is the key's upper half.
  static std::pair<std::vector<std::uint64_t>::const_iterator, std::vector<std::uint64_t>::const_iterator> RangeOf(
      const std::vector<std::uint64_t>& keys, std::size_t scope) {
    const std::uint64_t lo = static_cast<std::uint64_t>(scope) << 32;
    return {std::lower_bound(keys.begin(), keys.end(), lo), std::lower_bound(keys.begin(), keys.end(), lo + (1ull << 32))};
  }
  static std::int64_t CountOf(const std::vector<std::uint64_t>& keys, std::size_t scope) {
    auto [begin, end] = RangeOf(keys, scope);
    return end - begin;
  }
};

// The register per quarter: persons registered on its last day, registrations
// starting and ending in it (counting rows only, by the law of its months).
void CountRegister(const Delivery& d, const count::Eligibility& eligibility, const TrendScopes& scopes, MonthIndex first,
                   std::size_t quarters, QuarterSums& sums) {
  for (std::size_t q = 0; q < quarters; ++q) {
    const MonthIndex last = first + static_cast<MonthIndex>(q * 3 + 2);
    const DayNumber from = data::FirstDayOf(last - 2), to = data::LastDayOf(last);
    for (PersonIndex p = 0; p < eligibility.persons(); ++p) {
      const RegisterPeriod* row = eligibility.CoveringOn(p, to, last);
      if (row == nullptr) continue;
      ++sums.Registered(q, 0);
      int s = scopes.of_ground[static_cast<std::size_t>(row->ground)];
      if (s < 0) s = scopes.of_region[row->region];
      if (s >= 0) ++sums.Registered(q, s + 1);
    }
    for (const RegisterPeriod& row : d.register_periods) {
      // A quarter lies in one year, so one law: that of its last month.
      const bool counts = eligibility.Counts(row, last);
      const bool starts = counts && row.start_day >= from && row.start_day <= to;
      const bool ends = counts && row.end_day >= from && row.end_day <= to;
      const int s = scopes.of_ground[static_cast<std::size_t>(row.ground)];
      if (starts) ++sums.Started(q, 0);
      if (ends) ++sums.Ended(q, 0);
      if (starts && s >= 0) ++sums.Started(q, s + 1);
      if (ends && s >= 0) ++sums.Ended(q, s + 1);
    }
  }
}

Ratio Difference(const Ratio& a, const Ratio& b) { return Ratio{a.num * b.den - b.num * a.den, a.den * b.den}; }

}  // namespace

Result<TrendTable> Trend(const Delivery& d, const TrendRequest& request, const ParameterSet& parameters) {
  TrendTable table;
  table.from_year = request.from_year;
  table.to_year = request.to_year;
  table.level = request.level;
  table.parameter_version = parameters.version();
  const int first_year = request.from_year - 1;
  const MonthIndex first = MakeMonth(first_year, 1);
  const MonthIndex last = MakeMonth(request.to_year, 12);
  const std::size_t quarters = static_cast<std::size_t>(request.to_year - first_year + 1) * 4;
  std::vector<__int128> per_job;  // micro-hours per job in a quarter, per year from first_year
  for (int year = first_year; year <= request.to_year; ++year) {
    auto params = CountingParams::ForYear(parameters, year);
    if (!params) return Fail(params.error());
    per_job.push_back(std::llround(params->hours_per_job_year * 3.0 / 12.0 * static_cast<double>(kMicroPerHour)));
    if (year >= request.from_year) table.laws.push_back(params->law);
  }
  const std::optional<MonthIndex> voorziening_from = LawOf(parameters, request.to_year).first_month();

  const TrendScopes scopes = BuildTrendScopes(d, request.level);
  QuarterSums sums(quarters, scopes.names.size() + 1);
  const bool by_ground = request.level == ScopeLevel::kGround;
  const count::Eligibility eligibility(d, voorziening_from);
  CountStats stats;
  MonthIndex first_payroll = last + 1;
  count::WalkCountedCells(d, first, last, false, voorziening_from, stats,
                          [&](const PayrollCell& cell, const count::Attribution& attribution) {
                            const std::size_t q = static_cast<std::size_t>(cell.month - first) / 3;
                            const bool last_month = (cell.month - first) % 3 == 2;
                            const int ground = by_ground ? scopes.of_ground[static_cast<std::size_t>(
                                                               eligibility.GroundOf(cell.person, cell.month))]
                                                         : -1;
                            auto scope_of = [&](EmployerIndex e) { return by_ground ? ground : scopes.of_employer[e]; };
                            sums.AddHours(q, last_month, cell.person, scope_of(cell.employer), attribution.direct);
                            for (const auto& share : attribution.hired) {
                              sums.AddHours(q, last_month, cell.person, scope_of(share.hirer), share.hours);
                            }
                          });
  for (const PayrollCell& cell : d.payroll) {
    if (cell.month >= first && cell.month <= last) first_payroll = std::min(first_payroll, cell.month);
  }
  sums.Finish();
  CountRegister(d, eligibility, scopes, first, quarters, sums);

  // The first quarter of the delivery: changes and flows need the quarters before it.
  const std::size_t delivered_from = first_payroll > last ? quarters : static_cast<std::size_t>(first_payroll - first) / 3;
  const bool person_scopes = request.level == ScopeLevel::kGround || request.level == ScopeLevel::kRegion;
  for (std::size_t q = 4; q < quarters; ++q) {
    const int year = first_year + static_cast<int>(q / 4);
    for (std::size_t s = 0; s <= scopes.names.size(); ++s) {
      TrendRow row;
      row.year = year;
      row.quarter = static_cast<int>(q % 4) + 1;
      row.scope = s == 0 ? "total" : scopes.names[s - 1];
      row.level = s == 0 ? ScopeLevel::kTotal : request.level;
      if (s == 0 || person_scopes) row.registered = sums.Registered(q, static_cast<int>(s));
      row.working = sums.Working(q, s);
      if (q - 1 >= delivered_from) {
        row.inflow_work = sums.WorkingNotIn(q, q - 1, s);
        row.outflow_work = sums.WorkingNotIn(q - 1, q, s);
      }
      row.hours = sums.HoursOf(q, s);
      row.persons = sums.Persons(q, s);
      row.delivered = q >= delivered_from;
      auto jobs_of = [&](std::size_t quarter) {
        return Ratio{sums.HoursOf(quarter, s), per_job[quarter / 4]};
      };
      row.jobs = jobs_of(q);
      if (q - 1 >= delivered_from) row.change_jobs_prev_quarter = Difference(row.jobs, jobs_of(q - 1));
      if (q - 4 >= delivered_from) row.change_jobs_year_ago = Difference(row.jobs, jobs_of(q - 4));
      if (s == 0 || request.level == ScopeLevel::kGround) {
        row.registrations_started = sums.Started(q, static_cast<int>(s));
        row.registrations_ended = sums.Ended(q, static_cast<int>(s));
      }
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

}  // namespace banenmonitor
