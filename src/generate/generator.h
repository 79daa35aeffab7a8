// The synthetic Netherlands: a delivery shaped like the country, calibrated to
// the published results of the banenafspraak (docs/calibration.md).
//
// GenerateDelivery writes into `out` the five files of the data contract
// (counting.md §2: employers.csv, register.csv, payroll.csv, hire_in.csv,
// targets.csv) and the two files of the scenario engine
// (quotum-and-scenarios.md: employer_hours.csv, sroi.csv). Payroll, hire-in,
// SROI and employer hours are monthly from December of `from_year` to December
// of `to_year`. Counted by the engine (Q4 window), the delivery reproduces at
// the chosen scale the national realisation percentages of market and
// government (national-results.csv) and the published public-sector figures.
//
// Reproducible: the same options give the same bytes (one std::mt19937_64
// seeded with `seed`, no clock, no unordered iteration).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "banenmonitor/status.h"

namespace banenmonitor::generate {

struct GenerateOptions {
  std::filesystem::path out;  // created when missing; files in it are replaced
  std::uint64_t seed = 2013;
  double scale = 1.0;         // multiplies persons, employers and jobs; 1 = the Netherlands
  int from_year = 2012;       // 2012 (the nulmeting) .. 2024
  int to_year = 2024;         // from_year + 1 .. 2025
};

struct FileSummary {
  std::string name;
  std::int64_t rows = 0;  // data rows, header excluded
  std::uint64_t bytes = 0;
};

struct GenerateSummary {
  std::vector<FileSummary> files;
  std::int64_t employers = 0;
  std::int64_t persons = 0;               // distinct persons in register.csv
  std::int64_t registered_end_2023 = 0;   // registered on 31 December 2023 (when in range)
  std::int64_t registered_at_end = 0;     // registered on 31 December of to_year
  std::int64_t spells = 0;                // spells of employment simulated
  std::int64_t unfilled = 0;              // person-months the register could not staff
  double min_factor = 1, max_factor = 1;  // range of the calibration factors
  std::vector<std::string> calibration_misses;

  std::int64_t total_rows() const;
  std::uint64_t total_bytes() const;
};

// Progress of a step, fraction in [0, 1]; called often, the receiver throttles.
using GenerateProgress = std::function<void(std::string_view step, double fraction)>;

// Writes the delivery. Fails with kUsage for options out of range and kIoError
// when a file cannot be written.
Result<GenerateSummary> GenerateDelivery(const GenerateOptions& options, const GenerateProgress& progress = {});

}  // namespace banenmonitor::generate
