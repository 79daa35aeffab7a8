// An import reads register.csv, payroll.csv and hire_in.csv on several threads
// (ImportSink::TakesRowsInParts, TableFile::KeepInvalidRows) and stores exactly
// what it stores reading them row by row: the same rows file byte for byte,
// the same column cache, quarantine, persons and data-quality report.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "parallel_delivery.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

namespace fs = std::filesystem;
using testing::kBinary;
using testing::RunCommand;
using testing::TempDir;

std::string FileBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// What the database holds of snapshot 1, as text: quarantine, files, quality report, persons.
std::string Stored(const fs::path& ws) {
  SQLite::Database db((ws / "workspace.db").string());
  std::string out;
  for (const char* sql : {"SELECT file, line, kind, reason, row_text FROM quarantine ORDER BY file, line",
                          "SELECT name, present, sha256, bytes, rows, invalid_rows FROM snapshot_files ORDER BY name",
                          "SELECT invalid_rows, quality_json FROM snapshots",
                          "SELECT id, pseudonym FROM persons ORDER BY id",
                          "SELECT file, sha256, bytes, payroll_rows, hire_in_rows, employer_hours_rows, register_rows, "
                          "sroi_rows FROM snapshot_rows"}) {
    SQLite::Statement q(db, sql);
    while (q.executeStep()) {
      for (int c = 0; c < q.getColumnCount(); ++c) out += q.getColumn(c).getString() + "|";
      out += "\n";
    }
    out += "--\n";
  }
  return out;
}

TEST(ImportOnSeveralThreads, StoresWhatReadingRowByRowStores) {
  TempDir data, root;
  testing::WriteParallelDelivery(data);
  const fs::path first = root.path() / "one-by-one";
  ASSERT_EQ(RunCommand(kBinary + " init " + first.string()).exit_code, 0);
  // Copies of the new workspace: the same key, so the same pseudonyms.
  std::vector<std::pair<fs::path, std::string>> runs = {{first, "1"}, {root.path() / "two", "2"}, {root.path() / "five", "5"}};
  for (std::size_t i = 1; i < runs.size(); ++i) fs::copy(first, runs[i].first, fs::copy_options::recursive);
  for (const auto& [ws, threads] : runs) {
    auto r = RunCommand("BANENMONITOR_THREADS=" + threads + " BANENMONITOR_PART_BYTES=2000 " + kBinary + " import " +
                        ws.string() + " --skip-invalid --data " + data.path().string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  const std::string stored = Stored(first);
  for (const char* file : {"register.csv|", "payroll.csv|", "hire_in.csv|"}) {
    EXPECT_NE(stored.find(file), std::string::npos) << "the delivery has invalid rows in " << file << "\n" << stored;
  }
  EXPECT_EQ(stored.find("012345611"), std::string::npos) << "no raw BSN in the quarantine";
  const std::string rows = FileBytes(first / "rows" / "snapshot-1.rows");
  const std::string columns = FileBytes(first / "cache" / "snapshot-1.columns");
  ASSERT_GT(rows.size(), 100'000u);
  ASSERT_GT(columns.size(), 10'000u);
  for (std::size_t i = 1; i < runs.size(); ++i) {
    const fs::path& ws = runs[i].first;
    EXPECT_EQ(Stored(ws), stored) << runs[i].second << " threads";
    EXPECT_TRUE(FileBytes(ws / "rows" / "snapshot-1.rows") == rows) << runs[i].second << " threads: the rows file";
    EXPECT_TRUE(FileBytes(ws / "cache" / "snapshot-1.columns") == columns) << runs[i].second << " threads: the column cache";
  }
  // The new persons are numbered in the order of their pseudonyms (sqlite::Writer::StorePersons), byte by byte.
  SQLite::Database db((first / "workspace.db").string());
  SQLite::Statement q(db, "SELECT pseudonym FROM persons ORDER BY id");
  std::vector<std::string> pseudonyms;
  while (q.executeStep()) pseudonyms.push_back(q.getColumn(0).getString());
  ASSERT_GT(pseudonyms.size(), 100u);
  EXPECT_TRUE(std::is_sorted(pseudonyms.begin(), pseudonyms.end()));
}

}  // namespace
}  // namespace banenmonitor
