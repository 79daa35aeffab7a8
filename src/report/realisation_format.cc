#include "report/realisation_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "report/number_format.h"

namespace banenmonitor::report {

namespace {

double Round(double v, int decimals) {
  // The same value the CSV prints, as a number.
  return std::stod(Fixed(v, decimals));
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
  return std::string(scope);
}

std::string RealisationCsv(const RealisationTable& table, ScopeLevel level) {
  std::string out =
      "year,window,scope,persons,hours,jobs,jobs_direct,jobs_hired_in,baseline_jobs,extra_jobs,target_extra_jobs,"
      "realisation_pct\n";
  for (const RealisationRow* r : table.RowsFor(level)) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", table.year, WindowName(table.window), r->scope,
                       r->persons, FixedHours(r->hours), Fixed(r->jobs, 2), Fixed(r->jobs_direct, 2),
                       Fixed(r->jobs_hired_in, 2), Fixed(r->baseline_jobs, 2), Fixed(r->extra_jobs, 2),
                       Fixed(r->target_extra_jobs, 2), Fixed(r->realisation_pct, 1));
  }
  return out;
}

nlohmann::ordered_json RealisationJson(const RealisationTable& table, ScopeLevel level, const Provenance& provenance) {
  using nlohmann::ordered_json;
  ordered_json rows = ordered_json::array();
  auto optional = [](const std::optional<double>& v, int decimals) -> ordered_json {
    return v ? ordered_json(Round(*v, decimals)) : ordered_json(nullptr);
  };
  for (const RealisationRow* r : table.RowsFor(level)) {
    ordered_json row;
    row["year"] = table.year;
    row["window"] = WindowName(table.window);
    row["scope"] = r->scope;
    row["persons"] = r->persons;
    row["hours"] = std::stod(FixedHours(r->hours));
    row["jobs"] = Round(r->jobs, 2);
    row["jobs_direct"] = Round(r->jobs_direct, 2);
    row["jobs_hired_in"] = Round(r->jobs_hired_in, 2);
    row["baseline_jobs"] = Round(r->baseline_jobs, 2);
    row["extra_jobs"] = Round(r->extra_jobs, 2);
    row["target_extra_jobs"] = optional(r->target_extra_jobs, 2);
    row["realisation_pct"] = optional(r->realisation_pct, 1);
    rows.push_back(std::move(row));
  }
  ordered_json files = ordered_json::array();
  for (const auto& f : provenance.files) {
    if (!f.present) continue;
    files.push_back({{"name", f.name}, {"sha256", f.sha256}, {"bytes", f.bytes}, {"rows", f.rows}});
  }
  ordered_json out;
  out["year"] = table.year;
  out["window"] = WindowName(table.window);
  out["level"] = ScopeLevelName(level);
  out["hours_per_job"] = table.hours_per_job;
  out["rows"] = std::move(rows);
  out["provenance"] = {{"program_version", provenance.program_version},
                       {"parameter_version", provenance.parameter_version},
                       {"parameter_sha256", provenance.parameter_sha256},
                       {"source", provenance.source},
                       {"files", std::move(files)}};
  return out;
}

std::string RealisationText(const RealisationTable& table, ScopeLevel level, const Provenance& provenance,
                            const std::string& footer) {
  const std::array<std::string, 11> headers = {"Scope",     "Personen",  "Uren",        "Banen",
                                               "direct",    "ingeleend", "Nulmeting",   "Extra banen",
                                               "Opgave (extra)", "Realisatie", "Sleutel"};
  std::vector<std::array<std::string, 11>> cells;
  for (const RealisationRow* r : table.RowsFor(level)) {
    cells.push_back({ScopeLabel(r->scope), DutchInt(r->persons),
                     Dutch(static_cast<double>(r->hours) / static_cast<double>(kMicroPerHour), 2), Dutch(r->jobs, 2),
                     Dutch(r->jobs_direct, 2), Dutch(r->jobs_hired_in, 2), Dutch(r->baseline_jobs, 2),
                     Dutch(r->extra_jobs, 2), r->target_extra_jobs ? Dutch(*r->target_extra_jobs, 2) : "",
                     r->realisation_pct ? Dutch(*r->realisation_pct, 1) + " %" : "", r->scope});
  }
  std::array<std::size_t, 11> width{};
  auto utf8_length = [](const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  };
  for (std::size_t c = 0; c < headers.size(); ++c) {
    width[c] = utf8_length(headers[c]);
    for (const auto& row : cells) width[c] = std::max(width[c], utf8_length(row[c]));
  }
  auto line = [&](const std::array<std::string, 11>& row) {
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
  std::string out = fmt::format("Banenafspraak {}: banen van 25,5 uur per week, {} ({})\n\n", table.year,
                                table.window == Window::kYear ? "heel het jaar" : fmt::format("kwartaal {}", WindowName(table.window)[1]),
                                fmt::format("per {}", level == ScopeLevel::kSector ? "sector"
                                                      : level == ScopeLevel::kSubsector ? "subsector"
                                                      : level == ScopeLevel::kOrganisation ? "organisatie"
                                                                                          : "werkgever"));
  out += line(headers);
  std::array<std::string, 11> rule;
  for (std::size_t c = 0; c < rule.size(); ++c) rule[c] = std::string(width[c], '-');
  out += line(rule);
  for (const auto& row : cells) out += line(row);
  out += "\n" + footer;
  out += fmt::format("Herkomst: banenmonitor {}, parameters {}", provenance.program_version,
                     provenance.parameter_version);
  for (const auto& f : provenance.files) {
    if (f.present) out += fmt::format(", {} sha256:{}", f.name, f.sha256.substr(0, 12));
  }
  out += "\n";
  return out;
}

}  // namespace banenmonitor::report
