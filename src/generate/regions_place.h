// Where the synthetic Netherlands is: the arbeidsmarktregio of every employer
// (employers.csv `region`, counting.md §8) and of every person (register.csv
// `region`: where the person lives), from the reference table of the 35
// regions (include/banenmonitor/regions.h). The choices are in
// docs/calibration.md ("Regions").
//
// Deterministic in the seed without drawing from the run's Rng: every choice
// hashes (seed, employer or person, purpose), so placing changes no other file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "generate/employers.h"
#include "generate/population.h"
#include "generate/simulation.h"

namespace banenmonitor::generate {

// The region's name per employer, in the order of universe.employers: a
// gemeente in the region of a real gemeente (the largest four in Amsterdam,
// Rotterdam, 's-Gravenhage and Utrecht), a provincie in the region of its
// capital, the Rijk mostly in Haaglanden, every other employer by the size of
// the regions (their number of gemeenten, the four large cities' regions
// threefold).
std::vector<std::string> PlaceEmployers(const EmployerUniverse& universe, std::uint64_t seed);

// The region's name per person (index of population.persons): mostly (85 %)
// the region of the employer of the person's first job (the hirer for a
// person lent out), else by the size of the regions; a person who never
// worked, by the size of the regions.
std::vector<std::string> PlacePersons(const Population& population, const Simulation& sim,
                                      const std::vector<std::string>& employer_regions, std::uint64_t seed);

}  // namespace banenmonitor::generate
