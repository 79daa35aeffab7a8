// Renderings of a RealisationTable: the CSV contract (counting.md §4), JSON
// with the same fields plus provenance, and an aligned table for people.
#pragma once

#include <nlohmann/json.hpp>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/provenance.h"
#include "banenmonitor/year_on_year.h"

namespace banenmonitor::report {

// counting.md §4 to the byte: the header, `total` then the level's scopes.
std::string RealisationCsv(const RealisationTable& table, ScopeLevel level);
// The same columns for every row of the table (`total`, then each level in
// turn: sector, subsector, organisation, employer), with or without the header
// line (to append the rows of further years to one file).
std::string RealisationCsvAllLevels(const RealisationTable& table, bool with_header);

// counting.md §7.4 (count --vs-previous-year): the same with the three columns
// jobs_previous_year,change_jobs,change_realisation_pp after realisation_pct.
std::string RealisationCsv(const YearOnYearTable& table, ScopeLevel level);
std::string RealisationCsvAllLevels(const YearOnYearTable& table, bool with_header);

// {"year", "window", "level", "hours_per_job", "rows": [...same fields...], "provenance": {...}}
nlohmann::ordered_json RealisationJson(const RealisationTable& table, ScopeLevel level, const Provenance& provenance);
// The same for the year against the previous one: every row with
// jobs_previous_year, change_jobs, change_realisation_pp, and "previous_year":
// {"year", "law"} (each year by its own law).
nlohmann::ordered_json RealisationJson(const YearOnYearTable& table, ScopeLevel level, const Provenance& provenance);

// The employers' names (the `name` column of employers.csv) by employer scope,
// "employer:123456789L01" -> "Gemeente Utrecht"; employers without a name are left out.
using EmployerNames = std::map<std::string, std::string, std::less<>>;
EmployerNames EmployerNamesOf(const std::vector<Employer>& employers);

// A Dutch table with aligned columns and thousands separators, followed by a
// line that says what was counted. An employer row is labelled with its name
// from `names` beside its number (ScopeLabel).
std::string RealisationText(const RealisationTable& table, ScopeLevel level, const Provenance& provenance,
                            const std::string& footer, const EmployerNames& names = {});
// The same with three columns more: Banen vorig jaar, Verschil banen,
// Verschil realisatie (pp), and a line under the title naming the previous
// year and its law.
std::string RealisationText(const YearOnYearTable& table, ScopeLevel level, const Provenance& provenance,
                            const std::string& footer, const EmployerNames& names = {});
// "Vergeleken met 2025 (Wet banenafspraak art. 4 lid 4: ...); 2025 geteld volgens ...\n"
std::string VsPreviousYearLine(const YearOnYearTable& table);

// A Dutch label for a scope: "Rijk", "Gemeenten", "Overheid", "Totaal",
// "Haaglanden", "Regio onbekend", "Wajong", ...
std::string ScopeLabel(std::string_view scope);
// The Dutch name of a ground of registration ("wajong" -> "Wajong").
std::string GroundLabel(std::string_view ground);
// The same, but an employer with a name in `names` is "Gemeente Utrecht (123456789L01)",
// as the dashboard shows it; one without is "Werkgever 123456789L01".
std::string ScopeLabel(std::string_view scope, const EmployerNames& names);

// The place of a subsector scope ("subsector:rijk") in the order of the letters
// to parliament (Rijk, gemeenten, provincies, waterschappen, defensie, politie,
// rechtspraak, the education sectors, UMC, onderzoek, overig, market); scopes
// not in that list come after it.
int SubsectorOrder(std::string_view scope);

}  // namespace banenmonitor::report
