// The dashboard's prepared answers (web::PrepareAnswers) as a step of a
// command: after an import (workspace_commands.cc) and after a sector user is
// added (user_command.cc), so that the first login is answered at once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "banenmonitor/delivery.h"
#include "cli/commands.h"
#include "cli/progress.h"

namespace banenmonitor::cli {

// Prepares the answers of the workspace's latest snapshot for every principal
// that has none yet (answers already in the answers file are kept), from
// `tables` when given (the import's own tables of snapshot `snapshot`),
// otherwise read back from the workspace. A failure is said and never fails
// the command: the answers are derived, and `serve` prepares them when they
// are missing; `done` names what the command did, which stands all the same
// ("de import" / "the import", in the language of the messages). Returns what
// to say on standard error (empty: nothing).
std::string PrepareDashboardAnswers(const std::string& workspace, const GlobalOptions& global, Progress& progress,
                                    std::string_view done, std::int64_t snapshot,
                                    std::shared_ptr<const Delivery> tables);

}  // namespace banenmonitor::cli
