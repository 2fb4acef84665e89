// Who sent a report: its Ed25519 signature checked against the public keys the office registered
// for each 団体コード (`dxassess keys import`).
#pragma once

#include "office/report_intake.hpp"
#include "office/report_store.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dxassess::host {

class SignerRegistry {
public:
    /// `keys` as registered; `today` (YYYY-MM-DD) is the date validity and revocation are judged on.
    SignerRegistry(const std::vector<SignerKey>& keys, std::string today);

    /// A report that carries a signature must be signed, over exactly its content, by a key
    /// registered for its own code and valid today: else `bad_signature`, `unknown_signer` or
    /// `revoked_key`. An unsigned report is rejected as `unsigned` only when signatures are
    /// required. On success `report.signer` is the key id.
    std::optional<Rejection> check(std::string_view text, NewReport& report, bool required) const;

private:
    std::multimap<std::string, SignerKey> by_key_;  // public key (base64) → registrations
    std::string today_;
};

}  // namespace dxassess::host
