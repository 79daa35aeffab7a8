// Hours that cannot be summed exactly (issue 9). Before the fix, 12 hire-in
// rows of 999,999,999,999 hours for one person, lender, hirer and month
// overflowed the int64 micro-hour sum (undefined behaviour) and the count came
// out wrong without a word. Now: a hire-in or social-return row above the
// hours of a month (744, the bound of payroll.csv) is an error at its
// FILE:LINE:COLUMN, employer_hours.csv has a bounded file total, and every sum
// of hours behind them is checked (common/checked_sum.h): a sum that does not
// fit stops the run with a message instead of giving a wrong figure.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <limits>

#include "common/checked_sum.h"
#include "count/attribution.h"
#include "data/row_sink.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;

const fs::path kBoundsExample = fs::path(BANENMONITOR_TEST_DIR) / "data" / "example";
const fs::path kBoundsExtra = fs::path(BANENMONITOR_TEST_DIR) / ".." / "fuzz" / "seeds" / "extra";
constexpr Hours kBoundsMax = std::numeric_limits<Hours>::max();

// The worked example (with employer_hours.csv and sroi.csv), `extra` appended to `file`.
class HoursBounds : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const fs::path& src : {kBoundsExample, kBoundsExtra}) {
      for (const auto& e : fs::directory_iterator(src)) {
        std::string name = e.path().filename().string();
        if (!name.starts_with("expected-")) dir_.Write(name, ReadFile(e.path()));
      }
    }
  }
  void Append(const std::string& file, const std::string& rows) {
    dir_.Write(file, ReadFile(dir_.path() / file) + rows);
  }
  Delivery Load(bool skip_invalid = false) {
    LoadOptions o;
    o.skip_invalid = skip_invalid;
    auto d = LoadDelivery(dir_.path(), o);
    EXPECT_TRUE(d.has_value());
    return d ? std::move(*d) : Delivery{};
  }
  static std::vector<std::string> Errors(const Delivery& d) {
    std::vector<std::string> out;
    for (const auto& f : d.findings) {
      if (f.severity == Finding::Severity::kError) out.push_back(f.ToString());
    }
    return out;
  }
  static RealisationTable Count(const Delivery& d, Window w) {
    auto params = CountingParams::ForYear(ParameterSet::Embedded(), 2023);
    EXPECT_TRUE(params.has_value());
    auto t = CountJobs(d, CountRequest{2023, w}, *params);
    EXPECT_TRUE(t.has_value());
    return t ? *t : RealisationTable{};
  }
  testing::TempDir dir_;
};

std::string HugeHireInRows(int n) {
  std::string rows;
  for (int i = 0; i < n; ++i) rows += "999900067,100000004L01,100000002L01,2023-10,999999999999\n";
  return rows;
}

TEST_F(HoursBounds, HireInRowsAboveTheHoursOfAMonthAreErrorsAtTheirPosition) {
  Append("hire_in.csv", HugeHireInRows(12));  // lines 6..17 of hire_in.csv
  Delivery d = Load();
  auto errors = Errors(d);
  ASSERT_EQ(errors.size(), 12u);
  for (int i = 0; i < 12; ++i) {
    EXPECT_TRUE(errors[static_cast<std::size_t>(i)].starts_with(fmt::format("hire_in.csv:{}:5: ", 6 + i)))
        << errors[static_cast<std::size_t>(i)];
    EXPECT_NE(errors[static_cast<std::size_t>(i)].find("is more than 744 hours"), std::string::npos);
  }
  EXPECT_EQ(d.error_counts.at("out-of-range"), 12);
}

TEST_F(HoursBounds, SkippingTheHugeRowsCountsExactlyAsWithoutThem) {
  Delivery clean = Load();
  ASSERT_TRUE(Errors(clean).empty());
  Append("hire_in.csv", HugeHireInRows(12));
  Delivery skipped = Load(/*skip_invalid=*/true);
  for (Window w : {Window::kQ4, Window::kYear}) {
    RealisationTable a = Count(clean, w), b = Count(skipped, w);
    ASSERT_EQ(a.rows.size(), b.rows.size());
    ASSERT_FALSE(a.rows.empty());
    for (std::size_t i = 0; i < a.rows.size(); ++i) {
      EXPECT_EQ(a.rows[i].scope, b.rows[i].scope);
      EXPECT_EQ(a.rows[i].hours, b.rows[i].hours) << a.rows[i].scope;
      EXPECT_EQ(a.rows[i].persons, b.rows[i].persons) << a.rows[i].scope;
    }
  }
}

TEST_F(HoursBounds, TheBoundItselfIsAccepted) {
  Append("hire_in.csv", "999900067,100000004L01,100000002L01,2023-10,744\n");
  Append("sroi.csv", "999900018,100000001L01,100000002L01,2023-11,744.000000\n");
  EXPECT_TRUE(Errors(Load()).empty());
  Append("hire_in.csv", "999900067,100000004L01,100000002L01,2023-10,744.000001\n");  // line 7
  auto errors = Errors(Load());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("hire_in.csv:7:5: ")) << errors[0];
}

TEST_F(HoursBounds, SocialReturnRowsAboveTheHoursOfAMonthAreErrors) {
  Append("sroi.csv", "999900018,100000001L01,100000002L01,2023-11,999999999999\n");  // line 4
  auto errors = Errors(Load());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("sroi.csv:4:5: ")) << errors[0];
  EXPECT_NE(errors[0].find("744"), std::string::npos) << errors[0];
}

TEST_F(HoursBounds, EmployerHoursHaveABoundedFileTotal) {
  // 10^12 hours in all is allowed; the row that goes past it is an error.
  Append("employer_hours.csv", "100000003L01,2023-01,600000000000,0,0,\n"    // line 6
                               "100000003L01,2023-02,399999950999.5,0,0,\n"  // line 7: exactly 10^12 with the example's 49,000.5
                               "100000003L01,2023-03,1,0,0,\n");             // line 8: one hour too many
  auto errors = Errors(Load());
  ASSERT_EQ(errors.size(), 1u) << (errors.empty() ? "" : errors[0]);
  EXPECT_TRUE(errors[0].starts_with("employer_hours.csv:8:3: ")) << errors[0];
  EXPECT_NE(errors[0].find("1000000000000"), std::string::npos) << errors[0];
}

TEST_F(HoursBounds, EmployerWagesHaveABoundedFileTotal) {
  // A row holds at most 999,999,999,999.99 euros; 10^14 euros in all is allowed.
  // With the example's 660,000 euros the 100th such row goes past it (by 659,900 euros).
  std::string rows;
  for (int k = 1; k <= 100; ++k) {
    rows += fmt::format("100000003L01,{}-{:02d},1,0,0,999999999999\n", 2000 + (k - 1) / 12, 1 + (k - 1) % 12);
  }
  Append("employer_hours.csv", rows);  // lines 6..105
  auto errors = Errors(Load());
  ASSERT_EQ(errors.size(), 1u) << (errors.empty() ? "" : errors[0]);
  EXPECT_TRUE(errors[0].starts_with("employer_hours.csv:105:6: ")) << errors[0];
  EXPECT_NE(errors[0].find("100000000000000 euros"), std::string::npos) << errors[0];
}

// --- the checked sums behind the validator ------------------------------------

TEST(CheckedSum, AddsExactlyUpToTheLimitAndRefusesBeyond) {
  std::int64_t v = kBoundsMax - 5;
  EXPECT_TRUE(CheckedAddInto(v, 5));
  EXPECT_EQ(v, kBoundsMax);
  EXPECT_FALSE(CheckedAddInto(v, 1));
  EXPECT_EQ(v, kBoundsMax) << "unchanged when refused";
  EXPECT_THROW(AddOrStop(v, 1, "test hours"), SumOverflow);
  try {
    AddOrStop(v, 1, "the test hours");
  } catch (const SumOverflow& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with("the test hours add up to more than")) << e.what();
  }
}

// Rows handed to the aggregator directly, as a workspace imported before the
// bounds existed hands them over (no validator in between).
struct BoundsAggregated {
  Delivery d;
  data::DeliveryAggregator agg{d, LoadOptions{}};
  BoundsAggregated() {
    agg.OnEmployer(Employer{"100000001L01", "A", Sector::kMarket, "", "", LenderKind::kAgency}, 2);
    agg.OnEmployer(Employer{"100000002L01", "B", Sector::kMarket, "", "", LenderKind::kNone}, 3);
    agg.OnRegister(data::RegisterRow{"p1", Ground::kWajong, 0, kOpenEnd, 2});
    agg.OnRegister(data::RegisterRow{"p2", Ground::kWajong, 0, kOpenEnd, 3});
  }
  data::PayrollRow Payroll(std::string_view person, EmployerIndex e, Hours h, std::int64_t line) {
    data::PayrollRow r;
    r.person_id = person;
    r.employer = e;
    r.month = MakeMonth(2023, 12);
    r.hours = h;
    r.line = line;
    return r;
  }
};

TEST(CheckedSum, APayrollCellThatDoesNotFitStopsTheAggregator) {
  BoundsAggregated a;
  a.agg.OnPayroll(a.Payroll("p1", 0, kBoundsMax / 2 + 1, 2));
  a.agg.OnPayroll(a.Payroll("p1", 0, kBoundsMax / 2 + 1, 3));
  try {
    a.agg.Finish();
    ADD_FAILURE() << "no SumOverflow";
  } catch (const SumOverflow& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with("payroll.csv:3: the hours of one employer in one month")) << e.what();
  }
}

TEST(CheckedSum, HireInThatDoesNotFitStopsTheAggregator) {
  BoundsAggregated a;
  a.agg.OnPayroll(a.Payroll("p1", 0, 100, 2));
  for (std::int64_t line : {2, 3}) {
    a.agg.OnHireIn(data::HireInRow{"p1", 0, 1, MakeMonth(2023, 12), kBoundsMax / 2 + 1, line});
  }
  EXPECT_THROW(a.agg.Finish(), SumOverflow);
}

TEST(CheckedSum, AttributionOfHireInThatDoesNotFitStops) {
  // Two hirers: each cell fits, their sum does not.
  std::vector<HireInCell> hires = {{0, 0, 1, MakeMonth(2023, 12), kBoundsMax / 2 + 1, 2},
                                   {0, 0, 2, MakeMonth(2023, 12), kBoundsMax / 2 + 1, 3}};
  count::Attribution out;
  EXPECT_THROW(count::Attribute(100 * kMicroPerHour, 0, hires, out), SumOverflow);
  // Below the limit the same rows are scaled to the payroll hours exactly.
  hires[0].hours = hires[1].hours = kBoundsMax / 2;
  count::Attribute(100 * kMicroPerHour, 0, hires, out);
  ASSERT_EQ(out.hired.size(), 2u);
  EXPECT_EQ(out.hired[0].hours + out.hired[1].hours, 100 * kMicroPerHour);
}

TEST(CheckedSum, AScopeThatDoesNotFitStopsTheCount) {
  BoundsAggregated a;
  // Two persons at two employers: every cell and employer total fits, the market's sum does not.
  a.agg.OnPayroll(a.Payroll("p1", 0, kBoundsMax / 2 + 1, 2));
  a.agg.OnPayroll(a.Payroll("p2", 1, kBoundsMax / 2 + 1, 3));
  a.agg.Finish();
  auto params = CountingParams::ForYear(ParameterSet::Embedded(), 2023);
  ASSERT_TRUE(params.has_value());
  EXPECT_THROW((void)CountJobs(a.d, CountRequest{2023, Window::kQ4}, *params), SumOverflow);
}

}  // namespace
}  // namespace banenmonitor
