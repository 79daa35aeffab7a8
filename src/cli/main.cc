// banenmonitor: monitors the Dutch banenafspraak from payroll and register data.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>
#include <functional>

#include "banenmonitor/provenance.h"
#include "cli/commands.h"
#include "common/lang.h"

int main(int argc, char** argv) {
  using namespace banenmonitor;
  CLI::App app{
      "banenmonitor: counts the jobs of the banenafspraak (jobs of 25.5 hours a week for people in UWV's "
      "doelgroepregister) per employer, ministry, subsector and sector, against baseline and target.\n"
      "Start with: banenmonitor demo",
      "banenmonitor"};
  app.set_version_flag("--version", ProgramVersion());
  app.require_subcommand(1);
  cli::GlobalOptions global;
  app.add_option("--params", global.params_file,
                 "Legal parameter file (TOML) to use instead of the built-in one (see docs/parameters.md)")
      ->check(CLI::ExistingFile);
  std::string lang;
  app.add_option("--lang", lang,
                 "Taal van meldingen: nl (standaard) of en / language of messages: nl (default) or en "
                 "(also BANENMONITOR_LANG)")
      ->check(CLI::IsMember({"nl", "en"}));
  std::function<int()> run;
  cli::RegisterAllCommands(app, global, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 64;
  }
  if (auto language = ParseLanguage(lang); language) SetMessageLanguage(*language);
  try {
    return run ? run() : 64;
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}\n", Say("banenmonitor: gestopt: {}", "banenmonitor: stopped: {}", e.what()));
    return 1;
  }
}
