// The synthetic Netherlands: a delivery shaped like the country, calibrated to
// the published results of the banenafspraak (docs/calibration.md).
//
// GenerateDelivery writes into `out` the five files of the data contract
// (counting.md §2: employers.csv, register.csv, payroll.csv, hire_in.csv,
// targets.csv) and the two files of the scenario engine
// (quotum-and-scenarios.md: employer_hours.csv, sroi.csv). Payroll, hire-in,
// SROI and employer hours are monthly from December of `from_year` to December
// of `to_year`, and delivery.csv (synthetic = 1). Counted by the engine (Q4
// window), the delivery lands at the chosen scale within 1 percentage point of
// every published realisation (national-results.csv, public-sector-figures.csv);
// everything else is synthetic, with a path of its own per subsector and ministry.
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

// The scale of `banenmonitor demo` (and so of ./scripts/demo.sh): large enough
// that the ministries of the Rijk have 10 or more persons (readable under
// disclosure control; only AZ, a few dozen jobs nationally, and the one hidden
// beside it stay secret), small enough that the demo stays well under a minute
// on 2 cores (docs/calibration.md, "Size and speed").
inline constexpr double kDemoScale = 0.15;

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
