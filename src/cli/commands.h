// The commands of the banenmonitor program. Each registers its options on the
// CLI11 app and runs by calling one layer; none holds domain logic.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>

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

// Sets `run` to `command(*options, global)`, or `command(*options)` for a command
// that takes no global options, when `cmd` is the command given; not when one of
// its subcommands is given (that one sets `run`).
template <typename Options, typename Command>
void RunOnCallback(CLI::App* cmd, std::function<int()>& run, std::shared_ptr<Options> options,
                   const GlobalOptions& global, Command command) {
  cmd->callback([cmd, &run, options, &global, command] {
    if (!cmd->get_subcommands().empty()) return;
    run = [options, &global, command] {
      if constexpr (std::is_invocable_v<Command, const Options&, const GlobalOptions&>) {
        return command(*options, global);
      } else {
        (void)global;
        return command(*options);
      }
    };
  });
}

// Adds the command `name` to `parent`, with `description` in --help and the
// options that `add_options` registers on one `Options`; `command` runs it
// (RunOnCallback). Returns the command, for its subcommands.
template <typename Options, typename Command>
CLI::App* AddCommand(CLI::App& parent, std::function<int()>& run, const GlobalOptions& global, const std::string& name,
                     const std::string& description, void (*add_options)(CLI::App*, Options&), Command command) {
  auto options = std::make_shared<Options>();
  CLI::App* cmd = parent.add_subcommand(name, description);
  add_options(cmd, *options);
  RunOnCallback(cmd, run, options, global, command);
  return cmd;
}

// Registers every command that added itself, in `order`.
void RegisterAllCommands(CLI::App& app, const GlobalOptions& global, std::function<int()>& run);

}  // namespace banenmonitor::cli
