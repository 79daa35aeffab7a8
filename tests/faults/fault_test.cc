// Faults during an import (issue 9): a full disk, a read-only workspace, a
// truncated file, a file that changes while it is read. Each must end in a
// clear message, a non-zero exit, and a workspace exactly as before: the same
// snapshots, the same rows in every table, the same bytes in the SQLite file,
// the same counts. (A killed import: tests/store/workspace_test.cc; a killed
// key rotation: tests/store/rekey_test.cc.) A server killed during an upload:
// ServerKilled below.
//
// The full-disk and read-only tests mount a small tmpfs, which needs root:
// without root they are skipped with a message; CI runs as root, so there they
// run (and a failing mount as root is a failure, not a skip).
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "banenmonitor/workspace.h"
#include "data/sha256.h"
#include "store/accounts.h"
#include "store/store.h"
#include "web/auth.h"
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
  testing::CopyExampleDelivery(dir);
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
// --- A server killed (SIGKILL) during an upload ---------------------------------

// `banenmonitor serve` on `ws` as a child process, on a port it picks (read
// from its first line of output), with TMPDIR = `tmp` so that the upload's
// temporary files can be looked at. Killed with SIGKILL by Kill().
class ServeProcess {
 public:
  ServeProcess(const fs::path& ws, const fs::path& tmp) {
    int out[2];
    if (::pipe(out) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      int devnull = ::open("/dev/null", O_WRONLY);
      ::dup2(devnull, 2);
      ::close(out[0]);
      ::setenv("TMPDIR", tmp.c_str(), 1);
      ::execl(kBinary.c_str(), kBinary.c_str(), "serve", "--workspace", ws.c_str(), "--port", "0", nullptr);
      ::_exit(127);
    }
    ::close(out[1]);
    port_ = banenmonitor::testing::ReadServePort(out[0]);
    ::close(out[0]);
  }
  ~ServeProcess() { Kill(); }
  int port() const { return port_; }
  // SIGKILL; true when the process died of it (it had not exited by itself).
  bool Kill() {
    if (pid_ <= 0) return false;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

struct ServerKilledLogin {
  std::string cookie, csrf;
};

ServerKilledLogin ServerKilledAdminLogin(int port) {
  httplib::Client c("127.0.0.1", port);
  auto res = c.Post("/api/v1/login", nlohmann::json{{"name", "beheer"}, {"password", "correct horse battery"}}.dump(),
                    "application/json");
  ServerKilledLogin l;
  EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
  if (!res) return l;
  std::string set = res->get_header_value("Set-Cookie");
  l.cookie = set.substr(0, set.find(';'));
  l.csrf = nlohmann::json::parse(res->body)["csrf_token"];
  return l;
}

// The store after a kill: intact, with the same snapshots, rows and counts.
void ExpectServerKilledLeftNoTrace(const fs::path& ws, const WorkspaceState& before) {
  auto integrity = RunCommand("sqlite3 " + (ws / "workspace.db").string() + " 'PRAGMA integrity_check'");
  EXPECT_EQ(integrity.out, "ok\n") << integrity.err;
  WorkspaceState after = StateOf(ws);
  EXPECT_EQ(after.snapshots, before.snapshots);
  EXPECT_EQ(after.rows, before.rows);
  EXPECT_EQ(after.counted, before.counted);
}

// The multipart body of an upload of the delivery in `dir`.
std::string ServerKilledMultipart(const fs::path& dir, const std::string& boundary) {
  std::string body;
  for (const char* name : {"employers.csv", "register.csv", "payroll.csv", "hire_in.csv", "targets.csv"}) {
    if (!fs::exists(dir / name)) continue;
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name +
            "\"\r\nContent-Type: text/csv\r\n\r\n" + ReadFile(dir / name) + "\r\n";
  }
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"label\"\r\n\r\nkilled\r\n--" + boundary + "--\r\n";
  return body;
}

TEST(ServerKilled, DuringAnUploadTheWorkspaceStaysAsItWas) {
  TempDir root, big, tmp;
  testing::RandomDelivery(41, 25000).Write(big, nullptr);  // ~250,000 payroll rows: seconds of import
  fs::path ws = root.path() / "ws";
  ASSERT_EQ(Bm("init " + ws.string()).exit_code, 0);
  ASSERT_EQ(Bm("import " + ws.string() + " --data " + kExample.string()).exit_code, 0);
  {
    auto w = Workspace::Open(ws);
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE(web::AddUser(**store::OpenAccounts(*w), "beheer", web::Role::kAdmin, "", "correct horse battery").ok());
  }
  WorkspaceState before = StateOf(ws);
  const std::string boundary = "----banenmonitor-fault-test";
  const std::string body = ServerKilledMultipart(big.path(), boundary);

  // 1. Killed while the body arrives: half of it sent, the server waiting for the rest.
  {
    ServeProcess serve(ws, tmp.path());
    ASSERT_GT(serve.port(), 0) << "serve did not start";
    ServerKilledLogin admin = ServerKilledAdminLogin(serve.port());
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(serve.port()));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    std::string head = fmt::format(
        "POST /api/v1/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {}\r\nX-CSRF-Token: {}\r\n"
        "Content-Type: multipart/form-data; boundary={}\r\nContent-Length: {}\r\n\r\n",
        admin.cookie, admin.csrf, boundary, body.size());
    std::string half = head + body.substr(0, body.size() / 2);
    ASSERT_EQ(::send(fd, half.data(), half.size(), MSG_NOSIGNAL), static_cast<ssize_t>(half.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_TRUE(serve.Kill()) << "the server had stopped by itself";
    ::close(fd);
  }
  ExpectServerKilledLeftNoTrace(ws, before);

  // 2. Killed while the import writes (its rows file or the write-ahead log has grown).
  {
    ServeProcess serve(ws, tmp.path());
    ASSERT_GT(serve.port(), 0) << "serve did not start";
    ServerKilledLogin admin = ServerKilledAdminLogin(serve.port());
    std::thread upload([&] {
      httplib::Client c("127.0.0.1", serve.port());
      c.set_read_timeout(120, 0);
      httplib::Headers h{{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}};
      (void)c.Post("/api/v1/upload", h, body, ("multipart/form-data; boundary=" + boundary).c_str());
    });
    const bool writing = testing::WaitUntilImportIsWriting(ws, std::chrono::seconds(90));
    bool killed = serve.Kill();
    upload.join();
    ASSERT_TRUE(writing) << "the import never got to writing";
    ASSERT_TRUE(killed) << "the import finished before it could be killed";
  }
  ExpectServerKilledLeftNoTrace(ws, before);
  // The kill left the upload's copy of the delivery (BSNs before
  // pseudonymisation) in the workspace directory, nothing in TMPDIR; the next
  // start of a server on the workspace removes it.
  auto uploads_in = [](const fs::path& dir) {
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(dir)) {
      std::string name = e.path().filename().string();
      if (name.find("upload") != std::string::npos) found.push_back(name);
    }
    return found;
  };
  EXPECT_TRUE(uploads_in(tmp.path()).empty()) << "the upload was written to TMPDIR";
  EXPECT_EQ(uploads_in(ws).size(), 1u) << "the killed upload left no copy: did the kill come too late?";
  {
    ServeProcess serve(ws, tmp.path());
    ASSERT_GT(serve.port(), 0) << "serve did not start";
    EXPECT_TRUE(uploads_in(ws).empty()) << "a new server left the killed upload's files";
  }
  ExpectServerKilledLeftNoTrace(ws, before);

  // The same delivery imports normally afterwards (no stale lock, no half snapshot).
  auto again = Bm("import " + ws.string() + " --data " + big.path().string());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("Snapshot 2 opgeslagen"), std::string::npos) << again.out;
}


}  // namespace
}  // namespace banenmonitor
