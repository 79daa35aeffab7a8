// The subsector codes of the data contract (counting.md §2, employers.csv).
#pragma once

#include <array>
#include <string_view>

namespace banenmonitor::data {

// Public subsectors of the government sector.
inline constexpr std::array<std::string_view, 15> kGovernmentSubsectors = {
    "rijk", "gemeenten", "provincies", "waterschappen", "defensie", "politie", "rechtspraak", "po",
    "vo", "mbo", "hbo", "wo", "umc", "onderzoek", "overig"};

// The one subsector of the market sector (empty in employers.csv means it too).
inline constexpr std::string_view kMarketSubsector = "market";

}  // namespace banenmonitor::data
