// The figures of the API (/api/v1/...): every handler resolves and authorises
// its scope first (web/access.h), takes its figures from the cache
// (web/figures.h) and hides, for non-admin users, the rows that disclosure
// control marks secret. Field names follow the CSV contract (counting.md §4).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "common/lang.h"
#include "count/scope_names.h"
#include "banenmonitor/provenance.h"
#include "common/number_format.h"
#include "report/law_format.h"
#include "report/quotum_format.h"
#include "report/realisation_format.h"
#include "report/scenario_format.h"
#include "web/dashboard.h"

namespace banenmonitor::web {

// A decimal rounded as the CSV contract prints it, as a JSON number.
Json Number(double v, int decimals) { return std::stod(Fixed(v, decimals)); }
Json Number(const std::optional<double>& v, int decimals) { return v ? Number(*v, decimals) : Json(nullptr); }

HttpResult<int> YearOf(const Call& c, const LoadedSnapshot& s) {
  std::string text = c.Get("year");
  if (text.empty()) {
    if (s.years.empty()) return Refuse(404, std::string(Pick("De levering bevat geen jaar met een eindejaarsmeting (oktober-december).", "The delivery has no year with a year-end measurement (October-December).")));
    return s.years.back();
  }
  if (text.size() != 4 || !std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    return Refuse(400, std::string(Pick("year: verwacht een jaartal, bijvoorbeeld 2024.", "year: expected a year, e.g. 2024.")));
  }
  return std::stoi(text);
}

HttpResult<Window> WindowOf(const Call& c) {
  auto w = ParseWindow(c.Get("window", "q4"));
  if (!w) return Refuse(400, std::string(Pick("window: verwacht q1, q2, q3, q4 of year.", "window: expected q1, q2, q3, q4 or year.")));
  return *w;
}

HttpResult<Regime> RegimeOf(const Call& c) {
  auto r = ParseRegime(c.Get("regime", "current"));
  if (!r) return Refuse(400, std::string(Pick("regime: verwacht current of wet-banenafspraak-2026.", "regime: expected current or wet-banenafspraak-2026.")));
  return *r;
}

HttpResult<bool> SroiOf(const Call& c) {
  std::string v = c.Get("sroi", "0");
  if (v == "0" || v == "false") return false;
  if (v == "1" || v == "true") return true;
  return Refuse(400, std::string(Pick("sroi: verwacht 0 of 1.", "sroi: expected 0 or 1.")));
}

// The requested scope, authorised for the caller. An unknown scope is 400
// with the nearest valid one (count::UnknownScopeMessage).
// A sector user is only ever offered scopes it may see, and gets 403 for any
// other well-formed scope, known or not (names cannot be probed).
HttpResult<std::string> ScopeOf(const Call& c, const LoadedSnapshot& s) {
  std::string scope = c.Get("scope", DefaultScope(c.who));
  if (c.who.role == Role::kSector) {
    auto ok = AuthoriseScope(c.who, s.scopes, scope);
    if (ok) return scope;
    if (LevelOfScope(scope)) return std::unexpected(ok.error());
    std::vector<std::string> visible;
    for (const auto& known : s.known_scopes) {
      if (s.scopes.Known(known) && MaySeeRow(c.who, s.scopes, known)) visible.push_back(known);
    }
    return Refuse(400, "scope: " + count::UnknownScopeMessage(scope, visible));
  }
  if (!std::binary_search(s.known_scopes.begin(), s.known_scopes.end(), scope)) {
    return Refuse(400, "scope: " + count::UnknownScopeMessage(scope, s.known_scopes));
  }
  if (auto ok = AuthoriseScope(c.who, s.scopes, scope); !ok) return std::unexpected(ok.error());
  return scope;
}

bool Hidden(const Call& c, bool secret) { return secret && c.who.role != Role::kAdmin; }

namespace {

// The level of the rows under `scope`: the parameter, else the next level down.
HttpResult<ScopeLevel> LevelUnder(const Call& c, const std::string& scope) {
  ScopeLevel of_scope = *LevelOfScope(scope);
  std::string text = c.Get("level");
  if (text.empty()) {
    switch (of_scope) {
      case ScopeLevel::kTotal: return ScopeLevel::kSector;
      case ScopeLevel::kSector: return ScopeLevel::kSubsector;
      default: return ScopeLevel::kEmployer;
    }
  }
  auto level = ParseScopeLevel(text);
  if (!level || *level == ScopeLevel::kTotal || *level == ScopeLevel::kRegion || *level == ScopeLevel::kGround) {
    return Refuse(400, std::string(Pick("level: verwacht sector, subsector, organisation of employer (regio's en gronden: /api/v1/regions).", "level: expected sector, subsector, organisation or employer (regions and grounds: /api/v1/regions).")));
  }
  if (static_cast<int>(*level) < static_cast<int>(of_scope)) {
    return Refuse(400, std::string(Pick("level: kies een niveau onder de gekozen scope.", "level: choose a level below the chosen scope.")));
  }
  return *level;
}

Json RowJson(const LoadedSnapshot& s, const RealisationRow& r, bool hidden) {
  Json j = {{"scope", r.scope}, {"label", s.Label(r.scope)}, {"level", ScopeLevelName(r.level)}};
  if (hidden) {
    for (const char* k : {"persons", "jobs", "jobs_direct", "jobs_hired_in", "extra_jobs", "realisation_pct"}) j[k] = nullptr;
  } else {
    j["persons"] = r.persons;
    j["jobs"] = Number(r.jobs, 2);
    j["jobs_direct"] = Number(r.jobs_direct, 2);
    j["jobs_hired_in"] = Number(r.jobs_hired_in, 2);
    j["extra_jobs"] = Number(r.extra_jobs, 2);
    j["realisation_pct"] = Number(r.realisation_pct, 1);
  }
  j["baseline_jobs"] = Number(r.baseline_jobs, 2);
  j["target_extra_jobs"] = Number(r.target_extra_jobs, 2);
  j["secret"] = hidden;
  return j;
}

// BZK's figure (Wet banenafspraak art. 4 lid 4; counting.md §7.4) on a row:
// jobs of the previous year and the change, null when either year's row is
// hidden (a difference of two published figures reveals nothing more) or the
// scope is not in the previous year's count.
void AddChange(Json& j, const RealisationRow& r, bool hidden, const PublishedRealisation* previous, const Call& c) {
  if (previous == nullptr) return;
  const RealisationTable& t = previous->regime.table;
  const RealisationRow* before = t.Find(r.scope);
  const bool shown = before != nullptr && !hidden &&
                     !Hidden(c, previous->secret[static_cast<std::size_t>(before - t.rows.data())]);
  j["jobs_previous_year"] = shown ? Number(before->jobs, 2) : Json(nullptr);
  j["change_jobs"] = shown ? Number(r.jobs - before->jobs, 2) : Json(nullptr);
  j["change_secret"] = before != nullptr && !shown;
}

Json SnapshotJson(const LoadedSnapshot& s) {
  return {{"id", s.id}, {"label", s.label}, {"imported_at", s.imported_at}, {"synthetic", s.delivery.manifest.synthetic}};
}

// Rows of `level` inside `scope` (the scope's own row first), national rows apart.
struct Selection {
  const RealisationRow* scope_row = nullptr;
  std::vector<std::size_t> rows;
  std::vector<std::size_t> national;
};

Selection Select(const RealisationTable& t, const ScopeIndex& index, const std::string& scope, ScopeLevel level) {
  Selection s;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& r = t.rows[i];
    if (r.scope == scope) s.scope_row = &r;
    if (IsNationalAggregate(r.scope)) s.national.push_back(i);
    if (r.level == level && r.scope != scope && index.Within(r.scope, scope)) s.rows.push_back(i);
  }
  return s;
}

}  // namespace

HttpResult<ScopeYearQuery> ResolveScopeYear(Figures& figures, const Call& c) {
  auto snap = figures.Snapshot();
  if (!snap) return std::unexpected(snap.error());
  auto scope = ScopeOf(c, **snap);
  if (!scope) return std::unexpected(scope.error());
  auto year = YearOf(c, **snap);
  if (!year) return std::unexpected(year.error());
  return ScopeYearQuery{std::move(*snap), std::move(*scope), *year};
}

HttpResult<Reply> Dashboard::ForScopeYear(const Call& c, ScopeYearRoute route) {
  auto query = ResolveScopeYear(figures, c);
  if (!query) return std::unexpected(query.error());
  return (this->*route)(c, *query->snapshot, query->scope, query->year);
}

std::optional<Reply> Dashboard::CachedJson(const std::string& key) {
  auto body = CachedReply(key);
  if (!body) return std::nullopt;
  Reply r;
  r.body = std::move(*body);
  return r;
}

std::optional<std::string> Dashboard::CachedReply(const std::string& key) {
  std::lock_guard lock(reply_mutex_);
  auto it = replies_.find(key);
  if (it == replies_.end()) return std::nullopt;
  return it->second;
}

void Dashboard::KeepReply(const std::string& key, const std::string& body) {
  std::lock_guard lock(reply_mutex_);
  // Keys start with the endpoint and the snapshot id: answers of an older snapshot are dropped.
  std::string snapshot = key.substr(0, key.find('|', key.find('|') + 1));
  if (replies_.size() > 10000) replies_.clear();
  std::erase_if(replies_, [&](const auto& kv) { return !kv.first.starts_with(snapshot) && kv.first.starts_with(key.substr(0, key.find('|'))) ; });
  replies_.emplace(key, body);
  ++replies_kept_;
}

HttpResult<Reply> Dashboard::Snapshots(const Call& c) {
  auto snap = figures.Snapshot();
  if (!snap) return std::unexpected(snap.error());
  std::vector<SnapshotInfo> list;
  {
    std::lock_guard lock(workspace_mutex);
    auto all = workspace.Snapshots();
    if (!all) return Refuse(all.error());
    list = std::move(*all);
  }
  Json items = Json::array();
  for (const auto& s : list) {
    Json j = {{"id", s.id}, {"label", s.label}, {"imported_at", s.imported_at}};
    if (c.who.role == Role::kAdmin) {
      j["os_user"] = s.os_user;
      j["invalid_rows"] = s.invalid_rows;
      j["quality"] = Json::parse(s.quality_json, nullptr, false);
    }
    items.push_back(std::move(j));
  }
  return Reply::FromJson({{"current", SnapshotJson(**snap)},
                          {"years", (*snap)->years},
                          {"min_persons", figures.min_persons()},
                          {"snapshots", std::move(items)}});
}

HttpResult<Reply> Dashboard::Realisation(const Call& c) {
  auto snap = figures.Snapshot();
  if (!snap) return std::unexpected(snap.error());
  const LoadedSnapshot& s = **snap;
  auto scope = ScopeOf(c, s);
  if (!scope) return std::unexpected(scope.error());
  auto year = YearOf(c, s);
  auto window = WindowOf(c);
  auto level = LevelUnder(c, *scope);
  auto regime = RegimeOf(c);
  auto sroi = SroiOf(c);
  for (const HttpError* e : {year ? nullptr : &year.error(), window ? nullptr : &window.error(),
                             level ? nullptr : &level.error(), regime ? nullptr : &regime.error(),
                             sroi ? nullptr : &sroi.error()}) {
    if (e != nullptr) return std::unexpected(*e);
  }
  std::string key = fmt::format("realisation|{}|{}|{}|{}|{}|{}|{}|{}", s.id, c.who.role == Role::kAdmin, *scope,
                                *year, WindowName(*window), ScopeLevelName(*level), RegimeName(*regime), *sroi);
  if (auto cached = CachedJson(key)) return *cached;
  auto pub = figures.Realisation(*year, *window, *sroi, *regime);
  if (!pub) return std::unexpected(pub.error());
  const RealisationTable& t = (*pub)->regime.table;
  // The previous year, for BZK's figure, when the snapshot has its year-end.
  std::shared_ptr<const PublishedRealisation> previous;
  if (std::find(s.years.begin(), s.years.end(), *year - 1) != s.years.end()) {
    auto before = figures.Realisation(*year - 1, *window, *sroi, *regime);
    if (!before) return std::unexpected(before.error());
    previous = *before;
  }
  auto row_json = [&](std::size_t i) {
    const bool hidden = Hidden(c, (*pub)->secret[i]);
    Json j = RowJson(s, t.rows[i], hidden);
    AddChange(j, t.rows[i], hidden, previous.get(), c);
    return j;
  };
  Selection sel = Select(t, s.scopes, *scope, *level);
  Json rows = Json::array(), national = Json::array();
  for (std::size_t i : sel.rows) rows.push_back(row_json(i));
  for (std::size_t i : sel.national) national.push_back(row_json(i));
  Json scope_row = nullptr;
  if (sel.scope_row != nullptr) scope_row = row_json(static_cast<std::size_t>(sel.scope_row - t.rows.data()));
  Json previous_year = nullptr;
  if (previous) {
    previous_year = {{"year", *year - 1}, {"law", report::LawJson(previous->regime.table.law)}};
  }
  Reply reply = Reply::FromJson({{"year", *year},
                          {"window", WindowName(*window)},
                          {"level", ScopeLevelName(*level)},
                          {"scope", *scope},
                          {"scope_label", s.Label(*scope)},
                          {"regime", RegimeName(*regime)},
                          {"national_target", NationalTargetName((*pub)->regime.national)},
                          {"law", report::LawJson(t.law, t.delivery_total_target)},
                          {"previous_year", std::move(previous_year)},
                          {"sroi", *sroi},
                          {"hours_per_job", Number(t.hours_per_job, 2)},
                          {"parameter_version", t.parameter_version},
                          {"snapshot", SnapshotJson(s)},
                          {"disclosure_control", c.who.role != Role::kAdmin},
                          {"min_persons", figures.min_persons()},
                          {"scope_row", std::move(scope_row)},
                          {"rows", std::move(rows)},
                          {"national", std::move(national)}});
  KeepReply(key, reply.body);
  return reply;
}

namespace {

struct TrendPoint {
  int year;
  const RealisationRow* row;
  bool hidden;
};

// Which scopes disclosure control hides in a count (PublishedRealisation::secret).
struct SecretScopes {
  std::shared_ptr<const PublishedRealisation> pub;
  std::map<std::string_view, bool> secret;  // by the scopes of pub's table
  // Whether the row of `scope` is secret; false for a scope without a row.
  bool operator()(std::string_view scope) const {
    auto it = secret.find(scope);
    return it != secret.end() && it->second;
  }
};
// The secret scopes of the count of `year` in `window` (the current law, without social return).
HttpResult<SecretScopes> SecretScopesOf(Figures& figures, int year, Window window) {
  auto pub = figures.Realisation(year, window, false, Regime::kCurrent);
  if (!pub) return std::unexpected(pub.error());
  SecretScopes out{std::move(*pub), {}};
  const auto& rows = out.pub->table.rows;
  for (std::size_t i = 0; i < rows.size(); ++i) out.secret[rows[i].scope] = out.pub->secret[i];
  return out;
}

}  // namespace

// The year-end measurements of one scope: realised extra jobs against target.
static HttpResult<std::pair<std::string, std::vector<TrendPoint>>> TrendOf(Dashboard& d, const Call& c,
                                                                            const LoadedSnapshot& s,
                                                                            std::vector<std::shared_ptr<const PublishedRealisation>>& keep) {
  auto scope = ScopeOf(c, s);
  if (!scope) return std::unexpected(scope.error());
  auto regime = RegimeOf(c);
  if (!regime) return std::unexpected(regime.error());
  std::vector<TrendPoint> points;
  for (int year : s.years) {
    auto pub = d.figures.Realisation(year, Window::kQ4, false, *regime);
    if (!pub) return std::unexpected(pub.error());
    keep.push_back(*pub);
    const RealisationTable& t = (*pub)->regime.table;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      if (t.rows[i].scope == *scope) points.push_back({year, &t.rows[i], Hidden(c, (*pub)->secret[i])});
    }
  }
  return std::make_pair(*scope, std::move(points));
}

HttpResult<Reply> Dashboard::Trend(const Call& c) {
  auto snap = figures.Snapshot();
  if (!snap) return std::unexpected(snap.error());
  std::vector<std::shared_ptr<const PublishedRealisation>> keep;
  auto trend = TrendOf(*this, c, **snap, keep);
  if (!trend) return std::unexpected(trend.error());
  Json points = Json::array();
  for (const auto& p : trend->second) {
    points.push_back({{"year", p.year},
                      {"extra_jobs", p.hidden ? Json(nullptr) : Number(p.row->extra_jobs, 2)},
                      {"jobs", p.hidden ? Json(nullptr) : Number(p.row->jobs, 2)},
                      {"target_extra_jobs", Number(p.row->target_extra_jobs, 2)},
                      {"realisation_pct", p.hidden ? Json(nullptr) : Number(p.row->realisation_pct, 1)},
                      {"secret", p.hidden}});
  }
  return Reply::FromJson({{"scope", trend->first},
                          {"scope_label", (*snap)->Label(trend->first)},
                          {"window", "q4"},
                          {"snapshot", SnapshotJson(**snap)},
                          {"points", std::move(points)}});
}

HttpResult<Reply> Dashboard::QualityFor(const Call& c, const LoadedSnapshot& s, const std::string& scope, int year) {
  auto level = LevelUnder(c, scope);
  if (!level) return std::unexpected(level.error());
  auto table = figures.Quality(year, *level);
  if (!table) return std::unexpected(table.error());
  // The persons behind a quality row are those of the Q4 count: the same disclosure pattern.
  auto secret = SecretScopesOf(figures, year, Window::kQ4);
  if (!secret) return std::unexpected(secret.error());
  Json rows = Json::array();
  for (const auto& r : (*table)->rows) {
    bool inside = r.scope == scope || s.scopes.Within(r.scope, scope) || IsNationalAggregate(r.scope);
    if (!inside || !MaySeeRow(c.who, s.scopes, r.scope)) continue;
    // A scope without a Q4 row (no persons) has nothing to hide; any other secret row is hidden.
    bool hidden = Hidden(c, (*secret)(r.scope)) ||
                  (c.who.role != Role::kAdmin && r.persons_q4 > 0 && r.persons_q4 < figures.min_persons());
    Json j = {{"scope", r.scope}, {"label", s.Label(r.scope)}, {"secret", hidden}};
    if (!hidden) {
      j["persons_q4"] = r.persons_q4;
      j["retention_pct"] = Number(r.retention_pct, 1);
      j["same_employer_pct"] = Number(r.same_employer_pct, 1);
      j["permanent_pct"] = Number(r.permanent_pct, 1);
      j["average_weekly_hours"] = Number(r.average_weekly_hours, 1);
      j["inflow"] = r.inflow;
      j["inflow_pct"] = Number(r.inflow_pct, 1);
    }
    rows.push_back(std::move(j));
  }
  return Reply::FromJson({{"year", year},
                          {"level", ScopeLevelName(*level)},
                          {"scope", scope},
                          {"retention_benchmark", Number((*table)->retention_benchmark, 3)},
                          {"snapshot", SnapshotJson(s)},
                          {"rows", std::move(rows)}});
}

HttpResult<Reply> Dashboard::ScenarioFor(const Call& c, const LoadedSnapshot& s, const std::string& scope, int year) {
  auto sroi = SroiOf(c);
  if (!sroi) return std::unexpected(sroi.error());
  auto result = figures.Scenario(year, *sroi);
  if (!result) return std::unexpected(result.error());
  auto pub = figures.Realisation(year, Window::kQ4, *sroi, Regime::kCurrent);
  if (!pub) return std::unexpected(pub.error());
  Json regimes = Json::object();
  for (Regime regime : {Regime::kCurrent, Regime::kWetBanenafspraak2026}) {
    const RegimeRealisation& rr = (*result)->For(regime);
    Json rows = Json::array();
    for (std::size_t i = 0; i < rr.table.rows.size(); ++i) {
      const auto& r = rr.table.rows[i];
      // The market's one subsector ("market") repeats the market sector without its baseline: left out.
      bool shown = IsNationalAggregate(r.scope) || r.scope == scope ||
                   (r.level == ScopeLevel::kSubsector && r.scope != "subsector:market" &&
                    s.scopes.Within(r.scope, scope));
      if (!shown || !MaySeeRow(c.who, s.scopes, r.scope)) continue;
      rows.push_back(RowJson(s, r, Hidden(c, i < (*pub)->secret.size() && (*pub)->secret[i])));
    }
    regimes[RegimeName(regime)] = {{"national_target", NationalTargetName(rr.national)}, {"rows", std::move(rows)}};
  }
  const SroiShift& shift = (*result)->sroi;
  return Reply::FromJson({{"year", year},
                          {"scope", scope},
                          {"sroi", *sroi},
                          {"snapshot", SnapshotJson(s)},
                          {"regimes", std::move(regimes)},
                          {"social_return",
                           {{"delivered", shift.delivered},
                            {"note", report::kSroiPolicyNote},
                            {"jobs_to_government", Number(shift.jobs_to_government, 2)}}}});
}

namespace {

// The `top` of a quotum request: 0 (absent) for every employer, else 1 to 10000.
HttpResult<std::size_t> TopOf(const Call& c) {
  const std::string text = c.Get("top");
  if (text.empty()) return std::size_t{0};
  if (text.size() <= 5 && std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    const int n = std::stoi(text);
    if (n >= 1 && n <= 10000) return static_cast<std::size_t>(n);
  }
  return Refuse(400, std::string(Pick("top: verwacht een aantal werkgevers van 1 tot en met 10000, bijvoorbeeld 25.",
                                      "top: expected a number of employers from 1 to 10000, e.g. 25.")));
}

}  // namespace

// The employers of `scope` in the quotum table of `year`; with `top` only the
// `top` employers with the highest levy shown to the caller (a hidden levy
// counts as none, so the order reveals nothing hidden), then the most required
// jobs, then the employer number. "employers" is the count inside the scope.
HttpResult<Reply> Dashboard::QuotumFor(const Call& c, const LoadedSnapshot& s, const std::string& scope, int year) {
  auto top = TopOf(c);
  if (!top) return std::unexpected(top.error());
  auto table = figures.Quotum(year);
  if (!table) return std::unexpected(table.error());
  // An employer's shortfall reveals its target-group hours: hidden for
  // non-admin users where the year's count of that employer is secret.
  auto secret = SecretScopesOf(figures, year, Window::kYear);
  if (!secret) return std::unexpected(secret.error());
  struct Shown {
    const QuotumRow* row;
    bool hidden;
    std::int64_t levy_cents;  // as shown: 0 when hidden or absent
    double required_jobs;     // 0 when absent
  };
  std::vector<Shown> shown;
  for (const auto& r : (*table)->rows) {
    std::string employer = "employer:" + r.employer_id;
    if (!s.scopes.Within(employer, scope)) continue;
    const bool hidden = Hidden(c, (*secret)(employer));
    const double required = r.required_jobs ? static_cast<double>(r.required_jobs->num) /
                                                  static_cast<double>(r.required_jobs->den)
                                            : 0.0;
    shown.push_back({&r, hidden, hidden || !r.levy_cents ? 0 : *r.levy_cents, required});
  }
  const std::size_t employers = shown.size();
  if (*top > 0) {
    const std::size_t kept = std::min(*top, shown.size());
    std::partial_sort(shown.begin(), shown.begin() + static_cast<std::ptrdiff_t>(kept), shown.end(),
                      [](const Shown& a, const Shown& b) {
                        if (a.levy_cents != b.levy_cents) return a.levy_cents > b.levy_cents;
                        if (a.required_jobs != b.required_jobs) return a.required_jobs > b.required_jobs;
                        return a.row->employer_id < b.row->employer_id;
                      });
    shown.resize(kept);
  }
  Json rows = Json::array();
  for (const Shown& x : shown) {
    const QuotumRow& r = *x.row;
    Json j = {{"employer_id", r.employer_id}, {"name", r.name}, {"subsector", r.subsector}, {"liable", r.liable}};
    j["required_jobs"] = r.required_jobs ? Number(x.required_jobs, 1) : Json(nullptr);
    j["shortfall_jobs"] = x.hidden || !r.shortfall_tenths ? Json(nullptr) : Number(*r.shortfall_tenths / 10.0, 1);
    j["levy_eur"] = x.hidden || !r.levy_cents ? Json(nullptr) : Number(*r.levy_cents / 100.0, 2);
    j["charged"] = r.charged();
    j["secret"] = x.hidden;
    rows.push_back(std::move(j));
  }
  // Wfsv art. 122na: over the years before the Wet banenafspraak the levy is computed, never charged.
  const QuotumParams& params = (*table)->params;
  return Reply::FromJson({{"year", year},
                          {"scope", scope},
                          {"snapshot", SnapshotJson(s)},
                          {"levy_status", report::LevyStatusText(params)},
                          {"levy_basis", params.levy_chargeable_basis},
                          {"employers", employers},
                          {"top", *top == 0 ? Json(nullptr) : Json(*top)},
                          {"rows", std::move(rows)}});
}

HttpResult<Reply> Dashboard::ExportRealisation(const Call& c) {
  auto json = Realisation(c);
  if (!json) return json;
  Json j = Json::parse(json->body);
  // The CSV contract's columns (counting.md §4); a secret figure is "x" (CBS symbol).
  std::string csv = "scope,persons,jobs,jobs_direct,jobs_hired_in,baseline_jobs,extra_jobs,target_extra_jobs,realisation_pct\n";
  auto cell = [](const Json& v, bool secret) -> std::string {
    if (v.is_null()) return secret ? "x" : "";
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    return Fixed(v.get<double>(), 2);
  };
  auto line = [&](const Json& r) {
    bool secret = r["secret"].get<bool>();
    csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", r["scope"].get<std::string>(), cell(r["persons"], secret),
                       cell(r["jobs"], secret), cell(r["jobs_direct"], secret), cell(r["jobs_hired_in"], secret),
                       cell(r["baseline_jobs"], false), cell(r["extra_jobs"], secret),
                       cell(r["target_extra_jobs"], false), cell(r["realisation_pct"], secret));
  };
  if (!j["scope_row"].is_null()) line(j["scope_row"]);
  for (const auto& r : j["rows"]) line(r);
  AuditEvent(c.who.name, "export",
             fmt::format("realisation.csv year={} window={} level={} scope={}", j["year"].get<int>(),
                         j["window"].get<std::string>(), j["level"].get<std::string>(), j["scope"].get<std::string>()),
             c.address);
  Reply r;
  r.body = std::move(csv);
  r.content_type = "text/csv; charset=utf-8";
  // The CSV's columns are the contract's; a synthetic delivery says so in the file's name.
  std::string file = fmt::format("realisatie-{}-{}{}.csv", j["year"].get<int>(), j["window"].get<std::string>(),
                                 j["snapshot"]["synthetic"].get<bool>() ? "-synthetische-gegevens" : "");
  r.headers.push_back({"Content-Disposition", "attachment; filename=\"" + file + "\""});
  return r;
}

}  // namespace banenmonitor::web
