#include "office/signer_check.hpp"

#include "signing/report_signature.hpp"

namespace dxassess::host {

SignerRegistry::SignerRegistry(const std::vector<SignerKey>& keys, std::string today) : today_(std::move(today)) {
    for (const auto& k : keys) by_key_.emplace(k.public_key, k);
}

std::optional<Rejection> SignerRegistry::check(std::string_view text, NewReport& report, bool required) const {
    if (!report.has_signature) {
        if (!required) return std::nullopt;
        return Rejection{"unsigned", {"署名がありません（--require-signature）: assess --sign か dxassess sign で署名してから提出",
                                      "the report is not signed (--require-signature): sign it with assess --sign or dxassess sign before submitting"}};
    }
    const SignatureCheck c = check_report_signature(text);
    if (c.status != SignatureCheck::Status::good) return Rejection{"bad_signature", c.problem};
    const std::string id = c.signer.key_id();
    const auto [first, last] = by_key_.equal_range(c.signer.base64());
    const SignerKey* own = nullptr;
    std::string others;
    for (auto it = first; it != last; ++it) {
        if (it->second.code == report.code) own = &it->second;
        else others += (others.empty() ? "" : ", ") + it->second.code;
    }
    if (!own) {
        if (!others.empty())
            return Rejection{"unknown_signer", {"署名した鍵 " + id + " は団体コード " + others + " のもので、" + report.code + " のものではありません",
                                                "the signing key " + id + " is registered for " + others + ", not for " + report.code}};
        return Rejection{"unknown_signer", {"署名した鍵 " + id + " は登録されていません（dxassess keys import）",
                                            "the signing key " + id + " is not registered (dxassess keys import)"}};
    }
    if (!own->revoked_on.empty() && today_ >= own->revoked_on)
        return Rejection{"revoked_key", {"署名した鍵 " + id + " は " + own->revoked_on + " に失効しています", "the signing key " + id + " was revoked on " + own->revoked_on}};
    if (today_ < own->valid_from)
        return Rejection{"revoked_key", {"署名した鍵 " + id + " は " + own->valid_from + " から有効です", "the signing key " + id + " is valid only from " + own->valid_from}};
    if (!own->valid_until.empty() && today_ > own->valid_until)
        return Rejection{"revoked_key", {"署名した鍵 " + id + " の有効期限は " + own->valid_until + " でした", "the signing key " + id + " expired on " + own->valid_until}};
    report.signer = id;
    return std::nullopt;
}

}  // namespace dxassess::host
