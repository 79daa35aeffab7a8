// The synthetic Netherlands (src/generate/, docs/calibration.md): counted by
// the engine, a small generated delivery reproduces the published results.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"
#include "banenmonitor/regions.h"
#include "data/sha256.h"
#include "generate/generator.h"
#include "test_util.h"

namespace banenmonitor::testing {
namespace {

constexpr double kScale = 0.02;
// Every published figure within 1 percentage point (issue 18 item 5); the
// generator plans them within 0.4 point, the rest is the rounding of hours
// and scaled targets at small scales.
constexpr double kTolerancePoints = 1.0;
// The spread between subsectors: the standard deviation over the public
// subsectors of their yearly relative change of the realisation (in %) is at
// least this in every year 2016-2024 (identical trends give 0).
constexpr double kMinSpreadPercent = 2.0;

// Splits one CSV line (RFC 4180 quotes; the published files have no line breaks in fields).
std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

// A CSV file as rows of column name -> value.
std::vector<std::map<std::string, std::string>> ReadCsv(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  std::vector<std::map<std::string, std::string>> rows;
  if (!std::getline(in, line)) return rows;
  auto header = SplitCsv(line);
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto fields = SplitCsv(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) row[header[i]] = fields[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

std::filesystem::path Published(const char* name) {
  return std::filesystem::path(BANENMONITOR_TEST_DIR) / "data" / "published" / name;
}

generate::GenerateSummary Generate(const std::filesystem::path& dir, double scale, std::uint64_t seed, int from = 2012,
                                   int to = 2024) {
  generate::GenerateOptions o;
  o.out = dir;
  o.scale = scale;
  o.seed = seed;
  o.from_year = from;
  o.to_year = to;
  auto s = generate::GenerateDelivery(o);
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message());
  return s ? *s : generate::GenerateSummary{};
}

using YearTables = std::map<int, RealisationTable>;

// Counts the fourth quarters of 2013-2024.
YearTables CountYears(const Delivery& delivery) {
  YearTables tables;
  for (int year = 2013; year <= 2024; ++year) {
    auto params = CountingParams::ForYear(ParameterSet::Embedded(), year);
    EXPECT_TRUE(params.has_value());
    if (!params) continue;
    auto t = CountJobs(delivery, CountRequest{year, Window::kQ4}, *params);
    EXPECT_TRUE(t.has_value());
    if (t) tables[year] = std::move(*t);
  }
  return tables;
}

std::optional<double> PctOf(const YearTables& tables, int year, const std::string& scope) {
  auto it = tables.find(year);
  const RealisationRow* r = it == tables.end() ? nullptr : it->second.Find(scope);
  return r ? r->realisation_pct : std::nullopt;
}

struct PublishedFigure {
  int year = 0;
  std::string scope;
  double pct = 0;
  std::optional<double> opgave;  // a published target (total jobs) of a subsector
};

// Every published realisation: national-results.csv (realised / target extra
// jobs per sector 2015-2023, the total of 2024) and public-sector-figures.csv
// (the Rijk, politie, provincies; Binnenwerk is an employer, tested apart).
std::vector<PublishedFigure> PublishedFigures() {
  std::vector<PublishedFigure> out;
  for (const auto& r : ReadCsv(Published("national-results.csv"))) {
    if (r.at("realised_extra_jobs").empty()) continue;
    out.push_back({std::stoi(r.at("year")), r.at("sector"),
                   std::stod(r.at("realised_extra_jobs")) / std::stod(r.at("target_extra_jobs")) * 100, {}});
  }
  for (const auto& r : ReadCsv(Published("public-sector-figures.csv"))) {
    if (!r.at("scope").starts_with("subsector:")) continue;
    PublishedFigure f{std::stoi(r.at("year")), r.at("scope"), 0, {}};
    if (!r.at("realisation_pct").empty()) {
      f.pct = std::stod(r.at("realisation_pct"));
    } else {
      f.pct = std::stod(r.at("realised_jobs")) / std::stod(r.at("target_jobs")) * 100;
      f.opgave = std::stod(r.at("target_jobs"));
    }
    out.push_back(std::move(f));
  }
  return out;
}

// Compares every published figure with the count at `scale`; returns how many.
int ExpectPublishedFigures(const YearTables& tables, double scale) {
  int compared = 0;
  for (const auto& f : PublishedFigures()) {
    auto generated = PctOf(tables, f.year, f.scope);
    EXPECT_TRUE(generated.has_value()) << f.year << " " << f.scope;
    if (!generated) continue;
    EXPECT_NEAR(*generated, f.pct, kTolerancePoints) << f.year << " " << f.scope << " at scale " << scale;
    if (f.opgave) {  // the opgave itself is reproduced (scaled, 2 decimals in targets.csv)
      const RealisationRow* row = tables.at(f.year).Find(f.scope);
      EXPECT_NEAR(row->target_extra_jobs.value_or(0), *f.opgave * scale, 0.01) << f.scope << " " << f.year;
    }
    ++compared;
  }
  return compared;
}

// The standard deviation over the public subsectors without a published
// figure of their relative change of the realisation from `year` - 1 to
// `year`, in % (the Rijk, politie and provincies follow their published points).
double SubsectorSpread(const YearTables& tables, int year) {
  std::vector<double> changes;
  for (const char* s : {"gemeenten", "waterschappen", "defensie", "rechtspraak", "po", "vo", "mbo", "hbo", "wo", "umc",
                        "onderzoek", "overig"}) {
    auto now = PctOf(tables, year, std::string("subsector:") + s);
    auto before = PctOf(tables, year - 1, std::string("subsector:") + s);
    if (now && before && *before > 0) changes.push_back((*now / *before - 1) * 100);
  }
  if (changes.size() < 2) return 0;
  double mean = 0, sq = 0;
  for (double c : changes) mean += c;
  mean /= static_cast<double>(changes.size());
  for (double c : changes) sq += (c - mean) * (c - mean);
  return std::sqrt(sq / static_cast<double>(changes.size() - 1));
}

// One generated delivery at kScale, loaded once and counted for 2013-2024.
class GeneratedNetherlands : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    summary_ = Generate(dir_->path(), kScale, 2013);
    auto d = LoadDelivery(dir_->path(), LoadOptions{});
    ASSERT_TRUE(d.has_value());
    delivery_ = std::make_unique<Delivery>(std::move(*d));
    tables_ = CountYears(*delivery_);
  }
  static void TearDownTestSuite() {
    tables_.clear();
    delivery_.reset();
    dir_.reset();
  }
  static const RealisationRow* Row(int year, const std::string& scope) {
    auto it = tables_.find(year);
    return it == tables_.end() ? nullptr : it->second.Find(scope);
  }
  static std::optional<double> Pct(int year, const std::string& scope) { return PctOf(tables_, year, scope); }

  static std::unique_ptr<TempDir> dir_;
  static generate::GenerateSummary summary_;
  static std::unique_ptr<Delivery> delivery_;
  static YearTables tables_;
};

std::unique_ptr<TempDir> GeneratedNetherlands::dir_;
generate::GenerateSummary GeneratedNetherlands::summary_;
std::unique_ptr<Delivery> GeneratedNetherlands::delivery_;
YearTables GeneratedNetherlands::tables_;

TEST_F(GeneratedNetherlands, LoadsWithoutErrorsOrWarnings) {
  EXPECT_EQ(delivery_->error_count(), 0);
  EXPECT_EQ(delivery_->warning_count(), 0);
  for (const auto& f : delivery_->findings) ADD_FAILURE() << f.ToString();
  EXPECT_TRUE(summary_.calibration_misses.empty());
  for (const char* name : {"employers.csv", "register.csv", "payroll.csv", "hire_in.csv", "targets.csv",
                           "employer_hours.csv", "sroi.csv"}) {
    EXPECT_TRUE(std::filesystem::exists(dir_->path() / name)) << name;
  }
}

// Every published figure within 1 point: 18 national (2015-2023), the total
// of 2024, 7 of the public sector.
TEST_F(GeneratedNetherlands, ReproducesEveryPublishedFigureWithinOnePoint) {
  EXPECT_EQ(ExpectPublishedFigures(tables_, kScale), 18 + 1 + 7);
}

// The results are not copied: no published figure is hit to a hundredth.
TEST_F(GeneratedNetherlands, PublishedFiguresAreNotPlannedExactly) {
  int exact = 0;
  for (const auto& f : PublishedFigures()) exact += std::fabs(Pct(f.year, f.scope).value_or(-1) - f.pct) < 0.01;
  EXPECT_LT(exact, 3);
}

// Natural variation: the subsectors do not move in step.
TEST_F(GeneratedNetherlands, SubsectorsChangeDifferentlyEveryYear) {
  for (int year = 2016; year <= 2024; ++year) {
    double spread = SubsectorSpread(tables_, year);
    EXPECT_GT(spread, kMinSpreadPercent) << year;
    std::printf("spread %d: %.2f %%\n", year, spread);
  }
}

// The same at the scale of `banenmonitor demo` (./scripts/demo.sh), whose
// report is what a newcomer reads first.
TEST(GeneratedNetherlandsAtDemoScale, EveryPublishedFigureWithinOnePointAndASpread) {
  TempDir dir;
  Generate(dir.path(), generate::kDemoScale, 2013);
  LoadOptions q4;
  q4.months_of_year = 0xE00;  // October-December: the Q4 windows
  q4.count_tables_only = true;
  auto d = LoadDelivery(dir.path(), q4);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->error_count(), 0);
  EXPECT_TRUE(d->manifest.synthetic);
  YearTables tables = CountYears(*d);
  EXPECT_EQ(ExpectPublishedFigures(tables, generate::kDemoScale), 18 + 1 + 7);
  for (int year = 2016; year <= 2024; ++year) EXPECT_GT(SubsectorSpread(tables, year), kMinSpreadPercent) << year;
}

TEST_F(GeneratedNetherlands, GemeentenAboveAndEducationFarBelowTarget) {
  for (int year : {2022, 2023}) {
    EXPECT_GT(Pct(year, "subsector:gemeenten").value_or(0), 110) << year;
    for (const char* s : {"subsector:po", "subsector:vo", "subsector:mbo", "subsector:hbo", "subsector:wo"}) {
      EXPECT_LT(Pct(year, s).value_or(100), 60) << s << " " << year;
    }
  }
}

TEST_F(GeneratedNetherlands, EveryMinistryHasItsOpgave) {
  for (const char* m : {"AZ", "BZ", "BZK", "EZK", "Fin", "IenW", "JenV", "LNV", "OCW", "SZW", "VWS"}) {
    const RealisationRow* r = Row(2023, std::string("organisation:") + m);
    ASSERT_NE(r, nullptr) << m;
    EXPECT_GT(r->jobs, 0) << m;
    EXPECT_TRUE(r->realisation_pct.has_value()) << m;
  }
}

// programme:binnenwerk: 870 jobs at the end of 2023 against a target of 1,500.
TEST_F(GeneratedNetherlands, BinnenwerkAsPublished) {
  std::string id;
  for (const auto& e : delivery_->employers) {
    if (e.name.find("Binnenwerk") != std::string::npos) id = e.id;
  }
  ASSERT_FALSE(id.empty());
  const RealisationRow* r = Row(2023, "employer:" + id);
  ASSERT_NE(r, nullptr);
  EXPECT_NEAR(r->jobs, 870 * kScale, 870 * kScale * 0.03);
  EXPECT_NEAR(r->realisation_pct.value_or(0), 58.0, kTolerancePoints);
}

// parameters.csv hire_in_share_government: 0.337 from December 2020.
TEST_F(GeneratedNetherlands, HiredInHoursShareOfGovernment) {
  for (int year : {2021, 2023}) {
    const RealisationRow* g = Row(year, "government");
    const RealisationRow* t = Row(year, "total");
    ASSERT_TRUE(g && t);
    EXPECT_NEAR(g->jobs_hired_in / t->jobs_hired_in, 0.337, 0.03) << year;
  }
}

TEST_F(GeneratedNetherlands, EveryPersonIdIsABsnPassingTheElfproef) {
  std::set<std::string> ids;
  for (const auto& row : ReadCsv(dir_->path() / "register.csv")) ids.insert(row.at("person_id"));
  ASSERT_GT(ids.size(), 1000u);
  for (const auto& id : ids) {
    ASSERT_TRUE(LooksLikeBsn(id)) << "not 9 digits";
    // 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11.
    int sum = 0;
    for (int i = 0; i < 8; ++i) sum += (9 - i) * (id[static_cast<std::size_t>(i)] - '0');
    sum -= id[8] - '0';
    ASSERT_EQ(sum % 11, 0);
    ASSERT_TRUE(IsValidBsn(id));
  }
  for (const auto& id : delivery_->person_ids) ASSERT_TRUE(ids.contains(id));
}

TEST_F(GeneratedNetherlands, EmployersOfEverySubsector) {
  std::map<std::string, int> count;
  int agencies = 0, wsw = 0;
  for (const auto& e : delivery_->employers) {
    ++count[e.subsector];
    agencies += e.lender == LenderKind::kAgency;
    wsw += e.lender == LenderKind::kWsw;
  }
  for (const char* s : {"rijk", "gemeenten", "provincies", "waterschappen", "defensie", "politie", "rechtspraak", "po",
                        "vo", "mbo", "hbo", "wo", "umc", "onderzoek", "overig", "market"}) {
    EXPECT_GE(count[s], 1) << s;
  }
  EXPECT_EQ(count["gemeenten"], 7);  // 342 x 0.02
  EXPECT_GT(count["market"], 500);
  EXPECT_GE(agencies, 1);
  EXPECT_GE(wsw, 1);
}

// Where the jobs are (counting.md §8, docs/calibration.md "Regions"): every
// arbeidsmarktregio holds jobs, none is unknown, the Rijk's jobs are mostly in
// Haaglanden, every registered person lives in a region, most where they work.
TEST_F(GeneratedNetherlands, EveryRegionHoldsJobsAndTheRijkIsMostlyInHaaglanden) {
  auto params = CountingParams::ForYear(ParameterSet::Embedded(), 2024);
  ASSERT_TRUE(params.has_value());
  CountRequest all{2024, Window::kQ4, false, true, ""};
  auto t = CountJobs(*delivery_, all, *params);
  ASSERT_TRUE(t.has_value());
  const auto names = RegionTable::Embedded().Names();
  ASSERT_EQ(names.size(), 35u);
  double in_regions = 0;
  for (const auto& name : names) {
    const RealisationRow* r = t->Find("region:" + name);
    ASSERT_NE(r, nullptr) << name;
    EXPECT_GT(r->jobs, 0) << name;
    in_regions += r->jobs;
  }
  const RealisationRow* unknown = t->Find("region:onbekend");
  EXPECT_TRUE(unknown == nullptr || unknown->jobs == 0) << unknown->jobs;
  EXPECT_NEAR(in_regions, t->Find("total")->jobs, 1e-6);

  CountRequest rijk{2024, Window::kQ4, false, true, "subsector:rijk"};
  auto r = CountJobs(*delivery_, rijk, *params);
  ASSERT_TRUE(r.has_value());
  const RealisationRow* haaglanden = r->Find("region:Haaglanden");
  ASSERT_NE(haaglanden, nullptr);
  const double rijk_jobs = r->Find("subsector:rijk")->jobs;
  EXPECT_GT(haaglanden->jobs, 0.5 * rijk_jobs) << haaglanden->jobs << " of " << rijk_jobs;
  for (const auto& name : names) {
    if (name != "Haaglanden" && r->Find("region:" + name) != nullptr) {
      EXPECT_LT(r->Find("region:" + name)->jobs, haaglanden->jobs) << name;
    }
  }

  // Persons: every period has a region; most persons live in the region of
  // their first job (the hirer's, when lent out in that month).
  std::vector<std::uint8_t> home(delivery_->person_ids.size(), 0);
  for (const auto& p : delivery_->register_periods) {
    EXPECT_NE(p.region, 0) << p.person;
    home[p.person] = p.region;
  }
  const auto& regions = RegionTable::Embedded();
  struct FirstJob {
    MonthIndex month = std::numeric_limits<MonthIndex>::max();
    std::uint8_t region = 0;
  };
  std::vector<FirstJob> first(home.size());
  auto worked = [&](PersonIndex person, EmployerIndex employer, MonthIndex month, bool hired_in) {
    FirstJob& f = first[person];
    if (month < f.month || (month == f.month && hired_in)) f = {month, regions.IndexOf(delivery_->employers[employer].region)};
  };
  for (const auto& c : delivery_->payroll) worked(c.person, c.employer, c.month, false);
  for (const auto& h : delivery_->hire_in) worked(h.person, h.hirer, h.month, true);
  int working = 0, at_home = 0;
  for (std::size_t p = 0; p < home.size(); ++p) {
    if (first[p].region == 0) continue;
    ++working;
    at_home += first[p].region == home[p];
  }
  ASSERT_GT(working, 1000);
  EXPECT_GT(at_home, 0.7 * working) << at_home << " of " << working;
}

// employer_hours.csv: one row per employer and month, all staff >= agency + Wsw staff.
TEST_F(GeneratedNetherlands, EmployerHoursCoverEveryEmployerAndMonth) {
  auto rows = ReadCsv(dir_->path() / "employer_hours.csv");
  std::size_t months = 12 * (2024 - 2012) + 1;
  EXPECT_EQ(rows.size(), delivery_->employers.size() * months);
  for (const auto& r : rows) {
    double all = std::stod(r.at("hours"));
    ASSERT_GE(all + 1e-6, std::stod(r.at("agency_staff_hours")) + std::stod(r.at("wsw_hours")));
    ASSERT_GT(std::stod(r.at("wage")), 0);
  }
}

TEST_F(GeneratedNetherlands, SroiFromMarketContractorsToGovernmentBuyers) {
  std::map<std::string, const Employer*> by_id;
  for (const auto& e : delivery_->employers) by_id[e.id] = &e;
  auto rows = ReadCsv(dir_->path() / "sroi.csv");
  ASSERT_FALSE(rows.empty());
  for (const auto& r : rows) {
    ASSERT_EQ(by_id.at(r.at("contractor_id"))->sector, Sector::kMarket);
    ASSERT_EQ(by_id.at(r.at("buyer_id"))->sector, Sector::kGovernment);
  }
}

TEST(Generate, SameSeedSameBytes) {
  TempDir a, b, c;
  Generate(a.path(), 0.01, 42);
  Generate(b.path(), 0.01, 42);
  Generate(c.path(), 0.01, 43);
  for (const char* name : {"employers.csv", "register.csv", "payroll.csv", "hire_in.csv", "targets.csv",
                           "employer_hours.csv", "sroi.csv"}) {
    std::string ha = data::Sha256::Of(ReadFile(a.path() / name));
    EXPECT_EQ(ha, data::Sha256::Of(ReadFile(b.path() / name))) << name;
    if (std::string(name) != "targets.csv") {
      EXPECT_NE(ha, data::Sha256::Of(ReadFile(c.path() / name))) << name;
    }
  }
}

// A later first year: payroll from December 2016, targets from 2017, same calibration.
TEST(Generate, LaterFromYear) {
  TempDir dir;
  Generate(dir.path(), 0.01, 7, 2016, 2020);
  auto d = LoadDelivery(dir.path(), LoadOptions{});
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->error_count(), 0);
  auto params = CountingParams::ForYear(ParameterSet::Embedded(), 2019);
  auto t = CountJobs(*d, CountRequest{2019, Window::kQ4}, *params);
  ASSERT_TRUE(t.has_value());
  EXPECT_NEAR(t->Find("market")->realisation_pct.value_or(0), 51829.0 / 40000 * 100, kTolerancePoints);
  EXPECT_NEAR(t->Find("government")->realisation_pct.value_or(0), 9786.0 / 15000 * 100, kTolerancePoints);
  std::string payroll = ReadFile(dir.path() / "payroll.csv");
  EXPECT_EQ(payroll.find(",2016-11,"), std::string::npos);
  EXPECT_NE(payroll.find(",2016-12,"), std::string::npos);
  EXPECT_EQ(payroll.find(",2021-01,"), std::string::npos);
}

TEST(Generate, RejectsOptionsOutOfRange) {
  TempDir dir;
  generate::GenerateOptions o;
  o.out = dir.path();
  o.scale = 0;
  EXPECT_EQ(generate::GenerateDelivery(o).error().code(), Status::Code::kUsage);
  o.scale = 0.0005;
  EXPECT_EQ(generate::GenerateDelivery(o).error().code(), Status::Code::kUsage);
  o.scale = 0.01;
  o.from_year = 2011;
  EXPECT_EQ(generate::GenerateDelivery(o).error().code(), Status::Code::kUsage);
  o.from_year = 2020;
  o.to_year = 2020;
  EXPECT_EQ(generate::GenerateDelivery(o).error().code(), Status::Code::kUsage);
}

TEST(GenerateCommand, GeneratesADeliveryThatCounts) {
  TempDir dir;
  std::string out = (dir.path() / "nl").string();
  auto r = RunCommand(std::string(BANENMONITOR_BINARY) + " generate --out " + out + " --scale 0.005 --seed 9");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("payroll.csv"), std::string::npos);
  auto c = RunCommand(std::string(BANENMONITOR_BINARY) + " count --data " + out + " --year 2023 --format csv");
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(c.out.find("2023,q4,government,"), std::string::npos);
  auto bad = RunCommand(std::string(BANENMONITOR_BINARY) + " generate --out " + out + " --from 2011");
  EXPECT_EQ(bad.exit_code, 64);
}

}  // namespace
}  // namespace banenmonitor::testing
