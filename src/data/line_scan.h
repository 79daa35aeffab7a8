// The first pass of reading a file on several threads (TableFile::ReadInParallel):
// how many line breaks a stretch of bytes holds and whether a quote is among them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace banenmonitor::data {

struct LineScan {
  std::int64_t newlines = 0;  // '\n' bytes
  bool quote = false;         // a '"' among the bytes
};

// Counts the '\n' in [p, p + n) and finds whether a '"' is there, in one pass of
// 64 bytes a step (GCC's vector types: 16-byte lanes on any target, no
// instruction set assumed). A pass of std::count and a memchr took three times
// as long (bench/README.md, the profile of count from CSV).
inline LineScan ScanLines(const char* p, std::size_t n) {
  using V = unsigned char __attribute__((vector_size(16)));
  constexpr std::size_t kStep = 64;
  const V newline = V{} + static_cast<unsigned char>('\n');
  const V quote = V{} + static_cast<unsigned char>('"');
  LineScan out;
  V quotes = {};
  std::size_t i = 0;
  while (n - i >= kStep) {
    // At most 63 steps per block: each byte of `counts` adds at most 4 a step (one per 16 bytes), 252 in all.
    const std::size_t end = i + std::min<std::size_t>((n - i) / kStep, 63) * kStep;
    V counts = {};
    for (; i < end; i += kStep) {
      V v[4];
      std::memcpy(v, p + i, kStep);
      for (const V& x : v) {
        counts -= reinterpret_cast<V>(x == newline);  // a match is all ones: -(-1) = +1
        quotes |= reinterpret_cast<V>(x == quote);
      }
    }
    for (int k = 0; k < 16; ++k) out.newlines += counts[k];
  }
  for (int k = 0; k < 16; ++k) out.quote = out.quote || quotes[k] != 0;
  for (; i < n; ++i) {
    out.newlines += p[i] == '\n';
    out.quote = out.quote || p[i] == '"';
  }
  return out;
}

}  // namespace banenmonitor::data
