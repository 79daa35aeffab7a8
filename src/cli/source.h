// Where a command's data comes from: a delivery directory (--data) or a
// workspace snapshot (--workspace, --snapshot). Shared by every command that counts.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"
#include "banenmonitor/provenance.h"
#include "banenmonitor/status.h"
#include "cli/commands.h"
#include "store/accounts.h"

namespace banenmonitor::cli {

struct SourceOptions {
  std::string data_dir;
  std::string workspace;
  std::optional<std::int64_t> snapshot;
};

// Adds --data, --workspace and --snapshot to `cmd` (exactly one of --data and --workspace).
void AddSourceOptions(CLI::App* cmd, SourceOptions& options);
// Adds --format (table, csv or json; `help` says what each gives) with its default shown.
void AddFormatOption(CLI::App* cmd, std::string& format, const std::string& help);
// Adds --out FILE: the output to a file instead of standard output.
void AddOutOption(CLI::App* cmd, std::string& out);

struct LoadedSource {
  Delivery delivery;
  std::string description;  // "delivery DIR" or "workspace WS, snapshot N"
  std::string recorded_at;  // workspace: the snapshot's import time (ISO 8601, UTC); empty for a directory
};

// Loads the delivery (validating it) or the snapshot. Prints findings to
// stderr. Fails with exit-code semantics: invalid input 2, not found 1.
Result<LoadedSource> LoadSource(const SourceOptions& options, const LoadOptions& load);

// The parameter set of a run: the file of --params, else the embedded one.
// Prints the reason to stderr on failure.
Result<ParameterSet> LoadParameters(const GlobalOptions& global);

// Writes `text` to `path`, or to stdout when `path` is empty; returns the exit code.
int WriteOutput(const std::string& text, const std::string& path);
// Writes `lines`, each ended by a newline, as WriteOutput does.
int WriteLines(const std::vector<std::string>& lines, const std::string& path);

// What an analysis command reads: the parameter set and the delivery or snapshot.
struct AnalysisInput {
  ParameterSet params;
  LoadedSource source;
};
// Loads the parameter set (LoadParameters) and then the source with `load`,
// without the invalid rows when `skip_invalid` (--skip-invalid). On failure
// the reason is already printed on stderr: return the error's exit_code().
Result<AnalysisInput> LoadInput(const GlobalOptions& global, const SourceOptions& source, LoadOptions load,
                                bool skip_invalid);

// Adds --skip-invalid: compute without the invalid rows (`help` says what for this command).
void AddSkipInvalidFlag(CLI::App* cmd, bool& skip_invalid, const std::string& help);
void AddSkipInvalidFlag(CLI::App* cmd, bool& skip_invalid);  // "Bereken zonder de ongeldige rijen ..."

// Sets `run` to `command(*options, global)` when `cmd` is the command given.
template <typename Options>
void RunOnCallback(CLI::App* cmd, std::function<int()>& run, std::shared_ptr<Options> options,
                   const GlobalOptions& global, int (*command)(const Options&, const GlobalOptions&)) {
  cmd->callback([&run, options, &global, command] { run = [options, &global, command] { return command(*options, global); }; });
}

// Where a command's result came from: this program, the parameter set and the
// loaded delivery or snapshot with its files.
Provenance ProvenanceOf(const ParameterSet& parameters, const LoadedSource& source);

// The renderings of one result, one per --format.
struct TableFaces {
  std::function<std::string()> csv;
  std::function<nlohmann::ordered_json()> json;
  std::function<std::string()> table;
};
// Renders the result in `format` ("csv", "json": indented by 2 with a final
// newline, else the table for reading) and writes it to `path` (WriteOutput).
int EmitTable(std::string_view format, const TableFaces& faces, const std::string& path);

// The accounts store of the workspace at `dir` (store/accounts.h), opened
// (and migrated) first as a workspace.
Result<std::unique_ptr<store::AccountStore>> OpenWorkspaceAccounts(const std::string& dir);

// Prints the status's message on stderr and returns its exit code.
int ReportStatus(const Status& s);
// The same, after "banenmonitor COMMAND: ".
int ReportFailure(std::string_view command, const Status& s);

// 0 when `explain` (an analysis's --explain) is empty or a scope there is in
// `delivery` (count::KnownScopes); else prints "onbekende scope ...; bedoelt u
// ...?" (count::UnknownScopeMessage) on stderr and returns 64 (usage).
int CheckExplainScope(const std::string& explain, const Delivery& delivery);

}  // namespace banenmonitor::cli
