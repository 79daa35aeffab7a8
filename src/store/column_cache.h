// The column cache of a snapshot: what `count` needs, in a form that loads in
// a fraction of the time of reading the store or parsing the CSV files.
//
// A derived file beside the store (WS/cache/snapshot-N.columns), never the
// only copy: it is rebuilt from the store whenever it is absent, of another
// format version or snapshot, or damaged. Layout (little endian, this
// machine's struct layout, which the version and record sizes pin down):
//
//   header:    "BMCOLS\0\0", u32 format version, u32 section count,
//              u64 directory offset, checksum of the directory
//   sections:  raw bytes, each starting at a multiple of 64 bytes (zeros
//              between them), each with an entry in the directory
//   directory: per section: u32 kind, i32 month (-1 when not per month),
//              u64 offset, u64 bytes, u64 records, u32 record size, checksum
//
// (a checksum: XXH3-128 as 32 hexadecimal digits, cache_digest.h)
//
// Sections: the key (snapshot id and content hash), employers, person ids,
// register periods, targets, per-month row counts, per month the payroll
// cells and the hire-in cells of that month (PayrollCell, HireInCell), and
// once the employer hours, the payroll totals per employer and month, the
// social-return cells and the flags of the snapshot. A load reads and
// verifies (its checksum) only the sections it needs: a count of one year reads
// three or twelve months of cells and none of the quotum's tables. The file is written to a
// temporary name and renamed into place, so a reader never sees half a file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "banenmonitor/delivery.h"
#include "banenmonitor/status.h"
#include "data/row_sink.h"

namespace banenmonitor::store {

// 2: the key names the pseudonymisation key (a cache of before a rekey is stale).
// 3: employers and register periods carry their region (counting.md §8).
// 4: the employer hours, payroll totals and social return as well, so that a
//    whole snapshot (the dashboard's, a report's) loads from the cache too.
// 5: the checksums are XXH3-128 (cache_digest.h) instead of SHA-256.
inline constexpr std::uint32_t kColumnCacheVersion = 5;

// What a cache was built from. The person ids in it are pseudonyms of one
// pseudonymisation key: after `rekey` a cache of the old key must not be used
// (Workspace::Rekey also removes the caches, so the old pseudonyms do not stay
// on disk).
struct ColumnCacheKey {
  std::int64_t snapshot = 0;
  std::string content_sha256;     // of the snapshot (SnapshotRecord::content_sha256)
  std::string key_fingerprint;    // Pseudonymiser::StoreFingerprint() of the key the ids are made with
};

// Rows per month as read from the store, for the load statistics of a window.
struct MonthRows {
  std::int64_t payroll = 0;               // valid payroll rows of the month
  std::int64_t payroll_unregistered = 0;  // of which of persons not in the register
  std::int64_t hire_in_unregistered = 0;  // hire-in rows of persons not in the register
};

// Collects, while a snapshot is read from the store, what the cache holds: a
// DeliveryAggregator over all months plus the rows per month.
class ColumnCacheBuilder : public data::RowSink {
 public:
  ColumnCacheBuilder();
  void OnEmployer(const Employer& employer, std::int64_t line) override { aggregator_.OnEmployer(employer, line); }
  void OnRegister(const data::RegisterRow& row) override { aggregator_.OnRegister(row); }
  void OnTarget(const Target& target, std::int64_t line) override { aggregator_.OnTarget(target, line); }
  void OnPayroll(const data::PayrollRow& row) override;
  void OnHireIn(const data::HireInRow& row) override;
  void OnEmployerHours(const data::EmployerHoursRow& row) override;
  void OnSroi(const data::SroiRow& row) override;
  // DeliveryAggregator::NeedsPersonId: a payroll, hire-in or social-return row of a number that needs none may
  // come without its person_id.
  bool NeedsPersonId(std::uint32_t number) const { return aggregator_.NeedsPersonId(number); }
  // DeliveryAggregator::ReservePayroll.
  void ReservePayroll(std::size_t rows) { aggregator_.ReservePayroll(rows); }
  void ReserveEmployerHours(std::size_t rows) { aggregator_.ReserveEmployerHours(rows); }
  // Finishes the tables (once: DeliveryAggregator::Finish) with `directory`,
  // `files` and `manifest` as Workspace::Load gives them, and returns them:
  // the Delivery of every month, as ReadColumnCache of this cache gives it.
  // Call after the store handed every row; the tables stay unchanged (Write
  // only reads them) until the builder is destroyed. Throws as Finish does.
  const Delivery& Tables(const std::filesystem::path& directory, const std::vector<FileInfo>& files,
                         const DeliveryManifest& manifest);
  // Writes the cache to `path` (atomically); call after the store handed every row.
  Status Write(const std::filesystem::path& path, const ColumnCacheKey& key);
  // Writes the whole cache to `temp`, for the caller to rename into place
  // (Write does both); on failure `temp` is removed. Call once, after every row.
  Status WriteUnpublished(const std::filesystem::path& temp, const ColumnCacheKey& key);

 private:
  Delivery all_;
  data::DeliveryAggregator aggregator_;
  bool finished_ = false;
  std::map<MonthIndex, MonthRows> months_;
  // months_[month], found once for a run of rows of one month (a file's rows mostly come month by month).
  MonthRows& RowsOf(MonthIndex month);
  MonthRows* last_rows_ = nullptr;
  MonthIndex last_month_ = 0;
};

// The Delivery of `options`' months from the cache at `path`, exactly as
// DeliveryAggregator builds it from the store's rows (no files or manifest:
// the caller has them from the snapshot's record): with
// LoadOptions::count_tables_only only the tables a count needs, else also the
// employer hours, payroll totals and social return. nullopt when the cache is
// absent, stale (another key or version) or damaged.
std::optional<Delivery> ReadColumnCache(const std::filesystem::path& path, const ColumnCacheKey& key,
                                        const LoadOptions& options);

}  // namespace banenmonitor::store
