#include "store/quality.h"

#include <fmt/format.h>

#include <algorithm>
#include <future>
#include <limits>
#include <set>
#include <stdexcept>
#include <unordered_set>

#include "common/number_format.h"
#include "data/fields.h"
#include "data/person_index.h"
#include "data/person_id.h"

namespace banenmonitor::store {


struct QualityCollector::Impl {
  // Nested, not in an anonymous namespace: Impl has external linkage, and in the
  // folder's unity unit GCC warns about members of anonymous-namespace types (-Wsubobject-linkage).
  struct MonthRange {
    MonthIndex first = std::numeric_limits<MonthIndex>::max();
    MonthIndex last = std::numeric_limits<MonthIndex>::min();
    std::set<MonthIndex> months;
    MonthIndex recent = 0;
    void Add(MonthIndex m) {
      if (!months.empty() && m == recent) return;  // a file comes month by month: most rows repeat the last month
      recent = m;
      first = std::min(first, m);
      last = std::max(last, m);
      months.insert(m);
    }
    nlohmann::ordered_json Json() const {
      if (months.empty()) return nullptr;
      return {{"first", data::FormatMonth(first)}, {"last", data::FormatMonth(last)}, {"months", months.size()}};
    }
  };

  std::vector<std::string> employer_ids;
  std::vector<bool> employer_has_payroll;
  data::PersonIdIndex persons;
  std::vector<std::string> person_ids;  // in memory only
  std::vector<bool> registered;
  // Every (person, employer, month) of payroll.csv, and the (person, lender,
  // month) of every hire-in row (Key). Matched once, by HireInWithoutPayroll:
  // both sorted and walked side by side (a binary search per hire-in row in
  // 19 million payroll keys was 5 % of a national import).
  std::vector<std::uint64_t> payroll_keys;
  std::vector<std::uint64_t> hire_in_keys;
  std::unordered_set<std::uint32_t> unregistered_payroll_persons;
  std::int64_t unregistered_payroll_rows = 0;
  std::int64_t register_rows_end_before_start = 0;
  MonthRange payroll_months, hire_in_months;
  DayNumber register_first = std::numeric_limits<DayNumber>::max();
  DayNumber register_last_start = std::numeric_limits<DayNumber>::min();

  data::PersonNumberMemo by_number;
  std::uint32_t Person(std::string_view id) {
    std::uint32_t index = persons.Intern(id, person_ids);
    if (index == registered.size()) registered.push_back(false);
    return index;
  }
  template <typename Row>
  std::uint32_t PersonOf(const Row& row) {
    if (row.person_number == data::kUnnumbered) return Person(row.person_id);
    return by_number.Get(row.person_number, [&] { return Person(row.person_id); });
  }
  static std::uint64_t Key(std::uint32_t p, EmployerIndex e, MonthIndex m) {
    return (std::uint64_t{p} << 38) | (std::uint64_t{e} << 14) | static_cast<std::uint64_t>(m - 1900 * 12);
  }
  // Sorts the payroll keys on a thread of its own, once payroll.csv has been
  // read (the first hire-in row: the files come in order), while the later
  // files are read: a national payroll has 19 million keys, a second and a
  // half of sorting that the import otherwise waits for at its end.
  std::future<void> payroll_sorted;
  void SortPayrollKeysSoon() {
    if (payroll_sorted.valid()) return;
    payroll_sorted = std::async(std::launch::async, [this] { std::sort(payroll_keys.begin(), payroll_keys.end()); });
  }
  // The hire-in rows whose (person, lender, month) has no payroll row. Sorts both key lists in place.
  std::int64_t HireInWithoutPayroll() {
    if (payroll_sorted.valid()) {
      payroll_sorted.get();
    } else {
      std::sort(payroll_keys.begin(), payroll_keys.end());
    }
    std::sort(hire_in_keys.begin(), hire_in_keys.end());
    std::int64_t without = 0;
    auto p = payroll_keys.begin();
    for (std::uint64_t key : hire_in_keys) {
      while (p != payroll_keys.end() && *p < key) ++p;
      if (p == payroll_keys.end() || *p != key) ++without;
    }
    return without;
  }
};

QualityCollector::QualityCollector(std::size_t payroll_rows) : impl_(std::make_unique<Impl>()) {
  impl_->payroll_keys.reserve(payroll_rows);
}
QualityCollector::~QualityCollector() = default;

void QualityCollector::OnEmployer(const Employer& employer, std::int64_t) {
  impl_->employer_ids.push_back(employer.id);
  impl_->employer_has_payroll.push_back(false);
}

void QualityCollector::OnRegister(const data::RegisterRow& row) {
  std::uint32_t p = impl_->PersonOf(row);
  impl_->registered[p] = true;
  if (row.end_day < row.start_day) ++impl_->register_rows_end_before_start;
  impl_->register_first = std::min(impl_->register_first, row.start_day);
  impl_->register_last_start = std::max(impl_->register_last_start, row.start_day);
}

void QualityCollector::OnPayroll(const data::PayrollRow& row) {
  if (impl_->payroll_sorted.valid()) throw std::logic_error("QualityCollector: a payroll row after a hire-in row");
  std::uint32_t p = impl_->PersonOf(row);
  if (!impl_->registered[p]) {
    ++impl_->unregistered_payroll_rows;
    impl_->unregistered_payroll_persons.insert(p);
  }
  impl_->employer_has_payroll[row.employer] = true;
  impl_->payroll_keys.push_back(Impl::Key(p, row.employer, row.month));
  impl_->payroll_months.Add(row.month);
}

void QualityCollector::OnHireIn(const data::HireInRow& row) {
  impl_->SortPayrollKeysSoon();
  std::uint32_t p = impl_->PersonOf(row);
  impl_->hire_in_keys.push_back(Impl::Key(p, row.lender, row.month));
  impl_->hire_in_months.Add(row.month);
}

nlohmann::ordered_json QualityCollector::Report(const Delivery& v) const {
  using nlohmann::ordered_json;
  ordered_json files = ordered_json::array();
  for (const auto& f : v.files) {
    files.push_back({{"file", f.name}, {"present", f.present}, {"rows", f.rows}, {"invalid_rows", f.invalid_rows}});
  }
  ordered_json invalid = ordered_json::object();
  for (const auto& [kind, n] : v.error_counts) invalid[kind] = n;
  std::vector<std::string> idle;
  for (std::size_t e = 0; e < impl_->employer_ids.size(); ++e) {
    if (!impl_->employer_has_payroll[e]) idle.push_back(impl_->employer_ids[e]);
  }
  std::int64_t idle_count = static_cast<std::int64_t>(idle.size());
  if (idle.size() > 20) idle.resize(20);
  auto bsn_errors = v.error_counts.find("bad-bsn");
  ordered_json register_range = nullptr;
  if (impl_->register_first != std::numeric_limits<DayNumber>::max()) {
    register_range = {{"first_start", data::FormatDate(impl_->register_first)},
                      {"last_start", data::FormatDate(impl_->register_last_start)}};
  }
  ordered_json report;
  report["files"] = std::move(files);
  report["invalid_rows_by_kind"] = std::move(invalid);
  report["invalid_bsn"] = bsn_errors == v.error_counts.end() ? 0 : bsn_errors->second;
  // Person ids restored to canonical form (data/person_id.h), per file and kind of repair.
  ordered_json restored = ordered_json::object();
  std::int64_t restored_total = 0;
  for (const auto& [file, kinds] : v.person_id_repairs) {
    for (const auto& [kind, n] : kinds) {
      restored[file][kind] = n;
      restored_total += n;
    }
  }
  report["person_ids_restored"] = std::move(restored);
  report["person_ids_restored_total"] = restored_total;
  report["payroll_persons_not_in_register"] = impl_->unregistered_payroll_persons.size();
  report["payroll_rows_not_in_register"] = impl_->unregistered_payroll_rows;
  report["hire_in_rows_without_payroll"] = impl_->HireInWithoutPayroll();
  report["register_rows_ending_before_start"] = impl_->register_rows_end_before_start;
  report["employers_without_payroll"] = idle_count;
  report["employers_without_payroll_first"] = idle;
  report["months_covered"] = {{"payroll.csv", impl_->payroll_months.Json()},
                              {"hire_in.csv", impl_->hire_in_months.Json()},
                              {"register.csv", register_range}};
  return report;
}

std::string QualityText(const nlohmann::ordered_json& r) {
  std::string out = "Datakwaliteit van de levering\n";
  for (const auto& f : r["files"]) {
    if (!f["present"].get<bool>()) {
      out += fmt::format("  {:<16} niet geleverd\n", f["file"].get<std::string>());
      continue;
    }
    out += fmt::format("  {:<16} {:>12} rijen, {} ongeldig\n", f["file"].get<std::string>(),
                       DutchInt(f["rows"].get<std::int64_t>()), DutchInt(f["invalid_rows"].get<std::int64_t>()));
  }
  if (!r["invalid_rows_by_kind"].empty()) {
    out += "  Ongeldige rijen per soort:\n";
    for (const auto& [kind, n] : r["invalid_rows_by_kind"].items()) {
      out += fmt::format("    {:<28} {}\n", kind, DutchInt(n.get<std::int64_t>()));
    }
  }
  auto line = [&](const char* label, const char* key) {
    out += fmt::format("  {:<52} {}\n", label, DutchInt(r[key].get<std::int64_t>()));
  };
  line("Ongeldige BSN's (elfproef)", "invalid_bsn");
  if (r.contains("person_ids_restored")) {
    for (const auto& [file, kinds] : r["person_ids_restored"].items()) {
      for (int k = 0; k < data::kPersonIdRepairKinds; ++k) {
        auto repair = static_cast<data::PersonIdRepair>(1u << k);
        if (!kinds.contains(data::PersonIdRepairName(repair))) continue;
        out += fmt::format("  {}: {}\n", file,
                           data::PersonIdRepairMessage(repair, kinds[data::PersonIdRepairName(repair)].get<std::int64_t>()));
      }
    }
  }
  line("Personen met loon die niet in het register staan", "payroll_persons_not_in_register");
  line("Inleenregels zonder loon bij de uitlener", "hire_in_rows_without_payroll");
  line("Registerregels die eindigen voor ze beginnen", "register_rows_ending_before_start");
  line("Werkgevers zonder loonregels", "employers_without_payroll");
  for (const char* file : {"payroll.csv", "hire_in.csv"}) {
    const auto& m = r["months_covered"][file];
    if (m.is_null()) continue;
    out += fmt::format("  Maanden in {:<40} {} t/m {} ({} maanden)\n", file, m["first"].get<std::string>(),
                       m["last"].get<std::string>(), m["months"].get<std::int64_t>());
  }
  return out;
}

}  // namespace banenmonitor::store
