// The figures the dashboard serves: the latest snapshot of the workspace,
// loaded once and kept in memory, and the results computed from it (count,
// scenario, quality, quotum), each computed once per question and cached
// until a new snapshot arrives. Non-admin figures pass the report's
// disclosure control (report/disclosure.h), applied once to the whole
// hierarchy of a table so that every query sees the same pattern.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/job_quality.h"
#include "banenmonitor/params.h"
#include "banenmonitor/quotum.h"
#include "banenmonitor/scenario.h"
#include "banenmonitor/workspace.h"
#include "web/access.h"

namespace banenmonitor::web {

struct LoadedSnapshot {
  explicit LoadedSnapshot(std::shared_ptr<const Delivery> tables) : tables(std::move(tables)), delivery(*this->tables) {}
  std::int64_t id = 0;
  std::string label;
  std::string imported_at;
  std::shared_ptr<const Delivery> tables;  // owns `delivery` (shared with the import that built it, or alone)
  const Delivery& delivery;
  ScopeIndex scopes;
  std::shared_ptr<const CountScopes> count_scopes;  // MakeCountScopes(delivery): made once for every count of it
  std::vector<std::string> known_scopes;  // the scopes a user may name (count::KnownScopes), sorted
  std::vector<int> years;  // years with a year-end measurement (Q4 data), ascending
  std::string source;      // "workspace WS, snapshot N" for provenance
  std::unordered_map<std::string, std::string> employer_names;  // "employer:ID" -> name

  // The Dutch label of a scope: an employer by its name and id, others as the report names them.
  std::string Label(std::string_view scope) const;
};

// A realisation table with, per row, whether disclosure control hides it for
// non-admin users (fewer than min_persons persons, or hidden to protect one).
struct PublishedRealisation {
  RealisationTable table;
  std::vector<bool> secret;  // parallel to table.rows
  RegimeRealisation regime;  // the table under the chosen regime (targets differ)
};

// What the store says about its snapshots: the latest, and a digest of the
// whole list (ids, labels, import times, contents) that changes with any import
// or removal.
struct StoreState {
  SnapshotInfo latest;
  std::string snapshots_sha256;
};

class Figures {
 public:
  // `workspace` and every use of it are guarded by `workspace_mutex` (the
  // store is used by one thread at a time). A snapshot is loaded through a
  // connection of its own (a second Workspace on the same directory), so that
  // the minutes of a load hold up no login.
  Figures(Workspace& workspace, std::mutex& workspace_mutex, const ParameterSet& params, long long min_persons);

  // The store's snapshots (503 when the workspace has none yet), asked at most
  // every few seconds, so an import by another process shows up without a
  // restart. Never waits for a computation or a load of another request.
  HttpResult<StoreState> State();
  // The latest snapshot (503 when the workspace has none yet), loaded when
  // State() names one that is not in memory.
  HttpResult<std::shared_ptr<const LoadedSnapshot>> Snapshot();
  // Forget everything: the next call loads the latest snapshot (after an import).
  void Reload();
  // Makes `tables` what a load of snapshot `snapshot` gives from now on,
  // instead of reading it from the store (an import that just built them).
  // REQUIRES: `tables` is exactly Workspace::Load(snapshot, {}).
  void Preload(std::int64_t snapshot, std::shared_ptr<const Delivery> tables);

  HttpResult<std::shared_ptr<const PublishedRealisation>> Realisation(int year, Window window, bool sroi,
                                                                      Regime regime);
  // Computes the Realisation of each of `years` not yet known, two at a time
  // (each year's count is independent of the others'), for a caller about to
  // ask for all of them (the trend of Dashboard::Prepare). A failure is left
  // for Realisation to give.
  void WarmRealisations(const std::vector<int>& years, Window window, bool sroi, Regime regime);
  HttpResult<std::shared_ptr<const ScenarioResult>> Scenario(int year, bool sroi);
  HttpResult<std::shared_ptr<const QualityTable>> Quality(int year, ScopeLevel level);
  HttpResult<std::shared_ptr<const QuotumTable>> Quotum(int year);

  long long min_persons() const { return min_persons_; }
  // How many snapshots were loaded and figures computed since the start (a
  // question answered from the cache computes nothing).
  std::size_t computed() const { return computed_.load(); }
  const ParameterSet& params() const { return params_; }

 private:
  template <typename T, typename Key, typename F>
  HttpResult<std::shared_ptr<const T>> Cached(std::map<Key, std::shared_ptr<const T>>& cache, const Key& key,
                                              F&& compute);

  Workspace& workspace_;
  std::mutex& workspace_mutex_;
  const ParameterSet& params_;
  long long min_persons_;

  HttpResult<std::shared_ptr<const PublishedRealisation>> ComputeRealisation(const LoadedSnapshot& s, int year,
                                                                             Window window, bool sroi, Regime regime);
  // The snapshot `id` as loaded from the store, or the failure.
  HttpResult<std::shared_ptr<LoadedSnapshot>> Load(const SnapshotInfo& info);

  std::atomic<std::size_t> computed_{0};
  std::mutex mutex_;          // guards everything below
  std::mutex check_mutex_;    // one question to the store about its snapshots at a time
  std::mutex compute_mutex_;  // one computation at a time (two cores; no stampede on a cold cache)
  std::optional<Workspace> loader_;  // the connection loads go through; guarded by compute_mutex_
  std::int64_t preloaded_id_ = 0;    // Preload's, guarded by compute_mutex_
  std::shared_ptr<const Delivery> preloaded_;
  std::optional<StoreState> state_;
  std::chrono::steady_clock::time_point checked_{};
  std::shared_ptr<const LoadedSnapshot> snapshot_;
  std::map<std::tuple<int, Window, bool, Regime>, std::shared_ptr<const PublishedRealisation>> realisations_;
  std::map<std::tuple<int, bool>, std::shared_ptr<const ScenarioResult>> scenarios_;
  std::map<std::tuple<int, ScopeLevel>, std::shared_ptr<const QualityTable>> qualities_;
  std::map<int, std::shared_ptr<const QuotumTable>> quota_;
};

// Per row of `table`: hidden from non-admin users? The report's Protect
// (report/disclosure.h) over one cell per row (jobs, with its persons) and the
// relations of the hierarchy: total = sectors, sector = its subsectors,
// subsector and organisation = their employers (where they partition).
Result<std::vector<bool>> ProtectRealisation(const RealisationTable& table, const ScopeIndex& scopes,
                                             long long min_persons);

}  // namespace banenmonitor::web
