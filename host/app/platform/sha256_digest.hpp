// SHA-256 from the system's fastest implementation: OpenSSL's libcrypto on POSIX (it uses the
// CPU's SHA extensions), Windows' BCrypt on Windows (no OpenSSL to ship). support/sha256.hpp builds
// the program's hashing of texts and files on it.
#pragma once

#include <array>
#include <cstddef>

namespace dxassess::host {

class Sha256Digest {
public:
    Sha256Digest();  // throws std::runtime_error when the system cannot hash
    ~Sha256Digest();
    Sha256Digest(const Sha256Digest&) = delete;
    Sha256Digest& operator=(const Sha256Digest&) = delete;

    void update(const void* data, std::size_t size);
    /// The digest of everything updated; the object is used up.
    std::array<unsigned char, 32> finish();

private:
    void* state_ = nullptr;
};

}  // namespace dxassess::host
