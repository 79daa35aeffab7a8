// banenmonitor serve: the dashboard (web/server.h) for the users of a workspace.
#include <fmt/format.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "cli/source.h"
#include "common/lang.h"
#include "common/number_format.h"
#include "web/server.h"

namespace banenmonitor::cli {

namespace {

struct ServeOptions {
  std::string workspace;
  std::string bind = "127.0.0.1";
  int port = 8080;
  bool secure_cookie = false;
  long long min_persons = 10;
  int session_hours = 8;
  int threads = 256;
};

web::Server* g_server = nullptr;

extern "C" void StopOnSignal(int) {
  if (g_server != nullptr) g_server->Stop();
}

// What Server::Prepare did, on standard error.
void PrintPrepared(const Result<web::Prepared>& prepared) {
  if (!prepared) {
    fmt::print(stderr, "{}\n", Say("Let op: de cijfers zijn niet voorbereid ({}); ze worden berekend bij de eerste vraag.",
                                   "Note: the figures were not prepared ({}); they are computed at the first request.",
                                   prepared.error().message()));
  } else if (prepared->snapshot > 0) {
    fmt::print(stderr, "{}\n", Say("Cijfers van snapshot {} voorbereid in {} s.", "Figures of snapshot {} prepared in {} s.",
                                   prepared->snapshot,
                                   MessageLanguage() == Language::kEnglish ? Fixed(prepared->seconds, 1)
                                                                           : Dutch(prepared->seconds, 1)));
    if (!prepared->answers_error.empty()) {
      fmt::print(stderr, "{}\n", Say("Let op: {}; de volgende start bereidt ze opnieuw voor.",
                                     "Note: {}; the next start prepares them again.", prepared->answers_error));
    }
  } else {
    fmt::print(stderr, "{}\n", Say("Nog geen levering geïmporteerd: er is niets voor te bereiden.",
                                   "No delivery imported yet: nothing to prepare."));
  }
}

int RunServe(const ServeOptions& o, const GlobalOptions& global) {
  auto params = LoadParameters(global);
  if (!params) return params.error().exit_code();
  web::ServerOptions options;
  options.bind = o.bind;
  options.port = o.port;
  options.secure_cookie = o.secure_cookie;
  options.min_persons = o.min_persons;
  options.session_lifetime = std::chrono::hours(o.session_hours);
  options.threads = o.threads;
  auto kept = std::make_unique<ParameterSet>(std::move(*params));
  options.params = kept.get();
  auto server = web::Server::Open(o.workspace, options);
  if (!server) {
    fmt::print(stderr, "{}\n", server.error().message());
    return server.error().exit_code();
  }
  auto port = (*server)->Bind();
  if (!port) {
    fmt::print(stderr, "{}\n", port.error().message());
    return port.error().exit_code();
  }
  // The answers a former start prepared, before the address: whoever reads it
  // gets the first pages at once. The snapshot is loaded and the rest prepared
  // after it, while the server listens.
  if (auto loaded = (*server)->LoadAnswers(); loaded && loaded->snapshot > 0) {
    fmt::print(stderr, "{}\n", Say("Voorbereide antwoorden van snapshot {} gelezen: {}.",
                                   "Prepared answers of snapshot {} read: {}.", loaded->snapshot, loaded->answers));
  }
  fmt::print(stderr, "{}\n", Say("Cijfers voorbereiden...", "Preparing the figures..."));
  std::atomic<bool> prepared_all{false};
  std::thread prepare([&server, &prepared_all] {
    // Below the threads that answer users (nice 10, this thread only: on
    // Linux a thread id is a process id for setpriority), so that a login
    // during the preparation is not slowed by it (docs/dashboard.md).
    // Failing to lower it changes nothing else.
    (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
    PrintPrepared((*server)->Prepare());
    prepared_all = true;
  });
  g_server = server->get();
  signal(SIGINT, StopOnSignal);
  signal(SIGTERM, StopOnSignal);
  fmt::print("{}\n", Say("Dashboard van {} op http://{}:{}/ (stoppen met Ctrl-C)",
                         "Dashboard of {} at http://{}:{}/ (stop with Ctrl-C)", o.workspace, o.bind, *port));
  std::fflush(stdout);
  bool ok = (*server)->Listen();
  g_server = nullptr;
  if (!prepared_all) {
    // Stopped while it prepares: nothing of that is kept but the answers file, which is
    // renamed into place whole; the computation is not waited for.
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(ok ? 0 : 1);
  }
  prepare.join();
  return ok ? 0 : 1;
}

void AddServeOptions(CLI::App* cmd, ServeOptions& o) {
  cmd->add_option("--workspace", o.workspace, Help("De map van de werkruimte", "The workspace directory"))->required();
  cmd->add_option("--port", o.port,
                  Help("TCP-poort; 0 kiest een vrije (wordt getoond)", "TCP port; 0 picks a free one (printed)"))
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option(
         "--bind", o.bind,
         Help("Adres om op te luisteren; de standaard bedient alleen deze machine. Zet voor andere machines een "
              "TLS-reverse-proxy ervoor, met --secure-cookie",
              "Address to listen on; the default serves this machine only. Put a TLS reverse proxy in front "
              "for other machines, with --secure-cookie"))
      ->capture_default_str();
  cmd->add_flag(
      "--secure-cookie", o.secure_cookie,
      Help("Markeer het sessiecookie als Secure (alleen via HTTPS verstuurd): gebruik dit wanneer gebruikers de "
           "server via een TLS-reverse-proxy bereiken",
           "Mark the session cookie Secure (only sent over HTTPS): use it when users reach the server through "
           "a TLS reverse proxy"));
  cmd->add_option(
         "--min-persons", o.min_persons,
         Help("Onthullingscontrole voor gebruikers die geen admin zijn: een cijfer over minder personen wordt "
              "verborgen (zoals in het rapport)",
              "Disclosure control for non-admin users: a figure of fewer persons is hidden (as in the report)"))
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--session-hours", o.session_hours,
                  Help("Uren dat een login geldig blijft", "Hours a login stays valid"))
      ->capture_default_str()
      ->check(CLI::Range(1, 24 * 7));
  cmd->add_option("--threads", o.threads,
                  Help("Werkthreads (elk bedient één open verbinding tegelijk)",
                       "Worker threads (each serves one open connection at a time)"))
      ->capture_default_str()
      ->check(CLI::Range(2, 1024));
}

}  // namespace

BANENMONITOR_COMMAND(
    90, "serve",
    Help("Het dashboard: een webpagina en JSON-API (/api/v1/) op de cijfers van een werkruimte, voor de "
         "gebruikers van `banenmonitor user add` (docs/dashboard.md)",
         "The dashboard: a web page and JSON API (/api/v1/) on the figures of a workspace, for the users of "
         "`banenmonitor user add` (docs/dashboard.md)"),
    AddServeOptions, RunServe);

}  // namespace banenmonitor::cli
