#include "paths.hpp"

#include "build_config.hpp"

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace dxassess::host {
namespace fs = std::filesystem;

bool is_rule_test_file(const std::string& path) {
    const std::string name = fs::path(path).filename().string();
    return name.size() > 10 && name.compare(name.size() - 10, 10, ".test.toml") == 0;
}

std::string executable_dir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string(".") : exe.parent_path().string();
}

namespace {
void append_env(std::vector<std::string>& out, const char* var) {
    const char* v = std::getenv(var);
    if (!v) return;
    std::stringstream ss(v);
    std::string part;
    while (std::getline(ss, part, ':'))
        if (!part.empty()) out.push_back(part);
}
}  // namespace

SearchPaths resolve_search_paths(const std::vector<std::string>& plugin_dirs_opt,
                                 const std::vector<std::string>& rules_dirs_opt) {
    SearchPaths p;
    p.plugin_dirs = plugin_dirs_opt;
    p.rules_dirs = rules_dirs_opt;
    append_env(p.plugin_dirs, "DXASSESS_PLUGIN_PATH");
    append_env(p.rules_dirs, "DXASSESS_RULES_PATH");
    const fs::path prefix = fs::path(executable_dir()).parent_path();
    p.plugin_dirs.push_back((prefix / build_config::plugin_subdir).lexically_normal().string());
    p.rules_dirs.push_back((prefix / build_config::rules_subdir).lexically_normal().string());
    return p;
}

}  // namespace dxassess::host
