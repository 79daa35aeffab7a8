// Job quality (docs/job-quality.md), checked against a small delivery worked
// out by hand, and the per-person walk against CountJobs. The arithmetic is in
// the comments; no expected value was copied from the program.
#include "banenmonitor/job_quality.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

#include "count/person_months.h"
#include "count/scopes.h"
#include "random_delivery.h"
#include "report/job_quality_format.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

// Employers: G1 = 100000001L01 gemeente, G2 = 100000002L01 BZK (rijk),
// M1 = 100000003L01 bakery (market), A = 100000004L01 agency (market).
//
// Persons (year Y = 2023; "counted" = registered (not only voorziening) in the
// month and counted hours > 0 after hire-in attribution):
//   P1 999900018  stays: G1 in 2021-01, Q3 2022 (Jul-Sep), Jul 2023 and Q4 2023
//                 (Oct 100 permanent, Nov 100 permanent, Dec 100 with no contract)
//   P2 999900031  changes employer: G1 in 2021-03 and Jul 2022; M1 in Aug 2023
//                 and Oct 2023 (60 h temporary)
//   P3 999900043  stops: G2 in 2021-06 and Sep 2022, then nothing
//   P4 999900055  agency worker, new in 2023: Nov 2023 at A 90 h temporary +
//                 30 h permanent; 60 h hired out to G2
//   P5 999900067  came in in 2022 (M1, Apr 2022) and is still there in Jul 2023
//   P6 999900079  came in in 2022 (G1, May 2022) and left
//   P7 999900080  voorziening only: works at G1 in Jul 2022 and Jul 2023, never counted
//   P8 999900092  registered until 2023-06-30: G1 in Aug 2022 (new in 2022) and
//                 Jul 2023 (no longer registered: not counted)
//   999999990     not in the register: 1 h at M1 every month 2021-2023, so that
//                 the delivery has every month (it counts for nothing)
constexpr const char* kEmployers =
    "employer_id,name,sector,subsector,organisation,lender\n"
    "100000001L01,Gemeente,government,gemeenten,,none\n"
    "100000002L01,Ministerie BZK,government,rijk,BZK,none\n"
    "100000003L01,Bakker,market,,,none\n"
    "100000004L01,Uitzend,market,,,agency\n";

constexpr const char* kRegister =
    "person_id,ground,start_date,end_date\n"
    "999900018,wajong,2015-01-01,\n"
    "999900031,wajong,2015-01-01,\n"
    "999900043,wajong,2015-01-01,\n"
    "999900055,participatiewet,2015-01-01,\n"
    "999900067,indicatie,2015-01-01,\n"
    "999900079,wajong,2015-01-01,\n"
    "999900080,voorziening,2015-01-01,\n"
    "999900092,wajong,2015-01-01,2023-06-30\n";

constexpr const char* kPayroll =
    "person_id,employer_id,period,hours,contract,wsw\n"
    "999900018,100000001L01,2021-01,20,permanent,0\n"
    "999900018,100000001L01,2022-07,100,permanent,0\n"
    "999900018,100000001L01,2022-08,100,permanent,0\n"
    "999900018,100000001L01,2022-09,100,permanent,0\n"
    "999900018,100000001L01,2023-07,100,permanent,0\n"
    "999900018,100000001L01,2023-10,100,permanent,0\n"
    "999900018,100000001L01,2023-11,100,permanent,0\n"
    "999900018,100000001L01,2023-12,100,,0\n"
    "999900031,100000001L01,2021-03,80,temporary,0\n"
    "999900031,100000001L01,2022-07,80,temporary,0\n"
    "999900031,100000003L01,2023-08,80,temporary,0\n"
    "999900031,100000003L01,2023-10,60,temporary,0\n"
    "999900043,100000002L01,2021-06,50,permanent,0\n"
    "999900043,100000002L01,2022-09,50,permanent,0\n"
    "999900055,100000004L01,2023-11,90,temporary,0\n"
    "999900055,100000004L01,2023-11,30,permanent,0\n"
    "999900067,100000003L01,2022-04,40,temporary,0\n"
    "999900067,100000003L01,2023-07,40,temporary,0\n"
    "999900079,100000001L01,2022-05,40,temporary,0\n"
    "999900080,100000001L01,2022-07,100,permanent,0\n"
    "999900080,100000001L01,2023-07,100,permanent,0\n"
    "999900092,100000001L01,2022-08,100,permanent,0\n"
    "999900092,100000001L01,2023-07,100,permanent,0\n";

constexpr const char* kHireIn =
    "person_id,lender_id,hirer_id,period,hours\n"
    "999900055,100000004L01,100000002L01,2023-11,60\n";

std::string Filler() {
  std::string rows;
  for (int y = 2021; y <= 2023; ++y) {
    for (int m = 1; m <= 12; ++m) rows += fmt::format("999999990,100000003L01,{}-{:02d},1,,0\n", y, m);
  }
  return rows;
}

class JobQualityCase : public ::testing::Test {
 protected:
  void Deliver(bool with_filler = true) {
    dir_.Write("employers.csv", kEmployers);
    dir_.Write("register.csv", kRegister);
    dir_.Write("payroll.csv", std::string(kPayroll) + (with_filler ? Filler() : ""));
    dir_.Write("hire_in.csv", kHireIn);
    LoadOptions load;
    load.first_month = QualityFirstMonth(2023);
    load.last_month = QualityLastMonth(2023);
    auto d = LoadDelivery(dir_.path(), load);
    ASSERT_TRUE(d.has_value());
    ASSERT_EQ(d->error_count(), 0);
    delivery_ = std::move(*d);
  }
  QualityTable Quality(ScopeLevel level) {
    auto t = JobQuality(delivery_, QualityRequest{2023, level}, ParameterSet::Embedded());
    EXPECT_TRUE(t.has_value());
    return t ? *t : QualityTable{};
  }
  testing::TempDir dir_;
  Delivery delivery_;
};

TEST_F(JobQualityCase, RetentionAnywhereAndAtTheSameEmployer) {
  Deliver();
  QualityTable t = Quality(ScopeLevel::kSector);
  const QualityRow* total = t.Find("total");
  ASSERT_NE(total, nullptr);
  // Counted in Q3 2022: P1 (G1), P2 (G1), P3 (G2), P8 (G1) = 4. Not P7 (voorziening),
  // not P5 and P6 (they worked in April and May only).
  EXPECT_EQ(total->persons_q3_previous, 4);
  // Counted in Q3 2023 anywhere: P1 (G1) and P2 (M1, another employer) = 2 of 4 = 50 %.
  // P3 stopped; P8 works in July 2023 but is no longer registered, so is not counted.
  EXPECT_EQ(total->retained_anywhere, 2);
  EXPECT_DOUBLE_EQ(*total->retention_pct, 50.0);
  // At the same employer: only P1 (G1 in both); P2 changed to M1: 1 of 4 = 25 %.
  EXPECT_EQ(total->retained_same_employer, 1);
  EXPECT_DOUBLE_EQ(*total->same_employer_pct, 25.0);
  // government: the same four persons (all were counted at government employers in Q3 2022).
  const QualityRow* gov = t.Find("government");
  EXPECT_EQ(gov->persons_q3_previous, 4);
  EXPECT_EQ(gov->retained_anywhere, 2);
  EXPECT_EQ(gov->retained_same_employer, 1);
  // market: nobody was counted there in Q3 2022: no percentage.
  const QualityRow* market = t.Find("market");
  EXPECT_EQ(market->persons_q3_previous, 0);
  EXPECT_FALSE(market->retention_pct.has_value());
}

TEST_F(JobQualityCase, PermanentShareWithAHiredInPerson) {
  Deliver();
  QualityTable t = Quality(ScopeLevel::kSector);
  // Q4 2023, counted hours and their contracts:
  //   P1 at G1: 100 permanent + 100 permanent + 100 no contract
  //   P2 at M1: 60 temporary
  //   P4: agency cell 120 h = 30 permanent + 90 temporary; 60 h hired out to G2, 60 h stay at A.
  //       Each share takes the lender's split: 60 × 30/120 = 15 permanent, 60 × 90/120 = 45 temporary.
  // total: 480 h; permanent 200 + 15 + 15 = 230; temporary 60 + 45 + 45 = 150; no contract 100
  //   permanent share = 230 / (230 + 150) = 60.53 %; no contract 100 / 480 = 20.83 %
  const QualityRow* total = t.Find("total");
  EXPECT_EQ(total->hours_q4, 480 * kMicroPerHour);
  EXPECT_EQ(total->hours_q4_permanent, 230 * kMicroPerHour);
  EXPECT_EQ(total->hours_q4_temporary, 150 * kMicroPerHour);
  EXPECT_NEAR(*total->permanent_pct, 100.0 * 230 / 380, 1e-9);
  EXPECT_NEAR(*total->contract_unknown_pct, 100.0 * 100 / 480, 1e-9);
  // government: G1 300 h (200 permanent) + G2 60 h hired in (15 permanent, 45 temporary)
  //   = 360 h; 215 / (215 + 45) = 82.69 %
  const QualityRow* gov = t.Find("government");
  EXPECT_EQ(gov->hours_q4, 360 * kMicroPerHour);
  EXPECT_EQ(gov->hours_q4_permanent, 215 * kMicroPerHour);
  EXPECT_EQ(gov->hours_q4_temporary, 45 * kMicroPerHour);
  // market: M1 60 temporary + A 60 direct (15 permanent, 45 temporary) = 120 h; 15 / 120 = 12.5 %
  const QualityRow* market = t.Find("market");
  EXPECT_EQ(market->hours_q4, 120 * kMicroPerHour);
  EXPECT_NEAR(*market->permanent_pct, 12.5, 1e-9);
}

TEST_F(JobQualityCase, AverageWeeklyHours) {
  Deliver();
  QualityTable t = Quality(ScopeLevel::kSector);
  // Q4 hours / persons / 13 weeks:
  //   total: P1, P2, P4 -> 480 / 3 / 13 = 12.31 h a week
  //   government: P1, P4 -> 360 / 2 / 13 = 13.85; market: P2, P4 -> 120 / 2 / 13 = 4.62
  EXPECT_EQ(t.Find("total")->persons_q4, 3);
  EXPECT_NEAR(*t.Find("total")->average_weekly_hours, 480.0 / 3 / 13, 1e-9);
  EXPECT_EQ(t.Find("government")->persons_q4, 2);
  EXPECT_NEAR(*t.Find("government")->average_weekly_hours, 360.0 / 2 / 13, 1e-9);
  EXPECT_NEAR(*t.Find("market")->average_weekly_hours, 120.0 / 2 / 13, 1e-9);
}

TEST_F(JobQualityCase, InflowAndRetentionOfLastYearsInflow) {
  Deliver();
  QualityTable t = Quality(ScopeLevel::kSector);
  // Counted in some month of 2023: P1 (G1), P2 (M1), P4 (A, G2), P5 (M1) = 4 (P8 not: unregistered).
  // Counted in 2022: P1, P2, P3, P5, P6, P8 -> inflow 2023 = P4 only: 1 of 4 = 25 %.
  const QualityRow* total = t.Find("total");
  EXPECT_EQ(total->persons_year, 4);
  EXPECT_EQ(total->inflow, 1);
  EXPECT_DOUBLE_EQ(*total->inflow_pct, 25.0);
  // government in 2023: P1 (G1), P4 (G2 hired in) = 2, inflow P4 -> 1 (50 %);
  // market: P2, P4 (A), P5 = 3, inflow P4 -> 1 (33.3 %).
  EXPECT_EQ(t.Find("government")->persons_year, 2);
  EXPECT_EQ(t.Find("government")->inflow, 1);
  EXPECT_EQ(t.Find("market")->persons_year, 3);
  EXPECT_EQ(t.Find("market")->inflow, 1);
  // Inflow 2022: counted in 2022, not in 2021 (2021: P1, P2, P3): P5, P6, P8 = 3.
  // Of them counted in Q3 2023: P5 only -> 1 of 3 = 33.3 %.
  EXPECT_EQ(total->inflow_previous, 3);
  EXPECT_EQ(total->inflow_previous_retained, 1);
  // government: P6, P8 -> 0 of 2; market: P5 -> 1 of 1.
  EXPECT_EQ(t.Find("government")->inflow_previous, 2);
  EXPECT_EQ(t.Find("government")->inflow_previous_retained, 0);
  EXPECT_EQ(t.Find("market")->inflow_previous, 1);
  EXPECT_EQ(t.Find("market")->inflow_previous_retained, 1);
}

TEST_F(JobQualityCase, CsvBySectorToTheDecimal) {
  Deliver();
  // The figures above, rounded: 230/380 = 60.53 -> 60.5; 100/480 = 20.83 -> 20.8;
  // 480/39 = 12.308 -> 12.31; 215/260 = 82.69 -> 82.7; 100/360 = 27.78 -> 27.8;
  // 360/26 = 13.846 -> 13.85; 120/26 = 4.615 -> 4.62; 1/3 = 33.3 %.
  EXPECT_EQ(report::QualityCsv(Quality(ScopeLevel::kSector)),
            "year,scope,persons_q3_previous,retained_anywhere,retention_pct,retained_same_employer,same_employer_pct,"
            "persons_q4,hours_q4,permanent_pct,contract_unknown_pct,average_weekly_hours,persons_year,inflow,"
            "inflow_pct,inflow_previous,inflow_previous_retained,inflow_retention_pct\n"
            "2023,total,4,2,50.0,1,25.0,3,480.00,60.5,20.8,12.31,4,1,25.0,3,1,33.3\n"
            "2023,government,4,2,50.0,1,25.0,2,360.00,82.7,27.8,13.85,2,1,50.0,2,0,0.0\n"
            "2023,market,0,0,,0,,2,120.00,12.5,0.0,4.62,3,1,33.3,1,1,100.0\n");
}

TEST_F(JobQualityCase, EmployerLevelShowsTheChangeOfEmployer) {
  Deliver();
  QualityTable t = Quality(ScopeLevel::kEmployer);
  // G1 in Q3 2022: P1, P2, P8 = 3. In Q3 2023 anywhere: P1, P2 = 2 (66.7 %);
  // at G1: P1 = 1 (33.3 %). P2 counts for "anywhere" but not "same employer".
  const QualityRow* g1 = t.Find("employer:100000001L01");
  ASSERT_NE(g1, nullptr);
  EXPECT_EQ(g1->persons_q3_previous, 3);
  EXPECT_EQ(g1->retained_anywhere, 2);
  EXPECT_EQ(g1->retained_same_employer, 1);
  // G2 (BZK) in Q3 2022: P3, who stopped: 0 of 1. In Q4 2023 only P4's hired-in
  // 60 h (15 permanent): 25 %, 60 / 1 / 13 = 4.62 h a week.
  const QualityRow* g2 = t.Find("employer:100000002L01");
  EXPECT_EQ(g2->persons_q3_previous, 1);
  EXPECT_EQ(g2->retained_anywhere, 0);
  EXPECT_NEAR(*g2->permanent_pct, 25.0, 1e-9);
  EXPECT_EQ(g2->persons_q4, 1);
  // The agency keeps P4's 60 direct hours.
  EXPECT_EQ(t.Find("employer:100000004L01")->hours_q4, 60 * kMicroPerHour);
  // Rows: total, then every employer of employers.csv sorted by scope name.
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(t.rows[0].scope, "total");
  EXPECT_EQ(t.rows[4].scope, "employer:100000004L01");
}

TEST_F(JobQualityCase, MonthsMissingFromTheDeliveryLeaveFiguresOut) {
  // Without the filler the delivery has no September 2023 payroll (nobody worked
  // then), so Q3 2023 is incomplete: no retention; and 2022 lacks months, so no inflow.
  Deliver(/*with_filler=*/false);
  QualityTable t = Quality(ScopeLevel::kSector);
  EXPECT_FALSE(t.coverage.retention);
  EXPECT_TRUE(t.coverage.q4);
  EXPECT_FALSE(t.coverage.inflow);
  EXPECT_FALSE(t.coverage.inflow_retention);
  EXPECT_FALSE(t.Find("total")->retention_pct.has_value());
  EXPECT_FALSE(t.Find("total")->inflow_pct.has_value());
  EXPECT_EQ(t.Find("total")->persons_q4, 3);
  std::string csv = report::QualityCsv(t);
  EXPECT_NE(csv.find("\n2023,total,,,,,,3,480.00,60.5,20.8,12.31,,,,,,\n"), std::string::npos) << csv;
  std::string text = report::QualityText(t, Provenance{});
  EXPECT_NE(text.find("Behoud niet berekend"), std::string::npos) << text;
}

TEST_F(JobQualityCase, CommandTableAndExplanation) {
  Deliver();
  auto r = testing::RunCommand(std::string(BANENMONITOR_BINARY) + " quality --data " + dir_.path().string() +
                               " --year 2023 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\n2023,government,4,2,50.0,1,25.0,2,360.00,82.7,27.8,13.85,2,1,50.0,2,0,0.0\n"),
            std::string::npos)
      << r.out;
  auto t = testing::RunCommand(std::string(BANENMONITOR_BINARY) + " quality --data " + dir_.path().string() +
                               " --year 2023");
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("duurzaamheid van werk"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("87 %"), std::string::npos) << t.out;  // UWV's national figure beside ours
  auto e = testing::RunCommand(std::string(BANENMONITOR_BINARY) + " quality --data " + dir_.path().string() +
                               " --year 2023 --explain government");
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_NE(e.out.find("2 / 4 = 50,0 %"), std::string::npos) << e.out;
  auto bad = testing::RunCommand(std::string(BANENMONITOR_BINARY) + " quality --data " + dir_.path().string() +
                                 " --year 2023 --explain subsector:rijk");
  EXPECT_EQ(bad.exit_code, 64);
}

// ---------------------------------------------------------------------------
// The per-person walk gives exactly CountJobs' hours and persons per scope.

TEST(QualityPersonMonths, SumsToCountJobsOnRandomDeliveries) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    testing::TempDir dir;
    testing::RandomDelivery(seed).Write(dir, nullptr);
    auto d = LoadDelivery(dir.path(), LoadOptions{});
    ASSERT_TRUE(d.has_value());
    auto params = CountingParams::ForYear(ParameterSet::Embedded(), 2023);
    for (Window w : {Window::kQ1, Window::kQ3, Window::kQ4, Window::kYear}) {
      auto table = CountJobs(*d, CountRequest{2023, w}, *params);
      ASSERT_TRUE(table.has_value());
      const MonthIndex first = MakeMonth(2023, FirstMonthOf(w)), last = first + MonthsIn(w) - 1;
      // Sum the person-months per scope of every level.
      std::map<std::string, std::pair<Hours, Hours>> hours;  // scope -> (direct, hired-in)
      std::map<std::string, std::int64_t> persons;
      count::WalkCountedPersonMonths(*d, first, last, [&](std::span<const count::PersonMonthHours> entries) {
        std::set<std::string> seen;
        for (const auto& e : entries) {
          EXPECT_GT(e.hours(), 0);
          EXPECT_LE(e.permanent + e.temporary, e.hours());
          std::vector<std::string> scopes = {"total"};
          for (ScopeLevel l : count::kLevels) {
            std::string s = count::ScopeOf(d->employers[e.employer], l);
            if (!s.empty()) scopes.push_back(s);
          }
          for (const auto& s : scopes) {
            hours[s].first += e.direct;
            hours[s].second += e.hired_in;
            seen.insert(s);
          }
        }
        for (const auto& s : seen) ++persons[s];
      });
      for (const auto& row : table->rows) {
        SCOPED_TRACE(fmt::format("seed {} window {} scope {}", seed, WindowName(w), row.scope));
        EXPECT_EQ(hours[row.scope].first, row.hours_direct);
        EXPECT_EQ(hours[row.scope].second, row.hours_hired_in);
        EXPECT_EQ(persons[row.scope], row.persons);
      }
    }
  }
}

}  // namespace
}  // namespace banenmonitor
