// A municipality's Ed25519 key pair (libsodium) and its key files. The secret key signs the
// municipality's reports (`assess --sign`, `dxassess sign`); the public key is registered with the
// national office (`dxassess keys import`), which checks the signatures when it collects.
#pragma once

#include <array>
#include <string>

namespace dxassess::host {

/// A public key: who it belongs to and its bytes.
struct PublicKey {
    std::string code;                    // 全国地方公共団体コード of the owner
    std::array<unsigned char, 32> bytes{};
    std::string base64() const;
    /// First 16 hex digits of the SHA-256 of the key: a short name printed and stored with reports.
    std::string key_id() const;
};

/// A secret key. Its bytes are wiped when it goes; it is never printed or logged.
class SecretKey {
public:
    SecretKey() = default;
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;
    ~SecretKey();

    std::string code;
    PublicKey public_key;
    std::array<unsigned char, 64> bytes{};  // libsodium's Ed25519 secret key (seed and public key)
};

/// Writes DIR/CODE.key (the secret key, readable by its owner only) and DIR/CODE.pub. Refuses to
/// overwrite an existing key file (a lost secret key cannot be recovered). Returns the public key.
/// Throws engine::InputError naming the file.
PublicKey generate_key_files(const std::string& code, const std::string& dir);

/// Reads a key file written by generate_key_files. Throws engine::InputError naming the file and
/// what is wrong (never its content).
void read_secret_key(const std::string& path, SecretKey& out);
PublicKey read_public_key(const std::string& path);

/// Decodes standard base64 into exactly `n` bytes; false when it is not that.
bool decode_base64(const std::string& text, unsigned char* out, std::size_t n);
std::string encode_base64(const unsigned char* bytes, std::size_t n);

}  // namespace dxassess::host
