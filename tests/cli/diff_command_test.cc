// banenmonitor diff: the change per scope is counted by the engine with the
// parameters of --params (it used the built-in ones whatever --params said).
#include <gtest/gtest.h>

#include <regex>

#include "test_util.h"

namespace banenmonitor {
namespace {

using testing::RunCommand;
using testing::TempDir;

const std::filesystem::path kParameters =
    std::filesystem::path(BANENMONITOR_TEST_DIR) / ".." / "src" / "params" / "parameters.toml";

// The worked example imported once into a new workspace (snapshot 1).
void WorkspaceWithExample(const TempDir& ws) {
  auto init = RunCommand(testing::kBinary + " init " + (ws.path() / "ws").string());
  ASSERT_EQ(init.exit_code, 0) << init.err;
  auto import = RunCommand(testing::kBinary + " import " + (ws.path() / "ws").string() + " --data " +
                           testing::kExample.string());
  ASSERT_EQ(import.exit_code, 0) << import.err;
}

TEST(DiffCommand, CountsWithTheParametersOfParams) {
  TempDir dir;
  WorkspaceWithExample(dir);
  // The built-in file with half the hours per job year: every job count doubles.
  std::string text = testing::ReadFile(kParameters);
  text = std::regex_replace(text, std::regex("version = \"[^\"]*\""), "version = \"test-half-hours\"");
  const std::string entry = "name = \"hours_per_job_year\"\nvalue = 1331\n";
  const std::size_t at = text.find(entry);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, entry.size(), "name = \"hours_per_job_year\"\nvalue = 665.5\n");
  dir.Write("half.toml", text);
  const std::string diff = " diff " + (dir.path() / "ws").string() + " 1 1 --year 2023 --by sector";

  auto built_in = RunCommand(testing::kBinary + diff);
  ASSERT_EQ(built_in.exit_code, 0) << built_in.err;
  auto half = RunCommand(testing::kBinary + " --params " + (dir.path() / "half.toml").string() + diff);
  ASSERT_EQ(half.exit_code, 0) << half.err;
  // 650 h in Q4 2023: 650 / 332.75 = 1.95 jobs; with 665.5 h a year 650 / 166.375 = 3.91.
  EXPECT_TRUE(std::regex_search(built_in.out, std::regex("1,95 +1,95 +0,00"))) << built_in.out;
  EXPECT_TRUE(std::regex_search(half.out, std::regex("3,91 +3,91 +0,00"))) << half.out;
  EXPECT_NE(half.out.find("parameters test-half-hours"), std::string::npos) << half.out;
}

}  // namespace
}  // namespace banenmonitor
