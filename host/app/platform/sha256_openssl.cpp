// platform/sha256_digest.hpp with OpenSSL's libcrypto (EVP).
#include "platform/sha256_digest.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace dxassess::host {

namespace {

/// SHA-256 fetched from OpenSSL's providers once, as OpenSSL 3 advises: with EVP_sha256() every
/// EVP_DigestInit_ex looks the implementation up again (about 0.15 µs of a 0.8 µs digest of 1 KB;
/// collect makes one per report). The first fetch initialises OpenSSL (about 5 million instructions,
/// a third of it reading its configuration), whichever way. Kept for the process.
const EVP_MD* sha256() {
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

}  // namespace

Sha256Digest::Sha256Digest() : state_(EVP_MD_CTX_new()) {
    if (!state_ || !sha256() || EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(state_), sha256(), nullptr) != 1) {
        EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(state_));
        throw std::runtime_error("SHA-256 failed");
    }
}

Sha256Digest::~Sha256Digest() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(state_)); }

void Sha256Digest::update(const void* data, std::size_t size) {
    if (EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(state_), data, size) != 1) throw std::runtime_error("SHA-256 failed");
}

std::array<unsigned char, 32> Sha256Digest::finish() {
    std::array<unsigned char, 32> digest{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(state_), digest.data(), &size) != 1 || size != digest.size())
        throw std::runtime_error("SHA-256 failed");
    return digest;
}

}  // namespace dxassess::host
