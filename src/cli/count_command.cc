// banenmonitor count: jobs per scope from a delivery (counting.md §3, §4).
#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"
#include "banenmonitor/provenance.h"
#include "cli/commands.h"
#include "cli/findings_output.h"
#include "cli/source.h"
#include "report/number_format.h"
#include "report/realisation_format.h"

namespace banenmonitor::cli {

namespace {

struct CountOptions {
  SourceOptions source;
  int year = 0;
  std::string window = "q4";
  std::string by = "sector";
  std::string format = "table";
  std::string out;
  bool skip_invalid = false;
};

const char* const kMonthNames[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                   "juli",    "augustus", "september", "oktober", "november", "december"};

std::string Footer(const Delivery& d, const RealisationTable& t, double hours_per_job_year) {
  int first = FirstMonthOf(t.window);
  int last = first + MonthsIn(t.window) - 1;
  std::string out = fmt::format(
      "Geteld: {} t/m {} {}; 1 baan = {} uur in dit venster ({} uur per jaar, Besluit Wfsv art. 2.32).\n",
      kMonthNames[first - 1], kMonthNames[last - 1], t.year, report::Dutch(t.hours_per_job, 2),
      report::Dutch(hours_per_job_year, 0));
  out += "Gelezen:";
  bool first_file = true;
  for (const auto& f : d.files) {
    if (!f.present) continue;
    out += fmt::format("{} {} {} rijen", first_file ? "" : ",", f.name, report::DutchInt(f.rows));
    if (f.invalid_rows > 0) out += fmt::format(" ({} ongeldig, overgeslagen)", report::DutchInt(f.invalid_rows));
    first_file = false;
  }
  out += ".\n";
  if (d.stats.payroll_rows_unregistered > 0) {
    out += fmt::format("Loonregels van personen buiten het doelgroepregister (niet geteld): {}.\n",
                       report::DutchInt(d.stats.payroll_rows_unregistered));
  }
  if (t.stats.hours_wsw_not_counted > 0) {
    out += fmt::format("Wsw-uren die niet zijn gedetacheerd (niet geteld, Wfsv art. 122n): {}.\n",
                       report::Dutch(static_cast<double>(t.stats.hours_wsw_not_counted) / kMicroPerHour, 2));
  }
  if (t.stats.hours_attribution_capped > 0) {
    out += fmt::format("Inleenuren boven de verloonde uren (naar rato verlaagd, Besluit Wfsv art. 2.30): {}.\n",
                       report::Dutch(static_cast<double>(t.stats.hours_attribution_capped) / kMicroPerHour, 2));
  }
  out += fmt::format("Waarschuwingen: {}.\n", report::DutchInt(d.warning_count()));
  return out;
}

int RunCount(const CountOptions& o, const GlobalOptions& global) {
  auto window = ParseWindow(o.window);
  auto level = ParseScopeLevel(o.by);
  if (!window || !level || *level == ScopeLevel::kTotal) {
    fmt::print(stderr, "banenmonitor count: invalid option value\n");
    return 64;
  }
  auto loaded_params = LoadParameters(global);
  if (!loaded_params) return loaded_params.error().exit_code();
  const ParameterSet* params = &*loaded_params;
  auto counting = CountingParams::ForYear(*params, o.year);
  if (!counting) {
    fmt::print(stderr, "{}\n", counting.error().message());
    return counting.error().exit_code();
  }
  LoadOptions load;
  load.first_month = MakeMonth(o.year, FirstMonthOf(*window));
  load.last_month = load.first_month + MonthsIn(*window) - 1;
  load.skip_invalid = o.skip_invalid;
  auto loaded = LoadSource(o.source, load);
  if (!loaded) {
    fmt::print(stderr, "{}\n", loaded.error().message());
    return loaded.error().exit_code();
  }
  const Delivery* delivery = &loaded->delivery;
  auto table = CountJobs(*delivery, CountRequest{o.year, *window}, *counting);
  if (!table) {
    fmt::print(stderr, "{}\n", table.error().message());
    return table.error().exit_code();
  }
  Provenance provenance{ProgramVersion(), params->version(), params->sha256(), loaded->description, delivery->files};
  std::string text;
  if (o.format == "csv") {
    text = report::RealisationCsv(*table, *level);
  } else if (o.format == "json") {
    text = report::RealisationJson(*table, *level, provenance).dump(2) + "\n";
  } else {
    text = report::RealisationText(*table, *level, provenance, Footer(*delivery, *table, counting->hours_per_job_year));
  }
  return WriteOutput(text, o.out);
}

}  // namespace

static void RegisterCount(CLI::App& app, const GlobalOptions& global, std::function<int()>& run) {
  auto options = std::make_shared<CountOptions>();
  CLI::App* cmd = app.add_subcommand(
      "count",
      "Count jobs of 25.5 hours per scope from a delivery directory (rules: docs/method.md; output contract: "
      "counting.md §4).");
  AddSourceOptions(cmd, options->source);
  cmd->add_option("--year", options->year, "Year to count, e.g. 2023")->required()->check(CLI::Range(1900, 2199));
  cmd->add_option("--window", options->window,
                  "Months counted: q4 = October-December, the year-end measurement (default); q1, q2, q3; year = "
                  "all twelve months")
      ->check(CLI::IsMember({"q1", "q2", "q3", "q4", "year"}))
      ->capture_default_str();
  cmd->add_option("--by", options->by,
                  "Level of the rows after `total`: sector, subsector, organisation (e.g. ministries) or employer")
      ->check(CLI::IsMember({"sector", "subsector", "organisation", "employer"}))
      ->capture_default_str();
  cmd->add_option("--format", options->format,
                  "table = aligned Dutch table for reading; csv = the output contract, for spreadsheets and "
                  "scripts; json = the same fields with provenance")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  cmd->add_option("--out", options->out, "Write the output to this file instead of standard output");
  cmd->add_flag("--skip-invalid", options->skip_invalid,
                "Count without the invalid rows (they are still listed on standard error); without this flag an "
                "invalid row stops the count with exit code 2");
  cmd->callback([&run, options, &global] { run = [options, &global] { return RunCount(*options, global); }; });
}

BANENMONITOR_REGISTER_COMMAND(10, RegisterCount);

}  // namespace banenmonitor::cli
