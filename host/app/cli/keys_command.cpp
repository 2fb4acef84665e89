// `dxassess keys generate --code CODE [-o DIR]` and `dxassess sign REPORT.json --key KEY`: a
// municipality's key pair, and its signature on a report it has written.
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "platform/atomic_file.hpp"
#include "signing/keys.hpp"
#include "signing/report_signature.hpp"
#include "support/exit_codes.hpp"
#include "support/json_file.hpp"
#include "dxassess/engine/file_path.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <filesystem>
#include <iostream>

namespace dxassess::host {

int run_keys_generate(const GlobalOptions& g, const std::string& code, const std::string& dir) {
    const engine::Lang lang = g.lang;
    try {
        const PublicKey pub = generate_key_files(code, dir);
        const auto file = [&](const char* ext) { return (engine::file_path(dir) / (code + ext)).string(); };
        std::cout << tr(lang, "鍵を作りました: ", "generated key ") << pub.key_id() << " (" << code << ")\n"
                  << tr(lang, "  秘密鍵（他人に渡さない。本人だけが読めます）: ", "  secret key (keep it; readable by you only): ") << file(".key") << "\n"
                  << tr(lang, "  公開鍵（国の集計担当に送る）: ", "  public key (send it to the national office): ") << file(".pub") << "\n";
        return exit_ok;
    } catch (const engine::InputError& e) {
        return input_error(e, lang);
    }  // a file that cannot be written is exit 1, as for assess (main.cpp)
}

int run_sign(const GlobalOptions& g, const std::string& report, const std::string& key_file) {
    const engine::Lang lang = g.lang;
    try {
        SecretKey key;
        read_secret_key(key_file, key);
        write_file_atomically(report, sign_report_text(read_text_file(report), report, key));
        std::cout << tr(lang, "署名しました: ", "signed: ") << report << " (" << key.public_key.key_id() << ")\n";
        return exit_ok;
    } catch (const engine::InputError& e) {
        return input_error(e, lang);
    }  // a file that cannot be written is exit 1, as for assess (main.cpp)
}

}  // namespace dxassess::host
