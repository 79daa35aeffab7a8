// Files of a delivery that are not regular files, headers that are not
// headers, and lines without end (issue 15 items 3 and 4): refused before they
// are read, never echoed, never held in memory whole.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace banenmonitor {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;
using testing::kBinary;
using testing::kExample;

// The hex key of a fresh workspace in `root` and every 8 hex digits of it.
std::vector<std::string> KeyPieces(const fs::path& key_file) {
  std::string text = ReadFile(key_file);
  std::string hex = text.substr(0, text.find('\n'));
  EXPECT_EQ(hex.size(), 64u);
  std::vector<std::string> pieces;
  for (std::size_t i = 0; i + 8 <= hex.size(); ++i) pieces.push_back(hex.substr(i, 8));
  return pieces;
}

class DeliveryFiles : public ::testing::Test {
 protected:
  void SetUp() override { testing::CopyExampleDelivery(delivery_); }
  testing::CommandResult Count(const std::string& extra = "") {
    // `timeout`: a named pipe once blocked the program for ever.
    return testing::RunCommand("timeout 60 " + kBinary + " count --data " + delivery_.path().string() +
                               " --year 2023 --format csv " + extra);
  }
  TempDir delivery_;
  TempDir root_;
};

// Through a symbolic link to a workspace's key, the first 40 characters of the
// key were printed as an unknown column of employers.csv.
TEST_F(DeliveryFiles, ASymbolicLinkIsRefusedAndItsTargetNeverPrinted) {
  std::string ws = (root_.path() / "ws").string();
  ASSERT_EQ(testing::RunCommand(kBinary + " init " + ws).exit_code, 0);
  fs::remove(delivery_.path() / "employers.csv");
  fs::create_symlink(fs::path(ws) / "key", delivery_.path() / "employers.csv");
  auto r = Count();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("employers.csv: is a symbolic link and is not read (expected a regular file"), std::string::npos)
      << r.err;
  for (const auto& piece : KeyPieces(fs::path(ws) / "key")) {
    ASSERT_EQ(r.err.find(piece), std::string::npos) << "key material printed:\n" << r.err;
    ASSERT_EQ(r.out.find(piece), std::string::npos);
  }
}

TEST_F(DeliveryFiles, ASymbolicLinkToARegularFileIsRefusedAtImportToo) {
  std::string ws = (root_.path() / "ws").string();
  ASSERT_EQ(testing::RunCommand(kBinary + " init " + ws).exit_code, 0);
  TempDir elsewhere;
  fs::copy_file(kExample / "register.csv", elsewhere.path() / "register.csv");
  fs::remove(delivery_.path() / "register.csv");
  fs::create_symlink(elsewhere.path() / "register.csv", delivery_.path() / "register.csv");
  auto r = testing::RunCommand(kBinary + " import " + ws + " --data " + delivery_.path().string());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("register.csv: is a symbolic link and is not read"), std::string::npos) << r.err;
  auto snapshots = testing::RunCommand(kBinary + " snapshots " + ws + " --json");
  EXPECT_EQ(snapshots.out.find("\"id\""), std::string::npos) << snapshots.out;
}

TEST_F(DeliveryFiles, ANamedPipeDoesNotBlockTheProgram) {
  fs::remove(delivery_.path() / "hire_in.csv");
  ASSERT_EQ(::mkfifo((delivery_.path() / "hire_in.csv").c_str(), 0600), 0);
  auto r = Count();
  EXPECT_EQ(r.exit_code, 2) << r.err;  // 124: stopped by timeout
  EXPECT_NE(r.err.find("hire_in.csv: is a named pipe (FIFO) and is not read"), std::string::npos) << r.err;
  std::string ws = (root_.path() / "ws").string();
  ASSERT_EQ(testing::RunCommand(kBinary + " init " + ws).exit_code, 0);
  auto imported = testing::RunCommand("timeout 60 " + kBinary + " import " + ws + " --data " + delivery_.path().string());
  EXPECT_NE(imported.exit_code, 0);
  EXPECT_NE(imported.exit_code, 124) << "import blocked on a named pipe";
  EXPECT_NE(imported.err.find("hire_in.csv: is a named pipe (FIFO)"), std::string::npos) << imported.err;
}

TEST_F(DeliveryFiles, ADirectoryIsRefused) {
  fs::remove(delivery_.path() / "targets.csv");
  fs::create_directory(delivery_.path() / "targets.csv");
  auto r = Count();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("targets.csv: is a directory, not a file"), std::string::npos) << r.err;
}

// The delivery directory itself may be a symbolic link (docs/security.md).
TEST_F(DeliveryFiles, TheDeliveryDirectoryMayBeASymbolicLink) {
  fs::create_directory_symlink(delivery_.path(), root_.path() / "levering");
  auto r = testing::RunCommand(kBinary + " count --data " + (root_.path() / "levering").string() +
                               " --year 2023 --format csv");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, ReadFile(kExample / "expected-2023-q4-sector.csv"));
}

// A first line that is not a header is named, not quoted: it may be anything.
TEST_F(DeliveryFiles, ALineThatIsNotAHeaderIsNeverEchoed) {
  delivery_.Write("payroll.csv", "SECRETVALUE0123456789abcdef,geheim\n999900018,100000001L01,2023-12,10,,\n");
  auto r = Count();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.find("SECRETVALUE"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("geheim"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("payroll.csv:1: line 1 is not a header: none of its 2 fields is a column of the data contract "
                       "(expected the column names person_id,employer_id,period,hours,contract,wsw,wage"),
            std::string::npos)
      << r.err;
}

TEST_F(DeliveryFiles, AnUnknownColumnIsNamedByPositionWithTheNearestContractColumn) {
  delivery_.Write("payroll.csv", "person,employer_id,period,hours,contract,wsw,opmerking_geheim\n"
                                 "999900018,100000001L01,2023-12,10,,,x\n");
  auto r = Count();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("payroll.csv:1:1: warning: column 1 of the header is not part of the data contract and is "
                       "ignored (expected: person_id,employer_id,period,hours,contract,wsw,wage); did you mean "
                       "person_id?"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("payroll.csv:1:7: warning: column 7 of the header is not part of the data contract"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("opmerking_geheim"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("payroll.csv:1: the header lacks the column person_id"), std::string::npos) << r.err;
}

// Runs `argv` (stdout to `output`, stderr to `output`.err) and returns its
// exit status and peak resident memory in KiB. Measured from a small Python
// process: the peak of a direct child counts this test process's memory at
// the fork too.
std::pair<int, long> RunMeasured(const std::vector<std::string>& argv, const fs::path& output) {
  std::string command =
      "python3 -c 'import resource, subprocess, sys; "
      "r = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], \"wb\"), stderr=open(sys.argv[1] + \".err\", \"wb\")); "
      "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' " +
      output.string();
  for (const auto& a : argv) command += " " + a;
  auto r = testing::RunCommand(command);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  int status = -1;
  long kib = 0;
  std::istringstream(r.out) >> status >> kib;
  return {status, kib};
}

// A 200 MB line was read whole and took 898 MB. A line over 1 MiB is an error
// with its line number, skipped without being held in memory, and kept out of
// the quarantine.
TEST_F(DeliveryFiles, ALineLongerThanOneMebibyteIsAnErrorAndTakesNoMemory) {
  TempDir out;
  std::vector<std::string> count = {kBinary, "count", "--data", delivery_.path().string(), "--year", "2023",
                                    "--format", "csv", "--skip-invalid"};
  auto [base_status, base_kib] = RunMeasured(count, out.path() / "base");
  ASSERT_EQ(base_status, 0);
  {
    std::ofstream payroll(delivery_.path() / "payroll.csv", std::ios::app | std::ios::binary);
    payroll << "999900018,100000001L01,2023-12,1" << std::string(20u << 20, '0') << ",,\n";  // line 14: 20 MiB
    payroll << "999900018,100000001L01,2023-12,x,,\n";                                      // line 15: still read
  }
  auto [status, kib] = RunMeasured(count, out.path() / "long");
  EXPECT_EQ(status, 0);
  std::string err = ReadFile(out.path() / "long.err");
  EXPECT_NE(err.find("payroll.csv:14: line 14 is longer than 1 MiB and is skipped"), std::string::npos) << err;
  EXPECT_NE(err.find("payroll.csv:15:4: hours: 'x' is not a number"), std::string::npos) << err;
  EXPECT_EQ(ReadFile(out.path() / "long"), ReadFile(kExample / "expected-2023-q4-sector.csv"));
  // The reader keeps at most about 2 MiB of a line; 20 MiB more than without it would be the line itself.
  EXPECT_LT(kib, base_kib + 8 * 1024) << "peak " << kib << " KiB against " << base_kib << " KiB without the line";

  std::string ws = (root_.path() / "ws").string();
  ASSERT_EQ(testing::RunCommand(kBinary + " init " + ws).exit_code, 0);
  auto imported = testing::RunCommand(kBinary + " import " + ws + " --data " + delivery_.path().string() +
                                      " --skip-invalid");
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
  std::uintmax_t stored = 0;
  for (const auto& e : fs::recursive_directory_iterator(ws)) {
    if (e.is_regular_file()) stored += e.file_size();
  }
  EXPECT_LT(stored, std::uintmax_t{4} << 20) << "the long line reached the workspace";
}

}  // namespace
}  // namespace banenmonitor
