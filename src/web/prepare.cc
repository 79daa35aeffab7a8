// Preparing the figures before the first user asks (docs/dashboard.md,
// "Voorbereiden"): the latest snapshot is loaded and the questions of the
// dashboard's first page are answered once, as an analyst and as each sector
// user's scope asks them, so that the caches of Figures and of the hot
// replies hold them; the replies are kept as prepared answers (web/answers.h)
// in memory and in their file, for the next start.
#include <algorithm>
#include <chrono>
#include <set>

#include "banenmonitor/provenance.h"
#include "common/lang.h"
#include "store/accounts.h"
#include "web/dashboard.h"

namespace banenmonitor::web {

namespace {

// The first page's requests (src/web/assets/app.js: showDashboard).
struct PageRequest {
  std::string path;
  HttpResult<Reply> (Dashboard::*handler)(const Call&);
  std::map<std::string, std::string> query;
};

// The level the page's filters start at for `scope` (app.js: fillLevels) and
// the level its quality table asks (app.js: loadQuality).
std::string PageLevel(const std::string& scope) {
  if (scope == "total") return "sector";
  if (scope == "government" || scope == "market") return "subsector";
  return "employer";
}
std::string QualityLevel(const std::string& scope) {
  if (scope == "total") return "sector";
  if (scope == "government" || scope == "market") return "sector";
  return scope.substr(0, scope.find(':'));
}

// The page's requests for `who` (scope total for analysts, the own scope for sector users).
std::vector<PageRequest> FirstPage(const std::string& year, const Principal& who) {
  const std::string scope = DefaultScope(who);
  // The scope list: the subsectors nationally, a sector user's organisations.
  const std::map<std::string, std::string> scopes =
      who.role == Role::kSector ? std::map<std::string, std::string>{{"year", year}, {"scope", scope}, {"level", "organisation"}}
                                : std::map<std::string, std::string>{{"year", year}, {"scope", "total"}, {"level", "subsector"}};
  return {
      {"/api/v1/snapshots", &Dashboard::Snapshots, {}},
      {"/api/v1/realisation", &Dashboard::Realisation, scopes},
      {"/api/v1/realisation",
       &Dashboard::Realisation,
       {{"year", year}, {"window", "q4"}, {"scope", scope}, {"level", PageLevel(scope)}, {"regime", "current"}, {"sroi", "0"}}},
      {"/api/v1/trend", &Dashboard::Trend, {{"scope", scope}, {"regime", "current"}}},
      {"/api/v1/chart/trend.svg", &Dashboard::TrendChart, {{"scope", scope}, {"regime", "current"}}},
      {"/api/v1/quarters", &Dashboard::Quarters, {{"year", year}, {"scope", scope}}},
      {"/api/v1/regions", &Dashboard::Regions, {{"year", year}, {"scope", scope}}},
      {"/api/v1/scenario", &Dashboard::Scenario, {{"year", year}, {"scope", scope}, {"sroi", "0"}}},
      {"/api/v1/quality", &Dashboard::Quality, {{"year", year}, {"scope", scope}, {"level", QualityLevel(scope)}}},
      {"/api/v1/quotum", &Dashboard::Quotum, {{"year", year}, {"scope", scope}, {"top", std::string(kQuotumTop)}}},
  };
}

}  // namespace

HttpResult<AnswersKey> Dashboard::CurrentAnswersKey() {
  auto state = figures.State();
  if (!state) return std::unexpected(state.error());
  return AnswersKey{state->latest.id,
                    state->snapshots_sha256,
                    params.sha256(),
                    figures.min_persons(),
                    MessageLanguage() == Language::kEnglish ? "en" : "nl",
                    ProgramVersion()};
}

std::shared_ptr<const PreparedAnswers> Dashboard::Answers() {
  std::lock_guard lock(answers_mutex_);
  return answers_;
}

std::optional<Reply> Dashboard::PreparedReply(const std::string& path, const Call& c) {
  if (c.who.role == Role::kAdmin) return std::nullopt;
  auto answers = Answers();
  if (!answers) return std::nullopt;
  auto key = CurrentAnswersKey();
  if (!key || *key != answers->key()) return std::nullopt;  // another snapshot list: computed as usual
  const PreparedAnswers::Answer* a = answers->Find(path, c.who, c.query);
  if (a == nullptr) return std::nullopt;
  Reply r;
  r.body = a->body;
  r.content_type = a->content_type;
  return r;
}

Result<Prepared> Dashboard::LoadAnswers() {
  Prepared out;
  auto key = CurrentAnswersKey();
  if (!key) {
    if (key.error().status == 503) return out;  // nothing imported yet
    return Fail(Status::IoError(key.error().message));
  }
  auto read = PreparedAnswers::Read(AnswersPath(workspace.directory(), key->snapshot), *key);
  if (!read) return out;
  out.snapshot = key->snapshot;
  out.answers = read->size();
  std::lock_guard lock(answers_mutex_);
  answers_ = std::make_shared<const PreparedAnswers>(std::move(*read));
  return out;
}

Result<Prepared> Dashboard::Prepare() {
  const auto start = std::chrono::steady_clock::now();
  Prepared out;
  auto snap = figures.Snapshot();
  if (!snap) {
    if (snap.error().status == 503) return out;  // nothing imported yet: nothing to prepare
    return Fail(Status::IoError(snap.error().message));
  }
  out.snapshot = (*snap)->id;
  if ((*snap)->years.empty()) return out;
  auto key = CurrentAnswersKey();
  if (!key) return Fail(Status::IoError(key.error().message));
  const int latest_year = (*snap)->years.back();
  const std::string year = std::to_string(latest_year);
  std::vector<Principal> who = {Principal{"", Role::kAnalyst, ""}};
  {
    std::lock_guard lock(workspace_mutex);
    auto users = accounts->ListUsers();
    if (!users) return Fail(users.error());
    std::set<std::string> scopes;
    for (const auto& u : *users) {
      if (u.role == RoleName(Role::kSector) && scopes.insert(u.scope).second) who.push_back({"", Role::kSector, u.scope});
    }
  }
  auto kept = Answers();
  auto next = kept && kept->key() == *key ? std::make_shared<PreparedAnswers>(*kept)
                                          : std::make_shared<PreparedAnswers>(*key, latest_year);
  bool changed = false;
  // The trend of the first page asks for every year's realisation: counted two years at a time,
  // when a principal's page is still to be asked (with every page kept, nothing is counted).
  if (std::any_of(who.begin(), who.end(), [&](const Principal& p) { return !next->HasPrincipal(p); })) {
    figures.WarmRealisations((*snap)->years, Window::kQ4, false, Regime::kCurrent);
  }
  httplib::Request request;
  for (const Principal& p : who) {
    if (next->HasPrincipal(p)) continue;
    bool complete = true;
    for (const PageRequest& page : FirstPage(year, p)) {
      Call call{request, p, page.query, ""};
      auto reply = (this->*page.handler)(call);
      if (!reply && p.role == Role::kAnalyst) return Fail(Status::Internal(reply.error().message));
      if (!reply || reply->status != 200) {
        complete = false;
        continue;
      }
      next->Add(page.path, p, page.query, PreparedAnswers::Answer{reply->content_type, reply->body});
      changed = true;
    }
    if (complete) next->AddPrincipal(p);
  }
  if (changed) {
    if (Status s = next->Write(AnswersPath(workspace.directory(), key->snapshot)); !s.ok()) {
      out.answers_error = s.message();
    }
  }
  out.answers = next->size();
  {
    std::lock_guard lock(answers_mutex_);
    answers_ = std::move(next);
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

Result<Prepared> PrepareAnswers(const std::filesystem::path& workspace, ServerOptions options, std::int64_t snapshot,
                                std::shared_ptr<const Delivery> tables) {
  auto ws = Workspace::Open(workspace);
  if (!ws) return Fail(ws.error());
  auto accounts = store::OpenAccounts(*ws);
  if (!accounts) return Fail(accounts.error());
  Dashboard dashboard(std::move(*ws), std::move(*accounts), std::move(options));
  if (tables) dashboard.figures.Preload(snapshot, std::move(tables));
  // The answers already in the file are kept: only the principals without answers are asked.
  if (auto kept = dashboard.LoadAnswers(); !kept) return Fail(kept.error());
  return dashboard.Prepare();
}

}  // namespace banenmonitor::web
