// How every face says which law it applied (counting.md §7): the Wfsv up to
// 2025, the Wet banenafspraak from its entry into force, with the national
// target of the year or "doel niet vastgesteld".
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "banenmonitor/count.h"
#include "banenmonitor/regime.h"

namespace banenmonitor::report {

// One Dutch line: "Geteld volgens: Wet banenafspraak (Kamerstuk 36 449). Grondslag: ...."
std::string LawLine(const LawOfYear& law);
// The lines of a count table under its title: the law, and under the Wet
// banenafspraak the national target (or "doel niet vastgesteld"), that a
// sector's target is its own ambition, and a targets.csv total target that
// the law's target replaced. Each line ends in '\n'.
std::string LawLines(const RealisationTable& table);
// "doel niet vastgesteld" or the national target in jobs, Dutch notation.
std::string NationalTargetText(const LawOfYear& law);
// {"code", "label", "basis", "voorziening_counts", "national_target", "national_target_status",
//  "national_target_basis", "sector_targets": "legal"|"ambition", "delivery_total_target"}
nlohmann::ordered_json LawJson(const LawOfYear& law, std::optional<double> delivery_total_target = std::nullopt);

}  // namespace banenmonitor::report
