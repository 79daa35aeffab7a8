#include "web/figures.h"

#include <fmt/format.h>

#include "banenmonitor/projection.h"
#include "report/disclosure.h"
#include "report/realisation_format.h"
#include "common/lang.h"
#include "common/parallel.h"
#include "count/scope_names.h"
#include "web/auth.h"

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
  state_.reset();
  checked_ = {};
  realisations_.clear();
  scenarios_.clear();
  qualities_.clear();
  quota_.clear();
}

HttpResult<StoreState> Figures::State() {
  auto fresh = [this] {
    std::lock_guard lock(mutex_);
    return state_ && std::chrono::steady_clock::now() - checked_ < kRecheck ? state_ : std::nullopt;
  };
  if (auto s = fresh()) return *s;
  std::lock_guard check(check_mutex_);
  if (auto s = fresh()) return *s;  // asked by another thread while this one waited
  const auto now = std::chrono::steady_clock::now();
  Result<std::vector<SnapshotInfo>> list;
  {
    std::lock_guard ws(workspace_mutex_);
    list = workspace_.Snapshots();
  }
  if (!list) return Refuse(list.error());
  if (list->empty()) {
    return Refuse(503, std::string(Pick("Er is nog geen levering geïmporteerd; een beheerder kan er een uploaden.", "No delivery has been imported yet; an administrator can upload one.")));
  }
  std::string digest;
  for (const auto& info : *list) {
    digest += fmt::format("{}\t{}\t{}\t{}\n", info.id, info.label, info.imported_at, info.content_sha256);
  }
  StoreState state{list->back(), Sha256Hex(digest)};
  std::lock_guard lock(mutex_);
  state_ = state;
  checked_ = now;
  return state;
}

void Figures::Preload(std::int64_t snapshot, std::shared_ptr<const Delivery> tables) {
  std::lock_guard compute(compute_mutex_);
  preloaded_id_ = tables ? snapshot : 0;
  preloaded_ = std::move(tables);
}

HttpResult<std::shared_ptr<LoadedSnapshot>> Figures::Load(const SnapshotInfo& info) {
  std::shared_ptr<const Delivery> tables;
  if (preloaded_ && preloaded_id_ == info.id) {
    tables = preloaded_;
  } else {
    if (!loader_) {
      if (auto opened = Workspace::Open(workspace_.directory())) loader_ = std::move(*opened);
    }
    Result<Delivery> d;
    if (loader_) {
      d = loader_->Load(info.id, LoadOptions{});
    } else {  // no second connection: through the shared one
      std::lock_guard ws(workspace_mutex_);
      d = workspace_.Load(info.id, LoadOptions{});
    }
    if (!d) return Refuse(d.error());
    tables = std::make_shared<const Delivery>(std::move(*d));
  }
  auto loaded = std::make_shared<LoadedSnapshot>(std::move(tables));
  loaded->id = info.id;
  loaded->label = info.label;
  loaded->imported_at = info.imported_at;
  loaded->scopes = ScopeIndex(loaded->delivery.employers);
  loaded->known_scopes = count::KnownScopes(loaded->delivery.employers);
  loaded->count_scopes = MakeCountScopes(loaded->delivery);
  loaded->years = YearEndMeasurementYears(loaded->delivery);
  for (const auto& e : loaded->delivery.employers) loaded->employer_names["employer:" + e.id] = e.name;
  loaded->source = fmt::format("workspace {}, snapshot {}", workspace_.directory().filename().string(), info.id);
  return loaded;
}

HttpResult<std::shared_ptr<const LoadedSnapshot>> Figures::Snapshot() {
  auto state = State();
  if (!state) return std::unexpected(state.error());
  const std::int64_t latest = state->latest.id;
  auto current = [&]() -> std::shared_ptr<const LoadedSnapshot> {
    std::lock_guard lock(mutex_);
    return snapshot_ && snapshot_->id == latest ? snapshot_ : nullptr;
  };
  if (auto s = current()) return s;
  std::lock_guard compute(compute_mutex_);
  if (auto s = current()) return s;  // loaded by another thread while this one waited
  ++computed_;
  auto loaded = Load(state->latest);
  if (!loaded) return std::unexpected(loaded.error());
  std::lock_guard lock(mutex_);
  if (!snapshot_ || snapshot_->id != latest) {
    snapshot_ = std::move(*loaded);
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

HttpResult<std::shared_ptr<const PublishedRealisation>> Figures::ComputeRealisation(const LoadedSnapshot& s, int year,
                                                                                    Window window, bool sroi,
                                                                                    Regime regime) {
  CountRequest request{year, window, sroi};
  request.scopes = s.count_scopes;
  auto table = CountJobs(s.delivery, request, params_);
  if (!table) return Refuse(table.error());
  auto out = std::make_shared<PublishedRealisation>();
  out->regime = ApplyRegime(*table, s.delivery.targets, regime);
  out->table = std::move(*table);
  auto secret = ProtectRealisation(out->table, s.scopes, min_persons_);
  if (!secret) return Refuse(secret.error());
  out->secret = std::move(*secret);
  return std::shared_ptr<const PublishedRealisation>(std::move(out));
}

HttpResult<std::shared_ptr<const PublishedRealisation>> Figures::Realisation(int year, Window window, bool sroi,
                                                                             Regime regime) {
  return Cached(realisations_, std::make_tuple(year, window, sroi, regime),
                [&](const LoadedSnapshot& s) { return ComputeRealisation(s, year, window, sroi, regime); });
}

void Figures::WarmRealisations(const std::vector<int>& years, Window window, bool sroi, Regime regime) {
  auto snap = Snapshot();
  if (!snap) return;
  std::lock_guard serial(compute_mutex_);
  std::vector<int> missing;
  {
    std::lock_guard lock(mutex_);
    for (int year : years) {
      if (!realisations_.contains(std::make_tuple(year, window, sroi, regime))) missing.push_back(year);
    }
  }
  auto computed = MapInParallel(missing.size(), 2, [&](std::size_t k) {
    return ComputeRealisation(**snap, missing[k], window, sroi, regime);
  });
  std::lock_guard lock(mutex_);
  if (snapshot_ != *snap) return;
  for (std::size_t k = 0; k < missing.size(); ++k) {
    if (!computed[k]) continue;
    ++computed_;
    realisations_.emplace(std::make_tuple(missing[k], window, sroi, regime), *computed[k]);
  }
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
    const std::vector<std::string>* names = scopes.PartitionOf(level, outer);
    if (names == nullptr || !cell.contains(outer)) return;
    std::vector<std::size_t> parts;
    for (const auto& name : *names) {
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
