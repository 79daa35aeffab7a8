// banenmonitor count: jobs per scope from a delivery (counting.md §3, §4).
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"
#include "banenmonitor/provenance.h"
#include "banenmonitor/year_on_year.h"
#include "common/lang.h"
#include "cli/commands.h"
#include "cli/findings_output.h"
#include "cli/source.h"
#include "common/lang.h"
#include "common/number_format.h"
#include "common/parallel.h"
#include "data/parallel_parts.h"
#include "report/realisation_format.h"

namespace banenmonitor::cli {

namespace {

struct CountOptions : AnalysisOptions {
  int year = 0;
  std::optional<int> to_year;  // count every year from `year` to this one from one load
  std::string window = "q4";
  std::string by = "sector";
  bool vs_previous_year = false;  // counting.md §7.4: three columns against Y - 1
};

const char* const kMonthNames[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                   "juli",    "augustus", "september", "oktober", "november", "december"};

std::string Footer(const Delivery& d, const RealisationTable& t) {
  int first = FirstMonthOf(t.window);
  int last = first + MonthsIn(t.window) - 1;
  std::string out = fmt::format(
      "Geteld: {} t/m {} {}; 1 baan = {} uur in dit venster ({} uur per jaar, Besluit Wfsv art. 2.32).\n",
      kMonthNames[first - 1], kMonthNames[last - 1], t.year, Dutch(t.hours_per_job, 2),
      Dutch(t.hours_per_job_year, 0));
  out += "Gelezen:";
  bool first_file = true;
  for (const auto& f : d.files) {
    if (!f.present) continue;
    out += fmt::format("{} {} {} rijen", first_file ? "" : ",", f.name, DutchInt(f.rows));
    if (f.invalid_rows > 0) out += fmt::format(" ({} ongeldig, overgeslagen)", DutchInt(f.invalid_rows));
    first_file = false;
  }
  out += ".\n";
  if (d.stats.payroll_rows_unregistered > 0) {
    out += fmt::format("Loonregels van personen buiten het doelgroepregister (niet geteld): {}.\n",
                       DutchInt(d.stats.payroll_rows_unregistered));
  }
  if (t.stats.hours_wsw_not_counted > 0) {
    out += fmt::format("Wsw-uren die niet zijn gedetacheerd (niet geteld, Wfsv art. 122n): {}.\n",
                       Dutch(static_cast<double>(t.stats.hours_wsw_not_counted) / kMicroPerHour, 2));
  }
  if (t.stats.hours_attribution_capped > 0) {
    out += fmt::format("Inleenuren boven de verloonde uren (naar rato verlaagd, Besluit Wfsv art. 2.30): {}.\n",
                       Dutch(static_cast<double>(t.stats.hours_attribution_capped) / kMicroPerHour, 2));
  }
  out += fmt::format("Waarschuwingen: {}.\n", DutchInt(d.warning_count()));
  return out;
}

// The count of one year, alone or against the previous year (counting.md §7.4).
struct CountedYear {
  std::optional<RealisationTable> alone;
  std::optional<YearOnYearTable> vs;
  const RealisationTable& table() const { return vs ? vs->current : *alone; }
  std::string Csv(bool all_levels, ScopeLevel level) const {
    if (vs) return all_levels ? report::RealisationCsvAllLevels(*vs, true) : report::RealisationCsv(*vs, level);
    return all_levels ? report::RealisationCsvAllLevels(*alone, true) : report::RealisationCsv(*alone, level);
  }
  nlohmann::ordered_json Json(ScopeLevel level, const Provenance& provenance) const {
    return vs ? report::RealisationJson(*vs, level, provenance) : report::RealisationJson(*alone, level, provenance);
  }
  std::string Text(ScopeLevel level, const Provenance& provenance, const std::string& footer,
                   const report::EmployerNames& names) const {
    return vs ? report::RealisationText(*vs, level, provenance, footer, names)
              : report::RealisationText(*alone, level, provenance, footer, names);
  }
};

// `scopes`: MakeCountScopes(delivery), shared by the years; `workers`: the threads this year may use.
Result<CountedYear> CountYear(const Delivery& delivery, const CountOptions& o, int year, Window window,
                              const ParameterSet& params, const std::shared_ptr<const CountScopes>& scopes,
                              int workers) {
  CountedYear out;
  if (o.vs_previous_year) {
    auto vs = CompareWithPreviousYear(delivery, YearOnYearRequest{year, window}, params);
    if (!vs) return Fail(vs.error());
    out.vs = std::move(*vs);
  } else {
    CountRequest request{year, window};
    request.regions_and_grounds = o.by == "region" || o.by == "ground";
    request.scopes = scopes;
    request.workers = workers;
    auto table = CountJobs(delivery, request, params);
    if (!table) return Fail(table.error());
    out.alone = std::move(*table);
  }
  return out;
}

// The text of every year from --year to `last_year` in --format; says on
// standard error by which law each run of years is counted (csv).
Result<std::string> CountYears(const CountOptions& o, Window window, ScopeLevel level, int last_year,
                               const AnalysisInput& input) {
  const bool all_levels = o.by == "all";
  const Delivery* delivery = &input.source.delivery;
  const ParameterSet* params = &input.params;
  const Provenance provenance = ProvenanceOf(*params, input.source);
  std::string text;
  struct LawOfYears {
    int first, last;
    Law law;
    std::string basis;
  };
  std::vector<LawOfYears> laws;
  // The years are independent: counted (and for csv laid out) on every core, then written in order.
  struct YearOut {
    Result<CountedYear> counted;
    std::string csv;
  };
  // The employers' scopes are the same every year: made once (CompareWithPreviousYear makes its own).
  const std::shared_ptr<const CountScopes> scopes = o.vs_previous_year ? nullptr : MakeCountScopes(*delivery);
  // One year: counted on every core; several: the years side by side, each on one.
  const int year_workers = last_year == o.year ? data::Workers() : 1;
  std::vector<YearOut> years =
      MapInParallel(static_cast<std::size_t>(last_year - o.year + 1), data::Workers(), [&](std::size_t k) {
        const int year = o.year + static_cast<int>(k);
        YearOut y{CountYear(*delivery, o, year, window, *params, scopes, year_workers), {}};
        if (y.counted && o.format == "csv") y.csv = y.counted->Csv(all_levels, level);
        return y;
      });
  for (int year = o.year; year <= last_year; ++year) {
    YearOut& y = years[static_cast<std::size_t>(year - o.year)];
    const auto& counted = y.counted;
    if (!counted) return Fail(counted.error());
    const RealisationTable& table = counted->table();
    if (o.format == "csv") {
      // The CSV contract has no column for it: the law applied is said on standard error (counting.md §7),
      // once for each run of years counted by the same law.
      if (laws.empty() || laws.back().law != table.law.law) {
        laws.push_back({year, year, table.law.law, table.law.basis});
      } else {
        laws.back().last = year;
      }
      if (counted->vs) {
        fmt::print(stderr, "{}\n",
                   Say("banenmonitor count: vergeleken met {}, geteld volgens {}.",
                       "banenmonitor count: compared with {}, counted by {}.", year - 1,
                       LawLabel(counted->vs->previous.law.law)));
      }
      const std::string& csv = y.csv;
      text += year == o.year ? csv : csv.substr(csv.find('\n') + 1);  // one header for all years
    } else if (o.format == "json") {
      text = counted->Json(level, provenance).dump(2) + "\n";
    } else {
      if (year > o.year) text += "\n";
      text += counted->Text(level, provenance, Footer(*delivery, table), report::EmployerNamesOf(delivery->employers));
    }
  }
  for (const LawOfYears& l : laws) {
    const std::string years = l.first == l.last ? std::to_string(l.first) : fmt::format("{}–{}", l.first, l.last);
    fmt::print(stderr, "{}\n",
               Say("banenmonitor count: {} geteld volgens {}; grondslag: {}.",
                   "banenmonitor count: {} counted by {}; legal basis: {}.", years, LawLabel(l.law), l.basis));
  }
  return text;
}

int RunCount(const CountOptions& o, const GlobalOptions& global) {
  auto window = ParseWindow(o.window);
  const bool all_levels = o.by == "all";
  auto level = all_levels ? std::optional<ScopeLevel>(ScopeLevel::kEmployer) : ParseScopeLevel(o.by);
  const int last_year = o.to_year.value_or(o.year);
  if (!window || !level || *level == ScopeLevel::kTotal) {
    return ReportUsage("count",
                       Pick("ongeldige waarde van een optie (zie banenmonitor count --help)", "invalid option value"));
  }
  if (last_year < o.year) {
    return ReportUsage("count", Say("--to-year {} ligt vóór --year {}; kies een later eindjaar",
                                    "--to-year {} lies before --year {}", last_year, o.year));
  }
  if (all_levels && o.format != "csv") {
    return ReportUsage("count", Pick("--by all kan alleen met --format csv", "--by all is for --format csv"));
  }
  if (last_year > o.year && o.format == "json") {
    return ReportUsage(
        "count", Pick("--to-year kan alleen met --format csv of table", "--to-year is for --format csv or table"));
  }
  // One load for all years: only the window's months of each year are kept
  // (and of the year before the first with --vs-previous-year).
  LoadOptions load = CountLoadOptions(CountRequest{o.vs_previous_year ? o.year - 1 : o.year, *window}, last_year);
  // The csv (the output contract) carries no provenance: the files' hashes, which table and json
  // show, are not computed for it.
  load.hash_files = o.format != "csv";
  return Analyse(
      o, global, load, "",
      [&](const AnalysisInput& input) { return CountYears(o, *window, *level, last_year, input); },
      [&](const std::string& text, const AnalysisInput&) { return WriteOutput(text, o.out); });
}

void AddCountOptions(CLI::App* cmd, CountOptions& o) {
  AddSourceAndYear(cmd, o.source, o.year, Help("Te tellen jaar, bijvoorbeeld 2023", "Year to count, e.g. 2023"), 1900,
                   2199)
      ->required();
  cmd->add_option(
         "--to-year", o.to_year,
         Help("Tel elk jaar van --year tot en met dit jaar, uit één keer lezen van de gegevens (csv: één kopregel)",
              "Count every year from --year up to this one, from one reading of the data (csv: one header)"))
      ->check(CLI::Range(1900, 2199));
  AddWindowOption(cmd, o.window,
                  Help("Getelde maanden: q4 = oktober-december, de meting aan het eind van het jaar (standaard); q1, "
                       "q2, q3; year = alle twaalf maanden",
                       "Months counted: q4 = October-December, the year-end measurement (default); q1, q2, q3; year = "
                       "all twelve months"));
  AddByOption(cmd, o.by,
              Help("Niveau van de rijen na `total`: sector, subsector, organisation (bijvoorbeeld ministeries), "
                   "employer (werkgever), region (arbeidsmarktregio van de werkgever) of ground (grond van "
                   "registratie); all = sector tot en met employer in die volgorde (alleen csv)",
                   "Level of the rows after `total`: sector, subsector, organisation (e.g. ministries), employer, "
                   "region (the employer's labour market region) or ground (ground of registration); all = sector to "
                   "employer in that order (csv only)"),
              {"sector", "subsector", "organisation", "employer", "region", "ground", "all"});
  AddFormatOption(
      cmd, o.format,
      Help("table = uitgelijnde tabel om te lezen; csv = het uitvoercontract, voor spreadsheets en scripts; "
           "json = dezelfde velden met herkomst",
           "table = aligned Dutch table for reading; csv = the output contract, for spreadsheets and "
           "scripts; json = the same fields with provenance"));
  AddOutOption(cmd, o.out);
  cmd->add_flag("--vs-previous-year", o.vs_previous_year,
                Help("Zet elk jaar naast het vorige kalenderjaar (Wet banenafspraak art. 4 lid 4; counting.md §7): "
                     "drie kolommen erbij, jobs_previous_year, change_jobs en change_realisation_pp; elk jaar "
                     "geteld volgens zijn eigen wet",
                     "Set every year beside the previous calendar year (Wet banenafspraak art. 4 lid 4; counting.md "
                     "§7): three more columns, jobs_previous_year, change_jobs and change_realisation_pp; each year "
                     "counted by its own law"));
  AddSkipInvalidFlag(
      cmd, o.skip_invalid,
      Help("Tel zonder de ongeldige rijen (ze worden wel gemeld op standaardfout); zonder deze vlag stopt een "
           "ongeldige rij de telling met afsluitcode 2",
           "Count without the invalid rows (they are still listed on standard error); without this flag an "
           "invalid row stops the count with exit code 2"));
}

}  // namespace

BANENMONITOR_COMMAND(
    10, "count",
    Help("Tel banen van 25,5 uur per scope uit een levering (regels: docs/method.md; uitvoercontract: "
         "counting.md §4).",
         "Count jobs of 25.5 hours per scope from a delivery directory (rules: docs/method.md; output contract: "
         "counting.md §4)."),
    AddCountOptions, RunCount);

}  // namespace banenmonitor::cli
