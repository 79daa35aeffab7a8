// banenmonitor brief: the Kamerbrief on the banenafspraak at the government and
// the beslisnota that covers it, in Markdown, Word, OpenDocument and PDF
// (report/brief.h, docs/brief.md).
#include <fmt/format.h>

#include <ctime>
#include <set>
#include <sstream>

#include "cli/brief_command.h"
#include "cli/commands.h"
#include "common/lang.h"
#include "banenmonitor/workspace.h"
#include "report/brief.h"
#include "store/accounts.h"
#include "web/sector_input.h"

namespace banenmonitor::cli {

namespace {

struct BriefOptions : DocumentOptions {
  std::string agenda;
  std::string format = "docx,odt,pdf,md";
  bool synthetic = false;
};

}  // namespace

long long BriefEpoch(const std::string& recorded_at, int year) {
  std::tm t{};
  if (std::sscanf(recorded_at.c_str(), "%d-%d-%dT%d:%d:%d", &t.tm_year, &t.tm_mon, &t.tm_mday, &t.tm_hour, &t.tm_min,
                  &t.tm_sec) == 6) {
    t.tm_year -= 1900;
    t.tm_mon -= 1;
    return static_cast<long long>(timegm(&t));
  }
  std::tm jan{};
  jan.tm_year = year + 1 - 1900;
  jan.tm_mday = 1;
  return static_cast<long long>(timegm(&jan));
}

std::string RecountSource(const SourceOptions& o, const std::string& description) {
  if (o.workspace.empty()) return "--data " + o.data_dir;
  const auto at = description.rfind("snapshot ");
  return fmt::format("--workspace {} --snapshot {}", o.workspace, at == std::string::npos ? "" : description.substr(at + 9));
}

namespace {

int RunBrief(const BriefOptions& o, const GlobalOptions& global) {
  auto formats = ParseFormatList(o.format, {"docx", "odt", "pdf", "md"});
  if (!formats) return ReportFailure("brief", formats.error());
  report::BriefRequest request;
  if (!o.agenda.empty()) {
    auto agenda = report::ReadAgenda(o.agenda);
    if (!agenda) return ReportFailure("brief", agenda.error());
    request.agenda = std::move(*agenda);
  }
  request.report.year = o.year;
  request.report.min_persons = o.min_persons;
  request.report.first_year = o.year - 1;
  request.synthetic = o.synthetic;
  auto input = LoadInput(global, o.source, report::ProgressReportLoadOptions(request.report), o.skip_invalid);
  if (!input) return input.error().exit_code();
  const ParameterSet& params = input->params;
  LoadedSource& loaded = input->source;
  request.report.source = loaded.description;
  request.report.recorded_at = loaded.recorded_at;
  request.recount_source = RecountSource(o.source, loaded.description);
  if (!o.source.workspace.empty()) {  // the sectors' texts of the year (docs/brief.md §2)
    auto versions = ReadWorkspaceTexts(o.source.workspace, o.year);
    if (!versions) return ReportFailure("brief", versions.error());
    request.texts = web::TextsForLetter(*versions);
  }
  auto package = report::BuildBrief(std::move(loaded.delivery), request, params);
  if (!package) return ReportFailure("brief", package.error());
  return ReportWritten("brief",
                       report::WriteBriefFiles(*package, o.out, *formats, BriefEpoch(loaded.recorded_at, o.year)));
}

void AddBriefOptions(CLI::App* cmd, BriefOptions& o) {
  AddDocumentOptions(
      cmd, o, Help("Het jaar van de brief (het vierde kwartaal)", "The year reported (its fourth quarter)"),
      Help("Map voor kamerbrief-banenafspraak-overheid-J.* en beslisnota-banenafspraak-overheid-J.*",
           "Directory for kamerbrief-banenafspraak-overheid-Y.* and beslisnota-banenafspraak-overheid-Y.*"));
  cmd->add_option(
      "--agenda", o.agenda,
      Help("CSV met de kolommen datum,onderwerp: debatten, Kamervragen en moties voor de politieke aandacht "
           "(docs/brief.md)",
           "CSV with the columns datum,onderwerp: debates, questions and motions for the political attention "
           "(docs/brief.md)"));
  cmd->add_option("--format", o.format,
                  Help("Gescheiden door komma's: docx, odt, pdf (vragen pandoc; pdf ook weasyprint), md",
                       "Comma-separated: docx, odt, pdf (need pandoc; pdf also weasyprint), md"))
      ->capture_default_str();
  AddMinPersonsOption(cmd, o,
                      Help("Een cijfer over minder personen wordt niet gepubliceerd",
                           "A figure about fewer persons is not published"));
  cmd->add_flag(
      "--synthetic", o.synthetic,
      Help("De gegevens zijn synthetisch: elke pagina zegt het", "The data are synthetic: every page says so"));
  AddSkipInvalidFlag(
      cmd, o.skip_invalid,
      Help("Zonder de ongeldige rijen (ze worden wel gemeld)", "Without the invalid rows (still listed)"));
}

}  // namespace

BANENMONITOR_COMMAND(
    46, "brief",
    Help("De Kamerbrief over de banenafspraak bij de overheid (met het Rijk in een bijlage, de tabellen en de "
         "verantwoording) en de beslisnota aan de minister, in Word, OpenDocument, PDF en Markdown",
         "The letter to parliament on the banenafspraak at the government (the Rijk in an annex, the tables and the "
         "Verantwoording) and the memo to the minister, in Word, OpenDocument, PDF and Markdown"),
    AddBriefOptions, RunBrief);

}  // namespace banenmonitor::cli
