// The rows file of a snapshot (src/store/rows_file.h): what is written is read
// back exactly, and a damaged, truncated, swapped or missing file is an error
// naming the file, never a wrong count; in a workspace, an import killed at any
// moment leaves the workspace as it was.
#include "store/rows_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <algorithm>
#include <fstream>
#include <random>
#include <thread>

#include "data/sha256.h"
#include "random_delivery.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

namespace fs = std::filesystem;
using store::ReadRowsFile;
using store::RowsFileRecord;
using store::RowsFileWriter;
using testing::kBinary;
using testing::RunCommand;
using testing::TempDir;

// What a reader hands on, as text, one line per row.
struct Collect : data::RowSink {
  std::vector<std::string> rows;
  void OnRegister(const data::RegisterRow& r) override {
    rows.push_back(fmt::format("r {} {} {} {} {} {}", r.line, r.person_id, static_cast<int>(r.ground), r.start_day,
                               r.end_day, r.region));
  }
  void OnSroi(const data::SroiRow& r) override {
    rows.push_back(fmt::format("s {} {} {} {} {} {}", r.line, r.person_id, r.contractor, r.buyer, r.month, r.hours));
  }
  void OnPayroll(const data::PayrollRow& r) override {
    rows.push_back(fmt::format("p {} {} {} {} {} {} {} {}", r.line, r.person_id, r.employer, r.month, r.hours,
                               static_cast<int>(r.contract), r.wsw, r.wage_cents ? std::to_string(*r.wage_cents) : "-"));
  }
  void OnHireIn(const data::HireInRow& r) override {
    rows.push_back(fmt::format("h {} {} {} {} {} {}", r.line, r.person_id, r.lender, r.hirer, r.month, r.hours));
  }
  void OnEmployerHours(const data::EmployerHoursRow& r) override {
    rows.push_back(fmt::format("e {} {} {} {} {} {} {}", r.line, r.employer, r.month, r.hours, r.agency_staff_hours,
                               r.wsw_hours, r.wage_cents ? std::to_string(*r.wage_cents) : "-"));
  }
};

Result<std::vector<std::string>> Names(std::span<const std::int64_t> ids) {
  std::vector<std::string> out;
  for (auto id : ids) out.push_back("person-" + std::to_string(id));
  return out;
}

// Writes a rows file of format `version` with `payroll` payroll rows (and a
// few of the others) for snapshot 1 into `dir`; `expected` gets what a reader
// must hand on.
RowsFileRecord WriteSample(const fs::path& dir, int payroll, std::vector<std::string>* expected,
                           std::uint32_t version = store::kRowsFileVersion) {
  auto w = RowsFileWriter::Create(dir, 1, version);
  EXPECT_TRUE(w.has_value()) << w.error().message();
  const std::vector<std::int64_t> persons = {17, 4, 99};
  Collect want;
  for (int i = 0; version != 1 && i < 3; ++i) {
    data::RegisterRow r{"", static_cast<Ground>(i * 4), 19'000 + i, i == 2 ? kOpenEnd : 19'500 + i, 2 + i,
                        static_cast<std::uint8_t>(i * 17)};
    EXPECT_TRUE((*w)->Add(static_cast<std::uint32_t>(i), r));
    std::string name = "person-" + std::to_string(persons[i]);
    r.person_id = name;
    want.OnRegister(r);
  }
  for (int i = 0; i < payroll; ++i) {
    data::PayrollRow r;
    r.line = 2 + i;
    r.employer = static_cast<EmployerIndex>(i % 7);
    r.month = 2023 * 12 + i % 12;
    r.hours = 1'000'000 + i;
    r.contract = static_cast<data::Contract>(i % 3);
    r.wsw = i % 5 == 0;
    if (i % 2 == 0) r.wage_cents = -5 + i;
    EXPECT_TRUE((*w)->Add(static_cast<std::uint32_t>(i % 3), r));
    std::string name = "person-" + std::to_string(persons[i % 3]);
    r.person_id = name;
    want.OnPayroll(r);
  }
  for (int i = 0; i < 3; ++i) {
    data::HireInRow h{"", 1, 2, 2023 * 12 + i, 40'000'000 + i, 2 + i};
    EXPECT_TRUE((*w)->Add(static_cast<std::uint32_t>(2 - i), h));
    std::string name = "person-" + std::to_string(persons[2 - i]);
    h.person_id = name;
    want.OnHireIn(h);
  }
  data::EmployerHoursRow e{3, 2023 * 12, 100, 20, 5, std::nullopt, 2};
  EXPECT_TRUE((*w)->Add(e));
  want.OnEmployerHours(e);
  for (int i = 0; version != 1 && i < 2; ++i) {
    data::SroiRow r{"", 4, 5 + static_cast<EmployerIndex>(i), 2023 * 12 + 3, 12'500'000 + i, 7 + i};
    EXPECT_TRUE((*w)->Add(static_cast<std::uint32_t>(1 + i), r));
    std::string name = "person-" + std::to_string(persons[1 + i]);
    r.person_id = name;
    want.OnSroi(r);
  }
  auto record = (*w)->Finish(persons);
  EXPECT_TRUE(record.has_value()) << record.error().message();
  (*w)->Commit();
  if (expected != nullptr) *expected = want.rows;
  return *record;
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
void Put(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

TEST(RowsFile, ReadsBackEveryRowAcrossBlocks) {
  TempDir dir;
  std::vector<std::string> want;
  RowsFileRecord record = WriteSample(dir.path(), 70'000, &want);  // two payroll blocks
  EXPECT_EQ(record.payroll_rows, 70'000);
  EXPECT_EQ(record.hire_in_rows, 3);
  EXPECT_EQ(record.employer_hours_rows, 1);
  EXPECT_EQ(record.register_rows, 3);
  EXPECT_EQ(record.sroi_rows, 2);
  EXPECT_EQ(record.bytes, static_cast<std::int64_t>(fs::file_size(dir.path() / record.file)));
  EXPECT_FALSE(fs::exists(dir.path() / (record.file + ".tmp")));
  Collect got;
  Status s = ReadRowsFile(dir.path(), record, Names, got);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(got.rows, want);
  EXPECT_EQ(got.rows.front(), "r 2 person-17 0 19000 19500 0");
  EXPECT_EQ(got.rows.back(), "s 8 person-99 4 6 24279 12500001");
}

// A file of format 1 (schema 10: register and social return in the database)
// is still read, and a file whose format is not the one recorded is an error.
TEST(RowsFile, AFileOfTheFirstFormatIsStillRead) {
  TempDir dir;
  std::vector<std::string> want;
  RowsFileRecord record = WriteSample(dir.path(), 100, &want, 1);
  EXPECT_FALSE(record.register_rows.has_value());
  EXPECT_FALSE(record.sroi_rows.has_value());
  Collect got;
  Status s = ReadRowsFile(dir.path(), record, Names, got);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(got.rows, want);
  EXPECT_EQ(got.rows.front().substr(0, 2), "p ");
  record.register_rows = 0;
  record.sroi_rows = 0;
  Collect none;
  s = ReadRowsFile(dir.path(), record, Names, none);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("format version"), std::string::npos) << s.message();
}

// Format 3's digest leaves the payloads out (each block header holds its
// payload's SHA-256): a file of format 2 reads the same rows, and a file of
// format 3 relabelled as format 2 (whose digest is of every byte) is refused.
TEST(RowsFile, AFileOfTheSecondFormatIsStillReadAndAVersionChangedIsRefused) {
  TempDir v2, v3;
  std::vector<std::string> want2, want3;
  RowsFileRecord r2 = WriteSample(v2.path(), 100, &want2, 2);
  RowsFileRecord r3 = WriteSample(v3.path(), 100, &want3, store::kRowsFileVersion);
  ASSERT_EQ(store::kRowsFileVersion, 3u);
  EXPECT_EQ(want2, want3);
  EXPECT_NE(r2.sha256, r3.sha256);
  EXPECT_EQ(r2.sha256, data::Sha256::Of(Slurp(v2.path() / r2.file))) << "format 2: the digest of every byte";
  Collect got2, got3;
  Status s = ReadRowsFile(v2.path(), r2, Names, got2);
  ASSERT_TRUE(s.ok()) << s.message();
  s = ReadRowsFile(v3.path(), r3, Names, got3);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(got2.rows, want2);
  EXPECT_EQ(got3.rows, want3);
  std::string relabelled = Slurp(v3.path() / r3.file);
  relabelled[8] = 2;
  Put(v3.path() / r3.file, relabelled);
  Collect none;
  s = ReadRowsFile(v3.path(), r3, Names, none);
  EXPECT_FALSE(s.ok()) << "a file of format 3 read as format 2";
}

TEST(RowsFile, RowsOfAnEarlierFileAfterALaterOneAreRefused) {
  TempDir dir;
  auto w = RowsFileWriter::Create(dir.path(), 2);
  ASSERT_TRUE(w.has_value());
  data::PayrollRow p;
  p.line = 2;
  EXPECT_TRUE((*w)->Add(0, p));
  data::RegisterRow r;
  r.line = 9;
  EXPECT_FALSE((*w)->Add(0, r)) << "a register row after payroll";
  auto v1 = RowsFileWriter::Create(dir.path(), 3, 1);
  ASSERT_TRUE(v1.has_value());
  EXPECT_FALSE((*v1)->Add(0, r)) << "a register row in a file of format 1";
  data::SroiRow so;
  so.line = 2;
  EXPECT_FALSE((*v1)->Add(0, so)) << "a social-return row in a file of format 1";
}

class RowsFileOfFormat : public ::testing::TestWithParam<std::uint32_t> {};
INSTANTIATE_TEST_SUITE_P(Formats, RowsFileOfFormat, ::testing::Values(1u, 2u, store::kRowsFileVersion));

TEST_P(RowsFileOfFormat, EveryDamagedByteAndEveryTruncationIsAnError) {
  TempDir dir;
  RowsFileRecord record = WriteSample(dir.path(), 40, nullptr, GetParam());
  const fs::path path = dir.path() / record.file;
  const std::string good = Slurp(path);
  ASSERT_GT(good.size(), 500u);
  for (std::size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x20);
    Put(path, bad);
    Collect sink;
    Status s = ReadRowsFile(dir.path(), record, Names, sink);
    ASSERT_FALSE(s.ok()) << "a flipped byte at offset " << i << " was read as good";
    EXPECT_NE(s.message().find(path.string()), std::string::npos) << s.message();
  }
  for (std::size_t n = 0; n < good.size(); n += 7) {
    Put(path, good.substr(0, n));
    Collect sink;
    EXPECT_FALSE(ReadRowsFile(dir.path(), record, Names, sink).ok()) << "truncated to " << n << " bytes";
  }
  Put(path, good + "x");
  Collect sink;
  EXPECT_FALSE(ReadRowsFile(dir.path(), record, Names, sink).ok()) << "a byte appended";
}

TEST(RowsFile, AnotherSnapshotsFileOrAMissingFileIsAnError) {
  TempDir a, b;
  RowsFileRecord ra = WriteSample(a.path(), 40, nullptr);
  RowsFileRecord rb = WriteSample(b.path(), 41, nullptr);  // another, valid file
  fs::copy_file(b.path() / rb.file, a.path() / ra.file, fs::copy_options::overwrite_existing);
  Collect sink;
  Status s = ReadRowsFile(a.path(), ra, Names, sink);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("recorded"), std::string::npos) << s.message();
  fs::remove(a.path() / ra.file);
  s = ReadRowsFile(a.path(), ra, Names, sink);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("missing"), std::string::npos) << s.message();
}

TEST(RowsFile, AFileNotCommittedIsRemovedAndALineTwiceIsRefused) {
  TempDir dir;
  {
    auto w = RowsFileWriter::Create(dir.path(), 3);
    ASSERT_TRUE(w.has_value());
    data::PayrollRow r;
    r.line = 5;
    EXPECT_TRUE((*w)->Add(0, r));
    EXPECT_FALSE((*w)->Add(0, r)) << "the same line twice";
    r.line = 4;
    EXPECT_FALSE((*w)->Add(0, r)) << "a line before the last";
    std::vector<std::int64_t> persons = {1};
    ASSERT_TRUE((*w)->Finish(persons).has_value());
    EXPECT_TRUE(fs::exists(dir.path() / "snapshot-3.rows"));
  }  // never committed
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(RowsFile, FilesOfUncommittedSnapshotsAreRemoved) {
  TempDir dir;
  for (const char* name : {"snapshot-1.rows", "snapshot-2.rows", "snapshot-3.rows", "snapshot-2.rows.tmp", "notes.txt"}) {
    Put(dir.path() / name, "x");
  }
  store::RemoveUncommittedRowsFiles(dir.path(), 2);
  EXPECT_TRUE(fs::exists(dir.path() / "snapshot-1.rows"));
  EXPECT_TRUE(fs::exists(dir.path() / "snapshot-2.rows"));
  EXPECT_FALSE(fs::exists(dir.path() / "snapshot-3.rows"));
  EXPECT_FALSE(fs::exists(dir.path() / "snapshot-2.rows.tmp"));
  EXPECT_TRUE(fs::exists(dir.path() / "notes.txt"));
}

// --- in a workspace -----------------------------------------------------------

std::string Count(const fs::path& ws) {
  return RunCommand(kBinary + " count --workspace " + ws.string() + " --year 2023 --format csv --by employer").out;
}

TEST(RowsFileInWorkspace, ADamagedRowsFileStopsTheCountWithAMessage) {
  TempDir root, data;
  testing::RandomDelivery(21, 300).Write(data, nullptr);
  fs::path ws = root.path() / "ws";
  ASSERT_EQ(RunCommand(kBinary + " init " + ws.string()).exit_code, 0);
  ASSERT_EQ(RunCommand(kBinary + " import " + ws.string() + " --data " + data.path().string()).exit_code, 0);
  const fs::path rows = ws / "rows" / "snapshot-1.rows";
  ASSERT_TRUE(fs::exists(rows));
  const std::string good = Slurp(rows);
  const std::string counted = Count(ws);
  ASSERT_FALSE(counted.empty());
  auto damaged_count = [&](const std::string& bytes, const char* what) {
    fs::remove_all(ws / "cache");  // the count must read the store
    Put(rows, bytes);
    auto r = RunCommand(kBinary + " count --workspace " + ws.string() + " --year 2023 --format csv --by employer");
    EXPECT_NE(r.exit_code, 0) << what;
    EXPECT_LT(r.exit_code, 128) << what << ": crashed";
    EXPECT_TRUE(r.out.empty()) << what << ": printed a count: " << r.out.substr(0, 200);
    EXPECT_NE(r.err.find(rows.string()), std::string::npos) << what << ": " << r.err;
    EXPECT_NE(r.err.find("rows file"), std::string::npos) << what << ": " << r.err;
  };
  std::string flipped = good;
  flipped[good.size() / 2] = static_cast<char>(flipped[good.size() / 2] ^ 1);
  damaged_count(flipped, "a flipped byte");
  damaged_count(good.substr(0, good.size() - 100), "truncated");
  fs::remove_all(ws / "cache");
  fs::remove(rows);
  auto missing = RunCommand(kBinary + " count --workspace " + ws.string() + " --year 2023 --format csv --by employer");
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("missing"), std::string::npos) << missing.err;
  // Put back, it counts as before (from the store: there is no cache).
  Put(rows, good);
  fs::remove_all(ws / "cache");
  EXPECT_EQ(Count(ws), counted);
}

// Kills an import at a number of moments spread over its run, as a power cut
// or an impatient admin would: each time the workspace is as before (its
// snapshots, its count, no rows file of the killed import after the next
// import), and the import then goes through as snapshot 2.
TEST(RowsFileInWorkspace, AnImportKilledAtAnyMomentLeavesTheWorkspaceAsItWas) {
  TempDir root, data, small;
  testing::RandomDelivery(31, 20000).Write(data, nullptr);  // ~200,000 payroll rows
  testing::RandomDelivery(32, 40).Write(small, nullptr);
  fs::path ws = root.path() / "ws";
  ASSERT_EQ(RunCommand(kBinary + " init " + ws.string()).exit_code, 0);
  ASSERT_EQ(RunCommand(kBinary + " import " + ws.string() + " --data " + small.path().string()).exit_code, 0);
  const std::string before = RunCommand(kBinary + " snapshots " + ws.string() + " --json").out;
  const std::string counted = Count(ws);

  // How long a whole import takes here (into a scratch workspace).
  fs::path scratch = root.path() / "scratch";
  ASSERT_EQ(RunCommand(kBinary + " init " + scratch.string()).exit_code, 0);
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(RunCommand(kBinary + " import " + scratch.string() + " --data " + data.path().string()).exit_code, 0);
  const auto whole = std::chrono::steady_clock::now() - t0;

  const std::string delivery_count =
      RunCommand(kBinary + " count --data " + data.path().string() + " --year 2023 --format csv --by employer").out;
  std::mt19937_64 rng(20);
  int killed = 0, killed_while_writing_rows = 0;
  for (int round = 0; round < 8; ++round) {
    // Moments from 3 % to about 90 % of an import.
    auto at = whole * (3 + round * 11 + static_cast<int>(rng() % 5)) / 100;
    pid_t pid = testing::StartQuietly({kBinary, "import", ws.string(), "--data", data.path().string()});
    ASSERT_GE(pid, 0);
    std::this_thread::sleep_for(at);
    std::error_code ec;
    bool writing = fs::exists(ws / "rows" / "snapshot-2.rows.tmp", ec);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status) || WEXITSTATUS(status) == 0) << "round " << round;
    if (RunCommand(kBinary + " snapshots " + ws.string() + " --json").out != before) {
      // It committed before the kill (or finished): then snapshot 2 is whole.
      fs::remove_all(ws / "cache");
      EXPECT_EQ(Count(ws), delivery_count) << "round " << round << ": a snapshot committed before the kill";
      break;
    }
    if (!WIFSIGNALED(status)) break;
    ++killed;
    killed_while_writing_rows += writing ? 1 : 0;
    EXPECT_EQ(Count(ws), counted) << "round " << round;
  }
  EXPECT_GE(killed, 3) << "too few imports were killed before they finished";
  EXPECT_GE(killed_while_writing_rows, 1) << "no import was killed while it wrote its rows file";
  // The killed imports' files go with the next import, which goes through.
  auto again = RunCommand(kBinary + " import " + ws.string() + " --data " + data.path().string());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(ws / "rows")) files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"snapshot-1.rows", "snapshot-2.rows"}));
  // Snapshot 2 counts as the delivery itself (from its rows file: the cache removed).
  fs::remove_all(ws / "cache");
  EXPECT_EQ(Count(ws), delivery_count);
}

}  // namespace
}  // namespace banenmonitor
