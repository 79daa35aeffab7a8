// Workspaces: versioned, pseudonymised, all-or-nothing storage of deliveries.
//
// A workspace is a directory with workspace.toml (which store), a secret key
// file (mode 0600) for pseudonymisation, and for the embedded store an SQLite
// database. Each import is an immutable snapshot; counting a snapshot gives
// the same figures as counting the delivery it came from.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "banenmonitor/delivery.h"
#include "banenmonitor/status.h"

namespace banenmonitor {

struct SnapshotInfo {
  std::int64_t id = 0;
  std::string label;
  std::string imported_at;     // ISO 8601, UTC
  std::string os_user;
  std::string program_version;
  std::string content_sha256;  // identifies the delivery's content
  std::int64_t invalid_rows = 0;
  std::string quality_json;    // the data-quality report of the import
  std::vector<FileInfo> files;
  DeliveryManifest manifest;   // what delivery.csv said (synthetic, description); Load sets it on the Delivery
};

struct ImportOptions {
  std::string label;
  bool skip_invalid = false;  // import the valid rows, quarantine the rest
  // Called now and then with the file being stored and the rows stored so far.
  std::function<void(std::string_view file, std::int64_t rows)> progress;
  // Called once after the snapshot committed, on the import's thread, with its
  // id and its tables: the Delivery of every month exactly as Load(snapshot,
  // {}) gives it (nullptr when they could not be kept: then Load), valid while
  // held. The snapshot's column cache is written meanwhile and put in place
  // when this returns; e.g. the dashboard's answers are prepared here without
  // reading the snapshot back.
  std::function<void(std::int64_t snapshot, std::shared_ptr<const Delivery> tables)> after_commit;
};

struct ImportResult {
  std::int64_t snapshot_id = 0;  // 0 when the delivery was rejected
  bool already_imported = false; // identical content was imported before as snapshot_id
  bool rejected = false;         // invalid rows (without skip_invalid) or an unusable file: nothing stored
  Delivery report;               // findings and file information of the validation
  std::string quality_json;
  std::int64_t quarantined_rows = 0;
  // The snapshot's column cache (what count reads) was written after the
  // commit. False when it could not be (the import stands all the same): the
  // first count of the snapshot builds it from the store.
  bool column_cache_written = false;
};

// What a key rotation (Workspace::Rekey) did.
struct RekeyResult {
  int generation = 0;                // of the new key
  std::int64_t persons = 0;          // pseudonyms replaced
  std::int64_t quarantine_rows = 0;  // quarantined rows rewritten
  std::string key_file;              // where the new key chain is
  std::string fingerprint;           // short fingerprint of the new key chain
  std::string caches_left;           // non-empty: the column caches (old pseudonyms) could not be removed; why
};

// One row of a snapshot diff per file, and per scope the change in jobs.
struct SnapshotDiff {
  struct FileChange {
    std::string file;
    std::int64_t rows_added = 0;
    std::int64_t rows_removed = 0;
  };
  std::vector<FileChange> files;
};

class Workspace {
 public:
  ~Workspace();
  Workspace(Workspace&&) noexcept;
  Workspace& operator=(Workspace&&) noexcept;

  // Creates a workspace in `dir` (which must not exist or be empty). An empty
  // `store_url` means the embedded SQLite store; a postgresql:// URL puts the
  // tables in PostgreSQL, in a schema of their own. The key file is created
  // in `dir` unless BANENMONITOR_KEY_FILE names one (created when absent).
  static Status Init(const std::filesystem::path& dir, const std::string& store_url);
  // Opens a workspace, migrating its schema to this program's version.
  static Result<Workspace> Open(const std::filesystem::path& dir);

  // Validates the delivery in `data_dir` and stores it as a new snapshot, in
  // one transaction: killed at any moment, the workspace is as before. After
  // the commit it writes the snapshot's column cache (a derived file; failing
  // to write it does not fail the import).
  Result<ImportResult> Import(const std::filesystem::path& data_dir, const ImportOptions& options);

  Result<std::vector<SnapshotInfo>> Snapshots();
  // The id of `snapshot`, or of the latest when nullopt; NotFound when none.
  Result<std::int64_t> ResolveSnapshot(std::optional<std::int64_t> snapshot);
  // The snapshot as an in-memory Delivery for counting (person ids are pseudonyms),
  // with the manifest its delivery.csv gave at import (not synthetic for a
  // snapshot imported before schema 9).
  Result<Delivery> Load(std::int64_t snapshot, const LoadOptions& options);
  // Rows added and removed per file from snapshot `a` to `b`.
  Result<SnapshotDiff> DiffRows(std::int64_t a, std::int64_t b);

  // Rotates the pseudonymisation key (docs/security.md, store/pseudonym.h):
  // a new key is added to the chain, every pseudonym of every snapshot and
  // every quarantined row is re-pseudonymised in one store transaction, and
  // then the key file is replaced atomically (written beside it as KEY.new,
  // fsynced, renamed). Killed before the commit: nothing changed (a stale
  // KEY.new is removed by the next rotation). Killed between commit and
  // rename: the next Open sees that KEY.new is the key the store records and
  // completes the rename. Counts and figures are unchanged by a rotation.
  Result<RekeyResult> Rekey();

  const std::filesystem::path& directory() const;
  std::string store_description() const;  // "SQLite workspace.db" or "PostgreSQL schema ws_..."

 private:
  struct Impl;  // src/store/workspace_impl.h
  explicit Workspace(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace banenmonitor
