#include "data/delivery_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/lang.h"

namespace banenmonitor::data {

DeliveryFileHandle& DeliveryFileHandle::operator=(DeliveryFileHandle&& other) noexcept {
  if (this != &other) {
    Close();
    fd_ = other.fd_;
    stat_ = other.stat_;
    other.fd_ = -1;
  }
  return *this;
}

void DeliveryFileHandle::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

namespace {

DeliveryFileError NotRegular(std::string message) {
  return DeliveryFileError{DeliveryFileError::Kind::kNotRegular, std::move(message)};
}

// What a file that is not a regular file is, and what to do instead.
DeliveryFileError RefusalOf(mode_t mode) {
  if (S_ISLNK(mode)) {
    return NotRegular(Say("is een symbolische koppeling (symlink) en wordt niet gelezen (verwacht een gewoon bestand: "
                          "kopieer het bestand zelf in de leveringsmap)",
                          "is a symbolic link and is not read (expected a regular file: copy the file itself into "
                          "the delivery directory)"));
  }
  if (S_ISDIR(mode)) {
    return NotRegular(Say("is een map, geen bestand (verwacht een CSV-bestand met die naam)",
                          "is a directory, not a file (expected a CSV file of that name)"));
  }
  if (S_ISFIFO(mode)) {
    return NotRegular(Say("is een named pipe (FIFO) en wordt niet gelezen (verwacht een gewoon bestand: sla de "
                          "levering op als bestanden)",
                          "is a named pipe (FIFO) and is not read (expected a regular file: save the delivery as "
                          "files)"));
  }
  if (S_ISCHR(mode) || S_ISBLK(mode)) {
    return NotRegular(Say("is een apparaatbestand en wordt niet gelezen (verwacht een gewoon bestand)",
                          "is a device and is not read (expected a regular file)"));
  }
  return NotRegular(Say("is geen gewoon bestand en wordt niet gelezen (verwacht een CSV-bestand)",
                        "is not a regular file and is not read (expected a CSV file)"));
}

}  // namespace

std::expected<DeliveryFileHandle, DeliveryFileError> OpenDeliveryFile(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) return std::unexpected(DeliveryFileError{DeliveryFileError::Kind::kMissing, ""});
    struct stat st {};
    // O_NOFOLLOW fails with ELOOP on a symbolic link (also a dangling one).
    if (err == ELOOP && ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
      return std::unexpected(RefusalOf(st.st_mode));
    }
    return std::unexpected(DeliveryFileError{DeliveryFileError::Kind::kUnreadable,
                                             Say("kan het bestand niet openen: {}", "cannot open the file: {}",
                                                 std::strerror(err))});
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return std::unexpected(DeliveryFileError{DeliveryFileError::Kind::kUnreadable,
                                             Say("kan het bestand niet openen: {}", "cannot open the file: {}",
                                                 std::strerror(err))});
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return std::unexpected(RefusalOf(st.st_mode));
  }
  // A regular file: blocking reads from here on (O_NONBLOCK only kept a named pipe from blocking the open).
  int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return DeliveryFileHandle(fd, st);
}

}  // namespace banenmonitor::data
