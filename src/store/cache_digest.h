// The checksum of the column cache's sections and directory (column_cache.h):
// XXH3-128 of libxxhash. The cache is derived from the store and rebuilt when
// a checksum fails, so it guards against damage (a torn write, a flipped bit,
// a truncated file), not against a forger, who could as well change the store
// it is derived from. A checksum at memory speed instead of SHA-256: a national
// cache is 1.3 GB, hashed at every import and read back at every load. The
// store of record (the rows file, the database) keeps SHA-256.
#pragma once

#include <xxhash.h>

#include <array>
#include <cstddef>
#include <memory>
#include <new>
#include <string_view>

namespace banenmonitor::store {

class Digest {
 public:
  using Text = std::array<char, 32>;  // 128 bits as hexadecimal digits, as stored in the file

  Digest() : state_(XXH3_createState()) {
    if (!state_) throw std::bad_alloc();
    XXH3_128bits_reset(state_.get());
  }
  void Update(const void* data, std::size_t n) { XXH3_128bits_update(state_.get(), data, n); }
  // The checksum of what was added so far.
  Text Final() const { return Hex(XXH3_128bits_digest(state_.get())); }
  static Text Of(std::string_view bytes) { return Hex(XXH3_128bits(bytes.data(), bytes.size())); }

 private:
  static Text Hex(XXH128_hash_t h) {
    static constexpr char kDigits[] = "0123456789abcdef";
    Text out{};
    for (int i = 0; i < 16; ++i) {
      out[static_cast<std::size_t>(i)] = kDigits[(h.high64 >> (60 - 4 * i)) & 15];
      out[static_cast<std::size_t>(16 + i)] = kDigits[(h.low64 >> (60 - 4 * i)) & 15];
    }
    return out;
  }
  struct Free {
    void operator()(XXH3_state_t* s) const { XXH3_freeState(s); }
  };
  std::unique_ptr<XXH3_state_t, Free> state_;
};

}  // namespace banenmonitor::store
