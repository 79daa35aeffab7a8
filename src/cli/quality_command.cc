// banenmonitor quality: job quality after UWV's "Duurzaamheid van werk"
// (retention, contracts, hours, inflow) per scope (docs/job-quality.md).
#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include "banenmonitor/delivery.h"
#include "banenmonitor/job_quality.h"
#include "banenmonitor/params.h"
#include "banenmonitor/provenance.h"
#include "cli/commands.h"
#include "cli/source.h"
#include "common/lang.h"
#include "report/job_quality_format.h"

namespace banenmonitor::cli {

namespace {

struct QualityOptions : AnalysisOptions {
  int year = 0;
  std::string by = "sector";
};

int RunQuality(const QualityOptions& o, const GlobalOptions& global) {
  auto level = ParseScopeLevel(o.by);
  if (!level || *level == ScopeLevel::kTotal) {
    return ReportUsage(
        "quality", Pick("ongeldige waarde van een optie (zie banenmonitor quality --help)", "invalid option value"));
  }
  const QualityRequest request{o.year, *level};
  return Analyse(
      o, global, QualityLoadOptions(request), "quality",
      [&](const AnalysisInput& input) { return JobQuality(input.source.delivery, request, input.params); },
      [&](const QualityTable& table, const AnalysisInput& input) {
        if (!o.explain.empty()) {
          return WriteExplanation(report::QualityExplanation(table, o.explain), [&] {
            const std::string_view try_by = o.explain.starts_with("subsector:")      ? "subsector"
                                            : o.explain.starts_with("organisation:") ? "organisation"
                                            : o.explain.starts_with("employer:")     ? "employer"
                                                                                     : "sector";
            return Say("banenmonitor quality: geen scope '{}' bij --by {} (probeer --by {} of zie de kolom Sleutel "
                       "van de tabel)",
                       "banenmonitor quality: no scope '{}' at --by {} (try --by {} or see the table's Sleutel column)",
                       o.explain, o.by, try_by);
          }, o.out);
        }
        return EmitAnalysis(o, input, [&](const Provenance& provenance) {
          return TableFaces{
              [&] { return report::QualityCsv(table); }, [&] { return report::QualityJson(table, provenance); },
              [&] {
                return report::QualityText(table, provenance, report::EmployerNamesOf(input.source.delivery.employers));
              }};
        });
      });
}

void AddQualityOptions(CLI::App* cmd, QualityOptions& o) {
  AddSourceAndYear(cmd, o.source, o.year,
                   Help("Jaar J, bijvoorbeeld 2023 (de maanden van J-2 t/m J worden gelezen)",
                        "Year Y, e.g. 2023 (months of Y-2 .. Y are read)"),
                   1902, 2199)
      ->required();
  AddByOption(cmd, o.by,
              Help("Rijen na `total`: sector, subsector, organisation, employer of region (arbeidsmarktregio "
                   "van de werkgever)",
                   "Rows after `total`: sector, subsector, organisation, employer or region (the employer's labour "
                   "market region)"),
              {"sector", "subsector", "organisation", "employer", "region"});
  AddFormatOption(
      cmd, o.format,
      Help("table = tabel met definities; csv = één rij per scope; json = hetzelfde met dekking en herkomst",
           "table = Dutch table with definitions; csv = one row per scope; json = the same with coverage and "
           "provenance"));
  AddExplainOption(cmd, o.explain,
                   Help("Toon in plaats van de tabel de tellers en noemers achter één scope (bijvoorbeeld government, "
                        "subsector:rijk met --by subsector)",
                        "Print the numerators and denominators behind one scope instead of the table (e.g. "
                        "government, subsector:rijk with --by subsector)"));
  AddOutAndSkipInvalid(cmd, o);
}

}  // namespace

BANENMONITOR_COMMAND(
    70, "quality",
    Help("Kwaliteit van banen naar 'Duurzaamheid van werk' van UWV: behoud van Q3 van J-1 tot Q3 van J (overal en "
         "bij dezelfde werkgever), vaste contracten en uren per week in Q4 van J, instroom en het behoud van de "
         "instroom van vorig jaar (methode: docs/job-quality.md).",
         "Job quality after UWV's 'Duurzaamheid van werk': retention from Q3 of Y-1 to Q3 of Y (anywhere and at the "
         "same employer), permanent contracts and weekly hours in Q4 of Y, inflow and the retention of last year's "
         "inflow (method: docs/job-quality.md)."),
    AddQualityOptions, RunQuality);

}  // namespace banenmonitor::cli
