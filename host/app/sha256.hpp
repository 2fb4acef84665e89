// SHA-256 digests for report provenance and collection (OpenSSL libcrypto).
#pragma once

#include <string>

namespace dxassess::host {

/// Lower-case hex SHA-256 of a byte string.
std::string sha256_hex(const std::string& bytes);

/// Lower-case hex SHA-256 of a file's contents; throws std::runtime_error naming the file.
std::string sha256_file(const std::string& path);

}  // namespace dxassess::host
