#include "report/external_program.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "common/lang.h"

namespace banenmonitor::report {

std::optional<std::filesystem::path> FindOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::filesystem::path candidate = std::filesystem::path(dir.empty() ? "." : dir) / program;
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec) && access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

Status RunWithInput(const std::string& command, const std::string& input, const std::string& what) {
  FILE* pipe = popen(command.c_str(), "w");
  if (pipe == nullptr) return Status::IoError(Say("{} kan niet worden gestart", "cannot start {}", what));
  const bool written = std::fwrite(input.data(), 1, input.size(), pipe) == input.size();
  const int status = pclose(pipe);
  if (!written || status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Status::IoError(Say("{} is mislukt (afsluitcode {})", "{} failed (exit status {})", what,
                               status == -1 || !WIFEXITED(status) ? -1 : WEXITSTATUS(status)));
  }
  return Status::Ok();
}

}  // namespace banenmonitor::report
