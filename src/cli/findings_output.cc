#include "cli/findings_output.h"

#include <fmt/format.h>

namespace banenmonitor::cli {

namespace {

void PrintSeverity(const Delivery& d, Finding::Severity severity, std::FILE* out) {
  const auto& counts = severity == Finding::Severity::kError ? d.error_counts : d.warning_counts;
  std::int64_t total = 0;
  for (const auto& [kind, n] : counts) total += n;
  if (total == 0) return;
  std::size_t listed = 0;
  for (const auto& f : d.findings) {
    if (f.severity != severity) continue;
    if (listed == kListedFindings) break;
    fmt::print(out, "{}\n", f.ToString());
    ++listed;
  }
  const char* what = severity == Finding::Severity::kError ? "error" : "warning";
  if (static_cast<std::int64_t>(listed) < total) {
    fmt::print(out, "... and {} more; {} {}s in all:\n", total - static_cast<std::int64_t>(listed), total, what);
  } else {
    fmt::print(out, "{} {}{} in all:\n", total, what, total == 1 ? "" : "s");
  }
  for (const auto& [kind, n] : counts) fmt::print(out, "  {:<26} {}\n", kind, n);
}

}  // namespace

void PrintFindings(const Delivery& delivery, std::FILE* out) {
  PrintSeverity(delivery, Finding::Severity::kError, out);
  PrintSeverity(delivery, Finding::Severity::kWarning, out);
}

}  // namespace banenmonitor::cli
