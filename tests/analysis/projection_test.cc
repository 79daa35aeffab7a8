// The projection (quotum-and-scenarios.md §5; docs/projection.md), checked
// against numbers worked out by hand. The arithmetic is in the comments; no
// expected value here was copied from the program.
#include "banenmonitor/projection.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "report/projection_format.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

// ---------------------------------------------------------------------------
// Student's t quantiles

TEST(ProjectionStatistics, StudentTQuantileMatchesClosedFormsAndTables) {
  // df = 1 (Cauchy): t(p) = tan(π (p − ½)).
  EXPECT_NEAR(StudentTQuantile(0.975, 1), std::tan(std::numbers::pi * 0.475), 1e-8);  // 12.7062
  EXPECT_NEAR(StudentTQuantile(0.90, 1), std::tan(std::numbers::pi * 0.40), 1e-8);    // 3.0777
  // df = 2: t(p) = (2p − 1) / √(2p(1 − p)): p = 0.975 -> 0.95 / √0.04875 = 4.302653
  EXPECT_NEAR(StudentTQuantile(0.975, 2), 0.95 / std::sqrt(2 * 0.975 * 0.025), 1e-8);
  EXPECT_NEAR(StudentTQuantile(0.90, 2), 0.80 / std::sqrt(2 * 0.90 * 0.10), 1e-8);  // 1.885618
  // df = 3 and 30 from the printed t table: 3.182446, 1.637744, 2.042272.
  EXPECT_NEAR(StudentTQuantile(0.975, 3), 3.182446, 1e-6);
  EXPECT_NEAR(StudentTQuantile(0.90, 3), 1.637744, 1e-6);
  EXPECT_NEAR(StudentTQuantile(0.975, 30), 2.042272, 1e-6);
  // Symmetry and the middle.
  EXPECT_NEAR(StudentTQuantile(0.025, 3), -3.182446, 1e-6);
  EXPECT_EQ(StudentTQuantile(0.5, 4), 0.0);
}

// ---------------------------------------------------------------------------
// Least squares on known points

TEST(ProjectionStatistics, LeastSquaresOnThreePoints) {
  // (2020, 10), (2021, 12), (2022, 17)
  // x̄ = 2021, ȳ = 39 / 3 = 13
  // Sxx = 1 + 0 + 1 = 2;  Sxy = (−1)(−3) + 0·(−1) + (1)(4) = 7
  // b = 7 / 2 = 3.5;  ŷ = 9.5, 13, 16.5;  residuals 0.5, −1, 0.5
  // SSE = 0.25 + 1 + 0.25 = 1.5;  s = √(1.5 / 1) = 1.224745
  std::vector<double> x = {2020, 2021, 2022}, y = {10, 12, 17};
  auto fit = FitLine(x, y);
  ASSERT_TRUE(fit.has_value());
  EXPECT_EQ(fit->n, 3);
  EXPECT_DOUBLE_EQ(fit->x_mean, 2021);
  EXPECT_DOUBLE_EQ(fit->y_mean, 13);
  EXPECT_DOUBLE_EQ(fit->sxx, 2);
  EXPECT_DOUBLE_EQ(fit->sxy, 7);
  EXPECT_DOUBLE_EQ(fit->slope, 3.5);
  EXPECT_NEAR(fit->intercept, 13 - 3.5 * 2021, 1e-6);  // a = ȳ − b x̄ = −7060.5
  EXPECT_NEAR(fit->sse, 1.5, 1e-9);
  EXPECT_NEAR(fit->residual_sd, 1.224745, 1e-6);
  EXPECT_DOUBLE_EQ(fit->ValueAt(2026), 30.5);  // 13 + 3.5 × 5
}

TEST(ProjectionStatistics, LeastSquaresOnFivePoints) {
  // (2020..2024; 100, 110, 125, 130, 145): x̄ = 2022, ȳ = 610 / 5 = 122
  // Sxx = 4 + 1 + 0 + 1 + 4 = 10;  Sxy = (−2)(−22) + (−1)(−12) + 0 + (1)(8) + (2)(23) = 110
  // b = 11;  ŷ = 100, 111, 122, 133, 144;  residuals 0, −1, 3, −3, 1;  SSE = 20
  // s = √(20 / 3) = 2.581989
  std::vector<double> x = {2020, 2021, 2022, 2023, 2024}, y = {100, 110, 125, 130, 145};
  auto fit = FitLine(x, y);
  ASSERT_TRUE(fit.has_value());
  EXPECT_DOUBLE_EQ(fit->slope, 11);
  EXPECT_NEAR(fit->sse, 20, 1e-9);
  EXPECT_NEAR(fit->residual_sd, 2.581989, 1e-6);
  // 2026: ŷ = 122 + 11 × 4 = 166;  √(1 + 1/5 + 16/10) = √2.8 = 1.673320
  // 95 %: t(0.975; 3) = 3.182446 -> half width 3.182446 × 2.581989 × 1.673320 = 13.7498
  // 80 %: t(0.90; 3) = 1.637744 -> 1.637744 × 2.581989 × 1.673320 = 7.0759
  Interval wide = PredictionInterval(*fit, 2026, 0.95);
  Interval narrow = PredictionInterval(*fit, 2026, 0.80);
  EXPECT_NEAR(wide.lower, 166 - 13.7498, 1e-3);
  EXPECT_NEAR(wide.upper, 166 + 13.7498, 1e-3);
  EXPECT_NEAR(narrow.lower, 166 - 7.0759, 1e-3);
  EXPECT_NEAR(narrow.upper, 166 + 7.0759, 1e-3);
}

TEST(ProjectionStatistics, IntervalWidthWithThreePoints) {
  // The three points of LeastSquaresOnThreePoints; s = 1.224745, n = 3, Sxx = 2.
  // 2026: x − x̄ = 5;  √(1 + 1/3 + 25/2) = √13.8333 = 3.719319
  // 95 %: t(0.975; 1) = 12.706205 -> half width 12.706205 × 1.224745 × 3.719319 = 57.8795
  // 80 %: t(0.90; 1) = 3.077684 -> 3.077684 × 1.224745 × 3.719319 = 14.0195
  // One degree of freedom makes the 95 % interval 115.8 jobs wide around 30.5:
  // this is what the notes under the table warn about.
  std::vector<double> x = {2020, 2021, 2022}, y = {10, 12, 17};
  auto fit = FitLine(x, y);
  ASSERT_TRUE(fit.has_value());
  Interval wide = PredictionInterval(*fit, 2026, 0.95);
  Interval narrow = PredictionInterval(*fit, 2026, 0.80);
  EXPECT_NEAR(wide.upper - wide.lower, 2 * 57.8795, 2e-3);
  EXPECT_NEAR(narrow.upper - narrow.lower, 2 * 14.0195, 2e-3);
  EXPECT_NEAR((wide.lower + wide.upper) / 2, 30.5, 1e-9);
  // Closer to the points the interval narrows: 2023, x − x̄ = 2:
  // √(1 + 1/3 + 4/2) = 1.825742; 80 %: 3.077684 × 1.224745 × 1.825742 = 6.8819
  Interval near = PredictionInterval(*fit, 2023, 0.80);
  EXPECT_NEAR(near.upper - near.lower, 2 * 6.8819, 2e-3);
}

TEST(ProjectionStatistics, FitLineRejectsTooFewOrEqualYears) {
  std::vector<double> one = {2020}, two_equal = {2020, 2020}, y2 = {1, 2};
  EXPECT_FALSE(FitLine(one, std::vector<double>{1}).has_value());
  EXPECT_FALSE(FitLine(two_equal, y2).has_value());
}

// ---------------------------------------------------------------------------
// The projection from year-end measurements

RealisationTable Measurement(int year, double total_jobs, double government_jobs, double market_jobs) {
  RealisationTable t;
  t.year = year;
  t.window = Window::kQ4;
  t.hours_per_job = 332.75;
  auto row = [&](ScopeLevel level, const char* scope, double jobs) {
    RealisationRow r;
    r.level = level;
    r.scope = scope;
    r.jobs = jobs;
    t.rows.push_back(r);
  };
  row(ScopeLevel::kTotal, "total", total_jobs);
  row(ScopeLevel::kSector, "government", government_jobs);
  row(ScopeLevel::kSector, "market", market_jobs);
  return t;
}

Target T(int year, const char* scope, double baseline, std::optional<double> target) {
  return Target{year, scope, baseline, target};
}

class ProjectionTargets : public ::testing::Test {
 protected:
  void SetUp() override {
    // government: jobs 15, 17, 22 against a baseline of 5 -> extra 10, 12, 17
    //   (the points of LeastSquaresOnThreePoints, two years later)
    // market: jobs 100, 110, 120, baseline 0 -> an exact line, s = 0
    // total: jobs 200, 205, 210 against a baseline of 50 -> extra 150, 155, 160
    measurements_ = {Measurement(2022, 200, 15, 100), Measurement(2023, 205, 17, 110), Measurement(2024, 210, 22, 120)};
    targets_ = {
        T(2022, "government", 5, 8),   T(2023, "government", 5, 15), T(2024, "government", 5, 20),
        T(2025, "government", 5, 30),  // 2026: no row -> the 2025 target is carried
        T(2022, "market", 0, 100),     T(2023, "market", 0, 115),    T(2024, "market", 0, 125),
        T(2025, "market", 0, 135),     T(2026, "market", 0, 139.5),
        T(2022, "total", 50, 140),     T(2023, "total", 50, 145),    T(2024, "total", 50, 150),
    };
    ProjectionRequest request;
    request.to_year = 2026;
    auto p = ProjectRealisations(measurements_, targets_, request);
    ASSERT_TRUE(p.has_value()) << p.error().message();
    table_ = *p;
  }
  std::vector<RealisationTable> measurements_;
  std::vector<Target> targets_;
  ProjectionTable table_;
};

TEST_F(ProjectionTargets, RowsYearsAndExtraJobs) {
  ASSERT_EQ(table_.rows.size(), 3u);
  EXPECT_EQ(table_.rows[0].scope, "total");
  EXPECT_EQ(table_.rows[1].scope, "government");
  EXPECT_EQ(table_.rows[2].scope, "market");
  EXPECT_EQ(table_.measured_years, (std::vector<int>{2022, 2023, 2024}));
  EXPECT_EQ(table_.fit_years, (std::vector<int>{2022, 2023, 2024}));
  const ScopeProjection& gov = table_.rows[1];
  // extra = jobs − baseline (counting.md §3 rule 8): 15 − 5 = 10, 17 − 5 = 12, 22 − 5 = 17
  EXPECT_DOUBLE_EQ(*gov.At(2022)->realised_extra_jobs, 10);
  EXPECT_DOUBLE_EQ(*gov.At(2024)->realised_extra_jobs, 17);
  EXPECT_DOUBLE_EQ(gov.baseline_jobs, 5);
  // path: three measured years, then 2025 and 2026
  ASSERT_EQ(gov.path.size(), 5u);
  EXPECT_FALSE(gov.path[3].measured);
  EXPECT_EQ(gov.path[4].year, 2026);
}

TEST_F(ProjectionTargets, TrendAndIntervalsOfGovernment) {
  const ScopeProjection& gov = table_.rows[1];
  // x̄ = 2023, ȳ = 13, b = 3.5, s = 1.224745 (see LeastSquaresOnThreePoints)
  EXPECT_DOUBLE_EQ(gov.fit.slope, 3.5);
  // 2025: ŷ = 13 + 3.5 × 2 = 20;  80 % half width 3.077684 × 1.224745 × √(1 + 1/3 + 4/2) = 6.8819
  const ProjectionPoint* p2025 = gov.At(2025);
  ASSERT_NE(p2025, nullptr);
  EXPECT_DOUBLE_EQ(*p2025->trend, 20);
  EXPECT_NEAR(p2025->narrow->upper, 26.8819, 1e-3);
  // 2026: ŷ = 13 + 3.5 × 3 = 23.5;  √(1 + 1/3 + 9/2) = 2.415229
  //   80 %: 3.077684 × 1.224745 × 2.415229 = 9.1039 -> 14.3961 .. 32.6039
  //   95 %: 12.706205 × 1.224745 × 2.415229 = 37.5855 -> −14.0855 .. 61.0855
  const ProjectionPoint* p2026 = gov.At(2026);
  EXPECT_DOUBLE_EQ(*p2026->trend, 23.5);
  EXPECT_NEAR(p2026->narrow->lower, 14.3961, 1e-3);
  EXPECT_NEAR(p2026->narrow->upper, 32.6039, 1e-3);
  EXPECT_NEAR(p2026->wide->lower, -14.0855, 1e-3);
  EXPECT_NEAR(p2026->wide->upper, 61.0855, 1e-3);
  EXPECT_NEAR(table_.t_narrow, 3.077684, 1e-6);
  EXPECT_NEAR(table_.t_wide, 12.706205, 1e-6);
}

TEST_F(ProjectionTargets, NotBefore2026WhenTheLineStaysBelowTheTarget) {
  // government: 2024 measured 17 < 20; 2025 trend 20 < 30; 2026 trend 23.5 < 30 (carried).
  const ScopeProjection& gov = table_.rows[1];
  EXPECT_EQ(gov.reach.status, ReachStatus::kNotByHorizon);
  EXPECT_FALSE(gov.reach.year.has_value());
  // The upper 80 % bound: 2025: 26.88 < 30; 2026: 32.60 >= 30 -> 2026.
  EXPECT_EQ(gov.reach.year_early, 2026);
  // The lower 80 % bound: 2025: 20 − 6.88 = 13.12; 2026: 14.40: never -> none.
  EXPECT_FALSE(gov.reach.year_late.has_value());
  // 2026 has no row in targets.csv: the 2025 target (30) is carried.
  EXPECT_TRUE(gov.At(2026)->target_carried);
  EXPECT_DOUBLE_EQ(*gov.At(2026)->target_extra_jobs, 30);
  EXPECT_FALSE(gov.At(2025)->target_carried);
  EXPECT_EQ(report::ReachText(table_, gov.reach), "niet t/m 2026");
}

TEST_F(ProjectionTargets, YearTheTargetIsReached) {
  // market: 100, 110, 120 lie on a line: b = 10, s = 0 (no width).
  // 2024: 120 < 125; 2025: 130 < 135; 2026: 140 >= 139.5 -> reached in 2026.
  const ScopeProjection& market = table_.rows[2];
  EXPECT_DOUBLE_EQ(market.fit.slope, 10);
  EXPECT_DOUBLE_EQ(market.fit.residual_sd, 0);
  EXPECT_EQ(market.reach.status, ReachStatus::kReachedProjected);
  EXPECT_EQ(market.reach.year, 2026);
  // s = 0: both bounds equal the line, so they reach it in the same year.
  EXPECT_EQ(market.reach.year_early, 2026);
  EXPECT_EQ(market.reach.year_late, 2026);
  EXPECT_EQ(report::ReachText(table_, market.reach), "2026");
}

TEST_F(ProjectionTargets, AlreadyReachedAtTheLastMeasurement) {
  // total: extra 2024 = 210 − 50 = 160 >= target 150 -> reached, measured.
  const ScopeProjection& total = table_.rows[0];
  EXPECT_DOUBLE_EQ(*total.At(2024)->realised_extra_jobs, 160);
  EXPECT_EQ(total.reach.status, ReachStatus::kReachedMeasured);
  EXPECT_EQ(total.reach.year, 2024);
  EXPECT_EQ(report::ReachText(table_, total.reach), "al in 2024 (gemeten)");
}

TEST_F(ProjectionTargets, ALaterHorizonFindsTheYear) {
  // government to 2028 with the carried target 30:
  // 2027: 13 + 3.5 × 4 = 27 < 30; 2028: 13 + 3.5 × 5 = 30.5 >= 30 -> 2028.
  ProjectionRequest request;
  request.to_year = 2028;
  auto p = ProjectRealisations(measurements_, targets_, request);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->Find("government")->reach.status, ReachStatus::kReachedProjected);
  EXPECT_EQ(p->Find("government")->reach.year, 2028);
}

TEST(ProjectionInput, FewerThanThreeMeasurementsIsRefused) {
  std::vector<RealisationTable> two = {Measurement(2023, 1, 1, 0), Measurement(2024, 2, 2, 0)};
  auto p = ProjectRealisations(two, {}, ProjectionRequest{});
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().code(), Status::Code::kInvalidInput);
  EXPECT_NE(p.error().message().find("at least 3"), std::string::npos) << p.error().message();
}

TEST(ProjectionInput, UsesOnlyTheLastFiveMeasurements) {
  // Seven years; the first two (2018, 2019) are far off the line and must not count:
  // 2020..2024: extra 100, 110, 125, 130, 145 -> b = 11 (LeastSquaresOnFivePoints).
  std::vector<RealisationTable> m;
  const double jobs[] = {900, -500, 100, 110, 125, 130, 145};
  for (int i = 0; i < 7; ++i) m.push_back(Measurement(2018 + i, jobs[i], jobs[i], 0));
  auto p = ProjectRealisations(m, {}, ProjectionRequest{});
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->fit_years, (std::vector<int>{2020, 2021, 2022, 2023, 2024}));
  EXPECT_DOUBLE_EQ(p->Find("government")->fit.slope, 11);
  EXPECT_FALSE(p->Find("government")->At(2019)->in_fit);
  EXPECT_EQ(p->Find("government")->reach.status, ReachStatus::kNoTarget);
  EXPECT_NEAR(p->t_wide, 3.182446, 1e-6);  // df = 5 − 2 = 3
}

TEST(ProjectionInput, MissingTargetsRowKeepsTheBaselineOfAnotherYear) {
  // government baseline 5 in 2022 and 2024 only; 2023 jobs 17 -> extra 17 − 5 = 12 (not 17).
  std::vector<RealisationTable> m = {Measurement(2022, 0, 15, 0), Measurement(2023, 0, 17, 0),
                                     Measurement(2024, 0, 22, 0)};
  std::vector<Target> t = {T(2022, "government", 5, std::nullopt), T(2024, "government", 5, std::nullopt)};
  auto p = ProjectRealisations(m, t, ProjectionRequest{});
  ASSERT_TRUE(p.has_value());
  const ProjectionPoint* p2023 = p->Find("government")->At(2023);
  EXPECT_DOUBLE_EQ(*p2023->realised_extra_jobs, 12);
  EXPECT_TRUE(p2023->baseline_carried);
  EXPECT_FALSE(p->Find("government")->At(2022)->baseline_carried);
}

// ---------------------------------------------------------------------------
// From a delivery: the engine's own year-end counts

class ProjectionDelivery : public ::testing::Test {
 protected:
  // One job = 332.75 hours in a quarter: 110 + 110 + 112.75 = 332.75 h is exactly 1 job.
  static std::string Q4Rows(const std::string& person, int year) {
    return fmt::format("{0},100000001L01,{1}-10,110,permanent,0\n{0},100000001L01,{1}-11,110,permanent,0\n"
                       "{0},100000001L01,{1}-12,112.75,permanent,0\n",
                       person, year);
  }
  void SetUp() override {
    dir_.Write("employers.csv",
               "employer_id,name,sector,subsector,organisation,lender\n"
               "100000001L01,Gemeente,government,gemeenten,,none\n"
               "100000003L01,Bakker,market,,,none\n");
    dir_.Write("register.csv",
               "person_id,ground,start_date,end_date\n"
               "999900018,wajong,2015-01-01,\n999900031,wajong,2015-01-01,\n"
               "999900043,wajong,2015-01-01,\n999900055,wajong,2015-01-01,\n");
    // 2020: December only (no year-end measurement); 2021: 1 job; 2022: 2 jobs; 2023: 4 jobs.
    std::string payroll = "person_id,employer_id,period,hours,contract,wsw\n999900018,100000001L01,2020-12,100,,0\n";
    payroll += Q4Rows("999900018", 2021);
    payroll += Q4Rows("999900018", 2022) + Q4Rows("999900031", 2022);
    for (const char* p : {"999900018", "999900031", "999900043", "999900055"}) payroll += Q4Rows(p, 2023);
    dir_.Write("payroll.csv", payroll);
  }
  testing::TempDir dir_;
};

TEST_F(ProjectionDelivery, CountsEachYearEndAndFitsTheLine) {
  auto d = LoadDelivery(dir_.path(), LoadOptions{});
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(YearEndMeasurementYears(*d), (std::vector<int>{2021, 2022, 2023}));  // 2020 lacks Oct and Nov
  auto p = Project(*d, ProjectionRequest{}, ParameterSet::Embedded());
  ASSERT_TRUE(p.has_value()) << p.error().message();
  const ScopeProjection* gov = p->Find("government");
  ASSERT_NE(gov, nullptr);
  // government 1, 2, 4 jobs (no targets: baseline 0): x̄ = 2022, ȳ = 7/3,
  // Sxy = (−1)(1 − 7/3) + (1)(4 − 7/3) = 4/3 + 5/3 = 3, Sxx = 2, b = 1.5
  // 2026: ŷ = 7/3 + 1.5 × 4 = 8.3333
  EXPECT_NEAR(*gov->At(2021)->realised_extra_jobs, 1, 1e-12);
  EXPECT_NEAR(*gov->At(2023)->realised_extra_jobs, 4, 1e-12);
  EXPECT_NEAR(gov->fit.slope, 1.5, 1e-9);
  EXPECT_NEAR(*gov->At(2026)->trend, 7.0 / 3 + 6, 1e-9);
  EXPECT_EQ(gov->reach.status, ReachStatus::kNoTarget);
  // market: 0 jobs each year -> a flat line at 0.
  EXPECT_NEAR(*p->Find("market")->At(2026)->trend, 0, 1e-12);
}

TEST_F(ProjectionDelivery, CommandWritesCsvAndRefusesTooFewYears) {
  auto r = testing::RunCommand(std::string(BANENMONITOR_BINARY) + " project --data " + dir_.path().string() +
                               " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("scope,year,kind,realised_extra_jobs,in_fit,trend_extra_jobs,lower_80,upper_80,"
                                "lower_95,upper_95,target_extra_jobs,target_carried,reach_status,reached_year,"
                                "reached_year_80_early,reached_year_80_late\n"))
      << r.out;
  // government 2026: ŷ = 8.3333 -> "8.33"; the rows of a scope end with its reach columns.
  EXPECT_NE(r.out.find("\ngovernment,2026,projected,,,8.33,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\ngovernment,2021,measured,1.00,yes,"), std::string::npos) << r.out;
  // Dutch table with the warning about three points.
  auto t = testing::RunCommand(std::string(BANENMONITOR_BINARY) + " project --data " + dir_.path().string());
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("Let op: met 3 metingen"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("geen opgave"), std::string::npos) << t.out;
  // --explain prints the steps of one scope.
  auto e = testing::RunCommand(std::string(BANENMONITOR_BINARY) + " project --data " + dir_.path().string() +
                               " --explain government");
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_NE(e.out.find("helling b = Sxy / Sxx = 1,5000"), std::string::npos) << e.out;
  // Two year-ends are not enough: exit code 2 with the reason.
  testing::TempDir two;
  two.Write("employers.csv", testing::ReadFile(dir_.path() / "employers.csv"));
  two.Write("register.csv", testing::ReadFile(dir_.path() / "register.csv"));
  two.Write("payroll.csv", "person_id,employer_id,period,hours,contract,wsw\n" + Q4Rows("999900018", 2022) +
                               Q4Rows("999900018", 2023));
  auto f = testing::RunCommand(std::string(BANENMONITOR_BINARY) + " project --data " + two.path().string());
  EXPECT_EQ(f.exit_code, 2);
  EXPECT_NE(f.err.find("at least 3 year-end measurements"), std::string::npos) << f.err;
}

}  // namespace
}  // namespace banenmonitor
