// Detached Ed25519 signatures inside a JSON report. The signature covers the report's canonical
// bytes: the report without its "signature" member, minified — every space and line break outside
// strings removed (simdjson::minify), members in the order written. The signature is always the
// report's last member. Re-indenting the file keeps the signature valid; changing any value, or the
// order of members, breaks it. Checking costs a pass over the bytes, not a parse into a tree: the
// office checks every report it collects.
#pragma once

#include "signing/keys.hpp"

#include "dxassess/engine/text.hpp"

#include <string>
#include <string_view>

namespace dxassess::host {

/// The report's text with a "signature" member added (or replaced) as its last member: algorithm,
/// key id, public key and the signature value, all base64. Throws engine::InputError naming `path`
/// when the text is not a report, or when the key belongs to another government than the report's
/// municipality.
std::string sign_report_text(const std::string& text, const std::string& path, const SecretKey& key);

/// What a report's signature says.
struct SignatureCheck {
    enum class Status { none, malformed, bad, good } status = Status::none;
    PublicKey signer;      // the key named in the signature (when bad or good)
    engine::Text problem;  // why malformed or bad
};

/// Checks the signature a report carries against the key it names (whether that key belongs to
/// the report's municipality is the office's check). `text` is a JSON document (collect has parsed
/// it). Never throws on bad input.
SignatureCheck check_report_signature(std::string_view text);

}  // namespace dxassess::host
