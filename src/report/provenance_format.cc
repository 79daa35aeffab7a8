#include "report/provenance_format.h"

#include <fmt/format.h>

namespace banenmonitor::report {

nlohmann::ordered_json ProvenanceJson(const Provenance& provenance) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& f : provenance.files) {
    if (!f.present) continue;
    files.push_back({{"name", f.name}, {"sha256", f.sha256}, {"bytes", f.bytes}, {"rows", f.rows}});
  }
  nlohmann::ordered_json out = {{"program_version", provenance.program_version},
                                 {"parameter_version", provenance.parameter_version},
                                 {"parameter_sha256", provenance.parameter_sha256},
                                 {"source", provenance.source},
                                 {"files", std::move(files)}};
  if (provenance.synthetic) out["synthetic"] = true;
  return out;
}

std::string ProvenanceFooter(const Provenance& provenance, bool with_source) {
  std::string out = fmt::format("Herkomst: {}banenmonitor {}, parameters {}",
                                provenance.synthetic ? "synthetische gegevens, " : "", provenance.program_version,
                                provenance.parameter_version);
  if (with_source) out += fmt::format(", bron {}", provenance.source);
  for (const auto& f : provenance.files) {
    if (f.present) out += fmt::format(", {} sha256:{}", f.name, f.sha256.substr(0, 12));
  }
  out += "\n";
  return out;
}

}  // namespace banenmonitor::report
