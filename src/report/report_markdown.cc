// The Markdown face of the progress report: headings, paragraphs and GitHub
// tables (figures right-aligned), for pasting into a draft letter.
#include <fmt/format.h>

#include "report/report_render.h"

namespace banenmonitor::report {

namespace {

// A table cell may not hold '|' or a line break.
std::string MdText(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

}  // namespace

std::string MarkdownTable(const ReportTable& t, std::string (*escape)(const std::string&)) {
  std::string out = "|";
  for (const auto& h : t.headers) out += " " + escape(h) + " |";
  out += "\n|";
  for (std::size_t c = 0; c < t.headers.size(); ++c) {
    bool numeric = false;
    for (const auto& row : t.rows) numeric = numeric || (c < row.size() && row[c].is_number);
    out += numeric ? "---:|" : "---|";
  }
  out += "\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    out += "|";
    for (const auto& cell : t.rows[r]) {
      std::string text = escape(DisplayDutch(cell));
      const bool bold = r < t.total_rows.size() && t.total_rows[r] && !text.empty();
      out += " " + (bold ? "**" + text + "**" : text) + " |";
    }
    out += "\n";
  }
  return out;
}

std::string RenderMarkdown(const ProgressReport& report) {
  std::string out = fmt::format("# {}\n\nExtra banen voor mensen uit het doelgroepregister, eind {} (vierde kwartaal). Bron: {}.\n",
                                report.title, report.year, report.provenance.source);
  if (report.provenance.synthetic) out += "\n> **" + SyntheticNotice() + "**\n";
  for (const auto& s : report.sections) {
    out += fmt::format("\n## {}\n\n", s.title);
    for (const auto& p : s.paragraphs) out += p + "\n\n";
    for (const auto& t : s.tables) {
      out += fmt::format("**{}**\n\n", MdText(t.title));
      out += MarkdownTable(t, MdText);
      if (!t.note.empty()) out += "\n" + t.note + "\n";
      out += "\n";
    }
  }
  return out;
}

}  // namespace banenmonitor::report
