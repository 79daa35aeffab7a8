// Tests of what only the PostgreSQL store has: schema names, connection
// failures, several workspaces in one database, text PostgreSQL cannot hold.
// The tests shared with the SQLite store are in store_test.cc.
#include "store/store_test_support.h"

namespace banenmonitor::store {
namespace {

using namespace testing_support;

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

class PostgresStoreServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = PostgresUrl();
    if (url_.empty()) GTEST_FAIL() << kHowToStartPostgres;
  }
  void TearDown() override {
    for (const auto& s : schemas_) DropSchema(url_, s);
  }
  std::unique_ptr<SnapshotStore> OpenNew() {
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

TEST_F(PostgresStoreServerTest, WorkspacesInOneDatabaseAreSeparate) {
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

TEST_F(PostgresStoreServerTest, RefusesTextItCannotStoreInsteadOfCuttingItShort) {
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

TEST_F(PostgresStoreServerTest, RefusesADatabaseThatCannotHoldUtf8) {
  // A LATIN1 database next to the test database, on the same server.
  const std::string name = RandomSchema();  // a fresh lower-case name
  auto admin = [&](const std::string& sql) {
    pqxx::connection c(url_);
    pqxx::nontransaction n(c);
    n.exec(sql);
  };
  admin("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'");
  std::string latin1_url = url_.substr(0, url_.rfind('/') + 1) + name;
  auto s = OpenPostgresStore(latin1_url, "ws");
  admin("DROP DATABASE " + name);
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message().find("LATIN1"), std::string::npos) << s.error().message();
  EXPECT_NE(s.error().message().find("UTF8"), std::string::npos) << s.error().message();
}

}  // namespace
}  // namespace banenmonitor::store
