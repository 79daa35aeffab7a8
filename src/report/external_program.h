// The programs the document faces run (weasyprint, pandoc): found on PATH and
// run through /bin/sh with their arguments quoted.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "banenmonitor/status.h"

namespace banenmonitor::report {

// The executable `program` on PATH, or nullopt.
std::optional<std::filesystem::path> FindOnPath(const std::string& program);

// `s` in single quotes for /bin/sh.
std::string ShellQuote(const std::string& s);

// Runs `command` (a /bin/sh command line) with `input` on its standard input.
// Fails (IoError) naming `what` and the exit status when it does not exit 0.
Status RunWithInput(const std::string& command, const std::string& input, const std::string& what);

}  // namespace banenmonitor::report
