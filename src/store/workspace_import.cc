// Workspaces: importing a delivery as a snapshot, in one transaction,
// pseudonymised at the door (store/import_sink.h), with its data-quality
// report (store/quality.h) and, after the commit, its column cache.
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <thread>
#include <vector>

#include "banenmonitor/provenance.h"
#include "common/lang.h"
#include "data/delivery_file.h"
#include "data/row_sink.h"
#include "data/sha256.h"
#include "store/cache_feed.h"
#include "store/import_sink.h"
#include "store/quality.h"
#include "store/workspace_impl.h"

namespace banenmonitor {

namespace fs = std::filesystem;

namespace {

std::string OsUser() {
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name != nullptr) return pw->pw_name;
  const char* user = std::getenv("USER");
  return user != nullptr ? user : "unknown";
}

// What a delivery's files are before the import reads them, to notice a file
// that changes while it is read (a copy still running, an editor saving).
struct FileState {
  std::string sha256;
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;
};
struct DeliveryContent {
  std::string sha256;  // ContentSha256 of the files
  std::map<std::string, FileState> files;
  bool hashed = false;  // false: the files stated only (ContentStated); sha256 and each file's are empty
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

// The state and SHA-256 of delivery file `p`, read once; nullopt when it is absent.
Result<std::optional<FileState>> HashFile(const fs::path& p) {
  auto opened = OpenForImport(p);
  if (!opened) return Fail(opened.error());
  if (!*opened) return std::optional<FileState>();
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
  return std::optional<FileState>(std::move(st));
}

// A delivery's content hash: SHA-256 over "name sha256\n" of each present
// contract file, in the contract's order (identical content, identical hash).
// `sha256_of(name)`: the file's SHA-256, or nullptr when it is absent.
template <typename Sha256Of>
std::string ContentSha256(Sha256Of&& sha256_of) {
  std::string manifest;
  for (const char* name : store::kContractFiles) {
    if (const std::string* sha = sha256_of(name)) manifest += fmt::format("{} {}\n", name, *sha);
  }
  return data::Sha256::Of(manifest);
}

// The delivery's files hashed before the import: payroll.csv (most of a national delivery's bytes) on a
// thread of its own beside the others, as the hash of one file is one core's work (scale 1: 1.1 s on one
// core before, while the other idled).
Result<DeliveryContent> ContentHash(const fs::path& data_dir) {
  std::vector<Result<std::optional<FileState>>> hashed(store::kContractFiles.size(), std::optional<FileState>());
  std::size_t payroll = 0;
  while (std::string_view(store::kContractFiles[payroll]) != "payroll.csv") ++payroll;
  std::thread payroll_thread([&] { hashed[payroll] = HashFile(data_dir / store::kContractFiles[payroll]); });
  for (std::size_t i = 0; i < store::kContractFiles.size(); ++i) {
    if (i != payroll) hashed[i] = HashFile(data_dir / store::kContractFiles[i]);
  }
  payroll_thread.join();
  DeliveryContent content;
  for (std::size_t i = 0; i < store::kContractFiles.size(); ++i) {
    if (!hashed[i]) return Fail(hashed[i].error());  // the first failing file in the contract's order
    if (*hashed[i]) content.files.emplace(store::kContractFiles[i], std::move(**hashed[i]));
  }
  content.sha256 = ContentSha256([&](const char* name) -> const std::string* {
    auto it = content.files.find(name);
    return it == content.files.end() ? nullptr : &it->second.sha256;
  });
  content.hashed = true;
  return content;
}

// The delivery's files stated, not hashed: the content of a delivery that no
// snapshot can hold (SomeSnapshotMayHold), whose files are hashed as they are read.
Result<DeliveryContent> ContentStated(const fs::path& data_dir) {
  DeliveryContent content;
  for (const char* name : store::kContractFiles) {
    auto opened = OpenForImport(data_dir / name);
    if (!opened) return Fail(opened.error());
    if (*opened) content.files.emplace(name, StateOf(**opened));
  }
  return content;
}

// Whether a snapshot of `snapshots` has the files of `content` with the same
// sizes: only then can it hold the same content, so only then are the files
// hashed before the import (to answer "already imported" without reading them
// twice); otherwise they are hashed once, as they are read and checked.
bool SomeSnapshotMayHold(const std::vector<store::SnapshotRecord>& snapshots, const DeliveryContent& content) {
  for (const auto& s : snapshots) {
    std::size_t present = 0;
    bool same = true;
    for (const auto& f : s.files) {
      if (!f.present) continue;
      ++present;
      auto it = content.files.find(f.name);
      same = same && it != content.files.end() && it->second.size == f.bytes;
    }
    if (same && present == content.files.size()) return true;
  }
  return false;
}

// The content hash (ContentSha256) of the files as the validator read and hashed them.
std::string ContentOfRead(const Delivery& read) {
  return ContentSha256([&](const char* name) -> const std::string* {
    const FileInfo* f = read.file(name);
    return f != nullptr && f->present ? &f->sha256 : nullptr;
  });
}

// OK when the files the validator read are byte for byte those hashed before
// (when they were: DeliveryContent::hashed) and still have the size and
// modification time they had then.
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
    if (before.hashed && it->second.sha256 != f.sha256) {
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

}  // namespace

Result<ImportResult> Workspace::Import(const fs::path& data_dir, const ImportOptions& options) {
  ImportResult result;
  std::error_code ec;
  if (!fs::is_directory(data_dir, ec)) {
    return Fail(Status::NotFound(
        Say("{}: geen map (verwacht een levering)", "{}: not a directory (expected a delivery)", data_dir.string())));
  }
  store::SnapshotStore& st = *impl_->store;
  // Hashed before the import only when a snapshot has files of the same sizes (a delivery imported again
  // is answered at once); else hashed as the files are read, and the content found after the read.
  auto content = ContentStated(data_dir);
  if (!content) return Fail(content.error());
  auto snapshots = st.ListSnapshots();
  if (!snapshots) return Fail(snapshots.error());
  if (SomeSnapshotMayHold(*snapshots, *content)) content = ContentHash(data_dir);
  if (!content) return Fail(content.error());
  if (content->hashed) {
    auto existing = st.FindByContent(content->sha256);
    if (!existing) return Fail(existing.error());
    if (*existing) {
      result.snapshot_id = **existing;
      result.already_imported = true;
      return result;
    }
  }
  if (Status s = st.Begin(); !s.ok()) return Fail(s);
  // Two imports of one delivery at the same moment: Begin let the other one
  // finish first, and this one gives the answer of an import run after it.
  if (auto committed = content->hashed ? st.FindByContent(content->sha256) : Result<std::optional<std::int64_t>>();
      !committed || *committed) {
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
    if (s.ok() && !*recorded) s = st.RecordKey(store::RecordOf(*impl_->pseudonymiser));  // first import of an older workspace
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
  record.imported_at = store::NowUtc();
  record.os_user = OsUser();
  record.program_version = ProgramVersion();
  // Not hashed yet: a placeholder, unique as one import runs at a time, replaced by FinishSnapshot.
  record.content_sha256 = content->hashed ? content->sha256 : "pending";
  auto id = st.InsertSnapshot(record);
  if (!id) {
    st.Rollback();
    return Fail(id.error());
  }
  record.id = *id;
  // Room for the rows from the start, not by doubling: a payroll row has at least 36 bytes, an
  // employer-hours row at least 24 (12 + 7 + 1 digits, 3 commas, a line break).
  auto rows_of = [&](const char* file, std::uintmax_t row_bytes) -> std::size_t {
    auto it = content->files.find(file);
    return it == content->files.end() ? 0 : static_cast<std::size_t>(it->second.size / row_bytes + 1);
  };
  const std::size_t payroll_rows = rows_of("payroll.csv", 36);
  store::ImportCacheFeed cache(payroll_rows, rows_of("employer_hours.csv", 24));
  store::QualityCollector quality(payroll_rows);
  // The cache and the quality collector take the rows as stored: pseudonymised,
  // with person numbers, so neither looks a person's id up more than once.
  TeeSink stored(cache, quality);
  store::ImportSink sink(st, *impl_->pseudonymiser, record.id, options.progress, &stored);
  result.report.directory = data_dir;
  data::ValidateDelivery(data_dir, result.report, sink);
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
  if (!content->hashed) {
    record.content_sha256 = content->sha256 = ContentOfRead(result.report);
    // An identical delivery imported since this one began (files of other sizes when it began).
    if (auto committed = st.FindByContent(content->sha256); !committed || *committed) {
      st.Rollback();
      if (!committed) return Fail(committed.error());
      result = ImportResult{};
      result.snapshot_id = **committed;
      result.already_imported = true;
      return result;
    }
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
  record.manifest = result.report.manifest;
  // The column cache is written on its thread while the snapshot commits; it is put in place after the commit.
  cache.Prepare(store::ColumnCachePath(impl_->dir, record.id), store::ColumnCacheKeyOf(record, *impl_->pseudonymiser),
                impl_->dir, record.files, record.manifest);
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
  if (options.after_commit) options.after_commit(record.id, cache.Tables());
  // Only after the commit: a cache never describes a snapshot that is not there.
  result.column_cache_written = cache.Publish();
  return result;
}

}  // namespace banenmonitor
