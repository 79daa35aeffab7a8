// banenmonitor trend: persons and flows per quarter (counting.md §9),
// indicative figures beside the yearly measurement.
#include <fmt/format.h>

#include <cstdio>

#include "banenmonitor/params.h"
#include "banenmonitor/provenance.h"
#include "banenmonitor/trend.h"
#include "cli/commands.h"
#include "cli/source.h"
#include "common/lang.h"
#include "report/trend_format.h"

namespace banenmonitor::cli {

namespace {

struct TrendOptions : AnalysisOptions {
  int from = 0;
  int to = 0;
  std::string by = "total";
};

int RunTrend(const TrendOptions& o, const GlobalOptions& global) {
  auto level = ParseScopeLevel(o.by);
  if (!level) {
    return ReportUsage("trend",
                       Pick("ongeldige waarde van een optie (zie banenmonitor trend --help)", "invalid option value"));
  }
  if (o.to < o.from) {
    return ReportUsage("trend", Say("--to {} ligt vóór --from {}; kies een later eindjaar",
                                    "--to {} lies before --from {}; choose a later last year", o.to, o.from));
  }
  const TrendRequest request{o.from, o.to, *level};
  return Analyse(
      o, global, TrendLoadOptions(request), "trend",
      [&](const AnalysisInput& input) { return Trend(input.source.delivery, request, input.params); },
      [&](const TrendTable& table, const AnalysisInput& input) {
        if (o.format == "csv") {
          // The CSV contract has no column for it: what the figures are is said on standard error.
          fmt::print(stderr, "{}\n",
                     Say("banenmonitor trend: {}.", "banenmonitor trend: {}.", report::kIndicativeLabel));
        }
        return EmitAnalysis(o, input, table, report::TrendCsv, report::TrendJson, report::TrendText);
      });
}

void AddTrendOptions(CLI::App* cmd, TrendOptions& o) {
  AddSourceOptions(cmd, o.source);
  AddYearOption(cmd, "--from", o.from, Help("Eerste jaar, bijvoorbeeld 2023", "First year, e.g. 2023"), 1901, 2199)
      ->required();
  AddYearOption(cmd, "--to", o.to, Help("Laatste jaar, bijvoorbeeld 2024", "Last year, e.g. 2024"), 1901, 2199)
      ->required();
  AddByOption(cmd, o.by,
              Help("Rijen na `total`: total (alleen het totaal), sector, subsector, organisation, employer, "
                   "region (arbeidsmarktregio) of ground (grond van registratie)",
                   "Rows after `total`: total (the total only), sector, subsector, organisation, employer, region "
                   "(labour market region) or ground (ground of registration)"),
              {"total", "sector", "subsector", "organisation", "employer", "region", "ground"});
  AddFormatOption(cmd, o.format,
                  Help("table = tabel om te lezen (indicatief); csv = het uitvoercontract (counting.md §9); json = "
                       "dezelfde velden met herkomst",
                       "table = Dutch table for reading (indicative); csv = the output contract (counting.md §9); json "
                       "= the same fields with provenance"));
  AddOutAndSkipInvalid(cmd, o);
}

}  // namespace

BANENMONITOR_COMMAND(
    65, "trend",
    Help("Personen en stromen per kwartaal (indicatief; alleen de jaarmeting is officieel): geregistreerd, werkend, "
         "instroom en uitstroom, banen en hun verandering tegen het vorige kwartaal en een jaar eerder, "
         "registraties die beginnen en eindigen (counting.md §9).",
         "Persons and flows per quarter (indicative; only the yearly measurement is official): registered, working, "
         "inflow and outflow, jobs and their change against the quarter before and a year earlier, registrations "
         "starting and ending (counting.md §9)."),
    AddTrendOptions, RunTrend);

}  // namespace banenmonitor::cli
