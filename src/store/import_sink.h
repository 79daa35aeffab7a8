// Writes the rows of an import into the store (Workspace::Import): person ids
// pseudonymised, invalid rows quarantined without a raw BSN in any form.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "banenmonitor/status.h"
#include "data/person_index.h"
#include "data/row_sink.h"
#include "store/pseudonym.h"
#include "store/store.h"

namespace banenmonitor::store {

// Writes the rows of an import into the store, person ids pseudonymised.
class ImportSink : public data::RowSink {
 public:
  // `stored` (may be null) receives every valid row as it is stored: person ids pseudonymised.
  ImportSink(SnapshotStore& s, const Pseudonymiser& p, std::int64_t snapshot,
             std::function<void(std::string_view, std::int64_t)> progress, data::RowSink* stored = nullptr)
      : store_(s), pseudonymiser_(p), snapshot_(snapshot), progress_(std::move(progress)), stored_(stored) {}

  void OnEmployer(const Employer& e, std::int64_t line) override {
    Keep(store_.InsertEmployer(snapshot_, ordinal_++, line, e));
    if (stored_ != nullptr) stored_->OnEmployer(e, line);
  }
  void OnRegister(const data::RegisterRow& row) override {
    StorePersonRow(row, &SnapshotStore::InsertRegister, &data::RowSink::OnRegister, "register.csv");
  }
  void OnTarget(const Target& t, std::int64_t line) override {
    Keep(store_.InsertTarget(snapshot_, line, t));
    if (stored_ != nullptr) stored_->OnTarget(t, line);
  }
  void OnEmployerHours(const data::EmployerHoursRow& row) override {
    Keep(store_.InsertEmployerHours(snapshot_, row));
    if (stored_ != nullptr) stored_->OnEmployerHours(row);
    Tick("employer_hours.csv");
  }
  void OnSroi(const data::SroiRow& row) override {
    StorePersonRow(row, &SnapshotStore::InsertSroi, &data::RowSink::OnSroi, "");
  }
  void OnPayroll(const data::PayrollRow& row) override {
    StorePersonRow(row, &SnapshotStore::InsertPayroll, &data::RowSink::OnPayroll, "payroll.csv");
  }
  void OnRegisterRows(std::span<const data::RegisterRow> rows) override {
    StorePersonRows(rows, &SnapshotStore::InsertRegister, &data::RowSink::OnRegister, "register.csv");
  }
  void OnPayrollRows(std::span<const data::PayrollRow> rows) override {
    StorePersonRows(rows, &SnapshotStore::InsertPayroll, &data::RowSink::OnPayroll, "payroll.csv");
  }
  void OnHireInRows(std::span<const data::HireInRow> rows) override {
    StorePersonRows(rows, &SnapshotStore::InsertHireIn, &data::RowSink::OnHireIn, "hire_in.csv");
  }
  void OnHireIn(const data::HireInRow& row) override {
    StorePersonRow(row, &SnapshotStore::InsertHireIn, &data::RowSink::OnHireIn, "hire_in.csv");
  }
  // Quarantine: the raw row with every BSN in it, in any form, replaced by
  // "hmac:" and the pseudonym of its canonical 9 digits (data/person_id.h), so
  // no raw BSN reaches the store and rekey's RewrapQuarantineRow finds them:
  // a person_id field that is a BSN candidate (012345672, 12345672,
  // 1234.56.782, NL123456782, ... whether or not it passes the elfproef), and
  // in every field every run of digits that may be a BSN (ReplaceBsnLikeRuns,
  // also inside text, e.g. "employer:999900018").
  void OnInvalidRow(const data::InvalidRow& row) override;

  // register.csv, payroll.csv and hire_in.csv are validated on every core and
  // come a part at a time, in file order, with their invalid rows (row_sink.h).
  bool TakesRowsInParts() const override { return true; }

  const Status& status() const { return status_; }
  std::int64_t quarantined() const { return quarantined_; }

 private:
  // Payroll and hire-in repeat the same persons: their pseudonyms, computed once
  // per id, found by one probe of a flat index (data/person_index.h). The view
  // stays valid until the next call; `number` is the id's person number
  // (row_sink.h: the rows this sink hands on carry it).
  // `key`: PersonIdIndex::KeyOf(id).
  std::string_view PseudonymOfKey(std::uint64_t key, std::string_view id, std::uint32_t& number);
  // Stores `row` with its person id pseudonymised by `insert`, hands the stored
  // row to `stored_` by `on`, and counts it for the progress of `file` ("" = none).
  // `key`: PersonIdIndex::KeyOf(row.person_id).
  template <typename Row>
  void StorePersonRow(const Row& row, std::uint64_t key, Status (SnapshotStore::*insert)(std::int64_t, const Row&),
                      void (data::RowSink::*on)(const Row&), std::string_view file) {
    Row r = row;
    r.person_id = PseudonymOfKey(key, row.person_id, r.person_number);
    Keep((store_.*insert)(snapshot_, r));
    if (stored_ != nullptr) (stored_->*on)(r);
    if (!file.empty()) Tick(file);
  }
  template <typename Row>
  void StorePersonRow(const Row& row, Status (SnapshotStore::*insert)(std::int64_t, const Row&),
                      void (data::RowSink::*on)(const Row&), std::string_view file) {
    StorePersonRow(row, data::PersonIdIndex::KeyOf(row.person_id), insert, on, file);
  }
  // StorePersonRow on each of `rows`, a batch at a time: first each row's slot
  // in the persons index and then its pseudonym are fetched into the cache
  // ahead of use, so that a batch waits for about one cache miss, not one per
  // row and lookup (the index and the pseudonyms of a national delivery are far
  // larger than the cache).
  template <typename Row>
  void StorePersonRows(std::span<const Row> rows, Status (SnapshotStore::*insert)(std::int64_t, const Row&),
                       void (data::RowSink::*on)(const Row&), std::string_view file) {
    constexpr std::size_t kBatch = 16;
    std::uint64_t keys[kBatch];
    for (std::size_t at = 0; at < rows.size(); at += kBatch) {
      const std::size_t n = std::min(kBatch, rows.size() - at);
      for (std::size_t i = 0; i < n; ++i) {
        keys[i] = data::PersonIdIndex::KeyOf(rows[at + i].person_id);
        index_.Prefetch(keys[i]);
      }
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t known = index_.FindKey(keys[i], rows[at + i].person_id, raw_ids_);
        if (known != data::PersonIdIndex::kNone) __builtin_prefetch(&pseudonyms_[known]);
      }
      for (std::size_t i = 0; i < n; ++i) StorePersonRow(rows[at + i], keys[i], insert, on, file);
    }
  }
  void Keep(Status s) {
    if (status_.ok() && !s.ok()) status_ = std::move(s);
  }
  void Tick(std::string_view file) {
    if (file != file_) {
      file_ = file;
      rows_ = 0;
    }
    if (++rows_ % 65536 == 0 && progress_) progress_(file_, rows_);
  }

  SnapshotStore& store_;
  const Pseudonymiser& pseudonymiser_;
  std::int64_t snapshot_;
  std::int64_t ordinal_ = 0;
  std::int64_t quarantined_ = 0;
  Status status_;
  std::function<void(std::string_view, std::int64_t)> progress_;
  std::string_view file_;
  std::int64_t rows_ = 0;
  data::PersonIdIndex index_;
  std::vector<std::string> raw_ids_;     // in memory only, never stored
  std::vector<std::string> pseudonyms_;  // pseudonyms_[i] is the pseudonym of raw_ids_[i]
  data::RowSink* stored_;
};

// `label` as stored: every run of digits that may be a BSN (data::ReplaceBsnLikeRuns)
// replaced by #########; `masked` says whether one was.
std::string StoredLabel(std::string_view label, bool& masked);

}  // namespace banenmonitor::store
