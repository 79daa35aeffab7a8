#include "analysis/disclosure.h"

#include <gmpxx.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace banenmonitor {

std::size_t DisclosureTable::Add(std::string key, std::optional<long long> persons, double value) {
  cells.push_back(DisclosureCell{std::move(key), persons, value});
  return cells.size() - 1;
}

void DisclosureTable::Relate(std::size_t total, std::vector<std::size_t> parts) {
  relations.push_back(AdditiveRelation{total, std::move(parts)});
}

namespace {

// The coefficients of a relation written as total − Σ parts = 0, by cell
// (a cell named twice gets the sum of its coefficients).
std::map<std::size_t, int> Coefficients(const AdditiveRelation& r) {
  std::map<std::size_t, int> c;
  c[r.total] += 1;
  for (std::size_t p : r.parts) c[p] -= 1;
  return c;
}

}  // namespace

// Reduced row echelon form over the rationals of the relations restricted to
// the secret cells (the published cells are constants and move to the right-hand
// side, which does not matter for uniqueness). A secret cell is determined iff
// its column is a pivot column whose row has no other non-zero entry: that row
// then reads x = constant. GMP keeps the arithmetic exact; the tables are small.
namespace {

// The secret cells that the relations `subset` (indices) fix; see RecoverableCells.
std::vector<std::size_t> DeterminedBy(const DisclosureTable& table, const std::vector<bool>& secret,
                                      const std::vector<std::size_t>& subset) {
  std::vector<std::size_t> unknowns;
  std::vector<long> column(table.cells.size(), -1);
  for (std::size_t ri : subset) {
    for (const auto& [cell, coefficient] : Coefficients(table.relations[ri])) {
      if (secret[cell] && column[cell] < 0) {
        column[cell] = 0;
        unknowns.push_back(cell);
      }
    }
  }
  std::sort(unknowns.begin(), unknowns.end());
  for (std::size_t u = 0; u < unknowns.size(); ++u) column[unknowns[u]] = static_cast<long>(u);
  const std::size_t n = unknowns.size();
  std::vector<std::vector<mpq_class>> rows;
  for (std::size_t ri : subset) {
    const auto& r = table.relations[ri];
    std::vector<mpq_class> row(n);
    bool any = false;
    for (const auto& [cell, coefficient] : Coefficients(r)) {
      if (column[cell] >= 0 && coefficient != 0) {
        row[column[cell]] = coefficient;
        any = true;
      }
    }
    if (any) rows.push_back(std::move(row));
  }
  std::vector<long> pivot_row(n, -1);
  std::size_t rank = 0;
  for (std::size_t c = 0; c < n && rank < rows.size(); ++c) {
    std::size_t p = rank;
    while (p < rows.size() && rows[p][c] == 0) ++p;
    if (p == rows.size()) continue;
    std::swap(rows[p], rows[rank]);
    const mpq_class inv = 1 / rows[rank][c];
    for (auto& v : rows[rank]) v *= inv;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (r == rank || rows[r][c] == 0) continue;
      const mpq_class f = rows[r][c];
      for (std::size_t k = c; k < n; ++k) rows[r][k] -= f * rows[rank][k];
    }
    pivot_row[c] = static_cast<long>(rank);
    ++rank;
  }
  std::vector<std::size_t> determined;
  for (std::size_t c = 0; c < n; ++c) {
    if (pivot_row[c] < 0) continue;
    const auto& row = rows[pivot_row[c]];
    bool alone = true;
    for (std::size_t k = 0; k < n && alone; ++k) alone = (k == c) || row[k] == 0;
    if (alone) determined.push_back(unknowns[c]);
  }
  return determined;
}

// The relations connected to `cell` through secret cells: the only equations
// that can say anything about it.
std::vector<std::size_t> ComponentOf(const DisclosureTable& table, const std::vector<bool>& secret,
                                     const std::vector<std::vector<std::size_t>>& relations_of, std::size_t cell) {
  std::vector<bool> seen_relation(table.relations.size(), false), seen_cell(table.cells.size(), false);
  std::vector<std::size_t> queue{cell}, component;
  seen_cell[cell] = true;
  while (!queue.empty()) {
    const std::size_t c = queue.back();
    queue.pop_back();
    for (std::size_t ri : relations_of[c]) {
      if (seen_relation[ri]) continue;
      seen_relation[ri] = true;
      component.push_back(ri);
      for (const auto& [other, coefficient] : Coefficients(table.relations[ri])) {
        if (secret[other] && !seen_cell[other]) {
          seen_cell[other] = true;
          queue.push_back(other);
        }
      }
    }
  }
  std::sort(component.begin(), component.end());
  return component;
}

}  // namespace

std::vector<std::size_t> RecoverableCells(const DisclosureTable& table, const std::vector<bool>& secret) {
  std::vector<std::size_t> all(table.relations.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  return DeterminedBy(table, secret, all);
}

Result<DisclosureResult> Protect(const DisclosureTable& table, const DisclosureOptions& options) {
  const std::size_t n = table.cells.size();
  for (const auto& r : table.relations) {
    bool ok = r.total < n;
    for (std::size_t p : r.parts) ok = ok && p < n;
    if (!ok) return Fail(Status::Internal("disclosure: a relation names a cell that is not in the table"));
  }
  DisclosureResult result;
  result.status.assign(n, Disclosure::kPublished);
  std::vector<bool> secret(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& persons = table.cells[i].persons;
    if (persons && *persons >= 1 && *persons < options.min_persons) {
      result.status[i] = Disclosure::kPrimary;
      secret[i] = true;
      ++result.primary;
    }
  }
  // The published cell of `candidates` whose loss is least: cells with persons
  // (or derived) before nil cells, then smallest |value|, then lowest index.
  auto loss = [&](std::size_t i) {
    const auto& c = table.cells[i];
    return std::tuple(c.persons && *c.persons == 0, std::fabs(c.value), i);
  };
  std::vector<std::vector<std::size_t>> relations_of(n);
  for (std::size_t ri = 0; ri < table.relations.size(); ++ri) {
    for (const auto& [cell, coefficient] : Coefficients(table.relations[ri])) relations_of[cell].push_back(ri);
  }
  auto hide_best = [&](const std::vector<std::size_t>& candidates) {
    std::optional<std::size_t> best;
    for (std::size_t i : candidates) {
      if (secret[i]) continue;
      if (!best || loss(i) < loss(*best)) best = i;
    }
    if (!best) return false;
    secret[*best] = true;
    result.status[*best] = Disclosure::kSecondary;
    ++result.secondary;
    return true;
  };
  auto cells_of = [](const AdditiveRelation& r) {
    std::vector<std::size_t> cells = r.parts;
    cells.push_back(r.total);
    std::sort(cells.begin(), cells.end());
    cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
    return cells;
  };
  for (;;) {
    // The cheap rule first: a relation with exactly one secret cell gives it away.
    bool changed = false;
    for (const auto& r : table.relations) {
      const auto cells = cells_of(r);
      if (std::count_if(cells.begin(), cells.end(), [&](std::size_t i) { return secret[i]; }) != 1) continue;
      if (!hide_best(cells)) {
        return Fail(Status::Internal("disclosure: relation of " + table.cells[r.total].key +
                                     " has one cell only; it cannot be protected"));
      }
      changed = true;
    }
    if (changed) continue;
    // Then the complete test: no combination of relations may fix a secret cell.
    const auto recoverable = RecoverableCells(table, secret);
    if (recoverable.empty()) break;
    // Hide the published cell of least loss that sets it free, looking first in
    // its own relations, then ring by ring in the relations reached through
    // secret cells (a chain of relations can fix a cell whose own relations are
    // all hidden). When no single cell sets it free, hide the best of the
    // nearest ring and test again: every round hides one more cell, so this ends.
    const std::size_t cell = recoverable.front();
    std::vector<bool> seen_relation(table.relations.size(), false), seen_cell(n, false);
    std::vector<std::size_t> frontier{cell};
    seen_cell[cell] = true;
    std::optional<std::size_t> fallback;
    bool freed = false;
    while (!frontier.empty() && !freed) {
      std::vector<std::size_t> ring, next;
      for (std::size_t c : frontier) {
        for (std::size_t ri : relations_of[c]) {
          if (seen_relation[ri]) continue;
          seen_relation[ri] = true;
          for (std::size_t other : cells_of(table.relations[ri])) {
            if (!secret[other]) ring.push_back(other);
            else if (!seen_cell[other]) {
              seen_cell[other] = true;
              next.push_back(other);
            }
          }
        }
      }
      std::sort(ring.begin(), ring.end(), [&](std::size_t a, std::size_t b) { return loss(a) < loss(b); });
      ring.erase(std::unique(ring.begin(), ring.end()), ring.end());
      if (!fallback && !ring.empty()) fallback = ring.front();
      for (std::size_t candidate : ring) {
        secret[candidate] = true;
        const auto fixed = DeterminedBy(table, secret, ComponentOf(table, secret, relations_of, cell));
        if (std::find(fixed.begin(), fixed.end(), cell) == fixed.end()) {
          secret[candidate] = false;
          hide_best({candidate});
          freed = true;
          break;
        }
        secret[candidate] = false;
      }
      frontier = std::move(next);
    }
    if (!freed) {
      if (!fallback) {
        return Fail(Status::Internal("disclosure: " + table.cells[cell].key +
                                     " is fixed by the relations alone; it cannot be protected"));
      }
      hide_best({*fallback});
    }
  }
  return result;
}

}  // namespace banenmonitor
