// The faces of the progress report: each only formats a ProgressReport (the
// figures, sentences and disclosure pattern are decided in progress_report.h).
#pragma once

#include <filesystem>
#include <set>
#include <vector>
#include <string>

#include "banenmonitor/status.h"
#include "report/progress_report.h"

namespace banenmonitor::report {

// One self-contained HTML file: inline CSS (screen and print, with page numbers
// for the PDF), inline SVG charts with text alternatives, no script and no
// reference outside the file. Same report, same bytes.
std::string RenderHtml(const ProgressReport& report);

// Markdown (GitHub tables) for pasting into a draft letter; the charts are
// left out (the trend table holds their figures).
std::string RenderMarkdown(const ProgressReport& report);

// A GitHub/pandoc pipe table of `t` (figures right-aligned, total rows bold),
// every text passed through `escape`.
std::string MarkdownTable(const ReportTable& t, std::string (*escape)(const std::string&));

// An Excel workbook (libxlsxwriter): one sheet per table with the figures as
// numbers and Dutch number formats, secret cells as the text "x", missing
// cells as ".", and the provenance on the sheets "Herkomst" and "Bestanden".
// The document's creation time is fixed (the snapshot's time when known) so
// the same report gives the same workbook.
Status WriteXlsx(const ProgressReport& report, const std::filesystem::path& path);

// The PDF: the HTML of RenderHtml laid out by WeasyPrint (Debian package
// `weasyprint`). Fails with a clear message when weasyprint is not installed.
Status WritePdf(const std::string& html, const std::filesystem::path& path);

// True when the weasyprint program is on PATH.
bool PdfAvailable();

// Writes the `formats` ("html", "pdf", "xlsx", "md") of `report` into `dir`
// (created when absent) as voortgang-banenafspraak-Y.EXT. Every format that
// can be written is written; `failures` says what could not be.
struct WrittenReport {
  std::vector<std::filesystem::path> files;
  std::vector<Status> failures;
};
WrittenReport WriteReportFiles(const ProgressReport& report, const std::filesystem::path& dir,
                               const std::set<std::string>& formats);

}  // namespace banenmonitor::report
