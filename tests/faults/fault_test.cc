// Faults during an import (issue 9): a full disk, a read-only workspace, a
// truncated file, a file that changes while it is read. Each must end in a
// clear message, a non-zero exit, and a workspace exactly as before: the same
// snapshots, the same rows in every table, the same bytes in the SQLite file,
// the same counts. (A killed import: tests/store/workspace_test.cc; a killed
// key rotation: tests/store/rekey_test.cc.)
//
// The full-disk and read-only tests mount a small tmpfs, which needs root:
// without root they are skipped with a message; CI runs as root, so there they
// run (and a failing mount as root is a failure, not a skip).
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "banenmonitor/workspace.h"
#include "data/sha256.h"
#include "random_delivery.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::RunCommand;
using testing::TempDir;

using banenmonitor::testing::kExample;
using banenmonitor::testing::kBinary;

testing::CommandResult Bm(const std::string& args) { return RunCommand(kBinary + " " + args); }

// Everything that must not change when an import fails.
struct WorkspaceState {
  std::string snapshots;  // `snapshots --json`: ids, labels, file hashes, quality reports
  std::string rows;       // rows per table (sqlite3)
  std::string db_sha256;  // the bytes of workspace.db
  std::string counted;    // `count --workspace` of the latest snapshot

  bool operator==(const WorkspaceState&) const = default;
};

void PrintTo(const WorkspaceState& s, std::ostream* os) {
  *os << "rows: " << s.rows << " db: " << s.db_sha256 << " snapshots: " << s.snapshots.substr(0, 200);
}

WorkspaceState StateOf(const fs::path& ws) {
  WorkspaceState s;
  s.snapshots = Bm("snapshots " + ws.string() + " --json").out;
  s.rows = RunCommand("sqlite3 " + (ws / "workspace.db").string() +
                      " \"SELECT 'snapshots', count(*) FROM snapshots UNION ALL SELECT 'persons', count(*) FROM persons "
                      "UNION ALL SELECT 'payroll', count(*) FROM payroll UNION ALL SELECT 'register', count(*) FROM "
                      "register_rows UNION ALL SELECT 'hire_in', count(*) FROM hire_in UNION ALL SELECT 'quarantine', "
                      "count(*) FROM quarantine UNION ALL SELECT 'keys', count(*) FROM key_generations\"")
               .out;
  s.db_sha256 = data::Sha256::Of(ReadFile(ws / "workspace.db"));
  s.counted = Bm("count --workspace " + ws.string() + " --year 2023 --format csv --by employer").out;
  EXPECT_NE(s.rows.find("payroll|"), std::string::npos) << "sqlite3 could not read " << ws;
  return s;
}

// A tmpfs of `size` mounted on a fresh directory, unmounted at the end.
class SmallFileSystem {
 public:
  explicit SmallFileSystem(const std::string& size) {
    if (::mount("tmpfs", dir_.path().c_str(), "tmpfs", 0, ("size=" + size + ",mode=0700").c_str()) != 0) {
      error_ = std::strerror(errno);
    }
  }
  ~SmallFileSystem() {
    if (error_.empty()) ::umount2(dir_.path().c_str(), MNT_DETACH);
  }
  bool mounted() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  const fs::path& path() const { return dir_.path(); }
  bool Remount(bool read_only) {
    return ::mount("tmpfs", dir_.path().c_str(), "tmpfs", MS_REMOUNT | (read_only ? MS_RDONLY : 0), nullptr) == 0;
  }

 private:
  TempDir dir_;
  std::string error_;
};

#define REQUIRE_ROOT_MOUNT(fsys)                                                                                  \
  if (::geteuid() != 0) GTEST_SKIP() << "skipped: mounting a small file system needs root (CI runs as root)"; \
  ASSERT_TRUE((fsys).mounted()) << "mount tmpfs failed as root: " << (fsys).error()

TEST(ImportFaults, FullDiskEndsInAClearMessageAndLeavesTheWorkspaceUnchanged) {
  SmallFileSystem disk("2m");
  REQUIRE_ROOT_MOUNT(disk);
  TempDir small, big;
  testing::RandomDelivery(21, 30).Write(small, nullptr);
  testing::RandomDelivery(22, 8000).Write(big, nullptr);  // ~80,000 payroll rows: far more than 2 MB in the store
  fs::path ws = disk.path() / "ws";
  ASSERT_EQ(Bm("init " + ws.string()).exit_code, 0);
  auto first = Bm("import " + ws.string() + " --data " + small.path().string());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  WorkspaceState before = StateOf(ws);

  auto full = Bm("import " + ws.string() + " --data " + big.path().string());
  EXPECT_NE(full.exit_code, 0);
  EXPECT_NE(full.err.find("full"), std::string::npos) << "expected a message about the full disk: " << full.err;
  EXPECT_EQ(full.err.find("Snapshot"), std::string::npos) << full.out << full.err;
  EXPECT_EQ(StateOf(ws), before);

  // Once there is room again, the same import goes through.
  ASSERT_TRUE(disk.Remount(false));
  ASSERT_EQ(::mount("tmpfs", disk.path().c_str(), "tmpfs", MS_REMOUNT, "size=64m"), 0);
  auto again = Bm("import " + ws.string() + " --data " + big.path().string());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("Snapshot 2 opgeslagen"), std::string::npos) << again.out;
}

TEST(ImportFaults, ReadOnlyWorkspaceEndsInAClearMessageAndLeavesTheWorkspaceUnchanged) {
  SmallFileSystem disk("16m");
  REQUIRE_ROOT_MOUNT(disk);
  TempDir other;
  testing::RandomDelivery(23, 30).Write(other, nullptr);
  fs::path ws = disk.path() / "ws";
  ASSERT_EQ(Bm("init " + ws.string()).exit_code, 0);
  ASSERT_EQ(Bm("import " + ws.string() + " --data " + kExample.string()).exit_code, 0);
  WorkspaceState before = StateOf(ws);

  // Root ignores file modes, so the file system itself is made read-only.
  ASSERT_TRUE(disk.Remount(true)) << std::strerror(errno);
  auto r = Bm("import " + ws.string() + " --data " + other.path().string());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("read"), std::string::npos) << "expected a message about the read-only workspace: " << r.err;
  EXPECT_EQ(r.out.find("opgeslagen"), std::string::npos) << r.out;
  auto rk = Bm("rekey " + ws.string());
  EXPECT_NE(rk.exit_code, 0) << rk.out;
  EXPECT_FALSE(rk.err.empty());
  ASSERT_TRUE(disk.Remount(false));
  EXPECT_EQ(StateOf(ws), before);
}

// A delivery copied from the example with payroll.csv replaced.
void ExampleWithPayroll(const TempDir& dir, const std::string& payroll) {
  for (const auto& e : fs::directory_iterator(kExample)) {
    if (e.path().filename().string().starts_with("expected-")) continue;
    fs::copy_file(e.path(), dir.path() / e.path().filename());
  }
  dir.Write("payroll.csv", payroll);
}

TEST(ImportFaults, TruncatedFilesAreRejectedWithTheirLineAndLeaveTheWorkspaceUnchanged) {
  TempDir root;
  fs::path ws = root.path() / "ws";
  ASSERT_EQ(Bm("init " + ws.string()).exit_code, 0);
  ASSERT_EQ(Bm("import " + ws.string() + " --data " + kExample.string()).exit_code, 0);
  WorkspaceState before = StateOf(ws);
  std::string payroll = ReadFile(kExample / "payroll.csv");
  ASSERT_EQ(payroll.back(), '\n');
  std::size_t lines = static_cast<std::size_t>(std::count(payroll.begin(), payroll.end(), '\n'));

  // Cut inside a quoted field of the last line: the copy stopped mid-row.
  TempDir quoted;
  ExampleWithPayroll(quoted, payroll + "999900018,\"100000001L01,2023-12,1");
  auto r = Bm("import " + ws.string() + " --data " + quoted.path().string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(fmt::format("payroll.csv:{}:2: a quoted field is not closed", lines + 1)), std::string::npos)
      << r.err;
  EXPECT_EQ(StateOf(ws), before);

  // Cut in the middle of the last row, without a newline: too few fields.
  TempDir cut;
  ExampleWithPayroll(cut, payroll + "999900018,100000001L01,2023-1");
  r = Bm("import " + ws.string() + " --data " + cut.path().string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(fmt::format("payroll.csv:{}", lines + 1)), std::string::npos) << r.err;
  EXPECT_EQ(StateOf(ws), before);

  // Cut right after a complete field, so the row still has every field: the
  // values themselves are checked (a period "2023-1" is not a month).
  TempDir cut_field;
  ExampleWithPayroll(cut_field, payroll + "999900018,100000001L01,2023-1,10,permanent,0");
  r = Bm("import " + ws.string() + " --data " + cut_field.path().string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(fmt::format("payroll.csv:{}:3", lines + 1)), std::string::npos) << r.err;
  EXPECT_EQ(StateOf(ws), before);

  // A complete last line without its newline is a whole row, not a fault.
  TempDir no_newline;
  ExampleWithPayroll(no_newline, payroll.substr(0, payroll.size() - 1));
  r = Bm("count --data " + no_newline.path().string() + " --year 2023 --format csv --by employer");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, before.counted);
}

// Imports through the library, changing payroll.csv from the progress
// callback: that runs while the validator is still reading the file.
class ChangingFile : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_ = root_.path() / "ws";
    ASSERT_TRUE(Workspace::Init(ws_, "").ok());
    ASSERT_EQ(Bm("import " + ws_.string() + " --data " + kExample.string()).exit_code, 0);
    before_ = StateOf(ws_);
    testing::RandomDelivery(31, 9000).Write(data_, nullptr);  // ~90,000 payroll rows: progress is called at 65,536
  }

  // Runs an import whose first progress call does `change`; returns its Status.
  Status ImportWhile(const std::function<void(const fs::path&)>& change) {
    auto ws = Workspace::Open(ws_);
    EXPECT_TRUE(ws.has_value());
    if (!ws) return ws.error();
    bool changed = false;
    ImportOptions options;
    options.progress = [&](std::string_view file, std::int64_t) {
      if (changed || file != "payroll.csv") return;
      changed = true;
      change(data_.path() / "payroll.csv");
    };
    auto r = ws->Import(data_.path(), options);
    EXPECT_TRUE(changed) << "the import never reported progress on payroll.csv";
    if (!r) return r.error();
    return r->rejected ? Status::InvalidInput("rejected") : Status::Ok();
  }

  TempDir root_, data_;
  fs::path ws_;
  WorkspaceState before_;
};

TEST_F(ChangingFile, RowsAppendedWhileReadingAreNoticedAndNothingIsImported) {
  Status s = ImportWhile([](const fs::path& p) {
    std::ofstream(p, std::ios::app) << "999900018,100000001L01,2023-12,10,,\n";
  });
  EXPECT_EQ(s.code(), Status::Code::kIoError) << s.message();
  EXPECT_NE(s.message().find("payroll.csv: the file changed while it was imported"), std::string::npos) << s.message();
  EXPECT_EQ(StateOf(ws_), before_);
}

TEST_F(ChangingFile, BytesRewrittenInPlaceWhileReadingAreNoticedAndNothingIsImported) {
  Status s = ImportWhile([](const fs::path& p) {
    // Same size, one digit of the first data row changed (a part already read).
    std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
    std::string header;
    std::getline(f, header);
    auto pos = f.tellg();
    std::string row;
    std::getline(f, row);
    std::size_t digit = row.find_first_of("123456789", row.find(",2023-") + 7);
    row[digit] = row[digit] == '1' ? '2' : '1';
    f.seekp(pos);
    f << row;
  });
  EXPECT_EQ(s.code(), Status::Code::kIoError) << s.message();
  EXPECT_NE(s.message().find("the file changed while it was imported"), std::string::npos) << s.message();
  EXPECT_EQ(StateOf(ws_), before_);
}

TEST_F(ChangingFile, AFileReplacedWhileReadingIsNoticedAndNothingIsImported) {
  Status s = ImportWhile([](const fs::path& p) {
    // An editor's "save": a new file renamed over the old one.
    fs::path tmp = p;
    tmp += ".tmp";
    std::ofstream(tmp) << "person_id,employer_id,period,hours\n";
    fs::rename(tmp, p);
  });
  EXPECT_EQ(s.code(), Status::Code::kIoError) << s.message();
  EXPECT_NE(s.message().find("the file changed while it was imported"), std::string::npos) << s.message();
  EXPECT_EQ(StateOf(ws_), before_);
}

TEST_F(ChangingFile, AnUnchangedDeliveryImportsAsUsual) {
  Status s = ImportWhile([](const fs::path&) {});
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_NE(StateOf(ws_).snapshots, before_.snapshots);
}

}  // namespace
}  // namespace banenmonitor
