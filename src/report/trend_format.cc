#include "report/trend_format.h"

#include <fmt/format.h>

#include "common/number_format.h"
#include "report/law_format.h"
#include "report/provenance_format.h"
#include "report/realisation_format.h"
#include "report/text_table.h"

namespace banenmonitor::report {

namespace {

std::string Int(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string(); }
std::string TrendJobs(const Ratio& r) { return FixedRatio(r.num, r.den, 2); }
std::string TrendJobs(const std::optional<Ratio>& r) { return r ? TrendJobs(*r) : std::string(); }
// A change with its sign, Dutch: "+1,25", "-0,50", "0,00".
std::string DutchChange(const std::optional<Ratio>& r) {
  if (!r) return "";
  std::string fixed = TrendJobs(*r);
  std::string dutch = DutchFromFixed(fixed);
  return fixed.starts_with('-') || fixed == "0.00" ? dutch : "+" + dutch;
}
std::string DutchCount(const std::optional<std::int64_t>& v) { return v ? DutchInt(*v) : std::string(); }

}  // namespace

std::string TrendCsv(const TrendTable& table) {
  std::string out =
      "quarter,scope,registered,working,inflow_work,outflow_work,jobs,change_jobs_prev_quarter,change_jobs_year_ago,"
      "registrations_started,registrations_ended\n";
  for (const TrendRow& r : table.rows) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", QuarterName(r.year, r.quarter), r.scope,
                       Int(r.registered), r.working, Int(r.inflow_work), Int(r.outflow_work), TrendJobs(r.jobs),
                       TrendJobs(r.change_jobs_prev_quarter), TrendJobs(r.change_jobs_year_ago), Int(r.registrations_started),
                       Int(r.registrations_ended));
  }
  return out;
}

nlohmann::ordered_json TrendJson(const TrendTable& table, const Provenance& provenance) {
  using nlohmann::ordered_json;
  auto number = [](const std::string& fixed) -> ordered_json {
    return fixed.empty() ? ordered_json(nullptr) : ordered_json(std::stod(fixed));
  };
  auto count = [](const std::optional<std::int64_t>& v) -> ordered_json { return v ? ordered_json(*v) : ordered_json(nullptr); };
  ordered_json rows = ordered_json::array();
  for (const TrendRow& r : table.rows) {
    ordered_json row;
    row["quarter"] = QuarterName(r.year, r.quarter);
    row["scope"] = r.scope;
    row["registered"] = count(r.registered);
    row["working"] = r.working;
    row["inflow_work"] = count(r.inflow_work);
    row["outflow_work"] = count(r.outflow_work);
    row["jobs"] = number(TrendJobs(r.jobs));
    row["change_jobs_prev_quarter"] = number(TrendJobs(r.change_jobs_prev_quarter));
    row["change_jobs_year_ago"] = number(TrendJobs(r.change_jobs_year_ago));
    row["registrations_started"] = count(r.registrations_started);
    row["registrations_ended"] = count(r.registrations_ended);
    rows.push_back(std::move(row));
  }
  ordered_json out;
  out["indicatief"] = true;
  out["label"] = kIndicativeLabel;
  out["from_year"] = table.from_year;
  out["to_year"] = table.to_year;
  out["level"] = ScopeLevelName(table.level);
  out["rows"] = std::move(rows);
  out["provenance"] = ProvenanceJson(provenance);
  return out;
}

std::string TrendText(const TrendTable& table, const Provenance& provenance) {
  std::string out = fmt::format("Banenafspraak per kwartaal, {}-{} ({})\n\n", table.from_year, table.to_year,
                                kIndicativeLabel);
  for (const LawOfYear& law : table.laws) {
    out += fmt::format("{}: geteld volgens {}.\n", law.year, LawLabel(law.law));
  }
  out += "\n";
  std::vector<std::vector<std::string>> cells;
  for (const TrendRow& r : table.rows) {
    cells.push_back({QuarterName(r.year, r.quarter), ScopeLabel(r.scope), DutchCount(r.registered), DutchInt(r.working),
                     DutchCount(r.inflow_work), DutchCount(r.outflow_work), DutchFromFixed(TrendJobs(r.jobs)),
                     DutchChange(r.change_jobs_prev_quarter), DutchChange(r.change_jobs_year_ago),
                     DutchCount(r.registrations_started), DutchCount(r.registrations_ended)});
  }
  out += AlignedTable({"Kwartaal", "Scope", "Geregistreerd", "Werkend", "Instroom", "Uitstroom", "Banen",
                       "t.o.v. vorig kwartaal", "t.o.v. jaar eerder", "Registraties begonnen", "beëindigd"},
                      cells, {true, true, false, false, false, false, false, false, false, false, false});
  out += "\nGeregistreerd: personen met een tellende registratie op de laatste dag van het kwartaal. Werkend: personen met "
         "getelde uren in de laatste maand van het kwartaal; instroom en uitstroom tegen de laatste maand van het "
         "kwartaal ervoor. Banen: de uren van het kwartaal / 332,75.\n";
  out += ProvenanceFooter(provenance, /*with_source=*/false);
  return out;
}

}  // namespace banenmonitor::report
