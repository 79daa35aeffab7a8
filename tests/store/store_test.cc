// One test suite for both stores (store/store.h): every test runs against the
// SQLite store (a temporary file) and the PostgreSQL store (a fresh random
// schema in the database of BANENMONITOR_TEST_POSTGRES_URL, dropped afterwards).
//
// Without BANENMONITOR_TEST_POSTGRES_URL the PostgreSQL tests FAIL (they are
// not skipped): start a throwaway server with
//   export BANENMONITOR_TEST_POSTGRES_URL="$(scripts/start-postgres.sh)"
// and stop it with scripts/stop-postgres.sh.
//
// The insert benchmark is disabled by default; run it by hand:
//   build/tests/banenmonitor_tests --gtest_also_run_disabled_tests --gtest_filter='*Million*'
#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <set>

#include "store/store_test_support.h"
#include "web/sector_input.h"
#include "test_util.h"

namespace banenmonitor::store {
namespace {

using namespace testing_support;

// --- the fixture -------------------------------------------------------------

enum class Backend { kSqlite, kPostgres };
void PrintTo(Backend b, std::ostream* os) { *os << (b == Backend::kSqlite ? "SQLite" : "PostgreSQL"); }

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      url_ = PostgresUrl();
      if (url_.empty()) GTEST_FAIL() << kHowToStartPostgres;
      schema_ = RandomSchema();
    } else {
      path_ = (tmp_.path() / "workspace.db").string();
    }
  }

  void TearDown() override {
    if (!schema_.empty()) DropSchema(url_, schema_);
  }

  // Opens the store (a new connection each time, as a new program run would).
  std::unique_ptr<SnapshotStore> Open() {
    auto s = GetParam() == Backend::kSqlite ? OpenSqliteStore(path_) : OpenPostgresStore(url_, schema_);
    EXPECT_TRUE(s.has_value()) << s.error().message();
    return s ? std::move(*s) : nullptr;
  }

  // The accounts of the store (a connection of their own).
  std::unique_ptr<AccountStore> OpenAccounts() {
    auto s = GetParam() == Backend::kSqlite ? OpenSqliteAccounts(path_) : OpenPostgresAccounts(url_, schema_);
    EXPECT_TRUE(s.has_value()) << s.error().message();
    return s ? std::move(*s) : nullptr;
  }

  std::unique_ptr<SnapshotStore> OpenMigrated() {
    auto store = Open();
    if (store) {
      Status m = store->Migrate();
      EXPECT_TRUE(m.ok()) << m.message();
    }
    return store;
  }

  // Runs SQL directly against the workspace, as an older banenmonitor would
  // have (the store's own statements are all of this program's version).
  void ExecRaw(const std::string& sql) {
    if (GetParam() == Backend::kSqlite) {
      SQLite::Database db(path_, SQLite::OPEN_READWRITE);
      db.exec(sql);
    } else {
      pqxx::connection c(url_);
      pqxx::work w(c);
      w.exec("SET LOCAL search_path TO \"" + schema_ + "\"");
      w.exec(sql);
      w.commit();
    }
  }

  testing::TempDir tmp_;
  std::string path_;
  std::string url_, schema_;
};

TEST_P(StoreTest, MigratesAFreshStore) {
  auto store = Open();
  ASSERT_TRUE(store);
  Status m = store->Migrate();
  ASSERT_TRUE(m.ok()) << m.message();
  auto v = store->SchemaVersion();
  ASSERT_TRUE(v.has_value()) << v.error().message();
  EXPECT_EQ(*v, kSchemaVersion);
  // Migrating again changes nothing.
  m = store->Migrate();
  ASSERT_TRUE(m.ok()) << m.message();
  EXPECT_EQ(store->SchemaVersion().value_or(-1), kSchemaVersion);
  auto list = store->ListSnapshots();
  ASSERT_TRUE(list.has_value()) << list.error().message();
  EXPECT_TRUE(list->empty());
  store.reset();
  // A new program run finds it at the latest version.
  auto again = OpenMigrated();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->SchemaVersion().value_or(-1), kSchemaVersion);
}

TEST_P(StoreTest, MigratesVersion1WithDataToTheLatest) {
  {
    // An old program: schema version 1 (no quality_json, no wage column), and
    // a snapshot written with the statements of that version.
    auto old = Open();
    ASSERT_TRUE(old);
    Status m = old->Migrate(1);
    ASSERT_TRUE(m.ok()) << m.message();
    EXPECT_EQ(old->SchemaVersion().value_or(-1), 1);
  }
  ExecRaw(
      "INSERT INTO snapshots(label, imported_at, os_user, program_version, content_sha256, invalid_rows) "
      "VALUES ('oud', '2023-01-02T03:04:05Z', 'alice', '0.0.9', 'sha-of-v1', 7);"
      "INSERT INTO employers(snapshot_id, ordinal, line, employer_id, name, sector, subsector, organisation, lender) "
      "SELECT id, 0, 2, '123456789L01', 'Gemeente Één', 0, 'gemeenten', '', 0 FROM snapshots;"
      "INSERT INTO persons(pseudonym) VALUES ('old-person');"
      "INSERT INTO register_rows(snapshot_id, line, person, ground, start_day, end_day) "
      "SELECT s.id, 2, p.id, 2, 19000, 2147483647 FROM snapshots s, persons p;"
      "INSERT INTO payroll(snapshot_id, line, person, employer, month, hours, contract, wsw) "
      "SELECT s.id, 2, p.id, 0, 24288, 160000000, 1, true FROM snapshots s, persons p;"
      "INSERT INTO quarantine(snapshot_id, file, line, kind, reason, row_text) "
      "SELECT id, 'payroll.csv', 3, 'bad-date', 'no date', 'x,y' FROM snapshots");
  Rows want;
  want.employers = {
      {2, {"123456789L01", "Gemeente Één", Sector::kGovernment, "gemeenten", "", LenderKind::kNone}}};
  want.register_rows = {{"old-person", Ground::kWajong, 19000, kOpenEnd, 2}};
  want.payroll = {{"old-person", 0, 24288, 160 * kMicroPerHour, data::Contract::kPermanent, true, 2, std::nullopt}};

  // The newer program opens the old workspace and migrates it, one version at a time.
  auto store = Open();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->SchemaVersion().value_or(-1), 1);
  Status m = store->Migrate(2);
  ASSERT_TRUE(m.ok()) << m.message();
  EXPECT_EQ(store->SchemaVersion().value_or(-1), 2);
  m = store->Migrate();
  ASSERT_TRUE(m.ok()) << m.message();
  EXPECT_EQ(store->SchemaVersion().value_or(-1), kSchemaVersion);

  auto list = store->ListSnapshots();
  ASSERT_TRUE(list.has_value()) << list.error().message();
  ASSERT_EQ(list->size(), 1u);
  const SnapshotRecord& s = list->front();
  EXPECT_EQ(s.label, "oud");
  EXPECT_EQ(s.imported_at, "2023-01-02T03:04:05Z");
  EXPECT_EQ(s.os_user, "alice");
  EXPECT_EQ(s.program_version, "0.0.9");
  EXPECT_EQ(s.content_sha256, "sha-of-v1");
  EXPECT_EQ(s.invalid_rows, 7);
  EXPECT_EQ(s.quality_json, "{}");  // v2's default for snapshots of before v2
  EXPECT_TRUE(s.files.empty());
  auto found = store->FindByContent("sha-of-v1");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ(**found, s.id);
  ExpectSameRows(want, ReadRows(*store, s.id));  // v3: no wage for rows of before v3
  auto q = store->ReadQuarantine(s.id);
  ASSERT_TRUE(q.has_value()) << q.error().message();
  ASSERT_EQ(q->size(), 1u);
  EXPECT_EQ((*q)[0].row, "x,y");

  // And the migrated store takes a new snapshot with a quality report; the old
  // one's person is shared.
  Rows rows = SampleRows();
  rows.register_rows.push_back({"old-person", Ground::kWsw, 19500, 19600, 20});
  std::int64_t id2 = Import(*store, SampleSnapshot("sha-after-migration"), rows);
  ExpectSameRows(rows, ReadRows(*store, id2));
  ExpectSameRows(want, ReadRows(*store, s.id));
}

TEST_P(StoreTest, RefusesAWorkspaceOfANewerProgram) {
  {
    auto store = OpenMigrated();
    ASSERT_TRUE(store);
  }
  ExecRaw("INSERT INTO schema_migrations(version, applied_at) VALUES (99, '2099-01-01T00:00:00Z')");
  auto store = Open();
  ASSERT_TRUE(store);
  Status m = store->Migrate();
  EXPECT_EQ(m.code(), Status::Code::kInvalidInput) << m.message();
  EXPECT_NE(m.message().find("newer"), std::string::npos) << m.message();
}

// Schema 9 keeps what delivery.csv said (counting.md §2); a snapshot of an
// older program is not synthetic, as nothing said it was.
TEST_P(StoreTest, KeepsTheDeliveryManifestAndMigratesVersion8) {
  {
    auto old = Open();
    ASSERT_TRUE(old);
    Status m = old->Migrate(8);
    ASSERT_TRUE(m.ok()) << m.message();
  }
  ExecRaw(
      "INSERT INTO snapshots(label, imported_at, os_user, program_version, content_sha256, invalid_rows) "
      "VALUES ('acht', '2026-01-02T03:04:05Z', 'alice', '0.8.0', 'sha-of-v8', 0)");
  auto store = Open();
  ASSERT_TRUE(store);
  Status m = store->Migrate();
  ASSERT_TRUE(m.ok()) << m.message();
  SnapshotRecord synthetic = SampleSnapshot("sha-synthetic");
  synthetic.manifest = {true, "Gegenereerd Nederland, zaad 2013"};
  std::int64_t id = Import(*store, synthetic, SampleRows());
  ASSERT_GT(id, 0);
  SnapshotRecord plain = SampleSnapshot("sha-plain");
  plain.manifest = {false, "Levering van UWV"};
  ASSERT_GT(Import(*store, plain, SampleRows()), 0);

  auto list = store->ListSnapshots();
  ASSERT_TRUE(list.has_value()) << list.error().message();
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].label, "acht");
  EXPECT_FALSE((*list)[0].manifest.synthetic);
  EXPECT_EQ((*list)[0].manifest.description, "");
  EXPECT_EQ((*list)[1].id, id);
  EXPECT_TRUE((*list)[1].manifest.synthetic);
  EXPECT_EQ((*list)[1].manifest.description, "Gegenereerd Nederland, zaad 2013");
  EXPECT_FALSE((*list)[2].manifest.synthetic);
  EXPECT_EQ((*list)[2].manifest.description, "Levering van UWV");
}

// Schema 11 moved the register and social return into the rows file (format
// 2); a snapshot of schema 10 keeps them in the tables and its rows file of
// format 1, and both read back as imported, with their persons shared.
TEST_P(StoreTest, MigratesVersion10AndItsSnapshotsReadAsBefore) {
  Rows first = SampleRows();
  std::int64_t old_id = 0;
  {
    auto old = Open();
    ASSERT_TRUE(old);
    Status m = old->Migrate(10);
    ASSERT_TRUE(m.ok()) << m.message();
    old_id = Import(*old, SampleSnapshot("sha-of-v10"), first);
    ASSERT_GT(old_id, 0);
    ExpectSameRows(first, ReadRows(*old, old_id));
  }
  auto store = Open();
  ASSERT_TRUE(store);
  Status m = store->Migrate();
  ASSERT_TRUE(m.ok()) << m.message();
  ExpectSameRows(first, ReadRows(*store, old_id));
  // A new snapshot: some persons of the old one, one new person, its own social return.
  Rows second = SampleRows();
  for (int i = 0; i < 40; ++i) {  // enough that the third import's persons are looked up one by one
    second.register_rows.push_back({"new-person-" + std::to_string(i), Ground::kWsw, 19500, 19600 + i, 20 + i});
  }
  second.register_rows.push_back({"a-new-person", Ground::kWsw, 19500, 19600, 60});
  second.sroi.push_back({"a-new-person", 0, 1, 24290, 30 * kMicroPerHour, 9});
  std::int64_t id = Import(*store, SampleSnapshot("sha-after-v10"), second);
  ASSERT_GT(id, 0);
  ExpectSameRows(second, ReadRows(*store, id));
  ExpectSameRows(first, ReadRows(*store, old_id));
  // And a third, by another process, that holds few of the stored persons
  // (each looked up, not the table walked).
  store.reset();
  auto again = Open();
  ASSERT_TRUE(again);
  Rows third;
  third.employers = first.employers;
  third.register_rows = {{"a-new-person", Ground::kWajong, 19700, kOpenEnd, 2}, {"one-more", Ground::kWsw, 19000, 19001, 3}};
  id = Import(*again, SampleSnapshot("sha-third"), third);
  ASSERT_GT(id, 0);
  ExpectSameRows(third, ReadRows(*again, id));
  ExpectSameRows(second, ReadRows(*again, id - 1));
}

TEST_P(StoreTest, ImportRoundTrip) {
  auto store = OpenMigrated();
  ASSERT_TRUE(store);
  Rows rows = SampleRows();
  std::vector<QuarantineRecord> quarantine = SampleQuarantine();
  std::int64_t id = Import(*store, SampleSnapshot("sha-1"), rows, quarantine);
  ASSERT_GT(id, 0);

  auto check_all = [&](SnapshotStore& s) {
    auto list = s.ListSnapshots();
    ASSERT_TRUE(list.has_value()) << list.error().message();
    ASSERT_EQ(list->size(), 1u);
    const SnapshotRecord& got = list->front();
    EXPECT_EQ(got.id, id);
    EXPECT_EQ(got.label, "Levering Q4 2024 — eerste");
    EXPECT_EQ(got.imported_at, "2025-01-15T09:30:00Z");
    EXPECT_EQ(got.os_user, "analist");
    EXPECT_EQ(got.program_version, "0.1.0");
    EXPECT_EQ(got.content_sha256, "sha-1");
    EXPECT_EQ(got.invalid_rows, static_cast<std::int64_t>(quarantine.size()));
    EXPECT_EQ(got.quality_json, R"({"rows":{"payroll.csv":11},"note":"ünïcode"})");
    std::vector<FileInfo> want_files = SampleFiles();
    ASSERT_EQ(got.files.size(), want_files.size());
    for (std::size_t i = 0; i < want_files.size(); ++i) {
      EXPECT_EQ(got.files[i].name, want_files[i].name);
      EXPECT_EQ(got.files[i].present, want_files[i].present);
      EXPECT_EQ(got.files[i].sha256, want_files[i].sha256);
      EXPECT_EQ(got.files[i].bytes, want_files[i].bytes);
      EXPECT_EQ(got.files[i].rows, want_files[i].rows);
      EXPECT_EQ(got.files[i].invalid_rows, want_files[i].invalid_rows);
    }
    std::vector<std::string> order;
    ExpectSameRows(rows, ReadRows(s, id, &order));
    EXPECT_EQ(order, (std::vector<std::string>{"employers", "register", "targets", "payroll", "hire_in",
                                               "employer_hours", "sroi"}));
  };
  check_all(*store);
  store.reset();
  auto reopened = OpenMigrated();  // from disk / a new connection
  ASSERT_TRUE(reopened);
  check_all(*reopened);
}

TEST_P(StoreTest, SnapshotsSharePersonsButNotRows) {
  auto store = OpenMigrated();
  ASSERT_TRUE(store);
  Rows first = SampleRows();
  Rows second = SampleRows();
  second.payroll.resize(3);
  second.payroll.push_back(
      {"only-in-the-second", 1, MakeMonth(2025, 1), 7, data::Contract::kUnknown, true, 40, std::nullopt});
  second.register_rows.erase(second.register_rows.begin());
  second.targets.clear();
  std::int64_t a = Import(*store, SampleSnapshot("sha-a"), first);
  std::int64_t b = Import(*store, SampleSnapshot("sha-b"), second);
  ASSERT_NE(a, b);
  ExpectSameRows(first, ReadRows(*store, a));
  ExpectSameRows(second, ReadRows(*store, b));
  auto list = store->ListSnapshots();
  ASSERT_TRUE(list.has_value());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, a);
  EXPECT_EQ((*list)[1].id, b);
  // An unknown snapshot has no rows.
  Rows none = ReadRows(*store, b + 1000);
  EXPECT_TRUE(none.employers.empty() && none.register_rows.empty() && none.payroll.empty());
}

TEST_P(StoreTest, ManyRowsRoundTrip) {
  auto store = OpenMigrated();
  ASSERT_TRUE(store);
  Rows rows = LargeRows(120'001, 30'000);
  std::int64_t id = Import(*store, SampleSnapshot("sha-large"), rows);
  ExpectSameRows(rows, ReadRows(*store, id));
}

// Payroll and hire-in rows read back carry person numbers (data/row_sink.h) that
// name one person each: one number per pseudonym and one pseudonym per number,
// so that a sink may look a person up once per number. Several chunks of the
// PostgreSQL reader and several blocks of the rows file.
class PersonNumberSink : public data::RowSink {
 public:
  void OnPayroll(const data::PayrollRow& r) override { Note(r.person_number, r.person_id); }
  void OnHireIn(const data::HireInRow& r) override { Note(r.person_number, r.person_id); }
  std::map<std::uint32_t, std::string> id_of;
  std::map<std::string, std::uint32_t> number_of;
  std::size_t rows = 0, unnumbered = 0, conflicts = 0;

 private:
  void Note(std::uint32_t number, std::string_view id) {
    ++rows;
    if (number == data::kUnnumbered) {
      ++unnumbered;
      return;
    }
    auto [a, new_number] = id_of.emplace(number, std::string(id));
    auto [b, new_id] = number_of.emplace(std::string(id), number);
    if (a->second != id || b->second != number) ++conflicts;
    (void)new_number;
    (void)new_id;
  }
};

TEST_P(StoreTest, RowsReadBackNumberTheirPersonsOneToOne) {
  auto store = OpenMigrated();
  ASSERT_TRUE(store);
  Rows rows = LargeRows(120'001, 30'000);
  std::int64_t id = Import(*store, SampleSnapshot("sha-numbers"), rows);
  PersonNumberSink sink;
  Status s = store->ReadSnapshot(id, sink);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(sink.rows, rows.payroll.size() + rows.hire_in.size());
  EXPECT_EQ(sink.unnumbered, 0u);
  EXPECT_EQ(sink.conflicts, 0u);
  std::set<std::string> persons;
  for (const auto& r : rows.payroll) persons.insert(r.person);
  for (const auto& r : rows.hire_in) persons.insert(r.person);
  EXPECT_EQ(sink.number_of.size(), persons.size());
  EXPECT_EQ(sink.id_of.size(), persons.size());
}

TEST_P(StoreTest, RollbackLeavesNothing) {
  auto store = OpenMigrated();
  ASSERT_TRUE(store);
  Rows rows = LargeRows(60'000, 20'000);  // enough that some rows were sent before the rollback
  ASSERT_TRUE(store->Begin().ok());
  auto id = store->InsertSnapshot(SampleSnapshot("sha-rolled-back"));
  ASSERT_TRUE(id.has_value()) << id.error().message();
  std::int64_t ordinal = 0;
  for (const auto& e : rows.employers) ASSERT_TRUE(store->InsertEmployer(*id, ordinal++, e.line, e.e).ok());
  for (const auto& r : rows.register_rows) {
    ASSERT_TRUE(store->InsertRegister(*id, ToRow(r)).ok());
  }
  for (const auto& p : rows.payroll) {
    ASSERT_TRUE(store->InsertPayroll(*id, ToRow(p)).ok());
  }
  ASSERT_TRUE(store->InsertQuarantine(*id, SampleQuarantine()[0]).ok());
  // Within the import, its own rows are visible.
  auto inside = store->FindByContent("sha-rolled-back");
  ASSERT_TRUE(inside.has_value()) << inside.error().message();
  EXPECT_EQ(*inside, std::optional<std::int64_t>(*id));
  store->Rollback();
  store->Rollback();  // safe when nothing is open

  auto list = store->ListSnapshots();
  ASSERT_TRUE(list.has_value()) << list.error().message();
  EXPECT_TRUE(list->empty());
  auto found = store->FindByContent("sha-rolled-back");
  ASSERT_TRUE(found.has_value());
  EXPECT_FALSE(found->has_value());
  Rows left = ReadRows(*store, *id);
  EXPECT_TRUE(left.employers.empty());
  EXPECT_TRUE(left.register_rows.empty());
  EXPECT_TRUE(left.payroll.empty());
  auto q = store->ReadQuarantine(*id);
  ASSERT_TRUE(q.has_value());
  EXPECT_TRUE(q->empty());

  // The same content imports afterwards, with the same persons (whose rolled-back
  // dictionary entries must not be reused).
  std::int64_t again = Import(*store, SampleSnapshot("sha-rolled-back"), rows);
  ExpectSameRows(rows, ReadRows(*store, again));
}

TEST_P(StoreTest, AFailedRowFailsTheImport) {
  auto store = OpenMigrated();
  ASSERT_TRUE(store);
  Rows rows = SampleRows();
  ASSERT_TRUE(store->Begin().ok());
  auto id = store->InsertSnapshot(SampleSnapshot("sha-dup"));
  ASSERT_TRUE(id.has_value());
  const auto& p = rows.payroll[0];
  Status s = store->InsertPayroll(*id, ToRow(p));
  ASSERT_TRUE(s.ok()) << s.message();
  // The same line twice. The SQLite store says so at once, the PostgreSQL store
  // (which sends rows in batches) at the latest on Commit; either way the
  // import does not go through.
  s = store->InsertPayroll(*id, ToRow(p));
  if (s.ok()) {
    s = store->Commit();
    EXPECT_FALSE(s.ok()) << "a duplicate payroll line was committed";
  } else {
    store->Rollback();
  }
  EXPECT_FALSE(s.ok());
  auto list = store->ListSnapshots();
  ASSERT_TRUE(list.has_value()) << list.error().message();
  EXPECT_TRUE(list->empty());
  // The store is still usable.
  std::int64_t again = Import(*store, SampleSnapshot("sha-dup"), rows);
  ExpectSameRows(rows, ReadRows(*store, again));
}

TEST_P(StoreTest, FindByContent) {
  auto store = OpenMigrated();
  ASSERT_TRUE(store);
  auto none = store->FindByContent("sha-x");
  ASSERT_TRUE(none.has_value()) << none.error().message();
  EXPECT_FALSE(none->has_value());
  std::int64_t x = Import(*store, SampleSnapshot("sha-x"), SampleRows());
  std::int64_t y = Import(*store, SampleSnapshot("sha-y"), {});
  auto fx = store->FindByContent("sha-x");
  auto fy = store->FindByContent("sha-y");
  auto fz = store->FindByContent("sha-z");
  ASSERT_TRUE(fx.has_value() && fy.has_value() && fz.has_value());
  EXPECT_EQ(*fx, std::optional<std::int64_t>(x));
  EXPECT_EQ(*fy, std::optional<std::int64_t>(y));
  EXPECT_FALSE(fz->has_value());
  // Values are bound, never spliced into SQL.
  auto injected = store->FindByContent("sha-x' OR '1'='1");
  ASSERT_TRUE(injected.has_value()) << injected.error().message();
  EXPECT_FALSE(injected->has_value());
}

TEST_P(StoreTest, QuarantineRoundTrip) {
  auto store = OpenMigrated();
  ASSERT_TRUE(store);
  std::vector<QuarantineRecord> want = SampleQuarantine();
  // Inserted out of order; read back by file, then line. Bytes are kept as
  // they were, including ones that are not UTF-8 and a NUL.
  std::vector<QuarantineRecord> shuffled = {want[2], want[0], want[3], want[1]};
  std::int64_t id = Import(*store, SampleSnapshot("sha-q"), SampleRows(), shuffled);
  std::int64_t other = Import(*store, SampleSnapshot("sha-q2"), {}, {want[0]});
  auto got = store->ReadQuarantine(id);
  ASSERT_TRUE(got.has_value()) << got.error().message();
  ASSERT_EQ(got->size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ((*got)[i].file, want[i].file) << i;
    EXPECT_EQ((*got)[i].line, want[i].line) << i;
    EXPECT_EQ((*got)[i].kind, want[i].kind) << i;
    EXPECT_EQ((*got)[i].reason, want[i].reason) << i;
    EXPECT_EQ((*got)[i].row, want[i].row) << i;
  }
  auto got_other = store->ReadQuarantine(other);
  ASSERT_TRUE(got_other.has_value());
  ASSERT_EQ(got_other->size(), 1u);
  EXPECT_EQ((*got_other)[0].row, want[0].row);
  auto none = store->ReadQuarantine(other + 1000);
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
}

TEST_P(StoreTest, ContentHashIsUnique) {
  auto store = OpenMigrated();
  ASSERT_TRUE(store);
  std::int64_t first = Import(*store, SampleSnapshot("sha-same"), SampleRows());
  ASSERT_GT(first, 0);
  ASSERT_TRUE(store->Begin().ok());
  SnapshotRecord dup = SampleSnapshot("sha-same");
  dup.label = "the same delivery again";
  auto id = store->InsertSnapshot(dup);
  EXPECT_FALSE(id.has_value()) << "a second snapshot with the same content hash was accepted";
  store->Rollback();
  auto list = store->ListSnapshots();
  ASSERT_TRUE(list.has_value()) << list.error().message();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().id, first);
  EXPECT_EQ(list->front().label, "Levering Q4 2024 — eerste");
  // Another content still goes in.
  std::int64_t other = Import(*store, SampleSnapshot("sha-other"), SampleRows());
  EXPECT_GT(other, first);
}

// Schema 4: the dashboard's users, sessions and audit log.
TEST_P(StoreTest, UsersSessionsAndAuditLog) {
  ASSERT_TRUE(OpenMigrated());
  auto store = OpenAccounts();
  ASSERT_TRUE(store);
  UserRecord vng{"vng", "sector", "subsector:gemeenten", "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA", "2026-01-01T00:00:00Z"};
  UserRecord ana{"analist", "analyst", "", "$argon2id$x", "2026-01-02T00:00:00Z"};
  ASSERT_TRUE(store->AddUser(vng).ok());
  ASSERT_TRUE(store->AddUser(ana).ok());
  Status again = store->AddUser(vng);
  EXPECT_EQ(again.code(), Status::Code::kInvalidInput) << again.message();
  auto users = store->ListUsers();
  ASSERT_TRUE(users.has_value()) << users.error().message();
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "analist");  // sorted by name
  EXPECT_EQ((*users)[1].scope, "subsector:gemeenten");
  EXPECT_EQ((*users)[1].password_hash, vng.password_hash);
  auto found = store->FindUser("vng");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->role, "sector");
  EXPECT_FALSE(store->FindUser("niemand").value_or(UserRecord{}).has_value());

  SessionRecord s1{std::string(64, 'a'), "vng", std::string(64, 'c'), 100, 200, "127.0.0.1"};
  SessionRecord s2{std::string(64, 'b'), "analist", std::string(64, 'd'), 100, 300, "::1"};
  ASSERT_TRUE(store->InsertSession(s1).ok());
  ASSERT_TRUE(store->InsertSession(s2).ok());
  auto got = store->FindSession(s1.token_sha256);
  ASSERT_TRUE(got.has_value() && got->has_value());
  EXPECT_EQ((*got)->user, "vng");
  EXPECT_EQ((*got)->csrf_token, s1.csrf_token);
  EXPECT_EQ((*got)->expires_at, 200);
  ASSERT_TRUE(store->DeleteExpiredSessions(200).ok());
  EXPECT_FALSE(store->FindSession(s1.token_sha256).value_or(SessionRecord{}).has_value());
  EXPECT_TRUE(store->FindSession(s2.token_sha256).value_or(std::nullopt).has_value());
  ASSERT_TRUE(store->DeleteSession(s2.token_sha256).ok());
  EXPECT_FALSE(store->FindSession(s2.token_sha256).value_or(SessionRecord{}).has_value());

  // Removing a user ends its sessions.
  ASSERT_TRUE(store->InsertSession(s1).ok());
  auto removed = store->RemoveUser("vng");
  ASSERT_TRUE(removed.has_value());
  EXPECT_TRUE(*removed);
  EXPECT_FALSE(store->RemoveUser("vng").value_or(true));
  EXPECT_FALSE(store->FindSession(s1.token_sha256).value_or(SessionRecord{}).has_value());

  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(store->AppendAudit({0, "2026-01-01T00:00:0" + std::to_string(i) + "Z", "vng", "login",
                                    "detail " + std::to_string(i), "127.0.0.1"})
                    .ok());
  }
  auto audit = store->ReadAudit(3);
  ASSERT_TRUE(audit.has_value()) << audit.error().message();
  ASSERT_EQ(audit->size(), 3u);
  EXPECT_EQ((*audit)[0].detail, "detail 2");  // the last three, oldest first
  EXPECT_EQ((*audit)[2].detail, "detail 4");
  EXPECT_LT((*audit)[0].id, (*audit)[2].id);
  // A new program run finds them.
  store.reset();
  auto reopened = OpenAccounts();
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->ListUsers().value_or(std::vector<UserRecord>{}).size(), 1u);
  EXPECT_EQ(reopened->ReadAudit(100).value_or(std::vector<AuditRecord>{}).size(), 5u);
}

// The sectors' texts for the letter (schema 7, web/sector_input.h): every
// change a new version, concept -> ingediend -> akkoord, each in the audit log;
// the letter takes the latest accepted text, else a submitted one, never a concept.
TEST_P(StoreTest, SectorTextsKeepEveryVersionAndTheLetterTakesTheAcceptedOne) {
  ASSERT_TRUE(OpenMigrated());
  auto store = OpenAccounts();
  ASSERT_TRUE(store);
  auto v1 = web::WriteSectorText(*store, "subsector:gemeenten", 2024, "Eerste opzet.", web::kTextConcept, "vng", "127.0.0.1");
  ASSERT_TRUE(v1.has_value()) << v1.error().message();
  EXPECT_EQ(v1->version, 1);
  EXPECT_TRUE(web::TextsForLetter(store->ReadSectorTexts(2024).value()).empty()) << "a concept is not for the letter";
  EXPECT_FALSE(web::AcceptSectorText(*store, "subsector:gemeenten", 2024, "analist", "127.0.0.1").has_value())
      << "only a submitted text can be accepted";
  ASSERT_TRUE(web::WriteSectorText(*store, "subsector:gemeenten", 2024, "Ingediend.", web::kTextSubmitted, "vng", "-").has_value());
  auto letter = web::TextsForLetter(store->ReadSectorTexts(2024).value());
  ASSERT_EQ(letter.size(), 1u);
  EXPECT_EQ(letter[0].status, "ingediend");
  auto v3 = web::AcceptSectorText(*store, "subsector:gemeenten", 2024, "analist", "-");
  ASSERT_TRUE(v3.has_value()) << v3.error().message();
  EXPECT_EQ(v3->version, 3);
  EXPECT_EQ(v3->markdown, "Ingediend.");
  // A newer concept does not replace the accepted text in the letter.
  ASSERT_TRUE(web::WriteSectorText(*store, "subsector:gemeenten", 2024, "Nieuwe opzet.", web::kTextConcept, "vng", "-").has_value());
  ASSERT_TRUE(web::WriteSectorText(*store, "subsector:rijk", 2023, "Ander jaar.", web::kTextSubmitted, "rijk", "-").has_value());
  auto versions = store->ReadSectorTexts(2024).value();
  ASSERT_EQ(versions.size(), 4u);
  EXPECT_EQ(versions.back().version, 4);
  letter = web::TextsForLetter(versions);
  ASSERT_EQ(letter.size(), 1u);
  EXPECT_EQ(letter[0].markdown, "Ingediend.");
  EXPECT_EQ(letter[0].status, "akkoord");
  auto audit = store->ReadAudit(100).value();
  EXPECT_EQ(std::count_if(audit.begin(), audit.end(), [](const AuditRecord& r) { return r.action == "sector-text"; }), 5);
  EXPECT_EQ(audit.back().detail, "subsector:rijk 2023 versie 1: ingediend");
  // Refused: not a public sector, empty, not UTF-8.
  EXPECT_FALSE(web::WriteSectorText(*store, "market", 2024, "x", web::kTextConcept, "vng", "-").has_value());
  EXPECT_FALSE(web::WriteSectorText(*store, "subsector:gemeenten", 2024, "  \n", web::kTextConcept, "vng", "-").has_value());
  EXPECT_FALSE(web::WriteSectorText(*store, "subsector:gemeenten", 2024, "\xff\xfe", web::kTextConcept, "vng", "-").has_value());
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return info.param == Backend::kSqlite ? std::string("SQLite") : std::string("PostgreSQL");
                         });

// --- the insert benchmark (disabled: run it by hand) ------------------------

TEST_P(StoreTest, DISABLED_InsertsAMillionPayrollRows) {
  constexpr std::size_t kRows = 1'000'000, kPersons = 200'000;
  Rows rows = LargeRows(kRows, kPersons);
  rows.register_rows.clear();
  rows.hire_in.clear();
  auto store = OpenMigrated();
  ASSERT_TRUE(store);
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  ASSERT_TRUE(store->Begin().ok());
  auto id = store->InsertSnapshot(SampleSnapshot("sha-bench"));
  ASSERT_TRUE(id.has_value());
  for (const auto& p : rows.payroll) {
    Status s = store->InsertPayroll(*id, ToRow(p));
    ASSERT_TRUE(s.ok()) << s.message();
  }
  Status c = store->Commit();
  ASSERT_TRUE(c.ok()) << c.message();
  auto t1 = Clock::now();
  RecordingSink sink;
  ASSERT_TRUE(store->ReadSnapshot(*id, sink).ok());
  auto t2 = Clock::now();
  ASSERT_EQ(sink.rows.payroll.size(), kRows);
  auto secs = [](auto d) { return std::chrono::duration<double>(d).count(); };
  std::cout << fmt::format("[bench] {} store: {} payroll rows ({} persons) inserted and committed in {:.2f} s "
                           "({:.0f} rows/s); read back in {:.2f} s\n",
                           GetParam() == Backend::kSqlite ? "SQLite" : "PostgreSQL", kRows, kPersons, secs(t1 - t0),
                           kRows / secs(t1 - t0), secs(t2 - t1));
}

}  // namespace
}  // namespace banenmonitor::store
