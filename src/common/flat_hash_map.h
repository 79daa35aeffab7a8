// An open-addressing hash map from 64-bit keys to 32-bit values.
//
// Why not std::unordered_map: grouping payroll rows is the hot loop of a
// national count (10 million rows a month); std::unordered_map allocates a node
// per entry and chases a pointer per lookup. This table is two flat arrays with
// linear probing, which is all the grouping needs (insert and find, no erase).
#pragma once

#include <cstdint>
#include <vector>

namespace banenmonitor {

class FlatHashMap64 {
 public:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};  // a key that is never used

  explicit FlatHashMap64(std::size_t expected = 1024) { Rehash(Capacity(expected)); }

  // Returns a pointer to the value of `key`, inserting `value` when absent.
  // `inserted` tells which happened.
  std::uint32_t* FindOrInsert(std::uint64_t key, std::uint32_t value, bool& inserted) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Rehash(slots_.size() * 2);
    std::size_t i = Slot(key);
    for (;;) {
      Entry& e = slots_[i];
      if (e.key == key) {
        inserted = false;
        return &e.value;
      }
      if (e.key == kEmpty) {
        e.key = key;
        e.value = value;
        ++size_;
        inserted = true;
        return &e.value;
      }
      i = (i + 1) & mask_;
    }
  }

  // The value of `key`, or nullptr.
  const std::uint32_t* Find(std::uint64_t key) const {
    std::size_t i = Slot(key);
    for (;;) {
      const Entry& e = slots_[i];
      if (e.key == key) return &e.value;
      if (e.key == kEmpty) return nullptr;
      i = (i + 1) & mask_;
    }
  }

  // Removes every entry, keeping the capacity.
  void Clear() {
    for (auto& e : slots_) e.key = kEmpty;
    size_ = 0;
  }

  std::size_t size() const { return size_; }

 private:
  static std::size_t Capacity(std::size_t expected) {
    std::size_t c = 16;
    while (c * 3 < expected * 4) c *= 2;
    return c;
  }
  std::size_t Slot(std::uint64_t key) const {
    // Fibonacci hashing spreads packed keys whose low bits vary little.
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void Rehash(std::size_t capacity) {
    std::vector<Entry> old(capacity, Entry{kEmpty, 0});
    old.swap(slots_);
    mask_ = capacity - 1;
    shift_ = 64;
    for (std::size_t c = capacity; c > 1; c >>= 1) --shift_;
    for (const Entry& e : old) {
      if (e.key == kEmpty) continue;
      std::size_t j = Slot(e.key);
      while (slots_[j].key != kEmpty) j = (j + 1) & mask_;
      slots_[j] = e;
    }
  }

  struct Entry {
    std::uint64_t key;
    std::uint32_t value;
  };
  std::vector<Entry> slots_;
  std::size_t mask_ = 0;
  int shift_ = 64;
  std::size_t size_ = 0;
};

}  // namespace banenmonitor
