// The law change as a scenario (include/banenmonitor/scenario.h): one national
// target, social return for the buyer, the inclusiviteitsopslag with its
// small-employer exemption, the banenafspraakbonus, and "cannot be computed"
// without wages. Every expectation is worked out by hand in the comments.
#include "banenmonitor/scenario.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "report/scenario_format.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

using testing::TempDir;

constexpr double kEps = 1e-9;

ScenarioResult RunIn(const TempDir& dir, const ScenarioRequest& request) {
  auto d = LoadDelivery(dir.path(), ScenarioLoadOptions(request));
  EXPECT_TRUE(d.has_value());
  if (!d) return {};
  for (const auto& f : d->findings) {
    if (f.severity == Finding::Severity::kError) ADD_FAILURE() << f.ToString();
  }
  auto r = RunScenario(*d, request, ParameterSet::Embedded());
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message());
  return r ? std::move(*r) : ScenarioResult{};
}

ScenarioRequest Request(int year) {
  ScenarioRequest q;
  q.year = year;
  return q;
}

// Wet banenafspraak art. 6 lid 1: with activation assumed in Y - 2, the
// surcharge and the bonus are due in Y.
ScenarioRequest Activated(int year) {
  ScenarioRequest q = Request(year);
  q.activation_year = year - 2;
  return q;
}

const char* const kScenarioEmployers =
    "employer_id,name,sector,subsector,organisation,lender\n"
    "100000001L01,Gemeente Voorbeeld,government,gemeenten,,none\n"
    "100000002L01,Ministerie BZK,government,rijk,BZK,none\n"
    "100000003L01,Bakkerij Markt BV,market,,,none\n"
    "100000004L01,Flex Uitzendbureau,market,,,agency\n";

// ---------------------------------------------------------------------------
// One sector, one national target (Kamerstuk 36 449 art. 4)

// Q4 2023: 999900018 works 110.75 + 111 + 111 = 332.75 h at the gemeente
// (1 job); 999900031 works 221.5 + 222 + 222 = 665.5 h at the Bakkerij
// (2 jobs). Total 998.25 h = 3 jobs.
void WriteThreeJobs(const TempDir& dir, const std::string& targets) {
  dir.Write("employers.csv", kScenarioEmployers);
  dir.Write("register.csv",
            "person_id,ground,start_date,end_date\n"
            "999900018,wajong,2015-01-01,\n"
            "999900031,indicatie,2015-01-01,\n");
  dir.Write("payroll.csv",
            "person_id,employer_id,period,hours,contract,wsw\n"
            "999900018,100000001L01,2023-10,110.75,permanent,0\n"
            "999900018,100000001L01,2023-11,111,permanent,0\n"
            "999900018,100000001L01,2023-12,111,permanent,0\n"
            "999900031,100000003L01,2023-10,221.5,permanent,0\n"
            "999900031,100000003L01,2023-11,222,permanent,0\n"
            "999900031,100000003L01,2023-12,222,permanent,0\n");
  dir.Write("targets.csv", "year,scope,baseline_jobs,target_extra_jobs\n" + targets);
}

TEST(ScenarioTarget, OneSectorTargetIsTheSumOfTheTwoSectorTargets) {
  TempDir dir;
  WriteThreeJobs(dir, "2023,market,1.00,3.00\n2023,government,0.50,2.00\n");
  ScenarioResult s = RunIn(dir, Request(2023));

  // Current: two targets. Market (2 - 1) / 3 = 33.33 %; government (1 - 0.5) / 2 = 25 %.
  const RealisationTable& cur = s.current.table;
  EXPECT_EQ(s.current.national, NationalTarget::kTwoSectors);
  EXPECT_NEAR(cur.Find("market")->jobs, 2.0, kEps);
  EXPECT_NEAR(*cur.Find("market")->realisation_pct, 100.0 / 3.0, 1e-9);
  EXPECT_NEAR(*cur.Find("government")->realisation_pct, 25.0, 1e-9);
  EXPECT_FALSE(cur.Find("total")->target_extra_jobs.has_value());

  // 2026: one target on the total: baseline 1.00 + 0.50 = 1.50, target 3.00 +
  // 2.00 = 5.00; extra 3 - 1.5 = 1.5; realisation 1.5 / 5 x 100 = 30 %.
  const RealisationTable& law = s.law2026.table;
  EXPECT_EQ(s.law2026.national, NationalTarget::kSumOfSectors);
  const RealisationRow* total = law.Find("total");
  EXPECT_NEAR(total->jobs, 3.0, kEps);
  EXPECT_NEAR(total->baseline_jobs, 1.5, kEps);
  EXPECT_NEAR(*total->target_extra_jobs, 5.0, kEps);
  EXPECT_NEAR(total->extra_jobs, 1.5, kEps);
  EXPECT_NEAR(*total->realisation_pct, 30.0, 1e-9);
  // The sectors are still reported (art. 4 lid 4) but have no target of their own.
  for (const char* scope : {"market", "government", "subsector:gemeenten", "subsector:rijk"}) {
    const RealisationRow* r = law.Find(scope);
    ASSERT_NE(r, nullptr) << scope;
    EXPECT_FALSE(r->target_extra_jobs.has_value()) << scope;
    EXPECT_FALSE(r->realisation_pct.has_value()) << scope;
  }
  // The baseline stays: government 1 - 0.5 = 0.5 extra jobs.
  EXPECT_NEAR(law.Find("government")->extra_jobs, 0.5, kEps);

  // The CSV prints it: 3.00 jobs, baseline 1.50, extra 1.50, target 5.00, 30.0 %.
  std::array<Regime, 1> regimes = {Regime::kWetBanenafspraak2026};
  std::string csv = report::ScenarioRealisationCsv(s, regimes);
  EXPECT_NE(csv.find("2023,q4,wet-banenafspraak-2026,counts-for-contractor,total,2,998.25,0.00,3.00,1.50,1.50,5.00,30.0\n"),
            std::string::npos)
      << csv;
}

TEST(ScenarioTarget, TotalRowIsUsedWhenASectorTargetIsMissing) {
  TempDir dir;
  // No market target: the total row of targets.csv (baseline 2, target 4) is used.
  // extra 3 - 2 = 1; 1 / 4 x 100 = 25 %.
  WriteThreeJobs(dir, "2023,government,0.50,2.00\n2023,total,2.00,4.00\n");
  ScenarioResult s = RunIn(dir, Request(2023));
  EXPECT_EQ(s.law2026.national, NationalTarget::kTotalRow);
  const RealisationRow* total = s.law2026.table.Find("total");
  EXPECT_NEAR(total->baseline_jobs, 2.0, kEps);
  EXPECT_NEAR(*total->realisation_pct, 25.0, 1e-9);
}

TEST(ScenarioTarget, NoNationalTargetWithoutBothSectorsOrATotalRow) {
  TempDir dir;
  // Only a government target: no national target, no percentage; the baseline
  // is what is delivered (0 + 0.5), so extra = 3 - 0.5 = 2.5.
  WriteThreeJobs(dir, "2023,government,0.50,2.00\n");
  ScenarioResult s = RunIn(dir, Request(2023));
  EXPECT_EQ(s.law2026.national, NationalTarget::kNone);
  const RealisationRow* total = s.law2026.table.Find("total");
  EXPECT_FALSE(total->target_extra_jobs.has_value());
  EXPECT_FALSE(total->realisation_pct.has_value());
  EXPECT_NEAR(total->extra_jobs, 2.5, kEps);
  Provenance p;
  EXPECT_NE(report::ScenarioCompareText(s, p).find("Opgave nieuwe wet: niet te bepalen"), std::string::npos);
}

// ---------------------------------------------------------------------------
// Social return (quotum-and-scenarios.md §4)

// The delivery of tests/cases/sroi_counts_for_buyer_capped.case: 100 h of
// social return reach the buyers (gemeente 30 + 40, BZK 30) after the cap.
void WriteSroi(const TempDir& dir) {
  dir.Write("employers.csv", kScenarioEmployers);
  dir.Write("register.csv", "person_id,ground,start_date,end_date\n999900067,participatiewet,2021-03-01,\n");
  dir.Write("payroll.csv",
            "person_id,employer_id,period,hours,contract,wsw\n"
            "999900067,100000004L01,2023-10,100,temporary,0\n"
            "999900067,100000004L01,2023-11,100,temporary,0\n"
            "999900067,100000004L01,2023-12,100,temporary,0\n");
  dir.Write("hire_in.csv",
            "person_id,lender_id,hirer_id,period,hours\n"
            "999900067,100000004L01,100000003L01,2023-10,40\n"
            "999900067,100000004L01,100000003L01,2023-12,100\n");
  dir.Write("sroi.csv",
            "person_id,contractor_id,buyer_id,period,hours\n"
            "999900067,100000004L01,100000001L01,2023-10,45\n"
            "999900067,100000004L01,100000002L01,2023-10,45\n"
            "999900067,100000004L01,100000001L01,2023-11,40\n"
            "999900067,100000004L01,100000002L01,2023-12,50\n");
  dir.Write("targets.csv", "year,scope,baseline_jobs,target_extra_jobs\n2023,government,0,1.00\n");
}

TEST(ScenarioSroi, ShiftFromMarketToGovernmentAfterTheCap) {
  TempDir dir;
  WriteSroi(dir);
  for (bool for_buyer : {false, true}) {
    ScenarioRequest q = Request(2023);
    q.sroi_counts_for_buyer = for_buyer;
    ScenarioResult s = RunIn(dir, q);
    // Both ways the shift is reported: government 0 h without, 30 + 40 + 30 =
    // 100 h with; market 300 h without, 200 h with. 100 / 332.75 = 0.3005 jobs.
    EXPECT_TRUE(s.sroi.delivered);
    EXPECT_EQ(s.sroi.cells, 4);
    EXPECT_EQ(s.sroi.hours_moved, 100 * kMicroPerHour);
    EXPECT_EQ(s.sroi.government_without.hours, 0);
    EXPECT_EQ(s.sroi.government_with.hours, 100 * kMicroPerHour);
    EXPECT_EQ(s.sroi.market_without.hours, 300 * kMicroPerHour);
    EXPECT_EQ(s.sroi.market_with.hours, 200 * kMicroPerHour);
    EXPECT_NEAR(s.sroi.jobs_to_government, 100.0 / 332.75, 1e-12);
    // With social return the government realises 0.3005 / 1.00 = 30.05 %.
    EXPECT_NEAR(*s.sroi.government_with.realisation_pct, 100.0 / 332.75 * 100, 1e-9);
    // The regimes' tables follow the option.
    const RealisationRow* gov = s.current.table.Find("government");
    EXPECT_EQ(gov->hours, for_buyer ? 100 * kMicroPerHour : 0);
    EXPECT_EQ(gov->hours_sroi, for_buyer ? 100 * kMicroPerHour : 0);
    EXPECT_EQ(s.law2026.table.Find("government")->hours, gov->hours);
  }
}

TEST(ScenarioSroi, WithoutSroiFileNothingMoves) {
  TempDir dir;
  WriteThreeJobs(dir, "");
  ScenarioResult s = RunIn(dir, Request(2023));
  EXPECT_FALSE(s.sroi.delivered);
  EXPECT_EQ(s.sroi.hours_moved, 0);
  EXPECT_EQ(s.sroi.government_with.hours, s.sroi.government_without.hours);
  Provenance p;
  EXPECT_NE(report::ScenarioCompareText(s, p).find("geen sroi.csv"), std::string::npos);
}

// ---------------------------------------------------------------------------
// Inclusiviteitsopslag (art. 6) and banenafspraakbonus (Wtl art. 2.13 lid 2)

// Year 2024, employer_hours.csv with twelve months for three employers:
//   Bakkerij  (market)     40,575 h, wage 942,500.00 (12 x 3,381.25 h; 11 x 78,541.67 + 78,541.63)
//   Schoonmaak (market)    40,576 h, wage 942,500.01 (11 x 3,381.25 + 3,382.25 h;
//                                    11 x 78,541.67 + 78,541.64)
//   BZK (government)      120,000 h (of which Wsw 12,000), wage 3,000,000.00
//                                   (12 x 10,000 h, 1,000 Wsw, 250,000.00)
// No one earns above the maximum premium wage of 2024 (EUR 71,628 per 1,623
// h: EUR 44.13 an hour; here at most EUR 25): the capped wage is the wage.
// The small-employer line (art. 6 lid 3, Wfsv art. 36) is 25 x UWV's average
// premium wage per employee of 2024, EUR 37,700 = 942,500.00 (12 months of 12).
//   Bakkerij:   942,500.00 <= 942,500.00 -> small: no surcharge ("at most").
//   Schoonmaak: 942,500.01 >  942,500.00 -> surcharge on the whole wage
//               (no lent or Wsw staff): 0.5 % x 942,500.01 = 4,712.50005 -> 4,712.50.
//   BZK:        base = 3,000,000.00 x (120,000 - 12,000) / 120,000 = 2,700,000.00
//               (Wsw staff's wage out, pro rata); 0.5 % x 2,700,000.00 = 13,500.00.
// Activation assumed in 2022 (--activation-year): surcharge and bonus are due
// from 1 January 2024 (art. 6 lid 1).
// Bonus: 999900018 (wajong) works 100 h in each of October-December 2024 at
// BZK: 300 counted hours x EUR 5,000 / 1,331 h = 1,126.972... -> 1,126.97 (the
// design value valid from 2026 applies to 2024 in the scenario).
// Net BZK = 13,500.00 - 1,126.97 = 12,373.03.
// Old levy of BZK (quotum module): A = 108,000 h; B = 2.76 % (2024); A x B =
// 2,980.8 h; C = 300 h; (2,980.8 - 300) / 1,331 = 2.014 -> 2.0 jobs short
// (rounded down) -> 2.0 x 5,000 = EUR 10,000. The market has no percentage: no levy.
std::string TwelveMonths(const std::string& employer, const std::string& hours, const std::string& wsw,
                         const std::string& wage, const std::string& december_hours = "",
                         const std::string& december_wage = "") {
  std::string out;
  for (int m = 1; m <= 12; ++m) {
    bool dec = m == 12 && !december_hours.empty();
    out += fmt::format("{},2024-{:02d},{},0,{},{}\n", employer, m, dec ? december_hours : hours, wsw,
                       dec ? december_wage : wage);
  }
  return out;
}

void WriteWages(const TempDir& dir, const std::string& employer_hours) {
  dir.Write("employers.csv",
            "employer_id,name,sector,subsector,organisation,lender\n"
            "100000002L01,Ministerie BZK,government,rijk,BZK,none\n"
            "100000003L01,Bakkerij Markt BV,market,,,none\n"
            "100000006L01,Schoonmaak BV,market,,,none\n");
  dir.Write("register.csv", "person_id,ground,start_date,end_date\n999900018,wajong,2015-01-01,\n");
  dir.Write("payroll.csv",
            "person_id,employer_id,period,hours,contract,wsw\n"
            "999900018,100000002L01,2024-10,100,permanent,0\n"
            "999900018,100000002L01,2024-11,100,permanent,0\n"
            "999900018,100000002L01,2024-12,100,permanent,0\n");
  dir.Write("employer_hours.csv", "employer_id,period,hours,agency_staff_hours,wsw_hours,wage\n" + employer_hours);
}

std::string FullWages() {
  return TwelveMonths("100000002L01", "10000", "1000", "250000") +
         TwelveMonths("100000003L01", "3381.25", "0", "78541.67", "3381.25", "78541.63") +
         TwelveMonths("100000006L01", "3381.25", "0", "78541.67", "3382.25", "78541.64");
}

const EmployerEffect& Find(const ScenarioResult& s, std::string_view id) {
  for (const auto& e : s.employers.rows) {
    if (e.employer_id == id) return e;
  }
  ADD_FAILURE() << "no employer " << id;
  static EmployerEffect none;
  return none;
}

TEST(ScenarioSurcharge, SmallEmployerAtTheLineIsExemptAndOneEuroMoreIsNot) {
  TempDir dir;
  WriteWages(dir, FullWages());
  ScenarioRequest q = Activated(2024);
  q.opslag_ppm = 5'000;  // 0.5 %
  ScenarioResult s = RunIn(dir, q);
  const WageBasis& w = s.employers.wages;
  EXPECT_TRUE(w.any_wage);
  EXPECT_EQ(w.source, WageSource::kEmployerHours);
  EXPECT_EQ(w.months, 12);
  EXPECT_EQ(w.wage_cents, 488'500'001);
  EXPECT_EQ(w.hours, 201'151 * kMicroPerHour);
  EXPECT_EQ(*w.average_wage_per_employee_cents, 3'770'000);  // 37,700.00 (UWV, 2024)
  EXPECT_EQ(*w.small_threshold_cents, 94'250'000);           // 942,500.00

  const EmployerEffect& bakkerij = Find(s, "100000003L01");
  EXPECT_TRUE(bakkerij.small_employer);
  EXPECT_EQ(*bakkerij.surcharge_cents, 0);
  EXPECT_FALSE(bakkerij.levy_cents.has_value());
  EXPECT_EQ(bakkerij.bonus_cents, 0);
  EXPECT_EQ(*bakkerij.net_cents, 0);

  const EmployerEffect& schoonmaak = Find(s, "100000006L01");
  EXPECT_FALSE(schoonmaak.small_employer);
  EXPECT_EQ(*schoonmaak.capped_wage_cents, 94'250'001);
  EXPECT_EQ(*schoonmaak.base_cents, 94'250'001);
  EXPECT_EQ(*schoonmaak.surcharge_cents, 471'250);  // 4,712.50

  const EmployerEffect& bzk = Find(s, "100000002L01");
  EXPECT_FALSE(bzk.small_employer);
  EXPECT_EQ(bzk.hours_all, 120'000 * kMicroPerHour);
  EXPECT_EQ(bzk.hours_lent_wsw, 12'000 * kMicroPerHour);
  EXPECT_EQ(*bzk.base_cents, 270'000'000);
  EXPECT_EQ(*bzk.surcharge_cents, 1'350'000);  // 13,500.00
  EXPECT_EQ(bzk.bonus_hours, 300 * kMicroPerHour);
  EXPECT_EQ(bzk.bonus_cents, 112'697);          // 1,126.97
  EXPECT_EQ(*bzk.net_cents, 1'237'303);         // 12,373.03
  EXPECT_TRUE(bzk.liable);
  EXPECT_EQ(*bzk.shortfall_tenths, 20);
  EXPECT_EQ(*bzk.levy_cents, 1'000'000);        // 10,000.00

  // Totals: surcharge 0 + 4,712.50 + 13,500 = 18,212.50; bonus 1,126.97; levy 10,000.
  EXPECT_EQ(*s.employers.surcharge_cents, 1'821'250);
  EXPECT_EQ(s.employers.bonus_cents, 112'697);
  EXPECT_EQ(s.employers.levy_cents, 1'000'000);
  // By levy: BZK first; then the surcharge orders Schoonmaak before Bakkerij.
  auto order = s.employers.ByLevy();
  EXPECT_EQ(s.employers.rows[order[0]].employer_id, "100000002L01");
  EXPECT_EQ(s.employers.rows[order[1]].employer_id, "100000006L01");
  EXPECT_EQ(s.employers.rows[order[2]].employer_id, "100000003L01");
}

// Wet banenafspraak art. 12 (with Wfsv art. 122na): the old levy exists only
// for years counted by the Wfsv. The same delivery moved from 2024 to 2026: in
// 2024 the Ministerie (A = 120,000 - 12,000 h, C = 300 h, B = 2.76 %) has a
// computed (never charged) levy; in 2026 no employer has a levy or shortfall.
TEST(ScenarioOldLevy, NoOldLevyForAYearOfTheWetBanenafspraak) {
  TempDir dir;
  WriteWages(dir, FullWages());
  ScenarioResult before = RunIn(dir, Request(2024));
  EXPECT_TRUE(before.old_levy_applies);
  EXPECT_TRUE(Find(before, "100000002L01").levy_cents.has_value());
  EXPECT_GT(before.employers.levy_cents, 0);

  TempDir later;
  auto moved = [](std::string text) {
    for (std::size_t at; (at = text.find("2024-")) != std::string::npos;) text.replace(at, 5, "2026-");
    return text;
  };
  later.Write("employers.csv", testing::ReadFile(dir.path() / "employers.csv"));
  later.Write("register.csv", testing::ReadFile(dir.path() / "register.csv"));
  later.Write("payroll.csv", moved(testing::ReadFile(dir.path() / "payroll.csv")));
  later.Write("employer_hours.csv", moved(testing::ReadFile(dir.path() / "employer_hours.csv")));
  ScenarioResult after = RunIn(later, Request(2026));
  EXPECT_FALSE(after.old_levy_applies);
  EXPECT_EQ(after.employers.levy_cents, 0);
  for (const EmployerEffect& e : after.employers.rows) {
    EXPECT_FALSE(e.levy_cents.has_value()) << e.employer_id;
    EXPECT_FALSE(e.shortfall_tenths.has_value()) << e.employer_id;
    EXPECT_FALSE(e.levy_charged) << e.employer_id;
  }
}

TEST(ScenarioSurcharge, BonusPerHourCanBeOverridden) {
  TempDir dir;
  WriteWages(dir, FullWages());
  ScenarioRequest q = Activated(2024);
  q.opslag_ppm = 5'000;
  q.bonus_micro_eur_per_hour = 5 * kMicroEuroPerEuro;  // EUR 5.00 x 300 h = 1,500.00
  ScenarioResult s = RunIn(dir, q);
  const EmployerEffect& bzk = Find(s, "100000002L01");
  EXPECT_EQ(bzk.bonus_cents, 150'000);
  EXPECT_EQ(*bzk.net_cents, 1'350'000 - 150'000);  // 13,500.00 - 1,500.00 = 12,000.00
  EXPECT_EQ(s.params.bonus_basis, "--bonus-per-hour");
}

TEST(ScenarioSurcharge, NoWagesMeansTheSurchargeCannotBeComputed) {
  TempDir dir;
  // employer_hours.csv without a wage: hours only.
  WriteWages(dir, "");
  dir.Write("employer_hours.csv",
            "employer_id,period,hours,agency_staff_hours,wsw_hours\n"
            "100000002L01,2024-12,10000,0,1000\n"
            "100000003L01,2024-12,3000,0,0\n");
  ScenarioRequest q = Activated(2024);
  q.opslag_ppm = 5'000;
  ScenarioResult s = RunIn(dir, q);
  EXPECT_FALSE(s.employers.wages.any_wage);
  EXPECT_FALSE(s.employers.surcharge_cents.has_value());
  for (const auto& e : s.employers.rows) {
    EXPECT_EQ(e.wage_status, WageStatus::kMissing) << e.employer_id;
    EXPECT_FALSE(e.surcharge_cents.has_value()) << e.employer_id;
    EXPECT_FALSE(e.net_cents.has_value()) << e.employer_id;
  }
  // The bonus needs no wage: 300 h x 5,000 / 1,331 = 1,126.97.
  EXPECT_EQ(Find(s, "100000002L01").bonus_cents, 112'697);
  Provenance p;
  std::string text = report::ScenarioCompareText(s, p);
  EXPECT_NE(text.find("Inclusiviteitsopslag niet te berekenen: employer_hours.csv bevat voor 2024 geen premieplichtig loon"),
            std::string::npos)
      << text;
  std::string csv = report::ScenarioEmployersCsv(s);
  // wage, base, small_employer, surcharge and net stay empty; no invented numbers.
  // BZK: A = 10,000 - 1,000 = 9,000 h < 40,575: not liable, shortfall 0.0, levy 0.
  EXPECT_NE(csv.find("2024,100000002L01,government,rijk,no,0.0,0,no,missing,,,10000.00,1000.00,,,,300.00,1126.97,\n"),
            std::string::npos)
      << csv;
}

TEST(ScenarioSurcharge, NoEmployerHoursAndNoPayrollWageNamesPayroll) {
  TempDir dir;
  WriteWages(dir, "");
  std::filesystem::remove(dir.path() / "employer_hours.csv");
  ScenarioRequest q = Request(2024);
  q.opslag_ppm = 5'000;
  ScenarioResult s = RunIn(dir, q);
  EXPECT_EQ(s.employers.wages.source, WageSource::kPayroll);
  EXPECT_FALSE(s.employers.wages.any_wage);
  Provenance p;
  EXPECT_NE(report::ScenarioText(s, Regime::kWetBanenafspraak2026, p).find("niet te berekenen: payroll.csv"),
            std::string::npos);
}

TEST(ScenarioSurcharge, AnEmployerWithAMonthWithoutWageIsNotComputed) {
  TempDir dir;
  // As FullWages, but the Schoonmaak's March row has an empty wage: its wage
  // is partial, it gets no surcharge and it is left out of W (942,500.00 +
  // 3,000,000.00); the line is UWV's, 942,500.00, whatever W.
  std::string rows = TwelveMonths("100000002L01", "10000", "1000", "250000") +
                     TwelveMonths("100000003L01", "3381.25", "0", "78541.67", "3381.25", "78541.63");
  std::string schoonmaak = TwelveMonths("100000006L01", "3381.25", "0", "78541.67", "3382.25", "78541.64");
  auto at = schoonmaak.find("2024-03,3381.25,0,0,78541.67");
  ASSERT_NE(at, std::string::npos);
  schoonmaak.replace(at, 28, "2024-03,3381.25,0,0,");
  WriteWages(dir, rows + schoonmaak);
  ScenarioRequest q = Activated(2024);
  q.opslag_ppm = 5'000;
  ScenarioResult s = RunIn(dir, q);
  const EmployerEffect& e = Find(s, "100000006L01");
  EXPECT_EQ(e.wage_status, WageStatus::kPartial);
  EXPECT_FALSE(e.surcharge_cents.has_value());
  EXPECT_EQ(s.employers.wages.employers_with_wage, 2);
  EXPECT_EQ(s.employers.wages.wage_cents, 394'250'000);
  EXPECT_EQ(*s.employers.wages.small_threshold_cents, 94'250'000);
  EXPECT_FALSE(s.employers.surcharge_cents.has_value());  // the total cannot be complete
}

TEST(ScenarioSurcharge, WithoutAPercentageTheSmallEmployerTestStillShows) {
  TempDir dir;
  WriteWages(dir, FullWages());
  ScenarioResult s = RunIn(dir, Activated(2024));  // no --opslag
  const EmployerEffect& bakkerij = Find(s, "100000003L01");
  EXPECT_TRUE(bakkerij.small_employer);
  EXPECT_FALSE(bakkerij.surcharge_cents.has_value());
  EXPECT_EQ(*Find(s, "100000002L01").base_cents, 270'000'000);
  Provenance p;
  EXPECT_NE(report::ScenarioCompareText(s, p).find("geen percentage opgegeven"), std::string::npos);
}

TEST(ScenarioSurcharge, PartOfTheYearScalesTheSmallEmployerLine) {
  TempDir dir;
  // Only December 2024: the line is 25 x 37,700.00 x 1 / 12 = 78,541.666...
  // (shown 78,541.67). The Bakkerij's December wage 78,541.66 is below it
  // (small); the Schoonmaak's 78,541.67 is above.
  WriteWages(dir,
             "100000002L01,2024-12,10000,0,1000,250000\n"
             "100000003L01,2024-12,3381.25,0,0,78541.66\n"
             "100000006L01,2024-12,3382.25,0,0,78541.67\n");
  ScenarioRequest q = Activated(2024);
  q.opslag_ppm = 5'000;
  ScenarioResult s = RunIn(dir, q);
  EXPECT_EQ(s.employers.wages.months, 1);
  EXPECT_EQ(*s.employers.wages.small_threshold_cents, 7'854'167);
  EXPECT_TRUE(Find(s, "100000003L01").small_employer);
  EXPECT_FALSE(Find(s, "100000006L01").small_employer);
  // 0.5 % x 78,541.67 = 392.70835 -> 392.71.
  EXPECT_EQ(*Find(s, "100000006L01").surcharge_cents, 39'271);
}

// ---------------------------------------------------------------------------
// Parameters and parsing

TEST(ScenarioParams, NewLawValuesApplyToEarlierYearsAndCanBeOverridden) {
  auto p = ScenarioParams::ForYear(ParameterSet::Embedded(), 2023, std::nullopt, std::nullopt);
  ASSERT_TRUE(p.has_value()) << p.error().message();
  // The design value: EUR 5,000 per job of 1,331 h, valid from 2026-01-01.
  EXPECT_EQ(p->bonus_micro_eur, 5'000 * kMicroEuroPerEuro);
  EXPECT_EQ(p->bonus_unit_hours, 1'331 * kMicroPerHour);
  EXPECT_TRUE(p->bonus_is_design);
  EXPECT_EQ(p->bonus_valid_from, "2026-01-01");
  EXPECT_EQ(p->small_employer_hours, 40'575 * kMicroPerHour);
  EXPECT_EQ(p->hours_per_employee_year, 1'623 * kMicroPerHour);
  auto q = ScenarioParams::ForYear(ParameterSet::Embedded(), 2023, 5'000, 4'000'000);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->bonus_micro_eur, 4'000'000);
  EXPECT_EQ(q->bonus_unit_hours, kMicroPerHour);
  EXPECT_FALSE(q->bonus_is_design);
  EXPECT_EQ(*q->opslag_ppm, 5'000);
}

// Wet banenafspraak art. 5 and 6 lid 1: not activated in the parameter file,
// so nothing is due; an assumed activation in X makes X and X + 1 free and X + 2 due.
TEST(ScenarioParams, ActivationDecidesFromWhenTheQuotumregelingIsDue) {
  const ParameterSet& set = ParameterSet::Embedded();
  auto none = ScenarioParams::ForYear(set, 2030, std::nullopt, std::nullopt);
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->activation.source, ActivationSource::kNone);
  EXPECT_FALSE(none->activation.year.has_value());
  EXPECT_FALSE(none->quotumregeling_due);
  for (int y : {2026, 2027, 2028}) {
    auto p = ScenarioParams::ForYear(set, y, std::nullopt, std::nullopt, 2026);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->activation.source, ActivationSource::kAssumed);
    EXPECT_EQ(*p->activation.FirstYearDue(), 2028);
    EXPECT_EQ(p->quotumregeling_due, y == 2028) << y;
  }
}

TEST(ScenarioSurcharge, WithoutActivationNoSurchargeAndNoBonus) {
  TempDir dir;
  WriteWages(dir, FullWages());
  ScenarioRequest q = Request(2024);
  q.opslag_ppm = 5'000;
  ScenarioResult s = RunIn(dir, q);
  EXPECT_FALSE(s.employers.due);
  const EmployerEffect& bzk = Find(s, "100000002L01");
  EXPECT_EQ(*bzk.base_cents, 270'000'000);  // the base is still shown
  EXPECT_EQ(*bzk.surcharge_cents, 0);
  EXPECT_EQ(bzk.bonus_cents, 0);
  EXPECT_EQ(*bzk.net_cents, 0);
  EXPECT_EQ(*s.employers.surcharge_cents, 0);
  EXPECT_EQ(s.employers.bonus_cents, 0);
  Provenance p;
  EXPECT_NE(report::ScenarioCompareText(s, p).find("Quotumregeling niet geactiveerd (Wet banenafspraak art. 5"),
            std::string::npos);
}

TEST(ScenarioParams, ParsesScaledDecimalsAndRegimes) {
  EXPECT_EQ(ParseScaledDecimal("0.5", 4), 5'000);
  EXPECT_EQ(ParseScaledDecimal("0.125", 4), 1'250);
  EXPECT_EQ(ParseScaledDecimal("3.77", 6), 3'770'000);
  EXPECT_EQ(ParseScaledDecimal("2", 4), 20'000);
  EXPECT_FALSE(ParseScaledDecimal("0.12345", 4).has_value());
  EXPECT_FALSE(ParseScaledDecimal("-1", 4).has_value());
  EXPECT_FALSE(ParseScaledDecimal("1,5", 4).has_value());
  EXPECT_FALSE(ParseScaledDecimal("", 4).has_value());
  EXPECT_EQ(ParseRegime("current"), Regime::kCurrent);
  EXPECT_EQ(ParseRegime("wet-banenafspraak-2026"), Regime::kWetBanenafspraak2026);
  EXPECT_FALSE(ParseRegime("2026").has_value());
}

// ---------------------------------------------------------------------------
// The commands

std::string Binary() { return BANENMONITOR_BINARY; }

// A delivery with every government subsector, market employers and more than
// ten employers: the compare screen must still fit (<= 40 lines, <= 100 columns).
void WriteWideDelivery(const TempDir& dir) {
  const char* subsectors[] = {"rijk", "gemeenten", "provincies", "waterschappen", "defensie", "politie", "rechtspraak",
                              "po", "vo", "mbo", "hbo", "wo", "umc", "onderzoek", "overig"};
  std::string employers = "employer_id,name,sector,subsector,organisation,lender\n";
  std::string hours = "employer_id,period,hours,agency_staff_hours,wsw_hours,wage\n";
  std::string payroll = "person_id,employer_id,period,hours,contract,wsw\n";
  std::string reg = "person_id,ground,start_date,end_date\n";
  for (int i = 0; i < 18; ++i) {
    std::string id = fmt::format("{:09d}L01", 200000000 + i);
    bool gov = i < 15;
    employers += fmt::format("{},Werkgever met een tamelijk lange naam {},{},{},,none\n", id, i,
                             gov ? "government" : "market", gov ? subsectors[i] : "");
    for (int m = 1; m <= 12; ++m) {
      hours += fmt::format("{},2024-{:02d},{},0,0,{}\n", id, m, 5000 + 1000 * i, (5000 + 1000 * i) * 30);
    }
    std::string person = fmt::format("{:064x}", 0xabc000 + i);  // pseudonymised ids (64 hex digits)
    reg += person + ",wajong,2015-01-01,\n";
    for (int m = 10; m <= 12; ++m) payroll += fmt::format("{},{},2024-{},{},permanent,0\n", person, id, m, 50 + i);
  }
  dir.Write("employers.csv", employers);
  dir.Write("employer_hours.csv", hours);
  dir.Write("payroll.csv", payroll);
  dir.Write("register.csv", reg);
  dir.Write("targets.csv", "year,scope,baseline_jobs,target_extra_jobs\n2024,market,0,2\n2024,government,0,5\n");
}

TEST(ScenarioCommand, CompareFitsOneScreen) {
  TempDir dir;
  WriteWideDelivery(dir);
  auto r = testing::RunCommand(Binary() + " scenario compare --data " + dir.path().string() +
                               " --year 2024 --opslag 0.5 --activation-year 2022");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(r.out);
  int lines = 0;
  for (std::string line; std::getline(in, line);) {
    ++lines;
    std::size_t columns = std::count_if(line.begin(), line.end(), [](char c) { return (c & 0xC0) != 0x80; });
    EXPECT_LE(columns, 100u) << line;
  }
  EXPECT_LE(lines, 40) << r.out;
  // One national target: 2 + 5 = 7 extra jobs (whole numbers without ",00").
  EXPECT_NE(r.out.find("= markt 2 + overheid 5 = 7 extra banen"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Per werkgever, top 10 van 18"), std::string::npos) << r.out;
}

TEST(ScenarioCommand, RegimeIsRequiredWithoutCompare) {
  TempDir dir;
  WriteWideDelivery(dir);
  auto r = testing::RunCommand(Binary() + " scenario --data " + dir.path().string() + " --year 2024");
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("--regime is required"), std::string::npos) << r.err;
  auto bad = testing::RunCommand(Binary() + " scenario --data " + dir.path().string() +
                                 " --year 2024 --regime current --opslag 1,5");
  EXPECT_EQ(bad.exit_code, 64);
}

TEST(ScenarioCommand, ExplainAnEmployerAndCsvOfAllEmployers) {
  TempDir dir;
  WriteWages(dir, FullWages());
  std::string base = Binary() + " scenario --data " + dir.path().string() +
                     " --year 2024 --regime wet-banenafspraak-2026 --opslag 0.5 --activation-year 2022";
  auto r = testing::RunCommand(base + " --explain employer:100000002L01");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The arithmetic of the BZK example above, in Dutch notation.
  for (const char* expected : {"premieplichtig loon = per maand min(loon, € 71.628 × uren / 1.623) = € 3.000.000,00",
                               "grondslag = per maand premieplichtig loon × (uren − uitgeleend − Wsw) / uren = € "
                               "2.700.000,00",
                               "opslag = 0,5 % × € 2.700.000,00 = € 13.500,00",
                               "€ 5.000,00 × 300,00 doelgroepuren in dienst (heel 2024) / 1.331,00 uur = € 1.126,97 "
                               "(ontwerpwaarde",
                               "netto = opslag € 13.500,00 − bonus € 1.126,97 = € 12.373,03",
                               "heffing € 10.000"}) {
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected << "\n" << r.out;
  }
  auto csv = testing::RunCommand(base + " --format csv --rows employers");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  // The Bakkerij: A = 40,575 h, at the threshold: liable, but the market has no
  // quotum percentage, so no shortfall and no levy; small employer, no surcharge.
  EXPECT_NE(csv.out.find("2024,100000003L01,market,market,yes,,,no,complete,942500.00,942500.00,40575.00,0.00,942500.00,"
                         "yes,0.00,0.00,0.00,0.00\n"),
            std::string::npos)
      << csv.out;
  auto unknown = testing::RunCommand(base + " --explain employer:999999999L01");
  EXPECT_EQ(unknown.exit_code, 64);
}

}  // namespace
}  // namespace banenmonitor
