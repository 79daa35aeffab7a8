// Unit tests of the quotum engine (src/analysis/quotum.cc) and the
// quotum-percentage formula. Every expected value is worked out by hand in
// the comment above it (quotum-and-scenarios.md §1 and §2).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "banenmonitor/quotum.h"
#include "banenmonitor/quotum_percentage.h"
#include "common/number_format.h"
#include "data/fields.h"
#include "report/quotum_format.h"

namespace banenmonitor {
namespace {

constexpr Hours H(long long hours) { return hours * kMicroPerHour; }

// --- Parsing -----------------------------------------------------------------

TEST(QuotumPct, ParsesHundredthsExactly) {
  EXPECT_EQ(ParsePctHundredths("2.76"), 276);
  EXPECT_EQ(ParsePctHundredths("3"), 300);
  EXPECT_EQ(ParsePctHundredths("2.5"), 250);
  EXPECT_EQ(ParsePctHundredths("0.05"), 5);
  EXPECT_EQ(ParsePctHundredths(" 1.93 "), 193);
  EXPECT_FALSE(ParsePctHundredths("2.765"));  // three decimals: not exact in hundredths
  EXPECT_FALSE(ParsePctHundredths("-1"));
  EXPECT_FALSE(ParsePctHundredths("2,76"));
  EXPECT_FALSE(ParsePctHundredths(""));
  EXPECT_FALSE(ParsePctHundredths("."));
  EXPECT_FALSE(ParsePctHundredths("101"));
}

TEST(QuotumPct, ParsesOverride) {
  auto o = ParseQuotumPctOverride("market=2.00");
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->sector, Sector::kMarket);
  EXPECT_EQ(o->pct, 200);
  auto g = ParseQuotumPctOverride("government=2.76");
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->sector, Sector::kGovernment);
  for (const char* bad : {"markt=2", "government", "government=abc", "=2"}) {
    auto r = ParseQuotumPctOverride(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().exit_code(), 64) << bad;
  }
}

// --- Parameters ------------------------------------------------------------------

TEST(QuotumParams, EmbeddedFileGivesTheLegalValues) {
  const auto& set = ParameterSet::Embedded();
  auto p2017 = QuotumParams::ForYear(set, 2017);
  ASSERT_TRUE(p2017.has_value()) << p2017.error().message();
  EXPECT_EQ(p2017->threshold, H(40575));          // 25 x 1,623 (Besluit Wfsv art. 2.21)
  EXPECT_EQ(p2017->hours_per_job, H(1331));       // D (Besluit Wfsv art. 2.32)
  EXPECT_EQ(p2017->levy_per_job_cents, 500000);   // EUR 5,000 (Wfsv art. 38h lid 4)
  EXPECT_FALSE(p2017->government.pct);            // the first percentage is for 2018
  EXPECT_FALSE(p2017->government.activated);
  EXPECT_FALSE(p2017->levy_chargeable_year);

  auto p2018 = QuotumParams::ForYear(set, 2018);
  ASSERT_TRUE(p2018.has_value());
  EXPECT_EQ(p2018->government.pct, 193);  // Staatscourant 2017 nr. 60073
  EXPECT_TRUE(p2018->government.activated);
  EXPECT_FALSE(p2018->levy_chargeable_year);  // Wfsv art. 122na
  EXPECT_FALSE(p2018->market.pct);
  EXPECT_FALSE(p2018->market.activated);

  auto p2024 = QuotumParams::ForYear(set, 2024);
  ASSERT_TRUE(p2024.has_value());
  EXPECT_EQ(p2024->government.pct, 276);
  EXPECT_FALSE(p2024->levy_chargeable_year);

  // A percentage holds for its own year only (Wfsv art. 38f lid 1): 2019 has
  // its own published one, 2020-2023 SZW's indicative ones, 2025 none, though
  // 2024 has one.
  auto p2019 = QuotumParams::ForYear(set, 2019);
  ASSERT_TRUE(p2019.has_value());
  EXPECT_EQ(p2019->government.pct, 214);
  EXPECT_EQ(p2019->government.pct_status, PctStatus::kPublished);
  const std::pair<int, PctHundredths> indicative[] = {{2020, 236}, {2021, 257}, {2022, 278}, {2023, 299}};
  for (const auto& [year, pct] : indicative) {
    auto p = QuotumParams::ForYear(set, year);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->government.pct, pct) << year;
    EXPECT_EQ(p->government.pct_status, PctStatus::kIndicative) << year;
    EXPECT_NE(p->government.pct_basis.find("(indicati"), std::string::npos) << p->government.pct_basis;
    EXPECT_FALSE(p->market.pct) << year;
  }
  auto p2025 = QuotumParams::ForYear(set, 2025);
  ASSERT_TRUE(p2025.has_value());
  EXPECT_FALSE(p2025->government.pct);
  EXPECT_EQ(p2025->government.pct_status, PctStatus::kNone);
  EXPECT_EQ(p2018->government.pct_status, PctStatus::kPublished);

  auto p2026 = QuotumParams::ForYear(set, 2026);
  ASSERT_TRUE(p2026.has_value());
  EXPECT_FALSE(p2026->government.pct);
  EXPECT_FALSE(p2026->levy_chargeable_year);  // never: Wet banenafspraak art. 12 (issue 17 item 4)
  EXPECT_FALSE(p2026->market.activated);  // market: never
}

TEST(QuotumParams, OverrideWinsAndSaysSo) {
  std::vector<QuotumPctOverride> o = {{Sector::kMarket, 150}, {Sector::kGovernment, 300}};
  auto p = QuotumParams::ForYear(ParameterSet::Embedded(), 2024, o);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->market.pct, 150);
  EXPECT_TRUE(p->market.pct_overridden);
  EXPECT_EQ(p->government.pct, 300);
  EXPECT_EQ(p->government.pct_basis, "--quotum-pct");
}

TEST(QuotumParams, RefusesAPercentageWithThreeDecimals) {
  auto set = ParameterSet::FromText(R"(version = "t"
[[parameter]]
name = "quotum_threshold_hours_year"
value = 40575
valid_from = 2013-01-01
legal_basis = "x"
[[parameter]]
name = "hours_per_job_year"
value = 1331
valid_from = 2013-01-01
legal_basis = "x"
[[parameter]]
name = "levy_per_missing_job"
value = 5000
valid_from = 2013-01-01
legal_basis = "x"
[[parameter]]
name = "quotum_pct_government"
value = 1.935
valid_from = 2018-01-01
legal_basis = "x"
)",
                                    "test.toml");
  ASSERT_TRUE(set.has_value()) << set.error().message();
  auto p = QuotumParams::ForYear(*set, 2018);
  ASSERT_FALSE(p.has_value());
  EXPECT_NE(p.error().message().find("quotum_pct_government"), std::string::npos);
  // Without the flags the sector counts as not activated and the year as not chargeable.
  auto p2017 = QuotumParams::ForYear(*set, 2017);
  ASSERT_TRUE(p2017.has_value());
  EXPECT_FALSE(p2017->government.activated);
  EXPECT_FALSE(p2017->levy_chargeable_year);
}

// --- The engine on hand-built deliveries ---------------------------------------

DayNumber Day(const char* text) { return *data::ParseDate(text); }

// Parameters for 2023 with a chosen activation and chargeability, so that each
// reason for "not charged" can be seen alone.
// 2023 has no published percentage: the government's 1.93 % comes as an override.
QuotumParams Params2023(bool activated, bool chargeable) {
  const std::vector<QuotumPctOverride> pct = {{Sector::kGovernment, 193}};
  auto p = QuotumParams::ForYear(ParameterSet::Embedded(), 2023, pct);
  EXPECT_TRUE(p.has_value());
  p->government.activated = activated;
  p->levy_chargeable_year = chargeable;
  return *p;
}

Employer MakeEmployer(const char* id, Sector sector, const char* subsector, LenderKind lender = LenderKind::kNone) {
  Employer e;
  e.id = id;
  e.sector = sector;
  e.subsector = subsector;
  e.lender = lender;
  return e;
}

// A full payroll extract without employer_hours.csv (the fallback for A), with
// numbers large enough to pass the threshold, which a text case cannot show
// compactly (a payroll row holds at most 744 hours).
//
// Gemeente G (index 0): payroll totals 2022: 41,000 h; 2023: 45,000 h.
// Agency U (index 1): 2022: 50,000 h; 2023: 60,000 h, of which 200 h of the
//   registered 999900018 in June 2023, 150 h of them hired out to G.
// A(G) 2023 = 45,000 (nothing hired out, no Wsw); 2022 41,000 >= 40,575: liable.
// A(U) 2023 = 60,000 - 150 = 59,850; 2022 50,000: liable.
// C(G) = 150 hired in. C(U) = 200 - 150 = 50.
// G, B = 1.93 %: A x B = 45,000 x 0.0193 = 868.5 h;
//   (868.5 - 150) / 1,331 = 718.5 / 1,331 = 0.5398 -> 0.5; levy EUR 2,500.
// U is market: no percentage, so no required jobs, shortfall or levy.
Delivery FallbackDelivery() {
  Delivery d;
  d.employers = {MakeEmployer("100000001L01", Sector::kGovernment, "gemeenten"),
                 MakeEmployer("100000002L01", Sector::kMarket, "market", LenderKind::kAgency)};
  d.person_ids = {"999900018"};
  d.register_periods = {{0, Ground::kWajong, Day("2015-01-01"), kOpenEnd}};
  d.payroll = {{0, 1, MakeMonth(2023, 6), H(200), 0, 0, H(200)}};
  d.hire_in = {{0, 1, 0, MakeMonth(2023, 6), H(150), 2}};
  d.payroll_totals = {{0, MakeMonth(2022, 6), H(41000), 0, 0, std::nullopt},
                      {0, MakeMonth(2023, 6), H(45000), 0, 0, std::nullopt},
                      {1, MakeMonth(2022, 6), H(50000), 0, 0, std::nullopt},
                      {1, MakeMonth(2023, 6), H(60000), 0, 0, std::nullopt}};
  d.has_employer_hours_file = false;
  return d;
}

TEST(QuotumEngine, PayrollFallbackForA) {
  Delivery d = FallbackDelivery();
  QuotumTable t = ComputeQuotum(d, Params2023(true, false));
  EXPECT_EQ(t.a_source, StaffHoursSource::kPayroll);
  EXPECT_TRUE(t.previous_year_in_delivery);
  ASSERT_EQ(t.rows.size(), 2u);
  const QuotumRow& g = t.rows[0];
  const QuotumRow& u = t.rows[1];
  EXPECT_EQ(g.a_previous.a, H(41000));
  EXPECT_EQ(g.a_current.a, H(45000));
  EXPECT_TRUE(g.liable);
  EXPECT_EQ(g.c.hired_in, H(150));
  EXPECT_EQ(g.c.c, H(150));
  EXPECT_EQ(g.shortfall_tenths, 5);
  EXPECT_EQ(g.levy_cents, 250000);
  EXPECT_EQ(u.a_current.all, H(60000));
  EXPECT_EQ(u.a_current.lent, H(150));
  EXPECT_EQ(u.a_current.a, H(59850));
  EXPECT_TRUE(u.liable);
  EXPECT_EQ(u.c.own, H(200));
  EXPECT_EQ(u.c.hired_out, H(150));
  EXPECT_EQ(u.c.c, H(50));
  EXPECT_FALSE(u.pct);
  EXPECT_FALSE(u.shortfall_tenths);
  EXPECT_FALSE(u.levy_cents);
}

TEST(QuotumEngine, EachReasonForNotChargingStandsAlone) {
  Delivery d = FallbackDelivery();
  // Activated and chargeable: the gemeente's levy is charged.
  QuotumTable charged = ComputeQuotum(d, Params2023(true, true));
  EXPECT_TRUE(charged.rows[0].charged());
  // Not activated (Wfsv art. 38c).
  QuotumTable not_active = ComputeQuotum(d, Params2023(false, true));
  EXPECT_EQ(not_active.rows[0].not_charged, std::vector<NotCharged>{NotCharged::kSectorNotActivated});
  // Before the new law (Wfsv art. 122na).
  QuotumTable before = ComputeQuotum(d, Params2023(true, false));
  EXPECT_EQ(before.rows[0].not_charged, std::vector<NotCharged>{NotCharged::kBeforeNewLaw});
  // The market agency: no percentage and never activated.
  EXPECT_EQ(charged.rows[1].not_charged,
            (std::vector<NotCharged>{NotCharged::kNoPercentage, NotCharged::kSectorNotActivated}));
  // Totals: only the charged levy counts as charged.
  const QuotumTotal* gov = charged.FindTotal("government");
  ASSERT_NE(gov, nullptr);
  EXPECT_EQ(gov->levy_charged_cents, 250000);
  EXPECT_EQ(before.FindTotal("government")->levy_charged_cents, 0);
  EXPECT_EQ(charged.FindTotal("market")->employers_with_pct, 0);
}

// Rounding down is exact at a tenth: A = 200,000 h, B = 2.76 % -> A x B = 5,520 h.
// C = 2,458.7 h: (5,520 - 2,458.7) / 1,331 = 3,061.3 / 1,331 = 2.3 exactly -> 2.3.
// One micro-hour more in C: just below 2.3 -> 2.2. Floating point would blur both.
TEST(QuotumEngine, RoundingDownIsExactAtATenth) {
  auto params = QuotumParams::ForYear(ParameterSet::Embedded(), 2024);
  ASSERT_TRUE(params.has_value());
  for (auto [c_micro, tenths] : {std::pair<Hours, std::int64_t>{2458'700000, 23}, {2458'700001, 22}}) {
    Delivery d;
    d.employers = {MakeEmployer("100000001L01", Sector::kGovernment, "gemeenten")};
    d.person_ids = {"999900018"};
    d.register_periods = {{0, Ground::kWajong, Day("2015-01-01"), kOpenEnd}};
    // C spread over four months (a month holds at most 744 hours).
    Hours quarter = c_micro / 4;
    for (int m = 1; m <= 4; ++m) {
      Hours h = m == 4 ? c_micro - 3 * quarter : quarter;
      d.payroll.push_back({0, 0, MakeMonth(2024, m), h, 0, h, 0});
    }
    d.has_employer_hours_file = true;
    d.employer_hours = {{0, MakeMonth(2023, 12), H(200000), 0, 0, std::nullopt},
                        {0, MakeMonth(2024, 12), H(200000), 0, 0, std::nullopt}};
    QuotumTable t = ComputeQuotum(d, *params);
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].c.c, c_micro);
    EXPECT_EQ(t.rows[0].shortfall_tenths, tenths) << c_micro;
    EXPECT_EQ(t.rows[0].levy_cents, tenths * 50000);  // 0.1 job = EUR 500
  }
}

// A month that only voorziening covers counts for C and is shown apart.
TEST(QuotumEngine, VoorzieningMonthsAreCountedAndShownApart) {
  auto params = QuotumParams::ForYear(ParameterSet::Embedded(), 2023);
  Delivery d;
  d.employers = {MakeEmployer("100000001L01", Sector::kGovernment, "gemeenten")};
  d.person_ids = {"999900079"};
  // voorziening until 30 November, wajong from 15 December.
  d.register_periods = {{0, Ground::kVoorziening, Day("2018-01-01"), Day("2023-11-30")},
                        {0, Ground::kWajong, Day("2023-12-15"), kOpenEnd}};
  for (int m : {10, 11, 12}) d.payroll.push_back({0, 0, MakeMonth(2023, m), H(100), 0, H(100), 0});
  d.payroll.push_back({0, 0, MakeMonth(2022, 12), H(100), 0, H(100), 0});  // Y - 1: not in C
  QuotumTable t = ComputeQuotum(d, *params);
  // own = 3 x 100 = 300; October and November only through voorziening = 200.
  EXPECT_EQ(t.rows[0].c.own, H(300));
  EXPECT_EQ(t.rows[0].c.own_voorziening, H(200));
  EXPECT_EQ(t.rows[0].c.c, H(300));
}

TEST(QuotumEngine, TotalsComeInOrder) {
  QuotumTable t = ComputeQuotum(FallbackDelivery(), Params2023(true, false));
  std::vector<std::string> sectors, subsectors;
  for (const auto* s : t.TotalsFor(QuotumLevel::kSector)) sectors.push_back(s->scope);
  for (const auto* s : t.TotalsFor(QuotumLevel::kSubsector)) subsectors.push_back(s->scope);
  EXPECT_EQ(sectors, (std::vector<std::string>{"total", "government", "market"}));
  EXPECT_EQ(subsectors, (std::vector<std::string>{"total", "subsector:gemeenten", "subsector:market"}));
  EXPECT_NE(t.FindEmployer("100000002L01"), nullptr);
  EXPECT_EQ(t.FindEmployer("100000009L01"), nullptr);
}

TEST(QuotumReport, WhyAndExplainSayWhatHappened) {
  QuotumTable t = ComputeQuotum(FallbackDelivery(), Params2023(true, false));
  std::string why = report::QuotumWhy(t, t.rows[0]);
  EXPECT_NE(why.find("plichtig: A 2022 41.000,00 en 2023 45.000,00"), std::string::npos) << why;
  EXPECT_NE(why.find("Wfsv art. 122na"), std::string::npos) << why;
  auto explain = report::QuotumExplain(t, "employer:100000001L01");
  ASSERT_TRUE(explain.has_value());
  EXPECT_NE(explain->find("A × B = 45.000,00 × 1,93 % = 868,50 uur"), std::string::npos) << *explain;
  EXPECT_NE(explain->find("+ ingeleend"), std::string::npos) << *explain;
  EXPECT_NE(explain->find("= 0,5 banen"), std::string::npos) << *explain;
  EXPECT_TRUE(report::QuotumExplain(t, "government").has_value());
  EXPECT_TRUE(report::QuotumExplain(t, "subsector:gemeenten").has_value());
  EXPECT_FALSE(report::QuotumExplain(t, "employer:100000009L01").has_value());
  EXPECT_FALSE(report::QuotumExplain(t, "nonsense").has_value());
}

// --- The quotum percentage (Wfsv art. 38f lid 2) --------------------------------

// A small exact case: ((2 + 0 - 0) x 1 + 0) / (100 x 1) x 100 = 2.00.
TEST(QuotumPercentageFormula, ExactAndRoundedDown) {
  QuotumPercentageInputs in;
  in.nulmeting_jobs = 2;
  in.hours_per_job_target = 1;
  in.jobs_liable = 100;
  in.hours_per_job_liable = 1;
  auto r = QuotumPercentage(in);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->pct, 200);
  // 1.999 / 100 x 100 = 1.999 % -> rounded down to 1.99 (nearest would be 2.00).
  in.nulmeting_jobs = 1.999;
  EXPECT_EQ(QuotumPercentage(in)->pct, 199);
  in.jobs_liable = 0;
  EXPECT_FALSE(QuotumPercentage(in).has_value());
}

TEST(QuotumPercentageFormula, InputsFromTheParameterFile) {
  const auto& set = ParameterSet::Embedded();
  auto g2018 = QuotumPercentageInputs::FromParameters(set, Sector::kGovernment, 2018);
  ASSERT_TRUE(g2018.has_value());
  EXPECT_EQ(g2018->nulmeting_jobs, 13504);      // Regeling Wfsv art. 3.35 (A)
  EXPECT_EQ(g2018->hours_per_job_target, 1331);  // C
  EXPECT_EQ(g2018->hours_per_voorziening, 1331); // G
  EXPECT_EQ(g2018->hours_per_job_liable, 1623);  // E default: Besluit Wfsv art. 2.20
  EXPECT_EQ(g2018->voorziening_persons, 534);    // F 2018: Besluit Wfsv art. 2.32
  auto g2016 = QuotumPercentageInputs::FromParameters(set, Sector::kGovernment, 2016);
  EXPECT_EQ(g2016->voorziening_persons, 0);      // F: the table starts in 2017
  auto g2024 = QuotumPercentageInputs::FromParameters(set, Sector::kGovernment, 2024);
  EXPECT_EQ(g2024->voorziening_persons, 1922);
  auto m2025 = QuotumPercentageInputs::FromParameters(set, Sector::kMarket, 2025);
  EXPECT_EQ(m2025->nulmeting_jobs, 35927);
  EXPECT_EQ(m2025->voorziening_persons, 5578);
}

// 2018, government, published 1.93 % (Regeling Wfsv art. 3.35, Stcrt. 2017 nr. 60073).
// A = 13,504; B = 11,250 (the average of the targets 10,000 for 2017 and
// 12,500 for 2018); H = 0; C = G = 1,331; F = 534 (Besluit Wfsv art. 2.32,
// 2018); D = 1,073,426.07 (Stcrt. 2017 nr. 60073, art. 3.35 d); E = 1,623
// (Besluit Wfsv art. 2.20).
//   numerator   = (13,504 + 11,250 - 0) x 1,331 + 534 x 1,331 = 25,288 x 1,331 = 33,658,328
//   denominator = 1,073,426.07 x 1,623 = 1,742,170,511.61
//   pct = 33,658,328 / 1,742,170,511.61 x 100 = 1.93198 -> 1.93, the published one.
// Without F (F = 0): 24,754 x 1,331 = 32,947,574 / 1,742,170,511.61 = 1.8911 -> 1.89.
TEST(QuotumPercentageFormula, Government2018AgainstPublished) {
  auto in = QuotumPercentageInputs::FromParameters(ParameterSet::Embedded(), Sector::kGovernment, 2018);
  ASSERT_TRUE(in.has_value());
  in->extra_jobs = 11250;
  in->jobs_liable = 1073426.07;
  auto r = QuotumPercentage(*in);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->pct, 193);
  EXPECT_EQ(FixedRatio(r->exact.num, r->exact.den, 5), "1.93198");
  in->voorziening_persons = 0;
  EXPECT_EQ(QuotumPercentage(*in)->pct, 189);
}

// 2024, government, published 2.76 % (Regeling Wfsv; UWV).
// A = 13,504; B = 25,000 (Regeling Wfsv art. 3.35 b: "2024 en verder");
// F = 1,922 voorziening persons, G = 1,331; H = 0 (unknown to us); C = 1,331;
// E = 1,623. The D for 2024 was not in our sources.
//   numerator = (13,504 + 25,000) x 1,331 + 1,922 x 1,331 = 40,426 x 1,331 = 53,807,006
// With the 2018 D (1,073,426.07): 53,807,006 / 1,742,170,511.61 x 100 = 3.0885 -> 3.08,
//   0.32 above the published 2.76.
// 2.76 is met for D x E in (53,807,006 / 2.77 %, 53,807,006 / 2.76 %] =
//   (1,942,491,191.3, 1,949,529,202.9] hours, i.e. with E = 1,623 for D between
//   1,196,852.24 and 1,201,188.66 jobs; e.g. D = 1,200,000 (an assumption):
//   53,807,006 / (1,200,000 x 1,623 = 1,947,600,000) = 2.7627 % -> 2.76.
TEST(QuotumPercentageFormula, Government2024AgainstPublished) {
  auto in = QuotumPercentageInputs::FromParameters(ParameterSet::Embedded(), Sector::kGovernment, 2024);
  ASSERT_TRUE(in.has_value());
  in->extra_jobs = 25000;
  in->jobs_liable = 1073426.07;
  auto r = QuotumPercentage(*in);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->pct, 308);
  const PctHundredths published = 276;
  EXPECT_EQ(r->pct - published, 32);  // the documented deviation with the 2018 D
  in->jobs_liable = 1200000;
  EXPECT_EQ(QuotumPercentage(*in)->pct, published);
  in->jobs_liable = 1201188;  // just inside the interval
  EXPECT_EQ(QuotumPercentage(*in)->pct, published);
  in->jobs_liable = 1201189;  // just outside: below 2.76
  EXPECT_EQ(QuotumPercentage(*in)->pct, 275);
}

// A percentage holds for its own year; SZW's indicative series fills a year
// without a published one, labelled indicatief; otherwise there is none.
TEST(QuotumPercentageOfYear, PublishedIndicativeOrNone) {
  auto set = ParameterSet::FromText(R"(version = "t"
[[parameter]]
name = "quotum_pct_government"
value = 1.93
valid_from = 2018-01-01
legal_basis = "gepubliceerd"
[[parameter]]
name = "quotum_pct_indicative_government"
value = 2.14
valid_from = 2019-01-01
legal_basis = "indicatief"
)",
                                    "test.toml");
  ASSERT_TRUE(set.has_value()) << set.error().message();
  auto y2018 = PctOfYear(*set, Sector::kGovernment, 2018);
  EXPECT_EQ(y2018->status, PctStatus::kPublished);
  EXPECT_EQ(y2018->pct, 193);
  auto y2019 = PctOfYear(*set, Sector::kGovernment, 2019);
  EXPECT_EQ(y2019->status, PctStatus::kIndicative);
  EXPECT_EQ(y2019->pct, 214);
  auto y2020 = PctOfYear(*set, Sector::kGovernment, 2020);
  EXPECT_EQ(y2020->status, PctStatus::kNone);
  EXPECT_FALSE(y2020->pct);
  EXPECT_EQ(std::string(PctStatusCode(PctStatus::kIndicative)), "indicatief");
  auto table = QuotumPercentageOfYear(QuotumPercentageRequest{2019, Sector::kGovernment}, *set);
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->rows[0].published.status, PctStatus::kIndicative);
  EXPECT_FALSE(table->rows[0].reconstructed);  // no inputs in the test set
}

}  // namespace
}  // namespace banenmonitor
