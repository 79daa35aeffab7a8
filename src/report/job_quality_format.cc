#include "report/job_quality_format.h"

#include <fmt/format.h>

#include "data/fields.h"
#include "common/number_format.h"
#include "report/realisation_format.h"
#include "report/text_table.h"
#include "report/provenance_format.h"

namespace banenmonitor::report {

namespace {

// part / whole × 100 with 1 decimal, exactly rounded; "" without a whole.
std::string Pct(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "";
  return FixedRatio(static_cast<__int128>(part) * 100, whole, 1);
}

// The printed figures of a row (fixed-point text, "" where there is none).
struct QualityPrinted {
  std::string base, anywhere, retention, same, same_pct;
  std::string persons_q4, hours_q4, permanent, unknown, weekly;
  std::string persons_year, inflow, inflow_pct;
  std::string inflow_previous, inflow_previous_retained, inflow_retention;
};

QualityPrinted Print(const QualityTable& t, const QualityRow& r) {
  QualityPrinted p;
  const auto& c = t.coverage;
  if (c.retention) {
    p.base = std::to_string(r.persons_q3_previous);
    p.anywhere = std::to_string(r.retained_anywhere);
    p.retention = Pct(r.retained_anywhere, r.persons_q3_previous);
    p.same = std::to_string(r.retained_same_employer);
    p.same_pct = Pct(r.retained_same_employer, r.persons_q3_previous);
  }
  if (c.q4) {
    p.persons_q4 = std::to_string(r.persons_q4);
    p.hours_q4 = FixedHours(r.hours_q4);
    p.permanent = Pct(r.hours_q4_permanent, r.hours_q4_permanent + r.hours_q4_temporary);
    p.unknown = Pct(r.hours_q4 - r.hours_q4_permanent - r.hours_q4_temporary, r.hours_q4);
    if (r.persons_q4 > 0) {
      // hours / persons / 13 weeks, from micro-hours.
      p.weekly = FixedRatio(r.hours_q4, static_cast<__int128>(r.persons_q4) * kWeeksPerQuarter * kMicroPerHour, 2);
    }
  }
  if (c.inflow) {
    p.persons_year = std::to_string(r.persons_year);
    p.inflow = std::to_string(r.inflow);
    p.inflow_pct = Pct(r.inflow, r.persons_year);
  }
  if (c.inflow_retention) {
    p.inflow_previous = std::to_string(r.inflow_previous);
    p.inflow_previous_retained = std::to_string(r.inflow_previous_retained);
    p.inflow_retention = Pct(r.inflow_previous_retained, r.inflow_previous);
  }
  return p;
}

std::string Percent(const std::string& fixed) { return fixed.empty() ? fixed : DutchFromFixed(fixed) + " %"; }

std::string MonthName(MonthIndex m) {
  static const char* const kNames[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                       "juli",    "augustus", "september", "oktober", "november", "december"};
  return fmt::format("{} {}", kNames[MonthOf(m) - 1], YearOf(m));
}

std::string Benchmark(const QualityTable& t) {
  if (!t.retention_benchmark) return "";
  return fmt::format("{} % ({}; peildatum {})", Dutch(*t.retention_benchmark * 100, 0), t.benchmark_basis,
                     t.benchmark_valid_from);
}

}  // namespace

std::string QualityCsv(const QualityTable& t) {
  std::string out =
      "year,scope,persons_q3_previous,retained_anywhere,retention_pct,retained_same_employer,same_employer_pct,"
      "persons_q4,hours_q4,permanent_pct,contract_unknown_pct,average_weekly_hours,persons_year,inflow,inflow_pct,"
      "inflow_previous,inflow_previous_retained,inflow_retention_pct\n";
  for (const auto& r : t.rows) {
    QualityPrinted p = Print(t, r);
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", t.year, r.scope, p.base, p.anywhere,
                       p.retention, p.same, p.same_pct, p.persons_q4, p.hours_q4, p.permanent, p.unknown, p.weekly,
                       p.persons_year, p.inflow, p.inflow_pct, p.inflow_previous, p.inflow_previous_retained,
                       p.inflow_retention);
  }
  return out;
}

nlohmann::ordered_json QualityJson(const QualityTable& t, const Provenance& provenance) {
  using nlohmann::ordered_json;
  auto number = [](const std::string& fixed) -> ordered_json {
    return fixed.empty() ? ordered_json(nullptr) : ordered_json(std::stod(fixed));
  };
  auto count = [](const std::string& fixed) -> ordered_json {
    return fixed.empty() ? ordered_json(nullptr) : ordered_json(std::stoll(fixed));
  };
  ordered_json rows = ordered_json::array();
  for (const auto& r : t.rows) {
    QualityPrinted p = Print(t, r);
    ordered_json row;
    row["year"] = t.year;
    row["scope"] = r.scope;
    row["persons_q3_previous"] = count(p.base);
    row["retained_anywhere"] = count(p.anywhere);
    row["retention_pct"] = number(p.retention);
    row["retained_same_employer"] = count(p.same);
    row["same_employer_pct"] = number(p.same_pct);
    row["persons_q4"] = count(p.persons_q4);
    row["hours_q4"] = number(p.hours_q4);
    row["permanent_pct"] = number(p.permanent);
    row["contract_unknown_pct"] = number(p.unknown);
    row["average_weekly_hours"] = number(p.weekly);
    row["persons_year"] = count(p.persons_year);
    row["inflow"] = count(p.inflow);
    row["inflow_pct"] = number(p.inflow_pct);
    row["inflow_previous"] = count(p.inflow_previous);
    row["inflow_previous_retained"] = count(p.inflow_previous_retained);
    row["inflow_retention_pct"] = number(p.inflow_retention);
    rows.push_back(std::move(row));
  }
  ordered_json out;
  out["year"] = t.year;
  out["level"] = ScopeLevelName(t.level);
  out["coverage"] = {{"first_month", data::FormatMonth(t.coverage.first_month)},
                     {"last_month", data::FormatMonth(t.coverage.last_month)},
                     {"retention", t.coverage.retention},
                     {"q4", t.coverage.q4},
                     {"inflow", t.coverage.inflow},
                     {"inflow_retention", t.coverage.inflow_retention}};
  out["retention_benchmark"] = t.retention_benchmark ? ordered_json(*t.retention_benchmark) : ordered_json(nullptr);
  out["rows"] = std::move(rows);
  out["provenance"] = ProvenanceJson(provenance);
  return out;
}

std::string QualityText(const QualityTable& t, const Provenance& provenance, const EmployerNames& names) {
  const int y = t.year;
  std::vector<std::string> headers = {fmt::format("Scope"),
                                      fmt::format("Personen Q3 {}", y - 1),
                                      "Behoud",
                                      "zelfde werkgever",
                                      fmt::format("Personen Q4 {}", y),
                                      "Vast contract",
                                      "Uren per week",
                                      fmt::format("Instroom {}", y),
                                      "instroom %",
                                      fmt::format("Behoud instroom {}", y - 1),
                                      "Sleutel"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : t.rows) {
    QualityPrinted p = Print(t, r);
    rows.push_back({ScopeLabel(r.scope, names), DutchOrEmpty(p.base), Percent(p.retention), Percent(p.same_pct),
                    DutchOrEmpty(p.persons_q4), Percent(p.permanent), DutchOrEmpty(p.weekly), DutchOrEmpty(p.inflow),
                    Percent(p.inflow_pct), Percent(p.inflow_retention), r.scope});
  }
  std::string level = t.level == ScopeLevel::kSector         ? "sector"
                      : t.level == ScopeLevel::kSubsector    ? "subsector"
                      : t.level == ScopeLevel::kOrganisation ? "organisatie"
                                                             : "werkgever";
  std::string out = fmt::format("Banenafspraak {}: duurzaamheid van werk, per {}\n\n", y, level);
  std::vector<bool> left(headers.size(), false);
  left.front() = left.back() = true;
  out += AlignedTable(headers, rows, left);
  out += "\n";
  std::vector<std::string> notes = {
      "Geteld betekent: in die maand in het doelgroepregister (niet alleen voorziening) en getelde uren > 0 na "
      "toerekening van inleen, precies zoals `count` telt.",
      fmt::format("Behoud: van wie in juli–september {} telde, het deel dat in juli–september {} ergens telde; "
                  "zelfde werkgever: bij een werkgever (voor ingeleende uren de inlener) van deze scope waar die ook in "
                  "juli–september {} telde. Iemand telt mee bij elke scope waar die in juli–september {} telde.",
                  y - 1, y, y - 1, y - 1),
      fmt::format("Vast contract: deel van de getelde uren in oktober–december {} met contract 'permanent', van de "
                  "uren met een bekend contract; ingeleende uren volgen het contract bij de uitlener. Uren per week: "
                  "getelde uren in oktober–december / personen / {} weken.",
                  y, kWeeksPerQuarter),
      fmt::format("Instroom {}: telde in {} in deze scope en in {} nergens. Behoud instroom {}: van wie in {} in deze "
                  "scope telde en in {} nergens, het deel dat in juli–september {} ergens telde.",
                  y, y, y - 1, y - 1, y - 1, y - 2, y),
  };
  if (t.retention_benchmark) {
    notes.push_back(fmt::format("Ter vergelijking, landelijk behoud na een jaar volgens UWV: {}.", Benchmark(t)));
  }
  const auto& c = t.coverage;
  std::string range = fmt::format("de levering loopt van {} t/m {}", MonthName(c.first_month), MonthName(c.last_month));
  if (!c.retention) {
    notes.push_back(fmt::format("Behoud niet berekend: er ontbreken maanden in juli–september {} of {} ({}).", y - 1,
                                y, range));
  }
  if (!c.q4) notes.push_back(fmt::format("Q4-cijfers niet berekend: oktober–december {} ontbreekt ({}).", y, range));
  if (!c.inflow) {
    notes.push_back(fmt::format("Instroom niet berekend: die vraagt alle maanden van {} en {} ({}).", y - 1, y, range));
  }
  if (!c.inflow_retention) {
    notes.push_back(fmt::format("Behoud van de instroom niet berekend: dat vraagt alle maanden van {} en {} en "
                                "juli–september {} ({}).",
                                y - 2, y - 1, y, range));
  }
  for (const auto& n : notes) out += Wrap(n, 110);
  out += ProvenanceFooter(provenance, /*with_source=*/true);
  return out;
}

std::vector<std::string> QualityExplanation(const QualityTable& t, std::string_view scope) {
  const QualityRow* r = t.Find(scope);
  if (!r) return {};
  const int y = t.year;
  const std::string label = ScopeLabel(r->scope);
  QualityPrinted p = Print(t, *r);
  std::vector<std::string> out;
  out.push_back(fmt::format("Uitleg duurzaamheid: {} ({}), {}", label, r->scope, y));
  if (t.coverage.retention) {
    out.push_back(fmt::format("Behoud: in juli–september {} telden {} personen bij {}.", y - 1,
                              DutchInt(r->persons_q3_previous), label));
    out.push_back(fmt::format("  Van hen telden er {} in juli–september {} ergens: {} / {} = {}.",
                              DutchInt(r->retained_anywhere), y, DutchInt(r->retained_anywhere),
                              DutchInt(r->persons_q3_previous), p.retention.empty() ? "-" : Percent(p.retention)));
    out.push_back(fmt::format("  {} telden toen bij een werkgever van {} waar ze ook in juli–september {} telden: "
                              "{} / {} = {}.",
                              DutchInt(r->retained_same_employer), label, y - 1, DutchInt(r->retained_same_employer),
                              DutchInt(r->persons_q3_previous), p.same_pct.empty() ? "-" : Percent(p.same_pct)));
    if (t.retention_benchmark) out.push_back(fmt::format("  Landelijk volgens UWV: {}.", Benchmark(t)));
  } else {
    out.push_back("Behoud: niet berekend (maanden ontbreken in de levering).");
  }
  if (t.coverage.q4) {
    Hours unknown = r->hours_q4 - r->hours_q4_permanent - r->hours_q4_temporary;
    out.push_back(fmt::format("Oktober–december {}: {} personen, {} getelde uren, waarvan vast {}, tijdelijk {}, "
                              "contract onbekend {}.",
                              y, DutchInt(r->persons_q4), DutchFromFixed(p.hours_q4),
                              DutchFromFixed(FixedHours(r->hours_q4_permanent)),
                              DutchFromFixed(FixedHours(r->hours_q4_temporary)), DutchFromFixed(FixedHours(unknown))));
    out.push_back(fmt::format("  Vast contract = {} / ({} + {}) = {}.", DutchFromFixed(FixedHours(r->hours_q4_permanent)),
                              DutchFromFixed(FixedHours(r->hours_q4_permanent)),
                              DutchFromFixed(FixedHours(r->hours_q4_temporary)),
                              p.permanent.empty() ? "-" : Percent(p.permanent)));
    out.push_back(fmt::format("  Uren per week = {} / {} personen / {} weken = {}.", DutchFromFixed(p.hours_q4),
                              DutchInt(r->persons_q4), kWeeksPerQuarter, p.weekly.empty() ? "-" : DutchFromFixed(p.weekly)));
  } else {
    out.push_back(fmt::format("Oktober–december {}: niet berekend (maanden ontbreken in de levering).", y));
  }
  if (t.coverage.inflow) {
    out.push_back(fmt::format("Instroom {}: {} personen telden in {} bij {}; {} van hen telden in {} nergens: {} / {} = "
                              "{}.",
                              y, DutchInt(r->persons_year), y, label, DutchInt(r->inflow), y - 1, DutchInt(r->inflow),
                              DutchInt(r->persons_year), p.inflow_pct.empty() ? "-" : Percent(p.inflow_pct)));
  } else {
    out.push_back(fmt::format("Instroom {}: niet berekend (maanden ontbreken in de levering).", y));
  }
  if (t.coverage.inflow_retention) {
    out.push_back(fmt::format("Behoud instroom {}: {} personen telden in {} bij {} en in {} nergens; {} van hen telden "
                              "in juli–september {} ergens: {} / {} = {}.",
                              y - 1, DutchInt(r->inflow_previous), y - 1, label, y - 2,
                              DutchInt(r->inflow_previous_retained), y, DutchInt(r->inflow_previous_retained),
                              DutchInt(r->inflow_previous),
                              p.inflow_retention.empty() ? "-" : Percent(p.inflow_retention)));
  } else {
    out.push_back(fmt::format("Behoud instroom {}: niet berekend (maanden ontbreken in de levering).", y - 1));
  }
  return out;
}

}  // namespace banenmonitor::report
