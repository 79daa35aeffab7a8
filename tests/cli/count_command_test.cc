// The count command on bad input: clear messages, exit code 2, never a crash.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "data/sha256.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

using testing::ReadFile;

using banenmonitor::testing::kExample;

class BadDelivery : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* f : {"employers.csv", "register.csv", "payroll.csv", "hire_in.csv", "targets.csv"}) {
      dir_.Write(f, ReadFile(kExample / f));
    }
  }
  testing::CommandResult Count(const std::string& extra = "") {
    return testing::RunCommand(std::string(BANENMONITOR_BINARY) + " count --data " + dir_.path().string() +
                               " --year 2023 --format csv " + extra);
  }
  void Append(const std::string& file, const std::string& text) {
    dir_.Write(file, ReadFile(dir_.path() / file) + text);
  }
  testing::TempDir dir_;
};

TEST_F(BadDelivery, EveryMalformedValueIsReportedWithFileLineColumn) {
  Append("payroll.csv",
         "999900018,100000001L01,2023-13,10,permanent,0\n"   // line 14: bad period
         "999900018,100000009L01,2023-12,-3,permanent,0\n"   // line 15: unknown employer, negative hours
         "999900018,100000001L01,2023-12,abc,,\n");          // line 16: not a number
  Append("register.csv", "999900031,wajong,2023-02-30,\n");  // line 7: no such date
  Append("employers.csv", "12345678L01,Te kort,market,,,none\n");  // line 7
  auto r = Count();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");  // nothing counted
  for (const char* expected : {"payroll.csv:14:3: period: '2023-13'", "payroll.csv:15:2: employer_id: '100000009L01' is not in employers.csv",
                               "payroll.csv:15:4: hours: '-3' is negative", "payroll.csv:16:4: hours: 'abc' is not a number",
                               "register.csv:7:3: start_date: '2023-02-30' is not a date",
                               "employers.csv:7:1: employer_id: '12345678L01' is not a loonheffingennummer"}) {
    EXPECT_NE(r.err.find(expected), std::string::npos) << expected << "\n" << r.err;
  }
}

TEST_F(BadDelivery, InvalidBsnIsReportedWithoutShowingIt) {
  Append("payroll.csv", "999900019,100000001L01,2023-12,10,,\n");
  auto r = Count();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("payroll.csv:14:1: person_id: 9 digits that fail the elfproef"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("999900019"), std::string::npos);
}

TEST_F(BadDelivery, WrongHeaderIsOneClearMessage) {
  dir_.Write("payroll.csv", "person,employer_id,period,hours\n999900018,100000001L01,2023-12,10\n");
  auto r = Count();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("payroll.csv:1: the header lacks the column person_id"), std::string::npos) << r.err;
}

TEST_F(BadDelivery, MissingRequiredFileIsOneClearMessage) {
  std::filesystem::remove(dir_.path() / "register.csv");
  auto r = Count("--skip-invalid");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("register.csv: required file is missing"), std::string::npos) << r.err;
}

TEST_F(BadDelivery, SkipInvalidCountsTheValidRowsAndListsTheRest) {
  Append("payroll.csv", "999900018,100000001L01,2023-12,abc,,\n");
  auto r = Count("--skip-invalid");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, ReadFile(kExample / "expected-2023-q4-sector.csv"));
  EXPECT_NE(r.err.find("payroll.csv:14:4"), std::string::npos);
}

TEST_F(BadDelivery, ManyErrorsListFiftyThenCountPerKind) {
  std::string rows;
  for (int i = 0; i < 120; ++i) rows += "999900018,100000001L01,2023-12,x,,\n";
  for (int i = 0; i < 10; ++i) rows += "999900018,100000001L01,2023-12,1,,7\n";
  Append("payroll.csv", rows);
  auto r = Count();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 50 + 1 + 2 + 1);  // 50 listed, summary, 2 kinds, advice
  EXPECT_NE(r.err.find("130 errors in all"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad-number"), std::string::npos);
  EXPECT_NE(r.err.find("bad-flag"), std::string::npos);
}

TEST_F(BadDelivery, QuotingFaultsAndFieldCounts) {
  Append("payroll.csv", "999900018,100000001L01,2023-12,10\n\"999900018,100000001L01,2023-12,5,,\n");
  auto r = Count();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("payroll.csv:14: the row has 4 fields (expected 6"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("payroll.csv:15:1: a quoted field is not closed"), std::string::npos) << r.err;
}

TEST_F(BadDelivery, HireInFromANonLenderIsAnError) {
  Append("hire_in.csv", "999900018,100000001L01,100000002L01,2023-12,5\n");
  auto r = Count();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("hire_in.csv:6:2: lender_id"), std::string::npos) << r.err;
}

// Issue 9: 12 hire-in rows of 999,999,999,999 hours for one person, lender,
// hirer and month overflowed the int64 sum and the count came out wrong
// without a word. Now each row is an error at its position, naming the bound.
TEST_F(BadDelivery, HugeHireInHoursAreErrorsNotAWrongCount) {
  std::string rows;
  for (int i = 0; i < 12; ++i) rows += "999900067,100000004L01,100000002L01,2023-10,999999999999\n";
  Append("hire_in.csv", rows);
  for (const char* window : {"q4", "year"}) {
    auto r = Count(std::string("--window ") + window);
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("hire_in.csv:6:5: hours: '999999999999' is more than 744 hours (expected hours from 0 to 744"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("hire_in.csv:17:5: "), std::string::npos) << r.err;
  }
  auto skipped = Count("--skip-invalid");
  EXPECT_EQ(skipped.exit_code, 0) << skipped.err;
  EXPECT_EQ(skipped.out, ReadFile(kExample / "expected-2023-q4-sector.csv"));
}

TEST_F(BadDelivery, WarningsGoToStandardErrorAndCountingGoesOn) {
  Append("hire_in.csv", "999900018,100000004L01,100000002L01,2023-12,5\n");
  auto r = Count();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("hire_in.csv:6: warning: no payroll"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, ReadFile(kExample / "expected-2023-q4-sector.csv"));
}

TEST_F(BadDelivery, BinaryGarbageDoesNotCrash) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919) % 256);
  dir_.Write("payroll.csv", garbage);
  dir_.Write("employers.csv", "employer_id,sector,subsector\n" + garbage);
  auto r = Count();
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST(CountCommand, HelpExplainsEveryOption) {
  auto r = testing::RunCommand(std::string(BANENMONITOR_BINARY) + " count --help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* option : {"--data", "--year", "--window", "--by", "--format", "--skip-invalid", "--out"}) {
    EXPECT_NE(r.out.find(option), std::string::npos) << option;
  }
}

TEST(CountCommand, UnknownOptionIsAUsageError) {
  auto r = testing::RunCommand(std::string(BANENMONITOR_BINARY) + " count --data /tmp --year 2023 --by planet");
  EXPECT_EQ(r.exit_code, 64);
}

}  // namespace
}  // namespace banenmonitor

namespace banenmonitor {
namespace {

// Issue 17 item 1 (counting.md §7): every face of a count says which law it
// applied; 2025 by the Wfsv, 2026 by the Wet banenafspraak with "doel niet
// vastgesteld" for the national target.
TEST(CountCommandLaw, EveryFaceSaysWhichLawItApplied) {
  const std::string count = std::string(BANENMONITOR_BINARY) + " count --data " + testing::kExample.string();
  auto table2026 = testing::RunCommand(count + " --year 2026");
  EXPECT_EQ(table2026.exit_code, 0) << table2026.err;
  for (const char* expected : {"Geteld volgens: Wet banenafspraak (Kamerstuk 36 449)",
                               "Landelijk doel 2026 (Wet banenafspraak art. 4 lid 1–2, bij AMvB): doel niet vastgesteld",
                               "Voorziening telt mee (Wet banenafspraak art. 2 lid 1 f)"}) {
    EXPECT_NE(table2026.out.find(expected), std::string::npos) << expected << "\n" << table2026.out;
  }
  auto table2025 = testing::RunCommand(count + " --year 2025");
  EXPECT_NE(table2025.out.find("Geteld volgens: Wet banenafspraak en quotum arbeidsbeperkten (Wfsv"), std::string::npos) << table2025.out;
  EXPECT_EQ(table2025.out.find("Landelijk doel"), std::string::npos) << table2025.out;

  auto json = testing::RunCommand(count + " --year 2026 --format json");
  EXPECT_EQ(json.exit_code, 0) << json.err;
  auto parsed = nlohmann::json::parse(json.out);
  EXPECT_EQ(parsed["law"]["code"], "wet_banenafspraak");
  EXPECT_EQ(parsed["law"]["national_target_status"], "doel niet vastgesteld");
  EXPECT_TRUE(parsed["law"]["national_target"].is_null());
  EXPECT_EQ(parsed["provenance"]["law"], "wet_banenafspraak");

  // The CSV contract has no column for it: standard error says it, in Dutch by default.
  auto csv = testing::RunCommand("BANENMONITOR_LANG=nl " + count + " --year 2025 --to-year 2026 --format csv");
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.err.find("banenmonitor count: 2025 geteld volgens Wet banenafspraak en quotum arbeidsbeperkten (Wfsv"), std::string::npos)
      << csv.err;
  EXPECT_NE(csv.err.find("banenmonitor count: 2026 geteld volgens Wet banenafspraak (Kamerstuk 36 449)"),
            std::string::npos)
      << csv.err;
}

// The json and the table name each file's SHA-256 (of the file's bytes); the csv, which carries no
// provenance, is counted without hashing (LoadOptions::hash_files) and is the same count.
TEST(CountCommandProvenance, JsonAndTableNameTheFilesHashesTheCsvCountsTheSame) {
  const std::string count = std::string(BANENMONITOR_BINARY) + " count --data " + testing::kExample.string() + " --year 2023";
  auto json = testing::RunCommand(count + " --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto files = nlohmann::json::parse(json.out)["provenance"]["files"];
  ASSERT_GE(files.size(), 4u);
  auto table = testing::RunCommand(count);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  for (const auto& f : files) {
    const std::string sha = data::Sha256::Of(ReadFile(testing::kExample / f["name"].get<std::string>()));
    EXPECT_EQ(f["sha256"], sha) << f["name"];
    EXPECT_NE(table.out.find(f["name"].get<std::string>() + " sha256:" + sha.substr(0, 12)), std::string::npos)
        << f["name"] << "\n" << table.out;
  }
  auto csv = testing::RunCommand(count + " --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("2023,q4,total,"), std::string::npos) << csv.out;
  for (const auto& f : files) EXPECT_EQ(csv.out.find(f["sha256"].get<std::string>().substr(0, 12)), std::string::npos);
}

}  // namespace
}  // namespace banenmonitor
