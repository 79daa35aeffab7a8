// The dashboard's API (web/server.h) over real HTTP on an ephemeral loopback
// port: authentication, sessions, CSRF, rate limits, security headers, scope
// enforcement for every endpoint and parameter, disclosure control, uploads
// and the audit log. The browser tests (tests/e2e/) check the page.
#include <arpa/inet.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "banenmonitor/workspace.h"
#include "store/accounts.h"
#include "test_util.h"
#include "report/realisation_format.h"
#include "web/auth.h"
#include "web/dashboard.h"
#include "web/server.h"
#include "web/server_test_support.h"

namespace banenmonitor::web {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

using namespace test;

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
    auto by_token = (*store::OpenAccounts(*w))->FindSession(token);
    ASSERT_TRUE(by_token.has_value());
    EXPECT_FALSE(by_token->has_value());
    auto by_hash = (*store::OpenAccounts(*w))->FindSession(Sha256Hex(token));
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
  // Wfsv art. 122na: the levy of a year before the Wet banenafspraak is computed, never charged.
  EXPECT_EQ(q["levy_status"], "berekend, niet opgelegd");
  EXPECT_NE(q["levy_basis"].get<std::string>().find("122na"), std::string::npos) << q["levy_basis"];
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
  // Social return for the buyer has no legal basis: the scenario's answer says so (quotum-and-scenarios.md §4).
  Json sroi = GetJson(r, "/api/v1/scenario?year=2023&sroi=1", vng);
  EXPECT_NE(sroi["social_return"]["note"].get<std::string>().find("geen artikel van de Wet banenafspraak"),
            std::string::npos)
      << sroi["social_return"].dump();
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
  // Analysts may ask for any scope; an unknown one is 400 (with the nearest
  // one, DashboardReliability.AnUnknownScopeIsRefusedWithTheNearestOne).
  Session analyst = Login(r, "analist");
  for (const auto& endpoint : kScopedEndpoints) {
    EXPECT_EQ(Status(r, endpoint + "&scope=subsector:rijk", analyst), 200) << endpoint;
    EXPECT_EQ(Status(r, endpoint + "&scope=subsector:bestaat-niet", analyst), 400) << endpoint;
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

// BZK's figure in the dashboard (Wet banenafspraak art. 4 lid 4): a year with
// the previous year's year-end beside it, each by its own law. The delivery is
// that of tests/cases/year_on_year_bzk_figure.case: government 1.352 jobs in
// Q4 2025 (Wfsv: the voorziening person does not count), 2.254 in Q4 2026
// (Wet banenafspraak: he does), so +0.90.
TEST(DashboardServer, TheRealisationSetsAYearBesideThePreviousOne) {
  Fixture f;
  const fs::path d = f.tmp.path() / "bzk";
  fs::create_directories(d);
  auto write = [&](const char* name, const std::string& text) { std::ofstream(d / name) << text; };
  write("employers.csv",
        "employer_id,name,sector,subsector,organisation,lender\n100000001L01,Gemeente Aa,government,gemeenten,,none\n"
        "100000002L01,Ministerie,government,rijk,,none\n");
  write("register.csv", "person_id,ground,start_date,end_date\n999900018,wajong,2020-01-01,\n999900043,voorziening,2020-01-01,\n");
  std::string payroll = "person_id,employer_id,period,hours,contract,wsw\n";
  for (int y : {2025, 2026}) {
    for (int m : {10, 11, 12}) {
      payroll += fmt::format("999900018,100000001L01,{}-{},150,permanent,0\n", y, m);
      payroll += fmt::format("999900043,100000002L01,{}-{},100,permanent,0\n", y, m);
    }
  }
  write("payroll.csv", payroll);
  {
    auto w = Workspace::Open(f.ws);
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE(w->Import(d, ImportOptions{}).has_value());
  }
  Running r(f.ws, Open());
  Session admin = Login(r, "beheer");
  Json j = GetJson(r, "/api/v1/realisation?year=2026&scope=total&level=sector", admin);
  EXPECT_EQ(j["law"]["code"], "wet_banenafspraak");
  ASSERT_TRUE(j["previous_year"].is_object());
  EXPECT_EQ(j["previous_year"]["year"], 2025);
  EXPECT_EQ(j["previous_year"]["law"]["code"], "wfsv");
  ASSERT_EQ(j["rows"].size(), 1u);
  EXPECT_EQ(j["rows"][0]["scope"], "government");
  EXPECT_DOUBLE_EQ(j["rows"][0]["jobs_previous_year"].get<double>(), 1.35);
  EXPECT_DOUBLE_EQ(j["rows"][0]["change_jobs"].get<double>(), 0.90);
  Json first = GetJson(r, "/api/v1/realisation?year=2025&scope=total&level=sector", admin);
  EXPECT_TRUE(first["previous_year"].is_null());  // no year-end of 2024 in the snapshot
  EXPECT_FALSE(first["rows"][0].contains("change_jobs"));
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


// --- Security review of the server (issue 9) ----------------------------------

// A raw TCP connection to the server, for requests that no HTTP client sends:
// slow, stalled, oversized.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  bool connected() const { return connected_; }
  // False when the server has closed the connection (or reset it).
  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  struct Outcome {
    std::string data;  // what the server sent
    bool closed = false;  // the server closed the connection within the limit
    std::chrono::milliseconds after{0};
  };
  // Reads until the server closes the connection or `limit` has passed.
  Outcome ReadUntilClosed(std::chrono::milliseconds limit) {
    Outcome o;
    auto start = std::chrono::steady_clock::now();
    for (;;) {
      auto left = limit - std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
      if (left.count() <= 0) break;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char buf[4096];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        o.closed = true;
        break;
      }
      o.data.append(buf, static_cast<std::size_t>(n));
    }
    o.after = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    return o;
  }

 private:
  int fd_;
  bool connected_ = false;
};

// The status code of the first response in `data` ("HTTP/1.1 400 ..."), or -1.
int RawStatus(const std::string& data) {
  if (!data.starts_with("HTTP/1.1 ") || data.size() < 12) return -1;
  return std::atoi(data.substr(9, 3).c_str());
}

TEST(DashboardServer, SlowClientsDoNotBlockOthersAndAreCutOffAfterTheReadTimeout) {
  Fixture f;
  ServerOptions o = Open();
  o.read_timeout = std::chrono::milliseconds(1000);
  // After a refused request the connection may wait for a next one (keep-alive) this long.
  o.keep_alive_timeout = std::chrono::seconds(1);
  o.threads = 4;  // three slow clients take three of the four worker threads
  Running r(f.ws, o);
  using namespace std::chrono_literals;
  // 1. Headers that stop halfway.
  RawConnection stalled(r.port);
  ASSERT_TRUE(stalled.connected());
  ASSERT_TRUE(stalled.Send("GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
  // 2. A body that never comes: 100 bytes announced, 10 sent.
  RawConnection no_body(r.port);
  ASSERT_TRUE(no_body.connected());
  ASSERT_TRUE(no_body.Send("POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                           "Content-Length: 100\r\n\r\n{\"name\": \""));
  // 3. Slowloris: the headers one byte every 200 ms (within each read timeout), then nothing.
  RawConnection trickle(r.port);
  ASSERT_TRUE(trickle.connected());
  std::atomic<bool> trickling{true};
  std::thread trickler([&] {
    std::string head = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: bbbbbbbb\r\n";
    for (char ch : head) {
      if (!trickling || !trickle.Send(std::string(1, ch))) break;
      std::this_thread::sleep_for(200ms);
    }
  });
  std::this_thread::sleep_for(300ms);
  // Meanwhile another client is answered at once, several times.
  for (int i = 0; i < 3; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto c = r.Client();
    auto res = c.Get("/api/v1/me");
    auto took = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(res) << "another client was not answered while slow clients were connected";
    EXPECT_EQ(res->status, 401);
    EXPECT_LT(took, 900ms) << "another client waited for the slow ones";
  }
  // The stalled ones are cut off after the read timeout (1 s; then at most the
  // keep-alive wait of 1 s after the 400 answer), not never.
  for (RawConnection* slow : {&stalled, &no_body}) {
    auto out = slow->ReadUntilClosed(5000ms);
    EXPECT_TRUE(out.closed) << "a stalled client kept its connection";
    EXPECT_LT(out.after, 4000ms);
    EXPECT_TRUE(out.data.empty() || RawStatus(out.data) == 400) << out.data.substr(0, 80);
  }
  // The trickler is still connected while it trickles (cpp-httplib times each
  // read, not the whole request: docs/security.md); once it stops it is cut off.
  trickling = false;
  trickler.join();
  auto out = trickle.ReadUntilClosed(5000ms);
  EXPECT_TRUE(out.closed) << "a stopped slowloris client kept its connection";
  EXPECT_LT(out.after, 4000ms);
  // And the server still serves.
  auto c = r.Client();
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
}

TEST(DashboardServer, OversizedHeadersAreRefusedWithoutACrash) {
  Fixture f;
  ServerOptions o = Open();
  o.keep_alive_timeout = std::chrono::seconds(1);  // each refused connection is closed 1 s after its answer
  Running r(f.ws, o);
  using namespace std::chrono_literals;
  Session analyst = Login(r, "analist");
  // One header line of 1 MiB (cpp-httplib refuses lines above 8 KiB).
  {
    RawConnection conn(r.port);
    ASSERT_TRUE(conn.connected());
    conn.Send(std::string("GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ") + analyst.cookie + "\r\nX-Big: " +
              std::string(1 << 20, 'a') + "\r\n\r\n");
    auto out = conn.ReadUntilClosed(10000ms);
    EXPECT_EQ(RawStatus(out.data), 400) << out.data.substr(0, 80);
  }
  // Many headers, each small: refused before any route runs (431), also with a valid session.
  {
    std::string many;
    for (int i = 0; i < 2000; ++i) many += fmt::format("X-H{}: v\r\n", i);
    RawConnection conn(r.port);
    ASSERT_TRUE(conn.connected());
    conn.Send("GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: " +
              analyst.cookie + "\r\n" + many + "\r\n");
    auto out = conn.ReadUntilClosed(10000ms);
    EXPECT_EQ(RawStatus(out.data), 431) << out.data.substr(0, 80);
    EXPECT_EQ(out.data.find("\"csrf_token\""), std::string::npos) << "the route ran";
  }
  // A request line of 64 KiB.
  {
    RawConnection conn(r.port);
    ASSERT_TRUE(conn.connected());
    conn.Send("GET /" + std::string(64 * 1024, 'a') + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    auto out = conn.ReadUntilClosed(10000ms);
    EXPECT_EQ(RawStatus(out.data), 414) << out.data.substr(0, 80);
  }
  // Ten headers are fine, and the server still serves.
  {
    httplib::Headers h = analyst.Headers();
    for (int i = 0; i < 10; ++i) h.emplace(fmt::format("X-H{}", i), "v");
    auto c = r.Client();
    auto res = c.Get("/api/v1/me", h);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
  }
}

TEST(DashboardServer, NoSessionTokenButTheOneIssuedAtLoginIsEverAccepted) {
  Fixture f;
  Running r(f.ws, Open());
  // A token the client invents (the fixation attacker plants one in the victim's browser).
  const std::string invented = "bm_session=" + std::string("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  Session planted{invented, "", {}};
  EXPECT_EQ(Status(r, "/api/v1/me", planted), 401);
  // The victim logs in carrying it: the server issues another token and never adopts the planted one.
  auto c = r.Client();
  auto res = c.Post("/api/v1/login", planted.Headers(), Json{{"name", "analist"}, {"password", kPassword}}.dump(),
                    "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  std::string set = res->get_header_value("Set-Cookie");
  std::string issued = set.substr(0, set.find(';'));
  EXPECT_NE(issued, invented);
  EXPECT_EQ(issued.size(), invented.size());
  EXPECT_EQ(Status(r, "/api/v1/me", planted), 401) << "the planted token became a session";
  Session victim{issued, Json::parse(res->body)["csrf_token"], {}};
  EXPECT_EQ(Status(r, "/api/v1/me", victim), 200);
  // Forms of a token the server never issues are ignored, not looked up.
  for (const std::string& odd : std::vector<std::string>{"bm_session=" + std::string(64, 'A'), "bm_session=" + std::string(63, 'a'),
                          "bm_session=" + std::string(65, 'a'), "bm_session=", "bm_session=" + issued.substr(11) + "x",
                          "BM_SESSION=" + issued.substr(11)}) {
    EXPECT_EQ(Status(r, "/api/v1/me", Session{odd, "", {}}), 401) << odd;
  }
  // Every login issues a fresh token, also for the same user.
  std::set<std::string> tokens{issued};
  for (int i = 0; i < 3; ++i) tokens.insert(Login(r, "analist").cookie);
  EXPECT_EQ(tokens.size(), 4u);
  // Logout ends the session in the server, at once (not only the browser's cookie):
  // the old cookie and CSRF token are refused on every route right after.
  auto out = c.Post("/api/v1/logout", victim.Headers(true), "", "application/json");
  ASSERT_TRUE(out);
  ASSERT_EQ(out->status, 200);
  EXPECT_EQ(Status(r, "/api/v1/me", victim), 401);
  EXPECT_EQ(Status(r, "/api/v1/realisation?year=2023", victim), 401);
  auto again = c.Post("/api/v1/logout", victim.Headers(true), "", "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 401);
  auto w = Workspace::Open(f.ws);
  ASSERT_TRUE(w.has_value());
  auto stored = (*store::OpenAccounts(*w))->FindSession(Sha256Hex(issued.substr(11)));
  ASSERT_TRUE(stored.has_value());
  EXPECT_FALSE(stored->has_value()) << "the session is still in the store";
}

// --- Disclosure by differencing between published tables ---------------------
//
// What a non-admin user can fetch of one population: the realisation table at
// every level, in every window (q1..q4 and the year), under both regimes, its
// CSV export, the trend of every scope it may see, the job-quality table at
// every level and the scenario's two regimes. Every jobs figure is a
// sum of hours of employers in some months, so the audit writes each as a
// vector over "atoms" (employer x quarter x direct/hired-in, per year; a
// year's figure is the sum of its quarters, scaled). A secret cell can be
// worked out from the published cells of any tables together iff its vector
// lies in the span of the published vectors (total minus the other parts, the
// year minus three quarters, ...). extra_jobs and realisation_pct are jobs
// minus / over published constants, so any of them published publishes jobs.
// Persons are not additive and not audited here.
//
// The span is computed modulo the prime 2^61 - 1 (exact rational elimination
// of some 1,300 x 500 per year is too slow for a test): a combination over the
// rationals is one modulo p unless p divides a denominator, so a leak is found;
// a false alarm would fail the test, never pass it.
class DifferencingSpan {
 public:
  static constexpr std::uint64_t kP = (std::uint64_t{1} << 61) - 1;
  explicit DifferencingSpan(std::size_t atoms) : atoms_(atoms) {}
  // Adds a published vector.
  void Add(std::vector<std::uint64_t> v) {
    if (Reduce(v)) return;
    std::size_t pivot = 0;
    while (v[pivot] == 0) ++pivot;
    std::uint64_t inv = Power(v[pivot], kP - 2);
    for (auto& x : v) x = Mul(x, inv);
    for (auto& b : basis_) {  // keep the basis reduced: zero at every other pivot
      std::uint64_t c = b[pivot];
      if (c == 0) continue;
      for (std::size_t k = 0; k < atoms_; ++k) b[k] = Sub(b[k], Mul(c, v[k]));
    }
    basis_.push_back(std::move(v));
    pivots_.push_back(pivot);
  }
  // True when `v` is a combination of the published vectors.
  bool Contains(std::vector<std::uint64_t> v) const { return Reduce(v); }

 private:
  static std::uint64_t Mul(std::uint64_t a, std::uint64_t b) {
    unsigned __int128 x = static_cast<unsigned __int128>(a) * b;  // < 2^122
    std::uint64_t r = static_cast<std::uint64_t>(x & kP) + static_cast<std::uint64_t>(x >> 61);  // 2^61 = 1 (mod p)
    r = (r & kP) + (r >> 61);
    return r >= kP ? r - kP : r;
  }
  static std::uint64_t Sub(std::uint64_t a, std::uint64_t b) { return a >= b ? a - b : a + kP - b; }
  static std::uint64_t Power(std::uint64_t a, std::uint64_t e) {
    std::uint64_t r = 1;
    for (; e > 0; e >>= 1, a = Mul(a, a)) {
      if (e & 1) r = Mul(r, a);
    }
    return r;
  }
  bool Reduce(std::vector<std::uint64_t>& v) const {
    for (std::size_t i = 0; i < basis_.size(); ++i) {
      std::uint64_t c = v[pivots_[i]];
      if (c == 0) continue;
      for (std::size_t k = 0; k < atoms_; ++k) v[k] = Sub(v[k], Mul(c, basis_[i][k]));
    }
    return std::all_of(v.begin(), v.end(), [](std::uint64_t x) { return x == 0; });
  }
  std::size_t atoms_;
  std::vector<std::vector<std::uint64_t>> basis_;
  std::vector<std::size_t> pivots_;
};

// The published and secret jobs cells of one user in one year, as vectors over the atoms.
struct DifferencingYear {
  std::vector<std::vector<std::uint64_t>> published;
  std::vector<std::pair<std::string, std::vector<std::uint64_t>>> secret;
};

class DifferencingAudit {
 public:
  explicit DifferencingAudit(const Delivery& d) {
    for (std::size_t e = 0; e < d.employers.size(); ++e) {
      const Employer& emp = d.employers[e];
      std::vector<std::string> scopes = {"total", SectorName(emp.sector), "employer:" + emp.id,
                                         "subsector:" + (emp.sector == Sector::kMarket ? std::string("market") : emp.subsector)};
      if (!emp.organisation.empty()) scopes.push_back("organisation:" + emp.organisation);
      for (const auto& s : scopes) employers_of_[s].push_back(e);
    }
    employers_ = d.employers.size();
  }
  std::size_t atoms() const { return employers_ * 4 * 2; }
  // The vector of a jobs cell: scope, window, measure ("jobs", "jobs_direct", "jobs_hired_in").
  std::vector<std::uint64_t> Vector(const std::string& scope, const std::string& window, const std::string& measure) const {
    std::vector<std::uint64_t> v(atoms(), 0);
    auto it = employers_of_.find(scope);
    EXPECT_NE(it, employers_of_.end()) << "unknown scope " << scope;
    if (it == employers_of_.end()) return v;
    std::vector<int> quarters;
    if (window == "year") quarters = {0, 1, 2, 3};
    else quarters = {window[1] - '1'};
    for (std::size_t e : it->second) {
      for (int q : quarters) {
        if (measure != "jobs_hired_in") v[(e * 4 + static_cast<std::size_t>(q)) * 2] = 1;
        if (measure != "jobs_direct") v[(e * 4 + static_cast<std::size_t>(q)) * 2 + 1] = 1;
      }
    }
    return v;
  }
  // Records one row of the JSON API (realisation or trend point) of `year`.
  void Row(int year, const std::string& source, const std::string& scope, const std::string& window, const Json& row) {
    DifferencingYear& y = years_[year];
    auto shown = [&](const char* k) { return row.contains(k) && !row[k].is_null(); };
    bool jobs_shown = shown("jobs") || shown("extra_jobs") || shown("realisation_pct");
    const std::vector<std::string> measures =
        row.contains("jobs_direct") ? std::vector<std::string>{"jobs", "jobs_direct", "jobs_hired_in"} : std::vector<std::string>{"jobs"};
    for (const auto& m : measures) {
      bool is_shown = m == "jobs" ? jobs_shown : shown(m.c_str());
      auto v = Vector(scope, window, m);
      if (is_shown) {
        y.published.push_back(std::move(v));
      } else if (row.value("secret", false)) {
        y.secret.emplace_back(fmt::format("{} {} {} {} {}", source, year, window, scope, m), std::move(v));
      }
    }
    ++rows_;
  }
  // The secret cells that the published ones determine.
  std::vector<std::string> Recoverable() const {
    std::vector<std::string> out;
    for (const auto& [year, y] : years_) {
      DifferencingSpan span(atoms());
      std::set<std::vector<std::uint64_t>> unique(y.published.begin(), y.published.end());
      for (const auto& v : unique) span.Add(v);
      std::map<std::vector<std::uint64_t>, bool> checked;
      for (const auto& [label, v] : y.secret) {
        auto [it, fresh] = checked.emplace(v, false);
        if (fresh) it->second = span.Contains(v);
        if (it->second) out.push_back(label);
      }
    }
    return out;
  }
  std::size_t rows() const { return rows_; }
  std::size_t secrets() const {
    std::size_t n = 0;
    for (const auto& [year, y] : years_) n += y.secret.size();
    return n;
  }
  std::size_t published() const {
    std::size_t n = 0;
    for (const auto& [year, y] : years_) n += y.published.size();
    return n;
  }
  const std::map<std::string, std::vector<std::size_t>>& scopes() const { return employers_of_; }

 private:
  std::map<std::string, std::vector<std::size_t>> employers_of_;
  std::size_t employers_ = 0;
  std::map<int, DifferencingYear> years_;
  std::size_t rows_ = 0;
};

// The rows of a CSV export as JSON rows (x = secret), to audit the exports as published.
std::vector<Json> DifferencingCsvRows(const std::string& csv) {
  std::vector<Json> rows;
  std::vector<std::string> names;
  std::size_t pos = 0;
  while (pos < csv.size()) {
    std::size_t end = csv.find('\n', pos);
    std::string line = csv.substr(pos, end - pos);
    pos = end == std::string::npos ? csv.size() : end + 1;
    std::vector<std::string> fields;
    for (std::size_t a = 0;;) {
      std::size_t b = line.find(',', a);
      fields.push_back(line.substr(a, b - a));
      if (b == std::string::npos) break;
      a = b + 1;
    }
    if (names.empty()) {
      names = fields;
      continue;
    }
    Json row = Json::object();
    bool secret = false;
    for (std::size_t i = 0; i < names.size() && i < fields.size(); ++i) {
      if (fields[i] == "x") secret = true;
      row[names[i]] = fields[i] == "x" || fields[i].empty() ? Json(nullptr) : Json(fields[i]);
    }
    row["secret"] = secret;
    rows.push_back(row);
  }
  return rows;
}

// Everything `s` can fetch of the realisation, for the audit.
void DifferencingCollect(const Running& r, const Session& s, const std::vector<int>& years, bool analyst,
                         DifferencingAudit& audit) {
  const std::vector<std::string> levels = analyst ? std::vector<std::string>{"sector", "subsector", "organisation", "employer"}
                                                  : std::vector<std::string>{"employer"};
  std::set<std::string> visible;
  for (int year : years) {
    for (const char* window : {"q1", "q2", "q3", "q4", "year"}) {
      for (const auto& level : levels) {
        for (const char* regime : {"current", "wet-banenafspraak-2026"}) {
          std::string query = fmt::format("year={}&window={}&level={}&regime={}{}", year, window, level, regime,
                                          analyst ? "&scope=total" : "");
          Json j = GetJson(r, "/api/v1/realisation?" + query, s);
          if (!j.is_object()) continue;
          for (const char* part : {"rows", "national"}) {
            for (const auto& row : j[part]) {
              audit.Row(year, "realisation", row["scope"].get<std::string>(), window, row);
              visible.insert(row["scope"].get<std::string>());
            }
          }
          if (!j["scope_row"].is_null()) {
            audit.Row(year, "realisation", j["scope_row"]["scope"].get<std::string>(), window, j["scope_row"]);
            visible.insert(j["scope_row"]["scope"].get<std::string>());
          }
          auto c = r.Client();
          auto csv = c.Get(("/api/v1/export/realisation.csv?" + query).c_str(), s.Headers());
          EXPECT_TRUE(csv && csv->status == 200) << query;
          if (!csv) continue;
          for (const auto& row : DifferencingCsvRows(csv->body)) {
            audit.Row(year, "csv", row["scope"].get<std::string>(), window, row);
          }
        }
      }
    }
    // Job quality: the average weekly hours times the persons give a scope's Q4 hours.
    for (const auto& level : levels) {
      Json q = GetJson(r, fmt::format("/api/v1/quality?year={}&level={}{}", year, level, analyst ? "&scope=total" : ""), s);
      if (!q.is_object()) continue;
      for (const auto& row : q["rows"]) {
        Json cell = {{"jobs", row.contains("average_weekly_hours") ? row["average_weekly_hours"] : Json(nullptr)},
                     {"secret", row["secret"]}};
        audit.Row(year, "quality", row["scope"].get<std::string>(), "q4", cell);
      }
    }
    // The scenario: the Q4 realisation under both regimes.
    Json scenario = GetJson(r, fmt::format("/api/v1/scenario?year={}{}", year, analyst ? "&scope=total" : ""), s);
    if (scenario.is_object()) {
      for (const auto& [name, regime] : scenario["regimes"].items()) {
        for (const auto& row : regime["rows"]) audit.Row(year, "scenario " + name, row["scope"].get<std::string>(), "q4", row);
      }
    }
  }
  // The trend of every scope it saw (the national rows are refused to a sector user as a trend scope).
  for (const auto& scope : visible) {
    auto c = r.Client();
    auto res = c.Get(("/api/v1/trend?scope=" + scope).c_str(), s.Headers());
    ASSERT_TRUE(res);
    if (res->status == 403) continue;
    ASSERT_EQ(res->status, 200) << scope << ": " << res->body;
    Json t = Json::parse(res->body);
    for (const auto& p : t["points"]) audit.Row(p["year"].get<int>(), "trend", scope, "q4", p);
  }
}

TEST(DashboardServer, TheDifferencingAuditFindsTotalMinusTheOtherParts) {
  auto d = LoadDelivery(Example(), LoadOptions{});
  ASSERT_TRUE(d.has_value());
  DifferencingAudit audit(*d);
  Json shown = {{"jobs", 1.0}, {"jobs_direct", 1.0}, {"jobs_hired_in", 0.0}, {"secret", false}};
  Json hidden = {{"jobs", nullptr}, {"jobs_direct", nullptr}, {"jobs_hired_in", nullptr}, {"secret", true}};
  audit.Row(2023, "t", "total", "q4", shown);
  audit.Row(2023, "t", "market", "q4", hidden);
  EXPECT_TRUE(audit.Recoverable().empty()) << "the total alone does not give the market";
  audit.Row(2023, "t", "government", "year", shown);
  EXPECT_TRUE(audit.Recoverable().empty()) << "the government of the year does not give the market in Q4";
  audit.Row(2023, "t", "government", "q4", shown);
  EXPECT_EQ(audit.Recoverable().size(), 3u) << "total - government = market (jobs, direct, hired-in)";
  // The year minus three quarters gives the fourth.
  DifferencingAudit quarters(*d);
  for (const char* w : {"q1", "q2", "q3", "year"}) quarters.Row(2023, "t", "employer:100000001L01", w, shown);
  quarters.Row(2023, "t", "employer:100000001L01", "q4", hidden);
  EXPECT_EQ(quarters.Recoverable().size(), 3u);
}

// A generated delivery (58 employers, 2021-2023) in a workspace with an
// analyst and a sector user of the Rijk: ministries with few persons each
// (gemeenten are one or two large employers at this scale).
struct DifferencingWorkspace {
  testing::TempDir tmp;
  fs::path data = tmp.path() / "levering";
  fs::path ws = tmp.path() / "ws";
  bool ok = false;
  DifferencingWorkspace() {
    auto gen = testing::RunCommand(std::string(BANENMONITOR_BINARY) + " generate --out " + data.string() +
                                   " --scale 0.001 --from 2021 --to 2023");
    EXPECT_EQ(gen.exit_code, 0) << gen.err;
    if (gen.exit_code != 0 || !Workspace::Init(ws, "").ok()) return;
    auto w = Workspace::Open(ws);
    if (!w) return;
    ImportOptions import_options;
    import_options.label = "gegenereerd";
    auto imported = w->Import(data, import_options);
    ok = imported.has_value() && imported->snapshot_id > 0 &&
         AddUser(**store::OpenAccounts(*w), "analist", Role::kAnalyst, "", kPassword).ok() &&
         AddUser(**store::OpenAccounts(*w), "rijk", Role::kSector, "subsector:rijk", kPassword).ok();
  }
};

TEST(DashboardServer, NoSecretCellCanBeWorkedOutFromThePublishedTablesTogether) {
  DifferencingWorkspace g;
  ASSERT_TRUE(g.ok);
  const fs::path& data = g.data;
  auto delivery = LoadDelivery(data, LoadOptions{});
  ASSERT_TRUE(delivery.has_value());
  Running r(g.ws, Open(10));
  Session analyst = Login(r, "analist");
  Json snapshots = GetJson(r, "/api/v1/snapshots", analyst);
  std::vector<int> years = snapshots["years"].get<std::vector<int>>();
  ASSERT_GE(years.size(), 2u);
  for (const char* user : {"analist", "rijk"}) {
    SCOPED_TRACE(user);
    Session s = Login(r, user);
    DifferencingAudit audit(*delivery);
    DifferencingCollect(r, s, years, std::string(user) == "analist", audit);
    // The audit has something to find: secret and published cells.
    EXPECT_GT(audit.secrets(), 0u) << "nothing is secret: the audit would prove nothing (" << audit.rows() << " rows, " << audit.published() << " published)";
    EXPECT_GT(audit.published(), audit.secrets() / 10) << "nearly nothing is published";
    auto leaks = audit.Recoverable();
    EXPECT_TRUE(leaks.empty()) << leaks.size() << " secret cells can be worked out, e.g. " << leaks.front();
    for (std::size_t i = 0; i < leaks.size() && i < 20; ++i) ADD_FAILURE() << "recoverable: " << leaks[i];
  }
}

// The cleaner of upload copies (what a killed server left, ServerKilled in
// tests/faults/) never removes the copy of an upload that is still running,
// in this server or another one on the same workspace: that one holds its lock.
TEST(DashboardServer, StaleUploadCopiesAreRemovedButNotOnesInUse) {
  testing::TempDir tmp;
  fs::path in_use = tmp.path() / "upload-inuse", stale = tmp.path() / "upload-stale", other = tmp.path() / "uploads.txt";
  fs::create_directories(in_use);
  fs::create_directories(stale);
  std::ofstream(in_use / "register.csv") << "person_id\n";
  std::ofstream(stale / "register.csv") << "person_id\n";
  std::ofstream(other) << "not an upload directory";
  int fd = ::open(in_use.c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  RemoveStaleUploads(tmp.path());
  EXPECT_TRUE(fs::exists(in_use / "register.csv")) << "removed the files of a running upload";
  EXPECT_FALSE(fs::exists(stale)) << "left the files of a killed upload";
  EXPECT_TRUE(fs::exists(other));
  ::close(fd);  // the upload ends
  RemoveStaleUploads(tmp.path());
  EXPECT_FALSE(fs::exists(in_use));
}

// The progress report download against the dashboard's tables (analyst): the
// realised jobs of the sectors and public subsectors in the report's tables
// (this year, last year, the change) must be secret exactly where the
// dashboard's Q4 table has them secret, and a published change must not stand
// beside exactly one published year ("this year minus the change").
TEST(DashboardServer, TheReportDownloadHidesWhatTheDashboardHides) {
  DifferencingWorkspace g;
  ASSERT_TRUE(g.ok);
  Running r(g.ws, Open(10));
  Session analyst = Login(r, "analist");
  std::vector<int> years = GetJson(r, "/api/v1/snapshots", analyst)["years"].get<std::vector<int>>();
  // The dashboard: secret per (year, scope).
  std::map<std::pair<int, std::string>, bool> dashboard_secret;
  for (int year : years) {
    Json j = GetJson(r, fmt::format("/api/v1/realisation?year={}&window=q4&level=subsector&scope=total", year), analyst);
    for (const char* part : {"rows", "national"}) {
      for (const auto& row : j[part]) dashboard_secret[{year, row["scope"].get<std::string>()}] = row["secret"].get<bool>();
    }
  }
  std::map<std::string, std::string> scope_of_label;  // the report's labels
  for (const auto& [key, secret] : dashboard_secret) {
    if (key.second != "subsector:market") scope_of_label[report::ScopeLabel(key.second)] = key.second;
  }
  auto cells_of = [](const std::string& line) {
    std::vector<std::string> cells;
    std::size_t a = 1;
    for (std::size_t b; (b = line.find('|', a)) != std::string::npos; a = b + 1) {
      std::string c = line.substr(a, b - a);
      while (!c.empty() && c.front() == ' ') c.erase(0, 1);
      while (!c.empty() && c.back() == ' ') c.pop_back();
      if (c.starts_with("**") && c.ends_with("**") && c.size() >= 4) c = c.substr(2, c.size() - 4);
      cells.push_back(c);
    }
    return cells;
  };
  int compared = 0, secret_seen = 0;
  for (int year : years) {
    auto c = r.Client();
    auto res = c.Get(fmt::format("/api/v1/export/report?format=md&year={}", year).c_str(), analyst.Headers());
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body.substr(0, 200);
    std::istringstream in(res->body);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    // | Sector | Opgave Y | Gerealiseerd Y | Realisatie Y | Gerealiseerd Y-1 | Realisatie Y-1 | Verschil (banen) | ...
    // | Sector | Opgave Y | Extra banen Y | Realisatie Y | Extra banen Y-1 | Realisatie Y-1 |
    for (std::size_t i = 0; i + 2 < lines.size(); ++i) {
      auto head = cells_of(lines[i]);
      bool subsectors = head.size() >= 7 && head[0] == "Sector" && head[2] == fmt::format("Gerealiseerd {}", year);
      bool sectors = head.size() == 6 && head[0] == "Sector" && head[2] == fmt::format("Extra banen {}", year);
      if (!subsectors && !sectors) continue;
      for (std::size_t k = i + 2; k < lines.size() && lines[k].starts_with("|"); ++k) {
        auto row = cells_of(lines[k]);
        auto it = scope_of_label.find(row[0]);
        if (it == scope_of_label.end()) continue;  // "Totaal publieke sectoren": no table of the dashboard
        const std::string& scope = it->second;
        auto shown = [](const std::string& cell) { return cell != "x" && cell != "." && !cell.empty(); };
        bool report_this = shown(row[2]) || shown(row[3]), report_last = shown(row[4]) || shown(row[5]);
        EXPECT_EQ(row[2] == "x", row[3] == "x" || row[3] == ".") << year << " " << lines[k];
        auto mine = dashboard_secret.find({year, scope});
        ASSERT_NE(mine, dashboard_secret.end()) << scope;
        EXPECT_EQ(!report_this, mine->second) << year << " " << scope << ": report and dashboard differ";
        ++compared;
        secret_seen += mine->second ? 1 : 0;
        bool last_public = report_last;
        if (auto prev = dashboard_secret.find({year - 1, scope}); prev != dashboard_secret.end()) {
          EXPECT_EQ(!report_last, prev->second) << year - 1 << " " << scope << ": report and dashboard differ";
          last_public = last_public || !prev->second;
          ++compared;
        }
        if (subsectors && shown(row[6])) {
          EXPECT_EQ(report_this, last_public) << year << " " << scope
                                              << ": a published change beside one hidden year gives it away";
        }
      }
    }
  }
  EXPECT_GT(compared, 20) << "the report's tables were not found";
  EXPECT_GT(secret_seen, 0) << "nothing secret: the comparison would prove nothing";
}


}  // namespace
}  // namespace banenmonitor::web
