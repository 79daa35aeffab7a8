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

struct BriefOptions {
  SourceOptions source;
  int year = 0;
  std::string out;
  std::string agenda;
  std::string format = "docx,odt,pdf,md";
  long long min_persons = 10;
  bool synthetic = false;
  bool skip_invalid = false;
};

int StopBrief(const Status& s) {
  fmt::print(stderr, "banenmonitor brief: {}\n", s.message());
  return s.exit_code();
}

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
  std::set<std::string> formats;
  std::stringstream list(o.format);
  for (std::string f; std::getline(list, f, ',');) {
    if (f != "docx" && f != "odt" && f != "pdf" && f != "md") {
      return StopBrief(Status::Usage(Say("--format {}: kies uit docx, odt, pdf en md (gescheiden door komma's)",
                                         "--format {}: choose from docx, odt, pdf and md (comma-separated)", f)));
    }
    formats.insert(f);
  }
  report::BriefRequest request;
  if (!o.agenda.empty()) {
    auto agenda = report::ReadAgenda(o.agenda);
    if (!agenda) return StopBrief(agenda.error());
    request.agenda = std::move(*agenda);
  }
  auto params = LoadParameters(global);
  if (!params) return params.error().exit_code();
  request.report.year = o.year;
  request.report.min_persons = o.min_persons;
  request.report.first_year = o.year - 1;
  request.synthetic = o.synthetic;
  LoadOptions load = report::ProgressReportLoadOptions(request.report);
  load.skip_invalid = o.skip_invalid;
  auto loaded = LoadSource(o.source, load);
  if (!loaded) return ReportStatus(loaded.error());
  request.report.source = loaded->description;
  request.report.recorded_at = loaded->recorded_at;
  request.recount_source = RecountSource(o.source, loaded->description);
  if (!o.source.workspace.empty()) {  // the sectors' texts of the year (docs/brief.md §2)
    auto accounts = OpenWorkspaceAccounts(o.source.workspace);
    if (!accounts) return StopBrief(accounts.error());
    auto versions = (*accounts)->ReadSectorTexts(o.year);
    if (!versions) return StopBrief(versions.error());
    request.texts = web::TextsForLetter(*versions);
  }
  auto package = report::BuildBrief(std::move(loaded->delivery), request, *params);
  if (!package) return StopBrief(package.error());
  auto written = report::WriteBriefFiles(*package, o.out, formats, BriefEpoch(loaded->recorded_at, o.year));
  for (const auto& f : written.files) fmt::print("{}\n", f.string());
  for (const auto& s : written.failures) fmt::print(stderr, "banenmonitor brief: {}\n", s.message());
  return written.failures.empty() ? 0 : written.failures.front().exit_code();
}

void RegisterBrief(CLI::App& app, const GlobalOptions& global, std::function<int()>& run) {
  auto o = std::make_shared<BriefOptions>();
  auto* cmd = app.add_subcommand(
      "brief",
      Help("De Kamerbrief over de banenafspraak bij de overheid (met het Rijk in een bijlage, de tabellen en de "
           "verantwoording) en de beslisnota aan de minister, in Word, OpenDocument, PDF en Markdown",
           "The letter to parliament on the banenafspraak at the government (the Rijk in an annex, the tables and the "
           "Verantwoording) and the memo to the minister, in Word, OpenDocument, PDF and Markdown"));
  AddSourceOptions(cmd, o->source);
  cmd->add_option("--year", o->year, Help("Het jaar van de brief (het vierde kwartaal)", "The year reported (its fourth quarter)"))
      ->required()
      ->check(CLI::Range(2013, 2100));
  cmd->add_option("--out", o->out,
                  Help("Map voor kamerbrief-banenafspraak-overheid-J.* en beslisnota-banenafspraak-overheid-J.*",
                       "Directory for kamerbrief-banenafspraak-overheid-Y.* and beslisnota-banenafspraak-overheid-Y.*"))
      ->required();
  cmd->add_option("--agenda", o->agenda,
                  Help("CSV met de kolommen datum,onderwerp: debatten, Kamervragen en moties voor de politieke aandacht "
                       "(docs/brief.md)",
                       "CSV with the columns datum,onderwerp: debates, questions and motions for the political attention "
                       "(docs/brief.md)"));
  cmd->add_option("--format", o->format,
                  Help("Gescheiden door komma's: docx, odt, pdf (vragen pandoc; pdf ook weasyprint), md",
                       "Comma-separated: docx, odt, pdf (need pandoc; pdf also weasyprint), md"))
      ->capture_default_str();
  cmd->add_option("--min-persons", o->min_persons,
                  Help("Een cijfer over minder personen wordt niet gepubliceerd", "A figure about fewer persons is not published"))
      ->check(CLI::Range(1LL, 1000000LL))
      ->capture_default_str();
  cmd->add_flag("--synthetic", o->synthetic,
                Help("De gegevens zijn synthetisch: elke pagina zegt het", "The data are synthetic: every page says so"));
  cmd->add_flag("--skip-invalid", o->skip_invalid,
                Help("Zonder de ongeldige rijen (ze worden wel gemeld)", "Without the invalid rows (still listed)"));
  cmd->callback([&run, o, &global] { run = [o, &global] { return RunBrief(*o, global); }; });
}

}  // namespace

BANENMONITOR_REGISTER_COMMAND(46, RegisterBrief);

}  // namespace banenmonitor::cli
