// The quotum command end to end: the CSV contract of quotum-and-scenarios.md
// §1 to the byte on the delivery of tests/data/quotum (worked out by hand in
// its README.md), the other levels and formats, and bad options.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace banenmonitor {
namespace {

using testing::ReadFile;

const std::filesystem::path kQuotumData = std::filesystem::path(BANENMONITOR_TEST_DIR) / "data" / "quotum";

testing::CommandResult Quotum(const std::string& options) {
  return testing::RunCommand(std::string(BANENMONITOR_BINARY) + " quotum --data " + kQuotumData.string() + " " +
                             options);
}

TEST(QuotumCommand, CsvContractByEmployer) {
  auto r = Quotum("--year 2024 --by employer --format csv --quotum-pct market=2.00");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, ReadFile(kQuotumData / "expected-2024-employer.csv"));
}

// Without --quotum-pct the market sector has no percentage: its figures stay empty.
TEST(QuotumCommand, NoMarketPercentageLeavesItsFiguresEmpty) {
  auto r = Quotum("--year 2024 --format csv");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2024,100000003L01,market,market,50000.00,60.00,yes,,,,\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2024,100000002L01,government,rijk,130000.00,380.00,yes,2.76,2.70,2.4,12000\n"),
            std::string::npos)
      << r.out;
}

// Totals (README.md of the data): A = 80,000 + 130,000 + 50,000 + 45,000 + 45,000 = 350,000;
// C = 1,600 + 380 + 60 + 300 + 0 = 2,340; required = (2,208 + 3,588 + 1,000 + 900 + 1,242) / 1,331
// = 8,938 / 1,331 = 6.7153 -> 6.72; shortfall 0.4 + 2.4 + 0.7 = 3.5; levy 17,500; charged 0 (2024).
// Government: A 255,000, C 1,980, required 7,038 / 1,331 = 5.2877 -> 5.29, shortfall 2.8, levy 14,000.
// Market: A 95,000, C 360, required 1,900 / 1,331 = 1.4275 -> 1.43, shortfall 0.7, levy 3,500.
TEST(QuotumCommand, CsvBySector) {
  auto r = Quotum("--year 2024 --by sector --format csv --quotum-pct market=2.00");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "year,scope,employers,liable_employers,hours_all_staff,hours_target_group,quotum_pct,required_jobs,"
            "shortfall_jobs,levy_eur,levy_charged_eur\n"
            "2024,total,5,3,350000.00,2340.00,,6.72,3.5,17500,0\n"
            "2024,government,3,2,255000.00,1980.00,2.76,5.29,2.8,14000,0\n"
            "2024,market,2,1,95000.00,360.00,2.00,1.43,0.7,3500,0\n");
}

TEST(QuotumCommand, TableSaysWhy) {
  auto r = Quotum("--year 2024 --quotum-pct market=2.00");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* expected : {"Waarom", "plichtig: A 2023 120.000,00 en 2024 130.000,00, beide ≥ 40.575",
                               "niet plichtig: A 2023 30.000,00 < 40.575",
                               "niet geheven: geen heffing over jaren vóór de nieuwe wet (Wfsv art. 122na)",
                               "quotum niet geactiveerd voor de sector markt (Wfsv art. 38c)", "€ 12.000"}) {
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected << "\n" << r.out;
  }
}

// Issue 17 item 4: the old levy is never charged. 2024 is computed and marked
// "berekend, niet opgelegd" (Wfsv art. 122na); 2026 is refused with exit code 2
// (Wet banenafspraak art. 12), in Dutch by default, pointing to the new regime.
TEST(QuotumCommand, OldLevyComputedNotChargedAndRefusedFrom2026) {
  auto r2024 = Quotum("--year 2024 --quotum-pct market=2.00");
  EXPECT_EQ(r2024.exit_code, 0) << r2024.err;
  EXPECT_NE(r2024.out.find("berekend, niet opgelegd"), std::string::npos) << r2024.out;
  auto json = Quotum("--year 2024 --format json");
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out)["parameters"]["levy_status"], "berekend, niet opgelegd");

  auto r2026 = testing::RunCommand("BANENMONITOR_LANG=nl " + std::string(BANENMONITOR_BINARY) + " quotum --data " +
                                   kQuotumData.string() + " --year 2026");
  EXPECT_EQ(r2026.exit_code, 2) << r2026.out << r2026.err;
  EXPECT_EQ(r2026.out, "");
  for (const char* expected : {"de quotumregeling van de Wfsv (art. 38b–38j) geldt niet meer voor 2026",
                               "Wet banenafspraak is in werking sinds 2026-01-01", "(art. 12)",
                               "banenmonitor scenario compare --year 2026"}) {
    EXPECT_NE(r2026.err.find(expected), std::string::npos) << expected << "\n" << r2026.err;
  }
}

TEST(QuotumCommand, ExplainShowsInputsAndSteps) {
  auto r = Quotum("--year 2024 --explain employer:100000002L01");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* expected : {"2023: 120.000,00 alle personeel", "2024: 130.000,00 alle personeel",
                               "+ ingeleend", "380,00", "A × B = 130.000,00 × 2,76 % = 3.588,00 uur",
                               "(3.588,00 − 380,00) / 1.331 = 2,4102 banen", "= 2,4 banen",
                               "heffing = 2,4 × € 5.000 = € 12.000"}) {
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected << "\n" << r.out;
  }
  // The voorziening hours of the gemeente are shown apart.
  auto g = Quotum("--year 2024 --explain employer:100000001L01");
  EXPECT_NE(g.out.find("waarvan alleen via voorziening"), std::string::npos) << g.out;
  EXPECT_NE(g.out.find("400,00"), std::string::npos) << g.out;
}

TEST(QuotumCommand, JsonCarriesReasons) {
  auto r = Quotum("--year 2024 --format json --quotum-pct market=2.00");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["hours_all_staff_source"], "employer_hours.csv");
  EXPECT_EQ(j["rows"][1]["employer_id"], "100000002L01");
  EXPECT_EQ(j["rows"][1]["levy_eur"], 12000);
  EXPECT_EQ(j["rows"][1]["charged"], false);
  EXPECT_EQ(j["rows"][2]["not_charged"], (nlohmann::json{"sector-not-activated", "before-new-law"}));
}

TEST(QuotumCommand, PreviousYearMissingIsSaid) {
  // The delivery holds 2023 and 2024; for 2023 the year 2022 is missing.
  auto r = Quotum("--year 2023 --format csv");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("2022 is not in the delivery; liability is judged on 2023 alone"), std::string::npos)
      << r.err;
}

// A year without a published percentage: the command says so and what to pass
// (market 2023); a year with only SZW's indicative one uses it and says so on
// every face (government 2023: 2.99 %, tests/cases/quotum/percentage_2021_indicative.case).
TEST(QuotumCommand, AYearWithoutAPercentageSaysSo) {
  auto r = Quotum("--year 2023 --format csv");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("no quotum percentage was published for the sector market for 2023"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("--quotum-pct market=PCT"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("the quotum percentage of the sector government for 2023 is the indicative 2.99 %: SZW set "
                       "no percentage for this year (Wfsv art. 38f); required jobs, shortfall and levy are indicative"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find(",government,gemeenten,"), std::string::npos) << r.out;
  auto json = Quotum("--year 2023 --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["parameters"]["sectors"]["government"]["quotum_pct"], 2.99);
  EXPECT_EQ(j["parameters"]["sectors"]["government"]["quotum_pct_status"], "indicatief");
  EXPECT_EQ(j["parameters"]["sectors"]["market"]["quotum_pct_status"], "geen");
  auto table = Quotum("--year 2023");
  EXPECT_NE(table.out.find("quotumpercentage overheid 2023: 2,99 % (Wfsv art. 38f (quotumcalculator van SZW"),
            std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("niet vastgesteld) (indicative)"), std::string::npos) << table.out;
  // An override is not indicative: no such line.
  auto overridden = Quotum("--year 2023 --format csv --quotum-pct government=2.00");
  EXPECT_EQ(overridden.err.find("indicative"), std::string::npos) << overridden.err;
}

// quotum percentage: the CSV contract of quotum-and-scenarios.md §2 (2018: the
// published 1.93 and its reconstruction, tests/cases/quotum/percentage_2018_*),
// the table and JSON with every input and its source, and a usage error.
TEST(QuotumCommand, PercentageOfAYear) {
  const std::string bin = BANENMONITOR_BINARY;
  auto csv = testing::RunCommand(bin + " quotum percentage --year 2018 --format csv");
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out,
            "year,sector,published_pct,status,reconstructed_pct\n"
            "2018,government,1.93,gepubliceerd,1.93\n"
            "2018,market,,geen,\n");
  auto none = testing::RunCommand(bin + " quotum percentage --year 2025 --sector government --format csv");
  EXPECT_EQ(none.out, "year,sector,published_pct,status,reconstructed_pct\n2025,government,,geen,\n");
  // 2021: SZW's indicative 2.57 %, so labelled in CSV, table and JSON.
  auto indicative = testing::RunCommand(bin + " quotum percentage --year 2021 --sector government --format csv");
  EXPECT_EQ(indicative.out, "year,sector,published_pct,status,reconstructed_pct\n2021,government,2.57,indicatief,\n");
  auto indicative_table = testing::RunCommand(bin + " quotum percentage --year 2021 --sector government");
  EXPECT_NE(indicative_table.out.find("Percentage: 2,57 % (indicatief); Wfsv art. 38f (quotumcalculator van SZW"),
            std::string::npos)
      << indicative_table.out;
  EXPECT_NE(indicative_table.out.find("https://www.voion.nl/nieuws/indicatie-quotumpercentage-2019-en-verder/"),
            std::string::npos)
      << indicative_table.out;
  auto indicative_json =
      nlohmann::json::parse(testing::RunCommand(bin + " quotum percentage --year 2021 --sector government --format json").out);
  EXPECT_EQ(indicative_json["rows"][0]["status"], "indicatief");
  EXPECT_EQ(indicative_json["rows"][0]["published_pct"], 2.57);
  EXPECT_EQ(indicative_json["rows"][0]["published_source"],
            "https://www.voion.nl/nieuws/indicatie-quotumpercentage-2019-en-verder/");
  auto table = testing::RunCommand(bin + " quotum percentage --year 2018 --sector government");
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("D = 1.073.426,07"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("F = 534"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("= 1,93198 → 1,93 %"), std::string::npos) << table.out;
  auto json = testing::RunCommand(bin + " quotum percentage --year 2018 --sector government --format json");
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["rows"][0]["status"], "gepubliceerd");
  EXPECT_EQ(j["rows"][0]["inputs"]["F"]["value"], 534);
  EXPECT_EQ(j["rows"][0]["inputs"]["D"]["source"], "https://zoek.officielebekendmakingen.nl/stcrt-2017-60073.html");
  EXPECT_EQ(j["rows"][0]["reconstructed_exact"], "1.93198");
  EXPECT_EQ(testing::RunCommand(bin + " quotum percentage --year 2018 --sector markt").exit_code, 64);
  // quotum without --year and without the subcommand is a usage error.
  EXPECT_EQ(Quotum("--format csv").exit_code, 64);
}

// The same figures from a workspace snapshot (SQLite) as from the delivery directory.
TEST(QuotumCommand, WorkspaceGivesTheSameCsv) {
  testing::TempDir dir;
  const std::string ws = (dir.path() / "ws").string();
  const std::string bin = BANENMONITOR_BINARY;
  ASSERT_EQ(testing::RunCommand(bin + " init " + ws).exit_code, 0);
  auto imported = testing::RunCommand(bin + " import " + ws + " --data " + kQuotumData.string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  auto r = testing::RunCommand(bin + " quotum --workspace " + ws +
                               " --year 2024 --by employer --format csv --quotum-pct market=2.00");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, ReadFile(kQuotumData / "expected-2024-employer.csv"));
}

TEST(QuotumCommand, BadOptions) {
  EXPECT_EQ(Quotum("--year 2024 --quotum-pct markt=2").exit_code, 64);
  EXPECT_EQ(Quotum("--year 2024 --quotum-pct market=2.555").exit_code, 64);
  EXPECT_EQ(Quotum("--year 2024 --by organisation").exit_code, 64);
  // An employer that is not in the delivery: a usage error with the nearest one (issue 15 item 8).
  auto r = Quotum("--year 2024 --explain employer:100000009L01");
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("unknown scope 'employer:100000009L01'; did you mean employer:100000001L01?"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace banenmonitor
