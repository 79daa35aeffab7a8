// Property test (issue 15 item 5): valid BSNs written in the forms a spreadsheet
// or a person produces (leading zeros lost, separators, NL prefix, 10 digits,
// Excel's .0 and apostrophe), as person ids, inside employer names,
// organisations, target scopes and the snapshot label, and in invalid rows that
// go to quarantine. No raw form of any of them (its canonical 9 digits, the
// form delivered, the form without leading zeros, the digits with separators)
// may appear in the workspace (the SQLite file and its -wal, the quarantine,
// WS/cache), in the stdout or stderr of import, count, snapshots and report, in
// the report's md and html, or in the data-quality JSON. The same person
// written several ways is one person: count --workspace equals count --data.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "banenmonitor/delivery.h"
#include "data/fields.h"
#include "data/person_id.h"
#include "bsn_forms.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

using testing::FormsDelivery;
using testing::kBinary;
using testing::ReadFile;
using testing::TempDir;

std::string AllFileBytes(const std::filesystem::path& dir) {
  std::string all;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) all += ReadFile(e.path());
  }
  return all;
}

void ExpectNoRawForm(const FormsDelivery& c, const std::string& where, const std::string& text) {
  auto found = c.FindRawForm(text);
  EXPECT_FALSE(found.has_value()) << "a raw form of a BSN (" << found.value_or("") << ") in " << where;
}

TEST(BsnForms, NoRawFormReachesTheWorkspaceTheQuarantineOrAnyOutput) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    TempDir root, data, out;
    std::mt19937_64 rng(seed);
    FormsDelivery c = testing::WriteFormsDelivery([&](unsigned n) { return static_cast<unsigned>(rng() % n); },
                                                  data.path(), 12);
    std::string ws = (root.path() / "ws").string(), d = data.path().string();
    std::vector<std::pair<std::string, testing::CommandResult>> runs;
    auto run = [&](const std::string& args) {
      runs.emplace_back(args, testing::RunCommand(kBinary + " " + args));
      return runs.back().second;
    };
    ASSERT_EQ(run("init " + ws).exit_code, 0);
    // The label goes through the shell: single-quoted (no form holds a quote).
    auto imported = run("import " + ws + " --data " + d + " --skip-invalid --json --label '" + c.label + "'");
    // Again with a changed delivery, for the text output of import.
    data.Write("targets.csv", ReadFile(data.path() / "targets.csv") + "2023,total,0,5\n");
    auto imported_text = run("import " + ws + " --data " + d + " --skip-invalid");
    auto from_data = run("count --data " + d + " --year 2023 --by organisation --format csv --skip-invalid");
    auto from_ws = run("count --workspace " + ws + " --year 2023 --by organisation --format csv");
    run("count --workspace " + ws + " --year 2023 --by employer --format json");
    auto snapshots = run("snapshots " + ws);
    run("snapshots " + ws + " --json");
    auto report = run("report --workspace " + ws + " --year 2023 --out " + out.path().string() +
                      " --format md,html --min-persons 1");
    // The quarantine, as stored.
    auto rows = testing::RunCommand("sqlite3 " + ws + "/workspace.db 'SELECT file, kind, reason, row_text FROM quarantine'");
    ASSERT_EQ(rows.exit_code, 0) << rows.err;
    auto quality = nlohmann::json::parse(imported.out, nullptr, false);
    // No raw form anywhere.
    ExpectNoRawForm(c, "the quarantine", rows.out);
    ExpectNoRawForm(c, "the workspace's files (workspace.db, -wal, cache)", AllFileBytes(ws));
    ExpectNoRawForm(c, "the report", AllFileBytes(out.path()));
    ExpectNoRawForm(c, "the data-quality JSON", imported.out);
    for (const auto& [args, r] : runs) {
      ExpectNoRawForm(c, "stdout of " + args.substr(0, args.find(' ')), r.out);
      ExpectNoRawForm(c, "stderr of " + args.substr(0, args.find(' ')), r.err);
    }
    // And not because nothing was stored or shown.
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    ASSERT_EQ(imported_text.exit_code, 0) << imported_text.err;
    ASSERT_FALSE(quality.is_discarded()) << imported.out;
    EXPECT_EQ(quality.value("quarantined_rows", -1), c.invalid_rows);
    EXPECT_GT(quality["quality"].value("person_ids_restored_total", 0), 0) << imported.out;
    EXPECT_NE(rows.out.find("hmac:"), std::string::npos) << rows.out;
    ASSERT_EQ(from_ws.exit_code, 0) << from_ws.err;
    EXPECT_EQ(from_data.out, from_ws.out);
    EXPECT_NE(from_ws.out.find("#########,"), std::string::npos) << from_ws.out;  // organisation:Team [NL]#########
    // Every person counts once, however written.
    EXPECT_NE(from_ws.out.find(fmt::format("2023,q4,total,{},", c.persons)), std::string::npos) << from_ws.out;
    EXPECT_NE(snapshots.out.find("#########"), std::string::npos) << snapshots.out;
    EXPECT_NE(imported.err.find("label: warning: the label held a run of digits that may be a BSN; it was replaced by "
                                "#########"),
              std::string::npos)
        << imported.err;
    EXPECT_NE(imported.err.find("employers.csv:2:2: warning: name: the name held a run of digits that may be a BSN"),
              std::string::npos)
        << imported.err;
    EXPECT_EQ(report.exit_code, 0) << report.err;
  }
}

// The same property on many more random forms, in process: each person_id form
// restores to its BSN, and masked text keeps no raw form.
TEST(BsnForms, EveryFormRestoresToItsBsnAndIsMaskedInText) {
  std::mt19937_64 rng(20261203);
  testing::Pick pick = [&](unsigned n) { return static_cast<unsigned>(rng() % n); };
  for (int i = 0; i < 20000; ++i) {
    std::string b = testing::FormsBsn(pick);
    std::string form = testing::PersonIdForm(pick, b);
    std::string buffer;
    data::PersonIdClass id = data::ClassifyPersonId(form, buffer);
    ASSERT_EQ(id.kind, data::PersonIdKind::kBsn) << "form " << i;
    ASSERT_EQ(id.canonical, b) << "form " << i;
    std::string text = "Stichting " + testing::TextForm(pick, b) + " BV";
    std::string seen;
    std::string masked = data::ReplaceBsnLikeRuns(text, [&](std::string_view nine) {
      seen = std::string(nine);
      return std::string("#########");
    });
    auto no_digits = [](const std::string& t) { return t.find_first_of("0123456789") == std::string::npos; };
    ASSERT_TRUE(no_digits(masked) && masked.find("#########") != std::string::npos) << "text " << i;
    ASSERT_EQ(seen, b) << "text " << i;
    std::string quoted = data::Quote(text);
    ASSERT_TRUE(no_digits(quoted) && quoted.find("#########") != std::string::npos) << "text " << i;
  }
}

}  // namespace
}  // namespace banenmonitor
