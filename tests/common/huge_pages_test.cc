// AdviseHugePages (common/huge_pages.h): the whole 2 MiB pages inside a block
// are advised for transparent huge pages, and nothing outside the block is.
// Checked in /proc/self/smaps, where an advised mapping has the flag "hg"
// (whether the kernel then gives huge pages depends on its THP setting; the
// advice is what this program controls).
//
// The blocks come from mmap, not from the allocator: under AddressSanitizer
// aligned_alloc rejects a size that is not a multiple of the alignment, and the
// sanitizer's allocator lays out its own mappings.
#include "common/huge_pages.h"

#include <gtest/gtest.h>

#include <sys/mman.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace banenmonitor {
namespace {

// An anonymous private mapping of `bytes`, page-aligned; nullptr if refused.
char* MapBlock(std::size_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return p == MAP_FAILED ? nullptr : static_cast<char*>(p);
}

struct Mapping {
  std::uintptr_t begin = 0, end = 0;
  bool advised = false;  // VmFlags has "hg"
};

// The mapping of /proc/self/smaps that holds `address`.
Mapping MappingOf(std::uintptr_t address) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  Mapping current, found;
  bool in = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t b = 0, e = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> b >> dash >> e && dash == '-') {
      current = {b, e, false};
      in = b <= address && address < e;
      if (in) found = current;
      continue;
    }
    if (in && line.rfind("VmFlags:", 0) == 0) found.advised = (" " + line + " ").find(" hg ") != std::string::npos;
  }
  return found;
}

TEST(HugePages, AdvisesTheWholeHugePagesInsideABlockAndNothingElse) {
  const std::size_t bytes = 5 * kHugePageBytes + 12345;
  // Not aligned on purpose: the first and last partial huge pages are not advised.
  const std::size_t mapped = bytes + 4096 * 3 + kHugePageBytes;
  char* block = MapBlock(mapped);
  ASSERT_NE(block, nullptr);
  char* p = block + 4096 * 3;
  AdviseHugePages(p, bytes);
  const auto begin = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t first = (begin + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
  const std::uintptr_t last = (begin + bytes) / kHugePageBytes * kHugePageBytes;
  ASSERT_GE(last - first, 4 * kHugePageBytes);
  Mapping inside = MappingOf(first);
  EXPECT_TRUE(inside.advised);
  EXPECT_EQ(inside.begin, first);  // the advice split the mapping at the huge-page bounds
  EXPECT_EQ(inside.end, last);
  if (first > begin) {
    EXPECT_FALSE(MappingOf(first - 1).advised);
  }
  EXPECT_FALSE(MappingOf(last).advised);
  munmap(block, mapped);
}

TEST(HugePages, ABlockWithoutAWholeHugePageIsLeftAlone) {
  char* block = MapBlock(kHugePageBytes * 3);
  ASSERT_NE(block, nullptr);
  // One byte past a huge-page boundary, shorter than a huge page: no whole page inside.
  const auto base = reinterpret_cast<std::uintptr_t>(block);
  const std::uintptr_t boundary = (base + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
  char* p = reinterpret_cast<char*>(boundary + 1);
  AdviseHugePages(p, kHugePageBytes);
  EXPECT_FALSE(MappingOf(boundary + 4096).advised);
  munmap(block, kHugePageBytes * 3);
}

}  // namespace
}  // namespace banenmonitor
