// Fast CSV output for the generator: rows are appended to a large std::string
// and written with fwrite in blocks of a few megabytes; numbers are formatted
// by hand (whole cents, fixed-width digits), not through iostreams.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "banenmonitor/delivery.h"
#include "banenmonitor/status.h"

namespace banenmonitor::generate {

// Euros as whole cents, rounded half up (amounts are never negative here).
inline std::int64_t Cents(double euros) { return static_cast<std::int64_t>(euros * 100.0 + 0.5); }

class CsvOut {
 public:
  CsvOut() = default;
  ~CsvOut();
  CsvOut(const CsvOut&) = delete;
  CsvOut& operator=(const CsvOut&) = delete;

  // Creates (or replaces) the file and writes the header line.
  Status Open(const std::filesystem::path& path, std::string_view header);
  // Ends a row; flushes when the buffer is full.
  void EndRow() {
    buf_.push_back('\n');
    ++rows_;
    if (buf_.size() >= kFlushBytes) Flush();
  }
  // Appends `text` holding `rows` complete rows (each ending in a newline).
  void AppendRows(std::string_view text, std::int64_t rows) {
    rows_ += rows;
    if (buf_.size() + text.size() > buf_.capacity()) Flush();  // no reallocation
    if (text.size() >= kFlushBytes) {
      Write(text);
    } else {
      buf_.append(text);
    }
  }
  Status Close();

  std::string& buf() { return buf_; }
  std::int64_t rows() const { return rows_; }
  std::uint64_t bytes() const { return bytes_; }
  const std::string& name() const { return name_; }

  static constexpr std::size_t kFlushBytes = 8u << 20;

 private:
  void Flush();
  void Write(std::string_view text);
  std::FILE* file_ = nullptr;
  std::string name_;
  std::string buf_;
  std::int64_t rows_ = 0;
  std::uint64_t bytes_ = 0;
  bool failed_ = false;
};

// Appends `v` in decimal.
void AppendUint(std::string& out, std::uint64_t v);
// Appends whole cents as "123.45" (non-negative).
void AppendCents(std::string& out, std::int64_t cents);
// Appends exactly `width` decimal digits of v (leading zeros).
void AppendFixed(std::string& out, std::uint64_t v, int width);
// Appends "YYYY-MM-DD".
void AppendDate(std::string& out, DayNumber day);
// Appends "YYYY-MM".
void AppendMonth(std::string& out, MonthIndex m);
// Appends a text field with RFC 4180 quoting where needed.
void AppendField(std::string& out, std::string_view text);

}  // namespace banenmonitor::generate
