// The rows file of a snapshot: the store of record of its payroll, hire-in and
// employer-hours rows (98 % of a delivery's rows) in the SQLite store from
// schema 10, and of its register and social-return rows from schema 11
// (docs/architecture.md, "Store"). The database keeps everything else (the
// snapshot, its files, employers, targets, quarantine, persons) and, in `snapshot_rows`, this file's name, size, row
// counts and SHA-256, in the same transaction as the snapshot: the file is
// written, fsynced and renamed into place before that transaction commits,
// so a committed snapshot always has its complete file, and a file without a
// committed snapshot (an import killed before its commit) is removed by the
// next import.
//
// Layout (little endian, fixed-width fields, no padding):
//
//   header:  "BMROWS\0\0", u32 format version, u32 0
//   blocks:  u32 kind, u32 records, u64 payload bytes, SHA-256 of the payload (64 hex digits), payload
//
// Kinds, in this order: register, payroll, hire-in, employer-hours and
// social-return blocks (each file's rows in line order, at most kRowsPerBlock
// to a block), then one persons block (the persons.id of each person number
// the rows use), then one end block (u64 rows of payroll, hire-in, employer
// hours, persons, register, social return). Version 1 (schema 10) had no
// register and social-return blocks (those rows were in the database) and
// ended with the first four counts; it is still read. The file's SHA-256 (the
// one the database records): in versions 1 and 2 of every byte; from version 3
// of the header and the block headers only, each of which holds its payload's
// SHA-256 (so a changed payload changes the file's SHA-256 all the same, and
// the payloads, 98 % of the bytes, are hashed once instead of twice). A reader checks a
// block's SHA-256 before it uses a byte of it, and the whole file's SHA-256
// against the database's at the end: a damaged, truncated or swapped file is
// an error, never a wrong count. Person ids in the file are numbers into the
// persons dictionary, never pseudonyms: a key rotation leaves the file as it is.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "banenmonitor/status.h"
#include "data/row_sink.h"

namespace banenmonitor::store {

inline constexpr std::uint32_t kRowsFileVersion = 3;
inline constexpr std::uint32_t kRowsPerBlock = 65536;

// What the database records of a snapshot's rows file.
struct RowsFileRecord {
  std::string file;  // name inside the rows directory, e.g. "snapshot-3.rows"
  std::string sha256;
  std::int64_t bytes = 0;
  std::int64_t payroll_rows = 0;
  std::int64_t hire_in_rows = 0;
  std::int64_t employer_hours_rows = 0;
  // Version 2: the register and social-return rows in the file. nullopt
  // (version 1): they are in the database's tables.
  std::optional<std::int64_t> register_rows, sroi_rows;
};

// The name of snapshot `id`'s rows file in the rows directory.
std::string RowsFileName(std::int64_t snapshot);

// Writes one rows file (version 2). Rows are added in file order (all
// register, then all payroll, hire-in, employer hours and social return); a
// failed write is remembered and reported by Finish. Not thread-safe.
class RowsFileWriter {
 public:
  // Creates `dir` when absent and opens a temporary file beside the final
  // name (mode 0600), replacing a temporary left by a killed import.
  // REQUIRES: `version` is 1 (a store at schema 10: no register and social
  // return rows), 2 (the file's SHA-256 over every byte: for tests of reading
  // it) or kRowsFileVersion.
  static Result<std::unique_ptr<RowsFileWriter>> Create(const std::filesystem::path& dir, std::int64_t snapshot,
                                                        std::uint32_t version = kRowsFileVersion);
  ~RowsFileWriter();  // removes the file unless Commit()ed

  // REQUIRES: `person` is a number of the persons dictionary passed to Finish.
  // False, adding nothing, when the row's line is not after the last line
  // added of its file (a line twice: the database's key on (snapshot, line)),
  // or when a file that comes before it in the order above was added after it;
  // register and social-return rows also in a file of version 1.
  bool Add(std::uint32_t person, const data::RegisterRow& row);
  bool Add(std::uint32_t person, const data::PayrollRow& row);
  bool Add(std::uint32_t person, const data::HireInRow& row);
  bool Add(const data::EmployerHoursRow& row);
  bool Add(std::uint32_t person, const data::SroiRow& row);

  // Writes the persons block (`persons[n]` is the persons.id of person number
  // n) and the end block, fsyncs the file, renames it to its final name and
  // fsyncs the directory. After it the file is in place but still removed by
  // the destructor unless Commit() is called (the snapshot's transaction
  // committed).
  Result<RowsFileRecord> Finish(std::span<const std::int64_t> persons);
  void Commit() { committed_ = true; }

 private:
  RowsFileWriter() = default;
  enum class Section : std::uint32_t;
  void Start(Section section);
  // Begins a record of `section` for a row of `line`: false when the line is
  // not after the last one of its file. End() counts the record, true.
  bool Begin(Section section, std::int64_t line);
  bool End();
  void FlushBlock();
  // Writes `n` bytes; `payload`: a block's payload (outside the file's digest from version 3).
  void Write(const void* data, std::size_t n, bool payload = false);

  std::filesystem::path dir_, temp_, final_;
  std::uint32_t version_ = kRowsFileVersion;
  int fd_ = -1;
  bool renamed_ = false;
  bool committed_ = false;
  Status status_;
  std::uint32_t section_ = 0;
  std::uint32_t block_records_ = 0;
  std::string block_;
  std::int64_t counts_[5] = {};     // by Slot(): payroll, hire-in, employer hours, register, social return
  std::int64_t last_line_[5] = {};
  std::int64_t bytes_ = 0;
  struct Hash;
  std::unique_ptr<Hash> hash_;
};

// Reads the rows file `record` in `dir` and hands its rows to `sink` in file
// order (OnRegister, OnPayroll, OnHireIn, OnEmployerHours, OnSroi). `pseudonyms(ids)` gives the
// pseudonym of each persons.id of the file's persons block. Fails, naming the
// file and what to do, when it is missing, damaged or not the one recorded;
// rows already handed to `sink` must then be discarded.
Status ReadRowsFile(const std::filesystem::path& dir, const RowsFileRecord& record,
                    const std::function<Result<std::vector<std::string>>(std::span<const std::int64_t>)>& pseudonyms,
                    data::RowSink& sink);

// Removes from `dir` every temporary rows file and every rows file of a
// snapshot above `last_committed` (left by imports killed before their
// commit). REQUIRES: the caller holds the store's import lock.
void RemoveUncommittedRowsFiles(const std::filesystem::path& dir, std::int64_t last_committed);

}  // namespace banenmonitor::store
