// The byte layout of a rows file (rows_file.h), shared by its writer
// (rows_file.cc) and its reader (rows_file_read.cc).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace banenmonitor::store::rows_format {

inline constexpr char kMagic[8] = {'B', 'M', 'R', 'O', 'W', 'S', '\0', '\0'};
inline constexpr std::size_t kHeaderBytes = 16;                   // magic, u32 version, u32 0
inline constexpr std::size_t kBlockHeaderBytes = 4 + 4 + 8 + 64;  // kind, records, payload bytes, SHA-256 hex
// The kinds of block, in the order they appear.
inline constexpr std::uint32_t kPayroll = 1, kHireIn = 2, kEmployerHours = 3, kPersons = 4, kEnd = 5;
// The bytes of one record of each kind (index: the kind).
inline constexpr std::size_t kRecordBytes[] = {0,
                                               8 + 4 + 4 + 4 + 8 + 8 + 1,      // payroll
                                               8 + 4 + 4 + 4 + 4 + 8,          // hire-in
                                               8 + 4 + 4 + 8 + 8 + 8 + 8 + 1,  // employer hours
                                               8,                              // persons: persons.id
                                               32};                            // end: 4 counts

template <typename T>
void Put(std::string& out, T v) {
  char b[sizeof v];
  std::memcpy(b, &v, sizeof v);
  out.append(b, sizeof v);
}
template <typename... T>
void PutAll(std::string& out, T... v) {
  (Put(out, v), ...);
}
template <typename T>
T Get(const char*& p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  p += sizeof v;
  return v;
}

}  // namespace banenmonitor::store::rows_format
