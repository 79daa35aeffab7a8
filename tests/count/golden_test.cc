// The worked example of counting.md §5: the five expected files, through the
// engine and through the command line, byte for byte.
#include <gtest/gtest.h>

#include "test_util.h"

namespace banenmonitor {
namespace {

using testing::ReadFile;

using banenmonitor::testing::kExample;

struct Golden {
  const char* file;
  const char* window;
  const char* level;
};

void PrintTo(const Golden& g, std::ostream* os) { *os << g.file; }

class WorkedExample : public ::testing::TestWithParam<Golden> {};

TEST_P(WorkedExample, EngineReproducesExpectedFile) {
  const Golden& g = GetParam();
  std::string csv = testing::CountCsv(kExample, 2023, *ParseWindow(g.window), *ParseScopeLevel(g.level));
  EXPECT_EQ(csv, ReadFile(kExample / g.file));
}

TEST_P(WorkedExample, CommandReproducesExpectedFile) {
  const Golden& g = GetParam();
  auto r = testing::RunCommand(std::string(BANENMONITOR_BINARY) + " count --data " + kExample.string() +
                               " --year 2023 --window " + g.window + " --by " + g.level + " --format csv");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, ReadFile(kExample / g.file));
}

INSTANTIATE_TEST_SUITE_P(Example2023, WorkedExample,
                         ::testing::Values(Golden{"expected-2023-q4-sector.csv", "q4", "sector"},
                                           Golden{"expected-2023-q4-subsector.csv", "q4", "subsector"},
                                           Golden{"expected-2023-q4-organisation.csv", "q4", "organisation"},
                                           Golden{"expected-2023-q4-employer.csv", "q4", "employer"},
                                           Golden{"expected-2023-year-sector.csv", "year", "sector"}),
                         [](const auto& info) {
                           return std::string(info.param.window) + "_" + info.param.level;
                         });

TEST(WorkedExample, JsonCarriesTheSameFiguresAndProvenance) {
  auto r = testing::RunCommand(std::string(BANENMONITOR_BINARY) + " count --data " + kExample.string() +
                               " --year 2023 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["rows"][0]["scope"], "total");
  EXPECT_DOUBLE_EQ(j["rows"][0]["jobs"].get<double>(), 1.95);
  EXPECT_EQ(j["rows"][1]["scope"], "government");
  EXPECT_DOUBLE_EQ(j["rows"][1]["realisation_pct"].get<double>(), 48.6);
  EXPECT_TRUE(j["rows"][2]["realisation_pct"].is_null());
  EXPECT_EQ(j["provenance"]["files"].size(), 5u);
  EXPECT_EQ(j["provenance"]["files"][0]["sha256"].get<std::string>().size(), 64u);
}

TEST(WorkedExample, TableIsDutchAndSaysWhatWasCounted) {
  auto r = testing::RunCommand(std::string(BANENMONITOR_BINARY) + " count --data " + kExample.string() +
                               " --year 2023 --by subsector");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Gemeenten"), std::string::npos);
  EXPECT_NE(r.out.find("43,6 %"), std::string::npos);
  EXPECT_NE(r.out.find("332,75"), std::string::npos);
  EXPECT_NE(r.out.find("payroll.csv 12 rijen"), std::string::npos);
}

TEST(WorkedExample, SameInputGivesIdenticalBytes) {
  std::string cmd = std::string(BANENMONITOR_BINARY) + " count --data " + kExample.string() + " --year 2023 --format json";
  EXPECT_EQ(testing::RunCommand(cmd).out, testing::RunCommand(cmd).out);
}

}  // namespace
}  // namespace banenmonitor
