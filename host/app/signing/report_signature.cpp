#include "signing/report_signature.hpp"

#include "support/json_file.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

namespace dxassess::host {
namespace {

constexpr const char* algorithm = "ed25519";

/// nlohmann::json keeps object keys in a std::map: dumped compact, its keys are in byte order.
std::string canonical_bytes(nlohmann::json report) {
    report.erase("signature");
    return report.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

}  // namespace

std::string sign_report_text(const std::string& text, const std::string& path, const SecretKey& key) {
    nlohmann::ordered_json ordered = parse_json_text(text, path);
    if (!ordered.is_object() || !ordered.contains("municipality") || !ordered["municipality"].is_object())
        throw engine::InputError(engine::Location{path}, {"レポート（report.json）ではありません", "not a report (report.json)"});
    const std::string code = ordered["municipality"].value("code", "");
    if (code != key.code)
        throw engine::InputError(engine::Location{path},
                                 {"鍵は団体コード " + key.code + " のものです。このレポートは " + code + " のものなので署名しません",
                                  "the key belongs to local government code " + key.code + "; this report is " + code + "'s, so it is not signed"});
    const std::string bytes = canonical_bytes(nlohmann::json::parse(text));
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), key.bytes.data());
    ordered["signature"] = {{"algorithm", algorithm}, {"key_id", key.public_key.key_id()}, {"public_key", key.public_key.base64()},
                            {"value", encode_base64(sig, sizeof sig)}};
    return ordered.dump(2) + "\n";
}

SignatureCheck check_report_signature(std::string_view text) {
    SignatureCheck out;
    const nlohmann::json report = nlohmann::json::parse(text, nullptr, false);
    if (!report.is_object() || !report.contains("signature")) return out;
    out.status = SignatureCheck::Status::malformed;
    const nlohmann::json& s = report["signature"];
    unsigned char sig[crypto_sign_BYTES];
    if (!s.is_object() || s.value("algorithm", "") != algorithm || !s.contains("public_key") || !s["public_key"].is_string() ||
        !s.contains("value") || !s["value"].is_string() ||
        !decode_base64(s["public_key"].get<std::string>(), out.signer.bytes.data(), out.signer.bytes.size()) ||
        !decode_base64(s["value"].get<std::string>(), sig, sizeof sig)) {
        out.problem = {"署名の形式が正しくありません（ed25519、base64 の public_key と value を期待）",
                       "the signature is malformed (expected ed25519 with base64 public_key and value)"};
        return out;
    }
    std::string bytes;
    try {
        bytes = canonical_bytes(report);
    } catch (const nlohmann::json::exception&) {
        out.problem = {"レポートに UTF-8 でない文字列があります", "the report holds a string that is not UTF-8"};
        return out;
    }
    const bool good = crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                                                  out.signer.bytes.data()) == 0;
    out.status = good ? SignatureCheck::Status::good : SignatureCheck::Status::bad;
    if (!good) out.problem = {"署名がレポートの内容と合いません（署名の後に変更されています）", "the signature does not match the report (it was changed after signing)"};
    return out;
}

}  // namespace dxassess::host
