// The quotum and the levy per employer (quotum-and-scenarios.md §1; Wfsv
// art. 38b-38j) and the quotum-percentage formula (§2; Wfsv art. 38f).
#include "banenmonitor/quotum.h"
#include "banenmonitor/quotum_percentage.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "banenmonitor/regime.h"
#include "common/checked_sum.h"
#include "common/enum_names.h"
#include "common/lang.h"
#include "common/lookup.h"
#include "count/attribution.h"
#include "count/walk.h"
#include "data/fields.h"

namespace banenmonitor {

namespace {

using Wide = __int128;

constexpr PctHundredths kHundredthsPerUnit = 10'000;  // B = pct / 100 = hundredths / 10,000

// A parameter that must be there, with its legal basis.
struct Looked {
  double value = 0;
  std::string basis;
};

Result<Looked> Need(const ParameterSet& set, std::string_view name, DayNumber day, int year) {
  const Parameter* p = set.Find(name, day);
  if (p == nullptr) {
    return Fail(Status::InvalidInput(
        Say("het parameterbestand {} heeft geen {} die geldt op {}-01-01 (nodig voor het quotum)",
            "parameter file {} has no {} valid on {}-01-01 (needed for the quotum)", set.version(), name, year)));
  }
  return Looked{p->value, p->legal_basis};
}

// Whole units of 1/scale of a non-negative parameter value, exactly when it
// has at most log10(scale) decimals.
std::optional<std::int64_t> Scaled(double value, std::int64_t scale) {
  if (!(value >= 0) || !std::isfinite(value)) return std::nullopt;
  double scaled = value * static_cast<double>(scale);
  double whole = std::round(scaled);
  if (std::fabs(scaled - whole) > 1e-6 * std::max(1.0, std::fabs(scaled))) return std::nullopt;
  return static_cast<std::int64_t>(whole);
}

// A flag parameter (0/1); absent counts as 0 (never activated, not chargeable).
bool Flag(const ParameterSet& set, std::string_view name, DayNumber day, std::string& basis) {
  const Parameter* p = set.Find(name, day);
  if (p == nullptr) {
    basis = Say("geen {} in het parameterbestand", "no {} in the parameter file", name);
    return false;
  }
  basis = p->legal_basis;
  return p->value != 0;
}

Wide FloorDiv(Wide num, Wide den) {  // den > 0
  Wide q = num / den;
  if (num % den != 0 && num < 0) --q;
  return q;
}

// Person-month eligibility for the quotum (quotum-and-scenarios.md §1, C):
// the month rule of counting rule 1 (Wfsv art. 38g lid 8: a registration that
// covers one day of the month makes the whole month count) but with every
// ground, including voorziening (Wfsv art. 38b lid 2: voorziening persons
// count for the quotum). The counting layer's eligibility excludes
// voorziening, so this is the quotum's own.
class QuotumEligibility {
 public:
  enum class Kind { kNone, kVoorzieningOnly, kRegistered };

  explicit QuotumEligibility(const Delivery& d) : periods_(d.register_periods), first_(d.person_ids.size() + 1, 0) {
    for (const auto& p : periods_) ++first_[p.person + 1];  // register_periods is sorted by person
    for (std::size_t i = 1; i < first_.size(); ++i) first_[i] += first_[i - 1];
  }
  Kind Of(PersonIndex person, MonthIndex month) const {
    DayNumber from = data::FirstDayOf(month), to = data::LastDayOf(month);
    Kind kind = Kind::kNone;
    for (std::size_t i = first_[person]; i < first_[person + 1]; ++i) {
      const auto& p = periods_[i];
      if (p.start_day > to || p.end_day < from) continue;
      if (p.ground != Ground::kVoorziening) return Kind::kRegistered;
      kind = Kind::kVoorzieningOnly;
    }
    return kind;
  }

 private:
  const std::vector<RegisterPeriod>& periods_;
  std::vector<std::size_t> first_;
};

// Adds the rows of an (employer, month)-sorted table to A of Y - 1 and Y.
void AddStaffHours(const std::vector<EmployerMonth>& rows, int year, bool use_agency_column,
                   std::vector<StaffHours>& previous, std::vector<StaffHours>& current, bool& previous_present) {
  std::vector<MonthIndex> last_month(previous.size(), -1);
  for (const auto& r : rows) {
    int y = YearOf(r.month);
    if (y != year && y != year - 1) continue;
    StaffHours& s = (y == year ? current : previous)[r.employer];
    if (y == year - 1) previous_present = true;
    constexpr const char* kWhat = "the hours of all staff of one employer in one year (the quotum's A)";
    AddOrStop(s.all, r.hours, kWhat);
    AddOrStop(s.wsw, r.wsw_hours, kWhat);
    if (use_agency_column) AddOrStop(s.lent, r.agency_staff_hours, kWhat);
    if (last_month[r.employer] != r.month) {
      ++s.months;  // rows are sorted by (employer, month): a new month
      last_month[r.employer] = r.month;
    }
  }
}

}  // namespace

std::optional<PctHundredths> ParsePctHundredths(std::string_view text) {
  auto pct = data::ParseFixedPoint(text, 2);
  if (!pct || *pct > 10'000) return std::nullopt;  // at most 100 %
  return pct;
}

Result<QuotumPctOverride> ParseQuotumPctOverride(std::string_view text) {
  auto eq = text.find('=');
  auto usage = [&] {
    return Fail(Status::Usage(
        Say("--quotum-pct {}: verwacht SECTOR=PCT met SECTOR government of market en PCT een percentage met "
            "hoogstens twee decimalen, bijvoorbeeld government=2.76",
            "--quotum-pct {}: expected SECTOR=PCT with SECTOR government or market and "
            "PCT a percentage with at most two decimals, e.g. government=2.76",
            data::Quote(text))));
  };
  if (eq == std::string_view::npos) return usage();
  std::string_view sector = data::Trim(text.substr(0, eq));
  QuotumPctOverride o;
  if (sector == "government") {
    o.sector = Sector::kGovernment;
  } else if (sector == "market") {
    o.sector = Sector::kMarket;
  } else {
    return usage();
  }
  auto pct = ParsePctHundredths(text.substr(eq + 1));
  if (!pct) return usage();
  o.pct = *pct;
  return o;
}

constexpr EnumName<NotCharged> kNotChargedCodes[] = {{NotCharged::kNoPercentage, "no-percentage"},
                                                     {NotCharged::kNotLiable, "not-liable"},
                                                     {NotCharged::kNoShortfall, "no-shortfall"},
                                                     {NotCharged::kSectorNotActivated, "sector-not-activated"},
                                                     {NotCharged::kBeforeNewLaw, "before-new-law"}};

const char* NotChargedCode(NotCharged r) { return NameIn(kNotChargedCodes, r); }

constexpr EnumName<QuotumLevel> kQuotumLevelNames[] = {
    {QuotumLevel::kEmployer, "employer"}, {QuotumLevel::kSubsector, "subsector"}, {QuotumLevel::kSector, "sector"}};

const char* QuotumLevelName(QuotumLevel l) { return NameIn(kQuotumLevelNames, l); }

std::optional<QuotumLevel> ParseQuotumLevel(std::string_view s) { return ValueIn(kQuotumLevelNames, s); }

Result<QuotumParams> QuotumParams::ForYear(const ParameterSet& set, int year,
                                           std::span<const QuotumPctOverride> overrides) {
  QuotumParams p;
  p.year = year;
  p.parameter_version = set.version();
  const DayNumber day = data::FirstDayOf(MakeMonth(year, 1));
  auto bad = [&](std::string_view name, std::string_view expected) {
    return Fail(Status::InvalidInput(Say("parameterbestand {}: {} die geldt op {}-01-01 is niet {}",
                                         "parameter file {}: {} valid on {}-01-01 is not {}", set.version(), name, year,
                                         expected)));
  };

  auto threshold = Need(set, "quotum_threshold_hours_year", day, year);
  if (!threshold) return Fail(threshold.error());
  auto threshold_micro = Scaled(threshold->value, kMicroPerHour);
  if (!threshold_micro) {
    return bad("quotum_threshold_hours_year", Pick("een niet-negatief aantal uren", "a non-negative number of hours"));
  }
  p.threshold = *threshold_micro;
  p.threshold_basis = threshold->basis;

  auto per_job = Need(set, "hours_per_job_year", day, year);
  if (!per_job) return Fail(per_job.error());
  auto per_job_micro = Scaled(per_job->value, kMicroPerHour);
  if (!per_job_micro || *per_job_micro <= 0) {
    return bad("hours_per_job_year", Pick("een positief aantal uren", "a positive number of hours"));
  }
  p.hours_per_job = *per_job_micro;
  p.hours_per_job_basis = per_job->basis;

  auto levy = Need(set, "levy_per_missing_job", day, year);
  if (!levy) return Fail(levy.error());
  auto levy_cents = Scaled(levy->value, 100);
  if (!levy_cents) {
    return bad("levy_per_missing_job", Pick("een bedrag in euro's met hoogstens twee decimalen",
                                            "an amount in euros with at most two decimals"));
  }
  p.levy_per_job_cents = *levy_cents;
  p.levy_basis = levy->basis;

  p.levy_chargeable_year = Flag(set, "quotum_levy_chargeable", day, p.levy_chargeable_basis);

  for (Sector s : {Sector::kGovernment, Sector::kMarket}) {
    QuotumSectorRule& rule = s == Sector::kGovernment ? p.government : p.market;
    // Wfsv art. 38f lid 1: the percentage of the year itself, never an earlier year's.
    auto pct = PctOfYear(set, s, year);
    if (!pct) return Fail(pct.error());
    rule.pct = pct->pct;
    rule.pct_status = pct->status;
    if (pct->parameter != nullptr) {
      rule.pct_basis = pct->status == PctStatus::kIndicative ? Say("{} (indicatief)", "{} (indicative)", pct->parameter->legal_basis)
                                                             : pct->parameter->legal_basis;
    }
    rule.activated = Flag(set, fmt::format("quotum_activated_{}", SectorName(s)), day, rule.activation_basis);
  }
  for (const auto& o : overrides) {
    QuotumSectorRule& rule = o.sector == Sector::kGovernment ? p.government : p.market;
    rule.pct = o.pct;
    rule.pct_overridden = true;
    rule.pct_basis = "--quotum-pct";
  }
  return p;
}

std::vector<const QuotumTotal*> QuotumTable::TotalsFor(QuotumLevel level) const {
  std::vector<const QuotumTotal*> out;
  for (const auto& t : totals) {
    if (t.scope == "total" || (t.level == level && level != QuotumLevel::kEmployer)) out.push_back(&t);
  }
  return out;
}

const QuotumRow* QuotumTable::FindEmployer(std::string_view employer_id) const {
  return FindSorted(rows, &QuotumRow::employer_id, employer_id);
}

const QuotumTotal* QuotumTable::FindTotal(std::string_view scope) const {
  return FindFirst(totals, &QuotumTotal::scope, scope);
}

LoadOptions QuotumLoadOptions(const QuotumRequest& request) {
  LoadOptions load;
  load.first_month = MakeMonth(request.year - 1, 1);
  load.last_month = MakeMonth(request.year, 12);
  return load;
}

Result<QuotumTable> ComputeQuotum(const Delivery& delivery, const QuotumRequest& request,
                                  const ParameterSet& parameters) {
  // Wet banenafspraak art. 12: from the year of its entry into force the Wfsv
  // quotum (art. 38b-38j) no longer applies; there is nothing to compute.
  const LawOfYear law = LawOf(parameters, request.year);
  if (law.law == Law::kWetBanenafspraak) {
    const std::string since = law.in_force ? data::FormatDate(*law.in_force) : std::to_string(request.year);
    return Fail(Status::InvalidInput(
        Say("banenmonitor quotum: de quotumregeling van de Wfsv (art. 38b–38j) geldt niet meer voor {0}: de Wet "
            "banenafspraak is in werking sinds {1} en beëindigt haar (art. 12); over {0} bestaat geen quotumheffing. "
            "Voor jaren tot en met {2} berekent quotum het quotum (berekend, niet opgelegd). De nieuwe regeling "
            "(Wet banenafspraak art. 5–6: activering, inclusiviteitsopslag, banenafspraakbonus) toont: banenmonitor "
            "scenario compare --year {0} (docs/scenario.md).",
            "banenmonitor quotum: the Wfsv quotum (art. 38b–38j) no longer applies to {0}: the Wet banenafspraak is "
            "in force since {1} and ends it (art. 12); there is no quotum levy over {0}. For years up to {2} quotum "
            "computes the quotum (computed, not charged). The new regime (Wet banenafspraak art. 5–6: activation, "
            "inclusiviteitsopslag, banenafspraakbonus) is shown by: banenmonitor scenario compare --year {0} "
            "(docs/scenario.md).",
            request.year, since, law.first_year.value_or(request.year) - 1)));
  }
  auto params = QuotumParams::ForYear(parameters, request.year, request.pct_overrides);
  if (!params) return Fail(params.error());
  return ComputeQuotum(delivery, *params);
}

QuotumTable ComputeQuotum(const Delivery& d, const QuotumParams& params) {
  QuotumTable table;
  table.year = params.year;
  table.params = params;
  const int year = params.year;
  const std::size_t n = d.employers.size();

  // --- C, and the hours hired out that the payroll fallback of A needs -----
  std::vector<TargetGroupHours> c(n);
  std::vector<Hours> hired_out_other[2] = {std::vector<Hours>(n, 0), std::vector<Hours>(n, 0)};  // [Y-1, Y]
  QuotumEligibility eligibility(d);
  count::Attribution attribution;
  auto hire_in = count::HireInRows(d);
  for (const PayrollCell& cell : d.payroll) {
    const int y = YearOf(cell.month);
    if (y != year && y != year - 1) continue;
    // counting.md §3 rules 3 and 4, the same function the count uses.
    count::Attribute(cell.hours, cell.wsw_hours, hire_in.Matching(count::PayrollKey(cell)), attribution);
    Hours hired = 0;
    for (const auto& share : attribution.hired) hired += share.hours;
    // Of the hours hired out, those not in wsw = 1 rows (the wsw = 1 hours
    // leave A whole anyway): the non-Wsw hours minus what stayed as direct.
    AddOrStop(hired_out_other[y == year ? 1 : 0][cell.employer], (cell.hours - cell.wsw_hours) - attribution.direct,
              "the hours one employer hired out in one year");
    if (y != year) continue;
    auto kind = eligibility.Of(cell.person, cell.month);
    if (kind == QuotumEligibility::Kind::kNone) continue;
    table.hours_attribution_capped += attribution.capped;
    TargetGroupHours& own = c[cell.employer];
    constexpr const char* kWhat = "the target group's hours of one employer in one year (the quotum's C)";
    AddOrStop(own.own, cell.hours, kWhat);
    if (kind == QuotumEligibility::Kind::kVoorzieningOnly) AddOrStop(own.own_voorziening, cell.hours, kWhat);
    AddOrStop(own.hired_out, hired, kWhat);
    AddOrStop(own.wsw_not_hired_out, attribution.wsw_not_counted, kWhat);
    for (const auto& share : attribution.hired) AddOrStop(c[share.hirer].hired_in, share.hours, kWhat);
  }
  for (auto& t : c) t.c = t.own - t.hired_out - t.wsw_not_hired_out + t.hired_in;

  // --- A of Y - 1 and Y ----------------------------------------------------
  std::vector<StaffHours> a_prev(n), a_cur(n);
  if (d.has_employer_hours_file) {
    // employer_hours.csv: all staff minus agency staff lent to others and Wsw
    // employees (Besluit Wfsv art. 2.31 and 2.33).
    table.a_source = StaffHoursSource::kEmployerHours;
    AddStaffHours(d.employer_hours, year, true, a_prev, a_cur, table.previous_year_in_delivery);
  } else {
    // No employer_hours.csv: payroll.csv is a full payroll extract; minus the
    // hours hired out (hire_in.csv, attributed as in the count) and wsw = 1 hours.
    table.a_source = StaffHoursSource::kPayroll;
    AddStaffHours(d.payroll_totals, year, false, a_prev, a_cur, table.previous_year_in_delivery);
    for (std::size_t e = 0; e < n; ++e) {
      a_prev[e].lent = hired_out_other[0][e];
      a_cur[e].lent = hired_out_other[1][e];
    }
  }
  for (auto* v : {&a_prev, &a_cur}) {
    for (auto& s : *v) s.a = s.all - s.lent - s.wsw;
  }

  // --- Per employer ----------------------------------------------------------
  const Wide d_micro = params.hours_per_job;
  table.rows.reserve(n);
  for (std::size_t e = 0; e < n; ++e) {
    const Employer& emp = d.employers[e];
    QuotumRow r;
    r.employer = static_cast<EmployerIndex>(e);
    r.employer_id = emp.id;
    r.name = emp.name;
    r.sector = emp.sector;
    r.subsector = emp.subsector;
    r.a_previous = a_prev[e];
    r.a_current = a_cur[e];
    r.c = c[e];
    const QuotumSectorRule& rule = params.For(emp.sector);
    r.pct = rule.pct;
    // Wfsv art. 34 lid 4 and 6, Besluit Wfsv art. 2.21: liable when A of the
    // previous and of the current year are both at least 25 x 1,623 hours.
    r.liable = r.a_current.a >= params.threshold &&
               (!table.previous_year_in_delivery || r.a_previous.a >= params.threshold);
    if (r.pct) {
      const Wide den = d_micro * kHundredthsPerUnit;
      const Wide required = static_cast<Wide>(r.a_current.a) * *r.pct;  // A x B, scaled by 10,000
      r.required_jobs = Ratio{required, den};
      const Wide gap = required - static_cast<Wide>(r.c.c) * kHundredthsPerUnit;
      r.gap_jobs = Ratio{gap, den};
      // Wfsv art. 38g, Besluit Wfsv art. 2.23: max(0, (A x B - C) / D), rounded down to one decimal.
      std::int64_t tenths = r.liable && gap > 0 ? static_cast<std::int64_t>(FloorDiv(gap * 10, den)) : 0;
      r.shortfall_tenths = tenths;
      // Wfsv art. 38h lid 4: EUR 5,000 per job short.
      r.levy_cents = static_cast<std::int64_t>((static_cast<Wide>(tenths) * params.levy_per_job_cents + 5) / 10);
    }
    if (!r.pct) r.not_charged.push_back(NotCharged::kNoPercentage);
    if (!r.liable) r.not_charged.push_back(NotCharged::kNotLiable);
    if (r.pct && r.liable && *r.shortfall_tenths == 0) r.not_charged.push_back(NotCharged::kNoShortfall);
    if (!rule.activated) r.not_charged.push_back(NotCharged::kSectorNotActivated);
    if (!params.levy_chargeable_year) r.not_charged.push_back(NotCharged::kBeforeNewLaw);
    table.rows.push_back(std::move(r));
  }
  std::sort(table.rows.begin(), table.rows.end(),
            [](const QuotumRow& a, const QuotumRow& b) { return a.employer_id < b.employer_id; });

  // --- Totals per sector and subsector ----------------------------------------
  std::map<std::string, QuotumTotal> sectors, subsectors;
  QuotumTotal total;
  total.scope = "total";
  total.required_jobs = {0, d_micro * kHundredthsPerUnit};
  for (const QuotumRow& r : table.rows) {
    const std::string sector = SectorName(r.sector);
    QuotumTotal& s = sectors[sector];
    QuotumTotal& sub = subsectors["subsector:" + r.subsector];
    s.level = QuotumLevel::kSector;
    s.scope = sector;
    sub.level = QuotumLevel::kSubsector;
    sub.scope = "subsector:" + r.subsector;
    for (QuotumTotal* t : {&total, &s, &sub}) {
      if (t != &total) t->pct = r.pct;  // one percentage per sector
      t->required_jobs.den = d_micro * kHundredthsPerUnit;
      ++t->employers;
      if (r.liable) ++t->liable_employers;
      AddOrStop(t->a, r.a_current.a, "the quotum's A of a sector");
      AddOrStop(t->c, r.c.c, "the quotum's C of a sector");
      if (r.required_jobs) {
        t->required_jobs.num += r.required_jobs->num;
        ++t->employers_with_pct;
      }
      t->shortfall_tenths += r.shortfall_tenths.value_or(0);
      t->levy_cents += r.levy_cents.value_or(0);
      if (r.charged()) t->levy_charged_cents += r.levy_cents.value_or(0);
    }
  }
  table.totals.push_back(std::move(total));
  for (auto& [scope, t] : sectors) table.totals.push_back(std::move(t));
  for (auto& [scope, t] : subsectors) table.totals.push_back(std::move(t));
  return table;
}

// --- Quotum percentage (Wfsv art. 38f lid 2) ---------------------------------

Result<QuotumPercentageInputs> QuotumPercentageInputs::FromParameters(const ParameterSet& set, Sector sector,
                                                                      int year) {
  const DayNumber day = data::FirstDayOf(MakeMonth(year, 1));
  QuotumPercentageInputs in;
  auto a = Need(set, fmt::format("nulmeting_jobs_liable_{}", SectorName(sector)), day, year);
  if (!a) return Fail(a.error());
  auto c = Need(set, "hours_per_job_year", day, year);
  if (!c) return Fail(c.error());
  auto e = Need(set, "average_hours_per_employee_year", day, year);
  if (!e) return Fail(e.error());
  in.nulmeting_jobs = a->value;
  in.hours_per_job_target = c->value;
  in.hours_per_voorziening = c->value;
  in.hours_per_job_liable = e->value;
  // F: voorziening persons count only from the year the parameter file names.
  in.voorziening_persons = set.Value(fmt::format("voorziening_persons_liable_{}", SectorName(sector)), day).value_or(0);
  return in;
}

Result<QuotumPercentageResult> QuotumPercentage(const QuotumPercentageInputs& in) {
  constexpr std::int64_t kScale = 10'000;  // four decimals
  auto s = [&](double v) { return static_cast<Wide>(std::llround(v * kScale)); };
  // ((A + B - H) x C + F x G) and D x E, both scaled by kScale^2.
  const Wide num = (s(in.nulmeting_jobs) + s(in.extra_jobs) - s(in.extra_jobs_small_employers)) *
                       s(in.hours_per_job_target) +
                   s(in.voorziening_persons) * s(in.hours_per_voorziening);
  const Wide den = s(in.jobs_liable) * s(in.hours_per_job_liable);
  if (den <= 0) {
    return Fail(Status::InvalidInput(
        std::string(Pick("quotumpercentage: D x E moet positief zijn", "quotum percentage: D x E must be positive"))));
  }
  if (num < 0) {
    return Fail(Status::InvalidInput(
        std::string(Pick("quotumpercentage: de teller is negatief", "quotum percentage: the numerator is negative"))));
  }
  QuotumPercentageResult r;
  r.exact = Ratio{num * 100, den};
  // x 100 for percent, x 100 for hundredths; rounded down (Wfsv art. 38f lid 2).
  r.pct = static_cast<PctHundredths>(num * 100 * 100 / den);
  return r;
}

}  // namespace banenmonitor
