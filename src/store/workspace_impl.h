// What the workspace's units share (workspace.cc: open, snapshots, load;
// workspace_import.cc: import; workspace_keys.cc: the key and its rotation):
// the open workspace's state behind Workspace's pimpl and the places of its
// files. Internal to src/store.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "banenmonitor/workspace.h"
#include "store/column_cache.h"
#include "store/pseudonym.h"
#include "store/store.h"

namespace banenmonitor {

struct Workspace::Impl {
  std::filesystem::path dir;
  std::unique_ptr<store::SnapshotStore> store;
  std::optional<store::Pseudonymiser> pseudonymiser;
  std::string description;
};

namespace store {

// The files of the data contract whose bytes identify a delivery's content.
inline constexpr std::array<const char*, 8> kContractFiles = {"employers.csv", "register.csv", "payroll.csv",
                                                              "hire_in.csv",   "targets.csv",  "employer_hours.csv",
                                                              "sroi.csv",      "delivery.csv"};

// The workspace's key file: BANENMONITOR_KEY_FILE when set, else `dir`/key.
std::filesystem::path KeyPath(const std::filesystem::path& dir);
// Now, as ISO 8601 UTC to the second.
std::string NowUtc();
// The store's record of the key generation `p` (created now).
KeyRecord RecordOf(const Pseudonymiser& p);
// Reads the workspace's key and checks it against the generation the store
// records (none recorded: a workspace from before schema 4, any key is taken).
// Completes a rotation that was committed but killed before its key file was
// renamed (Workspace::Rekey). Never removes a KEY.new: a rotation may be
// running in another process.
Result<Pseudonymiser> OpenKey(const std::filesystem::path& dir, SnapshotStore& st);

// Where the column caches of a workspace live (store/column_cache.h), and the one of `snapshot`.
std::filesystem::path ColumnCacheDir(const std::filesystem::path& workspace_dir);
std::filesystem::path ColumnCachePath(const std::filesystem::path& workspace_dir, std::int64_t snapshot);
// What the cache of `record` must have been built from: the snapshot and the
// pseudonymisation key its person ids are made with.
ColumnCacheKey ColumnCacheKeyOf(const SnapshotRecord& record, const Pseudonymiser& key);

}  // namespace store
}  // namespace banenmonitor
