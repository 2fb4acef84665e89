#include "dxassess/engine/settings.hpp"
#include "dxassess/engine/file_path.hpp"

#include "toml_support.hpp"

#include <filesystem>

namespace dxassess::engine {

void load_settings(const std::string& path, Settings& into) {
    namespace fs = std::filesystem;
    const toml::table root = parse_toml(read_input_file(path), path);
    std::vector<Diagnostic> errors;
    FieldReader r(root, path, "設定ファイル", "settings file", errors);
    const fs::path base = file_path(path).parent_path();
    const auto resolve = [&](const std::string& p) { return (file_path(p).is_absolute() ? file_path(p) : base / file_path(p)).lexically_normal().string(); };
    const auto dirs = [&](const char* key, std::vector<std::string>& out) {
        const toml::array* arr = r.array(key);
        if (!arr) return;
        for (const toml::node& n : *arr) {
            if (const auto s = n.value<std::string>()) out.push_back(resolve(*s));
            else errors.push_back({location_of(path, n), {std::string(key) + " の要素はディレクトリのパス（文字列）です",
                                                          std::string(key) + ": each entry must be a directory path (string)"}});
        }
    };
    dirs("plugin_dirs", into.plugin_dirs);
    dirs("rules_dirs", into.rules_dirs);
    if (auto lock = r.string("lock_file")) into.lock_file = resolve(*lock);
    if (auto user = r.string("plugin_user")) into.plugin_user = *user;
    r.reject_unknown_keys();
    if (!errors.empty()) throw InputError(std::move(errors));
}

}  // namespace dxassess::engine
