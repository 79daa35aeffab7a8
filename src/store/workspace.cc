// Workspaces: init, open, the snapshots, load for counting and row diffs;
// the import is in workspace_import.cc, the key in workspace_keys.cc. All
// store access goes through the snapshot store (store/store.h); the accounts
// of the dashboard are opened beside it (store/accounts.h).
#include "banenmonitor/workspace.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <toml++/toml.h>

#include "common/lang.h"
#include "data/row_sink.h"
#include "store/accounts.h"
#include "store/workspace_impl.h"

namespace banenmonitor {

namespace fs = std::filesystem;

namespace {

constexpr const char* kConfigFile = "workspace.toml";
constexpr const char* kDatabaseFile = "workspace.db";
constexpr const char* kKeyFile = "key";

// Where the workspace in `dir` keeps its tables (its workspace.toml).
struct StoreConfig {
  bool postgres = false;
  fs::path sqlite_path;     // the SQLite database file
  std::string url, schema;  // the PostgreSQL database and the workspace's schema in it
};

Result<StoreConfig> ReadStoreConfig(const fs::path& dir) {
  fs::path config_path = dir / kConfigFile;
  std::error_code ec;
  if (!fs::exists(config_path, ec)) {
    return Fail(Status::NotFound(Say("{}: geen werkruimte (geen {}; maak er een met: banenmonitor init {})",
                                     "{}: not a workspace (no {}; create one with: banenmonitor init {})", dir.string(),
                                     kConfigFile, dir.string())));
  }
  toml::table config;
  try {
    config = toml::parse_file(config_path.string());
  } catch (const toml::parse_error& e) {
    return Fail(Status::InvalidInput(fmt::format("{}:{}:{}: {}", config_path.string(), e.source().begin.line,
                                                 e.source().begin.column, e.description())));
  }
  StoreConfig out;
  std::string kind = config["store"].value_or(std::string("sqlite"));
  if (kind == "sqlite") {
    out.sqlite_path = dir / config["database"].value_or(std::string(kDatabaseFile));
  } else if (kind == "postgresql") {
    out.postgres = true;
    out.url = config["url"].value_or(std::string());
    out.schema = config["schema"].value_or(std::string());
  } else {
    return Fail(Status::InvalidInput(Say("{}: store = \"{}\" (verwacht \"sqlite\" of \"postgresql\")",
                                         "{}: store = \"{}\" (expected \"sqlite\" or \"postgresql\")",
                                         config_path.string(), kind)));
  }
  return out;
}

// Counts each distinct row of each file, as canonical text (for diffs).
class RowCounter : public data::RowSink {
 public:
  std::map<std::string, std::map<std::string, std::int64_t>> rows;  // file -> row text -> occurrences
  std::vector<std::string> employer_ids;

  void OnEmployer(const Employer& e, std::int64_t) override {
    employer_ids.push_back(e.id);
    ++rows["employers.csv"][fmt::format("{}|{}|{}|{}|{}|{}|{}", e.id, e.name, SectorName(e.sector), e.subsector,
                                        e.organisation, LenderKindName(e.lender), e.region)];
  }
  void OnRegister(const data::RegisterRow& r) override {
    ++rows["register.csv"][fmt::format("{}|{}|{}|{}|{}", r.person_id, GroundName(r.ground), r.start_day, r.end_day,
                                       r.region)];
  }
  void OnTarget(const Target& t, std::int64_t) override {
    ++rows["targets.csv"][fmt::format("{}|{}|{}|{}", t.year, t.scope, t.baseline_jobs,
                                      t.target_extra_jobs ? fmt::format("{}", *t.target_extra_jobs) : "")];
  }
  void OnPayroll(const data::PayrollRow& r) override {
    ++rows["payroll.csv"][fmt::format("{}|{}|{}|{}|{}|{}|{}", r.person_id, employer_ids[r.employer], r.month, r.hours,
                                      static_cast<int>(r.contract), r.wsw, r.wage_cents.value_or(-1))];
  }
  void OnHireIn(const data::HireInRow& r) override {
    ++rows["hire_in.csv"][fmt::format("{}|{}|{}|{}|{}", r.person_id, employer_ids[r.lender], employer_ids[r.hirer],
                                      r.month, r.hours)];
  }
  void OnEmployerHours(const data::EmployerHoursRow& r) override {
    ++rows["employer_hours.csv"][fmt::format("{}|{}|{}|{}|{}|{}", employer_ids[r.employer], r.month, r.hours,
                                             r.agency_staff_hours, r.wsw_hours, r.wage_cents.value_or(-1))];
  }
  void OnSroi(const data::SroiRow& r) override {
    ++rows["sroi.csv"][fmt::format("{}|{}|{}|{}|{}", r.person_id, employer_ids[r.contractor], employer_ids[r.buyer],
                                   r.month, r.hours)];
  }
};

}  // namespace

fs::path store::KeyPath(const fs::path& dir) {
  const char* env = std::getenv("BANENMONITOR_KEY_FILE");
  return env != nullptr && *env != '\0' ? fs::path(env) : dir / kKeyFile;
}

std::string store::NowUtc() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

fs::path store::ColumnCacheDir(const fs::path& workspace_dir) { return workspace_dir / "cache"; }
fs::path store::ColumnCachePath(const fs::path& workspace_dir, std::int64_t snapshot) {
  return ColumnCacheDir(workspace_dir) / fmt::format("snapshot-{}.columns", snapshot);
}
// What the cache of `record` must have been built from: the snapshot and the
// pseudonymisation key its person ids are made with.
store::ColumnCacheKey store::ColumnCacheKeyOf(const store::SnapshotRecord& record, const store::Pseudonymiser& key) {
  return {record.id, record.content_sha256, key.StoreFingerprint()};
}

Workspace::Workspace(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Workspace::~Workspace() = default;
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;

const fs::path& Workspace::directory() const { return impl_->dir; }
std::string Workspace::store_description() const { return impl_->description; }

Status Workspace::Init(const fs::path& dir, const std::string& store_url) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return Status::Usage(Say("{}: bestaat al en is niet leeg (verwacht een nieuwe map voor de werkruimte)",
                             "{}: exists and is not empty (expected a new directory for the workspace)", dir.string()));
  }
  bool postgres = !store_url.empty();
  if (postgres && !store_url.starts_with("postgresql://") && !store_url.starts_with("postgres://")) {
    return Status::Usage(
        Say("--store {}: verwacht een postgresql://-URL", "--store {}: expected a postgresql:// URL", store_url));
  }
  fs::create_directories(dir, ec);
  if (ec) {
    return Status::IoError(
        Say("{}: kan niet worden aangemaakt: {}", "{}: cannot create: {}", dir.string(), ec.message()));
  }
  fs::permissions(dir, fs::perms::owner_all, ec);
  fs::path key = store::KeyPath(dir);
  if (!fs::exists(key, ec)) {
    Status s = store::Pseudonymiser::CreateKeyFile(key);
    if (!s.ok()) return s;
  }
  std::string schema;
  if (postgres) {
    std::mt19937_64 rng(std::random_device{}());
    schema = fmt::format("ws_{:016x}", rng());
  }
  std::ofstream config(dir / kConfigFile);
  config << "# banenmonitor workspace. The key file (pseudonymisation) must stay private: chmod 600.\n";
  config << "format = 1\n";
  if (postgres) {
    config << "store = \"postgresql\"\n";
    config << "url = " << toml::value<std::string>(store_url) << "\n";
    config << "schema = \"" << schema << "\"\n";
  } else {
    config << "store = \"sqlite\"\n";
    config << "database = \"" << kDatabaseFile << "\"\n";
  }
  config.close();
  if (!config) {
    return Status::IoError(Say("{}: {} kan niet worden geschreven", "{}: cannot write {}", dir.string(), kConfigFile));
  }
  auto opened = Open(dir);
  if (!opened) return opened.error();
  // The store records which key is the workspace's from now on.
  auto recorded = opened->impl_->store->CurrentKey();
  if (!recorded) return recorded.error();
  if (!*recorded) return opened->impl_->store->RecordKey(store::RecordOf(*opened->impl_->pseudonymiser));
  return Status::Ok();
}

Result<Workspace> Workspace::Open(const fs::path& dir) {
  auto config = ReadStoreConfig(dir);
  if (!config) return Fail(config.error());
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  auto opened = config->postgres ? store::OpenPostgresStore(config->url, config->schema)
                                 : store::OpenSqliteStore(config->sqlite_path.string());
  if (!opened) return Fail(opened.error());
  impl->store = std::move(*opened);
  impl->description =
      config->postgres ? "PostgreSQL schema " + config->schema : "SQLite " + config->sqlite_path.string();
  Status migrated = impl->store->Migrate();
  if (!migrated.ok()) return Fail(migrated);
  auto key = store::OpenKey(dir, *impl->store);
  if (!key) return Fail(key.error());
  impl->pseudonymiser = std::move(*key);
  return Workspace(std::move(impl));
}

Result<std::unique_ptr<store::AccountStore>> store::OpenAccounts(const Workspace& workspace) {
  auto config = ReadStoreConfig(workspace.directory());
  if (!config) return Fail(config.error());
  return config->postgres ? OpenPostgresAccounts(config->url, config->schema)
                          : OpenSqliteAccounts(config->sqlite_path.string());
}

Result<std::vector<SnapshotInfo>> Workspace::Snapshots() {
  auto records = impl_->store->ListSnapshots();
  if (!records) return Fail(records.error());
  std::vector<SnapshotInfo> out;
  for (auto& r : *records) {
    out.push_back({r.id, r.label, r.imported_at, r.os_user, r.program_version, r.content_sha256, r.invalid_rows,
                   r.quality_json, r.files, r.manifest});
  }
  return out;
}

Result<std::int64_t> Workspace::ResolveSnapshot(std::optional<std::int64_t> snapshot) {
  auto all = impl_->store->ListSnapshots();
  if (!all) return Fail(all.error());
  if (all->empty()) {
    return Fail(Status::NotFound(
        Say("werkruimte {} heeft nog geen snapshots (importeer er een met: banenmonitor import {} --data MAP)",
            "workspace {} has no snapshots yet (import one with: banenmonitor import {} --data DIR)",
            impl_->dir.string(), impl_->dir.string())));
  }
  if (!snapshot) return all->back().id;
  for (const auto& r : *all) {
    if (r.id == *snapshot) return r.id;
  }
  return Fail(Status::NotFound(Say("werkruimte {} heeft geen snapshot {} (zie: banenmonitor snapshots {})",
                                   "workspace {} has no snapshot {} (see: banenmonitor snapshots {})",
                                   impl_->dir.string(), *snapshot, impl_->dir.string())));
}

Result<Delivery> Workspace::Load(std::int64_t snapshot, const LoadOptions& options) {
  auto all = impl_->store->ListSnapshots();
  if (!all) return Fail(all.error());
  const store::SnapshotRecord* record = nullptr;
  for (const auto& r : *all) {
    if (r.id == snapshot) record = &r;
  }
  if (record != nullptr) {
    // From the snapshot's column cache (store/column_cache.h), built on first use.
    const store::ColumnCacheKey key = store::ColumnCacheKeyOf(*record, *impl_->pseudonymiser);
    const std::filesystem::path path = store::ColumnCachePath(impl_->dir, snapshot);
    auto cached = store::ReadColumnCache(path, key, options);
    if (!cached) {
      store::ColumnCacheBuilder builder;
      if (Status s = impl_->store->ReadSnapshot(snapshot, builder); !s.ok()) return Fail(s);
      // A workspace that cannot take the file (read-only) is read from the store below.
      if (builder.Write(path, key).ok()) cached = store::ReadColumnCache(path, key, options);
    }
    if (cached) {
      cached->directory = impl_->dir;
      cached->files = record->files;
      cached->manifest = record->manifest;
      return std::move(*cached);
    }
  }
  Delivery d;
  d.directory = impl_->dir;
  data::DeliveryAggregator aggregator(d, options);
  if (Status s = impl_->store->ReadSnapshot(snapshot, aggregator); !s.ok()) return Fail(s);
  aggregator.Finish();
  if (record != nullptr) {
    d.files = record->files;
    d.manifest = record->manifest;
  }
  return d;
}

Result<SnapshotDiff> Workspace::DiffRows(std::int64_t a, std::int64_t b) {
  RowCounter ra, rb;
  if (Status s = impl_->store->ReadSnapshot(a, ra); !s.ok()) return Fail(s);
  if (Status s = impl_->store->ReadSnapshot(b, rb); !s.ok()) return Fail(s);
  SnapshotDiff diff;
  for (const char* file : store::kContractFiles) {
    SnapshotDiff::FileChange change{file, 0, 0};
    const auto& before = ra.rows[file];
    const auto& after = rb.rows[file];
    for (const auto& [row, n] : after) {
      auto it = before.find(row);
      std::int64_t had = it == before.end() ? 0 : it->second;
      if (n > had) change.rows_added += n - had;
    }
    for (const auto& [row, n] : before) {
      auto it = after.find(row);
      std::int64_t has = it == after.end() ? 0 : it->second;
      if (n > has) change.rows_removed += n - has;
    }
    diff.files.push_back(change);
  }
  return diff;
}

}  // namespace banenmonitor
