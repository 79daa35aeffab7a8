// The scenario renderings: one regime, the compare screen, CSV and JSON
// (--explain is in scenario_explain.cc).
#include "report/scenario_format.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/number_format.h"
#include "report/realisation_format.h"
#include "report/scenario_text.h"
#include "report/text_table.h"
#include "report/provenance_format.h"

namespace banenmonitor::report {

namespace {

using namespace scenario_text;

// Total, the sectors, then the government subsectors (the market's only
// subsector, `market`, repeats the market sector and is left out).
std::vector<const RealisationRow*> SectorRows(const RealisationTable& t) {
  std::vector<const RealisationRow*> out;
  for (std::string_view scope : {"total", "market", "government"}) {
    if (const RealisationRow* r = t.Find(scope)) out.push_back(r);
  }
  for (const auto& r : t.rows) {
    if (r.level == ScopeLevel::kSubsector && r.scope != "subsector:market") out.push_back(&r);
  }
  return out;
}

// Short labels keep the screen within 100 columns (the common abbreviations
// of the education sectors; ScopeLabel has the long names).
std::string RowLabel(const RealisationRow& r) {
  if (r.level != ScopeLevel::kSubsector) return ScopeLabel(r.scope);
  static const std::pair<std::string_view, std::string_view> kShort[] = {
      {"subsector:po", "PO"},   {"subsector:vo", "VO"},   {"subsector:mbo", "MBO"},
      {"subsector:hbo", "HBO"}, {"subsector:wo", "WO"},   {"subsector:umc", "UMC's"},
      {"subsector:onderzoek", "Onderzoeksinst."},         {"subsector:overig", "Overig"}};
  for (const auto& [scope, label] : kShort) {
    if (r.scope == scope) return "  " + std::string(label);
  }
  return "  " + ScopeLabel(r.scope);
}

// A number of jobs without ",00" when whole: "125.000", "7,65".
std::string CompactJobs(double v) {
  std::string d = Dutch(v, 2);
  return d.ends_with(",00") ? d.substr(0, d.size() - 3) : d;
}


// An aligned table: columns left- or right-aligned, two spaces between.
class TextTable {
 public:
  explicit TextTable(std::vector<bool> left) : left_(std::move(left)) {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::vector<std::size_t> Widths() const {
    std::vector<std::size_t> w(left_.size(), 0);
    for (const auto& r : rows_) {
      for (std::size_t c = 0; c < r.size(); ++c) w[c] = std::max(w[c], Utf8Length(r[c]));
    }
    return w;
  }
  // Column start positions.
  std::vector<std::size_t> Starts() const {
    auto w = Widths();
    std::vector<std::size_t> s(w.size(), 0);
    for (std::size_t c = 1; c < w.size(); ++c) s[c] = s[c - 1] + w[c - 1] + 2;
    return s;
  }
  std::string Render() const {
    auto w = Widths();
    std::string out;
    for (const auto& r : rows_) out += AlignedLine(r, w, left_);
    return out;
  }

 private:
  std::vector<bool> left_;
  std::vector<std::vector<std::string>> rows_;
};

// A line with `text` starting at column `at` of a line that already holds `line`.
void PlaceAt(std::string& line, std::size_t at, std::string_view text) {
  std::size_t len = Utf8Length(line);
  if (len < at) line += std::string(at - len, ' ');
  else if (!line.empty()) line += ' ';
  line += text;
}

// --- Notes shared by the texts ------------------------------------------------

std::string TargetNote(const ScenarioResult& s, Regime regime) {
  const RegimeRealisation& r = s.For(regime);
  auto jobs = [](const std::optional<double>& t) { return t ? CompactJobs(*t) : std::string("geen"); };
  if (regime == Regime::kCurrent) {
    return fmt::format("Opgave huidig: twee opgaven, markt {} en overheid {} extra banen (targets.csv {}).\n",
                       jobs(r.market_target), jobs(r.government_target), s.year);
  }
  const RealisationRow* total = r.table.Find("total");
  switch (r.national) {
    case NationalTarget::kSumOfSectors:
      return fmt::format("Opgave nieuwe wet: één opgave op het totaal = markt {} + overheid {} = {} extra banen (art. 4).\n",
                         jobs(r.market_target), jobs(r.government_target), jobs(total->target_extra_jobs));
    case NationalTarget::kTotalRow:
      return fmt::format("Opgave nieuwe wet: één opgave op het totaal = {} extra banen (rij total; markt of overheid zonder "
                         "opgave).\n",
                         jobs(total->target_extra_jobs));
    default:
      return fmt::format("Opgave nieuwe wet: niet te bepalen (targets.csv {}: geen opgave voor markt én overheid, geen rij "
                         "total).\n",
                         s.year);
  }
}

std::string SroiNote(const ScenarioResult& s) {
  const SroiShift& x = s.sroi;
  if (!x.delivered) return "Social return: geen sroi.csv in de levering; de overheid telt met en zonder even veel.\n";
  std::string out = std::string(kSroiPolicyNote) + "\n";
  out += s.sroi_counts_for_buyer
                        ? "Social return (sroi.csv) telt in de tabel voor de opdrachtgever (--sroi counts-for-buyer):\n"
                        : "Social return (sroi.csv) telt in de tabel voor de opdrachtnemer; voor de opdrachtgever:\n";
  const RealisationTable& t = s.current.table;
  auto pct = [&](const RealisationRow& r) {
    return r.realisation_pct ? fmt::format(" ({})", FiguresOf(t, r).pct) : std::string();
  };
  // Jobs that changed sector, exactly: the government's hours with minus without.
  Ratio moved{x.government_with.hours - x.government_without.hours, ExactFiguresOf(t, x.government_with).jobs.den};
  std::string delta = DutchRatio(moved, 2);
  return out + fmt::format("  overheid zonder → met: {} → {} banen{}; verschuiving {}{}.\n",
                           FiguresOf(t, x.government_without).jobs, FiguresOf(t, x.government_with).jobs,
                           pct(x.government_without).empty()
                               ? std::string()
                               : fmt::format(" ({} → {})", FiguresOf(t, x.government_without).pct,
                                             FiguresOf(t, x.government_with).pct),
                           moved.num >= 0 ? "+" : "", delta);
}

std::string SurchargeNote(const ScenarioResult& s) {
  const EmployerEffects& e = s.employers;
  const WageBasis& w = e.wages;
  if (!w.any_wage) {
    return fmt::format("Inclusiviteitsopslag niet te berekenen: {} bevat voor {} geen premieplichtig loon.\n",
                       WageSourceName(w.source), s.year);
  }
  std::string months = w.months < 12 ? fmt::format(", {} mnd", w.months) : std::string();
  if (!e.opslag_ppm) {
    return fmt::format("Opslag niet berekend: geen percentage opgegeven (--opslag PCT).{}\n",
                       w.small_threshold_cents
                           ? fmt::format(" Klein: loonsom ≤ € {}{}.", Euro2(*w.small_threshold_cents), months)
                           : std::string());
  }
  if (!w.small_threshold_cents) {
    return "Kleine werkgever: niet te bepalen (geen average_premium_wage_employee_year in het parameterbestand).\n";
  }
  return fmt::format("Klein (geen opslag): premieloon ≤ 25 × gem. premieloon per werknemer (UWV, € {}) = € {}{}.\n",
                     Euro(*w.average_wage_per_employee_cents), Euro2(*w.small_threshold_cents), months);
}

// One short line; the files' SHA-256 are in --format json.
std::string ProvenanceLine(const Provenance& p) {
  std::size_t files = 0;
  for (const auto& f : p.files) files += f.present ? 1 : 0;
  return fmt::format("Herkomst: {}banenmonitor {}, parameters {}, {} bestanden (sha256: --format json).\n",
                     p.synthetic ? "synthetische gegevens, " : "", p.program_version, p.parameter_version, files);
}

std::string Truncate(const std::string& s, std::size_t max) {
  if (Utf8Length(s) <= max) return s;
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((s[i] & 0xC0) != 0x80 && ++n > max - 1) break;
    out += s[i];
  }
  return out + "…";
}

// The employer block: `columns` old levy and/or the new amounts.
std::string EmployerBlock(const ScenarioResult& s, bool show_new, std::size_t top) {
  const EmployerEffects& e = s.employers;
  auto order = e.ByLevy();
  std::size_t shown = std::min(top, order.size());
  std::string out;
  out += fmt::format("Per werkgever, top {} van {} naar {} (euro, {}; * = berekend, niet geheven):\n", shown,
                     order.size(), show_new ? "oude heffing" : "quotumheffing", s.year);
  TextTable t(show_new ? std::vector<bool>{true, true, true, false, false, false, false}
                       : std::vector<bool>{true, true, true, false, false, false});
  if (show_new) {
    t.Add({"Werkgever", "Naam", "Sector", "Heffing oud",
           e.opslag_ppm ? "Opslag " + OpslagPct(*e.opslag_ppm) + " %" : std::string("Opslag"),
           e.due ? (s.params.bonus_is_design ? "Bonus ontw." : "Bonus") : "Bonus", "Netto"});
  } else {
    t.Add({"Werkgever", "Naam", "Sector", "Plichtig", "Tekort", "Heffing"});
  }
  for (std::size_t i = 0; i < shown; ++i) {
    const EmployerEffect& x = e.rows[order[i]];
    std::string levy = kNone;
    if (x.levy_cents) {
      levy = Euro(*x.levy_cents);
      if (!x.levy_charged && *x.levy_cents > 0) levy += "*";
    }
    if (show_new) {
      std::string surcharge = kNone;
      if (x.surcharge_cents) {
        surcharge = x.small_employer ? "0 klein" : Euro(*x.surcharge_cents);
      } else if (e.wages.any_wage && x.wage_status != WageStatus::kComplete) {
        surcharge = "geen loon";
      }
      t.Add({x.employer_id, Truncate(x.name, 20), SectorNl(x.sector), levy, surcharge, Euro(x.bonus_cents),
             x.net_cents ? Euro(*x.net_cents) : kNone});
    } else {
      t.Add({x.employer_id, Truncate(x.name, 20), SectorNl(x.sector), x.liable ? "ja" : "nee",
             x.shortfall_tenths ? DutchFromFixed(FixedRatio(*x.shortfall_tenths, 10, 1)) : kNone, levy});
    }
  }
  out += t.Render();
  // Totals; in millions once they reach ten million, to stay on one line.
  std::int64_t largest = std::max({e.levy_cents, e.bonus_cents, e.surcharge_cents.value_or(0)});
  bool millions = largest >= 1'000'000'000;
  auto amount = [&](std::int64_t cents) {
    return millions ? DutchFromFixed(FixedRatio(cents, 100'000'000, 1)) : Euro(cents);
  };
  std::string totals = fmt::format("Alle {} werkgevers ({}): heffing oud {}", order.size(),
                                   millions ? "mln euro" : "euro", amount(e.levy_cents));
  if (show_new) {
    totals += e.surcharge_cents ? fmt::format(", opslag {}", amount(*e.surcharge_cents)) : ", opslag —";
    totals += fmt::format(", bonus {}", amount(e.bonus_cents));
    totals += e.surcharge_cents ? fmt::format(", netto {}", amount(*e.surcharge_cents - e.bonus_cents)) : ", netto —";
  }
  out += totals + ".\n";
  if (!s.old_levy_applies) out += std::string(kNoOldLevyNote) + "\n";
  return out;
}

}  // namespace

std::string QuotumregelingNote(const ScenarioResult& s) {
  const Activation& a = s.params.activation;
  if (a.source == ActivationSource::kNone) {
    return fmt::format("Quotumregeling niet geactiveerd (Wet banenafspraak art. 5): geen opslag en geen bonus in {}.\n",
                       s.year);
  }
  return fmt::format("Activering {} in {}{} (art. 5): opslag en bonus vanaf {}, {} in {}.\n",
                     a.source == ActivationSource::kAssumed ? "aangenomen" : "besloten", *a.year,
                     a.source == ActivationSource::kAssumed ? ", niet besloten" : "", *a.FirstYearDue(),
                     s.params.quotumregeling_due ? "dus wel" : "niet", s.year);
}

std::string QuotumregelingRule(const ScenarioResult& s) {
  const Activation& a = s.params.activation;
  std::string source = a.source == ActivationSource::kAssumed ? "aangenomen met --activation-year"
                       : a.source == ActivationSource::kDecided ? a.basis
                                                                : "parameterbestand: " + a.basis;
  return fmt::format(
      "  Art. 6 lid 1: de opslag is verschuldigd vanaf 1 januari van het tweede jaar na het jaar van\n"
      "  activering; art. 1 (quotumregeling): tegelijk komt de bonus op het LKV.\n  Activering: {}.\n",
      source);
}

std::string BaseNote(const ScenarioResult& s) {
  const ScenarioParams::Amount& max = s.params.maximum_premium_wage;
  return fmt::format(
      "Grondslag opslag: loon per maand begrensd op het maximumpremieloon ({} per 1.623 uur; Wfsv\n"
      "  art. 36), zonder uitgeleend en Wsw-personeel (art. 6 lid 4, 8): naar rato van de uren, want de\n"
      "  levering heeft loon per werkgever, niet per werknemer. Beschut werk en uitkeringen: niet geleverd.\n",
      max.cents ? "€ " + Euro(*max.cents) : std::string("geen maximum in het parameterbestand"));
}

std::string BonusNote(const ScenarioResult& s) {
  const ScenarioParams& p = s.params;
  std::string amount =
      p.bonus_is_design
          ? fmt::format("ontwerpwaarde € {} per baan van 25,5 uur per week ({} uur per jaar), naar rato",
                        Euro(p.bonus_micro_eur / 10'000), Euro(p.bonus_unit_hours / 10'000))
          : fmt::format("€ {} per uur (--bonus-per-hour)", EuroPerHour(p.bonus_micro_eur));
  return fmt::format("Banenafspraakbonus: {},\n  voor de werkgever met wie de persoon in dienstbetrekking staat: bij "
                     "uitlening het uitzendbureau\n  of Wsw-bedrijf, nooit de inlener (Wtl art. 2.12, 2.13 lid 2).\n",
                     amount);
}

// ---------------------------------------------------------------------------

std::string ScenarioText(const ScenarioResult& s, Regime regime, const Provenance& provenance, std::size_t top) {
  const RegimeRealisation& r = s.For(regime);
  std::string out = fmt::format(
      "Banenafspraak {}, {}: {}\n", s.year, WindowText(s),
      regime == Regime::kCurrent ? "huidige regels (twee sectoren, elk een eigen opgave)"
                                 : "Wet banenafspraak 2026 (één sector, één opgave; Kamerstuk 36 449)");
  out += fmt::format("1 baan = {} uur in dit venster (Besluit Wfsv art. 2.32).\n\n", Dutch(r.table.hours_per_job, 2));
  TextTable t({true, false, false, false, false, false, false, false});
  t.Add({"Scope", "Personen", "Banen", "w.v. SROI", "Nulmeting", "Extra banen", "Opgave", "Realisatie"});
  for (const RealisationRow* row : SectorRows(r.table)) {
    Figures f = FiguresOf(r.table, *row);
    t.Add({RowLabel(*row), DutchInt(row->persons), f.jobs, f.jobs_sroi, f.baseline, f.extra, f.target, f.pct});
  }
  out += t.Render() + "\n";
  out += TargetNote(s, regime);
  out += SroiNote(s) + "\n";
  out += EmployerBlock(s, regime == Regime::kWetBanenafspraak2026, top);
  if (regime == Regime::kWetBanenafspraak2026) {
    out += QuotumregelingNote(s) + QuotumregelingRule(s) + BonusNote(s) + BaseNote(s) + SurchargeNote(s);
  }
  out += "Alle werkgevers: --format csv --rows employers; één scope uitgelegd: --explain SCOPE.\n";
  out += ProvenanceLine(provenance);
  return out;
}

std::string ScenarioCompareText(const ScenarioResult& s, const Provenance& provenance, std::size_t top) {
  const RealisationTable& cur = s.current.table;
  const RealisationTable& law = s.law2026.table;
  std::string out = fmt::format("Banenafspraak {}, {} (1 baan = {} uur): huidige regels naast Wet banenafspraak 2026\n",
                                s.year, WindowText(s), Dutch(cur.hours_per_job, 2));
  TextTable t({true, false, false, false, false, false, false, false});
  t.Add({"Sector", "Banen", "Extra", "Opgave", "Real.", "Extra", "Opgave", "Real."});
  auto cur_rows = SectorRows(cur);
  auto law_rows = SectorRows(law);
  for (std::size_t i = 0; i < cur_rows.size(); ++i) {
    Figures a = FiguresOf(cur, *cur_rows[i]);
    Figures b = FiguresOf(law, *law_rows[i]);  // the same count, so the same rows in the same order
    t.Add({RowLabel(*cur_rows[i]), a.jobs, a.extra, a.target, a.pct, b.extra, b.target, b.pct});
  }
  auto starts = t.Starts();
  std::string groups;
  PlaceAt(groups, starts[2], "Huidig: twee sectoren");
  PlaceAt(groups, starts[5], "Wet 2026: één sector");
  out += groups + "\n" + t.Render();
  out += TargetNote(s, Regime::kWetBanenafspraak2026);
  out += SroiNote(s) + "\n";
  out += EmployerBlock(s, true, top);
  out += QuotumregelingNote(s) + SurchargeNote(s);
  out += ProvenanceLine(provenance);
  return out;
}

// ---------------------------------------------------------------------------

std::string ScenarioRealisationCsv(const ScenarioResult& s, std::span<const Regime> regimes) {
  std::string out =
      "year,window,regime,sroi,scope,persons,hours,hours_sroi,jobs,baseline_jobs,extra_jobs,target_extra_jobs,"
      "realisation_pct\n";
  const char* sroi = s.sroi_counts_for_buyer ? "counts-for-buyer" : "counts-for-contractor";
  for (Regime regime : regimes) {
    const RealisationTable& t = s.For(regime).table;
    for (const auto& r : t.rows) {
      if (r.level != ScopeLevel::kTotal && r.level != ScopeLevel::kSector && r.level != ScopeLevel::kSubsector) continue;
      ExactFigures x = ExactFiguresOf(t, r);
      auto fixed = [](const std::optional<Ratio>& v, int d) { return v ? FixedRatio(v->num, v->den, d) : std::string(); };
      out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", s.year, WindowName(s.window), RegimeName(regime), sroi,
                         r.scope, r.persons, FixedHours(r.hours), FixedHours(r.hours_sroi),
                         FixedRatio(x.jobs.num, x.jobs.den, 2), FixedRatio(x.baseline_jobs.num, x.baseline_jobs.den, 2),
                         FixedRatio(x.extra_jobs.num, x.extra_jobs.den, 2), fixed(x.target_extra_jobs, 2),
                         fixed(x.realisation_pct, 1));
    }
  }
  return out;
}

std::string ScenarioEmployersCsv(const ScenarioResult& s) {
  std::string out =
      "year,employer_id,sector,subsector,liable,shortfall_jobs,levy_eur,levy_charged,wage_status,wage_eur,"
      "wage_capped_eur,hours_all_staff,hours_lent_wsw,surcharge_base_eur,small_employer,surcharge_eur,bonus_hours,"
      "bonus_eur,net_eur\n";
  for (const auto& e : s.employers.rows) {
    out += fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", s.year, e.employer_id, SectorName(e.sector),
        e.subsector, e.liable ? "yes" : "no",
        e.shortfall_tenths ? FixedRatio(*e.shortfall_tenths, 10, 1) : std::string(),
        e.levy_cents ? FixedRatio(*e.levy_cents, 100, 0) : std::string(), e.levy_charged ? "yes" : "no",
        WageStatusName(e.wage_status), CsvEuro(e.wage_cents), CsvEuro(e.capped_wage_cents), FixedHours(e.hours_all),
        FixedHours(e.hours_lent_wsw),
        CsvEuro(e.base_cents), e.wage_cents ? (e.small_employer ? "yes" : "no") : "", CsvEuro(e.surcharge_cents),
        FixedHours(e.bonus_hours), FixedRatio(e.bonus_cents, 100, 2), CsvEuro(e.net_cents));
  }
  return out;
}

// ---------------------------------------------------------------------------

nlohmann::ordered_json ScenarioJson(const ScenarioResult& s, std::span<const Regime> regimes, const Provenance& p) {
  using nlohmann::ordered_json;
  auto number = [](const std::string& fixed) -> ordered_json {
    return fixed.empty() ? ordered_json(nullptr) : ordered_json(std::stod(fixed));
  };
  auto ratio = [&](const std::optional<Ratio>& r, int d) {
    return r ? number(FixedRatio(r->num, r->den, d)) : ordered_json(nullptr);
  };
  auto euro = [&](const std::optional<std::int64_t>& c) {
    return c ? number(FixedRatio(*c, 100, 2)) : ordered_json(nullptr);
  };
  ordered_json out;
  out["year"] = s.year;
  out["window"] = WindowName(s.window);
  out["sroi"] = s.sroi_counts_for_buyer ? "counts-for-buyer" : "counts-for-contractor";
  const ScenarioParams& prm = s.params;
  out["parameters"] = {
      {"hours_per_job", s.current.table.hours_per_job},
      {"opslag_pct", prm.opslag_ppm ? number(FixedRatio(*prm.opslag_ppm, kOpslagPpmPerPercent, 4)) : ordered_json(nullptr)},
      {"bonus_eur", number(FixedRatio(prm.bonus_micro_eur, kMicroEuroPerEuro, 6))},
      {"bonus_per_hours", number(FixedHours(prm.bonus_unit_hours))},
      {"bonus_status", prm.bonus_is_design ? "ontwerpwaarde" : "--bonus-per-hour"},
      {"bonus_paid_to", "payroll employer (Wtl art. 2.12)"},
      {"bonus_basis", prm.bonus_basis},
      {"bonus_valid_from", prm.bonus_valid_from},
      {"hours_per_employee_year", number(FixedHours(prm.hours_per_employee_year))},
      {"small_employer_hours", number(FixedHours(prm.small_employer_hours))},
      {"maximum_premium_wage_eur", euro(prm.maximum_premium_wage.cents)},
      {"maximum_premium_wage_basis", prm.maximum_premium_wage.basis},
      {"maximum_premium_wage_valid_from", prm.maximum_premium_wage.valid_from},
      {"average_premium_wage_eur", euro(prm.average_premium_wage.cents)},
      {"average_premium_wage_basis", prm.average_premium_wage.basis},
      {"average_premium_wage_valid_from", prm.average_premium_wage.valid_from},
      {"apportioned_by_hours",
       "the cap per employee (Wfsv art. 36) and the exclusions of art. 6 lid 4 and 8: the delivery has wages per "
       "employer and month only"},
  };
  const Activation& a = prm.activation;
  out["quotumregeling"] = {
      {"activation", ActivationSourceName(a.source)},
      {"activation_year", a.year ? ordered_json(*a.year) : ordered_json(nullptr)},
      {"first_year_due", a.FirstYearDue() ? ordered_json(*a.FirstYearDue()) : ordered_json(nullptr)},
      {"due", prm.quotumregeling_due},
      {"legal_basis", "Wet banenafspraak art. 5, art. 6 lid 1, art. 1 (quotumregeling)"},
      {"activation_basis", a.basis},
      {"note", QuotumregelingNote(s).substr(0, QuotumregelingNote(s).size() - 1)},
  };
  ordered_json regimes_json = ordered_json::array();
  for (Regime regime : regimes) {
    const RegimeRealisation& r = s.For(regime);
    ordered_json rows = ordered_json::array();
    for (const auto& row : r.table.rows) {
      if (row.level != ScopeLevel::kTotal && row.level != ScopeLevel::kSector && row.level != ScopeLevel::kSubsector) continue;
      ExactFigures x = ExactFiguresOf(r.table, row);
      rows.push_back({{"scope", row.scope},
                      {"persons", row.persons},
                      {"hours", number(FixedHours(row.hours))},
                      {"hours_sroi", number(FixedHours(row.hours_sroi))},
                      {"jobs", ratio(x.jobs, 2)},
                      {"baseline_jobs", ratio(x.baseline_jobs, 2)},
                      {"extra_jobs", ratio(x.extra_jobs, 2)},
                      {"target_extra_jobs", ratio(x.target_extra_jobs, 2)},
                      {"realisation_pct", ratio(x.realisation_pct, 1)}});
    }
    regimes_json.push_back({{"regime", RegimeName(regime)},
                            {"national_target", NationalTargetName(r.national)},
                            {"market_target", r.market_target ? ordered_json(*r.market_target) : ordered_json(nullptr)},
                            {"government_target",
                             r.government_target ? ordered_json(*r.government_target) : ordered_json(nullptr)},
                            {"rows", std::move(rows)}});
  }
  out["regimes"] = std::move(regimes_json);
  const SroiShift& x = s.sroi;
  const RealisationTable& t = s.current.table;
  auto jobs = [&](const RealisationRow& r) { return ratio(ExactFiguresOf(t, r).jobs, 2); };
  out["social_return"] = {{"delivered", x.delivered},
                          {"legal_basis", "none: policy what-if (quotum-and-scenarios.md §4)"},
                          {"note", kSroiPolicyNote},
                          {"rows_in_window", x.cells},
                          {"hours_moved", number(FixedHours(x.hours_moved))},
                          {"government_jobs_without", jobs(x.government_without)},
                          {"government_jobs_with", jobs(x.government_with)},
                          {"market_jobs_without", jobs(x.market_without)},
                          {"market_jobs_with", jobs(x.market_with)}};
  const WageBasis& w = s.employers.wages;
  ordered_json employers = ordered_json::array();
  for (const auto& e : s.employers.rows) {
    employers.push_back({{"employer_id", e.employer_id},
                         {"sector", SectorName(e.sector)},
                         {"subsector", e.subsector},
                         {"liable", e.liable},
                         {"shortfall_jobs", e.shortfall_tenths ? number(FixedRatio(*e.shortfall_tenths, 10, 1)) : ordered_json(nullptr)},
                         {"levy_eur", euro(e.levy_cents)},
                         {"levy_charged", e.levy_charged},
                         {"wage_status", WageStatusName(e.wage_status)},
                         {"wage_eur", euro(e.wage_cents)},
                         {"wage_capped_eur", euro(e.capped_wage_cents)},
                         {"hours_all_staff", number(FixedHours(e.hours_all))},
                         {"hours_lent_wsw", number(FixedHours(e.hours_lent_wsw))},
                         {"surcharge_base_eur", euro(e.base_cents)},
                         {"small_employer", e.wage_cents ? ordered_json(e.small_employer) : ordered_json(nullptr)},
                         {"surcharge_eur", euro(e.surcharge_cents)},
                         {"bonus_hours", number(FixedHours(e.bonus_hours))},
                         {"bonus_eur", euro(e.bonus_cents)},
                         {"net_eur", euro(e.net_cents)}});
  }
  out["employers"] = {{"wage_source", WageSourceName(w.source)},
                      {"wages_delivered", w.any_wage},
                      {"wage_months", w.months},
                      {"average_wage_per_employee_eur", euro(w.average_wage_per_employee_cents)},
                      {"small_employer_threshold_eur", euro(w.small_threshold_cents)},
                      {"levy_eur", s.old_levy_applies ? euro(s.employers.levy_cents) : ordered_json(nullptr)},
                      {"old_levy_applies", s.old_levy_applies},
                      {"surcharge_eur", euro(s.employers.surcharge_cents)},
                      {"bonus_eur", euro(s.employers.bonus_cents)},
                      {"rows", std::move(employers)}};
  out["provenance"] = ProvenanceJson(p);
  return out;
}

}  // namespace banenmonitor::report
