// The column cache of an import (column_cache.h), built on a thread of its
// own while the import reads, checks and stores the delivery.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "data/row_sink.h"
#include "store/column_cache.h"

namespace banenmonitor::store {

// Hands the rows an import stores (person ids pseudonymised) to a
// ColumnCacheBuilder on a second thread, in batches, in the order they came,
// so that the first count after an import need not read the store back. The
// cache is derived and rebuilt from the store when absent: whatever goes wrong
// here (an exception, e.g. out of memory) drops the cache, never the import.
// The On* calls come from one thread (the import's); they copy what they keep.
class ImportCacheFeed : public data::RowSink {
 public:
  // `payroll_rows`, `employer_hours_rows`: about how many rows of those files
  // are coming (0: not known), for ColumnCacheBuilder::ReservePayroll and
  // ReserveEmployerHours.
  explicit ImportCacheFeed(std::size_t payroll_rows = 0, std::size_t employer_hours_rows = 0);
  ~ImportCacheFeed() override;  // stops the thread; the rows it had are dropped

  void OnEmployer(const Employer& e, std::int64_t line) override;
  void OnRegister(const data::RegisterRow& r) override;
  void OnTarget(const Target& t, std::int64_t line) override;
  void OnPayroll(const data::PayrollRow& r) override;
  void OnHireIn(const data::HireInRow& r) override;
  void OnEmployerHours(const data::EmployerHoursRow& r) override;
  void OnSroi(const data::SroiRow& r) override;

  // Says that every row was handed over: the thread finishes the tables
  // (with `directory`, `files` and `manifest`, as Workspace::Load gives
  // them) and builds the cache of the snapshot `key` into a temporary file
  // beside `path` while the import commits. Call once, when the snapshot is
  // about to commit.
  void Prepare(const std::filesystem::path& path, const ColumnCacheKey& key, const std::filesystem::path& directory,
               const std::vector<FileInfo>& files, const DeliveryManifest& manifest);
  // After Prepare: waits until the thread finished the tables and gives
  // them (the Delivery of every month, as the cache file holds it), while the
  // thread may still be writing the file; they stay valid as long as the
  // pointer is held. nullptr when the cache was dropped.
  std::shared_ptr<const Delivery> Tables();
  // After the commit: waits for the thread and puts the file in place; false
  // when the cache was dropped or could not be written (then the first count
  // builds it). Frees the tables either way.
  bool Publish();

 private:
  struct Batch;
  // Runs `f` on the import's thread; an exception drops the cache.
  template <typename F>
  void Try(F&& f);
  Batch& Current();
  void Hand();     // queues the current batch for the thread, waiting while the queue is full
  void Stop();     // queues what is left and tells the thread to end (Join waits for it)
  void Join();
  void Consume();  // the thread: builds from the queued batches until stopped, then writes the file if prepared
  // The id of a person number, kept by the thread (ids are handed over with a number's first row only).
  std::string_view Known(std::uint32_t number, std::string_view id);
  // The id a payroll, hire-in or social-return row hands the builder: Known's, or none when the builder
  // needs none for the number (ColumnCacheBuilder::NeedsPersonId; most rows: no read of the ids' table).
  std::string_view IdFor(std::uint32_t number, std::string_view id);

  std::shared_ptr<ColumnCacheBuilder> builder_;  // the thread's until it is joined (then shared by Tables)
  std::unique_ptr<Batch> current_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Batch>> queue_, free_;
  bool stopping_ = false;
  std::filesystem::path path_, temp_;  // set by Prepare
  ColumnCacheKey key_;
  std::filesystem::path directory_;    // set by Prepare: for the tables
  std::vector<FileInfo> files_;
  DeliveryManifest manifest_;
  std::shared_ptr<const Delivery> tables_;  // set by the thread under mu_, once finished
  bool consumed_ = false;                   // the thread is past the tables (under mu_)
  bool written_ = false;               // the thread wrote temp_
  std::vector<bool> sent_;             // the import's thread: person numbers whose id was handed over
  std::deque<std::string> names_;      // the cache's thread: the ids of person numbers
  std::vector<std::string_view> known_;
  std::atomic<bool> dropped_{false};  // set by either thread, under mu_ (for the waits)
  std::thread thread_;
};

}  // namespace banenmonitor::store
