// BZK's figure (Wet banenafspraak art. 4 lid 4; counting.md §7.4): every
// year, how many extra jobs employers realised against the previous calendar
// year, for the same window: jobs(Y) - jobs(Y - 1) per scope, and the change
// in the realisation percentage in percentage points. The same figure before
// and after the law change: each year is counted by its own law (LawOf,
// regime.h), so 2026 against 2025 compares the two regimes' counts.
//
// Follows the shape of analysis.h: YearOnYearRequest, YearOnYearLoadOptions,
// CompareWithPreviousYear(delivery, request, parameters) -> Result<YearOnYearTable>.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "banenmonitor/count.h"

namespace banenmonitor {

struct YearOnYearRequest {
  int year = 0;
  Window window = Window::kQ4;
};

// One scope of the count of Y beside the same scope in Y - 1.
struct YearOnYearRow {
  std::size_t index = 0;                     // of the row in YearOnYearTable::current.rows
  ScopeLevel level = ScopeLevel::kTotal;
  bool in_previous = false;                  // the scope is in the count of Y - 1 (its employers.csv)
  Ratio jobs_previous{0, 1};                 // exact jobs of Y - 1 (0 where the scope is absent)
  Ratio change_jobs{0, 1};                   // jobs(Y) - jobs(Y - 1), exact
  // realisation_pct(Y) - realisation_pct(Y - 1) in percentage points, of the
  // unrounded percentages; nullopt where either year has no percentage.
  std::optional<long double> change_realisation_pp;
};

struct YearOnYearTable {
  int year = 0;
  Window window = Window::kQ4;
  RealisationTable current;   // Y, by the law of Y
  RealisationTable previous;  // Y - 1, by the law of Y - 1
  std::vector<YearOnYearRow> rows;  // one per row of `current`, in its order

  // The rows of `level` (with `total` first), as RealisationTable::RowsFor.
  std::vector<const YearOnYearRow*> RowsFor(ScopeLevel level) const;
  // The row of `scope`, nullptr when the count of Y has no such scope.
  const YearOnYearRow* Find(std::string_view scope) const;
};

// The months of the window in Y - 1 and in Y (CountLoadOptions over the two
// years): one reading of the delivery serves both counts.
LoadOptions YearOnYearLoadOptions(const YearOnYearRequest& request);

// Counts request.year and request.year - 1 (each with its own parameters and
// law, CountJobs) and pairs the rows by scope.
// REQUIRES: `delivery` holds at least the months of YearOnYearLoadOptions(request).
// Fails as CountJobs does.
Result<YearOnYearTable> CompareWithPreviousYear(const Delivery& delivery, const YearOnYearRequest& request,
                                                const ParameterSet& parameters);

}  // namespace banenmonitor
