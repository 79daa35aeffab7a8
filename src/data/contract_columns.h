// The columns of each file of the data contract (counting.md §2), in the order
// of the column enums of src/data/validate.cc, and what the absence of an
// optional column means (said as a warning, never in silence;
// the table in docs/method.md).
#pragma once

#include <vector>

#include "data/table_file.h"

namespace banenmonitor::data {

inline std::vector<ColumnSpec> EmployerColumns() {
  return {{"employer_id", true},
          {"name", false, "de tabellen tonen elke werkgever alleen met zijn nummer",
           "the tables show every employer by its number only"},
          {"sector", true},
          {"subsector", true},
          {"organisation", false,
           "geen werkgever hoort bij een organisatie (ministerie): het niveau organisatie blijft leeg",
           "no employer belongs to an organisation (ministry): the level organisation stays empty"},
          {"lender", false,
           "elke werkgever geldt als lender 'none' (geen uitzendbureau of Wsw-bedrijf): rijen van hire_in.csv zijn "
           "dan ongeldig",
           "every employer is taken as lender 'none' (no agency or Wsw employer): rows of hire_in.csv are then "
           "invalid"},
          // `region` may be left out without a word: only the figures per region read it, and there every
          // employer without one counts under region:onbekend (counting.md §8).
          {"region", false}};
}

// `region` (where the person lives) likewise: only the register's figures per region read it.
inline std::vector<ColumnSpec> RegisterColumns() {
  return {{"person_id", true}, {"ground", true}, {"start_date", true}, {"end_date", true}, {"region", false}};
}

// delivery.csv: one row per key (counting.md §2).
inline std::vector<ColumnSpec> ManifestColumns() { return {{"key", true}, {"value", true}}; }

inline std::vector<ColumnSpec> TargetColumns() {
  return {{"year", true},
          {"scope", true},
          {"baseline_jobs", true},
          {"target_extra_jobs", false, "geen doel heeft een opgave: het realisatiepercentage blijft leeg",
           "no target has a number of extra jobs: the realisation percentage stays empty"}};
}

// `wage` may be left out without a word: only the quotum reads it, and only
// without employer_hours.csv (docs/quotum.md).
inline std::vector<ColumnSpec> PayrollColumns() {
  return {{"person_id", true},
          {"employer_id", true},
          {"period", true},
          {"hours", true},
          {"contract", false,
           "van niemand is het soort contract bekend: de baankwaliteit telt geen vaste of tijdelijke contracten",
           "no one's kind of contract is known: job quality counts no permanent or temporary contracts"},
          {"wsw", false,
           "geen uur geldt als Wsw-uur: Wsw-uren die niet gedetacheerd zijn, tellen dan toch mee",
           "no hour is taken as a Wsw hour: Wsw hours that are not seconded then count after all"},
          {"wage", false}};
}

inline std::vector<ColumnSpec> HireInColumns() {
  return {{"person_id", true}, {"lender_id", true}, {"hirer_id", true}, {"period", true}, {"hours", true}};
}

inline std::vector<ColumnSpec> EmployerHoursColumns() {
  return {{"employer_id", true},
          {"period", true},
          {"hours", true},
          {"agency_staff_hours", false,
           "van geen werkgever zijn uren van uitgeleende uitzendkrachten bekend: er wordt niets van A afgetrokken",
           "no employer's hours of agency staff lent to others are known: nothing is subtracted from A"},
          {"wsw_hours", false,
           "van geen werkgever zijn Wsw-uren bekend: er wordt niets van A afgetrokken",
           "no employer's Wsw hours are known: nothing is subtracted from A"},
          {"wage", false, "van geen werkgever is het premieloon bekend: het scenario berekent geen inclusiviteitsopslag",
           "no employer's premium wage is known: the scenario computes no inclusiviteitsopslag"}};
}

inline std::vector<ColumnSpec> SroiColumns() {
  return {{"person_id", true}, {"contractor_id", true}, {"buyer_id", true}, {"period", true}, {"hours", true}};
}

}  // namespace banenmonitor::data
