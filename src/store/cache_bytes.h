// The column cache's bytes (column_cache.cc): a section written as the bytes
// of its values (Bytes) and read back in order (Reader), in this machine's
// layout (the cache's format version and record sizes pin it down).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace banenmonitor::store::cache_bytes {

// Bytes of one section being written.
class Bytes {
 public:
  // REQUIRES: T has no padding (else PutFields).
  template <typename T>
  void Put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T> && (std::has_unique_object_representations_v<T> || std::is_floating_point_v<T>));
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  // `v` as its bytes in memory, with its padding bytes zero: `members` are
  // all of T's, and only their bytes are copied, so that the file holds the
  // values alone (the same bytes for the same tables, and never a stray byte
  // of whatever the memory held before, which may be a delivery's text).
  template <typename T, typename... M>
  void PutFields(const T& v, M T::*... members) {
    char bytes[sizeof(T)];
    FieldsInto(bytes, v, members...);
    out_.append(bytes, sizeof bytes);
  }
  // PutFields' bytes of `v` into out[0, sizeof(T)).
  template <typename T, typename... M>
  static void FieldsInto(char* out, const T& v, M T::*... members) {
    static_assert(std::is_trivially_copyable_v<T> && (sizeof(M) + ...) <= sizeof(T));
    std::memset(out, 0, sizeof(T));
    const char* base = reinterpret_cast<const char*>(&v);
    ((std::memcpy(out + (reinterpret_cast<const char*>(&(v.*members)) - base), &(v.*members), sizeof(M))), ...);
  }
  void PutString(std::string_view s) {
    Put(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  template <typename T>
  void PutArray(const T* data, std::size_t n) {
    static_assert(std::has_unique_object_representations_v<T>, "no padding: else PutFields per element");
    out_.append(reinterpret_cast<const char*>(data), n * sizeof(T));
  }
  void Reserve(std::size_t bytes) { out_.reserve(bytes); }
  void Clear() { out_.clear(); }
  const std::string& str() const { return out_; }

 private:
  std::string out_;
};

// Reads a section's bytes in order; `ok` turns false on any overrun.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename T>
  T Get() {
    T v{};
    if (in_.size() < sizeof v) {
      ok = false;
      return v;
    }
    std::memcpy(&v, in_.data(), sizeof v);
    in_.remove_prefix(sizeof v);
    return v;
  }
  std::string GetString() {
    auto n = Get<std::uint32_t>();
    if (!ok || in_.size() < n) {
      ok = false;
      return {};
    }
    std::string s(in_.substr(0, n));
    in_.remove_prefix(n);
    return s;
  }
  bool ok = true;

 private:
  std::string_view in_;
};

}  // namespace banenmonitor::store::cache_bytes
