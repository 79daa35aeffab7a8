// Internals of the progress report (progress_report.h), shared by its parts:
// the figures before and after disclosure control (ReportFigures), the inputs
// gathered once (ReportContext::Gather: the counts, the scenario, the job
// quality, the disclosure table) and one builder per section, each of which
// only lays out figures already computed and protected. Not for use outside
// src/report/.
#pragma once

#include <fmt/format.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "banenmonitor/job_quality.h"
#include "banenmonitor/scenario.h"
#include "banenmonitor/trend.h"
#include "report/progress_report.h"

namespace banenmonitor::report::detail {

inline constexpr const char* kBinnenwerk = "Binnenwerk";
inline constexpr const char* kRijkOther = "Overig Rijk";
// Jobs with one decimal, like the percentages: a small delivery (the worked
// example has 0,4 jobs at the Rijk) would otherwise show zeros.
inline constexpr int kJobDecimals = 1;

// a - b for jobs ratios (denominators are micro-hours per job: the products stay far inside 128 bits).
inline Ratio Minus(const Ratio& a, const Ratio& b) {
  if (a.den == b.den) return {a.num - b.num, a.den};
  return {a.num * b.den - b.num * a.den, a.den * b.den};
}

// The figures of the report before and after protection.
class ReportFigures {
 public:
  explicit ReportFigures(const ProgressReportRequest& request) : request_(request) {}

  std::map<int, RealisationTable> counted;  // Q4 of each covered year

  bool Covered(int year) const { return counted.contains(year); }
  const RealisationRow* Row(int year, std::string_view scope) const {
    auto it = counted.find(year);
    return it == counted.end() ? nullptr : it->second.Find(scope);
  }

  // The disclosure cell of a key, added on first use.
  std::size_t Cell(const std::string& key, std::optional<long long> persons, double value) {
    if (auto it = index_.find(key); it != index_.end()) return it->second;
    std::size_t i = table_.Add(key, persons, value);
    index_.emplace(key, i);
    return i;
  }
  std::optional<std::size_t> Find(const std::string& key) const {
    auto it = index_.find(key);
    return it == index_.end() ? std::nullopt : std::optional(it->second);
  }
  void Relate(std::size_t total, std::vector<std::size_t> parts) { table_.Relate(total, std::move(parts)); }

  // Cells of a count row: jobs, direct, hired-in.
  std::optional<std::size_t> JobsCell(int year, std::string_view scope) {
    const RealisationRow* r = Row(year, scope);
    if (r == nullptr) return std::nullopt;
    return Cell(fmt::format("{}/{}/jobs", year, scope), r->persons, r->jobs);
  }
  std::optional<std::size_t> SplitCell(int year, std::string_view scope, bool hired) {
    const RealisationRow* r = Row(year, scope);
    if (r == nullptr) return std::nullopt;
    return Cell(fmt::format("{}/{}/{}", year, scope, hired ? "hired" : "direct"),
                hired ? r->persons_hired_in : r->persons_direct, hired ? r->jobs_hired_in : r->jobs_direct);
  }
  // this = last + change.
  std::optional<std::size_t> ChangeCell(int year, std::string_view scope) {
    auto now = JobsCell(year, scope), last = JobsCell(year - 1, scope);
    if (!now || !last) return std::nullopt;
    const std::string key = fmt::format("{}/{}/change", year, scope);
    if (auto c = Find(key)) return c;
    std::size_t c = Cell(key, std::nullopt, table_.cells[*now].value - table_.cells[*last].value);
    Relate(*now, {*last, c});
    return c;
  }

  Status Protect() {
    auto r = banenmonitor::Protect(table_, DisclosureOptions{request_.min_persons});
    if (!r) return r.error();
    result_ = std::move(*r);
    return Status::Ok();
  }
  // A cell added after protection has no status: treated as secret (never shown).
  bool Secret(std::size_t cell) const { return cell >= result_.status.size() || result_.Secret(cell); }

  // Figures after protection. `sources` are the cells a derived figure is computed from.
  ReportCell Number(std::optional<double> value, std::optional<Ratio> exact, int decimals, bool percent,
                    const std::vector<std::optional<std::size_t>>& sources, std::optional<std::size_t> own = {}) const {
    ReportCell c;
    c.is_number = true;
    c.value = value;
    c.exact = exact;
    c.decimals = decimals;
    c.percent = percent;
    for (const auto& s : sources) c.secret = c.secret || !s || Secret(*s);
    if (own) {
      c.secret = Secret(*own);
      const auto& persons = table_.cells[*own].persons;
      c.nil = !c.secret && persons && *persons == 0;
    }
    if (!value) c.secret = false;  // missing stays missing
    return c;
  }
  static ReportCell Missing() {
    ReportCell c;
    c.is_number = true;
    return c;
  }

  ReportCell Jobs(int year, std::string_view scope) {
    const RealisationRow* r = Row(year, scope);
    if (r == nullptr) return Missing();
    ExactFigures x = ExactFiguresOf(counted.at(year), *r);
    return Number(r->jobs, x.jobs, kJobDecimals, false, {}, JobsCell(year, scope));
  }
  ReportCell Split(int year, std::string_view scope, bool hired) {
    const RealisationRow* r = Row(year, scope);
    if (r == nullptr) return Missing();
    ExactFigures x = ExactFiguresOf(counted.at(year), *r);
    return Number(hired ? r->jobs_hired_in : r->jobs_direct, hired ? x.jobs_hired_in : x.jobs_direct, kJobDecimals, false, {},
                  SplitCell(year, scope, hired));
  }
  ReportCell Extra(int year, std::string_view scope) {
    const RealisationRow* r = Row(year, scope);
    if (r == nullptr) return Missing();
    ExactFigures x = ExactFiguresOf(counted.at(year), *r);
    return Number(r->extra_jobs, x.extra_jobs, kJobDecimals, false, {JobsCell(year, scope)});
  }
  ReportCell Target(int year, std::string_view scope) const {
    const RealisationRow* r = Row(year, scope);
    if (r == nullptr || !r->target_extra_jobs) return Missing();
    ExactFigures x = ExactFiguresOf(counted.at(year), *r);
    return Number(r->target_extra_jobs, x.target_extra_jobs, kJobDecimals, false, {});
  }
  ReportCell Pct(int year, std::string_view scope) {
    const RealisationRow* r = Row(year, scope);
    if (r == nullptr || !r->realisation_pct) return Missing();
    ExactFigures x = ExactFiguresOf(counted.at(year), *r);
    return Number(r->realisation_pct, x.realisation_pct, 1, true, {JobsCell(year, scope)});
  }
  ReportCell Change(int year, std::string_view scope) {
    auto c = ChangeCell(year, scope);
    if (!c) return Missing();
    ExactFigures now = ExactFiguresOf(counted.at(year), *Row(year, scope));
    ExactFigures last = ExactFiguresOf(counted.at(year - 1), *Row(year - 1, scope));
    return Number(table_.cells[*c].value, Minus(now.jobs, last.jobs), kJobDecimals, false, {JobsCell(year, scope), JobsCell(year - 1, scope)});
  }
  // The change against the previous year computed from the two years' jobs
  // only (BZK's figure, every year): shown when both are published, so it
  // adds no relation to the disclosure table and reveals nothing the two
  // published figures do not.
  ReportCell ChangeOfPublished(int year, std::string_view scope) {
    const RealisationRow *now = Row(year, scope), *last = Row(year - 1, scope);
    if (now == nullptr || last == nullptr) return Missing();
    ExactFigures x_now = ExactFiguresOf(counted.at(year), *now);
    ExactFigures x_last = ExactFiguresOf(counted.at(year - 1), *last);
    return Number(now->jobs - last->jobs, Minus(x_now.jobs, x_last.jobs), kJobDecimals, false,
                  {JobsCell(year, scope), JobsCell(year - 1, scope)});
  }
  // Percentage points between two percentages of the same scope.
  ReportCell PctChange(int year, std::string_view scope) {
    const RealisationRow *now = Row(year, scope), *last = Row(year - 1, scope);
    if (now == nullptr || last == nullptr || !now->realisation_pct || !last->realisation_pct) return Missing();
    return Number(*now->realisation_pct - *last->realisation_pct, std::nullopt, 1, false,
                  {JobsCell(year, scope), JobsCell(year - 1, scope)});
  }

  DisclosureTable& table() { return table_; }
  DisclosureResult& result() { return result_; }

 private:
  const ProgressReportRequest& request_;
  DisclosureTable table_;
  std::map<std::string, std::size_t> index_;
  DisclosureResult result_;
};


// A figure in a sentence: "80,0 %", or "geheim" / "onbekend".
std::string SayFigure(const ReportCell& c);
// True for a figure that is there and not secret.
bool Shown(const ReportCell& c);
ReportTable MakeTable(std::string id, std::string title, std::vector<std::string> headers);
void AddRow(ReportTable& t, std::vector<ReportCell> cells, bool total = false);
// "a, b en c".
std::string Join(const std::vector<std::string>& parts, const std::string& last_sep = " en ");
// A sector's label inside a sentence: "gemeenten", "het Rijk".
std::string InSentence(std::string s);

// One figure of the job-quality table: its header, the row's value, the
// persons it is about (for disclosure control) and the months it needs.
struct QualityFigure {
  std::string header;
  std::optional<double> QualityRow::*value;
  std::int64_t QualityRow::*base;
  bool QualityCoverage::*covered;
  int decimals;
  bool percent;
};

// A section `id` titled `title` that opens with the paragraph `intro`.
inline ReportSection Section(std::string id, std::string title, std::string intro) {
  return ReportSection{std::move(id), std::move(title), {std::move(intro)}, {}, {}};
}

// The report of one request: Gather computes every figure and protects the
// disclosure table; then each section builder returns its section of the report.
class ReportContext {
 public:
  // `delivery` is changed by Gather (the Rijk's employers get their ministry as
  // organisation) and must outlive the context.
  ReportContext(Delivery& delivery, const ProgressReportRequest& request, const ParameterSet& parameters)
      : delivery(delivery), request(request), parameters(parameters), b(request) {}

  // Counts Q4 of every covered year, runs the scenario and the job quality of
  // the year, builds the disclosure table of every published figure and
  // protects it. Fails (InvalidInput) when Q4 of the year is not in the delivery.
  Status Gather();
  // The quarters of Y - 1 and Y and the regions and grounds of Y into the
  // disclosure table (report_regions.cc). REQUIRES: inside Gather, before protection.
  Status GatherRegional();

  // The section builders. REQUIRES: Gather() returned OK.
  ReportSection Kern();
  ReportSection Rijk();  // REQUIRES: has_rijk
  ReportSection PublicSectors();
  ReportSection Trends();
  ReportSection Quarters();           // per kwartaal, indicatief (counting.md §9)
  ReportSection RegionsAndGrounds();  // per arbeidsmarktregio and ground (counting.md §8)
  ReportSection VsPreviousYear();     // BZK's figure (Wet banenafspraak art. 4 lid 4)
  ReportSection LawChange();
  ReportSection Quality();
  ReportSection Accountability();  // Verantwoording: method, disclosure, provenance

  const RealisationTable& now() const { return b.counted.at(Y); }

  Delivery& delivery;
  const ProgressReportRequest& request;
  const ParameterSet& parameters;
  ReportFigures b;
  int Y = 0;
  int first = 0;
  std::string y_s, last_s;
  std::vector<std::string> subsectors;  // government subsectors, in the letters' order
  // The government scopes of BZK's figure (Wet banenafspraak art. 4 lid 4): "government", then the subsectors.
  std::vector<std::string> GovernmentScopes() const {
    std::vector<std::string> out{"government"};
    out.insert(out.end(), subsectors.begin(), subsectors.end());
    return out;
  }
  std::vector<std::string> ministries;  // organisations of the Rijk, by name; Binnenwerk and the rest last
  bool has_rijk = false;
  const RealisationRow* total_row = nullptr;
  std::size_t persons_cell = 0;
  std::optional<ScenarioResult> scenario;
  std::optional<std::size_t> shift_cell, market_with, government_with;
  std::optional<QualityTable> quality;
  std::vector<QualityFigure> quality_figures;
  std::vector<std::string> quality_scopes;
  std::optional<TrendTable> quarters;  // Y - 1 and Y, the total
};

}  // namespace banenmonitor::report::detail
