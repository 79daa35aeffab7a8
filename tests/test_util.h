// Helpers for tests: temporary delivery directories and running the engine or the CLI.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "report/realisation_format.h"

namespace banenmonitor::testing {

// The worked example of the spec (tests/data/example) and the program under test.
inline const std::filesystem::path kExample = std::filesystem::path(BANENMONITOR_TEST_DIR) / "data" / "example";
inline const std::string kBinary = BANENMONITOR_BINARY;

// A fresh directory under the system temp dir, removed at destruction.
class TempDir {
 public:
  TempDir() {
    static std::mt19937_64 rng(std::random_device{}());
    path_ = std::filesystem::temp_directory_path() / ("banenmonitor-test-" + std::to_string(rng()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  void Write(const std::string& name, const std::string& content) const {
    std::ofstream out(path_ / name, std::ios::binary);
    out << content;
  }

 private:
  std::filesystem::path path_;
};

// Copies the worked example's delivery files into `dir`, without its expected-*.csv
// outputs, so a test can change one file of an otherwise valid delivery.
inline void CopyExampleDelivery(const TempDir& dir) {
  for (const auto& e : std::filesystem::directory_iterator(kExample)) {
    if (!e.path().filename().string().starts_with("expected-")) {
      std::filesystem::copy_file(e.path(), dir.path() / e.path().filename());
    }
  }
}

// Reads the delivery in `dir`; an empty Delivery (and a test failure) when it cannot be read at all.
inline Delivery LoadOrEmpty(const std::filesystem::path& dir) {
  auto d = LoadDelivery(dir, LoadOptions{});
  EXPECT_TRUE(d.has_value());
  return d ? std::move(*d) : Delivery{};
}

// True once an import into workspace `ws` is writing: its rows file
// (rows/*.tmp) holds more than 1 MB, or SQLite's write-ahead log more than
// 256 kB. The rows file comes first; with a page cache of 128 MiB
// (sqlite_schema.cc) the log grows only at the commit. For tests that kill an
// import midway; polled, it turns true before the snapshot commits.
inline bool ImportIsWriting(const std::filesystem::path& ws) {
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(ws / "rows", ec)) {
    if (e.path().extension() == ".tmp" && std::filesystem::file_size(e.path(), ec) > 1'000'000) return true;
  }
  const auto wal = ws / "workspace.db-wal";
  return std::filesystem::exists(wal, ec) && std::filesystem::file_size(wal, ec) > 256'000;
}

// Polls ImportIsWriting(ws) every 2 ms until it holds (true) or `limit` has
// passed (false).
inline bool WaitUntilImportIsWriting(const std::filesystem::path& ws, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (ImportIsWriting(ws)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Compares `actual` with the golden file `path`; with BANENMONITOR_UPDATE_GOLDEN=1
// it first writes `actual` there (review the diff).
inline void ExpectGoldenFile(const std::string& actual, const std::filesystem::path& path) {
  if (const char* update = std::getenv("BANENMONITOR_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing (BANENMONITOR_UPDATE_GOLDEN=1 writes it)";
  EXPECT_EQ(actual, ReadFile(path)) << "differs from " << path;
}

// Loads `dir` and counts; fails the test on load errors.
inline RealisationTable CountDir(const std::filesystem::path& dir, int year, Window window = Window::kQ4) {
  auto d = LoadDelivery(dir, LoadOptions{});
  EXPECT_TRUE(d.has_value());
  if (!d) return {};
  for (const auto& f : d->findings) {
    if (f.severity == Finding::Severity::kError) ADD_FAILURE() << f.ToString();
  }
  auto params = CountingParams::ForYear(ParameterSet::Embedded(), year);
  EXPECT_TRUE(params.has_value());
  auto t = CountJobs(*d, CountRequest{year, window}, *params);
  EXPECT_TRUE(t.has_value());
  return t ? *t : RealisationTable{};
}

inline std::string CountCsv(const std::filesystem::path& dir, int year, Window window, ScopeLevel level) {
  return report::RealisationCsv(CountDir(dir, year, window), level);
}

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// The PostgreSQL server of the tests (BANENMONITOR_TEST_POSTGRES_URL); "" when unset.
inline std::string TestPostgresUrl() {
  const char* url = std::getenv("BANENMONITOR_TEST_POSTGRES_URL");
  return url == nullptr ? std::string() : std::string(url);
}

// The port of the first line `banenmonitor serve` writes to `fd`
// ("... http://127.0.0.1:PORT/ ..."); 0 when it writes none.
inline int ReadServePort(int fd) {
  std::string line;
  char ch;
  while (line.find('\n') == std::string::npos && ::read(fd, &ch, 1) == 1) line += ch;
  std::size_t at = line.find("127.0.0.1:");
  return at == std::string::npos ? 0 : std::atoi(line.c_str() + at + 10);
}

// Starts `argv` (argv[0]: the program's path) as a child process whose
// standard output and error go to /dev/null, for a test that kills it; its pid
// (-1 when fork failed). The caller waits for it (waitpid).
inline pid_t StartQuietly(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

// Runs a shell command line, capturing stdout and stderr.
inline CommandResult RunCommand(const std::string& command) {
  TempDir tmp;
  std::string full = command + " > " + (tmp.path() / "out").string() + " 2> " + (tmp.path() / "err").string();
  int status = std::system(full.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(tmp.path() / "out");
  r.err = ReadFile(tmp.path() / "err");
  return r;
}

}  // namespace banenmonitor::testing
