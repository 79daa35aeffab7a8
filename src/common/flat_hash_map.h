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
    if ((size_ + 1) * 4 > keys_.size() * 3) Rehash(keys_.size() * 2);
    std::size_t i = Slot(key);
    for (;;) {
      if (keys_[i] == key) {
        inserted = false;
        return &values_[i];
      }
      if (keys_[i] == kEmpty) {
        keys_[i] = key;
        values_[i] = value;
        ++size_;
        inserted = true;
        return &values_[i];
      }
      i = (i + 1) & mask_;
    }
  }

  // The value of `key`, or nullptr.
  const std::uint32_t* Find(std::uint64_t key) const {
    std::size_t i = Slot(key);
    for (;;) {
      if (keys_[i] == key) return &values_[i];
      if (keys_[i] == kEmpty) return nullptr;
      i = (i + 1) & mask_;
    }
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
    std::vector<std::uint64_t> old_keys(capacity, kEmpty);
    std::vector<std::uint32_t> old_values(capacity);
    old_keys.swap(keys_);
    old_values.swap(values_);
    mask_ = capacity - 1;
    shift_ = 64;
    for (std::size_t c = capacity; c > 1; c >>= 1) --shift_;
    size_ = 0;
    for (std::size_t i = 0; i < old_keys.size(); ++i) {
      if (old_keys[i] != kEmpty) {
        bool inserted;
        std::size_t j = Slot(old_keys[i]);
        while (keys_[j] != kEmpty) j = (j + 1) & mask_;
        keys_[j] = old_keys[i];
        values_[j] = old_values[i];
        ++size_;
        (void)inserted;
      }
    }
  }

  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> values_;
  std::size_t mask_ = 0;
  int shift_ = 64;
  std::size_t size_ = 0;
};

}  // namespace banenmonitor
