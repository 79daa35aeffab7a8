// banenmonitor rekey WS: rotates the pseudonymisation key of a workspace
// (Workspace::Rekey; why and how: docs/security.md).
#include <fmt/format.h>

#include "banenmonitor/workspace.h"
#include "cli/commands.h"
#include "cli/source.h"

namespace banenmonitor::cli {

namespace {

int RunRekey(const std::string& dir) {
  auto ws = Workspace::Open(dir);
  if (!ws) return ReportStatus(ws.error());
  auto result = ws->Rekey();
  if (!result) return ReportStatus(result.error());
  fmt::print("Sleutel van {} vernieuwd (generatie {}, vingerafdruk {}): {} pseudoniemen en {} rijen in quarantaine "
             "opnieuw gepseudonimiseerd, in één transactie.\n",
             dir, result->generation, result->fingerprint, result->persons, result->quarantine_rows);
  fmt::print("De nieuwe sleutel staat in {}. Vervang elke kopie van de oude sleutel door deze: de oude sleutel "
             "alleen koppelt niets meer aan deze werkruimte.\n",
             result->key_file);
  if (!result->caches_left.empty()) {
    fmt::print(stderr,
               "Let op: de kolomcache in {}/cache (met de oude pseudoniemen) kon niet worden verwijderd ({}). Hij "
               "wordt niet meer gelezen; verwijder de map zelf, of draai rekey opnieuw.\n",
               dir, result->caches_left);
  }
  return 0;
}

void AddRekeyOptions(CLI::App* cmd, std::string& dir) { AddWorkspaceArgument(cmd, dir); }

}  // namespace

BANENMONITOR_COMMAND(
    25, "rekey",
    Help("Vernieuw de pseudonimiseringssleutel van een werkruimte: pseudonimiseer elke snapshot en elke rij in "
         "quarantaine opnieuw in één transactie, en vervang dan het sleutelbestand (docs/security.md)",
         "Rotate the pseudonymisation key of a workspace: re-pseudonymise every snapshot and quarantined row in "
         "one transaction, then replace the key file (docs/security.md)"),
    AddRekeyOptions, RunRekey);

}  // namespace banenmonitor::cli
