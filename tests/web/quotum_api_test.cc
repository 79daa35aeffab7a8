// GET /api/v1/quotum with `top` (docs/dashboard.md): the page's quotum table
// asks the server for the 25 employers with the highest levy instead of
// fetching every employer (6 MB at scale 1) and choosing in the browser. The
// server's choice must be the one the page made: highest levy shown first (a
// hidden levy counts as none, so the order reveals nothing hidden), then the
// most required jobs, then the employer number.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "banenmonitor/workspace.h"
#include "store/accounts.h"
#include "test_util.h"
#include "web/auth.h"
#include "web/server_test_support.h"

namespace banenmonitor::web {
namespace {

using J = nlohmann::json;
using namespace test;

double Or0(const J& v) { return v.is_null() ? 0.0 : v.get<double>(); }

// The rows of a full answer in the page's order (what app.js did before `top`).
std::vector<J> InPageOrder(const J& full) {
  std::vector<J> rows(full["rows"].begin(), full["rows"].end());
  std::stable_sort(rows.begin(), rows.end(), [](const J& a, const J& b) {
    if (Or0(a["levy_eur"]) != Or0(b["levy_eur"])) return Or0(a["levy_eur"]) > Or0(b["levy_eur"]);
    if (Or0(a["required_jobs"]) != Or0(b["required_jobs"])) return Or0(a["required_jobs"]) > Or0(b["required_jobs"]);
    return a["employer_id"].get<std::string>() < b["employer_id"].get<std::string>();
  });
  return rows;
}

// A generated delivery (58 employers, 2021-2023: computed levies) in a
// workspace with an analyst and an admin.
struct GeneratedWorkspace {
  testing::TempDir tmp;
  std::filesystem::path data = tmp.path() / "levering";
  std::filesystem::path ws = tmp.path() / "ws";
  bool ok = false;
  GeneratedWorkspace() {
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
         AddUser(**store::OpenAccounts(*w), "beheer", Role::kAdmin, "", kPassword).ok();
  }
};

// How many rows of a full answer show a levy above zero.
int WithLevy(const J& full) {
  int n = 0;
  for (const auto& row : full["rows"]) n += Or0(row["levy_eur"]) > 0 ? 1 : 0;
  return n;
}

void ExpectTopIsThePagesChoice(const Running& r, const Session& s, const std::string& scope) {
  const std::string base = "/api/v1/quotum?year=2023&scope=" + scope;
  J full = GetJson(r, base, s);
  ASSERT_TRUE(full["rows"].is_array()) << full.dump();
  const std::size_t n = full["rows"].size();
  ASSERT_GT(n, 1u) << "the worked example has several employers in " << scope;
  EXPECT_EQ(full["employers"], n);
  EXPECT_TRUE(full["top"].is_null());
  const std::vector<J> ordered = InPageOrder(full);
  for (std::size_t top = 1; top <= n + 1; ++top) {
    J part = GetJson(r, base + "&top=" + std::to_string(top), s);
    EXPECT_EQ(part["employers"], n) << top;
    EXPECT_EQ(part["top"], top);
    ASSERT_EQ(part["rows"].size(), std::min(top, n)) << top;
    for (std::size_t i = 0; i < part["rows"].size(); ++i) {
      EXPECT_EQ(part["rows"][i], ordered[i]) << scope << " top=" << top << " row " << i;
    }
  }
}

TEST(DashboardQuotum, TopGivesTheEmployersWithTheHighestLevyAsThePageChoseThem) {
  GeneratedWorkspace g;
  ASSERT_TRUE(g.ok);
  Running r(g.ws, Open());
  Session admin = Login(r, "beheer");
  EXPECT_GE(WithLevy(GetJson(r, "/api/v1/quotum?year=2023&scope=total", admin)), 2)
      << "levies to order by: the test would not see a wrong order without them";
  ExpectTopIsThePagesChoice(r, admin, "total");
  ExpectTopIsThePagesChoice(r, admin, "government");
  Session analyst = Login(r, "analist");
  ExpectTopIsThePagesChoice(r, analyst, "total");
}

TEST(DashboardQuotum, AHiddenLevyDoesNotOrderTheTop) {
  GeneratedWorkspace g;
  ASSERT_TRUE(g.ok);
  Running r(g.ws, Open(10));  // disclosure control: small employers' levies hidden from the analyst
  Session analyst = Login(r, "analist");
  Session admin = Login(r, "beheer");
  J seen = GetJson(r, "/api/v1/quotum?year=2023&scope=total", analyst);
  J all = GetJson(r, "/api/v1/quotum?year=2023&scope=total", admin);
  int hidden_with_levy = 0;
  for (std::size_t i = 0; i < seen["rows"].size(); ++i) {
    if (!seen["rows"][i]["secret"].get<bool>()) continue;
    EXPECT_TRUE(seen["rows"][i]["levy_eur"].is_null()) << seen["rows"][i].dump();
    hidden_with_levy += Or0(all["rows"][i]["levy_eur"]) > 0 ? 1 : 0;
  }
  EXPECT_GE(hidden_with_levy, 1) << "a hidden levy that a leaking order would show";
  // The order is the page's on what the analyst sees (hidden levies as none).
  ExpectTopIsThePagesChoice(r, analyst, "total");
}

TEST(DashboardQuotum, ABadTopIsRefusedWithAMessage) {
  Fixture f;
  Running r(f.ws, Open());
  Session analyst = Login(r, "analist");
  for (const char* top : {"0", "-1", "abc", "10001", "2.5", "999999"}) {
    auto c = r.Client();
    auto res = c.Get(("/api/v1/quotum?year=2023&scope=total&top=" + std::string(top)).c_str(), analyst.Headers());
    ASSERT_TRUE(res) << top;
    EXPECT_EQ(res->status, 400) << top << ": " << res->body;
    EXPECT_NE(res->body.find("top"), std::string::npos) << res->body;
  }
  EXPECT_EQ(Status(r, "/api/v1/quotum?year=2023&scope=total&top=10000", analyst), 200);
}

}  // namespace
}  // namespace banenmonitor::web
