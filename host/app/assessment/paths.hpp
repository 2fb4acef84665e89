// Where the program finds its plugins, rules and model: relative to its own executable, so an
// installed tree can be moved, with command-line options, environment variables and the per-system
// settings file (/etc/dxassess/config.toml and config.d/*.toml) adding directories before it.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace dxassess::host {

struct SearchPaths {
    std::vector<std::string> plugin_dirs;  // searched in order
    std::vector<std::string> rules_dirs;   // searched in order; model.toml is taken from the first that has it
    std::string shipped_plugin_dir;        // plugins here came with dxassess; others run isolated by default
    std::string lock_file;                 // pinned digests (dxassess plugins --lock); empty = none
};

/// The regular files in `dir` (and its subdirectories when `recursive`) that `wanted` accepts, in
/// name order; none when `dir` is not a directory.
std::vector<std::string> files_in(const std::string& dir, const std::function<bool(const std::string&)>& wanted, bool recursive = false);

/// Each path that is a directory becomes files_in(path, wanted, recursive); other paths stay as given.
std::vector<std::string> expand_paths(const std::vector<std::string>& paths, const std::function<bool(const std::string&)>& wanted,
                                      bool recursive = false);

/// Whether a file ends with `suffix` (e.g. ".toml").
bool has_suffix(const std::string& path, const std::string& suffix);

/// Whether a file is a rule-test file (*.test.toml) rather than a rule set.
bool is_rule_test_file(const std::string& path);

/// Directory of the running executable (/proc/self/exe).
std::string executable_dir();

/// Builds the search paths, in this order: `--plugin-dir` / `--rules-dir` options;
/// DXASSESS_PLUGIN_PATH / DXASSESS_RULES_PATH (colon-separated); the settings files
/// ($DXASSESS_CONFIG, default /etc/dxassess/config.toml, then config.d/*.toml beside it);
/// <exe>/../lib/dxassess/plugins and <exe>/../share/dxassess/rules. The lock file comes from
/// `lock_opt`, else DXASSESS_LOCK_FILE, else the settings. Throws engine::InputError for a bad settings file.
SearchPaths resolve_search_paths(const std::vector<std::string>& plugin_dirs_opt,
                                 const std::vector<std::string>& rules_dirs_opt, const std::string& lock_opt = "");

}  // namespace dxassess::host
