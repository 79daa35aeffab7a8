// The prepared answers of the dashboard's first pages (web/answers.h,
// docs/dashboard.md "Voorbereiden"): a restarted server answers them from
// WS/cache/snapshot-N.answers byte for byte as it computed them, before it
// loads the snapshot; a damaged or stale file is ignored; a sector user gets
// only its own scope's answers, and the file holds no admin view.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "web/answers.h"
#include "web/server_test_support.h"

namespace banenmonitor::web {
namespace {

using namespace test;

// What the page (src/web/assets/app.js, showDashboard) asks for `scope` in 2023,
// the latest year of the worked example; `scopes` is its scope list's request.
std::vector<std::string> PageOf(const std::string& scope, const std::string& level, const std::string& quality,
                                const std::string& scopes) {
  return {"/api/v1/snapshots",
          "/api/v1/realisation?year=2023&" + scopes,
          "/api/v1/realisation?year=2023&window=q4&scope=" + scope + "&level=" + level + "&regime=current&sroi=0",
          "/api/v1/trend?scope=" + scope + "&regime=current",
          "/api/v1/chart/trend.svg?scope=" + scope + "&regime=current",
          "/api/v1/quarters?year=2023&scope=" + scope,
          "/api/v1/regions?year=2023&scope=" + scope,
          "/api/v1/scenario?year=2023&scope=" + scope + "&sroi=0",
          "/api/v1/quality?year=2023&scope=" + scope + "&level=" + quality,
          "/api/v1/quotum?year=2023&scope=" + scope + "&top=25"};
}
const std::vector<std::string> kAnalystPage = PageOf("total", "sector", "sector", "scope=total&level=subsector");
const std::vector<std::string> kVngPage =
    PageOf("subsector:gemeenten", "employer", "subsector", "scope=subsector:gemeenten&level=organisation");

// The bodies of `paths` as `user` gets them (status and content type with them).
std::map<std::string, std::string> Bodies(const Running& r, const std::string& user, const std::vector<std::string>& paths) {
  Session s = Login(r, user);
  std::map<std::string, std::string> out;
  auto c = r.Client();
  for (const auto& path : paths) {
    auto res = c.Get(path.c_str(), s.Headers());
    EXPECT_TRUE(res) << path;
    if (res) out[path] = fmt::format("{} {}\n{}", res->status, res->get_header_value("Content-Type"), res->body);
  }
  return out;
}

struct Before {
  std::map<std::string, std::string> analyst, vng;
};

// The first pages as a server that prepared them answers them (and writes the file).
Before PrepareAndAnswer(const Fixture& f) {
  Running r(f.ws, Open());
  auto prepared = r.server->Prepare();
  EXPECT_TRUE(prepared.has_value());
  if (prepared) {
    EXPECT_GT(prepared->answers, kAnalystPage.size()) << "the analyst's and the sector users' pages";
    EXPECT_EQ(prepared->answers_error, "");
  }
  return {Bodies(r, "analist", kAnalystPage), Bodies(r, "vng", kVngPage)};
}

TEST(PreparedAnswers, ARestartAnswersTheFirstPagesAtOnceAndByteForByte) {
  Fixture f;
  const Before before = PrepareAndAnswer(f);
  EXPECT_TRUE(std::filesystem::exists(AnswersPath(f.ws, 1)));
  Running r(f.ws, Open());
  auto loaded = r.server->LoadAnswers();
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message();
  EXPECT_EQ(loaded->snapshot, 1);
  EXPECT_GT(loaded->answers, 0u);
  EXPECT_EQ(Bodies(r, "analist", kAnalystPage), before.analyst);
  EXPECT_EQ(Bodies(r, "vng", kVngPage), before.vng);
  EXPECT_EQ(r.server->Computed(), 0u) << "answered without loading the snapshot";
  // A request without the parameters the page sends finds the same answer (the route's defaults).
  EXPECT_EQ(Bodies(r, "analist", {"/api/v1/realisation?year=2023"}).begin()->second,
            before.analyst.at("/api/v1/realisation?year=2023&window=q4&scope=total&level=sector&regime=current&sroi=0"));
  EXPECT_EQ(r.server->Computed(), 0u);
  // Another question is computed as before.
  GetJson(r, "/api/v1/quality?year=2023&scope=total&level=subsector", Login(r, "analist"));
  EXPECT_GT(r.server->Computed(), 0u);
}

TEST(PreparedAnswers, ADamagedOrStaleFileIsIgnored) {
  Fixture f;
  const Before before = PrepareAndAnswer(f);
  const auto file = AnswersPath(f.ws, 1);
  const std::string good = testing::ReadFile(file);
  {
    std::string bad = good;
    bad[bad.size() / 2] ^= 0x01;
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bad;
    Running r(f.ws, Open());
    auto loaded = r.server->LoadAnswers();
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->snapshot, 0) << "a damaged file is not read";
    EXPECT_EQ(Bodies(r, "analist", kAnalystPage), before.analyst) << "computed again, the same";
    EXPECT_GT(r.server->Computed(), 0u);
  }
  {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << good.substr(0, good.size() - 10);
    Running r(f.ws, Open());
    EXPECT_EQ(r.server->LoadAnswers()->snapshot, 0) << "a cut file is not read";
  }
  std::ofstream(file, std::ios::binary | std::ios::trunc) << good;
  {
    Running r(f.ws, Open(/*min_persons=*/2));
    EXPECT_EQ(r.server->LoadAnswers()->snapshot, 0) << "answers of another disclosure threshold";
  }
  {
    auto ws = Workspace::Open(f.ws);
    ASSERT_TRUE(ws.has_value());
    ImportOptions options;
    options.label = "nog een levering";
    std::filesystem::path copy = f.tmp.path() / "second";
    std::filesystem::copy(Example(), copy);
    std::ofstream(copy / "register.csv", std::ios::app) << "999999990,participatiewet,2020-01-01,\n";
    auto imported = ws->Import(copy, options);
    ASSERT_TRUE(imported.has_value() && imported->snapshot_id == 2);
    Running r(f.ws, Open());
    EXPECT_EQ(r.server->LoadAnswers()->snapshot, 0) << "snapshot 1's answers after snapshot 2 came";
  }
}

TEST(PreparedAnswers, ASectorUserGetsOnlyItsOwnScopesAnswers) {
  Fixture f;
  const Before before = PrepareAndAnswer(f);
  Running r(f.ws, Open());
  ASSERT_EQ(r.server->LoadAnswers()->snapshot, 1);
  Session rijk = Login(r, "rijk");
  for (const std::string& path : kVngPage) {
    if (path == "/api/v1/snapshots") continue;
    EXPECT_EQ(Status(r, path, rijk), 403) << path << ": the other sector's prepared answer";
  }
  // Its own default scope is its own, prepared or not.
  nlohmann::json own = GetJson(r, "/api/v1/realisation?year=2023", rijk);
  EXPECT_EQ(own["scope"], "subsector:rijk");
  // An admin sees the figures without disclosure control: never from the prepared answers.
  nlohmann::json admin = GetJson(r, "/api/v1/realisation?year=2023&scope=total&level=subsector", Login(r, "beheer"));
  EXPECT_EQ(admin["disclosure_control"], false);
  const std::string file = testing::ReadFile(AnswersPath(f.ws, 1));
  EXPECT_EQ(file.find("\"disclosure_control\":false"), std::string::npos) << "no admin view in the file";
  // No person's number (the register's first column) is in it.
  std::ifstream reg(Example() / "register.csv");
  std::string line;
  std::getline(reg, line);
  while (std::getline(reg, line)) {
    const std::string person = line.substr(0, line.find(','));
    EXPECT_EQ(file.find(person), std::string::npos) << person;
  }
}

}  // namespace
}  // namespace banenmonitor::web
