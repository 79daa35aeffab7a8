// banenmonitor input set|accept|list|show: the sectors' own texts for the
// letter ("aanpak en aandachtspunten", web/sector_input.h, docs/brief.md §2),
// as the dashboard keeps them: every change a new version, in the audit log.
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "banenmonitor/workspace.h"
#include "cli/commands.h"
#include "cli/source.h"
#include "common/lang.h"
#include "store/accounts.h"
#include "web/sector_input.h"

namespace banenmonitor::cli {

namespace {

struct InputOptions {
  std::string workspace;
  std::string scope;
  int year = 0;
  std::string file;
  bool submit = false;
  int version = 0;
};

// Who wrote it, for the audit log: the operating-system account.
std::string CliAuthor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user != nullptr && *user != '\0' ? user : "onbekend");
}

int InputSet(const InputOptions& o) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in)
    return ReportFailure(
        "input", Status::NotFound(Say("{}: het bestand kan niet worden geopend", "{}: cannot open the file", o.file)));
  std::ostringstream text;
  text << in.rdbuf();
  auto accounts = OpenWorkspaceAccounts(o.workspace);
  if (!accounts) return ReportFailure("input", accounts.error());
  auto added = web::WriteSectorText(**accounts, o.scope, o.year, text.str(),
                                    o.submit ? web::kTextSubmitted : web::kTextConcept, CliAuthor(), "cli");
  if (!added) return ReportFailure("input", added.error());
  fmt::print("{}\n", Say("{} {}: versie {} opgeslagen ({})", "{} {}: version {} stored ({})", o.scope, o.year,
                         added->version, added->status));
  return 0;
}

int InputAccept(const InputOptions& o) {
  auto accounts = OpenWorkspaceAccounts(o.workspace);
  if (!accounts) return ReportFailure("input", accounts.error());
  auto added = web::AcceptSectorText(**accounts, o.scope, o.year, CliAuthor(), "cli");
  if (!added) return ReportFailure("input", added.error());
  fmt::print("{}\n", Say("{} {}: versie {} akkoord", "{} {}: version {} accepted", o.scope, o.year, added->version));
  return 0;
}

int InputList(const InputOptions& o) {
  auto versions = ReadWorkspaceTexts(o.workspace, o.year);
  if (!versions) return ReportFailure("input", versions.error());
  fmt::print("scope\tjaar\tversie\tstatus\tauteur\ttijd\n");
  for (const auto& v : web::LatestPerScope(*versions)) {
    fmt::print("{}\t{}\t{}\t{}\t{}\t{}\n", v.scope, v.year, v.version, v.status, v.author, v.at);
  }
  return 0;
}

int InputShow(const InputOptions& o) {
  auto versions = ReadWorkspaceTexts(o.workspace, o.year);
  if (!versions) return ReportFailure("input", versions.error());
  const store::SectorTextRecord* shown = nullptr;
  for (const auto& v : *versions) {
    if (v.scope == o.scope && (o.version == 0 || v.version == o.version)) shown = &v;
  }
  if (shown == nullptr) {
    return ReportFailure("input", Status::NotFound(Say("{} {}: geen tekst{}", "{} {}: no text{}", o.scope, o.year,
                                                       o.version == 0 ? "" : fmt::format(" (versie {})", o.version))));
  }
  fmt::print("{}", shown->markdown);
  if (!shown->markdown.empty() && shown->markdown.back() != '\n') fmt::print("\n");
  fmt::print(stderr, "{}\n", Say("versie {}, {}, door {} op {}", "version {}, {}, by {} at {}", shown->version, shown->status,
                                 shown->author, shown->at));
  return 0;
}

// The workspace, --scope (when `scope`) and --year of a subcommand.
void AddScopeYear(CLI::App* c, InputOptions& o, bool scope) {
  c->add_option("workspace", o.workspace, Help("De map van de werkruimte", "The workspace directory"))->required();
  if (scope) {
    c->add_option("--scope", o.scope, Help("De publieke sector, bijvoorbeeld subsector:gemeenten", "The public sector, e.g. subsector:gemeenten"))
        ->required();
  }
  AddYearOption(c, "--year", o.year, Help("Het jaar van de brief", "The year of the letter"), 2013, 2100)->required();
}

void AddSetOptions(CLI::App* c, InputOptions& o) {
  AddScopeYear(c, o, true);
  c->add_option("--file", o.file, Help("Het Markdown-bestand (UTF-8)", "The Markdown file (UTF-8)"))->required();
  c->add_flag("--submit", o.submit, Help("Dien de tekst in (status ingediend)", "Submit the text (status ingediend)"));
}
void AddAcceptOptions(CLI::App* c, InputOptions& o) { AddScopeYear(c, o, true); }
void AddListOptions(CLI::App* c, InputOptions& o) { AddScopeYear(c, o, false); }
void AddShowOptions(CLI::App* c, InputOptions& o) {
  AddScopeYear(c, o, true);
  c->add_option("--version", o.version, Help("De versie", "The version"));
}

}  // namespace

BANENMONITOR_COMMAND_GROUP(
    47, "input",
    Help("De teksten van de sectoren voor de brief (aanpak en aandachtspunten): set, accept, list, show",
         "The sectors' texts for the letter (aanpak en aandachtspunten): set, accept, list, show"));
BANENMONITOR_SUBCOMMAND(
    47, "input", "set",
    Help("Sla een nieuwe versie op uit een Markdown-bestand (status concept, of ingediend met --submit)",
         "Store a new version from a Markdown file (status concept, or ingediend with --submit)"),
    AddSetOptions, InputSet);
BANENMONITOR_SUBCOMMAND(47, "input", "accept",
                        Help("Geef akkoord op de laatste, ingediende versie", "Accept the latest, submitted version"),
                        AddAcceptOptions, InputAccept);
BANENMONITOR_SUBCOMMAND(47, "input", "list",
                        Help("De laatste versie van elke sector", "The latest version of every sector"),
                        AddListOptions, InputList);
BANENMONITOR_SUBCOMMAND(
    47, "input", "show",
    Help("Toon een tekst (de laatste versie, of --version N)", "Show a text (the latest version, or --version N)"),
    AddShowOptions, InputShow);

}  // namespace banenmonitor::cli
