#include "report/progress_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "common/number_format.h"
#include "report/report_figures.h"

namespace banenmonitor::report {

ReportCell ReportCell::Text(std::string text) {
  ReportCell c;
  c.text = std::move(text);
  return c;
}

std::string DisplayFixed(const ReportCell& c) {
  if (!c.is_number || c.secret || c.nil || !c.value) return "";
  return c.exact ? FixedRatio(c.exact->num, c.exact->den, c.decimals) : Fixed(*c.value, c.decimals);
}

std::string DisplayDutch(const ReportCell& c) {
  if (!c.is_number) return c.text;
  if (c.secret) return kSymbolSecret;
  if (c.nil) return kSymbolNil;
  if (!c.value) return kSymbolMissing;
  return DutchFromFixed(DisplayFixed(c)) + (c.percent ? " %" : "");
}

LoadOptions ProgressReportLoadOptions(const ProgressReportRequest& request) {
  LoadOptions load;
  load.first_month = MakeMonth(std::min(request.first_year - 1, request.year - 2), 1);
  load.last_month = MakeMonth(request.year, 12);
  return load;
}

Result<ProgressReport> BuildProgressReport(Delivery delivery, const ProgressReportRequest& request,
                                           const ParameterSet& parameters) {
  detail::ReportContext c(delivery, request, parameters);
  if (Status s = c.Gather(); !s.ok()) return Fail(s);
  const int Y = c.Y;
  ProgressReport report;
  report.year = Y;
  report.title = fmt::format("Voortgang banenafspraak {}", Y);
  report.recorded_at = request.recorded_at;
  report.min_persons = request.min_persons;
  report.provenance = Provenance{ProgramVersion(), parameters.version(), parameters.sha256(), request.source, delivery.files,
                                 delivery.manifest.synthetic};

  report.sections.push_back(c.Kern());
  if (c.has_rijk) report.sections.push_back(c.Rijk());
  using Builder = ReportSection (detail::ReportContext::*)();
  for (Builder section : {&detail::ReportContext::PublicSectors, &detail::ReportContext::Trends,
                          &detail::ReportContext::Quarters, &detail::ReportContext::RegionsAndGrounds,
                          &detail::ReportContext::VsPreviousYear, &detail::ReportContext::LawChange,
                          &detail::ReportContext::Quality, &detail::ReportContext::Accountability}) {
    report.sections.push_back((c.*section)());
  }
  report.disclosure = std::move(c.b.table());
  report.protection = std::move(c.b.result());
  return report;
}

}  // namespace banenmonitor::report
