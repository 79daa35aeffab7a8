// The PDF face: the report's own HTML laid out by WeasyPrint; and writing the
// chosen faces to a directory.
//
// Why WeasyPrint (Debian package `weasyprint`) and not cairo/pango by hand:
// the HTML already holds the whole document (tables, inline SVG charts, print
// CSS with page numbers via @page counters); WeasyPrint renders exactly that,
// so the PDF cannot drift from the HTML and needs no second layout engine in
// C++. It is a separate program (Python), so the PDF is optional: without it
// only `--format pdf` fails, with a message that says what to install.
#include <fmt/format.h>
#include <fstream>

#include "common/lang.h"
#include "report/external_program.h"
#include "report/report_render.h"

namespace banenmonitor::report {

bool PdfAvailable() { return FindOnPath("weasyprint").has_value(); }

Status WritePdf(const std::string& html, const std::filesystem::path& path) {
  auto weasyprint = FindOnPath("weasyprint");
  if (!weasyprint) {
    return Status::NotFound(std::string(
        Pick("weasyprint is niet geïnstalleerd, dus er kan geen PDF worden gemaakt; installeer het met "
             "`apt-get install weasyprint` (Debian 12) of kies --format html,xlsx,md",
             "weasyprint is not installed, so no PDF can be made; install it with `apt-get install weasyprint` "
             "(Debian 12) or choose --format html,xlsx,md")));
  }
  // The HTML comes in on stdin; it refers to nothing outside itself. PDF/UA-1:
  // tagged (a structure tree, MarkInfo Marked), the document's language and
  // title (docs/report.md says how it is checked).
  const std::string command = fmt::format("{} --quiet --pdf-variant pdf/ua-1 - {}", ShellQuote(weasyprint->string()),
                                          ShellQuote(path.string()));
  return RunWithInput(command, html, Say("{}: weasyprint", "{}: weasyprint", path.string()));
}

WrittenReport WriteReportFiles(const ProgressReport& report, const std::filesystem::path& dir,
                               const std::set<std::string>& formats) {
  WrittenReport out;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    out.failures.push_back(Status::IoError(Say("{}: de map kan niet worden aangemaakt ({})",
                                               "{}: cannot create the directory ({})", dir.string(), ec.message())));
    return out;
  }
  const std::string base = (dir / fmt::format("voortgang-banenafspraak-{}", report.year)).string();
  auto note = [&](const Status& s, const std::filesystem::path& path) {
    if (s.ok()) out.files.push_back(path);
    else out.failures.push_back(s);
  };
  auto write_text = [&](const std::string& text, const std::filesystem::path& path) {
    std::ofstream file(path, std::ios::binary);
    file << text;
    note(file.flush() ? Status::Ok() : Status::IoError(path.string() + ": cannot write the file"), path);
  };
  const std::string html = RenderHtml(report);
  if (formats.contains("html")) write_text(html, base + ".html");
  if (formats.contains("md")) write_text(RenderMarkdown(report), base + ".md");
  if (formats.contains("xlsx")) note(WriteXlsx(report, base + ".xlsx"), base + ".xlsx");
  if (formats.contains("pdf")) note(WritePdf(html, base + ".pdf"), base + ".pdf");
  return out;
}

}  // namespace banenmonitor::report
