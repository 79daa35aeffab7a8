// Renderings of a ScenarioResult (include/banenmonitor/scenario.h): a Dutch
// table for one regime, the side-by-side comparison of both regimes on one
// screen, CSV, JSON and a step-by-step explanation of one scope. They format;
// they never count.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "banenmonitor/provenance.h"
#include "banenmonitor/scenario.h"
#include "banenmonitor/status.h"

namespace banenmonitor::report {

// One regime: realisation per sector and subsector, the national target(s),
// social return, and the employers with the highest old levy (`top` of them).
// quotum-and-scenarios.md §4: every face of the social-return scenario says
// that it is a policy what-if without a legal basis in the Wet banenafspraak.
inline constexpr const char* kSroiPolicyNote =
    "Social return voor de opdrachtgever is een beleidsmatige what-if: geen artikel van de Wet banenafspraak "
    "(Kamerstuk 36 449) laat social-returnbanen meetellen voor de opdrachtgever; wettelijk tellen ze bij de "
    "werkgever die het loon betaalt (art. 4).";
// Wet banenafspraak art. 12: for a year counted by it the old (Wfsv) levy does not exist.
inline constexpr const char* kNoOldLevyNote =
    "Oude quotumheffing: niet van toepassing; de quotumregeling van de Wfsv geldt niet meer vanaf de Wet "
    "banenafspraak (art. 12), en werd ook daarvóór nooit opgelegd (Wfsv art. 122na).";
// Wet banenafspraak art. 5, art. 6 lid 1 and art. 1 (quotumregeling): whether
// activation is decided, assumed (--activation-year) or neither, and whether
// the inclusiviteitsopslag and the banenafspraakbonus are due in the year,
// with the reason; one line of at most 100 columns, Dutch.
std::string QuotumregelingNote(const ScenarioResult& result);
// The rule behind it (art. 6 lid 1, art. 1) and where the activation comes from; two lines.
std::string QuotumregelingRule(const ScenarioResult& result);
// Wtl art. 2.12 and 2.13 lid 2: the bonus amount (the design value, labelled
// "ontwerpwaarde", or --bonus-per-hour) and who gets it; three lines, Dutch.
std::string BonusNote(const ScenarioResult& result);
// Art. 6 lid 4 and 8, Wfsv art. 36: the base is apportioned by hours (the cap
// per employee, lent and Wsw staff out) because the delivery has wages per
// employer only; three lines, Dutch.
std::string BaseNote(const ScenarioResult& result);

std::string ScenarioText(const ScenarioResult& result, Regime regime, const Provenance& provenance, std::size_t top = 10);

// Both regimes side by side, at most about 40 lines of at most 100 columns
// (with the 15 government subsectors and `top` employers).
std::string ScenarioCompareText(const ScenarioResult& result, const Provenance& provenance, std::size_t top = 10);

// Realisation rows (total, sectors, subsectors) of the regimes, header:
// year,window,regime,sroi,scope,persons,hours,hours_sroi,jobs,baseline_jobs,extra_jobs,target_extra_jobs,realisation_pct
std::string ScenarioRealisationCsv(const ScenarioResult& result, std::span<const Regime> regimes);

// One row per employer, sorted by employer_id, header:
// year,employer_id,sector,subsector,liable,shortfall_jobs,levy_eur,levy_charged,wage_status,wage_eur,
// wage_capped_eur,hours_all_staff,hours_lent_wsw,surcharge_base_eur,small_employer,surcharge_eur,bonus_hours,bonus_eur,net_eur
// Amounts in euro with 2 decimals; empty where they cannot be computed.
std::string ScenarioEmployersCsv(const ScenarioResult& result);

nlohmann::ordered_json ScenarioJson(const ScenarioResult& result, std::span<const Regime> regimes,
                                    const Provenance& provenance);

// The arithmetic behind one scope, in Dutch: `total`, `market`, `government`,
// `subsector:<code>`, `organisation:<name>` (realisation under the regimes) or
// `employer:<id>` (old levy, surcharge, bonus, net). Fails (usage) for a scope
// the delivery does not have.
Result<std::string> ScenarioExplain(const ScenarioResult& result, std::span<const Regime> regimes,
                                    std::string_view scope);

}  // namespace banenmonitor::report
