// The table of commands: each command file adds itself (commands.h, CommandRegistration).
#include <algorithm>
#include <utility>
#include <vector>

#include "cli/commands.h"

namespace banenmonitor::cli {
namespace {

// A function-local static, so that registrations made during static initialisation of other
// files find it constructed whatever the order of initialisation.
std::vector<std::pair<int, RegisterFunction>>& Registry() {
  static std::vector<std::pair<int, RegisterFunction>> registry;
  return registry;
}

}  // namespace

CommandRegistration::CommandRegistration(int order, RegisterFunction function) {
  Registry().emplace_back(order, function);
}

void RegisterAllCommands(CLI::App& app, const GlobalOptions& global, std::function<int()>& run) {
  auto commands = Registry();
  std::stable_sort(commands.begin(), commands.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [order, function] : commands) function(app, global, run);
}

}  // namespace banenmonitor::cli
