#include "assessment/search_paths.hpp"

#include "platform/os.hpp"
#include "support/build_config.hpp"
#include "support/files.hpp"

#include "dxassess/engine/settings.hpp"

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace dxassess::host {
namespace fs = std::filesystem;

bool is_rule_test_file(const std::string& path) { return has_suffix(fs::path(path).filename().string(), ".test.toml"); }

std::string executable_dir() {
    const std::string exe = executable_path();
    return exe.empty() ? std::string(".") : fs::path(exe).parent_path().string();
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
    const fs::path main = env ? fs::path(env) : fs::path("/etc/dxassess/config.toml");
    std::error_code ec;
    if (fs::is_regular_file(main, ec)) engine::load_settings(main.string(), settings);
    const auto toml = [](const std::string& f) { return has_suffix(f, ".toml"); };
    for (const auto& f : files_in((main.parent_path() / "config.d").string(), toml)) engine::load_settings(f, settings);
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
    const fs::path prefix = fs::path(executable_dir()).parent_path();
    p.shipped_plugin_dir = (prefix / build_config::plugin_subdir).lexically_normal().string();
    p.plugin_dirs.push_back(p.shipped_plugin_dir);
    p.rules_dirs.push_back((prefix / build_config::rules_subdir).lexically_normal().string());
    const char* lock_env = std::getenv("DXASSESS_LOCK_FILE");
    p.lock_file = !lock_opt.empty() ? lock_opt : (lock_env && *lock_env ? std::string(lock_env) : settings.lock_file);
    return p;
}

}  // namespace dxassess::host
