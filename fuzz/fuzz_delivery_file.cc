// libFuzzer target: one file of a delivery through the real validation path.
//
// Linked once per contract file (kFuzzFile, e.g. "payroll.csv", defined in a
// one-line source that fuzz/CMakeLists.txt generates per target): the fuzzer's
// input replaces that file in a copy of the worked example (tests/data/example,
// plus small employer_hours.csv and sroi.csv from fuzz/seeds/extra), and the
// delivery is loaded with LoadDelivery (validator + aggregator, the code behind
// `count` and `import`) and, when usable, counted (Q4 and year, with and without social return for
// the buyer). A finding
// must name the fuzzed file's line within the file; nothing may crash.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"

// The contract file this target fuzzes.
extern const char kFuzzFile[];
#ifndef FUZZ_EXAMPLE_DIR
#error "FUZZ_EXAMPLE_DIR must name tests/data/example"
#endif
#ifndef FUZZ_EXTRA_DIR
#error "FUZZ_EXTRA_DIR must name fuzz/seeds/extra"
#endif

namespace fs = std::filesystem;

namespace {

// The delivery directory, made once per process in a RAM-backed place when there is one.
const fs::path& Directory() {
  static const fs::path dir = [] {
    fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    fs::path d = base / ("banenmonitor-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d);
    for (const fs::path& src : {fs::path(FUZZ_EXAMPLE_DIR), fs::path(FUZZ_EXTRA_DIR)}) {
      for (const auto& e : fs::directory_iterator(src)) {
        std::string name = e.path().filename().string();
        if (name.starts_with("expected-")) continue;
        fs::copy_file(e.path(), d / name, fs::copy_options::overwrite_existing);
      }
    }
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(Directory(), ec);
    });
    return d;
  }();
  return dir;
}

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "contract violated: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path& dir = Directory();
  {
    std::ofstream out(dir / kFuzzFile, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  banenmonitor::LoadOptions options;
  options.skip_invalid = true;
  auto delivery = banenmonitor::LoadDelivery(dir, options);
  Check(delivery.has_value(), "a readable directory always loads");
  for (const auto& f : delivery->findings) {
    Check(!f.message.empty() && !f.kind.empty(), "a finding says what is wrong");
    if (f.file == kFuzzFile) Check(f.line >= 0 && static_cast<std::size_t>(f.line) <= size + 1, "a finding's line is in the file");
  }
  const auto* info = delivery->file(kFuzzFile);
  Check(info != nullptr && info->bytes == size, "the file's size is recorded");
  if (delivery->has_file_errors()) return 0;
  auto params = banenmonitor::CountingParams::ForYear(banenmonitor::ParameterSet::Embedded(), 2023);
  Check(params.has_value(), "the embedded parameters cover 2023");
  for (auto window : {banenmonitor::Window::kQ4, banenmonitor::Window::kYear}) {
    for (bool sroi : {false, true}) {
      auto table = banenmonitor::CountJobs(*delivery, banenmonitor::CountRequest{2023, window, sroi}, *params);
      if (table) Check(!table->rows.empty() && table->rows.front().scope == "total", "a count starts with the total");
    }
  }
  return 0;
}
