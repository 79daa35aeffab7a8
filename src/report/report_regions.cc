// Sections of the progress report on where the jobs are and who holds them
// (counting.md §8-9): the quarters of the last two years (indicatief), the
// arbeidsmarktregio's and the grounds of registration. The figures are
// gathered and put in the disclosure table by GatherRegional before
// protection; the builders only lay them out (report_figures.h).
#include <fmt/format.h>

#include <algorithm>

#include "common/number_format.h"
#include "report/realisation_format.h"
#include "report/report_figures.h"
#include "report/trend_format.h"

namespace banenmonitor::report::detail {

namespace {

std::string QuarterKey(const TrendRow& r) { return QuarterName(r.year, r.quarter); }

double Value(const Ratio& r) { return static_cast<double>(r.num) / static_cast<double>(r.den); }

}  // namespace

Status ReportContext::GatherRegional() {
  // The quarters of Y - 1 and Y, the total (counting.md §9).
  auto trend = Trend(delivery, TrendRequest{Y - 1, Y, ScopeLevel::kTotal}, parameters);
  if (!trend) return trend.error();
  quarters = std::move(*trend);
  std::optional<std::size_t> before;  // the jobs of the quarter before, once it has a cell
  std::map<std::string, std::size_t> jobs_of_quarter;
  for (const TrendRow& r : quarters->rows) {
    const std::string q = QuarterKey(r);
    if (r.registered) b.Cell(q + "/trend/registered", *r.registered, static_cast<double>(*r.registered));
    if (!r.delivered) continue;  // no payroll yet: nothing to publish but the register
    const std::size_t jobs = b.Cell(q + "/trend/jobs", r.persons, Value(r.jobs));
    jobs_of_quarter.emplace(q, jobs);
    const std::size_t working = b.Cell(q + "/trend/working", r.working, static_cast<double>(r.working));
    if (r.inflow_work && r.outflow_work) {
      // working(Q) = stayers + inflow and working(Q - 1) = stayers + outflow: the stayers
      // follow from the published figures, so a small inflow or outflow cannot be undone.
      const std::size_t in = b.Cell(q + "/trend/inflow", *r.inflow_work, static_cast<double>(*r.inflow_work));
      const std::size_t out = b.Cell(q + "/trend/outflow", *r.outflow_work, static_cast<double>(*r.outflow_work));
      const long long stayers = r.working - *r.inflow_work;
      const std::size_t stay = b.Cell(q + "/trend/stayers", stayers, static_cast<double>(stayers));
      b.Relate(working, {stay, in});
      if (auto previous = b.Find(QuarterName(r.quarter == 1 ? r.year - 1 : r.year, r.quarter == 1 ? 4 : r.quarter - 1) +
                                 "/trend/working")) {
        b.Relate(*previous, {stay, out});
      }
    }
    if (before && r.change_jobs_prev_quarter) {
      const std::size_t change = b.Cell(q + "/trend/change", std::nullopt, Value(*r.change_jobs_prev_quarter));
      b.Relate(jobs, {*before, change});
    }
    if (r.change_jobs_year_ago) {
      auto year_ago = jobs_of_quarter.find(QuarterName(r.year - 1, r.quarter));
      if (year_ago != jobs_of_quarter.end()) {
        const std::size_t change = b.Cell(q + "/trend/change-year", std::nullopt, Value(*r.change_jobs_year_ago));
        b.Relate(jobs, {year_ago->second, change});
      }
    }
    before = jobs;
  }
  // The regions and grounds of Y (Q4): their jobs add up to the total, and the
  // register per ground to the register.
  const std::size_t total = *b.JobsCell(Y, "total");
  std::vector<std::size_t> regions, grounds, registered;
  for (const RealisationRow* r : now().RowsFor(ScopeLevel::kRegion)) {
    if (r->level == ScopeLevel::kRegion) regions.push_back(*b.JobsCell(Y, r->scope));
  }
  for (const RealisationRow* r : now().RowsFor(ScopeLevel::kGround)) {
    if (r->level != ScopeLevel::kGround) continue;
    grounds.push_back(*b.JobsCell(Y, r->scope));
    registered.push_back(b.Cell(fmt::format("{}/{}/registered", Y, r->scope), *r->registered, static_cast<double>(*r->registered)));
  }
  if (!regions.empty()) b.Relate(total, regions);
  if (!grounds.empty()) b.Relate(total, grounds);
  const RealisationRow* t = now().Find("total");
  if (t->registered && !registered.empty()) {
    b.Relate(b.Cell(fmt::format("{}/total/registered", Y), *t->registered, static_cast<double>(*t->registered)), registered);
  }
  for (const RealisationRow& r : now().rows) {
    if (r.level == ScopeLevel::kRegion || r.level == ScopeLevel::kGround) {
      b.Cell(fmt::format("{}/{}/persons", Y, r.scope), r.persons, static_cast<double>(r.persons));
    }
  }
  return Status::Ok();
}

// Per kwartaal: registered, working, flows and jobs of the last eight quarters.
ReportSection ReportContext::Quarters() {
  ReportSection sec = Section("kwartalen", "Per kwartaal (indicatief)", fmt::format(
      "De banenafspraak kwartaal voor kwartaal, {} tot en met {} ({}). Geregistreerd: personen met een tellende "
      "registratie op de laatste dag van het kwartaal. Werkend: personen met getelde uren in de laatste maand; "
      "instroom en uitstroom tegen de laatste maand van het kwartaal ervoor. Banen: de uren van het kwartaal / 332,75. "
      "Een kwartaal vóór de eerste loonregels van de levering heeft alleen het register.",
      Y - 1, Y, kIndicativeLabel));
  ReportTable t = MakeTable("Kwartalen", fmt::format("Personen en banen per kwartaal, {}–{} (indicatief)", Y - 1, Y),
                            {"Kwartaal", "Geregistreerd", "Werkend", "Instroom", "Uitstroom", "Banen",
                             "t.o.v. vorig kwartaal", "t.o.v. jaar eerder"});
  LineChartSpec chart;
  chart.id = "kwartalen-banen";
  chart.title = "Banen en werkenden per kwartaal (indicatief)";
  chart.y_label = "aantal";
  ChartSeries jobs{"Banen", {}, false, "#154273"}, working{"Werkenden", {}, true, "#ca005d"};
  std::vector<std::string> said;
  auto person_cell = [&](const std::string& key, std::optional<std::int64_t> v) {
    if (!v) return ReportFigures::Missing();
    return b.Number(static_cast<double>(*v), std::nullopt, 0, false, {}, b.Find(key));
  };
  for (const TrendRow& r : quarters->rows) {
    const std::string q = QuarterKey(r);
    auto derived = [&](const std::optional<Ratio>& change, const std::string& key) {
      if (!change) return ReportFigures::Missing();
      auto cell = b.Find(key);
      return cell ? b.Number(Value(*change), *change, kJobDecimals, false, {}, cell) : ReportFigures::Missing();
    };
    ReportCell jobs_cell = r.delivered ? b.Number(Value(r.jobs), r.jobs, kJobDecimals, false, {}, b.Find(q + "/trend/jobs"))
                                       : ReportFigures::Missing();
    ReportCell working_cell = r.delivered ? person_cell(q + "/trend/working", r.working) : ReportFigures::Missing();
    AddRow(t, {ReportCell::Text(q), person_cell(q + "/trend/registered", r.registered), working_cell,
               person_cell(q + "/trend/inflow", r.inflow_work), person_cell(q + "/trend/outflow", r.outflow_work),
               jobs_cell, derived(r.change_jobs_prev_quarter, q + "/trend/change"),
               derived(r.change_jobs_year_ago, q + "/trend/change-year")});
    chart.x_labels.push_back(q);
    jobs.values.push_back(Shown(jobs_cell) ? jobs_cell.value : std::nullopt);
    working.values.push_back(Shown(working_cell) ? working_cell.value : std::nullopt);
    said.push_back(fmt::format("{} {} banen, {} werkenden", q, DisplayDutch(jobs_cell), DisplayDutch(working_cell)));
  }
  chart.series = {jobs, working};
  chart.description = "Per kwartaal (indicatief): " + Join(said, "; ") + ".";
  chart.width = 520;
  sec.charts.push_back(std::move(chart));
  t.note = "Indicatief: alleen de jaarmeting (vierde kwartaal) is officieel. x geheim, . niet te berekenen (het "
           "kwartaal ervoor ligt vóór de levering), - nihil.";
  sec.tables.push_back(std::move(t));
  return sec;
}

// Per arbeidsmarktregio and per grond van registratie, eind Y.
ReportSection ReportContext::RegionsAndGrounds() {
  ReportSection sec = Section("regios", "Regio's en gronden", fmt::format(
      "Waar de banen zijn en wie ze hebben, eind {}: per arbeidsmarktregio van de vestiging van de werkgever (een "
      "ingeleende baan telt in de regio van de inlener; zonder regio in de levering: regio onbekend) en per grond "
      "van registratie van de persoon in de laatste maand. De banen van de regio's en van de gronden tellen op tot "
      "het totaal; een persoon van wie de grond in het kwartaal veranderde, telt bij beide gronden. Een kaart van de "
      "regio's staat er niet in: er is geen omtrek van de 35 regio's die met het programma mag worden meegeleverd "
      "(docs/regions.md).",
      Y));
  auto table_of = [&](ScopeLevel level, const std::string& id, const std::string& title, bool with_register) {
    std::vector<std::string> headers = {level == ScopeLevel::kRegion ? "Arbeidsmarktregio" : "Grond", "Personen", "Banen"};
    if (with_register) headers.push_back("Geregistreerd");
    ReportTable t = MakeTable(id, title, headers);
    std::vector<std::pair<double, std::vector<ReportCell>>> rows;
    for (const RealisationRow* r : now().RowsFor(level)) {
      if (r->level != level) continue;
      std::vector<ReportCell> cells = {
          ReportCell::Text(ScopeLabel(r->scope)),
          b.Number(static_cast<double>(r->persons), std::nullopt, 0, false, {}, b.Find(fmt::format("{}/{}/persons", Y, r->scope))),
          b.Jobs(Y, r->scope)};
      if (with_register) {
        cells.push_back(b.Number(static_cast<double>(r->registered.value_or(0)), std::nullopt, 0, false, {},
                                 b.Find(fmt::format("{}/{}/registered", Y, r->scope))));
      }
      rows.emplace_back(r->jobs, std::move(cells));
    }
    // Largest first, as a reader compares them (ties: by name, the count's order).
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b2) { return a.first > b2.first; });
    LineChartSpec chart;
    chart.id = level == ScopeLevel::kRegion ? "regios-banen" : "gronden-banen";
    chart.title = title;
    chart.bars = true;
    chart.width = 460;
    ChartSeries s{"Banen", {}, false, "#154273"};
    std::vector<std::string> said;
    for (auto& [jobs, cells] : rows) {
      chart.x_labels.push_back(cells[0].text);
      s.values.push_back(Shown(cells[2]) ? cells[2].value : std::nullopt);
      said.push_back(fmt::format("{} {}", cells[0].text, DisplayDutch(cells[2])));
      AddRow(t, std::move(cells));
    }
    std::vector<ReportCell> total = {ReportCell::Text("Totaal"),
                                     b.Number(static_cast<double>(total_row->persons), std::nullopt, 0, false, {}, persons_cell),
                                     b.Jobs(Y, "total")};
    if (with_register) {
      total.push_back(b.Number(static_cast<double>(total_row->registered.value_or(0)), std::nullopt, 0, false, {},
                               b.Find(fmt::format("{}/total/registered", Y))));
    }
    AddRow(t, std::move(total), true);
    chart.series = {s};
    chart.description = fmt::format("{}, eind {}, van groot naar klein: {}.", title, Y, Join(said, "; "));
    t.note = "x geheim, - nihil. Personen tellen per regel één keer; opgeteld zijn het er meer dan het totaal wie in "
             "twee regio's of met twee gronden werkte.";
    sec.charts.push_back(std::move(chart));
    sec.tables.push_back(std::move(t));
  };
  table_of(ScopeLevel::kRegion, "Regio's", fmt::format("Banen per arbeidsmarktregio, eind {}", Y), false);
  table_of(ScopeLevel::kGround, "Gronden", fmt::format("Banen en register per grond van registratie, eind {}", Y), true);
  return sec;
}

}  // namespace banenmonitor::report::detail
