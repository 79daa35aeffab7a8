#include "report/progress_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "banenmonitor/job_quality.h"
#include "banenmonitor/scenario.h"
#include "report/number_format.h"
#include "report/realisation_format.h"

namespace banenmonitor::report {

ReportCell ReportCell::Text(std::string text) {
  ReportCell c;
  c.text = std::move(text);
  return c;
}

std::string DisplayFixed(const ReportCell& c) {
  if (!c.is_number || c.secret || c.nil || !c.value) return "";
  return c.exact ? FixedRatio(c.exact->num, c.exact->den, c.decimals) : Fixed(*c.value, c.decimals);
}

std::string DisplayDutch(const ReportCell& c) {
  if (!c.is_number) return c.text;
  if (c.secret) return kSymbolSecret;
  if (c.nil) return kSymbolNil;
  if (!c.value) return kSymbolMissing;
  return DutchFromFixed(DisplayFixed(c)) + (c.percent ? " %" : "");
}

namespace {

constexpr const char* kBinnenwerk = "Binnenwerk";
constexpr const char* kRijkOther = "Overig Rijk";
// Jobs with one decimal, like the percentages: a small delivery (the worked
// example has 0,4 jobs at the Rijk) would otherwise show zeros.
constexpr int kJobDecimals = 1;

// a - b for jobs ratios (denominators are micro-hours per job: the products stay far inside 128 bits).
Ratio Minus(const Ratio& a, const Ratio& b) {
  if (a.den == b.den) return {a.num - b.num, a.den};
  return {a.num * b.den - b.num * a.den, a.den * b.den};
}

// The figures of the report before and after protection.
class Builder {
 public:
  Builder(const ProgressReportRequest& request) : request_(request) {}

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
    auto r = report::Protect(table_, DisclosureOptions{request_.min_persons});
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
std::string Say(const ReportCell& c) {
  if (c.secret) return "geheim";
  if (c.is_number && !c.value) return "onbekend";
  if (c.nil) return "0";
  return DisplayDutch(c);
}
bool Shown(const ReportCell& c) { return c.is_number && c.value && !c.secret; }

ReportTable MakeTable(std::string id, std::string title, std::vector<std::string> headers) {
  ReportTable t;
  t.id = std::move(id);
  t.title = std::move(title);
  t.headers = std::move(headers);
  return t;
}
void AddRow(ReportTable& t, std::vector<ReportCell> cells, bool total = false) {
  t.rows.push_back(std::move(cells));
  t.total_rows.push_back(total);
}

std::string Join(const std::vector<std::string>& parts, const std::string& last_sep = " en ") {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += (i + 1 == parts.size()) ? last_sep : ", ";
    out += parts[i];
  }
  return out;
}

// A sector's label inside a sentence: "gemeenten", "het Rijk".
std::string InSentence(std::string s) {
  if (s == "Rijk") return "het Rijk";
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

}  // namespace

Result<ProgressReport> BuildProgressReport(Delivery delivery, const ParameterSet& parameters,
                                           const ProgressReportRequest& request) {
  const int Y = request.year;
  const int first = std::min(request.first_year, Y);
  // The Rijk per ministry: every Rijk employer gets its ministry, "Binnenwerk" or
  // "Overig Rijk" as organisation; other employers none, so that the
  // organisation level is exactly the Rijk split in parts.
  for (auto& e : delivery.employers) {
    if (e.subsector != "rijk") {
      e.organisation.clear();
    } else if (!request.binnenwerk_prefix.empty() && e.name.starts_with(request.binnenwerk_prefix)) {
      e.organisation = kBinnenwerk;
    } else if (e.organisation.empty()) {
      e.organisation = kRijkOther;
    }
  }
  // Years whose fourth quarter the delivery holds.
  std::optional<MonthIndex> lo, hi;
  for (const auto& p : delivery.payroll) {
    lo = std::min(lo.value_or(p.month), p.month);
    hi = std::max(hi.value_or(p.month), p.month);
  }
  Builder b(request);
  for (int y = first - 1; y <= Y; ++y) {
    if (!lo || MakeMonth(y, 10) < *lo || MakeMonth(y, 12) > *hi) continue;
    auto params = CountingParams::ForYear(parameters, y);
    if (!params) return Fail(params.error());
    auto t = CountJobs(delivery, CountRequest{y, Window::kQ4, false}, *params);
    if (!t) return Fail(t.error());
    b.counted.emplace(y, std::move(*t));
  }
  if (!b.Covered(Y)) {
    return Fail(Status::InvalidInput(fmt::format(
        "the delivery holds no payroll of October-December {} (the year-end measurement of the report)", Y)));
  }
  const RealisationTable& now = b.counted.at(Y);
  std::vector<std::string> subsectors;  // government subsectors, in the letters' order
  for (const RealisationRow* r : now.RowsFor(ScopeLevel::kSubsector)) {
    if (r->level == ScopeLevel::kSubsector && r->scope != "subsector:market") subsectors.push_back(r->scope);
  }
  std::stable_sort(subsectors.begin(), subsectors.end(),
                   [](const std::string& a, const std::string& b) { return SubsectorOrder(a) < SubsectorOrder(b); });
  std::vector<std::string> ministries;  // organisations of the Rijk, by name; Binnenwerk and the rest last
  for (const RealisationRow* r : now.RowsFor(ScopeLevel::kOrganisation)) {
    if (r->level == ScopeLevel::kOrganisation) ministries.push_back(r->scope);
  }
  auto rank = [](const std::string& s) { return s == std::string("organisation:") + kBinnenwerk ? 1 : s == std::string("organisation:") + kRijkOther ? 2 : 0; };
  std::stable_sort(ministries.begin(), ministries.end(), [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  const bool has_rijk = now.Find("subsector:rijk") != nullptr && !ministries.empty();

  // --- The disclosure table: every published count and its relations.
  for (const auto& [y, t] : b.counted) {
    auto total = b.JobsCell(y, "total"), market = b.JobsCell(y, "market"), government = b.JobsCell(y, "government");
    if (total && market && government) b.Relate(*total, {*market, *government});
    std::vector<std::size_t> parts;
    for (const auto& s : subsectors) parts.push_back(*b.JobsCell(y, s));
    if (government && !parts.empty()) b.Relate(*government, parts);
    if (y >= Y - 1 && has_rijk) {
      std::vector<std::size_t> orgs;
      for (const auto& m : ministries) orgs.push_back(*b.JobsCell(y, m));
      b.Relate(*b.JobsCell(y, "subsector:rijk"), orgs);
    }
  }
  if (has_rijk) {
    std::vector<std::size_t> direct, hired;
    for (const auto& m : ministries) {
      direct.push_back(*b.SplitCell(Y, m, false));
      hired.push_back(*b.SplitCell(Y, m, true));
      b.Relate(*b.JobsCell(Y, m), {direct.back(), hired.back()});
    }
    auto rd = *b.SplitCell(Y, "subsector:rijk", false), rh = *b.SplitCell(Y, "subsector:rijk", true);
    b.Relate(*b.JobsCell(Y, "subsector:rijk"), {rd, rh});
    b.Relate(rd, direct);
    b.Relate(rh, hired);
  }
  if (b.Covered(Y - 1)) {
    for (std::string_view s : {"total", "market", "government"}) b.ChangeCell(Y, s);
    for (const auto& s : subsectors) b.ChangeCell(Y, s);
    for (const auto& m : ministries) b.ChangeCell(Y, m);
  }
  const RealisationRow* total_row = now.Find("total");
  const std::size_t persons_cell = b.Cell(fmt::format("{}/total/persons", Y), total_row->persons,
                                          static_cast<double>(total_row->persons));

  // The law change and social return (employer-level figures stay out: not published).
  auto scenario = RunScenario(delivery, ScenarioRequest{Y, Window::kQ4, false, std::nullopt, std::nullopt}, parameters);
  if (!scenario) return Fail(scenario.error());
  std::optional<std::size_t> shift_cell, market_with, government_with;
  if (scenario->sroi.delivered) {
    const auto& s = scenario->sroi;
    shift_cell = b.Cell(fmt::format("{}/sroi/shift", Y), std::nullopt, s.jobs_to_government);
    market_with = b.Cell(fmt::format("{}/market/with-sroi", Y), s.market_with.persons, s.market_with.jobs);
    government_with = b.Cell(fmt::format("{}/government/with-sroi", Y), s.government_with.persons, s.government_with.jobs);
    b.Relate(*b.JobsCell(Y, "market"), {*market_with, *shift_cell});
    b.Relate(*government_with, {*b.JobsCell(Y, "government"), *shift_cell});
  }
  // Job quality per sector.
  auto quality = JobQuality(delivery, QualityRequest{Y, ScopeLevel::kSector}, parameters);
  if (!quality) return Fail(quality.error());
  struct QualityFigure {
    std::string header;
    std::optional<double> QualityRow::*value;
    std::int64_t QualityRow::*base;
    bool QualityCoverage::*covered;
    int decimals;
    bool percent;
  };
  const std::vector<QualityFigure> quality_figures = {
      {"Behoud na een jaar", &QualityRow::retention_pct, &QualityRow::persons_q3_previous, &QualityCoverage::retention, 1, true},
      {"Bij dezelfde werkgever", &QualityRow::same_employer_pct, &QualityRow::persons_q3_previous, &QualityCoverage::retention, 1, true},
      {"Vast contract (uren)", &QualityRow::permanent_pct, &QualityRow::persons_q4, &QualityCoverage::q4, 1, true},
      {"Uren per week", &QualityRow::average_weekly_hours, &QualityRow::persons_q4, &QualityCoverage::q4, 1, false},
      {"Instroom", &QualityRow::inflow_pct, &QualityRow::persons_year, &QualityCoverage::inflow, 1, true},
      {"Behoud instroom vorig jaar", &QualityRow::inflow_retention_pct, &QualityRow::inflow_previous, &QualityCoverage::inflow_retention, 1, true},
  };
  const std::vector<std::string> quality_scopes = {"total", "market", "government"};
  for (const auto& scope : quality_scopes) {
    const QualityRow* q = quality->Find(scope);
    if (q == nullptr) continue;
    for (const auto& f : quality_figures) {
      b.Cell(fmt::format("{}/{}/quality/{}", Y, scope, f.header), q->*f.base, (q->*f.value).value_or(0));
    }
  }

  if (Status s = b.Protect(); !s.ok()) return Fail(s);

  ProgressReport report;
  report.year = Y;
  report.title = fmt::format("Voortgang banenafspraak {}", Y);
  report.recorded_at = request.recorded_at;
  report.min_persons = request.min_persons;
  report.provenance = Provenance{ProgramVersion(), parameters.version(), parameters.sha256(), request.source, delivery.files};
  const std::string y_s = std::to_string(Y), last_s = std::to_string(Y - 1);

  // --- Kern
  {
    ReportSection sec{"kern", "Kern", {}, {}, {}};
    ReportCell persons = b.Number(static_cast<double>(total_row->persons), std::nullopt, 0, false, {}, persons_cell);
    // The total's nulmeting comes from targets.csv's `total` row; without it only the jobs are said.
    const bool total_baseline = total_row->baseline_jobs != 0 || total_row->target_extra_jobs.has_value();
    sec.paragraphs.push_back(fmt::format("Eind {} werken {} mensen uit het doelgroepregister in {} banen van 25,5 uur per week{}.",
                                         Y, Say(persons), Say(b.Jobs(Y, "total")),
                                         total_baseline ? fmt::format(": {} extra banen ten opzichte van de nulmeting",
                                                                      Say(b.Extra(Y, "total")))
                                                        : ""));
    for (auto [scope, name] : {std::pair{"market", "De marktsector"}, std::pair{"government", "De overheid"}}) {
      ReportCell target = b.Target(Y, scope), pct = b.Pct(Y, scope);
      std::string s = fmt::format("{} heeft {} extra banen gerealiseerd", name, Say(b.Extra(Y, scope)));
      if (Shown(target)) s += fmt::format(" tegen een opgave van {}", Say(target));
      if (Shown(pct)) s += fmt::format(": een realisatie van {}", Say(pct));
      ReportCell before = b.Pct(Y - 1, scope);
      if (Shown(pct) && Shown(before)) s += fmt::format(" (eind {}: {})", Y - 1, Say(before));
      sec.paragraphs.push_back(s + ".");
    }
    if (has_rijk || now.Find("subsector:rijk")) {
      ReportCell a = b.Pct(Y - 1, "subsector:rijk"), c = b.Pct(Y, "subsector:rijk");
      if (Shown(a) && Shown(c)) {
        const std::string da = DisplayFixed(a), dc = DisplayFixed(c);
        const double va = std::stod(da), vc = std::stod(dc);
        if (vc > va) {
          sec.paragraphs.push_back(fmt::format("Het realisatiepercentage van het Rijk is gestegen van {} in {} naar {} eind {}.", Say(a), Y - 1, Say(c), Y));
        } else if (vc < va) {
          sec.paragraphs.push_back(fmt::format("Het realisatiepercentage van het Rijk is gedaald van {} in {} naar {} eind {}.", Say(a), Y - 1, Say(c), Y));
        } else {
          sec.paragraphs.push_back(fmt::format("Het realisatiepercentage van het Rijk is gelijk gebleven: {} in {} en eind {}.", Say(c), Y - 1, Y));
        }
      } else if (Shown(c)) {
        sec.paragraphs.push_back(fmt::format("Het realisatiepercentage van het Rijk is eind {} {}.", Y, Say(c)));
      } else {
        sec.paragraphs.push_back(fmt::format("Het realisatiepercentage van het Rijk eind {} is {}.", Y, Say(c)));
      }
    }
    // Best and worst public sectors by realisation.
    std::vector<std::pair<double, std::string>> ranked;
    int reported = 0, met = 0, with_target = 0;
    for (const auto& s : subsectors) {
      const RealisationRow* r = now.Find(s);
      if (r->persons > 0) ++reported;
      ReportCell pct = b.Pct(Y, s);
      if (pct.value) ++with_target;
      if (!Shown(pct)) continue;
      ranked.emplace_back(std::stod(DisplayFixed(pct)), s);
      if (*pct.value >= 100) ++met;
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    auto has = [](int n) { return n == 1 ? "heeft" : "hebben"; };
    std::string sectors = fmt::format("Van de {} publieke sectoren {} er {} eind {} banen in de telling; {} {} een opgave",
                                      subsectors.size(), has(reported), reported, Y, with_target, has(with_target));
    if (!ranked.empty()) sectors += fmt::format(" en {} daarvan {} de opgave", met, met == 1 ? "haalt" : "halen");
    sec.paragraphs.push_back(sectors + ".");
    if (ranked.size() >= 2) {
      const std::size_t k = std::min<std::size_t>(2, ranked.size() / 2);
      std::vector<std::string> best, worst;
      for (std::size_t i = 0; i < k; ++i) {
        best.push_back(fmt::format("{} ({})", InSentence(ScopeLabel(ranked[i].second)), Say(b.Pct(Y, ranked[i].second))));
        const auto& w = ranked[ranked.size() - 1 - i];
        worst.push_back(fmt::format("{} ({})", InSentence(ScopeLabel(w.second)), Say(b.Pct(Y, w.second))));
      }
      sec.paragraphs.push_back(fmt::format("De hoogste realisatie hebben {}; de laagste {}{}.", Join(best), Join(worst),
                                           static_cast<int>(ranked.size()) < with_target
                                               ? " (sectoren met een geheim percentage blijven buiten deze vergelijking)"
                                               : ""));
    }
    if (b.result().primary + b.result().secondary > 0) {
      sec.paragraphs.push_back(fmt::format(
          "Cijfers over minder dan {} personen zijn geheim ({}): {} cijfers om die reden en {} om terugrekenen te "
          "voorkomen.",
          request.min_persons, kSymbolSecret, b.result().primary, b.result().secondary));
    }
    ReportTable t = MakeTable("Kern", fmt::format("Extra banen en realisatie eind {} en eind {}", Y, Y - 1),
                              {"Sector", "Opgave " + y_s, "Extra banen " + y_s, "Realisatie " + y_s,
                               "Extra banen " + last_s, "Realisatie " + last_s});
    for (std::string_view scope : {"market", "government", "total"}) {
      if (scope == "total" && !total_baseline) continue;
      AddRow(t, {ReportCell::Text(ScopeLabel(scope)), b.Target(Y, scope), b.Extra(Y, scope), b.Pct(Y, scope),
                 b.Extra(Y - 1, scope), b.Pct(Y - 1, scope)},
             scope == "total");
    }
    t.note = "Extra banen: banen min de nulmeting. Opgave: de extra banen die eind van het jaar bereikt moeten zijn.";
    sec.tables.push_back(std::move(t));
    report.sections.push_back(std::move(sec));
  }
  // --- Sector Rijk
  if (has_rijk) {
    ReportSection sec{"rijk", "Sector Rijk", {}, {}, {}};
    sec.paragraphs.push_back(fmt::format(
        "Per ministerie de opgave, de gerealiseerde banen eind {} (vierde kwartaal) en het realisatiepercentage, "
        "met de verdeling in banen in eigen dienst (direct) en ingeleende banen (via een uitzendbureau of "
        "Wsw-bedrijf, toegerekend aan het ministerie dat inleent). Binnenwerk, de groepsdetacheringen van het Rijk, "
        "staat apart en telt niet mee bij het ministerie waar het onder valt.",
        Y));
    ReportTable t = MakeTable("Rijk", fmt::format("Banen per ministerie, eind {} en eind {}", Y, Y - 1),
                              {"Ministerie", "Opgave " + y_s, "Gerealiseerd " + y_s, "Waarvan direct", "Waarvan ingeleend",
                               "Realisatie " + y_s, "Gerealiseerd " + last_s, "Realisatie " + last_s, "Verschil (banen)"});
    auto row = [&](const std::string& scope, const std::string& label, bool total) {
      AddRow(t, {ReportCell::Text(label), b.Target(Y, scope), b.Jobs(Y, scope), b.Split(Y, scope, false),
                 b.Split(Y, scope, true), b.Pct(Y, scope), b.Jobs(Y - 1, scope), b.Pct(Y - 1, scope), b.Change(Y, scope)},
             total);
    };
    for (const auto& m : ministries) {
      row(m, m == std::string("organisation:") + kBinnenwerk ? "Binnenwerk (groepsdetacheringen)" : ScopeLabel(m), false);
    }
    row("subsector:rijk", "Rijk", true);
    t.note = "Realisatie: gerealiseerde banen als deel van de opgave (een totaal aantal banen).";
    sec.tables.push_back(std::move(t));
    report.sections.push_back(std::move(sec));
  }

  // --- Publieke sectoren
  {
    ReportSection sec{"publieke-sectoren", "Publieke sectoren", {}, {}, {}};
    sec.paragraphs.push_back(fmt::format(
        "Elke publieke sector met zijn opgave (een totaal aantal banen), de gerealiseerde banen en het "
        "realisatiepercentage eind {}, tegen eind {}. De volgorde is die van de brieven aan de Tweede Kamer.",
        Y, Y - 1));
    ReportTable t = MakeTable("Publieke sectoren", fmt::format("Banen per publieke sector, eind {} en eind {}", Y, Y - 1),
                              {"Sector", "Opgave " + y_s, "Gerealiseerd " + y_s, "Realisatie " + y_s, "Gerealiseerd " + last_s,
                               "Realisatie " + last_s, "Verschil (banen)", "Verschil (procentpunt)"});
    for (const auto& s : subsectors) {
      AddRow(t, {ReportCell::Text(ScopeLabel(s)), b.Target(Y, s), b.Jobs(Y, s), b.Pct(Y, s), b.Jobs(Y - 1, s),
                 b.Pct(Y - 1, s), b.Change(Y, s), b.PctChange(Y, s)});
    }
    // The total: all government jobs against the sum of the sector targets,
    // when every sector with jobs has a target.
    auto total_pct = [&](int year) {
      double target = 0;
      bool complete = b.Covered(year);
      for (const auto& s : subsectors) {
        const RealisationRow* r = b.Row(year, s);
        if (r == nullptr) continue;
        if (r->target_extra_jobs) target += *r->target_extra_jobs;
        else if (r->persons > 0) complete = false;
      }
      const RealisationRow* g = b.Row(year, "government");
      std::optional<double> pct;
      if (complete && g != nullptr && target > 0) pct = g->jobs / target * 100;
      return std::pair{target, pct};
    };
    auto [target_now, pct_now] = total_pct(Y);
    auto [target_last, pct_last] = total_pct(Y - 1);
    std::optional<double> pp;
    if (pct_now && pct_last) pp = *pct_now - *pct_last;
    auto gov = b.JobsCell(Y, "government"), gov_last = b.JobsCell(Y - 1, "government");
    AddRow(t, {ReportCell::Text("Totaal publieke sectoren"),
               b.Number(target_now > 0 ? std::optional(target_now) : std::nullopt, std::nullopt, kJobDecimals, false, {}),
               b.Jobs(Y, "government"), b.Number(pct_now, std::nullopt, 1, true, {gov}), b.Jobs(Y - 1, "government"),
               b.Number(pct_last, std::nullopt, 1, true, {gov_last}), b.Change(Y, "government"),
               b.Number(pp, std::nullopt, 1, false, {gov, gov_last})},
           true);
    t.note = "Totaal: alle banen bij de overheid tegen de som van de opgaven van de sectoren.";
    sec.tables.push_back(std::move(t));
    report.sections.push_back(std::move(sec));
  }

  // --- Trends
  {
    ReportSection sec{"trends", "Trends", {}, {}, {}};
    sec.paragraphs.push_back(fmt::format(
        "Gerealiseerd tegen de opgave per jaar, {} tot en met {}, steeds eind van het jaar. Voor de marktsector en de "
        "overheid de extra banen ten opzichte van de nulmeting, voor de publieke sectoren het totaal aantal banen "
        "(hun opgave is een totaal). Een ontbrekend punt is geheim of niet geleverd.",
        first, Y));
    std::vector<std::string> years;
    for (int y = first; y <= Y; ++y) years.push_back(std::to_string(y));
    std::vector<std::string> headers = {"Reeks"};
    headers.insert(headers.end(), years.begin(), years.end());
    ReportTable t = MakeTable("Trends", fmt::format("Gerealiseerd en opgave per jaar, {}–{}", first, Y), headers);
    std::vector<std::pair<std::string, bool>> scopes = {{"market", true}, {"government", true}};
    for (const auto& s : subsectors) scopes.emplace_back(s, false);
    int n = 0;
    for (const auto& [scope, extra] : scopes) {
      std::vector<ReportCell> realised{ReportCell::Text(ScopeLabel(scope) + ": gerealiseerd")},
          target{ReportCell::Text(ScopeLabel(scope) + ": opgave")};
      LineChartSpec chart;
      chart.id = fmt::format("trend-{}", ++n);
      chart.title = ScopeLabel(scope);
      chart.x_labels = years;
      chart.y_label = extra ? "extra banen" : "banen";
      ChartSeries rs{"Gerealiseerd", {}, false, "#154273"}, ts{"Opgave", {}, true, "#ca005d"};
      std::vector<std::string> said_r, said_t;
      for (int y = first; y <= Y; ++y) {
        ReportCell r = extra ? b.Extra(y, scope) : b.Jobs(y, scope);
        ReportCell g = b.Target(y, scope);
        rs.values.push_back(Shown(r) ? (r.nil ? std::optional(0.0) : r.value) : std::nullopt);
        ts.values.push_back(Shown(g) ? g.value : std::nullopt);
        said_r.push_back(fmt::format("{} {}", y, DisplayDutch(r)));
        said_t.push_back(fmt::format("{} {}", y, DisplayDutch(g)));
        realised.push_back(r);
        target.push_back(g);
      }
      bool any_secret = false, any_shown = false;
      for (std::size_t i = 1; i < realised.size(); ++i) {
        any_secret = any_secret || realised[i].secret;
        any_shown = any_shown || rs.values[i - 1].has_value();
      }
      if (any_secret && !any_shown) rs.name = "Gerealiseerd: geheim (x)";
      chart.series = {rs, ts};
      chart.description = fmt::format("{}, {} tegen de opgave. Gerealiseerd: {}. Opgave: {}.", ScopeLabel(scope),
                                      extra ? "extra banen ten opzichte van de nulmeting" : "banen",
                                      Join(said_r, "; "), Join(said_t, "; "));
      AddRow(t, std::move(realised));
      AddRow(t, std::move(target));
      sec.charts.push_back(std::move(chart));
    }
    t.note = "x geheim, . niet geleverd of geen opgave, - nihil.";
    sec.tables.push_back(std::move(t));
    report.sections.push_back(std::move(sec));
  }

  // --- Wetswijziging
  {
    ReportSection sec{"wetswijziging", "Wetswijziging", {}, {}, {}};
    const auto& law = scenario->law2026;
    sec.paragraphs.push_back(fmt::format(
        "Met de Wet banenafspraak 2026 (Kamerstuk 36 449) is er één sector met één landelijke opgave, gemeten op het "
        "totaal; de overheid blijft apart rapporteren. Hieronder eind {} onder de huidige wet (twee sectoren) en "
        "alsof de nieuwe wet al gold.",
        Y));
    if (law.national == NationalTarget::kNone) {
      sec.paragraphs.push_back("De levering geeft geen opgave voor beide sectoren en geen landelijke opgave; de realisatie "
                               "onder de nieuwe wet is daarom niet te berekenen.");
    }
    ReportTable t = MakeTable("Wetswijziging", fmt::format("Realisatie eind {} onder de huidige en de nieuwe wet", Y),
                              {"Regeling", "Nulmeting", "Opgave", "Extra banen", "Realisatie"});
    auto regime_row = [&](const RealisationTable& table, std::string_view scope, const std::string& label) {
      const RealisationRow* r = table.Find(scope);
      if (r == nullptr) return;
      ExactFigures x = ExactFiguresOf(table, *r);
      auto jobs = b.JobsCell(Y, scope);
      AddRow(t, {ReportCell::Text(label), b.Number(r->baseline_jobs, x.baseline_jobs, kJobDecimals, false, {}),
                 b.Number(r->target_extra_jobs, x.target_extra_jobs, kJobDecimals, false, {}),
                 b.Number(r->extra_jobs, x.extra_jobs, kJobDecimals, false, {jobs}),
                 b.Number(r->realisation_pct, x.realisation_pct, 1, true, {jobs})},
             scope == "total");
    };
    regime_row(scenario->current.table, "market", "Huidige wet: marktsector");
    regime_row(scenario->current.table, "government", "Huidige wet: overheid");
    regime_row(law.table, "total", "Wet banenafspraak 2026: één sector");
    t.note = "Nulmeting en opgave onder de nieuwe wet: de som van die van de twee sectoren.";
    sec.tables.push_back(std::move(t));
    if (scenario->sroi.delivered) {
      const auto& s = scenario->sroi;
      ReportCell shift = b.Number(s.jobs_to_government, std::nullopt, kJobDecimals, false, {}, shift_cell);
      sec.paragraphs.push_back(fmt::format(
          "Social return: telt een baan die een opdrachtnemer via social return invult mee voor de opdrachtgever, dan "
          "gaan eind {} {} banen van de marktsector naar de overheid.",
          Y, Say(shift)));
      ReportTable st = MakeTable("Social return", fmt::format("Banen eind {} met social return voor de opdrachtgever", Y),
                                 {"Sector", "Huidige telling", "Social return bij de opdrachtgever", "Verschil"});
      ReportCell minus = shift;
      if (minus.value) minus.value = -*minus.value;
      AddRow(st, {ReportCell::Text("Marktsector"), b.Jobs(Y, "market"),
                  b.Number(s.market_with.jobs, std::nullopt, kJobDecimals, false, {}, market_with), minus});
      AddRow(st, {ReportCell::Text("Overheid"), b.Jobs(Y, "government"),
                  b.Number(s.government_with.jobs, std::nullopt, kJobDecimals, false, {}, government_with), shift});
      sec.tables.push_back(std::move(st));
    } else {
      sec.paragraphs.push_back("De levering bevat geen sroi.csv: het effect van social return voor de opdrachtgever is "
                               "niet te berekenen.");
    }
    sec.paragraphs.push_back("Heffingen, opslagen en bonussen per werkgever staan niet in dit rapport: het zijn cijfers "
                             "over afzonderlijke werkgevers (zie banenmonitor scenario).");
    report.sections.push_back(std::move(sec));
  }

  // --- Kwaliteit en duurzaamheid
  {
    ReportSection sec{"kwaliteit", "Kwaliteit en duurzaamheid", {}, {}, {}};
    sec.paragraphs.push_back(fmt::format(
        "Blijven de banen, zijn ze vast en hoeveel uren hebben ze? Behoud: van de mensen die in het derde kwartaal van "
        "{} werkten, het deel dat in het derde kwartaal van {} nog werkte (ergens, of bij dezelfde werkgever). Vast "
        "contract: het deel van de uren in het vierde kwartaal met een vast contract. Instroom: mensen die in {} "
        "werkten en in {} niet.",
        Y - 1, Y, Y, Y - 1));
    if (quality->retention_benchmark) {
      sec.paragraphs.push_back(fmt::format("Ter vergelijking: UWV meet een landelijk behoud na een jaar van {} ({}).",
                                           Dutch(*quality->retention_benchmark * 100, 0) + " %", quality->benchmark_basis));
    }
    std::vector<std::string> headers = {"Sector"};
    for (const auto& f : quality_figures) headers.push_back(f.header);
    ReportTable t = MakeTable("Kwaliteit", fmt::format("Kwaliteit en duurzaamheid van de banen, {}", Y), headers);
    for (const auto& scope : quality_scopes) {
      const QualityRow* q = quality->Find(scope);
      if (q == nullptr) continue;
      std::vector<ReportCell> cells{ReportCell::Text(ScopeLabel(scope))};
      for (const auto& f : quality_figures) {
        auto cell = b.Find(fmt::format("{}/{}/quality/{}", Y, scope, f.header));
        std::optional<double> v = quality->coverage.*f.covered ? q->*f.value : std::nullopt;
        ReportCell c = b.Number(v, std::nullopt, f.decimals, f.percent, {}, cell);
        c.nil = false;  // a share of nobody is missing, not nil
        cells.push_back(c);
      }
      AddRow(t, std::move(cells), scope == "total");
    }
    t.note = "Een cijfer over minder dan " + std::to_string(request.min_persons) +
             " personen is geheim; een cijfer waarvoor de levering de maanden niet heeft, ontbreekt (.).";
    sec.tables.push_back(std::move(t));
    report.sections.push_back(std::move(sec));
  }

  // --- Verantwoording
  {
    ReportSection sec{"verantwoording", "Verantwoording", {}, {}, {}};
    const double hours_per_job = now.hours_per_job;
    sec.paragraphs.push_back(fmt::format(
        "Methode. Een baan is 25,5 betaalde uren per week: 1.331 uur per jaar (Besluit Wfsv art. 2.32), {} uur in "
        "een kwartaal. Gemeten wordt het vierde kwartaal van elk jaar (oktober tot en met december). Uren tellen "
        "alleen in maanden dat de persoon in het doelgroepregister staat. Ingeleende uren (uitzendbureau, "
        "Wsw-detachering) tellen bij de inlener, tot ten hoogste de verloonde uren (Besluit Wfsv art. 2.27–2.31); "
        "Wsw-uren die niet zijn gedetacheerd tellen niet. Extra banen zijn banen min de nulmeting; de volledige "
        "rekenregels staan in docs/method.md.",
        Dutch(hours_per_job, 2)));
    sec.paragraphs.push_back(fmt::format(
        "Geheimhouding. Een cijfer over minder dan {} personen is geheim (primair). Daarnaast zijn cijfers verborgen "
        "zodat geen geheim cijfer uit totalen, andere sectoren of het verschil met vorig jaar is terug te rekenen "
        "(secundair; exact gecontroleerd, zie docs/disclosure.md). In dit rapport: {} primair en {} secundair "
        "geheim.",
        request.min_persons, b.result().primary, b.result().secondary));
    ReportTable h = MakeTable("Herkomst", "Herkomst van de cijfers", {"Onderdeel", "Waarde"});
    auto kv = [&](const std::string& k, const std::string& v) { AddRow(h, {ReportCell::Text(k), ReportCell::Text(v)}); };
    kv("Bron", request.source);
    kv("Vastgelegd", request.recorded_at.empty() ? "." : request.recorded_at);
    kv("Meetmoment", fmt::format("vierde kwartaal {} (trends vanaf {})", Y, first));
    kv("Parameterversie", parameters.version());
    kv("Parameters SHA-256", parameters.sha256());
    kv("Programmaversie", std::string("banenmonitor ") + ProgramVersion());
    kv("Minimum aantal personen", std::to_string(request.min_persons));
    sec.tables.push_back(std::move(h));
    ReportTable f = MakeTable("Bestanden", "Bestanden van de levering", {"Bestand", "Rijen", "SHA-256"});
    for (const auto& file : delivery.files) {
      if (!file.present) continue;
      AddRow(f, {ReportCell::Text(file.name), b.Number(static_cast<double>(file.rows), std::nullopt, 0, false, {}),
                 ReportCell::Text(file.sha256)});
    }
    sec.tables.push_back(std::move(f));
    ReportTable l = MakeTable("Tekens", "Verklaring van tekens", {"Teken", "Betekenis"});
    for (const auto& [symbol, meaning] : SymbolLegend()) AddRow(l, {ReportCell::Text(symbol), ReportCell::Text(meaning)});
    sec.tables.push_back(std::move(l));
    report.sections.push_back(std::move(sec));
  }

  report.disclosure = std::move(b.table());
  report.protection = std::move(b.result());
  return report;
}

}  // namespace banenmonitor::report
