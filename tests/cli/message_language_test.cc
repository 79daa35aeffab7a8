// The language of what the program says (issue 15 item 7): Dutch by default,
// English with `--lang en` or BANENMONITOR_LANG=en, for messages and --help alike.
#include <gtest/gtest.h>

#include "test_util.h"

namespace banenmonitor {
namespace {

using testing::ReadFile;

const std::filesystem::path kExampleDelivery =
    std::filesystem::path(BANENMONITOR_TEST_DIR) / ".." / "examples" / "delivery";

// The program with BANENMONITOR_LANG as given ("" = unset: the default language).
testing::CommandResult RunIn(const std::string& env_lang, const std::string& args) {
  std::string env = env_lang.empty() ? "env -u BANENMONITOR_LANG " : "env BANENMONITOR_LANG=" + env_lang + " ";
  return testing::RunCommand(env + testing::kBinary + " " + args);
}

class CountWithAnInvalidRow : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* f : {"employers.csv", "register.csv", "payroll.csv", "hire_in.csv", "targets.csv"}) {
      dir_.Write(f, ReadFile(kExampleDelivery / f));
    }
    dir_.Write("payroll.csv", ReadFile(kExampleDelivery / "payroll.csv") + "999900018,100000001L01,2023-12,abc,,\n");
  }
  std::string Args(const std::string& before = "") const {
    return before + "count --data " + dir_.path().string() + " --year 2023";
  }
  testing::TempDir dir_;
};

TEST_F(CountWithAnInvalidRow, SaysWhatToDoInDutchByDefault) {
  auto r = RunIn("", Args());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("1 fout in totaal:"), std::string::npos) << r.err;
  EXPECT_NE(
      r.err.find("Er is niets geteld: de levering voldoet niet aan het gegevenscontract (zie hierboven). "
                 "Verbeter de bestanden, of tel opnieuw met --skip-invalid om zonder de ongeldige rijen te tellen."),
      std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("Nothing was counted"), std::string::npos) << r.err;
}

TEST_F(CountWithAnInvalidRow, SaysItInEnglishWithLangEn) {
  for (const auto& [env, before] :
       {std::pair<std::string, std::string>{"", "--lang en "}, {"nl", "--lang en "}, {"en", ""}}) {
    auto r = RunIn(env, Args(before));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("1 error in all:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Nothing was counted: the delivery breaks the data contract (see above). Correct the files, "
                         "or run again with --skip-invalid to count without the invalid rows."),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("Er is niets geteld"), std::string::npos) << r.err;
  }
}

TEST_F(CountWithAnInvalidRow, LangNlOverridesTheEnvironment) {
  auto r = RunIn("en", Args("--lang nl "));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Er is niets geteld"), std::string::npos) << r.err;
}

TEST(Help, TopLevelHelpIsDutchByDefaultAndEnglishOnRequest) {
  auto nl = RunIn("", "--help");
  EXPECT_EQ(nl.exit_code, 0);
  for (const char* expected : {"Gebruik:", "Opties:", "Opdrachten:", "Toon deze hulptekst en stop",
                               "Tel banen van 25,5 uur per scope", "Begin met: banenmonitor demo"}) {
    EXPECT_NE(nl.out.find(expected), std::string::npos) << expected << "\n" << nl.out;
  }
  auto en = RunIn("", "--lang en --help");
  EXPECT_EQ(en.exit_code, 0);
  for (const char* expected : {"Usage:", "Options:", "Subcommands:", "Print this help message and exit",
                               "Count jobs of 25.5 hours per scope", "Start with: banenmonitor demo"}) {
    EXPECT_NE(en.out.find(expected), std::string::npos) << expected << "\n" << en.out;
  }
  EXPECT_EQ(en.out.find("Gebruik:"), std::string::npos) << en.out;
}

TEST(Help, EveryCommandsHelpIsDutchByDefault) {
  // One phrase of each command's own options: the text of the option, not only CLI11's labels.
  const std::pair<const char*, const char*> commands[] = {
      {"count", "Te tellen jaar"},
      {"demo", "Omvang van het synthetische Nederland"},
      {"import", "Map van de levering"},
      {"init", "Map van de nieuwe werkruimte"},
      {"snapshots", "Als JSON, met de hashes van de bestanden"},
      {"diff", "De eerdere snapshot"},
      {"rekey", "Map van de werkruimte"},
      {"generate", "Map waarin de levering wordt geschreven"},
      {"quotum", "Quotumjaar J"},
      {"report", "Eerste jaar van de trends"},
      {"scenario", "Beide regimes naast elkaar"},
      {"project", "Laatste jaar van de projectie"},
      {"quality", "Bereken zonder de ongeldige rijen"},
      {"serve", "Uren dat een login geldig blijft"},
      {"user add", "Gebruikersnaam"},
  };
  for (const auto& [command, phrase] : commands) {
    auto nl = RunIn("", std::string(command) + " --help");
    EXPECT_EQ(nl.exit_code, 0) << command;
    EXPECT_NE(nl.out.find(phrase), std::string::npos) << command << "\n" << nl.out;
    EXPECT_NE(nl.out.find("Gebruik:"), std::string::npos) << command << "\n" << nl.out;
    EXPECT_EQ(nl.out.find("Options:"), std::string::npos) << command << "\n" << nl.out;
    auto en = RunIn("en", std::string(command) + " --help");
    EXPECT_EQ(en.out.find(phrase), std::string::npos) << command << "\n" << en.out;
    EXPECT_NE(en.out.find("Usage:"), std::string::npos) << command << "\n" << en.out;
  }
}

}  // namespace
}  // namespace banenmonitor
