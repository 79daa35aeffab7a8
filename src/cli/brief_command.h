// What `banenmonitor brief` and `banenmonitor demo` share for the letter and the memo.
#pragma once

#include <string>

#include "cli/source.h"

namespace banenmonitor::cli {

// The time written into the files (SOURCE_DATE_EPOCH): the snapshot's recorded
// time (ISO 8601, UTC), else 1 January of the year after `year` (a directory
// has no time of its own).
long long BriefEpoch(const std::string& recorded_at, int year);

// How an auditor names the same data to `banenmonitor count`: "--data DIR" or
// "--workspace WS --snapshot N" (N from LoadSource's description).
std::string RecountSource(const SourceOptions& options, const std::string& description);

}  // namespace banenmonitor::cli
