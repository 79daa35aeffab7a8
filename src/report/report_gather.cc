// The progress report's figures, gathered once: the count of every covered
// year's Q4, the law-change scenario and the job quality of the year, and the
// disclosure table of every figure the report publishes (docs/disclosure.md),
// protected before any section is laid out.
#include <fmt/format.h>

#include <algorithm>

#include "common/lang.h"
#include "common/number_format.h"
#include "report/realisation_format.h"
#include "report/report_figures.h"

namespace banenmonitor::report::detail {

std::string SayFigure(const ReportCell& c) {
  if (c.secret) return "geheim";
  if (c.is_number && !c.value) return "onbekend";
  if (c.nil) return "0";
  return DisplayDutch(c);
}
bool Shown(const ReportCell& c) { return c.is_number && c.value && !c.secret; }

ReportTable MakeTable(std::string id, std::string title, std::vector<std::string> headers) {
  ReportTable t;
  t.id = std::move(id);
  t.title = std::move(title);
  t.headers = std::move(headers);
  return t;
}
void AddRow(ReportTable& t, std::vector<ReportCell> cells, bool total) {
  t.rows.push_back(std::move(cells));
  t.total_rows.push_back(total);
}

std::string Join(const std::vector<std::string>& parts, const std::string& last_sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += (i + 1 == parts.size()) ? last_sep : ", ";
    out += parts[i];
  }
  return out;
}

std::string InSentence(std::string s) {
  if (s == "Rijk") return "het Rijk";
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

Status ReportContext::Gather() {
  Y = request.year;
  first = std::min(request.first_year, Y);
  y_s = std::to_string(Y);
  last_s = std::to_string(Y - 1);
  // The Rijk per ministry: every Rijk employer gets its ministry, "Binnenwerk" or
  // "Overig Rijk" as organisation; other employers none, so that the
  // organisation level is exactly the Rijk split in parts.
  for (auto& e : delivery.employers) {
    if (e.subsector != "rijk") {
      e.organisation.clear();
    } else if (!request.binnenwerk_prefix.empty() && e.name.starts_with(request.binnenwerk_prefix)) {
      e.organisation = kBinnenwerk;
    } else if (e.organisation.empty()) {
      e.organisation = kRijkOther;
    }
  }
  // Years whose fourth quarter the delivery holds.
  std::optional<MonthIndex> lo, hi;
  for (const auto& p : delivery.payroll) {
    lo = std::min(lo.value_or(p.month), p.month);
    hi = std::max(hi.value_or(p.month), p.month);
  }
  for (int y = first - 1; y <= Y; ++y) {
    if (!lo || MakeMonth(y, 10) < *lo || MakeMonth(y, 12) > *hi) continue;
    CountRequest count{y, Window::kQ4, false};
    count.regions_and_grounds = y == Y;  // the regions and grounds of the year (report_regions.cc)
    auto t = CountJobs(delivery, count, parameters);
    if (!t) return t.error();
    b.counted.emplace(y, std::move(*t));
  }
  if (!b.Covered(Y)) {
    return Status::InvalidInput(
        Say("de levering bevat geen loonregels van oktober-december {} (de jaareindmeting van het rapport)",
            "the delivery holds no payroll of October-December {} (the year-end measurement of the report)", Y));
  }
  for (const RealisationRow* r : now().RowsFor(ScopeLevel::kSubsector)) {
    if (r->level == ScopeLevel::kSubsector && r->scope != "subsector:market") subsectors.push_back(r->scope);
  }
  std::stable_sort(subsectors.begin(), subsectors.end(),
                   [](const std::string& a, const std::string& b) { return SubsectorOrder(a) < SubsectorOrder(b); });
  for (const RealisationRow* r : now().RowsFor(ScopeLevel::kOrganisation)) {
    if (r->level == ScopeLevel::kOrganisation) ministries.push_back(r->scope);
  }
  auto rank = [](const std::string& s) { return s == std::string("organisation:") + kBinnenwerk ? 1 : s == std::string("organisation:") + kRijkOther ? 2 : 0; };
  std::stable_sort(ministries.begin(), ministries.end(), [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  has_rijk = now().Find("subsector:rijk") != nullptr && !ministries.empty();

  // --- The disclosure table: every published count and its relations.
  for (const auto& [y, t] : b.counted) {
    auto total = b.JobsCell(y, "total"), market = b.JobsCell(y, "market"), government = b.JobsCell(y, "government");
    if (total && market && government) b.Relate(*total, {*market, *government});
    std::vector<std::size_t> parts;
    for (const auto& s : subsectors) parts.push_back(*b.JobsCell(y, s));
    if (government && !parts.empty()) b.Relate(*government, parts);
    if (y >= Y - 1 && has_rijk) {
      std::vector<std::size_t> orgs;
      for (const auto& m : ministries) orgs.push_back(*b.JobsCell(y, m));
      b.Relate(*b.JobsCell(y, "subsector:rijk"), orgs);
    }
  }
  if (has_rijk) {
    std::vector<std::size_t> direct, hired;
    for (const auto& m : ministries) {
      direct.push_back(*b.SplitCell(Y, m, false));
      hired.push_back(*b.SplitCell(Y, m, true));
      b.Relate(*b.JobsCell(Y, m), {direct.back(), hired.back()});
    }
    auto rd = *b.SplitCell(Y, "subsector:rijk", false), rh = *b.SplitCell(Y, "subsector:rijk", true);
    b.Relate(*b.JobsCell(Y, "subsector:rijk"), {rd, rh});
    b.Relate(rd, direct);
    b.Relate(rh, hired);
  }
  if (b.Covered(Y - 1)) {
    for (std::string_view s : {"total", "market", "government"}) b.ChangeCell(Y, s);
    for (const auto& s : subsectors) b.ChangeCell(Y, s);
    for (const auto& m : ministries) b.ChangeCell(Y, m);
  }
  total_row = now().Find("total");
  persons_cell = b.Cell(fmt::format("{}/total/persons", Y), total_row->persons,
                         static_cast<double>(total_row->persons));

  // The law change and social return (employer-level figures stay out: not published).
  auto scenario_run = RunScenario(delivery, ScenarioRequest{Y, Window::kQ4, false, std::nullopt, std::nullopt}, parameters);
  if (!scenario_run) return scenario_run.error();
  scenario = std::move(*scenario_run);
  if (scenario->sroi.delivered) {
    const auto& s = scenario->sroi;
    shift_cell = b.Cell(fmt::format("{}/sroi/shift", Y), std::nullopt, s.jobs_to_government);
    market_with = b.Cell(fmt::format("{}/market/with-sroi", Y), s.market_with.persons, s.market_with.jobs);
    government_with = b.Cell(fmt::format("{}/government/with-sroi", Y), s.government_with.persons, s.government_with.jobs);
    b.Relate(*b.JobsCell(Y, "market"), {*market_with, *shift_cell});
    b.Relate(*government_with, {*b.JobsCell(Y, "government"), *shift_cell});
  }
  // Job quality per sector.
  auto quality_run = JobQuality(delivery, QualityRequest{Y, ScopeLevel::kSector}, parameters);
  if (!quality_run) return quality_run.error();
  quality = std::move(*quality_run);
  quality_figures = {
      {"Behoud na een jaar", &QualityRow::retention_pct, &QualityRow::persons_q3_previous, &QualityCoverage::retention, 1, true},
      {"Bij dezelfde werkgever", &QualityRow::same_employer_pct, &QualityRow::persons_q3_previous, &QualityCoverage::retention, 1, true},
      {"Vast contract (uren)", &QualityRow::permanent_pct, &QualityRow::persons_q4, &QualityCoverage::q4, 1, true},
      {"Uren per week", &QualityRow::average_weekly_hours, &QualityRow::persons_q4, &QualityCoverage::q4, 1, false},
      {"Instroom", &QualityRow::inflow_pct, &QualityRow::persons_year, &QualityCoverage::inflow, 1, true},
      {"Behoud instroom vorig jaar", &QualityRow::inflow_retention_pct, &QualityRow::inflow_previous, &QualityCoverage::inflow_retention, 1, true},
  };
  quality_scopes = {"total", "market", "government"};
  for (const auto& scope : quality_scopes) {
    const QualityRow* q = quality->Find(scope);
    if (q == nullptr) continue;
    for (const auto& f : quality_figures) {
      b.Cell(fmt::format("{}/{}/quality/{}", Y, scope, f.header), q->*f.base, (q->*f.value).value_or(0));
    }
  }

  if (Status s = GatherRegional(); !s.ok()) return s;
  return b.Protect();
}

}  // namespace banenmonitor::report::detail
