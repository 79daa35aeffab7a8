// Opening a file of a delivery: one function that every
// reader of a delivery file uses (the validator's TableFile, the workspace's
// content hash and its check that nothing changed during an import).
//
// A delivery file must be a regular file. A symbolic link is refused (it may
// point at anything readable by the user: the workspace's key, a file of
// another delivery), and so are a named pipe (reading it would block the
// program), a device, a socket and a directory. The delivery directory itself
// may be a symbolic link, and so may the directories above it: only the last
// component of a file's path is checked (docs/security.md).
#pragma once

#include <sys/stat.h>

#include <expected>
#include <filesystem>
#include <string>

namespace banenmonitor::data {

// An open file descriptor and what fstat said of it; closed on destruction.
class DeliveryFileHandle {
 public:
  DeliveryFileHandle() = default;
  DeliveryFileHandle(int fd, const struct stat& st) : fd_(fd), stat_(st) {}
  ~DeliveryFileHandle() { Close(); }
  DeliveryFileHandle(DeliveryFileHandle&& other) noexcept : fd_(other.fd_), stat_(other.stat_) { other.fd_ = -1; }
  DeliveryFileHandle& operator=(DeliveryFileHandle&& other) noexcept;
  DeliveryFileHandle(const DeliveryFileHandle&) = delete;
  DeliveryFileHandle& operator=(const DeliveryFileHandle&) = delete;

  int fd() const { return fd_; }
  // The file's status at the moment it was opened (always a regular file).
  const struct stat& stat() const { return stat_; }
  // Gives up the descriptor (the caller closes it, e.g. through fdopen).
  int Release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void Close();

 private:
  int fd_ = -1;
  struct stat stat_ {};
};

struct DeliveryFileError {
  enum class Kind {
    kMissing,     // there is no file of that name
    kNotRegular,  // a symbolic link, named pipe, device, socket or directory: refused unread
    kUnreadable,  // the operating system refused to open it (permissions, I/O error)
  };
  Kind kind = Kind::kMissing;
  // What is wrong and what to do, in the message language (src/common/lang.h),
  // without the path: "is a symbolic link; ...". Empty for kMissing.
  std::string message;
  // The finding kind for it: "not-a-regular-file" or "unreadable-file".
  const char* finding_kind() const { return kind == Kind::kNotRegular ? "not-a-regular-file" : "unreadable-file"; }
};

// Opens `path` for reading with O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC
// (a named pipe opens at once without a writer, a symbolic link not at all),
// fstats the descriptor and refuses anything that is not a regular file, then
// switches the descriptor back to blocking reads. Read the file through the
// returned descriptor only: the name may meanwhile point at something else.
std::expected<DeliveryFileHandle, DeliveryFileError> OpenDeliveryFile(const std::filesystem::path& path);

}  // namespace banenmonitor::data
