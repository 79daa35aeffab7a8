// Statistical disclosure control for published tables: primary suppression of
// cells based on too few persons and secondary suppression so that no
// suppressed cell can be recovered from the published totals and siblings.
// It computes which figures may be published; every published face (the
// progress report, the dashboard for non-admins) applies its result. The
// method is described in docs/disclosure.md.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "banenmonitor/status.h"

namespace banenmonitor {

// One published figure.
struct DisclosureCell {
  std::string key;  // a name for messages and tests ("rijk/2024/jobs/BZK"); not used for decisions
  // Distinct persons behind the figure; nullopt for a derived figure (a change
  // against last year, a difference) that is never suppressed for itself but
  // may be suppressed to protect another cell.
  std::optional<long long> persons;
  // The figure; the secondary suppression hides the cells of least |value| first.
  double value = 0;
};

// value[total] = Σ value[parts]: a total and its parts (a sector and its
// subsectors, all jobs and direct + hired-in jobs), or a change written as
// this_year = last_year + change. Indices into DisclosureTable::cells.
struct AdditiveRelation {
  std::size_t total = 0;
  std::vector<std::size_t> parts;
};

struct DisclosureTable {
  std::vector<DisclosureCell> cells;
  std::vector<AdditiveRelation> relations;

  // Appends a cell and returns its index.
  std::size_t Add(std::string key, std::optional<long long> persons, double value);
  void Relate(std::size_t total, std::vector<std::size_t> parts);
};

enum class Disclosure {
  kPublished,  // shown (a cell with 0 persons is shown as nil, "-")
  kPrimary,    // secret: based on 1..min_persons-1 persons ("x")
  kSecondary,  // secret: hidden so that a primary cell cannot be recovered ("x")
};

struct DisclosureOptions {
  long long min_persons = 10;  // --min-persons
};

struct DisclosureResult {
  std::vector<Disclosure> status;  // one per cell, in the table's order
  std::size_t primary = 0;
  std::size_t secondary = 0;

  bool Secret(std::size_t cell) const { return status[cell] != Disclosure::kPublished; }
};

// Protects `table`:
//  1. primary: every cell with 1 <= persons < min_persons is secret;
//  2. secondary, repeated to a fixpoint: while a relation has exactly one
//     secret cell, hide one more of its published cells; and while the
//     relations (secret cells unknown, published cells known) determine a
//     secret cell uniquely (exact rational elimination), hide the published
//     cell that sets it free, searched in its own relations first and then
//     ring by ring through the relations its secret neighbours share.
//     Candidates are tried in order of loss: cells with persons (or derived)
//     before nil cells, then least |value|, then the lowest index, so the same
//     table always gives the same pattern.
// Fails (kInternal) only if a secret cell stays determined when every cell
// connected to it is hidden (relations that fix a cell on their own, e.g. a
// total with no parts).
// Values only choose among candidates; whether a cell is recoverable depends
// on which cells are hidden and on the relations, not on the values.
Result<DisclosureResult> Protect(const DisclosureTable& table, const DisclosureOptions& options = {});

// The indices of secret cells that the relations determine uniquely given the
// published cells (empty for a safe pattern). Exact (GMP rationals).
std::vector<std::size_t> RecoverableCells(const DisclosureTable& table, const std::vector<bool>& secret);

}  // namespace banenmonitor
