#include "assessment/search_paths.hpp"
#include "dxassess/engine/file_path.hpp"

#include "platform/os.hpp"
#include "plugins/file_trust.hpp"
#include "support/build_config.hpp"
#include "support/files.hpp"

#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/settings.hpp"

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace dxassess::host {
namespace fs = std::filesystem;

bool is_rule_test_file(const std::string& path) { return has_suffix(engine::file_path(path).filename().string(), ".test.toml"); }

std::string executable_dir() {
    const std::string exe = executable_path();
    return exe.empty() ? std::string(".") : engine::file_path(exe).parent_path().string();
}

namespace {
void append_env(std::vector<std::string>& out, const char* var) {
    const char* v = std::getenv(var);
    if (!v) return;
    std::stringstream ss(v);
    std::string part;
    while (std::getline(ss, part, path_list_separator()))
        if (!part.empty()) out.push_back(part);
}
}  // namespace

/// The settings files: the main one, then config.d/*.toml beside it in name order.
engine::Settings read_settings() {
    engine::Settings settings;
    const char* env = std::getenv("DXASSESS_CONFIG");
    if (env && !*env) return settings;  // DXASSESS_CONFIG="" turns the settings files off
    const fs::path main = env ? engine::file_path(env) : fs::path("/etc/dxassess/config.toml");
    std::error_code ec;
    // Settings name the directories whose code runs: only files no other user could have changed count.
    const auto trusted = [](const std::string& path) {
        if (auto why = untrusted_file(path)) throw engine::InputError(engine::Location{path}, *why);
    };
    if (fs::is_regular_file(main, ec)) {
        trusted(main.string());
        engine::load_settings(main.string(), settings);
    }
    const fs::path drop_ins = main.parent_path() / "config.d";
    if (fs::is_directory(drop_ins, ec)) trusted(drop_ins.string());
    const auto toml = [](const std::string& f) { return has_suffix(f, ".toml"); };
    for (const auto& f : files_in(drop_ins.string(), toml)) {
        trusted(f);
        engine::load_settings(f, settings);
    }
    return settings;
}

SearchPaths resolve_search_paths(const std::vector<std::string>& plugin_dirs_opt,
                                 const std::vector<std::string>& rules_dirs_opt, const std::string& lock_opt) {
    SearchPaths p;
    p.plugin_dirs = plugin_dirs_opt;
    p.rules_dirs = rules_dirs_opt;
    append_env(p.plugin_dirs, "DXASSESS_PLUGIN_PATH");
    append_env(p.rules_dirs, "DXASSESS_RULES_PATH");
    const engine::Settings settings = read_settings();
    p.plugin_dirs.insert(p.plugin_dirs.end(), settings.plugin_dirs.begin(), settings.plugin_dirs.end());
    p.rules_dirs.insert(p.rules_dirs.end(), settings.rules_dirs.begin(), settings.rules_dirs.end());
    const fs::path prefix = engine::file_path(executable_dir()).parent_path();
    p.official_manifest = (prefix / build_config::official_manifest).lexically_normal().string();
    p.plugin_dirs.push_back((prefix / build_config::plugin_subdir).lexically_normal().string());
    p.plugin_user = settings.plugin_user;
    p.rules_dirs.push_back((prefix / build_config::rules_subdir).lexically_normal().string());
    const char* lock_env = std::getenv("DXASSESS_LOCK_FILE");
    p.lock_file = !lock_opt.empty() ? lock_opt : (lock_env && *lock_env ? std::string(lock_env) : settings.lock_file);
    return p;
}

}  // namespace dxassess::host
