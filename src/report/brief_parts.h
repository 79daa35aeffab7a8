// Internals of the letter and the memo (brief.h), shared by their builders:
// the figures gathered once by the progress report's ReportContext and the
// sentences both documents use. Not for use outside src/report/.
#pragma once

#include <string>
#include <vector>

#include "report/brief.h"
#include "report/report_figures.h"

namespace banenmonitor::report::detail {

struct BriefParts {
  BriefParts(ReportContext& context, const BriefRequest& request) : c(context), r(request) {}

  ReportContext& c;
  const BriefRequest& r;
  KernFacts kern;
  ReportTable rijk_table;    // per ministry (empty rows when there is no Rijk)
  ReportTable public_table;  // per public sector

  // The Kern's figures from the protected cells of the context; BZK's figure
  // from CompareWithPreviousYear (year_on_year.h). Fails as CountJobs does.
  Status GatherKern();
  // The text of `scope`, or nullptr.
  const SectorText* TextOf(const std::string& scope) const;
  // "Eind 2023 1.234 banen tegen een opgave van 1.500: 82 %; eind 2022 1.100 banen."
  std::string SectorSentence(const std::string& scope) const;
  // The public sectors without an accepted or submitted text.
  std::vector<std::string> WithoutText() const;
  // Why cells are hidden, when some of `t` are ("" when none).
  std::string HiddenNote(const ReportTable& t) const;
  // The sector's text in `doc` (accepted as is, a submitted one marked as such),
  // or `none` as a paragraph when there is no text and `none` is not empty.
  void AddSectorText(BriefDocument& doc, const std::string& scope, const std::string& none) const;

  // An empty document with these headings, carrying the synthetic-data banner
  // when the request's data are synthetic.
  BriefDocument NewDocument(std::string file_stem, std::string title, std::string subtitle) const;
  BriefDocument Letter() const;
  BriefDocument Memo(const BriefDocument& letter) const;
  void Verantwoording(BriefDocument& doc) const;
};

// The banner of synthetic data, said on every page.
inline constexpr const char* kSyntheticBanner =
    "Synthetische gegevens: gemaakt met gegenereerde gegevens, niet met cijfers van werkgevers";

}  // namespace banenmonitor::report::detail
