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

struct TrendOptions {
  SourceOptions source;
  int from = 0;
  int to = 0;
  std::string by = "total";
  std::string format = "table";
  std::string out;
  bool skip_invalid = false;
};

int RunTrend(const TrendOptions& o, const GlobalOptions& global) {
  auto level = ParseScopeLevel(o.by);
  if (!level) {
    fmt::print(stderr, "{}\n",
               Pick("banenmonitor trend: ongeldige waarde van een optie (zie banenmonitor trend --help)",
                    "banenmonitor trend: invalid option value"));
    return 64;
  }
  if (o.to < o.from) {
    fmt::print(stderr, "{}\n",
               Say("banenmonitor trend: --to {} ligt vóór --from {}; kies een later eindjaar",
                   "banenmonitor trend: --to {} lies before --from {}; choose a later last year", o.to, o.from));
    return 64;
  }
  const TrendRequest request{o.from, o.to, *level};
  auto input = LoadInput(global, o.source, TrendLoadOptions(request), o.skip_invalid);
  if (!input) return input.error().exit_code();
  const ParameterSet* params = &input->params;
  LoadedSource* loaded = &input->source;
  auto table = Trend(loaded->delivery, request, *params);
  if (!table) return ReportFailure("trend", table.error());
  if (o.format == "csv") {
    // The CSV contract has no column for it: what the figures are is said on standard error.
    fmt::print(stderr, "{}\n", Say("banenmonitor trend: {}.", "banenmonitor trend: {}.", report::kIndicativeLabel));
  }
  const Provenance provenance = ProvenanceOf(*params, *loaded);
  return EmitTable(o.format,
                   {[&] { return report::TrendCsv(*table); }, [&] { return report::TrendJson(*table, provenance); },
                    [&] { return report::TrendText(*table, provenance); }},
                   o.out);
}

}  // namespace

static void RegisterTrend(CLI::App& app, const GlobalOptions& global, std::function<int()>& run) {
  auto options = std::make_shared<TrendOptions>();
  CLI::App* cmd = app.add_subcommand(
      "trend",
      Help("Personen en stromen per kwartaal (indicatief; alleen de jaarmeting is officieel): geregistreerd, werkend, "
           "instroom en uitstroom, banen en hun verandering tegen het vorige kwartaal en een jaar eerder, "
           "registraties die beginnen en eindigen (counting.md §9).",
           "Persons and flows per quarter (indicative; only the yearly measurement is official): registered, working, "
           "inflow and outflow, jobs and their change against the quarter before and a year earlier, registrations "
           "starting and ending (counting.md §9)."));
  AddSourceOptions(cmd, options->source);
  cmd->add_option("--from", options->from, Help("Eerste jaar, bijvoorbeeld 2023", "First year, e.g. 2023"))
      ->required()
      ->check(CLI::Range(1901, 2199));
  cmd->add_option("--to", options->to, Help("Laatste jaar, bijvoorbeeld 2024", "Last year, e.g. 2024"))
      ->required()
      ->check(CLI::Range(1901, 2199));
  cmd->add_option("--by", options->by,
                  Help("Rijen na `total`: total (alleen het totaal), sector, subsector, organisation, employer, "
                       "region (arbeidsmarktregio) of ground (grond van registratie)",
                       "Rows after `total`: total (the total only), sector, subsector, organisation, employer, region "
                       "(labour market region) or ground (ground of registration)"))
      ->check(CLI::IsMember({"total", "sector", "subsector", "organisation", "employer", "region", "ground"}))
      ->capture_default_str();
  AddFormatOption(cmd, options->format,
                  Help("table = tabel om te lezen (indicatief); csv = het uitvoercontract (counting.md §9); json = "
                       "dezelfde velden met herkomst",
                       "table = Dutch table for reading (indicative); csv = the output contract (counting.md §9); json "
                       "= the same fields with provenance"));
  AddOutOption(cmd, options->out);
  AddSkipInvalidFlag(cmd, options->skip_invalid);
  RunOnCallback(cmd, run, options, global, RunTrend);
}

BANENMONITOR_REGISTER_COMMAND(65, RegisterTrend);

}  // namespace banenmonitor::cli
