// Test-only audit of a suppression pattern, independent of the production
// check in src/report/disclosure.cc: a secret cell x_i is recoverable iff the
// relations (secret cells unknown, published cells constants) fix it, i.e. iff
// no solution of the homogeneous system has a non-zero i-th component, i.e. iff
// column i of the coefficient matrix is NOT a combination of the other
// columns: rank(M) > rank(M without column i). Ranks by exact Gaussian
// elimination over GMP rationals (the production code reads the reduced row
// echelon form instead).
#pragma once

#include <gmpxx.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "report/disclosure.h"

namespace banenmonitor::report::testing {

inline std::size_t Rank(std::vector<std::vector<mpq_class>> m) {
  std::size_t rank = 0;
  const std::size_t cols = m.empty() ? 0 : m[0].size();
  for (std::size_t c = 0; c < cols && rank < m.size(); ++c) {
    std::size_t p = rank;
    while (p < m.size() && m[p][c] == 0) ++p;
    if (p == m.size()) continue;
    std::swap(m[p], m[rank]);
    for (std::size_t r = rank + 1; r < m.size(); ++r) {
      if (m[r][c] == 0) continue;
      const mpq_class f = m[r][c] / m[rank][c];
      for (std::size_t k = c; k < cols; ++k) m[r][k] -= f * m[rank][k];
    }
    ++rank;
  }
  return rank;
}

// The keys of the secret cells that the published cells and the relations
// determine; empty means the pattern is safe.
inline std::vector<std::string> AuditRecoverable(const DisclosureTable& table, const DisclosureResult& result) {
  std::vector<std::size_t> unknowns;
  for (std::size_t i = 0; i < table.cells.size(); ++i) {
    if (result.Secret(i)) unknowns.push_back(i);
  }
  std::vector<std::vector<mpq_class>> m;
  for (const auto& r : table.relations) {
    std::vector<mpq_class> row(unknowns.size());
    for (std::size_t u = 0; u < unknowns.size(); ++u) {
      int coefficient = (r.total == unknowns[u]) ? 1 : 0;
      for (std::size_t p : r.parts) coefficient -= (p == unknowns[u]) ? 1 : 0;
      row[u] = coefficient;
    }
    // A relation without secret cells says nothing about them.
    if (std::any_of(row.begin(), row.end(), [](const mpq_class& v) { return v != 0; })) m.push_back(std::move(row));
  }
  // The matrix is block-diagonal over the groups of unknowns that share rows,
  // and a rank drop is the drop within the block: rank each block on its own.
  std::vector<std::size_t> group(unknowns.size());
  for (std::size_t u = 0; u < group.size(); ++u) group[u] = u;
  auto find = [&](std::size_t u) {
    while (group[u] != u) u = group[u] = group[group[u]];
    return u;
  };
  for (const auto& row : m) {
    std::optional<std::size_t> first;
    for (std::size_t u = 0; u < row.size(); ++u) {
      if (row[u] == 0) continue;
      if (first) group[find(u)] = find(*first);
      else first = u;
    }
  }
  std::vector<bool> recoverable_unknown(unknowns.size(), false);
  std::vector<bool> done(unknowns.size(), false);
  for (std::size_t g = 0; g < unknowns.size(); ++g) {
    if (done[find(g)]) continue;
    done[find(g)] = true;
    std::vector<std::size_t> members;
    for (std::size_t u = 0; u < unknowns.size(); ++u) {
      if (find(u) == find(g)) members.push_back(u);
    }
    std::vector<std::vector<mpq_class>> block;
    for (const auto& row : m) {
      std::vector<mpq_class> part;
      bool any = false;
      for (std::size_t u : members) {
        part.push_back(row[u]);
        any = any || row[u] != 0;
      }
      if (any) block.push_back(std::move(part));
    }
    const std::size_t full = Rank(block);
    for (std::size_t k = 0; k < members.size(); ++k) {
      auto without = block;
      for (auto& row : without) row.erase(row.begin() + static_cast<long>(k));
      if (Rank(without) < full) recoverable_unknown[members[k]] = true;
    }
  }
  std::vector<std::string> recoverable;
  for (std::size_t u = 0; u < unknowns.size(); ++u) {
    if (recoverable_unknown[u]) recoverable.push_back(table.cells[unknowns[u]].key);
  }
  return recoverable;
}

// Every cell with 1..min_persons-1 persons must be secret, and nothing else primary.
inline std::vector<std::string> AuditPrimary(const DisclosureTable& table, const DisclosureResult& result, long long min_persons) {
  std::vector<std::string> wrong;
  for (std::size_t i = 0; i < table.cells.size(); ++i) {
    const auto& p = table.cells[i].persons;
    const bool small = p && *p >= 1 && *p < min_persons;
    if (small != (result.status[i] == Disclosure::kPrimary)) wrong.push_back(table.cells[i].key);
  }
  return wrong;
}

}  // namespace banenmonitor::report::testing
