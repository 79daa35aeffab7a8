// Where a command's data comes from: a delivery directory (--data) or a
// workspace snapshot (--workspace, --snapshot). Shared by every command that counts.
#pragma once

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
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
// Adds the argument WS: the directory of an existing workspace (required).
void AddWorkspaceArgument(CLI::App* cmd, std::string& dir);
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

// Adds the year option `name` (e.g. --year), a year from `first` to `last`; the
// caller marks it ->required() where it is.
CLI::Option* AddYearOption(CLI::App* cmd, const std::string& name, int& year, const std::string& help, int first,
                           int last);
// Adds the source (AddSourceOptions) and --year, the year of the data, from `first`
// to `last` (AddYearOption); the caller marks it ->required() where it is.
CLI::Option* AddSourceAndYear(CLI::App* cmd, SourceOptions& source, int& year, const std::string& help, int first,
                              int last);
// Adds --by, one of `levels`, with its default shown.
void AddByOption(CLI::App* cmd, std::string& by, const std::string& help, std::vector<std::string> levels);
// Adds --window (q1, q2, q3, q4 or year) with its default shown.
void AddWindowOption(CLI::App* cmd, std::string& window, const std::string& help);
// Adds --explain SCOPE: the steps behind one scope instead of the table.
void AddExplainOption(CLI::App* cmd, std::string& explain, const std::string& help);

// The options every analysis command shares. A command's options derive from
// it (struct QualityOptions : AnalysisOptions { ... }).
struct AnalysisOptions {
  SourceOptions source;          // --data, or --workspace and --snapshot
  std::string format = "table";  // --format: table, csv or json
  std::string explain;           // --explain SCOPE; empty: the table
  std::string out;               // --out FILE; empty: standard output
  bool skip_invalid = false;     // --skip-invalid
};

// The options every command that writes documents (report, brief) shares.
struct DocumentOptions {
  SourceOptions source;        // --data, or --workspace and --snapshot
  int year = 0;                // --year: the year reported
  std::string out;             // --out DIR
  long long min_persons = 10;  // --min-persons: disclosure control
  bool skip_invalid = false;   // --skip-invalid
};
// Adds the first options of a document command: the source, --year (the year
// reported, `year_help`) and --out DIR (`out_help`), both required.
void AddDocumentOptions(CLI::App* cmd, DocumentOptions& options, const std::string& year_help,
                        const std::string& out_help);
// Adds --min-persons (`help` says what a figure about fewer persons becomes) with its default shown.
void AddMinPersonsOption(CLI::App* cmd, DocumentOptions& options, const std::string& help);

// The last options of an analysis command: --out and --skip-invalid (with
// `skip_invalid_help`, or when empty the general text).
void AddOutAndSkipInvalid(CLI::App* cmd, AnalysisOptions& options, const std::string& skip_invalid_help = {});
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
// Prints "banenmonitor COMMAND: MESSAGE" on stderr and returns 64 (a usage error).
int ReportUsage(std::string_view command, std::string_view message);

// The formats of a comma-separated --format `list` (e.g. "html,pdf"), each one
// of `allowed`; else a usage error that names them.
Result<std::set<std::string>> ParseFormatList(const std::string& list, const std::vector<std::string>& allowed);

// Prints the files `written` (a report::WrittenReport or WrittenBrief) on
// stdout and its failures on stderr after "banenmonitor COMMAND: "; returns 0,
// or the exit code of the first failure.
template <typename Written>
int ReportWritten(std::string_view command, const Written& written) {
  for (const auto& f : written.files) fmt::print("{}\n", f.string());
  for (const auto& s : written.failures) fmt::print(stderr, "banenmonitor {}: {}\n", command, s.message());
  return written.failures.empty() ? 0 : written.failures.front().exit_code();
}

// The sectors' texts of `year` (all versions) in the accounts store of the
// workspace at `dir` (OpenWorkspaceAccounts).
Result<std::vector<store::SectorTextRecord>> ReadWorkspaceTexts(const std::string& dir, int year);

// 0 when `explain` (an analysis's --explain) is empty or a scope there is in
// `delivery` (count::KnownScopes); else prints "onbekende scope ...; bedoelt u
// ...?" (count::UnknownScopeMessage) on stderr and returns 64 (usage).
int CheckExplainScope(const std::string& explain, const Delivery& delivery);

// Runs an analysis command: loads its input with `load` (LoadInput), checks
// the scope of --explain (CheckExplainScope), computes `compute(input)` (a
// Result) and returns `emit(value, input)`. A failure to compute is printed
// after "banenmonitor COMMAND: " (ReportFailure), or alone when `command` is
// empty (ReportStatus). REQUIRES: `emit` returns the exit code.
template <typename Compute, typename Emit>
int Analyse(const AnalysisOptions& o, const GlobalOptions& global, const LoadOptions& load, std::string_view command,
            Compute compute, Emit emit) {
  auto input = LoadInput(global, o.source, load, o.skip_invalid);
  if (!input) return input.error().exit_code();
  if (int unknown = CheckExplainScope(o.explain, input->source.delivery); unknown != 0) return unknown;
  auto result = compute(std::as_const(*input));
  if (!result) return command.empty() ? ReportStatus(result.error()) : ReportFailure(command, result.error());
  return emit(std::as_const(*result), std::as_const(*input));
}

// Writes an analysis's result in --format to --out (EmitTable), the faces
// made by `faces` with the provenance of `input` (ProvenanceOf).
int EmitAnalysis(const AnalysisOptions& o, const AnalysisInput& input,
                 const std::function<TableFaces(const Provenance&)>& faces);

// EmitAnalysis for a table whose faces are `csv(table)`, `json(table,
// provenance)` and `text(table, provenance)`.
template <typename Table>
int EmitAnalysis(const AnalysisOptions& o, const AnalysisInput& input, const Table& table,
                 std::string (*csv)(const Table&), nlohmann::ordered_json (*json)(const Table&, const Provenance&),
                 std::string (*text)(const Table&, const Provenance&)) {
  return EmitAnalysis(o, input, [&](const Provenance& provenance) {
    return TableFaces{[&] { return csv(table); }, [&] { return json(table, provenance); },
                      [&] { return text(table, provenance); }};
  });
}

// Writes the --explain `lines` to --out (WriteLines); when there are none (no
// such scope in the result) prints `missing()` on stderr and returns 64.
int WriteExplanation(const std::vector<std::string>& lines, const std::function<std::string()>& missing,
                     const std::string& out);

}  // namespace banenmonitor::cli
