// Workspaces on both stores: count --workspace equals count --data, no raw BSN
// in the store, all-or-nothing imports, idempotency, quarantine, diff.
#include "banenmonitor/workspace.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <cstdlib>
#include <thread>

#include "random_delivery.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

using testing::ReadFile;
using testing::TempDir;

using banenmonitor::testing::kExample;
using banenmonitor::testing::kBinary;

// "" = SQLite; "postgresql" = the server named by BANENMONITOR_TEST_POSTGRES_URL.
class WorkspaceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      const char* url = std::getenv("BANENMONITOR_TEST_POSTGRES_URL");
      ASSERT_TRUE(url != nullptr && *url != '\0')
          << "BANENMONITOR_TEST_POSTGRES_URL is not set: start a server with scripts/start-postgres.sh and export "
             "the URL it prints (CI does this in .ci/run)";
      url_ = url;
    }
    ws_ = root_.path() / "ws";
    auto r = testing::RunCommand(kBinary + " init " + ws_.string() + (url_.empty() ? "" : " --store " + url_));
    ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  }
  testing::CommandResult Bm(const std::string& args) { return testing::RunCommand(kBinary + " " + args); }
  std::string Ws() const { return ws_.string(); }

  TempDir root_;
  std::filesystem::path ws_;
  std::string url_;
};

TEST_P(WorkspaceTest, CountFromWorkspaceEqualsCountFromDelivery) {
  auto imported = Bm("import " + Ws() + " --data " + kExample.string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  for (const char* by : {"sector", "subsector", "organisation", "employer"}) {
    auto a = Bm("count --data " + kExample.string() + " --year 2023 --format csv --by " + by);
    auto b = Bm("count --workspace " + Ws() + " --year 2023 --format csv --by " + by);
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_EQ(a.out, b.out) << by;
  }
  auto y = Bm("count --workspace " + Ws() + " --snapshot 1 --year 2023 --window year --format csv");
  EXPECT_EQ(y.out, ReadFile(kExample / "expected-2023-year-sector.csv"));
}

// The PostgreSQL store sends an import's rows in batches, each on a thread of
// its own while the next is read (a person new in a batch still being sent is
// new again in the next); batches of three rows store what one batch stores.
TEST_P(WorkspaceTest, AnImportInBatchesOfThreeRowsCountsAsTheDelivery) {
  auto imported = testing::RunCommand("BANENMONITOR_PG_BATCH_ROWS=3 " + kBinary + " import " + Ws() + " --data " +
                                      kExample.string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  std::filesystem::remove_all(ws_ / "cache");  // counted from the store's rows
  for (const char* by : {"sector", "employer", "all"}) {
    auto a = Bm("count --data " + kExample.string() + " --year 2023 --window year --format csv --by " + by);
    auto b = Bm("count --workspace " + Ws() + " --year 2023 --window year --format csv --by " + by);
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_EQ(a.out, b.out) << by;
  }
  auto quality = nlohmann::json::parse(Bm("snapshots " + Ws() + " --json").out);
  ASSERT_EQ(quality.size(), 1u);
  EXPECT_EQ(quality[0]["invalid_rows"], 0);
}

// The regions of employers and persons (counting.md §8) survive the store and the column cache.
TEST_P(WorkspaceTest, RegionsAndGroundsCountTheSameFromTheWorkspace) {
  const auto dir = root_.path() / "regions";
  std::filesystem::create_directories(dir);
  auto write = [&](const char* name, const std::string& text) { std::ofstream(dir / name) << text; };
  write("employers.csv",
        "employer_id,name,sector,subsector,organisation,lender,region\n"
        "100000001L01,Gemeente,government,gemeenten,,none,GM0518\n"
        "100000003L01,Bakkerij,market,,,none,Groot Amsterdam\n"
        "100000004L01,Uitzendbureau,market,,,agency,AM22\n"
        "100000006L01,Schoonmaak,market,,,none,\n");
  write("register.csv",
        "person_id,ground,start_date,end_date,region\n"
        "999900018,wajong,2015-01-01,2023-11-10,GM0363\n"
        "999900018,participatiewet,2023-11-11,,GM0363\n"
        "999900067,participatiewet,2021-03-01,,Rijnmond\n");
  write("payroll.csv",
        "person_id,employer_id,period,hours,contract,wsw\n"
        "999900067,100000004L01,2023-12,160,temporary,0\n"
        "999900018,100000001L01,2023-10,100,permanent,0\n"
        "999900018,100000006L01,2023-12,60,permanent,0\n");
  write("hire_in.csv", "person_id,lender_id,hirer_id,period,hours\n999900067,100000004L01,100000003L01,2023-12,70\n");
  auto imported = Bm("import " + Ws() + " --data " + dir.string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  for (const char* command : {"count --year 2023 --by region", "count --year 2023 --by ground",
                              "trend --from 2023 --to 2023 --by region", "trend --from 2023 --to 2023 --by ground"}) {
    auto a = Bm(std::string(command) + " --format csv --data " + dir.string());
    auto b = Bm(std::string(command) + " --format csv --workspace " + Ws());
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_EQ(a.out, b.out) << command;
    const bool by_region = std::string(command).ends_with("region");
    EXPECT_EQ(a.out.find(by_region ? "region:Groot Amsterdam" : "ground:participatiewet") != std::string::npos, true)
        << command << a.out;
  }
}

// A delivery that says it is synthetic (delivery.csv, counting.md §2) stays so
// in its snapshot: what is loaded and counted from the workspace says so too.
TEST_P(WorkspaceTest, ASyntheticDeliveryIsSyntheticFromTheWorkspace) {
  const auto dir = root_.path() / "synthetic";
  std::filesystem::create_directories(dir);
  for (const char* file : {"employers.csv", "register.csv", "payroll.csv", "hire_in.csv", "targets.csv"}) {
    if (std::filesystem::exists(kExample / file)) std::filesystem::copy_file(kExample / file, dir / file);
  }
  std::ofstream(dir / "delivery.csv") << "key,value\nsynthetic,1\ndescription,Proeflevering\n";
  auto imported = Bm("import " + Ws() + " --data " + dir.string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  imported = Bm("import " + Ws() + " --data " + kExample.string());  // a delivery that says nothing
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  auto ws = Workspace::Open(ws_);
  ASSERT_TRUE(ws) << ws.error().message();
  auto snapshots = ws->Snapshots();
  ASSERT_TRUE(snapshots && snapshots->size() == 2u);
  EXPECT_TRUE((*snapshots)[0].manifest.synthetic);
  EXPECT_EQ((*snapshots)[0].manifest.description, "Proeflevering");
  EXPECT_FALSE((*snapshots)[1].manifest.synthetic);
  for (bool count_tables_only : {false, true, true}) {  // the store, the column cache written, then read
    LoadOptions options;
    options.count_tables_only = count_tables_only;
    auto first = ws->Load(1, options);
    ASSERT_TRUE(first) << first.error().message();
    EXPECT_TRUE(first->manifest.synthetic) << count_tables_only;
    EXPECT_EQ(first->manifest.description, "Proeflevering");
    auto second = ws->Load(2, options);
    ASSERT_TRUE(second) << second.error().message();
    EXPECT_FALSE(second->manifest.synthetic) << count_tables_only;
  }
  for (const char* snapshot : {"1", "2"}) {
    auto counted = Bm("count --workspace " + Ws() + " --snapshot " + snapshot + " --year 2023 --format json");
    ASSERT_EQ(counted.exit_code, 0) << counted.err;
    EXPECT_EQ(counted.out.find("\"synthetic\": true") != std::string::npos, std::string(snapshot) == "1")
        << snapshot << counted.out;
  }
}

TEST_P(WorkspaceTest, RandomDeliveriesCountTheSameFromTheWorkspace) {
  for (int seed = 1; seed <= 4; ++seed) {
    TempDir data;
    testing::RandomDelivery(seed, 80).Write(data, nullptr);
    auto imported = Bm("import " + Ws() + " --data " + data.path().string());
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    for (const char* window : {"q1", "q4", "year"}) {
      for (const char* by : {"subsector", "employer"}) {
        std::string args = std::string(" --year 2023 --format csv --window ") + window + " --by " + by;
        auto a = Bm("count --data " + data.path().string() + args);
        auto b = Bm("count --workspace " + Ws() + args);
        ASSERT_EQ(b.exit_code, 0) << b.err;
        EXPECT_EQ(a.out, b.out) << "seed " << seed << args;
      }
    }
  }
}

TEST_P(WorkspaceTest, TheColumnCacheIsBuiltOnceAndRebuiltWhenDamaged) {
  TempDir data;
  testing::RandomDelivery(11, 120).Write(data, nullptr);
  ASSERT_EQ(Bm("import " + Ws() + " --data " + data.path().string()).exit_code, 0);
  // Every month of three years: every section of the cache is read (and so verified).
  const std::string args = " --year 2022 --to-year 2024 --window year --by all --format csv";
  auto expected = Bm("count --data " + data.path().string() + args);
  ASSERT_EQ(expected.exit_code, 0) << expected.err;
  // The import wrote the cache; the first count takes it as it is (the same file: not rewritten).
  const auto cache = ws_ / "cache" / "snapshot-1.columns";
  ASSERT_TRUE(std::filesystem::exists(cache));
  const std::string from_import = ReadFile(cache);
  struct stat before {};
  ASSERT_EQ(::stat(cache.c_str(), &before), 0);
  auto first = Bm("count --workspace " + Ws() + args);
  EXPECT_EQ(first.out, expected.out);
  struct stat after {};
  ASSERT_EQ(::stat(cache.c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino) << "the cache the import wrote was not taken";
  // Built from the store instead (removed): the same tables, so the same count.
  std::filesystem::remove(cache);
  EXPECT_EQ(Bm("count --workspace " + Ws() + args).out, expected.out);
  ASSERT_TRUE(std::filesystem::exists(cache));
  EXPECT_EQ(ReadFile(cache).size(), from_import.size());
  auto again = Bm("count --workspace " + Ws() + " --year 2023 --window year --by employer --format csv");
  EXPECT_EQ(again.out, Bm("count --data " + data.path().string() + " --year 2023 --window year --by employer --format csv").out);
  // Flipped bytes in the cells (one every sixteenth of the file, so the months a
  // count reads are hit): a section's hash no longer matches, so the cache is rebuilt from the store.
  std::string bytes = ReadFile(cache);
  for (std::size_t i = 1; i < 16; ++i) bytes[bytes.size() * i / 16] = static_cast<char>(bytes[bytes.size() * i / 16] ^ 0x5a);
  std::ofstream(cache, std::ios::binary | std::ios::trunc) << bytes;
  auto rebuilt = Bm("count --workspace " + Ws() + args);
  EXPECT_EQ(rebuilt.out, expected.out);
  EXPECT_TRUE(ReadFile(cache) != bytes) << "the damaged cache was not rebuilt";
  // A cache of another snapshot (copied over) is not taken for this one.
  ASSERT_EQ(Bm("import " + Ws() + " --data " + kExample.string()).exit_code, 0);
  std::filesystem::copy_file(cache, ws_ / "cache" / "snapshot-2.columns", std::filesystem::copy_options::overwrite_existing);
  auto other = Bm("count --workspace " + Ws() + " --snapshot 2 --year 2023 --format csv --by all");
  EXPECT_EQ(other.out, Bm("count --data " + kExample.string() + " --year 2023 --format csv --by all").out);
}

// Every table of a loaded snapshot as text, for comparing two loads of it.
std::string Tables(const Delivery& d) {
  std::string t = fmt::format("stats {} {} {} {} eh-file {}\n", d.stats.payroll_rows_kept, d.stats.payroll_rows_outside_months,
                              d.stats.payroll_rows_unregistered, d.stats.hire_in_rows_unregistered, d.has_employer_hours_file);
  for (const auto& e : d.employers) t += fmt::format("E {} {} {} {}\n", e.id, e.name, e.subsector, e.region);
  for (const auto& id : d.person_ids) t += "P " + id + "\n";
  for (const auto& r : d.register_periods) t += fmt::format("R {} {} {} {}\n", r.person, r.start_day, r.end_day, r.region);
  for (const auto& c : d.payroll) {
    t += fmt::format("W {} {} {} {} {} {} {}\n", c.person, c.employer, c.month, c.hours, c.wsw_hours, c.permanent_hours,
                     c.temporary_hours);
  }
  for (const auto& c : d.hire_in) t += fmt::format("H {} {} {} {} {} {}\n", c.person, c.lender, c.hirer, c.month, c.hours, c.first_line);
  for (const auto& x : d.targets) t += fmt::format("T {} {} {}\n", x.year, x.scope, x.baseline_jobs);
  for (const auto* table : {&d.employer_hours, &d.payroll_totals}) {
    for (const auto& m : *table) {
      t += fmt::format("M {} {} {} {} {} {}\n", m.employer, m.month, m.hours, m.agency_staff_hours, m.wsw_hours,
                       m.wage_cents ? std::to_string(*m.wage_cents) : "-");
    }
    t += "--\n";
  }
  for (const auto& c : d.sroi) t += fmt::format("S {} {} {} {} {} {}\n", c.person, c.contractor, c.buyer, c.month, c.hours, c.first_line);
  for (const auto& f : d.findings) t += "F " + f.ToString() + "\n";
  return t;
}

// A whole snapshot (what the dashboard and a report load: LoadOptions without
// count_tables_only) loads from the column cache the import wrote, with the
// same tables as the store gives: employer hours, payroll totals and social
// return too, for all months and for a window of months.
TEST_P(WorkspaceTest, AWholeSnapshotLoadsFromTheColumnCacheAsFromTheStore) {
  const auto data = root_.path() / "gegenereerd";
  auto gen = Bm("generate --out " + data.string() + " --scale 0.003 --from 2022 --to 2023");
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  ASSERT_EQ(Bm("import " + Ws() + " --data " + data.string()).exit_code, 0);
  const auto cache = ws_ / "cache" / "snapshot-1.columns";
  struct stat before {};
  ASSERT_EQ(::stat(cache.c_str(), &before), 0);
  LoadOptions whole, window;
  window.first_month = MakeMonth(2023, 1);
  window.last_month = MakeMonth(2023, 12);
  window.months_of_year = 0xE00;  // October to December
  std::vector<std::string> cached;
  {
    auto ws = Workspace::Open(ws_);
    ASSERT_TRUE(ws) << ws.error().message();
    for (const LoadOptions* o : {&whole, &window}) {
      auto d = ws->Load(1, *o);
      ASSERT_TRUE(d) << d.error().message();
      EXPECT_FALSE(d->employer_hours.empty());
      EXPECT_FALSE(d->payroll_totals.empty());
      EXPECT_FALSE(d->sroi.empty());
      EXPECT_TRUE(d->has_employer_hours_file);
      cached.push_back(Tables(*d));
    }
  }
  struct stat after {};
  ASSERT_EQ(::stat(cache.c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino) << "the cache the import wrote was not taken";
  EXPECT_NE(cached[0], cached[1]);
  // No cache can be read or written now (`cache` is a file): the loads come from the store.
  std::filesystem::remove_all(ws_ / "cache");
  std::ofstream(ws_ / "cache") << "not a directory";
  auto ws = Workspace::Open(ws_);
  ASSERT_TRUE(ws) << ws.error().message();
  auto from_store = ws->Load(1, whole);
  ASSERT_TRUE(from_store) << from_store.error().message();
  EXPECT_EQ(Tables(*from_store), cached[0]);
  from_store = ws->Load(1, window);
  ASSERT_TRUE(from_store) << from_store.error().message();
  EXPECT_EQ(Tables(*from_store), cached[1]);
}

// The cache is derived: an import whose cache cannot be written (here `cache`
// is a file, not a directory) succeeds all the same, and count reads the store.
TEST_P(WorkspaceTest, AnImportWhoseColumnCacheCannotBeWrittenStands) {
  std::ofstream(ws_ / "cache") << "not a directory";
  auto imported = Bm("import " + Ws() + " --data " + kExample.string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_FALSE(std::filesystem::is_directory(ws_ / "cache"));
  auto a = Bm("count --data " + kExample.string() + " --year 2023 --format csv --by all");
  auto b = Bm("count --workspace " + Ws() + " --year 2023 --format csv --by all");
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(a.out, b.out);
  // A rejected import writes no cache.
  std::filesystem::remove(ws_ / "cache");
  TempDir bad;
  for (const auto& e : std::filesystem::directory_iterator(kExample)) {
    std::filesystem::copy_file(e.path(), bad.path() / e.path().filename());
  }
  bad.Write("payroll.csv", ReadFile(kExample / "payroll.csv") + "\n999900019,100000001L01,2023-13,1,,0\n");
  EXPECT_NE(Bm("import " + Ws() + " --data " + bad.path().string()).exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(ws_ / "cache" / "snapshot-2.columns"));
}

TEST_P(WorkspaceTest, ImportingTheSameContentTwiceMakesNoSecondSnapshot) {
  ASSERT_EQ(Bm("import " + Ws() + " --data " + kExample.string()).exit_code, 0);
  auto again = Bm("import " + Ws() + " --data " + kExample.string() + " --label tweede");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("al opgeslagen als snapshot 1"), std::string::npos) << again.out;
  auto list = nlohmann::json::parse(Bm("snapshots " + Ws() + " --json").out);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["files"].size(), 5u);
  EXPECT_EQ(list[0]["files"][2]["sha256"].get<std::string>().size(), 64u);
}

// The first import of a delivery hashes its files as it reads them (no
// snapshot has files of those sizes); a delivery with files of the same sizes
// as a snapshot's is hashed first and compared whole: one changed digit is a
// new snapshot, and importing that again is answered by its snapshot.
TEST_P(WorkspaceTest, ADeliveryOfTheSameSizesButOtherContentIsANewSnapshot) {
  ASSERT_EQ(Bm("import " + Ws() + " --data " + kExample.string()).exit_code, 0);
  TempDir other;
  for (const auto& e : std::filesystem::directory_iterator(kExample)) {
    if (e.path().extension() == ".csv") std::filesystem::copy_file(e.path(), other.path() / e.path().filename());
  }
  std::string payroll = ReadFile(kExample / "payroll.csv");
  const std::size_t digit = payroll.find_first_of("12345678", payroll.find(",2023-") + 9);
  ASSERT_NE(digit, std::string::npos);
  payroll[digit] = static_cast<char>(payroll[digit] + 1);  // the same size
  other.Write("payroll.csv", payroll);
  auto second = Bm("import " + Ws() + " --data " + other.path().string());
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("Snapshot 2 opgeslagen"), std::string::npos) << second.out;
  auto third = Bm("import " + Ws() + " --data " + other.path().string());
  EXPECT_NE(third.out.find("al opgeslagen als snapshot 2"), std::string::npos) << third.out;
  auto list = nlohmann::json::parse(Bm("snapshots " + Ws() + " --json").out);
  ASSERT_EQ(list.size(), 2u);
  const std::string a = list[0]["content_sha256"], b = list[1]["content_sha256"];
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(b.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_NE(Bm("import " + Ws() + " --data " + kExample.string()).out.find("al opgeslagen als snapshot 1"), std::string::npos);
}

TEST_P(WorkspaceTest, AnInvalidDeliveryIsRejectedWhole) {
  TempDir data;
  for (const char* f : {"employers.csv", "register.csv", "payroll.csv", "hire_in.csv", "targets.csv"}) {
    data.Write(f, ReadFile(kExample / f));
  }
  data.Write("payroll.csv", ReadFile(kExample / "payroll.csv") + "999900019,100000001L01,2023-12,abc,,\n");
  auto r = Bm("import " + Ws() + " --data " + data.path().string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("payroll.csv:14:1"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("999900019"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(Bm("snapshots " + Ws() + " --json").out).size(), 0u);
  // With --skip-invalid the valid rows are kept and the invalid one quarantined.
  auto skip = Bm("import " + Ws() + " --data " + data.path().string() + " --skip-invalid --json");
  ASSERT_EQ(skip.exit_code, 0) << skip.err;
  auto j = nlohmann::json::parse(skip.out);
  EXPECT_EQ(j["quarantined_rows"], 1);
  EXPECT_EQ(j["quality"]["invalid_bsn"], 1);
  EXPECT_EQ(Bm("count --workspace " + Ws() + " --year 2023 --format csv").out,
            ReadFile(kExample / "expected-2023-q4-sector.csv"));
}

TEST_P(WorkspaceTest, DiffShowsRowsAndJobsThatChanged) {
  TempDir data;
  for (const char* f : {"employers.csv", "register.csv", "payroll.csv", "hire_in.csv", "targets.csv"}) {
    data.Write(f, ReadFile(kExample / f));
  }
  ASSERT_EQ(Bm("import " + Ws() + " --data " + data.path().string()).exit_code, 0);
  // A correction: one more row of 332.75 hours for the gemeente (one job), one row removed.
  std::string payroll = ReadFile(kExample / "payroll.csv");
  payroll.erase(payroll.rfind("999999990"));
  data.Write("payroll.csv", payroll + "999900018,100000001L01,2023-11,332.75,permanent,0\n");
  ASSERT_EQ(Bm("import " + Ws() + " --data " + data.path().string()).exit_code, 0);
  auto d = Bm("diff " + Ws() + " 1 2 --year 2023");
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_TRUE(std::regex_search(d.out, std::regex(R"(payroll\.csv\s+1\s+1\n)"))) << d.out;
  EXPECT_TRUE(std::regex_search(d.out, std::regex(R"(register\.csv\s+0\s+0\n)"))) << d.out;
  EXPECT_TRUE(std::regex_search(d.out, std::regex(R"(Gemeenten\s+1,04\s+2,04\s+\+1,00)"))) << d.out;
  EXPECT_NE(d.out.find("+1,00"), std::string::npos) << d.out;
}

INSTANTIATE_TEST_SUITE_P(Stores, WorkspaceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// --- SQLite only: what lies on disk --------------------------------------

std::string ReadAll(const std::filesystem::path& dir) {
  std::string all;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) all += ReadFile(e.path());
  }
  return all;
}

TEST(WorkspaceOnDisk, NoRawBsnAnywhereInTheWorkspace) {
  TempDir root, data;
  testing::RandomDelivery delivery(7, 300);
  delivery.Write(data, nullptr);
  // One invalid row too, so the quarantine is scanned as well.
  data.Write("payroll.csv", ReadFile(data.path() / "payroll.csv") + "999900019,100000003L01,2023-05,1,,\n");
  std::string ws = (root.path() / "ws").string();
  ASSERT_EQ(testing::RunCommand(kBinary + " init " + ws).exit_code, 0);
  auto r = testing::RunCommand(kBinary + " import " + ws + " --data " + data.path().string() + " --skip-invalid");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The column cache that count builds holds pseudonyms only, like the store.
  ASSERT_EQ(testing::RunCommand(kBinary + " count --workspace " + ws + " --year 2023").exit_code, 0);
  ASSERT_TRUE(std::filesystem::exists(std::filesystem::path(ws) / "cache" / "snapshot-1.columns"));
  std::string bytes = ReadAll(ws);
  ASSERT_GT(bytes.size(), 10000u);
  delivery.bsns.push_back("999900019");
  for (const auto& bsn : delivery.bsns) {
    EXPECT_EQ(bytes.find(bsn), std::string::npos) << "raw BSN found in the workspace";
  }
  EXPECT_EQ(r.out.find("999900019"), std::string::npos);
  EXPECT_EQ(r.err.find("999900019"), std::string::npos);
}

TEST(WorkspaceOnDisk, KeyFileIsPrivate) {
  TempDir root;
  std::string ws = (root.path() / "ws").string();
  ASSERT_EQ(testing::RunCommand(kBinary + " init " + ws).exit_code, 0);
  auto perms = std::filesystem::status(root.path() / "ws" / "key").permissions();
  EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all), std::filesystem::perms::none);
  std::filesystem::permissions(root.path() / "ws" / "key", std::filesystem::perms::others_read, std::filesystem::perm_options::add);
  auto r = testing::RunCommand(kBinary + " snapshots " + ws);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("chmod 600"), std::string::npos) << r.err;
}

TEST(WorkspaceOnDisk, ImportKilledMidwayLeavesTheWorkspaceUnchanged) {
  TempDir root, data, small;
  testing::RandomDelivery(11, 25000).Write(data, nullptr);  // ~250,000 payroll rows
  testing::RandomDelivery(12, 40).Write(small, nullptr);
  std::filesystem::path ws = root.path() / "ws";
  ASSERT_EQ(testing::RunCommand(kBinary + " init " + ws.string()).exit_code, 0);
  ASSERT_EQ(testing::RunCommand(kBinary + " import " + ws.string() + " --data " + small.path().string()).exit_code, 0);
  std::string before = testing::RunCommand(kBinary + " snapshots " + ws.string() + " --json").out;
  std::string counted = testing::RunCommand(kBinary + " count --workspace " + ws.string() + " --year 2023 --format csv --by employer").out;

  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(kBinary.c_str(), kBinary.c_str(), "import", ws.c_str(), "--data", data.path().c_str(), nullptr);
    _exit(127);
  }
  // Kill it while it writes: once its rows file or the write-ahead log has grown.
  const bool writing = testing::WaitUntilImportIsWriting(ws, std::chrono::seconds(60));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(writing) << "the import never got to writing";
  ASSERT_TRUE(WIFSIGNALED(status)) << "the import finished before it could be killed";

  EXPECT_EQ(testing::RunCommand(kBinary + " snapshots " + ws.string() + " --json").out, before);
  EXPECT_EQ(testing::RunCommand(kBinary + " count --workspace " + ws.string() + " --year 2023 --format csv --by employer").out, counted);
  auto again = testing::RunCommand(kBinary + " import " + ws.string() + " --data " + data.path().string());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("Snapshot 2 opgeslagen"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace banenmonitor
