// Fast CSV output (see csv_out.h).
#include "generate/csv_out.h"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "common/lang.h"

namespace banenmonitor::generate {

CsvOut::~CsvOut() {
  if (file_ != nullptr) std::fclose(file_);
}

Status CsvOut::Open(const std::filesystem::path& path, std::string_view header) {
  name_ = path.filename().string();
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    return Status::IoError(Say("{}: het bestand kan niet worden aangemaakt: {}", "{}: cannot create the file: {}",
                               path.string(), std::strerror(errno)));
  }
  buf_.reserve(kFlushBytes + (1u << 16));
  buf_.append(header);
  buf_.push_back('\n');
  return Status::Ok();
}

void CsvOut::Write(std::string_view text) {
  if (text.empty() || file_ == nullptr) return;
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) failed_ = true;
  bytes_ += text.size();
}

void CsvOut::Flush() {
  Write(buf_);
  buf_.clear();
}

Status CsvOut::Close() {
  Flush();
  if (file_ == nullptr) return Status::IoError(Say("{}: niet geopend", "{}: not open", name_));
  bool ok = std::fclose(file_) == 0 && !failed_;
  file_ = nullptr;
  if (!ok) return Status::IoError(Say("{}: schrijven mislukt (schijf vol?)", "{}: writing failed (disk full?)", name_));
  return Status::Ok();
}

void AppendUint(std::string& out, std::uint64_t v) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out.push_back(tmp[--n]);
}

void AppendCents(std::string& out, std::int64_t cents) {
  if (cents < 0) {
    out.push_back('-');
    cents = -cents;
  }
  AppendUint(out, static_cast<std::uint64_t>(cents / 100));
  out.push_back('.');
  out.push_back(static_cast<char>('0' + (cents / 10) % 10));
  out.push_back(static_cast<char>('0' + cents % 10));
}

void AppendFixed(std::string& out, std::uint64_t v, int width) {
  char tmp[24];
  for (int i = width - 1; i >= 0; --i) {
    tmp[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out.append(tmp, static_cast<std::size_t>(width));
}

void AppendDate(std::string& out, DayNumber day) {
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  AppendFixed(out, static_cast<std::uint64_t>(static_cast<int>(ymd.year())), 4);
  out.push_back('-');
  AppendFixed(out, static_cast<unsigned>(ymd.month()), 2);
  out.push_back('-');
  AppendFixed(out, static_cast<unsigned>(ymd.day()), 2);
}

void AppendMonth(std::string& out, MonthIndex m) {
  AppendFixed(out, static_cast<std::uint64_t>(YearOf(m)), 4);
  out.push_back('-');
  AppendFixed(out, static_cast<std::uint64_t>(MonthOf(m)), 2);
}

void AppendField(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(text);
    return;
  }
  out.push_back('"');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace banenmonitor::generate
