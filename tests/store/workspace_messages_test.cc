// Messages of the workspace and the parameter file in the language of
// MessageLanguage() (issue 15 item 7): Dutch by default, English on request.
#include <gtest/gtest.h>

#include "banenmonitor/params.h"
#include "banenmonitor/workspace.h"
#include "common/lang.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

// Sets the language for one test and restores English (the suite's language) after it.
class InDutch : public ::testing::Test {
 protected:
  void SetUp() override { SetMessageLanguage(Language::kDutch); }
  void TearDown() override { SetMessageLanguage(Language::kEnglish); }
};

TEST_F(InDutch, OpeningADirectoryThatIsNoWorkspaceSaysHowToMakeOne) {
  testing::TempDir dir;
  auto ws = Workspace::Open(dir.path());
  ASSERT_FALSE(ws.has_value());
  EXPECT_EQ(ws.error().message(), dir.path().string() +
                                      ": geen werkruimte (geen workspace.toml; maak er een met: "
                                      "banenmonitor init " +
                                      dir.path().string() + ")");
  SetMessageLanguage(Language::kEnglish);
  auto en = Workspace::Open(dir.path());
  ASSERT_FALSE(en.has_value());
  EXPECT_EQ(en.error().message(), dir.path().string() +
                                      ": not a workspace (no workspace.toml; create one with: "
                                      "banenmonitor init " +
                                      dir.path().string() + ")");
}

TEST_F(InDutch, AParameterFileWithoutVersionSaysWhatIsExpected) {
  auto set = ParameterSet::FromText("[[parameter]]\nname = \"x\"\n", "p.toml");
  ASSERT_FALSE(set.has_value());
  EXPECT_NE(set.error().message().find("het bestand heeft geen version = \"...\" (verwacht een versietekst)"),
            std::string::npos)
      << set.error().message();
}

}  // namespace
}  // namespace banenmonitor
