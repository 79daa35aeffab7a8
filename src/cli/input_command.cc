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

int StopInput(const Status& s) {
  fmt::print(stderr, "banenmonitor input: {}\n", s.message());
  return s.exit_code();
}

// Who wrote it, for the audit log: the operating-system account.
std::string CliAuthor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user != nullptr && *user != '\0' ? user : "onbekend");
}

int InputSet(const InputOptions& o) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) return StopInput(Status::NotFound(Say("{}: het bestand kan niet worden geopend", "{}: cannot open the file", o.file)));
  std::ostringstream text;
  text << in.rdbuf();
  auto accounts = OpenWorkspaceAccounts(o.workspace);
  if (!accounts) return StopInput(accounts.error());
  auto added = web::WriteSectorText(**accounts, o.scope, o.year, text.str(),
                                    o.submit ? web::kTextSubmitted : web::kTextConcept, CliAuthor(), "cli");
  if (!added) return StopInput(added.error());
  fmt::print("{}\n", Say("{} {}: versie {} opgeslagen ({})", "{} {}: version {} stored ({})", o.scope, o.year,
                         added->version, added->status));
  return 0;
}

int InputAccept(const InputOptions& o) {
  auto accounts = OpenWorkspaceAccounts(o.workspace);
  if (!accounts) return StopInput(accounts.error());
  auto added = web::AcceptSectorText(**accounts, o.scope, o.year, CliAuthor(), "cli");
  if (!added) return StopInput(added.error());
  fmt::print("{}\n", Say("{} {}: versie {} akkoord", "{} {}: version {} accepted", o.scope, o.year, added->version));
  return 0;
}

int InputList(const InputOptions& o) {
  auto accounts = OpenWorkspaceAccounts(o.workspace);
  if (!accounts) return StopInput(accounts.error());
  auto versions = (*accounts)->ReadSectorTexts(o.year);
  if (!versions) return StopInput(versions.error());
  fmt::print("scope\tjaar\tversie\tstatus\tauteur\ttijd\n");
  for (const auto& v : web::LatestPerScope(*versions)) {
    fmt::print("{}\t{}\t{}\t{}\t{}\t{}\n", v.scope, v.year, v.version, v.status, v.author, v.at);
  }
  return 0;
}

int InputShow(const InputOptions& o) {
  auto accounts = OpenWorkspaceAccounts(o.workspace);
  if (!accounts) return StopInput(accounts.error());
  auto versions = (*accounts)->ReadSectorTexts(o.year);
  if (!versions) return StopInput(versions.error());
  const store::SectorTextRecord* shown = nullptr;
  for (const auto& v : *versions) {
    if (v.scope == o.scope && (o.version == 0 || v.version == o.version)) shown = &v;
  }
  if (shown == nullptr) {
    return StopInput(Status::NotFound(Say("{} {}: geen tekst{}", "{} {}: no text{}", o.scope, o.year,
                                          o.version == 0 ? "" : fmt::format(" (versie {})", o.version))));
  }
  fmt::print("{}", shown->markdown);
  if (!shown->markdown.empty() && shown->markdown.back() != '\n') fmt::print("\n");
  fmt::print(stderr, "{}\n", Say("versie {}, {}, door {} op {}", "version {}, {}, by {} at {}", shown->version, shown->status,
                                 shown->author, shown->at));
  return 0;
}

// --scope and --year of a subcommand.
void AddScopeYear(CLI::App* c, InputOptions& o, bool scope) {
  c->add_option("workspace", o.workspace, Help("De map van de werkruimte", "The workspace directory"))->required();
  if (scope) {
    c->add_option("--scope", o.scope, Help("De publieke sector, bijvoorbeeld subsector:gemeenten", "The public sector, e.g. subsector:gemeenten"))
        ->required();
  }
  c->add_option("--year", o.year, Help("Het jaar van de brief", "The year of the letter"))->required()->check(CLI::Range(2013, 2100));
}

}  // namespace

static void RegisterInput(CLI::App& app, const GlobalOptions&, std::function<int()>& run) {
  CLI::App* cmd = app.add_subcommand(
      "input", Help("De teksten van de sectoren voor de brief (aanpak en aandachtspunten): set, accept, list, show",
                    "The sectors' texts for the letter (aanpak en aandachtspunten): set, accept, list, show"));
  cmd->require_subcommand(1);
  auto set = std::make_shared<InputOptions>();
  CLI::App* s = cmd->add_subcommand("set", Help("Sla een nieuwe versie op uit een Markdown-bestand (status concept, of ingediend met --submit)",
                                                "Store a new version from a Markdown file (status concept, or ingediend with --submit)"));
  AddScopeYear(s, *set, true);
  s->add_option("--file", set->file, Help("Het Markdown-bestand (UTF-8)", "The Markdown file (UTF-8)"))->required();
  s->add_flag("--submit", set->submit, Help("Dien de tekst in (status ingediend)", "Submit the text (status ingediend)"));
  s->callback([&run, set] { run = [set] { return InputSet(*set); }; });
  auto accept = std::make_shared<InputOptions>();
  CLI::App* a = cmd->add_subcommand("accept", Help("Geef akkoord op de laatste, ingediende versie", "Accept the latest, submitted version"));
  AddScopeYear(a, *accept, true);
  a->callback([&run, accept] { run = [accept] { return InputAccept(*accept); }; });
  auto list = std::make_shared<InputOptions>();
  CLI::App* l = cmd->add_subcommand("list", Help("De laatste versie van elke sector", "The latest version of every sector"));
  AddScopeYear(l, *list, false);
  l->callback([&run, list] { run = [list] { return InputList(*list); }; });
  auto show = std::make_shared<InputOptions>();
  CLI::App* w = cmd->add_subcommand("show", Help("Toon een tekst (de laatste versie, of --version N)", "Show a text (the latest version, or --version N)"));
  AddScopeYear(w, *show, true);
  w->add_option("--version", show->version, Help("De versie", "The version"));
  w->callback([&run, show] { run = [show] { return InputShow(*show); }; });
}

BANENMONITOR_REGISTER_COMMAND(47, RegisterInput);

}  // namespace banenmonitor::cli
