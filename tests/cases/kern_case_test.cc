// Runs the text cases of the Kern's prose, tests/cases/brief/*.kern (format:
// tests/cases/brief/README.md): the figures of a year, already through
// disclosure control, and the Dutch paragraphs the letter and the memo must
// write from them, to the byte. One named test per file; a file that cannot be
// parsed fails its test.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "report/kern_prose.h"
#include "test_util.h"

namespace banenmonitor::report {
namespace {

namespace fs = std::filesystem;

const fs::path kKernDir = fs::path(BANENMONITOR_TEST_DIR) / "cases" / "brief";

struct KernCase {
  std::string description;
  KernFacts facts;
  std::string expected;
};

// "12,5" or "12.5" -> a figure; "" missing; "x" secret.
ReportCell KernCell(const std::string& text, bool percent) {
  ReportCell c;
  c.is_number = true;
  c.percent = percent;
  if (text == "x") {
    c.value = 0;
    c.secret = true;
  } else if (!text.empty()) {
    std::string t = text;
    std::replace(t.begin(), t.end(), ',', '.');
    c.value = std::stod(t);
  }
  return c;
}

std::string ParseKernCase(const std::string& text, KernCase& out) {
  std::istringstream in(text);
  std::string line, section;
  int line_no = 0;
  bool header_seen = false, have_figures = false, have_kern = false;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const std::string where = "line " + std::to_string(line_no) + ": ";
    if (section.empty() && line[0] == '#') {
      out.description += line.substr(1) + "\n";
      continue;
    }
    if (line[0] == '[') {
      std::istringstream words(line.substr(1, line.size() - 2));
      words >> section;
      if (section == "figures") {
        have_figures = true;
        for (std::string w; words >> w;) {
          if (w.starts_with("year=")) out.facts.year = std::stoi(w.substr(5));
          else if (w.starts_with("min-persons=")) out.facts.min_persons = std::stoll(w.substr(12));
          else return where + "unknown attribute '" + w + "' (expected year=, min-persons=)";
        }
        if (out.facts.year == 0) return where + "[figures] needs year=";
      } else if (section == "kern") {
        have_kern = true;
      } else if (section != "law") {
        return where + "unknown section [" + section + "] (expected figures, law, kern)";
      }
      continue;
    }
    if (section == "law") {
      out.facts.law = line;
    } else if (section == "kern") {
      out.expected += line + "\n";
    } else if (section == "figures") {
      if (!header_seen) {
        if (line != "scope,year,jobs,target,realisation_pct") return where + "the header must be scope,year,jobs,target,realisation_pct";
        header_seen = true;
        continue;
      }
      std::vector<std::string> f;
      std::stringstream fields(line);
      for (std::string x; std::getline(fields, x, ';');) f.push_back(x);
      if (f.size() == 1) {
        f.clear();
        std::stringstream again(line);
        for (std::string x; std::getline(again, x, ',');) f.push_back(x);
      }
      while (f.size() < 5) f.emplace_back();
      if (f.size() != 5) return where + "a row has 5 fields";
      const int year = std::stoi(f[1]);
      KernScope* s = nullptr;
      if (f[0] == "government") {
        s = &out.facts.government;
      } else {
        for (auto& x : out.facts.sectors) {
          if (x.scope == f[0]) s = &x;
        }
        if (s == nullptr) s = &out.facts.sectors.emplace_back();
      }
      s->scope = f[0];
      s->jobs[year] = KernCell(f[2], false);
      s->target[year] = KernCell(f[3], false);
      s->pct[year] = KernCell(f[4], true);
    } else {
      return where + "text outside a section";
    }
  }
  if (out.description.empty()) return "the case has no '#' description";
  if (!have_figures || !have_kern) return "the case needs [figures] and [kern]";
  return "";
}

std::vector<fs::path> KernFiles() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kKernDir)) {
    if (e.path().extension() == ".kern") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class KernCaseFile : public ::testing::TestWithParam<fs::path> {};

TEST_P(KernCaseFile, WritesTheExpectedDutch) {
  KernCase c;
  const std::string error = ParseKernCase(banenmonitor::testing::ReadFile(GetParam()), c);
  ASSERT_EQ(error, "") << GetParam() << ": cannot parse the case (format: tests/cases/brief/README.md)";
  SCOPED_TRACE(GetParam().string() + ": what the case checks:\n" + c.description);
  std::string actual;
  for (const auto& p : KernParagraphs(c.facts)) actual += p + "\n";
  // The cases write the non-breaking space before '%' as a plain one; the program writes U+00A0.
  std::string readable = actual;
  for (std::size_t at = readable.find("\u00a0"); at != std::string::npos; at = readable.find("\u00a0", at)) readable.replace(at, 2, " ");
  EXPECT_EQ(readable, c.expected);
  EXPECT_EQ(actual.find(" %"), std::string::npos) << "a '%' after a plain space: " << actual;
}

INSTANTIATE_TEST_SUITE_P(Kern, KernCaseFile, ::testing::ValuesIn(KernFiles()), [](const auto& info) {
  std::string name = info.param.stem().string();
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
});

TEST(KernCases, AtLeastThree) { EXPECT_GE(KernFiles().size(), 3u); }

}  // namespace
}  // namespace banenmonitor::report
