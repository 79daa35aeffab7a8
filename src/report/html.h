// Small HTML helpers shared by the HTML faces (progress report, dashboard).
#pragma once

#include <string>
#include <string_view>

namespace banenmonitor::report {

// Escapes text for HTML (and SVG/XML) element content and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace banenmonitor::report
