// SHA-256 with OpenSSL's libcrypto, which uses the CPU's SHA extensions where it has them: the
// national office hashes every collected report (~150 KB), and this is 4× faster than a portable
// implementation on the project's machine (docs/performance.md).
#include "sha256.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace dxassess::host {
namespace {

std::string hex(const unsigned char* digest, unsigned int size) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(2 * size);
    for (unsigned int i = 0; i < size; ++i) {
        out += digits[digest[i] >> 4];
        out += digits[digest[i] & 0xF];
    }
    return out;
}

}  // namespace

std::string sha256_hex(const std::string& bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    return hex(digest, size);
}

std::string sha256_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot read file for its SHA-256");
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) throw std::runtime_error("SHA-256 failed");
    std::array<char, 65536> buf{};
    while (in) {
        in.read(buf.data(), buf.size());
        if (EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<std::size_t>(in.gcount())) != 1) throw std::runtime_error("SHA-256 failed");
    }
    if (in.bad()) throw std::runtime_error(path + ": read error while computing its SHA-256");
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest, &size) != 1) throw std::runtime_error("SHA-256 failed");
    return hex(digest, size);
}

}  // namespace dxassess::host
