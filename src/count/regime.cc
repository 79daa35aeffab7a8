// The law of a year (include/banenmonitor/regime.h; counting.md §7).
#include "banenmonitor/regime.h"

#include <string>

#include "data/fields.h"

namespace banenmonitor {

const char* LawCode(Law law) { return law == Law::kWetBanenafspraak ? "wet_banenafspraak" : "wfsv"; }

std::string LawLabel(Law law) {
  return law == Law::kWetBanenafspraak ? "Wet banenafspraak (Kamerstuk 36 449)"
                                       : "Wet banenafspraak en quotum arbeidsbeperkten (Wfsv, tot en met 2025)";
}

LawOfYear LawOf(const ParameterSet& parameters, int year) {
  LawOfYear out;
  out.year = year;
  const DayNumber january_first = data::FirstDayOf(MakeMonth(year, 1));
  const Parameter* flag = parameters.Find("wet_banenafspraak_in_force", january_first);
  for (const Parameter& p : parameters.all()) {  // the first entry with value 1 is the entry into force
    if (p.name == "wet_banenafspraak_in_force" && p.value != 0) {
      out.in_force = p.valid_from;
      const std::string date = data::FormatDate(p.valid_from);  // YYYY-MM-DD
      const int y = std::stoi(date.substr(0, 4));
      out.first_year = date.substr(5) == "01-01" ? y : y + 1;
      break;
    }
  }
  if (flag == nullptr) {
    out.basis = "geen wet_banenafspraak_in_force in parameterbestand " + parameters.version() + ": de Wfsv";
  } else {
    out.basis = flag->legal_basis;
    if (flag->value != 0) out.law = Law::kWetBanenafspraak;
  }
  if (out.law == Law::kWetBanenafspraak) {
    if (const Parameter* target = parameters.Find("target_extra_jobs_national", january_first)) {
      out.national_target = target->value;
      out.national_target_basis = target->legal_basis;
    } else {
      out.national_target_basis =
          "geen target_extra_jobs_national in parameterbestand " + parameters.version() + ": geen AMvB voor " +
          std::to_string(year) + " gevonden";
    }
  }
  return out;
}

}  // namespace banenmonitor
