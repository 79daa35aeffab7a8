#include "web/figures.h"

#include <fmt/format.h>

#include "banenmonitor/projection.h"
#include "report/disclosure.h"
#include "report/realisation_format.h"
#include "common/lang.h"
#include "count/scope_names.h"

namespace banenmonitor::web {

namespace {

// How often Snapshot() asks the store whether a newer snapshot exists.
constexpr std::chrono::seconds kRecheck{5};


}  // namespace

Figures::Figures(Workspace& workspace, std::mutex& workspace_mutex, const ParameterSet& params,
                 long long min_persons)
    : workspace_(workspace), workspace_mutex_(workspace_mutex), params_(params), min_persons_(min_persons) {}

std::string LoadedSnapshot::Label(std::string_view scope) const {
  if (auto it = employer_names.find(std::string(scope)); it != employer_names.end()) {
    return fmt::format("{} ({})", it->second, scope.substr(9));
  }
  return report::ScopeLabel(scope);
}

void Figures::Reload() {
  std::lock_guard lock(mutex_);
  snapshot_.reset();
  checked_ = {};
  realisations_.clear();
  scenarios_.clear();
  qualities_.clear();
  quota_.clear();
}

HttpResult<std::shared_ptr<const LoadedSnapshot>> Figures::Snapshot() {
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    if (snapshot_ && now - checked_ < kRecheck) return snapshot_;
  }
  std::lock_guard compute(compute_mutex_);
  std::int64_t latest = 0;
  SnapshotInfo info;
  {
    std::lock_guard ws(workspace_mutex_);
    auto list = workspace_.Snapshots();
    if (!list) return Refuse(list.error());
    if (list->empty()) {
      return Refuse(503, std::string(Pick("Er is nog geen levering geïmporteerd; een beheerder kan er een uploaden.", "No delivery has been imported yet; an administrator can upload one.")));
    }
    info = list->back();
    latest = info.id;
  }
  {
    std::lock_guard lock(mutex_);
    checked_ = now;
    if (snapshot_ && snapshot_->id == latest) return snapshot_;
  }
  auto loaded = std::make_shared<LoadedSnapshot>();
  ++computed_;
  {
    std::lock_guard ws(workspace_mutex_);
    auto d = workspace_.Load(latest, LoadOptions{});
    if (!d) return Refuse(d.error());
    loaded->delivery = std::move(*d);
  }
  loaded->id = latest;
  loaded->label = info.label;
  loaded->imported_at = info.imported_at;
  loaded->scopes = ScopeIndex(loaded->delivery.employers);
  loaded->known_scopes = count::KnownScopes(loaded->delivery.employers);
  loaded->years = YearEndMeasurementYears(loaded->delivery);
  for (const auto& e : loaded->delivery.employers) loaded->employer_names["employer:" + e.id] = e.name;
  loaded->source = fmt::format("workspace {}, snapshot {}", workspace_.directory().filename().string(), latest);
  std::lock_guard lock(mutex_);
  if (!snapshot_ || snapshot_->id != latest) {
    snapshot_ = std::move(loaded);
    realisations_.clear();
    scenarios_.clear();
    qualities_.clear();
    quota_.clear();
  }
  return snapshot_;
}

template <typename T, typename Key, typename F>
HttpResult<std::shared_ptr<const T>> Figures::Cached(std::map<Key, std::shared_ptr<const T>>& cache, const Key& key,
                                                     F&& compute) {
  auto snap = Snapshot();
  if (!snap) return std::unexpected(snap.error());
  {
    std::lock_guard lock(mutex_);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
  }
  std::lock_guard serial(compute_mutex_);
  {
    std::lock_guard lock(mutex_);  // computed by another thread while this one waited?
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
  }
  ++computed_;
  HttpResult<std::shared_ptr<const T>> value = compute(**snap);
  if (!value) return value;
  std::lock_guard lock(mutex_);
  if (snapshot_ == *snap) cache.emplace(key, *value);
  return value;
}

HttpResult<std::shared_ptr<const PublishedRealisation>> Figures::Realisation(int year, Window window, bool sroi,
                                                                             Regime regime) {
  return Cached(realisations_, std::make_tuple(year, window, sroi, regime),
                [&](const LoadedSnapshot& s) -> HttpResult<std::shared_ptr<const PublishedRealisation>> {
                  auto table = CountJobs(s.delivery, CountRequest{year, window, sroi}, params_);
                  if (!table) return Refuse(table.error());
                  auto out = std::make_shared<PublishedRealisation>();
                  out->regime = ApplyRegime(*table, s.delivery.targets, regime);
                  out->table = std::move(*table);
                  auto secret = ProtectRealisation(out->table, s.scopes, min_persons_);
                  if (!secret) return Refuse(secret.error());
                  out->secret = std::move(*secret);
                  return std::shared_ptr<const PublishedRealisation>(std::move(out));
                });
}

HttpResult<std::shared_ptr<const ScenarioResult>> Figures::Scenario(int year, bool sroi) {
  return Cached(scenarios_, std::make_tuple(year, sroi),
                [&](const LoadedSnapshot& s) -> HttpResult<std::shared_ptr<const ScenarioResult>> {
                  ScenarioRequest request;
                  request.year = year;
                  request.sroi_counts_for_buyer = sroi;
                  auto r = RunScenario(s.delivery, request, params_);
                  if (!r) return Refuse(r.error());
                  return std::shared_ptr<const ScenarioResult>(std::make_shared<ScenarioResult>(std::move(*r)));
                });
}

HttpResult<std::shared_ptr<const QualityTable>> Figures::Quality(int year, ScopeLevel level) {
  return Cached(qualities_, std::make_tuple(year, level),
                [&](const LoadedSnapshot& s) -> HttpResult<std::shared_ptr<const QualityTable>> {
                  auto r = JobQuality(s.delivery, QualityRequest{year, level}, params_);
                  if (!r) return Refuse(r.error());
                  return std::shared_ptr<const QualityTable>(std::make_shared<QualityTable>(std::move(*r)));
                });
}

HttpResult<std::shared_ptr<const QuotumTable>> Figures::Quotum(int year) {
  return Cached(quota_, year, [&](const LoadedSnapshot& s) -> HttpResult<std::shared_ptr<const QuotumTable>> {
    auto table = ComputeQuotum(s.delivery, QuotumRequest{year, {}}, params_);
    if (!table) return Refuse(table.error());
    return std::shared_ptr<const QuotumTable>(std::make_shared<QuotumTable>(std::move(*table)));
  });
}

Result<std::vector<bool>> ProtectRealisation(const RealisationTable& table, const ScopeIndex& scopes,
                                             long long min_persons) {
  DisclosureTable d;
  std::unordered_map<std::string_view, std::size_t> cell;
  for (const auto& row : table.rows) {
    cell.emplace(row.scope, d.Add(row.scope, row.persons, row.jobs));
  }
  auto relate = [&](std::string_view outer, ScopeLevel level) {
    if (!cell.contains(outer) || !scopes.Partitions(level, outer)) return;
    std::vector<std::size_t> parts;
    for (const auto& name : scopes.ScopesWithin(level, outer)) {
      auto it = cell.find(name);
      if (it == cell.end()) return;  // a part without a row: no usable relation
      parts.push_back(it->second);
    }
    d.Relate(cell.at(outer), std::move(parts));
  };
  for (const auto& row : table.rows) {
    switch (row.level) {
      case ScopeLevel::kTotal: relate(row.scope, ScopeLevel::kSector); break;
      case ScopeLevel::kSector: relate(row.scope, ScopeLevel::kSubsector); break;
      case ScopeLevel::kSubsector:
        relate(row.scope, ScopeLevel::kEmployer);
        relate(row.scope, ScopeLevel::kOrganisation);
        break;
      case ScopeLevel::kOrganisation: relate(row.scope, ScopeLevel::kEmployer); break;
      case ScopeLevel::kEmployer:
      case ScopeLevel::kRegion:
      case ScopeLevel::kGround: break;
    }
  }
  DisclosureOptions options;
  options.min_persons = min_persons;
  auto protectedTable = Protect(d, options);
  if (!protectedTable) return Fail(protectedTable.error());
  std::vector<bool> secret(table.rows.size());
  for (std::size_t i = 0; i < table.rows.size(); ++i) secret[i] = protectedTable->Secret(i);
  return secret;
}

}  // namespace banenmonitor::web
