#include "report/realisation_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "banenmonitor/regions.h"
#include "common/number_format.h"
#include "data/fields.h"
#include "report/law_format.h"
#include "report/provenance_format.h"

namespace banenmonitor::report {

namespace {

std::string R(const Ratio& r, int decimals) { return FixedRatio(r.num, r.den, decimals); }
std::string R(const std::optional<Ratio>& r, int decimals) { return r ? R(*r, decimals) : std::string(); }

// The printed figures of a row, exactly rounded (counting.md §4: 2 decimals, percentage 1).
struct RealisationPrinted {
  std::string hours, jobs, jobs_direct, jobs_hired_in, baseline_jobs, extra_jobs, target_extra_jobs, realisation_pct;
};

// A region or a ground has no nulmeting (counting.md §8): its baseline and
// extra jobs are empty, not 0.
RealisationPrinted Print(const RealisationTable& table, const RealisationRow& r) {
  ExactFigures x = ExactFiguresOf(table, r);
  const bool baseline = r.level != ScopeLevel::kRegion && r.level != ScopeLevel::kGround;
  return {FixedHours(r.hours),
          R(x.jobs, 2),
          R(x.jobs_direct, 2),
          R(x.jobs_hired_in, 2),
          baseline ? R(x.baseline_jobs, 2) : std::string(),
          baseline ? R(x.extra_jobs, 2) : std::string(),
          R(x.target_extra_jobs, 2),
          R(x.realisation_pct, 1)};
}

struct SubsectorLabel {
  std::string_view code;
  std::string_view label;
};
constexpr std::array<SubsectorLabel, 16> kSubsectorLabels = {{
    {"rijk", "Rijk"}, {"gemeenten", "Gemeenten"}, {"provincies", "Provincies"},
    {"waterschappen", "Waterschappen"}, {"defensie", "Defensie"}, {"politie", "Politie"},
    {"rechtspraak", "Rechtspraak"}, {"po", "Primair onderwijs"}, {"vo", "Voortgezet onderwijs"},
    {"mbo", "Middelbaar beroepsonderwijs"}, {"hbo", "Hoger beroepsonderwijs"}, {"wo", "Wetenschappelijk onderwijs"},
    {"umc", "Universitair medische centra"}, {"onderzoek", "Onderzoeksinstellingen"}, {"overig", "Overig overheid"},
    {"market", "Marktsector"},
}};

}  // namespace

std::string ScopeLabel(std::string_view scope) {
  if (scope == "total") return "Totaal";
  if (scope == "government") return "Overheid";
  if (scope == "market") return "Marktsector";
  if (scope.starts_with("subsector:")) {
    auto code = scope.substr(10);
    for (const auto& l : kSubsectorLabels) {
      if (l.code == code) return std::string(l.label);
    }
    return std::string(code);
  }
  if (scope.starts_with("organisation:")) return std::string(scope.substr(13));
  if (scope.starts_with("employer:")) return "Werkgever " + std::string(scope.substr(9));
  if (scope.starts_with("region:")) {
    auto name = scope.substr(7);
    return name == kUnknownRegion ? "Regio onbekend" : std::string(name);
  }
  if (scope.starts_with("ground:")) return GroundLabel(scope.substr(7));
  return std::string(scope);
}

std::string GroundLabel(std::string_view ground) {
  struct Label {
    std::string_view code, label;
  };
  constexpr std::array<Label, 9> kLabels = {{{"participatiewet", "Participatiewet"}, {"wsw", "Wsw (oud)"},
                                            {"wajong", "Wajong"}, {"indicatie", "Indicatie banenafspraak"},
                                            {"vso_pro", "Vso/pro"}, {"transitie", "Transitie"},
                                            {"wia_experiment", "WIA-experiment"}, {"gelijkgesteld", "Gelijkgesteld"},
                                            {"voorziening", "Voorziening"}}};
  for (const auto& l : kLabels) {
    if (l.code == ground) return std::string(l.label);
  }
  return std::string(ground);
}

std::string ScopeLabel(std::string_view scope, const EmployerNames& names) {
  if (auto it = names.find(scope); it != names.end()) return fmt::format("{} ({})", it->second, scope.substr(9));
  return ScopeLabel(scope);
}

EmployerNames EmployerNamesOf(const std::vector<Employer>& employers) {
  EmployerNames names;
  for (const auto& e : employers) {
    if (!e.name.empty()) names.emplace("employer:" + e.id, e.name);
  }
  return names;
}

int SubsectorOrder(std::string_view scope) {
  if (scope.starts_with("subsector:")) scope.remove_prefix(10);
  for (std::size_t i = 0; i < kSubsectorLabels.size(); ++i) {
    if (kSubsectorLabels[i].code == scope) return static_cast<int>(i);
  }
  return static_cast<int>(kSubsectorLabels.size());
}

namespace {

constexpr std::string_view kCsvHeader =
    "year,window,scope,persons,hours,jobs,jobs_direct,jobs_hired_in,baseline_jobs,extra_jobs,target_extra_jobs,"
    "realisation_pct\n";

constexpr std::string_view kVsPreviousYearColumns = ",jobs_previous_year,change_jobs,change_realisation_pp";

// The three figures of counting.md §7.4 of a row: jobs of Y - 1 and the change
// in jobs (2 decimals), the change in the realisation percentage (1 decimal,
// empty where either year has none).
struct ChangePrinted {
  std::string jobs_previous, change_jobs, change_pp;
};

ChangePrinted PrintChange(const YearOnYearRow& y) {
  return {R(y.jobs_previous, 2), R(y.change_jobs, 2),
          y.change_realisation_pp ? Fixed(static_cast<double>(*y.change_realisation_pp), 1) : std::string()};
}

void AppendCsvRow(const RealisationTable& table, const RealisationRow& r, const YearOnYearRow* change,
                  std::string& out) {
  RealisationPrinted p = Print(table, r);
  out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}", table.year, WindowName(table.window), r.scope, r.persons,
                     p.hours, p.jobs, p.jobs_direct, p.jobs_hired_in, p.baseline_jobs, p.extra_jobs,
                     p.target_extra_jobs, p.realisation_pct);
  if (change) {
    ChangePrinted c = PrintChange(*change);
    out += fmt::format(",{},{},{}", c.jobs_previous, c.change_jobs, c.change_pp);
  }
  out += "\n";
}

std::string CsvHeader(bool vs_previous_year) {
  std::string header(kCsvHeader);
  if (vs_previous_year) header.insert(header.size() - 1, kVsPreviousYearColumns);
  return header;
}

}  // namespace

std::string RealisationCsv(const RealisationTable& table, ScopeLevel level) {
  std::string out(kCsvHeader);
  for (const RealisationRow* r : table.RowsFor(level)) AppendCsvRow(table, *r, nullptr, out);
  return out;
}

std::string RealisationCsvAllLevels(const RealisationTable& table, bool with_header) {
  std::string out(with_header ? kCsvHeader : std::string_view{});
  for (const RealisationRow& r : table.rows) AppendCsvRow(table, r, nullptr, out);
  return out;
}

std::string RealisationCsv(const YearOnYearTable& table, ScopeLevel level) {
  std::string out = CsvHeader(true);
  for (const YearOnYearRow* y : table.RowsFor(level)) AppendCsvRow(table.current, table.current.rows[y->index], y, out);
  return out;
}

std::string RealisationCsvAllLevels(const YearOnYearTable& table, bool with_header) {
  std::string out = with_header ? CsvHeader(true) : std::string();
  for (const YearOnYearRow& y : table.rows) AppendCsvRow(table.current, table.current.rows[y.index], &y, out);
  return out;
}

namespace {

nlohmann::ordered_json NumberOrNull(const std::string& fixed) {
  return fixed.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(std::stod(fixed));
}

nlohmann::ordered_json JsonOf(const RealisationTable& table, ScopeLevel level, const Provenance& provenance,
                              const YearOnYearTable* vs) {
  using nlohmann::ordered_json;
  ordered_json rows = ordered_json::array();
  auto number = NumberOrNull;
  for (const RealisationRow* r : table.RowsFor(level)) {
    ordered_json row;
    row["year"] = table.year;
    row["window"] = WindowName(table.window);
    row["scope"] = r->scope;
    row["persons"] = r->persons;
    RealisationPrinted p = Print(table, *r);
    row["hours"] = number(p.hours);
    row["jobs"] = number(p.jobs);
    row["jobs_direct"] = number(p.jobs_direct);
    row["jobs_hired_in"] = number(p.jobs_hired_in);
    row["baseline_jobs"] = number(p.baseline_jobs);
    row["extra_jobs"] = number(p.extra_jobs);
    row["target_extra_jobs"] = number(p.target_extra_jobs);
    row["realisation_pct"] = number(p.realisation_pct);
    if (r->target_extra_jobs) row["target_kind"] = r->target_is_legal ? "legal" : "ambition";
    if (const YearOnYearRow* y = vs ? vs->Find(r->scope) : nullptr) {
      ChangePrinted c = PrintChange(*y);
      row["jobs_previous_year"] = number(c.jobs_previous);
      row["change_jobs"] = number(c.change_jobs);
      row["change_realisation_pp"] = number(c.change_pp);
    }
    rows.push_back(std::move(row));
  }
  ordered_json out;
  out["year"] = table.year;
  out["window"] = WindowName(table.window);
  out["level"] = ScopeLevelName(level);
  out["hours_per_job"] = table.hours_per_job;
  out["law"] = LawJson(table.law, table.delivery_total_target);  // counting.md §7
  if (vs) {  // counting.md §7.4: the year compared with, by its own law
    out["previous_year"] = {{"year", vs->previous.year},
                            {"law", LawJson(vs->previous.law, vs->previous.delivery_total_target)}};
  }
  out["rows"] = std::move(rows);
  out["provenance"] = ProvenanceJson(provenance);
  out["provenance"]["law"] = LawCode(table.law.law);
  return out;
}

}  // namespace

nlohmann::ordered_json RealisationJson(const RealisationTable& table, ScopeLevel level, const Provenance& provenance) {
  return JsonOf(table, level, provenance, nullptr);
}

nlohmann::ordered_json RealisationJson(const YearOnYearTable& table, ScopeLevel level, const Provenance& provenance) {
  return JsonOf(table.current, level, provenance, &table);
}

namespace {

using TextRow = std::vector<std::string>;

// The cells of one row of the Dutch table; with `change`, the three figures of
// counting.md §7.4 before the scope's key.
TextRow TextCells(const RealisationTable& table, const RealisationRow& r, const YearOnYearRow* change,
                  const EmployerNames& names) {
  RealisationPrinted p = Print(table, r);
  auto dutch = [](const std::string& fixed) { return fixed.empty() ? fixed : DutchFromFixed(fixed); };
  TextRow row = {ScopeLabel(r.scope, names), DutchInt(r.persons), dutch(p.hours), dutch(p.jobs),
                 dutch(p.jobs_direct), dutch(p.jobs_hired_in), dutch(p.baseline_jobs), dutch(p.extra_jobs),
                 dutch(p.target_extra_jobs) + (r.target_extra_jobs && !r.target_is_legal ? " (ambitie)" : ""),
                 p.realisation_pct.empty() ? "" : dutch(p.realisation_pct) + " %"};
  if (change) {
    ChangePrinted c = PrintChange(*change);
    row.push_back(dutch(c.jobs_previous));
    row.push_back(dutch(c.change_jobs));
    row.push_back(c.change_pp.empty() ? "" : dutch(c.change_pp) + " pp");
  }
  row.push_back(r.scope);
  return row;
}

std::string AlignedTable(const TextRow& headers, const std::vector<TextRow>& cells) {
  std::vector<std::size_t> width(headers.size(), 0);
  auto utf8_length = [](const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  };
  for (std::size_t c = 0; c < headers.size(); ++c) {
    width[c] = utf8_length(headers[c]);
    for (const auto& row : cells) width[c] = std::max(width[c], utf8_length(row[c]));
  }
  auto line = [&](const TextRow& row) {
    std::string out;
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::string pad(width[c] - utf8_length(row[c]), ' ');
      bool left = c == 0 || c == row.size() - 1;
      out += left ? row[c] + pad : pad + row[c];
      if (c + 1 < row.size()) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(headers);
  TextRow rule(headers.size());
  for (std::size_t c = 0; c < rule.size(); ++c) rule[c] = std::string(width[c], '-');
  out += line(rule);
  for (const auto& row : cells) out += line(row);
  return out;
}

// The register's size per ground on the window's last day (counting.md §8), under the table per ground.
std::string RegisterSizeLines(const RealisationTable& table) {
  const MonthIndex last = MakeMonth(table.year, FirstMonthOf(table.window) + MonthsIn(table.window) - 1);
  std::string out = fmt::format("\nOmvang van het doelgroepregister op {} (personen met een tellende registratie):\n",
                                data::FormatDate(data::LastDayOf(last)));
  for (const RealisationRow& r : table.rows) {
    if (!r.registered || (r.level != ScopeLevel::kTotal && r.level != ScopeLevel::kGround)) continue;
    out += fmt::format("  {:<24} {:>10}\n", r.scope, DutchInt(*r.registered));
  }
  return out;
}

std::string TextOf(const RealisationTable& table, ScopeLevel level, const Provenance& provenance,
                   const std::string& footer, const EmployerNames& names, const YearOnYearTable* vs) {
  TextRow headers = {"Scope",     "Personen",  "Uren",        "Banen",          "direct",
                     "ingeleend", "Nulmeting", "Extra banen", "Opgave (extra)", "Realisatie"};
  if (vs) {
    for (const char* h : {"Banen vorig jaar", "Verschil banen", "Verschil realisatie"}) headers.emplace_back(h);
  }
  headers.emplace_back("Sleutel");
  std::vector<TextRow> cells;
  for (const RealisationRow* r : table.RowsFor(level)) {
    cells.push_back(TextCells(table, *r, vs ? vs->Find(r->scope) : nullptr, names));
  }
  std::string out = fmt::format("Banenafspraak {}: banen van 25,5 uur per week, {} ({})\n\n", table.year,
                                table.window == Window::kYear ? "heel het jaar" : fmt::format("kwartaal {}", WindowName(table.window)[1]),
                                fmt::format("per {}", level == ScopeLevel::kSector ? "sector"
                                                      : level == ScopeLevel::kSubsector ? "subsector"
                                                      : level == ScopeLevel::kOrganisation ? "organisatie"
                                                      : level == ScopeLevel::kRegion ? "arbeidsmarktregio"
                                                      : level == ScopeLevel::kGround ? "grond van registratie"
                                                                                     : "werkgever"));
  out += LawLines(table);
  if (vs) out += VsPreviousYearLine(*vs);
  out += "\n" + AlignedTable(headers, cells);
  if (level == ScopeLevel::kGround) out += RegisterSizeLines(table);
  out += "\n" + footer;
  out += ProvenanceFooter(provenance, /*with_source=*/false);
  return out;
}

}  // namespace

std::string VsPreviousYearLine(const YearOnYearTable& table) {
  return fmt::format(
      "Vergeleken met {} (Wet banenafspraak art. 4 lid 4: extra banen tegenover het vorige kalenderjaar, zelfde "
      "venster); {} geteld volgens {}.\n",
      table.previous.year, table.previous.year, LawLabel(table.previous.law.law));
}

std::string RealisationText(const RealisationTable& table, ScopeLevel level, const Provenance& provenance,
                            const std::string& footer, const EmployerNames& names) {
  return TextOf(table, level, provenance, footer, names, nullptr);
}

std::string RealisationText(const YearOnYearTable& table, ScopeLevel level, const Provenance& provenance,
                            const std::string& footer, const EmployerNames& names) {
  return TextOf(table.current, level, provenance, footer, names, &table);
}

}  // namespace banenmonitor::report
