// platform/sha256_digest.hpp with Windows' BCrypt (CNG).
#include "platform/sha256_digest.hpp"

#include <windows.h>
#include <bcrypt.h>

#include <stdexcept>

namespace dxassess::host {
namespace {

struct State {
    BCRYPT_ALG_HANDLE algorithm = nullptr;
    BCRYPT_HASH_HANDLE hash = nullptr;
};

void check(NTSTATUS status) {
    if (!BCRYPT_SUCCESS(status)) throw std::runtime_error("SHA-256 failed");
}

}  // namespace

Sha256Digest::Sha256Digest() {
    auto* s = new State;
    state_ = s;
    if (!BCRYPT_SUCCESS(::BCryptOpenAlgorithmProvider(&s->algorithm, BCRYPT_SHA256_ALGORITHM, nullptr, 0)) ||
        !BCRYPT_SUCCESS(::BCryptCreateHash(s->algorithm, &s->hash, nullptr, 0, nullptr, 0, 0))) {
        this->~Sha256Digest();
        throw std::runtime_error("SHA-256 failed");
    }
}

Sha256Digest::~Sha256Digest() {
    auto* s = static_cast<State*>(state_);
    if (!s) return;
    if (s->hash) ::BCryptDestroyHash(s->hash);
    if (s->algorithm) ::BCryptCloseAlgorithmProvider(s->algorithm, 0);
    delete s;
    state_ = nullptr;
}

void Sha256Digest::update(const void* data, std::size_t size) {
    auto* s = static_cast<State*>(state_);
    const auto* bytes = static_cast<const unsigned char*>(data);
    while (size > 0) {  // BCryptHashData takes a ULONG length
        const ULONG piece = static_cast<ULONG>(size > 0x40000000 ? 0x40000000 : size);
        check(::BCryptHashData(s->hash, const_cast<PUCHAR>(bytes), piece, 0));
        bytes += piece;
        size -= piece;
    }
}

std::array<unsigned char, 32> Sha256Digest::finish() {
    std::array<unsigned char, 32> digest{};
    check(::BCryptFinishHash(static_cast<State*>(state_)->hash, digest.data(), static_cast<ULONG>(digest.size()), 0));
    return digest;
}

}  // namespace dxassess::host
