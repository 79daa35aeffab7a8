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
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <ostream>
#include <pqxx/pqxx>
#include <random>

#include "store/store.h"
#include "test_util.h"

namespace banenmonitor::store {
namespace {

using namespace std::string_literals;

constexpr const char* kUrlVariable = "BANENMONITOR_TEST_POSTGRES_URL";

constexpr const char* kHowToStartPostgres =
    "BANENMONITOR_TEST_POSTGRES_URL is not set, so the PostgreSQL store cannot be tested (this is a failure, "
    "not a skip).\n"
    "Start a throwaway PostgreSQL 15 server and point the tests at it:\n"
    "  export BANENMONITOR_TEST_POSTGRES_URL=\"$(scripts/start-postgres.sh)\"\n"
    "  ctest --test-dir build -R Store --output-on-failure\n"
    "  scripts/stop-postgres.sh";

// The URL of the test database; empty when the variable is not set.
std::string PostgresUrl() {
  const char* url = std::getenv(kUrlVariable);
  return url == nullptr ? std::string() : std::string(url);
}

std::string RandomSchema() {
  static std::mt19937_64 rng(std::random_device{}());
  return fmt::format("bm_test_{:016x}", rng());
}

void DropSchema(const std::string& url, const std::string& schema) {
  try {
    pqxx::connection c(url);
    c.set_variable("client_min_messages", "warning");
    pqxx::work w(c);
    w.exec("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    w.commit();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "dropping the test schema " << schema << ": " << e.what();
  }
}

// --- what goes in and what comes out --------------------------------------

struct EmployerRec {
  std::int64_t line;
  Employer e;
  bool operator==(const EmployerRec& o) const {
    return line == o.line && e.id == o.e.id && e.name == o.e.name && e.sector == o.e.sector &&
           e.subsector == o.e.subsector && e.organisation == o.e.organisation && e.lender == o.e.lender;
  }
};
struct RegisterRec {
  std::string person;
  Ground ground;
  DayNumber start_day, end_day;
  std::int64_t line;
  bool operator==(const RegisterRec&) const = default;
};
struct TargetRec {
  std::int64_t line;
  int year;
  std::string scope;
  double baseline;
  std::optional<double> extra;
  bool operator==(const TargetRec&) const = default;
};
struct PayrollRec {
  std::string person;
  EmployerIndex employer;
  MonthIndex month;
  Hours hours;
  data::Contract contract;
  bool wsw;
  std::int64_t line;
  bool operator==(const PayrollRec&) const = default;
};
struct HireInRec {
  std::string person;
  EmployerIndex lender, hirer;
  MonthIndex month;
  Hours hours;
  std::int64_t line;
  bool operator==(const HireInRec&) const = default;
};

std::ostream& operator<<(std::ostream& o, const EmployerRec& r) {
  return o << "employer{line " << r.line << ", " << r.e.id << ", " << r.e.name << ", sector "
           << static_cast<int>(r.e.sector) << ", " << r.e.subsector << ", " << r.e.organisation << ", lender "
           << static_cast<int>(r.e.lender) << "}";
}
std::ostream& operator<<(std::ostream& o, const RegisterRec& r) {
  return o << "register{line " << r.line << ", " << r.person << ", ground " << static_cast<int>(r.ground) << ", "
           << r.start_day << ".." << r.end_day << "}";
}
std::ostream& operator<<(std::ostream& o, const TargetRec& r) {
  o << "target{line " << r.line << ", " << r.year << ", " << r.scope << ", " << r.baseline << ", ";
  if (r.extra) o << *r.extra; else o << "null";
  return o << "}";
}
std::ostream& operator<<(std::ostream& o, const PayrollRec& r) {
  return o << "payroll{line " << r.line << ", " << r.person << ", employer " << r.employer << ", month " << r.month
           << ", hours " << r.hours << ", contract " << static_cast<int>(r.contract) << ", wsw " << r.wsw << "}";
}
std::ostream& operator<<(std::ostream& o, const HireInRec& r) {
  return o << "hire_in{line " << r.line << ", " << r.person << ", " << r.lender << " -> " << r.hirer << ", month "
           << r.month << ", hours " << r.hours << "}";
}

// The rows of one snapshot, in file order.
struct Rows {
  std::vector<EmployerRec> employers;
  std::vector<RegisterRec> register_rows;
  std::vector<TargetRec> targets;
  std::vector<PayrollRec> payroll;
  std::vector<HireInRec> hire_in;
};

class RecordingSink : public data::RowSink {
 public:
  Rows rows;
  std::vector<std::string> order;  // which callback came when, collapsed per kind
  void OnEmployer(const Employer& e, std::int64_t line) override {
    Note("employers");
    rows.employers.push_back({line, e});
  }
  void OnRegister(const data::RegisterRow& r) override {
    Note("register");
    rows.register_rows.push_back({std::string(r.person_id), r.ground, r.start_day, r.end_day, r.line});
  }
  void OnTarget(const Target& t, std::int64_t line) override {
    Note("targets");
    rows.targets.push_back({line, t.year, t.scope, t.baseline_jobs, t.target_extra_jobs});
  }
  void OnPayroll(const data::PayrollRow& r) override {
    Note("payroll");
    rows.payroll.push_back({std::string(r.person_id), r.employer, r.month, r.hours, r.contract, r.wsw, r.line});
  }
  void OnHireIn(const data::HireInRow& r) override {
    Note("hire_in");
    rows.hire_in.push_back({std::string(r.person_id), r.lender, r.hirer, r.month, r.hours, r.line});
  }

 private:
  void Note(const char* kind) {
    if (order.empty() || order.back() != kind) order.push_back(kind);
  }
};

void ExpectSameRows(const Rows& want, const Rows& got) {
  EXPECT_EQ(want.employers, got.employers);
  EXPECT_EQ(want.register_rows, got.register_rows);
  EXPECT_EQ(want.targets, got.targets);
  // Element-wise first: a failure on a long vector should name the first difference.
  ASSERT_EQ(want.payroll.size(), got.payroll.size());
  for (std::size_t i = 0; i < want.payroll.size(); ++i) ASSERT_EQ(want.payroll[i], got.payroll[i]) << "payroll #" << i;
  EXPECT_EQ(want.hire_in, got.hire_in);
}

std::string Hex64(std::mt19937_64& rng) {
  return fmt::format("{:016x}{:016x}{:016x}{:016x}", rng(), rng(), rng(), rng());
}

// A small delivery with every kind of row and awkward text.
Rows SampleRows() {
  Rows r;
  Employer a{"123456789L01", "Ministerie van Binnenlandse Zaken", Sector::kGovernment, "rijk", "BZK", LenderKind::kNone};
  Employer b{"987654321L02", "Gemeente 's-Hertogenbosch \"Bossche\" \\ tab\there\nnewline — één", Sector::kGovernment,
             "gemeenten", "", LenderKind::kNone};
  Employer c{"111111110L01", "Uitzendbureau Vooruit B.V.", Sector::kMarket, "market", "", LenderKind::kAgency};
  Employer d{"222222220L01", "SW-bedrijf Werkt", Sector::kMarket, "market", "", LenderKind::kWsw};
  r.employers = {{2, a}, {3, b}, {5, c}, {6, d}};
  // Pseudonyms as the pseudonymiser makes them, and ids taken as already
  // pseudonymised, including text that means something to array or COPY syntax.
  std::mt19937_64 rng(42);
  const std::vector<std::string> persons = {Hex64(rng), Hex64(rng), "NULL", "a,b", "x\"y\\z", "{braces}", " lead space",
                                            "tab\tin", "p-\\N", Hex64(rng)};
  r.register_rows = {
      {persons[0], Ground::kParticipatiewet, 19000, kOpenEnd, 2},
      {persons[1], Ground::kWsw, 17000, 19500, 3},
      {persons[2], Ground::kWajong, 18000, 17999, 4},  // ends before it starts: kept as delivered
      {persons[3], Ground::kIndicatie, 0, 0, 5},
      {persons[4], Ground::kVsoPro, -1000, 20000, 7},
      {persons[5], Ground::kTransitie, 19100, kOpenEnd, 8},
      {persons[6], Ground::kWiaExperiment, 19100, kOpenEnd, 9},
      {persons[7], Ground::kGelijkgesteld, 19100, kOpenEnd, 10},
      {persons[8], Ground::kVoorziening, 19100, kOpenEnd, 11},
      {persons[0], Ground::kWsw, 17000, 18999, 12},  // a second period of the same person
  };
  r.targets = {
      {2, 2024, "total", 125000.5, 1.0 / 3.0},
      {3, 2024, "market", 0.1, std::nullopt},
      {4, 2025, "organisation:Gemeente 's-Hertogenbosch — één", 1e-7, -12.25},
      {6, 2025, "employer:123456789L01", 0, 0.0},
  };
  const MonthIndex jan = MakeMonth(2024, 1);
  r.payroll = {
      {persons[0], 0, jan, 160 * kMicroPerHour, data::Contract::kPermanent, false, 2},
      {persons[0], 0, jan, 1, data::Contract::kPermanent, false, 3},  // same cell twice: rows are not summed here
      {persons[1], 3, jan + 1, 80'500'000, data::Contract::kTemporary, true, 4},
      {persons[2], 1, jan + 11, 0, data::Contract::kUnknown, false, 6},
      {persons[3], 2, jan, -5 * kMicroPerHour, data::Contract::kTemporary, false, 7},
      {persons[4], 1, jan + 2, 12'345'678'901, data::Contract::kPermanent, true, 8},
      {persons[9], 0, jan, 1'000'000, data::Contract::kPermanent, false, 9},  // not in the register
      {persons[5], 0, jan, 1, data::Contract::kPermanent, false, 10},
      {persons[6], 0, jan, 2, data::Contract::kPermanent, false, 11},
      {persons[7], 0, jan, 3, data::Contract::kPermanent, false, 12},
      {persons[8], 0, jan, 4, data::Contract::kPermanent, false, 13},
  };
  r.hire_in = {
      {persons[1], 2, 0, jan, 40 * kMicroPerHour, 2},
      {persons[1], 2, 1, jan, 20 * kMicroPerHour, 3},
      {persons[2], 3, 0, jan + 5, 1, 5},
  };
  return r;
}

SnapshotRecord SampleSnapshot(std::string sha) {
  SnapshotRecord s;
  s.label = "Levering Q4 2024 — eerste";
  s.imported_at = "2025-01-15T09:30:00Z";
  s.os_user = "analist";
  s.program_version = "0.1.0";
  s.content_sha256 = std::move(sha);
  s.invalid_rows = 0;  // set by FinishSnapshot
  s.quality_json = "{}";
  return s;
}

std::vector<FileInfo> SampleFiles() {
  // In the order ListSnapshots returns them (the contract's order).
  return {
      {"employers.csv", true, std::string(64, 'a'), 1234, 4, 0},
      {"register.csv", true, std::string(64, 'b'), 5678, 10, 1},
      {"payroll.csv", true, std::string(64, 'c'), 99999999999, 11, 2},
      {"hire_in.csv", true, std::string(64, 'd'), 321, 3, 0},
      {"targets.csv", false, "", 0, 0, 0},
  };
}

std::vector<QuarantineRecord> SampleQuarantine() {
  // Sorted by file, then line: the order ReadQuarantine returns.
  return {
      {"employers.csv", 4, "bad-employer-id", "employer_id 'X' is not a loonheffingennummer", "X,Naam,market,market,,"},
      {"payroll.csv", 5, "bad-date", "month '2024-13' is not a month", "h\xe9\xff,\t\\N,\"q\"\nx\r\ny"s},
      {"payroll.csv", 14, "bad-bsn", "bytes \xff\xfe here"s, "nul\0inside"s},
      {"register.csv", 6, "bad-ground", "ground 'foo' is unknown", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08,foo,2024-01-01,"},
  };
}

// Writes `rows` as one snapshot; returns its id (0 after a failure).
std::int64_t Import(Store& store, SnapshotRecord snapshot, const Rows& rows,
                    const std::vector<QuarantineRecord>& quarantine = {}) {
  EXPECT_TRUE(store.Begin().ok());
  auto id = store.InsertSnapshot(snapshot);
  EXPECT_TRUE(id.has_value()) << id.error().message();
  if (!id) {
    store.Rollback();
    return 0;
  }
  auto check = [](const Status& s) { EXPECT_TRUE(s.ok()) << s.message(); };
  std::int64_t ordinal = 0;
  for (const auto& e : rows.employers) check(store.InsertEmployer(*id, ordinal++, e.line, e.e));
  for (const auto& r : rows.register_rows) {
    check(store.InsertRegister(*id, {r.person, r.ground, r.start_day, r.end_day, r.line}));
  }
  for (const auto& t : rows.targets) check(store.InsertTarget(*id, t.line, {t.year, t.scope, t.baseline, t.extra}));
  for (const auto& p : rows.payroll) {
    check(store.InsertPayroll(*id, {p.person, p.employer, p.month, p.hours, p.contract, p.wsw, p.line}));
  }
  for (const auto& h : rows.hire_in) check(store.InsertHireIn(*id, {h.person, h.lender, h.hirer, h.month, h.hours, h.line}));
  for (const auto& q : quarantine) check(store.InsertQuarantine(*id, q));
  snapshot.id = *id;
  snapshot.invalid_rows = static_cast<std::int64_t>(quarantine.size());
  snapshot.quality_json = R"({"rows":{"payroll.csv":11},"note":"ünïcode"})";
  snapshot.files = SampleFiles();
  check(store.FinishSnapshot(snapshot));
  Status c = store.Commit();
  EXPECT_TRUE(c.ok()) << c.message();
  return *id;
}

Rows ReadRows(Store& store, std::int64_t snapshot, std::vector<std::string>* order = nullptr) {
  RecordingSink sink;
  Status s = store.ReadSnapshot(snapshot, sink);
  EXPECT_TRUE(s.ok()) << s.message();
  if (order != nullptr) *order = sink.order;
  return sink.rows;
}

// A delivery with many rows: more than the PostgreSQL store's batch, so rows
// are sent in several COPYs and read back in several chunks.
Rows LargeRows(std::size_t payroll_rows, std::size_t persons) {
  Rows r;
  r.employers = {{2, {"123456789L01", "A", Sector::kMarket, "market", "", LenderKind::kNone}},
                 {3, {"987654321L02", "B", Sector::kMarket, "market", "", LenderKind::kAgency}}};
  std::mt19937_64 rng(7);
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < persons; ++i) ids.push_back(Hex64(rng));
  for (std::size_t i = 0; i < persons; ++i) {
    r.register_rows.push_back({ids[i], Ground::kParticipatiewet, 19000, kOpenEnd, static_cast<std::int64_t>(i) + 2});
  }
  for (std::size_t i = 0; i < payroll_rows; ++i) {
    r.payroll.push_back({ids[(i * 7919) % persons], static_cast<EmployerIndex>(i % 2),
                         MakeMonth(2024, 1) + static_cast<MonthIndex>(i % 12), static_cast<Hours>(i * 1000),
                         data::Contract::kPermanent, i % 5 == 0, static_cast<std::int64_t>(i) + 2});
  }
  for (std::size_t i = 0; i < persons / 10; ++i) {
    r.hire_in.push_back({ids[i * 3 % persons], 1, 0, MakeMonth(2024, 3), 1000, static_cast<std::int64_t>(i) + 2});
  }
  return r;
}

// --- the fixture -------------------------------------------------------------

enum class Backend { kSqlite, kPostgres };

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
  std::unique_ptr<Store> Open() {
    auto s = GetParam() == Backend::kSqlite ? OpenSqliteStore(path_) : OpenPostgresStore(url_, schema_);
    EXPECT_TRUE(s.has_value()) << s.error().message();
    return s ? std::move(*s) : nullptr;
  }

  std::unique_ptr<Store> OpenMigrated() {
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

TEST_P(StoreTest, MigratesVersion1WithDataToVersion2) {
  Rows rows = SampleRows();
  std::int64_t id = 0;
  {
    // An old program: schema version 1, no quality_json yet.
    auto old = Open();
    ASSERT_TRUE(old);
    Status m = old->Migrate(1);
    ASSERT_TRUE(m.ok()) << m.message();
    EXPECT_EQ(old->SchemaVersion().value_or(-1), 1);
    ExecRaw(
        "INSERT INTO snapshots(label, imported_at, os_user, program_version, content_sha256, invalid_rows) "
        "VALUES ('oud', '2023-01-02T03:04:05Z', 'alice', '0.0.9', 'sha-of-v1', 7)");
    auto found = old->FindByContent("sha-of-v1");
    ASSERT_TRUE(found.has_value()) << found.error().message();
    ASSERT_TRUE(found->has_value());
    id = **found;
    // Rows are stored the same way at version 1.
    ASSERT_TRUE(old->Begin().ok());
    std::int64_t ordinal = 0;
    for (const auto& e : rows.employers) ASSERT_TRUE(old->InsertEmployer(id, ordinal++, e.line, e.e).ok());
    for (const auto& p : rows.payroll) {
      ASSERT_TRUE(old->InsertPayroll(id, {p.person, p.employer, p.month, p.hours, p.contract, p.wsw, p.line}).ok());
    }
    Status c = old->Commit();
    ASSERT_TRUE(c.ok()) << c.message();
  }
  // The newer program opens the old workspace.
  auto store = Open();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->SchemaVersion().value_or(-1), 1);
  Status m = store->Migrate();
  ASSERT_TRUE(m.ok()) << m.message();
  EXPECT_EQ(store->SchemaVersion().value_or(-1), 2);
  auto list = store->ListSnapshots();
  ASSERT_TRUE(list.has_value()) << list.error().message();
  ASSERT_EQ(list->size(), 1u);
  const SnapshotRecord& s = list->front();
  EXPECT_EQ(s.id, id);
  EXPECT_EQ(s.label, "oud");
  EXPECT_EQ(s.imported_at, "2023-01-02T03:04:05Z");
  EXPECT_EQ(s.os_user, "alice");
  EXPECT_EQ(s.program_version, "0.0.9");
  EXPECT_EQ(s.content_sha256, "sha-of-v1");
  EXPECT_EQ(s.invalid_rows, 7);
  EXPECT_EQ(s.quality_json, "{}");  // v2's default for snapshots of before v2
  EXPECT_TRUE(s.files.empty());
  Rows want;
  want.employers = rows.employers;
  want.payroll = rows.payroll;
  ExpectSameRows(want, ReadRows(*store, id));
  // And the migrated store takes a new snapshot with a quality report.
  std::int64_t id2 = Import(*store, SampleSnapshot("sha-after-migration"), rows);
  ExpectSameRows(rows, ReadRows(*store, id2));
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

TEST_P(StoreTest, ImportRoundTrip) {
  auto store = OpenMigrated();
  ASSERT_TRUE(store);
  Rows rows = SampleRows();
  std::vector<QuarantineRecord> quarantine = SampleQuarantine();
  std::int64_t id = Import(*store, SampleSnapshot("sha-1"), rows, quarantine);
  ASSERT_GT(id, 0);

  auto check_all = [&](Store& s) {
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
    EXPECT_EQ(order, (std::vector<std::string>{"employers", "register", "targets", "payroll", "hire_in"}));
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
  second.payroll.push_back({"only-in-the-second", 1, MakeMonth(2025, 1), 7, data::Contract::kUnknown, true, 40});
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
    ASSERT_TRUE(store->InsertRegister(*id, {r.person, r.ground, r.start_day, r.end_day, r.line}).ok());
  }
  for (const auto& p : rows.payroll) {
    ASSERT_TRUE(store->InsertPayroll(*id, {p.person, p.employer, p.month, p.hours, p.contract, p.wsw, p.line}).ok());
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
  Status s = store->InsertPayroll(*id, {p.person, p.employer, p.month, p.hours, p.contract, p.wsw, p.line});
  ASSERT_TRUE(s.ok()) << s.message();
  // The same line twice. The SQLite store says so at once, the PostgreSQL store
  // (which sends rows in batches) at the latest on Commit; either way the
  // import does not go through.
  s = store->InsertPayroll(*id, {p.person, p.employer, p.month, p.hours, p.contract, p.wsw, p.line});
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
    Status s = store->InsertPayroll(*id, {p.person, p.employer, p.month, p.hours, p.contract, p.wsw, p.line});
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

// --- PostgreSQL only -----------------------------------------------------------

TEST(PostgresStoreTest, RefusesSchemaNamesThatAreNotPlainIdentifiers) {
  // Checked before connecting: no server needed.
  for (const std::string& bad : std::vector<std::string>{"", "Workspace", "a-b", "1abc", "x\"; DROP SCHEMA public CASCADE; --", "pg_catalog",
                                "sp ace", "é", std::string(64, 'a')}) {
    auto s = OpenPostgresStore("postgresql://127.0.0.1:1/none", bad);
    ASSERT_FALSE(s.has_value()) << bad;
    EXPECT_EQ(s.error().code(), Status::Code::kUsage) << bad;
  }
}

TEST(PostgresStoreTest, ConnectionFailureIsAStatusWithoutThePassword) {
  auto s = OpenPostgresStore("postgresql://someone:hunter2@127.0.0.1:1/none?connect_timeout=2", "ws");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code(), Status::Code::kIoError);
  EXPECT_EQ(s.error().message().find("hunter2"), std::string::npos) << s.error().message();
  auto k = OpenPostgresStore("host=127.0.0.1 port=1 password=hunter2 connect_timeout=2", "ws");
  ASSERT_FALSE(k.has_value());
  EXPECT_EQ(k.error().message().find("hunter2"), std::string::npos) << k.error().message();
}

class PostgresOnlyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = PostgresUrl();
    if (url_.empty()) GTEST_FAIL() << kHowToStartPostgres;
  }
  void TearDown() override {
    for (const auto& s : schemas_) DropSchema(url_, s);
  }
  std::unique_ptr<Store> OpenNew() {
    schemas_.push_back(RandomSchema());
    auto s = OpenPostgresStore(url_, schemas_.back());
    EXPECT_TRUE(s.has_value()) << s.error().message();
    if (!s) return nullptr;
    Status m = (*s)->Migrate();
    EXPECT_TRUE(m.ok()) << m.message();
    return std::move(*s);
  }
  std::string url_;
  std::vector<std::string> schemas_;
};

TEST_F(PostgresOnlyTest, WorkspacesInOneDatabaseAreSeparate) {
  auto a = OpenNew();
  auto b = OpenNew();
  ASSERT_TRUE(a && b);
  std::int64_t id = Import(*a, SampleSnapshot("sha-in-a"), SampleRows());
  ExpectSameRows(SampleRows(), ReadRows(*a, id));
  auto in_b = b->ListSnapshots();
  ASSERT_TRUE(in_b.has_value()) << in_b.error().message();
  EXPECT_TRUE(in_b->empty());
  auto found = b->FindByContent("sha-in-a");
  ASSERT_TRUE(found.has_value());
  EXPECT_FALSE(found->has_value());
  // The same content may be a snapshot of each workspace.
  Import(*b, SampleSnapshot("sha-in-a"), {});
}

TEST_F(PostgresOnlyTest, RefusesTextItCannotStoreInsteadOfCuttingItShort) {
  auto store = OpenNew();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->Begin().ok());
  SnapshotRecord s = SampleSnapshot("sha-nul");
  s.label = "before\0after"s;
  auto id = store->InsertSnapshot(s);
  ASSERT_FALSE(id.has_value());
  EXPECT_EQ(id.error().code(), Status::Code::kInvalidInput) << id.error().message();
  EXPECT_NE(id.error().message().find("NUL"), std::string::npos) << id.error().message();
  // The import can only roll back now.
  EXPECT_FALSE(store->Commit().ok());
  store->Rollback();

  ASSERT_TRUE(store->Begin().ok());
  auto ok = store->InsertSnapshot(SampleSnapshot("sha-latin1"));
  ASSERT_TRUE(ok.has_value()) << ok.error().message();
  Employer latin1{"123456789L01", "Caf\xe9 de Hoek", Sector::kMarket, "market", "", LenderKind::kNone};
  Status e = store->InsertEmployer(*ok, 0, 2, latin1);
  EXPECT_EQ(e.code(), Status::Code::kInvalidInput) << e.message();
  EXPECT_NE(e.message().find("UTF-8"), std::string::npos) << e.message();
  EXPECT_FALSE(store->Commit().ok());
  auto list = store->ListSnapshots();
  ASSERT_TRUE(list.has_value());
  EXPECT_TRUE(list->empty());
}

}  // namespace
}  // namespace banenmonitor::store
