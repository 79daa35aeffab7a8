// banenmonitor user add|list|remove: the accounts of the dashboard (web/auth.h).
// A password is read from standard input (--password-stdin) or typed without
// echo; never taken from the command line, where other users of the machine
// and the shell history would see it.
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "banenmonitor/workspace.h"
#include "cli/commands.h"
#include "cli/dashboard_answers.h"
#include "cli/progress.h"
#include "cli/source.h"
#include "common/lang.h"
#include "count/scope_names.h"
#include "store/accounts.h"
#include "web/auth.h"

namespace banenmonitor::cli {

namespace {

struct UserOptions {
  std::string workspace;
  std::string name;
  std::string role;
  std::string scope;
  bool password_stdin = false;
};

// One line from stdin; with a terminal, prompted and without echo.
std::optional<std::string> ReadPassword(bool from_stdin, const std::string& prompt) {
  std::string line;
  bool tty = !from_stdin && isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    fmt::print(stderr, "{}", prompt);
    tcgetattr(STDIN_FILENO, &old);
    termios silent = old;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &silent);
  }
  bool ok = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    fmt::print(stderr, "\n");
  }
  if (!ok) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The scopes of the workspace's latest snapshot (count::KnownScopes), or
// nullopt when it has none yet.
Result<std::optional<std::vector<std::string>>> LatestScopes(Workspace& ws) {
  auto snapshots = ws.Snapshots();
  if (!snapshots) return Fail(snapshots.error());
  if (snapshots->empty()) return std::optional<std::vector<std::string>>();
  LoadOptions employers_only;
  employers_only.months_of_year = 0;  // no payroll or hire-in rows kept
  employers_only.count_tables_only = true;
  auto delivery = ws.Load(snapshots->back().id, employers_only);
  if (!delivery) return Fail(delivery.error());
  return std::optional<std::vector<std::string>>(count::KnownScopes(delivery->employers));
}

int RunAdd(const UserOptions& o, const GlobalOptions& global) {
  auto role = web::ParseRole(o.role);
  if (!role) {
    return ReportStatus(Status::Usage(Say("--role: verwacht admin, analyst of sector", "--role: expected admin, analyst or sector")));
  }
  if (Status s = web::CheckScope(*role, o.scope); !s.ok()) return ReportStatus(s);  // form and fixed codes first
  auto ws = Workspace::Open(o.workspace);
  if (!ws) return ReportStatus(ws.error());
  // An organisation is checked against the latest snapshot, when there is one.
  auto known = LatestScopes(*ws);
  if (!known) return ReportStatus(known.error());
  const std::vector<std::string>* known_scopes = *known ? &**known : nullptr;
  if (Status s = web::CheckScope(*role, o.scope, known_scopes); !s.ok()) return ReportStatus(s);
  if (!o.password_stdin && !isatty(STDIN_FILENO)) {
    return ReportStatus(Status::Usage(Say(
        "geen terminal om het wachtwoord te typen: geef het op standaardinvoer met --password-stdin",
        "no terminal to type the password: pass it on standard input with --password-stdin")));
  }
  auto password = ReadPassword(o.password_stdin, Say("Wachtwoord voor {}: ", "Password for {}: ", o.name));
  if (!password) return ReportStatus(Status::Usage(Say("geen wachtwoord op standaardinvoer", "no password on standard input")));
  if (!o.password_stdin) {
    auto again = ReadPassword(false, std::string(Pick("Nogmaals: ", "Again: ")));
    if (!again || *again != *password) {
      return ReportStatus(Status::Usage(Say("de twee wachtwoorden verschillen; er is niets gewijzigd",
                                            "the two passwords differ; nothing was changed")));
    }
  }
  auto accounts = store::OpenAccounts(*ws);
  if (!accounts) return ReportStatus(accounts.error());
  Status s = web::AddUser(**accounts, o.name, *role, o.scope, *password, known_scopes);
  if (!s.ok()) return ReportStatus(s);
  fmt::print("{}\n", Say("Gebruiker {} toegevoegd (rol {}{}).", "User {} added (role {}{}).", o.name, o.role,
                         o.scope.empty() ? "" : ", scope " + o.scope));
  // A sector user's first page differs from every other scope's: prepared now, so that the first
  // login after `serve` starts is answered at once (docs/dashboard.md, "Voorbereiden").
  if (*role == web::Role::kSector && known_scopes != nullptr) {
    accounts->reset();
    std::fflush(stdout);  // the line above before what the preparing says on standard error
    Progress progress("user add");
    const std::string note = PrepareDashboardAnswers(o.workspace, global, progress, Pick("het account", "the account"), 0, nullptr);
    if (!note.empty()) fmt::print(stderr, "{}\n", note);
  }
  return 0;
}

int RunList(const UserOptions& o) {
  auto accounts = OpenWorkspaceAccounts(o.workspace);
  if (!accounts) return ReportStatus(accounts.error());
  auto users = (*accounts)->ListUsers();
  if (!users) return ReportStatus(users.error());
  fmt::print("{:<24} {:<8} {:<32} {}\n", Pick("gebruiker", "user"), Pick("rol", "role"), "scope",
             Pick("aangemaakt", "created"));
  for (const auto& u : *users) fmt::print("{:<24} {:<8} {:<32} {}\n", u.name, u.role, u.scope, u.created_at);
  return 0;
}

int RunRemove(const UserOptions& o) {
  auto accounts = OpenWorkspaceAccounts(o.workspace);
  if (!accounts) return ReportStatus(accounts.error());
  auto removed = (*accounts)->RemoveUser(o.name);
  if (!removed) return ReportStatus(removed.error());
  if (!*removed) return ReportStatus(
        Status::NotFound(Say("geen gebruiker '{}' in werkruimte {}", "no user '{}' in workspace {}", o.name, o.workspace)));
  fmt::print("{}\n", Say("Gebruiker {} verwijderd (en de sessies van die gebruiker beëindigd).",
                         "User {} removed (and the sessions of that user ended).", o.name));
  return 0;
}

// The argument `workspace` of every subcommand.
void AddWorkspaceName(CLI::App* cmd, UserOptions& o) {
  cmd->add_option("workspace", o.workspace, Help("De map van de werkruimte", "The workspace directory"))->required();
}

void AddAddOptions(CLI::App* cmd, UserOptions& o) {
  AddWorkspaceName(cmd, o);
  cmd->add_option("name", o.name,
                  Help("Gebruikersnaam (letters, cijfers, . _ @ -)", "User name (letters, digits, . _ @ -)"))
      ->required();
  cmd->add_option(
         "--role", o.role,
         Help("admin (beheert imports, ziet alles), analyst (ziet elk cijfer) of sector (ziet alleen de cijfers en "
              "werkgevers van de eigen scope)",
              "admin (manages imports, sees everything), analyst (sees every figure) or sector (sees only its "
              "scope's figures and employers)"))
      ->required()
      ->check(CLI::IsMember({"admin", "analyst", "sector"}));
  cmd->add_option(
      "--scope", o.scope,
      Help("Voor rol sector: de scope die hij mag zien, zoals in count: government, market, subsector:NAAM of "
           "organisation:NAAM (bijvoorbeeld subsector:gemeenten)",
           "For role sector: the scope it may see, as in count: government, market, subsector:NAME or "
           "organisation:NAME (e.g. subsector:gemeenten)"));
  cmd->add_flag("--password-stdin", o.password_stdin,
                Help("Lees het wachtwoord van de eerste regel van standaardinvoer",
                     "Read the password from the first line of standard input"));
}

void AddRemoveOptions(CLI::App* cmd, UserOptions& o) {
  AddWorkspaceName(cmd, o);
  cmd->add_option("name", o.name, Help("Gebruikersnaam", "User name"))->required();
}

}  // namespace

BANENMONITOR_COMMAND_GROUP(
    80, "user",
    Help("Accounts van het dashboard (banenmonitor serve): add (toevoegen), list (tonen), remove (verwijderen)",
         "Accounts of the dashboard (banenmonitor serve): add, list, remove"));
BANENMONITOR_SUBCOMMAND(
    80, "user", "add",
    Help("Voeg een account toe. Het wachtwoord (minstens 12 tekens) wordt twee keer getypt zonder dat het "
         "zichtbaar is, of met --password-stdin van standaardinvoer gelezen; het wordt bewaard als "
         "Argon2id-hash",
         "Add an account. The password (at least 12 characters) is typed twice without echo, or read from "
         "standard input with --password-stdin; it is stored as an Argon2id hash"),
    AddAddOptions, RunAdd);
BANENMONITOR_SUBCOMMAND(80, "user", "list",
                        Help("Toon de accounts (naam, rol, scope; nooit een wachtwoord)",
                             "List the accounts (name, role, scope; never a password)"),
                        AddWorkspaceName, RunList);
BANENMONITOR_SUBCOMMAND(
    80, "user", "remove",
    Help("Verwijder een account en beëindig de sessies ervan", "Remove an account and end its sessions"),
    AddRemoveOptions, RunRemove);

}  // namespace banenmonitor::cli
