// Runs the text cases of tests/analysis/analysis_cases/*.case: projection and
// job quality worked out by hand, one GoogleTest test per file.
//
// The format is that of tests/cases/README.md (a '#' description, then data
// sections [employers], [register], [payroll], [hire_in], [targets]), with
// these expectation sections, each followed by the expected CSV:
//   [project to=2026 by=sector|subsector]   `banenmonitor project --format csv`
//   [quality year=Y by=sector|subsector|organisation|employer]
//                                           `banenmonitor quality --format csv`
//   [count year=Y window=W by=L]            `banenmonitor count --format csv`
// Each section loads the months the command would. The delivery must load
// without errors. See tests/analysis/analysis_cases/README.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/job_quality.h"
#include "banenmonitor/params.h"
#include "banenmonitor/projection.h"
#include "report/job_quality_format.h"
#include "report/projection_format.h"
#include "report/realisation_format.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

namespace fs = std::filesystem;

const fs::path kCaseDir = fs::path(BANENMONITOR_TEST_DIR) / "analysis" / "analysis_cases";

enum class Kind { kProject, kQuality, kCount };

struct Expectation {
  int line = 0;
  std::string header;
  Kind kind = Kind::kCount;
  int year = 0;    // quality, count
  int to = 2026;   // project
  Window window = Window::kQ4;
  ScopeLevel level = ScopeLevel::kSector;
  std::string expected;
};

struct AnalysisCase {
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
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::optional<int> Int(const std::string& s) {
  if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoi(s);
}

// Parses the case; on failure returns the problem with its line.
std::optional<std::string> Parse(const std::string& text, AnalysisCase& c) {
  const std::vector<std::string> data_sections = {"employers", "register", "payroll", "hire_in", "targets"};
  std::istringstream in(text);
  std::string raw;
  int line_no = 0;
  std::string* content = nullptr;
  bool in_description = true;
  auto at = [&](const std::string& message) { return "line " + std::to_string(line_no) + ": " + message; };
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
      if (line.back() != ']') return at("a section line must end in ']'");
      auto words = Words(line.substr(1, line.size() - 2));
      if (words.empty()) return at("empty section");
      if (std::find(data_sections.begin(), data_sections.end(), words[0]) != data_sections.end()) {
        if (words.size() != 1) return at("a data section takes no options");
        c.files.emplace_back(words[0] + ".csv", "");
        content = &c.files.back().second;
        continue;
      }
      Expectation e;
      e.line = line_no;
      e.header = std::string(line);
      if (words[0] == "project") {
        e.kind = Kind::kProject;
      } else if (words[0] == "quality") {
        e.kind = Kind::kQuality;
      } else if (words[0] == "count") {
        e.kind = Kind::kCount;
      } else {
        return at("unknown section [" + words[0] + "] (expected a data section, project, quality or count)");
      }
      bool has_by = false;
      for (std::size_t i = 1; i < words.size(); ++i) {
        auto eq = words[i].find('=');
        if (eq == std::string::npos) return at("expected key=value, got " + words[i]);
        std::string key = words[i].substr(0, eq), value = words[i].substr(eq + 1);
        if (key == "year" && e.kind != Kind::kProject) {
          auto y = Int(value);
          if (!y) return at("year= is not a year");
          e.year = *y;
        } else if (key == "to" && e.kind == Kind::kProject) {
          auto y = Int(value);
          if (!y) return at("to= is not a year");
          e.to = *y;
        } else if (key == "window" && e.kind == Kind::kCount) {
          auto w = ParseWindow(value);
          if (!w) return at("bad window=");
          e.window = *w;
        } else if (key == "by") {
          auto l = ParseScopeLevel(value);
          if (!l || *l == ScopeLevel::kTotal) return at("bad by=");
          e.level = *l;
          has_by = true;
        } else {
          return at("unknown option " + key);
        }
      }
      if (!has_by) return at("by= is required");
      if (e.kind != Kind::kProject && e.year == 0) return at("year= is required");
      c.expectations.push_back(std::move(e));
      content = &c.expectations.back().expected;
      continue;
    }
    if (content == nullptr) return at("text outside a section");
    *content += std::string(line) + "\n";
  }
  if (c.description.empty()) return std::string("the case has no description (lines starting with #)");
  if (c.expectations.empty()) return std::string("the case has no [project ...], [quality ...] or [count ...] section");
  return std::nullopt;
}

void RunCase(const fs::path& path) {
  AnalysisCase c;
  auto problem = Parse(testing::ReadFile(path), c);
  ASSERT_FALSE(problem) << path.filename().string() << ": " << *problem;
  testing::TempDir dir;
  for (const auto& [name, content] : c.files) dir.Write(name, content);
  for (const auto& e : c.expectations) {
    SCOPED_TRACE(path.filename().string() + ":" + std::to_string(e.line) + " " + e.header);
    LoadOptions load;  // project: every month
    if (e.kind == Kind::kQuality) {
      load.first_month = QualityFirstMonth(e.year);
      load.last_month = QualityLastMonth(e.year);
    } else if (e.kind == Kind::kCount) {
      load.first_month = MakeMonth(e.year, FirstMonthOf(e.window));
      load.last_month = load.first_month + MonthsIn(e.window) - 1;
    }
    auto d = LoadDelivery(dir.path(), load);
    ASSERT_TRUE(d.has_value());
    for (const auto& f : d->findings) {
      if (f.severity == Finding::Severity::kError) ADD_FAILURE() << f.ToString();
    }
    std::string actual;
    if (e.kind == Kind::kProject) {
      ProjectionRequest request;
      request.to_year = e.to;
      request.level = e.level;
      auto t = Project(*d, ParameterSet::Embedded(), request);
      ASSERT_TRUE(t.has_value()) << t.error().message();
      actual = report::ProjectionCsv(*t);
    } else if (e.kind == Kind::kQuality) {
      auto t = JobQuality(*d, QualityRequest{e.year, e.level}, ParameterSet::Embedded());
      ASSERT_TRUE(t.has_value()) << t.error().message();
      actual = report::QualityCsv(*t);
    } else {
      auto params = CountingParams::ForYear(ParameterSet::Embedded(), e.year);
      ASSERT_TRUE(params.has_value());
      auto t = CountJobs(*d, CountRequest{e.year, e.window}, *params);
      ASSERT_TRUE(t.has_value());
      actual = report::RealisationCsv(*t, e.level);
    }
    EXPECT_EQ(e.expected, actual) << "expected (the case):\n" << e.expected << "actual (the engine):\n" << actual;
  }
}

std::vector<fs::path> CaseFiles() {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kCaseDir, ec)) {
    if (entry.path().extension() == ".case") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class AnalysisCases : public ::testing::TestWithParam<fs::path> {};

TEST_P(AnalysisCases, MatchesHandComputation) { RunCase(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Analysis, AnalysisCases, ::testing::ValuesIn(CaseFiles()),
                         [](const ::testing::TestParamInfo<fs::path>& info) {
                           std::string name = info.param.stem().string();
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(AnalysisCaseFiles, AtLeastThreeCases) { EXPECT_GE(CaseFiles().size(), 3u); }

}  // namespace
}  // namespace banenmonitor
