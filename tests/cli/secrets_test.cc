// Secrets never leave the key file (issue 9): the pseudonymisation key is not
// in the output of any command, failing or succeeding, in any common encoding
// (hex either case, base64 either alphabet, raw bytes, or any 16 hex digits
// of it), nor in the database; and a BSN is not repeated in any message, even
// when it stands in the wrong column.
#include <gtest/gtest.h>
#include <sodium.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace banenmonitor {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;

using banenmonitor::testing::kExample;
using banenmonitor::testing::kBinary;

// Every form in which the keys of `key_file` could leak.
std::vector<std::string> KeyForms(const fs::path& key_file) {
  std::vector<std::string> forms;
  std::string text = ReadFile(key_file);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string hex = text.substr(start, end - start);
    start = end == std::string::npos ? text.size() : end + 1;
    if (hex.empty()) continue;
    EXPECT_EQ(hex.size(), 64u);
    std::string raw(32, '\0');
    EXPECT_EQ(sodium_hex2bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), hex.data(), hex.size(),
                             nullptr, nullptr, nullptr),
              0);
    std::string upper = hex;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    forms.push_back(raw);
    forms.push_back(upper);
    for (std::size_t i = 0; i + 16 <= hex.size(); i += 4) forms.push_back(hex.substr(i, 16));
    for (int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_URLSAFE_NO_PADDING}) {
      std::string b64(sodium_base64_ENCODED_LEN(32, variant), '\0');
      sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(), variant);
      b64.resize(std::strlen(b64.c_str()));
      forms.push_back(b64.substr(0, 40));
    }
  }
  return forms;
}

class Secrets : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GE(sodium_init(), 0); }

  // Runs a command and keeps all it printed.
  testing::CommandResult Bm(const std::string& args, const std::string& env = "") {
    auto r = testing::RunCommand(env + " " + kBinary + " " + args);
    outputs_.push_back({args, r.out + r.err});
    return r;
  }
  void ExpectNoKeyIn(const std::vector<std::string>& forms) {
    for (const auto& [command, text] : outputs_) {
      for (const auto& form : forms) {
        EXPECT_EQ(text.find(form), std::string::npos) << "key material in the output of: banenmonitor " << command;
      }
    }
  }

  TempDir root_;
  std::vector<std::pair<std::string, std::string>> outputs_;
};

TEST_F(Secrets, TheKeyIsInNoOutputOfAnyCommandNorInTheDatabase) {
  std::string ws = (root_.path() / "ws").string();
  ASSERT_EQ(Bm("init " + ws).exit_code, 0);
  auto generation1 = KeyForms(root_.path() / "ws" / "key");
  ASSERT_EQ(Bm("import " + ws + " --data " + kExample.string()).exit_code, 0);
  Bm("import " + ws + " --data " + kExample.string());  // already imported
  TempDir bad;
  testing::CopyExampleDelivery(bad);
  bad.Write("payroll.csv", ReadFile(kExample / "payroll.csv") + "999900018,100000001L01,2023-12,abc,,\n");
  EXPECT_EQ(Bm("import " + ws + " --data " + bad.path().string()).exit_code, 2);
  EXPECT_EQ(Bm("import " + ws + " --data " + bad.path().string() + " --skip-invalid --json").exit_code, 0);
  Bm("snapshots " + ws);
  Bm("snapshots " + ws + " --json");
  Bm("count --workspace " + ws + " --year 2023 --format json");
  Bm("count --workspace " + ws + " --year 2023 --snapshot 9");
  Bm("diff " + ws + " 1 2 --year 2023");
  Bm("quality --workspace " + ws + " --year 2023");
  Bm("init " + ws);  // exists
  ASSERT_EQ(Bm("rekey " + ws).exit_code, 0);
  auto generation2 = KeyForms(root_.path() / "ws" / "key");
  Bm("count --workspace " + ws + " --year 2023 --format json");
  // Failures around the key itself.
  fs::path key = root_.path() / "ws" / "key";
  fs::permissions(key, fs::perms::group_read, fs::perm_options::add);
  EXPECT_NE(Bm("snapshots " + ws).exit_code, 0);
  fs::permissions(key, fs::perms::group_read, fs::perm_options::remove);
  fs::copy_file(key, root_.path() / "good-key");
  std::string text = ReadFile(key);
  {
    std::ofstream(key, std::ios::app) << text.substr(0, 40) << "zz\n";  // a damaged key file
  }
  EXPECT_NE(Bm("snapshots " + ws).exit_code, 0);
  fs::remove(key);
  fs::copy_file(root_.path() / "good-key", key);
  std::string other_ws = (root_.path() / "other").string();
  ASSERT_EQ(Bm("init " + other_ws).exit_code, 0);
  EXPECT_NE(Bm("snapshots " + ws, "BANENMONITOR_KEY_FILE=" + other_ws + "/key").exit_code, 0);  // another's key
  fs::rename(key, root_.path() / "moved-key");
  EXPECT_NE(Bm("snapshots " + ws).exit_code, 0);  // missing
  fs::rename(root_.path() / "moved-key", key);
  EXPECT_EQ(Bm("snapshots " + ws).exit_code, 0);

  ASSERT_GT(outputs_.size(), 15u);
  ExpectNoKeyIn(generation1);
  ExpectNoKeyIn(generation2);
  std::string db = ReadFile(root_.path() / "ws" / "workspace.db");
  ASSERT_GT(db.size(), 10000u);
  for (const auto& forms : {generation1, generation2}) {
    for (const auto& form : forms) EXPECT_EQ(db.find(form), std::string::npos) << "key material in workspace.db";
  }
}

TEST_F(Secrets, ABsnInTheWrongColumnIsNotRepeatedInAnyMessage) {
  TempDir data;
  testing::CopyExampleDelivery(data);
  // Columns swapped by hand: BSNs where an employer, a period, hours or a ground belong.
  data.Write("payroll.csv", ReadFile(kExample / "payroll.csv") + "100000001L01,999900018,2023-12,10,,\n" +
                                "999900018,100000001L01,999900031,10,,\n" + "999900018,100000001L01,2023-12,999900043,,\n");
  data.Write("register.csv", ReadFile(kExample / "register.csv") + "999900055,999900067,2023-01-01,\n");
  data.Write("targets.csv", ReadFile(kExample / "targets.csv") + "2023,employer:999900018,1,1\n");
  std::string ws = (root_.path() / "ws").string();
  ASSERT_EQ(Bm("init " + ws).exit_code, 0);
  auto count = Bm("count --data " + data.path().string() + " --year 2023");
  EXPECT_EQ(count.exit_code, 2);
  EXPECT_NE(count.err.find("#########"), std::string::npos) << count.err;
  auto import = Bm("import " + ws + " --data " + data.path().string() + " --skip-invalid");
  EXPECT_EQ(import.exit_code, 0) << import.err;
  for (const char* bsn : {"999900018", "999900031", "999900043", "999900067", "999900055"}) {
    for (const auto& [command, text] : outputs_) EXPECT_EQ(text.find(bsn), std::string::npos) << command << ": " << text;
  }
  // Nor in the quarantine's reasons on disk.
  std::string db = ReadFile(root_.path() / "ws" / "workspace.db");
  for (const char* bsn : {"999900018", "999900031", "999900043", "999900067"}) {
    EXPECT_EQ(db.find(bsn), std::string::npos) << "raw BSN in workspace.db";
  }
}

}  // namespace
}  // namespace banenmonitor
