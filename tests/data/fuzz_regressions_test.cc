// Inputs that the fuzz targets (fuzz/, scripts/fuzz.sh) stopped on, kept as
// tests. fuzz_csv_reader-crash-b25b0fbf (one byte, 0x99: memory mode with an
// empty part) was a fault of the target itself (memchr on a null pointer); the
// reader's side of it, an empty part, is checked here.
#include <gtest/gtest.h>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "data/csv_reader.h"
#include "test_util.h"

namespace banenmonitor::data {
namespace {

TEST(FuzzRegressions, AnEmptyPartInMemoryHasNoRecords) {
  char byte = 'x';
  for (bool quote_free : {false, true}) {
    CsvReader reader(&byte, &byte, 1, quote_free);
    CsvRecord record;
    CsvError error;
    EXPECT_FALSE(reader.Next(record, error));
    EXPECT_TRUE(error.message.empty());
  }
}

// Not found by the fuzzer but by hand (issue 9), kept here in the form of a
// fuzz_delivery_hire_in input: this hire_in.csv replaces the example's, the
// delivery is loaded with --skip-invalid and counted as the target does. Before
// the fix the sum overflowed int64 (undefined behaviour) and the count was
// wrong; now every huge row is an out-of-range error, and the count is that of
// the valid rows.
TEST(FuzzRegressions, HugeHireInHoursAreRefusedNotSummed) {
  const auto example = std::filesystem::path(BANENMONITOR_TEST_DIR) / "data" / "example";
  testing::TempDir dir;
  for (const char* f : {"employers.csv", "register.csv", "payroll.csv", "targets.csv"}) {
    dir.Write(f, testing::ReadFile(example / f));
  }
  std::string input = "person_id,lender_id,hirer_id,period,hours\n";
  for (int i = 0; i < 12; ++i) input += "999900067,100000004L01,100000002L01,2023-10,999999999999\n";
  dir.Write("hire_in.csv", input);
  LoadOptions options;
  options.skip_invalid = true;
  auto d = LoadDelivery(dir.path(), options);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->error_count(), 12);
  EXPECT_TRUE(d->hire_in.empty()) << "no huge row reaches the tables";
  auto params = CountingParams::ForYear(ParameterSet::Embedded(), 2023);
  ASSERT_TRUE(params.has_value());
  for (auto window : {Window::kQ4, Window::kYear}) {
    for (bool sroi : {false, true}) {
      auto table = CountJobs(*d, CountRequest{2023, window, sroi}, *params);
      ASSERT_TRUE(table.has_value());
      const RealisationRow* total = table->Find("total");
      ASSERT_NE(total, nullptr);
      EXPECT_EQ(total->hours_hired_in, 0) << "nothing hired in without the huge rows";
      EXPECT_GT(total->hours, 0);
      EXPECT_LT(total->hours, 10'000 * kMicroPerHour) << "the example's scale, not a wrapped sum";
    }
  }
}

}  // namespace
}  // namespace banenmonitor::data
