// Writing the yearly-static files of a generated delivery: employers.csv,
// register.csv, targets.csv and delivery.csv (counting.md §2). The monthly files: monthly_writer.cc.
#include "generate/writer.h"

#include <fmt/format.h>

#include <algorithm>

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

void AppendRegisterRow(CsvOut& f, std::uint32_t bsn, Ground g, DayNumber start, DayNumber end,
                       std::string_view region) {
  std::string& b = f.buf();
  AppendPerson(b, bsn);
  b.push_back(',');
  b.append(GroundName(g));
  b.push_back(',');
  AppendDate(b, start);
  b.push_back(',');
  if (end != kOpenEnd) AppendDate(b, end);
  b.push_back(',');
  AppendField(b, region);
  f.EndRow();
}

// Whole cents of a non-negative amount, rounded half up.

}  // namespace

Result<std::vector<FileSummary>> WriteStaticFiles(const World& w, std::int64_t& persons_written) {
  std::vector<FileSummary> out;
  const auto& dir = w.options.out;

  CsvOut employers;
  if (auto s = employers.Open(dir / "employers.csv", "employer_id,name,sector,subsector,organisation,lender,region"); !s.ok()) {
    return Fail(s);
  }
  for (std::size_t i = 0; i < w.employers.employers.size(); ++i) {
    const GenEmployer& e = w.employers.employers[i];
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
    b.push_back(',');
    AppendField(b, w.employer_regions[i]);
    employers.EndRow();
  }
  if (auto s = employers.Close(); !s.ok()) return Fail(s);
  out.push_back(Summary(employers));

  // register.csv: persons registered on some day from December of --from on.
  CsvOut reg;
  if (auto s = reg.Open(dir / "register.csv", "person_id,ground,start_date,end_date,region"); !s.ok()) return Fail(s);
  const DayNumber written_from = FirstDay(MakeMonth(w.options.from_year, 12));
  persons_written = 0;
  for (std::size_t i = 0; i < w.population.persons.size(); ++i) {
    const auto& p = w.population.persons[i];
    const std::string& region = w.person_regions[i];
    if (p.end < written_from) continue;
    ++persons_written;
    if (p.change_day > 0) {
      AppendRegisterRow(reg, p.bsn, p.ground, p.start, p.change_day - 1, region);
      AppendRegisterRow(reg, p.bsn, p.ground2, p.change_day, p.end, region);
    } else {
      AppendRegisterRow(reg, p.bsn, p.ground, p.start, p.end, region);
    }
    if (p.voorziening_from > 0) {
      AppendRegisterRow(reg, p.bsn, Ground::kVoorziening, p.voorziening_from, p.end, region);
    }
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

  // delivery.csv: the delivery says itself that it is synthetic (counting.md §2).
  CsvOut manifest;
  if (auto s = manifest.Open(dir / "delivery.csv", "key,value"); !s.ok()) return Fail(s);
  manifest.buf().append("synthetic,1");
  manifest.EndRow();
  manifest.buf().append("description,");
  AppendField(manifest.buf(),
              fmt::format("Synthetische gegevens: banenmonitor generate --scale {} --seed {} --from {} --to {}. "
                          "Geen meting; gepubliceerde cijfers binnen 1 procentpunt (docs/calibration.md), al het "
                          "andere gekozen.",
                          w.options.scale, w.options.seed, w.options.from_year, w.options.to_year));
  manifest.EndRow();
  if (auto s = manifest.Close(); !s.ok()) return Fail(s);
  out.push_back(Summary(manifest));
  return out;
}

}  // namespace banenmonitor::generate
