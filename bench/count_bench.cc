// count_bench: the speed and memory of a count (LoadDelivery + CountJobs) on
// synthetic deliveries of 250,000 and 1,000,000 payroll rows. See README.md.
//
//   count_bench [benchmark flags]                 run the benchmarks
//   count_bench --write-delivery DIR [--rows N] [--seed S]
//                                                 write one synthetic delivery and exit
//
// The deliveries are written once per size by a child process (so the
// generator's memory never shows in this process's peak RSS) into
// $BANENMONITOR_BENCH_DIR/rows-N (kept and reused) or a temporary directory
// under /tmp (removed at the end). $BANENMONITOR_BENCH_SIZES (e.g. "250k,1M")
// overrides the sizes.
//
// Memory is reported three ways, because ru_maxrss is a process-wide
// high-water mark that only goes up:
//   peak_rss_MiB        ru_maxrss of this process during the benchmark, after
//                       resetting the high-water mark (/proc/self/clear_refs 5)
//                       and trimming the heap at its start;
//   fresh_peak_rss_MiB  VmHWM of a fresh child process (this program,
//                       re-executed) that loads and counts once: nothing else
//                       ever lived in it, so it is the figure to compare
//                       between sizes; fresh_delta_MiB subtracts the same
//                       child's peak when it does no work (program startup);
//   retained_MiB        the bytes held by the loaded Delivery (vector
//                       capacities and string heaps): what stays after loading.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <malloc.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"
#include "delivery_writer.h"
#include "report/realisation_format.h"

extern char** environ;

namespace banenmonitor::bench {
namespace {

constexpr int kYear = 2023;
constexpr int kGeneratorVersion = 1;  // bump when the generator's output changes: cached deliveries are rewritten

// --- memory probes ----------------------------------------------------------
double MaxRssMiB() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// A field of /proc/self/status in KiB (VmHWM, VmRSS), or -1.
long StatusKiB(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  std::size_t n = std::strlen(field);
  while (std::getline(status, line)) {
    if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':') return std::atol(line.c_str() + n + 1);
  }
  return -1;
}

// Returns freed heap to the system and resets the RSS high-water mark (Linux
// >= 4.0), so that ru_maxrss afterwards is the peak of what follows.
bool ResetPeakRss() {
  malloc_trim(0);
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

template <typename T>
std::size_t VectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}
std::size_t StringHeap(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }  // libstdc++ SSO

// Bytes held by a loaded Delivery: what the engine keeps after reading.
std::size_t RetainedBytes(const Delivery& d) {
  std::size_t bytes = sizeof(Delivery) + VectorBytes(d.employers) + VectorBytes(d.person_ids) +
                      VectorBytes(d.register_periods) + VectorBytes(d.payroll) + VectorBytes(d.hire_in) +
                      VectorBytes(d.targets) + VectorBytes(d.files) + VectorBytes(d.findings);
  for (const auto& e : d.employers) {
    bytes += StringHeap(e.id) + StringHeap(e.name) + StringHeap(e.subsector) + StringHeap(e.organisation);
  }
  for (const auto& id : d.person_ids) bytes += StringHeap(id);
  for (const auto& f : d.findings) bytes += StringHeap(f.file) + StringHeap(f.kind) + StringHeap(f.message);
  for (const auto& t : d.targets) bytes += StringHeap(t.scope);
  return bytes;
}

// --- the work measured --------------------------------------------------------
LoadOptions LoadOptionsFor(Window w) {
  LoadOptions o;
  o.first_month = MakeMonth(kYear, FirstMonthOf(w));
  o.last_month = o.first_month + MonthsIn(w) - 1;
  return o;
}

struct CountOutcome {
  std::string error;                // non-empty when the delivery or the count failed
  std::int64_t payroll_rows = 0;    // data rows of payroll.csv read
  std::uint64_t bytes_read = 0;     // bytes of all files read
  std::int64_t payroll_cells = 0;   // (person, employer, month) groups in the window
  std::int64_t eligible_cells = 0;
  std::int64_t persons = 0;         // distinct persons in the register (the person index)
  std::int64_t warnings = 0;
  std::size_t retained_bytes = 0;
  std::size_t csv_bytes = 0;
  double total_jobs = 0;
};

// What `banenmonitor count` does, minus printing: load the window's months,
// count all levels, render the CSV of every level.
CountOutcome LoadAndCount(const std::filesystem::path& dir, Window window, const CountingParams& params) {
  CountOutcome out;
  auto delivery = LoadDelivery(dir, LoadOptionsFor(window));
  if (!delivery) {
    out.error = delivery.error().message();
    return out;
  }
  if (delivery->error_count() > 0) {
    out.error = fmt::format("the synthetic delivery has {} error(s); first: {}", delivery->error_count(),
                            delivery->findings.empty() ? "" : delivery->findings.front().ToString());
    return out;
  }
  auto table = CountJobs(*delivery, CountRequest{kYear, window}, params);
  if (!table) {
    out.error = table.error().message();
    return out;
  }
  for (ScopeLevel level : {ScopeLevel::kSector, ScopeLevel::kSubsector, ScopeLevel::kOrganisation,
                           ScopeLevel::kEmployer}) {
    std::string csv = report::RealisationCsv(*table, level);
    benchmark::DoNotOptimize(csv.data());
    out.csv_bytes += csv.size();
  }
  if (const FileInfo* f = delivery->file("payroll.csv")) out.payroll_rows = f->rows;
  for (const auto& f : delivery->files) out.bytes_read += f.bytes;
  out.payroll_cells = table->stats.payroll_cells;
  out.eligible_cells = table->stats.eligible_cells;
  out.persons = static_cast<std::int64_t>(delivery->person_ids.size());
  out.warnings = delivery->warning_count();
  out.retained_bytes = RetainedBytes(*delivery);
  out.total_jobs = table->rows.front().jobs;
  return out;
}

const CountingParams& Params() {
  static const CountingParams params = [] {
    auto p = CountingParams::ForYear(ParameterSet::Embedded(), kYear);
    if (!p) {
      fmt::print(stderr, "count_bench: {}\n", p.error().message());
      std::exit(1);
    }
    return *p;
  }();
  return params;
}

// --- child processes -----------------------------------------------------------
struct ChildResult {
  int exit_code = -1;
  std::string out;
};

// Runs this program again (/proc/self/exe) with `args`; returns its exit code and standard output.
ChildResult RunSelf(const std::vector<std::string>& args) {
  ChildResult result;
  int fds[2];
  if (pipe(fds) != 0) return result;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  // /proc/self/exe, not its target: the very same binary even if a rebuild replaced the file meanwhile.
  std::string self = "/proc/self/exe";
  std::string name = "count_bench";
  std::vector<char*> argv;
  argv.push_back(name.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, self.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return result;
  }
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) result.out.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

// The value of `key=` in a line of key=value pairs, or nullopt.
std::optional<double> Field(const std::string& text, const std::string& key) {
  std::istringstream in(text);
  std::string token;
  while (in >> token) {
    if (token.compare(0, key.size() + 1, key + "=") == 0) return std::atof(token.c_str() + key.size() + 1);
  }
  return std::nullopt;
}

// Child mode: load and count once (or, with window "none", do nothing) and
// print this fresh process's peak RSS. VmHWM, not ru_maxrss: after a
// posix_spawn (vfork) ru_maxrss can carry the parent's high-water mark.
int MeasureOnce(const std::filesystem::path& dir, const std::string& window_name) {
  const CountingParams& params = Params();
  long before = StatusKiB("VmHWM");
  CountOutcome o;
  if (window_name != "none") {
    auto window = ParseWindow(window_name);
    if (!window) return 64;
    o = LoadAndCount(dir, *window, params);
    if (!o.error.empty()) {
      fmt::print(stderr, "count_bench: {}\n", o.error);
      return 2;
    }
  }
  fmt::print("vmhwm_kib={} startup_vmhwm_kib={} retained_bytes={} payroll_cells={} total_jobs={:.2f}\n",
             StatusKiB("VmHWM"), before, o.retained_bytes, o.payroll_cells, o.total_jobs);
  return 0;
}

// --- the deliveries ---------------------------------------------------------------
class Deliveries {
 public:
  ~Deliveries() {
    if (temporary_ && !root_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(root_, ec);
    }
  }

  // The directory of a delivery with `rows` payroll rows, written on first use.
  std::filesystem::path Get(std::int64_t rows) {
    std::lock_guard lock(mutex_);
    if (root_.empty()) MakeRoot();
    std::filesystem::path dir = root_ / fmt::format("rows-{}", rows);
    std::string stamp = Stamp(rows);
    std::ifstream in(dir / "bench-stamp.txt");
    std::string existing((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (existing.compare(0, stamp.size(), stamp) == 0) return dir;
    fmt::print(stderr, "count_bench: writing a delivery of {} payroll rows to {} ...\n", rows, dir.string());
    auto child = RunSelf({"--write-delivery", dir.string(), "--rows", std::to_string(rows), "--seed",
                          std::to_string(kSeed)});
    if (child.exit_code != 0) {
      fmt::print(stderr, "count_bench: writing the delivery failed (exit code {})\n", child.exit_code);
      std::exit(1);
    }
    fmt::print(stderr, "count_bench: {}", child.out);
    std::ofstream(dir / "bench-stamp.txt") << stamp << child.out;
    return dir;
  }

  static constexpr std::uint64_t kSeed = 20231231;

 private:
  static std::string Stamp(std::int64_t rows) {
    return fmt::format("generator={} rows={} seed={} year={}\n", kGeneratorVersion, rows, kSeed, kYear);
  }

  void MakeRoot() {
    if (const char* env = std::getenv("BANENMONITOR_BENCH_DIR"); env != nullptr && *env != '\0') {
      root_ = env;
      std::filesystem::create_directories(root_);
      return;
    }
    char pattern[] = "/tmp/banenmonitor-bench-XXXXXX";
    if (mkdtemp(pattern) == nullptr) {
      fmt::print(stderr, "count_bench: cannot make a directory under /tmp: {}\n", std::strerror(errno));
      std::exit(1);
    }
    root_ = pattern;
    temporary_ = true;
  }

  std::mutex mutex_;
  std::filesystem::path root_;
  bool temporary_ = false;
};

Deliveries& TheDeliveries() {
  static Deliveries d;
  return d;
}

// Fresh-process peaks, kept for the summary after the run: (window, rows) -> peak.
struct FreshPeak {
  double mib = -1;
  std::int64_t cells = 0;    // payroll cells kept in the window
  std::int64_t persons = 0;  // persons in the register
};
std::map<std::pair<std::string, std::int64_t>, FreshPeak>& FreshPeaks() {
  static std::map<std::pair<std::string, std::int64_t>, FreshPeak> m;
  return m;
}

double FreshBaselineMiB() {
  static const double baseline = [] {
    auto child = RunSelf({"--measure-once", "-", "none"});
    auto kib = Field(child.out, "vmhwm_kib");
    return child.exit_code == 0 && kib ? *kib / 1024.0 : -1.0;
  }();
  return baseline;
}

// --- the benchmarks ------------------------------------------------------------------
// (a)/(b): LoadDelivery + CountJobs (+ the CSV of every level) for a window of 2023.
void BM_LoadAndCount(benchmark::State& state, std::int64_t rows, Window window) {
  std::filesystem::path dir = TheDeliveries().Get(rows);
  const CountingParams& params = Params();
  bool reset = ResetPeakRss();
  CountOutcome o;
  for (auto _ : state) {
    o = LoadAndCount(dir, window, params);
    if (!o.error.empty()) {
      state.SkipWithError(o.error.c_str());
      return;
    }
  }
  double peak = MaxRssMiB();
  state.counters["rows_per_second"] = benchmark::Counter(static_cast<double>(o.payroll_rows),
                                                         benchmark::Counter::kIsIterationInvariantRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(o.bytes_read));
  state.counters["payroll_rows"] = static_cast<double>(o.payroll_rows);
  state.counters["cells_in_window"] = static_cast<double>(o.payroll_cells);
  state.counters["persons"] = static_cast<double>(o.persons);
  state.counters["peak_rss_MiB"] = reset ? peak : -1;  // -1: the high-water mark could not be reset
  state.counters["retained_MiB"] = static_cast<double>(o.retained_bytes) / (1 << 20);
  // One load + count in a fresh process: the per-size peak, free of everything
  // before it. Once per benchmark (the library calls this function once per trial).
  auto key = std::make_pair(std::string(WindowName(window)), rows);
  auto& peaks = FreshPeaks();
  if (!peaks.contains(key)) {
    auto child = RunSelf({"--measure-once", dir.string(), WindowName(window)});
    auto kib = Field(child.out, "vmhwm_kib");
    peaks[key] = {child.exit_code == 0 && kib ? *kib / 1024.0 : -1.0, o.payroll_cells, o.persons};
  }
  double fresh = peaks[key].mib;
  state.counters["fresh_peak_rss_MiB"] = fresh;
  state.counters["fresh_delta_MiB"] = fresh >= 0 ? fresh - FreshBaselineMiB() : -1;
  state.SetLabel(fmt::format("{} total jobs", static_cast<std::int64_t>(o.total_jobs + 0.5)));
}

// CountJobs alone on a loaded delivery: how much of (a)/(b) is the counting engine.
void BM_CountOnly(benchmark::State& state, std::int64_t rows, Window window) {
  std::filesystem::path dir = TheDeliveries().Get(rows);
  const CountingParams& params = Params();
  auto delivery = LoadDelivery(dir, LoadOptionsFor(window));
  if (!delivery || delivery->error_count() > 0) {
    state.SkipWithError("the synthetic delivery does not load cleanly");
    return;
  }
  std::int64_t cells = 0;
  for (auto _ : state) {
    auto table = CountJobs(*delivery, CountRequest{kYear, window}, params);
    benchmark::DoNotOptimize(table);
    cells = table ? table->stats.payroll_cells : 0;
  }
  state.counters["cells_per_second"] = benchmark::Counter(static_cast<double>(cells),
                                                          benchmark::Counter::kIsIterationInvariantRate);
  state.counters["cells_in_window"] = static_cast<double>(cells);
}

std::vector<std::int64_t> Sizes() {
  std::vector<std::int64_t> sizes;
  const char* env = std::getenv("BANENMONITOR_BENCH_SIZES");
  std::string list = env != nullptr && *env != '\0' ? env : "250k,1M";
  std::istringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    std::int64_t n = ParseRowCount(item);
    if (n <= 0) {
      fmt::print(stderr, "count_bench: BANENMONITOR_BENCH_SIZES: {} is not a number of rows\n", item);
      std::exit(64);
    }
    sizes.push_back(n);
  }
  return sizes;
}

void RegisterAll() {
  const std::vector<std::int64_t> sizes = Sizes();
  for (std::int64_t rows : sizes) {
    for (Window w : {Window::kQ4, Window::kYear}) {
      benchmark::RegisterBenchmark(fmt::format("load_count/{}/rows:{}", WindowName(w), rows).c_str(),
                                   [rows, w](benchmark::State& s) { BM_LoadAndCount(s, rows, w); })
          ->Unit(benchmark::kMillisecond)
          ->MinTime(2.0);
    }
  }
  for (std::int64_t rows : sizes) {
    for (Window w : {Window::kQ4, Window::kYear}) {
      benchmark::RegisterBenchmark(fmt::format("count_only/{}/rows:{}", WindowName(w), rows).c_str(),
                                   [rows, w](benchmark::State& s) { BM_CountOnly(s, rows, w); })
          ->Unit(benchmark::kMillisecond)
          ->MinTime(1.0);
    }
  }
}

// After the run: how the fresh-process peak grows with the rows read and with
// the state kept (payroll cells in the window, persons in the register).
void PrintMemorySummary() {
  const auto& peaks = FreshPeaks();
  if (peaks.empty()) return;
  const double base = FreshBaselineMiB();
  fmt::print(stderr, "\nPeak RSS of a fresh process that loads and counts once (startup alone: {:.1f} MiB):\n", base);
  fmt::print(stderr, "  {:<6} {:>10} {:>10} {:>9} {:>10} {:>10} {:>14}\n", "window", "rows read", "cells kept",
             "persons", "peak MiB", "delta MiB", "delta B/cell");
  for (const auto& [key, p] : peaks) {
    double delta = p.mib - base;
    fmt::print(stderr, "  {:<6} {:>10} {:>10} {:>9} {:>10.1f} {:>10.1f} {:>14.0f}\n", key.first, key.second, p.cells,
               p.persons, p.mib, delta, p.cells > 0 ? delta * (1 << 20) / static_cast<double>(p.cells) : 0.0);
  }
}

int WriteMode(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: count_bench --write-delivery DIR [--rows N] [--seed S]\n");
    return 64;
  }
  DeliveryShape shape;
  for (int i = 3; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--rows") {
      shape.payroll_rows = ParseRowCount(argv[i + 1]);
      if (shape.payroll_rows < 0) {
        fmt::print(stderr, "count_bench: --rows {}: expected a number of rows such as 250000, 250k or 1M\n",
                   argv[i + 1]);
        return 64;
      }
    } else if (flag == "--seed") {
      shape.seed = std::strtoull(argv[i + 1], nullptr, 10);
    } else {
      fmt::print(stderr, "count_bench: unknown option {}\n", flag);
      return 64;
    }
  }
  if ((argc - 3) % 2 != 0) {
    fmt::print(stderr, "count_bench: option {} needs a value\n", argv[argc - 1]);
    return 64;
  }
  try {
    DeliverySummary s = WriteDelivery(argv[2], shape);
    fmt::print("{}: {}\n", argv[2], s.ToString());
  } catch (const std::exception& e) {
    fmt::print(stderr, "count_bench: {}\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace banenmonitor::bench

int main(int argc, char** argv) {
  using namespace banenmonitor::bench;
  if (argc >= 2 && std::strcmp(argv[1], "--write-delivery") == 0) return WriteMode(argc, argv);
  if (argc == 4 && std::strcmp(argv[1], "--measure-once") == 0) return MeasureOnce(argv[2], argv[3]);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RegisterAll();
  benchmark::RunSpecifiedBenchmarks();
  PrintMemorySummary();
  benchmark::Shutdown();
  return 0;
}
