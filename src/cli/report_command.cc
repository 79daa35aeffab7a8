// banenmonitor report: the progress report "Voortgang banenafspraak Y" in
// HTML, PDF, Excel and Markdown, through disclosure control
// (report/progress_report.h, report/report_render.h, docs/report.md).
#include <fmt/format.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "banenmonitor/job_quality.h"
#include "cli/commands.h"
#include "cli/source.h"
#include "common/lang.h"
#include "report/progress_report.h"
#include "report/report_render.h"

namespace banenmonitor::cli {

namespace {

namespace fs = std::filesystem;

struct ReportOptions : DocumentOptions {
  std::string format = "html,pdf,xlsx,md";
  int from = 2015;
};

int RunReport(const ReportOptions& o, const GlobalOptions& global) {
  auto formats = ParseFormatList(o.format, {"html", "pdf", "xlsx", "md"});
  if (!formats) return ReportFailure("report", formats.error());
  report::ProgressReportRequest request;
  request.year = o.year;
  request.first_year = o.from;
  request.min_persons = o.min_persons;
  auto input = LoadInput(global, o.source, report::ProgressReportLoadOptions(request), o.skip_invalid);
  if (!input) return input.error().exit_code();
  const ParameterSet& params = input->params;
  LoadedSource& loaded = input->source;
  request.source = loaded.description;
  request.recorded_at = loaded.recorded_at;
  auto report = report::BuildProgressReport(std::move(loaded.delivery), request, params);
  if (!report) return ReportFailure("report", report.error());
  return ReportWritten("report", report::WriteReportFiles(*report, o.out, *formats));
}

void AddReportOptions(CLI::App* cmd, ReportOptions& o) {
  AddDocumentOptions(cmd, o,
                     Help("Het jaar van het rapport (het vierde kwartaal)", "The year reported (its fourth quarter)"),
                     Help("Map voor voortgang-banenafspraak-J.html/.pdf/.xlsx/.md",
                          "Directory for voortgang-banenafspraak-Y.html/.pdf/.xlsx/.md"));
  cmd->add_option("--format", o.format,
                  Help("Gescheiden door komma's: html, pdf (vraagt weasyprint), xlsx, md",
                       "Comma-separated: html, pdf (needs weasyprint), xlsx, md"))
      ->capture_default_str();
  AddMinPersonsOption(cmd, o,
                      Help("Een cijfer over minder personen is geheim (x)", "A figure about fewer persons is secret (x)"));
  AddYearOption(cmd, "--from", o.from, Help("Eerste jaar van de trends", "First year of the trends"), 2013, 2100)
      ->capture_default_str();
  AddSkipInvalidFlag(cmd, o.skip_invalid,
                     Help("Rapporteer zonder de ongeldige rijen (ze worden wel gemeld)",
                          "Report without the invalid rows (still listed)"));
}

}  // namespace

BANENMONITOR_COMMAND(
    45, "report",
    Help("Het voortgangsrapport \"Voortgang banenafspraak J\" (kern, Rijk, publieke sectoren, trends, "
         "wetswijziging, kwaliteit, verantwoording) in HTML, PDF, Excel en Markdown, met "
         "onthullingscontrole",
         "The progress report \"Voortgang banenafspraak Y\" (kern, Rijk, publieke sectoren, trends, "
         "wetswijziging, kwaliteit, verantwoording) in HTML, PDF, Excel and Markdown, with disclosure control"),
    AddReportOptions, RunReport);

}  // namespace banenmonitor::cli
