// Key rotation (banenmonitor rekey, Workspace::Rekey) on both stores: every
// pseudonym and quarantined row re-pseudonymised, counts unchanged, new
// deliveries still linked, the old key refused, and crash recovery (killed
// before the commit, between commit and key rename, at random moments).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <regex>
#include <set>
#include <thread>
#include <toml++/toml.h>

#include "banenmonitor/workspace.h"
#include "random_delivery.h"
#include "store/pseudonym.h"
#include "store/store.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;

using banenmonitor::testing::kExample;
using banenmonitor::testing::kBinary;

TEST(Pseudonymiser, ARotatedChainGivesTheRewrappedPseudonym) {
  auto one = store::Pseudonymiser::FromKey(std::string(32, 'k'));
  auto two = one.WithNewKey();
  auto three = two.WithNewKey();
  EXPECT_EQ(two.generation(), 2);
  for (std::string bsn : {"999900018", "123456782"}) {
    std::string p1 = one.PersonId(bsn);
    EXPECT_TRUE(store::Pseudonymiser::IsPseudonym(p1));
    EXPECT_EQ(two.PersonId(bsn), two.Rewrap(p1));
    EXPECT_EQ(three.PersonId(bsn), three.Rewrap(two.Rewrap(p1)));
    EXPECT_NE(two.PersonId(bsn), p1);
  }
  EXPECT_EQ(two.PersonId("already-pseudonymised-17"), "already-pseudonymised-17");
  EXPECT_NE(one.StoreFingerprint(), two.StoreFingerprint());
  EXPECT_FALSE(store::Pseudonymiser::IsPseudonym(std::string(64, 'A')));
  EXPECT_FALSE(store::Pseudonymiser::IsPseudonym(std::string(63, 'a')));
}

TEST(Pseudonymiser, AKeyFileKeepsItsChain) {
  TempDir dir;
  auto chain = store::Pseudonymiser::FromKey(std::string(32, 'x')).WithNewKey();
  ASSERT_TRUE(chain.WriteKeyFile(dir.path() / "key").ok());
  EXPECT_FALSE(chain.WriteKeyFile(dir.path() / "key").ok()) << "an existing key file is never overwritten";
  auto back = store::Pseudonymiser::FromKeyFile(dir.path() / "key");
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_EQ(back->generation(), 2);
  EXPECT_EQ(back->PersonId("999900018"), chain.PersonId("999900018"));
  EXPECT_EQ(fs::status(dir.path() / "key").permissions() & (fs::perms::group_all | fs::perms::others_all),
            fs::perms::none);
}

// "sqlite" or "postgresql" (BANENMONITOR_TEST_POSTGRES_URL).
class RekeyTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      const char* url = std::getenv("BANENMONITOR_TEST_POSTGRES_URL");
      ASSERT_TRUE(url != nullptr && *url != '\0')
          << "BANENMONITOR_TEST_POSTGRES_URL is not set: start a server with scripts/start-postgres.sh and export "
             "the URL it prints (scripts/test.sh does this)";
      url_ = url;
    }
    ws_ = root_.path() / "ws";
    auto r = Bm("init " + Ws() + (url_.empty() ? "" : " --store " + url_));
    ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
    // The example plus a quarantined row with a (pseudonymised) BSN in it.
    testing::CopyExampleDelivery(data_);
    data_.Write("payroll.csv", ReadFile(kExample / "payroll.csv") + "999900018,100000001L01,2023-12,abc,,\n");
    auto imported = Bm("import " + Ws() + " --data " + data_.path().string() + " --skip-invalid");
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  testing::CommandResult Bm(const std::string& args) { return testing::RunCommand(kBinary + " " + args); }
  std::string Ws() const { return ws_.string(); }

  // The store, opened directly (as the workspace's files say).
  std::unique_ptr<store::SnapshotStore> Store() {
    auto config = toml::parse_file((ws_ / "workspace.toml").string());
    auto s = url_.empty() ? store::OpenSqliteStore((ws_ / "workspace.db").string())
                          : store::OpenPostgresStore(url_, config["schema"].value_or(std::string()));
    EXPECT_TRUE(s.has_value()) << s.error().message();
    return s ? std::move(*s) : nullptr;
  }
  std::set<std::string> Persons(std::int64_t snapshot) {
    auto ws = Workspace::Open(ws_);
    EXPECT_TRUE(ws.has_value()) << ws.error().message();
    auto d = ws->Load(snapshot, LoadOptions{});
    EXPECT_TRUE(d.has_value());
    return {d->person_ids.begin(), d->person_ids.end()};
  }
  std::string Quarantine() {
    auto q = Store()->ReadQuarantine(1);
    EXPECT_TRUE(q.has_value());
    std::string out;
    for (const auto& r : *q) out += r.file + ":" + std::to_string(r.line) + ":" + r.row + "\n";
    return out;
  }
  std::string Counted() { return Bm("count --workspace " + Ws() + " --year 2023 --format csv --by employer").out; }

  TempDir root_, data_;
  fs::path ws_;
  std::string url_;
};

TEST_P(RekeyTest, ReplacesEveryPseudonymAndKeepsEveryCount) {
  std::string snapshots = Bm("snapshots " + Ws() + " --json").out;
  std::string counted = Counted();
  std::string quality = Bm("quality --workspace " + Ws() + " --year 2023 --format csv").out;
  std::set<std::string> persons = Persons(1);
  std::string quarantine = Quarantine();
  ASSERT_NE(quarantine.find("hmac:"), std::string::npos) << quarantine;
  auto old_key = store::Pseudonymiser::FromKeyFile(ws_ / "key");
  ASSERT_TRUE(old_key.has_value());

  auto r = Bm("rekey " + Ws());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("generatie 2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("6 pseudoniemen en 1 rijen in quarantaine"), std::string::npos) << r.out;

  // Same snapshots, same figures.
  EXPECT_EQ(Bm("snapshots " + Ws() + " --json").out, snapshots);
  EXPECT_EQ(Counted(), counted);
  EXPECT_EQ(Bm("quality --workspace " + Ws() + " --year 2023 --format csv").out, quality);
  // Every pseudonym replaced, as many as before: each old one rewrapped.
  auto new_key = store::Pseudonymiser::FromKeyFile(ws_ / "key");
  ASSERT_TRUE(new_key.has_value());
  EXPECT_EQ(new_key->generation(), 2);
  std::set<std::string> after = Persons(1);
  std::set<std::string> expected;
  for (const auto& p : persons) expected.insert(new_key->Rewrap(p));
  EXPECT_EQ(after, expected);
  for (const auto& p : persons) EXPECT_EQ(after.count(p), 0u);
  // The quarantined row: its pseudonym rewrapped, everything else as it was.
  std::string old_hmac = old_key->Hash("999900018");
  std::string expected_quarantine = quarantine;
  expected_quarantine.replace(expected_quarantine.find(old_hmac), old_hmac.size(), new_key->Rewrap(old_hmac));
  EXPECT_EQ(Quarantine(), expected_quarantine);
  EXPECT_FALSE(fs::exists(ws_ / "key.new"));
}

// The column cache (WS/cache, store/column_cache.h) holds person pseudonyms:
// after a rotation none of the old ones may stay on disk or be read.
TEST_P(RekeyTest, NoColumnCacheKeepsOrServesTheOldPseudonyms) {
  const fs::path cache = ws_ / "cache" / "snapshot-1.columns";
  auto cache_bytes = [&] {
    std::string all;
    if (fs::exists(ws_ / "cache")) {
      for (const auto& e : fs::directory_iterator(ws_ / "cache")) all += ReadFile(e.path());
    }
    return all;
  };
  auto cached_persons = [&] {
    auto ws = Workspace::Open(ws_);
    EXPECT_TRUE(ws.has_value()) << ws.error().message();
    LoadOptions options;
    options.count_tables_only = true;  // what count reads: the cache
    auto d = ws->Load(1, options);
    EXPECT_TRUE(d.has_value());
    return d ? std::set<std::string>(d->person_ids.begin(), d->person_ids.end()) : std::set<std::string>();
  };
  std::string counted = Counted();
  std::set<std::string> old_persons = Persons(1);
  ASSERT_TRUE(fs::exists(cache)) << "import writes the cache";
  std::string before = cache_bytes();
  for (const auto& p : old_persons) ASSERT_NE(before.find(p), std::string::npos) << "the cache holds the pseudonyms";
  EXPECT_EQ(cached_persons(), old_persons);
  fs::copy_file(cache, root_.path() / "old-cache");

  ASSERT_EQ(Bm("rekey " + Ws()).exit_code, 0);
  std::string after = cache_bytes();
  for (const auto& p : old_persons) EXPECT_EQ(after.find(p), std::string::npos) << "an old pseudonym stayed on disk";
  EXPECT_EQ(Counted(), counted);
  std::set<std::string> new_persons = Persons(1);
  EXPECT_EQ(cached_persons(), new_persons);
  // A cache of the old key put back (a rotation killed before it removed the
  // caches): not read, rebuilt with the new pseudonyms.
  fs::remove(cache);
  fs::copy_file(root_.path() / "old-cache", cache);
  EXPECT_EQ(cached_persons(), new_persons);
  EXPECT_EQ(Counted(), counted);
  for (const auto& p : old_persons) EXPECT_EQ(cache_bytes().find(p), std::string::npos);
}

TEST_P(RekeyTest, ADeliveryAfterTheRotationLinksToTheSamePersons) {
  ASSERT_EQ(Bm("rekey " + Ws()).exit_code, 0);
  ASSERT_EQ(Bm("rekey " + Ws()).exit_code, 0);  // twice: generation 3
  // The same persons, one more payroll row: a correction of the delivery.
  data_.Write("payroll.csv", ReadFile(kExample / "payroll.csv") + "999900018,100000001L01,2023-12,1,,\n");
  auto r = Bm("import " + Ws() + " --data " + data_.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Persons(2), Persons(1));
  auto d = Bm("diff " + Ws() + " 1 2 --year 2023");
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_TRUE(std::regex_search(d.out, std::regex(R"(register\.csv\s+0\s+0\n)"))) << d.out;
  EXPECT_TRUE(std::regex_search(d.out, std::regex(R"(payroll\.csv\s+1\s+0\n)"))) << d.out;
}

TEST_P(RekeyTest, TheOldKeyIsRefused) {
  fs::copy_file(ws_ / "key", root_.path() / "old-key");
  ASSERT_EQ(Bm("rekey " + Ws()).exit_code, 0);
  auto r = testing::RunCommand("BANENMONITOR_KEY_FILE=" + (root_.path() / "old-key").string() + " " + kBinary +
                               " count --workspace " + Ws() + " --year 2023");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("is not the key of this workspace"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST_P(RekeyTest, AnImportOpenedBeforeARotationDoesNotCommitOldPseudonyms) {
  auto ws = Workspace::Open(ws_);
  ASSERT_TRUE(ws.has_value());
  ASSERT_EQ(Bm("rekey " + Ws()).exit_code, 0);
  data_.Write("payroll.csv", ReadFile(kExample / "payroll.csv"));
  auto r = ws->Import(data_.path(), ImportOptions{});
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message().find("was rotated"), std::string::npos) << r.error().message();
  EXPECT_EQ(Bm("snapshots " + Ws() + " --json").out.find("\"id\": 2"), std::string::npos);
}

TEST_P(RekeyTest, KilledBetweenCommitAndKeyRenameTheNextCommandCompletesIt) {
  std::string counted = Counted();
  fs::copy_file(ws_ / "key", root_.path() / "old-key");
  ASSERT_EQ(Bm("rekey " + Ws()).exit_code, 0);
  std::string new_key = ReadFile(ws_ / "key");
  // The state a kill right after the commit leaves: the store has the new
  // generation, the new key is still in key.new, the old one in key.
  fs::rename(ws_ / "key", ws_ / "key.new");
  fs::copy_file(root_.path() / "old-key", ws_ / "key");
  fs::permissions(ws_ / "key", fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(Counted(), counted);
  EXPECT_EQ(ReadFile(ws_ / "key"), new_key);
  EXPECT_FALSE(fs::exists(ws_ / "key.new"));
}

TEST_P(RekeyTest, KilledBeforeTheCommitNothingChangedAndTheNextRotationCleansUp) {
  std::string counted = Counted();
  std::string key = ReadFile(ws_ / "key");
  std::set<std::string> persons = Persons(1);
  // The state a kill before the commit leaves: a key.new the store never saw.
  auto key_now = store::Pseudonymiser::FromKeyFile(ws_ / "key");
  ASSERT_TRUE(key_now->WithNewKey().WriteKeyFile(ws_ / "key.new").ok());
  EXPECT_EQ(Counted(), counted);
  EXPECT_EQ(ReadFile(ws_ / "key"), key);
  EXPECT_EQ(Persons(1), persons);
  ASSERT_EQ(Bm("rekey " + Ws()).exit_code, 0);
  EXPECT_FALSE(fs::exists(ws_ / "key.new"));
  EXPECT_EQ(Counted(), counted);
  EXPECT_EQ(store::Pseudonymiser::FromKeyFile(ws_ / "key")->generation(), 2);
}

INSTANTIATE_TEST_SUITE_P(Stores, RekeyTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// kill -9 at random moments of a rotation of a larger workspace (the approach
// of ImportKilledMidwayLeavesTheWorkspaceUnchanged): afterwards the workspace
// opens, counts the same, and holds either the old or the new pseudonyms.
TEST(RekeyKilled, AtAnyMomentTheWorkspaceStaysUsableAndCountsTheSame) {
  TempDir root, data;
  testing::RandomDelivery(41, 6000).Write(data, nullptr);
  fs::path ws = root.path() / "ws";
  ASSERT_EQ(testing::RunCommand(kBinary + " init " + ws.string()).exit_code, 0);
  ASSERT_EQ(testing::RunCommand(kBinary + " import " + ws.string() + " --data " + data.path().string()).exit_code, 0);
  const std::string count = kBinary + " count --workspace " + ws.string() + " --year 2023 --format csv --by employer";
  std::string counted = testing::RunCommand(count).out;
  ASSERT_FALSE(counted.empty());
  int killed = 0;
  for (int delay_ms : {5, 20, 40, 60, 80, 120, 200}) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      execl(kBinary.c_str(), kBinary.c_str(), "rekey", ws.c_str(), nullptr);
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) ++killed;
    auto after = testing::RunCommand(count);
    ASSERT_EQ(after.exit_code, 0) << "after a kill at " << delay_ms << " ms: " << after.err;
    EXPECT_EQ(after.out, counted) << "after a kill at " << delay_ms << " ms";
  }
  EXPECT_GT(killed, 0) << "every rotation finished before it could be killed";
  auto last = testing::RunCommand(kBinary + " rekey " + ws.string());
  EXPECT_EQ(last.exit_code, 0) << last.err;
  EXPECT_EQ(testing::RunCommand(count).out, counted);
}

}  // namespace
}  // namespace banenmonitor
