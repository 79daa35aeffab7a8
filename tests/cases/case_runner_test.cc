// Runs the text cases under tests/cases/ (format: tests/cases/README.md), one
// named GoogleTest test per file: the counting rules in tests/cases/*.case, the
// quotum rules in tests/cases/quotum/, projection and job quality in
// tests/cases/analysis/.
//
// For each case the data sections are written to a fresh temporary directory,
// the delivery is loaded, the errors and warnings are compared with the
// [errors] and [warnings] sections, and every check section is compared byte
// for byte with the CSV its command writes: [count ...] with
// report::RealisationCsv (counting.md §4), [quotum ...] with report::QuotumCsv
// (quotum-and-scenarios.md §1), [project ...] with report::ProjectionCsv and
// [quality ...] with report::QualityCsv. Each check loads the months its command
// would. A case file that cannot be parsed fails its test: nothing is ever skipped.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <expected>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/job_quality.h"
#include "banenmonitor/params.h"
#include "banenmonitor/projection.h"
#include "banenmonitor/quotum.h"
#include "banenmonitor/quotum_percentage.h"
#include "banenmonitor/scenario.h"
#include "banenmonitor/trend.h"
#include "banenmonitor/year_on_year.h"
#include "report/job_quality_format.h"
#include "report/projection_format.h"
#include "report/quotum_format.h"
#include "report/quotum_percentage_format.h"
#include "report/realisation_format.h"
#include "report/scenario_format.h"
#include "report/trend_format.h"

namespace banenmonitor {
namespace {

namespace fs = std::filesystem;

const fs::path kCaseDir = fs::path(BANENMONITOR_TEST_DIR) / "cases";

// ---------------------------------------------------------------------------
// The parsed form of a case file.

// One expected finding: FILE:LINE:COLUMN kind (LINE and COLUMN 0 when left out).
struct ExpectedFinding {
  std::string file;
  std::int64_t line = 0;
  int column = 0;
  std::string kind;
  auto operator<=>(const ExpectedFinding&) const = default;
  std::string ToString() const {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + " " + kind;
  }
};

// The command whose output a check section gives.
enum class CheckKind { kCount, kQuotum, kProject, kQuality, kTrend, kQuotumPercentage, kScenario };

// A check section: [count ...], [quotum ...], [project ...], [quality ...] or [trend ...].
struct CheckSection {
  CheckKind kind = CheckKind::kCount;
  int line = 0;              // line of the header in the case file
  std::string header;        // the header as written, for messages
  int year = 0;              // count, quotum, quality; trend: from=
  int to = 2026;             // project: the horizon; trend: the last year
  Window window = Window::kQ4;                          // count
  ScopeLevel level = ScopeLevel::kSector;               // count, project, quality
  QuotumLevel quotum_level = QuotumLevel::kEmployer;    // quotum
  std::optional<Sector> sector;                         // quotum-percentage: sector=government|market
  std::vector<QuotumPctOverride> quotum_pct;            // quotum: quotum-pct=SECTOR=PCT, as --quotum-pct
  bool sroi_counts_for_buyer = false;  // count: sroi=counts-for-buyer (quotum-and-scenarios.md §4)
  bool vs_previous_year = false;       // count: vs=previous-year (counting.md §7.4, count --vs-previous-year)
  std::optional<int> activation_year;         // scenario: activation-year=X, as --activation-year
  std::optional<std::int64_t> opslag_ppm;     // scenario: opslag=PCT, as --opslag
  std::string expected;      // the expected CSV, lines ending in '\n'
};

struct DataSection {
  std::string file;          // e.g. "payroll.csv"
  int line = 0;
  std::string content;       // lines ending in '\n'
};

struct Case {
  std::string description;
  std::vector<DataSection> files;
  std::vector<CheckSection> checks;
  std::set<ExpectedFinding> errors;    // empty when there is no [errors] section
  std::set<ExpectedFinding> warnings;  // empty when there is no [warnings] section
};

// A parse error: the line of the case file and what is wrong.
struct ParseError {
  int line = 0;
  std::string message;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  return words;
}

std::optional<std::int64_t> ParseNonNegative(std::string_view s) {
  if (s.empty() || s.size() > 12) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

constexpr std::array<std::string_view, 7> kDataSections = {"employers", "register", "payroll", "hire_in",
                                                           "targets",   "sroi",     "employer_hours"};

// Parses "FILE:LINE:COLUMN kind", "FILE:LINE kind" or "FILE kind".
std::expected<ExpectedFinding, std::string> ParseFindingLine(std::string_view text) {
  auto words = SplitWords(text);
  if (words.size() != 2) {
    return std::unexpected("expected 'FILE:LINE:COLUMN kind' (two words), got '" + std::string(text) + "'");
  }
  ExpectedFinding f;
  f.kind = std::string(words[1]);
  std::vector<std::string_view> parts;
  std::string_view loc = words[0];
  for (std::size_t pos; (pos = loc.find(':')) != std::string_view::npos;) {
    parts.push_back(loc.substr(0, pos));
    loc.remove_prefix(pos + 1);
  }
  parts.push_back(loc);
  if (parts.size() > 3 || parts[0].empty() || !parts[0].ends_with(".csv")) {
    return std::unexpected("expected a location FILE.csv:LINE:COLUMN, got '" + std::string(words[0]) + "'");
  }
  f.file = std::string(parts[0]);
  if (parts.size() >= 2) {
    auto line = ParseNonNegative(parts[1]);
    if (!line) return std::unexpected("'" + std::string(parts[1]) + "' is not a line number in '" + std::string(words[0]) + "'");
    f.line = *line;
  }
  if (parts.size() == 3) {
    auto column = ParseNonNegative(parts[2]);
    if (!column) return std::unexpected("'" + std::string(parts[2]) + "' is not a column number in '" + std::string(words[0]) + "'");
    f.column = static_cast<int>(*column);
  }
  return f;
}

std::optional<int> ParseYear(std::string_view s) {
  auto y = ParseNonNegative(s);
  if (!y || *y < 1900 || *y > 2199) return std::nullopt;
  return static_cast<int>(*y);
}

// Parses the attributes of a check section, e.g. "[count year=2023 window=q4 by=sector]";
// each kind takes the options of its command (tests/cases/README.md).
std::expected<CheckSection, std::string> ParseCheckHeader(CheckKind kind, const std::vector<std::string_view>& words) {
  CheckSection c;
  c.kind = kind;
  const char* expected_keys = kind == CheckKind::kCount    ? "year, window, by, sroi, vs"
                              : kind == CheckKind::kQuotum ? "year, by, quotum-pct"
                              : kind == CheckKind::kProject ? "to, by"
                              : kind == CheckKind::kTrend   ? "from, to, by"
                              : kind == CheckKind::kQuotumPercentage ? "year, sector"
                              : kind == CheckKind::kScenario ? "year, activation-year, opslag"
                                                            : "year, by";
  bool have_year = false, have_by = false;
  std::set<std::string_view> seen;
  for (std::size_t i = 1; i < words.size(); ++i) {
    std::string_view w = words[i];
    std::size_t eq = w.find('=');
    if (eq == std::string_view::npos) {
      return std::unexpected("'" + std::string(w) + "' is not key=value (expected " + expected_keys + ")");
    }
    std::string_view key = w.substr(0, eq), value = w.substr(eq + 1);
    if (key != "quotum-pct" && !seen.insert(key).second) return std::unexpected("'" + std::string(key) + "' is given twice");
    if (key == "from" && kind == CheckKind::kTrend) {
      auto y = ParseYear(value);
      if (!y) return std::unexpected("from '" + std::string(value) + "' is not a year");
      c.year = *y;
      have_year = true;
    } else if (key == "year" && kind != CheckKind::kProject && kind != CheckKind::kTrend) {
      auto y = ParseYear(value);
      if (!y) return std::unexpected("year '" + std::string(value) + "' is not a year");
      c.year = *y;
      have_year = true;
    } else if (key == "to" && (kind == CheckKind::kProject || kind == CheckKind::kTrend)) {
      auto y = ParseYear(value);
      if (!y) return std::unexpected("to '" + std::string(value) + "' is not a year");
      c.to = *y;
    } else if (key == "window" && kind == CheckKind::kCount) {
      auto w2 = ParseWindow(value);
      if (!w2) return std::unexpected("window '" + std::string(value) + "' is not one of q1, q2, q3, q4, year");
      c.window = *w2;
    } else if (key == "by" && kind == CheckKind::kQuotum) {
      auto l = ParseQuotumLevel(value);
      if (!l) return std::unexpected("by '" + std::string(value) + "' is not one of employer, subsector, sector");
      c.quotum_level = *l;
      have_by = true;
    } else if (key == "by") {
      auto l = ParseScopeLevel(value);
      if (!l) return std::unexpected("by '" + std::string(value) + "' is not one of total, sector, subsector, organisation, employer");
      if (kind == CheckKind::kProject && *l != ScopeLevel::kSector && *l != ScopeLevel::kSubsector) {
        return std::unexpected("by '" + std::string(value) + "': project is by sector or subsector");
      }
      if (kind == CheckKind::kQuality && *l == ScopeLevel::kTotal) return std::unexpected("quality is not by total");
      c.level = *l;
      have_by = true;
    } else if (key == "quotum-pct" && kind == CheckKind::kQuotum) {
      auto o = ParseQuotumPctOverride(value);
      if (!o) return std::unexpected("quotum-pct: " + o.error().message());
      c.quotum_pct.push_back(*o);
    } else if (key == "sector" && kind == CheckKind::kQuotumPercentage) {
      if (value != "government" && value != "market") {
        return std::unexpected("sector '" + std::string(value) + "' is not one of government, market");
      }
      c.sector = value == "government" ? Sector::kGovernment : Sector::kMarket;
    } else if (key == "sroi" && kind == CheckKind::kCount) {
      if (value != "counts-for-buyer" && value != "counts-for-contractor") {
        return std::unexpected("sroi '" + std::string(value) + "' is not one of counts-for-buyer, counts-for-contractor");
      }
      c.sroi_counts_for_buyer = value == "counts-for-buyer";
    } else if (key == "activation-year" && kind == CheckKind::kScenario) {
      auto y = ParseYear(value);
      if (!y) return std::unexpected("activation-year '" + std::string(value) + "' is not a year");
      c.activation_year = *y;
    } else if (key == "opslag" && kind == CheckKind::kScenario) {
      auto ppm = ParseScaledDecimal(value, 4);
      if (!ppm) return std::unexpected("opslag '" + std::string(value) + "' is not a percentage with at most 4 decimals");
      c.opslag_ppm = *ppm;
    } else if (key == "vs" && kind == CheckKind::kCount) {
      if (value != "previous-year") return std::unexpected("vs '" + std::string(value) + "' is not previous-year");
      c.vs_previous_year = true;
    } else {
      return std::unexpected("unknown attribute '" + std::string(key) + "' (expected " + expected_keys + ")");
    }
  }
  if (!have_year && kind == CheckKind::kTrend) return std::unexpected("from= is missing");
  if (kind == CheckKind::kTrend && c.to < c.year) return std::unexpected("to= lies before from=");
  if (!have_year && kind != CheckKind::kProject) return std::unexpected("year= is missing");
  if (!have_by && kind != CheckKind::kQuotumPercentage && kind != CheckKind::kScenario) {
    return std::unexpected("by= is missing");
  }
  return c;
}

std::optional<CheckKind> CheckKindOf(std::string_view name) {
  if (name == "count") return CheckKind::kCount;
  if (name == "quotum") return CheckKind::kQuotum;
  if (name == "project") return CheckKind::kProject;
  if (name == "quality") return CheckKind::kQuality;
  if (name == "trend") return CheckKind::kTrend;
  if (name == "quotum-percentage") return CheckKind::kQuotumPercentage;
  if (name == "scenario") return CheckKind::kScenario;
  return std::nullopt;
}

std::expected<Case, ParseError> ParseCase(const std::string& text) {
  Case c;
  enum class Kind { kNone, kData, kCheck, kErrors, kWarnings };
  Kind current = Kind::kNone;
  bool have_errors = false, have_warnings = false;
  std::set<std::string> check_keys;  // the same check twice is a mistake

  std::istringstream in(text);
  std::string raw;
  int line_no = 0;
  while (std::getline(in, raw)) {
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    std::string_view line = raw;
    std::string_view trimmed = Trim(line);
    if (trimmed.empty()) continue;  // blank lines are ignored everywhere

    if (trimmed.front() == '[') {
      if (trimmed.back() != ']') return std::unexpected(ParseError{line_no, "a section line must end with ']'"});
      auto words = SplitWords(trimmed.substr(1, trimmed.size() - 2));
      if (words.empty()) return std::unexpected(ParseError{line_no, "empty section name '[]'"});
      std::string_view name = words[0];
      if (std::find(kDataSections.begin(), kDataSections.end(), name) != kDataSections.end()) {
        if (words.size() > 1) return std::unexpected(ParseError{line_no, "[" + std::string(name) + "] takes no attributes"});
        std::string file = std::string(name) + ".csv";
        for (const auto& f : c.files) {
          if (f.file == file) return std::unexpected(ParseError{line_no, "[" + std::string(name) + "] appears twice (first on line " + std::to_string(f.line) + ")"});
        }
        c.files.push_back({file, line_no, ""});
        current = Kind::kData;
      } else if (auto kind = CheckKindOf(name)) {
        auto check = ParseCheckHeader(*kind, words);
        if (!check) return std::unexpected(ParseError{line_no, "[" + std::string(name) + " ...]: " + check.error()});
        check->line = line_no;
        check->header = std::string(trimmed);
        std::vector<std::string_view> sorted(words.begin(), words.end());
        std::sort(sorted.begin() + 1, sorted.end());
        std::string key;
        for (auto w : sorted) key += std::string(w) + " ";
        if (!check_keys.insert(key).second) {
          return std::unexpected(ParseError{line_no, "the same [" + std::string(name) + " ...] appears twice"});
        }
        c.checks.push_back(std::move(*check));
        current = Kind::kCheck;
      } else if (name == "errors" || name == "warnings") {
        bool& have = name == "errors" ? have_errors : have_warnings;
        if (words.size() > 1) return std::unexpected(ParseError{line_no, "[" + std::string(name) + "] takes no attributes"});
        if (have) return std::unexpected(ParseError{line_no, "[" + std::string(name) + "] appears twice"});
        have = true;
        current = name == "errors" ? Kind::kErrors : Kind::kWarnings;
      } else {
        return std::unexpected(ParseError{line_no, "unknown section [" + std::string(name) +
                                                       "] (expected employers, register, payroll, hire_in, targets, sroi, "
                                                       "employer_hours, count, quotum, quotum-percentage, scenario, project, quality, trend, errors or "
                                                       "warnings)"});
      }
      continue;
    }

    switch (current) {
      case Kind::kNone:
        if (trimmed.front() != '#') {
          return std::unexpected(ParseError{line_no, "before the first section only '#' description lines are allowed"});
        }
        {
          std::string_view d = trimmed.substr(1);
          if (!d.empty() && d.front() == ' ') d.remove_prefix(1);
          c.description += std::string(d) + "\n";
        }
        break;
      case Kind::kData:
        c.files.back().content += raw + "\n";  // CSV content exactly as written
        break;
      case Kind::kCheck:
        c.checks.back().expected += std::string(trimmed) + "\n";
        break;
      case Kind::kErrors:
      case Kind::kWarnings: {
        auto f = ParseFindingLine(trimmed);
        if (!f) return std::unexpected(ParseError{line_no, f.error()});
        auto& set = current == Kind::kErrors ? c.errors : c.warnings;
        if (!set.insert(*f).second) return std::unexpected(ParseError{line_no, "'" + f->ToString() + "' is listed twice"});
        break;
      }
    }
  }
  if (c.description.empty()) return std::unexpected(ParseError{1, "the case has no '#' description"});
  if (c.checks.empty()) {
    return std::unexpected(ParseError{line_no, "the case has no check section ([count ...], [quotum ...], [project ...] or [quality ...])"});
  }
  for (const auto& check : c.checks) {
    if (check.expected.empty()) return std::unexpected(ParseError{check.line, check.header + " has no expected output"});
  }
  return c;
}

// ---------------------------------------------------------------------------
// Helpers for running a case.

std::string ReadText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// A line diff (longest common subsequence): "  " same, "- " only in the case,
// "+ " only in what the engine produced.
std::string Diff(const std::string& expected, const std::string& actual) {
  auto a = Lines(expected), b = Lines(actual);
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::string out;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      out += "    " + a[i++] + "\n";
      ++j;
    } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out += "  - " + a[i++] + "\n";
    } else {
      out += "  + " + b[j++] + "\n";
    }
  }
  if (!expected.empty() && expected.back() != '\n') out += "  (the case's text does not end with a newline)\n";
  if (!actual.empty() && actual.back() != '\n') out += "  (the engine's output does not end with a newline)\n";
  return out;
}

// A temporary directory, removed at destruction unless the test failed.
class TempDelivery {
 public:
  TempDelivery() {
    std::string pattern = (fs::temp_directory_path() / "banenmonitor-case-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDelivery() {
    if (path_.empty() || ::testing::Test::HasFailure()) return;  // kept for inspection
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::vector<fs::path> CaseFiles() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(kCaseDir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".case") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The test name of a case: its path below tests/cases without ".case", other
// characters than letters and digits replaced by '_' (quotum/x.case: quotum_x).
std::string TestNameOf(const fs::path& p) {
  std::string name = p.lexically_relative(kCaseDir).replace_extension().string();
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name.empty() ? "unnamed" : name;
}

std::set<ExpectedFinding> ActualFindings(const Delivery& d, Finding::Severity severity) {
  std::set<ExpectedFinding> out;
  for (const auto& f : d.findings) {
    if (f.severity == severity) out.insert({f.file, f.line, f.column, f.kind});
  }
  return out;
}

// Explains the difference between expected and reported findings of one severity.
std::string FindingDiff(const Delivery& d, Finding::Severity severity, const std::set<ExpectedFinding>& expected,
                        const std::set<ExpectedFinding>& actual) {
  std::string out;
  for (const auto& e : expected) {
    if (!actual.contains(e)) out += "  - " + e.ToString() + "   (expected by the case, not reported)\n";
  }
  for (const auto& f : d.findings) {
    if (f.severity != severity) continue;
    ExpectedFinding key{f.file, f.line, f.column, f.kind};
    if (!expected.contains(key)) out += "  + " + key.ToString() + "   (reported, not in the case): " + f.ToString() + "\n";
  }
  return out;
}

// The months the check's command reads (LoadOptions), so that a case also shows
// that the command loads what its figures need.
LoadOptions LoadOptionsFor(const CheckSection& check) {
  LoadOptions load;
  load.skip_invalid = true;
  switch (check.kind) {
    case CheckKind::kCount:
      if (check.vs_previous_year) {
        load = YearOnYearLoadOptions(YearOnYearRequest{check.year, check.window});
        load.skip_invalid = true;
        break;
      }
      load.first_month = MakeMonth(check.year, FirstMonthOf(check.window));
      load.last_month = load.first_month + MonthsIn(check.window) - 1;
      break;
    case CheckKind::kQuotum:  // liability looks at Y - 1 and Y (quotum-and-scenarios.md §1)
      load.first_month = MakeMonth(check.year - 1, 1);
      load.last_month = MakeMonth(check.year, 12);
      break;
    case CheckKind::kQuality:
      load.first_month = QualityFirstMonth(check.year);
      load.last_month = QualityLastMonth(check.year);
      break;
    case CheckKind::kScenario: {  // Y - 1 (the quotum's liability test) and Y
      ScenarioRequest request;
      request.year = check.year;
      LoadOptions scenario = ScenarioLoadOptions(request);
      load.first_month = scenario.first_month;
      load.last_month = scenario.last_month;
      break;
    }
    case CheckKind::kProject:  // every year-end measurement in the delivery
    case CheckKind::kQuotumPercentage:  // reads only the parameter file
      break;
    case CheckKind::kTrend: {
      LoadOptions trend = TrendLoadOptions(TrendRequest{check.year, check.to, check.level});
      load.first_month = trend.first_month;
      load.last_month = trend.last_month;
      break;
    }
  }
  return load;
}

// A check section whose expected output is one line "error: MESSAGE" expects
// the command to fail with exactly MESSAGE (in English: the suite runs with
// BANENMONITOR_LANG=en).
constexpr std::string_view kExpectedError = "error: ";

// The CSV the check's command writes for the delivery in `dir`, or what went wrong.
std::expected<std::string, std::string> RunCheck(const fs::path& dir, const CheckSection& check) {
  auto delivery = LoadDelivery(dir, LoadOptionsFor(check));
  if (!delivery) return std::unexpected("LoadDelivery failed: " + delivery.error().message());
  const ParameterSet& set = ParameterSet::Embedded();
  switch (check.kind) {
    case CheckKind::kCount: {
      if (check.vs_previous_year) {
        if (check.sroi_counts_for_buyer) return std::unexpected("vs=previous-year has no sroi scenario");
        auto vs = CompareWithPreviousYear(*delivery, YearOnYearRequest{check.year, check.window}, set);
        if (!vs) return std::unexpected("CompareWithPreviousYear failed: " + vs.error().message());
        return report::RealisationCsv(*vs, check.level);
      }
      auto params = CountingParams::ForYear(set, check.year);
      if (!params) return std::unexpected(params.error().message());
      CountRequest request{check.year, check.window, check.sroi_counts_for_buyer};
      request.regions_and_grounds = check.level == ScopeLevel::kRegion || check.level == ScopeLevel::kGround;
      auto table = CountJobs(*delivery, request, *params);
      if (!table) return std::unexpected("CountJobs failed: " + table.error().message());
      return report::RealisationCsv(*table, check.level);
    }
    case CheckKind::kQuotum: {
      auto table = ComputeQuotum(*delivery, QuotumRequest{check.year, check.quotum_pct}, set);
      if (!table) return std::unexpected(table.error().message());
      return report::QuotumCsv(*table, check.quotum_level);
    }
    case CheckKind::kQuotumPercentage: {
      auto table = QuotumPercentageOfYear(QuotumPercentageRequest{check.year, check.sector}, set);
      if (!table) return std::unexpected(table.error().message());
      return report::QuotumPercentageCsv(*table);
    }
    case CheckKind::kScenario: {
      ScenarioRequest request;
      request.year = check.year;
      request.opslag_ppm = check.opslag_ppm;
      request.activation_year = check.activation_year;
      auto result = RunScenario(*delivery, request, set);
      if (!result) return std::unexpected(result.error().message());
      // The first line `scenario --format csv --rows employers` prints on standard error, then the CSV.
      return report::QuotumregelingNote(*result) + report::ScenarioEmployersCsv(*result);
    }
    case CheckKind::kProject: {
      ProjectionRequest request;
      request.to_year = check.to;
      request.level = check.level;
      auto table = Project(*delivery, request, set);
      if (!table) return std::unexpected("Project failed: " + table.error().message());
      return report::ProjectionCsv(*table);
    }
    case CheckKind::kQuality: {
      auto table = JobQuality(*delivery, QualityRequest{check.year, check.level}, set);
      if (!table) return std::unexpected("JobQuality failed: " + table.error().message());
      return report::QualityCsv(*table);
    }
    case CheckKind::kTrend: {
      auto table = Trend(*delivery, TrendRequest{check.year, check.to, check.level}, set);
      if (!table) return std::unexpected("Trend failed: " + table.error().message());
      return report::TrendCsv(*table);
    }
  }
  return std::unexpected("unknown check");
}

// ---------------------------------------------------------------------------
// The tests.

class CaseFile : public ::testing::TestWithParam<fs::path> {};

TEST_P(CaseFile, MatchesEngine) {
  const fs::path& path = GetParam();
  const std::string where = path.string();
  const std::string text = ReadText(path);
  ASSERT_FALSE(text.empty()) << where << ": the case file is empty or unreadable";

  auto parsed = ParseCase(text);
  ASSERT_TRUE(parsed.has_value()) << where << ":" << parsed.error().line << ": cannot parse the case: "
                                  << parsed.error().message << " (format: tests/cases/README.md)";
  const Case& c = *parsed;
  SCOPED_TRACE(where + ": what the case checks:\n" + c.description);

  TempDelivery dir;
  ASSERT_FALSE(dir.path().empty()) << where << ": cannot create a temporary directory";
  for (const auto& f : c.files) {
    std::ofstream out(dir.path() / f.file, std::ios::binary);
    out << f.content;
    ASSERT_TRUE(out.good()) << where << ": cannot write " << (dir.path() / f.file).string();
  }

  auto delivery = LoadDelivery(dir.path(), LoadOptions{});
  ASSERT_TRUE(delivery.has_value()) << where << ": LoadDelivery failed: " << delivery.error().message();
  ASSERT_LE(delivery->findings.size(), Delivery::kMaxStoredFindings) << where << ": too many findings to compare";

  auto errors = ActualFindings(*delivery, Finding::Severity::kError);
  EXPECT_TRUE(errors == c.errors) << where << ": the errors of loading differ from [errors] (delivery kept in "
                                  << dir.path().string() << "):\n"
                                  << FindingDiff(*delivery, Finding::Severity::kError, c.errors, errors);
  auto warnings = ActualFindings(*delivery, Finding::Severity::kWarning);
  EXPECT_TRUE(warnings == c.warnings) << where << ": the warnings of loading differ from [warnings] (delivery kept in "
                                      << dir.path().string() << "):\n"
                                      << FindingDiff(*delivery, Finding::Severity::kWarning, c.warnings, warnings);

  // With expected errors the checks use the valid rows only (as --skip-invalid does).
  for (const auto& check : c.checks) {
    std::string at = where + ":" + std::to_string(check.line) + ": ";
    auto actual = RunCheck(dir.path(), check);
    if (check.expected.starts_with(kExpectedError)) {  // the command must refuse, with this message
      ASSERT_FALSE(actual.has_value()) << at << check.header << ": expected the command to fail, it gave:\n" << *actual;
      const std::string message = std::string(kExpectedError) + actual.error() + "\n";
      EXPECT_EQ(message, check.expected) << at << check.header << ": the command fails with another message";
      continue;
    }
    ASSERT_TRUE(actual.has_value()) << at << check.header << ": " << actual.error();
    EXPECT_TRUE(*actual == check.expected)
        << at << check.header << " differs from the program"
        << " (delivery kept in " << dir.path().string() << ")\n"
        << "  lines with '-' are expected by the case, lines with '+' were produced by the program:\n"
        << Diff(check.expected, *actual);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseFile, ::testing::ValuesIn(CaseFiles()),
                         [](const ::testing::TestParamInfo<fs::path>& info) { return TestNameOf(info.param); });

TEST(CaseFiles, AtLeastTwentyCases) {
  auto files = CaseFiles();
  EXPECT_GE(files.size(), 20u) << "tests/cases holds " << files.size() << " *.case files; expected at least 20";
}

TEST(CaseFiles, TestNamesAreUnique) {
  std::set<std::string> names;
  for (const auto& f : CaseFiles()) {
    EXPECT_TRUE(names.insert(TestNameOf(f)).second) << f.string() << ": another case has the test name " << TestNameOf(f);
  }
}

// The parser itself: malformed text must be rejected, never skipped.
TEST(CaseFormat, ParsesAWellFormedCase) {
  auto c = ParseCase(
      "# a description\r\n"
      "\n"
      "[employers]\n"
      "employer_id,name,sector,subsector,organisation,lender\n"
      "[register]\n"
      "person_id,ground,start_date,end_date\n"
      "[payroll]\n"
      "person_id,employer_id,period,hours,contract,wsw\n"
      "[count year=2023 by=sector]\n"
      "year,window\n"
      "[count year=2023 window=year by=employer]\n"
      "year,window\n"
      "[errors]\n"
      "payroll.csv:3:4 out-of-range\n"
      "employers.csv missing-file\n"
      "[warnings]\n"
      "hire_in.csv:2 hire-in-without-payroll\n");
  ASSERT_TRUE(c.has_value()) << c.error().line << ": " << c.error().message;
  EXPECT_EQ(c->description, "a description\n");
  ASSERT_EQ(c->files.size(), 3u);
  EXPECT_EQ(c->files[2].file, "payroll.csv");
  EXPECT_EQ(c->files[2].content, "person_id,employer_id,period,hours,contract,wsw\n");
  ASSERT_EQ(c->checks.size(), 2u);
  EXPECT_EQ(c->checks[0].window, Window::kQ4);
  EXPECT_EQ(c->checks[1].window, Window::kYear);
  EXPECT_EQ(c->checks[1].level, ScopeLevel::kEmployer);
  EXPECT_EQ(c->errors, (std::set<ExpectedFinding>{{"payroll.csv", 3, 4, "out-of-range"}, {"employers.csv", 0, 0, "missing-file"}}));
  EXPECT_EQ(c->warnings, (std::set<ExpectedFinding>{{"hire_in.csv", 2, 0, "hire-in-without-payroll"}}));
}

TEST(CaseFormat, ParsesSroiSectionAndAttribute) {
  auto c = ParseCase(
      "# d\n[employers]\nx\n[sroi]\nperson_id,contractor_id,buyer_id,period,hours\n"
      "[count year=2023 by=sector]\nyear\n[count year=2023 by=sector sroi=counts-for-buyer]\nyear\n");
  ASSERT_TRUE(c.has_value()) << c.error().line << ": " << c.error().message;
  ASSERT_EQ(c->files.size(), 2u);
  EXPECT_EQ(c->files[1].file, "sroi.csv");
  ASSERT_EQ(c->checks.size(), 2u);
  EXPECT_FALSE(c->checks[0].sroi_counts_for_buyer);
  EXPECT_TRUE(c->checks[1].sroi_counts_for_buyer);
}

TEST(CaseFormat, ParsesQuotumProjectAndQualityChecks) {
  auto c = ParseCase(
      "# d\n[employer_hours]\nx\n[quotum year=2024 by=subsector quotum-pct=government=2.5]\nyear\n"
      "[project by=subsector]\nscope\n[quality year=2023 by=employer]\nscope\n");
  ASSERT_TRUE(c.has_value()) << c.error().line << ": " << c.error().message;
  ASSERT_EQ(c->files.size(), 1u);
  EXPECT_EQ(c->files[0].file, "employer_hours.csv");
  ASSERT_EQ(c->checks.size(), 3u);
  EXPECT_EQ(c->checks[0].kind, CheckKind::kQuotum);
  EXPECT_EQ(c->checks[0].quotum_level, QuotumLevel::kSubsector);
  ASSERT_EQ(c->checks[0].quotum_pct.size(), 1u);
  EXPECT_EQ(c->checks[1].kind, CheckKind::kProject);
  EXPECT_EQ(c->checks[1].to, 2026);
  EXPECT_EQ(c->checks[1].level, ScopeLevel::kSubsector);
  EXPECT_EQ(c->checks[2].kind, CheckKind::kQuality);
  EXPECT_EQ(c->checks[2].year, 2023);
  EXPECT_EQ(c->checks[2].level, ScopeLevel::kEmployer);
}

TEST(CaseFormat, RejectsMalformedText) {
  // Each text is a valid case but for one fault; the valid case itself must parse.
  const std::string head = "# d\n[employers]\nx\n";
  const std::string count = "[count year=2023 by=sector]\nyear\n";
  ASSERT_TRUE(ParseCase(head + count).has_value());
  const std::string bad[] = {
      "",                                                        // nothing at all
      head,                                                      // no count section
      "[employers]\nx\n" + count,                               // no description
      "text\n" + head + count,                                  // not a description line
      head + "[payrol]\nx\n" + count,                           // unknown section
      head + "[register\nx\n" + count,                          // unterminated section line
      head + "[]\n" + count,                                     // empty section name
      head + "[employers]\ny\n" + count,                        // data section twice
      head + "[register x=1]\nx\n" + count,                     // attributes on a data section
      head + "[count by=sector]\nyear\n",                       // no year
      head + "[count year=2023]\nyear\n",                       // no by
      head + "[count year=20x3 by=sector]\nyear\n",             // bad year
      head + "[count year=2023 by=sector window=q5]\nyear\n",   // bad window
      head + "[count year=2023 by=sectors]\nyear\n",            // bad level
      head + "[count year=2023 by=sector colour=red]\nyear\n",  // unknown attribute
      head + "[count year=2023 by=sector sroi=buyer]\nyear\n",  // bad sroi value
      head + "[count year=2023 by=sector sroi=counts-for-buyer]\nyear\n[count year=2023 by=sector "
             "sroi=counts-for-buyer]\nyear\n",                   // the same scenario count twice
      head + "[count year=2023 by=sector year=2024]\nyear\n",   // attribute twice
      head + "[count year=2023 by=sector]\n",                    // no expected output
      head + count + count,                                      // the same count twice
      head + count + "[errors]\npayroll.csv:3:x bad-number\n",  // bad column
      head + count + "[errors]\npayroll.csv:3:4\n",             // no kind
      head + count + "[errors]\npayroll:3:4 bad-number\n",      // not a .csv file
      head + count + "[errors]\na.csv:1:2:3 bad-number\n",      // too many parts
      head + count + "[errors]\na.csv:1 k\na.csv:1 k\n",        // listed twice
      head + count + "[errors]\n[errors]\n",                    // section twice
      head + count + "[warnings x]\n",                          // attributes on [warnings]
      head + "[quotum year=2024]\nyear\n",                     // quotum without by
      head + "[quotum year=2024 by=organisation]\nyear\n",     // quotum has no organisation level
      head + "[quotum year=2024 by=sector window=q4]\nyear\n", // window is not a quotum option
      head + "[project year=2024 by=sector]\nscope\n",         // project takes to=, not year=
      head + "[project by=employer]\nscope\n",                 // project is by sector or subsector
      head + "[quality year=2023 by=total]\nscope\n",          // quality is not by total
      head + "[quality by=sector]\nscope\n",                   // quality without year
  };
  for (const auto& text : bad) {
    EXPECT_FALSE(ParseCase(text).has_value()) << "accepted:\n" << text;
  }
}

}  // namespace
}  // namespace banenmonitor
