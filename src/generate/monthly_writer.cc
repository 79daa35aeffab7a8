// Writing the monthly files of a generated delivery: payroll.csv, hire_in.csv
// (counting.md §2), sroi.csv (quotum-and-scenarios.md §4) and
// employer_hours.csv (§1), month by month.
//
// Each month is formatted in two halves on two threads (the running spells,
// then the employers) into separate buffers that are appended in order, so the
// bytes are the same as from one thread.
#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <thread>

#include "generate/csv_out.h"
#include "generate/dates.h"
#include "generate/writer.h"

namespace banenmonitor::generate {

namespace {

// Whole cents of a non-negative amount, rounded half up.

struct Chunk {
  std::string payroll, hire, sroi, hours;
  std::int64_t payroll_rows = 0, hire_rows = 0, sroi_rows = 0, hours_rows = 0;
  std::vector<std::int64_t> target_group;  // cents of target-group payroll per employer this month

  void Clear(std::size_t employers) {
    payroll.clear();
    hire.clear();
    sroi.clear();
    hours.clear();
    payroll_rows = hire_rows = sroi_rows = hours_rows = 0;
    target_group.assign(employers, 0);
  }
};

class MonthFormatter {
 public:
  explicit MonthFormatter(const World& w) : w_(w), ids_(w.employers.employers.size()) {
    // The ids in one compact array: rows look them up at random.
    const auto& emp = w.employers.employers;
    for (std::size_t e = 0; e < emp.size(); ++e) std::copy_n(emp[e].id.data(), 12, ids_[e].data());
  }

  void SetMonth(MonthIndex m) {
    m_ = m;
    first_day_ = FirstDay(m);
    last_day_ = LastDay(m);
    std::string t;
    AppendMonth(t, m);
    std::copy_n(t.data(), 7, period_text_.data());
  }

  // payroll.csv, hire_in.csv and sroi.csv rows of `active` spells.
  void Spells(std::span<const std::uint32_t> active, Chunk& c) const {
    const auto& spells = w_.sim.spells;
    const std::uint64_t seed = w_.options.seed;
    const std::string_view period(period_text_.data(), 7);
    for (std::size_t i = 0; i < active.size(); ++i) {
      // The running spells are scattered over memory: fetch ahead.
      if (i + 32 < active.size()) __builtin_prefetch(&spells[active[i + 32]]);
      const std::uint32_t idx = active[i];
      const Spell& s = spells[idx];
      // At most 744 hours in a month (counting.md §2); the calibration stays far below it.
      const std::int64_t cents =
          std::min<std::int64_t>(Cents(MonthHours(s, idx, m_, seed) * w_.calibration.Factor(s, m_)), 74400);
      const std::string_view employer_id = Id(s.employer);
      const char* contract = s.contract_unknown ? "" : (s.permanent_from <= last_day_ ? "permanent" : "temporary");
      // A few months are paid in two rows (a correction, a payment in arrears); the engine sums them.
      const bool split = cents >= 200 && HashUnit(seed ^ 0x73706c6974ULL, idx, static_cast<std::uint64_t>(m_)) < 0.03;
      const std::int64_t part = split ? cents * 3 / 5 : cents;
      for (std::int64_t row_cents : {part, cents - part}) {
        std::string& b = c.payroll;
        AppendFixed(b, s.bsn, 9);
        b.push_back(',');
        b.append(employer_id);
        b.push_back(',');
        b.append(period);
        b.push_back(',');
        AppendCents(b, row_cents);
        b.push_back(',');
        b.append(contract);
        b.append(s.wsw() ? ",1\n" : ",0\n");
        ++c.payroll_rows;
        if (!split) break;
      }
      c.target_group[s.employer] += cents;

      if (s.hirer != kNoEmployer && cents > 0) {
        // Attributed hours: all, part (the rest stays with the lender), or in a
        // full month sometimes more than the payroll (capped by the engine).
        const bool full_month = s.start <= first_day_ && s.end >= last_day_;
        const double a = s.attributed < 1.0f ? s.attributed : (full_month ? s.attributed : 1.0f);
        const std::int64_t hired = a == 1.0 ? cents : Cents(static_cast<double>(cents) / 100.0 * a);
        Row3(c.hire, s.bsn, employer_id, Id(s.hirer), period, hired);
        ++c.hire_rows;
      }
      if (s.sroi_buyer != kNoEmployer && m_ >= s.sroi_from && m_ <= s.sroi_to && cents > 0) {
        Row3(c.sroi, s.bsn, employer_id, Id(s.sroi_buyer), period, Cents(static_cast<double>(cents) / 100.0 * s.sroi_share));
        ++c.sroi_rows;
      }
    }
  }

  // employer_hours.csv rows of employers [from, to): all staff (other staff
  // plus the target group on the payroll), agency staff lent out, Wsw staff and
  // the premium wage sum.
  void Employers(std::size_t from, std::size_t to, const std::vector<std::int64_t>& target_group, Chunk& c) const {
    const auto& emp = w_.employers.employers;
    const std::string_view period(period_text_.data(), 7);
    const double years = (m_ - MakeMonth(2013, 1)) / 12.0;
    const double indexation = std::pow(1.025, years);
    for (std::size_t e = from; e < to; ++e) {
      const GenEmployer& g = emp[e];
      const double noise = 0.98 + 0.04 * HashUnit(w_.options.seed ^ 0x686f757273ULL, e, static_cast<std::uint64_t>(m_));
      const double base = g.staff * g.weekly_hours * 13.0 / 3.0 * std::pow(1.0 + g.growth, years) * noise;
      const std::int64_t all = Cents(base) + target_group[e];
      const std::int64_t lent = g.role == EmployerRole::kAgency ? Cents(base * g.lent_share) + target_group[e] : 0;
      const std::int64_t wsw = g.role == EmployerRole::kWsw ? target_group[e] : 0;
      std::string& b = c.hours;
      b.append(Id(static_cast<std::uint32_t>(e)));
      b.push_back(',');
      b.append(period);
      b.push_back(',');
      AppendCents(b, all);
      b.push_back(',');
      AppendCents(b, lent);
      b.push_back(',');
      AppendCents(b, wsw);
      b.push_back(',');
      AppendCents(b, Cents(static_cast<double>(all) / 100.0 * g.wage_per_hour * indexation));
      b.push_back('\n');
      ++c.hours_rows;
    }
  }

 private:
  std::string_view Id(std::uint32_t e) const { return {ids_[e].data(), 12}; }

  static void Row3(std::string& b, std::uint32_t bsn, std::string_view a, std::string_view h, std::string_view period,
                   std::int64_t cents) {
    AppendFixed(b, bsn, 9);
    b.push_back(',');
    b.append(a);
    b.push_back(',');
    b.append(h);
    b.push_back(',');
    b.append(period);
    b.push_back(',');
    AppendCents(b, cents);
    b.push_back('\n');
  }

  const World& w_;
  std::vector<std::array<char, 12>> ids_;
  MonthIndex m_ = 0;
  DayNumber first_day_ = 0, last_day_ = 0;
  std::array<char, 8> period_text_{};
};

}  // namespace

Result<std::vector<FileSummary>> WriteMonthlyFiles(const World& w, const ProgressFn& progress) {
  const auto& dir = w.options.out;
  const auto& spells = w.sim.spells;
  const std::size_t employers = w.employers.employers.size();
  CsvOut payroll, hire, sroi, hours;
  if (auto s = payroll.Open(dir / "payroll.csv", "person_id,employer_id,period,hours,contract,wsw"); !s.ok()) return Fail(s);
  if (auto s = hire.Open(dir / "hire_in.csv", "person_id,lender_id,hirer_id,period,hours"); !s.ok()) return Fail(s);
  if (auto s = sroi.Open(dir / "sroi.csv", "person_id,contractor_id,buyer_id,period,hours"); !s.ok()) return Fail(s);
  if (auto s = hours.Open(dir / "employer_hours.csv", "employer_id,period,hours,agency_staff_hours,wsw_hours,wage"); !s.ok()) {
    return Fail(s);
  }
  const MonthIndex first_written = MakeMonth(w.options.from_year, 12);
  const MonthIndex last = MakeMonth(w.options.to_year, 12);
  MonthFormatter formatter(w);
  std::array<Chunk, 2> chunks;
  std::vector<std::int64_t> target_group(employers, 0);
  std::vector<std::uint32_t> active;  // running spells, in order of creation
  std::size_t next = 0;

  for (MonthIndex m = kFirstMonth; m <= last; ++m) {
    const DayNumber first_day = FirstDay(m);
    while (next < spells.size() && MonthOfDay(spells[next].start) <= m) active.push_back(static_cast<std::uint32_t>(next++));
    std::erase_if(active, [&](std::uint32_t s) { return spells[s].end < first_day; });
    if (m < first_written) continue;
    formatter.SetMonth(m);
    for (auto& c : chunks) c.Clear(employers);
    // Two halves of the running spells, then two halves of the employers.
    const std::size_t half = active.size() / 2;
    const std::span<const std::uint32_t> all(active);
    {
      std::jthread second([&] { formatter.Spells(all.subspan(half), chunks[1]); });
      formatter.Spells(all.first(half), chunks[0]);
    }
    for (std::size_t e = 0; e < employers; ++e) target_group[e] = chunks[0].target_group[e] + chunks[1].target_group[e];
    for (const Chunk& c : chunks) {
      payroll.AppendRows(c.payroll, c.payroll_rows);
      hire.AppendRows(c.hire, c.hire_rows);
      sroi.AppendRows(c.sroi, c.sroi_rows);
    }
    const std::size_t mid = employers / 2;
    {
      std::jthread second([&] { formatter.Employers(mid, employers, target_group, chunks[1]); });
      formatter.Employers(0, mid, target_group, chunks[0]);
    }
    for (const Chunk& c : chunks) hours.AppendRows(c.hours, c.hours_rows);
    if (progress) progress("writing payroll", static_cast<double>(m - first_written + 1) / (last - first_written + 1));
  }
  std::vector<FileSummary> out;
  for (CsvOut* f : {&payroll, &hire, &sroi, &hours}) {
    if (auto s = f->Close(); !s.ok()) return Fail(s);
    out.push_back({f->name(), f->rows(), f->bytes()});
  }
  return out;
}

}  // namespace banenmonitor::generate
