#include "data/sha256.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace banenmonitor::data {

struct Sha256::Impl {
  EVP_MD_CTX* ctx = nullptr;
  bool done = false;
  std::string digest;
};

Sha256::Sha256() : impl_(std::make_unique<Impl>()) {
  impl_->ctx = EVP_MD_CTX_new();
  if (impl_->ctx == nullptr || EVP_DigestInit_ex(impl_->ctx, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL: cannot initialise SHA-256");
  }
}

Sha256::~Sha256() { EVP_MD_CTX_free(impl_->ctx); }

void Sha256::Update(const void* data, std::size_t size) {
  if (size > 0) EVP_DigestUpdate(impl_->ctx, data, size);
}

std::string Sha256::HexDigest() {
  if (!impl_->done) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(impl_->ctx, md, &len);
    static constexpr char kHex[] = "0123456789abcdef";
    impl_->digest.reserve(len * 2);
    for (unsigned int i = 0; i < len; ++i) {
      impl_->digest.push_back(kHex[md[i] >> 4]);
      impl_->digest.push_back(kHex[md[i] & 15]);
    }
    impl_->done = true;
  }
  return impl_->digest;
}

std::string Sha256::Of(std::string_view bytes) {
  Sha256 h;
  h.Update(bytes.data(), bytes.size());
  return h.HexDigest();
}

}  // namespace banenmonitor::data
