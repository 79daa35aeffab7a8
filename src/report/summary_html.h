// A one-page HTML summary of realisation over the years: the national series
// per sector and the public subsectors in the last year, with provenance.
// (The full progress report with annexes and charts is `banenmonitor report`.)
#pragma once

#include <string>
#include <vector>

#include "banenmonitor/count.h"
#include "banenmonitor/provenance.h"

namespace banenmonitor::report {

// `years` holds one table per year (any window), in ascending year order.
std::string SummaryHtml(const std::vector<RealisationTable>& years, const Provenance& provenance);

// Escapes text for HTML element content and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace banenmonitor::report
