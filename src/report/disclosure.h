// Disclosure control as the faces show it: the CBS symbols and their legend.
// What is secret is decided by analysis/disclosure.h, included here for the
// faces that lay out its result.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "analysis/disclosure.h"

namespace banenmonitor::report {

// The CBS symbols: secret, missing, provisional, nil.
inline constexpr const char* kSymbolSecret = "x";
inline constexpr const char* kSymbolMissing = ".";
inline constexpr const char* kSymbolProvisional = "*";
inline constexpr const char* kSymbolNil = "-";

// The symbol legend in Dutch, one (symbol, meaning) pair per symbol.
std::vector<std::pair<std::string, std::string>> SymbolLegend();

}  // namespace banenmonitor::report
