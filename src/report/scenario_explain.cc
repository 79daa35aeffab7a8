// --explain SCOPE of banenmonitor scenario: the arithmetic behind one scope.
#include <fmt/format.h>

#include "common/lang.h"
#include "common/number_format.h"
#include "report/realisation_format.h"
#include "report/scenario_format.h"
#include "report/scenario_text.h"

namespace banenmonitor::report {

namespace {

using namespace scenario_text;

std::string ExplainRealisation(const ScenarioResult& s, std::span<const Regime> regimes, std::string_view scope) {
  std::string out;
  for (Regime regime : regimes) {
    const RegimeRealisation& r = s.For(regime);
    const RealisationRow* row = r.table.Find(scope);
    ExactFigures x = ExactFiguresOf(r.table, *row);
    out += fmt::format("{} ({}):\n",
                       regime == Regime::kCurrent ? "Huidige regels" : "Wet banenafspraak 2026", RegimeName(regime));
    out += fmt::format("  uren {} (direct {}, ingeleend {}, social return {})\n", DutchHours(row->hours),
                       DutchHours(row->hours_direct), DutchHours(row->hours_hired_in), DutchHours(row->hours_sroi));
    out += fmt::format("  banen = {} / {} = {} (counting.md §3 regel 5)\n", DutchHours(row->hours),
                       Dutch(r.table.hours_per_job, 2), DutchRatio(x.jobs, 4));
    out += fmt::format("  extra banen = {} − nulmeting {} = {}\n", DutchRatio(x.jobs, 4), DutchRatio(x.baseline_jobs, 2),
                       DutchRatio(x.extra_jobs, 4));
    if (regime == Regime::kWetBanenafspraak2026 && scope == "total") {
      auto v = [](const std::optional<double>& t) { return t ? Dutch(*t, 2) : std::string("geen"); };
      const char* basis = r.national == NationalTarget::kSumOfSectors ? "markt + overheid"
                          : r.national == NationalTarget::kTotalRow    ? "de rij total van targets.csv"
                                                                       : "niet te bepalen";
      out += fmt::format("  één opgave op het totaal ({}); targets.csv: markt {} (nulmeting {}), overheid {} "
                         "(nulmeting {})\n",
                         basis, v(r.market_target), Dutch(r.market_baseline, 2), v(r.government_target),
                         Dutch(r.government_baseline, 2));
    } else if (regime == Regime::kWetBanenafspraak2026) {
      out += "  geen eigen opgave: de wet kent één sector en één opgave (art. 4); de realisatie blijft zichtbaar "
             "(art. 4 lid 4)\n";
    }
    if (x.target_extra_jobs) {
      out += fmt::format("  opgave {} extra banen", DutchRatio(*x.target_extra_jobs, 2));
      if (x.realisation_pct) {
        out += fmt::format("; realisatie = {} / {} × 100 = {} %", DutchRatio(x.extra_jobs, 4),
                           DutchRatio(*x.target_extra_jobs, 2), DutchRatio(*x.realisation_pct, 1));
      }
      out += "\n";
    } else if (regime == Regime::kCurrent) {
      out += "  geen opgave in targets.csv: geen realisatiepercentage\n";
    }
  }
  if ((scope == "government" || scope == "market") && s.sroi.delivered) {
    const RealisationRow& a = scope == "government" ? s.sroi.government_without : s.sroi.market_without;
    const RealisationRow& b = scope == "government" ? s.sroi.government_with : s.sroi.market_with;
    out += fmt::format("Social return: zonder {} uur = {} banen; met (voor de opdrachtgever) {} uur = {} banen.\n",
                       DutchHours(a.hours), FiguresOf(s.current.table, a).jobs, DutchHours(b.hours),
                       FiguresOf(s.current.table, b).jobs);
  }
  return out;
}

std::string ExplainEmployer(const ScenarioResult& s, const EmployerEffect& e) {
  const QuotumRow* q = s.quotum.FindEmployer(e.employer_id);
  const EmployerEffects& all = s.employers;
  std::string out = fmt::format("Werkgever {} ({}), {}, {}:\n", e.employer_id, e.name, SectorNl(e.sector), s.year);
  out += "Oude regeling (quotumheffing, Wfsv art. 38b–38j; berekend door de quotummodule):\n";
  out += fmt::format("  A = uren alle personeel {} − uitgeleend {} − Wsw {} = {}\n", DutchHours(q->a_current.all),
                     DutchHours(q->a_current.lent), DutchHours(q->a_current.wsw), DutchHours(q->a_current.a));
  out += fmt::format("  C = uren doelgroep (incl. voorziening) {}\n", DutchHours(q->c.c));
  if (q->pct) {
    out += fmt::format("  B = {} %; verplichte banen A × B / 1.331 = {}\n", DutchFromFixed(FixedRatio(*q->pct, 100, 2)),
                       DutchRatio(*q->required_jobs, 2));
    std::string why;
    for (NotCharged n : q->not_charged) {
      why += why.empty() ? ": " : "; ";
      switch (n) {
        case NotCharged::kNoPercentage: why += "geen quotumpercentage"; break;
        case NotCharged::kNotLiable: why += "niet quotumplichtig (Wfsv art. 34)"; break;
        case NotCharged::kNoShortfall: why += "geen tekort"; break;
        case NotCharged::kSectorNotActivated: why += "quotum niet geactiveerd (Wfsv art. 38c)"; break;
        case NotCharged::kBeforeNewLaw: why += "jaar vóór de nieuwe wet (Wfsv art. 122na)"; break;
      }
    }
    out += fmt::format("  plichtig: {}; tekort {} banen (naar beneden afgerond); heffing € {} ({}{})\n",
                       e.liable ? "ja" : "nee", DutchFromFixed(FixedRatio(*q->shortfall_tenths, 10, 1)),
                       Euro(*q->levy_cents), q->charged() ? "geheven" : "niet geheven", why);
  } else {
    out += "  geen quotumpercentage voor deze sector: geen heffing\n";
  }
  out += "Wet banenafspraak 2026:\n";
  const WageBasis& w = all.wages;
  if (!w.any_wage) {
    out += fmt::format("  inclusiviteitsopslag niet te berekenen: {} bevat geen premieplichtig loon (kolom wage)\n",
                       WageSourceName(w.source));
  } else if (!e.wage_cents) {
    out += fmt::format("  inclusiviteitsopslag niet te berekenen: loon van deze werkgever {} in {}\n",
                       e.wage_status == WageStatus::kPartial ? "niet in elke maand" : "ontbreekt", WageSourceName(w.source));
  } else {
    out += fmt::format("  loon € {} ({}); uren {} waarvan uitgeleend en Wsw {}\n", Euro2(*e.wage_cents),
                       WageSourceName(w.source), DutchHours(e.hours_all), DutchHours(e.hours_lent_wsw));
    const ScenarioParams& prm = s.params;
    out += fmt::format("  premieplichtig loon = per maand min(loon, € {} × uren / 1.623) = € {} (Wfsv art. 36, naar "
                       "rato van de uren)\n",
                       prm.maximum_premium_wage.cents ? Euro(*prm.maximum_premium_wage.cents) : std::string(kNone),
                       Euro2(*e.capped_wage_cents));
    out += fmt::format("  grondslag = per maand premieplichtig loon × (uren − uitgeleend − Wsw) / uren = € {} (art. 6 "
                       "lid 4, 8)\n",
                       Euro2(*e.base_cents));
    if (w.small_threshold_cents) {
      out += fmt::format("  kleine werkgever (art. 6 lid 3)? drempel = 25 × € {} (UWV, gem. premieloon per werknemer){} "
                         "= € {}; premieloon € {} {} drempel → {}\n",
                         Euro(*w.average_wage_per_employee_cents),
                         w.months < 12 ? fmt::format(" × {}/12 maanden", w.months) : std::string(),
                         Euro2(*w.small_threshold_cents), Euro2(*e.capped_wage_cents), e.small_employer ? "≤" : ">",
                         e.small_employer ? "klein, geen opslag" : "opslag");
    }
    if (!all.due) {
      out += fmt::format("  opslag € 0: niet verschuldigd in {} (art. 6 lid 1)\n", s.year);
    } else if (!all.opslag_ppm) {
      out += "  opslag: geen percentage opgegeven (--opslag PCT)\n";
    } else if (e.surcharge_cents) {
      out += e.small_employer ? "  opslag € 0 (kleine werkgever)\n"
                              : fmt::format("  opslag = {} % × € {} = € {}\n", OpslagPct(*all.opslag_ppm),
                                            Euro2(*e.base_cents), Euro2(*e.surcharge_cents));
    }
  }
  const ScenarioParams& p = s.params;
  if (!all.due) {
    out += fmt::format("  banenafspraakbonus € 0: niet in {} (art. 1, art. 6 lid 1)\n", s.year);
  } else {
    out += fmt::format("  banenafspraakbonus = € {} × {} doelgroepuren in dienst (heel {}) / {} uur = € {} ({}; Wtl "
                       "art. 2.12, 2.13 lid 2)\n",
                       EuroPerHour(p.bonus_micro_eur), DutchHours(e.bonus_hours), s.year, DutchHours(p.bonus_unit_hours),
                       Euro2(e.bonus_cents), p.bonus_is_design ? "ontwerpwaarde" : "--bonus-per-hour");
  }
  out += "  " + QuotumregelingNote(s);
  if (e.net_cents) {
    out += fmt::format("  netto = opslag € {} − bonus € {} = € {}\n", Euro2(*e.surcharge_cents), Euro2(e.bonus_cents),
                       Euro2(*e.net_cents));
  } else {
    out += "  netto: niet te berekenen zonder opslag\n";
  }
  return out;
}

}  // namespace

Result<std::string> ScenarioExplain(const ScenarioResult& s, std::span<const Regime> regimes, std::string_view scope) {
  if (scope.starts_with("employer:")) {
    std::string_view id = scope.substr(9);
    for (const auto& e : s.employers.rows) {
      if (e.employer_id == id) return ExplainEmployer(s, e);
    }
  } else if (s.current.table.Find(scope) != nullptr) {
    std::string out = fmt::format("{} ({}), {}, {}:\n", ScopeLabel(scope), scope, s.year, WindowText(s));
    return out + ExplainRealisation(s, regimes, scope);
  }
  return Fail(Status::Usage(
      Say("--explain {}: geen scope van deze levering (verwacht total, market, government, subsector:<code>, "
          "organisation:<naam> of employer:<id> uit employers.csv)",
          "--explain {}: not a scope of this delivery (expected total, market, government, subsector:<code>, "
          "organisation:<name> or employer:<id> of employers.csv)",
          scope)));
}
}  // namespace banenmonitor::report
