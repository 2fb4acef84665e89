// Report signatures (signing/) and the office's check of who signed (office/signer_check.hpp).
#include "office/signer_check.hpp"
#include "signing/keys.hpp"
#include "signing/report_signature.hpp"

#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

using namespace dxassess::host;

namespace {

const std::string report_142018 = R"({"schema_version": "1.2", "municipality": {"code": "142018", "name": "横須賀市"},
  "overall": {"index": 70.25, "level": 3}, "areas": [{"id": "telework", "level": 3}]})";

std::string with_code(const std::string& code) {
    std::string r = report_142018;
    r.replace(r.find("142018"), 6, code);
    return r;
}

/// A key pair in a temporary folder; the secret key read back as collect's users read it.
struct Keys {
    test::TempDir dir;
    SecretKey secret;
    PublicKey pub;
    explicit Keys(const std::string& code) {
        pub = generate_key_files(code, dir.path().string());
        read_secret_key((dir.path() / (code + ".key")).string(), secret);
    }
};

SignerKey registered(const PublicKey& pub, std::string from = "2024-04-01", std::string until = "", std::string revoked = "") {
    return SignerKey{pub.code, pub.base64(), pub.key_id(), std::move(from), std::move(until), std::move(revoked), "test"};
}

NewReport header(const std::string& code) {
    NewReport r;
    r.code = code;
    r.has_signature = true;
    return r;
}

}  // namespace

TEST_CASE("a signature covers the content and its order, not the layout", "[signing]") {
    Keys k("142018");
    const std::string signed_text = sign_report_text(report_142018, "report.json", k.secret);
    CHECK(check_report_signature(signed_text).status == SignatureCheck::Status::good);
    CHECK(check_report_signature(signed_text).signer.key_id() == k.pub.key_id());

    // Re-indented: the same content, still good.
    const auto parsed = nlohmann::ordered_json::parse(signed_text);
    CHECK(check_report_signature(parsed.dump(7)).status == SignatureCheck::Status::good);
    CHECK(check_report_signature(parsed.dump()).status == SignatureCheck::Status::good);
    // Members in another order: bad; the signature not last: malformed.
    nlohmann::ordered_json reordered = parsed;
    reordered.erase("overall");
    reordered.erase("signature");
    reordered["overall"] = parsed["overall"];
    reordered["signature"] = parsed["signature"];
    CHECK(check_report_signature(reordered.dump()).status == SignatureCheck::Status::bad);
    nlohmann::ordered_json not_last = parsed;
    not_last.erase("areas");
    not_last["areas"] = parsed["areas"];
    CHECK(check_report_signature(not_last.dump()).status == SignatureCheck::Status::malformed);

    // Any value changed: bad.
    for (const auto& [from, to] : {std::pair{"70.25", "70.26"}, std::pair{"横須賀市", "横須賀巿"}, std::pair{"\"telework\"", "\"ai_rpa\""}}) {
        std::string tampered = signed_text;
        const auto at = tampered.find(from);
        REQUIRE(at != std::string::npos);
        tampered.replace(at, std::string(from).size(), to);
        CHECK(check_report_signature(tampered).status == SignatureCheck::Status::bad);
    }
    CHECK(check_report_signature(report_142018).status == SignatureCheck::Status::none);
}

TEST_CASE("a malformed signature is told from a wrong one", "[signing][errors]") {
    Keys k("142018");
    auto j = nlohmann::ordered_json::parse(sign_report_text(report_142018, "report.json", k.secret));
    j["signature"]["value"] = "not base64!";
    const SignatureCheck c = check_report_signature(j.dump());
    CHECK(c.status == SignatureCheck::Status::malformed);
    CHECK(c.problem.en.find("malformed") != std::string::npos);
    j["signature"] = "ed25519";
    CHECK(check_report_signature(j.dump()).status == SignatureCheck::Status::malformed);
}

TEST_CASE("a key signs only its own government's reports", "[signing][errors]") {
    Keys k("142018");
    try {
        sign_report_text(with_code("011002"), "other.json", k.secret);
        FAIL("signed another government's report");
    } catch (const dxassess::engine::InputError& e) {
        CHECK(e.diagnostics().front().message.en.find("belongs to local government code 142018") != std::string::npos);
    }
}

TEST_CASE("key files: owner-only secret, never overwritten, errors name the file", "[signing][errors]") {
    Keys k("142018");
    const auto secret = k.dir.path() / "142018.key";
#ifndef _WIN32  // Windows: an owner-only access list, which std::filesystem does not show
    const auto perms = std::filesystem::status(secret).permissions();
    CHECK((perms & std::filesystem::perms::group_all) == std::filesystem::perms::none);
    CHECK((perms & std::filesystem::perms::others_all) == std::filesystem::perms::none);
#endif
    CHECK_THROWS_AS(generate_key_files("142018", k.dir.path().string()), dxassess::engine::InputError);
    CHECK(read_public_key((k.dir.path() / "142018.pub").string()).bytes == k.pub.bytes);
    const std::string broken = k.dir.file("broken.key", R"({"format": "dxassess-ed25519-secret-key", "version": 1, "code": "142018", "secret_key": "AAAA"})");
    SecretKey s;
    try {
        read_secret_key(broken, s);
        FAIL("read a broken key");
    } catch (const dxassess::engine::InputError& e) {
        CHECK(e.format(dxassess::engine::Lang::en) == broken + ": the secret key is malformed (expected 64 bytes in base64)");
    }
}

TEST_CASE("the office accepts a signature only by a key registered for the report's own code and valid today", "[signing][office]") {
    Keys own("142018"), other("011002"), stray("142018");
    const std::string today = "2026-12-02";
    const SignerRegistry office({registered(own.pub), registered(other.pub)}, today);

    NewReport r = header("142018");
    CHECK_FALSE(office.check(sign_report_text(report_142018, "r", own.secret), r, true));
    CHECK(r.signer == own.pub.key_id());

    // 011002's report, validly signed with 142018's key: the key is registered, but for another code.
    SecretKey lent;
    read_secret_key((own.dir.path() / "142018.key").string(), lent);
    lent.code = "011002";  // what `sign` would refuse to do
    NewReport o = header("011002");
    const auto cross = office.check(sign_report_text(with_code("011002"), "r", lent), o, true);
    REQUIRE(cross);
    CHECK(cross->reason == "unknown_signer");
    CHECK(cross->message.en == "the signing key " + own.pub.key_id() + " is registered for 142018, not for 011002");

    NewReport s = header("142018");
    const auto unknown = office.check(sign_report_text(report_142018, "r", stray.secret), s, true);
    REQUIRE(unknown);
    CHECK(unknown->reason == "unknown_signer");

    NewReport unsigned_report = header("142018");
    unsigned_report.has_signature = false;
    CHECK(office.check(report_142018, unsigned_report, true)->reason == "unsigned");
    CHECK_FALSE(office.check(report_142018, unsigned_report, false));

    const std::string text = sign_report_text(report_142018, "r", own.secret);
    for (const auto& [key, words] : {std::pair{registered(own.pub, "2024-04-01", "", "2026-12-02"), "was revoked on 2026-12-02"},
                                     std::pair{registered(own.pub, "2024-04-01", "2026-12-01"), "expired on 2026-12-01"},
                                     std::pair{registered(own.pub, "2026-12-03"), "is valid only from 2026-12-03"}}) {
        NewReport n = header("142018");
        const auto rejection = SignerRegistry({key}, today).check(text, n, true);
        REQUIRE(rejection);
        CHECK(rejection->reason == "revoked_key");
        CHECK(rejection->message.en.find(words) != std::string::npos);
    }
    NewReport last_day = header("142018");
    CHECK_FALSE(SignerRegistry({registered(own.pub, "2024-04-01", "2026-12-02", "2026-12-03")}, today).check(text, last_day, true));
}
