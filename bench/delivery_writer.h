// A deterministic generator of synthetic deliveries for the benchmarks
// (spec: counting.md §2, the data contract).
//
// The same shape and seed give the same bytes on every machine: all randomness
// comes from one std::mt19937_64 and the distributions are hand-written (the
// std:: distributions are not specified bit for bit across libraries).
//
// The shape imitates a year of the polisadministratie for people in the
// doelgroepregister: a few thousand employers across the public subsectors and
// the market (Rijk employers carry their ministry as organisation), agency and
// Wsw lenders whose people are often hired in elsewhere, most payroll persons
// registered (about 5 % not), and payroll rows spread over the twelve months of
// the year, so that a q4 count reads every row but keeps about a quarter.
// Every row is valid: a load reports no errors (a handful of hire-in rows
// without payroll behind them give warnings, as real deliveries do).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace banenmonitor::bench {

struct DeliveryShape {
  std::int64_t payroll_rows = 1'000'000;  // exactly this many data rows in payroll.csv
  std::uint64_t seed = 20231231;
  int year = 2023;                        // payroll and hire-in fall in the 12 months of this year
  int employers = 3000;                   // a few thousand loonheffingennummers
  int agency_lenders = 40;                // market employers with lender = agency
  int wsw_lenders = 30;                   // government (gemeenten) employers with lender = wsw
  double unregistered_share = 0.05;       // payroll persons not in register.csv
  double pseudonymised_share = 0.25;      // person ids as 64 hex digits instead of a BSN
  double register_only_share = 0.25;      // extra register persons without payroll, relative to payroll persons
  double hire_in_without_payroll = 0.001; // share of hire-in rows for a month with no payroll (warnings)
};

struct DeliverySummary {
  std::int64_t employers = 0;
  std::int64_t register_rows = 0;
  std::int64_t register_persons = 0;
  std::int64_t payroll_rows = 0;
  std::int64_t payroll_persons = 0;
  std::int64_t payroll_persons_unregistered = 0;
  std::int64_t payroll_rows_wsw = 0;
  std::int64_t payroll_rows_q4 = 0;
  std::int64_t hire_in_rows = 0;
  std::int64_t target_rows = 0;
  std::uint64_t bytes = 0;  // all five files

  std::string ToString() const;
};

// Writes employers.csv, register.csv, payroll.csv, hire_in.csv and targets.csv
// into `directory` (created when missing; existing files are replaced).
// Throws std::runtime_error when a file cannot be written.
DeliverySummary WriteDelivery(const std::filesystem::path& directory, const DeliveryShape& shape);

// Parses a size such as 250000, 250k or 1M. Returns -1 when not a size.
std::int64_t ParseRowCount(std::string_view text);

}  // namespace banenmonitor::bench
