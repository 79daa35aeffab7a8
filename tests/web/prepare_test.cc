// The dashboard prepares its figures before the first user (docs/dashboard.md,
// "Voorbereiden"): after Server::Prepare the first page's requests compute
// nothing, also after an upload, and an empty workspace prepares nothing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "web/answers.h"
#include "web/server_test_support.h"

namespace banenmonitor::web {
namespace {

using namespace test;

// What the page (src/web/assets/app.js) asks after an analyst logs in, for the
// latest year of the worked example.
std::vector<std::string> FirstPage(int year) {
  const std::string y = std::to_string(year);
  return {"/api/v1/snapshots",
          "/api/v1/realisation?year=" + y + "&scope=total&level=subsector",
          "/api/v1/realisation?year=" + y + "&window=q4&scope=total&level=sector&regime=current&sroi=0",
          "/api/v1/trend?scope=total&regime=current",
          "/api/v1/quarters?year=" + y + "&scope=total",
          "/api/v1/regions?year=" + y + "&scope=total",
          "/api/v1/scenario?year=" + y + "&scope=total&sroi=0",
          "/api/v1/quality?year=" + y + "&scope=total&level=sector",
          "/api/v1/quotum?year=" + y + "&scope=total&top=25"};
}

TEST(DashboardPrepare, TheFirstPageIsAnsweredFromMemory) {
  Fixture f;
  Running r(f.ws, Open());
  auto prepared = r.server->Prepare();
  ASSERT_TRUE(prepared.has_value()) << prepared.error().message();
  EXPECT_EQ(prepared->snapshot, 1);
  EXPECT_GE(prepared->seconds, 0.0);
  const std::size_t after_prepare = r.server->Computed();
  EXPECT_GT(after_prepare, 1u) << "the snapshot and its figures were computed";
  Session analyst = Login(r, "analist");
  for (const std::string& path : FirstPage(2023)) {
    nlohmann::json j = GetJson(r, path, analyst);
    EXPECT_FALSE(j.is_discarded()) << path;
    EXPECT_EQ(r.server->Computed(), after_prepare) << path << " computed what Prepare should have";
  }
  // Another question is computed at its request, as before (quality per
  // subsector is on a sector user's page, prepared too).
  GetJson(r, "/api/v1/quality?year=2023&scope=total&level=organisation", analyst);
  EXPECT_GT(r.server->Computed(), after_prepare);
}

TEST(DashboardPrepare, AnUploadPreparesTheNewSnapshot) {
  Fixture f;
  Running r(f.ws, Open());
  ASSERT_TRUE(r.server->Prepare().has_value());
  Session admin = Login(r, "beheer");
  httplib::MultipartFormDataItems items;
  for (const char* name : {"employers.csv", "register.csv", "payroll.csv", "hire_in.csv", "targets.csv"}) {
    std::string content = testing::ReadFile(Example() / name);
    if (std::string(name) == "register.csv") content += "999999990,participatiewet,2020-01-01,\n";
    items.push_back({"files", content, name, "text/csv"});
  }
  items.push_back({"label", "tweede levering", "", ""});
  auto c = r.Client();
  auto up = c.Post("/api/v1/upload", admin.Headers(true), items);
  ASSERT_TRUE(up);
  ASSERT_EQ(up->status, 200) << up->body;
  nlohmann::json answer = nlohmann::json::parse(up->body);
  EXPECT_FALSE(answer.contains("prepare_error")) << up->body;
  // Its own step with its own time, and its file for the next start.
  EXPECT_TRUE(answer["answers_seconds"].is_number()) << up->body;
  EXPECT_FALSE(answer.contains("answers_error")) << up->body;
  EXPECT_TRUE(std::filesystem::is_regular_file(AnswersPath(f.ws, answer["snapshot_id"].get<std::int64_t>())));
  const std::size_t after_upload = r.server->Computed();
  Session analyst = Login(r, "analist");
  for (const std::string& path : FirstPage(2023)) {
    nlohmann::json j = GetJson(r, path, analyst);
    if (path.starts_with("/api/v1/realisation")) {
      EXPECT_EQ(j["snapshot"]["id"], answer["snapshot_id"]) << path;
    }
    EXPECT_EQ(r.server->Computed(), after_upload) << path;
  }
}

TEST(DashboardPrepare, AnEmptyWorkspacePreparesNothing) {
  testing::TempDir tmp;
  const auto ws = tmp.path() / "ws";
  ASSERT_TRUE(Workspace::Init(ws, "").ok());
  Running r(ws, Open());
  auto prepared = r.server->Prepare();
  ASSERT_TRUE(prepared.has_value()) << prepared.error().message();
  EXPECT_EQ(prepared->snapshot, 0);
}

}  // namespace
}  // namespace banenmonitor::web
