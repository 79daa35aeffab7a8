// Sections of the progress report (Kern, the Rijk per ministry and the public sectors): each lays out
// figures that ReportContext::Gather computed and protected; none counts or
// decides what is secret (report_figures.h).
#include <fmt/format.h>

#include <algorithm>

#include "banenmonitor/provenance.h"
#include "common/number_format.h"
#include "report/law_format.h"
#include "report/realisation_format.h"
#include "report/report_figures.h"

namespace banenmonitor::report::detail {

// Kern: the year in sentences and the sectors against their targets.
ReportSection ReportContext::Kern() {
  ReportSection sec{"kern", "Kern", {}, {}, {}};
  ReportCell persons = b.Number(static_cast<double>(total_row->persons), std::nullopt, 0, false, {}, persons_cell);
  // The total's nulmeting comes from targets.csv's `total` row; without it only the jobs are said.
  const bool total_baseline = total_row->baseline_jobs != 0 || total_row->target_extra_jobs.has_value();
  sec.paragraphs.push_back(fmt::format("Eind {} werken {} mensen uit het doelgroepregister in {} banen van 25,5 uur per week{}.",
                                       Y, SayFigure(persons), SayFigure(b.Jobs(Y, "total")),
                                       total_baseline ? fmt::format(": {} extra banen ten opzichte van de nulmeting",
                                                                    SayFigure(b.Extra(Y, "total")))
                                                      : ""));
  // counting.md §7: the report says the law it counted the year by.
  std::string law = LawLines(now());
  while (!law.empty() && law.back() == '\n') law.pop_back();
  for (std::size_t at; (at = law.find('\n')) != std::string::npos;) law[at] = ' ';
  sec.paragraphs.push_back(law);
  for (auto [scope, name] : {std::pair{"market", "De marktsector"}, std::pair{"government", "De overheid"}}) {
    ReportCell target = b.Target(Y, scope), pct = b.Pct(Y, scope);
    std::string s = fmt::format("{} heeft {} extra banen gerealiseerd", name, SayFigure(b.Extra(Y, scope)));
    if (Shown(target)) s += fmt::format(" tegen een opgave van {}", SayFigure(target));
    if (Shown(pct)) s += fmt::format(": een realisatie van {}", SayFigure(pct));
    ReportCell before = b.Pct(Y - 1, scope);
    if (Shown(pct) && Shown(before)) s += fmt::format(" (eind {}: {})", Y - 1, SayFigure(before));
    sec.paragraphs.push_back(s + ".");
  }
  if (has_rijk || now().Find("subsector:rijk")) {
    ReportCell a = b.Pct(Y - 1, "subsector:rijk"), c = b.Pct(Y, "subsector:rijk");
    if (Shown(a) && Shown(c)) {
      const std::string da = DisplayFixed(a), dc = DisplayFixed(c);
      const double va = std::stod(da), vc = std::stod(dc);
      if (vc > va) {
        sec.paragraphs.push_back(fmt::format("Het realisatiepercentage van het Rijk is gestegen van {} in {} naar {} eind {}.", SayFigure(a), Y - 1, SayFigure(c), Y));
      } else if (vc < va) {
        sec.paragraphs.push_back(fmt::format("Het realisatiepercentage van het Rijk is gedaald van {} in {} naar {} eind {}.", SayFigure(a), Y - 1, SayFigure(c), Y));
      } else {
        sec.paragraphs.push_back(fmt::format("Het realisatiepercentage van het Rijk is gelijk gebleven: {} in {} en eind {}.", SayFigure(c), Y - 1, Y));
      }
    } else if (Shown(c)) {
      sec.paragraphs.push_back(fmt::format("Het realisatiepercentage van het Rijk is eind {} {}.", Y, SayFigure(c)));
    } else {
      sec.paragraphs.push_back(fmt::format("Het realisatiepercentage van het Rijk eind {} is {}.", Y, SayFigure(c)));
    }
  }
  // Best and worst public sectors by realisation.
  std::vector<std::pair<double, std::string>> ranked;
  int reported = 0, met = 0, with_target = 0;
  for (const auto& s : subsectors) {
    const RealisationRow* r = now().Find(s);
    if (r->persons > 0) ++reported;
    ReportCell pct = b.Pct(Y, s);
    if (pct.value) ++with_target;
    if (!Shown(pct)) continue;
    ranked.emplace_back(std::stod(DisplayFixed(pct)), s);
    if (*pct.value >= 100) ++met;
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  auto has = [](int n) { return n == 1 ? "heeft" : "hebben"; };
  std::string sectors = fmt::format("Van de {} publieke sectoren {} er {} eind {} banen in de telling; {} {} een opgave",
                                    subsectors.size(), has(reported), reported, Y, with_target, has(with_target));
  if (!ranked.empty()) sectors += fmt::format(" en {} daarvan {} de opgave", met, met == 1 ? "haalt" : "halen");
  sec.paragraphs.push_back(sectors + ".");
  if (ranked.size() >= 2) {
    const std::size_t k = std::min<std::size_t>(2, ranked.size() / 2);
    std::vector<std::string> best, worst;
    for (std::size_t i = 0; i < k; ++i) {
      best.push_back(fmt::format("{} ({})", InSentence(ScopeLabel(ranked[i].second)), SayFigure(b.Pct(Y, ranked[i].second))));
      const auto& w = ranked[ranked.size() - 1 - i];
      worst.push_back(fmt::format("{} ({})", InSentence(ScopeLabel(w.second)), SayFigure(b.Pct(Y, w.second))));
    }
    sec.paragraphs.push_back(fmt::format("De hoogste realisatie hebben {}; de laagste {}{}.", Join(best), Join(worst),
                                         static_cast<int>(ranked.size()) < with_target
                                             ? " (sectoren met een geheim percentage blijven buiten deze vergelijking)"
                                             : ""));
  }
  if (b.result().primary + b.result().secondary > 0) {
    sec.paragraphs.push_back(fmt::format(
        "Cijfers over minder dan {} personen zijn geheim ({}): {} cijfers om die reden en {} om terugrekenen te "
        "voorkomen.",
        request.min_persons, kSymbolSecret, b.result().primary, b.result().secondary));
  }
  ReportTable t = MakeTable("Kern", fmt::format("Extra banen en realisatie eind {} en eind {}", Y, Y - 1),
                            {"Sector", "Opgave " + y_s, "Extra banen " + y_s, "Realisatie " + y_s,
                             "Extra banen " + last_s, "Realisatie " + last_s, "Verschil (procentpunt)"});
  for (std::string_view scope : {"market", "government", "total"}) {
    if (scope == "total" && !total_baseline) continue;
    AddRow(t, {ReportCell::Text(ScopeLabel(scope)), b.Target(Y, scope), b.Extra(Y, scope), b.Pct(Y, scope),
               b.Extra(Y - 1, scope), b.Pct(Y - 1, scope), b.PctChange(Y, scope)},
           scope == "total");
  }
  t.note = "Extra banen: banen min de nulmeting. Opgave: de extra banen die eind van het jaar bereikt moeten zijn.";
  sec.tables.push_back(std::move(t));
  return sec;
}

// Sector Rijk: per ministry, direct and hired-in, Binnenwerk apart.
ReportSection ReportContext::Rijk() {
  ReportSection sec = Section("rijk", "Sector Rijk", fmt::format(
      "Per ministerie de opgave, de gerealiseerde banen eind {} (vierde kwartaal) en het realisatiepercentage, "
      "met de verdeling in banen in eigen dienst (direct) en ingeleende banen (via een uitzendbureau of "
      "Wsw-bedrijf, toegerekend aan het ministerie dat inleent). Binnenwerk, de groepsdetacheringen van het Rijk, "
      "staat apart en telt niet mee bij het ministerie waar het onder valt.",
      Y));
  ReportTable t = MakeTable("Rijk", fmt::format("Banen per ministerie, eind {} en eind {}", Y, Y - 1),
                            {"Ministerie", "Opgave " + y_s, "Gerealiseerd " + y_s, "Waarvan direct", "Waarvan ingeleend",
                             "Realisatie " + y_s, "Gerealiseerd " + last_s, "Realisatie " + last_s, "Verschil (banen)",
                             "Verschil (procentpunt)"});
  auto row = [&](const std::string& scope, const std::string& label, bool total) {
    AddRow(t, {ReportCell::Text(label), b.Target(Y, scope), b.Jobs(Y, scope), b.Split(Y, scope, false),
               b.Split(Y, scope, true), b.Pct(Y, scope), b.Jobs(Y - 1, scope), b.Pct(Y - 1, scope), b.Change(Y, scope),
               b.PctChange(Y, scope)},
           total);
  };
  for (const auto& m : ministries) {
    row(m, m == std::string("organisation:") + kBinnenwerk ? "Binnenwerk (groepsdetacheringen)" : ScopeLabel(m), false);
  }
  row("subsector:rijk", "Rijk", true);
  t.note = "Realisatie: gerealiseerde banen als deel van de opgave (een totaal aantal banen).";
  sec.tables.push_back(std::move(t));
  return sec;
}

// Publieke sectoren: each public sector against its target and last year.
ReportSection ReportContext::PublicSectors() {
  ReportSection sec = Section("publieke-sectoren", "Publieke sectoren", fmt::format(
      "Elke publieke sector met zijn opgave (een totaal aantal banen), de gerealiseerde banen en het "
      "realisatiepercentage eind {}, tegen eind {}. De volgorde is die van de brieven aan de Tweede Kamer.",
      Y, Y - 1));
  ReportTable t = MakeTable("Publieke sectoren", fmt::format("Banen per publieke sector, eind {} en eind {}", Y, Y - 1),
                            {"Sector", "Opgave " + y_s, "Gerealiseerd " + y_s, "Realisatie " + y_s, "Gerealiseerd " + last_s,
                             "Realisatie " + last_s, "Verschil (banen)", "Verschil (procentpunt)"});
  for (const auto& s : subsectors) {
    AddRow(t, {ReportCell::Text(ScopeLabel(s)), b.Target(Y, s), b.Jobs(Y, s), b.Pct(Y, s), b.Jobs(Y - 1, s),
               b.Pct(Y - 1, s), b.Change(Y, s), b.PctChange(Y, s)});
  }
  // The total: all government jobs against the sum of the sector targets,
  // when every sector with jobs has a target.
  auto total_pct = [&](int year) {
    double target = 0;
    bool complete = b.Covered(year);
    for (const auto& s : subsectors) {
      const RealisationRow* r = b.Row(year, s);
      if (r == nullptr) continue;
      if (r->target_extra_jobs) target += *r->target_extra_jobs;
      else if (r->persons > 0) complete = false;
    }
    const RealisationRow* g = b.Row(year, "government");
    std::optional<double> pct;
    if (complete && g != nullptr && target > 0) pct = g->jobs / target * 100;
    return std::pair{target, pct};
  };
  auto [target_now, pct_now] = total_pct(Y);
  auto [target_last, pct_last] = total_pct(Y - 1);
  std::optional<double> pp;
  if (pct_now && pct_last) pp = *pct_now - *pct_last;
  auto gov = b.JobsCell(Y, "government"), gov_last = b.JobsCell(Y - 1, "government");
  AddRow(t, {ReportCell::Text("Totaal publieke sectoren"),
             b.Number(target_now > 0 ? std::optional(target_now) : std::nullopt, std::nullopt, kJobDecimals, false, {}),
             b.Jobs(Y, "government"), b.Number(pct_now, std::nullopt, 1, true, {gov}), b.Jobs(Y - 1, "government"),
             b.Number(pct_last, std::nullopt, 1, true, {gov_last}), b.Change(Y, "government"),
             b.Number(pp, std::nullopt, 1, false, {gov, gov_last})},
         true);
  t.note = "Totaal: alle banen bij de overheid tegen de som van de opgaven van de sectoren.";
  sec.tables.push_back(std::move(t));
  return sec;
}

}  // namespace banenmonitor::report::detail
