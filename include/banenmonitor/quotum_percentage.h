// The quotum percentage of one year (Wfsv art. 38f; spec:
// quotum-and-scenarios.md §2): the percentage published for the year, with its
// status and source, beside the reconstruction by the formula of art. 38f
// lid 2 from the inputs A-H, each a parameter with its legal basis.
//
// A percentage belongs to its own year: the value of an earlier year is never
// carried forward. A year without a published (or SZW indicative) percentage
// has none, and the quotum says so.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "banenmonitor/params.h"
#include "banenmonitor/quotum.h"
#include "banenmonitor/status.h"

namespace banenmonitor {

// The percentage of `sector` for `year`: the entry of quotum_pct_<sector>
// valid from a day in `year`, else that of quotum_pct_indicative_<sector>,
// else none. An entry of an earlier year does not count.
struct YearPct {
  PctStatus status = PctStatus::kNone;
  std::optional<PctHundredths> pct;
  const Parameter* parameter = nullptr;  // the entry used; nullptr for kNone
};
// Fails when the entry's value is not a percentage with at most two decimals.
Result<YearPct> PctOfYear(const ParameterSet& set, Sector sector, int year);

// One input of the formula: its letter, its parameter and what applies in the year.
struct PctInput {
  char letter = 'A';
  std::string parameter;          // the parameter's name
  std::optional<double> value;    // nullopt: the parameter file has none for the year
  std::string legal_basis, source;
};

struct QuotumPercentageRow {
  int year = 0;
  Sector sector = Sector::kGovernment;
  YearPct published;
  std::vector<PctInput> inputs;                     // A, B, C, D, E, F, G, H in that order
  std::optional<QuotumPercentageResult> reconstructed;  // nullopt when an input is missing
};

struct QuotumPercentageRequest {
  int year = 0;
  std::optional<Sector> sector;  // nullopt: both sectors, government first
};

struct QuotumPercentageTable {
  int year = 0;
  std::vector<QuotumPercentageRow> rows;
};

// The published percentage and the reconstruction of request.year for the
// sector(s) asked. B, D and H are set per year (Regeling Wfsv art. 3.35) and
// are looked up for the year itself only; A, C, E and G hold until changed; F
// follows the table of Besluit Wfsv art. 2.32 (0 before its first year).
// Fails when a parameter has a value that is not a percentage.
Result<QuotumPercentageTable> QuotumPercentageOfYear(const QuotumPercentageRequest& request,
                                                     const ParameterSet& parameters);

}  // namespace banenmonitor
