// delivery.csv (counting.md §2): what a delivery says of itself. Only the file
// decides whether a delivery is synthetic, it is hashed like every file, and
// a wrong value is a finding with its line and column.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "banenmonitor/delivery.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

class Manifest : public ::testing::Test {
 protected:
  void SetUp() override { testing::CopyExampleDelivery(dir_); }
  Delivery Load() { return testing::LoadOrEmpty(dir_.path()); }
  static const Finding* FindingOf(const Delivery& d, std::string_view kind) {
    auto f = std::find_if(d.findings.begin(), d.findings.end(), [&](const Finding& x) { return x.kind == kind; });
    return f == d.findings.end() ? nullptr : &*f;
  }
  testing::TempDir dir_;
};

TEST_F(Manifest, WithoutTheFileADeliveryIsReal) {
  Delivery d = Load();
  EXPECT_FALSE(d.manifest.synthetic);
  EXPECT_EQ(d.error_count(), 0);
  const FileInfo* f = d.file("delivery.csv");
  EXPECT_TRUE(f == nullptr || !f->present);
}

TEST_F(Manifest, SyntheticIsReadAndHashed) {
  dir_.Write("delivery.csv", "key,value\nsynthetic,1\ndescription,Een proef 123456782 van de generator\n");
  Delivery d = Load();
  EXPECT_EQ(d.error_count(), 0);
  EXPECT_TRUE(d.manifest.synthetic);
  // A run of digits that may be a BSN is masked, with a warning.
  EXPECT_EQ(d.manifest.description, "Een proef ######### van de generator");
  ASSERT_NE(FindingOf(d, "bsn-in-text"), nullptr);
  const FileInfo* f = d.file("delivery.csv");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->present);
  EXPECT_EQ(f->rows, 2);
  EXPECT_EQ(f->sha256.size(), 64u);
  dir_.Write("delivery.csv", "key,value\nsynthetic,0\n");
  Delivery real = Load();
  EXPECT_FALSE(real.manifest.synthetic);
  EXPECT_NE(real.file("delivery.csv")->sha256, f->sha256);
}

TEST_F(Manifest, AWrongFlagIsAnErrorOnItsCell) {
  dir_.Write("delivery.csv", "key,value\nsynthetic,ja\n");
  Delivery d = Load();
  EXPECT_FALSE(d.manifest.synthetic);
  const Finding* f = FindingOf(d, "bad-flag");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->file, "delivery.csv");
  EXPECT_EQ(f->line, 2);
  EXPECT_NE(f->message.find("'ja'"), std::string::npos) << f->message;
}

TEST_F(Manifest, ATwiceGivenKeyIsAnErrorAndAnUnknownOneAWarning) {
  dir_.Write("delivery.csv", "key,value\nsynthetic,1\nsynthetic,0\nsource,UWV\n");
  Delivery d = Load();
  const Finding* twice = FindingOf(d, "duplicate-key");
  ASSERT_NE(twice, nullptr);
  EXPECT_EQ(twice->line, 3);
  EXPECT_TRUE(d.manifest.synthetic);  // the first row holds
  const Finding* unknown = FindingOf(d, "unknown-key");
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->severity, Finding::Severity::kWarning);
  EXPECT_EQ(unknown->line, 4);
}

}  // namespace
}  // namespace banenmonitor
