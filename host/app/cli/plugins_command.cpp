// `dxassess plugins [--lock FILE] [--check]`: the plugins found and refused, and the lock file.
#include "cli/commands.hpp"

#include "assessment/lock_file.hpp"
#include "cli/command_support.hpp"
#include "platform/atomic_file.hpp"
#include "support/exit_codes.hpp"

#include <iostream>

namespace dxassess::host {

using engine::Lang;

int run_plugins(const GlobalOptions& g, const std::string& write_lock, bool check) {
    const Lang lang = g.lang;
    try {
        const SearchPaths paths = search_paths(g);
        const Installation inst(paths, g.run);
        std::cout << tr(lang, "プラグインの検索場所:", "plugin directories:") << "\n";
        for (const auto& d : paths.plugin_dirs) std::cout << "  " << d << "\n";
        if (inst.registry().plugins().empty()) std::cout << tr(lang, "プラグインが見つかりません", "no plugins found") << "\n";
        for (const auto& p : inst.registry().plugins()) {
            if (p.loaded)
                std::cout << "[" << tr(lang, "読込済", "loaded") << "] " << p.id << " " << p.version << "  area=" << p.area << "  abi="
                          << p.abi_major << "." << p.abi_minor << (p.official ? tr(lang, "  （公式）", "  (official)") : tr(lang, "  （分離して実行）", "  (isolated)"))
                          << (p.concurrent ? tr(lang, "  （並行実行可）", "  (concurrent)") : "") << "  "
                          << p.name.in(lang) << "\n      " << p.file << "\n      sha256 " << p.sha256 << "\n";
            else
                std::cout << "[" << tr(lang, "拒否", "refused") << "] " << p.file << "\n      " << p.reason.in(lang) << "\n";
        }
        int failed = 0;
        for (const auto& a : inst.areas()) {
            if (a.rules) continue;
            ++failed;
            std::cout << "[" << tr(lang, "評価不可", "cannot score") << "] " << a.area() << "\n      " << a.failure.in(lang) << "\n";
        }
        if (!write_lock.empty()) {
            write_file_atomically(write_lock, render_lock(inst));
            std::cout << tr(lang, "ロックファイルを書きました: ", "wrote the lock file: ") << write_lock << "\n";
        }
        if (check) {
            for (const auto& p : inst.registry().plugins()) failed += p.loaded ? 0 : 1;
            if (paths.lock_file.empty()) {
                std::cerr << tr(lang, "--check にはロックファイルが必要です（--lock-file、DXASSESS_LOCK_FILE、設定ファイルの lock_file）",
                                "--check needs a lock file (--lock-file, DXASSESS_LOCK_FILE or lock_file in the settings)") << "\n";
                return exit_input;
            }
            std::cout << (failed ? tr(lang, "ロックファイルと一致しないものがあります: ", "does not match the lock file: ")
                                 : tr(lang, "ロックファイルと一致しました: ", "matches the lock file: "))
                      << paths.lock_file << "\n";
            return failed ? exit_area_missing : exit_ok;
        }
        // A refused plugin or an area that cannot be scored is the installation's problem: say so in the exit code.
        return failed || inst.registry().any_refused() ? exit_area_missing : exit_ok;
    } catch (const engine::InputError& e) {
        return input_error(e, lang);
    }
}

}  // namespace dxassess::host
