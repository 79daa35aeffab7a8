// The letter and the memo (docs/brief.md): the Kamerbrief on the banenafspraak
// at every government sector (the Rijk in an annex, the tables, the
// Verantwoording) and the beslisnota to the minister that covers it, built
// from the progress report's protected figures (progress_report.h), the
// sectors' own texts and the agenda of political attention.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "banenmonitor/delivery.h"
#include "banenmonitor/params.h"
#include "banenmonitor/status.h"
#include "report/brief_document.h"
#include "report/kern_prose.h"
#include "report/progress_report.h"

namespace banenmonitor::report {

// A sector's "aanpak en aandachtspunten" for the year, as the letter takes it.
struct SectorText {
  std::string scope;     // "subsector:gemeenten"
  std::string status;    // "akkoord" (accepted) or "ingediend" (submitted, not yet accepted)
  std::string markdown;  // the text as the sector wrote it
};

// One line of the agenda file (docs/brief.md §2): a debate, a question, a motion.
struct AgendaItem {
  std::string date;     // YYYY-MM-DD
  std::string subject;  // what it is
};

struct BriefRequest {
  ProgressReportRequest report;   // year, min_persons, source, recorded_at
  std::vector<SectorText> texts;  // at most one per scope
  // The agenda; nullopt: none was given (the memo says so).
  std::optional<std::vector<AgendaItem>> agenda;
  // The data are synthetic: every page says so. A delivery whose delivery.csv
  // says synthetic = 1 (also one loaded from a workspace) is so without it.
  bool synthetic = false;
  // How an auditor names the same data to `banenmonitor count`
  // ("--workspace ws --snapshot 3" or "--data levering").
  std::string recount_source;
};

struct BriefPackage {
  BriefDocument letter;
  BriefDocument memo;
  KernFacts kern;  // the figures the Kern was written from
};

// Builds the letter and the memo of `request.report.year`.
// REQUIRES: `delivery` holds the months of ProgressReportLoadOptions(request.report).
Result<BriefPackage> BuildBrief(Delivery delivery, const BriefRequest& request, const ParameterSet& parameters);

// Reads an agenda file: CSV (comma or semicolon), UTF-8, header `datum,onderwerp`,
// one row per item, the date as YYYY-MM-DD. Fails with file, line, column and what to do.
Result<std::vector<AgendaItem>> ReadAgenda(const std::filesystem::path& path);

// Writes `formats` ("md", "docx", "odt", "pdf") of both documents into `dir`:
// Markdown directly, the others through pandoc (Word and OpenDocument with the
// built-in reference documents; the PDF from pandoc's HTML by WeasyPrint as
// PDF/UA-1). `epoch` (seconds since 1970) is the time written into the files
// (SOURCE_DATE_EPOCH), so the same input gives the same bytes.
struct WrittenBrief {
  std::vector<std::filesystem::path> files;
  std::vector<Status> failures;
};
WrittenBrief WriteBriefFiles(const BriefPackage& package, const std::filesystem::path& dir,
                             const std::set<std::string>& formats, long long epoch);

// True when pandoc is on PATH.
bool PandocAvailable();

}  // namespace banenmonitor::report
