// Preparing the figures before the first user asks (docs/dashboard.md,
// "Voorbereiden"): the latest snapshot is loaded and the questions of the
// dashboard's first page are answered once, as an analyst asks them, so that
// the caches of Figures and of the hot replies hold them.
#include <chrono>

#include "web/dashboard.h"

namespace banenmonitor::web {

namespace {

// The first page's requests (src/web/assets/app.js: showDashboard), with the
// parameters the page sends for the national scope.
struct PageRequest {
  HttpResult<Reply> (Dashboard::*handler)(const Call&);
  std::map<std::string, std::string> query;
};

std::vector<PageRequest> FirstPage(const std::string& year) {
  return {
      {&Dashboard::Snapshots, {}},
      {&Dashboard::Realisation, {{"year", year}, {"scope", "total"}, {"level", "subsector"}}},
      {&Dashboard::Realisation,
       {{"year", year}, {"window", "q4"}, {"scope", "total"}, {"level", "sector"}, {"regime", "current"}, {"sroi", "0"}}},
      {&Dashboard::Trend, {{"scope", "total"}, {"regime", "current"}}},
      {&Dashboard::Quarters, {{"year", year}, {"scope", "total"}}},
      {&Dashboard::Regions, {{"year", year}, {"scope", "total"}}},
      {&Dashboard::Scenario, {{"year", year}, {"scope", "total"}, {"sroi", "0"}}},
      {&Dashboard::Quality, {{"year", year}, {"scope", "total"}, {"level", "sector"}}},
      {&Dashboard::Quotum, {{"year", year}, {"scope", "total"}}},
  };
}

}  // namespace

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
  const std::string year = std::to_string((*snap)->years.back());
  httplib::Request request;
  const Principal analyst{"", Role::kAnalyst, ""};
  for (const PageRequest& page : FirstPage(year)) {
    Call call{request, analyst, page.query, ""};
    auto reply = (this->*page.handler)(call);
    if (!reply) return Fail(Status::Internal(reply.error().message));
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace banenmonitor::web
