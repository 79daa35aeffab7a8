// A streaming RFC 4180 CSV reader that knows where every record starts.
//
// Why our own and not Debian's libcsv: the delivery rules need the physical
// line of each record and the column of each field for every message
// (FILE:LINE:COLUMN), a SHA-256 of the exact bytes read for provenance, and a
// zero-copy inner loop for national volumes (10 million rows a month). libcsv
// reports neither positions nor offers a way to hash what it read, and copies
// every field through a callback. This reader is ~250 lines and fuzzed.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "data/sha256.h"

namespace banenmonitor::data {

struct CsvRecord {
  std::vector<std::string_view> fields;  // valid until the next call to Next()
  std::int64_t line = 0;                 // physical line where the record starts (1-based)
};

// A structural fault of one record (bad quoting, or longer than
// kMaxRecordBytes). The record is skipped.
struct CsvError {
  enum class Kind : std::uint8_t { kQuoting, kTooLong };
  Kind kind = Kind::kQuoting;
  std::int64_t line = 0;
  int column = 0;  // 1-based field position; 0 for a record too long
  std::string message;
};

// The longest record read: a physical line, or a quoted record over several
// lines, of more bytes (line break excluded) is an error.
inline constexpr std::size_t kMaxRecordBytes = std::size_t{1} << 20;

class CsvReader {
 public:
  // Reads from an open stream (not owned). `buffer_size` is the initial read
  // size. `separator` separates the fields; 0 detects it from the first
  // record (the header): ';' when that has a ';' and no ',' outside quotes
  // (what a Dutch Excel writes as CSV), else ','.
  explicit CsvReader(std::FILE* stream, std::size_t buffer_size = 1 << 20, char separator = ',');
  // Reads the records of [begin, end), a part of a file in memory that starts
  // at a line boundary on physical line `first_line` (no byte order mark, no
  // hash). Fields of a quoted record are unescaped in place. `quote_free`:
  // the caller knows the range holds no '"', so no line is searched for one.
  CsvReader(char* begin, char* end, std::int64_t first_line, bool quote_free = false, char separator = ',');

  // Reads the next record. Returns false at end of input. A record with a
  // quoting fault is reported through `error` (error->message non-empty) and
  // returned with whatever fields could be split, so the caller can count it.
  // A record longer than kMaxRecordBytes is reported (kind kTooLong) and
  // returned as one empty field; it is skipped without being held in memory
  // (at most about 2 x kMaxRecordBytes are buffered). Empty lines are
  // skipped. A UTF-8 byte order mark at the start is dropped; "\r\n" and
  // "\n" both end a record.
  bool Next(CsvRecord& record, CsvError& error);

  // The field separator: ',' or ';' (known once the first record was read).
  char separator() const { return separator_ == 0 ? ',' : separator_; }

  // Bytes read so far and their SHA-256 (complete after Next() returned false).
  std::uint64_t bytes_read() const { return bytes_read_; }
  // Empty after SkipHash().
  std::string Sha256Hex() { return hash_ ? hasher_.HexDigest() : std::string(); }
  // Reads without hashing (LoadOptions::hash_files). REQUIRES: before the first Next().
  void SkipHash() { hash_ = false; }
  bool read_failed() const { return read_failed_; }
  // The file offset of the next unread record and its physical line (stream mode).
  std::uint64_t offset() const { return bytes_read_ - (end_ - pos_); }
  std::int64_t line() const { return line_; }

 private:
  bool Fill();  // reads more input behind end_; false when nothing more came
  void SplitSimple(const char* begin, const char* end, CsvRecord& record);
  // Next() of a part known to hold no quote (REQUIRES: external_, quote_free_,
  // separator_ != 0): one pass over each line finds its separators and its end.
  bool NextQuoteFree(CsvRecord& record, CsvError& error);
  bool SplitQuoted(char* begin, char* end, CsvRecord& record, CsvError& error);
  void DetectSeparator(const char* begin, const char* end);
  // Reports the record at pos_ (physical line line_) as too long, consumes it
  // to its end (reading and discarding the input behind it) and returns it.
  bool SkipLongRecord(CsvRecord& record, CsvError& error);
  bool TooLong(CsvRecord& record, CsvError& error, std::int64_t record_line, std::int64_t newlines);

  char* data() { return external_ != nullptr ? external_ : buffer_.data(); }

  std::FILE* stream_;
  std::vector<char> buffer_;
  bool quote_free_ = false;
  char separator_ = ',';  // 0 until detected from the first record
  char* external_ = nullptr;  // memory mode: the records, [external_, external_ + end_)
  std::size_t pos_ = 0;  // start of unparsed data
  std::size_t end_ = 0;  // end of valid data
  bool eof_ = false;
  bool read_failed_ = false;
  bool first_ = true;
  std::int64_t line_ = 1;  // physical line at pos_
  std::uint64_t bytes_read_ = 0;
  Sha256 hasher_;
  bool hash_ = true;
};

}  // namespace banenmonitor::data
