// register.csv, payroll.csv, hire_in.csv and employer_hours.csv read on several threads
// (TableFile::ReadInParallel) give exactly what reading them row by row gives:
// the tables, the counts, every finding with its FILE:LINE:COLUMN, the files'
// hashes, and the count.
#include <gtest/gtest.h>

#include <sstream>

#include <cstdlib>
#include <fmt/format.h>
#include <optional>
#include <string>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "report/realisation_format.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

using testing::TempDir;

// Sets an environment variable for the lifetime of the object.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// A delivery whose payroll has a few thousand rows over two years, with empty
// lines, CRLF line ends, repeated cells, Wsw rows, unregistered persons and
// invalid rows at known places.
// Valid BSNs in forms the validator repairs (a missing leading zero, separators, NL, a spreadsheet's .0).
constexpr const char* kRepairedBsns[] = {"12345611", "0123.45.623", "NL012345635", "12345647.0", "012345659", "'012345660"};

void WriteDelivery(const TempDir& dir) {
  dir.Write("employers.csv",
            "employer_id,name,sector,subsector,organisation,lender\n"
            "100000001L01,Gemeente,government,gemeenten,,none\n"
            "100000002L01,Ministerie,government,rijk,BZK,none\n"
            "100000003L01,Bakker,market,,,none\n"
            "100000004L01,Uitzend,market,,,agency\n");
  std::string reg = "person_id,ground,start_date,end_date,region\n";
  std::string pay = "person_id,employer_id,period,hours,contract,wsw\r\n";
  std::string hire = "person_id,lender_id,hirer_id,period,hours\n";
  for (int p = 0; p < 300; ++p) {
    std::string id = fmt::format("{:064x}", 1000003 * (p + 1));
    static constexpr const char* kRegions[] = {"", "GM0363", "Groot Amsterdam", "Amsterdm", "AM18"};
    if (p % 10 != 9) {
      reg += fmt::format("{},wajong,20{:02d}-0{}-1{},,{}\n", id, 22 + p % 2, 1 + p % 9, p % 10, kRegions[p % 5]);
    }
    // Invalid and repaired register rows, and one that covers no day, spread over the parts.
    if (p % 17 == 3) reg += fmt::format("{},wajongg,2022-01-01,,\n", id);
    if (p % 19 == 4) reg += fmt::format("{},wsw,2022-02-30,,\n", id);
    if (p % 23 == 5) reg += fmt::format("{},wsw,2022-05-01,2022-04-01,\n", id);
    if (p % 50 == 6) reg += fmt::format("{},indicatie,2021-01-01,,\n", kRepairedBsns[p / 50]);
    for (int m = 1; m <= 12; ++m) {
      for (int year : {2022, 2023}) {
        int employer = 1 + (p + m) % 4;
        pay += fmt::format("{},1000000{:02d}L01,{}-{:02d},{}.{:02d},{},{}\r\n", id, employer, year, m, 20 + p % 90,
                           p % 100, p % 3 == 0 ? "permanent" : "temporary", p % 7 == 0 ? 1 : 0);
        if (p % 5 == 0) pay += fmt::format("{},1000000{:02d}L01,{}-{:02d},10,,\r\n", id, employer, year, m);
        if (p % 97 == 0 && m == 6) pay += "\r\n";
        if (p % 113 == 5 && m == 3) pay += fmt::format("{},100000001L01,{}-13,10,,0\r\n", id, year);
        if (p % 131 == 7 && m == 8) pay += fmt::format("{},999999999L01,{}-08,1000,,0\r\n", id, year);
        if (employer == 4) hire += fmt::format("{},100000004L01,100000002L01,{}-{:02d},15\n", id, year, m);
        // Invalid hire-in rows: a lender that lends nobody, a bad month; and a hirer split over two rows.
        if (employer == 4 && p % 37 == 1) hire += fmt::format("{},100000003L01,100000002L01,{}-{:02d},5\n", id, year, m);
        if (employer == 4 && p % 41 == 2) hire += fmt::format("{},100000004L01,100000001L01,{}-00,5\n", id, year);
        if (employer == 4 && p % 7 == 3) hire += fmt::format("{},100000004L01,100000001L01,{}-{:02d},2.5\n", id, year, m);
      }
    }
  }
  dir.Write("register.csv", reg);
  dir.Write("payroll.csv", pay);
  dir.Write("hire_in.csv", hire);
  // employer_hours.csv: one row per employer and month, a few rows repeated
  // (duplicates within a part and across parts, far apart), invalid rows.
  std::string eh = "employer_id,period,hours,agency_staff_hours,wsw_hours,wage\n";
  int row = 0;
  for (int year : {2021, 2022, 2023}) {
    for (int m = 1; m <= 12; ++m) {
      for (int e = 1; e <= 4; ++e) {
        for (int copy = 0; copy < 25; ++copy) {  // the cell once, and again where row % 53 == 0: a duplicate close by
          ++row;
          if (copy > 0 && row % 53 != 0) continue;
          eh += fmt::format("1000000{:02d}L01,{}-{:02d},{}.5,{},{},{}\n", e, year, m, 1000 + row, e == 4 ? 100 : 0,
                            e == 1 ? 20 : 0, row % 3 == 0 ? "" : fmt::format("{}.25", 5000 + row));
        }
        if (row % 11 == 0) eh += fmt::format("1000000{:02d}L01,{}-{:02d},abc,,,\n", e, year, m);
        if (row % 13 == 0) eh += fmt::format("1000000{:02d}L01,{}-{:02d},10,8,8,\n", e, year, m);
        // Beyond the file's total of hours: invalid, so it is no second row of its cell either.
        if (year == 2022 && m == 7 && e == 3) eh += "100000003L01,2022-07,999999999999,,,\n";
      }
    }
  }
  // Far away from their first rows (another part): a repeat of early cells, one of them invalid too.
  eh += "100000001L01,2021-01,7,,,\n100000002L01,2022-05,7,,,\n100000003L01,2021-02,x,,,\n999999999L01,2023-01,7,,,\n"
        "100000004L01,2021-13,999999999999,,,\n";
  dir.Write("employer_hours.csv", eh);
}

struct Loaded {
  Delivery d;
  std::string findings;
  std::string csv;
};

Loaded Load(const std::filesystem::path& dir, const char* threads) {
  ScopedEnv t("BANENMONITOR_THREADS", threads);
  ScopedEnv p("BANENMONITOR_PART_BYTES", "2000");  // many small parts
  LoadOptions o;
  o.first_month = MakeMonth(2022, 10);
  o.last_month = MakeMonth(2023, 12);
  o.months_of_year = 0xE00;  // the fourth quarters
  o.skip_invalid = true;
  auto d = LoadDelivery(dir, o);
  EXPECT_TRUE(d.has_value());
  Loaded out{std::move(*d), "", ""};
  for (const auto& f : out.d.findings) out.findings += f.ToString() + "\n";
  for (const auto& [kind, n] : out.d.error_counts) out.findings += fmt::format("{} {}\n", kind, n);
  auto params = CountingParams::ForYear(ParameterSet::Embedded(), 2023);
  for (int year : {2022, 2023}) {
    auto t = CountJobs(out.d, CountRequest{year, Window::kQ4}, *params);
    EXPECT_TRUE(t.has_value());
    out.csv += report::RealisationCsvAllLevels(*t, year == 2022);
  }
  return out;
}

TEST(ParallelRead, GivesWhatReadingRowByRowGives) {
  TempDir dir;
  WriteDelivery(dir);
  Loaded serial = Load(dir.path(), "1");
  Loaded parallel = Load(dir.path(), "2");
  Loaded more = Load(dir.path(), "5");
  EXPECT_EQ(serial.findings, parallel.findings);
  EXPECT_EQ(serial.findings, more.findings);
  EXPECT_NE(serial.findings.find("payroll.csv:"), std::string::npos) << "the delivery has invalid payroll rows";
  EXPECT_EQ(serial.csv, parallel.csv);
  EXPECT_EQ(serial.csv, more.csv);
  ASSERT_EQ(serial.d.payroll.size(), parallel.d.payroll.size());
  for (std::size_t i = 0; i < serial.d.payroll.size(); ++i) {
    const auto& a = serial.d.payroll[i];
    const auto& b = parallel.d.payroll[i];
    ASSERT_TRUE(a.person == b.person && a.employer == b.employer && a.month == b.month && a.hours == b.hours &&
                a.wsw_hours == b.wsw_hours && a.permanent_hours == b.permanent_hours &&
                a.temporary_hours == b.temporary_hours)
        << "cell " << i;
  }
  ASSERT_EQ(serial.d.payroll_totals.size(), parallel.d.payroll_totals.size());
  for (std::size_t i = 0; i < serial.d.payroll_totals.size(); ++i) {
    EXPECT_EQ(serial.d.payroll_totals[i].hours, parallel.d.payroll_totals[i].hours);
  }
  EXPECT_EQ(serial.d.stats.payroll_rows_kept, parallel.d.stats.payroll_rows_kept);
  EXPECT_EQ(serial.d.stats.payroll_rows_outside_months, parallel.d.stats.payroll_rows_outside_months);
  EXPECT_EQ(serial.d.stats.payroll_rows_unregistered, parallel.d.stats.payroll_rows_unregistered);
  EXPECT_EQ(serial.d.stats.hire_in_rows_unregistered, parallel.d.stats.hire_in_rows_unregistered);
  for (const Loaded* other : {&parallel, &more}) {
    ASSERT_EQ(serial.d.hire_in.size(), other->d.hire_in.size());
    for (std::size_t i = 0; i < serial.d.hire_in.size(); ++i) {
      const auto& a = serial.d.hire_in[i];
      const auto& b = other->d.hire_in[i];
      ASSERT_TRUE(a.person == b.person && a.lender == b.lender && a.hirer == b.hirer && a.month == b.month &&
                  a.hours == b.hours && a.first_line == b.first_line)
          << "hire-in cell " << i;
    }
    ASSERT_EQ(serial.d.employer_hours.size(), other->d.employer_hours.size());
    for (std::size_t i = 0; i < serial.d.employer_hours.size(); ++i) {
      const auto& a = serial.d.employer_hours[i];
      const auto& b = other->d.employer_hours[i];
      ASSERT_TRUE(a.employer == b.employer && a.month == b.month && a.hours == b.hours &&
                  a.agency_staff_hours == b.agency_staff_hours && a.wsw_hours == b.wsw_hours &&
                  a.wage_cents == b.wage_cents)
          << "employer month " << i;
    }
    ASSERT_EQ(serial.d.person_ids, other->d.person_ids);
    ASSERT_EQ(serial.d.register_periods.size(), other->d.register_periods.size());
    for (std::size_t i = 0; i < serial.d.register_periods.size(); ++i) {
      const auto& a = serial.d.register_periods[i];
      const auto& b = other->d.register_periods[i];
      ASSERT_TRUE(a.person == b.person && a.ground == b.ground && a.start_day == b.start_day &&
                  a.end_day == b.end_day && a.region == b.region)
          << "register period " << i;
    }
    for (const char* name : {"register.csv", "payroll.csv", "hire_in.csv", "employer_hours.csv"}) {
      const FileInfo* a = serial.d.file(name);
      const FileInfo* b = other->d.file(name);
      ASSERT_TRUE(a && b) << name;
      EXPECT_EQ(a->sha256, b->sha256) << name;
      EXPECT_EQ(a->bytes, b->bytes) << name;
      EXPECT_EQ(a->rows, b->rows) << name;
      EXPECT_EQ(a->invalid_rows, b->invalid_rows) << name;
    }
  }
  // What the comparison covers: invalid rows and kept rows in both files.
  for (const char* finding : {"register.csv:", "is not a ground of registration", "is not a date", "before it starts",
                              "is not a labour market region", "and were restored", "hire_in.csv:", "employer_hours.csv:", "duplicate-row", "not-a-lender", "unknown-employer",
                              "the hours of employer_hours.csv add up to more than"}) {
    EXPECT_NE(serial.findings.find(finding), std::string::npos) << finding << "\n" << serial.findings;
  }
  EXPECT_GT(serial.d.hire_in.size(), 100u);
  EXPECT_GT(serial.d.employer_hours.size(), 20u);
  EXPECT_GT(serial.d.file("employer_hours.csv")->rows, 200);
}

// The second row of an employer and month names the line of the first, also
// when the two lie in different parts; the first row is the one kept.
TEST(ParallelRead, ASecondEmployerMonthInALaterPartNamesTheFirstLine) {
  TempDir dir;
  WriteDelivery(dir);
  Loaded parallel = Load(dir.path(), "2");
  std::string eh = testing::ReadFile(dir.path() / "employer_hours.csv");
  auto line_of = [&](const std::string& text) {
    std::size_t at = eh.find(text);
    EXPECT_NE(at, std::string::npos) << text;
    return 1 + std::count(eh.begin(), eh.begin() + static_cast<long>(at), '\n');
  };
  long first = line_of("\n100000002L01,2022-05,");
  long second = line_of("\n100000002L01,2022-05,7,,,\n");
  EXPECT_GT(second - first, 100) << "far apart: in different parts of 2000 bytes";
  EXPECT_NE(parallel.findings.find(fmt::format("employer_hours.csv:{}:2: period: a second row for this employer and month (expected one; first on line {})", second + 1, first + 1)),
            std::string::npos)
      << parallel.findings;
}

TEST(ParallelRead, NamesTheExactLineOfABadRowInALaterPart) {
  TempDir dir;
  WriteDelivery(dir);
  Loaded parallel = Load(dir.path(), "2");
  // The first row with period 13: find its physical line in the file itself.
  std::string pay = testing::ReadFile(dir.path() / "payroll.csv");
  std::size_t at = pay.find("-13,10,,0");
  ASSERT_NE(at, std::string::npos);
  long line = 1 + std::count(pay.begin(), pay.begin() + static_cast<long>(at), '\n');
  EXPECT_GT(line, 100);
  EXPECT_NE(parallel.findings.find(fmt::format("payroll.csv:{}:3: period:", line)), std::string::npos)
      << parallel.findings;
}

TEST(ParallelRead, AFileWithQuotesIsReadRowByRow) {
  TempDir dir;
  WriteDelivery(dir);
  std::string pay = testing::ReadFile(dir.path() / "payroll.csv");
  pay.insert(pay.find('\n') + 1, "\"" + std::string(64, 'a') + "\",100000001L01,2023-10,\"1\n0\",,0\r\n");
  dir.Write("payroll.csv", pay);
  Loaded serial = Load(dir.path(), "1");
  Loaded parallel = Load(dir.path(), "2");
  EXPECT_EQ(serial.findings, parallel.findings);
  EXPECT_EQ(serial.csv, parallel.csv);
}

// Issue 15: a line over 1 MiB and a row in the other separator give on several
// cores what they give row by row (the long line: read by one, bounded; the
// other form: one message, nothing read behind it).
TEST(ParallelRead, ALongLineAndAMixedFormGiveWhatReadingRowByRowGives) {
  for (const std::string& row : {"999900018,100000001L01,2023-10,1" + std::string(2u << 20, '5') + ",,0\n",
                                 std::string("999900018;100000001L01;2023-10;12,5;;0\n")}) {
    TempDir dir;
    WriteDelivery(dir);
    std::string pay = testing::ReadFile(dir.path() / "payroll.csv");
    std::size_t middle = pay.find('\n', pay.size() / 2) + 1;
    pay.insert(middle, row);
    dir.Write("payroll.csv", pay);
    Loaded serial = Load(dir.path(), "1");
    Loaded parallel = Load(dir.path(), "2");
    // A file in two forms is refused (a file error: nothing is counted), so only its own findings must
    // agree (what other files' checks make of its rows read so far may differ).
    auto own = [](const std::string& findings) {
      std::string out;
      std::istringstream in(findings);
      for (std::string line; std::getline(in, line);) {
        if (line.starts_with("payroll.csv:")) out += line + "\n";
      }
      return out;
    };
    if (row.size() > 1000) {
      EXPECT_EQ(serial.findings, parallel.findings);
      EXPECT_EQ(serial.csv, parallel.csv);
    } else {
      EXPECT_EQ(own(serial.findings), own(parallel.findings));
    }
    const char* kind = row.size() > 1000 ? "line-too-long 1" : "mixed-csv-form 1";
    EXPECT_NE(parallel.findings.find(kind), std::string::npos) << parallel.findings.substr(0, 2000);
  }
}

}  // namespace
}  // namespace banenmonitor
