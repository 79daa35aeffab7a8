// The dashboard's API (web/server.h) over real HTTP on an ephemeral loopback
// port: authentication, sessions, CSRF, rate limits, security headers, scope
// enforcement for every endpoint and parameter, disclosure control, uploads
// and the audit log. The browser tests (tests/e2e/) check the page.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "banenmonitor/workspace.h"
#include "store/store.h"
#include "test_util.h"
#include "web/auth.h"
#include "web/server.h"

namespace banenmonitor::web {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

const std::string kPassword = "correct horse battery";

fs::path Example() { return fs::path(BANENMONITOR_TEST_DIR) / ".." / "examples" / "delivery"; }

// A workspace with the worked example and one user of each role.
struct Fixture {
  testing::TempDir tmp;
  fs::path ws;
  Fixture() {
    ws = tmp.path() / "ws";
    EXPECT_TRUE(Workspace::Init(ws, "").ok());
    auto w = Workspace::Open(ws);
    EXPECT_TRUE(w.has_value());
    auto imported = w->Import(Example(), ImportOptions{"voorbeeld"});
    EXPECT_TRUE(imported.has_value() && imported->snapshot_id > 0);
    store::Store& st = store::StoreOf(*w);
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
  Running(const fs::path& ws, ServerOptions o) {
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
  Json me;
  httplib::Headers Headers(bool with_csrf = false) const {
    httplib::Headers h{{"Cookie", cookie}};
    if (with_csrf) h.emplace("X-CSRF-Token", csrf);
    return h;
  }
};

httplib::Result PostJson(httplib::Client& c, const std::string& path, const Json& body, httplib::Headers h = {}) {
  return c.Post(path.c_str(), h, body.dump(), "application/json");
}

Session Login(const Running& r, const std::string& name, const std::string& password = kPassword) {
  auto c = r.Client();
  auto res = PostJson(c, "/api/v1/login", {{"name", name}, {"password", password}});
  Session s;
  EXPECT_TRUE(res) << "no answer";
  if (!res) return s;
  EXPECT_EQ(res->status, 200) << res->body;
  std::string set = res->get_header_value("Set-Cookie");
  s.cookie = set.substr(0, set.find(';'));
  s.me = Json::parse(res->body, nullptr, false);
  if (s.me.is_object() && s.me.contains("csrf_token")) s.csrf = s.me["csrf_token"];
  return s;
}

int Status(const Running& r, const std::string& path, const Session& s) {
  auto c = r.Client();
  auto res = c.Get(path.c_str(), s.Headers());
  return res ? res->status : -1;
}

Json GetJson(const Running& r, const std::string& path, const Session& s) {
  auto c = r.Client();
  auto res = c.Get(path.c_str(), s.Headers());
  EXPECT_TRUE(res);
  if (!res) return {};
  EXPECT_EQ(res->status, 200) << path << ": " << res->body;
  return Json::parse(res->body, nullptr, false);
}

ServerOptions Open(long long min_persons = 1) {
  ServerOptions o;
  o.min_persons = min_persons;
  return o;
}

// Every GET endpoint that takes a scope, with the other parameters it needs.
const std::vector<std::string> kScopedEndpoints = {
    "/api/v1/realisation?year=2023", "/api/v1/trend?regime=current", "/api/v1/chart/trend.svg?regime=current",
    "/api/v1/quality?year=2023",     "/api/v1/scenario?year=2023",   "/api/v1/quotum?year=2023",
    "/api/v1/export/realisation.csv?year=2023"};

TEST(DashboardServer, SecurityHeadersOnEveryResponse) {
  Fixture f;
  Running r(f.ws, Open());
  auto c = r.Client();
  for (const char* path : {"/", "/assets/app.js", "/assets/style.css", "/api/v1/me", "/api/v1/nothing", "/nothing"}) {
    auto res = c.Get(path);
    ASSERT_TRUE(res) << path;
    std::string csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer") << path;
    EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY") << path;
  }
}

TEST(DashboardServer, ThePageIsEmbeddedWithoutInlineScriptOrStyle) {
  Fixture f;
  Running r(f.ws, Open());
  auto c = r.Client();
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(page->body.find("<html lang=\"nl\">"), std::string::npos);
  EXPECT_EQ(page->body.find("<script>"), std::string::npos);
  EXPECT_EQ(page->body.find("style="), std::string::npos);
  EXPECT_EQ(page->body.find("<style"), std::string::npos);
  EXPECT_EQ(page->body.find("http://"), std::string::npos) << "no external resources";
  EXPECT_EQ(page->body.find("https://"), std::string::npos) << "no external resources";
  auto js = c.Get("/assets/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_NE(js->get_header_value("Content-Type").find("javascript"), std::string::npos);
  // Only embedded files by exact name: no way out to the file system.
  for (const char* bad : {"/assets/../server.cc", "/assets/%2e%2e%2fkey", "/assets/..%2f..%2fws%2fkey", "/assets/",
                          "/assets/nothing.js", "/../../etc/passwd"}) {
    auto res = c.Get(bad);
    ASSERT_TRUE(res) << bad;
    EXPECT_EQ(res->status, 404) << bad;
  }
}

TEST(DashboardServer, LoginSetsAHardenedSessionCookie) {
  Fixture f;
  {
    Running r(f.ws, Open());
    auto c = r.Client();
    auto res = PostJson(c, "/api/v1/login", {{"name", "analist"}, {"password", kPassword}});
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    std::string cookie = res->get_header_value("Set-Cookie");
    EXPECT_TRUE(cookie.starts_with("bm_session=")) << cookie;
    EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
    EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain loopback: no Secure by default";
    Json me = Json::parse(res->body);
    EXPECT_EQ(me["role"], "analyst");
    EXPECT_EQ(me["csrf_token"].get<std::string>().size(), 64u);
    // The token is stored only as its hash.
    std::string token = cookie.substr(11, 64);
    auto w = Workspace::Open(f.ws);
    ASSERT_TRUE(w.has_value());
    auto by_token = store::StoreOf(*w).FindSession(token);
    ASSERT_TRUE(by_token.has_value());
    EXPECT_FALSE(by_token->has_value());
    auto by_hash = store::StoreOf(*w).FindSession(Sha256Hex(token));
    ASSERT_TRUE(by_hash.has_value());
    EXPECT_TRUE(by_hash->has_value());
  }
  ServerOptions secure = Open();
  secure.secure_cookie = true;
  Running r(f.ws, secure);
  auto c = r.Client();
  auto res = PostJson(c, "/api/v1/login", {{"name", "analist"}, {"password", kPassword}});
  ASSERT_TRUE(res);
  EXPECT_NE(res->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST(DashboardServer, LoginNeedsJsonAndTheRightPassword) {
  Fixture f;
  Running r(f.ws, Open());
  auto c = r.Client();
  auto form = c.Post("/api/v1/login", "name=analist&password=x", "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415);
  auto wrong = PostJson(c, "/api/v1/login", {{"name", "analist"}, {"password", "wrong password!!"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_TRUE(wrong->get_header_value("Set-Cookie").empty());
  auto nobody = PostJson(c, "/api/v1/login", {{"name", "niemand"}, {"password", kPassword}});
  ASSERT_TRUE(nobody);
  EXPECT_EQ(nobody->status, 401);
  EXPECT_EQ(Json::parse(wrong->body)["error"], Json::parse(nobody->body)["error"]) << "no hint which was wrong";
  auto garbage = c.Post("/api/v1/login", "{not json", "application/json");
  ASSERT_TRUE(garbage);
  EXPECT_EQ(garbage->status, 400);
}

TEST(DashboardServer, LoginIsRateLimitedPerUserAndPerAddress) {
  Fixture f;
  ServerOptions o = Open();
  o.login_failures_per_user = 3;
  o.login_failures_per_address = 6;
  Running r(f.ws, o);
  auto c = r.Client();
  for (int i = 0; i < 3; ++i) {
    auto res = PostJson(c, "/api/v1/login", {{"name", "analist"}, {"password", "wrong password!!"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
  }
  // Now even the right password is refused for this user.
  auto blocked = PostJson(c, "/api/v1/login", {{"name", "analist"}, {"password", kPassword}});
  ASSERT_TRUE(blocked);
  EXPECT_EQ(blocked->status, 429);
  EXPECT_FALSE(blocked->get_header_value("Retry-After").empty());
  // Other users still get in, until the address has too many failures.
  EXPECT_EQ(Login(r, "vng").me["name"], "vng");
  for (int i = 0; i < 3; ++i) {
    auto res = PostJson(c, "/api/v1/login", {{"name", "gok" + std::to_string(i)}, {"password", "wrong password!!"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
  }
  auto address = PostJson(c, "/api/v1/login", {{"name", "rijk"}, {"password", kPassword}});
  ASSERT_TRUE(address);
  EXPECT_EQ(address->status, 429);
}

TEST(DashboardServer, EveryApiEndpointNeedsASession) {
  Fixture f;
  Running r(f.ws, Open());
  Session none;
  std::vector<std::string> paths = kScopedEndpoints;
  paths.insert(paths.end(), {"/api/v1/me", "/api/v1/snapshots", "/api/v1/audit"});
  for (const auto& p : paths) EXPECT_EQ(Status(r, p, none), 401) << p;
  Session forged{"bm_session=" + std::string(64, 'a'), "", {}};
  for (const auto& p : paths) EXPECT_EQ(Status(r, p, forged), 401) << p;
  auto c = r.Client();
  for (const char* p : {"/api/v1/upload", "/api/v1/logout"}) {
    auto res = c.Post(p, "", "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << p;
  }
}

TEST(DashboardServer, LargeBodiesAreRefusedBeforeTheyAreRead) {
  Fixture f;
  Running r(f.ws, Open());
  auto c = r.Client();
  std::string big(200 * 1024, 'a');
  auto login = c.Post("/api/v1/login", big, "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 413);
  // An upload is only read for an admin with the CSRF token.
  httplib::MultipartFormDataItems items = {{"files", big, "payroll.csv", "text/csv"}};
  auto anonymous = c.Post("/api/v1/upload", items);
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  Session analyst = Login(r, "analist");
  auto other = c.Post("/api/v1/upload", analyst.Headers(true), items);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403);
}

TEST(DashboardServer, AnExpiredSessionIsRefused) {
  Fixture f;
  ServerOptions o = Open();
  o.session_lifetime = std::chrono::seconds(3600);
  Running r(f.ws, o);
  Session s = Login(r, "analist");
  EXPECT_EQ(Status(r, "/api/v1/me", s), 200);
  r.now += 3599;
  EXPECT_EQ(Status(r, "/api/v1/me", s), 200);
  r.now += 1;
  EXPECT_EQ(Status(r, "/api/v1/me", s), 401);
  EXPECT_EQ(Status(r, "/api/v1/realisation", s), 401);
}

TEST(DashboardServer, ChangesNeedTheSessionsCsrfToken) {
  Fixture f;
  Running r(f.ws, Open());
  Session admin = Login(r, "beheer");
  Session other = Login(r, "analist");
  auto c = r.Client();
  httplib::MultipartFormDataItems items = {{"files", "x", "employers.csv", "text/csv"}};
  auto missing = c.Post("/api/v1/upload", admin.Headers(false), items);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 403);
  httplib::Headers wrong{{"Cookie", admin.cookie}, {"X-CSRF-Token", other.csrf}};
  auto wrong_token = c.Post("/api/v1/upload", wrong, items);
  ASSERT_TRUE(wrong_token);
  EXPECT_EQ(wrong_token->status, 403) << "another session's token";
  auto logout_without = c.Post("/api/v1/logout", admin.Headers(false), "", "application/json");
  ASSERT_TRUE(logout_without);
  EXPECT_EQ(logout_without->status, 403);
  EXPECT_EQ(Status(r, "/api/v1/me", admin), 200) << "still logged in";
  auto logout = c.Post("/api/v1/logout", admin.Headers(true), "", "application/json");
  ASSERT_TRUE(logout);
  EXPECT_EQ(logout->status, 200);
  EXPECT_NE(logout->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Status(r, "/api/v1/me", admin), 401) << "logged out";
}

TEST(DashboardServer, ANewLoginGetsANewToken) {
  Fixture f;
  Running r(f.ws, Open());
  Session first = Login(r, "analist");
  // Logging in with an existing cookie (planted or old) never keeps it.
  auto c = r.Client();
  auto res = c.Post("/api/v1/login", first.Headers(), Json{{"name", "analist"}, {"password", kPassword}}.dump(),
                    "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  std::string second = res->get_header_value("Set-Cookie");
  EXPECT_EQ(second.find(first.cookie), std::string::npos);
  EXPECT_EQ(Status(r, "/api/v1/me", first), 401) << "the old session ended";
}

TEST(DashboardServer, AdminOnlyEndpointsRefuseOtherRoles) {
  Fixture f;
  Running r(f.ws, Open());
  for (const char* name : {"analist", "vng"}) {
    Session s = Login(r, name);
    EXPECT_EQ(Status(r, "/api/v1/audit", s), 403) << name;
    auto c = r.Client();
    httplib::MultipartFormDataItems items = {{"files", "x", "employers.csv", "text/csv"}};
    auto res = c.Post("/api/v1/upload", s.Headers(true), items);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << name;
  }
  Session admin = Login(r, "beheer");
  EXPECT_EQ(Status(r, "/api/v1/audit", admin), 200);
}

TEST(DashboardServer, ASectorUserSeesItsOwnScopeAndEmployersOnly) {
  Fixture f;
  Running r(f.ws, Open());
  Session vng = Login(r, "vng");
  Json j = GetJson(r, "/api/v1/realisation?year=2023", vng);
  EXPECT_EQ(j["scope"], "subsector:gemeenten");
  EXPECT_EQ(j["level"], "employer");
  std::set<std::string> scopes;
  for (const auto& row : j["rows"]) scopes.insert(row["scope"]);
  EXPECT_EQ(scopes, (std::set<std::string>{"employer:100000001L01", "employer:100000005L01"}));
  std::set<std::string> national;
  for (const auto& row : j["national"]) national.insert(row["scope"]);
  EXPECT_EQ(national, (std::set<std::string>{"total", "government", "market"}));
  // The quotum table: only its own employers.
  Json q = GetJson(r, "/api/v1/quotum?year=2023", vng);
  for (const auto& row : q["rows"]) {
    EXPECT_TRUE(row["employer_id"] == "100000001L01" || row["employer_id"] == "100000005L01") << row.dump();
  }
  // An employer inside its scope may be asked for.
  EXPECT_EQ(Status(r, "/api/v1/realisation?year=2023&scope=employer:100000001L01", vng), 200);
  // The scenario and quality rows stay inside the scope or national.
  for (const char* path : {"/api/v1/scenario?year=2023", "/api/v1/quality?year=2023&level=subsector"}) {
    Json s = GetJson(r, path, vng);
    std::string text = s.dump();
    EXPECT_EQ(text.find("rijk"), std::string::npos) << path << ": " << text;
    EXPECT_EQ(text.find("100000002L01"), std::string::npos) << path;
  }
}

TEST(DashboardServer, AnotherScopeIsRefusedThroughEveryEndpointAndParameter) {
  Fixture f;
  Running r(f.ws, Open());
  Session vng = Login(r, "vng");
  for (const auto& endpoint : kScopedEndpoints) {
    for (const char* scope : {"subsector:rijk", "total", "government", "market", "organisation:BZK",
                              "employer:100000002L01", "employer:100000003L01", "subsector:bestaat-niet",
                              "employer:999999999L01"}) {
      std::string path = endpoint + "&scope=" + scope;
      EXPECT_EQ(Status(r, path, vng), 403) << path;
    }
    // A second scope parameter, unknown parameters and malformed scopes do not get around it.
    EXPECT_EQ(Status(r, endpoint + "&scope=subsector:gemeenten&scope=subsector:rijk", vng), 400) << endpoint;
    EXPECT_EQ(Status(r, endpoint + "&scope=subsector:rijk&scope=subsector:gemeenten", vng), 400) << endpoint;
    EXPECT_EQ(Status(r, endpoint + "&Scope=subsector:rijk", vng), 400) << endpoint;
    EXPECT_EQ(Status(r, endpoint + "&employer=100000002L01", vng), 400) << endpoint;
    EXPECT_EQ(Status(r, endpoint + "&scope=rijk", vng), 400) << endpoint;
    EXPECT_EQ(Status(r, endpoint, vng), 200) << endpoint;
  }
  // The other sector user is refused gemeenten in the same way.
  Session rijk = Login(r, "rijk");
  EXPECT_EQ(Status(r, "/api/v1/realisation?scope=subsector:gemeenten", rijk), 403);
  EXPECT_EQ(Status(r, "/api/v1/realisation?scope=organisation:BZK", rijk), 200);
  // Analysts may ask for any scope; an unknown one is 404.
  Session analyst = Login(r, "analist");
  for (const auto& endpoint : kScopedEndpoints) {
    EXPECT_EQ(Status(r, endpoint + "&scope=subsector:rijk", analyst), 200) << endpoint;
    EXPECT_EQ(Status(r, endpoint + "&scope=subsector:bestaat-niet", analyst), 404) << endpoint;
  }
}

TEST(DashboardServer, AnalystSeesEveryScope) {
  Fixture f;
  Running r(f.ws, Open());
  Session s = Login(r, "analist");
  Json j = GetJson(r, "/api/v1/realisation?year=2023&scope=total&level=employer", s);
  EXPECT_EQ(j["rows"].size(), 5u);
  Json sub = GetJson(r, "/api/v1/realisation?year=2023&scope=total&level=subsector", s);
  std::set<std::string> scopes;
  for (const auto& row : sub["rows"]) scopes.insert(row["scope"]);
  EXPECT_EQ(scopes, (std::set<std::string>{"subsector:gemeenten", "subsector:market", "subsector:rijk"}));
  Json trend = GetJson(r, "/api/v1/trend", s);
  EXPECT_EQ(trend["scope"], "total");
  EXPECT_FALSE(trend["points"].empty());
  auto c = r.Client();
  auto svg = c.Get("/api/v1/chart/trend.svg", s.Headers());
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->status, 200);
  EXPECT_EQ(svg->get_header_value("Content-Type"), "image/svg+xml");
  EXPECT_NE(svg->body.find("<svg"), std::string::npos);
}

TEST(DashboardServer, NonAdminFiguresPassDisclosureControl) {
  Fixture f;
  Running r(f.ws, Open(10));  // the worked example has fewer than 10 persons everywhere
  Session analyst = Login(r, "analist");
  Session admin = Login(r, "beheer");
  Json a = GetJson(r, "/api/v1/realisation?year=2023&scope=total&level=employer", analyst);
  Json b = GetJson(r, "/api/v1/realisation?year=2023&scope=total&level=employer", admin);
  EXPECT_TRUE(a["disclosure_control"].get<bool>());
  EXPECT_FALSE(b["disclosure_control"].get<bool>());
  ASSERT_EQ(a["rows"].size(), b["rows"].size());
  int shown_to_admin = 0;
  for (std::size_t i = 0; i < a["rows"].size(); ++i) {
    const Json& row = a["rows"][i];
    if (b["rows"][i]["persons"].get<long long>() > 0) {
      EXPECT_TRUE(row["secret"].get<bool>()) << row.dump();
      EXPECT_TRUE(row["jobs"].is_null()) << row.dump();
      EXPECT_TRUE(row["persons"].is_null()) << row.dump();
      ++shown_to_admin;
    }
  }
  EXPECT_GT(shown_to_admin, 0);
  auto c = r.Client();
  auto csv = c.Get("/api/v1/export/realisation.csv?year=2023&scope=total&level=employer", analyst.Headers());
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_NE(csv->body.find(",x,"), std::string::npos) << csv->body;
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
}

TEST(DashboardServer, ARejectedUploadChangesNothingAndAGoodOneIsServed) {
  Fixture f;
  Running r(f.ws, Open());
  Session admin = Login(r, "beheer");
  auto files = [](const std::string& payroll_extra) {
    httplib::MultipartFormDataItems items;
    for (const char* name : {"employers.csv", "register.csv", "payroll.csv", "hire_in.csv", "targets.csv"}) {
      std::string content = testing::ReadFile(Example() / name);
      if (std::string(name) == "payroll.csv") content += payroll_extra;
      items.push_back({"files", content, name, "text/csv"});
    }
    items.push_back({"label", "upload-test", "", ""});
    return items;
  };
  auto c = r.Client();
  auto bad = c.Post("/api/v1/upload", admin.Headers(true), files("123456782,100000001L01,2023-13,10,permanent,0\n"));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422) << bad->body;
  Json jb = Json::parse(bad->body);
  EXPECT_TRUE(jb["rejected"].get<bool>());
  ASSERT_FALSE(jb["findings"].empty());
  EXPECT_NE(jb["findings"][0]["text"].get<std::string>().find("payroll.csv:"), std::string::npos);
  EXPECT_EQ(jb["findings"][0]["text"].get<std::string>().find("123456782"), std::string::npos) << "no BSN in messages";
  EXPECT_EQ(GetJson(r, "/api/v1/snapshots", admin)["snapshots"].size(), 1u) << "nothing changed";
  // A file outside the contract is refused before anything is written.
  httplib::MultipartFormDataItems odd = {{"files", "x", "../key", "text/csv"}};
  auto traversal = c.Post("/api/v1/upload", admin.Headers(true), odd);
  ASSERT_TRUE(traversal);
  EXPECT_EQ(traversal->status, 400);
  // A good delivery (one more payroll row) becomes snapshot 2 and is served at once.
  auto good = c.Post("/api/v1/upload", admin.Headers(true), files(""));
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 200) << good->body;
  Json jg = Json::parse(good->body);
  EXPECT_TRUE(jg["already_imported"].get<bool>()) << "same content as snapshot 1";
  auto changed = files("");
  changed[1].content += "999999990,participatiewet,2020-01-01,\n";  // register: one more person
  auto second = c.Post("/api/v1/upload", admin.Headers(true), changed);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 200) << second->body;
  Json js = Json::parse(second->body);
  EXPECT_FALSE(js["rejected"].get<bool>());
  EXPECT_GT(js["snapshot_id"].get<long long>(), 1);
  EXPECT_TRUE(js["quality"].is_object());
  Json now = GetJson(r, "/api/v1/realisation?year=2023", admin);
  EXPECT_EQ(now["snapshot"]["id"], js["snapshot_id"]);
}

TEST(DashboardServer, TheAuditLogRecordsLoginsExportsAndImports) {
  Fixture f;
  Running r(f.ws, Open());
  auto c = r.Client();
  (void)PostJson(c, "/api/v1/login", {{"name", "vng"}, {"password", "wrong password!!"}});
  Session vng = Login(r, "vng");
  EXPECT_EQ(Status(r, "/api/v1/export/realisation.csv?year=2023", vng), 200);
  Session admin = Login(r, "beheer");
  Json audit = GetJson(r, "/api/v1/audit", admin);
  std::vector<std::string> seen;
  for (const auto& a : audit["records"]) seen.push_back(a["user"].get<std::string>() + " " + a["action"].get<std::string>());
  auto has = [&](const std::string& s) { return std::find(seen.begin(), seen.end(), s) != seen.end(); };
  EXPECT_TRUE(has("vng login-failed"));
  EXPECT_TRUE(has("vng login"));
  EXPECT_TRUE(has("vng export"));
  EXPECT_TRUE(has("beheer login"));
  for (const auto& a : audit["records"]) {
    EXPECT_EQ(a["detail"].get<std::string>().find(kPassword), std::string::npos) << "never a password";
  }
}

TEST(DashboardServer, TheProgressReportIsForAnalystsAndAdmins) {
  Fixture f;
  Running r(f.ws, Open(10));
  Session vng = Login(r, "vng");
  EXPECT_EQ(Status(r, "/api/v1/export/report?format=html&year=2023", vng), 403);
  Session analyst = Login(r, "analist");
  auto c = r.Client();
  auto html = c.Get("/api/v1/export/report?format=html&year=2023", analyst.Headers());
  ASSERT_TRUE(html);
  EXPECT_EQ(html->status, 200) << html->body.substr(0, 300);
  EXPECT_NE(html->body.find("Voortgang banenafspraak 2023"), std::string::npos);
  EXPECT_NE(html->get_header_value("Content-Disposition").find("voortgang-banenafspraak-2023.html"), std::string::npos);
  auto md = c.Get("/api/v1/export/report?format=md&year=2023", analyst.Headers());
  ASSERT_TRUE(md);
  EXPECT_EQ(md->status, 200);
  EXPECT_EQ(Status(r, "/api/v1/export/report?format=pdf", analyst), 400);
  EXPECT_EQ(Status(r, "/api/v1/export/report?format=html&scope=subsector:rijk", analyst), 400);
}


}  // namespace
}  // namespace banenmonitor::web
