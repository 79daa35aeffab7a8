// Shared by the store tests (store_test.cc, postgres_store_test.cc): rows of
// every kind as plain values, a sink that records what a store hands back,
// sample deliveries, and the PostgreSQL test database.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <ostream>
#include <pqxx/pqxx>
#include <random>
#include <string>
#include <vector>

#include "banenmonitor/regions.h"
#include "store/accounts.h"
#include "store/store.h"

namespace banenmonitor::store::testing_support {

using namespace std::string_literals;

using namespace std::string_literals;

inline constexpr const char* kUrlVariable = "BANENMONITOR_TEST_POSTGRES_URL";

inline constexpr const char* kHowToStartPostgres =
    "BANENMONITOR_TEST_POSTGRES_URL is not set, so the PostgreSQL store cannot be tested (this is a failure, "
    "not a skip).\n"
    "Start a throwaway PostgreSQL 15 server and point the tests at it:\n"
    "  export BANENMONITOR_TEST_POSTGRES_URL=\"$(scripts/start-postgres.sh)\"\n"
    "  ctest --test-dir build -R Store --output-on-failure\n"
    "  scripts/stop-postgres.sh";

// The URL of the test database; empty when the variable is not set.
inline std::string PostgresUrl() {
  const char* url = std::getenv(kUrlVariable);
  return url == nullptr ? std::string() : std::string(url);
}

inline std::string RandomSchema() {
  static std::mt19937_64 rng(std::random_device{}());
  return fmt::format("bm_test_{:016x}", rng());
}

inline void DropSchema(const std::string& url, const std::string& schema) {
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
           e.subsector == o.e.subsector && e.organisation == o.e.organisation && e.lender == o.e.lender &&
           e.region == o.e.region;
  }
};
struct RegisterRec {
  std::string person;
  Ground ground;
  DayNumber start_day, end_day;
  std::int64_t line;
  std::uint8_t region = 0;  // as RegisterPeriod::region
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
  std::optional<std::int64_t> wage_cents;
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
struct EmployerHoursRec {
  EmployerIndex employer;
  MonthIndex month;
  Hours hours, agency_staff_hours, wsw_hours;
  std::optional<std::int64_t> wage_cents;
  std::int64_t line;
  bool operator==(const EmployerHoursRec&) const = default;
};
struct SroiRec {
  std::string person;
  EmployerIndex contractor, buyer;
  MonthIndex month;
  Hours hours;
  std::int64_t line;
  bool operator==(const SroiRec&) const = default;
};

inline std::ostream& operator<<(std::ostream& o, const EmployerRec& r) {
  return o << "employer{line " << r.line << ", " << r.e.id << ", " << r.e.name << ", sector "
           << static_cast<int>(r.e.sector) << ", " << r.e.subsector << ", " << r.e.organisation << ", lender "
           << static_cast<int>(r.e.lender) << "}";
}
inline std::ostream& operator<<(std::ostream& o, const RegisterRec& r) {
  return o << "register{line " << r.line << ", " << r.person << ", ground " << static_cast<int>(r.ground) << ", "
           << r.start_day << ".." << r.end_day << "}";
}
inline std::ostream& operator<<(std::ostream& o, const TargetRec& r) {
  o << "target{line " << r.line << ", " << r.year << ", " << r.scope << ", " << r.baseline << ", ";
  if (r.extra) o << *r.extra; else o << "null";
  return o << "}";
}
inline std::ostream& operator<<(std::ostream& o, const PayrollRec& r) {
  return o << "payroll{line " << r.line << ", " << r.person << ", employer " << r.employer << ", month " << r.month
           << ", hours " << r.hours << ", contract " << static_cast<int>(r.contract) << ", wsw " << r.wsw << ", wage "
           << (r.wage_cents ? std::to_string(*r.wage_cents) : "null") << "}";
}
inline std::ostream& operator<<(std::ostream& o, const EmployerHoursRec& r) {
  return o << "employer_hours{line " << r.line << ", employer " << r.employer << ", month " << r.month << ", hours "
           << r.hours << "/" << r.agency_staff_hours << "/" << r.wsw_hours << ", wage "
           << (r.wage_cents ? std::to_string(*r.wage_cents) : "null") << "}";
}
inline std::ostream& operator<<(std::ostream& o, const SroiRec& r) {
  return o << "sroi{line " << r.line << ", " << r.person << ", " << r.contractor << " -> " << r.buyer << ", month "
           << r.month << ", hours " << r.hours << "}";
}
inline std::ostream& operator<<(std::ostream& o, const HireInRec& r) {
  return o << "hire_in{line " << r.line << ", " << r.person << ", " << r.lender << " -> " << r.hirer << ", month "
           << r.month << ", hours " << r.hours << "}";
}

// Row values for the store, field by field (the row types grow new fields).
inline data::RegisterRow ToRow(const RegisterRec& r) {
  data::RegisterRow row;
  row.person_id = r.person;
  row.ground = r.ground;
  row.start_day = r.start_day;
  row.end_day = r.end_day;
  row.line = r.line;
  row.region = r.region;
  return row;
}
inline data::PayrollRow ToRow(const PayrollRec& r) {
  data::PayrollRow row;
  row.person_id = r.person;
  row.employer = r.employer;
  row.month = r.month;
  row.hours = r.hours;
  row.contract = r.contract;
  row.wsw = r.wsw;
  row.line = r.line;
  row.wage_cents = r.wage_cents;
  return row;
}
inline data::EmployerHoursRow ToRow(const EmployerHoursRec& r) {
  data::EmployerHoursRow row;
  row.employer = r.employer;
  row.month = r.month;
  row.hours = r.hours;
  row.agency_staff_hours = r.agency_staff_hours;
  row.wsw_hours = r.wsw_hours;
  row.wage_cents = r.wage_cents;
  row.line = r.line;
  return row;
}
inline data::SroiRow ToRow(const SroiRec& r) {
  data::SroiRow row;
  row.person_id = r.person;
  row.contractor = r.contractor;
  row.buyer = r.buyer;
  row.month = r.month;
  row.hours = r.hours;
  row.line = r.line;
  return row;
}
inline data::HireInRow ToRow(const HireInRec& r) {
  data::HireInRow row;
  row.person_id = r.person;
  row.lender = r.lender;
  row.hirer = r.hirer;
  row.month = r.month;
  row.hours = r.hours;
  row.line = r.line;
  return row;
}

// The rows of one snapshot, in file order.
struct Rows {
  std::vector<EmployerRec> employers;
  std::vector<RegisterRec> register_rows;
  std::vector<TargetRec> targets;
  std::vector<PayrollRec> payroll;
  std::vector<HireInRec> hire_in;
  std::vector<EmployerHoursRec> employer_hours;
  std::vector<SroiRec> sroi;
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
    rows.register_rows.push_back({std::string(r.person_id), r.ground, r.start_day, r.end_day, r.line, r.region});
  }
  void OnTarget(const Target& t, std::int64_t line) override {
    Note("targets");
    rows.targets.push_back({line, t.year, t.scope, t.baseline_jobs, t.target_extra_jobs});
  }
  void OnPayroll(const data::PayrollRow& r) override {
    Note("payroll");
    rows.payroll.push_back(
        {std::string(r.person_id), r.employer, r.month, r.hours, r.contract, r.wsw, r.line, r.wage_cents});
  }
  void OnHireIn(const data::HireInRow& r) override {
    Note("hire_in");
    rows.hire_in.push_back({std::string(r.person_id), r.lender, r.hirer, r.month, r.hours, r.line});
  }
  void OnEmployerHours(const data::EmployerHoursRow& r) override {
    Note("employer_hours");
    rows.employer_hours.push_back(
        {r.employer, r.month, r.hours, r.agency_staff_hours, r.wsw_hours, r.wage_cents, r.line});
  }
  void OnSroi(const data::SroiRow& r) override {
    Note("sroi");
    rows.sroi.push_back({std::string(r.person_id), r.contractor, r.buyer, r.month, r.hours, r.line});
  }

 private:
  void Note(const char* kind) {
    if (order.empty() || order.back() != kind) order.push_back(kind);
  }
};

inline void ExpectSameRows(const Rows& want, const Rows& got) {
  EXPECT_EQ(want.employers, got.employers);
  EXPECT_EQ(want.register_rows, got.register_rows);
  EXPECT_EQ(want.targets, got.targets);
  // Element-wise first: a failure on a long vector should name the first difference.
  ASSERT_EQ(want.payroll.size(), got.payroll.size());
  for (std::size_t i = 0; i < want.payroll.size(); ++i) ASSERT_EQ(want.payroll[i], got.payroll[i]) << "payroll #" << i;
  EXPECT_EQ(want.hire_in, got.hire_in);
  EXPECT_EQ(want.employer_hours, got.employer_hours);
  EXPECT_EQ(want.sroi, got.sroi);
}

inline std::string Hex64(std::mt19937_64& rng) {
  return fmt::format("{:016x}{:016x}{:016x}{:016x}", rng(), rng(), rng(), rng());
}

// A small delivery with every kind of row and awkward text.
inline Rows SampleRows() {
  Rows r;
  Employer a{"123456789L01", "Ministerie van Binnenlandse Zaken", Sector::kGovernment, "rijk", "BZK", LenderKind::kNone};
  Employer b{"987654321L02", "Gemeente 's-Hertogenbosch \"Bossche\" \\ tab\there\nnewline — één", Sector::kGovernment,
             "gemeenten", "", LenderKind::kNone};
  Employer c{"111111110L01", "Uitzendbureau Vooruit B.V.", Sector::kMarket, "market", "", LenderKind::kAgency};
  Employer d{"222222220L01", "SW-bedrijf Werkt", Sector::kMarket, "market", "", LenderKind::kWsw};
  a.region = "Haaglanden";  // counting.md §8; b keeps none
  c.region = "Rijnmond";
  d.region = "Zuid-Kennemerland en IJmond";
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
      {persons[0], Ground::kWsw, 17000, 18999, 12, RegionTable::Embedded().IndexOf("Groot Amsterdam")},  // a second period, where the person lives
  };
  r.targets = {
      {2, 2024, "total", 125000.5, 1.0 / 3.0},
      {3, 2024, "market", 0.1, std::nullopt},
      {4, 2025, "organisation:Gemeente 's-Hertogenbosch — één", 1e-7, -12.25},
      {6, 2025, "employer:123456789L01", 0, 0.0},
  };
  const MonthIndex jan = MakeMonth(2024, 1);
  r.payroll = {
      {persons[0], 0, jan, 160 * kMicroPerHour, data::Contract::kPermanent, false, 2, 412'345},
      {persons[0], 0, jan, 1, data::Contract::kPermanent, false, 3, 0},  // same cell twice: rows are not summed here
      {persons[1], 3, jan + 1, 80'500'000, data::Contract::kTemporary, true, 4, std::nullopt},
      {persons[2], 1, jan + 11, 0, data::Contract::kUnknown, false, 6, std::nullopt},
      {persons[3], 2, jan, -5 * kMicroPerHour, data::Contract::kTemporary, false, 7, -1'000},
      {persons[4], 1, jan + 2, 12'345'678'901, data::Contract::kPermanent, true, 8, std::nullopt},
      {persons[9], 0, jan, 1'000'000, data::Contract::kPermanent, false, 9, std::nullopt},  // not in the register
      {persons[5], 0, jan, 1, data::Contract::kPermanent, false, 10, std::nullopt},
      {persons[6], 0, jan, 2, data::Contract::kPermanent, false, 11, std::nullopt},
      {persons[7], 0, jan, 3, data::Contract::kPermanent, false, 12, std::nullopt},
      {persons[8], 0, jan, 4, data::Contract::kPermanent, false, 13, std::nullopt},
  };
  r.hire_in = {
      {persons[1], 2, 0, jan, 40 * kMicroPerHour, 2},
      {persons[1], 2, 1, jan, 20 * kMicroPerHour, 3},
      {persons[2], 3, 0, jan + 5, 1, 5},
  };
  r.employer_hours = {
      {0, jan, 1'600 * kMicroPerHour, 10 * kMicroPerHour, 0, 9'000'000'000, 2},
      {1, jan, 800 * kMicroPerHour, 0, 80 * kMicroPerHour, std::nullopt, 3},
      {0, jan + 1, 0, 0, 0, 0, 5},
  };
  r.sroi = {
      {persons[9], 2, 0, jan, 12 * kMicroPerHour, 2},
      {"only-in-sroi", 2, 1, jan + 3, 1, 4},
  };
  return r;
}

inline SnapshotRecord SampleSnapshot(std::string sha) {
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

inline std::vector<FileInfo> SampleFiles() {
  // In the order ListSnapshots returns them (the contract's order).
  return {
      {"employers.csv", true, std::string(64, 'a'), 1234, 4, 0},
      {"register.csv", true, std::string(64, 'b'), 5678, 10, 1},
      {"payroll.csv", true, std::string(64, 'c'), 99999999999, 11, 2},
      {"hire_in.csv", true, std::string(64, 'd'), 321, 3, 0},
      {"targets.csv", false, "", 0, 0, 0},
  };
}

inline std::vector<QuarantineRecord> SampleQuarantine() {
  // Sorted by file, then line: the order ReadQuarantine returns.
  return {
      {"employers.csv", 4, "bad-employer-id", "employer_id 'X' is not a loonheffingennummer", "X,Naam,market,market,,"},
      {"payroll.csv", 5, "bad-date", "month '2024-13' is not a month", "h\xe9\xff,\t\\N,\"q\"\nx\r\ny"s},
      {"payroll.csv", 14, "bad-bsn", "bytes \xff\xfe here"s, "nul\0inside"s},
      {"register.csv", 6, "bad-ground", "ground 'foo' is unknown", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08,foo,2024-01-01,"},
  };
}

// Writes `rows` as one snapshot; returns its id (0 after a failure).
inline std::int64_t Import(SnapshotStore& store, SnapshotRecord snapshot, const Rows& rows,
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
    check(store.InsertRegister(*id, ToRow(r)));
  }
  for (const auto& t : rows.targets) check(store.InsertTarget(*id, t.line, {t.year, t.scope, t.baseline, t.extra}));
  for (const auto& p : rows.payroll) {
    check(store.InsertPayroll(*id, ToRow(p)));
  }
  for (const auto& h : rows.hire_in) check(store.InsertHireIn(*id, ToRow(h)));
  for (const auto& e : rows.employer_hours) check(store.InsertEmployerHours(*id, ToRow(e)));
  for (const auto& so : rows.sroi) check(store.InsertSroi(*id, ToRow(so)));
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

inline Rows ReadRows(SnapshotStore& store, std::int64_t snapshot, std::vector<std::string>* order = nullptr) {
  RecordingSink sink;
  Status s = store.ReadSnapshot(snapshot, sink);
  EXPECT_TRUE(s.ok()) << s.message();
  if (order != nullptr) *order = sink.order;
  return sink.rows;
}

// A delivery with many rows: more than the PostgreSQL store's batch, so rows
// are sent in several COPYs and read back in several chunks.
inline Rows LargeRows(std::size_t payroll_rows, std::size_t persons) {
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
                         data::Contract::kPermanent, i % 5 == 0, static_cast<std::int64_t>(i) + 2,
                         i % 3 == 0 ? std::optional<std::int64_t>() : std::optional<std::int64_t>(i * 7)});
  }
  for (std::size_t i = 0; i < persons / 10; ++i) {
    r.hire_in.push_back({ids[i * 3 % persons], 1, 0, MakeMonth(2024, 3), 1000, static_cast<std::int64_t>(i) + 2});
    r.sroi.push_back({ids[i * 5 % persons], 0, 1, MakeMonth(2024, 4), 2000, static_cast<std::int64_t>(i) + 2});
  }
  return r;
}

}  // namespace banenmonitor::store::testing_support
