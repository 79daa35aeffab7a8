// libFuzzer target: the CSV reader (src/data/csv_reader.h) on arbitrary bytes.
//
// The first input byte chooses the mode: its high bit the memory mode (a part
// of a file in memory, as the parallel reader of large files uses it; "quote
// free" when the part holds no '"'), else the stream mode with an initial
// buffer of 64 bytes to 16 KiB, so records that straddle a refill are reached
// with small inputs; its bit 6 lets the stream reader detect the separator
// (';' or ',') from the first record.
// Besides "no crash, no sanitizer report", it checks the reader's contract:
// every byte is read and hashed exactly once, fields lie inside the buffer,
// lines only grow.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>
#include <string_view>

#include "data/csv_reader.h"
#include "data/sha256.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "contract violated: %s\n", what);
    std::abort();
  }
}

}  // namespace

// Memory mode: the same contract without the hash (the caller hashes the file).
void ReadFromMemory(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;  // a part is never empty (and memchr may not be given a null pointer)
  std::vector<char> bytes(data, data + size);
  bool quote_free = std::memchr(bytes.data(), '"', bytes.size()) == nullptr;
  banenmonitor::data::CsvReader reader(bytes.data(), bytes.data() + bytes.size(), 7, quote_free);
  banenmonitor::data::CsvRecord record;
  banenmonitor::data::CsvError error;
  std::int64_t last_line = 6;
  while (reader.Next(record, error)) {
    Check(record.line > last_line, "record lines increase from the first line");
    last_line = record.line;
    for (std::string_view field : record.fields) {
      Check(field.empty() || (field.data() >= bytes.data() && field.data() + field.size() <= bytes.data() + bytes.size()),
            "fields lie inside the part");
    }
  }
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::uint8_t mode = data[0];
  std::size_t buffer_size = std::size_t{64} << (mode % 9);
  ++data;
  --size;
  if (mode & 0x80) {
    ReadFromMemory(data, size);
    return 0;
  }
  std::FILE* f = fmemopen(nullptr, size + 1, "w+b");
  if (f == nullptr) return 0;
  if (size > 0) std::fwrite(data, 1, size, f);
  std::rewind(f);
  // Bit 6: the separator is detected from the first record (as for a delivery file), else ','.
  banenmonitor::data::CsvReader reader(f, buffer_size, (mode & 0x40) ? '\0' : ',');
  banenmonitor::data::CsvRecord record;
  banenmonitor::data::CsvError error;
  std::int64_t last_line = 0;
  std::size_t records = 0;
  while (reader.Next(record, error)) {
    Check(record.line > last_line, "record lines increase");
    last_line = record.line;
    Check(!record.fields.empty(), "a record has at least one field");
    std::size_t total = 0;
    for (std::string_view field : record.fields) total += field.size();
    Check(total <= size, "fields are no longer than the input");
    if (!error.message.empty()) {
      Check(error.line == record.line, "an error names its record");
      Check(error.kind == banenmonitor::data::CsvError::Kind::kTooLong ? error.column == 0 : error.column >= 1,
            "a quoting error names its field, a record too long none");
    }
    Check(++records <= size, "no more records than bytes");
  }
  Check(!reader.read_failed(), "reading memory does not fail");
  Check(reader.bytes_read() == size, "every byte is read");
  Check(reader.Sha256Hex() == banenmonitor::data::Sha256::Of(std::string_view(reinterpret_cast<const char*>(data), size)),
        "the hash covers exactly the bytes read");
  std::fclose(f);
  return 0;
}
