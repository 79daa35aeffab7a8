#include "cli/help_language.h"

namespace banenmonitor::cli {

std::optional<Language> LanguageFromArguments(int argc, const char* const* argv) {
  std::optional<Language> found;
  constexpr std::string_view kFlag = "--lang";
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;  // what follows is not an option
    if (arg == kFlag && i + 1 < argc) {
      if (auto l = ParseLanguage(argv[i + 1]); l) found = l;
      ++i;
    } else if (arg.starts_with("--lang=")) {
      if (auto l = ParseLanguage(arg.substr(kFlag.size() + 1)); l) found = l;
    }
  }
  return found;
}

void PrepareHelp(CLI::App& app) {
  if (MessageLanguage() == Language::kEnglish) return;  // CLI11's own wording is English
  auto formatter = app.get_formatter();
  formatter->label("Usage", "Gebruik");
  formatter->label("OPTIONS", "OPTIES");
  formatter->label("SUBCOMMAND", "OPDRACHT");
  formatter->label("SUBCOMMANDS", "OPDRACHTEN");
  formatter->label("Positionals", "Argumenten");
  formatter->label("REQUIRED", "VERPLICHT");
  formatter->label("Needs", "Vereist");
  formatter->label("Excludes", "Sluit uit");
  formatter->label("Env", "Omgevingsvariabele");
  formatter->label("TEXT", "TEKST");
  formatter->label("INT", "GETAL");
  formatter->label("UINT", "GETAL");
  formatter->label("FLOAT", "GETAL");
  app.option_defaults()->group("Opties");
  app.set_help_flag("-h,--help", "Toon deze hulptekst en stop");
}

void FinishHelp(CLI::App& app) {
  if (MessageLanguage() == Language::kEnglish) return;
  // A subcommand's help flag is made before it takes the parent's option defaults.
  for (CLI::Option* option : app.get_options([](const CLI::Option* o) { return o->get_group() == "Options"; })) {
    option->group("Opties");
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_group() == "Subcommands") sub->group("Opdrachten");
    FinishHelp(*sub);
  }
}

}  // namespace banenmonitor::cli
