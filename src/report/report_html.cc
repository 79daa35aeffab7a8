// The HTML face of the progress report (and, through WeasyPrint, the PDF).
#include <fmt/format.h>

#include "report/html.h"
#include "report/report_render.h"

namespace banenmonitor::report {

namespace {

// Screen and print in one sheet. The @page rules are read by WeasyPrint for the
// PDF: A4, page numbers "Pagina n van m" in the bottom margin.
constexpr const char* kCss = R"(
:root { --blue: #154273; --pink: #ca005d; --line: #c8d1dc; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1a1a1a; max-width: 64rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; line-height: 1.45; font-size: 15px; }
header { border-bottom: 4px solid var(--blue); margin-bottom: 1rem; }
h1 { color: var(--blue); font-size: 1.9rem; margin: .2rem 0 .3rem; }
.subtitle { color: #444; margin: 0 0 .8rem; }
h2 { color: var(--blue); border-bottom: 2px solid var(--blue); padding-bottom: .2rem; margin-top: 2.2rem; }
nav ol { columns: 2; padding-left: 1.2rem; margin: .4rem 0 1rem; }
nav a, a { color: var(--blue); }
table { border-collapse: collapse; margin: .6rem 0 .3rem; width: 100%; font-size: .9rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; color: #222; }
th, td { padding: .25rem .45rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: #e8eef5; text-align: right; font-weight: 600; }
thead th:first-child, tbody th { text-align: left; }
tbody th { font-weight: normal; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.t { text-align: left; }
td.hash { word-break: break-all; font-family: "DejaVu Sans Mono", monospace; font-size: .78rem; }
tr.total th, tr.total td { font-weight: bold; border-top: 2px solid var(--blue); }
td.x { color: #8a1538; }
.note { color: #444; font-size: .85rem; margin: .1rem 0 1rem; }
.wide { font-size: .78rem; }
.charts { display: flex; flex-wrap: wrap; gap: .6rem 1rem; }
figure { margin: 0; break-inside: avoid; }
figcaption { font-weight: bold; font-size: .9rem; color: #222; }
svg.chart { max-width: 100%; height: auto; }
.kern > p { font-size: 1.05rem; }
@page { size: A4; margin: 18mm 15mm 20mm;
  @bottom-left { content: "Voortgang banenafspraak"; font-size: 8pt; color: #555; }
  @bottom-right { content: "Pagina " counter(page) " van " counter(pages); font-size: 8pt; color: #555; } }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  section { break-before: page; }
  section.kern { break-before: auto; }
  h2 { margin-top: 0; }
  table { font-size: 7.5pt; break-inside: avoid; }
  th, td { padding: .12rem .25rem; }
  .wide { font-size: 6.5pt; }
  /* WeasyPrint does not break a flex box across pages: charts flow as inline blocks. */
  .charts { display: block; }
  figure { display: inline-block; width: 49%; vertical-align: top; margin-bottom: .3cm; break-inside: avoid; }
  .charts svg.chart { width: 8.3cm; }
  a { color: inherit; text-decoration: none; }
}
)";

std::string CellHtml(const ReportCell& c) {
  if (!c.is_number) {
    const bool hash = c.text.size() == 64 && c.text.find_first_not_of("0123456789abcdef") == std::string::npos;
    return fmt::format("<td class=\"{}\">{}</td>", hash ? "t hash" : "t", HtmlEscape(c.text));
  }
  const std::string shown = HtmlEscape(DisplayDutch(c));
  if (c.secret) return "<td class=\"n x\" title=\"geheim\">" + shown + "</td>";
  if (c.nil) return "<td class=\"n\" title=\"nihil\">" + shown + "</td>";
  if (!c.value) return "<td class=\"n\" title=\"ontbreekt\">" + shown + "</td>";
  return "<td class=\"n\">" + shown + "</td>";
}

std::string TableHtml(const ReportTable& t) {
  const bool wide = t.headers.size() > 9;
  std::string out = fmt::format("<table{}>\n<caption>{}</caption>\n<thead><tr>", wide ? " class=\"wide\"" : "",
                                HtmlEscape(t.title));
  for (const auto& h : t.headers) out += "<th scope=\"col\">" + HtmlEscape(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    out += t.total_rows[r] ? "<tr class=\"total\">" : "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      // The first column names the row: a row header when it is a label.
      if (c == 0 && !row[c].is_number) {
        out += "<th scope=\"row\">" + HtmlEscape(row[c].text) + "</th>";
      } else {
        out += CellHtml(row[c]);
      }
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  if (!t.note.empty()) out += "<p class=\"note\">" + HtmlEscape(t.note) + "</p>\n";
  return out;
}

}  // namespace

std::string RenderHtml(const ProgressReport& report) {
  // A synthetic delivery says so under the title and at the top of every PDF page.
  const bool synthetic = report.provenance.synthetic;
  const std::string page_mark =
      synthetic ? ".synthetic { background: #fdf1f6; border-left: 6px solid var(--pink); padding: .4rem .7rem; "
                  "font-weight: bold; }\n@page { @top-center { content: \"" + std::string(kSyntheticMark) +
                      "\"; font-size: 9pt; font-weight: bold; color: #ca005d; } }\n"
                : std::string();
  const std::string banner =
      synthetic ? "<p class=\"synthetic\" role=\"note\">" + HtmlEscape(SyntheticNotice()) + "</p>\n" : std::string();
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\">\n<title>{0}{4}</title>\n<style>{1}{5}</style>\n</head>\n<body>\n"
      "<header>\n<h1>{0}</h1>\n<p class=\"subtitle\">Extra banen voor mensen uit het doelgroepregister, eind {2} "
      "(vierde kwartaal). Bron: {3}.</p>\n{6}</header>\n<nav aria-label=\"Inhoud\">\n<ol>\n",
      HtmlEscape(report.title), kCss, report.year, HtmlEscape(report.provenance.source),
      synthetic ? " (synthetische gegevens)" : "", page_mark, banner);
  for (const auto& s : report.sections) {
    out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", HtmlEscape(s.id), HtmlEscape(s.title));
  }
  out += "</ol>\n</nav>\n<main>\n";
  for (const auto& s : report.sections) {
    out += fmt::format("<section id=\"{0}\" class=\"{0}\" aria-labelledby=\"h-{0}\">\n<h2 id=\"h-{0}\">{1}</h2>\n",
                       HtmlEscape(s.id), HtmlEscape(s.title));
    for (const auto& p : s.paragraphs) out += "<p>" + HtmlEscape(p) + "</p>\n";
    if (!s.charts.empty()) {
      out += "<div class=\"charts\">\n";
      for (const auto& c : s.charts) {
        out += "<figure>\n<figcaption>" + HtmlEscape(c.title) + "</figcaption>\n" + LineChartSvg(c) + "</figure>\n";
      }
      out += "</div>\n";
    }
    for (const auto& t : s.tables) out += TableHtml(t);
    out += "</section>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace banenmonitor::report
