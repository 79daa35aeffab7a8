// The progress report: golden files for every format on the worked example and
// on a small generated delivery (HTML and Markdown byte for byte, the PDF as
// text from pdftotext, the workbook as values read back by Gnumeric's
// ssconvert), the figures against `banenmonitor count`, the disclosure audit
// on the report's own tables, and self-containment of the HTML.
//
// After an intended change of the report (or of the generator), rewrite the
// golden files with BANENMONITOR_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <regex>

#include "generate/generator.h"
#include "report/disclosure_audit.h"
#include "report/progress_report.h"
#include "report/realisation_format.h"
#include "report/report_render.h"
#include "test_util.h"

namespace banenmonitor::report {
namespace {

namespace fs = std::filesystem;
using banenmonitor::testing::CommandResult;
using banenmonitor::testing::ReadFile;
using banenmonitor::testing::RunCommand;
using banenmonitor::testing::TempDir;

using banenmonitor::testing::kExample;
const fs::path kGolden = fs::path(BANENMONITOR_TEST_DIR) / "report" / "golden";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

void ExpectGolden(const std::string& actual, const std::string& name) {
  banenmonitor::testing::ExpectGoldenFile(actual, kGolden / name);
}

// Runs `banenmonitor report` in the source tree (so that "tests/data/example"
// reads the same everywhere, also where pdftotext wraps it) and returns its
// result; the files are in `out`.
CommandResult Report(const std::string& args, const fs::path& out) {
  const fs::path root = fs::path(BANENMONITOR_TEST_DIR).parent_path();
  return RunCommand("cd " + root.string() + " && " + std::string(BANENMONITOR_BINARY) + " report " + args + " --out " +
                    out.string());
}

// The sheets of a workbook as CSV text, read by Gnumeric's ssconvert (a real
// spreadsheet program): sheet name -> rows of cells.
std::map<std::string, std::vector<std::vector<std::string>>> ReadWorkbook(const fs::path& xlsx, const fs::path& dir) {
  std::map<std::string, std::vector<std::vector<std::string>>> sheets;
  auto r = RunCommand("ssconvert --export-type=Gnumeric_stf:stf_csv -S " + xlsx.string() + " " + (dir / "sheet-%s.csv").string());
  EXPECT_EQ(r.exit_code, 0) << "ssconvert (Debian package gnumeric) failed: " << r.err;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("sheet-")) continue;
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(ReadFile(entry.path()));
    for (std::string line; std::getline(in, line);) {
      std::vector<std::string> cells;
      std::string cell;
      bool quoted = false;
      for (char c : line) {
        if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) { cells.push_back(cell); cell.clear(); }
        else cell += c;
      }
      cells.push_back(cell);
      rows.push_back(cells);
    }
    sheets[name.substr(6, name.size() - 10)] = rows;
  }
  return sheets;
}

// Count's CSV for a level: scope -> jobs (2 decimals, as the contract prints them).
std::map<std::string, std::string> CountJobsByScope(const fs::path& data, int year, const char* by) {
  auto r = RunCommand(std::string(BANENMONITOR_BINARY) + " count --data " + data.string() + " --year " +
                      std::to_string(year) + " --by " + by + " --format csv");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> jobs;
  if (std::string(by) == "subsector") jobs = CountJobsByScope(data, year, "sector");  // the totals
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    jobs[f[2]] = f[5];
  }
  return jobs;
}

// Checks the "Gerealiseerd <year>" column of a sheet against count, by row label.
void ExpectSheetMatchesCount(const std::vector<std::vector<std::string>>& sheet, const std::map<std::string, std::string>& count,
                             const std::map<std::string, std::string>& scope_of_label, int year, int* compared) {
  ASSERT_GE(sheet.size(), 2u);
  const auto& headers = sheet[1];
  auto col = std::find(headers.begin(), headers.end(), "Gerealiseerd " + std::to_string(year)) - headers.begin();
  ASSERT_LT(static_cast<std::size_t>(col), headers.size());
  for (std::size_t r = 2; r < sheet.size(); ++r) {
    auto it = scope_of_label.find(sheet[r][0]);
    if (it == scope_of_label.end() || static_cast<std::size_t>(col) >= sheet[r].size()) continue;
    const std::string& cell = sheet[r][col];
    if (cell == "x" || cell == "-" || cell == ".") continue;
    ASSERT_TRUE(count.contains(it->second)) << it->second;
    EXPECT_NEAR(std::stod(cell), std::stod(count.at(it->second)), 0.005) << sheet[r][0];
    ++*compared;
  }
}

TEST(ReportCommand, WorkedExampleGoldenInEveryFormat) {
  TempDir out;
  auto r = Report("--data tests/data/example --year 2023 --min-persons 1", out.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto normal = [&](const std::string& text) { return Replace(text, kExample.string(), "tests/data/example"); };
  ExpectGolden(normal(ReadFile(out.path() / "voortgang-banenafspraak-2023.html")), "example-2023.html");
  ExpectGolden(normal(ReadFile(out.path() / "voortgang-banenafspraak-2023.md")), "example-2023.md");
  // The PDF as a PDF reader shows it: poppler's pdftotext.
  auto pdf = RunCommand("pdftotext -layout " + (out.path() / "voortgang-banenafspraak-2023.pdf").string() + " -");
  ASSERT_EQ(pdf.exit_code, 0) << pdf.err;
  EXPECT_NE(pdf.out.find("Pagina 1 van"), std::string::npos) << "page numbers";
  ExpectGolden(normal(pdf.out), "example-2023.pdf.txt");
  // The workbook as a spreadsheet program reads it, against count.
  TempDir sheets;
  auto book = ReadWorkbook(out.path() / "voortgang-banenafspraak-2023.xlsx", sheets.path());
  for (const char* sheet : {"Kern", "Rijk", "Publieke sectoren", "Trends", "Wetswijziging", "Kwaliteit", "Herkomst",
                            "Bestanden", "Tekens"}) {
    EXPECT_TRUE(book.contains(sheet)) << sheet;
  }
  std::string values;
  for (const auto& [name, rows] : book) {
    values += "== " + name + "\n";
    for (const auto& row : rows) {
      for (std::size_t c = 0; c < row.size(); ++c) values += (c ? "|" : "") + row[c];
      values += "\n";
    }
  }
  ExpectGolden(normal(values), "example-2023.xlsx.txt");
  int compared = 0;
  ExpectSheetMatchesCount(book["Publieke sectoren"], CountJobsByScope(kExample, 2023, "subsector"),
                          {{"Rijk", "subsector:rijk"}, {"Gemeenten", "subsector:gemeenten"}, {"Totaal publieke sectoren", "government"}},
                          2023, &compared);
  ExpectSheetMatchesCount(book["Rijk"], CountJobsByScope(kExample, 2023, "organisation"), {{"BZK", "organisation:BZK"}},
                          2023, &compared);
  EXPECT_EQ(compared, 4);
}

TEST(ReportCommand, WorkedExampleIsSecretWithTenPersons) {
  // Every figure of the worked example is about fewer than 10 persons.
  TempDir out;
  auto r = Report("--data tests/data/example --year 2023 --format md", out.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectGolden(Replace(ReadFile(out.path() / "voortgang-banenafspraak-2023.md"), kExample.string(), "tests/data/example"),
               "example-2023-min10.md");
}

TEST(ReportCommand, BadFormatAndMissingYearAreUsageErrors) {
  TempDir out;
  auto r = Report("--data tests/data/example --year 2023 --format html,doc", out.path());
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("--format doc"), std::string::npos) << r.err;
  auto q = Report("--data tests/data/example --year 2019", out.path());
  EXPECT_EQ(q.exit_code, 2) << q.err;
  EXPECT_NE(q.err.find("October-December 2019"), std::string::npos) << q.err;
}

// A small synthetic Netherlands, made once for the tests below.
const fs::path& GeneratedDelivery() {
  static TempDir dir;
  static bool made = [] {
    generate::GenerateOptions o;
    o.out = dir.path() / "levering";
    o.scale = 0.01;
    o.seed = 7;
    o.from_year = 2020;
    o.to_year = 2024;
    auto s = generate::GenerateDelivery(o);
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message());
    return s.has_value();
  }();
  EXPECT_TRUE(made);
  static const fs::path path = dir.path() / "levering";
  return path;
}

ProgressReport BuildGenerated(long long min_persons) {
  auto d = LoadDelivery(GeneratedDelivery(), LoadOptions{});
  EXPECT_TRUE(d.has_value());
  ProgressReportRequest request;
  request.year = 2024;
  request.first_year = 2021;
  request.min_persons = min_persons;
  request.source = "levering";
  auto report = BuildProgressReport(std::move(*d), request, ParameterSet::Embedded());
  EXPECT_TRUE(report.has_value()) << (report ? "" : report.error().message());
  return report ? std::move(*report) : ProgressReport{};
}

TEST(ReportCommand, GeneratedDeliveryGoldenAndEqualToCount) {
  TempDir out;
  const fs::path data = GeneratedDelivery();
  auto r = Report("--data " + data.string() + " --year 2024 --from 2021 --format html,md,xlsx", out.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto normal = [&](const std::string& text) { return Replace(text, data.string(), "levering"); };
  ExpectGolden(normal(ReadFile(out.path() / "voortgang-banenafspraak-2024.md")), "generated-2024.md");
  ExpectGolden(normal(ReadFile(out.path() / "voortgang-banenafspraak-2024.html")), "generated-2024.html");
  TempDir sheets;
  auto book = ReadWorkbook(out.path() / "voortgang-banenafspraak-2024.xlsx", sheets.path());
  const auto count = CountJobsByScope(data, 2024, "subsector");
  std::map<std::string, std::string> labels{{"Totaal publieke sectoren", "government"}};
  for (const auto& [scope, jobs] : count) labels[ScopeLabel(scope)] = scope;
  int compared = 0;
  ExpectSheetMatchesCount(book["Publieke sectoren"], count, labels, 2024, &compared);
  const auto ministries = CountJobsByScope(data, 2024, "organisation");
  std::map<std::string, std::string> ministry_labels;
  for (const auto& [scope, jobs] : ministries) ministry_labels[ScopeLabel(scope)] = scope;
  ministry_labels.erase("BZK");  // the report shows BZK without Binnenwerk
  ExpectSheetMatchesCount(book["Rijk"], ministries, ministry_labels, 2024, &compared);
  EXPECT_GE(compared, 5);
}

TEST(ProgressReport, DisclosureAuditOnTheReportsTables) {
  // The report's own disclosure table (Rijk and public-sector annexes, trends,
  // this year, last year and the change): nothing secret can be recovered.
  std::size_t secondary = 0;
  for (long long min_persons : {3LL, 10LL, 150LL}) {
    ProgressReport report = BuildGenerated(min_persons);
    const auto& t = report.disclosure;
    EXPECT_TRUE(testing::AuditPrimary(t, report.protection, min_persons).empty()) << min_persons;
    auto leaks = testing::AuditRecoverable(t, report.protection);
    EXPECT_TRUE(leaks.empty()) << min_persons << ": " << (leaks.empty() ? "" : leaks.front());
    EXPECT_GT(report.protection.primary, 0u) << "the audit should see secret cells at " << min_persons;
    secondary += report.protection.secondary;
    // Every table cell built on a secret cell shows x.
    const std::string html = RenderHtml(report);
    std::size_t shown_x = 0;
    for (std::size_t at = html.find("title=\"geheim\">x<"); at != std::string::npos; at = html.find("title=\"geheim\">x<", at + 1)) ++shown_x;
    EXPECT_GE(shown_x, report.protection.primary) << min_persons;
  }
  EXPECT_GT(secondary, 0u) << "the report's tables should need secondary suppression at some threshold";
}

TEST(ProgressReport, SameInputSameBytes) {
  ProgressReport a = BuildGenerated(10), b = BuildGenerated(10);
  EXPECT_EQ(RenderHtml(a), RenderHtml(b));
  EXPECT_EQ(RenderMarkdown(a), RenderMarkdown(b));
  TempDir dir;
  ASSERT_TRUE(WriteXlsx(a, dir.path() / "a.xlsx").ok());
  ASSERT_TRUE(WriteXlsx(b, dir.path() / "b.xlsx").ok());
  EXPECT_EQ(ReadFile(dir.path() / "a.xlsx"), ReadFile(dir.path() / "b.xlsx"));
}

TEST(ProgressReport, HtmlIsSelfContainedAndAccessible) {
  const std::string html = RenderHtml(BuildGenerated(10));
  std::smatch m;
  EXPECT_FALSE(std::regex_search(html, m, std::regex(R"((src|href)\s*=\s*["']?\s*(https?:|//))", std::regex::icase)))
      << m.str();
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"nl\">"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"col\">"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">"), std::string::npos);
  // Every chart has a title and a description.
  std::size_t svgs = 0, titles = 0, descs = 0;
  for (std::size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) ++svgs;
  for (std::size_t at = html.find("<title id="); at != std::string::npos; at = html.find("<title id=", at + 1)) ++titles;
  for (std::size_t at = html.find("<desc id="); at != std::string::npos; at = html.find("<desc id=", at + 1)) ++descs;
  EXPECT_GT(svgs, 2u);
  EXPECT_EQ(titles, svgs);
  EXPECT_EQ(descs, svgs);
}

TEST(ProgressReport, KernSaysWhatTheFiguresSay) {
  auto d = LoadDelivery(kExample, LoadOptions{});
  ASSERT_TRUE(d.has_value());
  ProgressReportRequest request;
  request.year = 2023;
  request.min_persons = 1;
  auto report = BuildProgressReport(std::move(*d), request, ParameterSet::Embedded());
  ASSERT_TRUE(report.has_value()) << report.error().message();
  ASSERT_FALSE(report->sections.empty());
  const auto& kern = report->sections.front();
  EXPECT_EQ(kern.id, "kern");
  std::string text;
  for (const auto& p : kern.paragraphs) text += p + "\n";
  // counting.md §5: the Rijk has 0.44 jobs against a target of 1 (43,6 %); 2022 is not in the delivery.
  EXPECT_NE(text.find("Het realisatiepercentage van het Rijk is eind 2023 43,6 %."), std::string::npos) << text;
}

}  // namespace
}  // namespace banenmonitor::report
