// The law of a year (counting.md §7; quotum-and-scenarios.md §1 and §3): which
// regime counts the banenafspraak of a calendar year. Up to 2025 the Wfsv
// (art. 38b-38j, 122n; the Wet banenafspraak en quotum arbeidsbeperkten); from
// the entry into force of the Wet banenafspraak (Kamerstuk 36 449;
// BWBR0051018) that law, for every year from then on, while the Wfsv rules
// keep applying to the years before (art. 12). The date is the parameter
// `wet_banenafspraak_in_force`, so a recount of 2025 and a count of 2026 from
// one delivery each follow their own law.
#pragma once

#include <optional>
#include <string>

#include "banenmonitor/params.h"

namespace banenmonitor {

enum class Law {
  kWfsv,             // Wfsv art. 38b-38j, 122n (before the Wet banenafspraak)
  kWetBanenafspraak  // Wet banenafspraak (from its entry into force)
};
const char* LawCode(Law law);    // "wfsv", "wet_banenafspraak" (CSV, JSON)
std::string LawLabel(Law law);   // the law's name for a reader (Dutch: the faces are Dutch)

// The law of calendar year `year` and what follows from it.
struct LawOfYear {
  int year = 0;
  Law law = Law::kWfsv;
  std::string basis;                 // the legal basis of the parameter that decides it (Dutch)
  std::optional<DayNumber> in_force; // the entry into force of the Wet banenafspraak, when the file has one
  std::optional<int> first_year;     // the first calendar year counted by it (whose 1 January is in force)
  // The first month counted by the Wet banenafspraak (January of first_year),
  // for walks over several years (count/walk.h Eligibility); nullopt: none.
  std::optional<MonthIndex> first_month() const {
    return first_year ? std::optional<MonthIndex>(MakeMonth(*first_year, 1)) : std::nullopt;
  }
  // Wet banenafspraak art. 4 lid 1-2: the national target for the year in
  // extra jobs (`target_extra_jobs_national`, set by AMvB); nullopt: "doel
  // niet vastgesteld" (and always under the Wfsv, which has sector targets).
  std::optional<double> national_target;
  std::string national_target_basis;

  // Counting rule 1 (counting.md §3 and §7.1): whether a register row with
  // the ground voorziening makes a month count. Wfsv art. 38b lid 2: no
  // (voorziening counts for the quotum only); Wet banenafspraak art. 2 lid 1
  // f: yes.
  bool voorziening_counts() const { return law == Law::kWetBanenafspraak; }
  // Wet banenafspraak art. 4: one national target; a sector's row of
  // targets.csv is the sector's own ambition, not a legal target.
  bool sector_targets_are_legal() const { return law == Law::kWfsv; }
};

// The law of `year` by `parameters`: the Wet banenafspraak when the flag
// `wet_banenafspraak_in_force` is 1 on 1 January of the year, else the Wfsv
// (also when the file has no such parameter, as parameter files before
// version 2026.3). Never fails.
LawOfYear LawOf(const ParameterSet& parameters, int year);

}  // namespace banenmonitor
