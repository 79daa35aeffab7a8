#include "data/table_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "data/fields.h"

namespace banenmonitor::data {

namespace {

std::string ColumnList(const std::vector<ColumnSpec>& columns) {
  std::string out;
  for (const auto& c : columns) {
    if (!out.empty()) out += ",";
    out += c.name;
  }
  return out;
}

}  // namespace

TableFile::TableFile(Delivery& delivery, RowSink& sink, const std::filesystem::path& dir, std::string name,
                     std::vector<ColumnSpec> columns, bool required_file)
    : delivery_(delivery), sink_(sink), name_(std::move(name)), columns_(std::move(columns)), positions_(columns_.size(), -1) {
  info_.name = name_;
  std::filesystem::path path = dir / name_;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (required_file) {
      delivery_.AddFinding({Finding::Severity::kError, name_, 0, 0, "missing-file",
                            fmt::format("required file is missing from {} (expected a CSV file with the columns {})",
                                        dir.string(), ColumnList(columns_))});
    }
    return;
  }
  info_.present = true;
  stream_ = std::fopen(path.c_str(), "rb");
  if (stream_ == nullptr) {
    delivery_.AddFinding({Finding::Severity::kError, name_, 0, 0, "unreadable-file",
                          fmt::format("cannot open the file: {}", std::strerror(errno))});
    return;
  }
  // A buffer as large as the file, up to 1 MiB (it grows for longer records):
  // small files, as in tests and fuzzing, need not clear a megabyte each.
  std::uintmax_t size = std::filesystem::file_size(path, ec);
  reader_.emplace(stream_, ec ? std::size_t{1} << 20 : static_cast<std::size_t>(std::clamp<std::uintmax_t>(size + 1, 4096, 1 << 20)));
  if (!reader_->Next(record_, csv_error_)) {
    delivery_.AddFinding({Finding::Severity::kError, name_, 0, 0, "empty-file",
                          fmt::format("the file is empty (expected a header row: {})", ColumnList(columns_))});
    return;
  }
  if (!csv_error_.message.empty()) {
    delivery_.AddFinding({Finding::Severity::kError, name_, csv_error_.line, csv_error_.column, "bad-header",
                          "header: " + csv_error_.message});
    return;
  }
  header_fields_ = record_.fields.size();
  for (auto h : record_.fields) header_names_.emplace_back(Trim(h));
  std::vector<std::string> missing;
  for (std::size_t f = 0; f < record_.fields.size(); ++f) {
    std::string_view h = Trim(record_.fields[f]);
    bool known = false;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (h == columns_[c].name) {
        known = true;
        if (positions_[c] >= 0) {
          delivery_.AddFinding({Finding::Severity::kError, name_, record_.line, static_cast<int>(f + 1),
                                "duplicate-column",
                                fmt::format("column '{}' appears twice in the header (expected each column once)", h)});
          return;
        }
        positions_[c] = static_cast<int>(f);
      }
    }
    if (!known) {
      delivery_.AddFinding({Finding::Severity::kWarning, name_, record_.line, static_cast<int>(f + 1),
                            "unknown-column",
                            fmt::format("column {} is not part of the data contract and is ignored (expected: {})",
                                        Quote(h), ColumnList(columns_))});
    }
  }
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c].required && positions_[c] < 0) missing.emplace_back(columns_[c].name);
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    delivery_.AddFinding({Finding::Severity::kError, name_, record_.line, 0, "missing-column",
                          fmt::format("the header lacks the column{} {} (expected the columns {}, in any order)",
                                      missing.size() > 1 ? "s" : "", list, ColumnList(columns_))});
    return;
  }
  usable_ = true;
}

TableFile::~TableFile() {
  if (!finished_) Finish();
}

void TableFile::ReportInvalid(std::string_view kind, std::string_view reason) {
  sink_.OnInvalidRow(InvalidRow{name_, record_.line, kind, reason, record_.fields, header_names_});
}

void TableFile::EndRow() {
  if (row_pending_ && !row_valid_) ReportInvalid(row_error_kind_, row_error_message_);
  row_pending_ = false;
}

bool TableFile::NextRow() {
  EndRow();
  if (!usable_) return false;
  for (;;) {
    if (!reader_->Next(record_, csv_error_)) return false;
    ++info_.rows;
    row_valid_ = true;
    row_error_kind_.clear();
    row_error_message_.clear();
    if (!csv_error_.message.empty()) {
      delivery_.AddFinding({Finding::Severity::kError, name_, csv_error_.line, csv_error_.column, "bad-quoting",
                            csv_error_.message});
      ++info_.invalid_rows;
      ReportInvalid("bad-quoting", csv_error_.message);
      continue;
    }
    if (record_.fields.size() != header_fields_) {
      std::string message = fmt::format("the row has {} fields (expected {}, as in the header)",
                                        record_.fields.size(), header_fields_);
      delivery_.AddFinding({Finding::Severity::kError, name_, record_.line, 0, "field-count", message});
      ++info_.invalid_rows;
      ReportInvalid("field-count", message);
      continue;
    }
    row_pending_ = true;
    return true;
  }
}

std::string_view TableFile::Field(std::size_t index) const {
  int p = positions_[index];
  return p < 0 ? std::string_view{} : record_.fields[static_cast<std::size_t>(p)];
}

Finding TableFile::Make(Finding::Severity severity, int index, std::string kind, std::string message) const {
  int column = index >= 0 && positions_[static_cast<std::size_t>(index)] >= 0
                   ? positions_[static_cast<std::size_t>(index)] + 1
                   : 0;
  if (index >= 0) message = fmt::format("{}: {}", columns_[static_cast<std::size_t>(index)].name, message);
  return Finding{severity, name_, record_.line, column, std::move(kind), std::move(message)};
}

void TableFile::Error(std::size_t index, std::string kind, std::string message) {
  Finding f = Make(Finding::Severity::kError, static_cast<int>(index), std::move(kind), std::move(message));
  if (row_valid_) {
    ++info_.invalid_rows;
    row_error_kind_ = f.kind;
    row_error_message_ = f.message;
  }
  row_valid_ = false;
  delivery_.AddFinding(std::move(f));
}

void TableFile::Warning(int index, std::string kind, std::string message) {
  delivery_.AddFinding(Make(Finding::Severity::kWarning, index, std::move(kind), std::move(message)));
}

void TableFile::Finish() {
  if (finished_) return;
  EndRow();
  finished_ = true;
  if (reader_) {
    if (!usable_) {
      // Read the rest so that the hash and size describe the whole file.
      while (reader_->Next(record_, csv_error_)) {
      }
    }
    while (reader_->Next(record_, csv_error_)) ++info_.rows;  // only when the caller stopped early
    if (reader_->read_failed()) {
      delivery_.AddFinding({Finding::Severity::kError, name_, 0, 0, "read-error",
                            "the file could not be read to the end (input/output error)"});
    }
    info_.sha256 = reader_->Sha256Hex();
    info_.bytes = reader_->bytes_read();
  }
  if (stream_ != nullptr) std::fclose(stream_);
  stream_ = nullptr;
  delivery_.files.push_back(info_);
}

}  // namespace banenmonitor::data
