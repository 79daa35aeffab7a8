#include "cli/findings_output.h"

#include <fmt/format.h>

#include "common/lang.h"

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
  const bool errors = severity == Finding::Severity::kError;
  const std::string_view what = total == 1 ? (errors ? Pick("fout", "error") : Pick("waarschuwing", "warning"))
                                           : (errors ? Pick("fouten", "errors") : Pick("waarschuwingen", "warnings"));
  if (static_cast<std::int64_t>(listed) < total) {
    fmt::print(out, "{}\n",
               Say("... en nog {} meer; {} {} in totaal:", "... and {} more; {} {} in all:",
                   total - static_cast<std::int64_t>(listed), total, what));
  } else {
    fmt::print(out, "{}\n", Say("{} {} in totaal:", "{} {} in all:", total, what));
  }
  for (const auto& [kind, n] : counts) fmt::print(out, "  {:<26} {}\n", kind, n);
}

}  // namespace

void PrintFindings(const Delivery& delivery, std::FILE* out) {
  PrintSeverity(delivery, Finding::Severity::kError, out);
  PrintSeverity(delivery, Finding::Severity::kWarning, out);
}

}  // namespace banenmonitor::cli
