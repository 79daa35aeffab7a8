// Where a result came from: carried by every report and export.
#pragma once

#include <string>
#include <vector>

#include "banenmonitor/delivery.h"

namespace banenmonitor {

// The program's version (from CMake's project version).
const char* ProgramVersion();

struct Provenance {
  std::string program_version;
  std::string parameter_version;
  std::string parameter_sha256;
  std::string source;             // e.g. the delivery directory or "workspace W, snapshot 3"
  std::vector<FileInfo> files;    // input files with their SHA-256
  bool synthetic = false;         // the delivery says it is synthetic (delivery.csv, counting.md §2)
};

}  // namespace banenmonitor
