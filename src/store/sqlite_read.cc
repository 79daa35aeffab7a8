#include "store/sqlite_read.h"

#include <span>
#include <unordered_map>

#include "banenmonitor/regions.h"
#include "common/lang.h"
#include "store/rows_file.h"
#include "store/sqlite_schema.h"

namespace banenmonitor::store::sqlite {

std::vector<SnapshotRecord> ListSnapshots(SQLite::Database& db) {
  std::vector<SnapshotRecord> out;
  SQLite::Statement q(db,
                      "SELECT id, label, imported_at, os_user, program_version, content_sha256, invalid_rows, "
                      "quality_json, synthetic, description FROM snapshots ORDER BY id");
  while (q.executeStep()) {
    SnapshotRecord s;
    s.id = q.getColumn(0).getInt64();
    s.label = q.getColumn(1).getString();
    s.imported_at = q.getColumn(2).getString();
    s.os_user = q.getColumn(3).getString();
    s.program_version = q.getColumn(4).getString();
    s.content_sha256 = q.getColumn(5).getString();
    s.invalid_rows = q.getColumn(6).getInt64();
    s.quality_json = q.getColumn(7).getString();
    s.manifest.synthetic = q.getColumn(8).getInt() != 0;
    s.manifest.description = q.getColumn(9).getString();
    out.push_back(std::move(s));
  }
  SQLite::Statement f(db,
                      "SELECT name, present, sha256, bytes, rows, invalid_rows FROM snapshot_files WHERE "
                      "snapshot_id = ? ORDER BY CASE name WHEN 'employers.csv' THEN 1 WHEN 'register.csv' THEN 2 "
                      "WHEN 'payroll.csv' THEN 3 WHEN 'hire_in.csv' THEN 4 WHEN 'targets.csv' THEN 5 ELSE 6 END, name");
  for (auto& s : out) {
    f.bind(1, static_cast<std::int64_t>(s.id));
    while (f.executeStep()) {
      FileInfo fi;
      fi.name = f.getColumn(0).getString();
      fi.present = f.getColumn(1).getInt() != 0;
      fi.sha256 = f.getColumn(2).getString();
      fi.bytes = static_cast<std::uint64_t>(f.getColumn(3).getInt64());
      fi.rows = f.getColumn(4).getInt64();
      fi.invalid_rows = f.getColumn(5).getInt64();
      s.files.push_back(std::move(fi));
    }
    f.reset();
  }
  return out;
}

std::optional<std::int64_t> FindByContent(SQLite::Database& db, const std::string& sha) {
  SQLite::Statement q(db, "SELECT id FROM snapshots WHERE content_sha256 = ?");
  q.bind(1, sha);
  if (q.executeStep()) return std::optional<std::int64_t>(q.getColumn(0).getInt64());
  return std::optional<std::int64_t>();
}

namespace {

// Runs `sql` with ?1 bound to `snapshot` and calls `row(statement)` for each row of the result.
template <typename Row>
void ForEachRow(SQLite::Database& db, const char* sql, std::int64_t snapshot, Row&& row) {
  SQLite::Statement q(db, sql);
  q.bind(1, snapshot);
  while (q.executeStep()) row(q);
}

std::optional<std::int64_t> OptionalInt64(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<std::int64_t>(c.getInt64());
}

// A hire_in or sroi row, read as (line, person, employer a, employer b, month, hours):
// the two tables have the same layout with other names for the two employers.
template <typename Row, typename PersonOf>
Row TwoEmployerRow(SQLite::Statement& q, const PersonOf& person) {
  return Row{person(q.getColumn(1).getInt64()), static_cast<EmployerIndex>(q.getColumn(2).getInt64()),
             static_cast<EmployerIndex>(q.getColumn(3).getInt64()), q.getColumn(4).getInt(), q.getColumn(5).getInt64(),
             q.getColumn(0).getInt64()};
}

// The rows file of `snapshot`, if it has one (schema 10).
std::optional<RowsFileRecord> RowsFileOf(SQLite::Database& db, std::int64_t snapshot) {
  if (!db.tableExists("snapshot_rows")) return std::nullopt;
  const bool v2 = SchemaVersion(db) >= 11;  // register_rows and sroi_rows
  SQLite::Statement q(db, v2 ? "SELECT file, sha256, bytes, payroll_rows, hire_in_rows, employer_hours_rows, "
                               "register_rows, sroi_rows FROM snapshot_rows WHERE snapshot_id = ?"
                             : "SELECT file, sha256, bytes, payroll_rows, hire_in_rows, employer_hours_rows, NULL, NULL "
                               "FROM snapshot_rows WHERE snapshot_id = ?");
  q.bind(1, snapshot);
  if (!q.executeStep()) return std::nullopt;
  return RowsFileRecord{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt64(),
                        q.getColumn(3).getInt64(),  q.getColumn(4).getInt64(),  q.getColumn(5).getInt64(),
                        OptionalInt64(q.getColumn(6)), OptionalInt64(q.getColumn(7))};
}

// Hands rows on to `sink`, the targets held back until the register's rows
// were handed on (at the first row of a later file, or at Flush): a rows file
// of format 2 holds the register, which comes before the targets in a
// delivery (row_sink.h: file order).
class TargetsAfterRegister : public data::RowSink {
 public:
  explicit TargetsAfterRegister(data::RowSink& sink) : sink_(sink) {}
  void OnTarget(const Target& t, std::int64_t line) override { targets_.emplace_back(t, line); }
  void OnRegister(const data::RegisterRow& r) override { sink_.OnRegister(r); }
  void OnPayroll(const data::PayrollRow& r) override { Flush(), sink_.OnPayroll(r); }
  void OnHireIn(const data::HireInRow& r) override { Flush(), sink_.OnHireIn(r); }
  void OnEmployerHours(const data::EmployerHoursRow& r) override { Flush(), sink_.OnEmployerHours(r); }
  void OnSroi(const data::SroiRow& r) override { Flush(), sink_.OnSroi(r); }
  void Flush() {
    for (const auto& [t, line] : targets_) sink_.OnTarget(t, line);
    targets_.clear();
  }

 private:
  data::RowSink& sink_;
  std::vector<std::pair<Target, std::int64_t>> targets_;
};

}  // namespace

std::int64_t LastSnapshotId(SQLite::Database& db) {
  SQLite::Statement q(db, "SELECT COALESCE(MAX(id), 0) FROM snapshots");
  q.executeStep();
  return q.getColumn(0).getInt64();
}

Status ReadRows(SQLite::Database& db, const std::filesystem::path& rows_dir, std::int64_t snapshot,
                data::RowSink& sink) {
  const std::optional<RowsFileRecord> rows_file = RowsFileOf(db, snapshot);
  // The person dictionary of this snapshot, by id (with a rows file: all of it, one scan).
  std::unordered_map<std::int64_t, std::string> persons;
  ForEachRow(db,
             rows_file ? "SELECT id, pseudonym FROM persons WHERE ?1 IS NOT NULL"
                       : "SELECT id, pseudonym FROM persons WHERE id IN (SELECT person FROM register_rows WHERE "
                         "snapshot_id = ?1 UNION SELECT person FROM payroll WHERE snapshot_id = ?1 UNION SELECT "
                         "person FROM hire_in WHERE snapshot_id = ?1 UNION SELECT person FROM sroi WHERE "
                         "snapshot_id = ?1)",
             snapshot, [&](SQLite::Statement& p) { persons.emplace(p.getColumn(0).getInt64(), p.getColumn(1).getString()); });
  auto person = [&](std::int64_t id) -> std::string_view { return persons.at(id); };

  ForEachRow(db,
             "SELECT line, employer_id, name, sector, subsector, organisation, lender, region FROM employers "
             "WHERE snapshot_id = ? ORDER BY ordinal",
             snapshot, [&](SQLite::Statement& e) {
               Employer em;
               em.id = e.getColumn(1).getString();
               em.name = e.getColumn(2).getString();
               em.sector = static_cast<Sector>(e.getColumn(3).getInt());
               em.subsector = e.getColumn(4).getString();
               em.organisation = e.getColumn(5).getString();
               em.lender = static_cast<LenderKind>(e.getColumn(6).getInt());
               em.region = e.getColumn(7).getString();
               sink.OnEmployer(em, e.getColumn(0).getInt64());
             });
  // From schema 11 the register and social-return rows are in the rows file (format 2).
  const bool in_tables = !rows_file || !rows_file->register_rows;
  TargetsAfterRegister ordered(sink);
  data::RowSink& out = in_tables ? sink : ordered;  // the targets and the rows file's rows
  if (in_tables) {
    ForEachRow(db,
               "SELECT line, person, ground, start_day, end_day, region FROM register_rows WHERE snapshot_id = ? "
               "ORDER BY line",
               snapshot, [&](SQLite::Statement& r) {
                 sink.OnRegister({person(r.getColumn(1).getInt64()), static_cast<Ground>(r.getColumn(2).getInt()),
                                  r.getColumn(3).getInt(), r.getColumn(4).getInt(), r.getColumn(0).getInt64(),
                                  RegionTable::Embedded().IndexOf(r.getColumn(5).getString())});
               });
  }
  ForEachRow(db,
             "SELECT line, year, scope, baseline_jobs, target_extra_jobs FROM targets WHERE "
             "snapshot_id = ? ORDER BY line",
             snapshot, [&](SQLite::Statement& t) {
               Target tg;
               tg.year = t.getColumn(1).getInt();
               tg.scope = t.getColumn(2).getString();
               tg.baseline_jobs = t.getColumn(3).getDouble();
               if (!t.getColumn(4).isNull()) tg.target_extra_jobs = t.getColumn(4).getDouble();
               out.OnTarget(tg, t.getColumn(0).getInt64());
             });
  if (rows_file) {
    auto pseudonyms = [&](std::span<const std::int64_t> ids) -> Result<std::vector<std::string>> {
      std::vector<std::string> out;
      out.reserve(ids.size());
      for (std::int64_t id : ids) {
        auto it = persons.find(id);
        if (it == persons.end()) {
          return Fail(Status::IoError(
              Say("{}: het rijenbestand noemt persoon {}, die niet in de database van de werkruimte staat; er is "
                  "niets geteld. Zet de werkruimte terug uit één back-up (database en map rows samen)",
                  "{}: the rows file names person {}, who is not in the workspace's database; nothing was counted. "
                  "Restore the workspace from one backup (database and rows folder together)",
                  (rows_dir / rows_file->file).string(), id)));
        }
        out.push_back(it->second);
      }
      return out;
    };
    if (Status s = ReadRowsFile(rows_dir, *rows_file, pseudonyms, out); !s.ok()) return s;
    ordered.Flush();
  } else {
    ForEachRow(db,
               "SELECT line, person, employer, month, hours, contract, wsw, wage_cents FROM payroll WHERE "
               "snapshot_id = ? ORDER BY line",
               snapshot, [&](SQLite::Statement& pr) {
                 sink.OnPayroll({person(pr.getColumn(1).getInt64()), static_cast<EmployerIndex>(pr.getColumn(2).getInt64()),
                                 pr.getColumn(3).getInt(), pr.getColumn(4).getInt64(),
                                 static_cast<data::Contract>(pr.getColumn(5).getInt()), pr.getColumn(6).getInt() != 0,
                                 pr.getColumn(0).getInt64(), OptionalInt64(pr.getColumn(7))});
               });
    ForEachRow(db, "SELECT line, person, lender, hirer, month, hours FROM hire_in WHERE snapshot_id = ? ORDER BY line",
               snapshot, [&](SQLite::Statement& h) { sink.OnHireIn(TwoEmployerRow<data::HireInRow>(h, person)); });
    ForEachRow(db,
               "SELECT line, employer, month, hours, agency_staff_hours, wsw_hours, wage_cents FROM "
               "employer_hours WHERE snapshot_id = ? ORDER BY line",
               snapshot, [&](SQLite::Statement& eh) {
                 sink.OnEmployerHours({static_cast<EmployerIndex>(eh.getColumn(1).getInt64()), eh.getColumn(2).getInt(),
                                       eh.getColumn(3).getInt64(), eh.getColumn(4).getInt64(), eh.getColumn(5).getInt64(),
                                       OptionalInt64(eh.getColumn(6)), eh.getColumn(0).getInt64()});
               });
  }
  if (in_tables) {
    ForEachRow(db, "SELECT line, person, contractor, buyer, month, hours FROM sroi WHERE snapshot_id = ? ORDER BY line",
               snapshot, [&](SQLite::Statement& so) { sink.OnSroi(TwoEmployerRow<data::SroiRow>(so, person)); });
  }
  return Status::Ok();
}

std::vector<QuarantineRecord> ReadQuarantine(SQLite::Database& db, std::int64_t snapshot) {
  std::vector<QuarantineRecord> out;
  SQLite::Statement q(db,
                      "SELECT file, line, kind, reason, row_text FROM quarantine WHERE snapshot_id = ? ORDER BY "
                      "file, line");
  q.bind(1, snapshot);
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                   q.getColumn(3).getString(), q.getColumn(4).getString()});
  }
  return out;
}

std::optional<KeyRecord> CurrentKey(SQLite::Database& db) {
  SQLite::Statement q(db,
                      "SELECT generation, fingerprint, created_at FROM key_generations ORDER BY generation DESC "
                      "LIMIT 1");
  if (!q.executeStep()) return std::optional<KeyRecord>();
  return std::optional<KeyRecord>(
      KeyRecord{q.getColumn(0).getInt(), q.getColumn(1).getString(), q.getColumn(2).getString()});
}

}  // namespace banenmonitor::store::sqlite
