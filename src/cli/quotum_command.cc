// banenmonitor quotum: liability, shortfall and levy per employer, subsector
// and sector (quotum-and-scenarios.md §1). Parses options, loads the months of
// Y - 1 and Y, calls ComputeQuotum and renders; no domain logic here.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <vector>

#include "banenmonitor/params.h"
#include "banenmonitor/provenance.h"
#include "banenmonitor/quotum.h"
#include "banenmonitor/quotum_percentage.h"
#include "cli/commands.h"
#include "cli/source.h"
#include "common/lang.h"
#include "report/quotum_format.h"
#include "report/quotum_percentage_format.h"

namespace banenmonitor::cli {

namespace {

struct QuotumOptions : AnalysisOptions {
  int year = 0;
  std::string by = "employer";
  std::vector<std::string> quotum_pct;
};

struct PercentageOptions {
  int year = 0;
  std::string sector;
  std::string format = "table";
  std::string out;
};

int RunPercentage(const PercentageOptions& o, const GlobalOptions& global) {
  auto params = LoadParameters(global);
  if (!params) return ReportStatus(params.error());
  QuotumPercentageRequest request{o.year, {}};
  if (!o.sector.empty()) request.sector = o.sector == "government" ? Sector::kGovernment : Sector::kMarket;
  auto table = QuotumPercentageOfYear(request, *params);
  if (!table) return ReportStatus(table.error());
  const Provenance provenance{ProgramVersion(), params->version(), params->sha256(), "", {}, false};
  return EmitTable(o.format,
                   {[&] { return report::QuotumPercentageCsv(*table); },
                    [&] { return report::QuotumPercentageJson(*table, provenance); },
                    [&] { return report::QuotumPercentageText(*table, provenance); }},
                   o.out);
}

// Says on standard error which sector with employers has no percentage for the
// year, and which has only SZW's indicative one (Wfsv art. 38f: not set).
void SayMissingPercentages(const QuotumTable& table) {
  for (Sector s : {Sector::kGovernment, Sector::kMarket}) {
    const QuotumSectorRule& rule = table.params.For(s);
    if (table.FindTotal(SectorName(s)) == nullptr) continue;
    if (rule.pct && !rule.pct_overridden && rule.pct_status == PctStatus::kIndicative) {
      const std::int64_t pct = *rule.pct;
      fmt::print(stderr, "{}\n",
                 Say("banenmonitor quotum: het quotumpercentage van de sector {} voor {} is het indicatieve "
                     "{},{:02d} %: SZW heeft voor dit jaar geen percentage vastgesteld (Wfsv art. 38f); vereist "
                     "aantal banen, tekort en heffing zijn indicatief (zie banenmonitor quotum percentage --year {}).",
                     "banenmonitor quotum: the quotum percentage of the sector {} for {} is the indicative "
                     "{}.{:02d} %: SZW set no percentage for this year (Wfsv art. 38f); required jobs, shortfall and "
                     "levy are indicative (see banenmonitor quotum percentage --year {}).",
                     SectorName(s), table.year, pct / 100, pct % 100, table.year));
      continue;
    }
    if (rule.pct) continue;
    fmt::print(stderr, "{}\n",
               Say("banenmonitor quotum: voor de sector {} is voor {} geen quotumpercentage gepubliceerd (Wfsv art. "
                   "38f; het percentage van een eerder jaar geldt niet): geen vereist aantal banen, tekort of heffing. "
                   "Geef het percentage met --quotum-pct {}=PCT (zie banenmonitor quotum percentage --year {}).",
                   "banenmonitor quotum: no quotum percentage was published for the sector {} for {} (Wfsv art. 38f; "
                   "an earlier year's percentage does not apply): no required jobs, shortfall or levy. Give the "
                   "percentage with --quotum-pct {}=PCT (see banenmonitor quotum percentage --year {}).",
                   SectorName(s), table.year, SectorName(s), table.year));
  }
}

int RunQuotum(const QuotumOptions& o, const GlobalOptions& global) {
  if (o.year == 0) {
    return ReportUsage("quotum", Pick("--year is verplicht (zie banenmonitor quotum --help)",
                                      "--year is required (see banenmonitor quotum --help)"));
  }
  auto level = ParseQuotumLevel(o.by);
  if (!level) {
    return ReportUsage("quotum", Pick("ongeldige waarde van --by (zie banenmonitor quotum --help)", "invalid --by"));
  }
  QuotumRequest request{o.year, {}};
  for (const auto& text : o.quotum_pct) {
    auto parsed = ParseQuotumPctOverride(text);
    if (!parsed) {
      fmt::print(stderr, "{}\n", parsed.error().message());
      return parsed.error().exit_code();
    }
    request.pct_overrides.push_back(*parsed);
  }
  return Analyse(
      o, global, QuotumLoadOptions(request), "",
      [&](const AnalysisInput& input) { return ComputeQuotum(input.source.delivery, request, input.params); },
      [&](const QuotumTable& table, const AnalysisInput& input) {
        if (!table.previous_year_in_delivery) {
          fmt::print(stderr, "{}\n",
                     Say("banenmonitor quotum: {} zit niet in de levering; de quotumplicht is alleen op {} beoordeeld.",
                         "banenmonitor quotum: {} is not in the delivery; liability is judged on {} alone.",
                         o.year - 1, o.year));
        }
        SayMissingPercentages(table);
        if (!o.explain.empty()) {
          auto text = report::QuotumExplain(table, o.explain);
          if (!text) return ReportStatus(text.error());
          return WriteOutput(*text, o.out);
        }
        return EmitAnalysis(o, input, [&](const Provenance& provenance) {
          return TableFaces{[&] { return report::QuotumCsv(table, *level); },
                            [&] { return report::QuotumJson(table, *level, provenance); },
                            [&] { return report::QuotumText(table, *level, provenance); }};
        });
      });
}

void AddQuotumOptions(CLI::App* cmd, QuotumOptions& o) {
  AddSourceAndYear(cmd, o.source, o.year,
                   Help("Quotumjaar J, bijvoorbeeld 2024 (de maanden van J - 1 en J worden gelezen)",
                        "Quotum year Y, e.g. 2024 (months of Y - 1 and Y are read)"),
                   1901, 2199);
  AddByOption(cmd, o.by,
              Help("Rijen: employer (werkgever, het CSV-contract), subsector of sector",
                   "Rows: employer (the CSV contract), subsector or sector"),
              {"employer", "subsector", "sector"});
  AddFormatOption(
      cmd, o.format,
      Help("table = tabel met de reden per rij; csv = het uitvoercontract; json = dezelfde velden met redenen, "
           "parameters en herkomst",
           "table = Dutch table with the reason per row; csv = the output contract; json = the same fields "
           "with reasons, parameters and provenance"));
  cmd->add_option("--quotum-pct", o.quotum_pct,
                  Help("SECTOR=PCT: het quotumpercentage van een sector in plaats van dat uit het parameterbestand, "
                       "bijvoorbeeld market=2.00 (herhaalbaar)",
                       "SECTOR=PCT: the quotum percentage of a sector instead of the parameter file's, e.g. "
                       "market=2.00 (repeatable)"));
  AddExplainOption(cmd, o.explain,
                   Help("Toon de invoer en de stappen achter één rij: employer:ID, subsector:CODE, government, market "
                        "of total",
                        "Print the inputs and steps behind one row: employer:ID, subsector:CODE, government, market or "
                        "total"));
  AddOutAndSkipInvalid(cmd, o);
}

void AddPercentageOptions(CLI::App* cmd, PercentageOptions& o) {
  AddYearOption(cmd, "--year", o.year, Help("Het jaar, bijvoorbeeld 2018", "The year, e.g. 2018"), 1901, 2199)
      ->required();
  cmd->add_option("--sector", o.sector,
                  Help("government of market (zonder: beide)", "government or market (without: both)"))
      ->check(CLI::IsMember({"government", "market"}));
  AddFormatOption(cmd, o.format,
                  Help("table = per sector het percentage, de invoer A-H met bron en de reconstructie; csv = "
                       "year,sector,published_pct,status,reconstructed_pct; json = alles met herkomst",
                       "table = per sector the percentage, the inputs A-H with source and the reconstruction; csv = "
                       "year,sector,published_pct,status,reconstructed_pct; json = everything with provenance"));
  AddOutOption(cmd, o.out);
}

}  // namespace

BANENMONITOR_COMMAND(
    40, "quotum",
    Help("Quotum volgens de Wet BQA per werkgever: quotumplichtig of niet, tekort en heffing, met totalen per "
         "subsector en sector (methode: docs/quotum.md; uitvoercontract: quotum-and-scenarios.md §1).",
         "Quotum under the Wet BQA per employer: liable or not, shortfall and levy, with totals per subsector and "
         "sector (method: docs/quotum.md; output contract: quotum-and-scenarios.md §1)."),
    AddQuotumOptions, RunQuotum);
BANENMONITOR_SUBCOMMAND(
    40, "quotum", "percentage",
    Help("Het quotumpercentage van een jaar: gepubliceerd, indicatief of geen, met de reconstructie uit "
         "de invoer A-H en hun bronnen (Wfsv art. 38f; quotum-and-scenarios.md §2)",
         "The quotum percentage of a year: published, indicative or none, with the reconstruction "
         "from the inputs A-H and their sources (Wfsv art. 38f; quotum-and-scenarios.md §2)"),
    AddPercentageOptions, RunPercentage);

}  // namespace banenmonitor::cli
