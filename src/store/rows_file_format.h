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
// The kinds of block. Version 1 has payroll, hire-in, employer hours,
// persons and end, in that order; version 2 (schema 11) also register (before
// payroll) and social return (after employer hours), so that no row of a
// snapshot that names a person is in the database.
inline constexpr std::uint32_t kPayroll = 1, kHireIn = 2, kEmployerHours = 3, kPersons = 4, kEnd = 5, kRegister = 6,
                               kSroi = 7;
inline constexpr std::uint32_t kLastKind = kSroi;
// The position of each kind in a file (index: the kind): blocks come in this order.
inline constexpr std::uint32_t kRank[] = {0, 2, 3, 4, 6, 7, 1, 5};
// The bytes of one record of each kind (index: the kind).
inline constexpr std::size_t kRecordBytes[] = {0,
                                               8 + 4 + 4 + 4 + 8 + 8 + 1,      // payroll
                                               8 + 4 + 4 + 4 + 4 + 8,          // hire-in
                                               8 + 4 + 4 + 8 + 8 + 8 + 8 + 1,  // employer hours
                                               8,                              // persons: persons.id
                                               0,                              // end: by version (kEndBytes)
                                               8 + 4 + 1 + 4 + 4 + 1,          // register
                                               8 + 4 + 4 + 4 + 4 + 8};         // social return
// The end block: the counts of payroll, hire-in, employer hours and persons
// (version 1), then of register and social return rows (version 2).
inline constexpr std::size_t EndBytes(std::uint32_t version) { return version == 1 ? 32 : 48; }

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
