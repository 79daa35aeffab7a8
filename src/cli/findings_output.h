// Printing delivery findings: the first 50 in full, then a count per kind.
#pragma once

#include <cstdio>

#include "banenmonitor/delivery.h"

namespace banenmonitor::cli {

inline constexpr std::size_t kListedFindings = 50;

// Writes errors then warnings to `out`, at most kListedFindings of each in
// full, then a line per kind with its count when there were more.
void PrintFindings(const Delivery& delivery, std::FILE* out);

}  // namespace banenmonitor::cli
