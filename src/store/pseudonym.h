// Pseudonymisation at the door (AVG/GDPR art. 4(5) and 9: disability data is
// special-category data). A BSN never enters the store: it is replaced by
// HMAC-SHA-256 under the workspace's secret key, with a fixed domain prefix.
//
// Key rotation (`banenmonitor rekey`, docs/security.md). A pseudonym cannot be
// turned back into a BSN, so a new key cannot be applied to the BSNs behind
// the stored pseudonyms. Instead every rotation wraps the pseudonym once more:
//   p1 = HMAC(k1, "banenmonitor/person/v1:" + BSN)
//   pN = HMAC(kN, "banenmonitor/person/rekey/v1:" + p(N-1))     (N = 2, 3, ...)
// The key file holds the chain k1..kN, oldest first, one key per line (hex); a
// file of one line is generation 1, as written before rotation existed. New
// deliveries get the full chain, so they link to the rotated pseudonyms. What
// rotation buys: whoever obtained an older key file (k1..k(N-1)) can no longer
// test guessed BSNs against the store, because that needs kN too.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "banenmonitor/status.h"

namespace banenmonitor::store {

class Pseudonymiser {
 public:
  static constexpr std::size_t kKeyBytes = 32;
  static constexpr std::size_t kPseudonymChars = 64;  // hex of HMAC-SHA-256

  // Creates a new random key file (mode 0600, generation 1); fails when it already exists.
  static Status CreateKeyFile(const std::filesystem::path& path);
  // Reads a key file; refuses one that others than the owner may read.
  static Result<Pseudonymiser> FromKeyFile(const std::filesystem::path& path);
  static Pseudonymiser FromKey(std::string_view key_bytes);

  // The pseudonym of a person id in canonical form (data/person_id.h): a BSN
  // (9 digits) becomes the pseudonym of the chain above; a pseudonymised id (64
  // hex digits) is returned unchanged (lower case). A BSN in another form (not
  // canonical: 12345672, 1234.56.782) becomes the pseudonym of its canonical
  // form; any other text is returned unchanged.
  std::string PersonId(std::string_view id) const;
  // The pseudonym of any 9-digit value, whether or not it passes the elfproef
  // (for quarantined rows, which keep no raw BSN either).
  std::string Hash(std::string_view id) const;

  // True for text this class produces as a pseudonym (64 lower-case hex
  // digits). Rotation re-pseudonymises exactly these; an id delivered already
  // pseudonymised in this very form cannot be told apart (docs/security.md).
  static bool IsPseudonym(std::string_view text);

  // A new chain: this one plus a fresh random key (generation + 1).
  Pseudonymiser WithNewKey() const;
  // One rotation step under the newest key: p(N-1) -> pN (see above). Only
  // meaningful on a chain of generation >= 2.
  std::string Rewrap(std::string_view previous_pseudonym) const;
  // Writes the chain to `path` (mode 0600, created new, fsynced). Fails when it exists.
  Status WriteKeyFile(const std::filesystem::path& path) const;

  int generation() const { return static_cast<int>(keys_.size()); }
  // A short fingerprint of the key chain (not the key), to tell keys apart in messages.
  std::string KeyFingerprint() const;
  // A longer fingerprint of the chain, recorded in the store to check that a
  // key file belongs to the workspace. A hash of 256 random bits: it tells
  // nothing about the key.
  std::string StoreFingerprint() const;

 private:
  std::vector<std::string> keys_;  // raw key bytes, oldest first
};

}  // namespace banenmonitor::store
