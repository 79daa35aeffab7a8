// Disclosure control as the faces show it: the CBS symbols and their legend,
// and the disclosure control of analysis/disclosure.h (which decides what is
// secret) under the names the report layer and the faces above it use.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "analysis/disclosure.h"

namespace banenmonitor::report {

using banenmonitor::AdditiveRelation;
using banenmonitor::Disclosure;
using banenmonitor::DisclosureCell;
using banenmonitor::DisclosureOptions;
using banenmonitor::DisclosureResult;
using banenmonitor::DisclosureTable;
using banenmonitor::Protect;
using banenmonitor::RecoverableCells;

// The CBS symbols: secret, missing, provisional, nil.
inline constexpr const char* kSymbolSecret = "x";
inline constexpr const char* kSymbolMissing = ".";
inline constexpr const char* kSymbolProvisional = "*";
inline constexpr const char* kSymbolNil = "-";

// The symbol legend in Dutch, one (symbol, meaning) pair per symbol.
std::vector<std::pair<std::string, std::string>> SymbolLegend();

}  // namespace banenmonitor::report
