#include "report/disclosure.h"

namespace banenmonitor::report {

std::vector<std::pair<std::string, std::string>> SymbolLegend() {
  return {
      {kSymbolSecret, "geheim: gebaseerd op te weinig personen, of verborgen zodat een geheim cijfer niet terug te rekenen is"},
      {kSymbolMissing, "gegevens ontbreken"},
      {kSymbolProvisional, "voorlopig cijfer"},
      {kSymbolNil, "nihil"},
  };
}

}  // namespace banenmonitor::report
