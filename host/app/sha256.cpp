#include "sha256.hpp"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace dxassess::host {
namespace {

std::string hex(const unsigned char* digest) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < crypto_hash_sha256_BYTES; ++i) {
        out += digits[digest[i] >> 4];
        out += digits[digest[i] & 0xF];
    }
    return out;
}

}  // namespace

std::string sha256_hex(const std::string& bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return hex(digest);
}

std::string sha256_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot read file for its SHA-256");
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::array<char, 65536> buf{};
    while (in) {
        in.read(buf.data(), buf.size());
        crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buf.data()), static_cast<unsigned long long>(in.gcount()));
    }
    if (in.bad()) throw std::runtime_error(path + ": read error while computing its SHA-256");
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    return hex(digest);
}

}  // namespace dxassess::host
