// The dashboard when it meets other servers and typos (issue 15 items 8, 9,
// 11): a second server on a port in use fails at once; servers on one
// workspace share sessions and login throttling (kept in the store); an
// unknown scope is refused with the nearest valid one.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "common/lang.h"
#include "test_util.h"
#include "web/server_test_support.h"

namespace banenmonitor::web {
namespace {

using namespace test;

// `banenmonitor serve --workspace WS --port 0` as a process of its own; the
// port is read from its first line ("... http://127.0.0.1:PORT/ ...").
class ServeCommand {
 public:
  explicit ServeCommand(const std::filesystem::path& ws) {
    int out[2];
    if (::pipe(out) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      ::close(out[0]);
      ::execl(testing::kBinary.c_str(), testing::kBinary.c_str(), "serve", "--workspace", ws.c_str(), "--port", "0",
              nullptr);
      ::_exit(127);
    }
    ::close(out[1]);
    port_ = testing::ReadServePort(out[0]);
    ::close(out[0]);
  }
  ~ServeCommand() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  int port() const { return port_; }
  httplib::Result Login(const std::string& name, const std::string& password) const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    return PostJson(c, "/api/v1/login", {{"name", name}, {"password", password}});
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

TEST(DashboardReliability, ASecondServerOnAPortInUseFailsAtOnce) {
  Fixture f;
  Running first(f.ws, Open());
  ServerOptions o = Open();
  o.port = first.port;
  auto second = Server::Open(f.ws, o);
  ASSERT_TRUE(second.has_value()) << second.error().message();
  auto bound = (*second)->Bind();
  ASSERT_FALSE(bound.has_value()) << "a second server bound port " << first.port << " (SO_REUSEPORT)";
  EXPECT_EQ(bound.error().message(), fmt::format("port {} is in use; choose another with --port", first.port));
  EXPECT_EQ(Login(first, "analist").me["name"], "analist") << "the first server still serves";
  // The command: at once, non-zero, in Dutch by default.
  auto start = std::chrono::steady_clock::now();
  auto serve = testing::RunCommand(fmt::format("BANENMONITOR_LANG=nl timeout 20 {} serve --workspace {} --port {}",
                                               testing::kBinary, f.ws.string(), first.port));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_NE(serve.exit_code, 0);
  EXPECT_NE(serve.exit_code, 124) << "still serving after 20 s";
  EXPECT_NE(serve.err.find(fmt::format("poort {} is bezet; kies een andere met --port", first.port)),
            std::string::npos)
      << serve.err;
}

// Two `serve` on one workspace share their state through the store: a session
// made at one is valid at the other, and ended there ends it here.
TEST(DashboardReliability, TwoServersOnOneWorkspaceShareSessions) {
  Fixture f;
  Running a(f.ws, Open()), b(f.ws, Open());
  Session s = Login(a, "analist");
  EXPECT_EQ(Status(b, "/api/v1/me", s), 200);
  EXPECT_EQ(Status(a, "/api/v1/realisation?year=2023", s), 200);
  auto c = b.Client();
  auto out = c.Post("/api/v1/logout", s.Headers(true), "", "application/json");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200);
  EXPECT_EQ(Status(b, "/api/v1/me", s), 401);
  // Server a may answer from its session cache for at most two seconds.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(Status(a, "/api/v1/me", s), 401);
}

// Failed logins against one `serve` process count in a second one on the
// same workspace (and after a restart): they are kept in the store.
TEST(DashboardReliability, LoginThrottlingHoldsAcrossServeProcesses) {
  Fixture f;
  ServeCommand first(f.ws), second(f.ws);
  ASSERT_GT(first.port(), 0);
  ASSERT_GT(second.port(), 0);
  for (int i = 0; i < 5; ++i) {  // the default: 5 failures per user name
    auto res = first.Login("analist", "wrong password!!");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
  }
  auto blocked = second.Login("analist", kPassword);
  ASSERT_TRUE(blocked);
  EXPECT_EQ(blocked->status, 429) << blocked->body;
  EXPECT_FALSE(blocked->get_header_value("Retry-After").empty());
  auto other = second.Login("vng", kPassword);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200) << "another user name is not throttled";
  ServeCommand restarted(f.ws);
  auto after = restarted.Login("analist", kPassword);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 429) << "a restart forgets no failure";
}

std::string ErrorOf(const Running& r, const std::string& path, const Session& s, int* status) {
  auto c = r.Client();
  auto res = c.Get(path.c_str(), s.Headers());
  *status = res ? res->status : -1;
  if (!res) return "";
  nlohmann::json j = nlohmann::json::parse(res->body, nullptr, false);
  return j.is_object() && j.contains("error") ? j["error"].get<std::string>() : res->body.substr(0, 200);
}

TEST(DashboardReliability, AnUnknownScopeIsRefusedWithTheNearestOne) {
  Fixture f;
  Running r(f.ws, Open());
  Session analyst = Login(r, "analist");
  for (const auto& endpoint : kScopedEndpoints) {
    int status = 0;
    std::string error = ErrorOf(r, endpoint + "&scope=subsector:gemente", analyst, &status);
    EXPECT_EQ(status, 400) << endpoint;
    EXPECT_EQ(error, "scope: unknown scope 'subsector:gemente'; did you mean subsector:gemeenten?") << endpoint;
    error = ErrorOf(r, endpoint + "&scope=organisation:BZKK", analyst, &status);
    EXPECT_EQ(status, 400) << endpoint;
    EXPECT_EQ(error, "scope: unknown scope 'organisation:BZKK'; did you mean organisation:BZK?") << endpoint;
    EXPECT_EQ(Status(r, endpoint + "&scope=subsector:gemeenten", analyst), 200) << endpoint;
  }
  // A code of the data contract without employers in this snapshot: not found.
  EXPECT_EQ(Status(r, "/api/v1/realisation?year=2023&scope=subsector:umc", analyst), 404);
  // A sector user is offered only what it may see, and other scopes stay 403 (no probing).
  Session vng = Login(r, "vng");
  int status = 0;
  std::string error = ErrorOf(r, "/api/v1/realisation?year=2023&scope=gemeenten", vng, &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(error, "scope: unknown scope 'gemeenten'; did you mean subsector:gemeenten?");
  error = ErrorOf(r, "/api/v1/realisation?year=2023&scope=rijk", vng, &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(error.find("subsector:rijk"), std::string::npos) << error;
  EXPECT_EQ(Status(r, "/api/v1/realisation?year=2023&scope=subsector:rjk", vng), 403);
  EXPECT_EQ(Status(r, "/api/v1/realisation?year=2023&scope=subsector:rijk", vng), 403);
}

TEST(DashboardReliability, ApiMessagesAreDutchByDefault) {
  Fixture f;
  Language before = MessageLanguage();
  SetMessageLanguage(Language::kDutch);
  {
    Running r(f.ws, Open());
    Session analyst = Login(r, "analist");
    int status = 0;
    EXPECT_EQ(ErrorOf(r, "/api/v1/realisation?year=2023&scope=subsector:gemente", analyst, &status),
              "scope: onbekende scope 'subsector:gemente'; bedoelt u subsector:gemeenten?");
    EXPECT_EQ(ErrorOf(r, "/api/v1/realisation?year=20x3", analyst, &status),
              "year: verwacht een jaartal, bijvoorbeeld 2024.");
    auto c = r.Client();
    auto wrong = PostJson(c, "/api/v1/login", {{"name", "analist"}, {"password", "wrong password!!"}});
    ASSERT_TRUE(wrong);
    EXPECT_EQ(nlohmann::json::parse(wrong->body)["error"], "Onjuiste gebruikersnaam of wachtwoord.");
  }
  SetMessageLanguage(Language::kEnglish);
  {
    Running r(f.ws, Open());
    auto c = r.Client();
    auto wrong = PostJson(c, "/api/v1/login", {{"name", "analist"}, {"password", "wrong password!!"}});
    ASSERT_TRUE(wrong);
    EXPECT_EQ(nlohmann::json::parse(wrong->body)["error"], "Wrong user name or password.");
  }
  SetMessageLanguage(before);
}

}  // namespace
}  // namespace banenmonitor::web
