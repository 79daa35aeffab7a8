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
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "common/lang.h"
#include "report/report_render.h"

namespace banenmonitor::report {

namespace {

std::optional<std::filesystem::path> FindOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::filesystem::path candidate = std::filesystem::path(dir.empty() ? "." : dir) / program;
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec) && access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

// Single quotes for /bin/sh.
std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

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
  // The HTML comes in on stdin; it refers to nothing outside itself.
  const std::string command = fmt::format("{} --quiet - {}", ShellQuote(weasyprint->string()), ShellQuote(path.string()));
  FILE* pipe = popen(command.c_str(), "w");
  if (pipe == nullptr) {
    return Status::IoError(std::string(Pick("weasyprint kan niet worden gestart", "cannot start weasyprint")));
  }
  const bool written = std::fwrite(html.data(), 1, html.size(), pipe) == html.size();
  const int status = pclose(pipe);
  if (!written || status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Status::IoError(Say("{}: weasyprint kon de PDF niet maken (afsluitcode {})",
                               "{}: weasyprint could not make the PDF (exit status {})", path.string(),
                               status == -1 || !WIFEXITED(status) ? -1 : WEXITSTATUS(status)));
  }
  return Status::Ok();
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
