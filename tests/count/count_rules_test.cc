// One named test per rule of counting.md §3 and per edge case.
#include <gtest/gtest.h>

#include "count/attribution.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

constexpr const char* kEmployers =
    "employer_id,name,sector,subsector,organisation,lender\n"
    "100000001L01,Gemeente,government,gemeenten,,none\n"
    "100000002L01,BZK,government,rijk,BZK,none\n"
    "100000003L01,Bakker,market,,,none\n"
    "100000004L01,Uitzend,market,,,agency\n"
    "100000005L01,SW,government,gemeenten,,wsw\n";

// A delivery with the employers above and the given register, payroll and hire-in rows.
class Rules : public ::testing::Test {
 protected:
  void Deliver(const std::string& register_rows, const std::string& payroll_rows, const std::string& hire_rows = "",
               const std::string& target_rows = "") {
    dir_.Write("employers.csv", kEmployers);
    dir_.Write("register.csv", "person_id,ground,start_date,end_date\n" + register_rows);
    dir_.Write("payroll.csv", "person_id,employer_id,period,hours,contract,wsw\n" + payroll_rows);
    dir_.Write("hire_in.csv", "person_id,lender_id,hirer_id,period,hours\n" + hire_rows);
    dir_.Write("targets.csv", "year,scope,baseline_jobs,target_extra_jobs\n" + target_rows);
    table_ = testing::CountDir(dir_.path(), 2023, window_);
  }
  const RealisationRow& Row(const std::string& scope) {
    const RealisationRow* r = table_.Find(scope);
    EXPECT_NE(r, nullptr) << scope;
    static RealisationRow empty;
    return r ? *r : empty;
  }
  double Hours(const std::string& scope) { return static_cast<double>(Row(scope).hours) / kMicroPerHour; }

  testing::TempDir dir_;
  Window window_ = Window::kQ4;
  RealisationTable table_;
};

TEST_F(Rules, PartPeriodStartCountsTheWholeMonth) {
  // Wfsv art. 38g lid 8: registered from 20 November, November counts whole.
  Deliver("999900031,indicatie,2023-11-20,\n",
          "999900031,100000003L01,2023-10,80,,\n999900031,100000003L01,2023-11,80,,\n"
          "999900031,100000003L01,2023-12,80,,\n");
  EXPECT_DOUBLE_EQ(Hours("market"), 160);
}

TEST_F(Rules, PartPeriodEndCountsTheWholeMonth) {
  Deliver("999900031,wajong,2015-01-01,2023-11-01\n",
          "999900031,100000003L01,2023-10,80,,\n999900031,100000003L01,2023-11,70,,\n"
          "999900031,100000003L01,2023-12,60,,\n");
  EXPECT_DOUBLE_EQ(Hours("market"), 150);
}

TEST_F(Rules, RegistrationEndingOnLastDayOfMonthDoesNotCoverNextMonth) {
  Deliver("999900031,wajong,2015-01-01,2023-10-31\n",
          "999900031,100000003L01,2023-10,80,,\n999900031,100000003L01,2023-11,70,,\n");
  EXPECT_DOUBLE_EQ(Hours("market"), 80);
}

TEST_F(Rules, VoorzieningOnlyCountsNothing) {
  // Wfsv art. 38b lid 2: voorziening counts for the quotum, not for the banenafspraak.
  Deliver("999900043,voorziening,2019-05-01,\n", "999900043,100000002L01,2023-12,120,permanent,0\n");
  EXPECT_EQ(Row("total").hours, 0);
  EXPECT_EQ(Row("total").persons, 0);
}

TEST_F(Rules, VoorzieningBesideAnotherGroundCounts) {
  Deliver("999900043,voorziening,2019-05-01,\n999900043,gelijkgesteld,2023-12-15,\n",
          "999900043,100000002L01,2023-11,100,,\n999900043,100000002L01,2023-12,120,,\n");
  EXPECT_DOUBLE_EQ(Hours("total"), 120);
}

TEST_F(Rules, SeveralRowsOfTheSameMonthAreSummed) {
  Deliver("999900018,wajong,2015-01-01,\n",
          "999900018,100000001L01,2023-12,60,permanent,0\n999900018,100000001L01,2023-12,40.25,permanent,0\n");
  EXPECT_DOUBLE_EQ(Hours("subsector:gemeenten"), 100.25);
  EXPECT_EQ(Row("subsector:gemeenten").persons, 1);
}

TEST_F(Rules, AttributionAbovePayrollIsScaledDown) {
  // Besluit Wfsv art. 2.30: 120 h attributed for 90 paid: each hirer 60 x 90/120 = 45.
  Deliver("999900067,participatiewet,2021-03-01,\n", "999900067,100000004L01,2023-10,90,temporary,0\n",
          "999900067,100000004L01,100000001L01,2023-10,60\n999900067,100000004L01,100000002L01,2023-10,60\n");
  EXPECT_DOUBLE_EQ(Hours("employer:100000001L01"), 45);
  EXPECT_DOUBLE_EQ(Hours("employer:100000002L01"), 45);
  EXPECT_EQ(Row("employer:100000004L01").hours, 0);
  EXPECT_EQ(Row("employer:100000002L01").hours_hired_in, 45 * kMicroPerHour);
  EXPECT_EQ(table_.stats.hours_attribution_capped, 30 * kMicroPerHour);
}

TEST_F(Rules, AttributionBelowPayrollLeavesTheRestDirectAtTheLender) {
  Deliver("999900067,participatiewet,2021-03-01,\n", "999900067,100000004L01,2023-10,100,,\n",
          "999900067,100000004L01,100000002L01,2023-10,30\n");
  EXPECT_DOUBLE_EQ(Hours("employer:100000002L01"), 30);
  EXPECT_DOUBLE_EQ(Hours("employer:100000004L01"), 70);
  EXPECT_EQ(Row("employer:100000004L01").hours_direct, 70 * kMicroPerHour);
  EXPECT_EQ(Row("total").persons, 1);
  EXPECT_EQ(Row("government").persons, 1);
  EXPECT_EQ(Row("market").persons, 1);
}

TEST_F(Rules, HireInWithoutPayrollAttributesNothingAndWarns) {
  Deliver("999900067,participatiewet,2021-03-01,\n", "999900067,100000004L01,2023-10,100,,\n",
          "999900067,100000004L01,100000002L01,2023-11,30\n");
  EXPECT_EQ(Row("employer:100000002L01").hours, 0);
  EXPECT_DOUBLE_EQ(Hours("employer:100000004L01"), 100);
  auto d = LoadDelivery(dir_.path(), LoadOptions{});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->warning_counts.at("hire-in-without-payroll"), 1);
}

TEST_F(Rules, WswRemainderDoesNotCount) {
  // Wfsv art. 122n lid 4-5: 150 Wsw hours, 100 seconded to BZK; the other 50 do not count.
  Deliver("999900055,wsw,2010-01-01,\n", "999900055,100000005L01,2023-12,150,permanent,1\n",
          "999900055,100000005L01,100000002L01,2023-12,100\n");
  EXPECT_DOUBLE_EQ(Hours("employer:100000002L01"), 100);
  EXPECT_EQ(Row("employer:100000005L01").hours, 0);
  EXPECT_EQ(table_.stats.hours_wsw_not_counted, 50 * kMicroPerHour);
}

TEST_F(Rules, WswEmployeeWithoutSecondmentCountsNothing) {
  Deliver("999900055,wsw,2010-01-01,\n", "999900055,100000005L01,2023-12,150,permanent,1\n");
  EXPECT_EQ(Row("total").hours, 0);
  EXPECT_EQ(Row("total").persons, 0);
}

TEST_F(Rules, NonWswStaffOfAWswEmployerCountDirect) {
  Deliver("999900055,wajong,2010-01-01,\n", "999900055,100000005L01,2023-12,150,permanent,0\n");
  EXPECT_DOUBLE_EQ(Hours("employer:100000005L01"), 150);
}

TEST_F(Rules, PersonHiredToTwoHirers) {
  Deliver("999900067,participatiewet,2021-03-01,\n", "999900067,100000004L01,2023-10,100,,\n",
          "999900067,100000004L01,100000001L01,2023-10,30\n999900067,100000004L01,100000002L01,2023-10,50\n");
  EXPECT_DOUBLE_EQ(Hours("employer:100000001L01"), 30);
  EXPECT_DOUBLE_EQ(Hours("employer:100000002L01"), 50);
  EXPECT_DOUBLE_EQ(Hours("employer:100000004L01"), 20);
  EXPECT_EQ(Row("government").persons, 1);  // one person, counted once in the sector
  EXPECT_EQ(Row("subsector:gemeenten").persons, 1);
  EXPECT_EQ(Row("total").persons, 1);
}

TEST_F(Rules, EmptyEndDateMeansStillRegistered) {
  Deliver("999900018,wajong,2015-01-01,\n", "999900018,100000001L01,2023-12,100,,\n");
  EXPECT_DOUBLE_EQ(Hours("total"), 100);
}

TEST_F(Rules, ZeroHoursDoNotMakeAPerson) {
  Deliver("999900018,wajong,2015-01-01,\n999900031,wajong,2015-01-01,\n",
          "999900018,100000001L01,2023-12,0,,\n999900031,100000001L01,2023-12,10,,\n");
  EXPECT_EQ(Row("total").persons, 1);
  EXPECT_EQ(Row("employer:100000001L01").persons, 1);
}

TEST_F(Rules, PersonNotInTheRegisterCountsNothing) {
  Deliver("999900018,wajong,2015-01-01,\n", "999999990,100000002L01,2023-12,160,,\n");
  EXPECT_EQ(Row("total").hours, 0);
}

TEST_F(Rules, RegisterRowEndingBeforeItStartsCoversNothing) {
  Deliver("999900018,wajong,2023-12-31,2023-10-01\n", "999900018,100000001L01,2023-12,100,,\n");
  EXPECT_EQ(Row("total").hours, 0);
}

TEST_F(Rules, JobsAreHoursOver1331TimesMonthsOver12) {
  // 665.5 hours in Q4 = 2 jobs of 332.75 hours (51 hours a week is two jobs).
  Deliver("999900018,wajong,2015-01-01,\n",
          "999900018,100000001L01,2023-10,221.5,,\n999900018,100000001L01,2023-11,222,,\n"
          "999900018,100000001L01,2023-12,222,,\n");
  EXPECT_DOUBLE_EQ(Row("total").jobs, 2.0);
}

TEST_F(Rules, YearWindowDividesBy1331) {
  window_ = Window::kYear;
  Deliver("999900018,wajong,2015-01-01,\n",
          "999900018,100000001L01,2023-01,665.5,,\n999900018,100000001L01,2023-12,665.5,,\n");
  EXPECT_DOUBLE_EQ(Row("total").jobs, 1.0);
  EXPECT_DOUBLE_EQ(table_.hours_per_job, 1331);
}

TEST_F(Rules, QuarterWindowsTakeTheirMonthsOnly) {
  window_ = Window::kQ2;
  Deliver("999900018,wajong,2015-01-01,\n",
          "999900018,100000001L01,2023-03,10,,\n999900018,100000001L01,2023-04,20,,\n"
          "999900018,100000001L01,2023-06,30,,\n999900018,100000001L01,2023-07,40,,\n");
  EXPECT_DOUBLE_EQ(Hours("total"), 50);
}

TEST_F(Rules, ScopesIncludeEmployersWithoutHours) {
  Deliver("999900018,wajong,2015-01-01,\n", "999900018,100000001L01,2023-12,10,,\n");
  ASSERT_EQ(table_.RowsFor(ScopeLevel::kEmployer).size(), 6u);  // total + 5 employers
  ASSERT_EQ(table_.RowsFor(ScopeLevel::kOrganisation).size(), 2u);  // total + BZK
  EXPECT_EQ(Row("employer:100000003L01").hours, 0);
  EXPECT_EQ(Row("subsector:market").hours, 0);
}

TEST_F(Rules, RealisationAgainstBaselineAndTarget) {
  // 665.5 h = 2 jobs; baseline 0.5 -> 1.5 extra; target 3 -> 50.0 %.
  Deliver("999900018,wajong,2015-01-01,\n", "999900018,100000002L01,2023-12,665.5,,\n", "",
          "2023,subsector:rijk,0.5,3\n2023,government,0,\n2022,market,0,1\n");
  EXPECT_DOUBLE_EQ(Row("subsector:rijk").extra_jobs, 1.5);
  EXPECT_DOUBLE_EQ(*Row("subsector:rijk").realisation_pct, 50.0);
  EXPECT_FALSE(Row("government").realisation_pct.has_value());  // empty target
  EXPECT_FALSE(Row("market").target_extra_jobs.has_value());    // target of another year
}

TEST_F(Rules, NegativeExtraJobs) {
  window_ = Window::kYear;
  Deliver("999900018,wajong,2015-01-01,\n", "999900018,100000002L01,2023-12,133.1,,\n", "",
          "2023,government,1,2\n");
  EXPECT_NEAR(Row("government").extra_jobs, -0.9, 1e-12);
  EXPECT_NEAR(*Row("government").realisation_pct, -45.0, 1e-9);
}

TEST(Attribution, ScaledSharesAddUpExactlyToPayroll) {
  // 100 paid, three hirers asking 1 h each x 100: every share 33.333333 h, total exactly 100.
  std::vector<HireInCell> hires = {{0, 9, 1, 0, 100 * kMicroPerHour, 1}, {0, 9, 2, 0, 100 * kMicroPerHour, 2},
                                   {0, 9, 3, 0, 100 * kMicroPerHour, 3}};
  count::Attribution a;
  count::Attribute(100 * kMicroPerHour, 0, hires, a);
  Hours sum = 0;
  for (const auto& s : a.hired) sum += s.hours;
  EXPECT_EQ(sum, 100 * kMicroPerHour);
  EXPECT_EQ(a.direct, 0);
  EXPECT_EQ(a.hired[0].hours, 33'333'334);  // the remainder goes to the first hirer
  EXPECT_EQ(a.hired[1].hours, 33'333'333);
}

TEST(Attribution, MixedWswGroupKeepsOnlyTheNonWswShareOfTheRest) {
  // 100 h of which 60 wsw; 40 hired out; rest 60 split 60/40: 24 direct, 36 not counted.
  std::vector<HireInCell> hires = {{0, 9, 1, 0, 40 * kMicroPerHour, 1}};
  count::Attribution a;
  count::Attribute(100 * kMicroPerHour, 60 * kMicroPerHour, hires, a);
  EXPECT_EQ(a.direct, 24 * kMicroPerHour);
  EXPECT_EQ(a.wsw_not_counted, 36 * kMicroPerHour);
}

TEST(Attribution, ZeroPayrollAttributesNothing) {
  std::vector<HireInCell> hires = {{0, 9, 1, 0, 40 * kMicroPerHour, 1}};
  count::Attribution a;
  count::Attribute(0, 0, hires, a);
  EXPECT_TRUE(a.hired.empty());
  EXPECT_EQ(a.direct, 0);
}

}  // namespace
}  // namespace banenmonitor
