// `banenmonitor import` prepares the dashboard's answers of the new snapshot
// after it committed (web::PrepareAnswers; docs/dashboard.md "Voorbereiden"), as
// a step of its own on standard error: a `serve` started next answers its first
// data request from WS/cache/snapshot-N.answers, computing nothing; a file that
// cannot be written is said and never fails the import.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "random_delivery.h"
#include "store/workspace_impl.h"
#include "test_util.h"
#include "web/answers.h"
#include "web/server_test_support.h"

namespace banenmonitor::web {
namespace {

namespace fs = std::filesystem;
using banenmonitor::testing::kBinary;
using banenmonitor::testing::RunCommand;
using banenmonitor::testing::TempDir;

void Init(const fs::path& ws) { EXPECT_EQ(RunCommand(kBinary + " init " + ws.string()).exit_code, 0); }
banenmonitor::testing::CommandResult Import(const fs::path& ws, const std::string& extra = "") {
  return RunCommand(kBinary + " import " + ws.string() + " --data " + test::Example().string() + extra);
}

TEST(ImportPreparesAnswers, AServeStartedNextAnswersItsFirstDataRequestFromThem) {
  TempDir tmp;
  const fs::path ws = tmp.path() / "ws";
  Init(ws);
  auto imported = Import(ws);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("Snapshot 1 opgeslagen in"), std::string::npos) << imported.out;
  EXPECT_NE(imported.err.find("Answers for the dashboard prepared in "), std::string::npos) << imported.err;
  EXPECT_EQ(imported.out.find("Answers"), std::string::npos) << "the step is on standard error, not in the output";
  ASSERT_TRUE(fs::is_regular_file(AnswersPath(ws, 1)));
  {
    auto w = Workspace::Open(ws);
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE(AddUser(**store::OpenAccounts(*w), "analist", Role::kAnalyst, "", test::kPassword).ok());
  }

  test::Running r(ws, ServerOptions{});  // serve's defaults, as the import's answers
  auto loaded = r.server->LoadAnswers();
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message();
  EXPECT_EQ(loaded->snapshot, 1);
  EXPECT_GT(loaded->answers, 0u);
  test::Session s = test::Login(r, "analist");
  for (const char* path : {"/api/v1/realisation?year=2023", "/api/v1/snapshots", "/api/v1/trend?scope=total&regime=current"}) {
    EXPECT_EQ(test::Status(r, path, s), 200) << path;
  }
  EXPECT_EQ(r.server->Computed(), 0u) << "answered from the import's file, without loading the snapshot";
}

TEST(ImportPreparesAnswers, AnAnswersFileThatCannotBeWrittenIsSaidAndTheImportStands) {
  TempDir tmp;
  const fs::path ws = tmp.path() / "ws";
  Init(ws);
  // A directory where the file is to go: the rename into place fails.
  fs::create_directories(AnswersPath(ws, 1));
  auto imported = Import(ws, " --json");
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  auto json = nlohmann::json::parse(imported.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << "standard output stays the import's JSON: " << imported.out;
  EXPECT_EQ(json["snapshot"], 1);
  EXPECT_NE(imported.err.find("Note: the answers for the dashboard were prepared in "), std::string::npos)
      << imported.err;
  EXPECT_NE(imported.err.find("cannot write the prepared answers"), std::string::npos) << imported.err;
  auto snapshots = RunCommand(kBinary + " snapshots " + ws.string() + " --json");
  ASSERT_EQ(snapshots.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(snapshots.out).size(), 1u) << "the snapshot stands";
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The import prepares the answers from the tables it built for the column
// cache (ImportOptions::after_commit), not from the store: they are byte for
// byte the answers prepared later from the store, on several years' rows.
TEST(ImportPreparesAnswers, FromTheImportsOwnTablesTheyAreThoseOfTheStore) {
  TempDir tmp, data;
  banenmonitor::testing::RandomDelivery(7, 400).Write(data, nullptr);
  std::ofstream(data.path() / "delivery.csv") << "key,value\nsynthetic,1\ndescription,Testlevering\n";
  const fs::path ws = tmp.path() / "ws";
  Init(ws);
  auto imported = RunCommand(kBinary + " import " + ws.string() + " --data " + data.path().string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  ASSERT_NE(imported.err.find("Answers for the dashboard prepared in "), std::string::npos) << imported.err;
  const std::string from_import = Slurp(AnswersPath(ws, 1));
  ASSERT_GT(from_import.size(), 1000u);
  fs::remove(AnswersPath(ws, 1));
  fs::remove(store::ColumnCachePath(ws, 1));  // read from the rows file, not the import's cache either
  auto again = PrepareAnswers(ws, ServerOptions{});
  ASSERT_TRUE(again.has_value()) << again.error().message();
  EXPECT_GT(again->answers, 0u);
  EXPECT_EQ(Slurp(AnswersPath(ws, 1)), from_import);
}

TEST(ImportPreparesAnswers, TheSameDeliveryAgainPreparesNothing) {
  TempDir tmp;
  const fs::path ws = tmp.path() / "ws";
  Init(ws);
  ASSERT_EQ(Import(ws).exit_code, 0);
  auto again = Import(ws);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("al opgeslagen als snapshot 1"), std::string::npos) << again.out;
  EXPECT_EQ(again.err.find("Answers for the dashboard"), std::string::npos) << again.err;
}

}  // namespace
}  // namespace banenmonitor::web
