// Person ids -> PersonIndex, for the lookup of every payroll row.
//
// Why not std::unordered_map<std::string, ...>: at national scale the person
// lookup was a quarter to 40 % of a count (bench/README.md): a node per id, a
// string hash and compare, and a cache miss per pointer. This index is two flat
// arrays with linear probing, keyed by a 64-bit fingerprint that fits the ids of
// the data contract: a 9-digit id (a BSN) is its own number, tagged with the top
// bit, so it needs no string compare at all; any other id (a pseudonym, 64 hex
// digits) is hashed and its text checked against the stored id. A slot holds
// key and value together: one cache line per probe, not two (at national scale
// the table is 8 MiB, probed once per row of an import).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace banenmonitor::data {

class PersonIdIndex {
 public:
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};

  explicit PersonIdIndex(std::size_t expected = 1 << 16) { Rehash(Capacity(expected)); }

  // The index of `id` among `ids` (which this index was built along), or kNone.
  std::uint32_t Find(std::string_view id, const std::vector<std::string>& ids) const {
    return FindKey(Fingerprint(id), id, ids);
  }

  // For lookups in batches: the key of `id` (computed once), a hint to bring
  // its first slot into the cache ahead of FindKey, and Find by that key. A
  // batch of rows that prefetches each row's slot before the first FindKey
  // waits for one cache miss per batch instead of one per row.
  static std::uint64_t KeyOf(std::string_view id) { return Fingerprint(id); }
  void Prefetch(std::uint64_t key) const { __builtin_prefetch(&slots_[Slot(key)]); }
  // REQUIRES: key == KeyOf(id).
  std::uint32_t FindKey(std::uint64_t key, std::string_view id, const std::vector<std::string>& ids) const {
    const bool exact = IsExact(key);
    for (std::size_t i = Slot(key);; i = (i + 1) & mask_) {
      const Entry& e = slots_[i];
      if (e.key == kEmpty) return kNone;
      if (e.key == key && (exact || ids[e.value] == id)) return e.value;
    }
  }

  // The index of `id`; when absent, appends it to `ids` and returns its new index.
  std::uint32_t Intern(std::string_view id, std::vector<std::string>& ids) {
    return InternKey(Fingerprint(id), id, ids);
  }
  // Intern by a key from KeyOf. REQUIRES: key == KeyOf(id).
  std::uint32_t InternKey(std::uint64_t key, std::string_view id, std::vector<std::string>& ids) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Rehash(slots_.size() * 2);
    const bool exact = IsExact(key);
    for (std::size_t i = Slot(key);; i = (i + 1) & mask_) {
      Entry& e = slots_[i];
      if (e.key == kEmpty) {
        e.key = key;
        e.value = static_cast<std::uint32_t>(ids.size());
        ids.emplace_back(id);
        ++size_;
        return e.value;
      }
      if (e.key == key && (exact || ids[e.value] == id)) return e.value;
    }
  }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  static constexpr std::uint64_t kBsnTag = std::uint64_t{1} << 63;

  static bool IsExact(std::uint64_t key) { return (key & kBsnTag) != 0; }
  static std::uint64_t Fingerprint(std::string_view id) {
    if (id.size() == 9) {
      std::uint64_t v = 0;
      bool digits = true;
      for (char c : id) {
        digits &= c >= '0' && c <= '9';
        v = v * 10 + static_cast<std::uint64_t>(static_cast<unsigned char>(c) - '0');
      }
      if (digits) return kBsnTag | v;  // < 10^9: distinct ids, distinct keys, never kEmpty
    }
    return std::hash<std::string_view>{}(id) & ~kBsnTag;
  }
  static std::size_t Capacity(std::size_t expected) {
    std::size_t c = 16;
    while (c * 3 < expected * 4) c *= 2;
    return c;
  }
  std::size_t Slot(std::uint64_t key) const { return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_); }
  struct Entry {
    std::uint64_t key = kEmpty;
    std::uint32_t value = 0;
  };
  using Slots = std::vector<Entry>;

  void Rehash(std::size_t capacity) {
    Slots old(capacity);
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

  Slots slots_;
  std::size_t mask_ = 0;
  int shift_ = 64;
  std::size_t size_ = 0;
};

// What a lookup gave for each person number (data::kUnnumbered in
// row_sink.h): the lookup of a numbered row's id runs once per person instead
// of once per row. REQUIRES: one numbering per memo (equal numbers, equal
// ids), and a lookup whose answer for an id does not change while the memo is used.
//
// A sink that numbers persons as they first come, as the numbering sink does
// (store::ImportSink), gives every person the number the numbering gave it:
// while each new number is the next one and its lookup answers that number,
// the memo keeps no table and answers a number it has seen with the number
// itself, with no memory read (a table of a national delivery's persons is
// larger than a core's cache: one miss per row). At the first number that is
// not the next, or a lookup that answers another, it fills the table of what
// it answered so far and goes on with that.
class PersonNumberMemo {
 public:
  template <typename Lookup>
  std::uint32_t Get(std::uint32_t number, Lookup&& lookup) {
    if (same_) {
      if (number < seen_) return number;
      if (number == seen_) {
        const std::uint32_t v = lookup();
        if (v == number) {
          ++seen_;
          return v;
        }
        LeaveSame();
        values_[number] = v;
        return v;
      }
      LeaveSame();
    }
    if (number >= values_.size()) values_.resize(std::max<std::size_t>(number + std::size_t{1}, values_.size() * 2), kUnknown);
    std::uint32_t& v = values_[number];
    if (v == kUnknown) v = lookup();
    return v;
  }
  // Whether Get(number) answers without a lookup. kUnnumbered never does.
  bool Knows(std::uint32_t number) const {
    return same_ ? number < seen_ : number < values_.size() && values_[number] != kUnknown;
  }
  // Records that `number` gave `value`, as Get(number) with a lookup answering `value` would.
  // REQUIRES: `value` is the lookup's answer for the number's id.
  void Set(std::uint32_t number, std::uint32_t value) {
    Get(number, [value] { return value; });
  }
  void Clear() {
    values_.clear();
    same_ = true;
    seen_ = 0;
  }

 private:
  // Never a lookup's answer: indexes stay below 2^32 - 2 (PersonIdIndex::kNone is 2^32 - 1).
  static constexpr std::uint32_t kUnknown = ~std::uint32_t{0} - 1;
  // The table of what the numbers below seen_ gave (each itself), room for one more.
  void LeaveSame() {
    same_ = false;
    values_.assign(std::max<std::size_t>(seen_ + std::size_t{1}, 1024), kUnknown);
    for (std::uint32_t n = 0; n < seen_; ++n) values_[n] = n;
  }
  std::vector<std::uint32_t> values_;
  bool same_ = true;       // every number below seen_ gave itself, and no other number was asked
  std::uint32_t seen_ = 0;
};

}  // namespace banenmonitor::data
