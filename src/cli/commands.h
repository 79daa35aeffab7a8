// The commands of the banenmonitor program. Each registers its options on the
// CLI11 app and runs by calling one layer; none holds domain logic.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace banenmonitor::cli {

// Options every command shares.
struct GlobalOptions {
  std::string params_file;  // --params: a parameter file instead of the embedded one
};

// Registers `count`; sets `run` to the function that executes it and returns the exit code.
void RegisterCount(CLI::App& app, const GlobalOptions& global, std::function<int()>& run);
// Registers init, import, snapshots and diff.
void RegisterWorkspaceCommands(CLI::App& app, const GlobalOptions& global, std::function<int()>& run);
// Registers demo: the main job on embedded data.
void RegisterDemo(CLI::App& app, const GlobalOptions& global, std::function<int()>& run);
void RegisterGenerate(CLI::App&, const GlobalOptions&, std::function<int()>&);
// Registers scenario and scenario compare: the Wet banenafspraak 2026 beside the current rules.
void RegisterScenario(CLI::App& app, const GlobalOptions& global, std::function<int()>& run);
// Registers `quotum`: liability, shortfall and levy per employer (quotum-and-scenarios.md §1).
void RegisterQuotum(CLI::App& app, const GlobalOptions& global, std::function<int()>& run);
// Registers `project`: the trend of the extra jobs to 2026 (quotum-and-scenarios.md §5).
void RegisterProjection(CLI::App& app, const GlobalOptions& global, std::function<int()>& run);
// Registers `quality`: retention, contracts, hours and inflow (docs/job-quality.md).
void RegisterQuality(CLI::App& app, const GlobalOptions& global, std::function<int()>& run);

}  // namespace banenmonitor::cli
