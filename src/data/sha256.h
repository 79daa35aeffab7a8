// SHA-256 of a byte stream, for the provenance of every input file (OpenSSL EVP).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace banenmonitor::data {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(const void* data, std::size_t size);
  // The lowercase hex digest of everything passed to Update. Call once.
  std::string HexDigest();

  static std::string Of(std::string_view bytes);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace banenmonitor::data
