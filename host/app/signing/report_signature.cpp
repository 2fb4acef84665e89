#include "signing/report_signature.hpp"

#include "support/json_file.hpp"
#include "support/sha256.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>
#include <sodium.h>

#include <optional>

namespace dxassess::host {
namespace {

constexpr const char* algorithm = "ed25519";
constexpr std::string_view member = ",\"signature\":{";  // how the last member begins, minified

/// The minified text, in a buffer each thread reuses (collect checks report after report).
std::string* minified(std::string_view text) {
    thread_local std::string out;  // its capacity stays: no allocation after the largest report
    out.resize(text.size());
    std::size_t len = 0;
    if (simdjson::minify(text.data(), text.size(), out.data(), len) != simdjson::SUCCESS) return nullptr;
    out.resize(len);
    return &out;
}

/// What is signed: the SHA-256 of the canonical bytes, named (hash, then sign: the digest is fast
/// with the CPU's SHA instructions, the Ed25519 hash over a large report is not).
std::string message(const std::string& canonical) { return "dxassess report signature v1\n" + sha256_hex(canonical); }

bool verify(const std::string& canonical, const unsigned char* sig, const PublicKey& key) {
    const std::string m = message(canonical);
    return crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(m.data()), m.size(), key.bytes.data()) == 0;
}

}  // namespace

std::string sign_report_text(const std::string& text, const std::string& path, const SecretKey& key) {
    nlohmann::ordered_json report = parse_json_text(text, path);
    if (!report.is_object() || !report.contains("municipality") || !report["municipality"].is_object())
        throw engine::InputError(engine::Location{path}, {"レポート（report.json）ではありません", "not a report (report.json)"});
    const std::string code = report["municipality"].value("code", "");
    if (code != key.code)
        throw engine::InputError(engine::Location{path},
                                 {"鍵は団体コード " + key.code + " のものです。このレポートは " + code + " のものなので署名しません",
                                  "the key belongs to local government code " + key.code + "; this report is " + code + "'s, so it is not signed"});
    report.erase("signature");
    const std::string* canonical = minified(report.dump(2));
    if (!canonical) throw engine::InputError(engine::Location{path}, {"レポートを正規化できません", "the report cannot be put in canonical form"});
    const std::string m = message(*canonical);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(m.data()), m.size(), key.bytes.data());
    report["signature"] = {{"algorithm", algorithm}, {"key_id", key.public_key.key_id()}, {"public_key", key.public_key.base64()},
                           {"value", encode_base64(sig, sizeof sig)}};
    return report.dump(2) + "\n";
}

SignatureCheck check_report_signature(std::string_view text) {
    SignatureCheck out;
    std::string* min = minified(text);
    const std::size_t at = min ? min->rfind(member) : std::string::npos;
    if (at == std::string::npos) {
        if (min && min->find("\"signature\":") == std::string::npos) return out;  // unsigned
        out.status = SignatureCheck::Status::malformed;
        out.problem = {"署名はレポートの最後の項目でなければなりません", "the signature must be the report's last member"};
        return out;
    }
    out.status = SignatureCheck::Status::malformed;
    // The signature object holds only short strings: it ends at its first brace, and the report right after it.
    const std::size_t open = at + member.size() - 1, close = min->find('}', open);
    if (close == std::string::npos || close + 2 != min->size() || min->back() != '}') {
        out.problem = {"署名はレポートの最後の項目でなければなりません", "the signature must be the report's last member"};
        return out;
    }
    const nlohmann::json s = nlohmann::json::parse(min->substr(open, close - open + 1), nullptr, false);
    unsigned char sig[crypto_sign_BYTES];
    if (!s.is_object() || s.value("algorithm", "") != algorithm || !s.contains("public_key") || !s["public_key"].is_string() ||
        !s.contains("value") || !s["value"].is_string() ||
        !decode_base64(s["public_key"].get<std::string>(), out.signer.bytes.data(), out.signer.bytes.size()) ||
        !decode_base64(s["value"].get<std::string>(), sig, sizeof sig)) {
        out.problem = {"署名の形式が正しくありません（ed25519、base64 の public_key と value を期待）",
                       "the signature is malformed (expected ed25519 with base64 public_key and value)"};
        return out;
    }
    min->resize(at + 1);  // the canonical bytes: the report up to its signature, closed (in place)
    (*min)[at] = '}';
    const bool good = verify(*min, sig, out.signer);
    out.status = good ? SignatureCheck::Status::good : SignatureCheck::Status::bad;
    if (!good) out.problem = {"署名がレポートの内容と合いません（署名の後に変更されています）", "the signature does not match the report (it was changed after signing)"};
    return out;
}

}  // namespace dxassess::host
