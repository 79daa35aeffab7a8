// Writes the rows of an import into the store (Workspace::Import): person ids
// pseudonymised, invalid rows quarantined without a raw BSN in any form.
#pragma once

#include <cstdint>
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
  std::string_view Pseudonym(std::string_view id, std::uint32_t& number);
  // Stores `row` with its person id pseudonymised by `insert`, hands the stored
  // row to `stored_` by `on`, and counts it for the progress of `file` ("" = none).
  template <typename Row>
  void StorePersonRow(const Row& row, Status (SnapshotStore::*insert)(std::int64_t, const Row&),
                      void (data::RowSink::*on)(const Row&), std::string_view file) {
    Row r = row;
    r.person_id = Pseudonym(row.person_id, r.person_number);
    Keep((store_.*insert)(snapshot_, r));
    if (stored_ != nullptr) (stored_->*on)(r);
    if (!file.empty()) Tick(file);
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
