// LoadOptions::count_tables_only (banenmonitor/delivery.h): a load for a count
// validates every file but keeps no employer hours, payroll totals or social
// return, as a workspace's column cache gives none; the count is the same.
#include <gtest/gtest.h>

#include "banenmonitor/delivery.h"
#include "count/attribution.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;

// The worked example with an employer_hours.csv and an sroi.csv, `eh_extra` appended to the first.
fs::path WriteExample(testing::TempDir& dir, const std::string& eh_extra) {
  const fs::path example = fs::path(BANENMONITOR_TEST_DIR) / "data" / "example";
  for (const auto& e : fs::directory_iterator(example)) {
    std::string name = e.path().filename().string();
    if (!name.starts_with("expected-")) dir.Write(name, ReadFile(e.path()));
  }
  dir.Write("employer_hours.csv", "employer_id,period,hours,agency_staff_hours,wsw_hours,wage\n"
                                  "100000001L01,2023-10,1000,0,0,50000\n" + eh_extra);
  dir.Write("sroi.csv", "person_id,contractor_id,buyer_id,period,hours\n"
                        "999900018,100000001L01,100000002L01,2023-11,10\n");
  return dir.path();
}

Delivery Load(const fs::path& dir, bool count_tables_only) {
  LoadOptions o;
  o.count_tables_only = count_tables_only;
  auto d = LoadDelivery(dir, o);
  EXPECT_TRUE(d.has_value());
  return d ? std::move(*d) : Delivery{};
}

TEST(CountTablesOnly, KeepsNoEmployerHoursPayrollTotalsOrSocialReturnAndCountsTheSame) {
  testing::TempDir dir;
  const fs::path path = WriteExample(dir, "");
  const Delivery full = Load(path, false);
  const Delivery counted = Load(path, true);
  ASSERT_EQ(full.error_count(), 0);
  EXPECT_FALSE(full.employer_hours.empty());
  EXPECT_FALSE(full.payroll_totals.empty());
  EXPECT_FALSE(full.sroi.empty());
  EXPECT_TRUE(counted.employer_hours.empty());
  EXPECT_TRUE(counted.payroll_totals.empty());
  EXPECT_TRUE(counted.sroi.empty());
  EXPECT_TRUE(counted.has_employer_hours_file);
  EXPECT_EQ(counted.payroll.size(), full.payroll.size());
  auto params = CountingParams::ForYear(ParameterSet::Embedded(), 2023);
  ASSERT_TRUE(params.has_value());
  auto a = CountJobs(full, CountRequest{2023, Window::kQ4}, *params);
  auto b = CountJobs(counted, CountRequest{2023, Window::kQ4}, *params);
  ASSERT_TRUE(a.has_value() && b.has_value());
  ASSERT_EQ(a->rows.size(), b->rows.size());
  for (std::size_t i = 0; i < a->rows.size(); ++i) {
    EXPECT_EQ(a->rows[i].scope, b->rows[i].scope);
    EXPECT_EQ(a->rows[i].hours, b->rows[i].hours) << a->rows[i].scope;
    EXPECT_EQ(a->rows[i].persons, b->rows[i].persons) << a->rows[i].scope;
  }
}

TEST(CountTablesOnly, StillReportsAnErrorInEmployerHours) {
  testing::TempDir dir;
  const Delivery counted = Load(WriteExample(dir, "100000001L01,2023-13,5,0,0,\n"), true);  // line 3: no month 13
  ASSERT_EQ(counted.error_count(), 1);
  bool found = false;
  for (const auto& f : counted.findings) {
    if (f.severity == Finding::Severity::kError) found = f.ToString().starts_with("employer_hours.csv:3:2: ");
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace banenmonitor
