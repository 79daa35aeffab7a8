// Building the in-memory tables of a Delivery from validated rows.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>
#include <unordered_map>

#include "common/flat_hash_map.h"
#include "data/fields.h"
#include "data/row_sink.h"

namespace banenmonitor::data {

namespace {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Packs (person, employer, month) into one 64-bit key: 26 + 24 + 14 bits.
constexpr int kEmployerBits = 24, kMonthBits = 14;
constexpr MonthIndex kMonthBase = 1900 * 12;
std::uint64_t PayrollKey(PersonIndex p, EmployerIndex e, MonthIndex m) {
  return (std::uint64_t{p} << (kEmployerBits + kMonthBits)) | (std::uint64_t{e} << kMonthBits) |
         static_cast<std::uint64_t>(m - kMonthBase);
}

}  // namespace

struct DeliveryAggregator::Impl {
  Delivery& d;
  LoadOptions options;
  std::unordered_map<std::string, PersonIndex, StringHash, std::equal_to<>> person_index;
  FlatHashMap64 payroll_map{1 << 16};
  FlatHashMap64 totals_map{1 << 10};  // (employer, month) -> index in payroll_totals

  Impl(Delivery& delivery, const LoadOptions& o) : d(delivery), options(o) {}

  bool InMonths(MonthIndex m) const { return m >= options.first_month && m <= options.last_month; }

  PersonIndex Intern(std::string_view id) {
    auto it = person_index.find(id);
    if (it != person_index.end()) return it->second;
    auto index = static_cast<PersonIndex>(d.person_ids.size());
    if (index >= (PersonIndex{1} << 26)) throw std::length_error("more than 67 million persons in one delivery");
    person_index.emplace(std::string(id), index);
    d.person_ids.emplace_back(id);
    return index;
  }

  const PersonIndex* Registered(std::string_view id) const {
    auto it = person_index.find(id);
    return it == person_index.end() ? nullptr : &it->second;
  }
};

DeliveryAggregator::DeliveryAggregator(Delivery& delivery, const LoadOptions& options)
    : impl_(std::make_unique<Impl>(delivery, options)) {}
DeliveryAggregator::~DeliveryAggregator() = default;

void DeliveryAggregator::OnEmployer(const Employer& employer, std::int64_t) {
  if (impl_->d.employers.size() >= (std::size_t{1} << kEmployerBits)) {
    throw std::length_error("more than 16 million employers in one delivery");
  }
  impl_->d.employers.push_back(employer);
}

void DeliveryAggregator::OnRegister(const RegisterRow& row) {
  PersonIndex p = impl_->Intern(row.person_id);
  if (row.end_day < row.start_day) return;  // covers no day (the validator warned)
  impl_->d.register_periods.push_back({p, row.ground, row.start_day, row.end_day});
}

void DeliveryAggregator::OnTarget(const Target& target, std::int64_t) { impl_->d.targets.push_back(target); }

void DeliveryAggregator::OnPayroll(const PayrollRow& row) {
  Delivery& d = impl_->d;
  if (!impl_->InMonths(row.month)) {
    ++d.stats.payroll_rows_outside_months;
    return;
  }
  AddToTotals(row);
  const PersonIndex* person = impl_->Registered(row.person_id);
  if (person == nullptr) {
    ++d.stats.payroll_rows_unregistered;
    return;
  }
  ++d.stats.payroll_rows_kept;
  bool inserted;
  auto next = static_cast<std::uint32_t>(d.payroll.size());
  std::uint32_t* slot = impl_->payroll_map.FindOrInsert(PayrollKey(*person, row.employer, row.month), next, inserted);
  if (inserted) d.payroll.push_back({*person, row.employer, row.month, 0, 0, 0, 0});
  PayrollCell& cell = d.payroll[*slot];
  cell.hours += row.hours;  // counting.md §3 rule 2: rows of the same person, employer and month are summed
  if (row.wsw) cell.wsw_hours += row.hours;
  if (row.contract == Contract::kPermanent) cell.permanent_hours += row.hours;
  if (row.contract == Contract::kTemporary) cell.temporary_hours += row.hours;
}

// All payroll rows, registered or not, per (employer, month): a full payroll
// extract gives the quotum's A (quotum-and-scenarios.md §1).
void DeliveryAggregator::AddToTotals(const PayrollRow& row) {
  Delivery& d = impl_->d;
  bool inserted;
  std::uint64_t key = (std::uint64_t{row.employer} << 32) | static_cast<std::uint32_t>(row.month);
  auto next = static_cast<std::uint32_t>(d.payroll_totals.size());
  std::uint32_t* slot = impl_->totals_map.FindOrInsert(key, next, inserted);
  if (inserted) d.payroll_totals.push_back({row.employer, row.month, 0, 0, 0, std::nullopt});
  EmployerMonth& t = d.payroll_totals[*slot];
  t.hours += row.hours;
  if (row.wsw) t.wsw_hours += row.hours;
  if (row.wage_cents) t.wage_cents = t.wage_cents.value_or(0) + *row.wage_cents;
}

void DeliveryAggregator::OnEmployerHours(const EmployerHoursRow& row) {
  Delivery& d = impl_->d;
  d.has_employer_hours_file = true;
  if (!impl_->InMonths(row.month)) return;
  d.employer_hours.push_back({row.employer, row.month, row.hours, row.agency_staff_hours, row.wsw_hours, row.wage_cents});
}

void DeliveryAggregator::OnSroi(const SroiRow& row) {
  Delivery& d = impl_->d;
  if (!impl_->InMonths(row.month)) return;
  const PersonIndex* person = impl_->Registered(row.person_id);
  if (person == nullptr) return;  // counts for nobody: the person is not in the register
  d.sroi.push_back({*person, row.contractor, row.buyer, row.month, row.hours, row.line});
}

void DeliveryAggregator::OnHireIn(const HireInRow& row) {
  Delivery& d = impl_->d;
  if (!impl_->InMonths(row.month)) return;
  const PersonIndex* person = impl_->Registered(row.person_id);
  if (person == nullptr) {
    ++d.stats.hire_in_rows_unregistered;
    return;
  }
  d.hire_in.push_back({*person, row.lender, row.hirer, row.month, row.hours, row.line});
}

void DeliveryAggregator::Finish() {
  Delivery& d = impl_->d;
  // Hire-in rows of the same (person, lender, hirer, month) are summed.
  auto& h = d.hire_in;
  std::sort(h.begin(), h.end(), [](const HireInCell& a, const HireInCell& b) {
    return std::tie(a.person, a.lender, a.month, a.hirer, a.first_line) <
           std::tie(b.person, b.lender, b.month, b.hirer, b.first_line);
  });
  std::size_t out = 0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (out > 0 && h[out - 1].person == h[i].person && h[out - 1].lender == h[i].lender &&
        h[out - 1].month == h[i].month && h[out - 1].hirer == h[i].hirer) {
      h[out - 1].hours += h[i].hours;
    } else {
      h[out++] = h[i];
    }
  }
  h.resize(out);
  // Hire-in rows with no payroll behind them attribute nothing (counting.md §3 rule 3): warn.
  for (std::size_t i = 0; i < h.size(); ++i) {
    bool first_of_group =
        i == 0 || h[i - 1].person != h[i].person || h[i - 1].lender != h[i].lender || h[i - 1].month != h[i].month;
    if (!first_of_group) continue;
    if (impl_->payroll_map.Find(PayrollKey(h[i].person, h[i].lender, h[i].month)) == nullptr) {
      d.AddFinding({Finding::Severity::kWarning, "hire_in.csv", h[i].first_line, 0, "hire-in-without-payroll",
                    fmt::format("no payroll of this person at lender {} in {}: these hours are attributed to nobody",
                                d.employers[h[i].lender].id, FormatMonth(h[i].month))});
    }
  }
  std::sort(d.payroll.begin(), d.payroll.end(), [](const PayrollCell& a, const PayrollCell& b) {
    return std::tie(a.person, a.employer, a.month) < std::tie(b.person, b.employer, b.month);
  });
  auto by_employer_month = [](const EmployerMonth& a, const EmployerMonth& b) {
    return std::tie(a.employer, a.month) < std::tie(b.employer, b.month);
  };
  std::sort(d.payroll_totals.begin(), d.payroll_totals.end(), by_employer_month);
  std::sort(d.employer_hours.begin(), d.employer_hours.end(), by_employer_month);
  // Social-return rows of the same (person, contractor, buyer, month) are summed.
  auto& sr = d.sroi;
  std::sort(sr.begin(), sr.end(), [](const SroiCell& a, const SroiCell& b) {
    return std::tie(a.person, a.contractor, a.month, a.buyer, a.first_line) <
           std::tie(b.person, b.contractor, b.month, b.buyer, b.first_line);
  });
  std::size_t kept = 0;
  for (std::size_t i = 0; i < sr.size(); ++i) {
    if (kept > 0 && sr[kept - 1].person == sr[i].person && sr[kept - 1].contractor == sr[i].contractor &&
        sr[kept - 1].month == sr[i].month && sr[kept - 1].buyer == sr[i].buyer) {
      sr[kept - 1].hours += sr[i].hours;
    } else {
      sr[kept++] = sr[i];
    }
  }
  sr.resize(kept);
  std::sort(d.register_periods.begin(), d.register_periods.end(), [](const RegisterPeriod& a, const RegisterPeriod& b) {
    return std::tie(a.person, a.start_day, a.end_day, a.ground) < std::tie(b.person, b.start_day, b.end_day, b.ground);
  });
}

}  // namespace banenmonitor::data
