// The quotum under the Wet banenafspraak en quotum arbeidsbeperkten (Wfsv
// art. 38b-38j; spec: quotum-and-scenarios.md §1 and §2): per employer and
// calendar year whether it is liable, its quotum shortfall and the levy, and
// the totals per subsector and sector.
//
// Takes an in-memory Delivery and the legal parameters of the year; knows
// nothing of files or output formats. It reuses the counting layer's
// attribution of hire-in (count::Attribute, counting.md §3 rules 3 and 4), so
// the quotum and the banenafspraak count split hired-out hours the same way.
//
// Every figure is exact: hours are whole micro-hours, the quotum percentage
// whole hundredths of a percent, so that "rounded down to one decimal"
// (Besluit Wfsv art. 2.23) never depends on binary floating point.
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
#include "banenmonitor/status.h"

namespace banenmonitor {

// A quotum percentage in whole hundredths of a percent: 1.93 % is 193.
using PctHundredths = std::int64_t;

// "2.76" -> 276, "3" -> 300, "2.5" -> 250; nullopt for a negative number, more
// than two decimals, or anything that is not a plain decimal.
std::optional<PctHundredths> ParsePctHundredths(std::string_view text);

// Where a year's quotum percentage comes from (quotum_percentage.h).
enum class PctStatus {
  kPublished,   // "gepubliceerd": set by SZW for the year (parameter quotum_pct_<sector>)
  kIndicative,  // "indicatief": only SZW's indicative series has one (quotum_pct_indicative_<sector>)
  kNone,        // "geen": no percentage for the year
};
const char* PctStatusCode(PctStatus s);  // "gepubliceerd", "indicatief", "geen"

// `--quotum-pct SECTOR=PCT`: the percentage of a sector instead of the parameter file's.
struct QuotumPctOverride {
  Sector sector = Sector::kGovernment;
  PctHundredths pct = 0;
};
// Parses "government=2.76" or "market=1.5"; fails (usage) with what was expected.
Result<QuotumPctOverride> ParseQuotumPctOverride(std::string_view text);

// The rules of one sector in one quotum year.
struct QuotumSectorRule {
  // B: the quotum percentage of the year itself (Wfsv art. 38f): the published
  // one, else SZW's indicative one; nullopt when the year has neither and no
  // override gives one (the market sector; government in a year without a
  // published percentage). An earlier year's percentage never applies.
  std::optional<PctHundredths> pct;
  PctStatus pct_status = PctStatus::kNone;  // of the parameter file's percentage, also when overridden
  bool pct_overridden = false;
  std::string pct_basis;          // the legal basis of the parameter, or "--quotum-pct"
  // Wfsv art. 38c: the quotum applies (the levy can be charged) only for a
  // sector for which it has been activated.
  bool activated = false;
  std::string activation_basis;
};

// The legal parameters of quotum year `year`, each with its legal basis. The
// values are those valid on 1 January of the year: the quotum is set per
// calendar year (Wfsv art. 38f lid 1).
struct QuotumParams {
  int year = 0;
  Hours threshold = 0;                 // 40,575 h (Wfsv art. 34 lid 4 and 6; Besluit Wfsv art. 2.21)
  Hours hours_per_job = 0;             // D: 1,331 h (Besluit Wfsv art. 2.32)
  std::int64_t levy_per_job_cents = 0; // EUR 5,000 (Wfsv art. 38h lid 4)
  // Wfsv art. 122na: the levy is not charged for years before the new law.
  bool levy_chargeable_year = false;
  std::string threshold_basis, hours_per_job_basis, levy_basis, levy_chargeable_basis;
  QuotumSectorRule government, market;
  std::string parameter_version;

  const QuotumSectorRule& For(Sector s) const { return s == Sector::kGovernment ? government : market; }

  // Reads the parameters of `year` from `set` and applies the overrides. Fails
  // when a needed parameter is missing or a percentage has more than two decimals.
  static Result<QuotumParams> ForYear(const ParameterSet& set, int year,
                                      std::span<const QuotumPctOverride> overrides = {});
};

// Where A comes from (quotum-and-scenarios.md §1).
enum class StaffHoursSource {
  kEmployerHours,  // employer_hours.csv
  kPayroll,        // no employer_hours.csv: payroll.csv as a full payroll extract
};

// A: the paid hours of all staff of one employer in one calendar year
// (Besluit Wfsv art. 2.31 and 2.33), with its parts.
struct StaffHours {
  Hours all = 0;       // paid hours of all staff
  Hours lent = 0;      // employer_hours.csv: agency staff lent to others; payroll: non-Wsw hours hired out (rule 3)
  Hours wsw = 0;       // Wsw employees' hours (wsw_hours, or payroll rows with wsw = 1)
  Hours a = 0;         // all - lent - wsw
  int months = 0;      // months of the year with data for this employer
};

// C: the paid hours of arbeidsbeperkten that count for one employer in year Y.
struct TargetGroupHours {
  Hours own = 0;                // payroll hours at the employer in eligible person-months (incl. voorziening)
  Hours own_voorziening = 0;    //   of which in months eligible only through the ground voorziening
  Hours hired_out = 0;          // minus: attributed to hirers (counting.md §3 rule 3)
  Hours wsw_not_hired_out = 0;  // minus: wsw = 1 hours not hired out (rule 4)
  Hours hired_in = 0;           // plus: attributed to this employer as hirer
  Hours c = 0;                  // own - hired_out - wsw_not_hired_out + hired_in
};

// Why a levy is not charged; empty when it is.
enum class NotCharged {
  kNoPercentage,         // no quotum percentage for the sector and year
  kNotLiable,            // below the threshold (Wfsv art. 34)
  kNoShortfall,          // the shortfall is 0.0
  kSectorNotActivated,   // Wfsv art. 38c
  kBeforeNewLaw,         // Wfsv art. 122na
};
const char* NotChargedCode(NotCharged r);  // "no-percentage", "not-liable", ...

// Which employer of employers.csv a row of a result per employer is about.
struct EmployerIdentity {
  EmployerIndex employer = 0;
  std::string employer_id;
  std::string name;
  Sector sector = Sector::kMarket;
  std::string subsector;
};

// One employer's quotum in year Y (exact fractions are count.h's Ratio).
struct QuotumRow : EmployerIdentity {
  StaffHours a_previous;            // A of Y - 1 (all zero when that year is not in the delivery)
  StaffHours a_current;             // A of Y
  TargetGroupHours c;               // C of Y
  std::optional<PctHundredths> pct; // B
  // Wfsv art. 34 lid 4 and 6: A of Y - 1 and of Y at least the threshold (of
  // Y alone when Y - 1 is not in the delivery).
  bool liable = false;
  std::optional<Ratio> required_jobs;  // A x B / D, unrounded; nullopt without B
  std::optional<Ratio> gap_jobs;       // (A x B - C) / D, unrounded and possibly negative; nullopt without B
  // Art. 38g, Besluit Wfsv art. 2.23: max(0, (A x B - C) / D) rounded down to
  // one decimal, in tenths of a job; 0 when not liable; nullopt without B.
  std::optional<std::int64_t> shortfall_tenths;
  std::optional<std::int64_t> levy_cents;  // shortfall x EUR 5,000 (art. 38h lid 4); nullopt without B
  std::vector<NotCharged> not_charged;     // empty: the levy is charged
  bool charged() const { return not_charged.empty(); }
};

enum class QuotumLevel { kEmployer, kSubsector, kSector };
const char* QuotumLevelName(QuotumLevel l);  // "employer", "subsector", "sector"
std::optional<QuotumLevel> ParseQuotumLevel(std::string_view s);

// The sum over the employers of a scope.
struct QuotumTotal {
  QuotumLevel level = QuotumLevel::kSector;  // kSector also for "total"
  std::string scope;                  // "total", "government", "market", "subsector:rijk", ...
  std::int64_t employers = 0;
  std::int64_t liable_employers = 0;
  Hours a = 0;                        // sum of A over the employers
  Hours c = 0;                        // sum of C
  std::optional<PctHundredths> pct;   // the sector's B; nullopt for "total" or when there is none
  std::int64_t employers_with_pct = 0;  // employers whose sector has a B; 0: no required jobs, shortfall or levy
  Ratio required_jobs{0, 1};          // sum of A x B / D over employers with a percentage
  std::int64_t shortfall_tenths = 0;  // sum of the employers' (rounded-down) shortfalls
  std::int64_t levy_cents = 0;        // sum of the levies
  std::int64_t levy_charged_cents = 0;  // of which charged
};

struct QuotumTable {
  int year = 0;
  QuotumParams params;
  StaffHoursSource a_source = StaffHoursSource::kEmployerHours;
  bool previous_year_in_delivery = false;  // any row of Y - 1 in the source of A
  std::vector<QuotumRow> rows;             // one per employer of employers.csv, sorted by employer_id
  std::vector<QuotumTotal> totals;         // "total", then sectors, then subsectors, each sorted by scope
  Hours hours_attribution_capped = 0;      // hire-in above payroll in Y, scaled away (Besluit Wfsv art. 2.30)

  // `total` first, then the totals of the level (kSector or kSubsector).
  std::vector<const QuotumTotal*> TotalsFor(QuotumLevel level) const;
  const QuotumRow* FindEmployer(std::string_view employer_id) const;
  const QuotumTotal* FindTotal(std::string_view scope) const;
};

// What a user asks of the quotum: the year, and percentages instead of the
// parameter file's (--quotum-pct).
struct QuotumRequest {
  int year = 0;
  std::vector<QuotumPctOverride> pct_overrides;
};

// The months the quotum of request.year reads: all of Y - 1 (the liability
// test, Wfsv art. 34 lid 4 and 6) and Y, with employer hours. The caller sets skip_invalid.
LoadOptions QuotumLoadOptions(const QuotumRequest& request);

// Computes the quotum of request.year (quotum-and-scenarios.md §1) with the
// parameters of `parameters` valid in that year and the request's overrides.
// REQUIRES: `delivery` holds at least the months of QuotumLoadOptions(request).
// Fails when a needed parameter is missing (QuotumParams::ForYear).
Result<QuotumTable> ComputeQuotum(const Delivery& delivery, const QuotumRequest& request,
                                  const ParameterSet& parameters);
// The same with the year's parameters already resolved (`params.year` is the year).
QuotumTable ComputeQuotum(const Delivery& delivery, const QuotumParams& params);

// --- The quotum percentage (Wfsv art. 38f; quotum-and-scenarios.md §2) ------

// The variables of pct = ((A + B - H) x C + F x G) / (D x E) x 100.
struct QuotumPercentageInputs {
  double nulmeting_jobs = 0;            // A: jobs at liable employers at the nulmeting
  double extra_jobs = 0;                // B: average of the targets of Y - 1 and Y
  double extra_jobs_small_employers = 0;  // H: extra jobs realised below the threshold
  double hours_per_job_target = 0;      // C: 1,331
  double jobs_liable = 0;               // D: jobs at liable employers
  double hours_per_job_liable = 0;      // E: average paid hours per job at liable employers
  double voorziening_persons = 0;       // F: voorziening persons at liable employers
  double hours_per_voorziening = 0;     // G: 1,331

  // A, C, F and G (and E, as a default: the national average hours per
  // employee of Besluit Wfsv art. 2.20) from the parameter file for `sector`
  // in `year`; B, D and H (and a sector's own E) must be filled in by the caller.
  static Result<QuotumPercentageInputs> FromParameters(const ParameterSet& set, Sector sector, int year);
};

struct QuotumPercentageResult {
  PctHundredths pct = 0;  // rounded down to two decimals
  Ratio exact{0, 1};      // the unrounded percentage
};

// The reconstructed formula, computed exactly on the inputs taken as decimals
// with at most four places. Fails when D x E is not positive or the result
// negative. The published percentage (the parameter file) always wins over this.
Result<QuotumPercentageResult> QuotumPercentage(const QuotumPercentageInputs& in);

}  // namespace banenmonitor
