// The persons of the doelgroepregister in the synthetic Netherlands: the
// stock of the old schemes (Wajong, Wsw, WIW/ID) at the nulmeting and the
// inflow of later years (Participatiewet, indicatie banenafspraak, vso/pro,
// voorziening), with exits, ground changes and a few overlapping rows.
#pragma once

#include <cstdint>
#include <vector>

#include "banenmonitor/delivery.h"
#include "generate/plan.h"
#include "generate/rng.h"

namespace banenmonitor::generate {

// Which placements a person can take.
enum class PersonKind : unsigned char {
  kGeneral,      // regular employment, agency work
  kWsw,          // Wsw employment (wsw = 1) at a Wsw employer, internal or seconded
  kVoorziening,  // only `voorziening`: counts for the quotum, not for the banenafspraak
};

struct GenPerson {
  std::uint32_t bsn = 0;  // 9 digits passing the elfproef
  PersonKind kind = PersonKind::kGeneral;
  Ground ground = Ground::kWajong;
  Ground ground2 = Ground::kWajong;  // from change_day on (the same ground when there is no change)
  DayNumber start = 0;               // first day registered
  DayNumber end = kOpenEnd;          // last day registered (inclusive); kOpenEnd: still registered
  DayNumber change_day = 0;          // 0: no change of ground
  DayNumber voorziening_from = 0;    // 0: none; else an extra, overlapping `voorziening` row from this day
};

struct Population {
  std::vector<GenPerson> persons;  // in order of registration start
  // A person counts in month m (counting.md §3 rule 1): a non-voorziening row covers a day of m.
  bool Eligible(std::uint32_t person, MonthIndex m) const;
  // Persons registered on 31 December of `year`.
  std::int64_t RegisteredAt(DayNumber day) const;
};

// Builds the register from the nulmeting to 31 December of plan.to_year.
Population BuildPopulation(const Plan& plan, Rng& rng);

// The check digit that makes 8 digits a BSN under the elfproef, or -1 when none exists.
int ElfproefCheckDigit(std::uint32_t first_eight);

}  // namespace banenmonitor::generate
