// The rows of a delivery as the validator hands them on, one callback per
// valid row and one per invalid row. Two sinks exist: the aggregator that
// builds the in-memory Delivery for counting, and the store's importer that
// keeps every row of a snapshot (src/store/).
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "banenmonitor/delivery.h"

namespace banenmonitor::data {

enum class Contract : std::uint8_t { kUnknown = 0, kPermanent = 1, kTemporary = 2 };

// A person's number within one reading of a delivery (the person_number of
// the rows below), given by a sink that numbers the persons for the sinks it
// hands the rows on to (store::ImportSink): rows with the same number have the
// same person_id, so a sink may look a number up once (PersonNumberMemo,
// data/person_index.h). kUnnumbered (from the validator): look the id up.
inline constexpr std::uint32_t kUnnumbered = ~std::uint32_t{0};

// A register row as delivered; end_day may lie before start_day (the
// validator warns; such a row covers no day).
struct RegisterRow {
  std::string_view person_id;
  Ground ground = Ground::kParticipatiewet;
  DayNumber start_day = 0;
  DayNumber end_day = kOpenEnd;
  std::int64_t line = 0;
  std::uint8_t region = 0;  // as RegisterPeriod::region
  std::uint32_t person_number = kUnnumbered;
};

struct PayrollRow {
  std::string_view person_id;
  EmployerIndex employer = 0;  // index into the employers passed to OnEmployer, in order
  MonthIndex month = 0;
  Hours hours = 0;
  Contract contract = Contract::kUnknown;
  bool wsw = false;
  std::int64_t line = 0;
  std::optional<std::int64_t> wage_cents;  // the optional wage column of a full payroll extract
  std::uint32_t person_number = kUnnumbered;
};

struct HireInRow {
  std::string_view person_id;
  EmployerIndex lender = 0;
  EmployerIndex hirer = 0;
  MonthIndex month = 0;
  Hours hours = 0;
  std::int64_t line = 0;
  std::uint32_t person_number = kUnnumbered;
};

struct EmployerHoursRow {
  EmployerIndex employer = 0;
  MonthIndex month = 0;
  Hours hours = 0;
  Hours agency_staff_hours = 0;
  Hours wsw_hours = 0;
  std::optional<std::int64_t> wage_cents;
  std::int64_t line = 0;
};

struct SroiRow {
  std::string_view person_id;
  EmployerIndex contractor = 0;
  EmployerIndex buyer = 0;
  MonthIndex month = 0;
  Hours hours = 0;
  std::int64_t line = 0;
  std::uint32_t person_number = kUnnumbered;
};

// A row that breaks the contract, with its raw fields (as far as they could be split).
struct InvalidRow {
  std::string_view file;
  std::int64_t line = 0;
  std::string_view kind;     // of the first error found in the row
  std::string_view reason;   // its message
  std::span<const std::string_view> fields;
  std::span<const std::string> header;  // the file's header names, by field position
};

// Takes the payroll rows of one thread when payroll.csv is read by several
// threads at once (RowSink::NewPayrollPart); the rows come in any order.
class PayrollPart {
 public:
  virtual ~PayrollPart() = default;
  virtual void OnPayroll(const PayrollRow& row) = 0;
};

// Receives the rows in file order: employers, register, targets, payroll,
// hire-in, employer hours, social return.
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void OnEmployer(const Employer& employer, std::int64_t line) {}
  virtual void OnRegister(const RegisterRow& row) {}
  // A run of register rows in file order (a part of register.csv read on
  // another thread); the same as OnRegister on each, which is the default.
  virtual void OnRegisterRows(std::span<const RegisterRow> rows) {
    for (const RegisterRow& row : rows) OnRegister(row);
  }
  virtual void OnTarget(const Target& target, std::int64_t line) {}
  virtual void OnPayroll(const PayrollRow& row) {}
  // A run of payroll rows in file order (as OnRegisterRows, for a sink that
  // TakesRowsInParts); OnPayroll on each by default.
  virtual void OnPayrollRows(std::span<const PayrollRow> rows) {
    for (const PayrollRow& row : rows) OnPayroll(row);
  }
  virtual void OnHireIn(const HireInRow& row) {}
  // A run of hire-in rows in file order (as OnRegisterRows); OnHireIn on each by default.
  virtual void OnHireInRows(std::span<const HireInRow> rows) {
    for (const HireInRow& row : rows) OnHireIn(row);
  }
  virtual void OnEmployerHours(const EmployerHoursRow& row) {}
  virtual void OnSroi(const SroiRow& row) {}
  virtual void OnInvalidRow(const InvalidRow& row) {}
  // A sink whose result does not depend on the order of the payroll rows, and
  // that needs no OnInvalidRow for them, may take them from several threads:
  // one part per thread, merged (in any order) after the file was read. The
  // default, nullptr, has the rows handed one by one in file order.
  // `file_rows`: about how many rows the file has at most (from its size);
  // this is part number `part` (from 0, merged in that order) of `parts` that
  // share them. A hint for the part's tables.
  virtual std::unique_ptr<PayrollPart> NewPayrollPart(std::size_t file_rows, std::size_t part, std::size_t parts) {
    return nullptr;
  }
  virtual void MergePayrollPart(std::unique_ptr<PayrollPart> part) {}
  // True for a sink that needs no OnInvalidRow for register.csv, hire_in.csv
  // and employer_hours.csv: then these files are validated on several threads.
  // OnRegister, OnHireIn and OnEmployerHours still come in file order and never two at
  // once, but possibly from different threads, while other threads validate
  // later rows (they read nothing of the sink). The default, false, has the
  // files read row by row on the calling thread.
  virtual bool TakesValidRowsOnly() const { return false; }
  // True for a sink that takes register.csv, payroll.csv and hire_in.csv a
  // part at a time (OnRegisterRows, OnPayrollRows, OnHireInRows) with their
  // invalid rows: then these files are validated on several threads, and each
  // part's invalid rows come (OnInvalidRow, in line order) just before its
  // valid rows; the parts in file order, never two at once, possibly from
  // different threads. The default, false, has them read row by row.
  virtual bool TakesRowsInParts() const { return false; }
  // False for a sink whose caller needs no file hashes (LoadOptions::hash_files):
  // then FileInfo::sha256 stays empty. The default, true, hashes every file.
  virtual bool HashesFiles() const { return true; }
};

// Reads and validates every file of the delivery in `directory`, recording
// findings and file information in `report` (its findings, counts and files;
// nothing else of it is touched) and handing each row to `sink`.
void ValidateDelivery(const std::filesystem::path& directory, Delivery& report, RowSink& sink);

// Builds the in-memory tables of a Delivery from rows (counting.md §3 rule 2:
// payroll summed per person, employer and month). Keeps only payroll and
// hire-in rows inside the months of `options` and of persons in the register.
class DeliveryAggregator : public RowSink {
 public:
  DeliveryAggregator(Delivery& delivery, const LoadOptions& options);
  ~DeliveryAggregator() override;
  void OnEmployer(const Employer& employer, std::int64_t line) override;
  void OnRegister(const RegisterRow& row) override;
  void OnRegisterRows(std::span<const RegisterRow> rows) override;
  void OnTarget(const Target& target, std::int64_t line) override;
  void OnPayroll(const PayrollRow& row) override;
  void OnHireIn(const HireInRow& row) override;
  void OnHireInRows(std::span<const HireInRow> rows) override;
  void OnEmployerHours(const EmployerHoursRow& row) override;
  void OnSroi(const SroiRow& row) override;
  std::unique_ptr<PayrollPart> NewPayrollPart(std::size_t file_rows, std::size_t part, std::size_t parts) override;
  void MergePayrollPart(std::unique_ptr<PayrollPart> part) override;
  bool TakesValidRowsOnly() const override { return true; }
  bool HashesFiles() const override;
  // Room for about `rows` payroll cells (a hint from the file's size, so that
  // the table does not grow by doubling, each time into new memory).
  // REQUIRES: before the first payroll row.
  void ReservePayroll(std::size_t rows);
  // The same for the employer hours. REQUIRES: before the first employer-hours row.
  void ReserveEmployerHours(std::size_t rows);
  // Whether a numbered row of `number` needs its person_id: false once the
  // person of that number was looked up (a register row, or a payroll, hire-in
  // or social-return row inside the months). A payroll, hire-in or
  // social-return row of a number that needs none may come with an empty
  // person_id (store::ImportCacheFeed: the id of every row of a national
  // delivery was a cache miss); register rows always carry theirs.
  bool NeedsPersonId(std::uint32_t number) const;
  // Sorts the tables and warns about hire-in rows with no payroll behind them.
  // Throws SumOverflow (common/checked_sum.h) when a sum of hours or wages did
  // not fit in int64 (never for rows the validator passed, but for a wage
  // column of billions of euros in very many rows).
  void Finish();

  struct Impl;  // defined in aggregate.cc, shared with its payroll parts

 private:
  std::unique_ptr<Impl> impl_;
};

// The last step of building a Delivery's tables, whatever they came from:
// sorts them (counting.md §3 needs payroll and hire-in by person), sums hire-in
// rows of the same (person, lender, hirer, month), and warns about hire-in
// rows with no payroll behind them. Throws SumOverflow when a sum does not fit.
void FinishTables(Delivery& d);

}  // namespace banenmonitor::data
