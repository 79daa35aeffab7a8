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
#include "data/sha256.h"
#include "report/realisation_format.h"
#include "parallel_delivery.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

using testing::TempDir;

using testing::ScopedEnv;

struct Loaded {
  Delivery d;
  std::string findings;
  std::string csv;
};

Loaded Load(const std::filesystem::path& dir, const char* threads, bool hash_files = true) {
  ScopedEnv t("BANENMONITOR_THREADS", threads);
  ScopedEnv p("BANENMONITOR_PART_BYTES", "2000");  // many small parts
  LoadOptions o;
  o.first_month = MakeMonth(2022, 10);
  o.last_month = MakeMonth(2023, 12);
  o.months_of_year = 0xE00;  // the fourth quarters
  o.skip_invalid = true;
  o.hash_files = hash_files;
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
  testing::WriteParallelDelivery(dir);
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
  testing::WriteParallelDelivery(dir);
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
  testing::WriteParallelDelivery(dir);
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
  testing::WriteParallelDelivery(dir);
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
    testing::WriteParallelDelivery(dir);
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

// LoadOptions::hash_files = false (count --format csv, whose output shows no hash): the same
// tables, findings and count, row by row and on several threads, and no hash; with it each
// file's hash is that of its bytes.
TEST(ParallelRead, WithoutHashesReadsTheSameAndHashesNothing) {
  TempDir dir;
  testing::WriteParallelDelivery(dir);
  for (const char* threads : {"1", "2"}) {
    Loaded hashed = Load(dir.path(), threads);
    Loaded unhashed = Load(dir.path(), threads, /*hash_files=*/false);
    EXPECT_EQ(hashed.findings, unhashed.findings) << threads;
    EXPECT_EQ(hashed.csv, unhashed.csv) << threads;
    EXPECT_EQ(hashed.d.payroll.size(), unhashed.d.payroll.size()) << threads;
    ASSERT_EQ(hashed.d.files.size(), unhashed.d.files.size());
    for (std::size_t i = 0; i < hashed.d.files.size(); ++i) {
      const FileInfo& a = hashed.d.files[i];
      const FileInfo& b = unhashed.d.files[i];
      EXPECT_EQ(a.name, b.name);
      EXPECT_EQ(a.bytes, b.bytes) << a.name;
      EXPECT_EQ(a.rows, b.rows) << a.name;
      if (!a.present) continue;
      EXPECT_EQ(a.sha256, data::Sha256::Of(testing::ReadFile(dir.path() / a.name))) << a.name << " " << threads;
      EXPECT_EQ(b.sha256, "") << b.name << " " << threads;
    }
  }
}

}  // namespace
}  // namespace banenmonitor
