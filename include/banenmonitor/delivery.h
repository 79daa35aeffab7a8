// A data delivery: the CSV files of the data contract (spec: counting.md §2),
// read, validated and held in memory as compact tables for the counting layer.
//
// Contract of this layer: every rule of the data contract is checked; each
// violation becomes a Finding naming file, line and column. Nothing here
// knows how jobs are counted; it only delivers clean, typed rows.
#pragma once

#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "banenmonitor/status.h"

namespace banenmonitor {

// Hours are kept as whole micro-hours (1e-6 hour) so that sums are exact and
// independent of the order of the input rows.
using Hours = std::int64_t;
inline constexpr Hours kMicroPerHour = 1'000'000;

// A calendar month as year * 12 + (month - 1).
using MonthIndex = std::int32_t;
inline constexpr MonthIndex MakeMonth(int year, int month) { return year * 12 + (month - 1); }
inline constexpr int YearOf(MonthIndex m) { return m / 12; }
inline constexpr int MonthOf(MonthIndex m) { return m % 12 + 1; }

// A day as the number of days since 1970-01-01.
using DayNumber = std::int32_t;
inline constexpr DayNumber kOpenEnd = std::numeric_limits<DayNumber>::max();

using PersonIndex = std::uint32_t;
using EmployerIndex = std::uint32_t;

enum class Sector : std::uint8_t { kGovernment, kMarket };
enum class LenderKind : std::uint8_t { kNone, kAgency, kWsw };
// Grounds of registration in the doelgroepregister (Wfsv art. 38b; Pwet art. 78d).
enum class Ground : std::uint8_t {
  kParticipatiewet, kWsw, kWajong, kIndicatie, kVsoPro, kTransitie,
  kWiaExperiment, kGelijkgesteld, kVoorziening,
};

const char* SectorName(Sector s);       // "government" / "market"
const char* LenderKindName(LenderKind k);
const char* GroundName(Ground g);

struct Employer {
  std::string id;            // loonheffingennummer, e.g. 123456789L01
  std::string name;
  Sector sector = Sector::kMarket;
  std::string subsector;     // government: rijk, gemeenten, ...; market: always "market"
  std::string organisation;  // e.g. the ministry of a Rijk employer; may be empty
  LenderKind lender = LenderKind::kNone;
  std::string region{};      // arbeidsmarktregio of the establishment (regions.h); "" when not delivered
};

// One registration period; end_day is inclusive, kOpenEnd when still registered.
struct RegisterPeriod {
  PersonIndex person = 0;
  Ground ground = Ground::kParticipatiewet;
  DayNumber start_day = 0;
  DayNumber end_day = kOpenEnd;
  // Where the person lives: 1 + the index of the arbeidsmarktregio in
  // RegionTable::Embedded().regions() (regions.h); 0 when not delivered.
  std::uint8_t region = 0;
};

// Payroll summed per (person, employer, month) (counting.md §3 rule 2).
struct PayrollCell {
  PersonIndex person = 0;
  EmployerIndex employer = 0;
  MonthIndex month = 0;
  Hours hours = 0;            // all paid hours
  Hours wsw_hours = 0;        // of which in rows with wsw = 1
  Hours permanent_hours = 0;  // of which in rows with contract = permanent
  Hours temporary_hours = 0;  // of which in rows with contract = temporary
};

// Hire-in hours summed per (person, lender, hirer, month).
struct HireInCell {
  PersonIndex person = 0;
  EmployerIndex lender = 0;
  EmployerIndex hirer = 0;
  MonthIndex month = 0;
  Hours hours = 0;
  std::int64_t first_line = 0;  // line of the first row in hire_in.csv, for warnings
};

// Hours and wages of all staff of an employer in a month (employer_hours.csv,
// quotum-and-scenarios.md §1), or the same summed from a full payroll extract.
struct EmployerMonth {
  EmployerIndex employer = 0;
  MonthIndex month = 0;
  Hours hours = 0;               // all paid hours of all staff
  Hours agency_staff_hours = 0;  // of which agency staff lent to others
  Hours wsw_hours = 0;           // of which Wsw employees
  std::optional<std::int64_t> wage_cents;  // premium wage sum in euro cents, when delivered
};

// Social-return hours (sroi.csv, quotum-and-scenarios.md §4), summed per
// (person, contractor, buyer, month).
struct SroiCell {
  PersonIndex person = 0;
  EmployerIndex contractor = 0;
  EmployerIndex buyer = 0;
  MonthIndex month = 0;
  Hours hours = 0;
  std::int64_t first_line = 0;
};

struct Target {
  int year = 0;
  std::string scope;  // total, market, government, subsector:<code>, organisation:<name>, employer:<id>
  double baseline_jobs = 0;
  std::optional<double> target_extra_jobs;
};

// One problem found in a delivery.
struct Finding {
  enum class Severity : std::uint8_t { kError, kWarning };
  Severity severity = Severity::kError;
  std::string file;       // file name within the delivery, e.g. "payroll.csv"
  std::int64_t line = 0;  // 1-based physical line; 0 when about the whole file
  int column = 0;         // 1-based column (field position as in a spreadsheet); 0 when none
  std::string kind;       // short stable code, e.g. "bad-date", "unknown-employer"
  std::string message;    // what is wrong and what was expected

  // "FILE:LINE:COLUMN: message" (LINE and COLUMN left out when 0).
  std::string ToString() const;
};

// What was read from one file of the delivery.
struct FileInfo {
  std::string name;          // e.g. "payroll.csv"
  bool present = false;
  std::string sha256;        // hex digest of the file's bytes; empty if not hashed (LoadOptions::hash_files)
  std::uint64_t bytes = 0;
  std::int64_t rows = 0;     // data rows (header excluded)
  std::int64_t invalid_rows = 0;
};

// delivery.csv (counting.md §2): what the delivery says of itself.
struct DeliveryManifest {
  bool synthetic = false;   // `synthetic` = 1: generated data, not a measurement; every face says so
  std::string description;  // `description`: free text (a run of digits that may be a BSN is masked)
};

struct DeliveryStats {
  std::int64_t payroll_rows_kept = 0;          // rows inside the month range of registered persons
  std::int64_t payroll_rows_outside_months = 0;
  std::int64_t payroll_rows_unregistered = 0;  // rows of persons not in register.csv
  std::int64_t hire_in_rows_unregistered = 0;
};

struct Delivery {
  std::filesystem::path directory;
  std::vector<Employer> employers;        // in the order of employers.csv
  std::vector<std::string> person_ids;    // PersonIndex -> person_id as delivered
  std::vector<RegisterPeriod> register_periods;
  std::vector<PayrollCell> payroll;       // sorted by (person, employer, month)
  std::vector<HireInCell> hire_in;        // sorted by (person, lender, month, hirer)
  std::vector<Target> targets;            // in file order
  std::vector<EmployerMonth> employer_hours;  // employer_hours.csv, sorted by (employer, month); empty when absent
  bool has_employer_hours_file = false;
  // Every payroll row of the months, registered or not, summed per (employer,
  // month): the fallback for the quotum's A when employer_hours.csv is absent.
  std::vector<EmployerMonth> payroll_totals;  // sorted by (employer, month)
  std::vector<SroiCell> sroi;             // sorted by (person, contractor, month, buyer)
  DeliveryManifest manifest;              // delivery.csv; defaults when absent
  std::vector<FileInfo> files;            // the files of the contract, in contract order
  // Errors and warnings in reading order; only the first kMaxStoredFindings
  // are kept with their text, all of them are counted per kind.
  std::vector<Finding> findings;
  std::map<std::string, std::int64_t> error_counts;    // kind -> number of errors
  std::map<std::string, std::int64_t> warning_counts;  // kind -> number of warnings
  // Person ids restored to canonical form (data/person_id.h), per file and repair
  // kind: "payroll.csv" -> "leading-zero" -> number of ids.
  std::map<std::string, std::map<std::string, std::int64_t>> person_id_repairs;
  DeliveryStats stats;

  static constexpr std::size_t kMaxStoredFindings = 10000;

  std::int64_t error_count() const;
  std::int64_t warning_count() const;
  // True when a file is missing or unusable as a whole (missing file or
  // column, unreadable): then nothing can be counted, not even with skip_invalid.
  bool has_file_errors() const;
  // Records a finding: counts it and keeps its text while there is room.
  void AddFinding(Finding finding);
  const FileInfo* file(std::string_view name) const;
};

// The months that have a payroll cell or a payroll total in `d`, ascending and
// distinct: the months the delivery covers (job quality's and the projection's
// coverage, counting.md §3). Linear in the payroll's cells.
std::vector<MonthIndex> PayrollMonths(const Delivery& d);

struct LoadOptions {
  // Only payroll and hire-in rows of these months are kept in memory (every row
  // is still validated). Defaults to all months.
  MonthIndex first_month = std::numeric_limits<MonthIndex>::min();
  MonthIndex last_month = std::numeric_limits<MonthIndex>::max();
  // Of those, only the months of the year whose bit is set (bit m - 1 for
  // month m): counting the fourth quarters of several years keeps 0xE00.
  std::uint16_t months_of_year = 0xFFF;
  // The caller counts (CountJobs) and needs no employer_hours, payroll_totals
  // or sroi: their rows are still validated, but the Delivery keeps none (as a
  // workspace answering from its column cache gives none).
  bool count_tables_only = false;
  // Keep counting with the valid rows; invalid rows are still reported.
  bool skip_invalid = false;
  // Each file's SHA-256 (FileInfo::sha256) for the provenance. A caller whose
  // output shows no provenance (count --format csv) may set false: the files
  // are read and validated alike, and FileInfo::sha256 stays empty.
  bool hash_files = true;

  // True when rows of month `m` are kept.
  bool Keeps(MonthIndex m) const {
    return m >= first_month && m <= last_month && ((months_of_year >> (m % 12)) & 1) != 0;
  }
};

// Reads and validates the delivery in `directory`.
//
// Returns a Delivery whose `findings` hold every rule violation (severity
// error) and every warning. The caller decides: with error_count() > 0 and
// !skip_invalid nothing may be counted. Fails (returns a Status) only when the
// directory itself cannot be read.
Result<Delivery> LoadDelivery(const std::filesystem::path& directory, const LoadOptions& options);

// Checks of single values, shared with every reader of person and employer ids.
// A 9-digit value that passes the elfproef (11-test) of the BSN.
bool IsValidBsn(std::string_view value);
// True when value has exactly 9 digits (and so must be a valid BSN).
bool LooksLikeBsn(std::string_view value);
// A loonheffingennummer: 9 digits, 'L', 2 digits.
bool IsValidEmployerId(std::string_view value);

}  // namespace banenmonitor
