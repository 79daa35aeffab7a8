#include "cli/source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "banenmonitor/workspace.h"
#include "cli/findings_output.h"
#include "common/lang.h"
#include "count/scope_names.h"

namespace banenmonitor::cli {

namespace {
// The general help text of --skip-invalid.
std::string GeneralSkipInvalidHelp() {
  return Help("Bereken zonder de ongeldige rijen (ze worden wel gemeld op standaardfout)",
              "Compute without the invalid rows (they are still listed on standard error)");
}
}  // namespace

void AddSourceOptions(CLI::App* cmd, SourceOptions& o) {
  auto* data =
      cmd->add_option("--data", o.data_dir,
                      Help("Map van de levering met employers.csv, register.csv, payroll.csv en eventueel hire_in.csv, "
                           "targets.csv, employer_hours.csv en sroi.csv",
                           "Delivery directory with employers.csv, register.csv, payroll.csv and optionally "
                           "hire_in.csv and targets.csv"))
          ->check(CLI::ExistingDirectory);
  auto* ws = cmd->add_option("--workspace", o.workspace,
                             Help("Map van de werkruimte (zie: banenmonitor init, import)",
                                  "Workspace directory (see: banenmonitor init, import)"))
                 ->check(CLI::ExistingDirectory);
  cmd->add_option("--snapshot", o.snapshot,
                  Help("Nummer van de snapshot in de werkruimte (standaard: de laatste)",
                       "Snapshot number in the workspace (default: the latest)"))
      ->needs(ws);
  data->excludes(ws);
  ws->excludes(data);
}

void AddWorkspaceArgument(CLI::App* cmd, std::string& dir) {
  cmd->add_option("WS", dir, Help("Map van de werkruimte", "Workspace directory"))
      ->required()
      ->check(CLI::ExistingDirectory);
}

void AddFormatOption(CLI::App* cmd, std::string& format, const std::string& help) {
  cmd->add_option("--format", format, help)->check(CLI::IsMember({"table", "csv", "json"}))->capture_default_str();
}

void AddOutOption(CLI::App* cmd, std::string& out) {
  cmd->add_option("--out", out,
                  Help("Schrijf de uitvoer naar dit bestand in plaats van naar standaarduitvoer",
                       "Write the output to this file instead of standard output"));
}

Result<LoadedSource> LoadSource(const SourceOptions& o, const LoadOptions& load) {
  LoadedSource out;
  if (!o.workspace.empty()) {
    auto ws = Workspace::Open(o.workspace);
    if (!ws) return Fail(ws.error());
    auto id = ws->ResolveSnapshot(o.snapshot);
    if (!id) return Fail(id.error());
    auto d = ws->Load(*id, load);
    if (!d) return Fail(d.error());
    out.delivery = std::move(*d);
    out.description = fmt::format("workspace {}, snapshot {}", o.workspace, *id);
    if (auto snapshots = ws->Snapshots()) {
      for (const auto& s : *snapshots) {
        if (s.id == *id) out.recorded_at = s.imported_at;
      }
    }
    PrintFindings(out.delivery, stderr);
    return out;
  }
  if (o.data_dir.empty()) {
    return Fail(Status::Usage(
        std::string(Pick("zeg waar de gegevens staan: --data MAP (een levering) of --workspace WS (een werkruimte)",
                         "say where the data is: --data DIR (a delivery) or --workspace WS (a workspace)"))));
  }
  auto d = LoadDelivery(o.data_dir, load);
  if (!d) return Fail(d.error());
  PrintFindings(*d, stderr);
  if (d->has_file_errors()) {
    return Fail(Status::InvalidInput(
        std::string(Pick("Er is niets geteld: een bestand van de levering ontbreekt of is onbruikbaar (zie hierboven).",
                         "Nothing was counted: a file of the delivery is missing or unusable (see above)."))));
  }
  if (d->error_count() > 0 && !load.skip_invalid) {
    return Fail(Status::InvalidInput(std::string(Pick(
        "Er is niets geteld: de levering voldoet niet aan het gegevenscontract (zie hierboven). Verbeter de bestanden, "
        "of tel opnieuw met --skip-invalid om zonder de ongeldige rijen te tellen.",
        "Nothing was counted: the delivery breaks the data contract (see above). Correct the files, or run again "
        "with --skip-invalid to count without the invalid rows."))));
  }
  if (d->error_count() > 0) {
    fmt::print(stderr, "{}\n",
               Say("--skip-invalid: geteld zonder de {} ongeldige rij(en) hierboven.",
                   "--skip-invalid: counted without the {} invalid row(s) listed above.", d->error_count()));
  }
  out.delivery = std::move(*d);
  out.description = o.data_dir;
  return out;
}

Result<ParameterSet> LoadParameters(const GlobalOptions& global) {
  if (global.params_file.empty()) return ParameterSet::Embedded();
  auto custom = ParameterSet::FromFile(global.params_file);
  if (!custom) fmt::print(stderr, "{}\n", custom.error().message());
  return custom;
}

Result<std::unique_ptr<store::AccountStore>> OpenWorkspaceAccounts(const std::string& dir) {
  auto ws = Workspace::Open(dir);
  if (!ws) return Fail(ws.error());
  return store::OpenAccounts(*ws);
}

int ReportStatus(const Status& s) {
  fmt::print(stderr, "{}\n", s.message());
  return s.exit_code();
}

int ReportFailure(std::string_view command, const Status& s) {
  fmt::print(stderr, "banenmonitor {}: {}\n", command, s.message());
  return s.exit_code();
}

int ReportUsage(std::string_view command, std::string_view message) {
  return ReportFailure(command, Status::Usage(std::string(message)));
}

Result<std::set<std::string>> ParseFormatList(const std::string& list, const std::vector<std::string>& allowed) {
  std::set<std::string> formats;
  std::stringstream items(list);
  for (std::string f; std::getline(items, f, ',');) {
    if (std::find(allowed.begin(), allowed.end(), f) == allowed.end()) {
      std::string names;  // "a, b, c", then " en d" / " and d"
      for (std::size_t i = 0; i + 1 < allowed.size(); ++i) names += (i == 0 ? "" : ", ") + allowed[i];
      return Fail(Status::Usage(Say("--format {}: kies uit {} en {} (gescheiden door komma's)",
                                    "--format {}: choose from {} and {} (comma-separated)", f, names, allowed.back())));
    }
    formats.insert(f);
  }
  return formats;
}

Result<std::vector<store::SectorTextRecord>> ReadWorkspaceTexts(const std::string& dir, int year) {
  auto accounts = OpenWorkspaceAccounts(dir);
  if (!accounts) return Fail(accounts.error());
  return (*accounts)->ReadSectorTexts(year);
}

Result<AnalysisInput> LoadInput(const GlobalOptions& global, const SourceOptions& source, LoadOptions load,
                                bool skip_invalid) {
  auto params = LoadParameters(global);
  if (!params) return Fail(params.error());
  load.skip_invalid = skip_invalid;
  auto loaded = LoadSource(source, load);
  if (!loaded) {
    ReportStatus(loaded.error());
    return Fail(loaded.error());
  }
  return AnalysisInput{std::move(*params), std::move(*loaded)};
}

void AddSkipInvalidFlag(CLI::App* cmd, bool& skip_invalid, const std::string& help) {
  cmd->add_flag("--skip-invalid", skip_invalid, help);
}

void AddSkipInvalidFlag(CLI::App* cmd, bool& skip_invalid) { AddSkipInvalidFlag(cmd, skip_invalid, GeneralSkipInvalidHelp()); }

Provenance ProvenanceOf(const ParameterSet& parameters, const LoadedSource& source) {
  return Provenance{ProgramVersion(), parameters.version(), parameters.sha256(), source.description,
                    source.delivery.files, source.delivery.manifest.synthetic};
}

int EmitTable(std::string_view format, const TableFaces& faces, const std::string& path) {
  if (format == "csv") return WriteOutput(faces.csv(), path);
  if (format == "json") return WriteOutput(faces.json().dump(2) + "\n", path);
  return WriteOutput(faces.table(), path);
}

int CheckExplainScope(const std::string& explain, const Delivery& delivery) {
  if (explain.empty()) return 0;
  Status known = count::CheckScopeKnown(explain, count::KnownScopes(delivery.employers));
  return known.ok() ? 0 : ReportStatus(known);
}

int EmitAnalysis(const AnalysisOptions& o, const AnalysisInput& input,
                 const std::function<TableFaces(const Provenance&)>& faces) {
  const Provenance provenance = ProvenanceOf(input.params, input.source);
  return EmitTable(o.format, faces(provenance), o.out);
}

int WriteExplanation(const std::vector<std::string>& lines, const std::function<std::string()>& missing,
                     const std::string& out) {
  if (lines.empty()) return ReportStatus(Status::Usage(missing()));
  return WriteLines(lines, out);
}

CLI::Option* AddYearOption(CLI::App* cmd, const std::string& name, int& year, const std::string& help, int first,
                           int last) {
  return cmd->add_option(name, year, help)->check(CLI::Range(first, last));
}

CLI::Option* AddSourceAndYear(CLI::App* cmd, SourceOptions& source, int& year, const std::string& help, int first,
                              int last) {
  AddSourceOptions(cmd, source);
  return AddYearOption(cmd, "--year", year, help, first, last);
}

void AddDocumentOptions(CLI::App* cmd, DocumentOptions& o, const std::string& year_help, const std::string& out_help) {
  AddSourceAndYear(cmd, o.source, o.year, year_help, 2013, 2100)->required();
  cmd->add_option("--out", o.out, out_help)->required();
}

void AddMinPersonsOption(CLI::App* cmd, DocumentOptions& o, const std::string& help) {
  cmd->add_option("--min-persons", o.min_persons, help)->check(CLI::Range(1LL, 1000000LL))->capture_default_str();
}

void AddByOption(CLI::App* cmd, std::string& by, const std::string& help, std::vector<std::string> levels) {
  cmd->add_option("--by", by, help)->check(CLI::IsMember(std::move(levels)))->capture_default_str();
}

void AddWindowOption(CLI::App* cmd, std::string& window, const std::string& help) {
  cmd->add_option("--window", window, help)
      ->check(CLI::IsMember({"q1", "q2", "q3", "q4", "year"}))
      ->capture_default_str();
}

void AddOutAndSkipInvalid(CLI::App* cmd, AnalysisOptions& options, const std::string& skip_invalid_help) {
  AddOutOption(cmd, options.out);
  AddSkipInvalidFlag(cmd, options.skip_invalid, skip_invalid_help.empty() ? GeneralSkipInvalidHelp() : skip_invalid_help);
}

void AddExplainOption(CLI::App* cmd, std::string& explain, const std::string& help) {
  cmd->add_option("--explain", explain, help);
}

int WriteLines(const std::vector<std::string>& lines, const std::string& path) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return WriteOutput(text, path);
}

int WriteOutput(const std::string& text, const std::string& path) {
  if (path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
  }
  std::ofstream file(path, std::ios::binary);
  file << text;
  if (!file.flush()) {
    fmt::print(stderr, "{}\n",
               Say("{}: het uitvoerbestand kan niet worden geschreven (controleer de map en de rechten)",
                   "{}: cannot write the output file", path));
    return 1;
  }
  return 0;
}

}  // namespace banenmonitor::cli
