// Names for the employers of the synthetic Netherlands. Public bodies whose
// number is fixed (provincies, waterschappen, universities, UMCs, ministries)
// carry their real names; gemeenten, schools and companies get invented,
// Dutch-sounding names, so that no figure can be mistaken for a real company's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "generate/rng.h"

namespace banenmonitor::generate {

// `n` distinct invented place names ("Lindeveen", "Oud-Beukhorst"), in random order.
std::vector<std::string> PlaceNames(std::size_t n, Rng& rng);

// An invented company name for a market employer, e.g. "Bakker Schoonmaak B.V."
// (some contain a comma, which exercises RFC 4180 quoting).
std::string CompanyName(Rng& rng, std::string_view place);
std::string AgencyName(Rng& rng, std::string_view place);
std::string WswEmployerName(Rng& rng, std::string_view place);
std::string SchoolBoardName(std::string_view subsector, Rng& rng, std::string_view place);
std::string OverigName(Rng& rng, std::string_view place);

const std::vector<std::string_view>& Provincies();
const std::vector<std::string_view>& Waterschappen();
const std::vector<std::string_view>& Universities();
const std::vector<std::string_view>& Umcs();
const std::vector<std::string_view>& ResearchInstitutes();
const std::vector<std::string_view>& Zbos();
const std::vector<std::string_view>& Courts();

// The employers (loonheffingennummers) of a ministry: name and staff, the core
// ministry first.
struct NamedSize {
  std::string_view name;
  double staff;
};
const std::vector<NamedSize>& MinistryEmployers(std::string_view ministry);

}  // namespace banenmonitor::generate
