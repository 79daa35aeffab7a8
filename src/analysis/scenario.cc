// The law change as a scenario (quotum-and-scenarios.md §3, §4): the same
// counting engine and quotum module with other parameters.
#include "banenmonitor/scenario.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/checked_sum.h"
#include "common/enum_names.h"
#include "common/lang.h"
#include "count/walk.h"
#include "data/fields.h"

namespace banenmonitor {

namespace {

using Wide = __int128;

// round(num / den) half up, for num >= 0 and den > 0.
std::int64_t RoundDiv(Wide num, Wide den) { return static_cast<std::int64_t>((num * 2 + den) / (den * 2)); }

std::int64_t ToMicro(double v) { return static_cast<std::int64_t>(std::llround(v * 1e6)); }

// Counting rule 8 with the regime's baseline and target.
void SetTarget(RealisationRow& row, double baseline, std::optional<double> target) {
  row.baseline_jobs = baseline;
  row.target_extra_jobs = target;
  row.extra_jobs = row.jobs - baseline;
  row.realisation_pct.reset();
  if (target && *target != 0) row.realisation_pct = row.extra_jobs / *target * 100.0;
}

const Target* FindTarget(std::span<const Target> targets, int year, std::string_view scope) {
  for (const auto& t : targets) {  // the first row of a scope, as the count takes it
    if (t.year == year && t.scope == scope) return &t;
  }
  return nullptr;
}

RealisationRow RowOr(const RealisationTable& t, std::string_view scope) {
  const RealisationRow* r = t.Find(scope);
  if (r != nullptr) return *r;
  RealisationRow empty;
  empty.level = ScopeLevel::kSector;
  empty.scope = std::string(scope);
  return empty;
}

// The parameter `name` valid at the end of `year`; for a year before its first
// value (a year before the new law), that first value (all() is sorted by
// name, then valid_from).
const Parameter* ValidOrFirst(const ParameterSet& set, std::string_view name, int year) {
  if (const Parameter* p = set.Find(name, data::LastDayOf(MakeMonth(year, 12)))) return p;
  for (const auto& q : set.all()) {
    if (q.name == name) return &q;
  }
  return nullptr;
}

// Wet banenafspraak art. 5: activation assumed by the scenario, else decided
// by the parameter file (the first quotumregeling_activated = 1; its
// valid_from is the date of the regulation), else none.
Activation ActivationOf(const ParameterSet& set, std::optional<int> assumed_year) {
  Activation a;
  if (assumed_year) {
    a.source = ActivationSource::kAssumed;
    a.year = *assumed_year;
    a.basis = "--activation-year";
    return a;
  }
  for (const auto& q : set.all()) {
    if (q.name == "quotumregeling_activated" && q.value == 1) {
      a.source = ActivationSource::kDecided;
      a.year = std::stoi(data::FormatDate(q.valid_from).substr(0, 4));
      a.basis = q.legal_basis;
      return a;
    }
  }
  if (const Parameter* q = ValidOrFirst(set, "quotumregeling_activated", 2026)) a.basis = q->legal_basis;
  return a;
}

}  // namespace

constexpr EnumName<ActivationSource> kActivationSourceNames[] = {
    {ActivationSource::kNone, "none"}, {ActivationSource::kDecided, "decided"}, {ActivationSource::kAssumed, "assumed"}};

const char* ActivationSourceName(ActivationSource s) { return NameIn(kActivationSourceNames, s); }

constexpr EnumName<Regime> kRegimeNames[] = {{Regime::kCurrent, "current"},
                                             {Regime::kWetBanenafspraak2026, "wet-banenafspraak-2026"}};

const char* RegimeName(Regime r) { return NameIn(kRegimeNames, r); }

std::optional<Regime> ParseRegime(std::string_view s) { return ValueIn(kRegimeNames, s); }

constexpr EnumName<NationalTarget> kNationalTargetNames[] = {{NationalTarget::kTwoSectors, "two-sectors"},
                                                             {NationalTarget::kSumOfSectors, "sum-of-sectors"},
                                                             {NationalTarget::kTotalRow, "total-row"},
                                                             {NationalTarget::kNone, "none"}};

const char* NationalTargetName(NationalTarget t) { return NameIn(kNationalTargetNames, t); }

const char* WageSourceName(WageSource s) { return s == WageSource::kEmployerHours ? "employer_hours.csv" : "payroll.csv"; }

constexpr EnumName<WageStatus> kWageStatusNames[] = {
    {WageStatus::kComplete, "complete"}, {WageStatus::kPartial, "partial"}, {WageStatus::kMissing, "missing"}};

const char* WageStatusName(WageStatus s) { return NameIn(kWageStatusNames, s); }

std::optional<std::int64_t> ParseScaledDecimal(std::string_view text, int decimals) {
  return data::ParseFixedPoint(text, decimals);
}

// ---------------------------------------------------------------------------

Result<ScenarioParams> ScenarioParams::ForYear(const ParameterSet& set, int year, std::optional<std::int64_t> opslag_ppm,
                                               std::optional<std::int64_t> bonus_micro_eur_per_hour,
                                               std::optional<int> assumed_activation_year) {
  ScenarioParams p;
  p.year = year;
  p.parameter_version = set.version();
  auto counting = CountingParams::ForYear(set, year);
  if (!counting) return Fail(counting.error());
  p.counting = *counting;
  auto quotum = QuotumParams::ForYear(set, year);
  if (!quotum) return Fail(quotum.error());
  p.quotum = *quotum;
  // Besluit Wfsv art. 2.20, valid on 1 January like the quotum's parameters.
  const DayNumber jan1 = data::FirstDayOf(MakeMonth(year, 1));
  auto per_employee = set.Value("average_hours_per_employee_year", jan1);
  if (!per_employee || *per_employee <= 0) {
    return Fail(Status::InvalidInput(
        Say("het parameterbestand {} heeft geen positieve average_hours_per_employee_year die geldt op {}-01-01 "
            "(nodig voor de toets op kleine werkgevers van de inclusiviteitsopslag)",
            "parameter file {} has no positive average_hours_per_employee_year valid on {}-01-01 (needed for the "
            "small-employer test of the inclusiviteitsopslag)",
            set.version(), year)));
  }
  p.hours_per_employee_year = ToMicro(*per_employee);
  p.small_employer_hours = p.quotum.threshold;  // 25 x 1,623 (Besluit Wfsv art. 2.21)

  if (bonus_micro_eur_per_hour) {
    p.bonus_micro_eur = *bonus_micro_eur_per_hour;
    p.bonus_unit_hours = kMicroPerHour;
    p.bonus_basis = "--bonus-per-hour";
  } else {
    constexpr std::string_view kBonus = "banenafspraakbonus_per_job_design";
    const Parameter* bonus = ValidOrFirst(set, kBonus, year);
    if (bonus == nullptr || !(bonus->value >= 0) || p.counting.hours_per_job_year <= 0) {
      return Fail(Status::InvalidInput(
          Say("het parameterbestand {} heeft geen {}; geef de bonus op met --bonus-per-hour EUR",
              "parameter file {} has no {}; give the bonus with --bonus-per-hour EUR", set.version(), kBonus)));
    }
    // Per job of 25.5 hours a week, pro rata: EUR per hours_per_job_year hours.
    p.bonus_micro_eur = ToMicro(bonus->value);
    p.bonus_unit_hours = ToMicro(p.counting.hours_per_job_year);
    p.bonus_is_design = true;
    p.bonus_basis = bonus->legal_basis;
    p.bonus_valid_from = data::FormatDate(bonus->valid_from);
  }
  for (auto [name, amount] : {std::pair{"maximum_premium_wage_year", &p.maximum_premium_wage},
                               std::pair{"average_premium_wage_employee_year", &p.average_premium_wage}}) {
    if (const Parameter* q = ValidOrFirst(set, name, year); q != nullptr && q->value > 0) {
      amount->cents = std::llround(q->value * 100);
      amount->basis = q->legal_basis;
      amount->valid_from = data::FormatDate(q->valid_from);
    }
  }
  p.activation = ActivationOf(set, assumed_activation_year);
  p.quotumregeling_due = p.activation.DueIn(year);
  p.opslag_ppm = opslag_ppm;
  return p;
}

// ---------------------------------------------------------------------------

RegimeRealisation ApplyRegime(const RealisationTable& counted, std::span<const Target> targets, Regime regime) {
  RegimeRealisation out;
  out.regime = regime;
  out.table = counted;
  const Target* market = FindTarget(targets, counted.year, "market");
  const Target* government = FindTarget(targets, counted.year, "government");
  const Target* total = FindTarget(targets, counted.year, "total");
  if (market != nullptr) {
    out.market_target = market->target_extra_jobs;
    out.market_baseline = market->baseline_jobs;
  }
  if (government != nullptr) {
    out.government_target = government->target_extra_jobs;
    out.government_baseline = government->baseline_jobs;
  }
  if (regime == Regime::kCurrent) {
    out.national = NationalTarget::kTwoSectors;
    return out;
  }
  // Kamerstuk 36 449 art. 4: one sector, one national target (125,000 extra
  // jobs = 100,000 market + 25,000 government); in a delivery, the sum of its
  // two sector targets for Y.
  double baseline = out.market_baseline + out.government_baseline;
  std::optional<double> target;
  if (out.market_target && out.government_target) {
    out.national = NationalTarget::kSumOfSectors;
    target = *out.market_target + *out.government_target;
  } else if (total != nullptr && total->target_extra_jobs) {
    out.national = NationalTarget::kTotalRow;
    baseline = total->baseline_jobs;
    target = total->target_extra_jobs;
  } else {
    out.national = NationalTarget::kNone;
    if (total != nullptr) baseline = total->baseline_jobs;
  }
  for (auto& row : out.table.rows) {
    if (row.level == ScopeLevel::kTotal) {
      SetTarget(row, baseline, target);
    } else {
      // No sector target any more; BZK still reports the realisation (art. 4 lid 4).
      SetTarget(row, row.baseline_jobs, std::nullopt);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------

namespace {

// Wtl art. 2.12: the target group's counted hours of Y (counting.md §3 rules
// 1-4) per employer with whom the person is in dienstbetrekking, the payroll
// employer: hours that count at the payroll employer plus those it lends out
// that count at a hirer. Wsw hours not lent count nowhere (rule 4).
std::vector<Hours> CountedHoursByPayrollEmployer(const Delivery& d, const ScenarioParams& params) {
  std::vector<Hours> hours(d.employers.size(), 0);
  CountStats stats;
  count::WalkCountedCells(d, MakeMonth(params.year, 1), MakeMonth(params.year, 12), false,
                          params.counting.law.first_month(), stats,
                          [&](const PayrollCell& cell, const count::Attribution& attribution) {
                            constexpr const char* kSum = "the bonus hours of one employer";
                            AddOrStop(hours[cell.employer], attribution.direct, kSum);
                            for (const auto& share : attribution.hired) AddOrStop(hours[cell.employer], share.hours, kSum);
                          });
  return hours;
}

// The wage of one employer in Y, summed over its month rows (exact: the
// capped wage and the base in millionths of a cent, rounded once at the end).
struct EmployerWage {
  std::int64_t cents = 0;          // as delivered
  Wide capped_micro_cents = 0;     // Wfsv art. 36: capped per employee, by hours
  Wide base_micro_cents = 0;       // art. 6 lid 4: without lent and Wsw staff, by hours
  int rows = 0, with_wage = 0;     // month rows of Y, of which with a wage
};

// Per employer, the month rows of Y of the wage source; `months` gets the
// number of distinct months with a wage. Per month m with wage W, paid hours
// H, lent and Wsw hours X (EmployerMonth): capped = min(W, maximum premium
// wage x H / 1,623), base = capped x (H - X) / H; with H = 0, both W (no
// hours to apportion by).
std::vector<EmployerWage> WagesOfYear(const Delivery& d, const ScenarioParams& params, int& months) {
  std::vector<EmployerWage> wage(d.employers.size());
  std::vector<bool> month_with_wage(12, false);
  const auto& rows = d.has_employer_hours_file ? d.employer_hours : d.payroll_totals;
  constexpr Wide kMicro = 1'000'000;
  for (const EmployerMonth& m : rows) {
    if (YearOf(m.month) != params.year) continue;
    EmployerWage& e = wage[m.employer];
    ++e.rows;
    if (!m.wage_cents) continue;
    ++e.with_wage;
    AddOrStop(e.cents, *m.wage_cents, "the wages of one employer in one year");
    month_with_wage[static_cast<std::size_t>(MonthOf(m.month) - 1)] = true;
    Wide capped = static_cast<Wide>(*m.wage_cents) * kMicro;
    Wide base = capped;
    if (m.hours > 0) {
      if (params.maximum_premium_wage.cents && params.hours_per_employee_year > 0) {
        const Wide cap = static_cast<Wide>(*params.maximum_premium_wage.cents) * kMicro * m.hours;
        capped = std::min(capped, static_cast<Wide>(RoundDiv(cap, params.hours_per_employee_year)));
      }
      const Hours out_of_base = std::clamp<Hours>(m.agency_staff_hours + m.wsw_hours, 0, m.hours);
      base = RoundDiv(capped * (m.hours - out_of_base), m.hours);
    }
    e.capped_micro_cents += capped;
    e.base_micro_cents += base;
  }
  months = static_cast<int>(std::count(month_with_wage.begin(), month_with_wage.end(), true));
  return wage;
}

}  // namespace

std::vector<std::size_t> EmployerEffects::ByLevy() const {
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = rows[a];
    const auto& y = rows[b];
    auto levy = [](const EmployerEffect& e) { return e.levy_cents.value_or(-1); };
    auto surcharge = [](const EmployerEffect& e) { return e.surcharge_cents.value_or(-1); };
    if (levy(x) != levy(y)) return levy(x) > levy(y);
    if (surcharge(x) != surcharge(y)) return surcharge(x) > surcharge(y);
    return x.employer_id < y.employer_id;
  });
  return order;
}

EmployerEffects ComputeEmployerEffects(const Delivery& d, const QuotumTable& quotum, const ScenarioParams& params) {
  EmployerEffects out;
  out.opslag_ppm = params.opslag_ppm;
  out.due = params.quotumregeling_due;

  // The wage of Y per employer, from the file that gives the quotum's A
  // (quotum-and-scenarios.md §1, §3).
  WageBasis& w = out.wages;
  w.source = d.has_employer_hours_file ? WageSource::kEmployerHours : WageSource::kPayroll;
  const std::vector<EmployerWage> wage = WagesOfYear(d, params, w.months);
  w.any_wage = w.months > 0;

  auto status_of = [&](EmployerIndex e) {
    const EmployerWage& x = wage[e];
    if (x.with_wage == 0) return WageStatus::kMissing;
    return x.with_wage == x.rows ? WageStatus::kComplete : WageStatus::kPartial;
  };
  for (const QuotumRow& q : quotum.rows) {
    if (status_of(q.employer) != WageStatus::kComplete) continue;
    ++w.employers_with_wage;
    AddOrStop(w.wage_cents, wage[q.employer].cents, "the wages of the employers with a complete wage");
    AddOrStop(w.hours, q.a_current.all, "the hours of the employers with a complete wage");
  }
  // Art. 6 lid 3, Wfsv art. 36: small when the capped wage sum is at most
  // 25 x the average x months / 12, i.e. capped x 1,623 x 12 <= average x
  // 40,575 x months, exactly.
  const Wide threshold_num = static_cast<Wide>(params.average_premium_wage.cents.value_or(0)) *
                             params.small_employer_hours * w.months;
  const Wide threshold_den = static_cast<Wide>(params.hours_per_employee_year) * 12;
  const bool small_test = params.average_premium_wage.cents && w.months > 0 && threshold_den > 0;
  if (small_test) {
    w.average_wage_per_employee_cents = params.average_premium_wage.cents;
    w.small_threshold_cents = RoundDiv(threshold_num, threshold_den);
  }

  const std::vector<Hours> paid_hours = CountedHoursByPayrollEmployer(d, params);
  bool all_surcharges = true;
  out.rows.reserve(quotum.rows.size());
  for (const QuotumRow& q : quotum.rows) {  // sorted by employer_id, one per employer
    EmployerEffect e;
    static_cast<EmployerIdentity&>(e) = q;  // the same employer as its quotum row
    e.liable = q.liable;
    e.shortfall_tenths = q.shortfall_tenths;
    e.levy_cents = q.levy_cents;
    e.levy_charged = q.charged();
    e.wage_status = status_of(q.employer);
    e.hours_all = q.a_current.all;
    e.hours_lent_wsw = std::clamp<Hours>(q.a_current.all - q.a_current.a, 0, q.a_current.all);
    if (e.wage_status == WageStatus::kComplete) {
      const EmployerWage& x = wage[q.employer];
      e.wage_cents = x.cents;
      e.capped_wage_cents = RoundDiv(x.capped_micro_cents, 1'000'000);
      e.base_cents = RoundDiv(x.base_micro_cents, 1'000'000);
      if (small_test) {
        e.small_employer = static_cast<Wide>(*e.capped_wage_cents) * threshold_den <= threshold_num;
        if (params.opslag_ppm && out.due) {
          e.surcharge_cents = e.small_employer ? 0 : RoundDiv(static_cast<Wide>(*e.base_cents) * *params.opslag_ppm, 1'000'000);
        }
      }
    }
    // Art. 6 lid 1: nothing is due before 1 January of activation year + 2.
    if (!out.due) e.surcharge_cents = 0;
    // Wtl art. 2.13 lid 2, art. 2.12: the bonus at the payroll employer.
    e.bonus_hours = paid_hours[q.employer];
    // micro-euro x micro-hours / unit micro-hours = micro-euro; / 1e4 = cents.
    if (out.due && params.bonus_unit_hours > 0) {
      e.bonus_cents = RoundDiv(static_cast<Wide>(params.bonus_micro_eur) * e.bonus_hours,
                               static_cast<Wide>(params.bonus_unit_hours) * 10'000);
    }
    if (e.surcharge_cents) {
      e.net_cents = *e.surcharge_cents - e.bonus_cents;
    } else {
      all_surcharges = false;
    }
    out.levy_cents += e.levy_cents.value_or(0);
    out.bonus_cents += e.bonus_cents;
    out.rows.push_back(std::move(e));
  }
  if (all_surcharges) {
    std::int64_t sum = 0;
    for (const auto& e : out.rows) sum += *e.surcharge_cents;
    out.surcharge_cents = sum;
  }
  return out;
}

// ---------------------------------------------------------------------------

LoadOptions ScenarioLoadOptions(const ScenarioRequest& request) {
  return QuotumLoadOptions(QuotumRequest{request.year, {}});  // the quotum's liability test looks at Y - 1
}

Result<ScenarioResult> RunScenario(const Delivery& d, const ScenarioRequest& request, const ParameterSet& parameters) {
  auto params = ScenarioParams::ForYear(parameters, request.year, request.opslag_ppm, request.bonus_micro_eur_per_hour,
                                       request.activation_year);
  if (!params) return Fail(params.error());
  ScenarioResult out;
  out.year = request.year;
  out.window = request.window;
  out.sroi_counts_for_buyer = request.sroi_counts_for_buyer;
  out.params = *params;

  // The realisation: one count, two regimes.
  auto counted = CountJobs(d, CountRequest{request.year, request.window, request.sroi_counts_for_buyer}, params->counting);
  if (!counted) return Fail(counted.error());
  out.current = ApplyRegime(*counted, d.targets, Regime::kCurrent);
  out.law2026 = ApplyRegime(*counted, d.targets, Regime::kWetBanenafspraak2026);

  // Social return: the same count with the other attribution (§4).
  const FileInfo* sroi_file = d.file("sroi.csv");
  out.sroi.delivered = sroi_file != nullptr && sroi_file->present;
  const MonthIndex first = MakeMonth(request.year, FirstMonthOf(request.window));
  const MonthIndex last = first + MonthsIn(request.window) - 1;
  for (const auto& s : d.sroi) {
    if (s.month >= first && s.month <= last) ++out.sroi.cells;
  }
  RealisationTable other;
  if (out.sroi.delivered) {
    auto t = CountJobs(d, CountRequest{request.year, request.window, !request.sroi_counts_for_buyer}, params->counting);
    if (!t) return Fail(t.error());
    other = std::move(*t);
  } else {
    other = *counted;  // nothing to move
  }
  const RealisationTable& without = request.sroi_counts_for_buyer ? other : *counted;
  const RealisationTable& with = request.sroi_counts_for_buyer ? *counted : other;
  out.sroi.hours_moved = with.stats.hours_sroi_moved;
  out.sroi.market_without = RowOr(without, "market");
  out.sroi.market_with = RowOr(with, "market");
  out.sroi.government_without = RowOr(without, "government");
  out.sroi.government_with = RowOr(with, "government");
  out.sroi.jobs_to_government = out.sroi.government_with.jobs - out.sroi.government_without.jobs;

  // The old levy (the quotum module) and the new surcharge and bonus.
  out.quotum = ComputeQuotum(d, params->quotum);
  out.employers = ComputeEmployerEffects(d, out.quotum, *params);
  // Wet banenafspraak art. 12: no Wfsv quotum, so no old levy, for a year counted by the new law.
  out.old_levy_applies = params->counting.law.law == Law::kWfsv;
  if (!out.old_levy_applies) {
    for (EmployerEffect& e : out.employers.rows) {
      e.shortfall_tenths.reset();
      e.levy_cents.reset();
      e.levy_charged = false;
    }
    out.employers.levy_cents = 0;
  }
  return out;
}

}  // namespace banenmonitor
