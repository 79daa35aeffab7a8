// Employer tables show the employer's name beside its number (issue 15 item 13):
// count, quality and diff label an employer row "Name (number)" as the dashboard
// does, the quotum table has a column Naam; the CSV contracts keep their columns.
#include <gtest/gtest.h>

#include "test_util.h"

namespace banenmonitor {
namespace {

const std::string kDelivery = (std::filesystem::path(BANENMONITOR_TEST_DIR) / ".." / "examples" / "delivery").string();

testing::CommandResult Program(const std::string& args) { return testing::RunCommand(testing::kBinary + " " + args); }

TEST(EmployerNames, CountTableShowsTheNameBesideTheNumber) {
  auto r = Program("count --data " + kDelivery + " --year 2023 --by employer");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Gemeente Voorbeeld (100000001L01)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Flex Uitzendbureau (100000004L01)"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Werkgever 100000001L01"), std::string::npos) << r.out;
}

TEST(EmployerNames, TheCsvContractKeepsItsColumns) {
  auto r = Program("count --data " + kDelivery + " --year 2023 --by employer --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, testing::ReadFile(testing::kExample / "expected-2023-q4-employer.csv"));
}

TEST(EmployerNames, QualityTableShowsTheName) {
  auto r = Program("quality --data " + kDelivery + " --year 2023 --by employer");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Ministerie BZK (100000002L01)"), std::string::npos) << r.out;
}

TEST(EmployerNames, QuotumTableHasANameColumn) {
  auto r = Program("quotum --data " + kDelivery + " --year 2023 --by employer");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Werkgever     Naam"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("100000003L01  Bakkerij Markt BV"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace banenmonitor
