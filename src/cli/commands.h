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

// Each command file adds itself to the program at namespace scope (BANENMONITOR_COMMAND,
// BANENMONITOR_COMMAND_GROUP, BANENMONITOR_SUBCOMMAND; underneath, BANENMONITOR_REGISTER_COMMAND
// with a RegisterFunction), so that adding a command touches no shared file. `order` fixes the
// order in --help (smaller first; give each file its own: equal orders from different files keep
// no particular order).
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

// Adds the command `name` to the program in `order` (BANENMONITOR_REGISTER_COMMAND), with
// `description` in --help, the options `add_options` registers, run by `command` (AddCommand):
//   BANENMONITOR_COMMAND(65, "trend", Help("...", "..."), AddTrendOptions, RunTrend);
// Registrations of one file with the same order run in the order they stand there.
#define BANENMONITOR_COMMAND(order, name, description, add_options, command)                              \
  BANENMONITOR_REGISTER_COMMAND(order, [](CLI::App& app, const ::banenmonitor::cli::GlobalOptions& global, \
                                          std::function<int()>& run) {                                      \
    ::banenmonitor::cli::AddCommand(app, run, global, name, description, add_options, command);            \
  })

// Adds the command `name` that only holds subcommands (BANENMONITOR_SUBCOMMAND): one of them is required.
#define BANENMONITOR_COMMAND_GROUP(order, name, description)                                                \
  BANENMONITOR_REGISTER_COMMAND(order, [](CLI::App& app, const ::banenmonitor::cli::GlobalOptions&,         \
                                          std::function<int()>&) {                                          \
    app.add_subcommand(name, description)->require_subcommand(1);                                           \
  })

// Adds the subcommand `name` to the command `parent` as BANENMONITOR_COMMAND adds a command; a command
// takes at most one subcommand. REQUIRES: `parent` is registered before, in the same file with the same `order`.
#define BANENMONITOR_SUBCOMMAND(order, parent, name, description, add_options, command)                        \
  BANENMONITOR_REGISTER_COMMAND(order, [](CLI::App& app, const ::banenmonitor::cli::GlobalOptions& global,      \
                                          std::function<int()>& run) {                                           \
    CLI::App* group = app.get_subcommand(parent);                                                                \
    ::banenmonitor::cli::AddCommand(*group, run, global, name, description, add_options, command);              \
    group->require_subcommand(group->get_require_subcommand_min(), 1);                                           \
  })

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
