#include "report/quotum_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "common/lang.h"
#include "common/number_format.h"
#include "report/realisation_format.h"
#include "report/text_table.h"
#include "report/provenance_format.h"

namespace banenmonitor::report {

namespace {

// --- Exact figures as text -----------------------------------------------------

std::string Pct(PctHundredths p) { return fmt::format("{}.{:02d}", p / 100, p % 100); }
std::string Pct(const std::optional<PctHundredths>& p) { return p ? Pct(*p) : std::string(); }
std::string Tenths(std::int64_t t) { return fmt::format("{}.{}", t / 10, t % 10); }
std::string Tenths(const std::optional<std::int64_t>& t) { return t ? Tenths(*t) : std::string(); }
// Whole euros from cents, half up (the levy is a whole number of euros).
std::string Euros(std::int64_t cents) { return std::to_string((cents + 50) / 100); }
std::string Euros(const std::optional<std::int64_t>& cents) { return cents ? Euros(*cents) : std::string(); }
std::string Jobs(const std::optional<Ratio>& r, int decimals = 2) {
  return r ? FixedRatio(r->num, r->den, decimals) : std::string();
}

// The figures of a total that need a quotum percentage: empty when no
// employer of the scope has one (e.g. the market sector without --quotum-pct).
struct TotalFigures {
  std::string required, shortfall, levy, levy_charged;
};
TotalFigures TotalFiguresOf(const QuotumTotal& s) {
  if (s.employers_with_pct == 0) return {};
  return {FixedRatio(s.required_jobs.num, s.required_jobs.den, 2), Tenths(s.shortfall_tenths), Euros(s.levy_cents),
          Euros(s.levy_charged_cents)};
}

std::string DHours(Hours h) { return DutchFromFixed(FixedHours(h)); }
std::string DPct(PctHundredths p) { return DutchFromFixed(Pct(p)) + " %"; }
std::string DEuros(std::int64_t cents) { return "€ " + DutchFromFixed(Euros(cents)); }

const char* SectorDutch(Sector s) { return s == Sector::kGovernment ? "overheid" : "markt"; }

// Whole hours without decimals ("40.575"), else two decimals.
std::string DHoursParam(Hours h) {
  return h % kMicroPerHour == 0 ? DutchInt(h / kMicroPerHour) : DutchFromFixed(FixedHours(h));
}
std::string ThresholdText(const QuotumTable& t) { return DHoursParam(t.params.threshold); }


std::string SourceText(const QuotumTable& t) {
  return t.a_source == StaffHoursSource::kEmployerHours
             ? "employer_hours.csv (alle personeel min uitgeleende uitzendkrachten en Wsw-werknemers)"
             : "payroll.csv als volledig loonextract (geen employer_hours.csv): alle loonregels min uitgeleende uren "
               "en uren met wsw = 1";
}

std::string PctLine(const QuotumTable& t, Sector s) {
  const QuotumSectorRule& rule = t.params.For(s);
  std::string out = fmt::format("quotumpercentage {} {}: ", SectorDutch(s), t.year);
  if (!rule.pct) return out + "geen (niet in het parameterbestand; geef --quotum-pct " + SectorName(s) + "=PCT)";
  out += DPct(*rule.pct) + " (" + rule.pct_basis + ")";
  out += rule.activated ? "; quotum geactiveerd" : "; quotum niet geactiveerd";
  return out + " (" + rule.activation_basis + ")";
}

std::string NotChargedText(const QuotumTable& t, const QuotumRow& r, NotCharged reason) {
  switch (reason) {
    case NotCharged::kNoPercentage:
      return fmt::format("geen quotumpercentage voor de sector {} in {} (geef --quotum-pct {}=PCT)", SectorDutch(r.sector), t.year, SectorName(r.sector));
    case NotCharged::kNotLiable: return "niet quotumplichtig";
    case NotCharged::kNoShortfall: return "geen quotumtekort";
    case NotCharged::kSectorNotActivated:
      return fmt::format("quotum niet geactiveerd voor de sector {} (Wfsv art. 38c)", SectorDutch(r.sector));
    case NotCharged::kBeforeNewLaw: return "geen heffing over jaren vóór de nieuwe wet (Wfsv art. 122na)";
  }
  return "?";
}

std::string LiabilityText(const QuotumTable& t, const QuotumRow& r) {
  const std::string th = ThresholdText(t);
  const std::string cur = DHours(r.a_current.a), prev = DHours(r.a_previous.a);
  if (!t.previous_year_in_delivery) {
    return fmt::format("{} op {} alleen ({} niet in de levering): A {} {} {}", r.liable ? "plichtig" : "niet plichtig",
                       t.year, t.year - 1, cur, r.liable ? "≥" : "<", th);
  }
  if (r.liable) return fmt::format("plichtig: A {} {} en {} {}, beide ≥ {}", t.year - 1, prev, t.year, cur, th);
  std::vector<std::string> below;
  if (r.a_previous.a < t.params.threshold) below.push_back(fmt::format("A {} {} < {}", t.year - 1, prev, th));
  if (r.a_current.a < t.params.threshold) below.push_back(fmt::format("A {} {} < {}", t.year, cur, th));
  std::string out = "niet plichtig: ";
  for (std::size_t i = 0; i < below.size(); ++i) out += (i ? " en " : "") + below[i];
  return out;
}

}  // namespace

std::string QuotumWhy(const QuotumTable& t, const QuotumRow& r) {
  std::string out = LiabilityText(t, r);
  if (!r.liable) return out + "; geen heffing";
  if (!r.pct) return out + "; " + NotChargedText(t, r, NotCharged::kNoPercentage);
  if (*r.shortfall_tenths == 0) return out + "; geen quotumtekort, geen heffing";
  if (r.charged()) return out + "; heffing geheven";
  out += "; heffing berekend, niet geheven: ";
  bool first = true;
  for (NotCharged reason : r.not_charged) {
    out += (first ? "" : "; ") + NotChargedText(t, r, reason);
    first = false;
  }
  return out;
}

std::string QuotumCsv(const QuotumTable& t, QuotumLevel level) {
  std::string out;
  if (level == QuotumLevel::kEmployer) {
    out = "year,employer_id,sector,subsector,hours_all_staff,hours_target_group,liable,quotum_pct,required_jobs,"
          "shortfall_jobs,levy_eur\n";
    for (const QuotumRow& r : t.rows) {
      out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", t.year, r.employer_id, SectorName(r.sector), r.subsector,
                         FixedHours(r.a_current.a), FixedHours(r.c.c), r.liable ? "yes" : "no", Pct(r.pct),
                         Jobs(r.required_jobs), Tenths(r.shortfall_tenths), Euros(r.levy_cents));
    }
    return out;
  }
  out = "year,scope,employers,liable_employers,hours_all_staff,hours_target_group,quotum_pct,required_jobs,"
        "shortfall_jobs,levy_eur,levy_charged_eur\n";
  for (const QuotumTotal* s : t.TotalsFor(level)) {
    TotalFigures f = TotalFiguresOf(*s);
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", t.year, s->scope, s->employers, s->liable_employers,
                       FixedHours(s->a), FixedHours(s->c), Pct(s->pct), f.required, f.shortfall, f.levy,
                       f.levy_charged);
  }
  return out;
}

nlohmann::ordered_json QuotumJson(const QuotumTable& t, QuotumLevel level, const Provenance& provenance) {
  using nlohmann::ordered_json;
  auto number = [](const std::string& fixed) -> ordered_json {
    return fixed.empty() ? ordered_json(nullptr) : ordered_json(std::stod(fixed));
  };
  auto integer = [](const std::optional<std::int64_t>& cents) -> ordered_json {
    return cents ? ordered_json((*cents + 50) / 100) : ordered_json(nullptr);
  };
  ordered_json rows = ordered_json::array();
  if (level == QuotumLevel::kEmployer) {
    for (const QuotumRow& r : t.rows) {
      ordered_json row;
      row["year"] = t.year;
      row["employer_id"] = r.employer_id;
      row["sector"] = SectorName(r.sector);
      row["subsector"] = r.subsector;
      row["hours_all_staff"] = number(FixedHours(r.a_current.a));
      row["hours_all_staff_previous_year"] =
          t.previous_year_in_delivery ? number(FixedHours(r.a_previous.a)) : ordered_json(nullptr);
      row["hours_target_group"] = number(FixedHours(r.c.c));
      row["liable"] = r.liable;
      row["quotum_pct"] = number(Pct(r.pct));
      row["required_jobs"] = number(Jobs(r.required_jobs));
      row["shortfall_jobs"] = number(Tenths(r.shortfall_tenths));
      row["levy_eur"] = integer(r.levy_cents);
      row["charged"] = r.charged();
      ordered_json reasons = ordered_json::array();
      for (NotCharged reason : r.not_charged) reasons.push_back(NotChargedCode(reason));
      row["not_charged"] = std::move(reasons);
      row["why"] = QuotumWhy(t, r);
      row["target_group_hours"] = {{"own", number(FixedHours(r.c.own))},
                                   {"own_voorziening", number(FixedHours(r.c.own_voorziening))},
                                   {"hired_out", number(FixedHours(r.c.hired_out))},
                                   {"wsw_not_hired_out", number(FixedHours(r.c.wsw_not_hired_out))},
                                   {"hired_in", number(FixedHours(r.c.hired_in))}};
      rows.push_back(std::move(row));
    }
  } else {
    for (const QuotumTotal* s : t.TotalsFor(level)) {
      ordered_json row;
      row["year"] = t.year;
      row["scope"] = s->scope;
      row["employers"] = s->employers;
      row["liable_employers"] = s->liable_employers;
      row["hours_all_staff"] = number(FixedHours(s->a));
      row["hours_target_group"] = number(FixedHours(s->c));
      row["quotum_pct"] = number(Pct(s->pct));
      TotalFigures f = TotalFiguresOf(*s);
      row["required_jobs"] = number(f.required);
      row["shortfall_jobs"] = number(f.shortfall);
      row["levy_eur"] = number(f.levy);
      row["levy_charged_eur"] = number(f.levy_charged);
      rows.push_back(std::move(row));
    }
  }
  ordered_json sectors = ordered_json::object();
  for (Sector s : {Sector::kGovernment, Sector::kMarket}) {
    const QuotumSectorRule& rule = t.params.For(s);
    sectors[SectorName(s)] = {{"quotum_pct", number(Pct(rule.pct))},
                              {"quotum_pct_status", PctStatusCode(rule.pct_status)},
                              {"quotum_pct_basis", rule.pct_basis},
                              {"quotum_pct_overridden", rule.pct_overridden},
                              {"activated", rule.activated},
                              {"activation_basis", rule.activation_basis}};
  }
  ordered_json out;
  out["year"] = t.year;
  out["level"] = QuotumLevelName(level);
  out["hours_all_staff_source"] = t.a_source == StaffHoursSource::kEmployerHours ? "employer_hours.csv" : "payroll.csv";
  out["previous_year_in_delivery"] = t.previous_year_in_delivery;
  out["parameters"] = {{"threshold_hours", number(FixedHours(t.params.threshold))},
                       {"threshold_basis", t.params.threshold_basis},
                       {"hours_per_job", number(FixedHours(t.params.hours_per_job))},
                       {"hours_per_job_basis", t.params.hours_per_job_basis},
                       {"levy_per_job_eur", (t.params.levy_per_job_cents + 50) / 100},
                       {"levy_basis", t.params.levy_basis},
                       {"levy_chargeable_year", t.params.levy_chargeable_year},
                       {"levy_chargeable_basis", t.params.levy_chargeable_basis},
                       {"levy_status", LevyStatusText(t.params)},
                       {"sectors", std::move(sectors)}};
  out["rows"] = std::move(rows);
  out["provenance"] = ProvenanceJson(provenance);
  return out;
}

const char* LevyStatusText(const QuotumParams& params) {
  return params.levy_chargeable_year ? "opgelegd" : "berekend, niet opgelegd";
}

std::string QuotumText(const QuotumTable& t, QuotumLevel level, const Provenance& provenance) {
  std::string out = fmt::format("Quotum arbeidsbeperkten {} (Wfsv art. 38b–38j), per {}\n\n", t.year,
                                level == QuotumLevel::kEmployer    ? "werkgever"
                                : level == QuotumLevel::kSubsector ? "subsector"
                                                                   : "sector");
  if (level == QuotumLevel::kEmployer) {
    std::vector<std::string> headers = {"Werkgever", "Naam",    "Sector",  "Subsector", "A (uren)", "C (uren)",
                                        "Plichtig",  "Quotum",  "Vereist", "Tekort",    "Heffing",  "Waarom"};
    std::vector<std::vector<std::string>> cells;
    for (const QuotumRow& r : t.rows) {
      cells.push_back({r.employer_id, r.name, SectorDutch(r.sector), ScopeLabel("subsector:" + r.subsector),
                       DHours(r.a_current.a), DHours(r.c.c), r.liable ? "ja" : "nee",
                       r.pct ? DPct(*r.pct) : "", DutchOrEmpty(Jobs(r.required_jobs)),
                       DutchOrEmpty(Tenths(r.shortfall_tenths)), r.levy_cents ? DEuros(*r.levy_cents) : "",
                       QuotumWhy(t, r)});
    }
    out += AlignedTable(headers, cells, {true, true, true, true, false, false, true, false, false, false, false, true});
  } else {
    std::vector<std::string> headers = {"Scope",   "Werkgevers", "Plichtig", "A (uren)", "C (uren)", "Quotum",
                                        "Vereist", "Tekort",     "Heffing",  "Geheven"};
    std::vector<std::vector<std::string>> cells;
    for (const QuotumTotal* s : t.TotalsFor(level)) {
      TotalFigures f = TotalFiguresOf(*s);
      auto euros = [](const std::string& e) { return e.empty() ? e : "€ " + DutchFromFixed(e); };
      cells.push_back({ScopeLabel(s->scope), DutchInt(s->employers), DutchInt(s->liable_employers), DHours(s->a),
                       DHours(s->c), s->pct ? DPct(*s->pct) : "", DutchOrEmpty(f.required),
                       DutchOrEmpty(f.shortfall), euros(f.levy), euros(f.levy_charged)});
    }
    out += AlignedTable(headers, cells, {true, false, false, false, false, false, false, false, false, false});
  }
  out += "\n";
  out += "A = verloonde uren van al het personeel (Besluit Wfsv art. 2.31, 2.33), uit " + SourceText(t) + ".\n";
  out += "C = verloonde uren van arbeidsbeperkten incl. voorziening (Wfsv art. 38b lid 2), plus ingeleend, min "
         "uitgeleend; Wsw-uren alleen waar uitgeleend.\n";
  out += fmt::format("Plichtig bij A ≥ {} uur in {} én {} (Wfsv art. 34 lid 4 en 6; {}).\n", ThresholdText(t),
                     t.year - 1, t.year, t.params.threshold_basis);
  if (!t.previous_year_in_delivery) {
    out += fmt::format("Let op: {} zit niet in de levering; de plicht is alleen op {} beoordeeld.\n", t.year - 1,
                       t.year);
  }
  out += fmt::format("Tekort = max(0, (A × B − C) / D), naar beneden afgerond op 1 decimaal (Wfsv art. 38g; Besluit "
                     "Wfsv art. 2.23); D = {} uur ({}).\n",
                     DHoursParam(t.params.hours_per_job), t.params.hours_per_job_basis);
  out += fmt::format("Heffing = tekort × {} ({}); {}.\n", DEuros(t.params.levy_per_job_cents), t.params.levy_basis,
                     t.params.levy_chargeable_year ? "dit jaar kan worden geheven"
                                                   : "berekend, niet opgelegd: over dit jaar wordt niet geheven (" +
                                                         t.params.levy_chargeable_basis + ")");
  out += "B: " + PctLine(t, Sector::kGovernment) + ".\n";
  out += "B: " + PctLine(t, Sector::kMarket) + ".\n";
  if (level != QuotumLevel::kEmployer) {
    for (const QuotumTotal* s : t.TotalsFor(level)) {
      if (s->scope == "total" && s->employers_with_pct < s->employers && s->employers_with_pct > 0) {
        out += "Vereist, tekort en heffing van Totaal tellen alleen werkgevers met een quotumpercentage.\n";
      }
    }
  }
  if (t.hours_attribution_capped > 0) {
    out += fmt::format("Inleenuren boven de verloonde uren (naar rato verlaagd, Besluit Wfsv art. 2.30): {}.\n",
                       DHours(t.hours_attribution_capped));
  }
  out += ProvenanceFooter(provenance, /*with_source=*/false);
  return out;
}

namespace {

std::string ExplainStaffHours(const QuotumTable& t, const StaffHours& s, int year) {
  const char* lent = t.a_source == StaffHoursSource::kEmployerHours ? "uitgeleende uitzendkrachten"
                                                                    : "uitgeleend (niet-Wsw, hire_in.csv)";
  return fmt::format("  {}: {} alle personeel − {} {} − {} Wsw-werknemers = {} uur ({} {} met gegevens)\n", year,
                     DHours(s.all), DHours(s.lent), lent, DHours(s.wsw), DHours(s.a), s.months,
                     s.months == 1 ? "maand" : "maanden");
}

std::string ExplainEmployer(const QuotumTable& t, const QuotumRow& r) {
  std::string out = fmt::format("Quotum {}, werkgever {}{}; sector {}, subsector {}\n\n", t.year, r.employer_id,
                                r.name.empty() ? "" : " (" + r.name + ")", SectorDutch(r.sector),
                                ScopeLabel("subsector:" + r.subsector));
  out += "A: verloonde uren van al het personeel (Besluit Wfsv art. 2.31 en 2.33)\n";
  out += "  bron: " + SourceText(t) + "\n";
  if (t.previous_year_in_delivery) {
    out += ExplainStaffHours(t, r.a_previous, t.year - 1);
  } else {
    out += fmt::format("  {}: niet in de levering\n", t.year - 1);
  }
  out += ExplainStaffHours(t, r.a_current, t.year);
  if (t.a_source == StaffHoursSource::kPayroll) {
    out += "  (uitgeleende uren zijn alleen bekend voor personen in het doelgroepregister: hire_in.csv)\n";
  }
  out += fmt::format("\nPlicht (Wfsv art. 34 lid 4 en 6; drempel {} uur, {}):\n  {}\n", ThresholdText(t),
                     t.params.threshold_basis, LiabilityText(t, r));

  out += "\nB: " + PctLine(t, r.sector) + "\n";

  out += "\nC: verloonde uren van arbeidsbeperkten in " + std::to_string(t.year) +
         " (maandregel van telregel 1, Wfsv art. 38g lid 8, inclusief de grond voorziening, Wfsv art. 38b lid 2)\n";
  std::vector<std::vector<std::string>> c = {
      {"  eigen loonuren", DHours(r.c.own), ""},
      {"    waarvan alleen via voorziening", DHours(r.c.own_voorziening), "(telt niet voor de banenafspraak)"},
      {"  − uitgeleend aan inleners", DHours(r.c.hired_out), "(Besluit Wfsv art. 2.27–2.31; counting.md §3 regel 3)"},
      {"  − Wsw-uren niet uitgeleend", DHours(r.c.wsw_not_hired_out), "(Wfsv art. 122n lid 4–5; regel 4)"},
      {"  + ingeleend", DHours(r.c.hired_in), ""},
      {"  = C", DHours(r.c.c), ""},
  };
  std::size_t w0 = 0, w1 = 0;
  for (const auto& row : c) {
    w0 = std::max(w0, Utf8Length(row[0]));
    w1 = std::max(w1, Utf8Length(row[1]));
  }
  for (const auto& row : c) {
    std::string line = row[0] + std::string(w0 - Utf8Length(row[0]) + 2 + w1 - Utf8Length(row[1]), ' ') + row[1];
    if (!row[2].empty()) line += "  " + row[2];
    out += line + "\n";
  }

  out += fmt::format("\nD: {} uur per baan ({})\n", DHoursParam(t.params.hours_per_job),
                     t.params.hours_per_job_basis);

  out += "\nBerekening:\n";
  if (!r.pct) {
    out += "  zonder quotumpercentage geen vereist aantal banen, tekort of heffing (geef --quotum-pct " +
           std::string(SectorName(r.sector)) + "=PCT)\n";
  } else {
    const Ratio& req = *r.required_jobs;
    // A x B in hours: A (micro-hours) x pct-hundredths / 10,000 / 1e6.
    Ratio ab{static_cast<__int128>(r.a_current.a) * *r.pct, static_cast<__int128>(10'000) * kMicroPerHour};
    out += fmt::format("  A × B = {} × {} = {} uur\n", DHours(r.a_current.a), DPct(*r.pct),
                       DutchFromFixed(FixedRatio(ab.num, ab.den, 2)));
    out += fmt::format("  vereist = A × B / D = {} / {} = {} banen\n", DutchFromFixed(FixedRatio(ab.num, ab.den, 2)),
                       DHoursParam(t.params.hours_per_job),
                       DutchFromFixed(FixedRatio(req.num, req.den, 2)));
    out += fmt::format("  (A × B − C) / D = ({} − {}) / {} = {} banen\n", DutchFromFixed(FixedRatio(ab.num, ab.den, 2)),
                       DHours(r.c.c), DHoursParam(t.params.hours_per_job),
                       DutchFromFixed(FixedRatio(r.gap_jobs->num, r.gap_jobs->den, 4)));
    if (r.liable) {
      out += fmt::format("  tekort = max(0, …) naar beneden afgerond op 1 decimaal = {} banen (Wfsv art. 38g; "
                         "Besluit Wfsv art. 2.23)\n",
                         DutchFromFixed(Tenths(r.shortfall_tenths)));
    } else {
      out += "  tekort = 0,0: niet quotumplichtig\n";
    }
    out += fmt::format("  heffing = {} × {} = {} ({})\n", DutchFromFixed(Tenths(r.shortfall_tenths)),
                       DEuros(t.params.levy_per_job_cents), DEuros(*r.levy_cents), t.params.levy_basis);
  }
  out += "\nGeheven: ";
  if (r.charged()) {
    out += "ja\n";
  } else {
    out += "nee —";
    for (NotCharged reason : r.not_charged) out += "\n  " + NotChargedText(t, r, reason);
    out += "\n";
  }
  out += "\nWaarom: " + QuotumWhy(t, r) + "\n";
  return out;
}

std::string ExplainTotal(const QuotumTable& t, const QuotumTotal& s) {
  std::string out = fmt::format("Quotum {}, {} ({})\n\n", t.year, ScopeLabel(s.scope), s.scope);
  out += fmt::format("Werkgevers: {}, waarvan quotumplichtig: {}\n", DutchInt(s.employers), DutchInt(s.liable_employers));
  out += fmt::format("A (som): {} uur; C (som): {} uur\n", DHours(s.a), DHours(s.c));
  if (s.pct) out += "B: " + DPct(*s.pct) + "\n";
  if (s.employers_with_pct == 0) {
    out += "Geen quotumpercentage: geen vereist aantal banen, tekort of heffing (geef --quotum-pct SECTOR=PCT).\n\n";
  } else {
    out += fmt::format("Vereist (som van A × B / D over {} werkgevers met een quotumpercentage): {} banen\n",
                       DutchInt(s.employers_with_pct),
                       DutchFromFixed(FixedRatio(s.required_jobs.num, s.required_jobs.den, 2)));
    out += fmt::format("Tekort (som van de per werkgever naar beneden afgeronde tekorten): {} banen\n",
                       DutchFromFixed(Tenths(s.shortfall_tenths)));
    out += fmt::format("Heffing: {}, waarvan geheven: {}\n\n", DEuros(s.levy_cents), DEuros(s.levy_charged_cents));
  }
  out += "Per werkgever:\n";
  std::vector<std::vector<std::string>> cells;
  for (const QuotumRow& r : t.rows) {
    bool in = s.scope == "total" || s.scope == SectorName(r.sector) || s.scope == "subsector:" + r.subsector;
    if (!in) continue;
    cells.push_back({r.employer_id, DHours(r.a_current.a), DHours(r.c.c), r.liable ? "ja" : "nee",
                     DutchOrEmpty(Tenths(r.shortfall_tenths)), r.levy_cents ? DEuros(*r.levy_cents) : "",
                     r.charged() ? "ja" : "nee"});
  }
  out += AlignedTable({"Werkgever", "A (uren)", "C (uren)", "Plichtig", "Tekort", "Heffing", "Geheven"}, cells,
                 {true, false, false, true, false, false, true});
  return out;
}

}  // namespace

Result<std::string> QuotumExplain(const QuotumTable& t, std::string_view scope) {
  if (scope.starts_with("employer:")) {
    const QuotumRow* r = t.FindEmployer(scope.substr(9));
    if (r == nullptr) {
      return Fail(Status::NotFound(Say("--explain {}: deze werkgever staat niet in employers.csv",
                                       "--explain {}: no such employer in employers.csv", scope)));
    }
    return ExplainEmployer(t, *r);
  }
  std::string_view name = scope.starts_with("sector:") ? scope.substr(7) : scope;
  if (const QuotumTotal* s = t.FindTotal(name)) return ExplainTotal(t, *s);
  return Fail(Status::NotFound(
      Say("--explain {}: onbekende scope (verwacht employer:ID, subsector:CODE, government, market of total)",
          "--explain {}: no such scope (expected employer:ID, subsector:CODE, government, market or total)", scope)));
}

}  // namespace banenmonitor::report
