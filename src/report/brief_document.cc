// The letter's and the memo's document model and its Markdown face (brief_document.h).
#include "report/brief_document.h"
#include "report/report_render.h"

#include <fmt/format.h>

#include <algorithm>

namespace banenmonitor::report {

namespace {

// Generated text as pandoc Markdown reads it literally: the characters that
// start markup are escaped (pandoc's all_symbols_escapable).
std::string MdEscape(const std::string& s) {
  static constexpr std::string_view kMarkup = "\\`*_[]<>|~^$#@";
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += ' ';
      continue;
    }
    if (kMarkup.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string YamlString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void TableMarkdown(const ReportTable& t, std::string& out) {
  if (!t.title.empty()) out += fmt::format(": {}\n\n", MdEscape(t.title));
  out += MarkdownTable(t, MdEscape);
  out += "\n";
  if (!t.note.empty()) out += "*" + MdEscape(t.note) + "*\n\n";
}

}  // namespace

void BriefDocument::Heading(int level, std::string text) {
  blocks.push_back({DocBlock::Kind::kHeading, level, std::move(text), {}});
}
void BriefDocument::Paragraph(std::string text) { blocks.push_back({DocBlock::Kind::kParagraph, 0, std::move(text), {}}); }
void BriefDocument::Markdown(std::string text) { blocks.push_back({DocBlock::Kind::kMarkdown, 0, std::move(text), {}}); }
void BriefDocument::Table(ReportTable table) { blocks.push_back({DocBlock::Kind::kTable, 0, {}, std::move(table)}); }
void BriefDocument::Note(std::string text) { blocks.push_back({DocBlock::Kind::kNote, 0, std::move(text), {}}); }

void BriefDocument::Annex(const std::string& heading, const BriefDocument& other) {
  Heading(1, heading);
  Paragraph(other.title);
  for (DocBlock b : other.blocks) {
    if (b.kind == DocBlock::Kind::kHeading) b.level = std::min(b.level + 1, 6);
    blocks.push_back(std::move(b));
  }
}

std::string RenderDocMarkdown(const BriefDocument& doc) {
  std::string out = "---\ntitle: " + YamlString(doc.title) + "\n";
  if (!doc.subtitle.empty()) out += "subtitle: " + YamlString(doc.subtitle) + "\n";
  out += "lang: nl-NL\n---\n\n";
  if (!doc.banner.empty()) out += "**" + MdEscape(doc.banner) + "**\n\n";
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case DocBlock::Kind::kHeading:
        out += std::string(static_cast<std::size_t>(std::clamp(b.level, 1, 6)), '#') + " " + MdEscape(b.text) + "\n\n";
        break;
      case DocBlock::Kind::kParagraph:
        out += MdEscape(b.text) + "\n\n";
        break;
      case DocBlock::Kind::kMarkdown: {
        std::string text = b.text;
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        out += text + "\n\n";
        break;
      }
      case DocBlock::Kind::kTable:
        TableMarkdown(b.table, out);
        break;
      case DocBlock::Kind::kNote:
        out += "*" + MdEscape(b.text) + "*\n\n";
        break;
    }
  }
  return out;
}

}  // namespace banenmonitor::report
