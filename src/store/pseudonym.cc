#include "store/pseudonym.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "banenmonitor/delivery.h"

namespace banenmonitor::store {

namespace {

constexpr std::string_view kDomain = "banenmonitor/person/v1:";

std::string ToHex(const unsigned char* bytes, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 15]);
  }
  return out;
}

bool EnsureSodium() { return sodium_init() >= 0; }

}  // namespace

Status Pseudonymiser::CreateKeyFile(const std::filesystem::path& path) {
  if (!EnsureSodium()) return Status::Internal("libsodium could not be initialised");
  unsigned char key[kKeyBytes];
  randombytes_buf(key, sizeof key);
  std::string hex = ToHex(key, sizeof key) + "\n";
  sodium_memzero(key, sizeof key);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::IoError(fmt::format("{}: cannot create the key file: {}", path.string(), std::strerror(errno)));
  ssize_t written = ::write(fd, hex.data(), hex.size());
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  sodium_memzero(hex.data(), hex.size());
  if (written != static_cast<ssize_t>(kKeyBytes * 2 + 1) || !synced) {
    return Status::IoError(fmt::format("{}: cannot write the key file", path.string()));
  }
  return Status::Ok();
}

Result<Pseudonymiser> Pseudonymiser::FromKeyFile(const std::filesystem::path& path) {
  if (!EnsureSodium()) return Fail(Status::Internal("libsodium could not be initialised"));
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return Fail(Status::NotFound(fmt::format("{}: the pseudonymisation key file is missing ({})", path.string(),
                                             std::strerror(errno))));
  }
  if ((st.st_mode & 077) != 0) {
    return Fail(Status::InvalidInput(fmt::format(
        "{}: the key file may be read by others (mode {:o}); make it private with: chmod 600 {}", path.string(),
        st.st_mode & 0777, path.string())));
  }
  std::ifstream in(path);
  std::string hex;
  in >> hex;
  if (hex.size() != kKeyBytes * 2) {
    return Fail(Status::InvalidInput(fmt::format("{}: not a key file (expected {} hex digits)", path.string(), kKeyBytes * 2)));
  }
  std::string key(kKeyBytes, '\0');
  std::size_t bin_len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), hex.data(), hex.size(), nullptr,
                     &bin_len, nullptr) != 0 ||
      bin_len != kKeyBytes) {
    return Fail(Status::InvalidInput(fmt::format("{}: not a key file (expected hex digits)", path.string())));
  }
  sodium_memzero(hex.data(), hex.size());
  return FromKey(key);
}

Pseudonymiser Pseudonymiser::FromKey(std::string_view key_bytes) {
  EnsureSodium();
  Pseudonymiser p;
  p.key_ = std::string(key_bytes);
  return p;
}

std::string Pseudonymiser::Hash(std::string_view id) const {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key_.data()), key_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(kDomain.data()), kDomain.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(id.data()), id.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  return ToHex(mac, sizeof mac);
}

std::string Pseudonymiser::PersonId(std::string_view id) const {
  return LooksLikeBsn(id) ? Hash(id) : std::string(id);
}

std::string Pseudonymiser::KeyFingerprint() const {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(key_.data()), key_.size(), nullptr, 0);
  return ToHex(digest, 4);
}

}  // namespace banenmonitor::store
