// libFuzzer target (issue 15 item 5): deliveries with valid BSNs in the forms
// a spreadsheet or a person writes them (tests/bsn_forms.h: leading zeros lost,
// separators, NL prefix, 10 digits, Excel's .0 and apostrophe; inside employer
// names, an organisation, a target scope and the snapshot label; in invalid
// rows that go to quarantine), the choices and some free text drawn from the
// fuzzer's input, imported into a fresh SQLite workspace with --skip-invalid.
// No raw form of any of those BSNs may appear in the workspace's files (the
// database and its -wal, the quarantine, the column cache), in a finding, in
// the snapshot's label or in the data-quality JSON; the same person written
// several ways is one person.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "banenmonitor/workspace.h"
#include "bsn_forms.h"

namespace fs = std::filesystem;

namespace {

void Check(bool ok, const char* what, const std::string& detail = "") {
  if (!ok) {
    std::fprintf(stderr, "contract violated: %s %s\n", what, detail.c_str());
    std::abort();
  }
}

std::string FilesUnder(const fs::path& dir) {
  std::string all;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return all;
}

// The directory of this process's deliveries and workspaces, in a RAM-backed place when there is one.
const fs::path& Base() {
  static const fs::path dir = [] {
    fs::path b = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    fs::path d = b / ("banenmonitor-fuzz-bsn-" + std::to_string(::getpid()));
    fs::create_directories(d);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(Base(), ec);
    });
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path& base = Base();
  // The first half of the input steers the choices, the rest is free text.
  std::size_t half = size / 2, at = 0;
  banenmonitor::testing::Pick pick = [&](unsigned n) {
    unsigned v = at < half ? data[at++] : static_cast<unsigned>(at++ * 2654435761u >> 7);
    return v % n;
  };
  std::string extra(reinterpret_cast<const char*>(data) + half, size - half);
  std::error_code ec;
  fs::remove_all(base / "ws", ec);
  fs::remove_all(base / "data", ec);
  auto delivery = banenmonitor::testing::WriteFormsDelivery(pick, base / "data", 3, extra.substr(0, 200));
  Check(banenmonitor::Workspace::Init(base / "ws", "").ok(), "a workspace can be made");
  auto ws = banenmonitor::Workspace::Open(base / "ws");
  Check(ws.has_value(), "a new workspace opens");
  banenmonitor::ImportOptions options;
  options.label = delivery.label;
  options.skip_invalid = true;
  auto result = ws->Import(base / "data", options);
  Check(result.has_value(), "the import runs");
  for (const auto& f : result->report.findings) {
    auto found = delivery.FindRawForm(f.ToString());
    Check(!found, "no raw form of a BSN in a finding:", f.ToString());
  }
  if (auto found = delivery.FindRawForm(result->quality_json)) Check(false, "no raw form in the data-quality JSON");
  auto snapshots = ws->Snapshots();
  Check(snapshots.has_value(), "the snapshots can be listed");
  for (const auto& s : *snapshots) Check(!delivery.FindRawForm(s.label), "no raw form in the label");
  // What lies on disk (workspace.db, -wal, the column cache), with the workspace still open.
  if (auto found = delivery.FindRawForm(FilesUnder(base / "ws"))) Check(false, "no raw form in the workspace:", *found);
  return 0;
}
