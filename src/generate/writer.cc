// Writing a generated delivery (see writer.h). Column sets: counting.md §2
// and quotum-and-scenarios.md §1 (employer_hours.csv) and §4 (sroi.csv).
#include "generate/writer.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "generate/csv_out.h"
#include "generate/dates.h"

namespace banenmonitor::generate {

namespace {

FileSummary Summary(const CsvOut& f) { return {f.name(), f.rows(), f.bytes()}; }

const char* LenderName(EmployerRole r) {
  switch (r) {
    case EmployerRole::kAgency: return "agency";
    case EmployerRole::kWsw: return "wsw";
    default: return "none";
  }
}

void AppendPerson(std::string& out, std::uint32_t bsn) { AppendFixed(out, bsn, 9); }

void AppendRegisterRow(CsvOut& f, std::uint32_t bsn, Ground g, DayNumber start, DayNumber end) {
  std::string& b = f.buf();
  AppendPerson(b, bsn);
  b.push_back(',');
  b.append(GroundName(g));
  b.push_back(',');
  AppendDate(b, start);
  b.push_back(',');
  if (end != kOpenEnd) AppendDate(b, end);
  f.EndRow();
}

// Whole cents of a non-negative amount, rounded half up.
std::int64_t Cents(double v) { return static_cast<std::int64_t>(v * 100.0 + 0.5); }

}  // namespace

Result<std::vector<FileSummary>> WriteStaticFiles(const World& w, std::int64_t& persons_written) {
  std::vector<FileSummary> out;
  const auto& dir = w.options.out;

  CsvOut employers;
  if (auto s = employers.Open(dir / "employers.csv", "employer_id,name,sector,subsector,organisation,lender"); !s.ok()) return Fail(s);
  for (const auto& e : w.employers.employers) {
    std::string& b = employers.buf();
    b.append(e.id);
    b.push_back(',');
    AppendField(b, e.name);
    b.append(e.government ? ",government," : ",market,");
    b.append(e.government ? e.subsector : "market");
    b.push_back(',');
    AppendField(b, e.organisation);
    b.push_back(',');
    b.append(LenderName(e.role));
    employers.EndRow();
  }
  if (auto s = employers.Close(); !s.ok()) return Fail(s);
  out.push_back(Summary(employers));

  // register.csv: persons registered on some day from December of --from on.
  CsvOut reg;
  if (auto s = reg.Open(dir / "register.csv", "person_id,ground,start_date,end_date"); !s.ok()) return Fail(s);
  const DayNumber written_from = FirstDay(MakeMonth(w.options.from_year, 12));
  persons_written = 0;
  for (const auto& p : w.population.persons) {
    if (p.end < written_from) continue;
    ++persons_written;
    if (p.change_day > 0) {
      AppendRegisterRow(reg, p.bsn, p.ground, p.start, p.change_day - 1);
      AppendRegisterRow(reg, p.bsn, p.ground2, p.change_day, p.end);
    } else {
      AppendRegisterRow(reg, p.bsn, p.ground, p.start, p.end);
    }
    if (p.voorziening_from > 0) AppendRegisterRow(reg, p.bsn, Ground::kVoorziening, p.voorziening_from, p.end);
  }
  if (auto s = reg.Close(); !s.ok()) return Fail(s);
  out.push_back(Summary(reg));

  CsvOut targets;
  if (auto s = targets.Open(dir / "targets.csv", "year,scope,baseline_jobs,target_extra_jobs"); !s.ok()) return Fail(s);
  auto target_row = [&](int year, std::string_view scope, double baseline, std::optional<double> target) {
    std::string& b = targets.buf();
    AppendUint(b, static_cast<std::uint64_t>(year));
    b.push_back(',');
    b.append(scope);
    b.push_back(',');
    AppendCents(b, Cents(baseline));
    b.push_back(',');
    if (target) AppendCents(b, Cents(*target));
    targets.EndRow();
  };
  for (const auto& t : w.plan.targets) target_row(t.year, t.scope, t.baseline_jobs, t.target_extra_jobs);
  // Binnenwerk's programme target (public-sector-figures.csv: 1,500 jobs in 2023).
  if (w.employers.binnenwerk != kNoEmployer) {
    std::string scope = "employer:" + w.employers.employers[w.employers.binnenwerk].id;
    for (int year = std::max(2023, w.options.from_year + 1); year <= w.options.to_year; ++year) {
      target_row(year, scope, 0, w.plan.binnenwerk_target_2023);
    }
  }
  if (auto s = targets.Close(); !s.ok()) return Fail(s);
  out.push_back(Summary(targets));
  return out;
}

Result<std::vector<FileSummary>> WriteMonthlyFiles(const World& w, const ProgressFn& progress) {
  const auto& dir = w.options.out;
  const auto& emp = w.employers.employers;
  const auto& spells = w.sim.spells;
  const std::uint64_t seed = w.options.seed;
  CsvOut payroll, hire, sroi, hours;
  if (auto s = payroll.Open(dir / "payroll.csv", "person_id,employer_id,period,hours,contract,wsw"); !s.ok()) return Fail(s);
  if (auto s = hire.Open(dir / "hire_in.csv", "person_id,lender_id,hirer_id,period,hours"); !s.ok()) return Fail(s);
  if (auto s = sroi.Open(dir / "sroi.csv", "person_id,contractor_id,buyer_id,period,hours"); !s.ok()) return Fail(s);
  if (auto s = hours.Open(dir / "employer_hours.csv", "employer_id,period,hours,agency_staff_hours,wsw_hours,wage"); !s.ok()) {
    return Fail(s);
  }
  const MonthIndex first_written = MakeMonth(w.options.from_year, 12);
  const MonthIndex last = MakeMonth(w.options.to_year, 12);
  std::vector<std::uint32_t> active;
  std::size_t next = 0;
  std::vector<std::int64_t> target_group(emp.size(), 0);  // cents of target-group payroll per employer this month
  // The ids in one compact array: the rows look them up at random.
  std::vector<std::array<char, 12>> ids(emp.size());
  for (std::size_t e = 0; e < emp.size(); ++e) std::copy_n(emp[e].id.data(), 12, ids[e].data());
  auto id = [&ids](std::uint32_t e) { return std::string_view(ids[e].data(), 12); };

  for (MonthIndex m = kFirstMonth; m <= last; ++m) {
    const DayNumber first_day = FirstDay(m), last_day = LastDay(m);
    while (next < spells.size() && MonthOfDay(spells[next].start) <= m) active.push_back(static_cast<std::uint32_t>(next++));
    std::size_t keep = 0;
    for (std::uint32_t s : active) {
      if (spells[s].end >= first_day) active[keep++] = s;
    }
    active.resize(keep);
    if (m < first_written) continue;
    std::fill(target_group.begin(), target_group.end(), 0);
    char month_text[8];
    {
      std::string t;
      AppendMonth(t, m);
      std::copy_n(t.data(), 7, month_text);
    }
    const std::string_view period(month_text, 7);

    for (std::size_t i = 0; i < active.size(); ++i) {
      // The running spells are scattered over memory: fetch ahead.
      if (i + 16 < active.size()) __builtin_prefetch(&spells[active[i + 16]]);
      const std::uint32_t idx = active[i];
      const Spell& s = spells[idx];
      std::int64_t cents = Cents(MonthHours(s, idx, m, seed) * w.calibration.Factor(s, m));
      const std::uint32_t bsn = s.bsn;
      const std::string_view employer_id = id(s.employer);
      const char* contract = s.contract_unknown ? "" : (s.permanent_from <= last_day ? "permanent" : "temporary");
      // A few months are paid in two rows (a correction, a payment in arrears); the engine sums them.
      bool split = cents >= 200 && HashUnit(seed ^ 0x73706c6974ULL, idx, static_cast<std::uint64_t>(m)) < 0.03;
      std::int64_t part = split ? cents * 3 / 5 : cents;
      for (std::int64_t row_cents : {part, cents - part}) {
        if (row_cents == 0 && split) continue;
        std::string& b = payroll.buf();
        AppendPerson(b, bsn);
        b.push_back(',');
        b.append(employer_id);
        b.push_back(',');
        b.append(period);
        b.push_back(',');
        AppendCents(b, row_cents);
        b.push_back(',');
        b.append(contract);
        b.append(s.wsw() ? ",1" : ",0");
        payroll.EndRow();
        if (!split) break;
      }
      target_group[s.employer] += cents;

      if (s.hirer != kNoEmployer && cents > 0) {
        // Attributed hours: all, part (the rest stays with the lender), or in a
        // full month sometimes more than the payroll (capped by the engine).
        bool full_month = s.start <= first_day && s.end >= last_day;
        double a = s.attributed < 1.0f ? s.attributed : (full_month ? s.attributed : 1.0f);
        std::int64_t hc = a == 1.0 ? cents : Cents(static_cast<double>(cents) / 100.0 * a);
        std::string& b = hire.buf();
        AppendPerson(b, bsn);
        b.push_back(',');
        b.append(employer_id);
        b.push_back(',');
        b.append(id(s.hirer));
        b.push_back(',');
        b.append(period);
        b.push_back(',');
        AppendCents(b, hc);
        hire.EndRow();
      }
      if (s.sroi_buyer != kNoEmployer && m >= s.sroi_from && m <= s.sroi_to && cents > 0) {
        std::string& b = sroi.buf();
        AppendPerson(b, bsn);
        b.push_back(',');
        b.append(employer_id);
        b.push_back(',');
        b.append(id(s.sroi_buyer));
        b.push_back(',');
        b.append(period);
        b.push_back(',');
        AppendCents(b, Cents(static_cast<double>(cents) / 100.0 * s.sroi_share));
        sroi.EndRow();
      }
    }

    // employer_hours.csv: all staff of every employer (its other staff plus the
    // target group on its payroll), agency staff lent out, Wsw staff, wage sum.
    const double years = (m - MakeMonth(2013, 1)) / 12.0;
    const double indexation = std::pow(1.025, years);
    for (std::size_t e = 0; e < emp.size(); ++e) {
      const GenEmployer& g = emp[e];
      double noise = 0.98 + 0.04 * HashUnit(seed ^ 0x686f757273ULL, e, static_cast<std::uint64_t>(m));
      double base = g.staff * g.weekly_hours * 13.0 / 3.0 * std::pow(1.0 + g.growth, years) * noise;
      std::int64_t all = Cents(base) + target_group[e];
      std::int64_t lent = g.role == EmployerRole::kAgency ? Cents(base * g.lent_share) + target_group[e] : 0;
      std::int64_t wsw = g.role == EmployerRole::kWsw ? target_group[e] : 0;
      std::string& b = hours.buf();
      b.append(g.id);
      b.push_back(',');
      b.append(period);
      b.push_back(',');
      AppendCents(b, all);
      b.push_back(',');
      AppendCents(b, lent);
      b.push_back(',');
      AppendCents(b, wsw);
      b.push_back(',');
      AppendCents(b, Cents(static_cast<double>(all) / 100.0 * g.wage_per_hour * indexation));
      hours.EndRow();
    }
    if (progress) progress("writing payroll", static_cast<double>(m - first_written + 1) / (last - first_written + 1));
  }
  std::vector<FileSummary> out;
  for (CsvOut* f : {&payroll, &hire, &sroi, &hours}) {
    if (auto s = f->Close(); !s.ok()) return Fail(s);
    out.push_back(Summary(*f));
  }
  return out;
}

}  // namespace banenmonitor::generate
