// The provenance of every table a command prints (include/banenmonitor/provenance.h):
// one JSON shape and one footer line, shared by every face.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "banenmonitor/provenance.h"

namespace banenmonitor::report {

// {"program_version", "parameter_version", "parameter_sha256", "source",
//  "files": [{"name", "sha256", "bytes", "rows"}, ...]} with the files present in the delivery,
//  and "synthetic": true when the delivery says it is synthetic (delivery.csv).
nlohmann::ordered_json ProvenanceJson(const Provenance& provenance);

// The last line of a table for reading: "Herkomst: [synthetische gegevens, ]banenmonitor V, parameters P"
// (with_source: ", bron S"), then ", FILE sha256:<first 12 hex digits>" per
// present file, and a newline.
std::string ProvenanceFooter(const Provenance& provenance, bool with_source);

}  // namespace banenmonitor::report
