// banenmonitor init, import, snapshots, diff: workspaces (include/banenmonitor/workspace.h).
#include <fmt/format.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "banenmonitor/count.h"
#include "banenmonitor/workspace.h"
#include "cli/commands.h"
#include "cli/dashboard_answers.h"
#include "cli/source.h"
#include "cli/findings_output.h"
#include "cli/progress.h"
#include "common/lang.h"
#include "common/number_format.h"
#include "report/realisation_format.h"
#include "store/quality.h"
#include "web/server.h"

namespace banenmonitor::cli {

namespace {

struct InitOptions {
  std::string dir;
  std::string store;
};

int RunInit(const InitOptions& o) {
  Status s = Workspace::Init(o.dir, o.store);
  if (!s.ok()) return ReportStatus(s);
  auto ws = Workspace::Open(o.dir);
  if (!ws) return ReportStatus(ws.error());
  fmt::print("Workspace {} aangemaakt ({}).\n", o.dir, ws->store_description());
  fmt::print("De sleutel voor pseudonimisering staat in {}/key (alleen voor de eigenaar leesbaar); bewaar een kopie "
             "veilig: zonder sleutel zijn nieuwe leveringen niet aan oude te koppelen.\n",
             o.dir);
  fmt::print("Volgende stap: banenmonitor import {} --data MAP\n", o.dir);
  return 0;
}

struct ImportCliOptions {
  std::string workspace;
  std::string data_dir;
  std::string label;
  bool skip_invalid = false;
  bool json = false;
};

int RunImport(const ImportCliOptions& o, const GlobalOptions& global) {
  auto ws = Workspace::Open(o.workspace);
  if (!ws) return ReportStatus(ws.error());
  Progress progress("import");
  ImportOptions options;
  options.label = o.label;
  options.skip_invalid = o.skip_invalid;
  options.progress = [&](std::string_view file, std::int64_t rows) {
    progress(fmt::format("{} {} rijen opgeslagen", file, DutchInt(rows)), -1);
  };
  // The answers from the tables the import built, while it writes the column cache.
  std::string answers_note;
  options.after_commit = [&](std::int64_t snapshot, std::shared_ptr<const Delivery> tables) {
    answers_note = PrepareDashboardAnswers(o.workspace, global, progress, Pick("de import", "the import"), snapshot,
                                           std::move(tables));
  };
  auto result = ws->Import(o.data_dir, options);
  progress.Done();
  if (!result) return ReportStatus(result.error());
  if (result->already_imported) {
    fmt::print("Deze levering (zelfde inhoud) is al opgeslagen als snapshot {}; er is niets toegevoegd.\n",
               result->snapshot_id);
    return 0;
  }
  PrintFindings(result->report, stderr);
  if (result->rejected) {
    fmt::print(
        stderr, "{}\n",
        Pick("Er is niets geïmporteerd: de levering voldoet niet aan het gegevenscontract (zie hierboven); de "
             "werkruimte is ongewijzigd. Verbeter de bestanden, of importeer met --skip-invalid om de geldige "
             "rijen te bewaren en de rest in quarantaine te zetten.",
             "Nothing was imported: the delivery breaks the data contract (see above); the workspace is unchanged. "
             "Correct the files, or import with --skip-invalid to keep the valid rows and quarantine the rest."));
    return 2;
  }
  auto quality = nlohmann::ordered_json::parse(result->quality_json);
  if (o.json) {
    nlohmann::ordered_json out = {{"snapshot", result->snapshot_id},
                                  {"quarantined_rows", result->quarantined_rows},
                                  {"quality", quality}};
    fmt::print("{}\n", out.dump(2));
  } else {
    fmt::print("Snapshot {} opgeslagen in {}.\n", result->snapshot_id, o.workspace);
    if (result->quarantined_rows > 0) {
      fmt::print("{} ongeldige rijen staan in quarantaine (met gepseudonimiseerde persoonsnummers).\n",
                 DutchInt(result->quarantined_rows));
    }
    fmt::print("\n{}", store::QualityText(quality));
  }
  std::fflush(stdout);
  if (!answers_note.empty()) fmt::print(stderr, "{}\n", answers_note);
  return 0;
}

struct SnapshotsOptions {
  std::string dir;
  bool json = false;
};

int RunSnapshots(const SnapshotsOptions& o) {
  const std::string& dir = o.dir;
  const bool json = o.json;
  auto ws = Workspace::Open(dir);
  if (!ws) return ReportStatus(ws.error());
  auto list = ws->Snapshots();
  if (!list) return ReportStatus(list.error());
  if (json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& s : *list) {
      nlohmann::ordered_json files = nlohmann::ordered_json::array();
      for (const auto& f : s.files) {
        if (f.present) files.push_back({{"name", f.name}, {"sha256", f.sha256}, {"rows", f.rows}, {"invalid_rows", f.invalid_rows}});
      }
      out.push_back({{"snapshot", s.id}, {"label", s.label}, {"imported_at", s.imported_at}, {"user", s.os_user},
                     {"program_version", s.program_version}, {"content_sha256", s.content_sha256},
                     {"invalid_rows", s.invalid_rows}, {"files", files}});
    }
    fmt::print("{}\n", out.dump(2));
    return 0;
  }
  if (list->empty()) {
    fmt::print("Workspace {} heeft nog geen snapshots. Importeer met: banenmonitor import {} --data MAP\n", dir, dir);
    return 0;
  }
  fmt::print("{:>8}  {:<20}  {:<10}  {:>12}  {:>9}  {}\n", "Snapshot", "Geïmporteerd (UTC)", "Door", "Loonregels",
             "Ongeldig", "Label");
  for (const auto& s : *list) {
    std::int64_t payroll = 0;
    for (const auto& f : s.files) {
      if (f.name == "payroll.csv") payroll = f.rows;
    }
    fmt::print("{:>8}  {:<20}  {:<10}  {:>12}  {:>9}  {}\n", s.id, s.imported_at, s.os_user,
               DutchInt(payroll), DutchInt(s.invalid_rows), s.label);
  }
  return 0;
}

struct DiffOptions {
  std::string workspace;
  std::int64_t a = 0, b = 0;
  int year = 0;
  std::string by = "subsector";
};

int RunDiff(const DiffOptions& o, const GlobalOptions& global) {
  auto ws = Workspace::Open(o.workspace);
  if (!ws) return ReportStatus(ws.error());
  for (std::int64_t id : {o.a, o.b}) {
    if (auto r = ws->ResolveSnapshot(id); !r) return ReportStatus(r.error());
  }
  auto rows = ws->DiffRows(o.a, o.b);
  if (!rows) return ReportStatus(rows.error());
  fmt::print("Verschil tussen snapshot {} en snapshot {}\n\nRijen per bestand:\n", o.a, o.b);
  fmt::print("  {:<16} {:>12} {:>12}\n", "Bestand", "Erbij", "Eraf");
  for (const auto& f : rows->files) {
    fmt::print("  {:<16} {:>12} {:>12}\n", f.file, DutchInt(f.rows_added), DutchInt(f.rows_removed));
  }
  // Per scope the change in jobs, Q4 of the year, with the parameters of --params.
  auto level = ParseScopeLevel(o.by);
  auto params = LoadParameters(global);
  if (!params) return params.error().exit_code();
  const CountRequest request{o.year, Window::kQ4};
  std::vector<Delivery> deliveries;
  for (std::int64_t id : {o.a, o.b}) {
    auto d = ws->Load(id, CountLoadOptions(request));
    if (!d) return ReportStatus(d.error());
    deliveries.push_back(std::move(*d));
  }
  auto diff = DiffCounts(deliveries[0], deliveries[1], request, *level, *params);
  if (!diff) return ReportStatus(diff.error());
  fmt::print("\nBanen per scope, kwartaal 4 van {} (parameters {}):\n", o.year, diff->parameter_version);
  fmt::print("  {:<34} {:>12} {:>12} {:>12}\n", "Scope", fmt::format("snapshot {}", o.a), fmt::format("snapshot {}", o.b),
             "verschil");
  // Names of the later snapshot first: an employer is shown by the name it has now.
  report::EmployerNames names = report::EmployerNamesOf(deliveries[1].employers);
  names.merge(report::EmployerNamesOf(deliveries[0].employers));
  for (const auto& change : diff->rows) {
    const std::string& scope = change.scope;
    const double before = change.jobs_before, after = change.jobs_after;
    fmt::print("  {:<34} {:>12} {:>12} {:>12}\n", report::ScopeLabel(scope, names), Dutch(before, 2),
               Dutch(after, 2), (after - before > 0 ? "+" : "") + Dutch(after - before, 2));
  }
  return 0;
}

void AddInitOptions(CLI::App* cmd, InitOptions& o) {
  cmd->add_option("WS", o.dir, Help("Map van de nieuwe werkruimte", "Directory of the new workspace"))->required();
  cmd->add_option(
      "--store", o.store,
      Help("postgresql://gebruiker@host:poort/database om de werkruimte voor een team in PostgreSQL te bewaren "
           "(standaard: een SQLite-bestand in de werkruimte). De sleutel blijft in de map van de werkruimte, "
           "of in BANENMONITOR_KEY_FILE",
           "postgresql://user@host:port/database to keep the workspace in PostgreSQL for a team (default: "
           "an SQLite file inside the workspace). The key stays in the workspace directory, or in "
           "BANENMONITOR_KEY_FILE"));
}

void AddImportOptions(CLI::App* cmd, ImportCliOptions& o) {
  AddWorkspaceArgument(cmd, o.workspace);
  cmd->add_option("--data", o.data_dir, Help("Map van de levering", "Delivery directory"))
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--label", o.label,
                  Help("Een label voor de snapshot, bijvoorbeeld 'levering Q4 2023 (correctie 1 mei)'",
                       "A label for the snapshot, e.g. 'levering Q4 2023 (correctie 1 mei)'"));
  cmd->add_flag(
      "--skip-invalid", o.skip_invalid,
      Help("Importeer de geldige rijen en zet de ongeldige in quarantaine; zonder deze vlag wijst één ongeldige "
           "rij de hele levering af",
           "Import the valid rows and keep the invalid ones in quarantine; without it an invalid row rejects "
           "the whole delivery"));
  cmd->add_flag("--json", o.json,
                Help("Toon het snapshotnummer en het datakwaliteitsrapport als JSON",
                     "Print the snapshot number and the data-quality report as JSON"));
}

void AddSnapshotsOptions(CLI::App* cmd, SnapshotsOptions& o) {
  AddWorkspaceArgument(cmd, o.dir);
  cmd->add_flag("--json", o.json, Help("Als JSON, met de hashes van de bestanden", "As JSON, with file hashes"));
}

void AddDiffOptions(CLI::App* cmd, DiffOptions& o) {
  AddWorkspaceArgument(cmd, o.workspace);
  cmd->add_option("A", o.a, Help("De eerdere snapshot", "The earlier snapshot"))->required();
  cmd->add_option("B", o.b, Help("De latere snapshot", "The later snapshot"))->required();
  cmd->add_option(
         "--year", o.year,
         Help("Jaar waarvan de banen in het vierde kwartaal worden vergeleken", "Year whose Q4 jobs are compared"))
      ->required();
  AddByOption(cmd, o.by, Help("Niveau van de vergeleken scopes", "Level of the scopes compared"),
              {"sector", "subsector", "organisation", "employer"});
}

}  // namespace

// The dashboard's answers as their own step with their own time (dashboard_answers.h).
std::string PrepareDashboardAnswers(const std::string& workspace, const GlobalOptions& global, Progress& progress,
                                    std::string_view done, std::int64_t snapshot,
                                    std::shared_ptr<const Delivery> tables) {
  const auto not_prepared = [done](const std::string& why) {
    return Say("Let op: de antwoorden voor het dashboard zijn niet voorbereid ({}); {} staat, en "
               "`banenmonitor serve` bereidt ze voor bij de start.",
               "Note: the answers for the dashboard were not prepared ({}); {} stands, and "
               "`banenmonitor serve` prepares them when it starts.",
               why, done);
  };
  auto params = global.params_file.empty() ? Result<ParameterSet>(ParameterSet::Embedded())
                                           : ParameterSet::FromFile(global.params_file);
  if (!params) return not_prepared(params.error().message());
  web::ServerOptions options;
  options.params = &*params;
  progress(Pick("antwoorden voor het dashboard voorbereiden", "preparing the answers for the dashboard"), -1);
  auto prepared = web::PrepareAnswers(workspace, options, snapshot, std::move(tables));
  progress.Done();
  if (!prepared) return not_prepared(prepared.error().message());
  const std::string seconds =
      MessageLanguage() == Language::kEnglish ? Fixed(prepared->seconds, 1) : Dutch(prepared->seconds, 1);
  if (!prepared->answers_error.empty()) {
    return Say("Let op: de antwoorden voor het dashboard zijn voorbereid in {} s maar niet opgeslagen ({}); {} "
               "staat, en `banenmonitor serve` bereidt ze voor bij de start.",
               "Note: the answers for the dashboard were prepared in {} s but not saved ({}); {} "
               "stands, and `banenmonitor serve` prepares them when it starts.",
               seconds, prepared->answers_error, done);
  }
  if (prepared->answers > 0) {
    return Say("Antwoorden voor het dashboard voorbereid in {} s.", "Answers for the dashboard prepared in {} s.",
               seconds);
  }
  return "";
}

BANENMONITOR_COMMAND(
    20, "init",
    Help("Maak een werkruimte: een map die leveringen bewaart als gepseudonimiseerde, onveranderlijke snapshots",
         "Create a workspace: a directory that keeps deliveries as pseudonymised, immutable snapshots"),
    AddInitOptions, RunInit);
BANENMONITOR_COMMAND(
    20, "import",
    Help("Controleer een levering en sla haar op als nieuwe snapshot (alles of niets; BSN's gepseudonimiseerd)",
         "Validate a delivery and store it as a new snapshot (all or nothing; BSNs pseudonymised)"),
    AddImportOptions, RunImport);
BANENMONITOR_COMMAND(20, "snapshots", Help("Toon de snapshots van een werkruimte", "List the snapshots of a workspace"),
                     AddSnapshotsOptions, RunSnapshots);
BANENMONITOR_COMMAND(
    20, "diff",
    Help("Vergelijk twee snapshots: rijen erbij en eraf per bestand, en de verandering in banen per scope",
         "Compare two snapshots: rows added and removed per file, and the change in jobs per scope"),
    AddDiffOptions, RunDiff);

}  // namespace banenmonitor::cli
