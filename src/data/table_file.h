// One CSV file of a delivery, read by column name: header checks, field access
// by contract column, and findings with FILE:LINE:COLUMN.
#pragma once

#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "banenmonitor/delivery.h"
#include "data/csv_reader.h"
#include "data/row_sink.h"

namespace banenmonitor::data {

struct ColumnSpec {
  const char* name;
  bool required;  // a required column must be in the header (its values may still be empty where allowed)
  // For an optional column: what its absence from the header means, Dutch and
  // English ("every employer is taken as without organisation"), said in a
  // warning; nullptr when an absent column needs no word.
  const char* absent_nl = nullptr;
  const char* absent_en = nullptr;
};

// Reads the rows of one delivery file. Usage:
//   TableFile f(delivery, dir, "payroll.csv", kColumns, /*required_file=*/true);
//   while (f.NextRow()) { auto v = f.Field(kHours); ... f.Error(kHours, "bad-number", "..."); }
//   f.Finish();
class TableFile {
 public:
  // Invalid rows (with their raw fields) are handed to `sink` when the caller
  // moves on to the next row.
  TableFile(Delivery& delivery, RowSink& sink, const std::filesystem::path& dir, std::string name,
            std::vector<ColumnSpec> columns, bool required_file);
  ~TableFile();
  TableFile(const TableFile&) = delete;
  TableFile& operator=(const TableFile&) = delete;

  // False when the file is absent or unusable (missing required column); the
  // reason is already recorded as a finding.
  bool usable() const { return usable_; }
  // The file was in the delivery (a regular file that could be opened).
  bool present() const { return info_.present; }

  // The decimal mark of the file's numbers: ',' in a file whose header is
  // separated by ';' (what a Dutch Excel saves as CSV), else '.'.
  char decimal_mark() const { return decimal_mark_; }
  // For a number in column `index` of the current row that did not parse with
  // decimal_mark(): when it has the other form's decimal mark ('12,5' in a
  // file separated by ',', '12.5' in one separated by ';'), refuses the whole
  // file with one finding (kind "mixed-csv-form"; no further rows are read)
  // and returns true. Else false: the caller reports the value.
  bool RefuseMixedNumber(std::size_t index);

  // Advances to the next data row; rows with a structural fault (quoting, field
  // count) are reported and skipped. Returns false at the end.
  bool NextRow();

  // The text of contract column `index` in the current row ("" when the column
  // is optional and absent from the header).
  // Inline: it runs for every field of every row.
  std::string_view Field(std::size_t index) const {
    const int p = positions_[index];
    return p < 0 ? std::string_view{} : record_.fields[static_cast<std::size_t>(p)];
  }
  bool HasColumn(std::size_t index) const { return positions_[index] >= 0; }
  // The size of the file when it was opened, or of the part (ReadInParallel); 0 when it was not opened.
  std::uintmax_t file_bytes() const { return file_bytes_; }
  // The spreadsheet column (1-based field position) of contract column `index`; 0 when absent.
  int ColumnNumber(std::size_t index) const { return positions_[index] + 1; }
  const std::string& name() const { return name_; }

  // Records an error on column `index` of the current row and marks the row invalid.
  void Error(std::size_t index, std::string kind, std::string message);
  // Records a warning on column `index` of the current row (0-based contract index, or -1 for the row).
  void Warning(int index, std::string kind, std::string message);
  bool row_valid() const { return row_valid_; }
  std::int64_t line() const { return record_.line; }

  // Reads to the end (so the hash covers the whole file) and records FileInfo.
  void Finish();

  // Reads the remaining data rows on `workers` threads at once, when that
  // gives the same result as reading them one by one: the file is larger than
  // a few MiB and holds no '"' (so every '\n' ends a record). The rest of the
  // file is cut into parts at line boundaries; `body(part, worker, index)` is
  // called for each part, on the thread numbered `worker` (0 .. workers-1),
  // with a TableFile for the part's rows (the same NextRow/Field/Error/line()
  // as this one, lines exact); `index` numbers the parts in file order. Then,
  // when given, `in_order(part, index)` is called for each part in file order
  // as soon as that part and all parts before it are read: never two calls at
  // once, possibly on different threads, while other parts are still being
  // read; the fields the part's rows pointed to stay valid until it returns.
  // It is the place for checks across rows of different parts
  // (ErrorOnEarlierRow) and for handing rows on in file order. Findings and
  // row counts of the parts are added here in file order afterwards, and the
  // SHA-256 covers the whole file. Invalid rows are not handed to the sink.
  // The parts are copied into buffers (pread), never mapped; a file that
  // becomes shorter while its parts are read gets an error "unreadable-file".
  // Returns false, having read nothing, when the file does not qualify: then
  // read it with NextRow as usual.
  using PartBody = std::function<void(TableFile& part, int worker, std::size_t index)>;
  using PartInOrder = std::function<void(TableFile& part, std::size_t index)>;
  bool ReadInParallel(int workers, const PartBody& body, const PartInOrder& in_order = {});

  // Records an error on column `index` of an earlier row of this part, on
  // physical line `line` (invalid from now on; `row_was_valid` says whether it
  // was valid until now, so that it is counted as invalid once): the finding
  // is placed after the part's findings up to that line, as if it had been
  // recorded as the last check while that row was read. For a part in
  // ReadInParallel's `in_order`.
  void ErrorOnEarlierRow(std::int64_t line, std::size_t index, std::string kind, std::string message,
                         bool row_was_valid);

  // For a part in ReadInParallel's `body`: keep the part's invalid rows
  // (copied, as OnInvalidRow would get them) instead of dropping them, for
  // HandOnInvalidRows in its `in_order` step (a sink that quarantines them).
  // REQUIRES: the file's checks do not use ErrorOnEarlierRow.
  void KeepInvalidRows() { keep_invalid_ = true; }
  // Hands the part's kept invalid rows to the sink (OnInvalidRow), in line order, and forgets them.
  void HandOnInvalidRows();

  // A part of this file in memory, [begin, end) starting on physical line
  // `first_line`; its findings go to `findings`. For ReadInParallel.
  TableFile(const TableFile& whole, Delivery& findings, char* begin, char* end, std::int64_t first_line);

 private:
  void Open(const std::filesystem::path& dir);
  void ReadHeader();  // table_header.cc
  std::string ColumnList() const;
  static std::string NotUtf8Message();
  // True when the record holds nothing but spaces, tabs and separators (a
  // blank line, or a row of empty cells as a spreadsheet saves it).
  static bool IsBlankRecord(const CsvRecord& record);
  const char* NearestColumn(std::string_view field) const;
  // True when the current row's fields were split by the wrong separator (a
  // row of a file that mixes ';' and ','); then the file is refused.
  bool RefuseMixedRow();
  void RefuseForm(std::int64_t line, int column, std::string message);
  Finding Make(Finding::Severity severity, int index, std::string kind, std::string message) const;
  void EndRow();  // hands the current row to the sink when it was invalid
  void ReportInvalid(std::string_view kind, std::string_view reason);

  Delivery& delivery_;
  RowSink& sink_;
  std::string name_;
  std::vector<std::string> header_names_;
  bool row_pending_ = false;
  std::string row_error_kind_;
  std::string row_error_message_;
  std::vector<ColumnSpec> columns_;
  std::vector<int> positions_;  // contract column -> field position, -1 when absent
  std::size_t header_fields_ = 0;
  std::FILE* stream_ = nullptr;
  std::optional<CsvReader> reader_;
  CsvRecord record_;
  CsvError csv_error_;
  bool usable_ = false;
  bool required_file_ = false;
  char decimal_mark_ = '.';
  bool form_refused_ = false;  // RefuseForm: the rest of the file is not read as rows
  bool encoding_said_ = false;  // the file-level word on a file that is not UTF-8
  std::int64_t blank_rows_ = 0;  // rows of empty cells skipped (one warning in Finish)
  std::int64_t first_blank_line_ = 0;
  bool row_valid_ = true;
  bool finished_ = false;
  bool part_ = false;
  bool keep_invalid_ = false;  // KeepInvalidRows
  struct KeptInvalidRow {
    std::int64_t line = 0;
    std::string kind, reason;
    std::vector<std::string> fields;
  };
  std::vector<KeptInvalidRow> kept_invalid_;
  bool parallel_done_ = false;  // ReadInParallel read the rows: its hash and size describe the file
  std::string parallel_sha256_;
  std::uint64_t parallel_bytes_ = 0;  // a part of ReadInParallel: no file, no FileInfo
  std::filesystem::path path_;
  std::uintmax_t file_bytes_ = 0;
  FileInfo info_;
};

}  // namespace banenmonitor::data
