// Workspaces: init, open, import (one transaction, pseudonymised at the door),
// snapshots, load for counting, and row diffs. All store access goes through
// the Store interface (store/store.h).
#include "banenmonitor/workspace.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <toml++/toml.h>

#include "banenmonitor/provenance.h"
#include "common/lang.h"
#include "data/delivery_file.h"
#include "data/fields.h"
#include "data/row_sink.h"
#include "data/sha256.h"
#include "store/pseudonym.h"
#include "store/quality.h"
#include "store/column_cache.h"
#include "store/import_sink.h"
#include "store/store.h"

namespace banenmonitor {

namespace fs = std::filesystem;

namespace {

constexpr const char* kConfigFile = "workspace.toml";
constexpr const char* kDatabaseFile = "workspace.db";
constexpr const char* kKeyFile = "key";

// The files of the data contract whose bytes identify a delivery's content.
constexpr std::array<const char*, 7> kContractFiles = {"employers.csv", "register.csv", "payroll.csv", "hire_in.csv",
                                                       "targets.csv", "employer_hours.csv", "sroi.csv"};

fs::path KeyPath(const fs::path& dir) {
  const char* env = std::getenv("BANENMONITOR_KEY_FILE");
  return env != nullptr && *env != '\0' ? fs::path(env) : dir / kKeyFile;
}

std::string OsUser() {
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name != nullptr) return pw->pw_name;
  const char* user = std::getenv("USER");
  return user != nullptr ? user : "unknown";
}

std::string NowUtc() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

// What a delivery's files are before the import reads them, to notice a file
// that changes while it is read (a copy still running, an editor saving).
struct FileState {
  std::string sha256;
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;
};
struct DeliveryContent {
  std::string sha256;  // sha256 over "name sha256\n" of each present contract file: identical content, identical hash
  std::map<std::string, FileState> files;
};

// The size and modification time of an open delivery file.
FileState StateOf(const data::DeliveryFileHandle& file) {
  FileState st;
  st.size = static_cast<std::uintmax_t>(file.stat().st_size);
  st.mtime_ns = std::int64_t{file.stat().st_mtim.tv_sec} * 1'000'000'000 + file.stat().st_mtim.tv_nsec;
  return st;
}

// Opens a delivery file as the validator does (data::OpenDeliveryFile: a
// regular file, never through a symbolic link). nullopt when it is absent.
Result<std::optional<data::DeliveryFileHandle>> OpenForImport(const fs::path& p) {
  auto opened = data::OpenDeliveryFile(p);
  if (opened) return std::optional<data::DeliveryFileHandle>(std::move(*opened));
  if (opened.error().kind == data::DeliveryFileError::Kind::kMissing) return std::optional<data::DeliveryFileHandle>();
  std::string message = fmt::format("{}: {}", p.string(), opened.error().message);
  if (opened.error().kind == data::DeliveryFileError::Kind::kNotRegular) return Fail(Status::InvalidInput(message));
  return Fail(Status::IoError(message));
}

Result<FileState> StatFile(const fs::path& p) {
  auto opened = OpenForImport(p);
  if (!opened) return Fail(opened.error());
  if (!*opened) return Fail(Status::IoError(Say("{}: kan niet gelezen worden: het bestand is er niet meer",
                                                "{}: cannot read: the file is gone", p.string())));
  return StateOf(**opened);
}

Result<DeliveryContent> ContentHash(const fs::path& data_dir) {
  DeliveryContent content;
  std::string manifest;
  for (const char* name : kContractFiles) {
    fs::path p = data_dir / name;
    auto opened = OpenForImport(p);
    if (!opened) return Fail(opened.error());
    if (!*opened) continue;
    FileState st = StateOf(**opened);
    data::Sha256 h;
    std::vector<char> buf(1 << 20);
    for (;;) {
      ssize_t n = ::read((*opened)->fd(), buf.data(), buf.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        return Fail(Status::IoError(Say("{}: kan niet gelezen worden (invoer-/uitvoerfout)",
                                        "{}: cannot read (input/output error)", p.string())));
      }
      if (n == 0) break;
      h.Update(buf.data(), static_cast<std::size_t>(n));
    }
    st.sha256 = h.HexDigest();
    manifest += fmt::format("{} {}\n", name, st.sha256);
    content.files.emplace(name, std::move(st));
  }
  content.sha256 = data::Sha256::Of(manifest);
  return content;
}

// OK when the files the validator read are byte for byte those hashed before
// (and still have the size and modification time they had then).
Status CheckUnchanged(const fs::path& data_dir, const DeliveryContent& before, const Delivery& read) {
  auto changed = [&](const std::string& name, std::string_view how) {
    return Status::IoError(
        Say("{}: het bestand veranderde tijdens de import ({}); er is niets geïmporteerd. Importeer opnieuw zodra de "
            "levering compleet is en geen programma er meer in schrijft",
            "{}: the file changed while it was imported ({}); nothing was imported. Import again once the delivery is "
            "complete and no program writes to it",
            (data_dir / name).string(), how));
  };
  std::size_t present = 0;
  for (const auto& f : read.files) {
    if (!f.present) continue;
    ++present;
    auto it = before.files.find(f.name);
    if (it == before.files.end()) {
      return changed(f.name, Pick("het verscheen tijdens de import", "it appeared during the import"));
    }
    if (it->second.sha256 != f.sha256) {
      return changed(f.name,
                     Pick("de inhoud verschilt tussen twee lezingen", "its content differs between two readings"));
    }
    auto now = StatFile(data_dir / f.name);
    if (!now) return changed(f.name, Pick("het kan niet meer worden gelezen", "it can no longer be read"));
    if (now->size != it->second.size || now->mtime_ns != it->second.mtime_ns) {
      return changed(f.name, Pick("de grootte of wijzigingstijd veranderde", "its size or modification time changed"));
    }
  }
  if (present != before.files.size()) {
    for (const auto& [name, state] : before.files) {
      const FileInfo* f = read.file(name);
      if (f == nullptr || !f->present) {
        return changed(name, Pick("het verdween tijdens de import", "it disappeared during the import"));
      }
    }
  }
  return Status::Ok();
}

fs::path PendingKeyPath(const fs::path& key) {
  fs::path p = key;
  p += ".new";
  return p;
}

void SyncDirectory(const fs::path& file) {
  int fd = ::open(file.parent_path().empty() ? "." : file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

store::KeyRecord RecordOf(const store::Pseudonymiser& p) {
  return {p.generation(), p.StoreFingerprint(), NowUtc()};
}

// Reads the workspace's key and checks it against the generation the store
// records (none recorded: a workspace from before schema 4, any key is taken).
// Completes a rotation that was committed but killed before its key file was
// renamed (Workspace::Rekey). Never removes a KEY.new: a rotation may be
// running in another process.
Result<store::Pseudonymiser> OpenKey(const fs::path& dir, store::Store& st) {
  fs::path key_path = KeyPath(dir);
  auto recorded = st.CurrentKey();
  if (!recorded) return Fail(recorded.error());
  auto key = store::Pseudonymiser::FromKeyFile(key_path);
  if (key && (!*recorded || (*recorded)->fingerprint == key->StoreFingerprint())) return key;
  fs::path pending = PendingKeyPath(key_path);
  std::error_code ec;
  if (*recorded && fs::exists(pending, ec)) {
    auto next = store::Pseudonymiser::FromKeyFile(pending);
    if (next && next->StoreFingerprint() == (*recorded)->fingerprint) {
      fs::rename(pending, key_path, ec);
      std::error_code gone;
      if (ec && !fs::exists(pending, gone)) ec.clear();  // another process completed it first
      if (ec) {
        return Fail(Status::IoError(Say(
            "{}: de werkruimte is opnieuw gepseudonimiseerd met de sleutel in {}, maar die kan niet worden hernoemd "
            "naar {} ({}); hernoem hem zelf (bewaar tot dan beide bestanden)",
            "{}: the workspace was re-pseudonymised with the key in {}, but it cannot be renamed to {} ({}); "
            "rename it by hand (keep both files until then)",
            dir.string(), pending.string(), key_path.string(), ec.message())));
      }
      SyncDirectory(key_path);
      return next;
    }
  }
  if (!key) return Fail(key.error());
  return Fail(Status::InvalidInput(
      Say("{}: het sleutelbestand {} (vingerafdruk {}, generatie {}) is niet de sleutel van deze werkruimte (die "
          "registreert sleutelgeneratie {}, vernieuwd op {}); gebruik het eigen sleutelbestand van de werkruimte "
          "(wijst BANENMONITOR_KEY_FILE naar een ander?)",
          "{}: the key file {} (fingerprint {}, generation {}) is not the key of this workspace (it records key "
          "generation {}, rotated on {}); use the workspace's own key file (is BANENMONITOR_KEY_FILE set to another?)",
          dir.string(), key_path.string(), key->KeyFingerprint(), key->generation(), (*recorded)->generation,
          (*recorded)->created_at)));
}

// A quarantined row (as ImportSink writes it: every BSN, in any form, replaced
// by "hmac:" + pseudonym) with each such pseudonym passed
// through `rewrap`; everything else is copied byte for byte.
std::string RewrapQuarantineRow(std::string_view row, const std::function<std::string(std::string_view)>& rewrap) {
  constexpr std::string_view kPrefix = "hmac:";
  constexpr std::size_t kLength = store::Pseudonymiser::kPseudonymChars;
  auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
  std::string out;
  out.reserve(row.size());
  std::size_t i = 0;
  while (i < row.size()) {
    std::size_t at = row.find(kPrefix, i);
    if (at == std::string_view::npos) break;
    std::size_t start = at + kPrefix.size();
    std::size_t end = start;
    while (end < row.size() && hex(row[end])) ++end;
    out.append(row.substr(i, start - i));
    if (end - start == kLength) {
      out += rewrap(row.substr(start, kLength));
    } else {
      out.append(row.substr(start, end - start));
    }
    i = end;
  }
  out.append(row.substr(std::min(i, row.size())));
  return out;
}

// Builds a snapshot's column cache (store/column_cache.h) from the rows as an
// import stores them, in the order the store hands them back (file order), so
// that the first count after an import need not read the store back. The
// cache is derived and rebuilt from the store when absent: whatever goes wrong
// here (an exception, e.g. out of memory) drops the cache, never the import.
class ImportCacheFeed : public data::RowSink {
 public:
  ImportCacheFeed() {
    try {
      builder_.emplace();
    } catch (const std::exception&) {
    }
  }
  void OnEmployer(const Employer& e, std::int64_t line) override {
    ImportCacheTry([&] { builder_->OnEmployer(e, line); });
  }
  void OnRegister(const data::RegisterRow& r) override {
    ImportCacheTry([&] { builder_->OnRegister(r); });
  }
  void OnTarget(const Target& t, std::int64_t line) override {
    ImportCacheTry([&] { builder_->OnTarget(t, line); });
  }
  void OnPayroll(const data::PayrollRow& r) override {
    ImportCacheTry([&] { builder_->OnPayroll(r); });
  }
  void OnHireIn(const data::HireInRow& r) override {
    ImportCacheTry([&] { builder_->OnHireIn(r); });
  }
  // Writes the cache of the committed snapshot `key` to `path`; false when it was dropped or could not be
  // written (then the first count builds it). Frees the collected tables either way.
  bool Write(const std::filesystem::path& path, const store::ColumnCacheKey& key) {
    bool written = false;
    ImportCacheTry([&] { written = builder_->Write(path, key).ok(); });
    builder_.reset();
    return written;
  }

 private:
  template <typename F>
  void ImportCacheTry(F&& f) {
    if (!builder_) return;
    try {
      f();
    } catch (const std::exception&) {
      builder_.reset();
    }
  }
  std::optional<store::ColumnCacheBuilder> builder_;
};

// Where the column cache of `snapshot` lives (store/column_cache.h).
fs::path ColumnCacheDir(const fs::path& workspace_dir) { return workspace_dir / "cache"; }
fs::path ColumnCachePath(const fs::path& workspace_dir, std::int64_t snapshot) {
  return ColumnCacheDir(workspace_dir) / fmt::format("snapshot-{}.columns", snapshot);
}
// What the cache of `record` must have been built from: the snapshot and the
// pseudonymisation key its person ids are made with.
store::ColumnCacheKey ColumnCacheKeyOf(const store::SnapshotRecord& record, const store::Pseudonymiser& key) {
  return {record.id, record.content_sha256, key.StoreFingerprint()};
}

// Passes every row to two sinks.
class TeeSink : public data::RowSink {
 public:
  TeeSink(data::RowSink& a, data::RowSink& b) : a_(a), b_(b) {}
  void OnEmployer(const Employer& e, std::int64_t line) override { a_.OnEmployer(e, line); b_.OnEmployer(e, line); }
  void OnRegister(const data::RegisterRow& r) override { a_.OnRegister(r); b_.OnRegister(r); }
  void OnTarget(const Target& t, std::int64_t line) override { a_.OnTarget(t, line); b_.OnTarget(t, line); }
  void OnPayroll(const data::PayrollRow& r) override { a_.OnPayroll(r); b_.OnPayroll(r); }
  void OnHireIn(const data::HireInRow& r) override { a_.OnHireIn(r); b_.OnHireIn(r); }
  void OnEmployerHours(const data::EmployerHoursRow& r) override { a_.OnEmployerHours(r); b_.OnEmployerHours(r); }
  void OnSroi(const data::SroiRow& r) override { a_.OnSroi(r); b_.OnSroi(r); }
  void OnInvalidRow(const data::InvalidRow& r) override { a_.OnInvalidRow(r); b_.OnInvalidRow(r); }

 private:
  data::RowSink& a_;
  data::RowSink& b_;
};

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

struct Workspace::Impl {
  fs::path dir;
  std::unique_ptr<store::Store> store;
  std::optional<store::Pseudonymiser> pseudonymiser;
  std::string description;
};

Workspace::Workspace(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Workspace::~Workspace() = default;
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;

const fs::path& Workspace::directory() const { return impl_->dir; }
store::Store& store::StoreOf(Workspace& workspace) { return *workspace.impl_->store; }
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
  fs::path key = KeyPath(dir);
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
  if (!*recorded) return opened->impl_->store->RecordKey(RecordOf(*opened->impl_->pseudonymiser));
  return Status::Ok();
}

Result<Workspace> Workspace::Open(const fs::path& dir) {
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
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  std::string kind = config["store"].value_or(std::string("sqlite"));
  if (kind == "sqlite") {
    fs::path db = dir / config["database"].value_or(std::string(kDatabaseFile));
    auto s = store::OpenSqliteStore(db.string());
    if (!s) return Fail(s.error());
    impl->store = std::move(*s);
    impl->description = "SQLite " + db.string();
  } else if (kind == "postgresql") {
    std::string url = config["url"].value_or(std::string());
    std::string schema = config["schema"].value_or(std::string());
    auto s = store::OpenPostgresStore(url, schema);
    if (!s) return Fail(s.error());
    impl->store = std::move(*s);
    impl->description = "PostgreSQL schema " + schema;
  } else {
    return Fail(Status::InvalidInput(Say("{}: store = \"{}\" (verwacht \"sqlite\" of \"postgresql\")",
                                         "{}: store = \"{}\" (expected \"sqlite\" or \"postgresql\")",
                                         config_path.string(), kind)));
  }
  Status migrated = impl->store->Migrate();
  if (!migrated.ok()) return Fail(migrated);
  auto key = OpenKey(dir, *impl->store);
  if (!key) return Fail(key.error());
  impl->pseudonymiser = std::move(*key);
  return Workspace(std::move(impl));
}

Result<ImportResult> Workspace::Import(const fs::path& data_dir, const ImportOptions& options) {
  ImportResult result;
  std::error_code ec;
  if (!fs::is_directory(data_dir, ec)) {
    return Fail(Status::NotFound(
        Say("{}: geen map (verwacht een levering)", "{}: not a directory (expected a delivery)", data_dir.string())));
  }
  auto content = ContentHash(data_dir);
  if (!content) return Fail(content.error());
  auto existing = impl_->store->FindByContent(content->sha256);
  if (!existing) return Fail(existing.error());
  if (*existing) {
    result.snapshot_id = **existing;
    result.already_imported = true;
    return result;
  }
  store::Store& st = *impl_->store;
  if (Status s = st.Begin(); !s.ok()) return Fail(s);
  // Two imports of one delivery at the same moment: Begin let the other one
  // finish first, and this one gives the answer of an import run after it.
  if (auto committed = st.FindByContent(content->sha256); !committed || *committed) {
    st.Rollback();
    if (!committed) return Fail(committed.error());
    result.snapshot_id = **committed;
    result.already_imported = true;
    return result;
  }
  // Pseudonyms of one key only: a rotation committed since Open would leave
  // this import's pseudonyms unlinkable. (Also holds off a rotation until the commit.)
  {
    auto recorded = st.CurrentKey();
    Status s = recorded ? Status::Ok() : recorded.error();
    if (s.ok() && !*recorded) s = st.RecordKey(RecordOf(*impl_->pseudonymiser));  // first import of an older workspace
    if (s.ok() && *recorded && (*recorded)->fingerprint != impl_->pseudonymiser->StoreFingerprint()) {
      s = Status::InvalidInput(
          Say("{}: de sleutel van de werkruimte is vernieuwd (banenmonitor rekey) nadat dit programma haar opende; er "
              "is niets geïmporteerd: start de import opnieuw",
              "{}: the workspace's key was rotated (banenmonitor rekey) after this program opened it; nothing was "
              "imported: run the import again",
              impl_->dir.string()));
    }
    if (!s.ok()) {
      st.Rollback();
      return Fail(s);
    }
  }
  SnapshotInfo info;
  store::SnapshotRecord record;
  // The label is free text a user types (or the directory's name): a BSN in it is masked before it is stored.
  bool label_masked = false;
  record.label = store::StoredLabel(options.label.empty() ? data_dir.filename().string() : options.label, label_masked);
  record.imported_at = NowUtc();
  record.os_user = OsUser();
  record.program_version = ProgramVersion();
  record.content_sha256 = content->sha256;
  auto id = st.InsertSnapshot(record);
  if (!id) {
    st.Rollback();
    return Fail(id.error());
  }
  record.id = *id;
  ImportCacheFeed cache;
  store::ImportSink sink(st, *impl_->pseudonymiser, record.id, options.progress, &cache);
  store::QualityCollector quality;
  TeeSink tee(sink, quality);
  result.report.directory = data_dir;
  data::ValidateDelivery(data_dir, result.report, tee);
  if (label_masked) {
    result.report.AddFinding({Finding::Severity::kWarning, "label", 0, 0, "bsn-in-text",
                              Say("het label bevatte een reeks cijfers die op een BSN lijkt; die is vervangen door "
                                  "######### (zo opgeslagen en getoond)",
                                  "the label held a run of digits that may be a BSN; it was replaced by ######### "
                                  "(stored and shown so)")});
  }
  if (!sink.status().ok()) {
    st.Rollback();
    return Fail(sink.status());
  }
  if (Status s = CheckUnchanged(data_dir, *content, result.report); !s.ok()) {
    st.Rollback();
    return Fail(s);
  }
  bool invalid = result.report.error_count() > 0;
  if (result.report.has_file_errors() || (invalid && !options.skip_invalid)) {
    st.Rollback();  // all or nothing: a rejected delivery leaves no trace
    result.rejected = true;
    return result;
  }
  auto report = quality.Report(result.report);
  record.files = result.report.files;
  for (const auto& f : record.files) record.invalid_rows += f.invalid_rows;
  record.quality_json = report.dump();
  if (Status s = st.FinishSnapshot(record); !s.ok()) {
    st.Rollback();
    return Fail(s);
  }
  if (Status s = st.Commit(); !s.ok()) {
    st.Rollback();
    return Fail(s);
  }
  result.snapshot_id = record.id;
  result.quality_json = record.quality_json;
  result.quarantined_rows = sink.quarantined();
  // Only after the commit: a cache never describes a snapshot that is not there.
  result.column_cache_written =
      cache.Write(ColumnCachePath(impl_->dir, record.id), ColumnCacheKeyOf(record, *impl_->pseudonymiser));
  return result;
}

Result<RekeyResult> Workspace::Rekey() {
  fs::path key_path = KeyPath(impl_->dir);
  fs::path pending = PendingKeyPath(key_path);
  fs::path lock_path = key_path;
  lock_path += ".lock";
  // One rotation at a time (per key file): only the holder of this lock may
  // remove a stale KEY.new.
  int lock = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock < 0) {
    return Fail(Status::IoError(
        Say("{}: het slot voor de sleutelvernieuwing {} kan niet worden aangemaakt: {}; er is niets gewijzigd",
            "{}: cannot create the rotation lock {}: {}; nothing was changed", impl_->dir.string(), lock_path.string(),
            std::strerror(errno))));
  }
  struct Unlock {
    int fd;
    ~Unlock() { ::close(fd); }
  } unlock{lock};
  if (::flock(lock, LOCK_EX | LOCK_NB) != 0) {
    return Fail(Status::Usage(
        Say("{}: er loopt al een andere sleutelvernieuwing van deze werkruimte; er is niets gewijzigd",
            "{}: another key rotation of this workspace is running; nothing was changed", impl_->dir.string())));
  }
  // Under the lock: the key as it is now (a rotation may have ended since Open).
  auto current = OpenKey(impl_->dir, *impl_->store);
  if (!current) return Fail(current.error());
  auto recorded = impl_->store->CurrentKey();
  if (!recorded) return Fail(recorded.error());
  std::error_code ec;
  fs::remove(pending, ec);  // left by a rotation killed before its commit (OpenKey took a committed one)
  if (ec) {
    return Fail(Status::IoError(Say("{}: het achtergebleven {} kan niet worden verwijderd: {}; er is niets gewijzigd",
                                    "{}: cannot remove the stale {}: {}; nothing was changed", impl_->dir.string(),
                                    pending.string(), ec.message())));
  }
  store::Pseudonymiser next = current->WithNewKey();
  if (Status s = next.WriteKeyFile(pending); !s.ok()) {
    return Fail(Status::IoError(Say("{}; er is niets gewijzigd", "{}; nothing was changed", s.message())));
  }
  auto rewrap = [&](std::string_view p) {
    return store::Pseudonymiser::IsPseudonym(p) ? next.Rewrap(p) : std::string(p);
  };
  auto counts = impl_->store->Rekey(
      rewrap, [&](std::string_view row) { return RewrapQuarantineRow(row, rewrap); }, *recorded, RecordOf(next));
  if (!counts) {
    fs::remove(pending, ec);
    return Fail(counts.error());
  }
  // Committed: from here on the store needs the new key. Should the rename
  // not happen, the next Open completes it (OpenKey).
  fs::rename(pending, key_path, ec);
  if (ec) {
    return Fail(Status::IoError(
        Say("{}: de werkruimte is opnieuw gepseudonimiseerd, maar de nieuwe sleutel in {} kon niet worden hernoemd "
            "naar {} ({}); de volgende opdracht op deze werkruimte hernoemt hem; bewaar tot dan beide bestanden",
            "{}: the workspace was re-pseudonymised, but the new key in {} could not be renamed to {} ({}); the next "
            "command on this workspace renames it; keep both files until then",
            impl_->dir.string(), pending.string(), key_path.string(), ec.message())));
  }
  SyncDirectory(key_path);
  // The column caches hold the old pseudonyms: remove them (they are rebuilt on
  // the next count). Their key names the old key, so one left behind (a failed
  // removal, a rotation killed here) is never read; the next rekey removes it.
  fs::remove_all(ColumnCacheDir(impl_->dir), ec);
  RekeyResult result{next.generation(), counts->persons, counts->quarantine_rows, key_path.string(),
                     next.KeyFingerprint(), ec ? ec.message() : std::string()};
  impl_->pseudonymiser = std::move(next);
  return result;
}

Result<std::vector<SnapshotInfo>> Workspace::Snapshots() {
  auto records = impl_->store->ListSnapshots();
  if (!records) return Fail(records.error());
  std::vector<SnapshotInfo> out;
  for (auto& r : *records) {
    out.push_back({r.id, r.label, r.imported_at, r.os_user, r.program_version, r.content_sha256, r.invalid_rows,
                   r.quality_json, r.files});
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
  if (record != nullptr && options.count_tables_only) {
    // What count needs, from the snapshot's column cache (store/column_cache.h), built on first use.
    const store::ColumnCacheKey key = ColumnCacheKeyOf(*record, *impl_->pseudonymiser);
    const std::filesystem::path path = ColumnCachePath(impl_->dir, snapshot);
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
      return std::move(*cached);
    }
  }
  Delivery d;
  d.directory = impl_->dir;
  data::DeliveryAggregator aggregator(d, options);
  if (Status s = impl_->store->ReadSnapshot(snapshot, aggregator); !s.ok()) return Fail(s);
  aggregator.Finish();
  if (record != nullptr) d.files = record->files;
  return d;
}

Result<SnapshotDiff> Workspace::DiffRows(std::int64_t a, std::int64_t b) {
  RowCounter ra, rb;
  if (Status s = impl_->store->ReadSnapshot(a, ra); !s.ok()) return Fail(s);
  if (Status s = impl_->store->ReadSnapshot(b, rb); !s.ok()) return Fail(s);
  SnapshotDiff diff;
  for (const char* file : kContractFiles) {
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
