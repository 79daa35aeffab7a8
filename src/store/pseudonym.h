// Pseudonymisation at the door (AVG/GDPR art. 4(5) and 9: disability data is
// special-category data). A BSN never enters the store: it is replaced by
// HMAC-SHA-256 under the workspace's secret key, with a fixed domain prefix.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "banenmonitor/status.h"

namespace banenmonitor::store {

class Pseudonymiser {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // Creates a new random key file (mode 0600); fails when it already exists.
  static Status CreateKeyFile(const std::filesystem::path& path);
  // Reads a key file; refuses one that others than the owner may read.
  static Result<Pseudonymiser> FromKeyFile(const std::filesystem::path& path);
  static Pseudonymiser FromKey(std::string_view key_bytes);

  // The pseudonym of a person id: a valid-looking BSN (9 digits) becomes the
  // hex HMAC-SHA-256 of "banenmonitor/person/v1:" + id; any other id is taken
  // as already pseudonymised and returned unchanged.
  std::string PersonId(std::string_view id) const;
  // The HMAC of any 9-digit value, whether or not it passes the elfproef (for
  // quarantined rows, which keep no raw BSN either).
  std::string Hash(std::string_view id) const;

  // A short fingerprint of the key (not the key), to tell keys apart in messages.
  std::string KeyFingerprint() const;

 private:
  std::string key_;
};

}  // namespace banenmonitor::store
