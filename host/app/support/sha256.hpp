// SHA-256 digests for report provenance and collection (platform/sha256_digest.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dxassess::host {

/// Lower-case hex SHA-256 of a byte string.
std::string sha256_hex(const std::string& bytes);

/// Lower-case hex SHA-256 of a file's contents; throws std::runtime_error naming the file.
std::string sha256_file(const std::string& path);

/// A file's bytes and their SHA-256, hashed piece by piece as they are read, while each piece is
/// still in the CPU cache (collect hashes every report it reads). One object reads file after file
/// into the same buffer, which only grows: no allocation or zero-filling per file.
class HashedFile {
public:
    /// Reads a whole file and hashes it, keeping at least `spare` zero bytes after the text.
    /// Throws engine::InputError naming the file when it cannot be read or is larger than `limit`.
    void read(const std::string& path, std::size_t spare = 0, std::size_t limit = SIZE_MAX);
    std::string_view text() const { return {buffer_.data(), size_}; }
    /// Bytes after the text that belong to the buffer (simdjson reads up to 64 past the end).
    std::size_t spare() const { return buffer_.size() - size_; }
    const std::string& sha256() const { return sha256_; }

private:
    std::vector<char> buffer_;
    std::size_t size_ = 0;
    std::string sha256_;
};

}  // namespace dxassess::host
