// banenmonitor project: the trend of the realised extra jobs to 2026 per
// sector or subsector (quotum-and-scenarios.md §5; docs/projection.md).
#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"
#include "banenmonitor/projection.h"
#include "banenmonitor/provenance.h"
#include "cli/commands.h"
#include "cli/source.h"
#include "common/lang.h"
#include "report/projection_format.h"

namespace banenmonitor::cli {

namespace {

struct ProjectOptions : AnalysisOptions {
  int to = 2026;
  std::string by = "sector";
};

int RunProject(const ProjectOptions& o, const GlobalOptions& global) {
  auto level = ParseScopeLevel(o.by);
  if (!level || (*level != ScopeLevel::kSector && *level != ScopeLevel::kSubsector)) {
    return ReportUsage("project", Pick("--by is sector of subsector", "--by is sector or subsector"));
  }
  ProjectionRequest request;
  request.to_year = o.to;
  request.level = *level;
  return Analyse(
      o, global, ProjectionLoadOptions(request), "project",
      [&](const AnalysisInput& input) { return Project(input.source.delivery, request, input.params); },
      [&](const ProjectionTable& table, const AnalysisInput& input) {
        if (!o.explain.empty()) {
          return WriteExplanation(report::ProjectionExplanation(table, o.explain), [&] {
            std::string scopes;
            for (const auto& r : table.rows) scopes += (scopes.empty() ? "" : ", ") + r.scope;
            return Say("banenmonitor project: geen scope '{}' bij --by {} (scopes: {})",
                       "banenmonitor project: no scope '{}' at --by {} (scopes: {})", o.explain, o.by, scopes);
          }, o.out);
        }
        return EmitAnalysis(o, input, table, report::ProjectionCsv, report::ProjectionJson, report::ProjectionText);
      });
}

void AddProjectOptions(CLI::App* cmd, ProjectOptions& o) {
  AddSourceOptions(cmd, o.source);
  cmd->add_option("--to", o.to,
                  Help("Laatste jaar van de projectie (de horizon)", "Last year of the projection (the horizon)"))
      ->check(CLI::Range(1900, 2199))
      ->capture_default_str();
  AddByOption(cmd, o.by, Help("Rijen na `total`: sector of subsector", "Rows after `total`: sector or subsector"),
              {"sector", "subsector"});
  AddFormatOption(
      cmd, o.format,
      Help("table = tabel met toelichting op de methode; csv = één rij per scope en jaar; json = hetzelfde met "
           "de fit en de herkomst",
           "table = Dutch table with notes on the method; csv = one row per scope and year; json = the same "
           "with the fit and provenance"));
  AddExplainOption(cmd, o.explain,
                   Help("Toon in plaats van de tabel elke stap achter één scope: total, government, market of "
                        "subsector:CODE (met --by subsector)",
                        "Print every step behind one scope instead of the table: total, government, market or "
                        "subsector:CODE (with --by subsector)"));
  AddOutAndSkipInvalid(cmd, o,
                       Help("Projecteer zonder de ongeldige rijen (ze worden wel gemeld op standaardfout)",
                            "Project without the invalid rows (they are still listed on standard error)"));
}

}  // namespace

BANENMONITOR_COMMAND(
    60, "project",
    Help("Projecteer de gerealiseerde extra banen per sector of subsector tot 2026: een kleinste-kwadratenlijn door "
         "de laatste drie tot vijf jaareindmetingen, met voorspellingsintervallen van 80 % en 95 % en het jaar "
         "waarin de opgave wordt gehaald (methode: docs/projection.md).",
         "Project the realised extra jobs per sector or subsector to 2026: a least-squares line through the last "
         "three "
         "to five year-end measurements, with 80 % and 95 % prediction intervals and the year the target is met "
         "(method: docs/projection.md)."),
    AddProjectOptions, RunProject);

}  // namespace banenmonitor::cli
