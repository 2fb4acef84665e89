// platform/sha256_digest.hpp with OpenSSL's libcrypto: its SHA-256 block code, which uses the
// CPU's SHA extensions.
//
// Through SHA256_Init/Update/Final, which OpenSSL 3 marks deprecated in favour of EVP, and not
// through EVP: the first EVP fetch initialises OpenSSL's providers and reads its configuration,
// about 1 ms of every start-up (5 million instructions) for nothing a digest needs; these calls
// run the same block code with no set-up at all. When OpenSSL drops them, EVP_MD_fetch once per
// process is the replacement (the unit tests' digests will say if anything differs).
#define OPENSSL_SUPPRESS_DEPRECATED
#include "platform/sha256_digest.hpp"

#include <openssl/sha.h>

#include <stdexcept>

namespace dxassess::host {

Sha256Digest::Sha256Digest() : state_(new SHA256_CTX) {
    if (SHA256_Init(static_cast<SHA256_CTX*>(state_)) != 1) {
        delete static_cast<SHA256_CTX*>(state_);
        throw std::runtime_error("SHA-256 failed");
    }
}

Sha256Digest::~Sha256Digest() { delete static_cast<SHA256_CTX*>(state_); }

void Sha256Digest::update(const void* data, std::size_t size) {
    if (SHA256_Update(static_cast<SHA256_CTX*>(state_), data, size) != 1) throw std::runtime_error("SHA-256 failed");
}

std::array<unsigned char, 32> Sha256Digest::finish() {
    std::array<unsigned char, 32> digest{};
    if (SHA256_Final(digest.data(), static_cast<SHA256_CTX*>(state_)) != 1) throw std::runtime_error("SHA-256 failed");
    return digest;
}

}  // namespace dxassess::host
