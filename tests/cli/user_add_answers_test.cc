// `banenmonitor user add` of a sector user prepares that scope's dashboard
// answers (cli/dashboard_answers.h), so that the first login after `serve`
// starts is answered from them; the answers already there are kept.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace banenmonitor {
namespace {

using testing::kBinary;
using testing::kExample;
using testing::RunCommand;
using testing::TempDir;

// The principals line of a snapshot's answers file (web/answers.h: a header line, then the key and principals).
nlohmann::json AnswersPrincipals(const std::string& ws) {
  std::ifstream in(ws + "/cache/snapshot-1.answers");
  std::string header, head;
  std::getline(in, header);
  std::getline(in, head);
  return nlohmann::json::parse(head, nullptr, false).value("principals", nlohmann::json::array());
}

TEST(UserAddAnswers, ASectorUserAddedAfterTheImportHasItsAnswersPrepared) {
  TempDir root;
  const std::string ws = (root.path() / "ws").string();
  ASSERT_EQ(RunCommand(kBinary + " init " + ws).exit_code, 0);
  ASSERT_EQ(RunCommand(kBinary + " import " + ws + " --data " + kExample.string()).exit_code, 0);
  EXPECT_EQ(AnswersPrincipals(ws), nlohmann::json::array({"analyst|"})) << "the import prepares the analyst's";
  auto add = RunCommand("echo 'een wachtwoord van lengte' | " + kBinary + " user add " + ws +
                        " vng --role sector --scope subsector:gemeenten --password-stdin");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.err.find("prepared in"), std::string::npos) << add.err;
  EXPECT_EQ(AnswersPrincipals(ws), nlohmann::json::array({"analyst|", "sector|subsector:gemeenten"}));
  // An analyst's page is the same for every analyst: nothing to prepare, nothing said.
  auto analyst = RunCommand("echo 'een wachtwoord van lengte' | " + kBinary + " user add " + ws +
                            " ana --role analyst --password-stdin");
  ASSERT_EQ(analyst.exit_code, 0) << analyst.err;
  EXPECT_EQ(analyst.err.find("prepared in"), std::string::npos) << analyst.err;
}

}  // namespace
}  // namespace banenmonitor
