// A delivery for reading on several threads (tests/data/parallel_read_test.cc,
// tests/store/workspace_import_test.cc): read with BANENMONITOR_PART_BYTES small,
// its files are cut into many parts, with invalid, repaired and repeated rows
// in all of them.
#pragma once

#include <fmt/format.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "test_util.h"

namespace banenmonitor::testing {

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
inline constexpr const char* kRepairedBsns[] = {"12345611", "0123.45.623", "NL012345635", "12345647.0", "012345659", "'012345660"};

inline void WriteParallelDelivery(const TempDir& dir) {
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

}  // namespace banenmonitor::testing
