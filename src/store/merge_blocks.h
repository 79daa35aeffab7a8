// The k-way merge of the column cache's sorted blocks (one block per month
// and table in the file), on up to two threads. Its own header so that the
// merge can be tested apart from the file format (tests/store/merge_blocks_test.cc).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <queue>
#include <span>
#include <vector>

#include "common/parallel.h"
#include "data/parallel_parts.h"

namespace banenmonitor::store {

// Merges blocks each sorted by `less` into `out`, from the front: the
// smallest remaining cell of all blocks next (a heap of block numbers).
// REQUIRES: every block is sorted by `less`; `out` has room for all cells.
template <typename T, typename Less>
void MergeInto(const std::vector<std::span<const T>>& blocks, Less less, T* out) {
  std::vector<std::size_t> pos(blocks.size(), 0);
  auto greater = [&](std::size_t a, std::size_t b) { return less(blocks[b][pos[b]], blocks[a][pos[a]]); };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(greater)> heap(greater);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (!blocks[i].empty()) heap.push(i);
  }
  while (!heap.empty()) {
    std::size_t i = heap.top();
    heap.pop();
    *out++ = blocks[i][pos[i]];
    if (++pos[i] < blocks[i].size()) heap.push(i);
  }
}

// Merges blocks each sorted by `less` into one sorted vector. A large merge
// runs on two threads: every block is cut at the first cell of person `pivot`
// (a binary search), the cells before the cuts are merged into the front of
// the vector and the rest behind them, at the same time. Equal keys keep no
// fixed order (callers sum them or have none).
// REQUIRES: every block is sorted by `less`, which orders by T::person first.
template <typename T, typename Less>
std::vector<T> MergeBlocks(const std::vector<std::span<const T>>& blocks, Less less) {
  std::size_t total = 0;
  const std::span<const T>* largest = nullptr;
  for (const auto& b : blocks) {
    total += b.size();
    if (largest == nullptr || b.size() > largest->size()) largest = &b;
  }
  std::vector<T> out;
  if (blocks.size() == 1) {
    out.assign(blocks[0].begin(), blocks[0].end());
    return out;
  }
  out.resize(total);
  constexpr std::size_t kWorthTwoThreads = std::size_t{1} << 16;
  if (total < kWorthTwoThreads || data::Workers() < 2) {
    MergeInto(blocks, less, out.data());
    return out;
  }
  const auto pivot = (*largest)[largest->size() / 2].person;
  std::array<std::vector<std::span<const T>>, 2> halves;
  std::size_t front = 0;
  for (const auto& b : blocks) {
    const auto cut = std::partition_point(b.begin(), b.end(), [pivot](const T& c) { return c.person < pivot; });
    const auto n = static_cast<std::size_t>(cut - b.begin());
    halves[0].push_back(b.subspan(0, n));
    halves[1].push_back(b.subspan(n));
    front += n;
  }
  T* const starts[2] = {out.data(), out.data() + front};
  MapInParallel(2, 2, [&](std::size_t k) {
    MergeInto(halves[k], less, starts[k]);
    return k;
  });
  return out;
}

}  // namespace banenmonitor::store
