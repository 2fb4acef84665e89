// SHA-256 of texts and files, on platform/sha256_digest.hpp: OpenSSL's libcrypto on Linux, which
// uses the CPU's SHA extensions where it has them (the national office hashes every collected
// report, ~150 KB; 4× faster than a portable implementation, docs/performance.md), BCrypt on Windows.
#include "support/sha256.hpp"

#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/file_path.hpp"

#include "platform/os.hpp"
#include "platform/sha256_digest.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace dxassess::host {
namespace {

std::string hex(const std::array<unsigned char, 32>& digest) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(2 * digest.size());
    for (std::size_t i = 0; i < digest.size(); ++i) {
        out += digits[digest[i] >> 4];
        out += digits[digest[i] & 0xF];
    }
    return out;
}

}  // namespace

std::string sha256_hex(const std::string& bytes) {
    Sha256Digest digest;
    digest.update(bytes.data(), bytes.size());
    return hex(digest.finish());
}

std::string sha256_file(const std::string& path) {
    std::ifstream in(engine::file_path(path), std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot read file for its SHA-256");
    Sha256Digest digest;
    std::array<char, 65536> buf{};
    while (in) {
        in.read(buf.data(), buf.size());
        digest.update(buf.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) throw std::runtime_error(path + ": read error while computing its SHA-256");
    return hex(digest.finish());
}

void HashedFile::read(const std::string& path, std::size_t spare, std::size_t limit) {
    const auto unreadable = [&] {
        return engine::InputError(engine::Location{path}, {"ファイルが見つからないか読めません", "file not found or unreadable"});
    };
    std::error_code ec;
    if (!std::filesystem::is_regular_file(engine::file_path(path), ec)) throw unreadable();  // never a FIFO or a device
    const std::unique_ptr<std::FILE, decltype(&std::fclose)> file(open_file(path, "rb"), &std::fclose);
    if (!file) throw unreadable();
    std::setvbuf(file.get(), nullptr, _IONBF, 0);  // each piece is read straight into the buffer
    Sha256Digest digest;
    constexpr std::size_t piece = 64 * 1024;  // fits in L2: hashed right after it is read
    size_ = 0;
    for (;;) {
        if (buffer_.size() < size_ + piece + spare) buffer_.resize(std::max(size_ + piece + spare, 2 * buffer_.size()));
        const std::size_t got = std::fread(buffer_.data() + size_, 1, piece, file.get());
        if (std::ferror(file.get())) throw unreadable();
        if (got == 0) break;
        digest.update(buffer_.data() + size_, got);
        size_ += got;
        if (size_ > limit) throw engine::file_too_large(path, 0, limit);
    }
    std::fill_n(buffer_.data() + size_, spare, '\0');
    sha256_ = hex(digest.finish());
}

}  // namespace dxassess::host
