// Internals of the server (server.h): the request context and the handlers
// of the API, shared by server.cc (sessions, login, page, routing),
// api.cc (figures) and upload.cc (imports). Not for use outside src/web/.
#pragma once

#include <httplib.h>

#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_map>
#include <string>

#include "banenmonitor/workspace.h"
#include "web/access.h"
#include "web/answers.h"
#include "web/auth.h"
#include "web/figures.h"
#include "web/server.h"

namespace banenmonitor::web {

using Json = nlohmann::ordered_json;

// How many employers the page's quotum table shows (app.js asks `top=25`; the
// API without `top` and the exports have them all). Prepare asks the same.
inline constexpr std::string_view kQuotumTop = "25";

// A request that passed authentication: who asks, and the query parameters
// (each known to the route; at most one value each).
struct Call {
  const httplib::Request& request;
  Principal who;
  std::map<std::string, std::string> query;
  std::string address;

  // The value of a parameter, or `fallback` when absent.
  std::string Get(const std::string& name, const std::string& fallback = "") const;
};

// What a handler returns: a body and its content type (JSON by default), or
// extra headers (Content-Disposition for downloads).
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  static Reply FromJson(const Json& j, int status = 200);
};

// The parameters every figure route shares (api.cc).
// A decimal rounded as the CSV contract prints it, as a JSON number.
Json Number(double v, int decimals);
Json Number(const std::optional<double>& v, int decimals);
// `year`, or the latest year-end measurement.
HttpResult<int> YearOf(const Call& c, const LoadedSnapshot& s);
// `scope`, authorised for the caller (400 with the nearest valid scope, 403 for a sector user's other scope).
HttpResult<std::string> ScopeOf(const Call& c, const LoadedSnapshot& s);

// What most figure routes are asked about: the current snapshot (kept alive),
// the authorised scope and the year.
struct ScopeYearQuery {
  std::shared_ptr<const LoadedSnapshot> snapshot;
  std::string scope;
  int year = 0;
};
// The snapshot, ScopeOf and YearOf of `c`; the first failure answers, in that order.
HttpResult<ScopeYearQuery> ResolveScopeYear(Figures& figures, const Call& c);
// Whether a figure that disclosure control marks `secret` is hidden from the caller (all but admins).
bool Hidden(const Call& c, bool secret);

class Dashboard {
 public:
  Dashboard(Workspace workspace, std::unique_ptr<store::AccountStore> accounts, ServerOptions options);

  // --- api.cc: the figures (all roles, scope-checked) ----------------------
  HttpResult<Reply> Snapshots(const Call& c);
  HttpResult<Reply> Realisation(const Call& c);
  HttpResult<Reply> Trend(const Call& c);
  HttpResult<Reply> TrendChart(const Call& c);
  HttpResult<Reply> Quality(const Call& c) { return ForScopeYear(c, &Dashboard::QualityFor); }
  HttpResult<Reply> Scenario(const Call& c) { return ForScopeYear(c, &Dashboard::ScenarioFor); }
  HttpResult<Reply> Quotum(const Call& c) { return ForScopeYear(c, &Dashboard::QuotumFor); }
  HttpResult<Reply> ExportRealisation(const Call& c);
  // --- regional.cc: regions, grounds and quarters (counting.md §8-9) ------
  HttpResult<Reply> Regions(const Call& c) { return ForScopeYear(c, &Dashboard::RegionsFor); }
  HttpResult<Reply> Quarters(const Call& c) { return ForScopeYear(c, &Dashboard::QuartersFor); }
  // --- api_texts.cc: the sectors' texts for the letter (own scope for sector users)
  HttpResult<Reply> Texts(const Call& c);
  HttpResult<Reply> WriteText(const Call& c);
  HttpResult<Reply> AcceptText(const Call& c);
  // --- report_download.cc: the progress report (analysts and admins) ------
  HttpResult<Reply> ExportReport(const Call& c);
  // --- upload.cc: admin --------------------------------------------------
  HttpResult<Reply> Upload(const Call& c);
  HttpResult<Reply> Audit(const Call& c);

  // --- prepare.cc: before the first user ----------------------------------
  // Loads the latest snapshot and answers once what the first page asks for an
  // analyst (the latest year's realisation, trend, quarters, regions, scenario,
  // quality and quotum) and for the scope of every sector user, so that the
  // first requests are answered from memory; the answers are also written to
  // WS/cache/snapshot-N.answers (web/answers.h) for the next start. A page
  // already prepared (LoadAnswers) is not computed again. An analyst's figure
  // that fails is returned as the failure; a sector user's page that fails is
  // left to its requests. An empty workspace prepares nothing and is no failure.
  Result<Prepared> Prepare();
  // Reads the prepared answers of the latest snapshot from its file, when they
  // are valid for the store, the parameters and this server; snapshot 0 when
  // there are none. Loads nothing: fast.
  Result<Prepared> LoadAnswers();
  // The prepared answer to GET `path` of `c`, while it is valid for the store's
  // snapshots (Figures::State); nullopt for anything else (web/answers.h).
  std::optional<Reply> PreparedReply(const std::string& path, const Call& c);

  // Appends to the audit log (errors are printed, never lost silently).
  void AuditEvent(const std::string& user, const std::string& action, const std::string& detail,
                  const std::string& address);
  std::int64_t Now() const;

  Workspace workspace;
  std::unique_ptr<store::AccountStore> accounts;  // of the workspace's store (store/accounts.h)
  std::mutex workspace_mutex;  // guards `workspace` and `accounts`: each store is used by one thread at a time
  ServerOptions options;
  const ParameterSet& params;
  Figures figures;
  LoginLimiter user_limiter, address_limiter;

  // Finished JSON answers of the hot read endpoints, by snapshot and normalised
  // parameters (after authorisation): the same question is answered once.
  // Emptied when the snapshot changes.
  std::optional<std::string> CachedReply(const std::string& key);
  // The kept answer of `key` as a JSON reply (status 200), or nullopt.
  std::optional<Reply> CachedJson(const std::string& key);
  void KeepReply(const std::string& key, const std::string& body);
  // Replies computed and kept since the start, plus Figures::computed().
  std::size_t Computed() const { return replies_kept_.load() + figures.computed(); }

 private:
  // A figure of one scope and year: the answer to `c` on the snapshot `s`, for `scope` and `year`.
  using ScopeYearRoute = HttpResult<Reply> (Dashboard::*)(const Call& c, const LoadedSnapshot& s,
                                                          const std::string& scope, int year);
  // The answer of `route` to `c` on the snapshot, scope and year of `c` (ResolveScopeYear); a
  // failure of those answers first.
  HttpResult<Reply> ForScopeYear(const Call& c, ScopeYearRoute route);
  HttpResult<Reply> QualityFor(const Call& c, const LoadedSnapshot& s, const std::string& scope, int year);
  HttpResult<Reply> ScenarioFor(const Call& c, const LoadedSnapshot& s, const std::string& scope, int year);
  HttpResult<Reply> QuotumFor(const Call& c, const LoadedSnapshot& s, const std::string& scope, int year);
  HttpResult<Reply> RegionsFor(const Call& c, const LoadedSnapshot& s, const std::string& scope, int year);
  HttpResult<Reply> QuartersFor(const Call& c, const LoadedSnapshot& s, const std::string& scope, int year);

  // The key that answers must have to be valid now.
  HttpResult<AnswersKey> CurrentAnswersKey();
  std::shared_ptr<const PreparedAnswers> Answers();

  std::mutex answers_mutex_;
  std::shared_ptr<const PreparedAnswers> answers_;  // guarded by answers_mutex_
  std::atomic<std::size_t> replies_kept_{0};
  std::mutex reply_mutex_;
  std::unordered_map<std::string, std::string> replies_;
};

// Removes the upload directories in `workspace` (WS/upload-*) that no live
// upload holds: those a server killed during an upload left (upload.cc).
void RemoveStaleUploads(const std::filesystem::path& workspace);

}  // namespace banenmonitor::web
