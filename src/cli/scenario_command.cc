// banenmonitor scenario / scenario compare: the Wet banenafspraak 2026 beside
// the current rules (quotum-and-scenarios.md §3, §4; docs/scenario.md).
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>

#include "banenmonitor/params.h"
#include "banenmonitor/provenance.h"
#include "banenmonitor/scenario.h"
#include "cli/commands.h"
#include "cli/source.h"
#include "common/lang.h"
#include "report/scenario_format.h"

namespace banenmonitor::cli {

namespace {

struct ScenarioOptions : AnalysisOptions {
  int year = 0;
  std::string regime;
  std::string window = "q4";
  std::string sroi = "counts-for-contractor";
  std::string opslag;
  std::string bonus;
  std::string rows = "realisation";
  std::size_t top = 10;
  std::optional<int> activation_year;
};

int Run(const ScenarioOptions& o, const GlobalOptions& global, bool compare) {
  const std::string_view command = compare ? "scenario compare" : "scenario";
  if (o.source.data_dir.empty() && o.source.workspace.empty()) {
    return ReportUsage(
        command,
        std::string(Pick("zeg waar de gegevens staan: --data MAP (een levering) of --workspace WS (een werkruimte)",
                         "say where the data is: --data DIR (a delivery) or --workspace WS (a workspace)")));
  }
  if (o.year < 1900 || o.year > 2199) {
    return ReportUsage(command, std::string(Pick("--year J is verplicht (bijvoorbeeld --year 2023)",
                                                 "--year Y is required (e.g. --year 2023)")));
  }
  std::vector<Regime> regimes;
  if (compare) {
    regimes = {Regime::kCurrent, Regime::kWetBanenafspraak2026};
  } else {
    auto regime = ParseRegime(o.regime);
    if (!regime) {
      return ReportUsage(
          command,
          std::string(Pick("--regime is verplicht: current of wet-banenafspraak-2026 (of gebruik: scenario compare)",
                           "--regime is required: current or wet-banenafspraak-2026 (or use: scenario compare)")));
    }
    regimes = {*regime};
  }
  ScenarioRequest request;
  request.year = o.year;
  request.window = *ParseWindow(o.window);
  request.sroi_counts_for_buyer = o.sroi == "counts-for-buyer";
  request.activation_year = o.activation_year;
  if (!o.opslag.empty()) {
    auto ppm = ParseScaledDecimal(o.opslag, 4);  // percent with at most 4 decimals -> ppm of the wage
    if (!ppm || *ppm > 100 * kOpslagPpmPerPercent) {
      return ReportUsage(command,
                         Say("--opslag {}: verwacht een percentage van 0 tot en met 100 met hoogstens vier decimalen "
                             "en '.' als decimaalteken, bijvoorbeeld 0.5",
                             "--opslag {}: expected a percentage from 0 to 100 with at most four decimals "
                             "and '.' as decimal separator, e.g. 0.5",
                             o.opslag));
    }
    request.opslag_ppm = ppm;
  }
  if (!o.bonus.empty()) {
    auto micro = ParseScaledDecimal(o.bonus, 6);
    if (!micro) {
      return ReportUsage(command,
                         Say("--bonus-per-hour {}: verwacht een bedrag in euro's >= 0 met '.' als decimaalteken, "
                             "bijvoorbeeld 3.77",
                             "--bonus-per-hour {}: expected an amount in euros >= 0 with '.' as decimal "
                             "separator, e.g. 3.77",
                             o.bonus));
    }
    request.bonus_micro_eur_per_hour = micro;
  }
  return Analyse(
      o, global, ScenarioLoadOptions(request), "",
      [&](const AnalysisInput& input) { return RunScenario(input.source.delivery, request, input.params); },
      [&](const ScenarioResult& result, const AnalysisInput& input) {
        if (request.sroi_counts_for_buyer) fmt::print(stderr, "{}\n", report::kSroiPolicyNote);  // also for the CSV faces
        if (!result.old_levy_applies) fmt::print(stderr, "{}\n", report::kNoOldLevyNote);
        if (o.format == "csv") {  // the table and JSON say it themselves
          fmt::print(stderr, "{}{}{}", report::QuotumregelingNote(result), report::BonusNote(result),
                     report::BaseNote(result));
        }
        if (!o.explain.empty()) {
          auto text = report::ScenarioExplain(result, regimes, o.explain);
          if (!text) return ReportUsage(command, text.error().message());
          return WriteOutput(*text, o.out);
        }
        return EmitAnalysis(o, input, [&](const Provenance& provenance) {
          return TableFaces{[&] {
                              return o.rows == "employers" ? report::ScenarioEmployersCsv(result)
                                                           : report::ScenarioRealisationCsv(result, regimes);
                            },
                            [&] { return report::ScenarioJson(result, regimes, provenance); },
                            [&] {
                              return compare ? report::ScenarioCompareText(result, provenance, o.top)
                                             : report::ScenarioText(result, regimes[0], provenance, o.top);
                            }};
        });
      });
}

void AddOptions(CLI::App* cmd, ScenarioOptions& o) {
  AddSourceAndYear(cmd, o.source, o.year,
                   Help("Jaar van de gegevens waarop het scenario wordt toegepast, bijvoorbeeld 2023",
                        "Year of the data the scenario is applied to, e.g. 2023"),
                   1900, 2199);
  AddWindowOption(
      cmd, o.window,
      Help("Maanden van de realisatie: q4 = oktober-december, de jaareindmeting (standaard); q1, q2, q3; year. "
           "De bonus en de heffing gebruiken altijd het hele jaar.",
           "Months of the realisation: q4 = October-December, the year-end measurement (default); q1, q2, q3; "
           "year. The bonus and the levy always use the whole year."));
  cmd->add_option(
         "--sroi", o.sroi,
         Help("Social return (sroi.csv): counts-for-contractor = de huidige regel (standaard); counts-for-buyer = de "
              "uren tellen voor de overheid als opdrachtgever, begrensd zoals inleen",
              "Social return (sroi.csv): counts-for-contractor = today's rule (default); counts-for-buyer = the "
              "hours count for the government buyer, capped like hire-in"))
      ->check(CLI::IsMember({"counts-for-contractor", "counts-for-buyer"}))
      ->capture_default_str();
  cmd->add_option(
      "--opslag", o.opslag,
      Help("Inclusiviteitsopslag in procenten van het premieloon (vastgesteld bij regeling, art. 6), bijvoorbeeld "
           "0.5; zonder deze optie wordt de opslag niet berekend",
           "Inclusiviteitsopslag in percent of the premium wage (set by regulation, art. 6), e.g. 0.5; "
           "without it the surcharge is not computed"));
  cmd->add_option(
      "--bonus-per-hour", o.bonus,
      Help("Banenafspraakbonus in euro per getelde uur (standaard: de ontwerpwaarde banenafspraakbonus_per_job_design "
           "uit het parameterbestand, € 5.000 per baan van 25,5 uur per week, naar rato; Wtl art. 2.13 lid 2)",
           "Banenafspraakbonus in euro per counted hour (default: the design value banenafspraakbonus_per_job_design "
           "of the parameter file, EUR 5,000 per job of 25.5 hours a week, pro rata; Wtl art. 2.13 lid 2)"));
  cmd->add_option("--activation-year", o.activation_year,
                  Help("Neem aan dat tot activering van de quotumregeling is besloten in jaar J (Wet banenafspraak "
                       "art. 5); opslag en bonus gelden dan vanaf 1 januari J+2 (art. 6 lid 1). Zonder deze optie "
                       "geldt het parameterbestand (tot nu toe niet geactiveerd)",
                       "Assume that activation of the quotumregeling is decided in year Y (Wet banenafspraak art. 5); "
                       "surcharge and bonus then apply from 1 January Y+2 (art. 6 lid 1). Without it the parameter "
                       "file applies (not activated so far)"))
      ->check(CLI::Range(1900, 2199));
  AddFormatOption(cmd, o.format, Help("table (om te lezen), csv of json", "table (Dutch, for reading), csv or json"));
  cmd->add_option("--rows", o.rows,
                  Help("Met --format csv: realisation (per sector en subsector) of employers (werkgevers)",
                       "With --format csv: realisation (per sector and subsector) or employers"))
      ->check(CLI::IsMember({"realisation", "employers"}))
      ->capture_default_str();
  AddExplainOption(cmd, o.explain,
                   Help("Toon de berekening van één scope: total, market, government, subsector:<code>, "
                        "organisation:<naam> of employer:<id>",
                        "Show the arithmetic of one scope: total, market, government, subsector:<code>, "
                        "organisation:<name> or employer:<id>"));
  cmd->add_option("--top", o.top,
                  Help("Aantal werkgevers in de tabel, naar oude heffing", "Employers shown in the table, by old levy"))
      ->capture_default_str();
  AddOutAndSkipInvalid(cmd, o,
                       Help("Reken zonder de ongeldige rijen van de levering (ze worden wel gemeld)",
                            "Run without the invalid rows of the delivery (they are still listed)"));
}

// The options of `scenario`: those of `scenario compare` and --regime.
void AddRegimeOptions(CLI::App* cmd, ScenarioOptions& o) {
  AddOptions(cmd, o);
  cmd->add_option("--regime", o.regime, Help("current of wet-banenafspraak-2026", "current or wet-banenafspraak-2026"))
      ->check(CLI::IsMember({"current", "wet-banenafspraak-2026"}));
}

int RunRegime(const ScenarioOptions& o, const GlobalOptions& global) { return Run(o, global, false); }
int RunCompare(const ScenarioOptions& o, const GlobalOptions& global) { return Run(o, global, true); }

}  // namespace

BANENMONITOR_COMMAND(
    50, "scenario",
    Help("De Wet banenafspraak 2026 als scenario: realisatie onder een regime (current: twee sectoren en opgaven; "
         "wet-banenafspraak-2026: één sector, één opgave), social return, en per werkgever de oude heffing naast "
         "de nieuwe inclusiviteitsopslag en banenafspraakbonus (docs/scenario.md)",
         "The Wet banenafspraak 2026 as a scenario: realisation under a regime (current: two sectors and targets; "
         "wet-banenafspraak-2026: one sector, one target), social return, and per employer the old levy beside the "
         "new inclusiviteitsopslag and banenafspraakbonus (docs/scenario.md)"),
    AddRegimeOptions, RunRegime);
BANENMONITOR_SUBCOMMAND(50, "scenario", "compare",
                        Help("Beide regimes naast elkaar op één scherm", "Both regimes side by side on one screen"),
                        AddOptions, RunCompare);

}  // namespace banenmonitor::cli
