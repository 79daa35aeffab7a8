// Building the in-memory tables of a Delivery from validated rows.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <tuple>
#include <unordered_map>

#include "common/checked_sum.h"
#include "common/flat_hash_map.h"
#include "common/lang.h"
#include "common/parallel.h"
#include "data/fields.h"
#include "data/parallel_parts.h"
#include "data/person_index.h"
#include "data/row_sink.h"

namespace banenmonitor::data {

namespace {


// Packs (person, employer, month) into one 64-bit key: 26 + 24 + 14 bits.
constexpr int kEmployerBits = 24, kMonthBits = 14;
constexpr MonthIndex kMonthBase = kMinYear * 12;  // the first month of the data contract
std::uint64_t PayrollKey(PersonIndex p, EmployerIndex e, MonthIndex m) {
  return (std::uint64_t{p} << (kEmployerBits + kMonthBits)) | (std::uint64_t{e} << kMonthBits) |
         static_cast<std::uint64_t>(m - kMonthBase);
}

// Sorts `cells` ascending by `less` on up to two threads: the cells are split
// at a person into those before it and the rest (one pass), and the two parts
// are sorted at the same time. That person is the median of 255 cells taken at
// even steps (the middle cell alone, in a payroll that comes employer by
// employer, left one thread with three quarters of the work at times). The order of cells with equal keys is not fixed
// (as with std::sort): callers sum them.
// REQUIRES: `less` orders by Cell::person first.
template <typename Cell, typename Less>
void SortByPersonFirst(std::vector<Cell>& cells, Less less) {
  if (std::is_sorted(cells.begin(), cells.end(), less)) return;
  constexpr std::size_t kWorthTwoThreads = std::size_t{1} << 16;
  if (cells.size() < kWorthTwoThreads || Workers() < 2) {
    std::sort(cells.begin(), cells.end(), less);
    return;
  }
  std::array<PersonIndex, 255> sample;
  for (std::size_t k = 0; k < sample.size(); ++k) sample[k] = cells[(2 * k + 1) * cells.size() / (2 * sample.size())].person;
  std::nth_element(sample.begin(), sample.begin() + sample.size() / 2, sample.end());
  const PersonIndex pivot = sample[sample.size() / 2];
  auto mid = std::partition(cells.begin(), cells.end(), [pivot](const Cell& c) { return c.person < pivot; });
  const std::array<std::pair<decltype(mid), decltype(mid)>, 2> parts{{{cells.begin(), mid}, {mid, cells.end()}}};
  MapInParallel(parts.size(), 2, [&](std::size_t k) {
    std::sort(parts[k].first, parts[k].second, less);
    return k;
  });
}

// The order of the employer-month tables: by (employer, month).
bool ByEmployerMonth(const EmployerMonth& a, const EmployerMonth& b) {
  return std::tie(a.employer, a.month) < std::tie(b.employer, b.month);
}

// Sorts `items` by `less`, whose first key is the number `bucket_of(item)` (an employer, a person):
// a counting sort by that number (stable: a table that is nearly in that order stays so), then each
// number's items sorted by `less` where they are not in order yet. O(n) for a table that comes month
// by month or person by person. Items of equal key keep no fixed order (as with std::sort): callers
// sum them or take them alike. A table of far more numbers than items goes to std::sort.
template <typename Item, typename BucketOf, typename Less>
void SortByBucketFirst(std::vector<Item>& items, BucketOf bucket_of, Less less) {
  if (std::is_sorted(items.begin(), items.end(), less)) return;
  std::size_t top = 0;
  for (const Item& item : items) top = std::max<std::size_t>(top, bucket_of(item));
  if (top > 2 * items.size()) {
    std::sort(items.begin(), items.end(), less);
    return;
  }
  std::vector<std::size_t> start(top + 2, 0);
  for (const Item& item : items) ++start[bucket_of(item) + 1];
  for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
  std::vector<Item> sorted(items.size());
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  for (const Item& item : items) sorted[next[bucket_of(item)]++] = item;
  for (std::size_t b = 0; b + 1 < start.size(); ++b) {
    auto first = sorted.begin() + static_cast<std::ptrdiff_t>(start[b]);
    auto end = sorted.begin() + static_cast<std::ptrdiff_t>(start[b + 1]);
    if (!std::is_sorted(first, end, less)) std::sort(first, end, less);
  }
  items.swap(sorted);
}

// Sorts employer months by (employer, month), counted by employer first (SortByBucketFirst): a file
// that comes month by month, as employer_hours.csv and the payroll do, is then in order, where
// std::sort of the 4.7 million months of a national delivery took 0.4 s on the import's critical path.
void SortByEmployerMonth(std::vector<EmployerMonth>& months) {
  SortByBucketFirst(months, [](const EmployerMonth& m) { return std::size_t{m.employer}; }, ByEmployerMonth);
}

// Sorts register periods by (person, start, end, ground), counted by person first (SortByBucketFirst):
// persons are numbered as they first appear in register.csv, so the periods are nearly in order
// already (a sort of them all was 0.03 s of the 400k-person count).
void SortRegisterPeriods(std::vector<RegisterPeriod>& periods) {
  SortByBucketFirst(
      periods, [](const RegisterPeriod& p) { return std::size_t{p.person}; },
      [](const RegisterPeriod& a, const RegisterPeriod& b) {
        return std::tie(a.person, a.start_day, a.end_day, a.ground) < std::tie(b.person, b.start_day, b.end_day, b.ground);
      });
}

// Folds each run of adjacent cells that `same(first, cell)` holds equal into
// the run's first cell with `add(first, cell)`; the first cells stay, in order.
// REQUIRES: equal cells stand next to each other (the cells are sorted).
template <typename Cell, typename Same, typename Add>
void FoldRuns(std::vector<Cell>& cells, Same&& same, Add&& add) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (kept > 0 && same(cells[kept - 1], cells[i])) {
      add(cells[kept - 1], cells[i]);
    } else {
      cells[kept++] = cells[i];
    }
  }
  cells.resize(kept);
}

// Sorts cells of a person's hours moved from employer `From` to employer `To`
// in a month (hire-in: lender to hirer; social return: contractor to buyer) by
// (person, From, month, To, first line), and sums the hours of the cells with
// equal (person, From, month, To) into the first of them, which keeps its
// first line. `what` names that sum for AddOrStop.
// REQUIRES: Cell has the members person, month, hours and first_line.
template <auto From, auto To, typename Cell>
void SumCellsOfOneMove(std::vector<Cell>& cells, const char* what) {
  auto by_move = [](const Cell& a, const Cell& b) {
    return std::tie(a.person, a.*From, a.month, a.*To, a.first_line) <
           std::tie(b.person, b.*From, b.month, b.*To, b.first_line);
  };
  if (!std::is_sorted(cells.begin(), cells.end(), by_move)) std::sort(cells.begin(), cells.end(), by_move);
  FoldRuns(
      cells,
      [](const Cell& a, const Cell& b) {
        return a.person == b.person && a.*From == b.*From && a.month == b.month && a.*To == b.*To;
      },
      [what](Cell& into, const Cell& c) { AddOrStop(into.hours, c.hours, what); });
}

}  // namespace

// The payroll rows summed per (person, employer, month) and per (employer,
// month), into vectors owned elsewhere: the Delivery's, or a part's.
//
// The maps only remember the last cells: when one holds its limit of entries it
// is cleared, and a later row of an older cell starts a second cell with the
// same key, which FinishTables adds to the first. A payroll extract comes month
// by month and the rows of one person, employer and month stand together, so
// that is rare; meanwhile the maps stay small enough for the cache (a lookup in
// a map of millions of cells misses it every time). The cells' map holds the
// last kRecentCells (8,192 slots of 16 bytes: 128 KiB, in the core's own cache;
// at 2^18 a lookup missed it nearly every row, 9 % of a count); the totals' the
// last kRecent (the employers of a month come mixed).
struct PayrollGroups {
  static constexpr std::size_t kRecent = std::size_t{1} << 18;
  static constexpr std::size_t kRecentCells = std::size_t{1} << 12;
  // The groups add into `c` and `t` and count into `s`; REQUIRES: all three outlive the groups.
  // `keep`: the (employer, month) totals are summed (false for a load that only counts).
  PayrollGroups(std::vector<PayrollCell>& c, std::vector<EmployerMonth>& t, DeliveryStats& s, bool keep)
      : cells(c), totals(t), stats(s), keep_totals(keep) {}
  std::vector<PayrollCell>& cells;
  std::vector<EmployerMonth>& totals;
  DeliveryStats& stats;
  // False when the caller only counts (LoadOptions::count_tables_only): then
  // no (employer, month) totals are summed, as the column cache gives none.
  const bool keep_totals;
  // Starts small and grows to kRecent: three of these (the aggregator's and one
  // per reading thread) are made for every load, and at kRecent a map is 8 MiB to
  // allocate and fill, which dominated the load of a small delivery (a test, a
  // fuzz input: 65 ms per input under the sanitizers). Growing costs a national
  // load a few rehashes per map.
  FlatHashMap64 cell_map{1 << 10};
  FlatHashMap64 totals_map{1 << 12};  // (employer, month) -> index in totals
  // The first sum that did not fit, as a message; the aggregator
  // stops with it on the main thread (parts run on reading threads).
  std::string overflow;

  // What a sum is, in Dutch and English (the message is made only when the sum does not fit).
  struct What {
    const char* nl;
    const char* en;
  };
  void Sum(std::int64_t& into, std::int64_t add, const PayrollRow& row, What what) {
    if (!CheckedAddInto(into, add) && overflow.empty()) {
      overflow = fmt::format("payroll.csv:{}: {}", row.line, SumOverflowMessage(std::string(Pick(what.nl, what.en))));
    }
  }

  PayrollCell& Cell(PersonIndex person, EmployerIndex employer, MonthIndex month) {
    if (cell_map.size() >= kRecentCells) cell_map.Clear();
    bool inserted;
    auto next = static_cast<std::uint32_t>(cells.size());
    std::uint32_t* slot = cell_map.FindOrInsert(PayrollKey(person, employer, month), next, inserted);
    if (inserted) cells.push_back({person, employer, month, 0, 0, 0, 0});
    return cells[*slot];
  }
  EmployerMonth& Total(EmployerIndex employer, MonthIndex month) {
    if (totals_map.size() >= kRecent) totals_map.Clear();
    bool inserted;
    std::uint64_t key = (std::uint64_t{employer} << 32) | static_cast<std::uint32_t>(month);
    auto next = static_cast<std::uint32_t>(totals.size());
    std::uint32_t* slot = totals_map.FindOrInsert(key, next, inserted);
    if (inserted) totals.push_back({employer, month, 0, 0, 0, std::nullopt});
    return totals[*slot];
  }
  // All payroll rows, registered or not, per (employer, month): a full payroll
  // extract gives the quotum's A (quotum-and-scenarios.md §1).
  void AddTotal(const PayrollRow& row) {
    EmployerMonth& t = Total(row.employer, row.month);
    constexpr What kEmployerSum{"de uren van één werkgever in één maand", "the hours of one employer in one month"};
    Sum(t.hours, row.hours, row, kEmployerSum);
    if (row.wsw) Sum(t.wsw_hours, row.hours, row, kEmployerSum);
    if (row.wage_cents) {
      if (!t.wage_cents) t.wage_cents = 0;
      Sum(*t.wage_cents, *row.wage_cents, row, {"de lonen van één werkgever in één maand", "the wages of one employer in one month"});
    }
  }
  // A valid payroll row inside the months; `person` is kNone when not in the register.
  void Add(const PayrollRow& row, std::uint32_t person) {
    if (keep_totals) AddTotal(row);
    if (person == PersonIdIndex::kNone) {
      ++stats.payroll_rows_unregistered;
      return;
    }
    ++stats.payroll_rows_kept;
    PayrollCell& cell = Cell(person, row.employer, row.month);
    // counting.md §3 rule 2: rows of the same person, employer and month are summed
    constexpr What kCellSum{"de uren van één persoon bij één werkgever in één maand", "the hours of one person at one employer in one month"};
    Sum(cell.hours, row.hours, row, kCellSum);
    if (row.wsw) Sum(cell.wsw_hours, row.hours, row, kCellSum);
    if (row.contract == Contract::kPermanent) Sum(cell.permanent_hours, row.hours, row, kCellSum);
    if (row.contract == Contract::kTemporary) Sum(cell.temporary_hours, row.hours, row, kCellSum);
  }
  // Takes the sums of a part read by another thread (FinishTables adds up equal keys).
  void Merge(std::vector<PayrollCell>& other_cells, std::vector<EmployerMonth>& other_totals,
             const DeliveryStats& other_stats, std::string other_overflow) {
    cell_map.Clear();
    totals_map.Clear();
    if (cells.empty()) {
      cells.swap(other_cells);
    } else {
      cells.insert(cells.end(), other_cells.begin(), other_cells.end());
    }
    totals.insert(totals.end(), other_totals.begin(), other_totals.end());
    std::vector<PayrollCell>().swap(other_cells);
    if (overflow.empty()) overflow = std::move(other_overflow);
    stats.payroll_rows_kept += other_stats.payroll_rows_kept;
    stats.payroll_rows_outside_months += other_stats.payroll_rows_outside_months;
    stats.payroll_rows_unregistered += other_stats.payroll_rows_unregistered;
  }
};

struct DeliveryAggregator::Impl {
  Delivery& d;
  LoadOptions options;
  PersonIdIndex person_index;
  PayrollGroups payroll{d.payroll, d.payroll_totals, d.stats, !options.count_tables_only};

  Impl(Delivery& delivery, const LoadOptions& o) : d(delivery), options(o) {}

  bool InMonths(MonthIndex m) const { return options.Keeps(m); }

  PersonIndex Intern(std::string_view id) { return Intern(PersonIdIndex::KeyOf(id), id); }
  // REQUIRES: key == PersonIdIndex::KeyOf(id).
  PersonIndex Intern(std::uint64_t key, std::string_view id) {
    if (d.person_ids.size() >= (std::size_t{1} << 26)) {
      if (person_index.Find(id, d.person_ids) != PersonIdIndex::kNone) return person_index.Find(id, d.person_ids);
      throw std::length_error(Say("meer dan 67 miljoen personen in één levering", "more than 67 million persons in one delivery"));
    }
    return person_index.InternKey(key, id, d.person_ids);
  }
  void AddRegisterRow(const RegisterRow& row, PersonIndex p) {
    if (row.end_day < row.start_day) return;  // covers no day (the validator warned)
    d.register_periods.push_back({p, row.ground, row.start_day, row.end_day, row.region});
  }

  // The register's index of a payroll, hire-in or social-return row's person
  // (kNone: not in the register), looked up once per person number
  // (row_sink.h). REQUIRES: the register was read (its rows come first).
  PersonNumberMemo by_number;
  template <typename Row>
  std::uint32_t RegisteredIndex(const Row& row) {
    if (row.person_number == kUnnumbered) return person_index.Find(row.person_id, d.person_ids);
    return by_number.Get(row.person_number, [&] { return person_index.Find(row.person_id, d.person_ids); });
  }
  // The same, for a key from PersonIdIndex::KeyOf(row.person_id) computed already.
  template <typename Row>
  std::uint32_t RegisteredIndex(const Row& row, std::uint64_t key) {
    auto find = [&] { return person_index.FindKey(key, row.person_id, d.person_ids); };
    return row.person_number == kUnnumbered ? find() : by_number.Get(row.person_number, find);
  }
  void AddHireInRow(const HireInRow& row, std::uint32_t person) {
    if (person == PersonIdIndex::kNone) {
      ++d.stats.hire_in_rows_unregistered;
      return;
    }
    d.hire_in.push_back({person, row.lender, row.hirer, row.month, row.hours, row.line});
  }
};

namespace {

// Calls use(row, key) on each of `rows` in order, key = PersonIdIndex::KeyOf(row.person_id), in batches
// of 16 whose slots in `index` are all prefetched before the first use: one cache miss per batch instead
// of one per row (the person index is far larger than the cache).
template <typename Row, typename Use>
void InPrefetchedBatches(const PersonIdIndex& index, std::span<const Row> rows, Use&& use) {
  constexpr std::size_t kBatch = 16;
  std::array<std::uint64_t, kBatch> keys;
  for (std::size_t at = 0; at < rows.size(); at += kBatch) {
    const std::size_t n = std::min(kBatch, rows.size() - at);
    for (std::size_t i = 0; i < n; ++i) {
      keys[i] = PersonIdIndex::KeyOf(rows[at + i].person_id);
      index.Prefetch(keys[i]);
    }
    for (std::size_t i = 0; i < n; ++i) use(rows[at + i], keys[i]);
  }
}

}  // namespace

namespace {

// The payroll rows of one reading thread, summed apart and merged afterwards.
// Rows are taken in batches of kBatch: each row's slot in the person index is
// prefetched when it comes, and the batch is looked up and added when full
// (the person index is far larger than the cache: one miss per row was 12 % of
// a count, bench/README.md "count from CSV").
class AggregatorPart : public PayrollPart {
 public:
  // `room`: the cells to reserve at the first row (not before: a file that is then read row by row
  // after all, such as one with a quote or a long line, never takes a part's rows).
  AggregatorPart(const DeliveryAggregator::Impl& impl, std::size_t room) : impl_(impl), room_(room) {}
  void OnPayroll(const PayrollRow& row) override {
    if (room_ > 0) {
      cells_.reserve(room_);
      room_ = 0;
    }
    if (!impl_.InMonths(row.month)) {
      ++stats_.payroll_rows_outside_months;
      return;
    }
    if (row.person_id.size() > kIdBytes) {  // never a canonical id (9 or 64 characters); as it comes
      groups_.Add(row, impl_.person_index.Find(row.person_id, impl_.d.person_ids));
      return;
    }
    Pending& p = batch_[pending_++];
    p.row = row;
    std::memcpy(p.id, row.person_id.data(), row.person_id.size());
    p.row.person_id = std::string_view(p.id, row.person_id.size());  // the row's own may be a reader's buffer
    p.key = PersonIdIndex::KeyOf(p.row.person_id);
    impl_.person_index.Prefetch(p.key);
    if (pending_ == kBatch) Flush();
  }
  // Adds the rows still pending. REQUIRES: called before cells_, totals_, stats_ or Overflow are read.
  void Flush() {
    for (std::size_t i = 0; i < pending_; ++i) {
      const Pending& p = batch_[i];
      groups_.Add(p.row, impl_.person_index.FindKey(p.key, p.row.person_id, impl_.d.person_ids));
    }
    pending_ = 0;
  }
  std::string Overflow() const { return groups_.overflow; }
  std::vector<PayrollCell> cells_;
  std::vector<EmployerMonth> totals_;
  DeliveryStats stats_;

 private:
  static constexpr std::size_t kBatch = 16, kIdBytes = 64;
  struct Pending {
    PayrollRow row;
    std::uint64_t key = 0;
    char id[kIdBytes];
  };
  const DeliveryAggregator::Impl& impl_;
  std::size_t room_;
  PayrollGroups groups_{cells_, totals_, stats_, !impl_.options.count_tables_only};
  std::array<Pending, kBatch> batch_;
  std::size_t pending_ = 0;
};

}  // namespace

DeliveryAggregator::DeliveryAggregator(Delivery& delivery, const LoadOptions& options)
    : impl_(std::make_unique<Impl>(delivery, options)) {}
DeliveryAggregator::~DeliveryAggregator() = default;

bool DeliveryAggregator::HashesFiles() const { return impl_->options.hash_files; }

void DeliveryAggregator::OnEmployer(const Employer& employer, std::int64_t) {
  if (impl_->d.employers.size() >= (std::size_t{1} << kEmployerBits)) {
    throw std::length_error(Say("meer dan 16 miljoen werkgevers in één levering", "more than 16 million employers in one delivery"));
  }
  impl_->d.employers.push_back(employer);
}

// A numbered register row's index is what RegisteredIndex answers for its number: recorded, so that
// the later rows of its person find it in the memo (which keeps no table while each number is its index).
void DeliveryAggregator::OnRegister(const RegisterRow& row) {
  const std::uint32_t p = impl_->Intern(row.person_id);
  if (row.person_number != kUnnumbered) impl_->by_number.Set(row.person_number, p);
  impl_->AddRegisterRow(row, p);
}

void DeliveryAggregator::OnRegisterRows(std::span<const RegisterRow> rows) {
  InPrefetchedBatches(impl_->person_index, rows, [&](const RegisterRow& row, std::uint64_t key) {
    const std::uint32_t p = impl_->Intern(key, row.person_id);
    if (row.person_number != kUnnumbered) impl_->by_number.Set(row.person_number, p);
    impl_->AddRegisterRow(row, p);
  });
}

bool DeliveryAggregator::NeedsPersonId(std::uint32_t number) const { return !impl_->by_number.Knows(number); }

void DeliveryAggregator::OnTarget(const Target& target, std::int64_t) { impl_->d.targets.push_back(target); }

void DeliveryAggregator::ReservePayroll(std::size_t rows) { impl_->d.payroll.reserve(rows); }
void DeliveryAggregator::ReserveEmployerHours(std::size_t rows) {
  if (!impl_->options.count_tables_only) impl_->d.employer_hours.reserve(rows);
}

void DeliveryAggregator::OnPayroll(const PayrollRow& row) {
  if (!impl_->InMonths(row.month)) {
    ++impl_->d.stats.payroll_rows_outside_months;
    return;
  }
  impl_->payroll.Add(row, impl_->RegisteredIndex(row));
}

// The first part's cells become the delivery's table (PayrollGroups::Merge), so it has room for the
// rows of all parts: the others are appended in place. Room that is never filled costs address space
// only (its pages are never touched); a table that grows by doubling was copied and its new pages
// cleared by the kernel time after time (bench/README.md, "count from CSV").
std::unique_ptr<PayrollPart> DeliveryAggregator::NewPayrollPart(std::size_t file_rows, std::size_t part,
                                                                std::size_t parts) {
  return std::make_unique<AggregatorPart>(*impl_, part == 0 ? file_rows : file_rows / std::max<std::size_t>(parts, 1));
}

void DeliveryAggregator::MergePayrollPart(std::unique_ptr<PayrollPart> part) {
  auto* p = dynamic_cast<AggregatorPart*>(part.get());
  if (p == nullptr) throw std::logic_error("MergePayrollPart: not a part of this aggregator");
  p->Flush();
  impl_->payroll.Merge(p->cells_, p->totals_, p->stats_, p->Overflow());
}

void DeliveryAggregator::OnEmployerHours(const EmployerHoursRow& row) {
  Delivery& d = impl_->d;
  d.has_employer_hours_file = true;
  // A count needs no employer hours (LoadOptions::count_tables_only): the rows are validated, not kept.
  if (impl_->options.count_tables_only || !impl_->InMonths(row.month)) return;
  d.employer_hours.push_back({row.employer, row.month, row.hours, row.agency_staff_hours, row.wsw_hours, row.wage_cents});
}

void DeliveryAggregator::OnSroi(const SroiRow& row) {
  Delivery& d = impl_->d;
  if (impl_->options.count_tables_only || !impl_->InMonths(row.month)) return;
  const std::uint32_t person = impl_->RegisteredIndex(row);
  if (person == PersonIdIndex::kNone) return;  // counts for nobody: the person is not in the register
  d.sroi.push_back({person, row.contractor, row.buyer, row.month, row.hours, row.line});
}

void DeliveryAggregator::OnHireIn(const HireInRow& row) {
  if (!impl_->InMonths(row.month)) return;
  impl_->AddHireInRow(row, impl_->RegisteredIndex(row));
}

void DeliveryAggregator::OnHireInRows(std::span<const HireInRow> rows) {
  InPrefetchedBatches(impl_->person_index, rows, [&](const HireInRow& row, std::uint64_t key) {
    if (impl_->InMonths(row.month)) impl_->AddHireInRow(row, impl_->RegisteredIndex(row, key));
  });
}

void DeliveryAggregator::Finish() {
  if (!impl_->payroll.overflow.empty()) throw SumOverflow(impl_->payroll.overflow);
  FinishTables(impl_->d);
}

void FinishTables(Delivery& d) {
  // By (person, employer, month): one compare of their packed key.
  auto by_cell = [](const PayrollCell& a, const PayrollCell& b) {
    return PayrollKey(a.person, a.employer, a.month) < PayrollKey(b.person, b.employer, b.month);
  };
  SortByPersonFirst(d.payroll, by_cell);
  // Cells of the same key (see PayrollGroups) are added up: rows are summed per person, employer and month.
  FoldRuns(
      d.payroll, [&](const PayrollCell& a, const PayrollCell& c) { return !by_cell(a, c); },
      [](PayrollCell& into, const PayrollCell& c) {
        const char* kCellSum = Pick("de uren van één persoon bij één werkgever in één maand (payroll.csv)", "the hours of one person at one employer in one month (payroll.csv)").data();
        AddOrStop(into.hours, c.hours, kCellSum);
        AddOrStop(into.wsw_hours, c.wsw_hours, kCellSum);
        AddOrStop(into.permanent_hours, c.permanent_hours, kCellSum);
        AddOrStop(into.temporary_hours, c.temporary_hours, kCellSum);
      });
  // Hire-in rows of the same (person, lender, hirer, month) are summed.
  auto& h = d.hire_in;
  SumCellsOfOneMove<&HireInCell::lender, &HireInCell::hirer>(
      h, Pick("de inleenuren van één persoon, uitlener, inlener en maand (hire_in.csv)", "the hire-in hours of one person, lender, hirer and month (hire_in.csv)").data());
  // Hire-in rows with no payroll behind them attribute nothing (counting.md §3 rule 3): warn.
  // The hire-in cells are in (person, lender, month) order, as the payroll's are by (person, employer,
  // month): one walk over both finds each group's payroll cell (a binary search per group took 0.1 s).
  std::size_t at = 0;  // the first payroll cell not below the current group's key
  for (std::size_t i = 0; i < h.size(); ++i) {
    bool first_of_group =
        i == 0 || h[i - 1].person != h[i].person || h[i - 1].lender != h[i].lender || h[i - 1].month != h[i].month;
    if (!first_of_group) continue;
    const PayrollCell key{h[i].person, h[i].lender, h[i].month, 0, 0, 0, 0};
    while (at < d.payroll.size() && by_cell(d.payroll[at], key)) ++at;
    if (at == d.payroll.size() || by_cell(key, d.payroll[at])) {
      d.AddFinding({Finding::Severity::kWarning, "hire_in.csv", h[i].first_line, 0, "hire-in-without-payroll",
                    Say("geen loonregel van deze persoon bij uitlener {} in {}: deze uren worden aan niemand toegerekend",
                        "no payroll of this person at lender {} in {}: these hours are attributed to nobody",
                        d.employers[h[i].lender].id, FormatMonth(h[i].month))});
    }
  }
  SortByEmployerMonth(d.payroll_totals);
  FoldRuns(
      d.payroll_totals, [&](const EmployerMonth& a, const EmployerMonth& t) { return !ByEmployerMonth(a, t); },
      [](EmployerMonth& into, const EmployerMonth& t) {
        const char* kEmployerSum = Pick("de uren van één werkgever in één maand (payroll.csv)", "the hours of one employer in one month (payroll.csv)").data();
        AddOrStop(into.hours, t.hours, kEmployerSum);
        AddOrStop(into.wsw_hours, t.wsw_hours, kEmployerSum);
        if (t.wage_cents) {
          if (!into.wage_cents) into.wage_cents = 0;
          AddOrStop(*into.wage_cents, *t.wage_cents, Pick("de lonen van één werkgever in één maand (payroll.csv)", "the wages of one employer in one month (payroll.csv)").data());
        }
      });
  SortByEmployerMonth(d.employer_hours);
  // Social-return rows of the same (person, contractor, buyer, month) are summed.
  SumCellsOfOneMove<&SroiCell::contractor, &SroiCell::buyer>(
      d.sroi, Pick("de uren social return van één persoon, opdrachtnemer, opdrachtgever en maand (sroi.csv)", "the social-return hours of one person, contractor, buyer and month (sroi.csv)").data());
  SortRegisterPeriods(d.register_periods);
}

}  // namespace banenmonitor::data
