// The language of the command line's help (`banenmonitor --help`, `COMMAND --help`):
// the help texts are fixed when the options are registered, so the language is
// decided from argv and the environment before the CLI::App is built.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/lang.h"

namespace banenmonitor::cli {

// The language named by `--lang X` or `--lang=X` on the command line (the last one
// wins, as in CLI11), or nullopt when there is none or it names no language.
std::optional<Language> LanguageFromArguments(int argc, const char* const* argv);

// A help text in the current language (Pick as a std::string, which CLI11 takes).
inline std::string Help(std::string_view nl, std::string_view en) { return std::string(Pick(nl, en)); }

// REQUIRES: called on the top-level app before any option or subcommand is added.
// Sets the help flag's text, the group name of options and the formatter's labels
// ("Usage", "OPTIONS", "REQUIRED", ...) in the current language.
void PrepareHelp(CLI::App& app);

// REQUIRES: called after every command is registered. Names the groups of the
// options ("Options") and subcommands ("Subcommands") in the current language, at every depth.
void FinishHelp(CLI::App& app);

}  // namespace banenmonitor::cli
