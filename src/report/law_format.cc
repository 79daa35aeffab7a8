// The law a face applied (report/law_format.h; counting.md §7).
#include "report/law_format.h"

#include <fmt/format.h>

#include "common/number_format.h"

namespace banenmonitor::report {

std::string LawLine(const LawOfYear& law) {
  return fmt::format("Geteld volgens: {}. Grondslag: {}.\n", LawLabel(law.law), law.basis);
}

std::string NationalTargetText(const LawOfYear& law) {
  if (!law.national_target) return "doel niet vastgesteld";
  return Dutch(*law.national_target, 2) + " extra banen";
}

std::string LawLines(const RealisationTable& table) {
  const LawOfYear& law = table.law;
  std::string out = LawLine(law);
  if (law.law != Law::kWetBanenafspraak) return out;
  out += fmt::format("Landelijk doel {} (Wet banenafspraak art. 4 lid 1–2, bij AMvB): {} ({}).\n", table.year,
                     NationalTargetText(law), law.national_target_basis);
  out += "Voorziening telt mee (Wet banenafspraak art. 2 lid 1 f). Een opgave van een sector of subsector uit "
         "targets.csv is de eigen ambitie van die sector, geen wettelijk doel (art. 4).\n";
  if (table.delivery_total_target) {
    out += fmt::format("targets.csv geeft voor Totaal {} een opgave van {} extra banen; die telt niet als doel: het "
                       "doel van de wet is het landelijke doel hierboven.\n",
                       table.year, Dutch(*table.delivery_total_target, 2));
  }
  return out;
}

nlohmann::ordered_json LawJson(const LawOfYear& law, std::optional<double> delivery_total_target) {
  using nlohmann::ordered_json;
  ordered_json out;
  out["code"] = LawCode(law.law);
  out["label"] = LawLabel(law.law);
  out["basis"] = law.basis;
  out["voorziening_counts"] = law.voorziening_counts();
  if (law.law == Law::kWetBanenafspraak) {
    out["national_target"] = law.national_target ? ordered_json(*law.national_target) : ordered_json(nullptr);
    out["national_target_status"] = law.national_target ? "vastgesteld" : "doel niet vastgesteld";
    out["national_target_basis"] = law.national_target_basis;
    out["delivery_total_target"] =
        delivery_total_target ? ordered_json(*delivery_total_target) : ordered_json(nullptr);
  }
  out["sector_targets"] = law.sector_targets_are_legal() ? "legal" : "ambition";
  return out;
}

}  // namespace banenmonitor::report
