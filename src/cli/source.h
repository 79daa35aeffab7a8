// Where a command's data comes from: a delivery directory (--data) or a
// workspace snapshot (--workspace, --snapshot). Shared by every command that counts.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "banenmonitor/delivery.h"
#include "banenmonitor/status.h"

namespace banenmonitor::cli {

struct SourceOptions {
  std::string data_dir;
  std::string workspace;
  std::optional<std::int64_t> snapshot;
};

// Adds --data, --workspace and --snapshot to `cmd` (exactly one of --data and --workspace).
void AddSourceOptions(CLI::App* cmd, SourceOptions& options);

struct LoadedSource {
  Delivery delivery;
  std::string description;  // "delivery DIR" or "workspace WS, snapshot N"
};

// Loads the delivery (validating it) or the snapshot. Prints findings to
// stderr. Fails with exit-code semantics: invalid input 2, not found 1.
Result<LoadedSource> LoadSource(const SourceOptions& options, const LoadOptions& load);

}  // namespace banenmonitor::cli
