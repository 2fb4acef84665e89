// SHA-256 with OpenSSL's libcrypto, which uses the CPU's SHA extensions where it has them: the
// national office hashes every collected report (~150 KB), and this is 4× faster than a portable
// implementation on the project's machine (docs/performance.md).
#include "support/sha256.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
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

void HashedFile::read(const std::string& path, std::size_t spare, std::size_t limit) {
    const auto unreadable = [&] {
        return engine::InputError(engine::Location{path}, {"ファイルが見つからないか読めません", "file not found or unreadable"});
    };
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw unreadable();  // never a FIFO or a device
    const std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) throw unreadable();
    std::setvbuf(file.get(), nullptr, _IONBF, 0);  // each piece is read straight into the buffer
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) throw std::runtime_error("SHA-256 failed");
    constexpr std::size_t piece = 64 * 1024;  // fits in L2: hashed right after it is read
    size_ = 0;
    for (;;) {
        if (buffer_.size() < size_ + piece + spare) buffer_.resize(std::max(size_ + piece + spare, 2 * buffer_.size()));
        const std::size_t got = std::fread(buffer_.data() + size_, 1, piece, file.get());
        if (std::ferror(file.get())) throw unreadable();
        if (got == 0) break;
        if (EVP_DigestUpdate(ctx.get(), buffer_.data() + size_, got) != 1) throw std::runtime_error("SHA-256 failed");
        size_ += got;
        if (size_ > limit) throw engine::file_too_large(path, 0, limit);
    }
    std::fill_n(buffer_.data() + size_, spare, '\0');
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_size = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest, &digest_size) != 1) throw std::runtime_error("SHA-256 failed");
    sha256_ = hex(digest, digest_size);
}

}  // namespace dxassess::host
