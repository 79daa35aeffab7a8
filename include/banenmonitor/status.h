// Status and Result: how banenmonitor reports expected failures.
//
// Modelled on LevelDB's Status: a cheap value that is either OK or carries a
// code and a message meant for the person at the terminal. Functions that can
// fail for reasons outside the program (a missing file, bad input) return a
// Status or a Result<T>; exceptions are kept for what must abort the run.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace banenmonitor {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidInput,  // the delivery breaks the data contract (exit code 2)
    kNotFound,      // a file, workspace or snapshot that is not there
    kIoError,       // the operating system refused a read or write
    kUsage,         // the command line asks for something impossible
    kInternal,      // a bug: an invariant of the program does not hold
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string msg) { return Status(Code::kInvalidInput, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status IoError(std::string msg) { return Status(Code::kIoError, std::move(msg)); }
  static Status Usage(std::string msg) { return Status(Code::kUsage, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // The process exit code a command should end with for this status:
  // 0 ok, 2 invalid input, 64 usage, 1 anything else.
  int exit_code() const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
using Result = std::expected<T, Status>;

inline std::unexpected<Status> Fail(Status s) { return std::unexpected<Status>(std::move(s)); }

}  // namespace banenmonitor
