// The walk of counting.md §3 rules 1-4 over the payroll cells of a range of
// months: which person-months are eligible and where their hours count after
// hire-in attribution. Shared by CountJobs (count.cc), which sums the result
// per scope, and CountedPersonMonths (person_months.cc), which keeps it per
// person for the analyses of job quality. One walk, so the two cannot drift.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <tuple>
#include <utility>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "common/checked_sum.h"
#include "count/attribution.h"
#include "data/fields.h"

namespace banenmonitor::count {

// Person-month eligibility (counting.md §3 rule 1; Wfsv art. 38g lid 8, the
// part-period rule): a person counts in a month when a register period covers
// at least one day of it. Which grounds count depends on the law of the month
// (counting.md §7): under the Wfsv not `voorziening` (it counts for the quotum
// only, Wfsv art. 38b lid 2); from the month `voorziening_from` on, the first
// month counted by the Wet banenafspraak, every ground (art. 2 lid 1 f).
class Eligibility {
 public:
  explicit Eligibility(const Delivery& d, std::optional<MonthIndex> voorziening_from = std::nullopt)
      : periods_(d.register_periods), first_(d.person_ids.size() + 1, 0), voorziening_from_(voorziening_from) {
    // register_periods is sorted by person: build offsets per person.
    for (const auto& p : periods_) ++first_[p.person + 1];
    for (std::size_t i = 1; i < first_.size(); ++i) first_[i] += first_[i - 1];
  }
  bool Eligible(PersonIndex person, MonthIndex month) const {
    DayNumber from = data::FirstDayOf(month), to = data::LastDayOf(month);
    for (std::size_t i = first_[person]; i < first_[person + 1]; ++i) {
      const auto& p = periods_[i];
      if (Counts(p, month) && p.start_day <= to && p.end_day >= from) return true;
    }
    return false;
  }
  // The counting register row (rule 1, by the law of `month`) of `person`
  // that covers `day`; of several, the one that started last (then the one
  // that ends last, then the lowest ground). nullptr when none covers it.
  // REQUIRES: `day` lies in `month`.
  const RegisterPeriod* CoveringOn(PersonIndex person, DayNumber day, MonthIndex month) const {
    const RegisterPeriod* best = nullptr;
    for (std::size_t i = first_[person]; i < first_[person + 1]; ++i) {
      const auto& p = periods_[i];
      if (!Counts(p, month) || p.start_day > day || p.end_day < day) continue;
      if (best == nullptr || std::tie(p.start_day, p.end_day, best->ground) > std::tie(best->start_day, best->end_day, p.ground)) {
        best = &p;
      }
    }
    return best;
  }
  // The ground of a person-month (counting.md §8): that of the counting row
  // covering the month's last covered day. REQUIRES: Eligible(person, month).
  Ground GroundOf(PersonIndex person, MonthIndex month) const {
    DayNumber from = data::FirstDayOf(month), to = data::LastDayOf(month), last = from;
    for (std::size_t i = first_[person]; i < first_[person + 1]; ++i) {
      const auto& p = periods_[i];
      if (Counts(p, month) && p.start_day <= to && p.end_day >= from) last = std::max(last, std::min(p.end_day, to));
    }
    const RegisterPeriod* row = CoveringOn(person, last, month);
    return row != nullptr ? row->ground : Ground::kParticipatiewet;
  }
  std::size_t persons() const { return first_.size() - 1; }
  // Whether register row `p` makes a day of `month` count (rule 1 by the law of the month).
  bool Counts(const RegisterPeriod& p, MonthIndex month) const {
    return p.ground != Ground::kVoorziening || (voorziening_from_ && month >= *voorziening_from_);
  }

 private:
  const std::vector<RegisterPeriod>& periods_;
  std::vector<std::size_t> first_;
  std::optional<MonthIndex> voorziening_from_;
};

// The rows of a table sorted by a key that belong to each of an ascending run
// of keys: the merge join of the payroll cells with hire_in.csv and sroi.csv,
// which the loader sorts like the payroll (person, employer, month).
template <typename Row, typename KeyOf>
class SortedRows {
 public:
  SortedRows(const std::vector<Row>& rows, KeyOf key_of) : rows_(rows), key_of_(key_of) {}
  // The rows whose key equals `key`.
  // REQUIRES: `key` is not below the key of the previous call.
  template <typename Key>
  std::span<const Row> Matching(const Key& key) {
    while (at_ < rows_.size() && key_of_(rows_[at_]) < key) ++at_;
    std::size_t end = at_;
    while (end < rows_.size() && key_of_(rows_[end]) == key) ++end;
    return std::span<const Row>(rows_.data() + at_, end - at_);
  }

 private:
  const std::vector<Row>& rows_;
  KeyOf key_of_;
  std::size_t at_ = 0;
};

// The keys of the join: a payroll cell's (person, employer, month), a hire-in
// row's (person, lender, month), a social-return row's (person, contractor, month).
inline auto PayrollKey(const PayrollCell& c) { return std::tie(c.person, c.employer, c.month); }
inline auto HireInKey(const HireInCell& h) { return std::tie(h.person, h.lender, h.month); }
inline auto SroiKey(const SroiCell& s) { return std::tie(s.person, s.contractor, s.month); }
// The hire-in rows of each payroll cell, in payroll order.
inline auto HireInRows(const Delivery& d) { return SortedRows(d.hire_in, &HireInKey); }

// What a sum of the walk's statistics (CountStats) is called when it does not fit (AddOrStop).
inline constexpr const char* kStatsSum = "the hours of the count's statistics";

// Calls visit(const PayrollCell& cell, const Attribution& attribution) for
// every payroll cell of the months [first, last] whose person is eligible in
// the cell's month (rule 1), in the order of d.payroll (person, employer,
// month), after the cell's hours are split by hire-in attribution and the Wsw
// rule (rules 3 and 4; with `sroi_counts_for_buyer`, also the social-return
// scenario of quotum-and-scenarios.md §4). `voorziening_from`: the first
// month of the Wet banenafspraak, from which voorziening counts (Eligibility).
// The attribution is valid only during the call. Adds the walk's figures to `stats`.
// `cells`: d.payroll, or a run of it of whole persons (the part of a thread).
template <typename Visit>
void WalkCountedCells(const Delivery& d, std::span<const PayrollCell> cells, MonthIndex first, MonthIndex last,
                      bool sroi_counts_for_buyer, std::optional<MonthIndex> voorziening_from, CountStats& stats,
                      Visit&& visit) {
  Eligibility eligibility(d, voorziening_from);
  Attribution attribution;
  auto hire_in = HireInRows(d);
  SortedRows sroi_rows(d.sroi, &SroiKey);
  for (const PayrollCell& cell : cells) {
    if (cell.month < first || cell.month > last) continue;
    ++stats.payroll_cells;
    const auto hires = hire_in.Matching(PayrollKey(cell));
    const auto sroi = sroi_counts_for_buyer ? sroi_rows.Matching(PayrollKey(cell)) : std::span<const SroiCell>();
    if (!eligibility.Eligible(cell.person, cell.month)) continue;
    ++stats.eligible_cells;
    Attribute(cell.hours, cell.wsw_hours, hires, attribution);
    if (!sroi.empty()) AttributeSocialReturn(sroi, attribution);
    AddOrStop(stats.hours_wsw_not_counted, attribution.wsw_not_counted, kStatsSum);
    AddOrStop(stats.hours_attribution_capped, attribution.capped, kStatsSum);
    for (const auto& share : attribution.hired) AddOrStop(stats.hours_attributed, share.hours, kStatsSum);
    for (const auto& share : attribution.sroi) AddOrStop(stats.hours_sroi_moved, share.hours, kStatsSum);
    visit(cell, std::as_const(attribution));
  }
}
template <typename Visit>
void WalkCountedCells(const Delivery& d, MonthIndex first, MonthIndex last, bool sroi_counts_for_buyer,
                      std::optional<MonthIndex> voorziening_from, CountStats& stats, Visit&& visit) {
  WalkCountedCells(d, std::span<const PayrollCell>(d.payroll), first, last, sroi_counts_for_buyer, voorziening_from,
                   stats, std::forward<Visit>(visit));
}

}  // namespace banenmonitor::count
