// /api/v1/export/report: the progress report (report/progress_report.h) of
// the current snapshot in one of its formats, rendered by the report module
// itself, so the download is the document the ministry sends. The report
// covers every sector (published aggregates): for analysts and admins.
#include <fmt/format.h>
#include <stdlib.h>

#include <fstream>
#include <sstream>

#include "common/lang.h"
#include "report/progress_report.h"
#include "report/report_render.h"
#include "web/dashboard.h"

namespace banenmonitor::web {

HttpResult<Reply> Dashboard::ExportReport(const Call& c) {
  if (c.who.role == Role::kSector) {
    return Refuse(403, std::string(Pick("Geen toegang: het voortgangsrapport bevat alle sectoren; download de cijfers van uw sector als CSV.", "No access: the progress report holds every sector; download the figures of your sector as CSV.")));
  }
  auto snap = figures.Snapshot();
  if (!snap) return std::unexpected(snap.error());
  const LoadedSnapshot& s = **snap;
  std::string format = c.Get("format", "html");
  if (format != "html" && format != "md" && format != "xlsx") return Refuse(400, std::string(Pick("format: verwacht html, md of xlsx.", "format: expected html, md or xlsx.")));
  int year = s.years.empty() ? 0 : s.years.back();
  if (std::string y = c.Get("year"); !y.empty()) {
    if (y.size() != 4 || !std::all_of(y.begin(), y.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      return Refuse(400, std::string(Pick("year: verwacht een jaartal, bijvoorbeeld 2024.", "year: expected a year, e.g. 2024.")));
    }
    year = std::stoi(y);
  }
  if (year == 0) return Refuse(404, std::string(Pick("De levering bevat geen jaar met een eindejaarsmeting.", "The delivery has no year with a year-end measurement.")));
  report::ProgressReportRequest request;
  request.year = year;
  request.min_persons = figures.min_persons();
  request.source = s.source;
  request.recorded_at = s.imported_at;
  auto built = report::BuildProgressReport(s.delivery, request, figures.params());
  if (!built) return Refuse(built.error());
  Reply r;
  std::string file = fmt::format("voortgang-banenafspraak-{}.{}", year, format);
  if (format == "html") {
    r.body = report::RenderHtml(*built);
    r.content_type = "text/html; charset=utf-8";
  } else if (format == "md") {
    r.body = report::RenderMarkdown(*built);
    r.content_type = "text/markdown; charset=utf-8";
  } else {
    std::string tmp = (std::filesystem::temp_directory_path() / "banenmonitor-report-XXXXXX").string();
    if (mkdtemp(tmp.data()) == nullptr) return Refuse(500, std::string(Pick("Kan geen tijdelijke map maken.", "Cannot make a temporary directory.")));
    std::filesystem::path path = std::filesystem::path(tmp) / file;
    Status w = report::WriteXlsx(*built, path);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::error_code ec;
    std::filesystem::remove_all(tmp, ec);
    if (!w.ok()) return Refuse(w);
    r.body = bytes.str();
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  r.headers.push_back({"Content-Disposition", "attachment; filename=\"" + file + "\""});
  AuditEvent(c.who.name, "export", fmt::format("{} (snapshot {})", file, s.id), c.address);
  return r;
}

}  // namespace banenmonitor::web
