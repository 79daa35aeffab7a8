// Deliveries as a spreadsheet saves them (issue 15 items 5 and 6): a Dutch
// Excel's CSV (';' and decimal comma), a byte order mark, Windows-1252, files
// in two forms, and incomplete deliveries — each read, or named in one
// message, never counted in silence.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/lang.h"
#include "data/fields.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::kExample;

// `text` with ';' for ',' (outside quotes) and a decimal comma in numbers: what a Dutch Excel writes.
std::string AsDutchExcel(const std::string& text) {
  std::string out;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') quoted = !quoted;
    bool between_digits = i > 0 && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                          std::isdigit(static_cast<unsigned char>(text[i + 1]));
    if (!quoted && c == ',') c = ';';
    else if (!quoted && c == '.' && between_digits) c = ',';
    out += c;
  }
  return out;
}

std::vector<std::string> KindsOf(const Delivery& d, Finding::Severity severity) {
  std::vector<std::string> out;
  for (const auto& f : d.findings) {
    if (f.severity == severity) out.push_back(f.file + ":" + std::to_string(f.line) + " " + f.kind);
  }
  return out;
}

// The text of the first finding of `kind`, or "(none)".
std::string TextOf(const Delivery& d, std::string_view kind) {
  auto f = std::find_if(d.findings.begin(), d.findings.end(), [&](const Finding& x) { return x.kind == kind; });
  return f == d.findings.end() ? "(none)" : f->ToString();
}

class DeliveryForm : public ::testing::Test {
 protected:
  void SetUp() override { testing::CopyExampleDelivery(dir_); }
  Delivery Load() { return testing::LoadOrEmpty(dir_.path()); }
  void Replace(const std::string& file, const std::string& from, const std::string& to) {
    std::string text = ReadFile(dir_.path() / file);
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    dir_.Write(file, text.replace(at, from.size(), to));
  }
  testing::TempDir dir_;
};

TEST(DecimalMark, OneParserForBothForms) {
  using data::ParseDecimal;
  using data::ParseMicroHours;
  EXPECT_EQ(ParseMicroHours("12,5", ','), 12'500'000);
  EXPECT_EQ(ParseMicroHours(",25", ','), 250'000);
  EXPECT_EQ(ParseMicroHours("1.234,5", ','), Hours{1'234'500'000});
  EXPECT_EQ(ParseMicroHours("12.345.678", ','), Hours{12'345'678} * kMicroPerHour);
  EXPECT_EQ(ParseMicroHours("12.5", ','), std::nullopt);   // a '.' only groups thousands there
  EXPECT_EQ(ParseMicroHours("1.23", ','), std::nullopt);
  EXPECT_EQ(ParseMicroHours("0.123", ','), std::nullopt);  // no Dutch number starts a group with 0
  EXPECT_EQ(ParseMicroHours("1.2345", ','), std::nullopt);
  EXPECT_EQ(ParseMicroHours("12,5"), std::nullopt);        // the point form is unchanged
  EXPECT_EQ(ParseMicroHours("1.234"), 1'234'000);
  EXPECT_EQ(ParseDecimal("-1.000,25", ','), -1000.25);
  EXPECT_EQ(ParseDecimal("0,5", ','), 0.5);
  EXPECT_EQ(ParseDecimal("0,5"), std::nullopt);
}

// The worked example saved by a Dutch Excel (with its byte order mark) counts as the original.
TEST_F(DeliveryForm, ADutchExcelCsvCountsAsItsCommaTwin) {
  const std::string expected = testing::CountCsv(dir_.path(), 2023, Window::kQ4, ScopeLevel::kSubsector);
  for (const char* f : {"employers.csv", "register.csv", "payroll.csv", "hire_in.csv", "targets.csv"}) {
    dir_.Write(f, "\xEF\xBB\xBF" + AsDutchExcel(ReadFile(kExample / f)));
  }
  Replace("payroll.csv", "2023-10;100;permanent", "2023-10;99,75;permanent");
  Replace("payroll.csv", "2023-11;100;permanent", "2023-11;100,25;permanent");
  EXPECT_EQ(testing::CountCsv(dir_.path(), 2023, Window::kQ4, ScopeLevel::kSubsector), expected);
  Delivery d = Load();
  EXPECT_EQ(KindsOf(d, Finding::Severity::kWarning),
            (std::vector<std::string>{"employers.csv:0 dutch-csv", "register.csv:0 dutch-csv", "targets.csv:0 dutch-csv",
                                      "payroll.csv:0 dutch-csv", "hire_in.csv:0 dutch-csv"}));
  EXPECT_EQ(d.findings[0].ToString(),
            "employers.csv: warning: semicolon as separator and comma as decimal mark recognised (Excel, Dutch)");
}

TEST_F(DeliveryForm, TheDutchNoticeInDutch) {
  dir_.Write("targets.csv", AsDutchExcel(ReadFile(kExample / "targets.csv")));
  SetMessageLanguage(Language::kDutch);
  Delivery d = Load();
  std::string text = d.findings.size() == 1 ? d.findings[0].ToString() : "";
  SetMessageLanguage(Language::kEnglish);
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(text,
            "targets.csv: waarschuwing: puntkomma als scheidingsteken en komma als decimaalteken herkend (Excel, "
            "Nederlands)");
}

// Today's cascade (an unknown column, a missing column per file) becomes one message naming the form.
TEST_F(DeliveryForm, APointDecimalInADutchFileRefusesTheFileWithOneMessage) {
  dir_.Write("payroll.csv", AsDutchExcel(ReadFile(kExample / "payroll.csv")) +
                                "999900018;100000001L01;2023-12;12.5;vast;0\n"  // nothing more said of it
                                "999900018;100000001L01;2023-12;7.5;permanent;0\n");
  Delivery d = Load();
  EXPECT_EQ(KindsOf(d, Finding::Severity::kError), (std::vector<std::string>{"payroll.csv:14 mixed-csv-form"}));
  EXPECT_TRUE(d.has_file_errors());
  EXPECT_EQ(TextOf(d, "mixed-csv-form"),
            "payroll.csv:14:4: hours: '12.5' has a point as decimal mark, but the file is separated by ';' with a comma "
            "as decimal mark (Excel, Dutch): the file mixes two forms and is not read. Save the file in Excel as 'CSV "
            "UTF-8 (comma delimited)'");
}

TEST_F(DeliveryForm, ADecimalCommaInACommaFileRefusesTheFileWithOneMessage) {
  Replace("payroll.csv", "2023-10,100,permanent", "2023-10,\"99,5\",permanent");
  Replace("payroll.csv", "2023-11,100,permanent", "2023-11,\"100,5\",permanent");
  Delivery d = Load();
  EXPECT_EQ(KindsOf(d, Finding::Severity::kError), (std::vector<std::string>{"payroll.csv:2 mixed-csv-form"}));
  EXPECT_TRUE(d.has_file_errors());
}

TEST_F(DeliveryForm, RowsInTheOtherSeparatorRefuseTheFileWithOneMessage) {
  dir_.Write("payroll.csv", ReadFile(kExample / "payroll.csv") +
                                "999900018;100000001L01;2023-12;12,5;permanent;0\n"
                                "999900018;100000001L01;2023-12;10;permanent;0\n");
  Delivery d = Load();
  EXPECT_EQ(KindsOf(d, Finding::Severity::kError), (std::vector<std::string>{"payroll.csv:14 mixed-csv-form"}));
  EXPECT_EQ(TextOf(d, "mixed-csv-form"),
            "payroll.csv:14: this row is separated by ';' and the header by ',': the file mixes two CSV forms and is not "
            "read. Save the file in Excel as 'CSV UTF-8 (comma delimited)'");
}

TEST_F(DeliveryForm, AHeaderInBothSeparatorsIsOneMessage) {
  dir_.Write("register.csv", "person_id;ground;start_date,end_date\n999900018;wajong;2015-01-01,\n");
  Delivery d = Load();
  EXPECT_EQ(KindsOf(d, Finding::Severity::kError), (std::vector<std::string>{"register.csv:1 mixed-csv-form"}));
  EXPECT_EQ(KindsOf(d, Finding::Severity::kWarning), std::vector<std::string>{});
}

// Windows-1252 (Excel's "CSV (gescheiden door lijstscheidingsteken)" on older versions): one word for the file.
TEST_F(DeliveryForm, AWindows1252FileIsNamedOnceWithWhatToDo) {
  Replace("employers.csv", "Bakkerij Markt BV", "Bakkerij Caf\xE9 BV");
  Replace("employers.csv", "Ministerie BZK", "Minist\xE8rie BZK");
  Delivery d = Load();
  auto notices = std::count_if(d.findings.begin(), d.findings.end(), [](const Finding& f) { return f.kind == "not-utf8"; });
  EXPECT_EQ(notices, 1);
  EXPECT_EQ(TextOf(d, "not-utf8"), "employers.csv: warning: the file is not saved in UTF-8 (but, for example, in "
                                   "Windows-1252): save it in Excel as 'CSV UTF-8 (comma delimited)'");
}

TEST_F(DeliveryForm, APayrollWithAHeaderAndNoRowsIsAWarning) {
  dir_.Write("payroll.csv", "person_id,employer_id,period,hours,contract,wsw\n");
  Delivery d = Load();
  EXPECT_EQ(KindsOf(d, Finding::Severity::kError), std::vector<std::string>{});
  EXPECT_EQ(d.warning_counts["no-rows"], 1);
  EXPECT_EQ(TextOf(d, "no-rows"),
            "payroll.csv: warning: the file has a header but no rows, so nothing of it counts (expected one row per "
            "line below the header: was the export of this file cut short?)");
}

TEST_F(DeliveryForm, AnOptionalFileWithAHeaderOnlyIsFine) {
  dir_.Write("hire_in.csv", "person_id,lender_id,hirer_id,period,hours\n");
  Delivery d = Load();
  EXPECT_EQ(d.findings.size(), 0u) << d.findings[0].ToString();
}

TEST_F(DeliveryForm, ARequiredFileOfOnlyBlanksOrAByteOrderMarkIsEmpty) {
  for (const std::string& content : {std::string(), std::string("\xEF\xBB\xBF"), std::string("  \n\t\n\r\n"),
                                     std::string("\xEF\xBB\xBF ,, \n;;\n")}) {
    dir_.Write("register.csv", content);
    Delivery d = Load();
    EXPECT_EQ(KindsOf(d, Finding::Severity::kError), (std::vector<std::string>{"register.csv:0 empty-file"}))
        << "content of " << content.size() << " bytes";
    EXPECT_EQ(KindsOf(d, Finding::Severity::kWarning), std::vector<std::string>{});
  }
}

// Excel saves the empty rows of a sheet's range as rows of separators: no data, one warning, no cascade.
TEST_F(DeliveryForm, RowsOfEmptyCellsAreSkippedWithOneWarning) {
  dir_.Write("payroll.csv", ReadFile(kExample / "payroll.csv") + ",,,,,\n , ,,,,\n,,,,,\r\n");
  Delivery d = Load();
  EXPECT_EQ(KindsOf(d, Finding::Severity::kError), std::vector<std::string>{});
  EXPECT_EQ(KindsOf(d, Finding::Severity::kWarning), (std::vector<std::string>{"payroll.csv:14 empty-rows"}));
  EXPECT_EQ(TextOf(d, "empty-rows"), "payroll.csv:14: warning: 3 row(s) without content (separators only, as Excel "
                                     "saves empty rows) skipped, the first on line 14");
  EXPECT_EQ(d.file("payroll.csv")->rows, 12);
}

TEST_F(DeliveryForm, MissingOptionalColumnsAreNamedWithWhatTheyMean) {
  dir_.Write("payroll.csv", "person_id,employer_id,period,hours\n999900018,100000001L01,2023-10,100\n");
  dir_.Write("hire_in.csv", "person_id,lender_id,hirer_id,period,hours\n");
  dir_.Write("employers.csv", "employer_id,sector,subsector,lender\n100000001L01,government,gemeenten,none\n"
                              "100000002L01,government,rijk,none\n100000003L01,market,,none\n"
                              "100000004L01,market,,agency\n100000005L01,government,gemeenten,wsw\n");
  Delivery d = Load();
  EXPECT_EQ(KindsOf(d, Finding::Severity::kWarning),
            (std::vector<std::string>{"employers.csv:1 missing-optional-column", "employers.csv:1 missing-optional-column",
                                      "payroll.csv:1 missing-optional-column", "payroll.csv:1 missing-optional-column"}));
  std::string all;
  for (const auto& f : d.findings) all += f.ToString() + "\n";
  EXPECT_NE(all.find("employers.csv:1: warning: the header has no column organisation (it may be left out): no "
                     "employer belongs to an organisation (ministry): the level organisation stays empty"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("payroll.csv:1: warning: the header has no column wsw (it may be left out): no hour is taken as "
                     "a Wsw hour"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("the header has no column name"), std::string::npos) << all;
  EXPECT_NE(all.find("the header has no column contract"), std::string::npos) << all;
}

// Without the lender column every employer is 'none': the hire-in rows are
// invalid, and the message sends the user to employers.csv, not to hire_in.csv.
TEST_F(DeliveryForm, AMissingLenderColumnIsNamedAtTheHireInRows) {
  dir_.Write("employers.csv", "employer_id,name,sector,subsector,organisation\n"
                              "100000001L01,Gemeente Voorbeeld,government,gemeenten,\n"
                              "100000002L01,Ministerie BZK,government,rijk,BZK\n100000003L01,Bakkerij,market,,\n"
                              "100000004L01,Flex,market,,\n100000005L01,SW-bedrijf,government,gemeenten,\n");
  Delivery d = Load();
  std::vector<std::string> hire_in_errors;
  for (const auto& f : d.findings) {
    if (f.file == "hire_in.csv") hire_in_errors.push_back(f.kind);
    EXPECT_EQ(f.message.find("has lender 'none'"), std::string::npos) << f.ToString();
  }
  EXPECT_EQ(hire_in_errors, (std::vector<std::string>(4, "no-lender-column")));
  EXPECT_EQ(TextOf(d, "no-lender-column"),
            "hire_in.csv:2:2: lender_id: employers.csv has no column lender, so no employer is taken as an agency or Wsw "
            "employer (expected the column lender in employers.csv: 'agency' or 'wsw' for every lender)");
}

TEST_F(DeliveryForm, ValidationMessagesInDutch) {
  dir_.Write("payroll.csv", ReadFile(kExample / "payroll.csv") + "999900018,100000001L01,2023-13,abc,,\n");
  SetMessageLanguage(Language::kDutch);
  Delivery d = Load();
  SetMessageLanguage(Language::kEnglish);
  std::string all;
  for (const auto& f : d.findings) all += f.ToString() + "\n";
  EXPECT_NE(all.find("payroll.csv:14:3: period: '2023-13' is geen maand (verwacht JJJJ-MM)"), std::string::npos) << all;
  EXPECT_NE(all.find("payroll.csv:14:4: hours: 'abc' is geen getal (verwacht uren van 0 tot 744, met '.' als "
                     "decimaalteken)"),
            std::string::npos)
      << all;
}

}  // namespace
}  // namespace banenmonitor
