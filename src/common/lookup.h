// One home for finding a row of a result table or of reference data by one of
// its members: the first row in file order, or the row of a sorted table.
//
//   const RealisationRow* Find(std::string_view scope) const { return FindFirst(rows, &RealisationRow::scope, scope); }
#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

namespace banenmonitor {

// Returns the first row of `rows` whose `member` (of Row or a base of it) equals `key`, or nullptr.
template <typename Row, typename Member, typename Owner, typename Key>
const Row* FindFirst(const std::vector<Row>& rows, Member Owner::*member, const Key& key) {
  for (const Row& r : rows) {
    if (r.*member == key) return &r;
  }
  return nullptr;
}

// Returns the row of `sorted` whose `member` equals `key`, or nullptr.
// REQUIRES: `sorted` is sorted ascending by `member` (with duplicates, any one of them is returned).
template <typename Row, typename Member, typename Owner, typename Key>
const Row* FindSorted(const std::vector<Row>& sorted, Member Owner::*member, const Key& key) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), key,
                             [member](const Row& r, const Key& k) { return r.*member < k; });
  return it != sorted.end() && (*it).*member == key ? &*it : nullptr;
}

// Returns the rows of `rows` whose `level` is `total` or `level`, in order (a
// table's total first, then the scopes of one level).
// REQUIRES: Row has a member `level` comparable with `level` and `total`.
template <typename Row, typename Level>
std::vector<const Row*> RowsOfLevel(const std::vector<Row>& rows, Level total, Level level) {
  std::vector<const Row*> out;
  for (const Row& r : rows) {
    if (r.level == total || r.level == level) out.push_back(&r);
  }
  return out;
}

}  // namespace banenmonitor
