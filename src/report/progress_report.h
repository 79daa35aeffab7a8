// The progress report "Voortgang banenafspraak Y" as a document model: the
// figures of every section, computed by the engine and the analyses, already
// through disclosure control (report/disclosure.h), and the Dutch sentences of
// the summary. The renderers (report_render.h) only format this model; they
// never count and never decide what is secret.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"
#include "banenmonitor/provenance.h"
#include "banenmonitor/status.h"
#include "report/disclosure.h"
#include "report/svg_chart.h"

namespace banenmonitor::report {

// One entry of a table: text (a label) or a figure.
struct ReportCell {
  bool is_number = false;
  std::string text;                 // a label (is_number false)
  std::optional<double> value;      // the figure; nullopt: missing ('.')
  std::optional<Ratio> exact;       // the same figure exactly, when known (rounded half away from zero)
  int decimals = 0;
  bool percent = false;             // shown with " %"
  bool secret = false;              // 'x'
  bool nil = false;                 // '-': no persons behind it

  static ReportCell Text(std::string text);
};

// The cell as people read it: "x", ".", "-", "1.234", "80,0 %" (Dutch).
std::string DisplayDutch(const ReportCell& cell);
// The figure rounded as displayed ("1234.5"), or "" for a label or a symbol.
std::string DisplayFixed(const ReportCell& cell);

struct ReportTable {
  std::string id;       // short, unique; the sheet name in Excel ("Rijk", "Publieke sectoren")
  std::string title;    // the caption
  std::vector<std::string> headers;
  std::vector<std::vector<ReportCell>> rows;
  std::vector<bool> total_rows;  // per row: a total (bold)
  std::string note;     // shown below the table
};

struct ReportSection {
  std::string id;       // anchor, e.g. "kern"
  std::string title;    // "Kern", "Sector Rijk", ...
  std::vector<std::string> paragraphs;
  std::vector<ReportTable> tables;
  std::vector<LineChartSpec> charts;
};

struct ProgressReportRequest {
  int year = 0;
  int first_year = 2015;           // the trends start here (the first year of the banenafspraak's targets)
  long long min_persons = 10;      // disclosure control (--min-persons)
  std::string source;              // "werkruimte WS, snapshot 3" or "levering DIR"
  std::string recorded_at;         // the snapshot's own import time (ISO 8601); empty for a directory
  // Employers of the Rijk whose name starts with this are Binnenwerk (the Rijk's
  // group placements) and are shown apart from their ministry.
  std::string binnenwerk_prefix = "Binnenwerk";
};

// What every face of a report on a synthetic delivery (delivery.csv:
// synthetic = 1, counting.md §2) says: the mark beside titles and on every
// PDF page, and the notice under the title.
inline constexpr const char* kSyntheticMark = "synthetische gegevens";
inline std::string SyntheticNotice() {
  return "Synthetische gegevens: de levering zegt zelf dat ze gegenereerd is (delivery.csv: synthetic = 1). Dit is "
         "geen meting; de cijfers zijn geen uitkomst van de banenafspraak.";
}

struct ProgressReport {
  int year = 0;
  std::string title;                 // "Voortgang banenafspraak 2024"
  std::vector<ReportSection> sections;
  Provenance provenance;
  std::string recorded_at;
  long long min_persons = 10;
  // What was published, for the audit and the Verantwoording.
  DisclosureTable disclosure;
  DisclosureResult protection;
};

// The months the report of `request.year` reads: from January of
// min(first_year - 1, year - 2) (the trends from Q4 of first_year - 1, the job
// quality from Y - 2) to December of the year. The caller sets skip_invalid.
LoadOptions ProgressReportLoadOptions(const ProgressReportRequest& request);

// Builds the report of `request.year`.
// REQUIRES: `delivery` holds at least the months of ProgressReportLoadOptions(request).
// Counts Q4 of every year from first_year to year, runs the law-change scenario
// and the job-quality analysis for `year`, builds the disclosure table of every
// published figure and protects it. The delivery is taken by value: the
// employers of the Rijk are given their ministry (or "Binnenwerk") as
// organisation for the count per ministry.
Result<ProgressReport> BuildProgressReport(Delivery delivery, const ProgressReportRequest& request,
                                           const ParameterSet& parameters);

}  // namespace banenmonitor::report
