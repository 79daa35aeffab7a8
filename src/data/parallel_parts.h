// What reading one file on several threads needs (data/validate.cc): how many
// threads, and the valid rows of each part kept until they go on in file order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <deque>
#include <string>
#include <mutex>
#include <span>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "data/table_file.h"

namespace banenmonitor::data {

// Threads that read a large file: the machine's cores, at most 8; the
// environment variable BANENMONITOR_THREADS sets another number (1: one by one; at most 64).
inline int Workers() {
  if (const char* env = std::getenv("BANENMONITOR_THREADS"); env != nullptr && *env != '\0') {
    return std::clamp(std::atoi(env), 1, 64);
  }
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 8);
}

// Room for the rows of a part of `part_bytes` bytes, reserved at once instead of grown by doubling
// (each time into fresh memory, the old copied): the shortest row of register.csv, hire_in.csv and
// employer_hours.csv has some 26 bytes. A hint only: a file of shorter rows grows the vector as usual.
inline std::size_t RowsRoomFor(std::uintmax_t part_bytes) { return static_cast<std::size_t>(part_bytes / 24 + 1); }

// What ReadInParallel's threads read of each part of a file (a part's valid
// rows), kept per part from the moment a thread has read the part until it is
// handed on in file order (its in_order step). Put, Take, Recycle and Spare
// may be called from any thread.
template <typename PartResult>
class PartResults {
 public:
  // A result handed on and done with, kept to be filled again (Spare): its
  // memory is reused instead of freed and cleared again by the system for the
  // next part (a part's rows are megabytes).
  void Recycle(PartResult done) {
    std::lock_guard<std::mutex> lock(mutex_);
    spare_.push_back(std::move(done));
  }
  // A recycled result (the caller empties it), or a new one.
  PartResult Spare() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (spare_.empty()) return PartResult{};
    PartResult r = std::move(spare_.back());
    spare_.pop_back();
    return r;
  }
  void Put(std::size_t part, PartResult result) {
    std::lock_guard<std::mutex> lock(mutex_);
    parts_[part] = std::move(result);
  }
  // What was put for `part`, once; a default PartResult when nothing was or it was taken.
  PartResult Take(std::size_t part) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto node = parts_.extract(part);
    return node.empty() ? PartResult{} : std::move(node.mapped());
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::size_t, PartResult> parts_;
  std::vector<PartResult> spare_;
};

// The valid rows of one part, for a sink that takes them a part at a time.
// A row's person_id points into the part, which lives until the part's
// in-order step returns (TableFile::ReadInParallel); an id the reader restored
// (it lives in a buffer of the reading thread) is copied here.
template <typename Row>
struct PartRows {
  std::vector<Row> rows;
  std::deque<std::string> restored;  // stable addresses
  void Clear() {
    rows.clear();  // keeps its memory
    restored.clear();
  }
  void Add(Row row, bool id_restored) {
    if (id_restored) row.person_id = restored.emplace_back(row.person_id);
    rows.push_back(row);
  }
};

// Reads `f` on `workers` threads (TableFile::ReadInParallel): `read(part,
// rows)` appends the rows of one part to `rows` (a std::vector<Row>) on any
// thread, then `take(part, row)` gets each of those rows, part after part in
// file order, on one thread at a time. Returns false, having read nothing,
// when the file does not qualify: then read it one by one.
// REQUIRES: `read` is thread-safe for different parts.
template <typename Row, typename Read, typename Take>
bool ReadPartsInOrder(TableFile& f, int workers, Read&& read, Take&& take) {
  PartResults<std::vector<Row>> rows;
  return f.ReadInParallel(
      workers,
      [&](TableFile& part, int, std::size_t index) {
        std::vector<Row> read_rows = rows.Spare();
        read_rows.clear();
        read_rows.reserve(RowsRoomFor(part.file_bytes()));
        read(part, read_rows);
        rows.Put(index, std::move(read_rows));
      },
      [&](TableFile& part, std::size_t index) {
        std::vector<Row> taken = rows.Take(index);
        for (Row& row : taken) take(part, row);
        rows.Recycle(std::move(taken));
      });
}

// Reads `f` on `workers` threads (TableFile::ReadInParallel) for a sink that
// takes a part's rows at once: `read(part, emit)` validates one part on any
// thread and calls `emit(row, restored)` for each valid row (PartRows::Add),
// then `take(rows)` gets each part's rows (a std::span<const Row>), part after
// part in file order, on one thread at a time; with `invalid_rows`, the
// sink's OnInvalidRow gets each part's invalid rows just before (TableFile::
// KeepInvalidRows). Returns false, having read nothing, when the file does not
// qualify: then read it one by one.
// REQUIRES: `read` is thread-safe for different parts.
template <typename Row, typename Read, typename Take>
bool ReadPartRowsInOrder(TableFile& f, int workers, bool invalid_rows, Read&& read, Take&& take) {
  PartResults<PartRows<Row>> parts;
  return f.ReadInParallel(
      workers,
      [&](TableFile& part, int, std::size_t index) {
        if (invalid_rows) part.KeepInvalidRows();
        PartRows<Row> rows = parts.Spare();
        rows.Clear();
        rows.rows.reserve(RowsRoomFor(part.file_bytes()));
        read(part, [&](Row row, bool restored) { rows.Add(row, restored); });
        parts.Put(index, std::move(rows));
      },
      [&](TableFile& part, std::size_t index) {
        PartRows<Row> rows = parts.Take(index);
        if (invalid_rows) part.HandOnInvalidRows();
        take(std::span<const Row>(rows.rows));
        parts.Recycle(std::move(rows));
      });
}

}  // namespace banenmonitor::data
