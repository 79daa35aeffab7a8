// Imports through the dashboard (admin): the files of a delivery arrive as a
// multipart form, are written to a private temporary directory and imported
// with Workspace::Import, the same one transaction as `banenmonitor import`:
// a rejected or failed upload leaves the workspace as it was.
#include <fcntl.h>
#include <fmt/format.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <fstream>

#include "common/lang.h"
#include "data/fields.h"
#include "web/dashboard.h"

namespace banenmonitor::web {

namespace {

constexpr std::array<const char*, 8> kContractFiles = {"employers.csv", "register.csv", "payroll.csv", "hire_in.csv",
                                                       "targets.csv", "employer_hours.csv", "sroi.csv", "delivery.csv"};
constexpr std::size_t kListedFindings = 200;

constexpr std::string_view kUploadDirPrefix = "upload-";

// The files of one upload while they are imported: a private directory in the
// workspace directory (WS/upload-XXXXXX, mode 0700 inside the 0700 workspace),
// held under an flock for its lifetime and removed on destruction. They are
// the delivery as sent, BSNs and all, so they must not outlive the upload: a
// server killed during one (ServerKilled in tests/faults/) cannot
// remove them, and RemoveStaleUploads does at the next start or upload. (They
// used to be in the system's temporary directory, where a kill left them.)
class UploadDir {
 public:
  explicit UploadDir(const std::filesystem::path& workspace) {
    for (int attempt = 0; attempt < 3 && path_.empty(); ++attempt) {
      std::string pattern = (workspace / (std::string(kUploadDirPrefix) + "XXXXXX")).string();
      if (mkdtemp(pattern.data()) == nullptr) return;
      int fd = ::open(pattern.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      struct stat st{};
      // A cleaner may have taken the lock of the new directory first and removed it: then try again.
      if (fd >= 0 && ::flock(fd, LOCK_EX) == 0 && ::fstat(fd, &st) == 0 && st.st_nlink > 0) {
        fd_ = fd;
        path_ = pattern;
      } else if (fd >= 0) {
        ::close(fd);
      }
    }
  }
  ~UploadDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }
  UploadDir(const UploadDir&) = delete;
  UploadDir& operator=(const UploadDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  int fd_ = -1;
  std::filesystem::path path_;
};

std::mutex upload_mutex;  // one import at a time

}  // namespace

void RemoveStaleUploads(const std::filesystem::path& workspace) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(workspace, ec)) {
    if (!entry.path().filename().string().starts_with(kUploadDirPrefix)) continue;
    int fd = ::open(entry.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) continue;
    // Held by a live upload (of this or another server on the workspace): leave it.
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      std::error_code remove_ec;
      std::filesystem::remove_all(entry.path(), remove_ec);
      if (remove_ec) {
        fmt::print(stderr, "{}\n", Say("banenmonitor serve: kan {} niet verwijderen (achtergelaten door een onderbroken upload): {}",
                                        "banenmonitor serve: cannot remove {} left by an interrupted upload: {}",
                                        entry.path().string(), remove_ec.message()));
      }
    }
    ::close(fd);
  }
}

HttpResult<Reply> Dashboard::Upload(const Call& c) {
  const httplib::Request& req = c.request;
  if (!req.is_multipart_form_data()) return Refuse(415, std::string(Pick("Verwacht een formulier (multipart/form-data) met de bestanden.", "Expected a form (multipart/form-data) with the files.")));
  std::string label, skip;
  std::vector<const httplib::MultipartFormData*> files;
  for (const auto& [field, part] : req.files) {
    if (field == "label") {
      label = part.content.substr(0, 200);
    } else if (field == "skip_invalid") {
      skip = part.content;
    } else if (field == "files") {
      bool known = std::any_of(kContractFiles.begin(), kContractFiles.end(),
                               [&](const char* n) { return part.filename == n; });
      if (!known) {
        return Refuse(400, Say("Onbekend bestand '{}': verwacht {} (het gegevenscontract).",
                               "Unknown file '{}': expected {} (the data contract).", part.filename.substr(0, 100),
                               fmt::join(kContractFiles, ", ")));
      }
      files.push_back(&part);
    } else {
      return Refuse(400, Say("Onbekend formulierveld: {}", "Unknown form field: {}", field.substr(0, 64)));
    }
  }
  if (files.empty()) return Refuse(400, std::string(Pick("Geen bestanden ontvangen.", "No files received.")));
  std::lock_guard serial(upload_mutex);
  RemoveStaleUploads(workspace.directory());
  UploadDir dir(workspace.directory());
  if (dir.path().empty()) return Refuse(500, std::string(Pick("Kan geen tijdelijke map in de werkruimte maken.", "Cannot make a temporary directory in the workspace.")));
  for (const auto* part : files) {
    std::filesystem::path p = dir.path() / part->filename;
    if (std::filesystem::exists(p)) return Refuse(400, Say("Bestand twee keer gestuurd: {}", "File sent twice: {}", part->filename));
    std::ofstream out(p, std::ios::binary);
    out.write(part->content.data(), static_cast<std::streamsize>(part->content.size()));
    out.close();
    if (!out) return Refuse(500, Say("Kan het bestand niet tijdelijk opslaan: {}", "Cannot store the file for the import: {}", part->filename));
  }
  // Its own connection to the store: the figures keep being served meanwhile.
  auto ws = Workspace::Open(workspace.directory());
  if (!ws) return Refuse(ws.error());
  ImportOptions options;
  // Masked here too (Workspace::Import masks what it stores), so that no BSN in the label reaches the audit log.
  options.label = data::ReplaceBsnLikeRuns(label.empty() ? "upload door " + c.who.name : label,
                                           [](std::string_view) { return std::string("#########"); });
  options.skip_invalid = skip == "1" || skip == "true" || skip == "on";
  auto result = ws->Import(dir.path(), options);
  if (!result) {
    AuditEvent(c.who.name, "import-failed", result.error().message(), c.address);
    return Refuse(500, Say("De import is mislukt; er is niets veranderd. {}", "The import failed; nothing was changed. {}",
                           result.error().message()));
  }
  const Delivery& report = result->report;
  Json findings = Json::array();
  for (const auto& f : report.findings) {
    if (findings.size() == kListedFindings) break;
    findings.push_back({{"severity", f.severity == Finding::Severity::kError ? "error" : "warning"},
                        {"text", f.ToString()},
                        {"kind", f.kind}});
  }
  Json out = {{"snapshot_id", result->snapshot_id},
              {"already_imported", result->already_imported},
              {"rejected", result->rejected},
              {"errors", report.error_count()},
              {"warnings", report.warning_count()},
              {"error_counts", report.error_counts},
              {"warning_counts", report.warning_counts},
              {"findings", std::move(findings)},
              {"quarantined_rows", result->quarantined_rows},
              {"quality", result->quality_json.empty() ? Json(nullptr)
                                                       : Json::parse(result->quality_json, nullptr, false)}};
  if (result->rejected) {
    AuditEvent(c.who.name, "import-rejected", fmt::format("{} errors", report.error_count()), c.address);
    return Reply::FromJson(out, 422);
  }
  AuditEvent(c.who.name, "import",
             fmt::format("snapshot {}{}: {}", result->snapshot_id, result->already_imported ? " (already there)" : "",
                         options.label),
             c.address);
  figures.Reload();
  // The new snapshot's first page is computed now, while the admin waits for the
  // import's answer, not later by the first user who looks, and written to its file
  // for the next start. Its own step with its own time: a failure is said, and the
  // import stands.
  std::string problem;
  if (auto prepared = Prepare(); !prepared) {
    problem = prepared.error().message();
    out["prepare_error"] = problem;
  } else {
    out["answers_seconds"] = Number(prepared->seconds, 1);
    if (!prepared->answers_error.empty()) out["answers_error"] = problem = prepared->answers_error;
  }
  if (!problem.empty()) {
    fmt::print(stderr, "{}\n",
               Say("banenmonitor serve: let op: de antwoorden voor het dashboard van snapshot {} zijn niet alle "
                   "voorbereid of opgeslagen ({}); wat ontbreekt, wordt berekend wanneer het gevraagd wordt.",
                   "banenmonitor serve: note: the answers for the dashboard of snapshot {} were not all prepared "
                   "or saved ({}); what is missing is computed when it is asked.",
                   result->snapshot_id, problem));
  }
  return Reply::FromJson(out);
}

HttpResult<Reply> Dashboard::Audit(const Call&) {
  std::vector<store::AuditRecord> records;
  {
    std::lock_guard lock(workspace_mutex);
    auto r = accounts->ReadAudit(500);
    if (!r) return Refuse(r.error());
    records = std::move(*r);
  }
  Json rows = Json::array();
  for (const auto& a : records) {
    rows.push_back({{"id", a.id}, {"at", a.at}, {"user", a.user}, {"action", a.action}, {"detail", a.detail},
                    {"address", a.address}});
  }
  return Reply::FromJson({{"records", std::move(rows)}});
}

}  // namespace banenmonitor::web
