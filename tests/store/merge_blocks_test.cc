// The merge of the column cache's sorted blocks (src/store/merge_blocks.h):
// on one thread and on two, it gives exactly the sorted concatenation of the
// blocks, also when the cut at the pivot person leaves one half empty.
#include "store/merge_blocks.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <tuple>

#include "banenmonitor/delivery.h"

namespace banenmonitor {
namespace {

auto CellKey(const PayrollCell& c) { return std::tie(c.person, c.employer, c.month); }
bool CellLess(const PayrollCell& a, const PayrollCell& b) { return CellKey(a) < CellKey(b); }

// Sets BANENMONITOR_THREADS for one test and puts the old value back.
class MergeThreadsEnv {
 public:
  explicit MergeThreadsEnv(const char* n) {
    if (const char* old = std::getenv("BANENMONITOR_THREADS")) old_ = old;
    ::setenv("BANENMONITOR_THREADS", n, 1);
  }
  ~MergeThreadsEnv() {
    if (old_.empty()) {
      ::unsetenv("BANENMONITOR_THREADS");
    } else {
      ::setenv("BANENMONITOR_THREADS", old_.c_str(), 1);
    }
  }

 private:
  std::string old_;
};

// `months` blocks of `per_block` cells each, every block one month and sorted;
// persons below `persons`; keys unique, hours marking each cell.
std::vector<std::vector<PayrollCell>> RandomSortedBlocks(int months, int per_block, std::uint32_t persons, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::vector<PayrollCell>> blocks(static_cast<std::size_t>(months));
  for (int m = 0; m < months; ++m) {
    std::set<std::pair<PersonIndex, EmployerIndex>> seen;
    auto& b = blocks[static_cast<std::size_t>(m)];
    while (b.size() < static_cast<std::size_t>(per_block)) {
      const auto person = static_cast<PersonIndex>(rng() % persons);
      const auto employer = static_cast<EmployerIndex>(rng() % 5000);
      if (!seen.insert({person, employer}).second) continue;
      b.push_back({person, employer, 24000 + m, static_cast<Hours>(rng() % 1000000), 0, 0, 0});
    }
    std::sort(b.begin(), b.end(), CellLess);
  }
  return blocks;
}

void ExpectMergedAsSortedConcatenation(const std::vector<std::vector<PayrollCell>>& blocks) {
  std::vector<std::span<const PayrollCell>> spans(blocks.begin(), blocks.end());
  std::vector<PayrollCell> want;
  for (const auto& b : blocks) want.insert(want.end(), b.begin(), b.end());
  std::sort(want.begin(), want.end(), CellLess);
  const std::vector<PayrollCell> got = store::MergeBlocks(spans, CellLess);
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    ASSERT_EQ(CellKey(got[i]), CellKey(want[i])) << "cell " << i;
    ASSERT_EQ(got[i].hours, want[i].hours) << "cell " << i;
  }
}

TEST(MergeBlocks, OnTwoThreadsGivesTheSortedConcatenation) {
  MergeThreadsEnv two("2");
  ExpectMergedAsSortedConcatenation(RandomSortedBlocks(12, 20000, 30000, 1));  // 240,000 cells: the two-thread path
}

TEST(MergeBlocks, OnOneThreadGivesTheSortedConcatenation) {
  MergeThreadsEnv one("1");
  ExpectMergedAsSortedConcatenation(RandomSortedBlocks(12, 20000, 30000, 2));
}

TEST(MergeBlocks, ASmallMergeAndOneBlockAndEmptyBlocks) {
  MergeThreadsEnv two("2");
  ExpectMergedAsSortedConcatenation(RandomSortedBlocks(5, 100, 50, 3));  // below the two-thread size
  ExpectMergedAsSortedConcatenation(RandomSortedBlocks(1, 1000, 500, 4));
  auto blocks = RandomSortedBlocks(4, 30000, 100000, 5);
  blocks[0].clear();
  blocks[3].clear();
  ExpectMergedAsSortedConcatenation(blocks);
}

TEST(MergeBlocks, APivotAtTheSmallestPersonLeavesTheFrontHalfEmpty) {
  MergeThreadsEnv two("2");
  // One person only: every cell is at or after the pivot, and the merge is still whole.
  ExpectMergedAsSortedConcatenation(RandomSortedBlocks(14, 4900, 1, 6));
  // Half the persons are one person: the cut is uneven.
  auto blocks = RandomSortedBlocks(8, 20000, 40000, 7);
  for (auto& b : blocks) {
    for (std::size_t i = 0; i < b.size() / 2; ++i) b[i].person = 0;
    std::sort(b.begin(), b.end(), CellLess);
    b.erase(std::unique(b.begin(), b.end(), [](const PayrollCell& x, const PayrollCell& y) { return CellKey(x) == CellKey(y); }),
            b.end());
  }
  ExpectMergedAsSortedConcatenation(blocks);
}

}  // namespace
}  // namespace banenmonitor
