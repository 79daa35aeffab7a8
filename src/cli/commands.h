// The commands of the banenmonitor program. Each registers its options on the
// CLI11 app and runs by calling one layer; none holds domain logic.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "cli/help_language.h"

namespace banenmonitor::cli {

// Options every command shares.
struct GlobalOptions {
  std::string params_file;  // --params: a parameter file instead of the embedded one
};

// A command registers its options on the CLI11 app and sets `run` to the function that
// executes it and returns the exit code.
using RegisterFunction = void (*)(CLI::App& app, const GlobalOptions& global, std::function<int()>& run);

// Each command file adds itself to the program with one line at namespace scope,
//   BANENMONITOR_REGISTER_COMMAND(40, RegisterQuotum);
// so that adding a command touches no shared file. `order` fixes the order in --help
// (smaller first; equal orders keep no particular order, so give each its own).
struct CommandRegistration {
  CommandRegistration(int order, RegisterFunction function);
};

#define BANENMONITOR_CLI_CONCAT_INNER(a, b) a##b
#define BANENMONITOR_CLI_CONCAT(a, b) BANENMONITOR_CLI_CONCAT_INNER(a, b)
// A uniquely named registration object: the command files are compiled as one unity
// translation unit (CMakeLists.txt), where a fixed name would be defined twice.
#define BANENMONITOR_REGISTER_COMMAND(order, function)                                        \
  static const ::banenmonitor::cli::CommandRegistration BANENMONITOR_CLI_CONCAT(kCommandRegistration, \
                                                                                __COUNTER__) { \
    order, function                                                                            \
  }

// Registers every command that added itself, in `order`.
void RegisterAllCommands(CLI::App& app, const GlobalOptions& global, std::function<int()>& run);

}  // namespace banenmonitor::cli
