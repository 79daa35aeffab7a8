#include "data/csv_reader.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/lang.h"

namespace banenmonitor::data {

CsvReader::CsvReader(std::FILE* stream, std::size_t buffer_size, char separator)
    : stream_(stream), buffer_(buffer_size < 64 ? 64 : buffer_size), separator_(separator) {}

CsvReader::CsvReader(char* begin, char* end, std::int64_t first_line, bool quote_free, char separator)
    : stream_(nullptr), quote_free_(quote_free), separator_(separator == 0 ? ',' : separator), external_(begin),
      end_(static_cast<std::size_t>(end - begin)), eof_(true), first_(false), line_(first_line) {}

bool CsvReader::Fill() {
  if (eof_ || external_ != nullptr) return false;
  if (pos_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
  std::size_t n = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, stream_);
  if (n == 0) {
    eof_ = true;
    if (std::ferror(stream_)) read_failed_ = true;
    return false;
  }
  if (hash_) hasher_.Update(buffer_.data() + end_, n);
  bytes_read_ += n;
  end_ += n;
  return true;
}

void CsvReader::SplitSimple(const char* begin, const char* end, CsvRecord& record) {
  record.fields.clear();
  const char* p = begin;
  for (;;) {
    const char* comma = static_cast<const char*>(std::memchr(p, separator(), static_cast<std::size_t>(end - p)));
    if (comma == nullptr) {
      record.fields.emplace_back(p, static_cast<std::size_t>(end - p));
      return;
    }
    record.fields.emplace_back(p, static_cast<std::size_t>(comma - p));
    p = comma + 1;
  }
}

namespace {

// Splits the line that starts at `start` (no quote in it) at `sep` into
// `fields`, up to its '\n' or `limit`, whichever comes first, and returns that
// end. One pass: with SSE2 sixteen bytes at a time are compared with the
// separator and the line break at once, instead of one memchr for the line
// and one per field (fields of payroll.csv are 1 to 12 bytes).
const char* SplitToLineEnd(const char* start, const char* limit, char sep, std::vector<std::string_view>& fields) {
  fields.clear();
  const char* field = start;
  const char* p = start;
#if defined(__SSE2__)
  const __m128i line_break = _mm_set1_epi8('\n');
  const __m128i separator = _mm_set1_epi8(sep);
  while (limit - p >= 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    unsigned breaks = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, line_break)));
    unsigned seps = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, separator)));
    if (breaks != 0) seps &= (breaks & (0u - breaks)) - 1;  // only the separators before the first break
    while (seps != 0) {
      const char* at = p + __builtin_ctz(seps);
      fields.emplace_back(field, static_cast<std::size_t>(at - field));
      field = at + 1;
      seps &= seps - 1;
    }
    if (breaks != 0) {
      const char* end = p + __builtin_ctz(breaks);
      fields.emplace_back(field, static_cast<std::size_t>(end - field));
      return end;
    }
    p += 16;
  }
#endif
  for (; p < limit && *p != '\n'; ++p) {
    if (*p == sep) {
      fields.emplace_back(field, static_cast<std::size_t>(p - field));
      field = p + 1;
    }
  }
  fields.emplace_back(field, static_cast<std::size_t>(p - field));
  return p;
}

}  // namespace

bool CsvReader::NextQuoteFree(CsvRecord& record, CsvError& error) {
  char* base = data();
  while (pos_ < end_) {
    const char* start = base + pos_;
    const char* limit = base + end_;
    const char* line_end = SplitToLineEnd(start, limit, separator_, record.fields);
    const std::int64_t record_line = line_++;
    pos_ = line_end < limit ? static_cast<std::size_t>(line_end + 1 - base) : end_;
    const char* content_end = line_end;
    if (content_end > start && content_end[-1] == '\r') {
      --content_end;
      record.fields.back().remove_suffix(1);  // the '\r' is the last byte of the last field
    }
    if (content_end == start) continue;  // empty line
    if (static_cast<std::size_t>(content_end - start) > kMaxRecordBytes) return TooLong(record, error, record_line, 0);
    record.line = record_line;
    return true;
  }
  return false;
}

// Splits a record that contains quotes, unescaping "" in place (the unescaped
// text is never longer than the raw text, so it fits where it came from).
bool CsvReader::SplitQuoted(char* begin, char* end, CsvRecord& record, CsvError& error) {
  record.fields.clear();
  char* p = begin;
  int column = 1;
  bool ok = true;
  const char sep = separator();
  auto fail = [&](std::string message) {
    if (ok) {
      error.kind = CsvError::Kind::kQuoting;
      error.line = record.line;
      error.column = column;
      error.message = std::move(message);
    }
    ok = false;
  };
  for (;;) {
    char* out = p;
    char* field_start = p;
    if (p < end && *p == '"') {
      ++p;
      bool closed = false;
      while (p < end) {
        if (*p == '"') {
          if (p + 1 < end && p[1] == '"') {
            *out++ = '"';
            p += 2;
          } else {
            ++p;
            closed = true;
            break;
          }
        } else {
          *out++ = *p++;
        }
      }
      if (!closed) {
        fail(Say("een veld tussen aanhalingstekens is niet gesloten (verwacht een sluitend '\"')",
                 "a quoted field is not closed (expected a closing '\"')"));
      }
      if (p < end && *p != sep) {
        fail(Say("tekst na een sluitend aanhalingsteken (verwacht '{}' of het einde van de regel)",
                 "text after a closing quote (expected '{}' or the end of the line)", sep));
        while (p < end && *p != sep) *out++ = *p++;
      }
    } else {
      while (p < end && *p != sep) {
        if (*p == '"') {
          fail(Say("een aanhalingsteken in een veld zonder aanhalingstekens (verwacht het hele veld tussen "
                   "aanhalingstekens, met \"\" voor een aanhalingsteken)",
                   "a quote inside an unquoted field (expected the whole field in quotes, with \"\" for a quote)"));
        }
        *out++ = *p++;
      }
    }
    record.fields.emplace_back(field_start, static_cast<std::size_t>(out - field_start));
    if (p >= end) break;
    ++p;  // the separator
    ++column;
  }
  return ok;
}

void CsvReader::DetectSeparator(const char* begin, const char* end) {
  bool in_quotes = false, comma = false, semicolon = false, text = false;
  for (const char* p = begin; p < end; ++p) {
    if (*p == '"') in_quotes = !in_quotes;
    text = text || (*p != ' ' && *p != '\t' && *p != ',' && *p != ';' && *p != '\r');
    if (in_quotes) continue;
    comma = comma || *p == ',';
    semicolon = semicolon || *p == ';';
  }
  if (!text) return;  // a blank line before the header: decided by the next record
  separator_ = semicolon && !comma ? ';' : ',';
}

bool CsvReader::TooLong(CsvRecord& record, CsvError& error, std::int64_t record_line, std::int64_t newlines) {
  if (separator_ == 0) separator_ = ',';
  record.line = record_line;
  record.fields.assign(1, std::string_view{});
  error.kind = CsvError::Kind::kTooLong;
  error.line = record_line;
  error.column = 0;
  if (newlines == 0) {
    error.message = Say("regel {} is langer dan 1 MiB en wordt overgeslagen (verwacht één rij per regel van hooguit "
                        "1.048.576 bytes: is dit een CSV-bestand?)",
                        "line {} is longer than 1 MiB and is skipped (expected one row per line of at most "
                        "1,048,576 bytes: is this a CSV file?)",
                        record_line);
  } else {
    error.message = Say("de rij vanaf regel {} is langer dan 1 MiB en wordt overgeslagen (verwacht rijen van hooguit "
                        "1.048.576 bytes: staat er een aanhalingsteken dat niet gesloten wordt?)",
                        "the row from line {} on is longer than 1 MiB and is skipped (expected rows of at most "
                        "1,048,576 bytes: is there a quote that is never closed?)",
                        record_line);
  }
  return true;
}

bool CsvReader::SkipLongRecord(CsvRecord& record, CsvError& error) {
  // The record's end, found as the slow path of Next finds it (a '\n' outside
  // quotes), scanning what is buffered and discarding it as it goes.
  const std::int64_t record_line = line_;
  bool in_quotes = false;
  std::int64_t newlines = 0;
  for (;;) {
    char* base = data();
    for (std::size_t i = pos_; i < end_; ++i) {
      char c = base[i];
      if (c == '"' && !quote_free_) {
        in_quotes = !in_quotes;
      } else if (c == '\n') {
        if (!in_quotes) {
          pos_ = i + 1;
          line_ += newlines + 1;
          return TooLong(record, error, record_line, newlines);
        }
        ++newlines;
      }
    }
    pos_ = end_;  // all of it belongs to the long record
    if (!Fill()) break;
  }
  line_ += newlines + 1;
  return TooLong(record, error, record_line, newlines);
}

bool CsvReader::Next(CsvRecord& record, CsvError& error) {
  error.message.clear();
  if (external_ != nullptr && quote_free_ && separator_ != 0) return NextQuoteFree(record, error);
  for (;;) {
    if (pos_ == end_ && !Fill()) return false;
    if (first_) {
      while (end_ - pos_ < 3 && Fill()) {
      }
      if (end_ - pos_ >= 3 && std::memcmp(data() + pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
      first_ = false;
      continue;
    }
    // Find the end of the record. Fast path: a line without quotes.
    char* base = data();
    char* start = base + pos_;
    char* limit = base + end_;
    char* nl = static_cast<char*>(std::memchr(start, '\n', static_cast<std::size_t>(limit - start)));
    if (nl == nullptr && !eof_) {
      if (static_cast<std::size_t>(limit - start) > kMaxRecordBytes) return SkipLongRecord(record, error);
      Fill();
      continue;
    }
    char* line_end = nl != nullptr ? nl : limit;
    bool has_quote = !quote_free_ && std::memchr(start, '"', static_cast<std::size_t>(line_end - start)) != nullptr;
    if (!has_quote) {
      char* content_end = line_end;
      if (content_end > start && content_end[-1] == '\r') --content_end;
      std::int64_t record_line = line_++;
      pos_ = nl != nullptr ? static_cast<std::size_t>(nl + 1 - base) : end_;
      if (content_end == start) continue;  // empty line
      if (static_cast<std::size_t>(content_end - start) > kMaxRecordBytes) return TooLong(record, error, record_line, 0);
      if (separator_ == 0) DetectSeparator(start, content_end);
      record.line = record_line;
      SplitSimple(start, content_end, record);
      return true;
    }
    // Slow path: a quoted field may hold commas and line breaks.
    bool in_quotes = false;
    std::int64_t newlines = 0;
    char* p = start;
    char* record_end = nullptr;
    for (; p < limit; ++p) {
      if (*p == '"') {
        in_quotes = !in_quotes;  // "" toggles twice: correct for escaped quotes
      } else if (*p == '\n') {
        if (!in_quotes) {
          record_end = p;
          break;
        }
        ++newlines;
      }
    }
    if (record_end == nullptr && !eof_) {
      if (static_cast<std::size_t>(limit - start) > kMaxRecordBytes) return SkipLongRecord(record, error);
      Fill();
      continue;
    }
    char* content_end = record_end != nullptr ? record_end : limit;
    if (!in_quotes && content_end > start && content_end[-1] == '\r') --content_end;
    const std::int64_t record_line = line_;
    line_ += newlines + 1;
    pos_ = record_end != nullptr ? static_cast<std::size_t>(record_end + 1 - base) : end_;
    if (static_cast<std::size_t>(content_end - start) > kMaxRecordBytes) {
      return TooLong(record, error, record_line, newlines);
    }
    if (separator_ == 0) DetectSeparator(start, content_end);
    record.line = record_line;
    SplitQuoted(start, content_end, record, error);
    return true;
  }
}

}  // namespace banenmonitor::data
