// Shared by the dashboard's tests (server_test.cc, reliability_test.cc): a
// workspace with the worked example and one user of each role, a server on an
// ephemeral loopback port, and HTTP helpers.
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "banenmonitor/workspace.h"
#include "store/accounts.h"
#include "test_util.h"
#include "web/auth.h"
#include "web/server.h"

namespace banenmonitor::web::test {

inline const std::string kPassword = "correct horse battery";

inline std::filesystem::path Example() { return std::filesystem::path(BANENMONITOR_TEST_DIR) / ".." / "examples" / "delivery"; }

// A workspace with the worked example and one user of each role.
struct Fixture {
  testing::TempDir tmp;
  std::filesystem::path ws;
  Fixture() {
    ws = tmp.path() / "ws";
    EXPECT_TRUE(Workspace::Init(ws, "").ok());
    auto w = Workspace::Open(ws);
    EXPECT_TRUE(w.has_value());
    ImportOptions import_options;
    import_options.label = "voorbeeld";
    auto imported = w->Import(Example(), import_options);
    EXPECT_TRUE(imported.has_value() && imported->snapshot_id > 0);
    auto accounts = store::OpenAccounts(*w);
    EXPECT_TRUE(accounts.has_value());
    store::AccountStore& st = **accounts;
    for (auto [name, role, scope] : std::vector<std::tuple<std::string, Role, std::string>>{
             {"beheer", Role::kAdmin, ""},
             {"analist", Role::kAnalyst, ""},
             {"vng", Role::kSector, "subsector:gemeenten"},
             {"rijk", Role::kSector, "subsector:rijk"}}) {
      Status s = AddUser(st, name, role, scope, kPassword);
      EXPECT_TRUE(s.ok()) << s.message();
    }
  }
};

class Running {
 public:
  Running(const std::filesystem::path& ws, ServerOptions o) {
    o.port = 0;
    o.clock = [this] { return now.load(); };
    auto s = Server::Open(ws, o);
    EXPECT_TRUE(s.has_value()) << s.error().message();
    server = std::move(*s);
    auto p = server->Bind();
    EXPECT_TRUE(p.has_value());
    port = *p;
    thread = std::thread([this] { server->Listen(); });
    for (int i = 0; i < 500 && !server->Running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~Running() {
    server->Stop();
    thread.join();
  }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60, 0);
    return c;
  }
  std::atomic<std::int64_t> now{1'800'000'000};
  std::unique_ptr<Server> server;
  int port = 0;
  std::thread thread;
};

struct Session {
  std::string cookie;  // "bm_session=..."
  std::string csrf;
  nlohmann::json me;
  httplib::Headers Headers(bool with_csrf = false) const {
    httplib::Headers h{{"Cookie", cookie}};
    if (with_csrf) h.emplace("X-CSRF-Token", csrf);
    return h;
  }
};

inline httplib::Result PostJson(httplib::Client& c, const std::string& path, const nlohmann::json& body, httplib::Headers h = {}) {
  return c.Post(path.c_str(), h, body.dump(), "application/json");
}

inline Session Login(const Running& r, const std::string& name, const std::string& password = kPassword) {
  auto c = r.Client();
  auto res = PostJson(c, "/api/v1/login", {{"name", name}, {"password", password}});
  Session s;
  EXPECT_TRUE(res) << "no answer";
  if (!res) return s;
  EXPECT_EQ(res->status, 200) << res->body;
  std::string set = res->get_header_value("Set-Cookie");
  s.cookie = set.substr(0, set.find(';'));
  s.me = nlohmann::json::parse(res->body, nullptr, false);
  if (s.me.is_object() && s.me.contains("csrf_token")) s.csrf = s.me["csrf_token"];
  return s;
}

inline int Status(const Running& r, const std::string& path, const Session& s) {
  auto c = r.Client();
  auto res = c.Get(path.c_str(), s.Headers());
  return res ? res->status : -1;
}

inline nlohmann::json GetJson(const Running& r, const std::string& path, const Session& s) {
  auto c = r.Client();
  auto res = c.Get(path.c_str(), s.Headers());
  EXPECT_TRUE(res);
  if (!res) return {};
  EXPECT_EQ(res->status, 200) << path << ": " << res->body;
  return nlohmann::json::parse(res->body, nullptr, false);
}

inline ServerOptions Open(long long min_persons = 1) {
  ServerOptions o;
  o.min_persons = min_persons;
  return o;
}

// Every GET endpoint that takes a scope, with the other parameters it needs.
inline const std::vector<std::string> kScopedEndpoints = {
    "/api/v1/realisation?year=2023", "/api/v1/trend?regime=current", "/api/v1/chart/trend.svg?regime=current",
    "/api/v1/quality?year=2023",     "/api/v1/scenario?year=2023",   "/api/v1/quotum?year=2023",
    "/api/v1/export/realisation.csv?year=2023"};

}  // namespace banenmonitor::web::test
