#include "store/pseudonym.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "banenmonitor/delivery.h"
#include "common/lang.h"
#include "data/person_id.h"

namespace banenmonitor::store {

namespace {

constexpr std::string_view kDomain = "banenmonitor/person/v1:";
constexpr std::string_view kRekeyDomain = "banenmonitor/person/rekey/v1:";
constexpr std::string_view kFingerprintDomain = "banenmonitor/key-fingerprint/v1:";

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

std::string Hmac(const std::string& key, std::string_view domain, std::string_view text) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(domain.data()), domain.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  sodium_memzero(&state, sizeof state);
  return ToHex(mac, sizeof mac);
}

std::string Fingerprint(const std::vector<std::string>& keys, std::size_t bytes) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, bytes);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(kFingerprintDomain.data()),
                            kFingerprintDomain.size());
  for (const auto& k : keys) {
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(k.data()), k.size());
  }
  unsigned char digest[crypto_generichash_BYTES_MAX];
  crypto_generichash_final(&state, digest, bytes);
  return ToHex(digest, bytes);
}

}  // namespace

Status Pseudonymiser::CreateKeyFile(const std::filesystem::path& path) {
  if (!EnsureSodium()) {
    return Status::Internal(
        std::string(Pick("libsodium kon niet worden gestart", "libsodium could not be initialised")));
  }
  return Pseudonymiser().WithNewKey().WriteKeyFile(path);
}

Pseudonymiser Pseudonymiser::WithNewKey() const {
  EnsureSodium();
  Pseudonymiser next = *this;
  std::string key(kKeyBytes, '\0');
  randombytes_buf(key.data(), key.size());
  next.keys_.push_back(std::move(key));
  return next;
}

Status Pseudonymiser::WriteKeyFile(const std::filesystem::path& path) const {
  std::string text;
  for (const auto& k : keys_) text += ToHex(reinterpret_cast<const unsigned char*>(k.data()), k.size()) + "\n";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    sodium_memzero(text.data(), text.size());
    return Status::IoError(Say("{}: het sleutelbestand kan niet worden aangemaakt: {}",
                               "{}: cannot create the key file: {}", path.string(), std::strerror(errno)));
  }
  ssize_t written = ::write(fd, text.data(), text.size());
  int write_errno = errno;
  bool synced = ::fsync(fd) == 0;
  bool closed = ::close(fd) == 0;
  bool complete = written == static_cast<ssize_t>(text.size());
  sodium_memzero(text.data(), text.size());
  if (!complete || !synced || !closed) {
    std::error_code ec;
    std::filesystem::remove(path, ec);  // never leave half a key behind
    return Status::IoError(Say("{}: het sleutelbestand kan niet worden geschreven: {}",
                               "{}: cannot write the key file: {}", path.string(),
                               std::strerror(complete ? errno : (written < 0 ? write_errno : ENOSPC))));
  }
  // The new directory entry must be durable too.
  int dir = ::open(path.parent_path().empty() ? "." : path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Status::Ok();
}

Result<Pseudonymiser> Pseudonymiser::FromKeyFile(const std::filesystem::path& path) {
  if (!EnsureSodium()) {
    return Fail(
        Status::Internal(std::string(Pick("libsodium kon niet worden gestart", "libsodium could not be initialised"))));
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return Fail(Status::NotFound(Say("{}: het sleutelbestand voor pseudonimisering ontbreekt ({})",
                                     "{}: the pseudonymisation key file is missing ({})", path.string(),
                                     std::strerror(errno))));
  }
  if ((st.st_mode & 077) != 0) {
    return Fail(Status::InvalidInput(
        Say("{}: het sleutelbestand is ook door anderen te lezen (modus {:o}); maak het privé met: chmod 600 {}",

            "{}: the key file may be read by others (mode {:o}); make it private with: chmod 600 {}", path.string(),
            st.st_mode & 0777, path.string())));
  }
  std::ifstream in(path);
  if (!in) {
    return Fail(Status::IoError(Say("{}: het sleutelbestand kan niet worden gelezen: {}",
                                    "{}: cannot read the key file: {}", path.string(), std::strerror(errno))));
  }
  Pseudonymiser p;
  std::string hex;
  while (in >> hex) {
    std::string key(kKeyBytes, '\0');
    std::size_t bin_len = 0;
    bool ok = hex.size() == kKeyBytes * 2 &&
              sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), hex.data(), hex.size(), nullptr,
                             &bin_len, nullptr) == 0 &&
              bin_len == kKeyBytes;
    sodium_memzero(hex.data(), hex.size());
    if (!ok) {
      // The message never repeats the file's content: it is the secret.
      return Fail(Status::InvalidInput(
          Say("{}: geen sleutelbestand (verwacht regels van {} hexadecimale cijfers, één per sleutelgeneratie)",
              "{}: not a key file (expected lines of {} hex digits, one per key generation)", path.string(),
              kKeyBytes * 2)));
    }
    p.keys_.push_back(std::move(key));
  }
  if (p.keys_.empty()) {
    return Fail(Status::InvalidInput(Say("{}: geen sleutelbestand (het is leeg; verwacht {} hexadecimale cijfers)",
                                         "{}: not a key file (it is empty; expected {} hex digits)", path.string(),
                                         kKeyBytes * 2)));
  }
  return p;
}

Pseudonymiser Pseudonymiser::FromKey(std::string_view key_bytes) {
  EnsureSodium();
  Pseudonymiser p;
  p.keys_.emplace_back(key_bytes);
  return p;
}

std::string Pseudonymiser::Hash(std::string_view id) const {
  std::string h = Hmac(keys_.front(), kDomain, id);
  for (std::size_t i = 1; i < keys_.size(); ++i) h = Hmac(keys_[i], kRekeyDomain, h);
  return h;
}

std::string Pseudonymiser::Rewrap(std::string_view previous_pseudonym) const {
  return Hmac(keys_.back(), kRekeyDomain, previous_pseudonym);
}

std::string Pseudonymiser::PersonId(std::string_view id) const {
  if (LooksLikeBsn(id)) return Hash(id);
  // The validator hands on canonical ids only (data/person_id.h); should a BSN
  // in another form reach this point all the same, it is pseudonymised in its
  // canonical form, never stored as it came.
  std::string buffer;
  data::PersonIdClass c = data::ClassifyPersonId(id, buffer);
  if (c.kind == data::PersonIdKind::kBsn || c.kind == data::PersonIdKind::kBadBsn) return Hash(c.canonical);
  if (c.kind == data::PersonIdKind::kPseudonym) return std::string(c.canonical);
  return std::string(id);
}

bool Pseudonymiser::IsPseudonym(std::string_view text) {
  return text.size() == kPseudonymChars &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string Pseudonymiser::KeyFingerprint() const { return Fingerprint(keys_, 4); }

std::string Pseudonymiser::StoreFingerprint() const { return Fingerprint(keys_, 16); }

}  // namespace banenmonitor::store
