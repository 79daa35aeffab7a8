// Workspaces: the pseudonymisation key of a workspace, checked against the
// store on open, and its rotation (Workspace::Rekey, docs/security.md).
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>

#include "common/lang.h"
#include "store/workspace_impl.h"

namespace banenmonitor {

namespace fs = std::filesystem;

namespace {

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

}  // namespace

store::KeyRecord store::RecordOf(const store::Pseudonymiser& p) {
  return {p.generation(), p.StoreFingerprint(), NowUtc()};
}

Result<store::Pseudonymiser> store::OpenKey(const fs::path& dir, store::SnapshotStore& st) {
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

Result<RekeyResult> Workspace::Rekey() {
  fs::path key_path = store::KeyPath(impl_->dir);
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
  auto current = store::OpenKey(impl_->dir, *impl_->store);
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
      rewrap, [&](std::string_view row) { return RewrapQuarantineRow(row, rewrap); }, *recorded, store::RecordOf(next));
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
  fs::remove_all(store::ColumnCacheDir(impl_->dir), ec);
  RekeyResult result{next.generation(), counts->persons, counts->quarantine_rows, key_path.string(),
                     next.KeyFingerprint(), ec ? ec.message() : std::string()};
  impl_->pseudonymiser = std::move(next);
  return result;
}

}  // namespace banenmonitor
