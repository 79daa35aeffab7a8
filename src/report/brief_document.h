// The document model of the letter (Kamerbrief) and the memo (beslisnota):
// headings, paragraphs, tables and notes, in order (docs/brief.md). Built by
// BuildBrief (brief.h) from the progress report's protected figures; written
// as pandoc Markdown, from which pandoc makes the Word and OpenDocument files
// and the HTML of the tagged PDF (brief_write.cc). A renderer only formats the model.
#pragma once

#include <string>
#include <vector>

#include "report/progress_report.h"

namespace banenmonitor::report {

struct DocBlock {
  enum class Kind {
    kHeading,    // `text` at `level` (1: a part such as "Bijlage 1", 2: a section, 3: a subsection)
    kParagraph,  // `text`, generated prose (no markup)
    kMarkdown,   // `text`, Markdown written by a person (a sector's own text), kept as written
    kTable,      // `table`
    kNote,       // `text`, a note in small print
  };
  Kind kind = Kind::kParagraph;
  int level = 1;
  std::string text;
  ReportTable table;
};

struct BriefDocument {
  std::string file_stem;  // "kamerbrief-banenafspraak-overheid-2024"
  std::string title;      // the document's title
  std::string subtitle;   // below the title (addressee, date line)
  std::string banner;     // said on every page when not empty ("Synthetische gegevens")
  std::vector<DocBlock> blocks;

  void Heading(int level, std::string text);
  void Paragraph(std::string text);
  void Markdown(std::string text);
  void Table(ReportTable table);
  void Note(std::string text);
  // Appends every block of `other` with its headings one level deeper, under `heading`.
  void Annex(const std::string& heading, const BriefDocument& other);
};

// Pandoc Markdown (YAML title block, pipe tables); generated text is escaped,
// a person's Markdown is kept. Same model, same bytes.
std::string RenderDocMarkdown(const BriefDocument& doc);

}  // namespace banenmonitor::report
