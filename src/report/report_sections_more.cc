// Sections of the progress report (trends, the law change, job quality and the Verantwoording): each lays out
// figures that ReportContext::Gather computed and protected; none counts or
// decides what is secret (report_figures.h).
#include <fmt/format.h>

#include <algorithm>

#include "banenmonitor/provenance.h"
#include "common/number_format.h"
#include "report/realisation_format.h"
#include "report/scenario_format.h"
#include "report/report_figures.h"

namespace banenmonitor::report::detail {

// Trends: realised against target per year, as charts and a table.
ReportSection ReportContext::Trends() {
  ReportSection sec = Section("trends", "Trends", fmt::format(
      "Gerealiseerd tegen de opgave per jaar, {} tot en met {}, steeds eind van het jaar. Voor de marktsector en de "
      "overheid de extra banen ten opzichte van de nulmeting, voor de publieke sectoren het totaal aantal banen "
      "(hun opgave is een totaal). Een ontbrekend punt is geheim of niet geleverd.",
      first, Y));
  std::vector<std::string> years;
  for (int y = first; y <= Y; ++y) years.push_back(std::to_string(y));
  std::vector<std::string> headers = {"Reeks"};
  headers.insert(headers.end(), years.begin(), years.end());
  ReportTable t = MakeTable("Trends", fmt::format("Gerealiseerd en opgave per jaar, {}–{}", first, Y), headers);
  std::vector<std::pair<std::string, bool>> scopes = {{"market", true}, {"government", true}};
  for (const auto& s : subsectors) scopes.emplace_back(s, false);
  int n = 0;
  for (const auto& [scope, extra] : scopes) {
    std::vector<ReportCell> realised{ReportCell::Text(ScopeLabel(scope) + ": gerealiseerd")},
        target{ReportCell::Text(ScopeLabel(scope) + ": opgave")};
    LineChartSpec chart;
    chart.id = fmt::format("trend-{}", ++n);
    chart.title = ScopeLabel(scope);
    chart.x_labels = years;
    chart.y_label = extra ? "extra banen" : "banen";
    ChartSeries rs{"Gerealiseerd", {}, false, "#154273"}, ts{"Opgave", {}, true, "#ca005d"};
    std::vector<std::string> said_r, said_t;
    for (int y = first; y <= Y; ++y) {
      ReportCell r = extra ? b.Extra(y, scope) : b.Jobs(y, scope);
      ReportCell g = b.Target(y, scope);
      rs.values.push_back(Shown(r) ? (r.nil ? std::optional(0.0) : r.value) : std::nullopt);
      ts.values.push_back(Shown(g) ? g.value : std::nullopt);
      said_r.push_back(fmt::format("{} {}", y, DisplayDutch(r)));
      said_t.push_back(fmt::format("{} {}", y, DisplayDutch(g)));
      realised.push_back(r);
      target.push_back(g);
    }
    bool any_secret = false, any_shown = false;
    for (std::size_t i = 1; i < realised.size(); ++i) {
      any_secret = any_secret || realised[i].secret;
      any_shown = any_shown || rs.values[i - 1].has_value();
    }
    if (any_secret && !any_shown) rs.name = "Gerealiseerd: geheim (x)";
    chart.series = {rs, ts};
    chart.description = fmt::format("{}, {} tegen de opgave. Gerealiseerd: {}. Opgave: {}.", ScopeLabel(scope),
                                    extra ? "extra banen ten opzichte van de nulmeting" : "banen",
                                    Join(said_r, "; "), Join(said_t, "; "));
    AddRow(t, std::move(realised));
    AddRow(t, std::move(target));
    sec.charts.push_back(std::move(chart));
  }
  t.note = "x geheim, . niet geleverd of geen opgave, - nihil.";
  sec.tables.push_back(std::move(t));
  return sec;
}

// Tegenover het vorige jaar: BZK's figure (Wet banenafspraak art. 4 lid 4;
// counting.md §7.4), the extra jobs of every government scope against the
// previous calendar year, for every year of the trends, each year counted by
// its own law (before and after the change).
ReportSection ReportContext::VsPreviousYear() {
  ReportSection sec{"vorig-jaar", "Tegenover het vorige jaar", {}, {}, {}};
  std::vector<int> years;
  for (int y = first + 1; y <= Y; ++y) {
    if (b.Covered(y) && b.Covered(y - 1)) years.push_back(y);
  }
  sec.paragraphs.push_back(
      "Per overheidssector hoeveel banen er eind van het jaar meer (of minder) waren dan eind van het vorige "
      "kalenderjaar: het cijfer dat BZK elk jaar rapporteert (Wet banenafspraak art. 4 lid 4). Elk jaar is geteld "
      "volgens de wet van dat jaar; de regel 'Wet' in de tabel zegt welke.");
  if (years.empty()) {
    sec.paragraphs.push_back(fmt::format(
        "De levering bevat geen twee opeenvolgende jaareindmetingen tot en met {}: er is geen verschil tegenover "
        "het vorige jaar te geven.",
        Y));
    return sec;
  }
  // The years grouped by law: "2022–2025: Wfsv ...; 2026: Wet banenafspraak ...".
  std::vector<std::string> said;
  for (std::size_t i = 0, j = 0; i < years.size(); i = j) {
    const Law law = b.counted.at(years[i]).law.law;
    while (j < years.size() && b.counted.at(years[j]).law.law == law) ++j;
    const std::string span = j - i == 1 ? std::to_string(years[i]) : fmt::format("{}–{}", years[i], years[j - 1]);
    said.push_back(fmt::format("{}: {}", span, LawLabel(law)));
  }
  sec.paragraphs.push_back("Geteld volgens: " + Join(said, "; ") + ".");
  for (int y : years) {
    const LawOfYear& now_law = b.counted.at(y).law;
    if (now_law.law != b.counted.at(y - 1).law.law) {
      sec.paragraphs.push_back(fmt::format(
          "{} is het eerste jaar van de {}: vanaf dat jaar telt ook de grond voorziening mee (art. 2 lid 1 f). Het "
          "verschil tussen {} en {} bevat dus ook de banen die alleen door die wetswijziging meetellen.",
          y, LawLabel(now_law.law), y - 1, y));
    }
  }
  std::vector<std::string> headers = {"Sector"};
  for (int y : years) headers.push_back(fmt::format("{} t.o.v. {}", y, y - 1));
  ReportTable t = MakeTable("Vorig jaar", "Verschil in banen tegenover het vorige jaar, per overheidssector", headers);
  std::vector<ReportCell> law_row{ReportCell::Text("Wet")};
  for (int y : years) law_row.push_back(ReportCell::Text(b.counted.at(y).law.law == Law::kWfsv ? "Wfsv" : "Wet banenafspraak"));
  AddRow(t, std::move(law_row));
  for (const auto& scope : GovernmentScopes()) {
    std::vector<ReportCell> row{ReportCell::Text(ScopeLabel(scope))};
    for (int y : years) row.push_back(b.ChangeOfPublished(y, scope));
    AddRow(t, std::move(row), scope == "government");
  }
  t.note = "Verschil: banen eind van het jaar min banen eind van het vorige jaar (vierde kwartaal). x geheim, . niet "
           "geleverd.";
  sec.tables.push_back(std::move(t));
  return sec;
}

// Wetswijziging: the current law beside the Wet banenafspraak 2026, social return.
ReportSection ReportContext::LawChange() {
  ReportSection sec{"wetswijziging", "Wetswijziging", {}, {}, {}};
  const auto& law = scenario->law2026;
  sec.paragraphs.push_back(fmt::format(
      "Met de Wet banenafspraak 2026 (Kamerstuk 36 449) is er één sector met één landelijke opgave, gemeten op het "
      "totaal; de overheid blijft apart rapporteren. Hieronder eind {} onder de huidige wet (twee sectoren) en "
      "alsof de nieuwe wet al gold.",
      Y));
  if (law.national == NationalTarget::kNone) {
    sec.paragraphs.push_back("De levering geeft geen opgave voor beide sectoren en geen landelijke opgave; de realisatie "
                             "onder de nieuwe wet is daarom niet te berekenen.");
  }
  ReportTable t = MakeTable("Wetswijziging", fmt::format("Realisatie eind {} onder de huidige en de nieuwe wet", Y),
                            {"Regeling", "Nulmeting", "Opgave", "Extra banen", "Realisatie"});
  auto regime_row = [&](const RealisationTable& table, std::string_view scope, const std::string& label) {
    const RealisationRow* r = table.Find(scope);
    if (r == nullptr) return;
    ExactFigures x = ExactFiguresOf(table, *r);
    auto jobs = b.JobsCell(Y, scope);
    AddRow(t, {ReportCell::Text(label), b.Number(r->baseline_jobs, x.baseline_jobs, kJobDecimals, false, {}),
               b.Number(r->target_extra_jobs, x.target_extra_jobs, kJobDecimals, false, {}),
               b.Number(r->extra_jobs, x.extra_jobs, kJobDecimals, false, {jobs}),
               b.Number(r->realisation_pct, x.realisation_pct, 1, true, {jobs})},
           scope == "total");
  };
  regime_row(scenario->current.table, "market", "Huidige wet: marktsector");
  regime_row(scenario->current.table, "government", "Huidige wet: overheid");
  regime_row(law.table, "total", "Wet banenafspraak 2026: één sector");
  t.note = "Nulmeting en opgave onder de nieuwe wet: de som van die van de twee sectoren.";
  sec.tables.push_back(std::move(t));
  if (scenario->sroi.delivered) {
    const auto& s = scenario->sroi;
    ReportCell shift = b.Number(s.jobs_to_government, std::nullopt, kJobDecimals, false, {}, shift_cell);
    sec.paragraphs.push_back(fmt::format(
        "Social return: telt een baan die een opdrachtnemer via social return invult mee voor de opdrachtgever, dan "
        "gaan eind {} {} banen van de marktsector naar de overheid.",
        Y, SayFigure(shift)));
    ReportTable st = MakeTable("Social return", fmt::format("Banen eind {} met social return voor de opdrachtgever", Y),
                               {"Sector", "Huidige telling", "Social return bij de opdrachtgever", "Verschil"});
    ReportCell minus = shift;
    if (minus.value) minus.value = -*minus.value;
    AddRow(st, {ReportCell::Text("Marktsector"), b.Jobs(Y, "market"),
                b.Number(s.market_with.jobs, std::nullopt, kJobDecimals, false, {}, market_with), minus});
    AddRow(st, {ReportCell::Text("Overheid"), b.Jobs(Y, "government"),
                b.Number(s.government_with.jobs, std::nullopt, kJobDecimals, false, {}, government_with), shift});
    st.note = kSroiPolicyNote;  // under the table in every face, also alone in its XLSX sheet
    sec.tables.push_back(std::move(st));
  } else {
    sec.paragraphs.push_back("De levering bevat geen sroi.csv: het effect van social return voor de opdrachtgever is "
                             "niet te berekenen.");
  }
  sec.paragraphs.push_back("Heffingen, opslagen en bonussen per werkgever staan niet in dit rapport: het zijn cijfers "
                           "over afzonderlijke werkgevers (zie banenmonitor scenario).");
  return sec;
}

// Kwaliteit en duurzaamheid: retention, permanent contracts, hours, inflow.
ReportSection ReportContext::Quality() {
  ReportSection sec = Section("kwaliteit", "Kwaliteit en duurzaamheid", fmt::format(
      "Blijven de banen, zijn ze vast en hoeveel uren hebben ze? Behoud: van de mensen die in het derde kwartaal van "
      "{} werkten, het deel dat in het derde kwartaal van {} nog werkte (ergens, of bij dezelfde werkgever). Vast "
      "contract: het deel van de uren in het vierde kwartaal met een vast contract. Instroom: mensen die in {} "
      "werkten en in {} niet.",
      Y - 1, Y, Y, Y - 1));
  if (quality->retention_benchmark) {
    sec.paragraphs.push_back(fmt::format("Ter vergelijking: UWV meet een landelijk behoud na een jaar van {} ({}).",
                                         Dutch(*quality->retention_benchmark * 100, 0) + " %", quality->benchmark_basis));
  }
  std::vector<std::string> headers = {"Sector"};
  for (const auto& f : quality_figures) headers.push_back(f.header);
  ReportTable t = MakeTable("Kwaliteit", fmt::format("Kwaliteit en duurzaamheid van de banen, {}", Y), headers);
  for (const auto& scope : quality_scopes) {
    const QualityRow* q = quality->Find(scope);
    if (q == nullptr) continue;
    std::vector<ReportCell> cells{ReportCell::Text(ScopeLabel(scope))};
    for (const auto& f : quality_figures) {
      auto cell = b.Find(fmt::format("{}/{}/quality/{}", Y, scope, f.header));
      std::optional<double> v = quality->coverage.*f.covered ? q->*f.value : std::nullopt;
      ReportCell c = b.Number(v, std::nullopt, f.decimals, f.percent, {}, cell);
      c.nil = false;  // a share of nobody is missing, not nil
      cells.push_back(c);
    }
    AddRow(t, std::move(cells), scope == "total");
  }
  t.note = "Een cijfer over minder dan " + std::to_string(request.min_persons) +
           " personen is geheim; een cijfer waarvoor de levering de maanden niet heeft, ontbreekt (.).";
  sec.tables.push_back(std::move(t));
  return sec;
}

// Verantwoording: method, disclosure control and where the figures came from.
ReportSection ReportContext::Accountability() {
  ReportSection sec{"verantwoording", "Verantwoording", {}, {}, {}};
  const double hours_per_job = now().hours_per_job;
  sec.paragraphs.push_back(fmt::format(
      "Methode. Een baan is 25,5 betaalde uren per week: 1.331 uur per jaar (Besluit Wfsv art. 2.32), {} uur in "
      "een kwartaal. Gemeten wordt het vierde kwartaal van elk jaar (oktober tot en met december). Uren tellen "
      "alleen in maanden dat de persoon in het doelgroepregister staat. Ingeleende uren (uitzendbureau, "
      "Wsw-detachering) tellen bij de inlener, tot ten hoogste de verloonde uren (Besluit Wfsv art. 2.27–2.31); "
      "Wsw-uren die niet zijn gedetacheerd tellen niet. Extra banen zijn banen min de nulmeting; de volledige "
      "rekenregels staan in docs/method.md.",
      Dutch(hours_per_job, 2)));
  sec.paragraphs.push_back(fmt::format(
      "Geheimhouding. Een cijfer over minder dan {} personen is geheim (primair). Daarnaast zijn cijfers verborgen "
      "zodat geen geheim cijfer uit totalen, andere sectoren of het verschil met vorig jaar is terug te rekenen "
      "(secundair; exact gecontroleerd, zie docs/disclosure.md). In dit rapport: {} primair en {} secundair "
      "geheim.",
      request.min_persons, b.result().primary, b.result().secondary));
  ReportTable h = MakeTable("Herkomst", "Herkomst van de cijfers", {"Onderdeel", "Waarde"});
  auto kv = [&](const std::string& k, const std::string& v) { AddRow(h, {ReportCell::Text(k), ReportCell::Text(v)}); };
  kv("Bron", request.source);
  if (delivery.manifest.synthetic) {
    kv("Gegevens", delivery.manifest.description.empty() ? SyntheticNotice() : delivery.manifest.description);
  }
  kv("Vastgelegd", request.recorded_at.empty() ? "." : request.recorded_at);
  kv("Meetmoment", fmt::format("vierde kwartaal {} (trends vanaf {})", Y, first));
  kv("Wet", fmt::format("{} ({})", LawLabel(now().law.law), now().law.basis));
  kv("Parameterversie", parameters.version());
  kv("Parameters SHA-256", parameters.sha256());
  kv("Programmaversie", std::string("banenmonitor ") + ProgramVersion());
  kv("Minimum aantal personen", std::to_string(request.min_persons));
  sec.tables.push_back(std::move(h));
  ReportTable f = MakeTable("Bestanden", "Bestanden van de levering", {"Bestand", "Rijen", "SHA-256"});
  for (const auto& file : delivery.files) {
    if (!file.present) continue;
    AddRow(f, {ReportCell::Text(file.name), b.Number(static_cast<double>(file.rows), std::nullopt, 0, false, {}),
               ReportCell::Text(file.sha256)});
  }
  sec.tables.push_back(std::move(f));
  ReportTable l = MakeTable("Tekens", "Verklaring van tekens", {"Teken", "Betekenis"});
  for (const auto& [symbol, meaning] : SymbolLegend()) AddRow(l, {ReportCell::Text(symbol), ReportCell::Text(meaning)});
  sec.tables.push_back(std::move(l));
  return sec;
}

}  // namespace banenmonitor::report::detail
