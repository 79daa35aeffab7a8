// banenmonitor: monitors the Dutch banenafspraak from payroll and register data.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>
#include <functional>

#include "banenmonitor/provenance.h"
#include "cli/commands.h"
#include "cli/help_language.h"
#include "common/lang.h"

int main(int argc, char** argv) {
  using namespace banenmonitor;
  // The help texts are written when the options are registered, so the language must be
  // known before: `--lang` from the command line, else BANENMONITOR_LANG, else Dutch.
  if (auto language = cli::LanguageFromArguments(argc, argv); language) SetMessageLanguage(*language);
  CLI::App app{cli::Help("banenmonitor: telt de banen van de banenafspraak (banen van 25,5 uur per week voor mensen "
                         "in het doelgroepregister van UWV) per werkgever, ministerie, subsector en sector, tegen de "
                         "nulmeting en de opgave.\nBegin met: banenmonitor demo",
                         "banenmonitor: counts the jobs of the banenafspraak (jobs of 25.5 hours a week for people in "
                         "UWV's doelgroepregister) per employer, ministry, subsector and sector, against baseline and "
                         "target.\nStart with: banenmonitor demo"),
               "banenmonitor"};
  cli::PrepareHelp(app);
  app.set_version_flag("--version", ProgramVersion(),
                       cli::Help("Toon de versie en stop", "Display program version information and exit"));
  app.require_subcommand(1);
  cli::GlobalOptions global;
  app.add_option("--params", global.params_file,
                 cli::Help("Wettelijk parameterbestand (TOML) in plaats van het ingebouwde (zie docs/parameters.md)",
                           "Legal parameter file (TOML) to use instead of the built-in one (see docs/parameters.md)"))
      ->check(CLI::ExistingFile);
  std::string lang;
  app.add_option("--lang", lang,
                 "Taal van meldingen: nl (standaard) of en / language of messages: nl (default) or en "
                 "(also BANENMONITOR_LANG)")
      ->check(CLI::IsMember({"nl", "en"}));
  std::function<int()> run;
  cli::RegisterAllCommands(app, global, run);
  cli::FinishHelp(app);
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
