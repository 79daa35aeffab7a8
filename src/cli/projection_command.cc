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

struct ProjectOptions {
  SourceOptions source;
  int to = 2026;
  std::string by = "sector";
  std::string format = "table";
  std::string explain;
  std::string out;
  bool skip_invalid = false;
};

int RunProject(const ProjectOptions& o, const GlobalOptions& global) {
  auto level = ParseScopeLevel(o.by);
  if (!level || (*level != ScopeLevel::kSector && *level != ScopeLevel::kSubsector)) {
    fmt::print(
        stderr, "{}\n",
        Pick("banenmonitor project: --by is sector of subsector", "banenmonitor project: --by is sector or subsector"));
    return 64;
  }
  ProjectionRequest request;
  request.to_year = o.to;
  request.level = *level;
  auto input = LoadInput(global, o.source, ProjectionLoadOptions(request), o.skip_invalid);
  if (!input) return input.error().exit_code();
  const ParameterSet* params = &input->params;
  LoadedSource* loaded = &input->source;
  if (int unknown = CheckExplainScope(o.explain, loaded->delivery); unknown != 0) return unknown;
  auto table = Project(loaded->delivery, request, *params);
  if (!table) return ReportFailure("project", table.error());
  if (!o.explain.empty()) {
    auto lines = report::ProjectionExplanation(*table, o.explain);
    if (lines.empty()) {
      std::string scopes;
      for (const auto& r : table->rows) scopes += (scopes.empty() ? "" : ", ") + r.scope;
      fmt::print(stderr, "{}\n",
                 Say("banenmonitor project: geen scope '{}' bij --by {} (scopes: {})",
                     "banenmonitor project: no scope '{}' at --by {} (scopes: {})", o.explain, o.by, scopes));
      return 64;
    }
    return WriteLines(lines, o.out);
  }
  const Provenance provenance = ProvenanceOf(*params, *loaded);
  return EmitTable(o.format,
                   {[&] { return report::ProjectionCsv(*table); },
                    [&] { return report::ProjectionJson(*table, provenance); },
                    [&] { return report::ProjectionText(*table, provenance); }},
                   o.out);
}

}  // namespace

static void RegisterProjection(CLI::App& app, const GlobalOptions& global, std::function<int()>& run) {
  auto options = std::make_shared<ProjectOptions>();
  CLI::App* cmd = app.add_subcommand(
      "project",
      Help("Projecteer de gerealiseerde extra banen per sector of subsector tot 2026: een kleinste-kwadratenlijn door "
           "de laatste drie tot vijf jaareindmetingen, met voorspellingsintervallen van 80 % en 95 % en het jaar "
           "waarin de opgave wordt gehaald (methode: docs/projection.md).",
           "Project the realised extra jobs per sector or subsector to 2026: a least-squares line through the last "
           "three "
           "to five year-end measurements, with 80 % and 95 % prediction intervals and the year the target is met "
           "(method: docs/projection.md)."));
  AddSourceOptions(cmd, options->source);
  cmd->add_option("--to", options->to,
                  Help("Laatste jaar van de projectie (de horizon)", "Last year of the projection (the horizon)"))
      ->check(CLI::Range(1900, 2199))
      ->capture_default_str();
  cmd->add_option("--by", options->by,
                  Help("Rijen na `total`: sector of subsector", "Rows after `total`: sector or subsector"))
      ->check(CLI::IsMember({"sector", "subsector"}))
      ->capture_default_str();
  AddFormatOption(cmd, options->format, Help("table = tabel met toelichting op de methode; csv = één rij per scope en jaar; json = hetzelfde met "
              "de fit en de herkomst",
              "table = Dutch table with notes on the method; csv = one row per scope and year; json = the same "
              "with the fit and provenance"));
  cmd->add_option("--explain", options->explain,
                  Help("Toon in plaats van de tabel elke stap achter één scope: total, government, market of "
                       "subsector:CODE (met --by subsector)",
                       "Print every step behind one scope instead of the table: total, government, market or "
                       "subsector:CODE (with --by subsector)"));
  AddOutOption(cmd, options->out);
  AddSkipInvalidFlag(cmd, options->skip_invalid,
                     Help("Projecteer zonder de ongeldige rijen (ze worden wel gemeld op standaardfout)",
                          "Project without the invalid rows (they are still listed on standard error)"));
  RunOnCallback(cmd, run, options, global, RunProject);
}

BANENMONITOR_REGISTER_COMMAND(60, RegisterProjection);

}  // namespace banenmonitor::cli
