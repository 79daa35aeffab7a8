// Two lookup tables of the validator (src/data/validate.cc), kept apart from
// it for the size of that file: employers by loonheffingennummer, and the
// first line of every (employer, month) of employer_hours.csv.
#pragma once

#include <bit>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "banenmonitor/delivery.h"

namespace banenmonitor::data {

// Employers by their loonheffingennummer as a number (EmployerKey, 11 digits,
// below 2^37) -> index in employers.csv, for the lookup of every payroll,
// hire-in and employer-hours row. Why not FlatHashMap64: its slots are 16
// bytes, so a national list of employers (32,000) took 1 MiB, more than a
// core's L2 cache, and almost every lookup missed it. Here a slot is 8 bytes:
// (key + 1) << 27 | index, 0 when empty, at most half full. Indexes from 2^27
// on are not kept (the caller falls back to its map by id).
class EmployerKeyTable {
 public:
  EmployerKeyTable() { slots_.assign(1024, 0); }
  // Adds `key`, which is not in the table yet.
  void Insert(std::uint64_t key, std::uint32_t index) {
    if (index >= (std::uint32_t{1} << kIndexBits)) return;
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    Place(((key + 1) << kIndexBits) | index);
    ++size_;
  }
  // Fetches the slot of `key` into the cache ahead of a Find (a national table
  // is larger than what stays cached between two rows).
  void Prefetch(std::uint64_t key) const { __builtin_prefetch(&slots_[Slot(key)]); }
  // The index of `key`, or -1.
  std::int64_t Find(std::uint64_t key) const {
    const std::uint64_t tag = key + 1;
    for (std::size_t i = Slot(key);; i = (i + 1) & mask_) {
      std::uint64_t s = slots_[i];
      if (s == 0) return -1;
      if ((s >> kIndexBits) == tag) return static_cast<std::int64_t>(s & ((std::uint64_t{1} << kIndexBits) - 1));
    }
  }

 private:
  static constexpr int kIndexBits = 27;
  std::size_t Slot(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void Place(std::uint64_t slot) {
    std::size_t i = Slot((slot >> kIndexBits) - 1);
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = slot;
  }
  void Grow() {
    std::vector<std::uint64_t> old(slots_.size() * 2, 0);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    shift_ = 64 - std::countr_zero(slots_.size());
    for (std::uint64_t s : old) {
      if (s != 0) Place(s);
    }
  }
  std::vector<std::uint64_t> slots_;
  std::size_t mask_ = 1023;
  int shift_ = 54;  // 64 - log2(1024)
  std::size_t size_ = 0;
};

// The line of the first row of every (employer, month) of employer_hours.csv,
// for its rule "one row per employer and month". Why not one hash map over all
// rows: a national file has millions of rows, and a lookup per row at a random
// place of a large map misses the cache every time (it was the largest serial
// cost of reading the file). The file comes month by month, so the lines are
// kept per month in an array over the employers: the current month's array
// stays in the cache. Months beyond kDenseBytes of arrays go to a hash map.
class EmployerHoursFirstLines {
 public:
  explicit EmployerHoursFirstLines(std::size_t employers) : employers_(employers) {}

  // The line of the first row of (employer, month), or 0 when there was none:
  // then `line` (> 0) is recorded as that first row.
  std::int64_t FirstOrRecord(EmployerIndex employer, MonthIndex month, std::int64_t line) {
    std::int64_t* lines = Month(month);
    if (lines == nullptr) {
      auto [it, inserted] = other_.emplace((std::uint64_t{employer} << 32) | static_cast<std::uint32_t>(month), line);
      return inserted ? 0 : it->second;
    }
    std::int64_t& first = lines[employer];
    if (first != 0) return first;
    first = line;
    return 0;
  }

 private:
  static constexpr std::size_t kDenseBytes = std::size_t{256} << 20;
  std::int64_t* Month(MonthIndex month) {
    if (month == last_month_ && last_ != nullptr) return last_;
    auto it = dense_.find(month);
    if (it == dense_.end()) {
      if ((dense_.size() + 1) * employers_ * sizeof(std::int64_t) > kDenseBytes) return nullptr;
      it = dense_.emplace(month, std::vector<std::int64_t>(employers_, 0)).first;
    }
    last_month_ = month;
    last_ = it->second.data();
    return last_;
  }

  std::size_t employers_;
  std::unordered_map<MonthIndex, std::vector<std::int64_t>> dense_;
  std::unordered_map<std::uint64_t, std::int64_t> other_;  // (employer, month) -> line, when not dense
  MonthIndex last_month_ = 0;
  std::int64_t* last_ = nullptr;
};

}  // namespace banenmonitor::data
