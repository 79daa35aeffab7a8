// The law change as a scenario (spec: quotum-and-scenarios.md §3 and §4):
// the counting engine and the quotum module run with different parameters,
// never a copy of either (architecture.md: "a scenario is the same engine with
// different parameters").
//
// Two regimes:
//  - `current`: two sectors, each with its own national target (market,
//    government) as targets.csv gives them; the old quotum levy per employer.
//  - `wet-banenafspraak-2026` (Kamerstuk 36 449): one sector with one
//    national target, measured on the total; the per-sector and per-subsector
//    realisation stays (BZK still reports the government sector, art. 4 lid 4);
//    per employer the inclusiviteitsopslag (art. 6) and the banenafspraakbonus
//    (Wtl art. 2.13 lid 2) beside the old levy.
// Orthogonal to the regime: social return (sroi.csv) counted for the buyer
// instead of the contractor (CountRequest::sroi_counts_for_buyer).
//
// The choices where the law leaves room are written at the declarations below
// and in docs/scenario.md.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"
#include "banenmonitor/quotum.h"
#include "banenmonitor/status.h"

namespace banenmonitor {

enum class Regime { kCurrent, kWetBanenafspraak2026 };
const char* RegimeName(Regime r);  // "current", "wet-banenafspraak-2026"
std::optional<Regime> ParseRegime(std::string_view s);

// A non-negative decimal with at most `decimals` places as a whole number of
// 10^-decimals units: ("0.5", 4) -> 5000, ("3.77", 6) -> 3770000. nullopt for
// a sign, an exponent, too many places or anything else.
std::optional<std::int64_t> ParseScaledDecimal(std::string_view text, int decimals);

// Units of the money parameters, exact integers (no binary fractions).
inline constexpr std::int64_t kOpslagPpmPerPercent = 10'000;   // 1 % of the wage = 10,000 parts per million
inline constexpr std::int64_t kMicroEuroPerEuro = 1'000'000;

// ---------------------------------------------------------------------------
// Parameters

// Wet banenafspraak art. 5: the quotumregeling runs only after a ministerial
// regulation activates it. Activation is decided (the parameter
// quotumregeling_activated, 1 from the date of the regulation; none so far),
// assumed by the scenario (--activation-year), or neither.
enum class ActivationSource { kNone, kDecided, kAssumed };
const char* ActivationSourceName(ActivationSource s);  // "none", "decided", "assumed"

struct Activation {
  ActivationSource source = ActivationSource::kNone;
  std::optional<int> year;  // the calendar year in which activation is decided (or assumed)
  std::string basis;        // the parameter's legal basis, or "--activation-year"
  // Art. 6 lid 1: the inclusiviteitsopslag is due from 1 January of the second
  // calendar year after the year of activation. Art. 1 (quotumregeling): with
  // it ("tevens") the LKV is raised by the banenafspraakbonus, so the bonus
  // follows the same date. nullopt without activation.
  std::optional<int> FirstYearDue() const {
    return year ? std::optional<int>(*year + 2) : std::nullopt;
  }
  bool DueIn(int y) const { return year.has_value() && y >= *year + 2; }
};

// The scenario's parameters for year Y, each with its legal basis.
//
// Parameters of the new law (the bonus) are taken as valid at the end of Y;
// when Y lies before the law (e.g. 2023), the law's first value is used: the
// scenario asks "what if the 2026 law had applied to Y", with its own numbers.
struct ScenarioParams {
  int year = 0;
  CountingParams counting;
  QuotumParams quotum;                       // the old levy (the quotum module's own parameters)
  // Besluit Wfsv art. 2.20: 1,623 hours a year per employee (the FTE divisor of
  // the small-employer test).
  Hours hours_per_employee_year = 0;
  // Art. 6 (Kamerstuk 36 449): small employer = wage sum at most 25 x the
  // average premium wage per employee. The 25 is the parameter file's
  // quotum_threshold_hours_year / average_hours_per_employee_year (40,575 /
  // 1,623): the same 25-employee line as the quotum threshold of art. 2.21.
  Hours small_employer_hours = 0;            // 25 x 1,623 = 40,575 h
  // Wtl art. 2.13 lid 2: the banenafspraakbonus, `bonus_micro_eur` per
  // `bonus_unit_hours` counted hours. By default the design value
  // (ontwerpwaarde) banenafspraakbonus_per_job_design, EUR 5,000 per job of
  // 25.5 hours a week = hours_per_job_year (1,331 h, Besluit Wfsv art. 2.32),
  // pro rata; --bonus-per-hour gives EUR per 1 hour instead.
  std::int64_t bonus_micro_eur = 0;
  Hours bonus_unit_hours = 0;
  bool bonus_is_design = false;              // the amount is a design value, not set by regulation
  std::string bonus_basis;                   // legal basis, or "--bonus-per-hour"
  std::string bonus_valid_from;              // e.g. "2026-01-01" (empty when overridden)
  // Wfsv art. 36 (via art. 1 "premieplichtig loon" and art. 6 lid 3): the
  // premium wage is capped per employee at the year's maximum premium wage,
  // and a small employer has a premium wage sum of at most 25 x UWV's
  // average premium wage per employee (art. 6 lid 5). Each the parameter
  // valid at the end of Y (for a year before the first entry, the first).
  struct Amount {
    std::optional<std::int64_t> cents;       // nullopt: not in the parameter file
    std::string basis, valid_from;
  };
  Amount maximum_premium_wage;               // maximum_premium_wage_year
  Amount average_premium_wage;               // average_premium_wage_employee_year
  // Art. 5 and 6 lid 1: the activation, and whether the surcharge and the
  // bonus are due in Y (Y >= activation year + 2).
  Activation activation;
  bool quotumregeling_due = false;
  // Art. 6: the surcharge percentage is set by regulation; there is no value
  // in the parameter file, so it is a scenario input. nullopt: not given, the
  // surcharge is not computed.
  std::optional<std::int64_t> opslag_ppm;    // parts per million of the premium wage (0.5 % -> 5,000)
  std::string parameter_version;

  // `assumed_activation_year`: --activation-year, assumed by the scenario; it
  // replaces a decided activation of the parameter file.
  static Result<ScenarioParams> ForYear(const ParameterSet& set, int year, std::optional<std::int64_t> opslag_ppm,
                                        std::optional<std::int64_t> bonus_micro_eur_per_hour,
                                        std::optional<int> assumed_activation_year = std::nullopt);
};

// ---------------------------------------------------------------------------
// Realisation under a regime

// How the national target of the total row was formed.
enum class NationalTarget {
  kTwoSectors,    // current regime: market and government each against their own target; total as targets.csv says
  kSumOfSectors,  // 2026: market + government targets (and baselines) of targets.csv for Y
  kTotalRow,      // 2026: a sector target is missing; targets.csv's own `total` row is used
  kNone,          // 2026: no sector pair and no total row with a target: no percentage
};
const char* NationalTargetName(NationalTarget t);  // "two-sectors", "sum-of-sectors", "total-row", "none"

struct RegimeRealisation {
  Regime regime = Regime::kCurrent;
  // The engine's table (all levels) with the regime's targets applied.
  RealisationTable table;
  NationalTarget national = NationalTarget::kTwoSectors;
  // The sector targets of targets.csv for Y (what the 2026 sum is made of).
  std::optional<double> market_target, government_target;
  double market_baseline = 0, government_baseline = 0;
};

// Applies a regime to a count. `counted` is CountJobs' table (targets.csv
// attached per scope by counting rule 8); `targets` is delivery.targets.
//  - current: unchanged.
//  - wet-banenafspraak-2026 (art. 4: one sector, one target of 125,000 extra
//    jobs = 100,000 market + 25,000 government): the total row gets baseline =
//    market + government baseline and target = market + government target of
//    targets.csv for Y (a scaled delivery keeps its own scale). When one of the
//    two has no target, targets.csv's `total` row (if it has a target) is used;
//    else the total has no target. Every other row loses its target and
//    percentage (there is no sector target any more, and the subsectors'
//    opgave was a share of the sector quotum); its baseline and extra jobs stay,
//    for the per-sector report of art. 4 lid 4.
RegimeRealisation ApplyRegime(const RealisationTable& counted, std::span<const Target> targets, Regime regime);

// ---------------------------------------------------------------------------
// Social return (quotum-and-scenarios.md §4)

struct SroiShift {
  bool delivered = false;        // sroi.csv is in the delivery
  std::int64_t cells = 0;        // (person, contractor, buyer, month) groups in the window
  Hours hours_moved = 0;         // hours that moved from a contractor to a buyer (after the cap)
  // The same count without (today's rule) and with social return for the buyer.
  RealisationRow market_without, market_with, government_without, government_with;
  // Jobs that changed sector: government_with.jobs - government_without.jobs.
  double jobs_to_government = 0;
};

// ---------------------------------------------------------------------------
// Per employer: old levy beside the new surcharge and bonus

// Where the premium wage is read (the same file as the quotum's A).
enum class WageSource {
  kEmployerHours,  // employer_hours.csv, column wage
  kPayroll,        // no employer_hours.csv: payroll.csv as a full extract, column wage
};
const char* WageSourceName(WageSource s);  // "employer_hours.csv", "payroll.csv"

// The figures behind the small-employer test (art. 6 lid 3; Wfsv art. 36).
//
// The line is 25 x UWV's published average premium wage per employee of Y
// (the parameter average_premium_wage_employee_year; the 25 is
// quotum_threshold_hours_year / average_hours_per_employee_year = 40,575 /
// 1,623), pro rata to the months of Y in the wage source (all 12 in a full
// delivery). Small: the employer's premium wage sum of Y (capped per
// employee, all staff) <= that line.
struct WageBasis {
  WageSource source = WageSource::kEmployerHours;
  // False when no row of Y in the source has a wage: then no surcharge can be
  // computed for anyone, and the output says so (no invented numbers).
  bool any_wage = false;
  int months = 0;                          // distinct months of Y with a wage in the source
  std::int64_t employers_with_wage = 0;    // employers whose wage is complete
  std::int64_t wage_cents = 0;             // their wage sum (as delivered, uncapped), for information
  Hours hours = 0;                         // their paid hours
  std::optional<std::int64_t> average_wage_per_employee_cents;  // the parameter (UWV)
  std::optional<std::int64_t> small_threshold_cents;            // 25 x average x months / 12, rounded for display
};

enum class WageStatus {
  kComplete,  // every month row of Y of the employer has a wage
  kPartial,   // some month rows without a wage: not computed
  kMissing,   // no wage at all for the employer in Y
};
const char* WageStatusName(WageStatus s);  // "complete", "partial", "missing"

struct EmployerEffect : EmployerIdentity {
  // Old regime, from the quotum module (never recomputed here).
  bool liable = false;
  std::optional<std::int64_t> shortfall_tenths;
  std::optional<std::int64_t> levy_cents;    // nullopt: no quotum percentage for the sector
  bool levy_charged = false;                 // see QuotumRow::not_charged
  // New regime.
  WageStatus wage_status = WageStatus::kMissing;
  std::optional<std::int64_t> wage_cents;    // wage sum of all staff in Y as delivered (complete only)
  Hours hours_all = 0;                       // the quotum's A parts: all staff ...
  Hours hours_lent_wsw = 0;                  // ... of which lent (agency) and Wsw staff
  // The delivery has wages per employer and month, not per employee, so the
  // rules per employee are apportioned by hours, per month (and said so):
  //  - Wfsv art. 36: the premium wage capped per employee at the maximum
  //    premium wage, taken as that wage per 1,623 paid hours (Besluit Wfsv
  //    art. 2.20: the hours of one employee-year): min(wage, max x hours / 1,623);
  //  - art. 6 lid 4 a, b: lent employees (agency staff lent to others, Wsw
  //    employees lent) and Wsw employees not lent are outside; their share
  //    of the capped wage is taken out by hours: x (hours - lent - wsw) / hours.
  //    Lid 8 (the situation on the employee's first day in the period decides
  //    for the whole period) is met by the month's own hours of each kind.
  //    Beschut werk (lid 4 b) and benefits (lid 4 c) are not in the delivery.
  std::optional<std::int64_t> capped_wage_cents;
  std::optional<std::int64_t> base_cents;
  bool small_employer = false;               // art. 6 lid 3: capped wage sum <= the line, exempt
  // opslag x base; 0 for a small employer and when not due; nullopt: cannot be computed
  std::optional<std::int64_t> surcharge_cents;
  // Wtl art. 2.13 lid 2 with art. 2.12: the bonus goes to the employer with
  // whom the person is in dienstbetrekking, the payroll employer: the hours
  // of the target group that count over all of Y (counting.md §3 rules 1-4)
  // and that this employer pays, whether they count here or, lent out, at a
  // hirer (an agency or Wsw employer, never the hirer); Wsw hours not lent
  // count nowhere and get none (Wtl art. 2.10 lid 2 b). Without social return:
  // the wage of a social-return job stays the contractor's.
  Hours bonus_hours = 0;
  std::int64_t bonus_cents = 0;              // 0 when the quotumregeling is not due in Y
  std::optional<std::int64_t> net_cents;     // surcharge - bonus; nullopt when the surcharge is
};

struct EmployerEffects {
  WageBasis wages;
  std::optional<std::int64_t> opslag_ppm;
  // Art. 6 lid 1 and art. 1: false when the quotumregeling is not due in Y;
  // then every surcharge, bonus and net is 0 and the faces say why.
  bool due = false;
  std::vector<EmployerEffect> rows;  // one per employer of employers.csv, sorted by employer_id
  std::int64_t levy_cents = 0;       // totals
  std::int64_t bonus_cents = 0;
  std::optional<std::int64_t> surcharge_cents;  // nullopt when any employer's surcharge cannot be computed
  // The employers with the highest old levy first (ties: higher surcharge,
  // then employer_id): indexes into `rows`.
  std::vector<std::size_t> ByLevy() const;
};

// Computes the per-employer effects. `quotum` is ComputeQuotum's table for Y
// (its A parts give the lent/Wsw share).
// REQUIRES: `delivery` holds every month of Y (the bonus hours are those of the whole year).
EmployerEffects ComputeEmployerEffects(const Delivery& delivery, const QuotumTable& quotum, const ScenarioParams& params);

// ---------------------------------------------------------------------------
// The whole scenario

struct ScenarioRequest {
  int year = 0;
  Window window = Window::kQ4;          // the realisation's window (the year-end measurement by default)
  bool sroi_counts_for_buyer = false;   // --sroi counts-for-buyer: for both regimes' realisation
  std::optional<std::int64_t> opslag_ppm;
  std::optional<std::int64_t> bonus_micro_eur_per_hour;
  // --activation-year X: the scenario assumes that activation (art. 5) is
  // decided in X; nullopt: the parameter file decides.
  std::optional<int> activation_year = std::nullopt;
};

struct ScenarioResult {
  int year = 0;
  Window window = Window::kQ4;
  bool sroi_counts_for_buyer = false;
  ScenarioParams params;
  RegimeRealisation current, law2026;
  SroiShift sroi;
  QuotumTable quotum;
  EmployerEffects employers;
  // Wet banenafspraak art. 12: the old (Wfsv) levy exists only for years
  // counted by the Wfsv; from the entry into force of the Wet banenafspraak
  // every employer's levy and shortfall are empty and the total levy 0.
  bool old_levy_applies = true;

  const RegimeRealisation& For(Regime r) const { return r == Regime::kCurrent ? current : law2026; }
};

// The months a scenario of request.year needs in memory: all of Y - 1 (the
// quotum's liability test) and Y. The caller sets skip_invalid.
LoadOptions ScenarioLoadOptions(const ScenarioRequest& request);

// Runs the scenario: the count of the window (with or without social return
// for the buyer), both regimes applied to it, the social-return shift, the
// quotum of Y and the per-employer effects.
// REQUIRES: `delivery` holds at least the months of ScenarioLoadOptions(request).
Result<ScenarioResult> RunScenario(const Delivery& delivery, const ScenarioRequest& request,
                                   const ParameterSet& parameters);

}  // namespace banenmonitor
