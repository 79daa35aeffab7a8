// The bulk rows of an import into the PostgreSQL store (register, payroll,
// hire-in, employer hours, social return): buffered and sent with COPY
// (pqxx::stream_to), new persons of a batch with one statement. One row at a
// time over the network would make a 1M-row payroll take minutes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/string_hash.h"
#include "data/row_sink.h"

namespace banenmonitor::store::pg {

class BulkWriter {
 public:
  // Rows buffered before the owner should Flush.
  static constexpr std::size_t kBatchRows = 50'000;

  // Defines the writer's statements on the connection (prepared on first use).
  static void Prepare(pqxx::connection_base& conn, std::string_view quoted_schema);

  explicit BulkWriter(std::string quoted_schema) : quoted_(std::move(quoted_schema)) {}

  // Buffer one row. Throw BadText for a person id PostgreSQL cannot store.
  void Add(std::int64_t snapshot, const data::RegisterRow& r);
  void Add(std::int64_t snapshot, const data::PayrollRow& r);
  void Add(std::int64_t snapshot, const data::HireInRow& r);
  void Add(std::int64_t snapshot, const data::EmployerHoursRow& r);
  void Add(std::int64_t snapshot, const data::SroiRow& r);

  std::size_t rows() const;

  // Stores the new persons and sends the buffered rows in `t`, then empties
  // the buffers. After an exception the buffers are in an unspecified state:
  // the caller discards them with Discard (and the transaction is lost).
  void Flush(pqxx::transaction_base& t);

  // The buffered rows and their new persons, taken out of the writer (Detach)
  // to be sent (Send) on another thread while the writer buffers the next
  // rows. A row of a person new in a batch still being sent makes that person
  // new again in the next batch: storing it then finds the id it was given.
  struct Batch;
  // The new persons' ids that Send stored, for Learn.
  using Learned = std::vector<std::pair<std::string, std::int64_t>>;
  // Takes the buffered rows and new persons out; the writer buffers anew.
  std::unique_ptr<Batch> Detach();
  // Stores `batch`'s new persons and sends its rows in `t`. Uses nothing of a
  // writer: it may run on another thread while the writer buffers rows.
  static Learned Send(pqxx::transaction_base& t, const std::string& quoted_schema, Batch& batch);
  // Keeps the ids of persons a Send stored, so later rows find them at once.
  void Learn(Learned learned);

  // Drops the buffered rows and the persons not yet stored.
  void Discard();
  // Also forgets the persons known to be stored: call when a transaction that
  // may have stored some is rolled back.
  void ForgetPersons();
  // A new import: its rows' person numbers (row_sink.h) are its own.
  void StartImport() { by_number_.clear(); }

 private:
  using PersonMap = StringMap<std::int64_t>;

  // A person below 0 is the pending new person -(person + 1).
  struct RegisterBuf {
    std::int64_t snapshot, line, person;
    int ground;
    std::int32_t start_day, end_day;
    std::string region;  // the arbeidsmarktregio's name, "" for none
  };
  struct PayrollBuf {
    std::int64_t snapshot, line, person, employer;
    std::int32_t month;
    std::int64_t hours;
    int contract;
    bool wsw;
    std::optional<std::int64_t> wage_cents;
  };
  struct HireInBuf {
    std::int64_t snapshot, line, person, lender, hirer;
    std::int32_t month;
    std::int64_t hours;
  };
  struct EmployerHoursBuf {
    std::int64_t snapshot, line, employer;
    std::int32_t month;
    std::int64_t hours, agency_staff_hours, wsw_hours;
    std::optional<std::int64_t> wage_cents;
  };
  struct SroiBuf {
    std::int64_t snapshot, line, person, contractor, buyer;
    std::int32_t month;
    std::int64_t hours;
  };

  // The id of a pseudonym: known, or pending until the next flush.
  std::int64_t Person(std::string_view pseudonym);
  // The ids of `pending` (new persons, by pending index), adding those not stored.
  static std::vector<std::int64_t> StorePendingPersons(pqxx::transaction_base& t, const std::vector<std::string>& pending);

  const std::string quoted_;
  // Person() of a row, through by_number_ (persons.id by the import's person
  // number, -1: not known yet) when the row is numbered: a stored person's
  // id is looked up once per import instead of hashing its pseudonym per row.
  template <typename Row>
  std::int64_t PersonOf(const Row& r) {
    if (r.person_number == data::kUnnumbered) return Person(r.person_id);
    if (r.person_number < by_number_.size() && by_number_[r.person_number] >= 0) return by_number_[r.person_number];
    const std::int64_t p = Person(r.person_id);
    if (p >= 0) {  // stored (a pending person's number is resolved by a later row, after the flush)
      if (r.person_number >= by_number_.size()) by_number_.resize(std::max<std::size_t>(r.person_number + std::size_t{1}, by_number_.size() * 2), -1);
      by_number_[r.person_number] = p;
    }
    return p;
  }
  std::vector<std::int64_t> by_number_;
  PersonMap person_cache_;                    // pseudonym -> persons.id, for persons known to be stored
  std::vector<std::string> pending_persons_;  // new since the last flush, by pending index
  PersonMap pending_index_;                   // pseudonym -> -(pending index + 1)
  std::vector<RegisterBuf> register_;
  std::vector<PayrollBuf> payroll_;
  std::vector<HireInBuf> hire_in_;
  std::vector<EmployerHoursBuf> employer_hours_;
  std::vector<SroiBuf> sroi_;
};

struct BulkWriter::Batch {
  std::vector<RegisterBuf> register_rows;
  std::vector<PayrollBuf> payroll;
  std::vector<HireInBuf> hire_in;
  std::vector<EmployerHoursBuf> employer_hours;
  std::vector<SroiBuf> sroi;
  std::vector<std::string> pending_persons;  // the persons new in the batch, by pending index
};

}  // namespace banenmonitor::store::pg
