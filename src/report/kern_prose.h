// The Kern of the letter and the memo as prose (docs/brief.md §3-4): two
// paragraphs, one on the Rijk and one on the public sectors, written from
// figures that already went through disclosure control. The rules of the Dutch
// are the text cases of tests/cases/brief/. Numbers are written as letters
// write them: whole jobs, whole percentages with a non-breaking space before
// "%", each figure rounded once and every difference taken between the figures
// as written, and a secret figure never quoted.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "report/progress_report.h"

namespace banenmonitor::report {

// The figures of one scope ("government", "subsector:rijk", ...) per year.
struct KernScope {
  std::string scope;
  std::map<int, ReportCell> jobs;    // all jobs at the end of the year; Missing: not delivered
  std::map<int, ReportCell> target;  // the target (opgave); Missing: none
  std::map<int, ReportCell> pct;     // realisation in % of the target
};

struct KernFacts {
  int year = 0;
  long long min_persons = 10;
  std::string law;                   // the law in force in `year`, as readers name it
  KernScope government;              // all public sectors together
  std::vector<KernScope> sectors;    // the public subsectors in the letters' order (the Rijk among them)
};

// A sector is far above its target from this realisation on, far below under the other.
inline constexpr int kFarAbovePct = 125;
inline constexpr int kFarBelowPct = 75;

// The number as running text writes it: whole, Dutch thousands ("1.234"),
// "minder dan 1" for a positive figure that rounds to 0.
std::string WholeNumberText(double value);
// Jobs in running text: "1 baan", "minder dan 1 baan", "1.234 banen".
std::string JobsText(double value);
// The jobs of a figure in running text, rounded once ("onbekend" when not shown).
std::string JobsOf(const ReportCell& c);
// A whole percentage with a non-breaking space: "80 %" (U+00A0).
std::string PercentText(double pct);
// A figure in running text: WholeNumberText or PercentText, or the reader's
// wording of a secret or missing figure.
std::string FigureText(const ReportCell& c);
// The rounded value as written in running text (percentages and jobs whole).
std::optional<long long> WrittenValue(const ReportCell& c);

// The Kern's paragraphs: the Rijk's, then the public sectors'. A paragraph is
// left out when its scope has no figures.
std::vector<std::string> KernParagraphs(const KernFacts& facts);

}  // namespace banenmonitor::report
