// libFuzzer target: the dashboard's HTTP request handlers (src/web/) through a
// real server on a loopback port, on a workspace with the worked example and
// one user of each role (admin, analyst, sector user of the gemeenten).
//
// Every input is one request built from the fuzz bytes: who sends it (nobody,
// or one of the three sessions, or a made-up cookie), with or without the
// session's CSRF token, the method, the path (a known route, a known route with
// fuzzed tail, or fuzzed bytes), fuzzed query parameters (known names and
// fuzzed ones, fuzzed values), fuzzed headers and a fuzzed body (JSON login
// bodies, CSV uploads, anything).
//
// Besides "no crash, no sanitizer report" in the server's threads, it checks
// the handlers' contract:
//  - no answer is a 5xx (an exception or store failure in a handler becomes a
//    500 through the server's exception handler: for the fuzzer that is a bug);
//  - without a valid session, nothing under /api/v1/ but login answers 200;
//  - a sector user never gets a 200 from an admin-only route (audit, upload),
//    and never a 200 for another subsector's scope.
// Sessions a request ends (logout) are opened again before the next input.
#include <fuzzer/FuzzedDataProvider.h>
#include <httplib.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "banenmonitor/workspace.h"
#include "store/accounts.h"
#include "web/access.h"
#include "web/auth.h"
#include "web/server.h"

namespace {

namespace fs = std::filesystem;
using banenmonitor::web::Role;

constexpr const char* kPassword = "correct horse battery";

void Require(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "contract violated: %s\n", what.c_str());
    std::abort();
  }
}

struct Session {
  std::string user;
  std::string cookie;  // "bm_session=..."
  std::string csrf;
};

struct World {
  fs::path dir;
  std::unique_ptr<banenmonitor::web::Server> server;
  std::thread thread;
  int port = 0;
  std::array<Session, 3> sessions{Session{"beheer", "", ""}, Session{"analist", "", ""}, Session{"vng", "", ""}};
  std::unique_ptr<httplib::Client> client;
};

World* world = nullptr;

void LogIn(Session& s) {
  nlohmann::json body{{"name", s.user}, {"password", kPassword}};
  auto res = world->client->Post("/api/v1/login", body.dump(), "application/json");
  Require(res && res->status == 200, "the fixed users can log in");
  std::string set = res->get_header_value("Set-Cookie");
  s.cookie = set.substr(0, set.find(';'));
  s.csrf = nlohmann::json::parse(res->body).at("csrf_token").get<std::string>();
}

bool StillLoggedIn(const Session& s) {
  auto res = world->client->Get("/api/v1/me", httplib::Headers{{"Cookie", s.cookie}});
  return res && res->status == 200;
}

void SetUp() {
  world = new World;
  world->dir = fs::temp_directory_path() / ("banenmonitor-fuzz-http-" + std::to_string(::getpid()));
  fs::remove_all(world->dir);
  std::atexit([] {
    std::error_code ec;
    fs::remove_all(world->dir, ec);
  });
  fs::path ws = world->dir / "ws";
  Require(banenmonitor::Workspace::Init(ws, "").ok(), "workspace init");
  auto w = banenmonitor::Workspace::Open(ws);
  Require(w.has_value(), "workspace open");
  auto imported = w->Import(fs::path(FUZZ_SOURCE_DIR) / "examples" / "delivery", banenmonitor::ImportOptions{.label = "fuzz"});
  Require(imported.has_value(), "import of the example delivery");
  auto accounts = banenmonitor::store::OpenAccounts(*w);
  Require(accounts.has_value(), "accounts open");
  auto& store = **accounts;
  Require(banenmonitor::web::AddUser(store, "beheer", Role::kAdmin, "", kPassword).ok(), "add admin");
  Require(banenmonitor::web::AddUser(store, "analist", Role::kAnalyst, "", kPassword).ok(), "add analyst");
  Require(banenmonitor::web::AddUser(store, "vng", Role::kSector, "subsector:gemeenten", kPassword).ok(), "add sector");

  banenmonitor::web::ServerOptions o;
  o.port = 0;
  o.threads = 4;
  o.min_persons = 3;
  // The fuzzer sends many failed logins; throttling would close that path for the rest of the run.
  o.login_failures_per_user = 1 << 30;
  o.login_failures_per_address = 1 << 30;
  o.max_upload_bytes = 1 << 16;
  auto server = banenmonitor::web::Server::Open(ws, o);
  Require(server.has_value(), "server open");
  world->server = std::move(*server);
  auto port = world->server->Bind();
  Require(port.has_value(), "bind");
  world->port = *port;
  world->thread = std::thread([] { world->server->Listen(); });
  for (int i = 0; i < 500 && !world->server->Running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  world->client = std::make_unique<httplib::Client>("127.0.0.1", world->port);
  world->client->set_keep_alive(true);
  world->client->set_read_timeout(30, 0);
  for (auto& s : world->sessions) LogIn(s);
}

const std::vector<std::string> kRoutes = {
    "/api/v1/login",      "/api/v1/logout",   "/api/v1/me",       "/api/v1/snapshots",
    "/api/v1/realisation", "/api/v1/trend",   "/api/v1/chart/trend.svg", "/api/v1/quality",
    "/api/v1/scenario",   "/api/v1/quotum",   "/api/v1/export/realisation.csv", "/api/v1/export/report",
    "/api/v1/audit",      "/api/v1/upload",   "/",                "/assets/app.js",
    "/assets/style.css",  "/assets/../../etc/passwd", "/api/v1/",  "/api/v2/me"};
const std::vector<std::string> kParams = {"year",  "level", "scope",   "regime", "snapshot", "format",
                                          "from",  "to",    "kind",    "name",   "limit",    "min_persons"};
const std::vector<std::string> kValues = {"2023", "2015", "subsector:gemeenten", "subsector:rijk", "sector:government",
                                          "total", "organisation", "employer", "current", "law2026", "html", "xlsx",
                                          "md", "csv", "1", "0", "-1", "99999999999999999999", ""};

std::string Pick(FuzzedDataProvider& in, const std::vector<std::string>& from) {
  if (in.ConsumeBool()) return in.ConsumeRandomLengthString(64);
  return from[in.ConsumeIntegralInRange<std::size_t>(0, from.size() - 1)];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (world == nullptr) SetUp();
  FuzzedDataProvider in(data, size);

  // Who: 0 nobody, 1 admin, 2 analyst, 3 sector user, 4 a made-up cookie.
  int who = in.ConsumeIntegralInRange<int>(0, 4);
  Session* session = (who >= 1 && who <= 3) ? &world->sessions[who - 1] : nullptr;
  httplib::Headers headers;
  if (session != nullptr) headers.emplace("Cookie", session->cookie);
  if (who == 4) headers.emplace("Cookie", "bm_session=" + in.ConsumeRandomLengthString(80));
  if (session != nullptr && in.ConsumeBool()) headers.emplace("X-CSRF-Token", session->csrf);
  if (in.ConsumeBool()) headers.emplace(in.ConsumeRandomLengthString(24), in.ConsumeRandomLengthString(64));

  int method = in.ConsumeIntegralInRange<int>(0, 3);
  std::string path = kRoutes[in.ConsumeIntegralInRange<std::size_t>(0, kRoutes.size() - 1)];
  int path_kind = in.ConsumeIntegralInRange<int>(0, 3);
  if (path_kind == 1) path += in.ConsumeRandomLengthString(32);
  if (path_kind == 2) path = "/" + in.ConsumeRandomLengthString(64);
  httplib::Params params;
  for (int n = in.ConsumeIntegralInRange<int>(0, 4); n > 0; --n) params.emplace(Pick(in, kParams), Pick(in, kValues));
  std::string content_type = in.ConsumeBool() ? "application/json" : in.ConsumeRandomLengthString(40);
  std::string body = in.ConsumeRemainingBytesAsString();
  // httplib's client refuses (does not send) a path or header with control characters; so does a browser.
  std::string query = httplib::detail::params_to_query_str(params);
  std::string target = query.empty() ? path : path + "?" + query;

  httplib::Result res = [&] {
    switch (method) {
      case 0: return world->client->Get(target, headers);
      case 1: return world->client->Post(target, headers, body, content_type);
      case 2: return world->client->Delete(target, headers, body, content_type);
      default: return world->client->Put(target, headers, body, content_type);
    }
  }();
  if (!res) return 0;  // refused by the client or the connection closed: nothing reached a handler
  const int status = res->status;
  const std::string route = path.substr(0, path.find('?'));
  Require(status < 500, "no 5xx: " + std::to_string(status) + " for " + route + ": " + res->body.substr(0, 200));
  if (status == 200 && route.starts_with("/api/v1/") && route != "/api/v1/login") {
    Require(session != nullptr, "a 200 from " + route + " without a session");
  }
  if (status == 200 && who == 3) {
    Require(route != "/api/v1/audit" && route != "/api/v1/upload" && route != "/api/v1/export/report",
            "a sector user got a 200 from the admin/analyst route " + route);
    for (const auto& [name, value] : params) {
      if (name == "scope" && !value.empty()) {
        // Its own subsector, the national aggregates, or (not checked here: the
        // unit tests do) an organisation or employer inside it.
        Require(value == "subsector:gemeenten" || banenmonitor::web::IsNationalAggregate(value) ||
                    value.starts_with("employer:") || value.starts_with("organisation:"),
                "a sector user got a 200 for the scope " + value);
      }
    }
  }
  // A request may have ended a session (logout): open it again for the next inputs.
  if (route == "/api/v1/logout" || route.starts_with("/api/v1/logout")) {
    for (auto& s : world->sessions) {
      if (!StillLoggedIn(s)) LogIn(s);
    }
  }
  return 0;
}
