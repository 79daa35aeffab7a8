// A random but valid delivery that exercises every counting rule, for
// invariant tests and store round trips.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "banenmonitor/delivery.h"
#include "test_util.h"

namespace banenmonitor::testing {

inline std::string Bsn(std::mt19937_64& rng) {
  for (;;) {
    std::string s = "9";
    for (int i = 0; i < 8; ++i) s += static_cast<char>('0' + rng() % 10);
    if (IsValidBsn(s)) return s;
  }
}

struct RandomDelivery {
  std::string header_employers = "employer_id,name,sector,subsector,organisation,lender";
  std::vector<std::string> employers, reg, payroll, hire;
  std::string header_register = "person_id,ground,start_date,end_date";
  std::string header_payroll = "person_id,employer_id,period,hours,contract,wsw";
  std::string header_hire = "person_id,lender_id,hirer_id,period,hours";

  std::vector<std::string> bsns;  // every person id (all BSNs)

  explicit RandomDelivery(std::uint64_t seed, int persons = 60) {
    std::mt19937_64 rng(seed);
    const char* subsectors[] = {"rijk", "gemeenten", "po", "politie", "umc"};
    const char* grounds[] = {"participatiewet", "wsw", "wajong", "indicatie", "voorziening", "gelijkgesteld"};
    int n_employers = 12;
    std::vector<std::string> ids, lenders, wsw_lenders;
    for (int e = 0; e < n_employers; ++e) {
      std::string id = fmt::format("{:09d}L01", 100000000 + e);
      ids.push_back(id);
      std::string lender = e == 0 ? "agency" : e == 1 ? "wsw" : e == 2 ? "agency" : "none";
      bool gov = e == 1 || rng() % 2 == 0;
      std::string sub = gov ? subsectors[rng() % 5] : "";
      std::string org = gov && sub == std::string("rijk") ? (rng() % 2 ? "BZK" : "JenV") : "";
      employers.push_back(fmt::format("{},E{},{},{},{},{}", id, e, gov ? "government" : "market", sub, org, lender));
      if (lender == "agency") lenders.push_back(id);
      if (lender == "wsw") wsw_lenders.push_back(id);
    }
    for (int p = 0; p < persons; ++p) {
      std::string person = Bsn(rng);
      bsns.push_back(person);
      int rows = 1 + static_cast<int>(rng() % 2);
      for (int r = 0; r < rows; ++r) {
        int sm = 1 + static_cast<int>(rng() % 12), sd = 1 + static_cast<int>(rng() % 28);
        std::string end = rng() % 3 == 0 ? fmt::format("2023-{:02d}-{:02d}", 1 + rng() % 12, 1 + rng() % 28) : "";
        reg.push_back(fmt::format("{},{},2023-{:02d}-{:02d},{}", person, grounds[rng() % 6], sm, sd, end));
      }
      for (int m = 1; m <= 12; ++m) {
        if (rng() % 3 == 0) continue;
        int kind = static_cast<int>(rng() % 4);
        const std::string& employer = kind == 0 ? lenders[rng() % lenders.size()]
                                      : kind == 1 ? wsw_lenders[0]
                                                  : ids[3 + rng() % (ids.size() - 3)];
        int parts = 1 + static_cast<int>(rng() % 2);
        for (int k = 0; k < parts; ++k) {
          double h = static_cast<double>(rng() % 16000) / 100.0;
          payroll.push_back(fmt::format("{},{},2023-{:02d},{:.2f},{},{}", person, employer, m, h,
                                        rng() % 2 ? "permanent" : "temporary", kind == 1 && rng() % 4 ? 1 : 0));
        }
        if (kind <= 1) {
          int hirers = static_cast<int>(rng() % 3);
          for (int k = 0; k < hirers; ++k) {
            double h = static_cast<double>(rng() % 12000) / 100.0;
            hire.push_back(fmt::format("{},{},{},2023-{:02d},{:.2f}", person, employer, ids[3 + rng() % (ids.size() - 3)], m, h));
          }
        }
      }
    }
  }

  void Write(const TempDir& dir, std::mt19937_64* shuffle) const {
    auto join = [&](const std::string& header, std::vector<std::string> rows) {
      if (shuffle) std::shuffle(rows.begin(), rows.end(), *shuffle);
      std::string out = header + "\n";
      for (const auto& r : rows) out += r + "\n";
      return out;
    };
    dir.Write("employers.csv", join(header_employers, employers));
    dir.Write("register.csv", join(header_register, reg));
    dir.Write("payroll.csv", join(header_payroll, payroll));
    dir.Write("hire_in.csv", join(header_hire, hire));
  }
};

}  // namespace banenmonitor::testing
