// Where the jobs are and who holds them (counting.md §8-9) in the dashboard:
// the jobs of the caller's scope per arbeidsmarktregio and per ground of
// registration, and its persons and jobs quarter by quarter (indicatief).
// Each answer's figures pass disclosure control together with the scope's own
// figure and the relations between them (parts add up to the scope; working =
// stayers + inflow); non-admin users get a secret figure as null.
#include <fmt/format.h>

#include <algorithm>

#include "analysis/disclosure.h"
#include "banenmonitor/trend.h"
#include "common/lang.h"
#include "report/realisation_format.h"
#include "report/trend_format.h"
#include "web/dashboard.h"

namespace banenmonitor::web {

namespace {

double RatioValue(const Ratio& r) { return static_cast<double>(r.num) / static_cast<double>(r.den); }

// A figure for the caller: its value, or null when hidden.
Json Shown(const Call& c, const DisclosureResult& protection, std::size_t cell, Json value) {
  return Hidden(c, protection.Secret(cell)) ? Json(nullptr) : std::move(value);
}

// The regions of the employers of `scope` (a sector user sees no other region).
std::vector<std::string> RegionsOf(const LoadedSnapshot& s, const std::string& scope) {
  std::vector<std::string> out;
  const std::vector<EmployerIndex>* employers = s.scopes.EmployersOf(scope);
  if (employers == nullptr) return out;
  for (EmployerIndex e : *employers) {
    const std::string& region = s.delivery.employers[e].region;
    out.push_back("region:" + (region.empty() ? std::string(kUnknownRegion) : region));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

HttpResult<Reply> Dashboard::RegionsFor(const Call& c, const LoadedSnapshot& s, const std::string& scope, int year) {
  const std::string key = fmt::format("regions|{}|{}|{}|{}", s.id, c.who.role == Role::kAdmin, scope, year);
  if (auto cached = CachedJson(key)) return *cached;
  CountRequest request{year, Window::kQ4};
  request.regions_and_grounds = true;
  request.regions_within = scope;
  request.scopes = s.count_scopes;
  auto table = CountJobs(s.delivery, request, params);
  if (!table) return Refuse(400, table.error().message());
  const RealisationRow* own = table->Find(scope);
  if (own == nullptr) return Refuse(404, std::string(Pick("Geen cijfers voor deze scope.", "No figures for this scope.")));
  const bool national = scope == "total";
  const std::vector<std::string> regions = RegionsOf(s, scope);

  // One disclosure table: the scope, its regions and its grounds (and, nationally, the register).
  DisclosureTable d;
  const std::size_t own_cell = d.Add(scope, own->persons, own->jobs);
  std::vector<std::pair<const RealisationRow*, std::size_t>> region_cells, ground_cells, register_cells;
  for (const RealisationRow& r : table->rows) {
    const bool region = r.level == ScopeLevel::kRegion && std::binary_search(regions.begin(), regions.end(), r.scope);
    if (region) region_cells.emplace_back(&r, d.Add(r.scope, r.persons, r.jobs));
    if (r.level == ScopeLevel::kGround) ground_cells.emplace_back(&r, d.Add(r.scope, r.persons, r.jobs));
    if (national && r.level == ScopeLevel::kGround && r.registered) {
      register_cells.emplace_back(&r, d.Add(r.scope + "/registered", *r.registered, static_cast<double>(*r.registered)));
    }
  }
  auto indices = [](const auto& cells) {
    std::vector<std::size_t> out;
    for (const auto& [row, cell] : cells) out.push_back(cell);
    return out;
  };
  if (!region_cells.empty()) d.Relate(own_cell, indices(region_cells));
  if (!ground_cells.empty()) d.Relate(own_cell, indices(ground_cells));
  std::optional<std::size_t> register_total;
  if (national && own->registered) {
    register_total = d.Add("registered", *own->registered, static_cast<double>(*own->registered));
    if (!register_cells.empty()) d.Relate(*register_total, indices(register_cells));
  }
  auto protection = Protect(d, DisclosureOptions{figures.min_persons()});
  if (!protection) return Refuse(500, protection.error().message());

  auto row_json = [&](const RealisationRow& r, std::size_t cell, std::optional<std::size_t> registered) {
    Json j = {{"scope", r.scope},
              {"label", report::ScopeLabel(r.scope)},
              {"persons", Shown(c, *protection, cell, r.persons)},
              {"jobs", Shown(c, *protection, cell, Number(r.jobs, 2))},
              {"secret", protection->Secret(cell)}};
    Json hidden = {{"persons", Hidden(c, protection->Secret(cell))}, {"jobs", Hidden(c, protection->Secret(cell))}};
    if (registered) {
      j["registered"] = Shown(c, *protection, *registered, *r.registered);
      hidden["registered"] = Hidden(c, protection->Secret(*registered));
    }
    j["hidden"] = std::move(hidden);
    return j;
  };
  Json region_rows = Json::array(), ground_rows = Json::array();
  for (const auto& [r, cell] : region_cells) region_rows.push_back(row_json(*r, cell, std::nullopt));
  for (std::size_t i = 0; i < ground_cells.size(); ++i) {
    const auto& [r, cell] = ground_cells[i];
    ground_rows.push_back(row_json(*r, cell, national ? std::optional(register_cells[i].second) : std::nullopt));
  }
  Reply reply = Reply::FromJson({{"year", year},
                                 {"scope", scope},
                                 {"scope_label", s.Label(scope)},
                                 {"scope_row", row_json(*own, own_cell, register_total)},
                                 {"regions", std::move(region_rows)},
                                 {"grounds", std::move(ground_rows)},
                                 {"disclosure_control", c.who.role != Role::kAdmin},
                                 {"min_persons", figures.min_persons()},
                                 {"map", Pick("geen kaart: er is geen omtrek van de regio's die mag worden meegeleverd",
                                              "no map: no outline of the regions may be shipped")}});
  KeepReply(key, reply.body);
  return reply;
}

HttpResult<Reply> Dashboard::QuartersFor(const Call& c, const LoadedSnapshot& s, const std::string& scope, int year) {
  const std::string key = fmt::format("quarters|{}|{}|{}|{}", s.id, c.who.role == Role::kAdmin, scope, year);
  if (auto cached = CachedJson(key)) return *cached;
  const ScopeLevel level = LevelOfScope(scope).value_or(ScopeLevel::kTotal);
  auto trend = banenmonitor::Trend(s.delivery, TrendRequest{year - 1, year, level}, params);
  if (!trend) return Refuse(400, trend.error().message());
  std::vector<const TrendRow*> rows;
  for (const TrendRow& r : trend->rows) {
    if (r.scope == scope && r.delivered) rows.push_back(&r);
  }
  // The cells of each quarter: jobs (its persons), working, registered, inflow, outflow and stayers.
  struct Cells {
    std::size_t jobs = 0, working = 0;
    std::optional<std::size_t> registered{}, inflow{}, outflow{}, change{};
  };
  DisclosureTable d;
  std::vector<Cells> cells;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const TrendRow& r = *rows[i];
    const std::string q = QuarterName(r.year, r.quarter);
    Cells x{d.Add(q + "/jobs", r.persons, RatioValue(r.jobs)), d.Add(q + "/working", r.working, static_cast<double>(r.working))};
    if (r.registered) x.registered = d.Add(q + "/registered", *r.registered, static_cast<double>(*r.registered));
    if (r.inflow_work && r.outflow_work) {
      x.inflow = d.Add(q + "/inflow", *r.inflow_work, static_cast<double>(*r.inflow_work));
      x.outflow = d.Add(q + "/outflow", *r.outflow_work, static_cast<double>(*r.outflow_work));
      const long long stayers = r.working - *r.inflow_work;
      const std::size_t stay = d.Add(q + "/stayers", stayers, static_cast<double>(stayers));
      d.Relate(x.working, {stay, *x.inflow});
      if (i > 0) d.Relate(cells[i - 1].working, {stay, *x.outflow});
    }
    if (i > 0 && r.change_jobs_prev_quarter) {
      x.change = d.Add(q + "/change", std::nullopt, RatioValue(*r.change_jobs_prev_quarter));
      d.Relate(x.jobs, {cells[i - 1].jobs, *x.change});
    }
    cells.push_back(x);
  }
  auto protection = Protect(d, DisclosureOptions{figures.min_persons()});
  if (!protection) return Refuse(500, protection.error().message());
  auto count = [&](std::optional<std::size_t> cell, std::optional<std::int64_t> v) {
    return cell && v ? Shown(c, *protection, *cell, *v) : Json(nullptr);
  };
  Json out = Json::array();
  auto hidden = [&](std::optional<std::size_t> cell) { return cell && Hidden(c, protection->Secret(*cell)); };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const TrendRow& r = *rows[i];
    const Cells& x = cells[i];
    Json secret = {{"registered", hidden(x.registered)}, {"working", hidden(x.working)}, {"inflow_work", hidden(x.inflow)},
                   {"outflow_work", hidden(x.outflow)}, {"jobs", hidden(x.jobs)},
                   {"change_jobs_prev_quarter", hidden(x.change)}};
    out.push_back({{"quarter", QuarterName(r.year, r.quarter)},
                   {"registered", count(x.registered, r.registered)},
                   {"working", Shown(c, *protection, x.working, r.working)},
                   {"inflow_work", count(x.inflow, r.inflow_work)},
                   {"outflow_work", count(x.outflow, r.outflow_work)},
                   {"jobs", Shown(c, *protection, x.jobs, Number(RatioValue(r.jobs), 2))},
                   {"change_jobs_prev_quarter",
                    x.change ? Shown(c, *protection, *x.change, Number(RatioValue(*r.change_jobs_prev_quarter), 2)) : Json(nullptr)},
                   {"hidden", std::move(secret)}});
  }
  Reply reply = Reply::FromJson({{"scope", scope},
                                 {"scope_label", s.Label(scope)},
                                 {"from_year", year - 1},
                                 {"to_year", year},
                                 {"indicatief", true},
                                 {"label", report::kIndicativeLabel},
                                 {"disclosure_control", c.who.role != Role::kAdmin},
                                 {"quarters", std::move(out)}});
  KeepReply(key, reply.body);
  return reply;
}

}  // namespace banenmonitor::web
