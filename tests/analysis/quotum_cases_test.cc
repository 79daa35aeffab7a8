// Runs the text cases of tests/analysis/quotum_cases/*.case: the quotum rules
// (quotum-and-scenarios.md §1) worked out by hand, one GoogleTest test per file.
//
// The format is that of tests/cases/README.md, with two additions:
//   - a data section [employer_hours] (employer_hours.csv);
//   - a section [quotum year=Y by=employer|subsector|sector quotum-pct=SECTOR=PCT ...]
//     whose lines are the expected output of
//     `banenmonitor quotum --year Y --by ... --format csv [--quotum-pct ...]`.
// A [count year=Y window=W by=L] section compares with the count's CSV
// contract, so a case can show one person counting for the quotum and not for
// the banenafspraak. The delivery must load without errors. Each section loads
// the months the command would (quotum: Y - 1 and Y; count: the window).
// See tests/analysis/quotum_cases/README.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"
#include "banenmonitor/quotum.h"
#include "report/quotum_format.h"
#include "report/realisation_format.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

namespace fs = std::filesystem;

const fs::path kCaseDir = fs::path(BANENMONITOR_TEST_DIR) / "analysis" / "quotum_cases";

struct Expectation {
  int line = 0;
  std::string header;
  bool quotum = true;  // else a count
  int year = 0;
  QuotumLevel quotum_level = QuotumLevel::kEmployer;
  std::vector<QuotumPctOverride> overrides;
  Window window = Window::kQ4;
  ScopeLevel count_level = ScopeLevel::kSector;
  std::string expected;
};

struct QuotumCase {
  std::string description;
  std::vector<std::pair<std::string, std::string>> files;  // name, content
  std::vector<Expectation> expectations;
};

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::istringstream in{std::string(s)};
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

// Parses the case; on failure returns the message with the line.
std::optional<std::string> Parse(const std::string& text, QuotumCase& c) {
  const std::vector<std::string> data_sections = {"employers", "register", "payroll", "hire_in", "targets",
                                                  "employer_hours"};
  std::istringstream in(text);
  std::string raw;
  int line_no = 0;
  std::string* content = nullptr;
  bool in_description = true;
  while (std::getline(in, raw)) {
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    std::string_view line = TrimView(raw);
    if (in_description) {
      if (line.empty()) continue;
      if (line.front() == '#') {
        c.description += std::string(line) + "\n";
        continue;
      }
      in_description = false;
    }
    if (line.empty()) continue;
    if (line.front() == '[') {
      if (line.back() != ']') return "line " + std::to_string(line_no) + ": a section line must end in ']'";
      auto words = Words(line.substr(1, line.size() - 2));
      if (words.empty()) return "line " + std::to_string(line_no) + ": empty section";
      if (std::find(data_sections.begin(), data_sections.end(), words[0]) != data_sections.end()) {
        if (words.size() != 1) return "line " + std::to_string(line_no) + ": a data section takes no options";
        c.files.emplace_back(words[0] + ".csv", "");
        content = &c.files.back().second;
        continue;
      }
      Expectation e;
      e.line = line_no;
      e.header = std::string(line);
      if (words[0] == "quotum") {
        e.quotum = true;
      } else if (words[0] == "count") {
        e.quotum = false;
      } else {
        return "line " + std::to_string(line_no) + ": unknown section [" + words[0] + "]";
      }
      bool has_by = false;
      for (std::size_t i = 1; i < words.size(); ++i) {
        auto eq = words[i].find('=');
        if (eq == std::string::npos) return "line " + std::to_string(line_no) + ": expected key=value, got " + words[i];
        std::string key = words[i].substr(0, eq), value = words[i].substr(eq + 1);
        if (key == "year") {
          e.year = std::stoi(value);
        } else if (key == "by" && e.quotum) {
          auto l = ParseQuotumLevel(value);
          if (!l) return "line " + std::to_string(line_no) + ": by= must be employer, subsector or sector";
          e.quotum_level = *l;
          has_by = true;
        } else if (key == "by") {
          auto l = ParseScopeLevel(value);
          if (!l) return "line " + std::to_string(line_no) + ": bad by=";
          e.count_level = *l;
          has_by = true;
        } else if (key == "quotum-pct" && e.quotum) {
          auto o = ParseQuotumPctOverride(value);
          if (!o) return "line " + std::to_string(line_no) + ": " + o.error().message();
          e.overrides.push_back(*o);
        } else if (key == "window" && !e.quotum) {
          auto w = ParseWindow(value);
          if (!w) return "line " + std::to_string(line_no) + ": bad window=";
          e.window = *w;
        } else {
          return "line " + std::to_string(line_no) + ": unknown option " + key;
        }
      }
      if (e.year == 0 || !has_by) return "line " + std::to_string(line_no) + ": year= and by= are required";
      c.expectations.push_back(std::move(e));
      content = &c.expectations.back().expected;
      continue;
    }
    if (content == nullptr) return "line " + std::to_string(line_no) + ": text outside a section";
    *content += std::string(line) + "\n";
  }
  if (c.description.empty()) return std::string("the case has no description (lines starting with #)");
  if (c.expectations.empty()) return std::string("the case has no [quotum ...] or [count ...] section");
  return std::nullopt;
}

// "- expected" / "+ actual" lines for a failure message.
std::string Diff(const std::string& expected, const std::string& actual) {
  return "expected:\n" + expected + "actual:\n" + actual;
}

void RunCase(const fs::path& path) {
  QuotumCase c;
  auto problem = Parse(testing::ReadFile(path), c);
  ASSERT_FALSE(problem) << path.filename().string() << ": " << *problem;
  testing::TempDir dir;
  for (const auto& [name, content] : c.files) dir.Write(name, content);
  for (const auto& e : c.expectations) {
    SCOPED_TRACE(path.filename().string() + ":" + std::to_string(e.line) + " " + e.header);
    LoadOptions load;
    if (e.quotum) {
      load.first_month = MakeMonth(e.year - 1, 1);
      load.last_month = MakeMonth(e.year, 12);
    } else {
      load.first_month = MakeMonth(e.year, FirstMonthOf(e.window));
      load.last_month = load.first_month + MonthsIn(e.window) - 1;
    }
    auto d = LoadDelivery(dir.path(), load);
    ASSERT_TRUE(d.has_value());
    for (const auto& f : d->findings) {
      if (f.severity == Finding::Severity::kError) ADD_FAILURE() << f.ToString();
    }
    std::string actual;
    if (e.quotum) {
      auto params = QuotumParams::ForYear(ParameterSet::Embedded(), e.year, e.overrides);
      ASSERT_TRUE(params.has_value()) << params.error().message();
      actual = report::QuotumCsv(ComputeQuotum(*d, *params), e.quotum_level);
    } else {
      auto params = CountingParams::ForYear(ParameterSet::Embedded(), e.year);
      ASSERT_TRUE(params.has_value());
      auto t = CountJobs(*d, CountRequest{e.year, e.window}, *params);
      ASSERT_TRUE(t.has_value());
      actual = report::RealisationCsv(*t, e.count_level);
    }
    EXPECT_EQ(e.expected, actual) << Diff(e.expected, actual);
  }
}

std::vector<fs::path> CaseFiles() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(kCaseDir)) {
    if (entry.path().extension() == ".case") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class QuotumCases : public ::testing::TestWithParam<fs::path> {};

TEST_P(QuotumCases, MatchesHandComputation) { RunCase(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Quotum, QuotumCases, ::testing::ValuesIn(CaseFiles()),
                         [](const ::testing::TestParamInfo<fs::path>& info) {
                           std::string name = info.param.stem().string();
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(QuotumCaseFiles, AtLeastTenCases) { EXPECT_GE(CaseFiles().size(), 10u); }

}  // namespace
}  // namespace banenmonitor
