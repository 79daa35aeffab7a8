// The Delivery type: ids, findings and loading from a directory.
#include "banenmonitor/delivery.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "common/lang.h"
#include "data/row_sink.h"

namespace banenmonitor {

const char* SectorName(Sector s) { return s == Sector::kGovernment ? "government" : "market"; }

const char* LenderKindName(LenderKind k) {
  switch (k) {
    case LenderKind::kAgency: return "agency";
    case LenderKind::kWsw: return "wsw";
    default: return "none";
  }
}

bool LooksLikeBsn(std::string_view v) {
  return v.size() == 9 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The elfproef of the BSN: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11
// (Besluit BSN; the same test UWV applies to the doelgroepregister).
bool IsValidBsn(std::string_view v) {
  if (!LooksLikeBsn(v) || v == "000000000") return false;
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (9 - i) * (v[static_cast<std::size_t>(i)] - '0');
  sum -= v[8] - '0';
  return sum % 11 == 0;
}

bool IsValidEmployerId(std::string_view v) {
  if (v.size() != 12 || v[9] != 'L') return false;
  for (std::size_t i = 0; i < 12; ++i) {
    if (i == 9) continue;
    if (v[i] < '0' || v[i] > '9') return false;
  }
  return true;
}

std::string Finding::ToString() const {
  std::string out = file;
  if (line > 0) out += fmt::format(":{}", line);
  if (line > 0 && column > 0) out += fmt::format(":{}", column);
  out += severity == Severity::kWarning ? Pick(": waarschuwing: ", ": warning: ") : ": ";
  out += message;
  return out;
}

std::int64_t Delivery::error_count() const {
  std::int64_t n = 0;
  for (const auto& [kind, count] : error_counts) n += count;
  return n;
}

std::int64_t Delivery::warning_count() const {
  std::int64_t n = 0;
  for (const auto& [kind, count] : warning_counts) n += count;
  return n;
}

void Delivery::AddFinding(Finding finding) {
  auto& counts = finding.severity == Finding::Severity::kError ? error_counts : warning_counts;
  ++counts[finding.kind];
  if (findings.size() < kMaxStoredFindings) findings.push_back(std::move(finding));
}

bool Delivery::has_file_errors() const {
  for (const char* kind : {"missing-file", "missing-column", "duplicate-column", "empty-file", "unreadable-file",
                           "read-error", "bad-header", "not-a-regular-file", "not-a-header", "not-utf8",
                           "mixed-csv-form"}) {
    if (error_counts.contains(kind)) return true;
  }
  return false;
}

const FileInfo* Delivery::file(std::string_view name) const {
  for (const auto& f : files) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::vector<MonthIndex> PayrollMonths(const Delivery& d) {
  // A flag per month between the first and the last one seen: a tree insert per
  // cell was a fifth of a second for every question a dashboard asked of 19 million cells.
  MonthIndex lo = std::numeric_limits<MonthIndex>::max(), hi = std::numeric_limits<MonthIndex>::min();
  auto bounds = [&](const auto& cells) {
    for (const auto& c : cells) {
      lo = std::min(lo, c.month);
      hi = std::max(hi, c.month);
    }
  };
  bounds(d.payroll);
  bounds(d.payroll_totals);
  std::vector<MonthIndex> out;
  if (lo > hi) return out;
  std::vector<unsigned char> seen(static_cast<std::size_t>(std::int64_t{hi} - lo) + 1, 0);
  for (const auto& c : d.payroll) seen[static_cast<std::size_t>(c.month - lo)] = 1;
  for (const auto& t : d.payroll_totals) seen[static_cast<std::size_t>(t.month - lo)] = 1;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (seen[i] != 0) out.push_back(static_cast<MonthIndex>(lo + static_cast<MonthIndex>(i)));
  }
  return out;
}

Result<Delivery> LoadDelivery(const std::filesystem::path& directory, const LoadOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    return Fail(Status::NotFound(
        Say("{}: geen map (verwacht een levering: een map met employers.csv, register.csv en payroll.csv)",
            "{}: not a directory (expected a delivery: a directory with employers.csv, register.csv and payroll.csv)",
            directory.string())));
  }
  Delivery d;
  d.directory = directory;
  data::DeliveryAggregator aggregator(d, options);
  data::ValidateDelivery(directory, d, aggregator);
  aggregator.Finish();
  return d;
}

}  // namespace banenmonitor
