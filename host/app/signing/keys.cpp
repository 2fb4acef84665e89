#include "signing/keys.hpp"
#include "dxassess/engine/file_path.hpp"

#include "platform/atomic_file.hpp"
#include "support/json_file.hpp"
#include "support/sha256.hpp"

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/json_input.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <filesystem>
#include <stdexcept>

namespace dxassess::host {
namespace {

using json = nlohmann::ordered_json;
constexpr const char* secret_format = "dxassess-ed25519-secret-key";
constexpr const char* public_format = "dxassess-ed25519-public-key";

void init_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

[[noreturn]] void bad_key_file(const std::string& path, const std::string& ja, const std::string& en) {
    throw engine::InputError(engine::Location{path}, {ja, en});
}

/// The key file's JSON object, its format and code checked.
json read_key_json(const std::string& path, const char* format) {
    std::string text;
    try {
        text = read_text_file(path);
    } catch (const engine::InputError&) {
        bad_key_file(path, "鍵ファイルを読めません", "cannot read the key file");
    }
    engine::check_json_depth(text, engine::Location{path});
    json j = json::parse(text, nullptr, false);
    if (!j.is_object() || j.value("format", "") != format || !(j.contains("version") && j["version"] == 1))
        bad_key_file(path, std::string("鍵ファイルではありません（") + format + " 版 1 を期待）",
                     std::string("not a key file (expected ") + format + " version 1)");
    const std::string code = j.value("code", "");
    if (!engine::valid_local_government_code(code))
        bad_key_file(path, "鍵ファイルの団体コード '" + code + "' が正しくありません", "the key file's local government code '" + code + "' is invalid");
    return j;
}

}  // namespace

std::string encode_base64(const unsigned char* bytes, std::size_t n) {
    init_sodium();
    std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

bool decode_base64(const std::string& text, unsigned char* out, std::size_t n) {
    init_sodium();
    std::size_t len = 0;
    return sodium_base642bin(out, n, text.data(), text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) == 0 && len == n;
}

std::string PublicKey::base64() const { return encode_base64(bytes.data(), bytes.size()); }

std::string PublicKey::key_id() const {
    return sha256_hex(std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size())).substr(0, 16);
}

SecretKey::~SecretKey() { sodium_memzero(bytes.data(), bytes.size()); }

PublicKey generate_key_files(const std::string& code, const std::string& dir) {
    init_sodium();
    if (!engine::valid_local_government_code(code))
        throw engine::InputError(engine::Location{"--code"}, {"全国地方公共団体コード '" + code + "' が正しくありません（6 桁、検査数字つき）",
                                                          "invalid local government code '" + code + "' (6 digits with its check digit)"});
    const std::string secret_path = (engine::file_path(dir) / (code + ".key")).string();
    const std::string public_path = (engine::file_path(dir) / (code + ".pub")).string();
    std::error_code ec;
    std::filesystem::create_directories(engine::file_path(dir), ec);  // as `assess -o DIR` does
    for (const auto& p : {secret_path, public_path})
        if (std::filesystem::exists(engine::file_path(p), ec))
            bad_key_file(p, "鍵ファイルが既にあります。上書きしません（失った秘密鍵は戻りません）",
                         "a key file is already there; it is not overwritten (a lost secret key cannot be recovered)");
    SecretKey secret;
    PublicKey pub;
    pub.code = code;
    crypto_sign_keypair(pub.bytes.data(), secret.bytes.data());
    json s = {{"format", secret_format}, {"version", 1}, {"code", code}, {"key_id", pub.key_id()},
              {"secret_key", encode_base64(secret.bytes.data(), secret.bytes.size())}};
    json p = {{"format", public_format}, {"version", 1}, {"code", code}, {"key_id", pub.key_id()}, {"public_key", pub.base64()}};
    std::string secret_text = s.dump(2) + "\n";
    // Both or neither: a public key without its secret key is of no use.
    AtomicBatch batch;
    batch.add(secret_path, secret_text, FileAccess::owner_only);
    batch.add(public_path, p.dump(2) + "\n");
    batch.commit();
    sodium_memzero(secret_text.data(), secret_text.size());
    return pub;
}

void read_secret_key(const std::string& path, SecretKey& out) {
    init_sodium();
    json j = read_key_json(path, secret_format);
    std::string b64 = j.value("secret_key", "");
    const bool ok = decode_base64(b64, out.bytes.data(), out.bytes.size());
    sodium_memzero(b64.data(), b64.size());
    if (j.contains("secret_key")) j["secret_key"] = nullptr;
    if (!ok) bad_key_file(path, "秘密鍵が正しくありません（base64 の 64 バイトを期待）", "the secret key is malformed (expected 64 bytes in base64)");
    out.code = j.value("code", "");
    out.public_key.code = out.code;
    crypto_sign_ed25519_sk_to_pk(out.public_key.bytes.data(), out.bytes.data());
}

PublicKey read_public_key(const std::string& path) {
    const json j = read_key_json(path, public_format);
    PublicKey k;
    k.code = j.value("code", "");
    if (!decode_base64(j.value("public_key", ""), k.bytes.data(), k.bytes.size()))
        bad_key_file(path, "公開鍵が正しくありません（base64 の 32 バイトを期待）", "the public key is malformed (expected 32 bytes in base64)");
    return k;
}

}  // namespace dxassess::host
