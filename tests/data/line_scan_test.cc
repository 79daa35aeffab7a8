// ScanLines (data/line_scan.h), the first pass of a parallel read: the same line
// breaks and quote as std::count and memchr give, at every length and place.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>

#include "data/line_scan.h"

namespace banenmonitor::data {
namespace {

void ExpectAsCountAndMemchr(const std::string& bytes) {
  const LineScan scan = ScanLines(bytes.data(), bytes.size());
  EXPECT_EQ(scan.newlines, std::count(bytes.begin(), bytes.end(), '\n')) << bytes.size();
  EXPECT_EQ(scan.quote, std::memchr(bytes.data(), '"', bytes.size()) != nullptr) << bytes.size();
}

TEST(ScanLines, CountsLineBreaksAndFindsAQuoteAtEveryLength) {
  std::mt19937 rng(20261207);
  // Every byte value, mostly CSV text; lengths around the 64-byte step and the 63-step block.
  for (std::size_t n : {0, 1, 15, 16, 63, 64, 65, 127, 128, 1000, 63 * 64 - 1, 63 * 64, 63 * 64 + 1, 300 * 64 + 17,
                        1 << 20}) {
    std::string bytes(n, ' ');
    for (char& c : bytes) c = static_cast<char>(rng() % 4 == 0 ? '\n' : 0x21 + rng() % 0xDE);  // '"' is 0x22: in range
    ExpectAsCountAndMemchr(bytes);
    std::replace(bytes.begin(), bytes.end(), '"', ',');
    ExpectAsCountAndMemchr(bytes);
    // One quote at the first, a middle and the last place (the vector part and the tail).
    for (std::size_t at : {std::size_t{0}, n / 2, n - 1}) {
      if (n == 0) break;
      std::string one = bytes;
      one[at] = '"';
      ExpectAsCountAndMemchr(one);
      EXPECT_TRUE(ScanLines(one.data(), one.size()).quote) << n << " " << at;
    }
  }
  // All line breaks: the most a byte lane of a block counts (4 a step), and more than 255 in all.
  std::string breaks(255 * 64 * 3 + 5, '\n');
  EXPECT_EQ(ScanLines(breaks.data(), breaks.size()).newlines, static_cast<std::int64_t>(breaks.size()));
  EXPECT_FALSE(ScanLines(breaks.data(), breaks.size()).quote);
}

}  // namespace
}  // namespace banenmonitor::data
